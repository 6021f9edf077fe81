import { formatDateTime } from "../../../core/format/dateTime";
import { browserTimeZone } from "../../../core/format/instants";
import { formatInstant } from "../../../core/format/zonedTime";
import { contactRuleName } from "../../contact-rules/contactRuleText";
import { channelLabel } from "../../loans/loanLabels";
import type { WorklistCase } from "../graphql/myWorklist";

/**
 * Whether the borrower may be contacted now, from the API's structured contact-rule result: the refusing
 * rule and, when it is only a delay, the next allowed time on the borrower's clock and on the agent's.
 */
export function ContactNowStatus({
  contactNow,
  channel,
}: {
  contactNow: WorklistCase["contactNow"];
  channel: WorklistCase["contactChannel"];
}) {
  if (contactNow === null) {
    return <p className="text-sm text-slate-600">No borrower contact needed</p>;
  }
  const how = channel ? ` ${channelLabel(channel)}` : "";
  if (contactNow.allowed) {
    return (
      <p className="text-sm font-medium text-emerald-800">
        <span aria-hidden="true">✓ </span>May contact now{how}
      </p>
    );
  }
  const rule = contactNow.rule ? contactRuleName(contactNow.rule) : "Contact rules";
  return (
    <div className="text-sm">
      <p className="font-medium text-red-800">
        <span aria-hidden="true">✕ </span>
        {contactNow.permanent ? "Do not contact" : "Not now"}: {rule}
      </p>
      {contactNow.nextAllowedAt && (
        <NextAllowed at={contactNow.nextAllowedAt} borrowerTimeZone={contactNow.borrowerTimeZone} />
      )}
      {contactNow.permanent && <p className="text-slate-600">Until the borrower's record changes</p>}
    </div>
  );
}

function NextAllowed({ at, borrowerTimeZone }: { at: string; borrowerTimeZone: string }) {
  const mine = browserTimeZone();
  if (borrowerTimeZone === mine) {
    return (
      <p className="text-slate-700">
        Next allowed <time dateTime={at}>{formatDateTime(at) ?? at}</time> (your time and the borrower's)
      </p>
    );
  }
  return (
    <div className="text-slate-700">
      <p>Next allowed:</p>
      <ul>
        <li>
          <time dateTime={at}>{formatInstant(at, borrowerTimeZone) ?? at}</time> borrower's time
        </li>
        <li>{formatInstant(at, mine) ?? formatDateTime(at) ?? at} your time</li>
      </ul>
    </div>
  );
}
