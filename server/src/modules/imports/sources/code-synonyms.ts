// Spellings lenders commonly use for our codes. Codes that only differ by case, spaces or hyphens ("no
// answer", "field-visit") need no entry: the enum parser normalises those itself.

export const CHANNELS = ["CALL", "SMS", "EMAIL", "PUSH", "FIELD_VISIT", "LETTER"] as const;
export const CHANNEL_SYNONYMS: Record<string, string> = {
  phone: "CALL",
  "phone call": "CALL",
  telephone: "CALL",
  voice: "CALL",
  text: "SMS",
  "text message": "SMS",
  "e-mail": "EMAIL",
  mail: "LETTER",
  post: "LETTER",
  "push notification": "PUSH",
  app: "PUSH",
  visit: "FIELD_VISIT",
  "home visit": "FIELD_VISIT",
  field: "FIELD_VISIT",
};

export const DIRECTIONS = ["OUTBOUND", "INBOUND"] as const;
export const DIRECTION_SYNONYMS: Record<string, string> = {
  out: "OUTBOUND",
  outgoing: "OUTBOUND",
  in: "INBOUND",
  incoming: "INBOUND",
};

export const OUTCOMES = [
  "CONNECTED",
  "NO_ANSWER",
  "BUSY",
  "VOICEMAIL",
  "WRONG_NUMBER",
  "DELIVERED",
  "FAILED",
  "PROMISE_TO_PAY",
  "REFUSED_TO_PAY",
  "DISPUTE_RAISED",
  "CALLBACK_REQUESTED",
] as const;
export const OUTCOME_SYNONYMS: Record<string, string> = {
  answered: "CONNECTED",
  contacted: "CONNECTED",
  "right party contact": "CONNECTED",
  rpc: "CONNECTED",
  "no reply": "NO_ANSWER",
  unanswered: "NO_ANSWER",
  "voice mail": "VOICEMAIL",
  "left message": "VOICEMAIL",
  "left voicemail": "VOICEMAIL",
  "wrong party": "WRONG_NUMBER",
  sent: "DELIVERED",
  bounced: "FAILED",
  undelivered: "FAILED",
  ptp: "PROMISE_TO_PAY",
  promise: "PROMISE_TO_PAY",
  "promised to pay": "PROMISE_TO_PAY",
  refused: "REFUSED_TO_PAY",
  "refusal to pay": "REFUSED_TO_PAY",
  dispute: "DISPUTE_RAISED",
  disputed: "DISPUTE_RAISED",
  callback: "CALLBACK_REQUESTED",
  "call back": "CALLBACK_REQUESTED",
  "call back requested": "CALLBACK_REQUESTED",
};

export const PAYMENT_TYPES = ["PAYMENT", "REVERSAL", "BOUNCED_DEBIT"] as const;
export const PAYMENT_TYPE_SYNONYMS: Record<string, string> = {
  pmt: "PAYMENT",
  repayment: "PAYMENT",
  reversed: "REVERSAL",
  chargeback: "REVERSAL",
  bounce: "BOUNCED_DEBIT",
  bounced: "BOUNCED_DEBIT",
  "returned debit": "BOUNCED_DEBIT",
  "direct debit returned": "BOUNCED_DEBIT",
  nsf: "BOUNCED_DEBIT",
  dishonoured: "BOUNCED_DEBIT",
  dishonored: "BOUNCED_DEBIT",
};

export const PROMISE_STATUSES = ["PENDING", "KEPT", "BROKEN", "CANCELLED"] as const;
export const PROMISE_STATUS_SYNONYMS: Record<string, string> = {
  open: "PENDING",
  active: "PENDING",
  fulfilled: "KEPT",
  honoured: "KEPT",
  honored: "KEPT",
  paid: "KEPT",
  missed: "BROKEN",
  failed: "BROKEN",
  canceled: "CANCELLED",
  withdrawn: "CANCELLED",
};

export const LOAN_STATUSES = ["ACTIVE", "DELINQUENT", "DEFAULTED", "CHARGED_OFF", "CLOSED"] as const;
export const LOAN_STATUS_SYNONYMS: Record<string, string> = {
  current: "ACTIVE",
  open: "ACTIVE",
  performing: "ACTIVE",
  late: "DELINQUENT",
  arrears: "DELINQUENT",
  "in arrears": "DELINQUENT",
  "past due": "DELINQUENT",
  default: "DEFAULTED",
  "charged off": "CHARGED_OFF",
  chargeoff: "CHARGED_OFF",
  "written off": "CHARGED_OFF",
  "write off": "CHARGED_OFF",
  "paid off": "CLOSED",
  "fully paid": "CLOSED",
  repaid: "CLOSED",
  settled: "CLOSED",
};

export const PRODUCT_TYPES = ["INSTALMENT", "REVOLVING"] as const;
export const PRODUCT_TYPE_SYNONYMS: Record<string, string> = {
  installment: "INSTALMENT",
  "instalment loan": "INSTALMENT",
  "installment loan": "INSTALMENT",
  term: "INSTALMENT",
  "term loan": "INSTALMENT",
  revolver: "REVOLVING",
  card: "REVOLVING",
  "credit card": "REVOLVING",
  "line of credit": "REVOLVING",
  loc: "REVOLVING",
  overdraft: "REVOLVING",
};

export const SCHEDULE_KINDS = ["INSTALMENT", "STATEMENT"] as const;
export const SCHEDULE_KIND_SYNONYMS: Record<string, string> = {
  installment: "INSTALMENT",
  schedule: "INSTALMENT",
  bill: "STATEMENT",
};

export const HOME_OWNERSHIP = ["RENT", "OWN", "MORTGAGE", "OTHER"] as const;
export const HOME_OWNERSHIP_SYNONYMS: Record<string, string> = {
  rented: "RENT",
  renting: "RENT",
  tenant: "RENT",
  owner: "OWN",
  owned: "OWN",
  "own outright": "OWN",
  mortgaged: "MORTGAGE",
  none: "OTHER",
};

export const ROLES = ["AGENT", "SUPERVISOR", "MANAGER", "ADMIN"] as const;
export const ROLE_SYNONYMS: Record<string, string> = {
  collector: "AGENT",
  "collection agent": "AGENT",
  "team lead": "SUPERVISOR",
  lead: "SUPERVISOR",
  administrator: "ADMIN",
};
