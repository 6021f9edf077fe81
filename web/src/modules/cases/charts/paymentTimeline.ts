import type { Data, Layout } from "plotly.js";
import type { CaseInstalment, CasePayment } from "../graphql/caseView";

export type InstalmentState = "Paid" | "Part paid" | "Unpaid" | "Not yet due";

/** Where an instalment stands on the portfolio's as-of date, from what was paid against it. */
export function instalmentState(instalment: CaseInstalment, asOfDate: string): InstalmentState {
  const due = Number(instalment.amountDue);
  const paid = Number(instalment.amountPaid);
  if (paid >= due && due > 0) return "Paid";
  if (instalment.dueDate > asOfDate) return paid > 0 ? "Part paid" : "Not yet due";
  if (due <= 0) return "Paid";
  return paid > 0 ? "Part paid" : "Unpaid";
}

const isReversal = (p: CasePayment) => p.type !== "PAYMENT";

/** Due against paid per instalment (or statement), with the payments themselves as points in time. */
export function paymentTimelineFigure(
  instalments: readonly CaseInstalment[],
  payments: readonly CasePayment[],
  currency: string,
): { data: Data[]; layout: Partial<Layout> } {
  const x = instalments.map((i) => i.dueDate);
  const received = payments.filter((p) => !isReversal(p));
  const undone = payments.filter(isReversal);
  const data: Data[] = [
    {
      type: "bar",
      name: "Due",
      x,
      y: instalments.map((i) => Number(i.amountDue)),
      marker: { color: "#94a3b8" },
      hovertemplate: "Due %{x}: %{y:,.2f}<extra></extra>",
    },
    {
      type: "bar",
      name: "Paid against it",
      x,
      y: instalments.map((i) => Number(i.amountPaid)),
      marker: { color: "#059669" },
      hovertemplate: "Paid against %{x}: %{y:,.2f}<extra></extra>",
    },
  ];
  if (received.length > 0) {
    data.push({
      type: "scatter",
      mode: "markers",
      name: "Payments received",
      x: received.map((p) => p.paidAt.slice(0, 10)),
      y: received.map((p) => Math.abs(Number(p.amount))),
      marker: { color: "#4f46e5", symbol: "diamond", size: 9 },
      hovertemplate: "Received %{x}: %{y:,.2f}<extra></extra>",
    });
  }
  if (undone.length > 0) {
    data.push({
      type: "scatter",
      mode: "markers",
      name: "Reversed or bounced",
      x: undone.map((p) => p.paidAt.slice(0, 10)),
      y: undone.map((p) => Math.abs(Number(p.amount))),
      marker: { color: "#dc2626", symbol: "x", size: 10 },
      hovertemplate: "Reversed %{x}: %{y:,.2f}<extra></extra>",
    });
  }
  return {
    data,
    layout: {
      barmode: "group",
      xaxis: { type: "date" },
      yaxis: { title: { text: currency }, rangemode: "tozero" },
      legend: { orientation: "h", y: -0.2 },
      margin: { l: 64, r: 16, t: 16, b: 80 },
    },
  };
}
