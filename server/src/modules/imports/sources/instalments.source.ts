import type { ImportSource } from "../import-source.js";
import { SCHEDULE_KIND_SYNONYMS, SCHEDULE_KINDS } from "./code-synonyms.js";
import { emptyAs } from "./source-kit.js";

/** Repayment schedules and statements: one row per due amount of a loan, numbered by `sequence`. */
export const instalmentsSource: ImportSource = {
  name: "instalments",
  description: "Schedules and statements: one row per due amount (loan_id, sequence, due date, due, paid)",
  fields: [
    { field: "loanKey", header: "loan_id", type: "text", required: true, description: "the loan's key" },
    { field: "sequence", header: "sequence", type: "int", required: true, min: 0, max: 100_000 },
    {
      field: "kind",
      header: "kind",
      type: "enum",
      allowed: SCHEDULE_KINDS,
      values: SCHEDULE_KIND_SYNONYMS,
      description: "empty: INSTALMENT",
    },
    { field: "dueDate", header: "due_date", type: "date", required: true },
    { field: "amountDue", header: "amount_due", type: "money", required: true, min: 0 },
    {
      field: "amountPaid",
      header: "amount_paid",
      type: "money",
      min: 0,
      description: "empty: 0",
    },
    { field: "paidDate", header: "paid_date", type: "date" },
    {
      field: "statementBalance",
      header: "statement_balance",
      type: "money",
      description: "revolving accounts; negative: a credit",
    },
    {
      field: "delayStatus",
      header: "delay_status",
      type: "int",
      min: -2,
      max: 99,
      description: "months late as your system reports it (-2..0: not late)",
    },
  ],
  key: (r) => `${r.loanKey}#${r.sequence}`,
  check(r) {
    if (
      typeof r.paidDate === "string" &&
      (r.amountPaid === null || r.amountPaid === undefined || Number(r.amountPaid) === 0)
    )
      return [
        {
          field: "paidDate",
          message: "has a paid date but nothing paid; kept as given",
          severity: "WARNING",
        },
      ];
    return [];
  },
  toEntities: (r) => ({
    instalment: [
      {
        loanKey: r.loanKey,
        kind: emptyAs(r.kind, "INSTALMENT"),
        sequence: r.sequence,
        dueDate: r.dueDate,
        amountDue: r.amountDue,
        amountPaid: emptyAs(r.amountPaid, "0"),
        paidDate: r.paidDate,
        statementBalance: r.statementBalance,
        delayStatus: r.delayStatus,
      },
    ],
  }),
};
