import { ValidateBy, type ValidationArguments } from "class-validator";
import { z } from "zod";

// The values every API takes, defined once: REST bodies (zod, which also writes their OpenAPI schemas) and
// GraphQL inputs (class-validator, through `Satisfies` below) check a loan id, an amount or a day the same way.

// The wording of zod's own refusals, for every schema of the server: a missing field is "required", a wrong
// type says what was expected; the rules below give their own messages.
z.config({
  customError: (issue) => {
    if (issue.code !== "invalid_type") return undefined;
    if (issue.input === undefined) return "is required";
    if (issue.input === null) return `must not be null: give a ${issue.expected}`;
    return `must be a ${issue.expected}, not ${Array.isArray(issue.input) ? "an array" : typeof issue.input}`;
  },
});

/** NUMERIC(14,2): twelve digits before the point, two after. */
export const MONEY_MAX = 999_999_999_999.99;
// Decimal strings as the schema and the server read them alike: no leading zeros, at most twelve digits before
// the point and two after; [0-9], not \d, which other tools (Python's re among them) read as any Unicode digit.
const MONEY_TEXT = {
  nonNegative: /^(0|[1-9][0-9]{0,11})(\.[0-9]{1,2})?$/,
  positive: /^([1-9][0-9]{0,11}(\.[0-9]{1,2})?|0\.(0[1-9]|[1-9][0-9]?))$/,
  signed: /^-?(0|[1-9][0-9]{0,11})(\.[0-9]{1,2})?$/,
} as const;

/** Any 8-4-4-4-12 hexadecimal id (PostgreSQL's uuid type takes every version), checked before any query. */
export const entityId = (what: string) =>
  z.guid({ error: `must be ${what} id (a UUID such as 3f2b8c1e-0d4a-4e7b-9c55-2a1f6e8d9b70)` });

export const isEntityId = (value: string) => entityId("an").safeParse(value).success;

/** A calendar day that exists (no 30 February), written YYYY-MM-DD. */
export const calendarDay = () =>
  z.iso.date({ error: "must be a calendar day written YYYY-MM-DD that exists, such as 2026-02-28" });

/** An instant with its offset; without one, "10:00" would be read in the server's time zone. */
export const instant = () =>
  z.iso.datetime({
    offset: true,
    error: "must be an ISO 8601 date-time with its offset, such as 2026-03-12T14:30:00Z",
  });

/** Text within bounds (counted in characters), without NUL characters, which PostgreSQL cannot store. */
export const boundedText = (max: number, min = 0) =>
  z
    .string()
    .min(min, { error: min === 1 ? "must not be empty" : `must have at least ${min} characters` })
    .max(max, { error: `must have at most ${max} characters` })
    // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is the character refused (PostgreSQL text cannot hold it); written \u0000 so that the OpenAPI pattern reads in every regex dialect.
    .regex(/^[^\u0000]*$/, { error: "must not contain NUL characters (\\u0000)" });

/** Which amounts a field takes: a payment is positive, an amount due may be 0, a balance may be negative. */
export type MoneySign = keyof typeof MONEY_TEXT;

function hasCents(v: number): boolean {
  // Binary floating point: 0.07 is 0.07000000000000001 and 7.000000000000001 cents. The tolerance is the
  // float's own precision, relative, so that 1e-9 or 5e-324 stay what they are: not whole cents.
  const cents = v * 100;
  return Math.abs(cents - Math.round(cents)) <= 8 * Number.EPSILON * Math.abs(cents);
}

/**
 * An amount that fits NUMERIC(14,2): a JSON number, or a decimal string (which keeps every cent exact).
 * Far larger strings used to become Infinity and fail deep inside; now they are refused here.
 */
