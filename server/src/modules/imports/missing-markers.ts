import type { ColumnMapping } from "./import-source.js";

/**
 * Cell texts that mean "no value" unless a mapping lists its own (`nulls`), compared trimmed and ignoring
 * case. Exports write them where a value is missing; read as text they would land as a value ("NA" as a
 * grade), and read as a number they would reject rows that are only incomplete.
 */
export const DEFAULT_MISSING_MARKERS: readonly string[] = ["NA", "N/A", "null", "none", "-"];

/** The markers a file is read with: the mapping's list replaces the defaults; an empty cell is always missing. */
export function missingMarkers(mapping: ColumnMapping): ReadonlySet<string> {
  return new Set(["", ...(mapping.nulls ?? DEFAULT_MISSING_MARKERS)].map((m) => m.trim().toLowerCase()));
}
