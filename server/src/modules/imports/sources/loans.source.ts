import type { FieldSpec, ImportSource, RecordIssue } from "../import-source.js";
import { BORROWER_FIELDS, borrowerIssues, borrowerRow, hasBorrowerValues } from "./borrower-fields.js";
import {
  LOAN_STATUS_SYNONYMS,
  LOAN_STATUSES,
  PRODUCT_TYPE_SYNONYMS,
  PRODUCT_TYPES,
} from "./code-synonyms.js";
import { emptyAs } from "./source-kit.js";

const money = (field: string, header: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  field,
  header,
  type: "money",
  min: 0,
  ...extra,
});

const LOAN_FIELDS: readonly FieldSpec[] = [
  { field: "loanKey", header: "loan_id", type: "text", required: true, description: "your key" },
  {
    field: "borrowerKey",
    header: "borrower_id",
    type: "text",
    required: true,
    description: "the borrower's key",
  },
  {
    field: "productType",
    header: "product_type",
    type: "enum",
    required: true,
    allowed: PRODUCT_TYPES,
    values: PRODUCT_TYPE_SYNONYMS,
    description: 'no column? set it in the mapping: "defaults": {"productType": "INSTALMENT"}',
  },
  money("principal", "principal"),
  money("creditLimit", "credit_limit"),
  {
    field: "interestRate",
    header: "interest_rate",
    type: "decimal",
    min: 0,
    max: 100,
    suffixes: ["%"],
    description: "annual, in percent",
  },
  {
    field: "termMonths",
    header: "term_months",
    type: "int",
    min: 1,
    max: 1200,
    suffixes: ["months", "month", "mos", "mo", "m"],
    description: '"36" or "36 months"',
  },
  money("instalmentAmount", "instalment_amount"),
  {
    field: "outstandingBalance",
    header: "outstanding_balance",
    type: "money",
    description: "negative: a credit",
  },
  { field: "currency", header: "currency", type: "text", description: "ISO 4217 code; empty: USD" },
  { field: "grade", header: "grade", type: "text" },
  { field: "purpose", header: "purpose", type: "text" },
  {
    field: "status",
    header: "status",
    type: "enum",
    allowed: LOAN_STATUSES,
    values: LOAN_STATUS_SYNONYMS,
    description: "empty: ACTIVE",
  },
  { field: "openedAt", header: "opened_at", type: "date" },
  { field: "closedAt", header: "closed_at", type: "date" },
  {
    field: "defaultLabel",
    header: "default_flag",
    type: "bool",
    description: "your own default outcome, kept as the training label; empty: unknown",
  },
];

/**
 * A loan book: one row per loan, naming its borrower by key. When the rows also carry borrower columns
 * (name, income...), each such row stages its borrower too, so one file can load both; without them the
 * borrower must have been imported before.
 */
export const loansSource: ImportSource = {
  name: "loans",
  description:
    "Loan book: one row per loan (loan_id, borrower_id, terms, balance, status), borrower columns optional",
  fields: [...LOAN_FIELDS, ...BORROWER_FIELDS],
  key: (r) => String(r.loanKey),
  keepsAttributes: true,
  check(r) {
    const issues: RecordIssue[] = [...borrowerIssues(r)];
    if (typeof r.currency === "string" && !/^[A-Za-z]{3}$/.test(r.currency))
      issues.push({
        field: "currency",
        message: `"${r.currency}" is not a three-letter ISO 4217 code (USD, EUR...)`,
      });
    if (typeof r.openedAt === "string" && typeof r.closedAt === "string" && r.closedAt < r.openedAt)
      issues.push({
        field: "closedAt",
        message: `closed on ${r.closedAt}, before it was opened on ${r.openedAt}`,
      });
    return issues;
  },
  toEntities(r, ctx) {
    return {
      borrower: hasBorrowerValues(r) ? [borrowerRow(r)] : [],
      loan: [
        {
          externalKey: r.loanKey,
          borrowerKey: r.borrowerKey,
          productType: r.productType,
          principal: r.principal,
          creditLimit: r.creditLimit,
          interestRate: r.interestRate,
          termMonths: r.termMonths,
          instalmentAmount: r.instalmentAmount,
          outstandingBalance: r.outstandingBalance,
          currency: emptyAs(typeof r.currency === "string" ? r.currency.toUpperCase() : r.currency, "USD"),
          grade: r.grade,
          purpose: r.purpose,
          status: emptyAs(r.status, "ACTIVE"),
          openedAt: r.openedAt,
          closedAt: r.closedAt,
          defaultLabel: r.defaultLabel,
          attributes: ctx.attributes,
        },
      ],
    };
  },
};
