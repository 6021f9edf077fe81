import { convertCell, expectedValue } from "./field-conversion.js";
import { type DateFormat, enumCode } from "./files/field-parsers.js";
import { ImportFileError } from "./files/table-reader.js";
import type { ColumnMapping, FieldSpec, ParsedRecord, ParsedValue } from "./import-source.js";
import { missingMarkers } from "./missing-markers.js";

export interface RowIssue {
  column: string | null;
  message: string;
}

export interface ParsedRow {
  record: ParsedRecord | null;
  errors: RowIssue[];
  warnings: RowIssue[];
  /** The mapping's attribute columns that had a value, by header. */
  attributes?: Record<string, string | number>;
}

/** A field bound to its column in one file. */
interface BoundField {
  spec: FieldSpec;
  /** The header it is read from (the mapping's, else ours). */
  header: string;
  /** Undefined when the file has no such column. */
  position: number | undefined;
  /** The source's and the mapping's spellings -> ours (the mapping's win), as written and by lower case. */
  codes: Record<string, string>;
  byLower: Map<string, string>;
  /** The mapping's default for a missing value. */
  fallback: string | undefined;
}

function bindField(spec: FieldSpec, mapping: ColumnMapping, index: Map<string, number>): BoundField {
  const header = mapping.columns?.[spec.field] ?? spec.header;
  const codes = { ...spec.values, ...mapping.values?.[spec.field] };
  return {
    spec,
    header,
    position: index.get(header.trim().toLowerCase()),
    codes,
    byLower: new Map(Object.entries(codes).map(([theirs, ours]) => [theirs.trim().toLowerCase(), ours])),
    fallback: mapping.defaults?.[spec.field],
  };
}

type CellRead = { ok: true; value: ParsedValue | null } | { ok: false; error: string };

/**
 * Reads cells as their field's type. A code of the field's comes first (a mapping may give "NA" a meaning),
 * then the missing markers, then the mapping's default for a missing value; a missing value of a required
 * field is an error, naming what was there and what was expected.
 */
function createCellReader(mapping: ColumnMapping, markers: ReadonlySet<string>) {
  const dateFormat: DateFormat = mapping.dateFormat ?? "YYYY-MM-DD";
  const textOf = (field: BoundField, raw: string): string => {
    const lower = raw.trim().toLowerCase();
    const code = field.byLower.get(lower);
    if (code !== undefined) return code;
    // A marker that is one of our codes for the field is that code, not a missing value.
    const ourCode = field.spec.allowed?.includes(enumCode(raw)) ?? false;
    return markers.has(lower) && !ourCode ? "" : raw;
  };
  return (field: BoundField, raw: string, fallback?: string): CellRead => {
    let cell = textOf(field, raw);
    if (cell.trim() === "" && fallback !== undefined) cell = textOf(field, fallback);
    const parsed = convertCell(field.spec, cell, dateFormat, field.codes);
    const v = parsed.ok ? parsed.value : undefined;
    if (!field.spec.required || !(v === null || (Array.isArray(v) && v.length === 0))) return parsed;
    const expected = `(expected ${expectedValue(field.spec, dateFormat)})`;
    const given = raw.trim();
    return {
      ok: false,
      error:
        given === ""
          ? `is required but empty ${expected}`
          : `is required, but "${given}" marks a missing value ${expected}`,
    };
  };
}

/** Outside a field's legal range a number is an error; outside its plausible range, a warning. */
function rangeIssue(
  spec: FieldSpec,
  v: ParsedValue,
  /** The value as the file wrote it ("-5", not the stored "-5.00"). */
  shown: string,
): { severity: "ERROR" | "WARNING"; message: string } | null {
  const numeric =
    typeof v === "number" || ((spec.type === "decimal" || spec.type === "money") && typeof v === "string");
  if (!numeric) return null;
  const n = Number(v);
  const error = (message: string) => ({ severity: "ERROR" as const, message });
  const warning = (message: string) => ({ severity: "WARNING" as const, message });
  if (spec.min !== undefined && n < spec.min) return error(`${shown} is below the minimum ${spec.min}`);
  if (spec.max !== undefined && n > spec.max) return error(`${shown} is above the maximum ${spec.max}`);
  if (spec.greaterThan !== undefined && n <= spec.greaterThan)
    return error(`${shown} must be greater than ${spec.greaterThan}`);
  if (spec.plausible?.max !== undefined && n > spec.plausible.max)
    return warning(`${shown} is implausibly high (above ${spec.plausible.max}); kept as given`);
  if (spec.plausible?.min !== undefined && n < spec.plausible.min)
    return warning(`${shown} is implausibly low (below ${spec.plausible.min}); kept as given`);
  return null;
}

