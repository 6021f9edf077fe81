import { randomUUID } from "node:crypto";
import type { Db } from "../../core/db/prisma-client.js";
import type { ActionType, DelinquencyBucket, RiskTier, TaskStatus } from "../../generated/prisma/enums.js";

// Test data for the worklist tests: loans with every kind of item data, made in a few statements.

const BUCKETS: DelinquencyBucket[] = ["DPD_1_14", "DPD_15_29", "DPD_30_59", "DPD_60_89", "DPD_90_PLUS"];
const TIERS: RiskTier[] = ["LOW", "MEDIUM", "HIGH", "CRITICAL"];
const ACTIONS: ActionType[] = ["CALL", "PAYMENT_PLAN", "FIELD_VISIT", "SETTLEMENT_OFFER"];
const DAY_MS = 86_400_000;

export interface SeededTask {
  taskId: string;
  loanId: string;
  borrowerId: string;
  priority: number;
  dueAt: Date;
  bucket: DelinquencyBucket;
  tier: RiskTier;
  action: ActionType;
  status: TaskStatus;
  /** Every other loan has a propensity to pay, with this expected recovery; null for the others. */
  expectedRecovery: number | null;
}

export interface SeedOptions {
  portfolioId: string;
  assigneeId: string;
  teamId: string | null;
  modelVersionId: string;
  count: number;
  /** Makes external keys unique per call. */
  tag: string;
  /** The first task's due time; others are due up to two days later. */
  dueBase: Date;
}

/**
 * `count` loans, each with an open or started task for the assignee, a score with a reason, an active
 * recommendation, three instalments due and one payment, four contacts and a pending promise. Priorities
 * and due times repeat, so that the id decides the order between equal tasks.
 */
export async function seedWorklist(db: Db, o: SeedOptions): Promise<SeededTask[]> {
  const seeded: SeededTask[] = Array.from({ length: o.count }, (_, i) => ({
    taskId: randomUUID(),
    loanId: randomUUID(),
    borrowerId: randomUUID(),
    priority: 1 + (i % 5),
    dueAt: new Date(o.dueBase.getTime() + (i % 3) * DAY_MS),
    bucket: BUCKETS[i % BUCKETS.length] as DelinquencyBucket,
    tier: TIERS[i % TIERS.length] as RiskTier,
    action: ACTIONS[i % ACTIONS.length] as ActionType,
    status: i % 4 === 3 ? "IN_PROGRESS" : "OPEN",
    // Repeats too, so that due time and id still decide between some equal keys.
    expectedRecovery: i % 2 === 0 ? 10 + ((i * 37) % 7) * 15.5 : null,
  }));
  await db.borrower.createMany({
    data: seeded.map((s, i) => ({
      id: s.borrowerId,
      portfolioId: o.portfolioId,
      externalKey: `WB-${o.tag}-${i}`,
      fullName: `Worklist Borrower ${i}`,
    })),
  });
  await db.loan.createMany({
    data: seeded.map((s, i) => ({
      id: s.loanId,
      portfolioId: o.portfolioId,
      borrowerId: s.borrowerId,
      externalKey: `WL-${o.tag}-${i}`,
      productType: "INSTALMENT" as const,
      principal: "5000.00",
      outstandingBalance: "3000.00",
      currentDpd: 20,
      currentBucket: s.bucket,
    })),
  });
  await db.task.createMany({
    data: seeded.map((s) => ({
      id: s.taskId,
      loanId: s.loanId,
      assigneeId: o.assigneeId,
      teamId: o.teamId,
      actionType: s.action,
      status: s.status,
      priority: s.priority,
      dueAt: s.dueAt,
    })),
  });
  await db.riskScore.createMany({
    data: seeded.map((s) => ({
      loanId: s.loanId,
      modelVersionId: o.modelVersionId,
      probability: 0.3,
      tier: s.tier,
      bucket: s.bucket,
      dpd: 20,
      asOfDate: new Date("2025-06-30T00:00:00Z"),
      reasons: [
        { feature: "dpd", direction: "RAISES_RISK", effect: 0.5, value: 20, sentence: "20 days late" },
      ],
      features: {},
    })),
  });
  await db.propensityScore.createMany({
    data: seeded.flatMap((s) =>
      s.expectedRecovery === null
        ? []
        : [
            {
              loanId: s.loanId,
              modelVersionId: o.modelVersionId,
              probability: s.expectedRecovery / 400,
              overdueAmount: "400.00",
              expectedRecovery: s.expectedRecovery.toFixed(2),
              asOfDate: new Date("2025-06-30T00:00:00Z"),
              reasons: [
                {
                  feature: "current_dpd",
                  direction: "LOWERS_RISK",
                  effect: -0.4,
                  value: 20,
                  sentence: "20 days late",
                },
              ],
              features: {},
            },
          ],
    ),
  });
  await db.recommendation.createMany({
    data: seeded.map((s) => ({
      loanId: s.loanId,
      actionType: s.action,
      channel: "CALL" as const,
      priority: s.priority,
      dueAt: s.dueAt,
      rationale: "test",
    })),
  });
  await db.instalment.createMany({
    data: seeded.flatMap((s) =>
      [1, 2, 3].map((sequence) => ({
        loanId: s.loanId,
        sequence,
        dueDate: new Date(`2025-0${3 + sequence}-15T00:00:00Z`),
        amountDue: "200.00",
      })),
    ),
  });
  await db.payment.createMany({
    data: seeded.map((s) => ({
      loanId: s.loanId,
      amount: "150.00",
      paidAt: new Date("2025-04-20T10:00:00Z"),
    })),
  });
  await db.communication.createMany({
    data: seeded.flatMap((s) =>
      [1, 2, 3, 4].map((n) => ({
        borrowerId: s.borrowerId,
        loanId: s.loanId,
        channel: "SMS" as const,
        outcome: "DELIVERED" as const,
        startedAt: new Date(Date.now() - n * DAY_MS),
      })),
    ),
  });
  await db.promiseToPay.createMany({
    data: seeded.map((s) => ({
      loanId: s.loanId,
      borrowerId: s.borrowerId,
      amount: "100.00",
      promisedDate: new Date("2025-07-10T00:00:00Z"),
    })),
  });
  return seeded;
}

/**
 * The worklist order: priority, then the most expected recovery (none last), then due time, then id (as
 * PostgreSQL compares uuids: by their bytes).
 */
export function worklistOrder(a: SeededTask, b: SeededTask): number {
  const recovery = (t: SeededTask) => (t.expectedRecovery === null ? 1 : -t.expectedRecovery);
  return (
    a.priority - b.priority ||
    recovery(a) - recovery(b) ||
    a.dueAt.getTime() - b.dueAt.getTime() ||
    (a.taskId < b.taskId ? -1 : 1)
  );
}
