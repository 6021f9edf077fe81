/**
 * SQL condition on the loan row `alias`: the loan is still collected by the floor. A loan closed or owing
 * nothing has nothing to collect, whatever its score says (a paid-off loan with a broken promise once sat at
 * the top of an agent's worklist); a loan handed off by a recovery manager (agency, legal, written off) is
 * worked elsewhere. An unknown balance counts as owed: sources without balances are still worked.
 */
export function collectedSql(alias: string): string {
  return `(${alias}.handoff IS NULL AND ${alias}.status <> 'CLOSED' AND COALESCE(${alias}."outstandingBalance", 1) > 0)`;
}

/** The same condition on a loan's balance and status alone, for the reason a task was cancelled. */
export function owesNothingSql(alias: string): string {
  return `(${alias}.status = 'CLOSED' OR ${alias}."outstandingBalance" <= 0)`;
}
