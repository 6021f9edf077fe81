import { formatDateTime } from "../../../core/format/dateTime";
import { formatDecimal } from "../../../core/format/fractions";
import { formatInteger } from "../../../core/format/numbers";
import { NotRecorded } from "../../../core/ui/NotRecorded";
import { type DetailItem, DetailList } from "../../loans/components/DetailList";
import type { ModelCardSummary } from "../graphql/modelHealth";

function Fingerprint({ sha256 }: { sha256: string | null }) {
  // 64 hex digits: broken anywhere so a phone never scrolls sideways for them.
  return sha256 && <span className="font-mono text-xs break-all">{sha256}</span>;
}

/** Who trained what, on which data: what an auditor asks before trusting the figures below it. */
export function ModelCardSection({ card }: { card: ModelCardSummary }) {
  const trained = formatDateTime(card.createdAt);
  const items: DetailItem[] = [
    { label: "Version", value: <span className="font-mono break-all">{card.version}</span> },
    { label: "Algorithm", value: card.algorithm },
    {
      label: "Trained",
      value: trained && <time dateTime={card.createdAt}>{trained}</time>,
    },
    { label: "Training data", value: card.dataName },
    { label: "Training rows", value: card.dataRows === null ? null : formatInteger(card.dataRows) },
    { label: "Data fingerprint (SHA-256)", value: <Fingerprint sha256={card.dataSha256} /> },
    { label: "Feature schema (SHA-256)", value: <Fingerprint sha256={card.schemaSha256} /> },
  ];
  return <DetailList title="Model card" items={items} />;
}

interface Metric {
  label: string;
  value: number | null;
  /** How to read it, for someone who does not compute these every day. */
  hint: string;
}

/** The card's test-split figures: how well the model ranked and how honest its probabilities were. */
export function TestMetricsSection({ card }: { card: ModelCardSummary }) {
  const metrics: Metric[] = [
    { label: "AUC", value: card.testAuc, hint: "Ranking power: 0.5 is chance, 1 is perfect" },
    { label: "KS", value: card.testKs, hint: "Widest gap between defaulters' and payers' scores" },
    { label: "Brier score", value: card.testBrier, hint: "Error of the probabilities: lower is better" },
    { label: "Gini", value: card.testGini, hint: "2 × AUC − 1" },
    { label: "F1", value: card.testF1, hint: "At the card's decision threshold" },
    {
      label: "PSI test vs training",
      value: card.psiTrainVsTest,
      hint: "Score drift already within the training data",
    },
  ];
  return (
    <section aria-labelledby="test-metrics" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <h2
        id="test-metrics"
        className="border-b border-slate-200 px-5 py-3 text-sm font-semibold text-slate-900"
      >
        Test performance
      </h2>
      <dl className="grid grid-cols-2 gap-px bg-slate-100 sm:grid-cols-3">
        {metrics.map((m) => (
          <div key={m.label} className="bg-white px-5 py-3">
            <dt className="text-xs font-medium text-slate-600">{m.label}</dt>
            <dd className="mt-1 text-xl font-semibold text-slate-900 tabular-nums">
              {formatDecimal(m.value) ?? <NotRecorded />}
            </dd>
            <dd className="mt-0.5 text-xs text-slate-500">{m.hint}</dd>
          </div>
        ))}
      </dl>
      <p className="px-5 py-3 text-xs text-slate-500">
        On the test split held out when the model was trained.
      </p>
    </section>
  );
}
