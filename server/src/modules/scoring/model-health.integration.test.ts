import { randomUUID } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { gql, login, startTestApp, type TestApp } from "../../../test/test-app.js";
import type { RiskTier } from "../../generated/prisma/enums.js";
import { modelCardSchema } from "./model-card.js";
import { scoreReference } from "./model-health.card.js";
import { CARD_FILE, MODEL_FILE } from "./model-registry.js";

const HEALTH = `{ modelHealth {
  card { version algorithm dataSha256 dataRows testAuc testKs testBrier psiTrainVsTest
         tiers { tier minPd maxPd testShare testDefaultRate } }
  liveLoans
  scoreDrift { psi reading reason bins distribution { lower upper trainShare liveShare } }
  featureDrift { feature psi reason trainMissingShare liveMissingShare }
  featureDriftReason
  calibrationByBand { group loans withOutcome predictedRate observedRate }
  calibrationByTier { group loans withOutcome predictedRate observedRate }
  outcomeDefinition
} }`;

/** (live - reference) ln(live / reference), summed: the PSI, worked out here from shares counted by hand. */
const psiByHand = (pairs: [live: number, reference: number][]) =>
  pairs.reduce((s, [a, e]) => s + (a - e) * Math.log(a / e), 0);

describe("modelHealth", () => {
  let app: TestApp;
  let w: World;
  let dir: string;
  let card: Record<string, unknown>;
  let referenceId: string;
  const modelIds: string[] = [];
  const token: Record<string, string> = {};

  beforeAll(async () => {
    // The served model's ONNX file with a card of our own: a version nobody else scores with, known bins.
    const served = inject("servedModelDir");
    dir = mkdtempSync(path.join(os.tmpdir(), "creditpath-health-"));
    copyFileSync(path.join(served, MODEL_FILE), path.join(dir, MODEL_FILE));
    const real = JSON.parse(readFileSync(path.join(served, CARD_FILE), "utf8"));
    card = {
      ...real,
      scoreDistribution: {
        ...real.scoreDistribution,
        train: {
          ...real.scoreDistribution.train,
          psiBins: { innerEdges: [0.2, 0.5], shares: [0.5, 0.3, 0.2] },
        },
      },
      featureStatistics: [
        { name: "current_dpd", missingShare: 0.1, psiBins: { innerEdges: [0, 30], shares: [0.6, 0.3, 0.1] } },
        { name: "on_time_ratio", missingShare: 0, psiBins: { innerEdges: [0.5], shares: [0.5, 0.5] } },
        { name: "segment", missingShare: 1, note: "missing on every training row" },
      ],
    };
    const version = `health-${randomUUID()}`;
    card.version = version;
    writeFileSync(path.join(dir, CARD_FILE), JSON.stringify(card));
    app = await startTestApp(dir);
    const db = app.services.db;
    w = await createWorld(db);
    const mv = await db.modelVersion.create({ data: { version, algorithm: "lightgbm", card: {} } });
    const other = await db.modelVersion.create({
      data: { version: `other-${w.tag}`, algorithm: "x", card: {} },
    });
    modelIds.push(mv.id, other.id);
    const score = (
      loanId: string,
      modelVersionId: string,
      probability: number,
      tier: RiskTier,
      features: object,
      scoredAt = "2025-06-30T02:00:00Z",
    ) =>
      db.riskScore.create({
        data: {
          loanId,
          modelVersionId,
          probability,
          tier,
          bucket: "CURRENT",
          dpd: 0,
          asOfDate: new Date(scoredAt.slice(0, 10)),
          features,
          scoredAt: new Date(scoredAt),
        },
      });
    const loan = async (portfolioId: string, key: string, defaultLabel: boolean | null) => {
      const b = await db.borrower.create({ data: { portfolioId, externalKey: `B-${key}` } });
      return db.loan.create({
        data: {
          portfolioId,
          borrowerId: b.id,
          externalKey: `${key}-${w.tag}`,
          productType: "INSTALMENT",
          defaultLabel,
        },
      });
    };
    // Four operational loans scored by the served version (latest scores):
    //   0.12 MEDIUM no default | 0.25 MEDIUM default | 0.65 HIGH unknown | 0.93 CRITICAL default
    await db.loan.update({ where: { id: w.loanA1.id }, data: { defaultLabel: false } });
    await db.loan.update({ where: { id: w.loanA2.id }, data: { defaultLabel: true } });
    await db.loan.update({ where: { id: w.loanB.id }, data: { defaultLabel: null } });
    const l4 = await loan(w.portfolio.id, "L4", true);
    await score(w.loanA1.id, mv.id, 0.99, "CRITICAL", { current_dpd: 99 }, "2025-05-31T02:00:00Z"); // older
    await score(w.loanA1.id, mv.id, 0.12, "MEDIUM", { current_dpd: 0, on_time_ratio: 0.9 });
    await score(w.loanA2.id, mv.id, 0.25, "MEDIUM", { current_dpd: 10, on_time_ratio: 0.8 });
    await score(w.loanB.id, mv.id, 0.65, "HIGH", { current_dpd: 45, on_time_ratio: 0.7 });
    await score(l4.id, mv.id, 0.93, "CRITICAL", { current_dpd: null, on_time_ratio: 0.6 });
    // Not live: another model version's score, and a reference portfolio's loan.
    await score((await loan(w.portfolio.id, "L5", true)).id, other.id, 0.5, "HIGH", { current_dpd: 500 });
    const reference = await db.portfolio.create({
      data: { name: `R-${w.tag}`, source: "test", kind: "REFERENCE", asOfDate: new Date("2025-06-30") },
    });
    referenceId = reference.id;
    await score((await loan(reference.id, "LR", true)).id, mv.id, 0.01, "LOW", { current_dpd: 0 });
    for (const u of [w.agentA, w.supervisorA, w.manager]) token[u.id] = await login(app, u.email, PASSWORD);
  });

  afterAll(async () => {
    const db = app.services.db;
    await db.portfolio.delete({ where: { id: referenceId } });
    await destroyWorld(db, w);
    await db.modelVersion.deleteMany({ where: { id: { in: modelIds } } });
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const health = async (userId: string) => (await gql(app, HEALTH, {}, token[userId])).body;

  it("sums up the served model's card", async () => {
    const body = await health(w.supervisorA.id);
    expect(body.errors).toBeUndefined();
    const h = body.data?.modelHealth as { card: Record<string, unknown> };
    const dataset = card.dataset as { sha256: string; rows: number };
    const test = (card.metrics as { test: { auc: number; ks: number; brier: number } }).test;
    expect(h.card).toMatchObject({
      version: card.version,
      algorithm: "lightgbm",
      dataSha256: dataset.sha256,
      dataRows: dataset.rows,
      testAuc: test.auc,
      testKs: test.ks,
      testBrier: test.brier,
    });
    const tiers = h.card.tiers as { tier: string; minPd: number }[];
    expect(tiers.map((t) => t.tier)).toEqual(["LOW", "MEDIUM", "HIGH", "CRITICAL"]);
    expect(tiers[0]?.minPd).toBe(0);
  });

  it("compares the live scores with the training distribution (PSI)", async () => {
    const h = (await health(w.manager.id)).data?.modelHealth as {
      liveLoans: number;
      scoreDrift: { psi: number; reading: string; bins: string; distribution: unknown[] };
    };
    expect(h.liveLoans).toBe(4);
    // 0.12 | 0.25 | 0.65, 0.93 over the bins <= 0.2 | <= 0.5 | above: live 1/4, 1/4, 2/4 against 0.5, 0.3, 0.2.
    expect(h.scoreDrift.psi).toBeCloseTo(
      psiByHand([
        [0.25, 0.5],
        [0.25, 0.3],
        [0.5, 0.2],
      ]),
      10,
    );
    expect(h.scoreDrift.reading).toBe("SHIFTED");
    expect(h.scoreDrift.bins).toBe("scoreDistribution.train.psiBins");
    expect(h.scoreDrift.distribution).toEqual([
      { lower: null, upper: 0.2, trainShare: 0.5, liveShare: 0.25 },
      { lower: 0.2, upper: 0.5, trainShare: 0.3, liveShare: 0.25 },
      { lower: 0.5, upper: null, trainShare: 0.2, liveShare: 0.5 },
    ]);
  });

  it("ranks the features by drift, flooring empty bins, and says why one has no PSI", async () => {
    const h = (await health(w.manager.id)).data?.modelHealth as { featureDrift: { feature: string }[] };
    // on_time_ratio: 0.9, 0.8, 0.7, 0.6 all above 0.5: live 0/4 (floored at half a row: 0.125) and 4/4.
    // current_dpd: present 0 | 10 | 45 over <= 0 | <= 30 | above: 1/3 each; one of four missing.
    const third = 1 / 3;
    expect(h.featureDrift.slice(0, 3)).toEqual([
      {
        feature: "on_time_ratio",
        psi: expect.closeTo(
          psiByHand([
            [0.125, 0.5],
            [1, 0.5],
          ]),
          10,
        ),
        reason: null,
        trainMissingShare: 0,
        liveMissingShare: 0,
      },
      {
        feature: "current_dpd",
        psi: expect.closeTo(
          psiByHand([
            [third, 0.6],
            [third, 0.3],
            [third, 0.1],
          ]),
          10,
        ),
        reason: null,
        trainMissingShare: 0.1,
        liveMissingShare: 0.25,
      },
      expect.objectContaining({ psi: null }),
    ]);
    const segment = h.featureDrift.find((f) => f.feature === "segment");
    expect(segment).toMatchObject({
      psi: null,
      reason: "missing on every training row",
      trainMissingShare: 1,
    });
  });

  it("compares predicted and observed default rates where outcomes are known", async () => {
    const h = (await health(w.supervisorA.id)).data?.modelHealth as Record<string, unknown>;
    expect(h.calibrationByBand).toEqual([
      { group: "0.1-0.2", loans: 1, withOutcome: 1, predictedRate: 0.12, observedRate: 0 },
      { group: "0.2-0.3", loans: 1, withOutcome: 1, predictedRate: 0.25, observedRate: 1 },
      { group: "0.6-0.7", loans: 1, withOutcome: 0, predictedRate: null, observedRate: null },
      { group: "0.9-1.0", loans: 1, withOutcome: 1, predictedRate: 0.93, observedRate: 1 },
    ]);
    expect(h.calibrationByTier).toEqual([
      {
        group: "MEDIUM",
        loans: 2,
        withOutcome: 2,
        predictedRate: expect.closeTo((0.12 + 0.25) / 2, 12),
        observedRate: 0.5,
      },
      { group: "HIGH", loans: 1, withOutcome: 0, predictedRate: null, observedRate: null },
      { group: "CRITICAL", loans: 1, withOutcome: 1, predictedRate: 0.93, observedRate: 1 },
    ]);
    expect(h.outcomeDefinition).toContain("Loan.defaultLabel");
  });

  it("tolerates an older card without reference distributions: nulls with the reason", async () => {
    const { scoreDistribution: _s, featureStatistics: _f, ...older } = card;
    writeFileSync(path.join(dir, CARD_FILE), JSON.stringify(older));
    await app.services.models.load();
    try {
      const body = await health(w.manager.id);
      expect(body.errors).toBeUndefined();
      const h = body.data?.modelHealth as {
        scoreDrift: { psi: null; reason: string };
        featureDriftReason: string;
        featureDrift: unknown[];
        liveLoans: number;
      };
      expect(h.liveLoans).toBe(4);
      expect(h.scoreDrift.psi).toBeNull();
      expect(h.scoreDrift.reason).toMatch(/no training score distribution: retrain/);
      expect(h.featureDrift).toEqual([]);
      expect(h.featureDriftReason).toMatch(/no per-feature reference distributions/);
    } finally {
      writeFileSync(path.join(dir, CARD_FILE), JSON.stringify(card));
      await app.services.models.load();
    }
  });

  it("is for supervisors, managers and admins only", async () => {
    expect((await health(w.agentA.id)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("reads the decile bins the trainer now writes on the card", () => {
    const served = JSON.parse(readFileSync(path.join(inject("servedModelDir"), CARD_FILE), "utf8"));
    const ref = scoreReference(modelCardSchema.parse(served));
    expect(ref.value?.source).toBe("scoreDistribution.train.psiBins");
    expect(ref.value?.shares.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
  });
});
