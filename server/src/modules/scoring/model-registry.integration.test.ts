import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { runMl } from "../../../../scripts/lib/ml.js";
import { COLLECTION_SCORES, CollectionScorer } from "./collection-scoring.js";
import { explainerFromCard } from "./explain/card-explainer.js";
import { CARD_FILE, MODEL_FILE, ModelRegistry } from "./model-registry.js";

interface ParityFixture {
  modelVersion: string;
  features: string[];
  rows: (number | null)[][];
  probabilities: number[];
}

// A real model, trained by ml/ in its quick mode on the UCI data set, shared by the tests below.
let modelDir: string;
let fixture: ParityFixture;
const tempDirs: string[] = [];

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

beforeAll(async () => {
  modelDir = tempDir("creditpath-model-");
  await runMl("train", ["--quick", "--no-mlflow", "--algorithms", "lightgbm", "--out", modelDir], "pipe");
  fixture = JSON.parse(readFileSync(path.join(modelDir, "parity-fixture.json"), "utf8"));
}, 180_000);

function copyModel(): string {
  const dir = tempDir("creditpath-model-copy-");
  for (const f of [MODEL_FILE, CARD_FILE]) copyFileSync(path.join(modelDir, f), path.join(dir, f));
  return dir;
}

describe("the exported ONNX model in onnxruntime-node", () => {
  it("gives the probabilities the Python LightGBM model gave, within 1e-5", async () => {
    const registry = new ModelRegistry(modelDir);
    const status = await registry.load();
    expect(status).toMatchObject({ state: "loaded", version: fixture.modelVersion });
    expect(registry.card()?.input.features.map((f) => f.name)).toEqual(fixture.features);
    expect(fixture.rows.length).toBeGreaterThanOrEqual(100);
    expect(fixture.rows.some((r) => r.includes(null))).toBe(true);

    const rows = fixture.rows.map((r) => r.map((v) => (v === null ? Number.NaN : v)));
    const scores = await registry.predict(rows);
    const worst = Math.max(...fixture.probabilities.map((p, i) => Math.abs(p - (scores[i] as number))));
    expect(worst).toBeLessThan(1e-5);
    // Guard against a degenerate model that would pass parity trivially.
    expect(new Set(fixture.probabilities.map((p) => p.toFixed(3))).size).toBeGreaterThan(20);
  });

  it("rejects a row of the wrong width with a message giving both widths", async () => {
    const registry = new ModelRegistry(modelDir);
    await registry.load();
    await expect(registry.predict([[1, 2, 3]])).rejects.toThrow(
      `Row 0 has 3 features; the model expects ${fixture.features.length}`,
    );
  });
});

describe("model loading failures", () => {
  it("reports a missing model and refuses to score with a clear error", async () => {
    const dir = tempDir("empty-model-");
    const registry = new ModelRegistry(dir);
    const status = await registry.load();
    expect(status.state).toBe("missing");
    const refusal = await registry.predict([[0]]).catch((err: Error) => err);
    expect((refusal as Error).message).toMatch(
      /Scoring is unavailable: no model is loaded \(missing\).*\/health\/details.*npm run ml:train/,
    );
    // The folder is for administrators (the registry's status), not for whoever called.
    expect((refusal as Error).message).not.toContain(dir);
  });

  it("reports a corrupt model file as an error naming the file, without throwing", async () => {
    const dir = copyModel();
    writeFileSync(path.join(dir, MODEL_FILE), "this is not an onnx model");
    const status = await new ModelRegistry(dir).load();
    expect(status.state).toBe("error");
    expect("error" in status && status.error).toMatch(/model\.onnx could not be loaded by onnxruntime/);
  });

  it("reports a card that is not valid JSON or misses fields", async () => {
    const dir = copyModel();
    writeFileSync(path.join(dir, CARD_FILE), "{ not json");
    expect(await new ModelRegistry(dir).load()).toMatchObject({
      state: "error",
      error: expect.stringMatching(/not valid JSON/),
    });
    writeFileSync(path.join(dir, CARD_FILE), JSON.stringify({ version: "x" }));
    expect(await new ModelRegistry(dir).load()).toMatchObject({
      state: "error",
      error: expect.stringMatching(/not a valid model card: .*input/),
    });
  });

  it("keeps serving the previous model when a reload finds a corrupt file", async () => {
    const dir = copyModel();
    const registry = new ModelRegistry(dir);
    await registry.load();
    writeFileSync(path.join(dir, MODEL_FILE), "garbage");
    await expect(registry.load()).rejects.toThrow(/could not be loaded/);
    expect(registry.status()).toMatchObject({
      state: "loaded",
      reloadError: expect.stringMatching(/could not be loaded/),
    });
    const rows = fixture.rows.slice(0, 3).map((r) => r.map((v) => (v === null ? Number.NaN : v)));
    expect((await registry.predict(rows)).length).toBe(3);
  });
});

