// The portfolio as a stream of batches: borrowers are generated one after another from their own random
// streams, so the data is the same whatever the batch size, and only one batch is ever in memory.
import { createHash, type Hash } from "node:crypto";
import type { DelinquencyBucket } from "../../../server/src/generated/prisma/enums.js";
import { snapshotDays } from "../../../server/src/modules/features/collection-outcomes.js";
import type { EntityName, EntityRow } from "../../../server/src/modules/imports/bulk/entities.js";
import type { StagedBatch } from "../../../server/src/modules/imports/bulk/merge-batch.js";
import type { StagedRow } from "../../../server/src/modules/imports/bulk/merge-entity.js";
import { bucketForDpd } from "../../../server/src/modules/loans/delinquency-bucket.js";
import { agentFor, type Workforce, workforceFor } from "./agents.js";
import {
  BORROWER,
  CHARGE_OFF_DPD,
  DEFAULT_AS_OF,
  DEFAULT_SEED,
  OUTCOME_DEFAULT_DPD,
  OUTCOME_HORIZON_DAYS,
  PRODUCT,
} from "./assumptions.js";
import { type BorrowerProfile, makeBorrower } from "./borrowers.js";
import { isoDay, localMs, parseDay } from "./calendar.js";
import { money } from "./money.js";
import { groundTruth, propensityTruth } from "./outcome.js";
import { settlePromise } from "./promises.js";
import { Rng } from "./rng.js";
import { makeLoanTerms } from "./schedules.js";
import {
  advance,
  type HistoryOut,
  initialState,
  type LoanContext,
  type LoanState,
  newHistoryOut,
} from "./simulate-loan.js";

export interface PortfolioOptions {
  loans: number;
  seed?: number;
  asOf?: string;
  /** Loans per batch (a batch ends with a whole borrower, so it may hold one loan more). */
  batchSize?: number;
}

export interface LoanPosition {
  key: string;
  currentDpd: number;
  currentBucket: DelinquencyBucket;
}

export interface PromiseLink {
  loanKey: string;
  promiseKey: string;
  communicationKey: string;
  resolvedAt: string | null;
}

/** Actions that need a person: reminders are sent by the system and are never an agent's task. */
export type ActionType = "CALL" | "FIELD_VISIT" | "ESCALATE_TO_RECOVERY_MANAGER";

export interface TaskSpec {
  loanKey: string;
  agentEmail: string;
  actionType: ActionType;
  priority: number;
  dueAt: string;
}

/** One batch: entity rows for the bulk path, and what the bulk entities do not carry (yet). */
export interface SyntheticBatch {
  staged: StagedBatch;
  positions: LoanPosition[];
  promiseLinks: PromiseLink[];
  tasks: TaskSpec[];
  loans: number;
  borrowers: number;
}

export interface PortfolioPlan {
  loans: number;
  seed: number;
  asOf: string;
  asOfDay: number;
  workforce: Workforce;
}

export function planPortfolio(opts: PortfolioOptions): PortfolioPlan {
  if (!Number.isInteger(opts.loans) || opts.loans < 1)
    throw new RangeError(`loans must be a positive integer, got ${opts.loans}`);
  const seed = opts.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seed) || seed < 0)
    throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
  const asOf = opts.asOf ?? DEFAULT_AS_OF;
  return { loans: opts.loans, seed, asOf, asOfDay: parseDay(asOf), workforce: workforceFor(opts.loans) };
}

export function defaultPortfolioName(plan: Pick<PortfolioPlan, "seed" | "loans">): string {
  return `Synthetic portfolio (seed ${plan.seed}, ${plan.loans} loans)`;
}

/** The task a delinquent loan's agent would have; none for early arrears, where the system sends reminders. */
export function taskFor(
  dpd: number,
  suppressed: boolean,
  chargedOff: boolean,
): { actionType: ActionType; priority: number } | null {
  if (suppressed || chargedOff)
    return { actionType: "ESCALATE_TO_RECOVERY_MANAGER", priority: chargedOff ? 1 : 2 };
  if (dpd >= 60) return { actionType: "FIELD_VISIT", priority: 1 };
  if (dpd >= 15) return { actionType: "CALL", priority: 2 };
  return null;
}

export class BatchBuilder {
  batch: SyntheticBatch = BatchBuilder.empty();

  static empty(): SyntheticBatch {
    return {
      staged: {},
      positions: [],
      promiseLinks: [],
      tasks: [],
      loans: 0,
      borrowers: 0,
    };
  }

  add<E extends EntityName>(entity: E, line: number, rows: EntityRow<E>[]): void {
    if (rows.length === 0) return;
    let list = this.batch.staged[entity] as StagedRow<E>[] | undefined;
    if (!list) {
      list = [];
      (this.batch.staged as Record<string, unknown>)[entity] = list;
    }
    for (const row of rows) list.push({ line, row });
  }

  take(): SyntheticBatch {
    const b = this.batch;
    this.batch = BatchBuilder.empty();
    return b;
  }
}

