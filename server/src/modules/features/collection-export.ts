import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { OVERDUE_FEATURES, overdueFeatures, PROMISE_FEATURES, promiseVector } from "./collection-features.js";
import {
  COLLECTION_SNAPSHOTS,
  PAY_OUTCOME,
  payOutcome,
  promiseMadeOn,
  promiseOutcome,
  snapshotDays,
} from "./collection-outcomes.js";
import { computeFeatures } from "./compute-features.js";
import { FEATURE_VERSION, FEATURES } from "./feature-catalogue.js";
import { csvCell, LABEL_COLUMN } from "./feature-export.js";
import type { GroundTruthRepository, LoanGroundTruth } from "./ground-truth.repository.js";
import type { LoanHistory } from "./loan-history.js";
import type { LoanHistoryRepository, PortfolioRef } from "./loan-history.repository.js";
import type { PromiseRule } from "./promise-status.js";

export const PROPENSITY_FILE = "propensity-to-pay.csv";
export const PROMISE_KEPT_FILE = "promise-kept.csv";
/** The generator's own probability of the row's outcome: for comparing models with it, never a feature. */
export const TRUTH_COLUMN = "true_probability";

const PROPENSITY_IDS = ["loan_id", "loan_key", "portfolio", "as_of_date"] as const;
const PROMISE_IDS = ["loan_id", "loan_key", "portfolio", "as_of_date", "promise_id"] as const;
const PROPENSITY_FEATURES = [...FEATURES, ...OVERDUE_FEATURES];
const PROMISE_KEPT_FEATURES = [...FEATURES, ...OVERDUE_FEATURES, ...PROMISE_FEATURES];

type Cell = string | number | null;

/** A csv written to a temporary name and renamed when complete, so training never reads half a file. */
class TableWriter {
  readonly file: string;
  rows = 0;
  private readonly out: WriteStream;
  private buffer = "";

  constructor(dir: string, name: string, header: readonly string[]) {
    this.file = path.join(dir, name);
    this.out = createWriteStream(`${this.file}.tmp`);
    this.buffer = `${header.join(",")}\n`;
  }

  add(cells: Cell[]): void {
    this.buffer += `${cells.map(csvCell).join(",")}\n`;
    this.rows++;
  }

  async flush(): Promise<void> {
    if (this.buffer && !this.out.write(this.buffer)) await once(this.out, "drain");
    this.buffer = "";
  }

  async close(): Promise<void> {
    await this.flush();
    this.out.end();
    await once(this.out, "finish");
    await rename(`${this.file}.tmp`, this.file);
  }
}

export interface CollectionExportSummary {
  propensity: { file: string; rows: number; withTruth: number };
  promiseKept: { file: string; rows: number; withTruth: number };
  loans: number;
}

function propensityRows(
  history: LoanHistory,
  rule: PromiseRule,
  truth: LoanGroundTruth | undefined,
): { day: string; cells: Cell[]; truth: number | null }[] {
  const rows: { day: string; cells: Cell[]; truth: number | null }[] = [];
  for (const day of snapshotDays(history.asOfDate)) {
    const label = payOutcome(history, day);
    if (label === null) continue;
    const f = { ...computeFeatures({ ...history, asOfDate: day }, rule), ...overdueFeatures(history, day) };
    const p = truth?.propensityToPay.get(day) ?? null;
    rows.push({ day, truth: p, cells: [...PROPENSITY_FEATURES.map((d) => f[d.name]), p, label ? 1 : 0] });
  }
  return rows;
}

function promiseRows(
  history: LoanHistory,
  rule: PromiseRule,
  truth: LoanGroundTruth | undefined,
): { day: string; promiseId: string; cells: Cell[]; truth: number | null }[] {
  const rows: { day: string; promiseId: string; cells: Cell[]; truth: number | null }[] = [];
  for (const promise of history.promises ?? []) {
    const label = promiseOutcome(history, promise, rule);
    if (label === null || !promise.key) continue;
    const day = promiseMadeOn(promise);
    // The loan as the agent saw it when the promise was logged, the promise itself still running.
    const f = promiseVector(history, promise, rule);
    const p = truth?.promiseKept.get(promise.key) ?? null;
    rows.push({
      day,
      promiseId: promise.key,
      truth: p,
      cells: [...PROMISE_KEPT_FEATURES.map((d) => f[d.name]), p, label ? 1 : 0],
    });
  }
  return rows;
}