describe("hot swap", () => {
  it("serves every request while new model versions are loaded underneath", async () => {
    const dir = copyModel();
    const registry = new ModelRegistry(dir);
    await registry.load();
    const rows = fixture.rows.slice(0, 20).map((r) => r.map((v) => (v === null ? Number.NaN : v)));
    const results: Promise<Float64Array>[] = [];
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 50; i++) results.push(registry.predict(rows));
      // A "new version": the same files published again; load() swaps sessions while runs are in flight.
      copyFileSync(path.join(modelDir, MODEL_FILE), path.join(dir, MODEL_FILE));
      await registry.load();
    }
    const settled = await Promise.allSettled(results);
    expect(settled.filter((r) => r.status === "rejected")).toEqual([]);
    const expected = fixture.probabilities.slice(0, 20);
    for (const r of settled) {
      if (r.status === "fulfilled")
        expect(Math.max(...expected.map((p, i) => Math.abs(p - (r.value[i] as number))))).toBeLessThan(1e-5);
    }
  });

  it("gives each of many single loans scored at the same moment its own probability, across a swap", async () => {
    const dir = copyModel();
    const registry = new ModelRegistry(dir);
    await registry.load();
    const rows = fixture.rows.map((r) => r.map((v) => (v === null ? Number.NaN : v)));
    const first = rows.map((row) => registry.predict([row]));
    // Checked from now on: the rejection must not go unhandled while the model reloads.
    const wrong = expect(registry.predict([[1, 2, 3]])).rejects.toThrow(/has 3 features/);
    copyFileSync(path.join(modelDir, MODEL_FILE), path.join(dir, MODEL_FILE));
    await registry.load();
    const second = rows.map((row) => registry.predict([row]));
    await wrong;
    for (const batch of [first, second]) {
      const got = await Promise.all(batch);
      const worst = Math.max(
        ...got.map((p, i) => Math.abs((p[0] as number) - (fixture.probabilities[i] as number))),
      );
      expect(got.every((p) => p.length === 1)).toBe(true);
      expect(worst).toBeLessThan(1e-5);
    }
  });

  it("picks up a changed model file by itself when watching", async () => {
    const dir = copyModel();
    const registry = new ModelRegistry(dir);
    await registry.load();
    let watching: Promise<void> = Promise.resolve();
    const reloaded = new Promise<string>((resolve) => {
      watching = registry.watch(50, (status) => resolve(status.state));
    });
    // A change made once the watcher has taken the files' state is one it must see.
    await watching;
    const card = JSON.parse(readFileSync(path.join(dir, CARD_FILE), "utf8"));
    writeFileSync(path.join(dir, CARD_FILE), JSON.stringify({ ...card, version: "hot-swapped" }));
    expect(await reloaded).toBe("loaded");
    expect(registry.status()).toMatchObject({ state: "loaded", version: "hot-swapped" });
    registry.stopWatching();
  });
});

interface ReasonFixture {
  algorithm: string;
  source: string;
  tolerance: number;
  rows: (number | null)[][];
  contributions: number[][];
}