// Numbers kept as JSON numbers only when the text is exactly the number: "00123" (a code) stays text.
function attributeValue(s: string): string | number {
  return /^-?(0|[1-9]\d*)(\.\d+)?$/.test(s) && Number.isFinite(Number(s)) ? Number(s) : s;
}

const quoted = (list: readonly string[]) => list.map((h) => `"${h}"`).join(", ");

/**
 * Binds a source's fields to a file's headers (through the mapping) and parses its rows. A missing
 * required column, or a mapping that names what the file does not have, fails the whole file, naming what
 * is missing and what was found.
 */
export function createRecordParser(
  file: string,
  headers: string[],
  fields: readonly FieldSpec[],
  mapping: ColumnMapping,
  delimiter?: string,
) {
  const index = new Map(headers.map((h, i) => [h.trim().toLowerCase(), i]));
  const bound = fields.map((spec) => bindField(spec, mapping, index));
  const markers = missingMarkers(mapping);
  const readCell = createCellReader(mapping, markers);
  const missing = bound
    .filter((b) => b.spec.required && b.position === undefined && b.fallback === undefined)
    .map((b) => b.header);
  if (missing.length > 0) {
    const hint =
      headers.length === 1 && delimiter
        ? ` The header line did not split on "${delimiter === "\t" ? "\\t" : delimiter}": is the delimiter right (--delimiter)?`
        : "";
    throw new ImportFileError(
      file,
      `missing required column(s) ${quoted(missing)}; found ${quoted(headers)}.${hint} ` +
        "Rename the columns or map them with a mapping file (--mapping).",
    );
  }
  for (const field of bound) {
    if (field.fallback === undefined) continue;
    const parsed = readCell(field, field.fallback);
    if (!parsed.ok)
      throw new ImportFileError(
        file,
        `the mapping's default for "${field.spec.field}" is wrong: ${parsed.error}`,
      );
  }

  const read = new Set(bound.flatMap((b) => (b.position === undefined ? [] : [b.position])));
  const attributeColumns =
    mapping.attributes === "*"
      ? headers.flatMap((header, position) =>
          read.has(position) || header.trim() === "" ? [] : [{ header: header.trim(), position }],
        )
      : (mapping.attributes ?? []).map((header) => {
          const position = index.get(header.trim().toLowerCase());
          if (position === undefined)
            throw new ImportFileError(
              file,
              `the mapping's attributes name "${header}", which is not a column of the file; found ${quoted(headers)}`,
            );
          return { header: header.trim(), position };
        });

  return (values: string[]): ParsedRow => {
    const errors: RowIssue[] = [];
    const warnings: RowIssue[] = [];
    if (values.length !== headers.length) {
      errors.push({ column: null, message: `expected ${headers.length} columns, found ${values.length}` });
      return { record: null, errors, warnings };
    }
    const record: ParsedRecord = {};
    for (const field of bound) {
      if (field.position === undefined && field.fallback === undefined) continue;
      const raw = field.position === undefined ? "" : (values[field.position] ?? "");
      if (raw.includes("\uFFFD")) {
        errors.push({
          column: field.header,
          message: "contains bytes that are not UTF-8: save the file as UTF-8",
        });
        continue;
      }
      const read = readCell(field, raw, field.fallback);
      if (!read.ok) {
        errors.push({ column: field.header, message: read.error });
        continue;
      }
      record[field.spec.field] = read.value;
      const issue =
        read.value === null ? null : rangeIssue(field.spec, read.value, raw.trim() || String(read.value));
      if (issue)
        (issue.severity === "ERROR" ? errors : warnings).push({
          column: field.header,
          message: issue.message,
        });
    }
    let attributes: Record<string, string | number> | undefined;
    if (mapping.attributes !== undefined) {
      attributes = {};
      for (const { header, position } of attributeColumns) {
        const cell = (values[position] ?? "").trim();
        if (!markers.has(cell.toLowerCase())) attributes[header] = attributeValue(cell);
      }
    }
    return { record: errors.length === 0 ? record : null, errors, warnings, attributes };
  };
}
