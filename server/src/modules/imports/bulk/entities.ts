/**
 * The tables the bulk path writes, described once: staging columns, how each maps into its table, the
 * natural key that makes a re-import an update instead of a duplicate, and the references resolved by key.
 * Importers, the dataset loaders and the synthetic generator all produce rows in these shapes.
 */
export type SqlType =
  | "text"
  | "int"
  | "numeric"
  | "date"
  | "timestamptz"
  | "bool"
  | "jsonb"
  | `enum:${string}`
  | `enum[]:${string}`;

export interface EntityColumn {
  /** Column in the target table (and in staging, unless it is a reference). */
  name: string;
  type: SqlType;
  /** Written when the record is created, never changed by a later import (a new user's unusable password). */
  insertOnly?: boolean;
}

export interface EntityRef {
  /** Staging column holding the referenced record's external key. */
  keyColumn: string;
  /** Target column receiving the referenced id. */
  target: string;
  table: "Borrower" | "Loan" | "User" | "Team" | "Payment";
  /** Column of the referenced table the key is matched against. */
  matchColumn: string;
  /** Borrowers and loans are keyed per portfolio; users and teams globally. */
  portfolioScoped: boolean;
  /**
   * Keys unique only inside another referenced record (a payment id within its loan): the referenced
   * record's `column` must equal the id that the ref with key column `ref`, listed earlier, resolved to.
   */
  within?: { column: string; ref: string };
  /**
   * When a row leaves the key empty, the id is taken from `column` of the record that the ref with key
   * column `ref`, listed earlier, resolved to (a promise's borrower is its loan's borrower).
   */
  inferredFrom?: { ref: string; column: string };
  /** A missing optional reference leaves the column null instead of rejecting the row. */
  optional?: boolean;
  what: string;
}

export interface EntitySpec {
  table: string;
  columns: EntityColumn[];
  refs: EntityRef[];
  /** Natural key in the target table (after refs are resolved). */
  conflict: string[];
  portfolioScoped: boolean;
  hasUpdatedAt: boolean;
  /**
   * "update": rows only change records that already exist; a row naming an unknown record is rejected
   * instead of creating one (suppression flags must never invent a borrower). Default "upsert".
   */
  mode?: "upsert" | "update";
  /** What one record is called in rejections ("borrower"); the table name otherwise. */
  what?: string;
}

const loanRef: EntityRef = {
  keyColumn: "loanKey",
  target: "loanId",
  table: "Loan",
  matchColumn: "externalKey",
  portfolioScoped: true,
  what: "loan",
};
const borrowerRef: EntityRef = {
  keyColumn: "borrowerKey",
  target: "borrowerId",
  table: "Borrower",
  matchColumn: "externalKey",
  portfolioScoped: true,
  what: "borrower",
};
const agentRef = (target: string): EntityRef => ({
  keyColumn: "agentEmail",
  target,
  table: "User",
  matchColumn: "email",
  portfolioScoped: false,
  optional: true,
  what: "agent",
});

const teamRef: EntityRef = {
  keyColumn: "teamName",
  target: "teamId",
  table: "Team",
  matchColumn: "name",
  portfolioScoped: false,
  optional: true,
  what: "team",
};

