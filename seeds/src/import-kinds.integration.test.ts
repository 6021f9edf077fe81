import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { repoRoot } from "../../server/src/core/config/repo-paths.js";
import { createPgPool } from "../../server/src/core/db/pg-pool.js";
import type { PortfolioKind } from "../../server/src/generated/prisma/enums.js";
import type { ImportSource } from "../../server/src/modules/imports/import-source.js";
import { runImport } from "../../server/src/modules/imports/run-import.js";
import type {} from "../../server/test/global-setup.js";
import { DEMO_PORTFOLIO_SOURCE } from "./demo-seed.js";
import { IMPORT_SOURCES, REAL_DATASETS } from "./import-sources.js";
import { importTarget } from "./import-target.js";
import { planPortfolio } from "./synthetic/portfolio.js";
import { writeSyntheticPortfolio } from "./synthetic/writer.js";

const tag = randomUUID().slice(0, 8);
const AS_OF = "2025-06-30";
const DATA_SETS = new Set<ImportSource>(REAL_DATASETS.map((d) => d.source));
const PORTFOLIO_SOURCES = Object.entries(IMPORT_SOURCES).filter(([, s]) => !s.global);

let pool: pg.Pool;
let dir: string;
const names: string[] = [];
const nameFor = (label: string) => {
  const name = `kind-${label}-${tag}`;
  names.push(name);
  return name;
};

/** A file with the source's headers and no row: enough for the import to create its portfolio. */
function headerOnly(sourceName: string, source: ImportSource): string {
  const file = path.join(dir, `${sourceName}.csv`);
  writeFileSync(file, `${source.fields.map((f) => f.header).join(",")}\n`);
  return file;
}

/** `npm run import -- <source> <file> --portfolio <name> --as-of ... [--kind <kind>]`, in process. */
async function importNamed(sourceName: string, name: string, kind?: string) {
  const source = IMPORT_SOURCES[sourceName] as ImportSource;
  const target = importTarget(sourceName, source, { portfolio: name, asOf: AS_OF, kind });
  const s = await runImport({ pool, source, file: headerOnly(sourceName, source), ...target });
  expect(s.status).toBe("SUCCEEDED");
  return s;
}

const expectedKind = (source: ImportSource): PortfolioKind =>
  DATA_SETS.has(source) ? "REFERENCE" : "OPERATIONAL";

beforeAll(() => {
  pool = createPgPool(inject("databaseUrl"));
  dir = mkdtempSync(path.join(os.tmpdir(), "import-kinds-"));
});
afterAll(async () => {
  await pool.query(
    `DELETE FROM "ImportRun" WHERE "portfolioId" IN (SELECT id FROM "Portfolio" WHERE name = ANY($1))`,
    [names],
  );
  await pool.query(`DELETE FROM "Portfolio" WHERE name = ANY($1)`, [names]);
  await pool.end();
  rmSync(dir, { recursive: true, force: true });
});

describe("the kind an import gives a portfolio", () => {
  it("makes a new portfolio reference for a public data set and operational for a lender's file", async () => {
    expect(DATA_SETS.size).toBeGreaterThan(0);
    for (const [sourceName, source] of PORTFOLIO_SOURCES) {
      const named = await importNamed(sourceName, nameFor(`named-${sourceName}`));
      expect([sourceName, named.portfolioKind]).toEqual([sourceName, expectedKind(source)]);
      expect(named.kindChangedFrom).toBeNull();
      if (!source.defaultPortfolio) continue;
      // The data set's own portfolio (under a test name: same source, same kind).
      const own = await runImport({
        pool,
        source,
        file: headerOnly(sourceName, source),
        portfolio: { ...source.defaultPortfolio, name: nameFor(`own-${sourceName}`) },
      });
      expect([sourceName, own.portfolioKind]).toEqual([sourceName, "REFERENCE"]);
    }
  });

  it("sets --kind on a new portfolio, keeps an existing one's kind without it, and changes it when told", async () => {
    const name = nameFor("lender-reference");
    expect(await importNamed("loans", name, "reference")).toMatchObject({
      portfolioKind: "REFERENCE",
      kindChangedFrom: null,
    });
    expect(await importNamed("loans", name)).toMatchObject({
      portfolioKind: "REFERENCE",
      kindChangedFrom: null,
    });
    expect(await importNamed("payments", name, "operational")).toMatchObject({
      portfolioKind: "OPERATIONAL",
      kindChangedFrom: "REFERENCE",
    });
    expect(await importNamed("loans", name, "operational")).toMatchObject({
      portfolioKind: "OPERATIONAL",
      kindChangedFrom: null,
    });
    // A data set's default (reference) does not flip a portfolio someone made operational.
    expect(await importNamed("uci-credit-card", name)).toMatchObject({
      portfolioKind: "OPERATIONAL",
      kindChangedFrom: null,
    });
  });

  it("rejects an unknown kind, and a kind for the roster, naming what to do", () => {
    const loans = IMPORT_SOURCES.loans as ImportSource;
    expect(() => importTarget("loans", loans, { portfolio: "x", asOf: AS_OF, kind: "archive" })).toThrow(
      'unknown portfolio kind "archive": use operational or reference',
    );
    expect(() =>
      importTarget("roster", IMPORT_SOURCES.roster as ImportSource, { kind: "reference" }),
    ).toThrow(/roster records belong to no portfolio: drop --portfolio, --as-of and --kind/);
  });

  it("says on the command line when --kind changes a portfolio's kind", async () => {
    const name = nameFor("cli");
    const file = headerOnly("loans", IMPORT_SOURCES.loans as ImportSource);
    const cli = (...args: string[]) =>
      spawnSync(
        process.execPath,
        [
          "--import",
          "tsx",
          path.join(repoRoot, "seeds/src/import.cli.ts"),
          "loans",
          file,
          "--no-progress",
          ...args,
        ],
        { cwd: repoRoot, env: { ...process.env, DATABASE_URL: inject("databaseUrl") }, encoding: "utf8" },
      );
    await importNamed("loans", name);
    const flipped = cli("--portfolio", name, "--as-of", AS_OF, "--kind", "reference");
    expect(flipped.status, flipped.stderr).toBe(0);
    expect(flipped.stdout).toContain(`portfolio "${name}" is now reference (was operational)`);
    const bad = cli("--portfolio", name, "--as-of", AS_OF, "--kind", "archive");
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/archive.*operational, reference/s);
  }, 60_000);
});

