import type { FastifyInstance } from "fastify";
import type { AppServices } from "../../core/app/app-context.js";

export function registerHealthRoutes(app: FastifyInstance, services: AppServices) {
  app.get(
    "/health",
    {
      config: { public: true },
      schema: {
        tags: ["health"],
        summary: "Liveness and readiness: database and model status (public; holds no data)",
      },
    },
    async (_req, reply) => {
      const started = performance.now();
      let database: { ok: boolean; latencyMs?: number; error?: string };
      try {
        await services.db.$queryRawUnsafe("SELECT 1");
        database = { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
      } catch {
        database = { ok: false, error: "database unreachable" };
      }
      const model = services.models.status();
      // Without a database nothing works (503); without a model, everything but scoring does ("degraded").
      const status = !database.ok ? "down" : model.state === "loaded" ? "ok" : "degraded";
      return reply.code(database.ok ? 200 : 503).send({ status, database, model });
    },
  );
}
