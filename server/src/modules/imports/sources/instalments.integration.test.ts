import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { instalmentsSource } from "./instalments.source.js";
import { loansSource } from "./loans.source.js";
import { type Cell, counts, createImportKit, type ImportKit } from "./sources.test-kit.js";

const HEADER = [
  "loan_id",
  "sequence",
  "kind",
  "due_date",
  "amount_due",
  "amount_paid",
  "paid_date",
  "delay_status",
];
const GOOD: Cell[][] = [
  HEADER,
  ["L1", 1, "", "2025-01-31", "334.54", "334.54", "2025-01-30", 0],
  ["L1", 2, "installment", "2025-02-28", "334.54", "", "", 1],
  ["L2", 1, "statement", "2025-01-31", "1200.00", "50", "2025-02-10", 0],
];

describe("instalments importer", () => {
  let kit: ImportKit;
  beforeAll(async () => {
    kit = await createImportKit();
    const loans = await kit.csv("loans.csv", [
      ["loan_id", "borrower_id", "product_type", "full_name"],
      ["L1", "B1", "INSTALMENT", "One"],
      ["L2", "B1", "REVOLVING", "One"],
    ]);
    await kit.run(loansSource, loans);
  });
  afterAll(async () => {
    await kit.close();
  });

  const instalments = async () =>
    kit.rows<Record<string, unknown>>(
      `SELECT l."externalKey" AS loan, i.sequence, i.kind, to_char(i."dueDate", 'YYYY-MM-DD') AS due,
              i."amountDue"::text AS due_amount, i."amountPaid"::text AS paid, to_char(i."paidDate", 'YYYY-MM-DD') AS paid_on,
              i."delayStatus"
       FROM "Instalment" i JOIN "Loan" l ON l.id = i."loanId" WHERE l."portfolioId" = $1 ORDER BY 1, 2`,
      [await kit.portfolioId()],
    );

  it("lands a good file completely, and a second run of it changes nothing", async () => {
    const file = await kit.csv("instalments.csv", GOOD);
    const first = await kit.run(instalmentsSource, file);
    expect(counts(first)).toEqual({
      status: "SUCCEEDED",
      rowsTotal: 3,
      rowsImported: 3,
      rowsRejected: 0,
      inserted: 3,
      updated: 0,
    });
    expect(await instalments()).toEqual([
      {
        loan: "L1",
        sequence: 1,
        kind: "INSTALMENT",
        due: "2025-01-31",
        due_amount: "334.54",
        paid: "334.54",
        paid_on: "2025-01-30",
        delayStatus: 0,
      },
      {
        loan: "L1",
        sequence: 2,
        kind: "INSTALMENT",
        due: "2025-02-28",
        due_amount: "334.54",
        paid: "0.00",
        paid_on: null,
        delayStatus: 1,
      },
      {
        loan: "L2",
        sequence: 1,
        kind: "STATEMENT",
        due: "2025-01-31",
        due_amount: "1200.00",
        paid: "50.00",
        paid_on: "2025-02-10",
        delayStatus: 0,
      },
    ]);
    const again = await kit.run(instalmentsSource, file);
    expect(counts(again)).toMatchObject({ status: "SUCCEEDED", inserted: 0, updated: 0 });
    expect(again.unchanged).toBe(3);
  });

  it("updates a changed row (a payment recorded against instalment 2)", async () => {
    const changed = GOOD.map((r) => [...r]);
    changed[2] = ["L1", 2, "installment", "2025-02-28", "334.54", "334.54", "2025-03-03", 0];
    const s = await kit.run(instalmentsSource, await kit.csv("instalments-changed.csv", changed));
    expect(counts(s)).toMatchObject({ inserted: 0, updated: 1 });
    expect((await instalments())[1]).toMatchObject({ paid: "334.54", paid_on: "2025-03-03", delayStatus: 0 });
  });

  it("reports every bad row with its line, column and reason, and still lands every valid row", async () => {
    const file = await kit.csv("instalments-bad.csv", [
      HEADER,
      ["L1", 3, "", "2025-03-31", "334.54", "", "", ""],
      ["L9", 1, "", "2025-03-31", "334.54", "", "", ""],
      ["L1", 4, "", "31/04/2025", "334.54", "", "", ""],
      ["L1", 5, "", "2025-05-31", "-1", "", "", ""],
      ["L1", 6, "", "2025-06-30", "abc", "", "", ""],
      ["L1", 7, "coupon", "2025-07-31", "334.54", "", "", ""],
      ["L1", 3, "", "2025-03-31", "334.54", "", "", ""],
      ["L1", 8, "", "2025-08-31", "334.54", "0", "2025-08-30", ""],
    ]);
    const s = await kit.run(instalmentsSource, file);
    expect(counts(s)).toEqual({
      status: "PARTIAL",
      rowsTotal: 8,
      rowsImported: 2,
      rowsRejected: 6,
      inserted: 2,
      updated: 0,
    });
    expect(await kit.issues(s.runId)).toEqual([
      {
        line: 3,
        column: "loan_id",
        severity: "ERROR",
        message: 'unknown loan "L9" in this portfolio: import it first',
      },
      {
        line: 4,
        column: "due_date",
        severity: "ERROR",
        message: '"31/04/2025" is not a date in the format YYYY-MM-DD',
      },
      { line: 5, column: "amount_due", severity: "ERROR", message: "-1 is below the minimum 0" },
      {
        line: 6,
        column: "amount_due",
        severity: "ERROR",
        message: '"abc" is not a number (use digits with a "." decimal point, no currency signs)',
      },
      { line: 7, column: "kind", severity: "ERROR", message: '"coupon" is not one of INSTALMENT, STATEMENT' },
      {
        line: 8,
        column: null,
        severity: "ERROR",
        message: 'duplicate key "L1#3": the same record is on line 2',
      },
      {
        line: 9,
        column: "paid_date",
        severity: "WARNING",
        message: "has a paid date but nothing paid; kept as given",
      },
    ]);
  });

  it("reads day-first dates through the mapping, and an Excel workbook", async () => {
    const csv = await kit.csv("instalments-dmy.csv", [
      ["loan", "n", "due", "due_amount"],
      ["L2", 2, "28/02/2025", "990.10"],
    ]);
    const mapped = await kit.run(instalmentsSource, csv, {
      columns: { loanKey: "loan", sequence: "n", dueDate: "due", amountDue: "due_amount" },
      dateFormat: "DD/MM/YYYY",
    });
    expect(counts(mapped)).toMatchObject({ status: "SUCCEEDED", inserted: 1 });
    const xlsx = await kit.xlsx("instalments.xlsx", [
      HEADER,
      [
        "L2",
        3,
        "STATEMENT",
        new Date(Date.UTC(2025, 2, 31)),
        880.25,
        880.25,
        new Date(Date.UTC(2025, 3, 2)),
        0,
      ],
    ]);
    const s = await kit.run(instalmentsSource, xlsx);
    expect(counts(s)).toMatchObject({ status: "SUCCEEDED", inserted: 1 });
    expect(
      (await instalments()).filter((i) => i.loan === "L2").map((i) => [i.sequence, i.due, i.paid_on]),
    ).toEqual([
      [1, "2025-01-31", "2025-02-10"],
      [2, "2025-02-28", null],
      [3, "2025-03-31", "2025-04-02"],
    ]);
  });
});
