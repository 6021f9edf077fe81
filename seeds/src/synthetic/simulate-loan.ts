// One loan's life as a queue of dated events (cycle starts, payments, collection slots), processed in day
// order. The whole state is plain data, so at the as-of date it can be copied and run on into several
// futures: one is the loan's realised outcome, the others estimate its probability of default.
import { DEFAULT_PROMISE_RULE } from "../../../server/src/modules/features/promise-status.js";
import type { EntityRow } from "../../../server/src/modules/imports/bulk/entities.js";
import {
  BEHAVIOUR,
  BOUNCE,
  CHARGE_OFF_DPD,
  COLLECTION_PATHS,
  CONTACT,
  PRODUCT,
  PROMISE,
  PROMISE_TRUTH_FORKS,
} from "./assumptions.js";
import type { BorrowerProfile } from "./borrowers.js";
import { msToDay, utcInstant } from "./calendar.js";
import { type Attempt, contactable, inboundCall, outboundAttempts } from "./contacts.js";
import { Ledger } from "./ledger.js";
import { money } from "./money.js";
import type { EffectivePayment, PromiseRecord } from "./promises.js";
import { type Rng, sigmoid } from "./rng.js";
import { cycleDay, instalmentDue, type LoanTerms, minimumDue } from "./schedules.js";

export interface LoanContext {
  borrower: BorrowerProfile;
  terms: LoanTerms;
  agentEmail: string | null;
  asOfDay: number;
  horizonDay: number;
  /** Fixed choices in place of the behavioural model (a hand-made book that must show given arrears). */
  script?: LoanScript;
}

/**
 * A loan that pays exactly what falls due, on its due date, until cycle `missFrom`, and nothing from then on
 * (its promises are broken): its days past due on any later day are counted from that cycle's due date.
 */
export interface LoanScript {
  missFrom: number;
}

type UndoType = "BOUNCED_DEBIT" | "REVERSAL";

type SimEvent =
  | { day: number; order: number; kind: "cycle"; m: number }
  | {
      day: number;
      order: number;
      kind: "pay";
      /** Cents, or how to work the amount out on the day: all arrears due by `upTo`, or the statement. */
      amount: number | "arrears" | "statement";
      upTo: number;
      channel: string;
      undo: UndoType | null;
      undoLag: number;
    }
  | { day: number; order: number; kind: "slot"; slot: number };

const RANK = { cycle: 0, pay: 1, slot: 2 } as const;

export interface LoanState {
  ledger: Ledger;
  queue: SimEvent[];
  seq: number;
  distress: number;
  holdUntil: number;
  disputeOpen: boolean;
  /** Instalment loans: principal left per the schedule after the amounts added so far. */
  scheduledBalance: number;
  /** Cards: running balance, last statement, paid since it, purchases waiting for the next statement. */
  balance: number;
  statementBalance: number;
  paidSinceStatement: number;
  pendingPurchases: number;
  closedDay: number | null;
  /** Worst days past due seen after the as-of date (up to the horizon). */
  worstDpd: number;
  counters: { payment: number; contact: number; promise: number; transaction: number };
}

/** What the history (up to the as-of date) writes, when it is being recorded. */
export interface HistoryOut {
  payments: EntityRow<"payment">[];
  transactions: EntityRow<"transaction">[];
  communications: EntityRow<"communication">[];
  promises: PromiseRecord[];
  effectivePayments: EffectivePayment[];
}

export function newHistoryOut(): HistoryOut {
  return {
    payments: [],
    transactions: [],
    communications: [],
    promises: [],
    effectivePayments: [],
  };
}

export function initialState(ctx: LoanContext): LoanState {
  const state: LoanState = {
    ledger: new Ledger(),
    queue: [],
    seq: 0,
    distress: 0,
    holdUntil: -1,
    disputeOpen: false,
    scheduledBalance: ctx.terms.principal ?? 0,
    balance: 0,
    statementBalance: 0,
    paidSinceStatement: 0,
    pendingPurchases: 0,
    closedDay: null,
    worstDpd: 0,
    counters: { payment: 0, contact: 0, promise: 0, transaction: 0 },
  };
  push(state, { day: cycleStart(ctx.terms, 1), order: 0, kind: "cycle", m: 1 });
  return state;
}

export function cloneState(s: LoanState): LoanState {
  return { ...s, ledger: s.ledger.clone(), queue: s.queue.slice(), counters: { ...s.counters } };
}

