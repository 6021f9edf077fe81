import type { FastifyInstance } from "fastify";
import type { AppServices } from "../../core/app/app-context.js";
import { API_KEY_SCOPES } from "../api-keys/api-key.scopes.js";

export function registerFeatureRoutes(app: FastifyInstance, services: AppServices) {
  app.get(
    "/features",
    {
      schema: {
        tags: ["features"],
        summary: "The model's features: names, descriptions, types, valid ranges, in model order",
      },
      config: { apiKeyScope: API_KEY_SCOPES.predict },
    },
    async () => services.features.catalogue(),
  );

  app.post(
    "/features",
    {
      schema: {
        tags: ["features"],
        summary: "The feature vector of a posted loan history (nothing is stored)",
        body: {
          type: "object",
          description: "asOfDate, loan, borrower, schedule, payments, contacts?, promises?",
        },
      },
      config: { apiKeyScope: API_KEY_SCOPES.predict },
    },
    async (req) => {
      const history = services.features.parseHistory(req.body);
      return { asOfDate: history.asOfDate, features: services.features.forHistory(history) };
    },
  );

  app.get<{ Params: { loanId: string } }>(
    "/features/:loanId",
    {
      schema: {
        tags: ["features"],
        summary:
          "The feature vector of a stored loan as of its portfolio's date (API keys: scope read:loans)",
      },
      config: { apiKeyScope: API_KEY_SCOPES.readLoans },
    },
    async (req) =>
      services.features.forLoan(req.principal as NonNullable<typeof req.principal>, req.params.loanId),
  );
}
