import type { LoanHistory } from "../src/modules/features/loan-history.js";

// Loans shaped like the two public data sets' rows, each with the derived features a person can work out
// by hand from it: the export (a stored loan), /predict (a posted history) and rescoring must all give them.

const uciMonths = [
  // due date, bill, paid during that month, UCI repayment status
  ["2005-04-30", 0, 0, -2],
  ["2005-05-31", 10000, 0, -1],
  ["2005-06-30", 20000, 10000, 0],
  ["2005-07-31", 30000, 2000, 0],
  ["2005-08-31", 31000, 0, 1],
  ["2005-09-30", 40000, 3100, 2],
] as const;

/** A UCI row: a revolving account, six statements with the source's status and amount paid, no payments. */
export const uciStyleHistory: LoanHistory = {
  asOfDate: "2005-10-01",
  loan: { productType: "REVOLVING", creditLimit: "50000" },
  borrower: { ageYears: 33 },
  schedule: uciMonths.map(([dueDate, bill, paid, status], i) => ({
    sequence: i + 1,
    kind: "STATEMENT",
    dueDate,
    amountDue: String(bill),
    statementBalance: String(bill),
    amountPaid: String(paid),
    delayStatus: status,
  })),
  payments: [],
};

export const uciStyleDerived = {
  no_use_cycles_6: 1,
  paid_in_full_cycles_6: 1,
  revolving_cycles_6: 2,
  // September's 3,100 over August's 31,000
  payment_to_balance_last: 0.1,
  // June 10,000/10,000, July 2,000/20,000, August 0/30,000, September 3,100/31,000 (April's and May's
  // previous balance was 0: no ratio)
  payment_to_balance_mean_6: 0.3,
  max_utilisation_6: 0.8,
  utilisation_change_6: 0.8,
  last_payment_amount: 3100,
  mean_payment_amount_6: 15100 / 6,
  statement_balance: 40000,
  loan_to_income: null,
  prior_default: null,
  credit_history_years: null,
  home_ownership: null,
  loan_purpose: null,
};

/** A Kaggle credit-risk row: an instalment loan with no schedule, and the credit bureau's facts. */
export const kaggleStyleHistory: LoanHistory = {
  asOfDate: "2021-01-01",
  loan: {
    productType: "INSTALMENT",
    principal: "12000",
    interestRate: "11.5",
    grade: "B",
    purpose: "debtconsolidation",
  },
  borrower: {
    ageYears: 27,
    annualIncome: "48000",
    employmentYears: 4,
    homeOwnership: "mortgage",
    priorDefault: true,
    creditHistoryYears: 4,
  },
  schedule: [],
  payments: [],
};

export const kaggleStyleDerived = {
  no_use_cycles_6: null,
  paid_in_full_cycles_6: null,
  revolving_cycles_6: null,
  payment_to_balance_last: null,
  payment_to_balance_mean_6: null,
  max_utilisation_6: null,
  utilisation_change_6: null,
  last_payment_amount: null,
  mean_payment_amount_6: null,
  statement_balance: null,
  loan_to_income: 0.25,
  prior_default: 1,
  credit_history_years: 4,
  home_ownership: 2,
  loan_purpose: 1,
};
