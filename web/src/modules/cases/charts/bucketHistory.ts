import type { Data, Layout } from "plotly.js";
import type { DelinquencyBucket } from "../../../gql/graphql";
import { BUCKET_LABELS, bucketLabel } from "../../loans/loanLabels";
import type { CaseBucketPeriod, CaseScore } from "../graphql/caseView";

const DAY_MS = 86_400_000;

export interface BucketStay {
  bucket: DelinquencyBucket;
  from: string;
  /** The day it left the bucket, or the as-of date while it is still in it. */
  until: string;
  current: boolean;
  days: number;
}

/** The loan's bucket periods in date order, each with how long it lasted (to the as-of date for the current one). */
export function bucketStays(periods: readonly CaseBucketPeriod[], asOfDate: string): BucketStay[] {
  return [...periods]
    .sort((a, b) => a.enteredOn.localeCompare(b.enteredOn))
    .map((p) => {
      const until = p.leftOn ?? (asOfDate > p.enteredOn ? asOfDate : p.enteredOn);
      return {
        bucket: p.bucket,
        from: p.enteredOn,
        until,
        current: p.leftOn === null,
        days: Math.round((Date.parse(until) - Date.parse(p.enteredOn)) / DAY_MS),
      };
    });
}

/**
 * The bucket over time as a step line (buckets in their order of severity), with the days past due each score
 * saw on a second axis.
 */
export function bucketHistoryFigure(
  stays: readonly BucketStay[],
  scores: readonly CaseScore[],
): { data: Data[]; layout: Partial<Layout> } {
  const last = stays[stays.length - 1];
  const x = [...stays.map((s) => s.from), ...(last ? [last.until] : [])];
  const y = [...stays.map((s) => bucketLabel(s.bucket)), ...(last ? [bucketLabel(last.bucket)] : [])];
  const data: Data[] = [
    {
      type: "scatter",
      mode: "lines+markers",
      line: { shape: "hv", color: "#4f46e5", width: 2 },
      name: "Bucket",
      x,
      y,
      hovertemplate: "%{y} from %{x}<extra></extra>",
    },
  ];
  const scored = [...scores].sort((a, b) => a.asOfDate.localeCompare(b.asOfDate));
  // One score is a dot on an axis of its own: the line says something from the second on.
  if (scored.length > 1) {
    data.push({
      type: "scatter",
      mode: "lines+markers",
      name: "Days past due at scoring",
      x: scored.map((s) => s.asOfDate),
      y: scored.map((s) => s.daysPastDue),
      yaxis: "y2",
      line: { color: "#d97706", dash: "dot" },
      hovertemplate: "%{y} DPD on %{x}<extra></extra>",
    });
  }
  return {
    data,
    layout: {
      xaxis: { type: "date" },
      yaxis: {
        type: "category",
        categoryorder: "array",
        categoryarray: Object.values(BUCKET_LABELS),
        range: [-0.5, Object.keys(BUCKET_LABELS).length - 0.5],
        title: { text: "Bucket" },
      },
      yaxis2: {
        overlaying: "y",
        side: "right",
        rangemode: "tozero",
        title: { text: "DPD" },
        showgrid: false,
      },
      legend: { orientation: "h", y: -0.2 },
      margin: { l: 88, r: 48, t: 16, b: 64 },
    },
  };
}
