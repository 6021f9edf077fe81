import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { creditRiskSource } from "../../../../seeds/src/datasets/credit-risk.source.js";
import { uciCreditCardSource } from "../../../../seeds/src/datasets/uci-credit-card.source.js";
import { REAL_DATASETS } from "../../../../seeds/src/import-sources.js";
import { config } from "../../core/config/config.js";
import { repoRoot } from "../../core/config/repo-paths.js";
import { createPgPool } from "../../core/db/pg-pool.js";
import { runImport } from "./run-import.js";

const CREDIT_RISK_HEADER =
  "person_age,person_income,person_home_ownership,person_emp_length,loan_intent,loan_grade,loan_amnt,loan_int_rate,loan_status,loan_percent_income,cb_person_default_on_file,cb_person_cred_hist_length";
// The real data sets, where CREDITPATH_DATA_DIR says they are.
const UCI_FILE = path.join(config().dataDir, "uci-taiwan-credit-default", "UCI_Credit_Card.csv");

let pool: pg.Pool;
let dir: string;
const portfolios: string[] = [];

function portfolio(tag: string) {
  const name = `import-test-${tag}-${Date.now()}`;
  portfolios.push(name);
  return { name, source: "test", asOfDate: "2021-01-01" };
}

async function count(sql: string, params: unknown[]): Promise<number> {
  const res = await pool.query<{ n: string }>(sql, params);
  return Number(res.rows[0]?.n);
}

beforeAll(() => {
  pool = createPgPool(inject("databaseUrl"));
  dir = mkdtempSync(path.join(os.tmpdir(), "import-test-"));
});
afterAll(async () => {
  await pool.query(
    `DELETE FROM "ImportRun" WHERE "portfolioId" IN (SELECT id FROM "Portfolio" WHERE name = ANY($1))`,
    [portfolios],
  );
  await pool.query(`DELETE FROM "Portfolio" WHERE name = ANY($1)`, [portfolios]);
  await pool.end();
  rmSync(dir, { recursive: true, force: true });
});

