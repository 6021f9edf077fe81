import { formatInstant } from "../../../core/format/zonedTime";
import { Badge } from "../../../core/ui/Badge";
import { actionLabel, channelLabel } from "../../loans/loanLabels";
import { recommendationStatusName } from "../caseLabels";
import type { CaseLoan } from "../graphql/caseView";
import { CaseSection } from "./CaseSection";
import { ContactRuleNotice } from "./ContactRuleNotice";
import { LocalizedText } from "./LocalizedText";

/** The loan's recommendations, the active one and those before it, latest first. */
export function RecommendationHistory({ loan }: { loan: CaseLoan }) {
  const { nodes, totalCount } = loan.recommendations;
  const timeZone = loan.borrower.timeZone;
  return (
    <CaseSection
      id="recommendation-history"
      title="Recommendations"
      actions={
        <span className="text-xs text-slate-600">
          {nodes.length < totalCount ? `Latest ${nodes.length} of ${totalCount}` : `${totalCount} in all`}
        </span>
      }
    >
      {nodes.length === 0 ? (
        <p className="text-sm text-slate-600">No recommendation yet: one is made when the loan is scored.</p>
      ) : (
        <ol className="divide-y divide-slate-100">
          {nodes.map((r) => (
            <li key={r.id} className="py-3 first:pt-0 last:pb-0">
              <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
                <span className="font-semibold text-slate-900">
                  {actionLabel(r.actionType)}
                  {r.channel ? ` ${channelLabel(r.channel)}` : ""}
                </span>
                <Badge tone={r.status === "ACTIVE" ? "info" : "neutral"}>
                  {recommendationStatusName(r.status)}
                </Badge>
                <span className="text-slate-600">priority {r.priority}</span>
              </div>
              <p className="mt-1 text-xs text-slate-600">
                Made {formatInstant(r.createdAt) ?? r.createdAt} · due {formatInstant(r.dueAt) ?? r.dueAt}
                {r.policyVersion && ` · policy v${r.policyVersion}`}
              </p>
              {r.contactRule && !r.contactRule.allowed && (
                <div className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-amber-950 ring-1 ring-amber-600/30 ring-inset">
                  <ContactRuleNotice verdict={r.contactRule} />
                </div>
              )}
              <p className="mt-1 text-sm text-slate-700">
                <LocalizedText text={r.rationale} borrowerTimeZone={timeZone} />
              </p>
            </li>
          ))}
        </ol>
      )}
    </CaseSection>
  );
}
