import { Prisma } from "../../generated/prisma/client.js";

// The arrears arithmetic in SQL, for every statement that shows or sorts by it (loan pages and lists, the
// worklist, the dashboard). Arguments are SQL expressions written in code, never input.

/**
 * Payment `pay` stands on `day`: a payment made by then and not undone by a reversal or bounced debit made by
 * then (the SQL form of `effectivePayments`, features/payment-allocation.ts). Days are UTC days of the
 * payment instant, as `dayOf` takes them.
 */
export function paymentStandsSql(pay: string, day: string): string {
  return `${pay}.type = 'PAYMENT' AND (${pay}."paidAt" AT TIME ZONE 'UTC')::date <= ${day}
    AND NOT EXISTS (
      SELECT 1 FROM "Payment" undo
      WHERE undo."loanId" = ${pay}."loanId" AND undo."reversesPaymentId" = ${pay}.id AND undo.type <> 'PAYMENT'
        AND (undo."paidAt" AT TIME ZONE 'UTC')::date <= ${day})`;
}

/**
 * The ids of loan `loanId`'s payments undone by `day` (paymentStandsSql's reversals, as one set per loan: the
 * loan's few reversals are read once, not probed for each of its payments).
 */
function reversedPaymentsSql(loanId: string, day: string): string {
  return `SELECT undo."reversesPaymentId" FROM "Payment" undo
    WHERE undo."loanId" = ${loanId} AND undo.type <> 'PAYMENT' AND undo."reversesPaymentId" IS NOT NULL
      AND (undo."paidAt" AT TIME ZONE 'UTC')::date <= ${day}`;
}

/**
 * The amount overdue of the loan whose id is `loanId` on day `asOf`: what fell due before that day minus the
 * payments that stand by then, never below zero, to the cent. Payments settle the oldest amounts first
 * (features/payment-allocation.ts), so whatever was paid went to the amounts already due before any later
 * one: the difference of the two sums is exactly the unpaid part of the amounts due. Read through the
 * loan-and-date indexes of Instalment and Payment.
 */
export function amountOverdueSql(loanId: string, asOf: string): string {
  return `round(GREATEST(0,
    COALESCE((SELECT sum(GREATEST(i."amountDue", 0)) FROM "Instalment" i
              WHERE i."loanId" = ${loanId} AND i."dueDate" < ${asOf}), 0)
    - COALESCE((SELECT sum(GREATEST(pay.amount, 0)) FROM "Payment" pay
                WHERE pay."loanId" = ${loanId} AND pay.type = 'PAYMENT'
                  AND (pay."paidAt" AT TIME ZONE 'UTC')::date <= ${asOf}
                  AND pay.id NOT IN (${reversedPaymentsSql(loanId, asOf)})), 0)
  ), 2)`;
}

/** The amount overdue of loan `l` in its portfolio `p`, on the portfolio's as-of date. */
export const AMOUNT_OVERDUE_SQL = Prisma.raw(amountOverdueSql("l.id", 'p."asOfDate"'));
