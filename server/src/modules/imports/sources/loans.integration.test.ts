import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { borrowersSource } from "./borrowers.source.js";
import { loansSource } from "./loans.source.js";
import { type Cell, counts, createImportKit, type ImportKit } from "./sources.test-kit.js";

const HEADER = [
  "loan_id",
  "borrower_id",
  "product_type",
  "principal",
  "credit_limit",
  "interest_rate",
  "term_months",
  "instalment_amount",
  "outstanding_balance",
  "currency",
  "grade",
  "purpose",
  "status",
  "opened_at",
  "closed_at",
  "default_flag",
];
const GOOD: Cell[][] = [
  HEADER,
  [
    "L1",
    "B1",
    "instalment",
    "10000",
    "",
    "12.5%",
    "36 months",
    "334.54",
    "6200.10",
    "usd",
    "B",
    "car",
    "current",
    "2024-01-15",
    "",
    "N",
  ],
  [
    "L2",
    "B1",
    "credit card",
    "",
    "5000",
    "19.99",
    "",
    "",
    "-12.30",
    "EUR",
    "",
    "",
    "delinquent",
    "2023-06-01",
    "",
    "",
  ],
  [
    "L3",
    "B2",
    "INSTALMENT",
    "2500.00",
    "",
    "9",
    "12",
    "219.30",
    "0",
    "",
    "A",
    "medical",
    "charged off",
    "2022-03-01",
    "2024-02-01",
    "yes",
  ],
];

