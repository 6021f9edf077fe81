import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { borrowersSource } from "./borrowers.source.js";
import { type Cell, counts, createImportKit, type ImportKit } from "./sources.test-kit.js";

const HEADER = [
  "borrower_id",
  "full_name",
  "email",
  "phone",
  "time_zone",
  "age",
  "annual_income",
  "employment_status",
  "employment_years",
  "home_ownership",
  "segment",
];
const GOOD: Cell[][] = [
  HEADER,
  [
    "B1",
    "Ada Lovelace",
    "ada@example.com",
    "+44 20 7946 0001",
    "europe/london",
    36,
    "52000.50",
    "employed",
    "4 years",
    "Mortgage",
    "prime",
  ],
  [
    "B2",
    "Grace Hopper",
    "grace@example.com",
    "",
    "America/New_York",
    45,
    "81000",
    "self-employed",
    "12",
    "rented",
    "near-prime",
  ],
  ["B3", "Alan Turing", "", "", "", 41, "", "", "", "", ""],
];

describe("borrowers importer", () => {
  let kit: ImportKit;
  beforeAll(async () => {
    kit = await createImportKit();
  });
  afterAll(async () => {
    await kit.close();
  });

  const borrowers = async () =>
    kit.rows<Record<string, unknown>>(
      `SELECT "externalKey", "fullName", "timeZone", "ageYears", "annualIncome"::text, "employmentYears"::text,
              "homeOwnership", segment, city FROM "Borrower" WHERE "portfolioId" = $1 ORDER BY "externalKey"`,
      [await kit.portfolioId()],
    );

  it("lands a good file completely, and a second run of it changes nothing", async () => {
    const file = await kit.csv("borrowers.csv", GOOD);
    const first = await kit.run(borrowersSource, file);
    expect(counts(first)).toEqual({
      status: "SUCCEEDED",
      rowsTotal: 3,
      rowsImported: 3,
      rowsRejected: 0,
      inserted: 3,
      updated: 0,
    });
    expect(await borrowers()).toEqual([
      {
        externalKey: "B1",
        fullName: "Ada Lovelace",
        timeZone: "Europe/London",
        ageYears: 36,
        annualIncome: "52000.50",
        employmentYears: "4.00",
        homeOwnership: "mortgage",
        segment: "prime",
        city: null,
      },
      {
        externalKey: "B2",
        fullName: "Grace Hopper",
        timeZone: "America/New_York",
        ageYears: 45,
        annualIncome: "81000.00",
        employmentYears: "12.00",
        homeOwnership: "rent",
        segment: "near-prime",
        city: null,
      },
      {
        externalKey: "B3",
        fullName: "Alan Turing",
        timeZone: "UTC",
        ageYears: 41,
        annualIncome: null,
        employmentYears: null,
        homeOwnership: null,
        segment: null,
        city: null,
      },
    ]);
    const again = await kit.run(borrowersSource, file);
    expect(counts(again)).toMatchObject({ status: "SUCCEEDED", inserted: 0, updated: 0 });
    expect(again.unchanged).toBe(3);
  });

  it("updates a changed row and leaves the others alone", async () => {
    const changed = GOOD.map((r) => [...r]);
    (changed[2] as Cell[])[1] = "Grace Brewster Hopper";
    const s = await kit.run(borrowersSource, await kit.csv("borrowers-changed.csv", changed));
    expect(counts(s)).toMatchObject({ inserted: 0, updated: 1 });
    expect(s.unchanged).toBe(2);
    expect((await borrowers()).find((b) => b.externalKey === "B2")?.fullName).toBe("Grace Brewster Hopper");
  });

  it("keeps what a file without a column does not mention", async () => {
    const file = await kit.csv("borrowers-cities.csv", [
      ["borrower_id", "city"],
      ["B1", "London"],
    ]);
    const s = await kit.run(borrowersSource, file);
    expect(counts(s)).toMatchObject({ status: "SUCCEEDED", updated: 1 });
    const b1 = (await borrowers()).find((b) => b.externalKey === "B1");
    expect(b1).toMatchObject({ city: "London", fullName: "Ada Lovelace", timeZone: "Europe/London" });
  });

  it("reports every bad row with its line, column and reason, and still lands every valid row", async () => {
    const file = await kit.csv("borrowers-bad.csv", [
      HEADER,
      ["B10", "Valid One", "v1@example.com", "", "UTC", 30, "1000", "", "", "own", ""],
      ["B11", "Bad Age", "", "", "", "thirty", "1000", "", "", "", ""],
      ["B12", "Negative Income", "", "", "", 30, "-5", "", "", "", ""],
      ["B13", "Bad Zone", "", "", "Mars/Olympus_Mons", 30, "", "", "", "", ""],
      ["B14", "Offset Zone", "", "", "+02:00", 30, "", "", "", "", ""],
      ["B15", "Castle", "", "", "", 30, "", "", "", "castle", ""],
      ["B10", "Duplicate", "", "", "", 30, "", "", "", "", ""],
      ["", "No Key", "", "", "", 30, "", "", "", "", ""],
      ["B16", "Odd But Kept", "not-an-email", "", "", 110, "", "", "", "", ""],
    ]);
    const s = await kit.run(borrowersSource, file);
    expect(counts(s)).toEqual({
      status: "PARTIAL",
      rowsTotal: 9,
      rowsImported: 2,
      rowsRejected: 7,
      inserted: 2,
      updated: 0,
    });
    expect(s.rowsWarned).toBe(1);
    expect(await kit.issues(s.runId)).toEqual([
      {
        line: 3,
        column: "age",
        severity: "ERROR",
        message: '"thirty" is not a number (use digits with a "." decimal point, no currency signs)',
      },
      { line: 4, column: "annual_income", severity: "ERROR", message: "-5 is below the minimum 0" },
      {
        line: 5,
        column: "time_zone",
        severity: "ERROR",
        message:
          '"Mars/Olympus_Mons" is not a known time zone: use an IANA time zone name such as Europe/London or America/New_York',
      },
      {
        line: 6,
        column: "time_zone",
        severity: "ERROR",
        message:
          '"+02:00" is an offset, not a time zone: use an IANA time zone name such as Europe/London or America/New_York',
      },
      {
        line: 7,
        column: "home_ownership",
        severity: "ERROR",
        message: '"castle" is not one of RENT, OWN, MORTGAGE, OTHER',
      },
      {
        line: 8,
        column: null,
        severity: "ERROR",
        message: 'duplicate key "B10": the same record is on line 2',
      },
      {
        line: 9,
        column: "borrower_id",
        severity: "ERROR",
        message: "is required but empty (expected text)",
      },
      {
        line: 10,
        column: "age",
        severity: "WARNING",
        message: "110 is implausibly high (above 100); kept as given",
      },
      {
        line: 10,
        column: "email",
        severity: "WARNING",
        message: '"not-an-email" does not look like an e-mail address; kept as given',
      },
    ]);
    const keys = (await borrowers()).map((b) => b.externalKey);
    expect(keys).toEqual(expect.arrayContaining(["B10", "B16"]));
    expect(keys).not.toEqual(expect.arrayContaining(["B11"]));
  });

  it("reads the same layout from an Excel workbook", async () => {
    const file = await kit.xlsx("borrowers.xlsx", [
      HEADER,
      ["X1", "Excel Person", "x1@example.com", "", "Asia/Tokyo", 29, 4200.5, "employed", 3, "OWN", ""],
      ["X2", "Trailing Empty", "", "", "", 50, "", "", "", "", null],
    ]);
    const s = await kit.run(borrowersSource, file);
    expect(counts(s)).toMatchObject({ status: "SUCCEEDED", rowsImported: 2, inserted: 2 });
    const x1 = (await borrowers()).find((b) => b.externalKey === "X1");
    expect(x1).toMatchObject({ timeZone: "Asia/Tokyo", annualIncome: "4200.50", homeOwnership: "own" });
  });
});
