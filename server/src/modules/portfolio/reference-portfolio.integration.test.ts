import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { uciCreditCardSource } from "../../../../seeds/src/datasets/uci-credit-card.source.js";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { gql, login, startTestApp, type TestApp } from "../../../test/test-app.js";
import { AuditService } from "../../core/audit/audit.service.js";
import { repoRoot } from "../../core/config/repo-paths.js";
import type { PortfolioKind } from "../../generated/prisma/enums.js";
import { exportFeatures } from "../features/feature-export.js";
import { LoanHistoryRepository, type PortfolioRef } from "../features/loan-history.repository.js";
import { DEFAULT_PROMISE_RULE } from "../features/promise-status.js";
import { runImport } from "../imports/run-import.js";
import { DEFAULT_POLICY } from "../recommendations/policy.js";
import { ModelRegistry } from "../scoring/model-registry.js";
import { type RescoreDeps, rescorePortfolio } from "../scoring/rescore-portfolio.js";
import { ScoringService } from "../scoring/scoring.service.js";

// The first 300 clients of the real UCI data set: the kind of data a reference portfolio holds.
const UCI_ROWS = 300;
const UCI_FILE = path.join(
  repoRoot,
  "..",
  "shared",
  "data",
  "uci-taiwan-credit-default",
  "UCI_Credit_Card.csv",
);

const LOANS = "query { loans(first: 200) { total: totalCount items: nodes { id portfolio { name kind } } } }";
const LOAN = "query Loan($id: ID!) { loan(id: $id) { id portfolio { name kind } } }";
const MY_WORKLIST = "{ myWorklist { totalCount edges { node { loan { id } } } } }";

