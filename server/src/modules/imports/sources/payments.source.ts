import type { ImportSource, RecordIssue } from "../import-source.js";
import { PAYMENT_TYPE_SYNONYMS, PAYMENT_TYPES } from "./code-synonyms.js";
import { derivedKey, emptyAs, moneyKey } from "./source-kit.js";

/**
 * Payments, and the reversals and bounced debits that undo them. An undoing row names the payment by that
 * payment's id (the same loan's), in this file or imported before. Without a payment_id column each row's
 * key is derived from its loan, time, amount and type (see derivedKey), so re-importing the file is harmless.
 */
export const paymentsSource: ImportSource = {
  name: "payments",
  description: "Payments, reversals and bounced debits (loan_id, paid_at, amount, type, reverses_payment_id)",
  fields: [
    { field: "paymentId", header: "payment_id", type: "text", description: "your key; none: derived" },
    { field: "loanKey", header: "loan_id", type: "text", required: true, description: "the loan's key" },
    {
      field: "type",
      header: "type",
      type: "enum",
      allowed: PAYMENT_TYPES,
      values: PAYMENT_TYPE_SYNONYMS,
      description: "empty: PAYMENT",
    },
    {
      field: "amount",
      header: "amount",
      type: "money",
      required: true,
      greaterThan: 0,
      description: "always positive: the type says which way it goes",
    },
    { field: "paidAt", header: "paid_at", type: "datetime", required: true },
    { field: "channel", header: "channel", type: "text", description: "card, transfer, direct debit..." },
    {
      field: "reversesPaymentKey",
      header: "reverses_payment_id",
      type: "text",
      description: "for a reversal or bounced debit: the payment_id it undoes",
    },
  ],
  key: (r) => (typeof r.paymentId === "string" ? `${r.loanKey}/${r.paymentId}` : undefined),
  check(r) {
    const issues: RecordIssue[] = [];
    const undoes = typeof r.reversesPaymentKey === "string";
    const type = r.type ?? "PAYMENT";
    if (undoes && type === "PAYMENT")
      issues.push({
        field: "reversesPaymentKey",
        message:
          "a PAYMENT cannot undo another payment: set the type to REVERSAL or BOUNCED_DEBIT, or clear this cell",
      });
    else if (undoes && r.reversesPaymentKey === r.paymentId)
      issues.push({
        field: "reversesPaymentKey",
        message: "names the row's own payment id: a payment cannot undo itself",
      });
    else if (!undoes && type !== "PAYMENT" && r.reversesPaymentKey !== undefined)
      issues.push({
        field: "reversesPaymentKey",
        message: `a ${type} that names no payment cannot be matched to what it undoes; kept without the link`,
        severity: "WARNING",
      });
    return issues;
  },
  toEntities(r, ctx) {
    const type = emptyAs(r.type, "PAYMENT");
    const externalKey =
      typeof r.paymentId === "string"
        ? r.paymentId
        : derivedKey(ctx, String(r.loanKey), [r.paidAt, moneyKey(r.amount), type ?? "PAYMENT"]);
    return {
      payment: [
        {
          loanKey: r.loanKey,
          externalKey,
          type,
          amount: r.amount,
          paidAt: r.paidAt,
          channel: r.channel,
          reversesPaymentKey: r.reversesPaymentKey,
        },
      ],
    };
  },
};