describe("importing a file with malformed rows", () => {
  const file = () => path.join(dir, "credit-risk-bad.csv");
  beforeAll(() => {
    const rows = [
      CREDIT_RISK_HEADER,
      "22,59000,RENT,3.0,PERSONAL,D,35000,16.02,1,0.59,Y,3", // line 2: good
      "abc,9600,OWN,5.0,EDUCATION,B,1000,11.14,0,0.1,N,2", // line 3: age not a number
      "25,9600,MORTGAGE,1.0,MEDICAL,C,-5500,12.87,1,0.57,N,3", // line 4: negative amount
      "23,65500,RENT,4.0,MEDICAL,Z,35000,15.23,1,0.53,N,2", // line 5: unknown grade
      "24,54400,RENT,8.0,MEDICAL,C,35000", // line 6: too few columns
      "21,9900,OWN,2.0,VENTURE,A,2500,7.14,1,0.25,N,2", // line 7: good, will carry a non-UTF-8 byte below
      "26,77100,RENT,8.0,EDUCATION,B,,12.42,1,0.45,N,3", // line 8: required amount empty
      "144,250000,RENT,4.0,VENTURE,C,4800,13.57,0,0.02,N,3", // line 9: implausible age, kept with a warning
      "24,10800,MORTGAGE,8.0,EDUCATION,B,1750,10.99,1,0.16,N,2", // line 10: good
    ];
    const text = `${rows.join("\n")}\n`;
    const bytes = Buffer.from(text, "utf8");
    // Line 7's home ownership becomes "OWN\xff": a byte that is not UTF-8.
    const at = bytes.indexOf(Buffer.from("21,9900,OWN")) + "21,9900,OWN".length;
    writeFileSync(file(), Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at)]));
  });

  it("lands every valid row, reports every bad one by line, column and reason, and duplicates nothing", async () => {
    const p = portfolio("bad-rows");
    const reportDir = path.join(dir, "reports");
    const first = await runImport({ pool, source: creditRiskSource, file: file(), portfolio: p, reportDir });
    expect(first).toMatchObject({
      status: "PARTIAL",
      rowsTotal: 9,
      rowsImported: 3,
      rowsRejected: 6,
      rowsWarned: 1,
    });

    const errors = await pool.query<{
      line: number;
      column: string | null;
      severity: string;
      message: string;
    }>(
      `SELECT line, "column", severity::text, message FROM "ImportRowError" WHERE "importRunId" = $1 ORDER BY line, severity`,
      [first.runId],
    );
    expect(errors.rows).toEqual([
      {
        line: 3,
        column: "person_age",
        severity: "ERROR",
        message: expect.stringContaining('"abc" is not a number'),
      },
      { line: 4, column: "loan_amnt", severity: "ERROR", message: "-5500 is below the minimum 0" },
      {
        line: 5,
        column: "loan_grade",
        severity: "ERROR",
        message: expect.stringContaining('"Z" is not one of A, B, C'),
      },
      { line: 6, column: null, severity: "ERROR", message: "expected 12 columns, found 7" },
      {
        line: 7,
        column: "person_home_ownership",
        severity: "ERROR",
        message: expect.stringContaining("not UTF-8"),
      },
      {
        line: 8,
        column: "loan_amnt",
        severity: "ERROR",
        message: "is required but empty (expected an amount with at most two decimals)",
      },
      {
        line: 9,
        column: "person_age",
        severity: "WARNING",
        message: expect.stringContaining("144 is implausibly high"),
      },
    ]);
    const report = readFileSync(first.reportPath as string, "utf8");
    expect(report.split("\n")[0]).toBe("line,column,severity,message");
    expect(report).toContain("4,loan_amnt,ERROR,-5500 is below the minimum 0");

    const loans = `SELECT count(*) AS n FROM "Loan" l JOIN "Portfolio" p ON p.id = l."portfolioId" WHERE p.name = $1`;
    expect(await count(loans, [p.name])).toBe(3);
    const keys = await pool.query<{ externalKey: string; ageYears: number }>(
      `SELECT l."externalKey", b."ageYears" FROM "Loan" l JOIN "Borrower" b ON b.id = l."borrowerId"
       JOIN "Portfolio" p ON p.id = l."portfolioId" WHERE p.name = $1 ORDER BY l."externalKey"::int`,
      [p.name],
    );
    // Keys are data-row positions: line 2 is row 1, line 9 (age 144, kept) row 8, line 10 row 9.
    expect(keys.rows).toEqual([
      { externalKey: "1", ageYears: 22 },
      { externalKey: "8", ageYears: 144 },
      { externalKey: "9", ageYears: 24 },
    ]);

    const second = await runImport({ pool, source: creditRiskSource, file: file(), portfolio: p });
    expect(second).toMatchObject({
      status: "PARTIAL",
      rowsImported: 3,
      inserted: 0,
      updated: 0,
      unchanged: 6,
    });
    expect(await count(loans, [p.name])).toBe(3);
  });

  it("updates the record of a row that changed, and nothing else", async () => {
    const p = portfolio("changed-row");
    const good = path.join(dir, "credit-risk-good.csv");
    writeFileSync(
      good,
      `${CREDIT_RISK_HEADER}\n22,59000,RENT,3.0,PERSONAL,D,35000,16.02,1,0.59,Y,3\n21,9600,OWN,5.0,EDUCATION,B,1000,11.14,0,0.1,N,2\n`,
    );
    await runImport({ pool, source: creditRiskSource, file: good, portfolio: p });
    writeFileSync(
      good,
      `${CREDIT_RISK_HEADER}\n22,59000,RENT,3.0,PERSONAL,D,35000,16.02,1,0.59,Y,3\n21,9600,OWN,5.0,EDUCATION,B,1200,11.14,0,0.1,N,2\n`,
    );
    const again = await runImport({ pool, source: creditRiskSource, file: good, portfolio: p });
    expect(again).toMatchObject({ status: "SUCCEEDED", inserted: 0, updated: 1, unchanged: 3 });
    const principal = await pool.query<{ principal: string }>(
      `SELECT l.principal::text FROM "Loan" l JOIN "Portfolio" p ON p.id = l."portfolioId" WHERE p.name = $1 AND l."externalKey" = '2'`,
      [p.name],
    );
    expect(principal.rows[0]?.principal).toBe("1200.00");
  });

  it("reports a duplicate key with the line of its first occurrence", async () => {
    const p = portfolio("duplicates");
    const uci = readFileSync(UCI_FILE, "utf8").split("\n");
    const dup = path.join(dir, "uci-dup.csv");
    writeFileSync(dup, [uci[0], uci[1], uci[2], uci[1]].join("\n"));
    const s = await runImport({ pool, source: uciCreditCardSource, file: dup, portfolio: p });
    expect(s).toMatchObject({ rowsImported: 2, rowsRejected: 1 });
    const errors = await pool.query(`SELECT line, message FROM "ImportRowError" WHERE "importRunId" = $1`, [
      s.runId,
    ]);
    expect(errors.rows).toEqual([{ line: 4, message: 'duplicate key "1": the same record is on line 2' }]);
  });
});

