import { Prisma } from "../../generated/prisma/client.js";

/**
 * The scalar fields a Prisma `select` object picks (`{ id: true, ... }`) as one `jsonb` value built from
 * the row `alias`. It lets one statement bring a page's related rows, each with the field list of the
 * repository that owns it. Keys and alias are code, never input.
 */
export function jsonRecordSql(alias: string, select: Readonly<Record<string, unknown>>): Prisma.Sql {
  const pairs = Object.keys(select)
    .filter((k) => select[k] === true)
    .map((k) => `'${k}', ${alias}."${k}"`);
  return Prisma.raw(`jsonb_build_object(${pairs.join(", ")})`);
}

// An instant in JSON: timestamptz and date columns carry their zone or none at all (a date is UTC midnight,
// as Prisma reads it); a timestamp without zone is UTC, as Prisma writes it.
const HAS_ZONE = /(Z|[+-]\d\d(:?\d\d)?)$/;

function instant(value: string): Date {
  return new Date(value.includes("T") && !HAS_ZONE.test(value) ? `${value}Z` : value);
}

/**
 * A `jsonRecordSql` value as the row Prisma would have returned: the instants named by `instants` become
 * Dates again. Decimals stay numbers, which the mappers format like Prisma's Decimal (`toFixed`, `toString`).
 */
export function fromJsonRecord<T>(
  value: Record<string, unknown>,
  instants: readonly (keyof T & string)[],
): T {
  const row: Record<string, unknown> = { ...value };
  for (const key of instants) {
    const v = row[key];
    if (typeof v === "string") row[key] = instant(v);
  }
  return row as T;
}
