// Hand-written mirrors of server/schema.graphql until GraphQL codegen replaces them.

export type ProductType = "INSTALMENT" | "REVOLVING";

export type LoanStatus = "ACTIVE" | "DELINQUENT" | "DEFAULTED" | "CHARGED_OFF" | "CLOSED";

export type DelinquencyBucket =
  | "CURRENT"
  | "DPD_1_14"
  | "DPD_15_29"
  | "DPD_30_59"
  | "DPD_60_89"
  | "DPD_90_PLUS";