/** The largest gap between the server's reason-code contributions and the fixture's, expected value included. */
async function worstGap(dir: string): Promise<{ worst: number; reference: ReasonFixture; method?: string }> {
  const registry = new ModelRegistry(dir);
  await registry.load();
  const card = registry.card();
  const reference = JSON.parse(
    readFileSync(path.join(dir, "reason-codes-fixture.json"), "utf8"),
  ) as ReasonFixture;
  expect(reference.rows.length).toBeGreaterThanOrEqual(20);
  expect(reference.algorithm).toBe(card?.algorithm);
  const explain = explainerFromCard(
    card?.explanation as NonNullable<typeof card>["explanation"] & object,
    card?.input.features.length ?? 0,
  );
  let worst = 0;
  reference.rows.forEach((row, r) => {
    const { contributions, expected } = explain(row.map((v) => (v === null ? Number.NaN : v)));
    const theirs = reference.contributions[r] as number[];
    contributions.forEach((c, i) => {
      worst = Math.max(worst, Math.abs(c - (theirs[i] as number)));
    });
    worst = Math.max(worst, Math.abs(expected - (theirs.at(-1) as number)));
  });
  return { worst, reference, method: card?.explanation?.method };
}

// Every algorithm the trainer can publish, trained by ml/ on the UCI data set, its reason codes computed by
// the server and compared with the training library's own contributions, row by row and feature by feature.
// XGBoost computes its own in float32 (hence its 1e-5). scikit-learn's forest has no native TreeSHAP, and
// CatBoost's ShapValues weigh its oblivious trees' branches by its own leaf weights, not by the training rows
// the card's covers count, so ml/'s TreeSHAP over the same trees is the reference for those two.
describe("reason codes", () => {
  it("match LightGBM's own contributions (pred_contrib) within 1e-6", async () => {
    const { worst, reference, method } = await worstGap(modelDir);
    expect(method).toBe("treeshap");
    expect(reference.source).toMatch(/pred_contrib=True/);
    expect(worst).toBeLessThan(1e-6);
  });

  it.each([
    ["xgboost", "treeshap", /XGBoost pred_contribs/, 1e-5],
    ["logistic_regression", "linear", /scikit-learn pipeline/, 1e-9],
    ["random_forest", "treeshap", /treeshap/, 1e-9],
    ["catboost", "treeshap", /treeshap/, 1e-9],
  ] as const)(
    "match %s's own contributions",
    async (algorithm, explainer, source, tolerance) => {
      const dir = tempDir(`creditpath-model-${algorithm}-`);
      await runMl("train", ["--quick", "--no-mlflow", "--algorithms", algorithm, "--out", dir], "pipe");
      const { worst, reference, method } = await worstGap(dir);
      expect(method).toBe(explainer);
      expect(reference.source).toMatch(source);
      expect(reference.tolerance).toBe(tolerance);
      expect(worst).toBeLessThan(tolerance);
    },
    180_000,
  );
});

// The collection scores' models, trained by ml/ (`--score`) on the test run's synthetic portfolio: the same
// checks in Node as the served model gets, through the server's own scorer.
describe("the collection scores' models", () => {
  it.each(COLLECTION_SCORES.map((s) => [s.kind, s.folder] as const))(
    "%s: onnxruntime-node gives the Python model's probabilities, and the reasons its contributions",
    async (kind, folder) => {
      const dir = path.join(inject("collectionModelsDir"), folder);
      const scorer = new CollectionScorer(kind, inject("collectionModelsDir"));
      expect(await scorer.models.load()).toMatchObject({ state: "loaded" });
      const parity = JSON.parse(readFileSync(path.join(dir, "parity-fixture.json"), "utf8")) as ParityFixture;
      expect(parity.features).toContain("overdue_amount");
      const vectors = parity.rows.map((row) =>
        Object.fromEntries(parity.features.map((name, i) => [name, row[i] ?? null])),
      );
      const scores = await scorer.score(vectors, "predict");
      const worst = Math.max(
        ...parity.probabilities.map((p, i) => Math.abs(p - (scores[i]?.probability ?? -1))),
      );
      expect(worst).toBeLessThan(1e-5);
      // Reasons come with each score, at most four, named by the collection catalogue's features.
      expect(scores.filter((s) => s.reasons.length > 0).length).toBeGreaterThan(scores.length / 2);
      expect(
        scores.every(
          (s) => s.reasons.length <= 4 && s.reasons.every((r) => parity.features.includes(r.feature)),
        ),
      ).toBe(true);
      const { worst: reasonGap, method } = await worstGap(dir);
      expect(method).toBe("treeshap");
      expect(reasonGap).toBeLessThan(1e-6);
    },
  );
});