function push(state: LoanState, event: SimEvent): void {
  event.order = RANK[event.kind] * 1e9 + state.seq++;
  const q = state.queue;
  let i = q.length;
  while (i > 0) {
    const prev = q[i - 1] as SimEvent;
    if (prev.day < event.day || (prev.day === event.day && prev.order < event.order)) break;
    i--;
  }
  q.splice(i, 0, event);
}

/** Instalment loans: the cycle's decisions are made a week before the due date; cards on statement day. */
function cycleStart(terms: LoanTerms, m: number): number {
  return terms.productType === "INSTALMENT" ? cycleDay(terms, m) - 7 : cycleDay(terms, m);
}

function dueDayOf(terms: LoanTerms, m: number): number {
  return terms.productType === "INSTALMENT"
    ? cycleDay(terms, m)
    : cycleDay(terms, m) + PRODUCT.statementDueDays;
}

/**
 * Processes events up to `untilDay`. With `stopAfter`, returns before the first event dated after that day
 * (the as-of date), leaving the state ready to be copied into futures.
 */
export function advance(
  ctx: LoanContext,
  state: LoanState,
  rng: Rng,
  out: HistoryOut | null,
  untilDay: number,
  stopAfter?: number,
): void {
  for (;;) {
    const event = state.queue[0];
    if (!event || event.day > untilDay) return;
    if (stopAfter !== undefined && event.day > stopAfter) return;
    state.queue.shift();
    if (event.kind === "cycle") startCycle(ctx, state, rng, out, event.m);
    else if (event.kind === "pay") receivePayment(ctx, state, rng, out, event);
    else collectionSlot(ctx, state, rng, out, event.day, event.slot);
    if (state.closedDay !== null) {
      state.queue.length = 0;
      return;
    }
  }
}

