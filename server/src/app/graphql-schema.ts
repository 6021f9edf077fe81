import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { type AuthChecker, buildSchema } from "type-graphql";
import { auditMutations } from "../core/graphql/audit-mutations.middleware.js";
import { applyToMutations } from "../core/graphql/mutation-middleware.js";
import { type AppPubSub, createAppPubSub } from "../core/pubsub/pubsub.js";
import { AuthResolver } from "../modules/auth/auth.resolver.js";
import { BorrowerResolver } from "../modules/borrowers/borrower.resolver.js";
import { ContactResolver } from "../modules/contacts/contact.resolver.js";
import { ContactPreferencesResolver } from "../modules/contacts/contact-preferences.resolver.js";
import { DashboardResolver } from "../modules/dashboard/dashboard.resolver.js";
import { EscalationResolver } from "../modules/escalations/escalation.resolver.js";
import { LiveEventsResolver } from "../modules/live/live-events.resolver.js";
import { Loan360Resolver } from "../modules/loan-360/loan-360.resolver.js";
import { LoanResolver } from "../modules/loans/loan.resolver.js";
import { OutboundMessageResolver } from "../modules/messaging/outbound-message.resolver.js";
import { PortfolioResolver } from "../modules/portfolio/portfolio.resolver.js";
import { ArrangementResolver } from "../modules/promises/arrangement.resolver.js";
import { PromiseResolver } from "../modules/promises/promise.resolver.js";
import { LoanRecommendationResolver } from "../modules/recommendations/loan-recommendation.resolver.js";
import { PolicyResolver } from "../modules/recommendations/policy.resolver.js";
import { RecommendationResolver } from "../modules/recommendations/recommendation.resolver.js";
import { LoanScoreResolver } from "../modules/scoring/loan-score.resolver.js";
import { ModelHealthResolver } from "../modules/scoring/model-health.resolver.js";
import { RescoreLoanResolver } from "../modules/scoring/rescore-loan.resolver.js";
import { TaskResolver } from "../modules/tasks/task.resolver.js";
import { UserResolver } from "../modules/users/user.resolver.js";
import { UserAdminResolver } from "../modules/users/user-admin.resolver.js";
import { WorklistResolver } from "../modules/worklist/worklist.resolver.js";
import type { GraphQLContext } from "./graphql-context.js";

// Every operation is already authenticated when the context is built; `@Authorized(roles)` narrows by role.
const authChecker: AuthChecker<GraphQLContext> = ({ context }, roles) =>
  roles.length === 0 || roles.includes(context.principal.role);

export const resolvers = [
  UserResolver,
  UserAdminResolver,
  LoanResolver,
  PortfolioResolver,
  Loan360Resolver,
  BorrowerResolver,
  LoanScoreResolver,
  LoanRecommendationResolver,
  RecommendationResolver,
  RescoreLoanResolver,
  TaskResolver,
  PromiseResolver,
  ArrangementResolver,
  WorklistResolver,
  EscalationResolver,
  PolicyResolver,
  AuthResolver,
  ContactResolver,
  ContactPreferencesResolver,
  DashboardResolver,
  ModelHealthResolver,
  OutboundMessageResolver,
  LiveEventsResolver,
] as const;

/** The schema; `pubSub` carries subscription events (a throw-away one when only emitting the schema file). */
export async function buildGraphQLSchema(
  pubSub?: AppPubSub,
  emitSchemaFile?: string,
): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    pubSub: pubSub ?? createAppPubSub(),
    authChecker,
    validate: { forbidUnknownValues: false },
    emitSchemaFile: emitSchemaFile ? { path: emitSchemaFile, sortedSchema: true } : false,
  });
  return applyToMutations(schema, auditMutations);
}
