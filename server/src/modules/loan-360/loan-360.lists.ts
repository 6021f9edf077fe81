import type { RelatedList, RelatedRow } from "../../core/db/related-pages.js";
import { Prisma } from "../../generated/prisma/client.js";
import type {
  CommunicationChannel,
  CommunicationDirection,
  CommunicationOutcome,
  DelinquencyBucket,
  PaymentType,
  PromiseStatus,
  RiskTier,
  ScheduleKind,
} from "../../generated/prisma/enums.js";
import type { Contact } from "../communications/contact.types.js";
import type { BucketPeriod } from "../loans/loan.types.js";
import type { Instalment, Payment } from "../payments/payment.types.js";
import type { PromiseToPay } from "../promises/promise.types.js";
import { toRecommendation } from "../recommendations/recommendation.loaders.js";
import type { Recommendation } from "../recommendations/recommendation.types.js";
import type { Reason } from "../scoring/explain/reason-codes.js";
import { chanceReasons } from "../scoring/propensity-score.loaders.js";
import type { RiskScore } from "../scoring/risk-score.types.js";
import { type TaskFields, toTask } from "../tasks/task.service.js";
import type { Task } from "../tasks/task.types.js";

// The lists of a loan's 360 view. Money is read as text (exact decimals), days as YYYY-MM-DD, instants as
// timestamptz (Date). Newest first, except the schedule, which reads in its own order.

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

type InstalmentRow = RelatedRow & Omit<Instalment, "id">;
export const instalmentsList: RelatedList<InstalmentRow, Instalment> = {
  table: "Instalment",
  parent: "loanId",
  order: { column: "sequence", type: "int", desc: false },
  select: Prisma.sql`x.sequence, x.kind::text AS kind, to_char(x."dueDate", 'YYYY-MM-DD') AS "dueDate",
    x."amountDue"::text AS "amountDue", x."amountPaid"::text AS "amountPaid",
    to_char(x."paidDate", 'YYYY-MM-DD') AS "paidDate", x."statementBalance"::text AS "statementBalance"`,
  toNode: (r) => ({
    id: r.id,
    sequence: r.sequence,
    kind: r.kind as ScheduleKind,
    dueDate: r.dueDate,
    amountDue: r.amountDue,
    amountPaid: r.amountPaid,
    paidDate: r.paidDate,
    statementBalance: r.statementBalance,
  }),
};

type PaymentRow = RelatedRow & {
  type: PaymentType;
  amount: string;
  paidAt: Date;
  channel: string | null;
  reversesPaymentId: string | null;
};
export const paymentsList: RelatedList<PaymentRow, Payment> = {
  table: "Payment",
  parent: "loanId",
  order: { column: "paidAt", type: "timestamptz", desc: true },
  select: Prisma.sql`x.type::text AS type, x.amount::text AS amount, x."paidAt", x.channel,
    x."reversesPaymentId"::text AS "reversesPaymentId"`,
  toNode: (r) => ({
    id: r.id,
    type: r.type,
    amount: r.amount,
    paidAt: r.paidAt.toISOString(),
    channel: r.channel,
    reversesPaymentId: r.reversesPaymentId,
  }),
};

type ContactRow = RelatedRow & {
  loanId: string | null;
  borrowerId: string;
  callbackAt: Date | null;
  endedAt: Date | null;
  channel: CommunicationChannel;
  direction: CommunicationDirection;
  outcome: CommunicationOutcome;
  startedAt: Date;
  durationSeconds: number | null;
  notes: string | null;
  agentId: string | null;
};
/** A loan's contacts (`parent: "loanId"`) or a borrower's (`parent: "borrowerId"`), newest first. */
export function contactsList(parent: "loanId" | "borrowerId"): RelatedList<ContactRow, Contact> {
  return {
    table: "Communication",
    parent,
    order: { column: "startedAt", type: "timestamptz", desc: true },
    select: Prisma.sql`x."loanId"::text AS "loanId", x.channel::text AS channel, x.direction::text AS direction,
      x.outcome::text AS outcome, x."startedAt", x."durationSeconds", x.notes, x."agentId"::text AS "agentId",
      x."borrowerId"::text AS "borrowerId", x."callbackAt", x."endedAt"`,
    toNode: (r) => ({
      id: r.id,
      loanId: r.loanId,
      channel: r.channel,
      direction: r.direction,
      outcome: r.outcome,
      startedAt: r.startedAt.toISOString(),
      durationSeconds: r.durationSeconds,
      notes: r.notes,
      agentId: r.agentId,
      borrowerId: r.borrowerId,
      callbackAt: iso(r.callbackAt),
      endedAt: iso(r.endedAt),
    }),
  };
}

