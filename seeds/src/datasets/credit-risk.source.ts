import type {
  FieldSpec,
  ImportSource,
  ParsedRecord,
} from "../../../server/src/modules/imports/import-source.js";

const fields: FieldSpec[] = [
  {
    field: "age",
    header: "person_age",
    type: "int",
    required: true,
    min: 0,
    plausible: { min: 18, max: 100 },
  },
  { field: "income", header: "person_income", type: "money", required: true, min: 0 },
  {
    field: "homeOwnership",
    header: "person_home_ownership",
    type: "enum",
    required: true,
    allowed: ["RENT", "OWN", "MORTGAGE", "OTHER"],
  },
  {
    field: "employmentYears",
    header: "person_emp_length",
    type: "decimal",
    min: 0,
    // What NUMERIC(5,2) holds; the data set's two rows of 123 years are kept, with a warning.
    max: 999.99,
    plausible: { max: 60 },
  },
  {
    field: "intent",
    header: "loan_intent",
    type: "enum",
    required: true,
    allowed: ["PERSONAL", "EDUCATION", "MEDICAL", "VENTURE", "HOMEIMPROVEMENT", "DEBTCONSOLIDATION"],
  },
  {
    field: "grade",
    header: "loan_grade",
    type: "enum",
    required: true,
    allowed: ["A", "B", "C", "D", "E", "F", "G"],
  },
  { field: "amount", header: "loan_amnt", type: "money", required: true, min: 0 },
  { field: "rate", header: "loan_int_rate", type: "decimal", min: 0, max: 100 },
  { field: "status", header: "loan_status", type: "int", required: true, min: 0, max: 1 },
  { field: "percentIncome", header: "loan_percent_income", type: "decimal", min: 0 },
  { field: "priorDefault", header: "cb_person_default_on_file", type: "bool", required: true },
  { field: "historyYears", header: "cb_person_cred_hist_length", type: "int", min: 0 },
];

/**
 * Kaggle credit_risk_dataset.csv: one borrower and one instalment loan per row. It has no id column, so the
 * key is the row's position among the data rows: a re-import is idempotent, and the 165 exact duplicate rows
 * stay distinct records, as in the source.
 */
export const creditRiskSource: ImportSource = {
  name: "credit-risk",
  description: "Kaggle credit_risk_dataset.csv: instalment loans keyed by row position",
  fields,
  key: (_r, ctx) => String(ctx.rowNumber),
  // A public data set: kept for training and benchmarks, not cases anybody works.
  defaultKind: "REFERENCE",
  defaultPortfolio: {
    name: "Kaggle credit risk dataset",
    source: "kaggle-credit-risk-dataset",
    // The file carries no dates; a fixed nominal as-of date anchors the computations reproducibly.
    asOfDate: "2021-01-01",
    description: "Provenance undocumented (possibly simulated); see its SOURCE.md",
  },
  toEntities(r: ParsedRecord, ctx) {
    const key = String(ctx.rowNumber);
    return {
      borrower: [
        {
          externalKey: key,
          ageYears: r.age as number,
          annualIncome: r.income as string,
          homeOwnership: String(r.homeOwnership).toLowerCase(),
          employmentYears: r.employmentYears as string | null,
          attributes: { priorDefaultOnFile: r.priorDefault, creditHistoryYears: r.historyYears },
        },
      ],
      loan: [
        {
          externalKey: key,
          borrowerKey: key,
          productType: "INSTALMENT",
          principal: r.amount as string,
          interestRate: r.rate as string | null,
          grade: r.grade as string,
          purpose: String(r.intent).toLowerCase(),
          status: "ACTIVE",
          defaultLabel: r.status === 1,
          // A number in the JSON, as the file has it (the parsed decimal is a string).
          attributes: {
            loanPercentIncome: typeof r.percentIncome === "string" ? Number(r.percentIncome) : null,
          },
        },
      ],
    };
  },
};
