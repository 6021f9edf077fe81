import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loansSource } from "./loans.source.js";
import { paymentsSource } from "./payments.source.js";
import { type Cell, counts, createImportKit, type ImportKit } from "./sources.test-kit.js";

const HEADER = ["payment_id", "loan_id", "type", "amount", "paid_at", "channel", "reverses_payment_id"];

describe("payments importer", () => {
  let kit: ImportKit;
  beforeAll(async () => {
    kit = await createImportKit();
    const loans = await kit.csv("loans.csv", [
      ["loan_id", "borrower_id", "product_type", "full_name"],
      ["L1", "B1", "INSTALMENT", "One"],
      ["L2", "B2", "INSTALMENT", "Two"],
    ]);
    await kit.run(loansSource, loans);
  });
  afterAll(async () => {
    await kit.close();
  });

  const payments = async (loan: string) =>
    kit.rows<{ externalKey: string; type: string; amount: string; paidAt: string; reverses: string | null }>(
      `SELECT p."externalKey", p.type, p.amount::text, to_char(p."paidAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS "paidAt",
              r."externalKey" AS reverses
       FROM "Payment" p JOIN "Loan" l ON l.id = p."loanId" LEFT JOIN "Payment" r ON r.id = p."reversesPaymentId"
       WHERE l."portfolioId" = $1 AND l."externalKey" = $2 ORDER BY p."paidAt", p."externalKey"`,
      [await kit.portfolioId(), loan],
    );

  it("lands payments and the reversal that undoes one of them, and a second run changes nothing", async () => {
    const file = await kit.csv("payments.csv", [
      HEADER,
      // The reversal comes first: it names a payment further down the same file.
      ["R1", "L1", "reversal", "100", "2025-02-03T09:00:00Z", "", "P1"],
      ["P1", "L1", "", "100.00", "2025-02-01T10:30:00Z", "card", ""],
      ["P2", "L1", "PAYMENT", "50", "2025-03-01", "direct debit", ""],
      ["P1", "L2", "PAYMENT", "75.5", "2025-02-01T10:30:00+02:00", "transfer", ""],
    ]);
    const first = await kit.run(paymentsSource, file);
    expect(counts(first)).toEqual({
      status: "SUCCEEDED",
      rowsTotal: 4,
      rowsImported: 4,
      rowsRejected: 0,
      inserted: 4,
      updated: 0,
    });
    expect(await payments("L1")).toEqual([
      { externalKey: "P1", type: "PAYMENT", amount: "100.00", paidAt: "2025-02-01T10:30", reverses: null },
      { externalKey: "R1", type: "REVERSAL", amount: "100.00", paidAt: "2025-02-03T09:00", reverses: "P1" },
      { externalKey: "P2", type: "PAYMENT", amount: "50.00", paidAt: "2025-03-01T00:00", reverses: null },
    ]);
    expect(await payments("L2")).toEqual([
      { externalKey: "P1", type: "PAYMENT", amount: "75.50", paidAt: "2025-02-01T08:30", reverses: null },
    ]);
    const again = await kit.run(paymentsSource, file);
    expect(counts(again)).toMatchObject({ status: "SUCCEEDED", inserted: 0, updated: 0 });
    expect(again.unchanged).toBe(4);
  });

  it("links a bounced debit to a payment imported earlier, and updates a changed row", async () => {
    const file = await kit.csv("payments-later.csv", [
      HEADER,
      ["B1", "L1", "returned debit", "50", "2025-03-04", "direct debit", "P2"],
      ["P1", "L2", "PAYMENT", "80", "2025-02-01T10:30:00+02:00", "transfer", ""],
    ]);
    const s = await kit.run(paymentsSource, file);
    expect(counts(s)).toMatchObject({ status: "SUCCEEDED", inserted: 1, updated: 1 });
    expect((await payments("L1")).find((p) => p.externalKey === "B1")).toMatchObject({
      type: "BOUNCED_DEBIT",
      reverses: "P2",
    });
    expect((await payments("L2"))[0]?.amount).toBe("80.00");
  });

  it("re-links a reversal that now names another payment, counting it as changed", async () => {
    const file = await kit.csv("payments-relink.csv", [
      HEADER,
      ["R1", "L1", "REVERSAL", "100", "2025-02-03T09:00:00Z", "", "P2"],
    ]);
    const s = await kit.run(paymentsSource, file);
    expect(counts(s)).toMatchObject({ status: "SUCCEEDED", inserted: 0, updated: 1 });
    expect((await payments("L1")).find((p) => p.externalKey === "R1")?.reverses).toBe("P2");
  });

  it("derives stable keys without a payment id, keeping identical rows apart", async () => {
    const rows: Cell[][] = [
      ["loan_id", "amount", "paid_at"],
      ["L2", "20", "2025-04-01T12:00:00Z"],
      ["L2", "20.00", "2025-04-01T12:00:00Z"],
      ["L2", "30", "2025-04-02T12:00:00Z"],
    ];
    const first = await kit.run(paymentsSource, await kit.csv("payments-no-id.csv", rows));
    expect(counts(first)).toMatchObject({ status: "SUCCEEDED", inserted: 3 });
    const again = await kit.run(paymentsSource, await kit.csv("payments-no-id-again.csv", rows));
    expect(counts(again)).toMatchObject({ status: "SUCCEEDED", inserted: 0, updated: 0 });
    const keys = (await payments("L2")).map((p) => p.externalKey).filter((k) => k.startsWith("auto:"));
    expect(keys).toEqual([
      "auto:2025-04-01T12:00:00.000Z/20.00/PAYMENT/1",
      "auto:2025-04-01T12:00:00.000Z/20.00/PAYMENT/2",
      "auto:2025-04-02T12:00:00.000Z/30.00/PAYMENT/1",
    ]);
  });

  it("reports every bad row with its line, column and reason, and still lands every valid row", async () => {
    const file = await kit.csv("payments-bad.csv", [
      HEADER,
      ["P10", "L1", "PAYMENT", "10", "2025-05-01", "", ""],
      ["P11", "L1", "PAYMENT", "-10", "2025-05-01", "", ""],
      ["P12", "L1", "PAYMENT", "0", "2025-05-01", "", ""],
      ["P13", "L1", "PAYMENT", "ten", "2025-05-01", "", ""],
      ["P14", "L9", "PAYMENT", "10", "2025-05-01", "", ""],
      ["P15", "L1", "refund", "10", "2025-05-01", "", ""],
      ["P16", "L1", "PAYMENT", "10", "yesterday", "", ""],
      ["R10", "L1", "REVERSAL", "10", "2025-05-02", "", "P404"],
      ["R11", "L2", "REVERSAL", "10", "2025-05-02", "", "P10"],
      ["P17", "L1", "PAYMENT", "10", "2025-05-02", "", "P10"],
      ["P10", "L1", "PAYMENT", "10", "2025-05-01", "", ""],
      ["R12", "L1", "REVERSAL", "10", "2025-05-03", "", "P10"],
      ["R13", "L1", "REVERSAL", "10", "2025-05-03", "", ""],
    ]);
    const s = await kit.run(paymentsSource, file);
    expect(counts(s)).toEqual({
      status: "PARTIAL",
      rowsTotal: 13,
      rowsImported: 3,
      rowsRejected: 10,
      inserted: 3,
      updated: 0,
    });
    const notNumber = '(use digits with a "." decimal point, no currency signs)';
    expect(await kit.issues(s.runId)).toEqual([
      { line: 3, column: "amount", severity: "ERROR", message: "-10 must be greater than 0" },
      { line: 4, column: "amount", severity: "ERROR", message: "0 must be greater than 0" },
      { line: 5, column: "amount", severity: "ERROR", message: `"ten" is not a number ${notNumber}` },
      {
        line: 6,
        column: "loan_id",
        severity: "ERROR",
        message: 'unknown loan "L9" in this portfolio: import it first',
      },
      {
        line: 7,
        column: "type",
        severity: "ERROR",
        message: '"refund" is not one of PAYMENT, REVERSAL, BOUNCED_DEBIT',
      },
      {
        line: 8,
        column: "paid_at",
        severity: "ERROR",
        message: '"yesterday" is not a date and time (use ISO 8601, e.g. 2025-03-31T14:05:00Z)',
      },
      {
        line: 9,
        column: "reverses_payment_id",
        severity: "ERROR",
        message: 'unknown payment "P404" of this loan',
      },
      {
        line: 10,
        column: "reverses_payment_id",
        severity: "ERROR",
        message: 'unknown payment "P10" of this loan',
      },
      {
        line: 11,
        column: "reverses_payment_id",
        severity: "ERROR",
        message:
          "a PAYMENT cannot undo another payment: set the type to REVERSAL or BOUNCED_DEBIT, or clear this cell",
      },
      {
        line: 12,
        column: null,
        severity: "ERROR",
        message: 'duplicate key "L1/P10": the same record is on line 2',
      },
      {
        line: 14,
        column: "reverses_payment_id",
        severity: "WARNING",
        message:
          "a REVERSAL that names no payment cannot be matched to what it undoes; kept without the link",
      },
    ]);
    expect((await payments("L1")).find((p) => p.externalKey === "R12")?.reverses).toBe("P10");
  });

  it("reads an Excel workbook", async () => {
    const file = await kit.xlsx("payments.xlsx", [
      HEADER,
      ["X1", "L2", "PAYMENT", 12.34, new Date(Date.UTC(2025, 5, 1, 8, 15)), "card", null],
      ["X2", "L2", "BOUNCED_DEBIT", 12.34, new Date(Date.UTC(2025, 5, 3, 8, 15)), "card", "X1"],
    ]);
    const s = await kit.run(paymentsSource, file);
    expect(counts(s)).toMatchObject({ status: "SUCCEEDED", inserted: 2 });
    expect((await payments("L2")).filter((p) => p.externalKey.startsWith("X"))).toEqual([
      { externalKey: "X1", type: "PAYMENT", amount: "12.34", paidAt: "2025-06-01T08:15", reverses: null },
      {
        externalKey: "X2",
        type: "BOUNCED_DEBIT",
        amount: "12.34",
        paidAt: "2025-06-03T08:15",
        reverses: "X1",
      },
    ]);
  });
});