function simulateLoan(
  plan: PortfolioPlan,
  builder: BatchBuilder,
  borrower: BorrowerProfile,
  loanNumber: number,
  product: "INSTALMENT" | "REVOLVING",
): void {
  const rng = new Rng(plan.seed, borrower.number, loanNumber);
  const terms = makeLoanTerms(rng, borrower, loanNumber, plan.asOfDay, product);
  const agent = agentFor(plan.workforce, plan.seed, loanNumber);
  recordLoan(builder, rng, {
    borrower,
    terms,
    agentEmail: agent.email,
    asOfDay: plan.asOfDay,
    horizonDay: plan.asOfDay + OUTCOME_HORIZON_DAYS,
  });
}

/**
 * Runs the loan's history up to each collection snapshot day (features/collection-outcomes.ts) in turn and,
 * where it is past due that day, estimates its true propensity to pay from there. Recording goes on
 * unchanged: the estimates use their own random streams.
 */
function runThroughSnapshots(
  ctx: LoanContext,
  state: LoanState,
  rng: Rng,
  out: HistoryOut,
): { asOfDate: string; probability: number }[] {
  const truths: { asOfDate: string; probability: number }[] = [];
  for (const iso of snapshotDays(isoDay(ctx.asOfDay))) {
    const day = parseDay(iso);
    advance(ctx, state, rng, out, ctx.horizonDay, day);
    if (state.closedDay !== null) break;
    const probability = propensityTruth(ctx, state, rng, day);
    if (probability !== null) truths.push({ asOfDate: iso, probability });
  }
  return truths;
}

/**
 * Simulates one loan's life up to the as-of date and adds it to the batch: the loan, its schedule or
 * statements, payments, card transactions, contacts, promises, position and task. A scripted loan (the demo
 * book) follows its script instead of the behavioural model and carries no simulated outcome.
 */
export function recordLoan(builder: BatchBuilder, rng: Rng, ctx: LoanContext): LoanPosition {
  const { borrower, terms, asOfDay } = ctx;
  const agentEmail = ctx.agentEmail;
  const state = initialState(ctx);
  const out = newHistoryOut();
  const propensityToPay = ctx.script ? [] : runThroughSnapshots(ctx, state, rng, out);
  advance(ctx, state, rng, out, ctx.horizonDay, asOfDay);

  const dpd = state.ledger.dpdAt(asOfDay);
  const closed = state.closedDay !== null && state.closedDay <= asOfDay;
  const truth = closed || ctx.script ? null : groundTruth(ctx, state, rng);
  const status = closed
    ? "CLOSED"
    : dpd >= CHARGE_OFF_DPD
      ? "CHARGED_OFF"
      : dpd >= OUTCOME_DEFAULT_DPD
        ? "DEFAULTED"
        : dpd > 0
          ? "DELINQUENT"
          : "ACTIVE";
  const outstanding = closed
    ? 0
    : terms.productType === "REVOLVING"
      ? Math.max(0, state.balance)
      : Math.max(0, state.scheduledBalance + state.ledger.totalDue() - state.ledger.totalPaid);
  const line = borrower.number;
  builder.add("loan", line, [
    {
      externalKey: terms.key,
      borrowerKey: borrower.key,
      productType: terms.productType,
      principal: terms.principal === null ? null : money(terms.principal),
      creditLimit: terms.creditLimit === null ? null : money(terms.creditLimit),
      interestRate: terms.apr,
      termMonths: terms.termMonths,
      instalmentAmount: terms.instalment === null ? null : money(terms.instalment),
      outstandingBalance: money(outstanding),
      currency: "USD",
      grade: terms.grade,
      purpose: terms.purpose,
      status,
      openedAt: isoDay(terms.openedDay),
      closedAt: closed ? isoDay(state.closedDay as number) : null,
      defaultLabel: truth ? truth.defaulted : false,
      attributes: ctx.script
        ? {}
        : {
            groundTruth: {
              latentRisk: Math.round(borrower.risk * 10_000) / 10_000,
              pd90: truth ? truth.pd : 0,
              defaultWithin90Days: truth ? truth.defaulted : false,
              dpdAt90Days: truth ? truth.dpdAtHorizon : 0,
              worstDpdWithin90Days: truth ? truth.worstDpd : 0,
              propensityToPay,
              promiseKept: Object.fromEntries(
                out.promises.flatMap((p) =>
                  p.keptProbability === undefined ? [] : [[p.key, p.keptProbability]],
                ),
              ),
            },
          },
    },
  ]);
  const position = { key: terms.key, currentDpd: dpd, currentBucket: bucketForDpd(dpd) };
  builder.batch.positions.push(position);

  const kind = terms.productType === "INSTALMENT" ? "INSTALMENT" : "STATEMENT";
  builder.add(
    "instalment",
    line,
    state.ledger.dues
      .filter((d) => d.dueDay <= asOfDay)
      .map((d) => ({
        loanKey: terms.key,
        kind,
        sequence: d.sequence,
        dueDate: isoDay(d.dueDay),
        amountDue: money(d.amount),
        amountPaid: money(d.paid),
        paidDate: d.paidDay === null || d.amount === 0 ? null : isoDay(d.paidDay),
        statementBalance: d.statementBalance === null ? null : money(d.statementBalance),
      })),
  );
  // The engine finds a payment reversed within the same batch only on another line (merge-entity's in-batch
  // check compares lines, not rows), so reversals get the borrower's number negated as their line.
  builder.add(
    "payment",
    line,
    out.payments.filter((p) => p.reversesPaymentKey === undefined),
  );
  builder.add(
    "payment",
    -line,
    out.payments.filter((p) => p.reversesPaymentKey !== undefined),
  );
  builder.add("transaction", line, out.transactions);
  builder.add("communication", line, out.communications);
  builder.add(
    "promise",
    line,
    out.promises.map((p) => {
      const settled = settlePromise(p, out.effectivePayments, asOfDay);
      builder.batch.promiseLinks.push({
        loanKey: terms.key,
        promiseKey: p.key,
        communicationKey: p.communicationKey,
        resolvedAt: settled.resolvedAt,
      });
      return {
        loanKey: terms.key,
        borrowerKey: borrower.key,
        agentEmail,
        externalKey: p.key,
        amount: money(p.amount),
        promisedDate: isoDay(p.promisedDay),
        status: settled.status,
        createdAt: p.createdAt,
      };
    }),
  );

  const suppressed = borrower.deceasedFlag || borrower.bankruptcyFlag || borrower.legalHold;
  const task = dpd > 0 && !closed ? taskFor(dpd, suppressed, dpd >= CHARGE_OFF_DPD) : null;
  if (task && agentEmail) {
    builder.batch.tasks.push({
      loanKey: terms.key,
      agentEmail,
      ...task,
      // The morning after the as-of date, 09:00 in the borrower's time zone.
      dueAt: new Date(localMs(borrower.timeZone, asOfDay + 1, 9 * 60)).toISOString(),
    });
  }
  builder.batch.loans++;
  return position;
}

