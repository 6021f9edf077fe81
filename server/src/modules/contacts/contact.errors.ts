import { AppError, ErrorCode } from "../../core/errors/app-error.js";
import type { ContactRuleResult } from "../recommendations/contact-rule-result.types.js";

/**
 * An outbound contact the contact rules forbid at the moment it was made. The error's extensions carry the
 * rules' verdict as data (rule, rules, reason, nextAllowedAt, permanent, borrowerTimeZone) so that clients
 * show the next allowed time in their reader's zone rather than parse the message.
 */
export function contactNotAllowed(channel: string, at: Date, verdict: ContactRuleResult): AppError {
  const { allowed: _allowed, ...data } = verdict;
  const when = verdict.permanent
    ? "it is not allowed until the borrower's record changes"
    : verdict.nextAllowedAt
      ? `the next allowed time is ${verdict.nextAllowedAt}`
      : "";
  return new AppError(
    ErrorCode.CONTACT_NOT_ALLOWED,
    `An outbound ${channel} at ${at.toISOString()} breaks the contact rules (${verdict.rule}): ${verdict.reason}. ` +
      `It was not recorded${when ? `: ${when}` : ""}. Inbound contacts are always recorded.`,
    data,
  );
}
