import {
  type DateFormat,
  type Parsed,
  parseBool,
  parseDate,
  parseDateTime,
  parseDecimal,
  parseEnum,
  parseInteger,
} from "./files/field-parsers.js";
import { ImportFileError } from "./files/table-reader.js";
import type { ColumnMapping, FieldSpec, ParsedRecord } from "./import-source.js";

export interface RowIssue {
  column: string | null;
  message: string;
}

export interface ParsedRow {
  record: ParsedRecord | null;
  errors: RowIssue[];
  warnings: RowIssue[];
}

function parseField(
  spec: FieldSpec,
  raw: string,
  dateFormat: DateFormat | undefined,
  values: Record<string, string>,
): Parsed<string | number | boolean> {
  switch (spec.type) {
    case "text":
      return { ok: true, value: raw.trim() === "" ? null : raw.trim() };
    case "int":
      return parseInteger(raw);
    case "decimal":
      return parseDecimal(raw);
    case "date":
      return parseDate(raw, dateFormat);
    case "datetime":
      return parseDateTime(raw, dateFormat);
    case "bool":
      return parseBool(raw);
    case "enum":
      return parseEnum(raw, spec.allowed ?? [], { ...spec.values, ...values });
  }
}

/**
 * Binds a source's fields to a file's headers (through the mapping) and parses its rows. A missing
 * required column fails the whole file, naming what is missing and what was found.
 */
export function createRecordParser(
  file: string,
  headers: string[],
  fields: readonly FieldSpec[],
  mapping: ColumnMapping,
  delimiter?: string,
) {
  const index = new Map(headers.map((h, i) => [h.trim().toLowerCase(), i]));
  const bound = fields.map((spec) => {
    const header = mapping.columns?.[spec.field] ?? spec.header;
    return { spec, header, position: index.get(header.trim().toLowerCase()) };
  });
  const missing = bound.filter((b) => b.spec.required && b.position === undefined).map((b) => b.header);
  if (missing.length > 0) {
    const hint =
      headers.length === 1 && delimiter
        ? ` The header line did not split on "${delimiter === "\t" ? "\\t" : delimiter}": is the delimiter right (--delimiter)?`
        : "";
    throw new ImportFileError(
      file,
      `missing required column(s) ${missing.map((m) => `"${m}"`).join(", ")}; found ${headers.map((h) => `"${h}"`).join(", ")}.${hint} ` +
        "Rename the columns or map them with a mapping file (--mapping).",
    );
  }

  return (values: string[]): ParsedRow => {
    const errors: RowIssue[] = [];
    const warnings: RowIssue[] = [];
    if (values.length !== headers.length) {
      errors.push({ column: null, message: `expected ${headers.length} columns, found ${values.length}` });
      return { record: null, errors, warnings };
    }
    const record: ParsedRecord = {};
    for (const { spec, header, position } of bound) {
      const raw = position === undefined ? "" : (values[position] ?? "");
      if (raw.includes("\uFFFD")) {
        errors.push({ column: header, message: "contains bytes that are not UTF-8: save the file as UTF-8" });
        continue;
      }
      const parsed = parseField(spec, raw, mapping.dateFormat, mapping.values?.[spec.field] ?? {});
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
    return { record: errors.length === 0 ? record : null, errors, warnings };
  };
}
