import type { ImportSource } from "../import-source.js";
import { PROMISE_STATUS_SYNONYMS, PROMISE_STATUSES } from "./code-synonyms.js";
import { derivedKey, emptyAs, lowerCase, moneyKey } from "./source-kit.js";

/**
 * Promises to pay per loan; the borrower is the loan's. Without a promise_id column each row's key is
 * derived from its loan, promised date, amount and creation time, so a status that changes between two
 * exports updates the same promise.
 */
export const promisesSource: ImportSource = {
  name: "promises",
  description: "Promises to pay (loan_id, amount, promised_date, status, logged_by, created_at)",
  fields: [
    { field: "promiseId", header: "promise_id", type: "text", description: "your key; none: derived" },
    { field: "loanKey", header: "loan_id", type: "text", required: true, description: "the loan's key" },
    { field: "amount", header: "amount", type: "money", required: true, greaterThan: 0 },
    { field: "promisedDate", header: "promised_date", type: "date", required: true },
    {
      field: "status",
      header: "status",
      type: "enum",
      allowed: PROMISE_STATUSES,
      values: PROMISE_STATUS_SYNONYMS,
      description: "empty: PENDING",
    },
    { field: "agentEmail", header: "logged_by", type: "text", description: "agent e-mail, a user of ours" },
    {
      field: "createdAt",
      header: "created_at",
      type: "datetime",
      description: "no column: the time of the first import",
    },
  ],
  key: (r) => (typeof r.promiseId === "string" ? `${r.loanKey}/${r.promiseId}` : undefined),
  check(r) {
    // The database needs the time; only a file without the column may leave it to the import.
    if (r.createdAt === null)
      return [
        { field: "createdAt", message: "is empty: give when the promise was made, or leave the column out" },
      ];
    return [];
  },
  toEntities(r, ctx) {
    const externalKey =
      typeof r.promiseId === "string"
        ? r.promiseId
        : derivedKey(ctx, String(r.loanKey), [r.promisedDate, moneyKey(r.amount), r.createdAt]);
    return {
      promise: [
        {
          loanKey: r.loanKey,
          agentEmail: lowerCase(r.agentEmail),
          externalKey,
          amount: r.amount,
          promisedDate: r.promisedDate,
          status: emptyAs(r.status, "PENDING"),
          createdAt: r.createdAt,
        },
      ],
    };
  },
};
