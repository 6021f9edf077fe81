import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { borrowersSource } from "./borrowers.source.js";
import { type Cell, counts, createImportKit, type ImportKit } from "./sources.test-kit.js";
import { suppressionsSource } from "./suppressions.source.js";

const HEADER = [
  "borrower_id",
  "do_not_contact",
  "opt_outs",
  "dispute",
  "bankruptcy",
  "deceased",
  "legal_hold",
];

describe("suppressions importer", () => {
  let kit: ImportKit;
  beforeAll(async () => {
    kit = await createImportKit();
    await kit.run(
      borrowersSource,
      await kit.csv("borrowers.csv", [
        ["borrower_id", "full_name"],
        ["B1", "One"],
        ["B2", "Two"],
        ["B3", "Three"],
      ]),
    );
  });
  afterAll(async () => {
    await kit.close();
  });

  const flags = async () =>
    kit.rows<Record<string, unknown>>(
      `SELECT "externalKey", "doNotContact", "contactOptOuts"::text[] AS "optOuts", "disputeFlag", "bankruptcyFlag",
              "deceasedFlag", "legalHold", "fullName"
       FROM "Borrower" WHERE "portfolioId" = $1 ORDER BY "externalKey"`,
      [await kit.portfolioId()],
    );
  const off = {
    doNotContact: false,
    disputeFlag: false,
    bankruptcyFlag: false,
    deceasedFlag: false,
    legalHold: false,
  };

  const good = (): Cell[][] => [
    HEADER,
    ["B1", "yes", "SMS; e-mail", "", "", "", ""],
    ["B2", "", "", "Y", "", "", "true"],
  ];

  it("sets the flags of existing borrowers, and a second run changes nothing", async () => {
    const file = await kit.csv("suppressions.csv", good());
    const first = await kit.run(suppressionsSource, file);
    expect(counts(first)).toEqual({
      status: "SUCCEEDED",
      rowsTotal: 2,
      rowsImported: 2,
      rowsRejected: 0,
      inserted: 0,
      updated: 2,
    });
    expect(await flags()).toEqual([
      { externalKey: "B1", ...off, doNotContact: true, optOuts: ["SMS", "EMAIL"], fullName: "One" },
      { externalKey: "B2", ...off, disputeFlag: true, legalHold: true, optOuts: [], fullName: "Two" },
      { externalKey: "B3", ...off, optOuts: [], fullName: "Three" },
    ]);
    const again = await kit.run(suppressionsSource, file);
    expect(counts(again)).toMatchObject({ status: "SUCCEEDED", inserted: 0, updated: 0 });
    expect(again.unchanged).toBe(2);
  });

  it("updates a changed row: an empty cell clears a flag, an absent column keeps it", async () => {
    const rows = good();
    (rows[1] as Cell[])[1] = "no";
    (rows[1] as Cell[])[2] = "";
    expect(
      counts(await kit.run(suppressionsSource, await kit.csv("suppressions-changed.csv", rows))),
    ).toMatchObject({
      updated: 1,
    });
    const deceasedOnly = await kit.csv("suppressions-deceased.csv", [
      ["borrower_id", "deceased"],
      ["B2", "1"],
    ]);
    expect(counts(await kit.run(suppressionsSource, deceasedOnly))).toMatchObject({ updated: 1 });
    expect((await flags()).slice(0, 2)).toEqual([
      { externalKey: "B1", ...off, optOuts: [], fullName: "One" },
      {
        externalKey: "B2",
        ...off,
        disputeFlag: true,
        legalHold: true,
        deceasedFlag: true,
        optOuts: [],
        fullName: "Two",
      },
    ]);
  });

  it("refuses unknown borrowers, never creating one, and reports every bad row", async () => {
    const file = await kit.csv("suppressions-bad.csv", [
      HEADER,
      ["B3", "", "letter|visit", "", "yes", "", ""],
      ["B404", "yes", "", "", "", "", ""],
      ["B1", "maybe", "", "", "", "", ""],
      ["B1", "", "SMS;pigeon", "", "", "", ""],
      ["B3", "", "", "", "", "", ""],
    ]);
    const s = await kit.run(suppressionsSource, file);
    expect(counts(s)).toEqual({
      status: "PARTIAL",
      rowsTotal: 5,
      rowsImported: 1,
      rowsRejected: 4,
      inserted: 0,
      updated: 1,
    });
    expect(await kit.issues(s.runId)).toEqual([
      {
        line: 3,
        column: "borrower_id",
        severity: "ERROR",
        message:
          'unknown borrower "B404" in this portfolio: this import only updates existing records, it never creates one; import the borrower first',
      },
      {
        line: 4,
        column: "do_not_contact",
        severity: "ERROR",
        message: '"maybe" is not yes/no (use Y/N, true/false or 1/0)',
      },
      {
        line: 5,
        column: "opt_outs",
        severity: "ERROR",
        message:
          '"pigeon" is not one of CALL, SMS, EMAIL, PUSH, FIELD_VISIT, LETTER (in the list "SMS;pigeon")',
      },
      {
        line: 6,
        column: null,
        severity: "ERROR",
        message: 'duplicate key "B3": the same record is on line 2',
      },
    ]);
    const all = await flags();
    expect(all.map((b) => b.externalKey)).toEqual(["B1", "B2", "B3"]);
    expect(all[2]).toMatchObject({ optOuts: ["LETTER", "FIELD_VISIT"], bankruptcyFlag: true });
  });

  it("reads an Excel workbook", async () => {
    const file = await kit.xlsx("suppressions.xlsx", [
      ["borrower_id", "do_not_contact", "opt_outs"],
      ["B3", true, "CALL"],
    ]);
    const s = await kit.run(suppressionsSource, file);
    expect(counts(s)).toMatchObject({ status: "SUCCEEDED", updated: 1 });
    expect((await flags())[2]).toMatchObject({ doNotContact: true, optOuts: ["CALL"], bankruptcyFlag: true });
  });
});
