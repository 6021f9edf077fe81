// `npm run bench:ingest [-- --json] [--sizes 100000,1000000]`: import throughput of a loan book CSV and the
// synthetic generator's time, in a throw-away database. Prints figures; asserts nothing.

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Command, InvalidArgumentError } from "commander";
import type pg from "pg";
import { createEphemeralDatabase } from "../../../server/src/core/db/ephemeral-database.js";
import { createPgPool } from "../../../server/src/core/db/pg-pool.js";
import { runImport } from "../../../server/src/modules/imports/run-import.js";
import { IMPORT_SOURCES } from "../import-sources.js";
import { PRODUCT } from "../synthetic/assumptions.js";
import { makeBorrower } from "../synthetic/borrowers.js";
import { isoDay } from "../synthetic/calendar.js";
import { money } from "../synthetic/money.js";
import { planPortfolio } from "../synthetic/portfolio.js";
import { Rng } from "../synthetic/rng.js";
import { makeLoanTerms } from "../synthetic/schedules.js";
import { type WriteTimings, writeSyntheticPortfolio } from "../synthetic/writer.js";
import { createQueryTimer, type QueryTimer } from "./query-timer.js";

const LOANS_HEADER = [
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
  "full_name",
  "email",
  "phone",
  "city",
  "region",
  "postal_code",
  "country",
  "time_zone",
  "age",
  "annual_income",
  "employment_status",
  "home_ownership",
  "segment",
];

