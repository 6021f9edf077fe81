import { formatProbability, formatShare } from "../../../core/format/fractions";
import { formatInteger } from "../../../core/format/numbers";
import { Badge } from "../../../core/ui/Badge";
import { NotRecorded } from "../../../core/ui/NotRecorded";
import { tierLabel, tierTone } from "../../loans/loanLabels";
import type { CalibrationRow, ModelTierRow } from "../graphql/modelHealth";
import { type Column, ResponsiveTable } from "./ResponsiveTable";

interface TierLine extends ModelTierRow {
  liveLoans: number;
}

const orDash = (text: string | null) => text ?? <NotRecorded />;

const COLUMNS: Column<TierLine>[] = [
  { header: "Tier", cell: (t) => <Badge tone={tierTone(t.tier)}>{tierLabel(t.tier)}</Badge> },
  {
    header: "Probability of default",
    // A loan belongs to the last tier whose lower bound its probability reaches: from min, up to max.
    cell: (t) => `${formatProbability(t.minPd)} to ${formatProbability(t.maxPd)}`,
    numeric: true,
  },
  { header: "Share of test loans", cell: (t) => orDash(formatShare(t.testShare)), numeric: true },
  { header: "Test default rate", cell: (t) => orDash(formatShare(t.testDefaultRate)), numeric: true },
  { header: "Live loans", cell: (t) => formatInteger(t.liveLoans), numeric: true },
];

/** The tiers' cut-offs, how each tier did on the test split, and how many live loans sit in it now. */
export function TierTableSection({ tiers, live }: { tiers: ModelTierRow[]; live: CalibrationRow[] }) {
  const lines = tiers.map((t) => ({ ...t, liveLoans: live.find((l) => l.group === t.tier)?.loans ?? 0 }));
  return (
    <section aria-labelledby="risk-tiers" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <h2
        id="risk-tiers"
        className="border-b border-slate-200 px-5 py-3 text-sm font-semibold text-slate-900"
      >
        Risk tiers
      </h2>
      {lines.length === 0 ? (
        <p className="px-5 py-3 text-sm text-slate-600">
          The model card holds no tier cut-offs: retrain with the current ml/ (`npm run ml:train`) to record
          them.
        </p>
      ) : (
        <div className="px-5 md:px-0">
          <ResponsiveTable caption="Risk tiers" columns={COLUMNS} rows={lines} rowKey={(t) => t.tier} />
        </div>
      )}
      <p className="border-t border-slate-100 px-5 py-3 text-xs text-slate-500">
        Cut-offs and test figures from the model card; live loans are operational loans whose latest score is
        by this model.
      </p>
    </section>
  );
}
