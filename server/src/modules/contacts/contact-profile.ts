import { preferredHoursOf } from "../contact-rules/borrower-contact-profile.js";
import type { BorrowerContactRow } from "./contact.repository.js";
import { clockTime } from "./contact.validation.js";
import type { ContactPreferences } from "./contact-preferences.types.js";

/** The borrower's requests as GraphQL data. */
export function toContactPreferences(b: BorrowerContactRow): ContactPreferences {
  const hours = preferredHoursOf(b);
  return {
    borrowerId: b.id,
    doNotContact: b.doNotContact,
    disputed: b.disputeFlag,
    optOutChannels: [...b.contactOptOuts],
    preferredChannel: b.preferredChannel,
    preferredHours: hours ? { start: clockTime(hours.startMinutes), end: clockTime(hours.endMinutes) } : null,
    timeZone: b.timeZone,
  };
}

/** The preferences as the audit trail records them: flags, codes and times, nothing else about the borrower. */
export function preferencesAuditState(b: BorrowerContactRow) {
  const { borrowerId: _id, timeZone: _tz, ...rest } = toContactPreferences(b);
  return rest;
}