const csv = (v: unknown) => {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** A loan book in the `loans` importer's layout, one borrower per loan, from the generator's own draws. */
async function writeLoanBook(file: string, rows: number): Promise<number> {
  const out = createWriteStream(file);
  out.write(`${LOANS_HEADER.join(",")}\n`);
  const asOfDay = Date.parse("2026-10-31") / 86_400_000;
  for (let n = 1; n <= rows; n++) {
    const rng = new Rng(7, n);
    const b = makeBorrower(rng, n);
    const t = makeLoanTerms(
      rng,
      b,
      n,
      asOfDay,
      rng.chance(PRODUCT.revolvingShare) ? "REVOLVING" : "INSTALMENT",
    );
    const r = b.row;
    const line = [
      t.key,
      b.key,
      t.productType,
      t.principal === null ? null : money(t.principal),
      t.creditLimit === null ? null : money(t.creditLimit),
      t.apr,
      t.termMonths,
      t.instalment === null ? null : money(t.instalment),
      money(t.principal ?? 0),
      "USD",
      t.grade,
      t.purpose,
      "ACTIVE",
      isoDay(t.openedDay),
      r.fullName,
      r.email,
      r.phone,
      r.city,
      r.region,
      r.postalCode,
      r.country,
      r.timeZone,
      r.ageYears,
      r.annualIncome,
      r.employmentStatus,
      r.homeOwnership,
      r.segment,
    ]
      .map(csv)
      .join(",");
    if (!out.write(`${line}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return (await stat(file)).size;
}

interface ImportFigure {
  rows: number;
  records: number;
  fileMB: number;
  seconds: number;
  rowsPerSecond: number;
  recordsPerSecond: number;
  status: string;
}

interface GeneratorFigure {
  loans: number;
  records: number;
  seconds: number;
  loansPerSecond: number;
  recordsPerSecond: number;
  /** Milliseconds: generating rows (CPU in Node) vs merging them and the extra statements (PostgreSQL). */
  phases: WriteTimings;
  /** The slowest statements, seconds summed over all connections (they overlap when batches run at once). */
  slowest: { statement: string; seconds: number }[];
}

async function benchImport(
  pool: pg.Pool,
  timer: QueryTimer,
  dir: string,
  rows: number,
): Promise<ImportFigure> {
  const source = IMPORT_SOURCES.loans;
  if (!source) throw new Error("the loans importer is not registered in seeds/src/import-sources.ts");
  const file = path.join(dir, `loans-${rows}.csv`);
  const bytes = await writeLoanBook(file, rows);
  timer.reset();
  const started = performance.now();
  const s = await runImport({
    pool,
    source,
    file,
    portfolio: { name: `Bench loan book ${rows}`, source: "bench", asOfDate: "2026-10-31" },
    // A benchmark book stands for a lender's: operational, as the loans importer's default would make it.
    kind: "OPERATIONAL",
  });
  const seconds = (performance.now() - started) / 1000;
  await rm(file);
  const records = s.inserted + s.updated + s.unchanged;
  return {
    rows: s.rowsTotal,
    records,
    fileMB: Math.round((bytes / 1e6) * 10) / 10,
    seconds: round(seconds),
    rowsPerSecond: Math.round(s.rowsTotal / seconds),
    recordsPerSecond: Math.round(records / seconds),
    status: s.status,
  };
}

async function benchGenerator(pool: pg.Pool, timer: QueryTimer, loans: number): Promise<GeneratorFigure> {
  const timings: WriteTimings = { generateMs: 0, mergeMs: 0, extrasMs: 0 };
  timer.reset();
  const s = await writeSyntheticPortfolio({
    pool,
    plan: planPortfolio({ loans, seed: 1 }),
    portfolioName: `Bench synthetic ${loans}`,
    timings,
  });
  return {
    loans: s.loans,
    records: s.rows,
    seconds: round(s.seconds),
    loansPerSecond: Math.round(s.loans / s.seconds),
    recordsPerSecond: Math.round(s.rows / s.seconds),
    phases: {
      generateMs: Math.round(timings.generateMs),
      mergeMs: Math.round(timings.mergeMs),
      extrasMs: Math.round(timings.extrasMs),
    },
    slowest: timer.top(6),
  };
}

const round = (x: number) => Math.round(x * 100) / 100;

function sizes(v: string): number[] {
  const list = v.split(",").map((s) => Number(s.trim().replace(/_/g, "")));
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new InvalidArgumentError("expected positive integers separated by commas, e.g. 100000,1000000");
  }
  return list;
}

const program = new Command("bench:ingest")
  .description(
    "Import throughput of a synthetic loan book CSV and the synthetic generator's time, in a throw-away database",
  )
  .option("--sizes <list>", "rows (import) and loans (generator) to measure", sizes, [100_000, 1_000_000])
  .option("--json", "print one JSON object instead of text")
  .action(async (opts: { sizes: number[]; json?: boolean }) => {
    const log = (line: string) => {
      if (!opts.json) console.log(line);
    };
    log(`bench:ingest: sizes ${opts.sizes.join(", ")} on ${os.cpus().length} CPUs, Node ${process.version}`);
    const db = await createEphemeralDatabase("bench");
    const pool = createPgPool(db.url);
    const timer = createQueryTimer(pool);
    const dir = await mkdtemp(path.join(os.tmpdir(), "creditpath-bench-"));
    const result = {
      cpus: os.cpus().length,
      node: process.version,
      importSource: "loans",
      imports: [] as ImportFigure[],
      generator: [] as GeneratorFigure[],
    };
    try {
      for (const n of opts.sizes) {
        const imp = await benchImport(pool, timer, dir, n);
        result.imports.push(imp);
        log(
          `import   ${n} rows (loans layout, ${imp.fileMB} MB, ${imp.records} records): ${imp.seconds} s, ` +
            `${imp.rowsPerSecond} rows/s, ${imp.recordsPerSecond} records/s [${imp.status}]`,
        );
        const gen = await benchGenerator(pool, timer, n);
        result.generator.push(gen);
        log(
          `generate ${n} loans (${gen.records} records): ${gen.seconds} s, ${gen.loansPerSecond} loans/s, ` +
            `${gen.recordsPerSecond} records/s; generating ${Math.round(gen.phases.generateMs / 1000)} s, ` +
            `merging ${Math.round(gen.phases.mergeMs / 1000)} s, extra statements ${Math.round(gen.phases.extrasMs / 1000)} s ` +
            "(merge and extras summed over concurrent batches)",
        );
        log(
          `         slowest statements: ${gen.slowest.map((s) => `${s.statement} ${s.seconds} s`).join(", ")}`,
        );
      }
    } finally {
      await pool.end();
      await db.dispose();
      await rm(dir, { recursive: true, force: true });
    }
    if (opts.json) console.log(JSON.stringify(result));
  });

program.parseAsync().catch((err: Error) => {
  console.error(`bench:ingest: ${err.message}`);
  process.exit(1);
});