type PromiseRow = RelatedRow & {
  loanId: string;
  amount: string;
  promisedDate: string;
  status: PromiseStatus;
  createdAt: Date;
  resolvedAt: Date | null;
  communicationId: string | null;
  loggedById: string | null;
  cancelReason: PromiseToPay["cancelReason"];
  supersededById: string | null;
  arrangementId: string | null;
  sequence: number | null;
  keptProbability: number | null;
  keptReasons: unknown;
};
/** A loan's promises or a borrower's, the latest logged first. */
export function promisesList(parent: "loanId" | "borrowerId"): RelatedList<PromiseRow, PromiseToPay> {
  return {
    table: "PromiseToPay",
    parent,
    order: { column: "createdAt", type: "timestamptz", desc: true },
    select: Prisma.sql`x."loanId"::text AS "loanId", x.amount::text AS amount,
      to_char(x."promisedDate", 'YYYY-MM-DD') AS "promisedDate", x.status::text AS status, x."createdAt", x."resolvedAt",
      x."communicationId"::text AS "communicationId", x."loggedById"::text AS "loggedById",
      x."cancelReason"::text AS "cancelReason", x."supersededById"::text AS "supersededById",
      x."arrangementId"::text AS "arrangementId", x.sequence, x."keptProbability", x."keptReasons"`,
    toNode: (r) => ({
      id: r.id,
      loanId: r.loanId,
      amount: r.amount,
      promisedDate: r.promisedDate,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      resolvedAt: iso(r.resolvedAt),
      communicationId: r.communicationId,
      loggedById: r.loggedById,
      cancelReason: r.cancelReason,
      supersededById: r.supersededById,
      arrangementId: r.arrangementId,
      sequence: r.sequence,
      keptProbability: r.keptProbability,
      keptReasons: r.keptReasons ? chanceReasons(r.keptReasons as Reason[]) : null,
    }),
  };
}

type ScoreRow = RelatedRow & {
  probability: number;
  tier: RiskTier;
  bucket: DelinquencyBucket;
  dpd: number;
  asOfDate: string;
  reasons: unknown;
  scoredAt: Date;
  modelVersion: string;
};
export const scoreHistoryList: RelatedList<ScoreRow, RiskScore> = {
  table: "RiskScore",
  parent: "loanId",
  order: { column: "scoredAt", type: "timestamptz", desc: true },
  select: Prisma.sql`x.probability, x.tier::text AS tier, x.bucket::text AS bucket, x.dpd,
    to_char(x."asOfDate", 'YYYY-MM-DD') AS "asOfDate", x.reasons, x."scoredAt", mv.version AS "modelVersion"`,
  joins: Prisma.sql`JOIN "ModelVersion" mv ON mv.id = x."modelVersionId"`,
  toNode: (r) => ({
    probability: r.probability,
    tier: r.tier,
    bucket: r.bucket,
    daysPastDue: r.dpd,
    asOfDate: r.asOfDate,
    modelVersion: r.modelVersion,
    scoredAt: r.scoredAt.toISOString(),
    reasons: r.reasons as Reason[],
  }),
};

type BucketRow = RelatedRow & { bucket: DelinquencyBucket; enteredOn: string; leftOn: string | null };
export const bucketHistoryList: RelatedList<BucketRow, BucketPeriod> = {
  table: "BucketHistory",
  parent: "loanId",
  order: { column: "enteredOn", type: "date", desc: true },
  select: Prisma.sql`x.bucket::text AS bucket, to_char(x."enteredOn", 'YYYY-MM-DD') AS "enteredOn",
    to_char(x."leftOn", 'YYYY-MM-DD') AS "leftOn"`,
  toNode: (r) => ({ bucket: r.bucket, enteredOn: r.enteredOn, leftOn: r.leftOn }),
};

type RecommendationRow = RelatedRow &
  Omit<Parameters<typeof toRecommendation>[0], "id" | "loan"> & {
    timeZone: string;
  };
export const recommendationsList: RelatedList<RecommendationRow, Recommendation> = {
  table: "Recommendation",
  parent: "loanId",
  order: { column: "createdAt", type: "timestamptz", desc: true },
  // The borrower's zone comes along so that the contact-rule verdict can be shown in their local time.
  select: Prisma.sql`x."loanId"::text AS "loanId", x."actionType"::text AS "actionType", x.channel::text AS channel,
    x.priority, x."dueAt", x.rationale, x."policyVersion", x.status::text AS status, x."createdAt", x."updatedAt",
    x."contactAllowed", x."contactRules"::text[] AS "contactRules", x."contactReason", x."contactNextAllowedAt",
    (SELECT b."timeZone" FROM "Loan" l JOIN "Borrower" b ON b.id = l."borrowerId" WHERE l.id = x."loanId") AS "timeZone"`,
  toNode: ({ timeZone, ...r }) => toRecommendation({ ...r, loan: { borrower: { timeZone } } }),
};

type TaskRow = RelatedRow & TaskFields;
export const tasksList: RelatedList<TaskRow, Task> = {
  table: "Task",
  parent: "loanId",
  order: { column: "createdAt", type: "timestamptz", desc: true },
  select: Prisma.sql`x."loanId"::text AS "loanId", x."actionType"::text AS "actionType", x.status::text AS status,
    x.priority, x."dueAt", x."assigneeId"::text AS "assigneeId", x.outcome::text AS outcome, x."outcomeNote",
    x."cancelReason"::text AS "cancelReason", x."startedAt", x."completedAt", x."cancelledAt",
    x."previousTaskId"::text AS "previousTaskId", x."handoverNote"`,
  toNode: toTask,
};
