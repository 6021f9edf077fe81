import { useMemo } from "react";
import { Chart } from "../../../core/charts/Chart";
import { formatDate } from "../../../core/format/dates";
import { formatInteger } from "../../../core/format/numbers";
import { BucketBadge } from "../../loans/components/BucketBadge";
import { bucketHistoryFigure, bucketStays } from "../charts/bucketHistory";
import type { CaseLoan } from "../graphql/caseView";
import { CaseSection } from "./CaseSection";

const TH = "px-2 py-1.5 text-left text-xs font-semibold text-slate-700";
const TD = "px-2 py-1.5 text-sm text-slate-900 whitespace-nowrap";

/** How the loan moved between delinquency buckets, and the days past due each score saw. */
export function DelinquencySection({ loan }: { loan: CaseLoan }) {
  const periods = loan.bucketHistory.nodes;
  const scores = loan.scoreHistory.nodes;
  const stays = useMemo(
    () => bucketStays(periods, loan.portfolio.asOfDate),
    [periods, loan.portfolio.asOfDate],
  );
  const figure = useMemo(() => bucketHistoryFigure(stays, scores), [stays, scores]);

  return (
    <CaseSection id="delinquency-history" title="Days past due and bucket history">
      {stays.length === 0 ? (
        <p className="text-sm text-slate-600">No bucket history on record for this loan.</p>
      ) : (
        <Chart
          title="Delinquency bucket over time"
          data={figure.data}
          layout={figure.layout}
          height={280}
          table={
            <table className="min-w-full divide-y divide-slate-200">
              <caption className="sr-only">Each period the loan spent in one bucket, oldest first</caption>
              <thead>
                <tr>
                  <th scope="col" className={TH}>
                    Bucket
                  </th>
                  <th scope="col" className={TH}>
                    From
                  </th>
                  <th scope="col" className={TH}>
                    Until
                  </th>
                  <th scope="col" className={`${TH} text-right`}>
                    Days
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {stays.map((s) => (
                  <tr key={s.from}>
                    <td className={TD}>
                      <BucketBadge bucket={s.bucket} />
                    </td>
                    <td className={TD}>{formatDate(s.from) ?? s.from}</td>
                    <td className={TD}>{s.current ? "still in it" : (formatDate(s.until) ?? s.until)}</td>
                    <td className={`${TD} text-right tabular-nums`}>{formatInteger(s.days)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      )}
      {loan.bucketHistory.totalCount > periods.length && (
        <p className="mt-2 text-xs text-slate-600">
          The latest {periods.length} of {loan.bucketHistory.totalCount} periods are shown.
        </p>
      )}
    </CaseSection>
  );
}
