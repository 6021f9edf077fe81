import { useQuery } from "@apollo/client/react";
import type { ReactNode } from "react";
import { Spinner } from "../../../core/ui/Spinner";
import type { CommunicationChannel } from "../../../gql/graphql";
import { channelContact } from "../caseLabels";
import { CONTACT_CHECK_QUERY } from "../graphql/contactCheck";
import { ContactRuleNotice } from "./ContactRuleNotice";

/**
 * Before an outbound contact: whether the contact rules allow it on this channel right now, and if not which
 * rule refuses it and when it is next allowed (the API's verdict, as the log will be checked).
 */
export function ContactCheckStatus({ loanId, channel }: { loanId: string; channel: CommunicationChannel }) {
  const { data, loading, error, refetch } = useQuery(CONTACT_CHECK_QUERY, {
    variables: { loanId, channel },
    fetchPolicy: "network-only",
    notifyOnNetworkStatusChange: true,
  });
  const verdict = data?.contactCheck;

  let body: ReactNode;
  if (loading && !verdict) {
    body = (
      <p className="flex items-center gap-2 text-sm text-slate-700">
        <Spinner className="size-4" /> Checking the contact rules…
      </p>
    );
  } else if (error && !verdict) {
    body = (
      <p className="text-sm text-red-800">
        Could not check the contact rules ({error.message}).{" "}
        <button
          type="button"
          className="font-medium underline focus-visible:outline-2 focus-visible:outline-red-700"
          onClick={() => void refetch().catch(() => undefined)}
        >
          Check again
        </button>
      </p>
    );
  } else if (verdict?.allowed) {
    body = (
      <p className="text-sm text-emerald-900">
        <span aria-hidden="true">✓ </span>
        <strong className="font-semibold">Allowed now:</strong> the contact rules allow{" "}
        {channelContact(channel)} to this borrower now.
      </p>
    );
  } else if (verdict) {
    body = (
      <div className="text-sm text-amber-950">
        <p className="mb-1 font-semibold">
          <span aria-hidden="true">⚠ </span>Not allowed now: the contact rules would refuse{" "}
          {channelContact(channel)}.
        </p>
        <ContactRuleNotice verdict={verdict} />
      </div>
    );
  }

  const tone = verdict?.allowed
    ? "bg-emerald-50 ring-emerald-600/20"
    : verdict
      ? "bg-amber-50 ring-amber-600/30"
      : "bg-slate-50 ring-slate-300";
  return (
    <div role="status" className={`rounded-md px-3 py-2 ring-1 ring-inset ${tone}`}>
      {body}
    </div>
  );
}
