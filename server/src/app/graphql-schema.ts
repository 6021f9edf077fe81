import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { type AuthChecker, buildSchema } from "type-graphql";
import { auditMutations } from "../core/graphql/audit-mutations.middleware.js";
import { type AppPubSub, createAppPubSub } from "../core/pubsub/pubsub.js";
import { AuthResolver } from "../modules/auth/auth.resolver.js";
import { EscalationResolver } from "../modules/escalations/escalation.resolver.js";
import { LoanResolver } from "../modules/loans/loan.resolver.js";
import { LoanRecommendationResolver } from "../modules/recommendations/loan-recommendation.resolver.js";
import { PolicyResolver } from "../modules/recommendations/policy.resolver.js";
import { LoanScoreResolver } from "../modules/scoring/loan-score.resolver.js";
import { TaskResolver } from "../modules/tasks/task.resolver.js";
import { UserResolver } from "../modules/users/user.resolver.js";
import { UserAdminResolver } from "../modules/users/user-admin.resolver.js";
import type { GraphQLContext } from "./graphql-context.js";

// Every operation is already authenticated when the context is built; `@Authorized(roles)` narrows by role.
const authChecker: AuthChecker<GraphQLContext> = ({ context }, roles) =>
  roles.length === 0 || roles.includes(context.principal.role);

export const resolvers = [
  UserResolver,
  UserAdminResolver,
  LoanResolver,
  LoanScoreResolver,
  LoanRecommendationResolver,
  TaskResolver,
  EscalationResolver,
  PolicyResolver,
  AuthResolver,
] as const;

/** The schema; `pubSub` carries subscription events (a throw-away one when only emitting the schema file). */
export function buildGraphQLSchema(pubSub?: AppPubSub, emitSchemaFile?: string): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    pubSub: pubSub ?? createAppPubSub(),
    authChecker,
    globalMiddlewares: [auditMutations],
    validate: { forbidUnknownValues: false },
    emitSchemaFile: emitSchemaFile ? { path: emitSchemaFile, sortedSchema: true } : false,
  });
}
