import { z } from "zod";

// Bounds keep one request from asking for unbounded work; they are far above any real loan's history.
export const HISTORY_LIMITS = { schedule: 600, payments: 5000, contacts: 5000, promises: 1000 } as const;

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
  .refine((s) => !Number.isNaN(Date.parse(s)), "is not a real date");
const instant = z
  .string()
  .refine(
    (s) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}/.test(s),
    "must be an ISO 8601 date-time",
  );
const money = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/, "must be a decimal number")]);
const amount = money.refine((v) => Number(v) >= 0, "must not be negative");
const positive = money.refine((v) => Number(v) > 0, "must be more than 0");

export const loanHistorySchema = z
  .object({
    asOfDate: isoDay,
    loan: z.object({
      productType: z.enum(["INSTALMENT", "REVOLVING"]),
      principal: amount.nullish(),
      creditLimit: amount.nullish(),
      interestRate: money
        .refine((v) => Number(v) >= 0 && Number(v) <= 100, "must be a percentage 0-100")
        .nullish(),
      termMonths: z.number().int().min(0).max(600).nullish(),
      openedAt: isoDay.nullish(),
      grade: z.string().max(10).nullish(),
    }),
    borrower: z
      .object({
        ageYears: z.number().int().min(0).max(150).nullish(),
        annualIncome: amount.nullish(),
        employmentYears: amount.nullish(),
        segment: z.string().max(40).nullish(),
      })
      .default({}),
    schedule: z
      .array(
        z.object({
          sequence: z.number().int().min(0),
          kind: z.enum(["INSTALMENT", "STATEMENT"]).optional(),
          dueDate: isoDay,
          amountDue: money,
          statementBalance: money.nullish(),
          amountPaid: amount.nullish(),
          delayStatus: z.number().int().min(-2).max(12).nullish(),
        }),
      )
      .max(HISTORY_LIMITS.schedule)
      .default([]),
    payments: z
      .array(
        z.object({
          key: z.string().min(1).max(100),
          type: z.enum(["PAYMENT", "REVERSAL", "BOUNCED_DEBIT"]).default("PAYMENT"),
          amount: positive,
          paidAt: instant,
          reverses: z.string().max(100).nullish(),
        }),
      )
      .max(HISTORY_LIMITS.payments)
      .default([]),
    contacts: z
      .array(
        z.object({
          channel: z.enum(["CALL", "SMS", "EMAIL", "PUSH", "FIELD_VISIT", "LETTER"]),
          direction: z.enum(["OUTBOUND", "INBOUND"]).default("OUTBOUND"),
          outcome: z.string().min(1).max(40),
          startedAt: instant,
          durationSeconds: z.number().int().min(0).nullish(),
        }),
      )
      .max(HISTORY_LIMITS.contacts)
      .optional(),
    promises: z
      .array(
        z.object({
          amount: positive,
          promisedDate: isoDay,
          createdAt: instant.nullish(),
          cancelled: z.boolean().optional(),
        }),
      )
      .max(HISTORY_LIMITS.promises)
      .optional(),
  })
  .superRefine((h, ctx) => {
    const keys = new Set(h.payments.map((p) => p.key));
    h.payments.forEach((p, i) => {
      if (p.type !== "PAYMENT" && p.reverses && !keys.has(p.reverses)) {
        ctx.addIssue({
          code: "custom",
          path: ["payments", i, "reverses"],
          message: `names no payment in this history ("${p.reverses}")`,
        });
      }
    });
  });

export type LoanHistoryInput = z.infer<typeof loanHistorySchema>;

/** "payments.2.amount: must be more than 0; loan.productType: ..." - every problem, with where it is. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
}
