import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { communicationsSource } from "./communications.source.js";
import { loansSource } from "./loans.source.js";
import { rosterSource } from "./roster.source.js";
import { type Cell, counts, createImportKit, type ImportKit } from "./sources.test-kit.js";

const HEADER = [
  "borrower_id",
  "loan_id",
  "agent_email",
  "channel",
  "direction",
  "outcome",
  "started_at",
  "ended_at",
  "duration_seconds",
  "notes",
];

describe("communications importer", () => {
  let kit: ImportKit;
  let agent: string;
  beforeAll(async () => {
    kit = await createImportKit();
    agent = `caller-${kit.tag}@lender.test`;
    await kit.run(
      rosterSource,
      await kit.csv("roster.csv", [
        ["email", "display_name", "role"],
        [agent, "Caller", "agent"],
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

  const contacts = async () =>
    kit.rows<Record<string, unknown>>(
      `SELECT b."externalKey" AS borrower, l."externalKey" AS loan, u.email AS agent, c.channel, c.direction, c.outcome,
              c."durationSeconds", c.notes
       FROM "Communication" c JOIN "Borrower" b ON b.id = c."borrowerId" LEFT JOIN "Loan" l ON l.id = c."loanId"
       LEFT JOIN "User" u ON u.id = c."agentId" WHERE b."portfolioId" = $1 ORDER BY c."startedAt"`,
      [await kit.portfolioId()],
    );

  const good = (): Cell[][] => [
    HEADER,
    [
      "B1",
      "L1",
      agent.toUpperCase(),
      "phone",
      "out",
      "no answer",
      "2025-03-01T09:00:00Z",
      "2025-03-01T09:00:40Z",
      "",
      "",
    ],
    ["B1", "", agent, "SMS", "", "delivered", "2025-03-02T09:00:00Z", "", "", "reminder sent"],
    ["B2", "L2", "", "call", "inbound", "ptp", "2025-03-03T15:00:00Z", "", "180", "will pay Friday"],
  ];

  it("lands a good file completely, mapping common spellings, and a second run changes nothing", async () => {
    const file = await kit.csv("contacts.csv", good());
    const first = await kit.run(communicationsSource, file);
    expect(counts(first)).toEqual({
      status: "SUCCEEDED",
      rowsTotal: 3,
      rowsImported: 3,
      rowsRejected: 0,
      inserted: 3,
      updated: 0,
    });
    expect(await contacts()).toEqual([
      {
        borrower: "B1",
        loan: "L1",
        agent,
        channel: "CALL",
        direction: "OUTBOUND",
        outcome: "NO_ANSWER",
        durationSeconds: 40,
        notes: null,
      },
      {
        borrower: "B1",
        loan: null,
        agent,
        channel: "SMS",
        direction: "OUTBOUND",
        outcome: "DELIVERED",
        durationSeconds: null,
        notes: "reminder sent",
      },
      {
        borrower: "B2",
        loan: "L2",
        agent: null,
        channel: "CALL",
        direction: "INBOUND",
        outcome: "PROMISE_TO_PAY",
        durationSeconds: 180,
        notes: "will pay Friday",
      },
    ]);
    const again = await kit.run(communicationsSource, file);
    expect(counts(again)).toMatchObject({ status: "SUCCEEDED", inserted: 0, updated: 0 });
  });

  it("updates a changed row: a corrected outcome is the same contact, not a new one", async () => {
    const rows = good();
    (rows[3] as Cell[])[5] = "callback";
    const s = await kit.run(communicationsSource, await kit.csv("contacts-changed.csv", rows));
    expect(counts(s)).toMatchObject({ inserted: 0, updated: 1 });
    expect((await contacts()).map((c) => c.outcome)).toEqual([
      "NO_ANSWER",
      "DELIVERED",
      "CALLBACK_REQUESTED",
    ]);
  });

  it("reports every bad row with its line, column and reason, and still lands every valid row", async () => {
    const file = await kit.csv("contacts-bad.csv", [
      ["communication_id", ...HEADER],
      ["C1", "B1", "", "", "EMAIL", "", "sent", "2025-04-01T08:00:00Z", "", "", ""],
      ["C2", "B9", "", "", "EMAIL", "", "sent", "2025-04-01T08:00:00Z", "", "", ""],
      ["C3", "B1", "L404", "", "EMAIL", "", "sent", "2025-04-01T08:00:00Z", "", "", ""],
      ["C4", "B1", "", "ghost@lender.test", "CALL", "", "connected", "2025-04-01T08:00:00Z", "", "", ""],
      ["C5", "B1", "", "", "pigeon", "", "sent", "2025-04-01T08:00:00Z", "", "", ""],
      ["C6", "B1", "", "", "CALL", "", "hung up", "2025-04-01T08:00:00Z", "", "", ""],
      ["C7", "B1", "", "", "CALL", "", "connected", "2025-04-01T09:00:00Z", "2025-04-01T08:59:00Z", "", ""],
      ["C8", "B1", "", "", "CALL", "", "connected", "01.04.2025 08:00", "", "", ""],
      ["C9", "B1", "", "", "CALL", "", "connected", "2025-04-01T08:00:00Z", "", "-5", ""],
      ["C1", "B1", "", "", "EMAIL", "", "sent", "2025-04-01T08:00:00Z", "", "", ""],
      ["C10", "B2", "L2", agent, "visit", "", "connected", "2025-04-02T10:00:00Z", "", "45 min", ""],
      ["C11", "B2", "L2", agent, "field visit", "", "connected", "2025-04-02T10:00:00Z", "", "2700s", ""],
    ]);
    const s = await kit.run(communicationsSource, file);
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
        message: 'unknown borrower "B9" in this portfolio: import it first',
      },
      {
        line: 4,
        column: "loan_id",
        severity: "ERROR",
        message: 'unknown loan "L404" in this portfolio: import it first',
      },
      { line: 5, column: "agent_email", severity: "ERROR", message: 'unknown agent "ghost@lender.test"' },
      {
        line: 6,
        column: "channel",
        severity: "ERROR",
        message: '"pigeon" is not one of CALL, SMS, EMAIL, PUSH, FIELD_VISIT, LETTER',
      },
      {
        line: 7,
        column: "outcome",
        severity: "ERROR",
        message:
          '"hung up" is not one of CONNECTED, NO_ANSWER, BUSY, VOICEMAIL, WRONG_NUMBER, DELIVERED, FAILED, PROMISE_TO_PAY, REFUSED_TO_PAY, DISPUTE_RAISED, CALLBACK_REQUESTED',
      },
      {
        line: 8,
        column: "ended_at",
        severity: "ERROR",
        message: "ends at 2025-04-01T08:59:00.000Z, before it started at 2025-04-01T09:00:00.000Z",
      },
      {
        line: 9,
        column: "started_at",
        severity: "ERROR",
        message: '"01.04.2025 08:00" is not a date and time (use ISO 8601, e.g. 2025-03-31T14:05:00Z)',
      },
      { line: 10, column: "duration_seconds", severity: "ERROR", message: "-5 is below the minimum 0" },
      {
        line: 11,
        column: null,
        severity: "ERROR",
        message: 'duplicate key "B1/C1": the same record is on line 2',
      },
      {
        line: 12,
        column: "duration_seconds",
        severity: "ERROR",
        message: '"45 min" is not a number (use digits with a "." decimal point, no currency signs)',
      },
    ]);
  });

  it("reads an Excel workbook", async () => {
    const file = await kit.xlsx("contacts.xlsx", [
      HEADER,
      [
        "B2",
        "L2",
        agent,
        "Letter",
        "Outbound",
        "Delivered",
        new Date(Date.UTC(2025, 4, 5, 7, 30)),
        null,
        null,
        null,
      ],
    ]);
    const s = await kit.run(communicationsSource, file);
    expect(counts(s)).toMatchObject({ status: "SUCCEEDED", inserted: 1 });
    expect((await contacts()).at(-1)).toMatchObject({
      borrower: "B2",
      channel: "LETTER",
      outcome: "DELIVERED",
      agent,
    });
  });
});
