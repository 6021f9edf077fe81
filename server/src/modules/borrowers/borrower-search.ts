import { badInput } from "../../core/errors/app-error.js";
import { likeAnywhere, type SearchTerms } from "./borrower.repository.js";

export const MIN_QUERY_LENGTH = 2;
export const MAX_QUERY_LENGTH = 100;
/** Shorter fragments match too many names (and have no trigram an index could use). */
export const MIN_NAME_LENGTH = 3;
/** Fewer digits are not a phone number: they would match a fragment of almost any number. */
export const MIN_PHONE_DIGITS = 6;
const PHONE_LIKE = /^[+\d\s().\-/]+$/;

/** What to look for from the text a user typed: a reference, a name fragment, a phone number. */
export function searchTerms(query: string): SearchTerms {
  const text = query.trim().replace(/\s+/g, " ");
  if (text.length < MIN_QUERY_LENGTH || text.length > MAX_QUERY_LENGTH) {
    throw badInput(
      `query must have ${MIN_QUERY_LENGTH} to ${MAX_QUERY_LENGTH} characters (a name, a borrower or loan reference, or a phone number), got ${text.length}`,
    );
  }
  const digits = text.replace(/\D/g, "");
  return {
    reference: text.toLowerCase(),
    namePattern: text.length >= MIN_NAME_LENGTH ? likeAnywhere(text) : null,
    phonePattern: PHONE_LIKE.test(text) && digits.length >= MIN_PHONE_DIGITS ? likeAnywhere(digits) : null,
  };
}
