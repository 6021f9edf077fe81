import type { ParsedValue, RowContext } from "../import-source.js";

/** What a record holds for a field: `undefined` when the file has no such column, `null` for an empty cell. */
export type FieldValue = ParsedValue | null | undefined;

/**
 * For columns the database requires: an empty cell takes the default, while an absent column stays absent
 * so that a file without it leaves what is stored alone.
 */
export const emptyAs = (value: FieldValue, fallback: ParsedValue): FieldValue =>
  value === null ? fallback : value;

export const lowerCase = (value: FieldValue): FieldValue =>
  typeof value === "string" ? value.toLowerCase() : value;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const looksLikeEmail = (value: string) => EMAIL.test(value);

/** Amounts compared as money: "150", "150.0" and "150.00" are one payment. */
export const moneyKey = (amount: FieldValue) => Number(amount).toFixed(2);

/**
 * A stable key for a row that carries no id of its own: the values that identify it, plus its occurrence
 * among identical rows of the same scope (a loan, a borrower) in the file, so two identical payments stay two
 * and a re-import of the file finds each one again instead of adding it twice.
 */
export function derivedKey(ctx: RowContext, scope: string, parts: readonly FieldValue[]): string {
  const body = parts.map((p) => (p === null || p === undefined ? "" : String(p))).join("/");
  const seen = ctx.occurrence?.(`${scope}\u0000${body}`) ?? 0;
  return `auto:${body}/${seen + 1}`;
}
