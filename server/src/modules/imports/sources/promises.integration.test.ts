import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loansSource } from "./loans.source.js";
import { promisesSource } from "./promises.source.js";
import { rosterSource } from "./roster.source.js";
import { type Cell, counts, createImportKit, type ImportKit } from "./sources.test-kit.js";

const HEADER = ["loan_id", "amount", "promised_date", "status", "logged_by", "created_at"];

describe("promises importer", () => {
  let kit: ImportKit;
  let agent: string;
  beforeAll(async () => {
    kit = await createImportKit();
    agent = `promiser-${kit.tag}@lender.test`;
    await kit.run(
      rosterSource,
      await kit.csv("roster.csv", [
        ["email", "display_name", "role"],
        [agent, "Promiser", "agent"],
      ]),
    );
    await kit.run(
      loansSource,
      await kit.csv("loans.csv", [
        ["loan_id", "borrower_id", "product_type", "full_name"],
        ["L1", "B1", "INSTALMENT", "One"],
        ["L2", "B2", "INSTALMENT", "Two"],
      ]),
    );
  });
  afterAll(async () => {
    await kit.close();
  });

  const promises = async () =>
    kit.rows<Record<string, unknown>>(
      `SELECT l."externalKey" AS loan, b."externalKey" AS borrower, p.amount::text, to_char(p."promisedDate", 'YYYY-MM-DD') AS due,
              p.status, u.email AS agent
       FROM "PromiseToPay" p JOIN "Loan" l ON l.id = p."loanId" JOIN "Borrower" b ON b.id = p."borrowerId"
       LEFT JOIN "User" u ON u.id = p."loggedById" WHERE l."portfolioId" = $1 ORDER BY p."createdAt", p.amount`,
      [await kit.portfolioId()],
    );

  const good = (): Cell[][] => [
    HEADER,
    ["L1", "150", "2025-04-10", "", agent, "2025-04-01T10:00:00Z"],
    ["L2", "80.5", "2025-04-12", "kept", "", "2025-04-02T10:00:00Z"],
    ["L2", "80.5", "2025-04-12", "kept", "", "2025-04-02T10:00:00Z"],
  ];

  it("lands a good file completely, taking each promise's borrower from its loan, and a second run changes nothing", async () => {
    const file = await kit.csv("promises.csv", good());
    const first = await kit.run(promisesSource, file);
    expect(counts(first)).toEqual({
      status: "SUCCEEDED",
      rowsTotal: 3,
      rowsImported: 3,
      rowsRejected: 0,
      inserted: 3,
      updated: 0,
    });
    expect(await promises()).toEqual([
      { loan: "L1", borrower: "B1", amount: "150.00", due: "2025-04-10", status: "PENDING", agent },
      { loan: "L2", borrower: "B2", amount: "80.50", due: "2025-04-12", status: "KEPT", agent: null },
      { loan: "L2", borrower: "B2", amount: "80.50", due: "2025-04-12", status: "KEPT", agent: null },
    ]);
    const again = await kit.run(promisesSource, file);
    expect(counts(again)).toMatchObject({ status: "SUCCEEDED", inserted: 0, updated: 0 });
  });

  it("updates a changed row: a promise broken since the last export", async () => {
    const rows = good();
    (rows[1] as Cell[])[3] = "missed";
    const s = await kit.run(promisesSource, await kit.csv("promises-changed.csv", rows));
    expect(counts(s)).toMatchObject({ inserted: 0, updated: 1 });
    expect((await promises())[0]?.status).toBe("BROKEN");
  });

  it("reports every bad row with its line, column and reason, and still lands every valid row", async () => {
    const file = await kit.csv("promises-bad.csv", [
      ["promise_id", ...HEADER],
      ["P1", "L1", "10", "2025-05-01", "", "", "2025-04-20T00:00:00Z"],
      ["P2", "L1", "0", "2025-05-01", "", "", "2025-04-20T00:00:00Z"],
      ["P3", "L1", "-3", "2025-05-01", "", "", "2025-04-20T00:00:00Z"],
      ["P4", "L404", "10", "2025-05-01", "", "", "2025-04-20T00:00:00Z"],
      ["P5", "L1", "10", "next week", "", "", "2025-04-20T00:00:00Z"],
      ["P6", "L1", "10", "2025-05-01", "maybe", "", "2025-04-20T00:00:00Z"],
      ["P7", "L1", "10", "2025-05-01", "", "nobody@lender.test", "2025-04-20T00:00:00Z"],
      ["P8", "L1", "10", "2025-05-01", "", "", ""],
      ["P1", "L1", "10", "2025-05-01", "", "", "2025-04-20T00:00:00Z"],
    ]);
    const s = await kit.run(promisesSource, file);
    expect(counts(s)).toEqual({
      status: "PARTIAL",
      rowsTotal: 9,
      rowsImported: 1,
      rowsRejected: 8,
      inserted: 1,
      updated: 0,
    });
    expect(await kit.issues(s.runId)).toEqual([
      { line: 3, column: "amount", severity: "ERROR", message: "0 must be greater than 0" },
      { line: 4, column: "amount", severity: "ERROR", message: "-3 must be greater than 0" },
      {
        line: 5,
        column: "loan_id",
        severity: "ERROR",
        message: 'unknown loan "L404" in this portfolio: import it first',
      },
      {
        line: 6,
        column: "promised_date",
        severity: "ERROR",
        message: '"next week" is not a date in the format YYYY-MM-DD',
      },
      {
        line: 7,
        column: "status",
        severity: "ERROR",
        message: '"maybe" is not one of PENDING, KEPT, BROKEN, CANCELLED',
      },
      { line: 8, column: "logged_by", severity: "ERROR", message: 'unknown agent "nobody@lender.test"' },
      {
        line: 9,
        column: "created_at",
        severity: "ERROR",
        message: "is empty: give when the promise was made, or leave the column out",
      },
      {
        line: 10,
        column: null,
        severity: "ERROR",
        message: 'duplicate key "L1/P1": the same record is on line 2',
      },
    ]);
  });

  it("reads an Excel workbook", async () => {
    const file = await kit.xlsx("promises.xlsx", [
      ["promise_id", ...HEADER],
      [
        "X1",
        "L2",
        99.99,
        new Date(Date.UTC(2025, 5, 30)),
        "Pending",
        agent,
        new Date(Date.UTC(2025, 5, 1, 12)),
      ],
    ]);
    const s = await kit.run(promisesSource, file);
    expect(counts(s)).toMatchObject({ status: "SUCCEEDED", inserted: 1 });
    expect((await promises()).at(-1)).toEqual({
      loan: "L2",
      borrower: "B2",
      amount: "99.99",
      due: "2025-06-30",
      status: "PENDING",
      agent,
    });
  });
});
