/**
 * SQL condition on the loan row `alias`, never null: the loan owes nothing (closed, or a zero balance). An
 * unknown balance counts as owed: sources without balances are still worked.
 */
export function owesNothingSql(alias: string): string {
  return `(${alias}.status = 'CLOSED' OR COALESCE(${alias}."outstandingBalance" <= 0, false))`;
}

/**
 * SQL condition on the loan row `alias`: the loan is still collected by the floor. A loan owing nothing has
 * nothing to collect, whatever its score says (a paid-off loan with a broken promise once sat at the top of an
 * agent's worklist); a loan handed off by a recovery manager (agency, legal, written off) is worked elsewhere.
 */
export function collectedSql(alias: string): string {
  return `(${alias}.handoff IS NULL AND NOT ${owesNothingSql(alias)})`;
}
