// The API's bounds on a promise to pay (server/src/modules/promises/promise.inputs.ts and promise-terms.ts)
// that the form can know; the horizon is the server's setting, so its refusal is shown as it says it.
const MONEY = /^\d{1,12}(\.\d{1,2})?$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface PromiseFormValues {
  amount: string;
  promisedDate: string;
}

export type PromiseFormErrors = Partial<Record<"amount" | "promisedDate", string>>;

const toCents = (amount: string) => Math.round(Number(amount) * 100);

/** Today as YYYY-MM-DD in UTC: the day the API dates promises against. */
export const utcToday = (now = new Date()): string => now.toISOString().slice(0, 10);

/** The amount ("1,250.5" typed is "1250.50" sent) and day, or what is wrong with them. */
export function promiseRequest(
  values: PromiseFormValues,
  balance: string | null,
  currency: string,
  now = new Date(),
): { request: { amount: string; promisedDate: string } } | { errors: PromiseFormErrors } {
  const errors: PromiseFormErrors = {};
  const amount = values.amount.replace(/[\s,]/g, "");
  if (amount === "") errors.amount = "Give the amount the borrower promised.";
  else if (!MONEY.test(amount) || Number(amount) <= 0)
    errors.amount = "Give an amount above zero with at most two decimals, such as 150.00.";
  else if (balance !== null && toCents(amount) > toCents(balance))
    errors.amount = `That is above the outstanding balance of ${balance} ${currency}: promise at most the balance.`;

  if (values.promisedDate === "") errors.promisedDate = "Give the day the borrower promised to pay by.";
  else if (!DAY.test(values.promisedDate)) errors.promisedDate = "Give a date such as 2026-12-24.";
  else if (values.promisedDate < utcToday(now))
    errors.promisedDate = "That day is in the past: give today or a later day.";

  if (Object.keys(errors).length > 0) return { errors };
  return { request: { amount: (toCents(amount) / 100).toFixed(2), promisedDate: values.promisedDate } };
}