describe("the portfolio_kind migration's marking of existing portfolios", () => {
  // Only portfolios made without --kind: one someone set by hand may rightly differ from the rule.
  const marked: string[] = [];
  const markedName = (label: string) => {
    const name = nameFor(label);
    marked.push(name);
    return name;
  };
  const synthetic = markedName("synthetic");
  const plan = planPortfolio({ loans: 40, seed: 23 });
  const staff = [...plan.workforce.agents, ...plan.workforce.supervisors].map((s) => s.email);
  let existingUsers: string[] = [];
  let existingTeams: string[] = [];

  beforeAll(async () => {
    existingUsers = (
      await pool.query<{ email: string }>(`SELECT email FROM "User" WHERE email = ANY($1)`, [staff])
    ).rows.map((r) => r.email);
    existingTeams = (
      await pool.query<{ name: string }>(`SELECT name FROM "Team" WHERE name = ANY($1)`, [
        plan.workforce.teams,
      ])
    ).rows.map((r) => r.name);
  });
  afterAll(async () => {
    // The staff and teams the generator added (the portfolio goes with the others).
    await pool.query(`DELETE FROM "Portfolio" WHERE name = $1`, [synthetic]);
    await pool.query(`DELETE FROM "User" WHERE email = ANY($1) AND NOT email = ANY($2)`, [
      staff,
      existingUsers,
    ]);
    await pool.query(`DELETE FROM "Team" WHERE name = ANY($1) AND NOT name = ANY($2)`, [
      plan.workforce.teams,
      existingTeams,
    ]);
  });

  /** The migration's own UPDATE statement, read from its file. */
  function markingStatement(): string {
    const migrations = path.join(repoRoot, "prisma", "migrations");
    const folder = readdirSync(migrations).find((d) => d.endsWith("_portfolio_kind"));
    if (!folder) throw new Error(`no *_portfolio_kind migration in ${migrations}`);
    const sql = readFileSync(path.join(migrations, folder, "migration.sql"), "utf8")
      .split("\n")
      .filter((l) => !l.trim().startsWith("--"))
      .join("\n");
    const update = sql.split(";").find((s) => /^\s*UPDATE "Portfolio"/.test(s));
    if (!update) throw new Error(`${folder}/migration.sql has no UPDATE "Portfolio" statement`);
    return update;
  }

  it("marks every portfolio as the importers, the generator and the demo seed make it", async () => {
    // Portfolios as each writer makes them: every importer, into a named portfolio and the data set's own.
    for (const [sourceName, source] of PORTFOLIO_SOURCES) {
      await importNamed(sourceName, markedName(`m-named-${sourceName}`));
      if (source.defaultPortfolio)
        await runImport({
          pool,
          source,
          file: headerOnly(sourceName, source),
          portfolio: { ...source.defaultPortfolio, name: markedName(`m-own-${sourceName}`) },
        });
    }
    await writeSyntheticPortfolio({ pool, plan, portfolioName: synthetic });
    await pool.query(
      `INSERT INTO "Portfolio" (name, source, kind, "asOfDate", "updatedAt") VALUES ($1, $2, 'OPERATIONAL', $3::date, now())`,
      [markedName("demo"), DEMO_PORTFOLIO_SOURCE, AS_OF],
    );
    const kinds = async (client: pg.PoolClient) =>
      (
        await client.query<{ name: string; source: string; kind: string }>(
          `SELECT name, source, kind::text FROM "Portfolio" WHERE name = ANY($1) ORDER BY name`,
          [marked],
        )
      ).rows;

    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const written = await kinds(client);
      expect(written.length).toBe(marked.length);
      expect(written.map((r) => r.kind)).toEqual(expect.arrayContaining(["REFERENCE", "OPERATIONAL"]));
      // As before the migration: every portfolio has the column default; then the migration's rule.
      await client.query(`UPDATE "Portfolio" SET kind = 'OPERATIONAL' WHERE name = ANY($1)`, [marked]);
      await client.query(markingStatement());
      expect(await kinds(client)).toEqual(written);
    } finally {
      // The UPDATE touched every portfolio of the test database: none of it is kept.
      await client.query("ROLLBACK");
      client.release();
    }
  }, 60_000);
});
