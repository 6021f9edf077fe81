import type { ImportSource } from "../../server/src/modules/imports/import-source.js";
import { borrowersSource } from "../../server/src/modules/imports/sources/borrowers.source.js";
import { communicationsSource } from "../../server/src/modules/imports/sources/communications.source.js";
import { instalmentsSource } from "../../server/src/modules/imports/sources/instalments.source.js";
import { loansSource } from "../../server/src/modules/imports/sources/loans.source.js";
import { paymentsSource } from "../../server/src/modules/imports/sources/payments.source.js";
import { promisesSource } from "../../server/src/modules/imports/sources/promises.source.js";
import { rosterSource } from "../../server/src/modules/imports/sources/roster.source.js";
import { suppressionsSource } from "../../server/src/modules/imports/sources/suppressions.source.js";
import { creditRiskSource } from "./datasets/credit-risk.source.js";
import { uciCreditCardSource } from "./datasets/uci-credit-card.source.js";

/** Every importer the CLI offers, by the name used on the command line: a lender's files, then data sets. */
export const IMPORT_SOURCES: Record<string, ImportSource> = Object.fromEntries(
  [
    rosterSource,
    borrowersSource,
    loansSource,
    instalmentsSource,
    paymentsSource,
    communicationsSource,
    promisesSource,
    suppressionsSource,
    uciCreditCardSource,
    creditRiskSource,
  ].map((s) => [s.name, s]),
);

/** The real data sets in CREDITPATH_DATA_DIR and the importer for each. */
export const REAL_DATASETS = [
  { source: uciCreditCardSource, file: "uci-taiwan-credit-default/UCI_Credit_Card.csv" },
  { source: creditRiskSource, file: "kaggle-credit-risk-dataset/credit_risk_dataset.csv" },
] as const;
