import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { AppServices } from "../../core/app/app-context.js";
import { forbidden } from "../../core/errors/app-error.js";
import type { ModelStatus } from "../scoring/model-registry.js";

type Part = "database" | "model";

async function databaseCheck(
  services: AppServices,
): Promise<{ ok: boolean; latencyMs?: number; error?: string }> {
  const started = performance.now();
  try {
    await services.db.$queryRawUnsafe("SELECT 1");
    return { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/** The model as anyone may see it: its state and version, never a path or an error text. */
function publicModel(status: ModelStatus) {
  if (status.state !== "loaded") return { ok: false, state: status.state };
  if (status.reloadError) return { ok: false, state: "reload-failed", version: status.version };
  return { ok: true, state: status.state, version: status.version };
}

const readiness = z.object({
  status: z.enum(["ok", "unavailable"]),
  failing: z.array(z.enum(["database", "model"])),
  database: z.object({ ok: z.boolean(), latencyMs: z.number().optional() }),
  model: z.object({ ok: z.boolean(), state: z.string(), version: z.string().optional() }),
});

export function registerHealthRoutes(app: FastifyInstance, services: AppServices) {
  app.get(
    "/health/live",
    {
      config: { public: true },
      schema: {
        tags: ["health"],
        summary: "Liveness: 200 while the process runs (public; restart it only when this fails)",
        response: { 200: z.object({ status: z.literal("alive") }) },
      },
    },
    async () => ({ status: "alive" }),
  );

  app.get(
    "/health",
    {
      config: { public: true },
      schema: {
        tags: ["health"],
        summary:
          "Readiness: 200 when the database answers and the model serves as last deployed; 503 naming the failing parts (public; holds no data)",
        response: {
          200: readiness.meta({ description: "Ready" }),
          503: readiness.meta({ description: "Not ready: `failing` names the parts" }),
        },
      },
    },
    async (_req, reply) => {
      const db = await databaseCheck(services);
      const model = publicModel(services.models.status());
      // A model that failed to reload still serves the previous one, but not what was deployed: an operator
      // must look, so the instance is not ready.
      const failing: Part[] = [
        ...(db.ok ? [] : ["database" as const]),
        ...(model.ok ? [] : ["model" as const]),
      ];
      return reply.code(failing.length === 0 ? 200 : 503).send({
        status: failing.length === 0 ? "ok" : "unavailable",
        failing,
        database: db.ok ? { ok: true, latencyMs: db.latencyMs } : { ok: false },
        model,
      });
    },
  );

  app.get(
    "/health/details",
    {
      schema: {
        tags: ["health"],
        summary: "Readiness with the failures' own messages (model folder, load errors): administrators only",
      },
    },
    async (req) => {
      if (req.principal?.kind !== "user" || req.principal.role !== "ADMIN")
        throw forbidden("Only administrators see the health details");
      return {
        database: await databaseCheck(services),
        model: services.models.status(),
        // Optional models: without one, its score is left out, and the instance stays ready.
        collectionModels: services.collectionModels.status(),
      };
    },
  );
}
