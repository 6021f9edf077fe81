import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { AppServices } from "../../core/app/app-context.js";
import { errorBody } from "../../core/http/documented-responses.js";
import { entityId } from "../../core/validation/domain-values.js";
import { API_KEY_SCOPES } from "../api-keys/api-key.scopes.js";
import { type LoanHistoryInput, loanHistorySchema } from "./loan-history.schema.js";

/** A posted history whose payments contradict each other (see checkHistoryConsistency). */
export const inconsistentHistoryAnswer = errorBody.meta({
  description: "The history's payments contradict each other: the message names them",
});

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
        body: loanHistorySchema,
        response: { 422: inconsistentHistoryAnswer },
      },
      config: { apiKeyScope: API_KEY_SCOPES.predict },
    },
    async (req) => {
      const history = services.features.checkedHistory(req.body as LoanHistoryInput);
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
        params: z.object({ loanId: entityId("a loan") }),
        response: { 404: errorBody.meta({ description: "No loan has this id, or you may not see it" }) },
      },
      config: { apiKeyScope: API_KEY_SCOPES.readLoans },
    },
    async (req) =>
      services.features.forLoan(req.principal as NonNullable<typeof req.principal>, req.params.loanId),
  );
}
