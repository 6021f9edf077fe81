import type { ImportSource } from "../import-source.js";
import { CHANNEL_SYNONYMS, CHANNELS } from "./code-synonyms.js";
import { emptyAs } from "./source-kit.js";

const flag = (field: string, header: string, description: string) =>
  ({ field, header, type: "bool", description: `${description}; empty: no` }) as const;

/**
 * Contact-suppression flags of borrowers already imported. It only updates: a row naming an unknown
 * borrower is an error, never a new borrower. A flag column left out of the file keeps what is stored; an
 * empty cell clears the flag.
 */
export const suppressionsSource: ImportSource = {
  name: "suppressions",
  description:
    "Contact suppressions of existing borrowers (do-not-contact, channel opt-outs, dispute, legal hold...)",
  fields: [
    {
      field: "borrowerKey",
      header: "borrower_id",
      type: "text",
      required: true,
      description: "the borrower's key",
    },
    flag("doNotContact", "do_not_contact", "no contact at all"),
    {
      field: "contactOptOuts",
      header: "opt_outs",
      type: "enum-list",
      allowed: CHANNELS,
      values: CHANNEL_SYNONYMS,
      description: 'channels refused, e.g. "SMS;EMAIL"; empty: none',
    },
    flag("disputeFlag", "dispute", "the debt is disputed"),
    flag("bankruptcyFlag", "bankruptcy", "in bankruptcy proceedings"),
    flag("deceasedFlag", "deceased", "the borrower has died"),
    flag("legalHold", "legal_hold", "collection on hold for legal reasons"),
  ],
  key: (r) => String(r.borrowerKey),
  fieldOfColumn: { externalKey: "borrowerKey" },
  toEntities: (r) => ({
    borrowerSuppression: [
      {
        externalKey: r.borrowerKey,
        doNotContact: emptyAs(r.doNotContact, false),
        contactOptOuts: emptyAs(r.contactOptOuts, []),
        disputeFlag: emptyAs(r.disputeFlag, false),
        bankruptcyFlag: emptyAs(r.bankruptcyFlag, false),
        deceasedFlag: emptyAs(r.deceasedFlag, false),
        legalHold: emptyAs(r.legalHold, false),
      },
    ],
  }),
};