/**
 * The collection scores' training tables: propensity to pay, one row per loan past due on each snapshot day
 * (COLLECTION_SNAPSHOTS) whose window is over; promise kept, one row per promise kept or broken by the as-of
 * date, with the loan's features on the day it was made. Only sources with payment records have either.
 */
export async function exportCollectionTables(
  repo: LoanHistoryRepository,
  truths: GroundTruthRepository,
  portfolios: PortfolioRef[],
  outDir: string,
  rule: PromiseRule,
  onProgress: (loans: number) => void = () => {},
): Promise<CollectionExportSummary> {
  await mkdir(outDir, { recursive: true });
  const header = (ids: readonly string[], features: readonly { name: string }[]) => [
    ...ids,
    ...features.map((f) => f.name),
    TRUTH_COLUMN,
    LABEL_COLUMN,
  ];
  const pay = new TableWriter(outDir, PROPENSITY_FILE, header(PROPENSITY_IDS, PROPENSITY_FEATURES));
  const kept = new TableWriter(outDir, PROMISE_KEPT_FILE, header(PROMISE_IDS, PROMISE_KEPT_FEATURES));
  const withTruth = { pay: 0, kept: 0 };
  let loans = 0;
  for (const portfolio of portfolios) {
    for await (const chunk of repo.stream(portfolio)) {
      const truthByLoan = await truths.forLoans(chunk.map((l) => l.loanId));
      for (const loan of chunk) {
        const ids = [loan.loanId, loan.externalKey, portfolio.name];
        const truth = truthByLoan.get(loan.loanId);
        for (const r of propensityRows(loan.history, rule, truth)) {
          pay.add([...ids, r.day, ...r.cells]);
          if (r.truth !== null) withTruth.pay++;
        }
        for (const r of promiseRows(loan.history, rule, truth)) {
          kept.add([...ids, r.day, r.promiseId, ...r.cells]);
          if (r.truth !== null) withTruth.kept++;
        }
      }
      await Promise.all([pay.flush(), kept.flush()]);
      loans += chunk.length;
      onProgress(loans);
    }
  }
  await Promise.all([pay.close(), kept.close()]);
  const schema = (
    description: string,
    idColumns: readonly string[],
    label: string,
    features: readonly unknown[],
  ) => ({
    description,
    idColumns,
    label: { name: LABEL_COLUMN, description: label },
    truth: {
      name: TRUTH_COLUMN,
      description:
        "The synthetic generator's own probability of the outcome (empty for imported data): not a feature",
    },
    featureVersion: FEATURE_VERSION,
    features,
    missingValue: "empty cell",
    promiseRule: rule,
    portfolios: portfolios.map((p) => ({ name: p.name, asOfDate: p.asOfDate })),
  });
  await writeJson(
    outDir,
    PROPENSITY_FILE,
    schema(
      `Propensity to pay: one row per loan past due on a snapshot day (${COLLECTION_SNAPSHOTS.count} days, ${COLLECTION_SNAPSHOTS.stepDays} apart, before the as-of date)`,
      PROPENSITY_IDS,
      `1 = paid at least ${PAY_OUTCOME.share * 100}% of the amount overdue on the day within ${PAY_OUTCOME.windowDays} days, 0 = did not`,
      PROPENSITY_FEATURES,
    ),
  );
  await writeJson(
    outDir,
    PROMISE_KEPT_FILE,
    schema(
      "Promise kept: one row per promise kept or broken by the as-of date, the loan's features on the day it was made",
      PROMISE_IDS,
      "1 = kept, 0 = broken (features/promise-status.ts)",
      PROMISE_KEPT_FEATURES,
    ),
  );
  return {
    propensity: { file: pay.file, rows: pay.rows, withTruth: withTruth.pay },
    promiseKept: { file: kept.file, rows: kept.rows, withTruth: withTruth.kept },
    loans,
  };
}

async function writeJson(dir: string, csvName: string, value: unknown): Promise<void> {
  const file = path.join(dir, csvName.replace(/\.csv$/, ".schema.json"));
  await writeFile(`${file}.tmp`, `${JSON.stringify(value, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
}
