import { describe, expect, it } from "vitest";
import type { FieldSpec } from "./import-source.js";
import { DEFAULT_MISSING_MARKERS } from "./missing-markers.js";
import { createRecordParser } from "./record-parser.js";

const fields: FieldSpec[] = [
  { field: "key", header: "key", type: "text", required: true },
  { field: "amount", header: "amount", type: "money", min: 0 },
  { field: "count", header: "count", type: "int" },
  { field: "grade", header: "grade", type: "text" },
  { field: "since", header: "since", type: "date" },
  { field: "flag", header: "flag", type: "bool" },
  { field: "home", header: "home", type: "enum", allowed: ["RENT", "OTHER"], values: { none: "OTHER" } },
  { field: "kind", header: "kind", type: "enum", required: true, allowed: ["A", "B"] },
];
const headers = fields.map((f) => f.header);

describe("missing values", () => {
  it("reads the default markers, in any case and with spaces, as missing in every type, never as text", () => {
    expect(DEFAULT_MISSING_MARKERS).toEqual(["NA", "N/A", "null", "none", "-"]);
    const parse = createRecordParser("f.csv", headers, fields, {});
    expect(parse(["K1", " n/a ", "NA", "NULL", "-", "na", "", "A"])).toEqual({
      record: {
        key: "K1",
        amount: null,
        count: null,
        grade: null,
        since: null,
        flag: null,
        home: null,
        kind: "A",
      },
      errors: [],
      warnings: [],
    });
  });

  it("keeps a marker that is one of the field's own codes as that code", () => {
    const parse = createRecordParser("f.csv", headers, fields, {});
    expect(parse(["K1", "", "", "", "", "", "none", "A"]).record).toMatchObject({ home: "OTHER" });
  });

  it("uses the mapping's list instead of the defaults: other texts are then values, typed by their field", () => {
    const parse = createRecordParser("f.csv", headers, fields, { nulls: ["?"] });
    expect(parse(["K1", "?", "?", "NA", "", "", "", "B"]).record).toMatchObject({
      amount: null,
      count: null,
      grade: "NA",
    });
    expect(parse(["K1", "NA", "", "", "", "", "", "B"]).errors).toEqual([
      {
        column: "amount",
        message: '"NA" is not a number (use digits with a "." decimal point, no currency signs)',
      },
    ]);
  });

  it("gives a mapped code precedence over a marker, and a missing value the mapping's default", () => {
    const parse = createRecordParser("f.csv", headers, fields, {
      values: { count: { NA: "0" } },
      defaults: { kind: "B" },
    });
    expect(parse(["K1", "", "NA", "", "", "", "", "n/a"]).record).toMatchObject({ count: 0, kind: "B" });
  });

  it("rejects a missing value in a required field, naming what was there and what was expected", () => {
    const parse = createRecordParser("f.csv", headers, fields, {});
    expect(parse(["null", "", "", "", "", "", "", ""])).toEqual({
      record: null,
      errors: [
        { column: "key", message: 'is required, but "null" marks a missing value (expected text)' },
        { column: "kind", message: "is required but empty (expected one of A, B)" },
      ],
      warnings: [],
    });
  });

  it("fails the file when the mapping's default for a required field is itself missing", () => {
    expect(() => createRecordParser("f.csv", headers, fields, { defaults: { kind: "N/A" } })).toThrow(
      `f.csv: the mapping's default for "kind" is wrong: is required, but "N/A" marks a missing value (expected one of A, B)`,
    );
  });
});

describe("values that do not parse", () => {
  it("are row errors naming the value and what was expected, whatever the other cells hold", () => {
    const parse = createRecordParser("f.csv", headers, fields, {});
    expect(parse(["K1", "12.345", "3.5", "", "2025-02-30", "maybe", "castle", "A"]).errors).toEqual([
      {
        column: "amount",
        message: '"12.345" has more than two decimals: an amount is in whole cents, e.g. 150.25',
      },
      { column: "count", message: '"3.5" is not a whole number' },
      { column: "since", message: '"2025-02-30" is not a real calendar date' },
      { column: "flag", message: '"maybe" is not yes/no (use Y/N, true/false or 1/0)' },
      { column: "home", message: '"castle" is not one of RENT, OTHER' },
    ]);
  });

  it("report a number out of range as the file wrote it", () => {
    const parse = createRecordParser("f.csv", headers, fields, {});
    expect(parse(["K1", "-5", "", "", "", "", "", "A"]).errors).toEqual([
      { column: "amount", message: "-5 is below the minimum 0" },
    ]);
  });
});
