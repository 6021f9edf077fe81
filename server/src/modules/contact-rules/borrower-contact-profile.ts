import type { BorrowerContactProfile, Channel } from "./contact-rules.js";

/** The borrower's columns the contact rules read, as stored. */
export interface BorrowerContactColumns {
  timeZone: string;
  doNotContact: boolean;
  contactOptOuts: readonly Channel[];
  disputeFlag: boolean;
  bankruptcyFlag: boolean;
  deceasedFlag: boolean;
  legalHold: boolean;
  preferredContactStartMinutes: number | null;
  preferredContactEndMinutes: number | null;
}

/** The hours the borrower asked to be contacted in (local minutes), or null when they named none. */
export function preferredHoursOf(b: BorrowerContactColumns) {
  return b.preferredContactStartMinutes === null || b.preferredContactEndMinutes === null
    ? null
    : { startMinutes: b.preferredContactStartMinutes, endMinutes: b.preferredContactEndMinutes };
}

/** A stored borrower as the contact rules read them: the one mapping, for every module that checks contact. */
export function toContactProfile(b: BorrowerContactColumns): BorrowerContactProfile {
  return {
    timeZone: b.timeZone,
    doNotContact: b.doNotContact,
    contactOptOuts: b.contactOptOuts,
    disputeFlag: b.disputeFlag,
    bankruptcyFlag: b.bankruptcyFlag,
    deceasedFlag: b.deceasedFlag,
    legalHold: b.legalHold,
    preferredHours: preferredHoursOf(b),
  };
}
