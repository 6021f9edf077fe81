import { formatDate } from "../../../core/format/dates";
import { formatInteger } from "../../../core/format/numbers";
import { formatAmount, formatShare } from "../../../core/format/shares";
import type { PortfolioSummaryData } from "../graphql/portfolioSummary";

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{value}</dd>
      {note && <dd className="mt-1 text-xs text-slate-600">{note}</dd>}
    </div>
  );
}

/** The scope's headline figures: open loans and their balance, the latest month's collections, promises. */
export function SummaryFigures({ summary }: { summary: PortfolioSummaryData }) {
  const latest = summary.months.at(-1);
  const p = summary.promises;
  return (
    <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      <Figure label="Open loans" value={formatInteger(summary.openLoans)} />
      <Figure label="Outstanding balance" value={formatAmount(summary.balance)} />
      <Figure
        label="Collected this month"
        value={formatShare(latest?.collectionRate) ?? "None yet"}
        note={latest ? `${formatAmount(latest.collected)} of ${formatAmount(latest.due)} due` : undefined}
      />
      <Figure
        label="Promises kept"
        value={formatShare(p.keptRate) ?? "None yet"}
        note={`${formatInteger(p.kept)} kept, ${formatInteger(p.broken)} broken, ${formatInteger(p.pending)} pending${
          summary.from ? ` since ${formatDate(summary.from)}` : ""
        }`}
      />
    </dl>
  );
}
