import { describe, expect, it } from "vitest";
import { ColumnMappingError, mappingProblems, parseColumnMapping } from "./column-mapping.js";
import type { FieldSpec } from "./import-source.js";
import { createRecordParser } from "./record-parser.js";
import { loansSource } from "./sources/loans.source.js";
import { rosterSource } from "./sources/roster.source.js";

describe("mapping files", () => {
  it("accepts the documented keys and drops the comment", () => {
    expect(
      parseColumnMapping(
        {
          $comment: "for the test",
          columns: { loanKey: "id" },
          values: { status: { Live: "ACTIVE" } },
          defaults: { currency: "EUR" },
          nulls: ["NULL"],
          attributes: "*",
          dateFormat: "DD/MM/YYYY",
        },
        "m.json",
      ),
    ).toEqual({
      columns: { loanKey: "id" },
      values: { status: { Live: "ACTIVE" } },
      defaults: { currency: "EUR" },
      nulls: ["NULL"],
      attributes: "*",
      dateFormat: "DD/MM/YYYY",
    });
  });

  it("refuses a misspelt key or a wrong shape, naming the file and the place", () => {
    expect(() => parseColumnMapping({ column: { loanKey: "id" } }, "lender.json")).toThrow(
      ColumnMappingError,
    );
    expect(() => parseColumnMapping({ column: { loanKey: "id" } }, "lender.json")).toThrow(
      /^mapping lender\.json: /,
    );
    expect(() => parseColumnMapping({ dateFormat: "D.M.Y" }, "lender.json")).toThrow(/dateFormat/);
    expect(() => parseColumnMapping({ values: { status: "ACTIVE" } }, "lender.json")).toThrow(
      /values\.status/,
    );
  });

  it("names fields the source does not have, and attributes a source cannot keep", () => {
    expect(mappingProblems(loansSource, { columns: { loanKey: "id", principle: "amt" } })).toEqual([
      expect.stringContaining('columns names "principle", which is not a field of the loans source'),
    ]);
    expect(mappingProblems(rosterSource, { attributes: ["office"] })).toEqual([
      'the roster source has no attributes to keep extra columns in: remove "attributes"',
    ]);
  });
});

describe("reading a row through a mapping", () => {
  const fields: FieldSpec[] = [
    { field: "key", header: "key", type: "text", required: true },
    { field: "term", header: "term", type: "int", suffixes: ["months", "month"] },
    { field: "rate", header: "rate", type: "decimal", suffixes: ["%"] },
    { field: "bad", header: "bad", type: "bool" },
    { field: "kind", header: "kind", type: "enum", allowed: ["A", "B"] },
    { field: "absent", header: "absent", type: "text" },
  ];
  const headers = ["key", "term", "rate", "bad", "kind", "extra one", "extra two"];

  it("strips units, translates any field's codes, fills defaults, blanks null markers and keeps extra columns", () => {
    const parse = createRecordParser("f.csv", headers, fields, {
      values: { bad: { "Charged Off": "true", Current: "false" } },
      defaults: { kind: "B" },
      nulls: ["NULL"],
      attributes: "*",
    });
    expect(parse(["K1", "36 months", "7.21 %", "charged off", "", "0042", "NULL"])).toEqual({
      record: { key: "K1", term: 36, rate: "7.21", bad: true, kind: "B" },
      errors: [],
      warnings: [],
      attributes: { "extra one": "0042" },
    });
    expect(parse(["K2", "1 month", "NULL", "Current", "a", "3.5", "x"])).toMatchObject({
      record: { term: 1, rate: null, bad: false, kind: "A" },
      attributes: { "extra one": 3.5, "extra two": "x" },
    });
  });

  it("leaves a field the file has no column for absent, so that nothing stored is erased", () => {
    const parse = createRecordParser("f.csv", ["key"], fields, {});
    const { record } = parse(["K1"]);
    expect(record).toEqual({ key: "K1" });
    expect(record && "absent" in record).toBe(false);
  });

  it("quotes the cell as written when a number with a unit is wrong", () => {
    const parse = createRecordParser("f.csv", ["key", "term"], fields, {});
    expect(parse(["K1", "three months"]).errors).toEqual([
      {
        column: "term",
        message: '"three months" is not a number (use digits with a "." decimal point, no currency signs)',
      },
    ]);
  });

  it("fails the file for a wrong default or an attribute column it does not have", () => {
    expect(() => createRecordParser("f.csv", headers, fields, { defaults: { kind: "C" } })).toThrow(
      'f.csv: the mapping\'s default for "kind" is wrong: "C" is not one of A, B',
    );
    expect(() => createRecordParser("f.csv", headers, fields, { attributes: ["extra three"] })).toThrow(
      /the mapping's attributes name "extra three", which is not a column of the file/,
    );
  });
});
