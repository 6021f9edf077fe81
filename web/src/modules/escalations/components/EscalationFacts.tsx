import { formatMoney } from "../../../core/format/money";
import { formatInteger } from "../../../core/format/numbers";
import { Badge } from "../../../core/ui/Badge";
import { NotRecorded } from "../../../core/ui/NotRecorded";
import { BucketBadge } from "../../loans/components/BucketBadge";
import { StatusBadge } from "../../loans/components/StatusBadge";
import { actionLabel, humanizeCode, pdText, productLabel, tierLabel, tierTone } from "../../loans/loanLabels";
import type { EscalationItem } from "../graphql/escalationQueue";

/** The loan's key facts, as a recovery manager weighs a case before opening it. */
export function EscalationFacts({ loan }: { loan: EscalationItem["loan"] }) {
  const money = (amount: string | null | undefined) => formatMoney(amount, loan.currency) ?? <NotRecorded />;
  const score = loan.latestScore;
  const facts = [
    {
      label: "Risk",
      value: score ? (
        <span className="inline-flex flex-wrap items-center gap-2">
          <Badge tone={tierTone(score.tier)}>{tierLabel(score.tier)}</Badge>
          {pdText(score) && <span>{pdText(score)}</span>}
        </span>
      ) : (
        "Not scored yet"
      ),
    },
    { label: "Bucket", value: <BucketBadge bucket={loan.bucket} /> },
    { label: "Days past due", value: formatInteger(loan.currentDpd) },
    { label: "Amount overdue", value: money(loan.amountOverdue) },
    { label: "Outstanding", value: money(loan.outstandingBalance) },
    { label: "Loan", value: <StatusBadge status={loan.status} /> },
    { label: "Product", value: productLabel(loan.productType) },
    {
      label: "Recommended",
      value: loan.recommendation ? actionLabel(loan.recommendation.actionType) : <NotRecorded />,
    },
  ];
  return (
    <div>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-2 sm:grid-cols-4 md:grid-cols-2 xl:grid-cols-4">
        {facts.map(({ label, value }) => (
          <div key={label} className="min-w-0">
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd className="text-sm break-words text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      {loan.borrower.contactRestrictions.length > 0 && (
        <p className="mt-3 text-sm text-amber-900">
          <span className="font-semibold">Contact restrictions: </span>
          {loan.borrower.contactRestrictions.map(humanizeCode).join(", ")}
        </p>
      )}
    </div>
  );
}
