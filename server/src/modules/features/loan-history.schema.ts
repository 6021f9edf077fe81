import { z } from "zod";
import { inconsistentInput } from "../../core/errors/app-error.js";
import {
  boundedText,
  calendarDay,
  instant,
  money,
  wholeNumber,
} from "../../core/validation/domain-values.js";

// Bounds keep one request from asking for unbounded work; they are far above any real loan's history.
export const HISTORY_LIMITS = { schedule: 600, payments: 5000, contacts: 5000, promises: 1000 } as const;

const day = calendarDay;
const amount = () => money();
const positive = () => money("positive");
// A statement balance is negative when the customer paid more than they owed.
const balance = () => money("signed");
const percentage = z.union(
  [z.number().min(0).max(100), z.string().regex(/^(100(\.0{1,6})?|(0|[1-9][0-9]?)(\.[0-9]{1,6})?)$/)],
  { error: 'must be a percentage from 0 to 100, as a number or a decimal string such as "18.5"' },
);
// Years in employment are stored as a decimal: a history read back from the database carries them as text.
const years = z.union(
  [z.number().min(0).max(100), z.string().regex(/^(100(\.0{1,2})?|(0|[1-9][0-9]?)(\.[0-9]{1,2})?)$/)],
  { error: 'must be years from 0 to 100, as a number or a decimal string such as "3.5"' },
);
const key = boundedText(100, 1);

export const loanHistorySchema = z.object({
  asOfDate: day(),
  loan: z.object({
    productType: z.enum(["INSTALMENT", "REVOLVING"]),
    principal: amount().nullish(),
    creditLimit: amount().nullish(),
    interestRate: percentage.nullish(),
    termMonths: wholeNumber(0, 600, "months").nullish(),
    openedAt: day().nullish(),
    grade: boundedText(10).nullish(),
    purpose: boundedText(40).nullish(),
  }),
  borrower: z
    .object({
      ageYears: wholeNumber(0, 150, "years").nullish(),
      annualIncome: amount().nullish(),
      employmentYears: years.nullish(),
      segment: boundedText(40).nullish(),
      homeOwnership: boundedText(40).nullish(),
      priorDefault: z.boolean().nullish(),
      creditHistoryYears: z.number().min(0).max(100).nullish(),
    })
    .default({}),
  schedule: z
    .array(
      z.object({
        sequence: wholeNumber(0, 10_000, "instalments"),
        kind: z.enum(["INSTALMENT", "STATEMENT"]).optional(),
        dueDate: day(),
        amountDue: amount(),
        statementBalance: balance().nullish(),
        amountPaid: amount().nullish(),
        delayStatus: wholeNumber(-2, 12, "months").nullish(),
      }),
    )
    .max(HISTORY_LIMITS.schedule)
    .default([]),
  payments: z
    .array(
      z.object({
        key,
        type: z.enum(["PAYMENT", "REVERSAL", "BOUNCED_DEBIT"]).default("PAYMENT"),
        amount: positive(),
        paidAt: instant(),
        reverses: key.nullish(),
      }),
    )
    .max(HISTORY_LIMITS.payments)
    .default([]),
  contacts: z
    .array(
      z.object({
        channel: z.enum(["CALL", "SMS", "EMAIL", "PUSH", "FIELD_VISIT", "LETTER"]),
        direction: z.enum(["OUTBOUND", "INBOUND"]).default("OUTBOUND"),
        outcome: boundedText(40, 1),
        startedAt: instant(),
        durationSeconds: wholeNumber(0, 86_400, "seconds").nullish(),
      }),
    )
    .max(HISTORY_LIMITS.contacts)
    .optional(),
  promises: z
    .array(
      z.object({
        amount: positive(),
        promisedDate: day(),
        createdAt: instant().nullish(),
        cancelled: z.boolean().optional(),
      }),
    )
    .max(HISTORY_LIMITS.promises)
    .optional(),
});

export type LoanHistoryInput = z.infer<typeof loanHistorySchema>;

/**
 * What the schema cannot say: each payment's key is its own, and a reversal names another payment of the
 * same history. Refused with INCONSISTENT_INPUT (REST 422) naming the payment.
 */
export function checkHistoryConsistency(h: LoanHistoryInput): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  h.payments.forEach((p, i) => {
    if (seen.has(p.key)) problems.push(`payments.${i}.key: "${p.key}" is used by an earlier payment`);
    seen.add(p.key);
  });
  h.payments.forEach((p, i) => {
    if (p.type === "PAYMENT" || !p.reverses) return;
    if (p.reverses === p.key)
      problems.push(`payments.${i}.reverses: a ${p.type.toLowerCase()} cannot reverse itself`);
    else if (!seen.has(p.reverses))
      problems.push(`payments.${i}.reverses: names no payment in this history ("${p.reverses}")`);
  });
  if (problems.length > 0) throw inconsistentInput(`Inconsistent loan history: ${problems.join("; ")}`);
}
