import type { ImportSource } from "../import-source.js";
import { BORROWER_FIELDS, borrowerIssues, borrowerRow } from "./borrower-fields.js";

/** Borrower master data, one row per borrower; loans, contacts and suppressions refer to it by its key. */
export const borrowersSource: ImportSource = {
  name: "borrowers",
  description: "Borrower master data: one row per borrower (borrower_id, name, contact details, profile)",
  fields: [
    { field: "borrowerKey", header: "borrower_id", type: "text", required: true, description: "your key" },
    ...BORROWER_FIELDS,
  ],
  key: (r) => String(r.borrowerKey),
  keepsAttributes: true,
  check: borrowerIssues,
  toEntities: (r, ctx) => ({ borrower: [borrowerRow(r, ctx.attributes)] }),
};