function startCycle(ctx: LoanContext, state: LoanState, rng: Rng, out: HistoryOut | null, m: number): void {
  const { terms, borrower } = ctx;
  const start = cycleStart(terms, m);
  const dueDay = dueDayOf(terms, m);
  let newDue = 0;
  if (terms.productType === "INSTALMENT") {
    if (m <= (terms.termMonths as number) && state.scheduledBalance > 0) {
      const { due, after } = instalmentDue(terms, m, state.scheduledBalance);
      state.scheduledBalance = after;
      newDue = due;
      state.ledger.addDue(m, dueDay, due);
    }
  } else {
    newDue = issueStatement(ctx, state, rng, out, m, start, dueDay);
  }

  const rho = BEHAVIOUR.distressPersistence;
  state.distress = rho * state.distress + Math.sqrt(1 - rho * rho) * rng.normal();
  const dpd = state.ledger.dpdAt(start);
  const chargedOff = dpd >= CHARGE_OFF_DPD;
  const direct = borrower.paysBy === "direct-debit";

  if (ctx.script) {
    if (m < ctx.script.missFrom) {
      // Exactly the amount due (anything more would wait as a credit against the cycles meant to be missed),
      // now and then a few days late as the behavioural model has it, but always by the as-of date.
      const late = rng.chance(sigmoid(BEHAVIOUR.lateIntercept + BEHAVIOUR.lateRisk * borrower.risk));
      const day = late
        ? Math.min(ctx.asOfDay, dueDay + rng.int(1, 12))
        : direct
          ? dueDay
          : dueDay - rng.int(0, 4);
      if (newDue > 0)
        pay(state, day, newDue, dueDay, late && direct ? "bank-transfer" : borrower.paysBy, null, 0);
    } else if (direct && newDue > 0 && rng.chance(BOUNCE.onMissedMonth)) {
      // The debit's bounce must be known by the as-of date, or the payment would count as received.
      const undoLag = lag(rng);
      if (dueDay + undoLag <= ctx.asOfDay)
        pay(state, dueDay, newDue, dueDay, "direct-debit", "BOUNCED_DEBIT", undoLag);
    }
  } else if (chargedOff) {
    if (rng.chance(BEHAVIOUR.recoveryRate)) {
      const arrears = state.ledger.unpaidUpTo(start);
      const amount = Math.round(arrears * rng.uniform(0.1, 0.4));
      if (amount > 0) pay(state, start + rng.int(1, 25), amount, start, "bank-transfer", null, 0);
    }
  } else {
    const behind = state.ledger.behindAt(start);
    const missLogit =
      BEHAVIOUR.missIntercept +
      BEHAVIOUR.missRisk * borrower.risk +
      BEHAVIOUR.missDistress * state.distress +
      BEHAVIOUR.missPerBehind * behind;
    if (rng.chance(sigmoid(missLogit))) {
      if (direct && newDue > 0 && rng.chance(BOUNCE.onMissedMonth)) {
        pay(state, dueDay, newDue, dueDay, "direct-debit", "BOUNCED_DEBIT", lag(rng));
      }
    } else {
      const late = rng.chance(
        sigmoid(BEHAVIOUR.lateIntercept + BEHAVIOUR.lateRisk * borrower.risk + 0.5 * state.distress),
      );
      const day = late
        ? dueDay + rng.int(1, 12)
        : direct
          ? dueDay
          : dueDay - rng.int(0, terms.productType === "INSTALMENT" ? 4 : 15);
      const channel = late && direct ? "bank-transfer" : borrower.paysBy;
      const undo: UndoType | null =
        channel === "direct-debit"
          ? rng.chance(BOUNCE.randomDebit)
            ? "BOUNCED_DEBIT"
            : null
          : channel === "card" && rng.chance(BOUNCE.cardReversal)
            ? "REVERSAL"
            : null;
      const cureLogit =
        BEHAVIOUR.cureIntercept +
        BEHAVIOUR.cureRisk * borrower.risk +
        BEHAVIOUR.cureDistress * state.distress +
        BEHAVIOUR.curePerBehind * behind;
      if (behind > 0 && rng.chance(sigmoid(cureLogit))) {
        pay(state, day, "arrears", dueDay, channel, undo, lag(rng));
      } else if (behind > 0) {
        const one = newDue > 0 ? newDue : (terms.instalment ?? 0);
        if (one > 0) pay(state, day, one, dueDay, channel, undo, lag(rng));
      } else if (newDue > 0) {
        if (rng.chance(BEHAVIOUR.partialRate)) {
          pay(state, day, Math.round(newDue * rng.uniform(0.3, 0.8)), dueDay, channel, undo, lag(rng));
        } else if (terms.productType === "REVOLVING" && borrower.transactor) {
          pay(state, day, "statement", dueDay, channel, undo, lag(rng));
        } else if (terms.productType === "REVOLVING") {
          const extra = Math.round(rng.next() ** 2 * Math.max(0, state.statementBalance - newDue));
          pay(state, day, newDue + extra, dueDay, channel, undo, lag(rng));
        } else {
          pay(state, day, newDue, dueDay, channel, undo, lag(rng));
        }
      }
    }
  }

  CONTACT.slotOffsets.forEach((offset, slot) => {
    push(state, { day: dueDay + offset, order: 0, kind: "slot", slot });
  });
  push(state, { day: cycleStart(terms, m + 1), order: 0, kind: "cycle", m: m + 1 });
}

const lag = (rng: Rng) => rng.int(BOUNCE.lagDays[0], BOUNCE.lagDays[1]);

function pay(
  state: LoanState,
  day: number,
  amount: number | "arrears" | "statement",
  upTo: number,
  channel: string,
  undo: UndoType | null,
  undoLag: number,
): void {
  push(state, { day, order: 0, kind: "pay", amount, upTo, channel, undo, undoLag });
}

