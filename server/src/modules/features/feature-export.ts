import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { computeFeatures } from "./compute-features.js";
import { FEATURE_VERSION, FEATURES } from "./feature-catalogue.js";
import type { LoanHistoryRepository, PortfolioRef } from "./loan-history.repository.js";
import type { PromiseRule } from "./promise-status.js";

export const EXPORT_FILE = "features.csv";
export const SCHEMA_FILE = "features.schema.json";
export const ID_COLUMNS = ["loan_id", "loan_key", "portfolio", "as_of_date"] as const;
export const LABEL_COLUMN = "label";

export interface ExportSummary {
  file: string;
  schemaFile: string;
  rows: number;
  labelled: number;
  portfolios: { name: string; asOfDate: string; rows: number }[];
}

export function csvCell(v: string | number | null): string {
  if (v === null) return "";
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The training table for ml/: one row per loan and as-of date (its portfolio's), the features in model order
 * (empty = missing), and the label where the outcome is known. Written to temporary names and renamed, so a
 * crash never leaves a half file for training to read.
 */
export async function exportFeatures(
  repo: LoanHistoryRepository,
  portfolios: PortfolioRef[],
  outDir: string,
  rule: PromiseRule,
  onProgress: (rows: number) => void = () => {},
): Promise<ExportSummary> {
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, EXPORT_FILE);
  const schemaFile = path.join(outDir, SCHEMA_FILE);
  const tmp = `${file}.tmp`;
  const out = createWriteStream(tmp);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, "drain");
  };
  await write(`${[...ID_COLUMNS, ...FEATURES.map((f) => f.name), LABEL_COLUMN].join(",")}\n`);
  const summary: ExportSummary = { file, schemaFile, rows: 0, labelled: 0, portfolios: [] };
  for (const p of portfolios) {
    let rows = 0;
    for await (const chunk of repo.stream(p)) {
      let text = "";
      for (const loan of chunk) {
        const f = computeFeatures(loan.history, rule);
        const label = loan.label === null ? null : loan.label ? 1 : 0;
        if (label !== null) summary.labelled++;
        text += `${[loan.loanId, loan.externalKey, p.name, p.asOfDate, ...FEATURES.map((d) => f[d.name]), label].map(csvCell).join(",")}\n`;
      }
      await write(text);
      rows += chunk.length;
      summary.rows += chunk.length;
      onProgress(summary.rows);
    }
    summary.portfolios.push({ name: p.name, asOfDate: p.asOfDate, rows });
  }
  out.end();
  await once(out, "finish");
  await rename(tmp, file);
  const schema = {
    description: "CreditPathAI feature export: one row per loan and as-of date",
    idColumns: ID_COLUMNS,
    label: {
      name: LABEL_COLUMN,
      description: "1 = defaulted (source flag or synthetic ground truth), 0 = not, empty = unknown",
    },
    featureVersion: FEATURE_VERSION,
    features: FEATURES,
    missingValue: "empty cell",
    promiseRule: rule,
    portfolios: summary.portfolios,
    rows: summary.rows,
  };
  await writeFile(`${schemaFile}.tmp`, `${JSON.stringify(schema, null, 2)}\n`);
  await rename(`${schemaFile}.tmp`, schemaFile);
  return summary;
}