export function money(sign: MoneySign = "nonNegative") {
  const min = sign === "signed" ? -MONEY_MAX : 0;
  const above = sign === "positive" ? "above 0" : sign === "signed" ? `from ${min}` : "0 or more";
  const rule = `must be an amount ${above}, at most ${MONEY_MAX}, with at most two decimals`;
  const inRange = (v: number) => (sign === "positive" ? v > 0 : v >= min) && v <= MONEY_MAX;
  const asNumber = z
    .number({ error: rule })
    .refine((v) => Number.isFinite(v) && hasCents(v) && inRange(v), { error: rule })
    .meta({
      ...(sign === "positive" ? { exclusiveMinimum: true } : {}),
      minimum: min,
      maximum: MONEY_MAX,
      multipleOf: 0.01,
    });
  return z.union([asNumber, moneyText(sign)], { error: `${rule} (a number or a decimal string)` });
}

/**
 * An amount as a decimal string only (GraphQL inputs: every cent exact). The pattern alone decides: it is what
 * the OpenAPI document publishes.
 */
export function moneyText(sign: MoneySign = "nonNegative") {
  const above = sign === "positive" ? "above 0" : sign === "signed" ? `from -${MONEY_MAX}` : "0 or more";
  return z
    .string({ error: `must be an amount as a decimal string, such as "150.00"` })
    .regex(MONEY_TEXT[sign], {
      error: `must be an amount ${above}, at most ${MONEY_MAX}, with at most two decimals and no leading zeros, as a string such as "150.00"`,
    });
}

/** A whole number within bounds (days, counts, months): 1.5 days is refused, not rounded. */
export const wholeNumber = (min: number, max: number, unit: string) =>
  z
    .number({ error: `must be a whole number of ${unit}, ${min} to ${max}` })
    .int({ error: `must be a whole number of ${unit}, ${min} to ${max}` })
    .min(min, { error: `must be at least ${min} ${unit}` })
    .max(max, { error: `must be at most ${max} ${unit}` });

/** The parts of a zod issue a message needs (Fastify's validation errors carry the same). */
export interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  /** unrecognized_keys: the keys. */
  keys?: readonly string[];
  /** invalid_union: each alternative's own issues. */
  errors?: readonly (readonly IssueLike[])[];
}

/**
 * The alternative the caller meant: the one whose issues lie deepest (it matched the most before failing),
 * so that {"features": {...}} with one bad value is told about that value, not that "history" is missing.
 * None when no alternative got further than the others' top level: the union's own message says it best.
 */
function meantAlternative(alternatives: readonly (readonly IssueLike[])[]): readonly IssueLike[] | null {
  const depth = (issues: readonly IssueLike[]) =>
    Math.min(...issues.map((i) => (i.code === "unrecognized_keys" ? -1 : i.path.length)));
  const ranked = alternatives
    .filter((a) => a.length > 0)
    .map((issues) => ({ issues, depth: depth(issues) }))
    .sort((a, b) => b.depth - a.depth || a.issues.length - b.issues.length);
  const [best, next] = ranked;
  if (!best || (next && next.depth === best.depth && best.depth <= 1)) return null;
  return best.issues;
}

/** "payments.2.amount: must be above 0; loan.productType: ..." - every problem, with where it is. */
export function describeIssues(issues: readonly IssueLike[], prefix: readonly PropertyKey[] = []): string {
  return issues
    .map((i) => {
      const path = [...prefix, ...i.path];
      if (i.code === "invalid_union" && i.errors && i.errors.length > 0) {
        const meant = meantAlternative(i.errors);
        if (meant) return describeIssues(meant, path);
      }
      // An unknown key is named where it is: "features.shoe_size: ...", not "features: shoe_size ...".
      if (i.code === "unrecognized_keys" && i.keys)
        return i.keys.map((k) => `${[...path, k].map(String).join(".")}: ${i.message}`).join("; ");
      return `${path.map(String).join(".") || "body"}: ${i.message}`;
    })
    .join("; ");
}

/**
 * A class-validator rule (GraphQL inputs) that holds when the value satisfies a zod schema above, so that a
 * field of a GraphQL input and of a REST body follow the same definition. The message names the field.
 */
export const Satisfies = (schema: z.ZodType, name = "satisfies") =>
  ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => schema.safeParse(value).success,
      defaultMessage: (args?: ValidationArguments) => {
        const parsed = schema.safeParse(args?.value);
        const problem = parsed.success ? "is invalid" : parsed.error.issues[0]?.message;
        return `${args?.property} ${problem}`;
      },
    },
  });