/** A card's statement: interest on what was carried, a late fee if the last minimum is unpaid, purchases. */
function issueStatement(
  ctx: LoanContext,
  state: LoanState,
  rng: Rng,
  out: HistoryOut | null,
  m: number,
  day: number,
  dueDay: number,
): number {
  const { terms } = ctx;
  const carried = state.statementBalance - state.paidSinceStatement;
  const interest = carried > 0 ? Math.round((carried * terms.apr) / 1200) : 0;
  const dpd = state.ledger.dpdAt(day);
  const fee = m > 1 && dpd > 0 ? PRODUCT.lateFee * 100 : 0;
  state.balance += state.pendingPurchases + interest + fee;
  state.pendingPurchases = 0;
  if (out && day <= ctx.asOfDay) {
    if (interest > 0) transaction(ctx, state, out, "INTEREST", interest, day, null);
    if (fee > 0) transaction(ctx, state, out, "FEE", fee, day, null);
  }
  state.statementBalance = state.balance;
  state.paidSinceStatement = 0;
  const minimum = minimumDue(state.balance);
  state.ledger.addDue(m, dueDay, minimum, state.balance);

  if (dpd < PRODUCT.blockPurchasesDpd) {
    const nextStatement = cycleDay(terms, m + 1);
    let available = (terms.creditLimit as number) - state.balance;
    const count = rng.poisson(PRODUCT.purchasesPerCycle * (ctx.borrower.transactor ? 1.3 : 1));
    for (let i = 0; i < count && available > 0; i++) {
      const amount = Math.min(available, Math.round(rng.logNormal(PRODUCT.purchaseMedian, 0.9) * 100));
      const when = rng.int(day + 1, nextStatement);
      available -= amount;
      state.pendingPurchases += amount;
      if (out && when <= ctx.asOfDay) {
        transaction(ctx, state, out, "PURCHASE", amount, when, rng.pick(MERCHANTS));
      }
    }
  }
  return minimum;
}

const MERCHANTS = ["grocery", "fuel", "restaurants", "online retail", "utilities", "travel", "pharmacy"];

function transaction(
  ctx: LoanContext,
  state: LoanState,
  out: HistoryOut,
  type: "PURCHASE" | "INTEREST" | "FEE",
  amount: number,
  day: number,
  merchantCategory: string | null,
): void {
  out.transactions.push({
    loanKey: ctx.terms.key,
    externalKey: `T-${ctx.terms.key}-${++state.counters.transaction}`,
    type,
    amount: money(amount),
    postedAt: utcInstant(day, 9 * 60 + (state.counters.transaction % 600)),
    merchantCategory,
  });
}

function receivePayment(
  ctx: LoanContext,
  state: LoanState,
  rng: Rng,
  out: HistoryOut | null,
  e: Extract<SimEvent, { kind: "pay" }>,
): void {
  const { asOfDay, horizonDay, terms } = ctx;
  let amount: number;
  if (e.amount === "arrears") amount = state.ledger.unpaidUpTo(Math.max(e.day, e.upTo));
  else if (e.amount === "statement") {
    amount = Math.max(state.statementBalance - state.paidSinceStatement, state.ledger.unpaidUpTo(e.upTo));
  } else amount = e.amount;
  if (amount <= 0) return;
  if (e.day > asOfDay && e.day <= horizonDay)
    state.worstDpd = Math.max(state.worstDpd, state.ledger.dpdAt(e.day));

  // A payment undone after the as-of date is, as of that date, simply received.
  const undone = e.undo !== null && (e.day > asOfDay || e.day + e.undoLag <= asOfDay);
  const minute = 13 * 60 + rng.int(0, 599);
  if (out && e.day <= asOfDay) {
    const key = `P-${terms.key}-${++state.counters.payment}`;
    const paidAt = utcInstant(e.day, minute);
    out.payments.push({
      loanKey: terms.key,
      externalKey: key,
      type: "PAYMENT",
      amount: money(amount),
      paidAt,
      channel: e.channel,
    });
    if (undone) {
      out.payments.push({
        loanKey: terms.key,
        externalKey: `${key}-R`,
        type: e.undo,
        amount: money(amount),
        paidAt: utcInstant(e.day + e.undoLag, minute),
        channel: e.channel,
        reversesPaymentKey: key,
      });
    } else {
      out.effectivePayments.push({ day: e.day, amount, paidAt });
    }
  }
  if (undone) return;
  state.ledger.pay(e.day, amount);
  if (terms.productType === "REVOLVING") {
    state.balance -= amount;
    state.paidSinceStatement += amount;
  } else if (state.scheduledBalance === 0 && state.ledger.allCovered()) {
    state.closedDay = e.day;
  }
}

