// Every rate and coefficient of the generative model, in one place, so the README can state them and a
// change of calibration is one edit. Risk enters everything through the borrower's latent score z ~ N(0,1)
// (higher = riskier) and a monthly financial-distress shock e_t (AR(1), stationary N(0,1)).

export const DEFAULT_AS_OF = "2026-10-31";
export const DEFAULT_SEED = 1;

/** Loans open uniformly over this many months before the as-of date (and at least one month before it). */
export const HISTORY_MONTHS = 24;
/** The ground-truth outcome: reaching 90+ days past due within this many days after the as-of date. */
export const OUTCOME_HORIZON_DAYS = 90;
/** Days past due that count as a default (the 90+ bucket). */
export const OUTCOME_DEFAULT_DPD = 90;
/** Simulated futures per loan behind its latent probability of default (Monte Carlo). */
export const PD_PATHS = 24;
/** Simulated futures behind each collection-score truth (a promise kept, paying when past due). */
export const COLLECTION_PATHS = 24;
/** Random-stream ids of those futures, apart from the outcome's (0..PD_PATHS) and each other's. */
export const PROMISE_TRUTH_FORKS = 1000;
export const PAY_TRUTH_FORKS = 2000;
/** Past this many days past due a loan is charged off: self-initiated payments stop. */
export const CHARGE_OFF_DPD = 180;

export const BORROWER = {
  /** Share of borrowers holding a second product (a card beside an instalment loan, or the reverse). */
  secondLoanRate: 0.12,
  /** Median annual income and its log-sd; the median falls by 12% per unit of z. */
  incomeMedian: 58_000,
  incomeSigma: 0.55,
  incomeRiskSlope: -0.12,
  ageMean: 42,
  ageSd: 12,
  /** Borrowers whose phone number on file is wrong: every call to them ends WRONG_NUMBER. */
  badPhoneRate: 0.025,
};

/** Observable grade from a noisy reading of z (what a bureau score would see), with its share and APR. */
export const GRADES = [
  { grade: "A", share: 0.15, apr: 7.5 },
  { grade: "B", share: 0.25, apr: 10.5 },
  { grade: "C", share: 0.25, apr: 14 },
  { grade: "D", share: 0.17, apr: 18 },
  { grade: "E", share: 0.1, apr: 22 },
  { grade: "F", share: 0.05, apr: 26 },
  { grade: "G", share: 0.03, apr: 29.5 },
] as const;
/** Weight of the noise in the grade signal: grade = quantile of z + GRADE_NOISE * N(0,1). */
export const GRADE_NOISE = 0.6;

/**
 * Suppression flags: base rate, and how strongly the flag leans towards risky borrowers (rate * exp(b z),
 * normalised so the portfolio-wide rate stays the base rate).
 */
export const FLAGS = {
  doNotContact: { rate: 0.015, riskSlope: 0.3 },
  dispute: { rate: 0.005, riskSlope: 0.3 },
  bankruptcy: { rate: 0.003, riskSlope: 0.8 },
  deceased: { rate: 0.001, riskSlope: 0 },
  legalHold: { rate: 0.002, riskSlope: 0.5 },
} as const;
export const OPT_OUTS = { SMS: 0.04, EMAIL: 0.03, CALL: 0.01 } as const;

export const PRODUCT = {
  revolvingShare: 0.2,
  termsMonths: [
    [12, 0.15],
    [24, 0.25],
    [36, 0.35],
    [48, 0.1],
    [60, 0.15],
  ] as const,
  principalMedian: 11_000,
  principalSigma: 0.7,
  /** Credit limit as a share of annual income (lognormal around it). */
  limitIncomeShare: 0.12,
  /** Card statements are due this many days after the statement date. */
  statementDueDays: 21,
  minimumPaymentShare: 0.03,
  minimumPaymentFloor: 25,
  lateFee: 29,
  /** Purchases per statement cycle (Poisson mean) and median purchase. */
  purchasesPerCycle: 1.2,
  purchaseMedian: 70,
  /** No new purchases once a card is this many days past due (the issuer blocks it). */
  blockPurchasesDpd: 30,
};

