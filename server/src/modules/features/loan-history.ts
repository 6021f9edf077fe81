/**
 * Everything the feature layer knows about one loan, as plain data: a `/predict` request carries it in JSON,
 * and the batch path builds it from PostgreSQL rows. Dates are ISO days (YYYY-MM-DD), instants ISO 8601,
 * money decimal strings or numbers in the loan's currency.
 */
export type Money = string | number;

export interface ScheduleItem {
  sequence: number;
  kind?: "INSTALMENT" | "STATEMENT";
  dueDate: string;
  amountDue: Money;
  /** Revolving statements: the balance billed (may be negative: a credit). */
  statementBalance?: Money | null;
  /** Payment the source reports against this statement (UCI gives one per month, no payment records). */
  amountPaid?: Money | null;
  /** Source delay status: k = k months late; 0, -1, -2 = not late (UCI). */
  delayStatus?: number | null;
}

export interface PaymentEvent {
  key: string;
  type: "PAYMENT" | "REVERSAL" | "BOUNCED_DEBIT";
  amount: Money;
  paidAt: string;
  /** For a reversal or bounced debit: the payment it undoes. */
  reverses?: string | null;
}

export interface ContactEvent {
  channel: "CALL" | "SMS" | "EMAIL" | "PUSH" | "FIELD_VISIT" | "LETTER";
  direction: "OUTBOUND" | "INBOUND";
  outcome: string;
  startedAt: string;
  durationSeconds?: number | null;
}

export interface PromiseEvent {
  /** The stored promise's id, when it comes from the database. */
  key?: string;
  amount: Money;
  promisedDate: string;
  /** When the promise was made (defaults to the day before its date when unknown). */
  createdAt?: string | null;
  /** Set by an agent only to cancel; kept/broken are derived from payments, never typed in. */
  cancelled?: boolean;
  /** Set on the instalments of a payment arrangement (plan or settlement): they are judged together. */
  arrangementId?: string | null;
}

export interface LoanAttributes {
  productType: "INSTALMENT" | "REVOLVING";
  principal?: Money | null;
  creditLimit?: Money | null;
  interestRate?: Money | null;
  termMonths?: number | null;
  openedAt?: string | null;
  grade?: string | null;
  /** What the loan is for, as the source words it (debt consolidation, education, medical, ...). */
  purpose?: string | null;
}

export interface BorrowerAttributes {
  ageYears?: number | null;
  annualIncome?: Money | null;
  employmentYears?: Money | null;
  segment?: string | null;
  /** own, mortgage, rent or other. */
  homeOwnership?: string | null;
  /** Whether the credit bureau has an earlier default on file. */
  priorDefault?: boolean | null;
  /** Length of the borrower's credit history at the bureau, in years. */
  creditHistoryYears?: number | null;
}

export interface LoanHistory {
  asOfDate: string;
  loan: LoanAttributes;
  borrower: BorrowerAttributes;
  schedule: ScheduleItem[];
  payments: PaymentEvent[];
  /** Absent when the source has no contact log (UCI): the contact features are then missing, not zero. */
  contacts?: ContactEvent[];
  /** Absent when the source has no promise records. */
  promises?: PromiseEvent[];
}
