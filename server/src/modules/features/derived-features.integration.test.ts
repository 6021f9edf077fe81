import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  kaggleStyleDerived,
  kaggleStyleHistory,
  uciStyleDerived,
  uciStyleHistory,
} from "../../../test/feature-histories.js";
import { createPgPool } from "../../core/db/pg-pool.js";
import { createPrismaClient, type Db } from "../../core/db/prisma-client.js";
import { computeFeatures } from "./compute-features.js";
import { FEATURE_NAMES, FEATURE_VERSION } from "./feature-catalogue.js";
import { EXPORT_FILE, exportFeatures, SCHEMA_FILE } from "./feature-export.js";
import type { LoanHistory } from "./loan-history.js";
import { LoanHistoryRepository } from "./loan-history.repository.js";
import { DEFAULT_PROMISE_RULE } from "./promise-status.js";

const day = (d: string) => new Date(`${d}T00:00:00Z`);

/** Stores a history as the importers store it: bureau facts among the borrower's source attributes. */
async function store(db: Db, name: string, h: LoanHistory): Promise<string> {
  const p = await db.portfolio.create({ data: { name, source: "test", asOfDate: day(h.asOfDate) } });
  const b = await db.borrower.create({
    data: {
      portfolioId: p.id,
      externalKey: "B",
      ageYears: h.borrower.ageYears ?? null,
      annualIncome: h.borrower.annualIncome === undefined ? null : String(h.borrower.annualIncome),
      employmentYears: h.borrower.employmentYears === undefined ? null : String(h.borrower.employmentYears),
      homeOwnership: h.borrower.homeOwnership ?? null,
      attributes:
        h.borrower.priorDefault === undefined
          ? {}
          : {
              priorDefaultOnFile: h.borrower.priorDefault,
              creditHistoryYears: h.borrower.creditHistoryYears,
            },
    },
  });
  const loan = await db.loan.create({
    data: {
      portfolioId: p.id,
      borrowerId: b.id,
      externalKey: "L",
      productType: h.loan.productType,
      principal: h.loan.principal === undefined ? null : String(h.loan.principal),
      creditLimit: h.loan.creditLimit === undefined ? null : String(h.loan.creditLimit),
      interestRate: h.loan.interestRate === undefined ? null : String(h.loan.interestRate),
      grade: h.loan.grade ?? null,
      purpose: h.loan.purpose ?? null,
      defaultLabel: false,
    },
  });
  await db.instalment.createMany({
    data: h.schedule.map((s) => ({
      loanId: loan.id,
      sequence: s.sequence,
      kind: s.kind ?? "INSTALMENT",
      dueDate: day(s.dueDate),
      amountDue: String(s.amountDue),
      statementBalance: s.statementBalance === undefined ? null : String(s.statementBalance),
      ...(s.amountPaid === undefined || s.amountPaid === null ? {} : { amountPaid: String(s.amountPaid) }),
      delayStatus: s.delayStatus ?? null,
    })),
  });
  return p.id;
}

describe("derived features of the public data sets' loans", () => {
  let db: Db;
  let pool: pg.Pool;
  let dir: string;
  const tag = `derived-${Date.now()}`;
  const portfolios: string[] = [];

  beforeAll(async () => {
    db = createPrismaClient(inject("databaseUrl"));
    pool = createPgPool(inject("databaseUrl"));
    dir = mkdtempSync(path.join(os.tmpdir(), "derived-"));
    portfolios.push(await store(db, `${tag}-uci`, uciStyleHistory));
    portfolios.push(await store(db, `${tag}-kaggle`, kaggleStyleHistory));
  });
  afterAll(async () => {
    await db.portfolio.deleteMany({ where: { id: { in: portfolios } } });
    await db.$disconnect();
    await pool.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it("exports for stored loans the vectors computed from the same histories in memory, with the hand-worked values", async () => {
    const repo = new LoanHistoryRepository(pool);
    const refs = (await repo.portfolios()).filter((p) => p.name.startsWith(tag));
    await exportFeatures(repo, refs, dir, DEFAULT_PROMISE_RULE);
    const rows = parse(readFileSync(path.join(dir, EXPORT_FILE)), { columns: true }) as Record<
      string,
      string
    >[];
    const exported = (suffix: string) => {
      const row = rows.find((r) => r.portfolio === `${tag}-${suffix}`) as Record<string, string>;
      return Object.fromEntries(FEATURE_NAMES.map((n) => [n, row[n] === "" ? null : Number(row[n])]));
    };
    for (const [suffix, history, derived] of [
      ["uci", uciStyleHistory, uciStyleDerived],
      ["kaggle", kaggleStyleHistory, kaggleStyleDerived],
    ] as const) {
      const inMemory = computeFeatures(history);
      expect(exported(suffix), suffix).toEqual(inMemory);
      for (const [name, value] of Object.entries(derived)) {
        if (value === null) expect(inMemory[name as keyof typeof inMemory], `${suffix} ${name}`).toBeNull();
        else expect(inMemory[name as keyof typeof inMemory], `${suffix} ${name}`).toBeCloseTo(value, 10);
      }
    }
    const schema = JSON.parse(readFileSync(path.join(dir, SCHEMA_FILE), "utf8"));
    expect(schema.featureVersion).toBe(FEATURE_VERSION);
  });

  it("reads a bureau fact of another JSON type as unknown, not as a value", async () => {
    const [, kaggle] = portfolios;
    await db.borrower.updateMany({
      where: { portfolioId: kaggle },
      data: { attributes: { priorDefaultOnFile: "Y", creditHistoryYears: "four" } },
    });
    const repo = new LoanHistoryRepository(pool);
    const ref = await repo.portfolio(`${tag}-kaggle`);
    const histories: LoanHistory[] = [];
    for await (const chunk of repo.stream(ref as NonNullable<typeof ref>))
      histories.push(...chunk.map((l) => l.history));
    expect(histories).toHaveLength(1);
    expect(computeFeatures(histories[0] as LoanHistory)).toMatchObject({
      prior_default: null,
      credit_history_years: null,
      home_ownership: 2,
    });
  });
});