describe("the real data sets", () => {
  // Their first rows, every column read as its field's type: none may be rejected, and a re-import changes nothing.
  it.each(REAL_DATASETS.map((d) => [d.source.name, d] as const))(
    "%s imports every row, typed",
    async (_name, { source, file }) => {
      const lines = readFileSync(path.join(config().dataDir, file), "utf8")
        .trimEnd()
        .split("\n")
        .slice(0, 2001);
      const sample = path.join(dir, `${source.name}-sample.csv`);
      writeFileSync(sample, `${lines.join("\n")}\n`);
      const p = portfolio(`real-${source.name}`);
      const first = await runImport({ pool, source, file: sample, portfolio: p });
      expect(first).toMatchObject({
        status: "SUCCEEDED",
        rowsTotal: 2000,
        rowsImported: 2000,
        rowsRejected: 0,
      });
      const again = await runImport({ pool, source, file: sample, portfolio: p });
      expect(again).toMatchObject({ status: "SUCCEEDED", rowsImported: 2000, inserted: 0, updated: 0 });
    },
    60_000,
  );

  it("keeps the credit-risk data set's extra numbers as numbers", async () => {
    const p = portfolio("real-attributes");
    const f = path.join(dir, "credit-risk-attributes.csv");
    writeFileSync(f, `${CREDIT_RISK_HEADER}\n22,59000,RENT,3.0,PERSONAL,D,35000,16.02,1,0.59,Y,3\n`);
    await runImport({ pool, source: creditRiskSource, file: f, portfolio: p });
    const rows = await pool.query(
      `SELECT l.attributes AS loan, b.attributes AS borrower FROM "Loan" l JOIN "Borrower" b ON b.id = l."borrowerId"
       JOIN "Portfolio" p ON p.id = l."portfolioId" WHERE p.name = $1`,
      [p.name],
    );
    expect(rows.rows).toEqual([
      { loan: { loanPercentIncome: 0.59 }, borrower: { priorDefaultOnFile: true, creditHistoryYears: 3 } },
    ]);
  });
});

