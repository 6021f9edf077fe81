import type { ImportSource } from "../../server/src/modules/imports/import-source.js";
import { creditRiskSource } from "./datasets/credit-risk.source.js";
import { uciCreditCardSource } from "./datasets/uci-credit-card.source.js";

/** Every importer the CLI offers, by the name used on the command line. */
export const IMPORT_SOURCES: Record<string, ImportSource> = Object.fromEntries(
  [uciCreditCardSource, creditRiskSource].map((s) => [s.name, s]),
);

/** The real data sets in CREDITPATH_DATA_DIR and the importer for each. */
export const REAL_DATASETS = [
  { source: uciCreditCardSource, file: "uci-taiwan-credit-default/UCI_Credit_Card.csv" },
  { source: creditRiskSource, file: "kaggle-credit-risk-dataset/credit_risk_dataset.csv" },
] as const;
