import DataLoader from "dataloader";
import { createBorrowerLoaders } from "../modules/borrowers/borrower.loaders.js";
import { createBorrowerContactLoaders } from "../modules/communications/borrower-contacts.loaders.js";
import { createContactLoaders } from "../modules/contacts/contact.loaders.js";
import { createLoan360Loaders } from "../modules/loan-360/loan-360.loaders.js";
import { createLoanLoaders } from "../modules/loans/loan.loaders.js";
import { createLoanArrearsLoaders } from "../modules/loans/loan-arrears.loaders.js";
import { createOpenPromiseLoaders } from "../modules/promises/open-promise.loaders.js";
import { createRecommendationLoaders } from "../modules/recommendations/recommendation.loaders.js";
import { createPropensityLoaders } from "../modules/scoring/propensity-score.loaders.js";
import { createRiskScoreLoaders } from "../modules/scoring/risk-score.loaders.js";
import type { Team } from "../modules/users/user.types.js";
import type { Services } from "./services.js";

/** Loaders live for one request (or one subscription operation): cached rows never cross users. */
export function createLoaders(services: Services) {
  return {
    ...createLoanLoaders(services.loanRepository),
    ...createLoanArrearsLoaders(services.db),
    ...createLoan360Loaders(services.db),
    ...createBorrowerLoaders(services.db),
    ...createRiskScoreLoaders(services.db),
    ...createPropensityLoaders(services.pool),
    ...createRecommendationLoaders(services.db),
    ...createOpenPromiseLoaders(services.db),
    ...createBorrowerContactLoaders(
      services.pool,
      async () => (await services.policies.active()).contactRules,
    ),
    ...createContactLoaders(services.db),
    teamById: new DataLoader<string, Team>(async (ids) => {
      const rows = new Map((await services.users.findTeamsByIds(ids)).map((t) => [t.id, t]));
      return ids.map((id) => rows.get(id) ?? new Error(`No team ${id}`));
    }),
  };
}

type Loaders = ReturnType<typeof createLoaders>;

// Fills in what core declares empty, so that modules get the real types without importing app/.
declare module "../core/app/app-context.js" {
  interface AppServices extends Services {}
  interface RequestLoaders extends Loaders {}
}

export type { GraphQLContext } from "../core/app/app-context.js";