describe("whole-file problems fail clearly and import nothing", () => {
  it.each([
    ["an empty file", "", /the file is empty/],
    [
      "a header only, with the wrong names",
      "age,income\n",
      /missing required column\(s\) "person_age", "person_income"/,
    ],
    [
      "a delimiter that splits nothing",
      `${CREDIT_RISK_HEADER.replaceAll(",", ":")}\n22:59000:RENT\n`,
      /did not split on ",": is the delimiter right/,
    ],
  ])("%s", async (_what, content, message) => {
    const p = portfolio("file-errors");
    const f = path.join(dir, `file-error-${Date.now()}.csv`);
    writeFileSync(f, content);
    const s = await runImport({ pool, source: creditRiskSource, file: f, portfolio: p });
    expect(s.status).toBe("FAILED");
    expect(s.error).toMatch(message);
    const run = await pool.query(`SELECT status::text, error FROM "ImportRun" WHERE id = $1`, [s.runId]);
    expect(run.rows[0]).toEqual({ status: "FAILED", error: s.error });
  });

  it("detects a semicolon-delimited file on its own", async () => {
    const p = portfolio("semicolon");
    const f = path.join(dir, "semicolon.csv");
    writeFileSync(
      f,
      `${CREDIT_RISK_HEADER.replaceAll(",", ";")}\n22;59000;RENT;3.0;PERSONAL;D;35000;16.02;1;0.59;Y;3\n`,
    );
    expect(await runImport({ pool, source: creditRiskSource, file: f, portfolio: p })).toMatchObject({
      status: "SUCCEEDED",
      rowsImported: 1,
    });
  });
});

describe("an import killed midway", () => {
  it("leaves only whole batches, and the re-run ends with exactly the file's rows", async () => {
    const p = portfolio("killed");
    const lines = readFileSync(UCI_FILE, "utf8").trimEnd().split("\n").slice(0, 3001);
    const file = path.join(dir, "uci-3000.csv");
    writeFileSync(file, `${lines.join("\n")}\n`);

    // The CLI in this very process (tsx as a loader, not tsx's CLI): SIGKILL cannot be relayed, and killing a
    // tsx CLI that runs the script in a child of its own left that child importing while the test counted.
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        path.join(repoRoot, "seeds/src/import.cli.ts"),
        "uci-credit-card",
        file,
        "--portfolio",
        p.name,
        "--as-of",
        "2005-10-01",
        "--batch-size",
        "100",
        "--no-progress",
      ],
      { cwd: repoRoot, env: { ...process.env, DATABASE_URL: inject("databaseUrl") }, stdio: "ignore" },
    );
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    // Kill it hard once some batches have committed and before it can finish.
    const runRows = `SELECT coalesce(max(r."rowsTotal"), 0) AS n FROM "ImportRun" r JOIN "Portfolio" p ON p.id = r."portfolioId" WHERE p.name = $1`;
    await vi.waitFor(
      async () => {
        const rows = await count(runRows, [p.name]);
        if (rows < 300) throw new Error(`${rows} rows committed so far, waiting for 300`);
      },
      { timeout: 30_000, interval: 50 },
    );
    child.kill("SIGKILL");
    await exited;

    const loans = `SELECT count(*) AS n FROM "Loan" l JOIN "Portfolio" p ON p.id = l."portfolioId" WHERE p.name = $1`;
    const statements = `SELECT count(*) AS n FROM "Instalment" i JOIN "Loan" l ON l.id = i."loanId" JOIN "Portfolio" p ON p.id = l."portfolioId" WHERE p.name = $1`;
    const partial = await count(loans, [p.name]);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(3000);
    // Whole batches only: every loan that landed has its six statements.
    expect(await count(statements, [p.name])).toBe(partial * 6);

    const rerun = await runImport({
      pool,
      source: uciCreditCardSource,
      file,
      portfolio: { ...p, asOfDate: "2005-10-01" },
    });
    expect(rerun).toMatchObject({ status: "SUCCEEDED", rowsImported: 3000 });
    expect(await count(loans, [p.name])).toBe(3000);
    expect(await count(statements, [p.name])).toBe(18000);
    const runs = await pool.query<{ status: string; error: string | null }>(
      `SELECT r.status::text, r.error FROM "ImportRun" r JOIN "Portfolio" p ON p.id = r."portfolioId" WHERE p.name = $1 ORDER BY r."startedAt"`,
      [p.name],
    );
    expect(runs.rows).toEqual([
      { status: "FAILED", error: "interrupted before it finished" },
      { status: "SUCCEEDED", error: null },
    ]);
  }, 120_000);
});
