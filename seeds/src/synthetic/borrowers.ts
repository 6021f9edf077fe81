import type { EntityRow } from "../../../server/src/modules/imports/bulk/entities.js";
import {
  BEHAVIOUR,
  BORROWER,
  CONTACT,
  FLAGS,
  GRADE_NOISE,
  GRADES,
  OPT_OUTS,
  PAYMENT_CHANNELS,
} from "./assumptions.js";
import { makePerson } from "./people.js";
import { ZONE_WEIGHTS } from "./places.js";
import { Rng, sigmoid } from "./rng.js";

export type Channel = "CALL" | "SMS" | "EMAIL" | "FIELD_VISIT";

export interface BorrowerProfile {
  /** 1-based number of the borrower in the portfolio. */
  number: number;
  key: string;
  /** The latent risk score z ~ N(0,1): higher is riskier. */
  risk: number;
  /** A noisy, observable reading of the risk (what a bureau score sees): sets grade and segment. */
  observedRisk: number;
  answerRate: number;
  badPhone: boolean;
  timeZone: string;
  paysBy: string;
  transactor: boolean;
  doNotContact: boolean;
  disputeFlag: boolean;
  bankruptcyFlag: boolean;
  deceasedFlag: boolean;
  legalHold: boolean;
  optOuts: Channel[];
  annualIncome: number;
  row: EntityRow<"borrower">;
}

/** Rate `rate` on average, leaning towards risky borrowers: E[exp(b z)] = exp(b^2 / 2) for z ~ N(0,1). */
const riskWeighted = (rate: number, slope: number, z: number) =>
  rate * Math.exp(slope * z - (slope * slope) / 2);

const pad = (n: number, width: number) => String(n).padStart(width, "0");

export function borrowerKey(n: number): string {
  return `B${pad(n, 7)}`;
}

/** Quantile cut-offs of the grade signal (a normal with variance 1 + GRADE_NOISE^2). */
const GRADE_CUTS = (() => {
  const sd = Math.sqrt(1 + GRADE_NOISE * GRADE_NOISE);
  let cum = 0;
  return GRADES.map((g) => {
    cum += g.share;
    return { ...g, upper: sd * probit(Math.min(cum, 0.999999)) };
  });
})();

/** Inverse standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
function probit(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ] as const;
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ] as const;
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ] as const;
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416] as const;
  if (Math.min(p, 1 - p) > 0.02425) {
    const q = p - 0.5;
    const r = q * q;
    return (
      ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
      (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    );
  }
  const q = Math.sqrt(-2 * Math.log(Math.min(p, 1 - p)));
  const x =
    (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
    ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  return p < 0.5 ? x : -x;
}

export function gradeFor(observedRisk: number): { grade: string; apr: number } {
  for (const g of GRADE_CUTS) if (observedRisk <= g.upper) return g;
  return GRADE_CUTS[GRADE_CUTS.length - 1] as { grade: string; apr: number };
}

export function makeBorrower(rng: Rng, n: number): BorrowerProfile {
  const risk = rng.normal();
  const observedRisk = risk + GRADE_NOISE * rng.normal();
  const timeZone = rng.weighted(ZONE_WEIGHTS);
  // The person (name, address, contact details) comes from a stream of its own, seeded by three draws of this
  // one (two here, one after the behaviour draws): however many draws a person takes, the draws behind age,
  // income, flags and the loans do not move.
  const personSeed = [rng.int(0, 0xffffffff), rng.int(0, 0xffffffff)];
  const age = Math.round(Math.min(85, Math.max(19, BORROWER.ageMean + BORROWER.ageSd * rng.normal())));
  const annualIncome =
    Math.round(
      rng.logNormal(BORROWER.incomeMedian * Math.exp(BORROWER.incomeRiskSlope * risk), BORROWER.incomeSigma) /
        100,
    ) * 100;
  const employmentStatus =
    age >= 63 && rng.chance(0.6)
      ? "retired"
      : rng.weighted([
          ["employed", 0.84],
          ["self-employed", 0.11],
          ["unemployed", 0.05 * Math.exp(0.5 * risk)],
        ] as const);
  const employmentYears =
    employmentStatus === "employed" || employmentStatus === "self-employed"
      ? Math.min(age - 18, Math.round(-6 * Math.log(1 - rng.next()) * 4) / 4)
      : null;
  const homeOwnership = rng.weighted([
    ["mortgage", 0.4 * Math.exp(-0.3 * risk)],
    ["rent", 0.45 * Math.exp(0.3 * risk)],
    ["own", 0.12],
    ["other", 0.03],
  ] as const);
  const education = rng.weighted([
    ["high school", 0.32],
    ["university", 0.42],
    ["graduate school", 0.18],
    ["other", 0.08],
  ] as const);
  const maritalStatus = rng.weighted([
    ["married", 0.48],
    ["single", 0.44],
    ["other", 0.08],
  ] as const);
  const sex = rng.chance(0.5) ? "female" : "male";
  const segment = observedRisk < -0.35 ? "prime" : observedRisk < 0.75 ? "near-prime" : "subprime";

  const flag = (f: { rate: number; riskSlope: number }) =>
    rng.chance(riskWeighted(f.rate, f.riskSlope, risk));
  const doNotContact = flag(FLAGS.doNotContact);
  const disputeFlag = flag(FLAGS.dispute);
  const bankruptcyFlag = flag(FLAGS.bankruptcy);
  const deceasedFlag = flag(FLAGS.deceased);
  const legalHold = flag(FLAGS.legalHold);
  const optOuts: Channel[] = [];
  for (const channel of ["CALL", "SMS", "EMAIL"] as const)
    if (rng.chance(OPT_OUTS[channel])) optOuts.push(channel);

  const answerRate = sigmoid(
    CONTACT.answerIntercept + CONTACT.answerRisk * risk + CONTACT.answerSpread * rng.normal(),
  );
  const key = borrowerKey(n);
  const badPhone = rng.chance(BORROWER.badPhoneRate);
  const paysBy = rng.weighted(PAYMENT_CHANNELS);
  const transactor = rng.chance(sigmoid(BEHAVIOUR.transactorIntercept + BEHAVIOUR.transactorRisk * risk));
  personSeed.push(rng.int(0, 0xffffffff));
  const person = makePerson(new Rng(...personSeed), { timeZone, sex, renting: homeOwnership === "rent" });
  return {
    number: n,
    key,
    risk,
    observedRisk,
    answerRate,
    badPhone,
    timeZone,
    paysBy,
    transactor,
    doNotContact,
    disputeFlag,
    bankruptcyFlag,
    deceasedFlag,
    legalHold,
    optOuts,
    annualIncome,
    row: {
      externalKey: key,
      ...person,
      ageYears: age,
      sex,
      education,
      maritalStatus,
      annualIncome,
      employmentStatus,
      employmentYears,
      homeOwnership,
      segment,
    },
  };
}
