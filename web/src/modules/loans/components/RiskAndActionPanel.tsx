import { formatDate } from "../../../core/format/dates";
import { Badge } from "../../../core/ui/Badge";
import type { LoanDetail } from "../graphql/loanDetail";
import { actionLabel, channelLabel, tierLabel, tierTone } from "../loanLabels";

const dueFormatter = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** The model's view of the loan and what to do next, with the reasons an agent can act on. */
export function RiskAndActionPanel({
  score,
  recommendation,
}: {
  score: LoanDetail["latestScore"];
  recommendation: LoanDetail["recommendation"];
}) {
  return (
    <section
      aria-labelledby="risk-and-action"
      className="mb-6 rounded-lg border border-slate-200 bg-white shadow-sm"
    >
      <h2
        id="risk-and-action"
        className="border-b border-slate-200 px-5 py-3 text-sm font-semibold text-slate-900"
      >
        Risk and next action
      </h2>
      {score === null ? (
        <p className="px-5 py-4 text-sm text-slate-600">
          Not scored yet: the score, its reasons and the next action appear after the next rescoring.
        </p>
      ) : (
        <div className="grid gap-6 px-5 py-4 lg:grid-cols-2">
          <div>
            <p className="flex items-center gap-3">
              <Badge tone={tierTone(score.tier)}>{tierLabel(score.tier)}</Badge>
              <span className="text-sm text-slate-900">
                Probability of default{" "}
                <strong className="font-semibold">{Math.round(score.probability * 100)}%</strong>
              </span>
            </p>
            <h3 className="mt-4 text-xs font-semibold tracking-wide text-slate-500 uppercase">Why</h3>
            {score.reasons.length === 0 ? (
              <p className="mt-1 text-sm text-slate-600">No single factor stands out.</p>
            ) : (
              <ul className="mt-1 space-y-1 text-sm text-slate-900">
                {score.reasons.map((r) => (
                  <li key={r.feature}>
                    <span aria-hidden="true">{r.direction === "RAISES_RISK" ? "▲ " : "▼ "}</span>
                    <span className="sr-only">
                      {r.direction === "RAISES_RISK" ? "Raises risk: " : "Lowers risk: "}
                    </span>
                    {r.sentence}
                  </li>
                ))}
              </ul>
            )}
            <p className="mt-3 text-xs text-slate-500">
              As of {formatDate(score.asOfDate) ?? score.asOfDate} · model {score.modelVersion}
            </p>
          </div>
          <div>
            <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
              Recommended action
            </h3>
            {recommendation === null ? (
              <p className="mt-1 text-sm text-slate-600">No action recommended.</p>
            ) : (
              <>
                <p className="mt-1 text-sm font-semibold text-slate-900">
                  {actionLabel(recommendation.actionType)}
                  {recommendation.channel ? ` ${channelLabel(recommendation.channel)}` : ""}
                </p>
                <p className="mt-1 text-sm text-slate-700">
                  Priority {recommendation.priority} · due{" "}
                  {dueFormatter.format(Date.parse(recommendation.dueAt))}
                </p>
                <p className="mt-2 text-sm text-slate-700">{recommendation.rationale}</p>
              </>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