describe("reference portfolios: scored and exported, never worked", () => {
  let app: TestApp;
  let w: World;
  let dir: string;
  let file: string;
  let admin: { id: string; email: string };
  const tag = randomUUID().slice(0, 8);
  const names: string[] = [];

  /** The UCI excerpt imported as the importer does by default, or with the kind given (`--kind`). */
  async function importUci(label: string, kind?: PortfolioKind): Promise<PortfolioRef> {
    const name = `kinds-${label}-${tag}`;
    names.push(name);
    const defaults = uciCreditCardSource.defaultPortfolio as NonNullable<
      typeof uciCreditCardSource.defaultPortfolio
    >;
    const s = await runImport({
      pool: app.services.pool,
      source: uciCreditCardSource,
      file,
      portfolio: { ...defaults, name },
      kind,
    });
    expect(s).toMatchObject({ status: "SUCCEEDED", rowsImported: UCI_ROWS });
    return (await new LoanHistoryRepository(app.services.pool).portfolio(name)) as PortfolioRef;
  }

  let reference: PortfolioRef;
  let referenceLoanId: string;

  beforeAll(async () => {
    app = await startTestApp();
    w = await createWorld(app.services.db);
    admin = await app.services.db.user.create({
      data: {
        email: `admin-${w.tag}@test.local`,
        displayName: "admin",
        role: "ADMIN",
        passwordHash: (await app.services.db.user.findUniqueOrThrow({ where: { id: w.manager.id } }))
          .passwordHash,
      },
    });
    dir = mkdtempSync(path.join(os.tmpdir(), "kinds-test-"));
    file = path.join(dir, "uci-excerpt.csv");
    const lines = readFileSync(UCI_FILE, "utf8").split("\n");
    writeFileSync(file, `${lines.slice(0, UCI_ROWS + 1).join("\n")}\n`);
    reference = await importUci("reference");
    // The loan most days past due of the whole database, and an agent's task on it (as rescoring made
    // them before kinds existed): without the kind filter it would head every list and worklist.
    const loan = await app.services.db.loan.findFirstOrThrow({ where: { portfolioId: reference.id } });
    referenceLoanId = loan.id;
    await app.services.db.loan.update({ where: { id: loan.id }, data: { currentDpd: 100_000 } });
    await app.services.db.task.create({
      data: {
        loanId: loan.id,
        assigneeId: w.agentA.id,
        teamId: w.teamA.id,
        actionType: "CALL",
        priority: 0,
        dueAt: new Date("2025-01-01T09:00:00Z"),
      },
    });
  });
  afterAll(async () => {
    const db = app.services.db;
    await db.importRun.deleteMany({ where: { portfolio: { name: { in: names } } } });
    await db.portfolio.deleteMany({ where: { name: { in: names } } });
    await db.auditLog.deleteMany({ where: { actorUserId: admin.id } });
    await db.user.delete({ where: { id: admin.id } });
    await destroyWorld(db, w);
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("imports a public data set as a reference portfolio by default", () => {
    expect(reference.kind).toBe("REFERENCE");
  });

  it("lists no reference loan to a manager or an admin, though they see every operational one", async () => {
    const db = app.services.db;
    const top = await db.loan.findFirstOrThrow({ orderBy: [{ currentDpd: "desc" }], select: { id: true } });
    expect(top.id).toBe(referenceLoanId);
    const operational = await db.loan.count({ where: { portfolio: { kind: "OPERATIONAL" } } });
    for (const email of [w.manager.email, admin.email]) {
      const res = await gql(app, LOANS, {}, await login(app, email, PASSWORD));
      const page = res.body.data?.loans as { total: number; items: { portfolio: { kind: string } }[] };
      expect(res.body.errors).toBeUndefined();
      expect(page.total).toBe(operational);
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.filter((l) => l.portfolio.kind !== "OPERATIONAL")).toEqual([]);
    }
  });

  it("keeps a reference loan out of an agent's loans and worklist, though the agent holds a task on it", async () => {
    const token = await login(app, w.agentA.email, PASSWORD);
    const loans = (await gql(app, LOANS, {}, token)).body.data?.loans as { items: { id: string }[] };
    expect(loans.items.map((l) => l.id).sort()).toEqual([w.loanA1.id, w.loanA2.id].sort());
    const worklist = (await gql(app, MY_WORKLIST, {}, token)).body.data?.myWorklist as {
      totalCount: number;
      edges: { node: { loan: { id: string } } }[];
    };
    expect(worklist.edges.map((e) => e.node.loan.id).sort()).toEqual([w.loanA1.id, w.loanA2.id].sort());
    expect(worklist.totalCount).toBe(2);
  });

  it("still shows a reference loan fetched by id to a manager, with its portfolio's kind", async () => {
    const res = await gql(app, LOAN, { id: referenceLoanId }, await login(app, w.manager.email, PASSWORD));
    expect(res.body.data?.loan).toEqual({
      id: referenceLoanId,
      portfolio: { name: reference.name, kind: "REFERENCE" },
    });
  });

  it("rescoring a reference portfolio writes scores but no task; the same loans as an operational one get tasks", async () => {
    const pool = app.services.pool;
    const models = new ModelRegistry(inject("servedModelDir"));
    await models.load();
    const deps: RescoreDeps = {
      pool,
      histories: new LoanHistoryRepository(pool),
      scoring: new ScoringService(models),
      card: models.card() as NonNullable<ReturnType<typeof models.card>>,
      policy: DEFAULT_POLICY,
      promiseRule: DEFAULT_PROMISE_RULE,
      audit: new AuditService(pool),
    };
    const tasksOf = (p: PortfolioRef) =>
      app.services.db.task.count({ where: { loan: { portfolioId: p.id } } });
    const tasksBefore = await tasksOf(reference);
    const now = new Date("2026-11-02T10:00:00Z");

    const ref = await rescorePortfolio(deps, reference, now);
    expect(ref.loans).toBe(UCI_ROWS);
    expect(ref.scoresWritten).toBe(UCI_ROWS);
    expect(ref).toMatchObject({ tasksCreated: 0, tasksUpdated: 0, tasksCancelled: 0, unassigned: 0 });
    expect(await tasksOf(reference)).toBe(tasksBefore);

    const control = await importUci("operational", "OPERATIONAL");
    expect(control.kind).toBe("OPERATIONAL");
    const op = await rescorePortfolio(deps, control, now);
    expect(op.scoresWritten).toBe(UCI_ROWS);
    expect(op.tasksCreated).toBeGreaterThan(0);
    expect(await tasksOf(control)).toBe(op.tasksCreated);
  }, 120_000);

  it("still exports a reference portfolio's loans for training", async () => {
    const repo = new LoanHistoryRepository(app.services.pool);
    const all = await repo.portfolios();
    const listed = all.find((p) => p.id === reference.id);
    expect(listed?.kind).toBe("REFERENCE");
    const summary = await exportFeatures(
      repo,
      all.filter((p) => p.id === reference.id),
      path.join(dir, "export"),
      DEFAULT_PROMISE_RULE,
    );
    const ours = summary.portfolios.find((p) => p.name === reference.name);
    expect(ours?.rows).toBe(UCI_ROWS);
    const csv = readFileSync(summary.file, "utf8");
    expect(csv).toContain(referenceLoanId);
  });
});
