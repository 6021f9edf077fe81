import type { ReactNode } from "react";
import { formatTimeIn } from "../../../core/format/dates";
import { formatMoney } from "../../../core/format/money";
import { formatInteger } from "../../../core/format/numbers";
import { Badge } from "../../../core/ui/Badge";
import { SECONDARY_BUTTON } from "../../../core/ui/buttonStyles";
import { useNow } from "../../../core/ui/useNow";
import { BucketBadge } from "../../loans/components/BucketBadge";
import { StatusBadge } from "../../loans/components/StatusBadge";
import { actionLabel, channelLabel, pdText, productLabel, tierLabel, tierTone } from "../../loans/loanLabels";
import { CASE_SECTIONS, focusSection } from "../focusSection";
import type { CaseLoan, CaseTask } from "../graphql/caseView";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm font-semibold text-slate-900">{children}</dd>
    </div>
  );
}

/**
 * The case at a glance, first on the page and on a phone's first screen: who, how risky, how late, how much
 * is overdue and what to do next, with shortcuts to the forms.
 */
export function CaseHeader({ loan, openTask }: { loan: CaseLoan; openTask: CaseTask | null }) {
  const { borrower, latestScore, recommendation } = loan;
  const now = useNow();
  const localTime = formatTimeIn(borrower.timeZone, new Date(now));
  const nextAction = openTask?.actionType ?? recommendation?.actionType ?? null;
  const nextChannel = openTask ? null : (recommendation?.channel ?? null);

  return (
    <header className="mb-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="font-mono text-2xl font-semibold tracking-tight break-all text-slate-900">
            {loan.externalKey}
          </h1>
          <p className="mt-1 text-sm text-slate-700">
            <span className="font-medium">{borrower.fullName ?? "Borrower name not recorded"}</span>
            {borrower.phone && (
              <>
                {" · "}
                <a
                  className="text-indigo-700 underline underline-offset-2"
                  href={`tel:${borrower.phone.replace(/[^\d+]/g, "")}`}
                >
                  {borrower.phone}
                </a>
              </>
            )}
            {localTime && (
              <>
                {" · "}
                <span className="whitespace-nowrap">
                  their time {localTime} ({borrower.timeZone})
                </span>
              </>
            )}
          </p>
          <p className="mt-0.5 text-xs text-slate-500">
            {productLabel(loan.productType)} · {loan.portfolio.name}
          </p>
        </div>
        <StatusBadge status={loan.status} />
      </div>

      <section aria-labelledby="case-glance-heading" className="mt-4">
        <h2 id="case-glance-heading" className="sr-only">
          Case at a glance
        </h2>
        <dl className="grid grid-cols-2 gap-x-4 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-3 lg:grid-cols-6">
          <Fact label="Risk tier">
            {latestScore ? (
              <span className="flex flex-wrap items-center gap-1.5">
                <Badge tone={tierTone(latestScore.tier)}>{tierLabel(latestScore.tier)}</Badge>
                {pdText(latestScore) && (
                  <span className="text-xs font-normal text-slate-600">{pdText(latestScore)}</span>
                )}
              </span>
            ) : (
              <span className="font-normal text-slate-600">Not scored yet</span>
            )}
          </Fact>
          <Fact label="Bucket">
            <BucketBadge bucket={loan.bucket} />
          </Fact>
          <Fact label="Days past due">{formatInteger(loan.currentDpd)}</Fact>
          <Fact label="Amount overdue">
            {formatMoney(loan.amountOverdue, loan.currency) ?? loan.amountOverdue}
          </Fact>
          <Fact label="Balance">
            {formatMoney(loan.outstandingBalance, loan.currency) ?? (
              <span className="font-normal text-slate-600">Not recorded</span>
            )}
          </Fact>
          <Fact label="Next action">
            {nextAction ? (
              <>
                {actionLabel(nextAction)}
                {nextChannel ? ` ${channelLabel(nextChannel)}` : ""}
              </>
            ) : (
              <span className="font-normal text-slate-600">None recommended</span>
            )}
          </Fact>
        </dl>
      </section>

      <div className="mt-3 flex flex-wrap gap-2">
        <button
          type="button"
          className={SECONDARY_BUTTON}
          onClick={() => focusSection(CASE_SECTIONS.contact)}
        >
          Log contact
        </button>
        <button
          type="button"
          className={SECONDARY_BUTTON}
          onClick={() => focusSection(CASE_SECTIONS.promise)}
        >
          Log promise
        </button>
        {openTask && (
          <button type="button" className={SECONDARY_BUTTON} onClick={() => focusSection(CASE_SECTIONS.task)}>
            Go to task
          </button>
        )}
      </div>
    </header>
  );
}