/** Streams the portfolio in batches of about `batchSize` loans. */
export function* generatePortfolio(plan: PortfolioPlan, batchSize = 1000): Generator<SyntheticBatch> {
  const builder = new BatchBuilder();
  let loanNumber = 0;
  for (let b = 1; loanNumber < plan.loans; b++) {
    const rng = new Rng(plan.seed, b);
    const borrower = makeBorrower(rng, b);
    const first = rng.chance(PRODUCT.revolvingShare) ? "REVOLVING" : "INSTALMENT";
    const second = rng.chance(BORROWER.secondLoanRate);
    builder.add("borrower", b, [borrower.row]);
    builder.add("borrowerSuppression", b, [
      {
        externalKey: borrower.key,
        doNotContact: borrower.doNotContact,
        contactOptOuts: borrower.optOuts,
        disputeFlag: borrower.disputeFlag,
        bankruptcyFlag: borrower.bankruptcyFlag,
        deceasedFlag: borrower.deceasedFlag,
        legalHold: borrower.legalHold,
      },
    ]);
    builder.batch.borrowers++;
    simulateLoan(plan, builder, borrower, ++loanNumber, first);
    if (second && loanNumber < plan.loans) {
      simulateLoan(plan, builder, borrower, ++loanNumber, first === "REVOLVING" ? "INSTALMENT" : "REVOLVING");
    }
    if (builder.batch.loans >= batchSize) yield builder.take();
  }
  if (builder.batch.loans > 0) yield builder.take();
}

/** Rows in a batch, counted across every entity. */
export function rowCount(batch: SyntheticBatch): number {
  let n = 0;
  for (const rows of Object.values(batch.staged)) n += rows?.length ?? 0;
  return n;
}

/**
 * A digest of everything generated, per kind of record in generation order, so it does not depend on how
 * the stream was cut into batches.
 */
export class PortfolioDigest {
  private hashes = new Map<string, Hash>();

  update(batch: SyntheticBatch): void {
    for (const [entity, rows] of Object.entries(batch.staged)) {
      for (const r of rows ?? []) this.feed(entity, r.row);
    }
    for (const [name, list] of Object.entries({
      positions: batch.positions,
      promiseLinks: batch.promiseLinks,
      tasks: batch.tasks,
    })) {
      for (const item of list) this.feed(name, item);
    }
  }

  private feed(name: string, value: unknown): void {
    let h = this.hashes.get(name);
    if (!h) {
      h = createHash("sha256");
      this.hashes.set(name, h);
    }
    h.update(JSON.stringify(value));
    h.update("\n");
  }

  hex(): string {
    const all = createHash("sha256");
    for (const name of [...this.hashes.keys()].sort())
      all.update(`${name}:${this.hashes.get(name)?.copy().digest("hex")}\n`);
    return all.digest("hex");
  }
}
