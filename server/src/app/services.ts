import type pg from "pg";
import { AuditService } from "../core/audit/audit.service.js";
import { config } from "../core/config/config.js";
import type { Db } from "../core/db/prisma-client.js";
import { IdempotencyService } from "../core/idempotency/idempotency.service.js";
import { logger } from "../core/logging/logger.js";
import { createAppPubSub } from "../core/pubsub/pubsub.js";
import { ApiKeyRepository } from "../modules/api-keys/api-key.repository.js";
import { ApiKeyService } from "../modules/api-keys/api-key.service.js";
import { AuthService } from "../modules/auth/auth.service.js";
import { RefreshTokenRepository } from "../modules/auth/refresh-token.repository.js";
import { SessionService } from "../modules/auth/session.service.js";
import { UserAccess } from "../modules/auth/user-access.js";
import { EscalationRepository } from "../modules/escalations/escalation.repository.js";
import { EscalationService } from "../modules/escalations/escalation.service.js";
import { FeatureService } from "../modules/features/feature.service.js";
import { LoanHistoryRepository } from "../modules/features/loan-history.repository.js";
import { LoanRepository } from "../modules/loans/loan.repository.js";
import { LoanService } from "../modules/loans/loan.service.js";
import { PolicyRepository } from "../modules/recommendations/policy.repository.js";
import { PolicyService } from "../modules/recommendations/policy.service.js";
import { ModelRegistry } from "../modules/scoring/model-registry.js";
import { PredictService } from "../modules/scoring/predict.service.js";
import { ScoringService } from "../modules/scoring/scoring.service.js";
import { TaskRepository } from "../modules/tasks/task.repository.js";
import { TaskService } from "../modules/tasks/task.service.js";
import { UserRepository } from "../modules/users/user.repository.js";
import { UserAdminService } from "../modules/users/user-admin.service.js";

/** The application's services, built once per process over one Prisma client. */
/** `pool` serves the set-based paths (feature histories, bulk writes) that Prisma does not. */
export function createServices(db: Db, pool: pg.Pool, modelDir = config().modelDir) {
  const audit = new AuditService(pool, (action, err) =>
    logger.error({ action, err: (err as Error).message }, "an audit record could not be written"),
  );
  const users = new UserRepository(db);
  const loanRepository = new LoanRepository(db);
  const loans = new LoanService(loanRepository);
  const pubsub = createAppPubSub();
  const models = new ModelRegistry(modelDir);
  const scoring = new ScoringService(models);
  const features = new FeatureService(new LoanHistoryRepository(pool), loans, config().promiseRule);
  const policies = new PolicyService(new PolicyRepository(db));
  const sessions = new SessionService(new RefreshTokenRepository(db), users, audit);
  const idempotency = new IdempotencyService(db);
  return {
    pubsub,
    db,
    pool,
    audit,
    users,
    loanRepository,
    auth: new AuthService(users, audit, sessions),
    sessions,
    userAdmin: new UserAdminService(users, sessions, audit),
    userAccess: new UserAccess(users),
    apiKeys: new ApiKeyService(new ApiKeyRepository(db), audit),
    loans,
    features,
    scoring,
    predict: new PredictService(scoring, features, policies, audit, config().promiseRule),
    policies,
    idempotency,
    tasks: new TaskService(new TaskRepository(db), idempotency, pubsub),
    escalations: new EscalationService(new EscalationRepository(db), idempotency, pubsub),
    models,
  };
}

export type Services = ReturnType<typeof createServices>;