describe("loans importer", () => {
  let kit: ImportKit;
  beforeAll(async () => {
    kit = await createImportKit();
    const borrowers = await kit.csv("borrowers.csv", [
      ["borrower_id", "full_name"],
      ["B1", "One"],
      ["B2", "Two"],
    ]);
    await kit.run(borrowersSource, borrowers);
  });
  afterAll(async () => {
    await kit.close();
  });

  const loans = async () =>
    kit.rows<Record<string, unknown>>(
      `SELECT l."externalKey", b."externalKey" AS borrower, l."productType", l.principal::text, l."creditLimit"::text,
              l."interestRate"::text, l."termMonths", l."outstandingBalance"::text, l.currency, l.status,
              to_char(l."openedAt", 'YYYY-MM-DD') AS opened, to_char(l."closedAt", 'YYYY-MM-DD') AS closed,
              l."defaultLabel", l.attributes
       FROM "Loan" l JOIN "Borrower" b ON b.id = l."borrowerId" WHERE l."portfolioId" = $1 ORDER BY l."externalKey"`,
      [await kit.portfolioId()],
    );

  it("lands a good file completely, and a second run of it changes nothing", async () => {
    const file = await kit.csv("loans.csv", GOOD);
    const first = await kit.run(loansSource, file);
    expect(counts(first)).toEqual({
      status: "SUCCEEDED",
      rowsTotal: 3,
      rowsImported: 3,
      rowsRejected: 0,
      inserted: 3,
      updated: 0,
    });
    expect(await loans()).toEqual([
      {
        externalKey: "L1",
        borrower: "B1",
        productType: "INSTALMENT",
        principal: "10000.00",
        creditLimit: null,
        interestRate: "12.5000",
        termMonths: 36,
        outstandingBalance: "6200.10",
        currency: "USD",
        status: "ACTIVE",
        opened: "2024-01-15",
        closed: null,
        defaultLabel: false,
        attributes: {},
      },
      {
        externalKey: "L2",
        borrower: "B1",
        productType: "REVOLVING",
        principal: null,
        creditLimit: "5000.00",
        interestRate: "19.9900",
        termMonths: null,
        outstandingBalance: "-12.30",
        currency: "EUR",
        status: "DELINQUENT",
        opened: "2023-06-01",
        closed: null,
        defaultLabel: null,
        attributes: {},
      },
      {
        externalKey: "L3",
        borrower: "B2",
        productType: "INSTALMENT",
        principal: "2500.00",
        creditLimit: null,
        interestRate: "9.0000",
        termMonths: 12,
        outstandingBalance: "0.00",
        currency: "USD",
        status: "CHARGED_OFF",
        opened: "2022-03-01",
        closed: "2024-02-01",
        defaultLabel: true,
        attributes: {},
      },
    ]);
    const again = await kit.run(loansSource, file);
    expect(counts(again)).toMatchObject({ status: "SUCCEEDED", inserted: 0, updated: 0 });
    expect(again.unchanged).toBe(3);
  });

  it("updates a changed row", async () => {
    const changed = GOOD.map((r) => [...r]);
    (changed[1] as Cell[])[8] = "5900.00";
    const s = await kit.run(loansSource, await kit.csv("loans-changed.csv", changed));
    expect(counts(s)).toMatchObject({ inserted: 0, updated: 1 });
    expect((await loans()).find((l) => l.externalKey === "L1")?.outstandingBalance).toBe("5900.00");
  });

  it("stages the borrower too when the loan book carries borrower columns", async () => {
    const file = await kit.csv("loan-book.csv", [
      ["loan_id", "borrower_id", "product_type", "principal", "full_name", "annual_income", "time_zone"],
      ["L20", "B20", "INSTALMENT", "800", "New Borrower", "30000", "Europe/Berlin"],
      ["L21", "B20", "INSTALMENT", "900", "New Borrower", "30000", "Europe/Berlin"],
      ["L22", "B1", "INSTALMENT", "100", "", "", ""],
    ]);
    const s = await kit.run(loansSource, file);
    expect(counts(s)).toMatchObject({ status: "SUCCEEDED", rowsImported: 3 });
    // One new borrower (its two rows are one record) and three new loans; B1's empty cells stage nothing.
    expect(s.inserted).toBe(4);
    const [b20] = await kit.rows<{ fullName: string; timeZone: string; loans: number }>(
      `SELECT b."fullName", b."timeZone", count(l.id)::int AS loans FROM "Borrower" b JOIN "Loan" l ON l."borrowerId" = b.id
       WHERE b."portfolioId" = $1 AND b."externalKey" = 'B20' GROUP BY b.id`,
      [await kit.portfolioId()],
    );
    expect(b20).toEqual({ fullName: "New Borrower", timeZone: "Europe/Berlin", loans: 2 });
    const [b1] = await kit.rows<{ fullName: string }>(
      `SELECT "fullName" FROM "Borrower" WHERE "portfolioId" = $1 AND "externalKey" = 'B1'`,
      [await kit.portfolioId()],
    );
    expect(b1?.fullName).toBe("One");
  });

  it("reports every bad row with its line, column and reason, and still lands every valid row", async () => {
    const file = await kit.csv("loans-bad.csv", [
      [
        "loan_id",
        "borrower_id",
        "product_type",
        "principal",
        "term_months",
        "status",
        "opened_at",
        "closed_at",
        "currency",
      ],
      ["L30", "B1", "INSTALMENT", "100", "12", "", "2024-01-01", "", ""],
      ["L31", "NOBODY", "INSTALMENT", "100", "12", "", "", "", ""],
      ["L32", "B1", "INSTALMENT", "-100", "12", "", "", "", ""],
      ["L33", "B1", "INSTALMENT", "1,000", "12", "", "", "", ""],
      ["L34", "B1", "mortgage", "100", "12", "", "", "", ""],
      ["L35", "B1", "INSTALMENT", "100", "twelve months", "", "", "", ""],
      ["L36", "B1", "INSTALMENT", "100", "12", "zombie", "", "", ""],
      ["L37", "B1", "INSTALMENT", "100", "12", "", "2024-02-30", "", ""],
      ["L38", "B1", "INSTALMENT", "100", "12", "", "2024-03-01", "2024-02-01", ""],
      ["L39", "B1", "INSTALMENT", "100", "12", "", "", "", "dollars"],
      ["L30", "B2", "INSTALMENT", "100", "12", "", "", "", ""],
      ["L40", "B2", "INSTALMENT", "100", "12", "", "", "", ""],
    ]);
    const s = await kit.run(loansSource, file);
    expect(counts(s)).toEqual({
      status: "PARTIAL",
      rowsTotal: 12,
      rowsImported: 2,
      rowsRejected: 10,
      inserted: 2,
      updated: 0,
    });
    expect(await kit.issues(s.runId)).toEqual([
      {
        line: 3,
        column: "borrower_id",
        severity: "ERROR",
        message: 'unknown borrower "NOBODY" in this portfolio: import it first',
      },
      { line: 4, column: "principal", severity: "ERROR", message: "-100 is below the minimum 0" },
      {
        line: 5,
        column: "principal",
        severity: "ERROR",
        message: '"1,000" is not a number (use digits with a "." decimal point, no currency signs)',
      },
      {
        line: 6,
        column: "product_type",
        severity: "ERROR",
        message: '"mortgage" is not one of INSTALMENT, REVOLVING',
      },
      {
        line: 7,
        column: "term_months",
        severity: "ERROR",
        message: '"twelve months" is not a number (use digits with a "." decimal point, no currency signs)',
      },
      {
        line: 8,
        column: "status",
        severity: "ERROR",
        message: '"zombie" is not one of ACTIVE, DELINQUENT, DEFAULTED, CHARGED_OFF, CLOSED',
      },
      {
        line: 9,
        column: "opened_at",
        severity: "ERROR",
        message: '"2024-02-30" is not a real calendar date',
      },
      {
        line: 10,
        column: "closed_at",
        severity: "ERROR",
        message: "closed on 2024-02-01, before it was opened on 2024-03-01",
      },
      {
        line: 11,
        column: "currency",
        severity: "ERROR",
        message: '"dollars" is not a three-letter ISO 4217 code (USD, EUR...)',
      },
      {
        line: 12,
        column: null,
        severity: "ERROR",
        message: 'duplicate key "L30": the same record is on line 2',
      },
    ]);
    const keys = (await loans()).map((l) => l.externalKey);
    expect(keys).toEqual(expect.arrayContaining(["L30", "L40"]));
    expect(
      keys.filter((k) => ["L31", "L32", "L33", "L34", "L35", "L36", "L37", "L38", "L39"].includes(String(k))),
    ).toEqual([]);
  });

  it("fails a file without a product type column, naming it, unless the mapping gives a default", async () => {
    const rows: Cell[][] = [
      ["loan_id", "borrower_id", "principal"],
      ["L50", "B2", "700"],
    ];
    const bare = await kit.run(loansSource, await kit.csv("loans-no-type.csv", rows));
    expect(bare.status).toBe("FAILED");
    expect(bare.error).toContain('missing required column(s) "product_type"');
    const mapped = await kit.run(loansSource, await kit.csv("loans-no-type-2.csv", rows), {
      defaults: { productType: "REVOLVING" },
    });
    expect(counts(mapped)).toMatchObject({ status: "SUCCEEDED", inserted: 1 });
    expect((await loans()).find((l) => l.externalKey === "L50")?.productType).toBe("REVOLVING");
  });

  it("reads the same layout from an Excel workbook", async () => {
    const file = await kit.xlsx("loans.xlsx", [
      [
        "loan_id",
        "borrower_id",
        "product_type",
        "principal",
        "interest_rate",
        "term_months",
        "opened_at",
        "default_flag",
      ],
      ["X1", "B2", "INSTALMENT", 1234.5, 7.25, "24 months", new Date(Date.UTC(2024, 4, 17)), false],
      ["X2", "B2", "REVOLVING", null, null, null, "2024-05-18", null],
    ]);
    const s = await kit.run(loansSource, file);
    expect(counts(s)).toMatchObject({ status: "SUCCEEDED", rowsImported: 2, inserted: 2 });
    expect((await loans()).find((l) => l.externalKey === "X1")).toMatchObject({
      principal: "1234.50",
      interestRate: "7.2500",
      termMonths: 24,
      opened: "2024-05-17",
      defaultLabel: false,
    });
  });
});
