import { formatDate } from "../../../core/format/dates";
import { formatMoney } from "../../../core/format/money";
import { formatInstant } from "../../../core/format/zonedTime";
import { Badge } from "../../../core/ui/Badge";
import { contactRuleText } from "../../contact-rules/contactRuleText";
import { actionLabel, channelLabel, tierLabel, tierTone } from "../../loans/loanLabels";
import type { CaseLoan } from "../graphql/caseView";
import { CaseSection } from "./CaseSection";
import { ContactRuleNotice } from "./ContactRuleNotice";
import { LocalizedText } from "./LocalizedText";
import { ScoreReasons } from "./ScoreReasons";

/** The model's view of the loan and what to do next, with the reasons an agent can act on. */
export function RiskAndActionPanel({ loan }: { loan: CaseLoan }) {
  const score = loan.latestScore;
  const inDefault = score?.tier === "IN_DEFAULT";
  const propensity = loan.propensityToPay;
  const recommendation = loan.recommendation;
  const timeZone = loan.borrower.timeZone;
  return (
    <CaseSection id="risk-and-action" title="Risk and next action">
      {score === null ? (
        <p className="text-sm text-slate-600">
          Not scored yet: the score, its reasons and the next action appear after the next rescoring.
        </p>
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          <div>
            <p className="flex flex-wrap items-center gap-3">
              <Badge tone={tierTone(score.tier)}>{tierLabel(score.tier)}</Badge>
              {inDefault ? (
                <span className="text-sm text-slate-900">
                  90+ days past due: the default has happened, so the loan is worked on its chance to pay
                </span>
              ) : (
                <span className="text-sm text-slate-900">
                  Probability of default{" "}
                  <strong className="font-semibold">{Math.round(score.probability * 100)}%</strong>
                </span>
              )}
            </p>
            {!inDefault && (
              <>
                <h3 className="mt-4 text-xs font-semibold tracking-wide text-slate-600 uppercase">Why</h3>
                <ScoreReasons reasons={score.reasons} />
              </>
            )}
            <p className="mt-3 text-xs text-slate-600">
              As of {formatDate(score.asOfDate) ?? score.asOfDate} · model {score.modelVersion}
            </p>
            {propensity && (
              <div className="mt-4 border-t border-slate-200 pt-3">
                <p className="text-sm text-slate-900">
                  Propensity to pay{" "}
                  <strong className="font-semibold">{Math.round(propensity.probability * 100)}%</strong>
                  <span className="text-slate-600">
                    {" "}
                    (half of the amount overdue within 30 days) · expected recovery{" "}
                    {formatMoney(propensity.expectedRecovery, loan.currency) ?? propensity.expectedRecovery}
                  </span>
                </p>
                <ScoreReasons reasons={propensity.reasons} />
              </div>
            )}
          </div>
          <div>
            <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">
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
                  <time dateTime={recommendation.dueAt}>
                    {formatInstant(recommendation.dueAt) ?? recommendation.dueAt}
                  </time>
                </p>
                {recommendation.contactRule && !recommendation.contactRule.allowed && (
                  <div className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-amber-950 ring-1 ring-amber-600/30 ring-inset">
                    <h4 className="mb-1 text-sm font-semibold">
                      When it was made, the contact rules delayed or refused this contact
                    </h4>
                    <ContactRuleNotice verdict={recommendation.contactRule} />
                  </div>
                )}
                {recommendation.contactRule?.allowed && recommendation.contactRule.rules.length > 0 && (
                  <p className="mt-2 text-sm text-slate-700">
                    Not the policy's first channel, because of:{" "}
                    {recommendation.contactRule.rules.map((r) => contactRuleText(r).name).join(", ")}.
                  </p>
                )}
                <p className="mt-3 text-sm text-slate-700">
                  <LocalizedText text={recommendation.rationale} borrowerTimeZone={timeZone} />
                </p>
              </>
            )}
          </div>
        </div>
      )}
    </CaseSection>
  );
}