/** The monthly payment decision, on the logit scale. `behind` = instalments unpaid at the decision. */
export const BEHAVIOUR = {
  distressPersistence: 0.6,
  missIntercept: -4.6,
  missRisk: 1.1,
  missDistress: 0.9,
  missPerBehind: 1.5,
  /** A borrower in arrears who pays clears all of it (cure) with this probability; else pays one due. */
  cureIntercept: 0.4,
  cureRisk: -0.7,
  cureDistress: -0.5,
  curePerBehind: -0.4,
  /** Of on-time-minded payers: the share paying late (1-12 days), rising with risk. */
  lateIntercept: -2.2,
  lateRisk: 0.8,
  partialRate: 0.03,
  /** Card holders paying their whole statement balance (transactors), by logit(a + b z). */
  transactorIntercept: 0.2,
  transactorRisk: -1,
  /** Charged-off accounts still pay something now and then (recoveries), this often per month. */
  recoveryRate: 0.04,
};

export const PAYMENT_CHANNELS = [
  ["direct-debit", 0.55],
  ["card", 0.2],
  ["bank-transfer", 0.18],
  ["branch", 0.07],
] as const;
export const BOUNCE = {
  /** A direct debit attempted on a missed month bounces (rather than being cancelled) this often. */
  onMissedMonth: 0.6,
  /** Random bounces of otherwise good direct debits; card and transfer payments reversed (charge-backs). */
  randomDebit: 0.004,
  cardReversal: 0.003,
  lagDays: [2, 5] as const,
};

/** Collection contacts: days after a missed due date on which the strategy acts, and what it does. */
export const CONTACT = {
  slotOffsets: [3, 8, 14, 20] as const,
  /** Right-party connect rate of a call: logit(a + b z + c u), u ~ N(0,1) per borrower. */
  answerIntercept: -0.9,
  answerRisk: -0.5,
  answerSpread: 0.7,
  secondAttemptRate: 0.4,
  /** Per slot, by stage: probability of each action. */
  early: { SMS: 0.5, CALL: 0.3, EMAIL: 0.2, FIELD_VISIT: 0 },
  middle: { SMS: 0.25, CALL: 0.8, EMAIL: 0.1, FIELD_VISIT: 0 },
  late: { SMS: 0.2, CALL: 0.75, EMAIL: 0.1, FIELD_VISIT: 0.1 },
  recovery: { SMS: 0, CALL: 0.3, EMAIL: 0.1, FIELD_VISIT: 0.05 },
  /** Inbound calls from borrowers in arrears, per cycle, scaled by their answer propensity. */
  inboundRate: 0.15,
  smsFailure: 0.04,
  emailFailure: 0.07,
  /** Outcomes of a connected conversation: PTP share logit(a + b z); the rest split as below. */
  promiseIntercept: 0.1,
  promiseRisk: -0.5,
  refuseShare: 0.25,
  callbackShare: 0.3,
  /** Unanswered calls: [outcome, share]. */
  unanswered: [
    ["NO_ANSWER", 0.6],
    ["VOICEMAIL", 0.3],
    ["BUSY", 0.1],
  ] as const,
};

/** Promises to pay: what is promised and whether the borrower keeps it (logit(a + b z + c e)). */
export const PROMISE = {
  minDays: 1,
  maxDays: 10,
  keepIntercept: 0.9,
  keepRisk: -0.9,
  keepDistress: -0.6,
  /** Of broken promises, the share where something (30-70%) is paid anyway. */
  partialOnBroken: 0.2,
};

/** The collections workforce: one agent per this many loans, teams of this many agents. */
export const WORKFORCE = {
  loansPerAgent: 400,
  minAgents: 6,
  agentsPerTeam: 12,
};
