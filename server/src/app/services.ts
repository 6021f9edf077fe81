import type pg from "pg";
import { AuditService } from "../core/audit/audit.service.js";
import { config } from "../core/config/config.js";
import type { Db } from "../core/db/prisma-client.js";
import { IdempotencyService } from "../core/idempotency/idempotency.service.js";
import { logger } from "../core/logging/logger.js";
import { Metrics } from "../core/metrics/metrics.js";
import { createAppPubSub, Topic } from "../core/pubsub/pubsub.js";
import { ApiKeyRepository } from "../modules/api-keys/api-key.repository.js";
import { ApiKeyService } from "../modules/api-keys/api-key.service.js";
import { AuthService } from "../modules/auth/auth.service.js";
import { RefreshTokenRepository } from "../modules/auth/refresh-token.repository.js";
import { SessionService } from "../modules/auth/session.service.js";
import { UserAccess } from "../modules/auth/user-access.js";
import { BorrowerRepository } from "../modules/borrowers/borrower.repository.js";
import { BorrowerService } from "../modules/borrowers/borrower.service.js";
import { ContactService } from "../modules/contacts/contact.service.js";
import { ContactPreferencesService } from "../modules/contacts/contact-preferences.service.js";
import { PortfolioSummaryRepository } from "../modules/dashboard/portfolio-summary.repository.js";
import { PortfolioSummaryService } from "../modules/dashboard/portfolio-summary.service.js";
import { TeamWorkloadRepository } from "../modules/dashboard/team-workload.repository.js";
import { TeamWorkloadService } from "../modules/dashboard/team-workload.service.js";
import { EscalationRepository } from "../modules/escalations/escalation.repository.js";
import { EscalationService } from "../modules/escalations/escalation.service.js";
import { FeatureService } from "../modules/features/feature.service.js";
import { LoanHistoryRepository } from "../modules/features/loan-history.repository.js";
import { LoanRepository } from "../modules/loans/loan.repository.js";
import { LoanService } from "../modules/loans/loan.service.js";
import { LoanListRepository } from "../modules/loans/loan-list.repository.js";
import { createMessageSender } from "../modules/messaging/message-sender.factory.js";
import { OutboundMessageService } from "../modules/messaging/outbound-message.service.js";
import { ArrangementService } from "../modules/promises/arrangement.service.js";
import { PromiseService } from "../modules/promises/promise.service.js";
import { PromiseSweep } from "../modules/promises/promise-sweep.js";
import { PromiseSweepRepository } from "../modules/promises/promise-sweep.repository.js";
import { PolicyRepository } from "../modules/recommendations/policy.repository.js";
import { PolicyService } from "../modules/recommendations/policy.service.js";
import { CollectionModels } from "../modules/scoring/collection-scoring.js";
import { LoanDecisionStateRepository } from "../modules/scoring/loan-decision-state.repository.js";
import { ModelHealthRepository } from "../modules/scoring/model-health.repository.js";
import { ModelHealthService } from "../modules/scoring/model-health.service.js";
import { ModelRegistry } from "../modules/scoring/model-registry.js";
import { PredictService } from "../modules/scoring/predict.service.js";
import { PromiseKeptScoring } from "../modules/scoring/promise-kept-scoring.js";
import { RescoreLoanService } from "../modules/scoring/rescore-loan.service.js";
import { ScoringService } from "../modules/scoring/scoring.service.js";
import { TaskRepository } from "../modules/tasks/task.repository.js";
import { TaskService } from "../modules/tasks/task.service.js";
import { TeamTasksRepository } from "../modules/tasks/team-tasks.repository.js";
import { TeamTasksService } from "../modules/tasks/team-tasks.service.js";
import { UserRepository } from "../modules/users/user.repository.js";
import { UserAdminService } from "../modules/users/user-admin.service.js";
import { WorklistRepository } from "../modules/worklist/worklist.repository.js";
import { WorklistService } from "../modules/worklist/worklist.service.js";

