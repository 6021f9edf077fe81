import { formatDate } from "../../../core/format/dates";
import { formatInteger } from "../../../core/format/numbers";
import { Badge } from "../../../core/ui/Badge";
import { BucketBadge } from "../../loans/components/BucketBadge";
import { pdText, tierLabel, tierTone } from "../../loans/loanLabels";
import type { CaseLoan } from "../graphql/caseView";
import { CaseSection } from "./CaseSection";
import { ScoreReasons } from "./ScoreReasons";

/** Every score of the loan, latest first, each with the reasons the model gave for it. */
export function ScoreHistory({ loan }: { loan: CaseLoan }) {
  const { nodes, totalCount } = loan.scoreHistory;
  return (
    <CaseSection
      id="score-history"
      title="Score history"
      actions={
        <span className="text-xs text-slate-600">
          {nodes.length < totalCount ? `Latest ${nodes.length} of ${totalCount}` : `${totalCount} in all`}
        </span>
      }
    >
      {nodes.length === 0 ? (
        <p className="text-sm text-slate-600">Not scored yet.</p>
      ) : (
        <ol className="divide-y divide-slate-100">
          {nodes.map((score) => (
            <li key={`${score.scoredAt}-${score.modelVersion}`} className="py-3 first:pt-0 last:pb-0">
              <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
                <span className="font-semibold text-slate-900">
                  {formatDate(score.asOfDate) ?? score.asOfDate}
                </span>
                <Badge tone={tierTone(score.tier)}>{tierLabel(score.tier)}</Badge>
                {pdText(score) && <span className="text-slate-700">{pdText(score)}</span>}
                <BucketBadge bucket={score.bucket} />
                <span className="text-slate-600">{formatInteger(score.daysPastDue)} DPD</span>
              </div>
              <ScoreReasons reasons={score.reasons} />
              <p className="mt-1 text-xs text-slate-600">Model {score.modelVersion}</p>
            </li>
          ))}
        </ol>
      )}
    </CaseSection>
  );
}
