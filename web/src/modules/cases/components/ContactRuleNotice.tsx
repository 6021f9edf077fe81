import { ZonedInstant } from "../../../core/ui/ZonedInstant";
import { contactRuleText } from "../../contact-rules/contactRuleText";
import type { ContactVerdict } from "../contactVerdict";

/**
 * Which contact rule refuses or delays a contact and when it is next allowed, in the borrower's local time
 * and the reader's: built from the rules' structured verdict alone (its prose `reason` quotes raw UTC).
 */
export function ContactRuleNotice({ verdict }: { verdict: ContactVerdict }) {
  const main = verdict.rule ?? verdict.rules[0] ?? null;
  const others = verdict.rules.filter((r) => r !== main);
  return (
    <dl className="grid gap-x-3 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
      {main && (
        <>
          <dt className="font-medium">Rule</dt>
          <dd>
            <strong className="font-semibold">{contactRuleText(main).name}</strong>
            {contactRuleText(main).explanation && <> — {contactRuleText(main).explanation}</>}
          </dd>
        </>
      )}
      {others.length > 0 && (
        <>
          <dt className="font-medium">Also</dt>
          <dd>{others.map((r) => contactRuleText(r).name).join(", ")}</dd>
        </>
      )}
      <dt className="font-medium">Next allowed</dt>
      <dd>
        {verdict.permanent ? (
          "Not until the borrower's record changes (a flag or an opt-out is lifted)"
        ) : verdict.nextAllowedAt ? (
          <ZonedInstant iso={verdict.nextAllowedAt} timeZone={verdict.borrowerTimeZone} />
        ) : (
          "No time given: ask a supervisor"
        )}
      </dd>
    </dl>
  );
}