/** The application's services, built once per process over one Prisma client. */
/** `pool` serves the set-based paths (feature histories, bulk writes) that Prisma does not. */
export function createServices(
  db: Db,
  pool: pg.Pool,
  modelDir = config().modelDir,
  collectionModelsDir = config().collectionModelsDir,
) {
  const audit = new AuditService(pool, (action, err) =>
    logger.error({ action, err: (err as Error).message }, "an audit record could not be written"),
  );
  const users = new UserRepository(db);
  const loanRepository = new LoanRepository(db);
  const loans = new LoanService(loanRepository, new LoanListRepository(db));
  // Live events reach every server process on this database (LISTEN/NOTIFY), on one connection of its own.
  const pubsub = createAppPubSub({ pool, connection: pool.options, log: logger });
  const models = new ModelRegistry(modelDir);
  // The pool and the model are read when a scraper asks; requests and scoring count themselves in.
  const metrics = new Metrics();
  metrics.watchPool("app", pool);
  metrics.watchModelVersion(() => models.card()?.version);
  metrics.watchSubscriptions(Object.values(Topic), (topic) => pubsub.subscriptions(topic));
  const scoring = new ScoringService(models, metrics);
  const collectionModels = new CollectionModels(collectionModelsDir, metrics);
  const features = new FeatureService(new LoanHistoryRepository(pool), loans, config().promiseRule);
  const policies = new PolicyService(new PolicyRepository(db));
  const sessions = new SessionService(new RefreshTokenRepository(db), users, audit);
  const idempotency = new IdempotencyService(db);
  const promiseTerms = {
    promiseHorizonDays: config().promiseHorizonDays,
    arrangementHorizonDays: config().arrangementHorizonDays,
  };
  return {
    metrics,
    pubsub,
    db,
    pool,
    audit,
    users,
    loanRepository,
    borrowers: new BorrowerService(new BorrowerRepository(db)),
    auth: new AuthService(users, audit, sessions),
    sessions,
    userAdmin: new UserAdminService(users, sessions, audit),
    userAccess: new UserAccess(users),
    apiKeys: new ApiKeyService(new ApiKeyRepository(db), audit),
    loans,
    features,
    scoring,
    predict: new PredictService(
      scoring,
      features,
      policies,
      audit,
      config().promiseRule,
      collectionModels.propensity,
    ),
    policies,
    idempotency,
    tasks: new TaskService(new TaskRepository(db), idempotency, pubsub),
    teamTasks: new TeamTasksService(new TeamTasksRepository(db)),
    worklist: new WorklistService(new WorklistRepository(pool)),
    contacts: new ContactService(db, idempotency, policies, pubsub),
    contactPreferences: new ContactPreferencesService(idempotency, policies),
    promises: new PromiseService(
      db,
      idempotency,
      promiseTerms,
      new PromiseKeptScoring(
        pool,
        new LoanHistoryRepository(pool),
        collectionModels.promiseKept,
        config().promiseRule,
      ),
    ),
    arrangements: new ArrangementService(db, idempotency, promiseTerms),
    promiseSweep: new PromiseSweep(new PromiseSweepRepository(pool), pubsub, config().promiseRule),
    rescoreLoan: new RescoreLoanService(
      { pool, models, scoring, policies, pubsub, collectionModels },
      loans,
      new LoanDecisionStateRepository(db),
      idempotency,
    ),
    escalations: new EscalationService(new EscalationRepository(db), idempotency, pubsub),
    models,
    collectionModels,
    portfolioSummary: new PortfolioSummaryService(new PortfolioSummaryRepository(pool)),
    modelHealth: new ModelHealthService(new ModelHealthRepository(pool), () => models.card()),
    teamWorkload: new TeamWorkloadService(new TeamWorkloadRepository(pool), config().businessTimeZone),
    outboundMessages: new OutboundMessageService(db, pool),
    /** Delivers automated messages (the outbox file, or the webhook): the outbound worker's sender. */
    messageSender: createMessageSender(config().messaging),
  };
}

export type Services = ReturnType<typeof createServices>;
