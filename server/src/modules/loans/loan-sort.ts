// The loan list's sort keys, apart from the GraphQL input types (registered in loan.inputs.ts) so that the
// services and repositories that sort load no decorated class.

export enum LoanSortField {
  DAYS_PAST_DUE = "DAYS_PAST_DUE",
  BALANCE = "BALANCE",
  AMOUNT_OVERDUE = "AMOUNT_OVERDUE",
  LATEST_SCORE = "LATEST_SCORE",
}

export enum SortDirection {
  ASC = "ASC",
  DESC = "DESC",
}
