import {
  type DateFormat,
  type FieldType,
  type Parsed,
  parseBool,
  parseDate,
  parseDateTime,
  parseDecimal,
  parseEnum,
  parseEnumList,
  parseInteger,
  parseMoney,
  parseTimeZone,
} from "./files/field-parsers.js";
import type { FieldSpec, ParsedValue } from "./import-source.js";

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

interface Conversion {
  /** What a cell must hold, for the message about a required field left empty: "a whole number". */
  expected(spec: FieldSpec, dateFormat: DateFormat): string;
  /** `codes`: the field's source spellings -> our codes, for the codes inside an enum list. */
  parse(
    cell: string,
    spec: FieldSpec,
    dateFormat: DateFormat,
    codes: Record<string, string>,
  ): Parsed<ParsedValue>;
}

const codesOf = (spec: FieldSpec) => (spec.allowed ?? []).join(", ");

/** One conversion per field type: a mapped column is read as the type of the field it feeds, whatever it held. */
const CONVERSIONS: { [T in FieldType]: Conversion } = {
  text: {
    expected: () => "text",
    parse: (cell) => ({ ok: true, value: cell.trim() === "" ? null : cell.trim() }),
  },
  int: {
    expected: () => "a whole number",
    parse: (cell, spec) => parseWithUnit(parseInteger, cell, spec.suffixes),
  },
  decimal: {
    expected: () => "a number",
    parse: (cell, spec) => parseWithUnit(parseDecimal, cell, spec.suffixes),
  },
  money: {
    expected: () => "an amount with at most two decimals",
    parse: (cell, spec) => parseWithUnit(parseMoney, cell, spec.suffixes),
  },
  date: {
    expected: (_spec, format) => `a date (${format})`,
    parse: (cell, _spec, format) => parseDate(cell, format),
  },
  datetime: {
    expected: () => "a date and time (ISO 8601, e.g. 2025-03-31T14:05:00Z)",
    parse: (cell, _spec, format) => parseDateTime(cell, format),
  },
  bool: { expected: () => "yes or no (Y/N, true/false or 1/0)", parse: (cell) => parseBool(cell) },
  enum: {
    expected: (spec) => `one of ${codesOf(spec)}`,
    parse: (cell, spec, _format, codes) => parseEnum(cell, spec.allowed ?? [], codes),
  },
  "enum-list": {
    expected: (spec) => `a list of ${codesOf(spec)}`,
    parse: (cell, spec, _format, codes) => parseEnumList(cell, spec.allowed ?? [], codes),
  },
  timezone: {
    expected: () => "an IANA time zone name such as Europe/London",
    parse: (cell) => parseTimeZone(cell),
  },
};

export const convertCell = (
  spec: FieldSpec,
  cell: string,
  dateFormat: DateFormat = "YYYY-MM-DD",
  codes: Record<string, string> = {},
): Parsed<ParsedValue> => CONVERSIONS[spec.type].parse(cell, spec, dateFormat, codes);

export const expectedValue = (spec: FieldSpec, dateFormat: DateFormat = "YYYY-MM-DD"): string =>
  CONVERSIONS[spec.type].expected(spec, dateFormat);