function collectionSlot(
  ctx: LoanContext,
  state: LoanState,
  rng: Rng,
  out: HistoryOut | null,
  day: number,
  slot: number,
): void {
  const { borrower } = ctx;
  const dpd = state.ledger.dpdAt(day);
  if (dpd === 0 || day <= state.holdUntil || borrower.deceasedFlag) return;
  const attempts: Attempt[] = [];
  if (slot === 1 && rng.chance(CONTACT.inboundRate * borrower.answerRate)) {
    attempts.push(inboundCall(rng, borrower, day, state.disputeOpen));
  } else if (contactable(borrower) && !state.disputeOpen) {
    attempts.push(...outboundAttempts(rng, borrower, dpd, dpd >= CHARGE_OFF_DPD, day, state.disputeOpen));
  }
  for (const a of attempts) {
    const contactKey = `C-${ctx.terms.key}-${++state.counters.contact}`;
    const recorded = out !== null && msToDay(a.startedMs) <= ctx.asOfDay;
    if (recorded) {
      out.communications.push({
        borrowerKey: borrower.key,
        loanKey: ctx.terms.key,
        agentEmail: a.byAgent ? ctx.agentEmail : null,
        externalKey: contactKey,
        channel: a.channel,
        direction: a.direction,
        outcome: a.outcome,
        startedAt: new Date(a.startedMs).toISOString(),
        endedAt:
          a.durationSeconds === null ? null : new Date(a.startedMs + a.durationSeconds * 1000).toISOString(),
        durationSeconds: a.durationSeconds,
      });
    }
    if (a.outcome === "DISPUTE_RAISED") state.disputeOpen = true;
    if (a.outcome === "PROMISE_TO_PAY")
      promiseToPay(ctx, state, rng, recorded ? out : null, a, contactKey, day);
  }
}

function promiseToPay(
  ctx: LoanContext,
  state: LoanState,
  rng: Rng,
  out: HistoryOut | null,
  a: Attempt,
  contactKey: string,
  day: number,
): void {
  const { borrower } = ctx;
  const arrears = state.ledger.unpaidUpTo(day);
  if (arrears <= 0) return;
  const behind = state.ledger.behindAt(day);
  const amount = behind >= 3 ? Math.round(arrears * rng.uniform(0.4, 1)) : arrears;
  const createdDay = msToDay(a.startedMs);
  const promisedDay = createdDay + rng.int(PROMISE.minDays, PROMISE.maxDays);
  const channel = borrower.paysBy === "direct-debit" ? "card" : borrower.paysBy;
  const keep = sigmoid(
    PROMISE.keepIntercept + PROMISE.keepRisk * borrower.risk + PROMISE.keepDistress * state.distress,
  );
  const until = promisedDay + DEFAULT_PROMISE_RULE.graceDays;
  const decide = (s: LoanState, r: Rng) => {
    s.holdUntil = Math.max(s.holdUntil, until);
    if (ctx.script) {
      // A scripted loan's arrears stay as planned: its promises are broken.
    } else if (r.chance(keep)) {
      pay(s, r.int(createdDay + 1, promisedDay), amount, day, channel, null, 0);
    } else if (r.chance(PROMISE.partialOnBroken)) {
      pay(
        s,
        r.int(createdDay + 1, promisedDay + 5),
        Math.round(amount * r.uniform(0.3, 0.7)),
        day,
        channel,
        null,
        0,
      );
    }
  };
  // The true probability is estimated only for recorded promises (a simulated future records nothing).
  const keptProbability =
    out && !ctx.script ? promiseKeptTruth(ctx, state, rng, decide, amount, until) : undefined;
  decide(state, rng);
  if (out) {
    out.promises.push({
      key: `PTP-${ctx.terms.key}-${++state.counters.promise}`,
      communicationKey: contactKey,
      amount,
      promisedDay,
      createdAt: new Date(a.startedMs).toISOString(),
      createdDay,
      keptProbability,
    });
  }
}

/**
 * The probability that a promise just made is kept: the share of COLLECTION_PATHS futures, each drawing the
 * borrower's decision afresh from the same state, in which the payments received by the promise's last day
 * reach the platform's tolerance of the amount (features/promise-status.ts).
 */
function promiseKeptTruth(
  ctx: LoanContext,
  state: LoanState,
  rng: Rng,
  decide: (s: LoanState, r: Rng) => void,
  amount: number,
  until: number,
): number {
  const needed = Math.ceil(amount * DEFAULT_PROMISE_RULE.keptTolerance);
  let kept = 0;
  for (let i = 1; i <= COLLECTION_PATHS; i++) {
    const future = cloneState(state);
    const r = rng.fork(PROMISE_TRUTH_FORKS + i);
    decide(future, r);
    advance(ctx, future, r, null, until);
    if (future.ledger.totalPaid - state.ledger.totalPaid >= needed) kept++;
  }
  return Math.round((kept / COLLECTION_PATHS) * 10_000) / 10_000;
}