// Key order is merge order (MERGE_ORDER): teams and users first, as any portfolio's records may name agents.
export const ENTITIES = {
  team: {
    table: "Team",
    portfolioScoped: false,
    hasUpdatedAt: false,
    conflict: ["name"],
    refs: [],
    columns: [{ name: "name", type: "text" }],
  },
  user: {
    table: "User",
    portfolioScoped: false,
    hasUpdatedAt: true,
    conflict: ["email"],
    refs: [teamRef],
    columns: [
      { name: "email", type: "text" },
      { name: "displayName", type: "text" },
      { name: "role", type: "enum:UserRole" },
      { name: "capacity", type: "int" },
      { name: "active", type: "bool" },
      { name: "passwordHash", type: "text", insertOnly: true },
    ],
  },
  borrower: {
    table: "Borrower",
    portfolioScoped: true,
    hasUpdatedAt: true,
    conflict: ["portfolioId", "externalKey"],
    refs: [],
    columns: [
      { name: "externalKey", type: "text" },
      { name: "fullName", type: "text" },
      { name: "email", type: "text" },
      { name: "phone", type: "text" },
      { name: "addressLine", type: "text" },
      { name: "city", type: "text" },
      { name: "region", type: "text" },
      { name: "postalCode", type: "text" },
      { name: "country", type: "text" },
      { name: "timeZone", type: "text" },
      { name: "ageYears", type: "int" },
      { name: "sex", type: "text" },
      { name: "education", type: "text" },
      { name: "maritalStatus", type: "text" },
      { name: "annualIncome", type: "numeric" },
      { name: "employmentStatus", type: "text" },
      { name: "employmentYears", type: "numeric" },
      { name: "homeOwnership", type: "text" },
      { name: "segment", type: "text" },
      { name: "attributes", type: "jsonb" },
    ],
  },
  /** Contact-suppression flags of existing borrowers: update-only, so a typo never creates a borrower. */
  borrowerSuppression: {
    table: "Borrower",
    portfolioScoped: true,
    hasUpdatedAt: true,
    mode: "update",
    what: "borrower",
    conflict: ["portfolioId", "externalKey"],
    refs: [],
    columns: [
      { name: "externalKey", type: "text" },
      { name: "doNotContact", type: "bool" },
      { name: "contactOptOuts", type: "enum[]:CommunicationChannel" },
      { name: "disputeFlag", type: "bool" },
      { name: "bankruptcyFlag", type: "bool" },
      { name: "deceasedFlag", type: "bool" },
      { name: "legalHold", type: "bool" },
    ],
  },
  loan: {
    table: "Loan",
    portfolioScoped: true,
    hasUpdatedAt: true,
    conflict: ["portfolioId", "externalKey"],
    refs: [borrowerRef],
    columns: [
      { name: "externalKey", type: "text" },
      { name: "productType", type: "enum:ProductType" },
      { name: "principal", type: "numeric" },
      { name: "creditLimit", type: "numeric" },
      { name: "interestRate", type: "numeric" },
      { name: "termMonths", type: "int" },
      { name: "instalmentAmount", type: "numeric" },
      { name: "outstandingBalance", type: "numeric" },
      { name: "currency", type: "text" },
      { name: "grade", type: "text" },
      { name: "purpose", type: "text" },
      { name: "status", type: "enum:LoanStatus" },
      { name: "openedAt", type: "date" },
      { name: "closedAt", type: "date" },
      { name: "defaultLabel", type: "bool" },
      { name: "attributes", type: "jsonb" },
    ],
  },
  instalment: {
    table: "Instalment",
    portfolioScoped: false,
    hasUpdatedAt: false,
    conflict: ["loanId", "sequence"],
    refs: [loanRef],
    columns: [
      { name: "kind", type: "enum:ScheduleKind" },
      { name: "sequence", type: "int" },
      { name: "dueDate", type: "date" },
      { name: "amountDue", type: "numeric" },
      { name: "amountPaid", type: "numeric" },
      { name: "paidDate", type: "date" },
      { name: "statementBalance", type: "numeric" },
      { name: "delayStatus", type: "int" },
    ],
  },
  payment: {
    table: "Payment",
    portfolioScoped: false,
    hasUpdatedAt: false,
    conflict: ["loanId", "externalKey"],
    refs: [
      loanRef,
      {
        keyColumn: "reversesPaymentKey",
        target: "reversesPaymentId",
        table: "Payment",
        matchColumn: "externalKey",
        portfolioScoped: false,
        within: { column: "loanId", ref: "loanKey" },
        optional: true,
        what: "payment",
      },
    ],
    columns: [
      { name: "externalKey", type: "text" },
      { name: "type", type: "enum:PaymentType" },
      { name: "amount", type: "numeric" },
      { name: "paidAt", type: "timestamptz" },
      { name: "channel", type: "text" },
    ],
  },
  transaction: {
    table: "Transaction",
    portfolioScoped: false,
    hasUpdatedAt: false,
    conflict: ["loanId", "externalKey"],
    refs: [loanRef],
    columns: [
      { name: "externalKey", type: "text" },
      { name: "type", type: "enum:TransactionType" },
      { name: "amount", type: "numeric" },
      { name: "postedAt", type: "timestamptz" },
      { name: "merchantCategory", type: "text" },
    ],
  },
  communication: {
    table: "Communication",
    portfolioScoped: false,
    hasUpdatedAt: false,
    conflict: ["borrowerId", "externalKey"],
    refs: [borrowerRef, { ...loanRef, optional: true }, agentRef("agentId")],
    columns: [
      { name: "externalKey", type: "text" },
      { name: "channel", type: "enum:CommunicationChannel" },
      { name: "direction", type: "enum:CommunicationDirection" },
      { name: "outcome", type: "enum:CommunicationOutcome" },
      { name: "startedAt", type: "timestamptz" },
      { name: "endedAt", type: "timestamptz" },
      { name: "durationSeconds", type: "int" },
      { name: "notes", type: "text" },
    ],
  },
  promise: {
    table: "PromiseToPay",
    portfolioScoped: false,
    hasUpdatedAt: false,
    conflict: ["loanId", "externalKey"],
    refs: [
      loanRef,
      { ...borrowerRef, inferredFrom: { ref: "loanKey", column: "borrowerId" } },
      agentRef("loggedById"),
    ],
    columns: [
      { name: "externalKey", type: "text" },
      { name: "amount", type: "numeric" },
      { name: "promisedDate", type: "date" },
      { name: "status", type: "enum:PromiseStatus" },
      { name: "createdAt", type: "timestamptz" },
    ],
  },
} as const satisfies Record<string, EntitySpec>;

export type EntityName = keyof typeof ENTITIES;

type ColumnNames<E extends EntityName> = (typeof ENTITIES)[E]["columns"][number]["name"];
type RefKeys<E extends EntityName> = (typeof ENTITIES)[E]["refs"][number] extends infer R
  ? R extends { keyColumn: infer K extends string }
    ? K
    : never
  : never;

export type Cell = string | number | boolean | null | undefined;

/** One staged record: every column of the entity plus the keys of what it references. */
export type EntityRow<E extends EntityName> = { [K in ColumnNames<E> | RefKeys<E>]?: Cell | object };
