import {
  type DateFormat,
  type Parsed,
  parseBool,
  parseDate,
  parseDateTime,
  parseDecimal,
  parseEnum,
  parseEnumList,
  parseInteger,
  parseTimeZone,
} from "./files/field-parsers.js";
import { ImportFileError } from "./files/table-reader.js";
import type { ColumnMapping, FieldSpec, ParsedRecord, ParsedValue } from "./import-source.js";

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

/** The mapping's `values` of one field, looked up ignoring case and outer spaces. */
type Codes = { merged: Record<string, string>; byLower: Map<string, string> };

function codesOf(spec: FieldSpec, values: Record<string, string> = {}): Codes {
  return {
    merged: { ...spec.values, ...values },
    byLower: new Map(Object.entries(values).map(([theirs, ours]) => [theirs.trim().toLowerCase(), ours])),
  };
}

/** Parses a number that may carry a unit ("36 months"); a complaint quotes the cell as written. */
function parseWithUnit<T>(
  parse: (s: string) => Parsed<T>,
  cell: string,
  suffixes: readonly string[] = [],
): Parsed<T> {
  const s = cell.trim();
  for (const suffix of [...suffixes].sort((a, b) => b.length - a.length)) {
    if (!s.toLowerCase().endsWith(suffix.toLowerCase())) continue;
    const number = s.slice(0, s.length - suffix.length).trim();
    if (number === "") break;
    const parsed = parse(number);
    return parsed.ok ? parsed : { ok: false, error: parsed.error.replace(`"${number}"`, `"${s}"`) };
  }
  return parse(cell);
}

function parseField(
  spec: FieldSpec,
  raw: string,
  dateFormat: DateFormat | undefined,
  codes: Codes,
): Parsed<ParsedValue> {
  if (spec.type === "enum") return parseEnum(raw, spec.allowed ?? [], codes.merged);
  if (spec.type === "enum-list") return parseEnumList(raw, spec.allowed ?? [], codes.merged);
  const cell = codes.byLower.get(raw.trim().toLowerCase()) ?? raw;
  switch (spec.type) {
    case "text":
      return { ok: true, value: cell.trim() === "" ? null : cell.trim() };
    case "int":
      return parseWithUnit(parseInteger, cell, spec.suffixes);
    case "decimal":
      return parseWithUnit(parseDecimal, cell, spec.suffixes);
    case "date":
      return parseDate(cell, dateFormat);
    case "datetime":
      return parseDateTime(cell, dateFormat);
    case "bool":
      return parseBool(cell);
    case "timezone":
      return parseTimeZone(cell);
  }
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
  const defaults = mapping.defaults ?? {};
  const nulls = new Set((mapping.nulls ?? []).map((n) => n.trim().toLowerCase()));
  const bound = fields.map((spec) => {
    const header = mapping.columns?.[spec.field] ?? spec.header;
    const codes = codesOf(spec, mapping.values?.[spec.field]);
    return { spec, header, codes, position: index.get(header.trim().toLowerCase()) };
  });
  const missing = bound
    .filter((b) => b.spec.required && b.position === undefined && defaults[b.spec.field] === undefined)
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
  for (const { spec, codes } of bound) {
    const fallback = defaults[spec.field];
    if (fallback === undefined) continue;
    const parsed = parseField(spec, fallback, mapping.dateFormat, codes);
    if (!parsed.ok)
      throw new ImportFileError(file, `the mapping's default for "${spec.field}" is wrong: ${parsed.error}`);
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
    for (const { spec, header, codes, position } of bound) {
      const fallback = defaults[spec.field];
      if (position === undefined && fallback === undefined) continue;
      let raw = position === undefined ? "" : (values[position] ?? "");
      if (raw.includes("\uFFFD")) {
        errors.push({ column: header, message: "contains bytes that are not UTF-8: save the file as UTF-8" });
        continue;
      }
      if (nulls.has(raw.trim().toLowerCase())) raw = "";
      if (raw.trim() === "" && fallback !== undefined) raw = fallback;
      const parsed = parseField(spec, raw, mapping.dateFormat, codes);
      if (!parsed.ok) {
        errors.push({ column: header, message: parsed.error });
        continue;
      }
      const v = parsed.value;
      if (v === null) {
        if (spec.required) errors.push({ column: header, message: "is required but empty" });
        record[spec.field] = null;
        continue;
      }
      if (typeof v === "number" || (spec.type === "decimal" && typeof v === "string")) {
        const n = Number(v);
        if (spec.min !== undefined && n < spec.min)
          errors.push({ column: header, message: `${v} is below the minimum ${spec.min}` });
        else if (spec.max !== undefined && n > spec.max)
          errors.push({ column: header, message: `${v} is above the maximum ${spec.max}` });
        else if (spec.greaterThan !== undefined && n <= spec.greaterThan)
          errors.push({ column: header, message: `${v} must be greater than ${spec.greaterThan}` });
        else if (spec.plausible?.max !== undefined && n > spec.plausible.max) {
          warnings.push({
            column: header,
            message: `${v} is implausibly high (above ${spec.plausible.max}); kept as given`,
          });
        } else if (spec.plausible?.min !== undefined && n < spec.plausible.min) {
          warnings.push({
            column: header,
            message: `${v} is implausibly low (below ${spec.plausible.min}); kept as given`,
          });
        }
      }
      record[spec.field] = v;
    }
    let attributes: Record<string, string | number> | undefined;
    if (mapping.attributes !== undefined) {
      attributes = {};
      for (const { header, position } of attributeColumns) {
        const cell = (values[position] ?? "").trim();
        if (cell !== "" && !nulls.has(cell.toLowerCase())) attributes[header] = attributeValue(cell);
      }
    }
    return { record: errors.length === 0 ? record : null, errors, warnings, attributes };
  };
}
