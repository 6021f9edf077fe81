import type { Config, Data, Layout } from "plotly.js";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";

export interface ChartProps {
  /** Names the chart for screen readers and heads its table. */
  title: string;
  data: Data[];
  layout?: Partial<Layout>;
  /** The same figures as a table: shown on request, and what assistive technology and tests read. */
  table: ReactNode;
  height?: number;
}

type PlotlyModule = typeof import("plotly.js-cartesian-dist-min").default;

// One import for the whole page session: the bundle is large, so it is fetched only when a chart first renders
// (pages without charts never load it).
let plotly: Promise<PlotlyModule> | undefined;
function loadPlotly(): Promise<PlotlyModule> {
  plotly ??= import("plotly.js-cartesian-dist-min").then((m) => m.default);
  return plotly;
}

const CONFIG: Partial<Config> = {
  displaylogo: false,
  responsive: true,
  modeBarButtonsToRemove: ["lasso2d", "select2d"],
  // Plotly 4 shows a "Share chart" button by default that posts the figures to a chart server: lending data
  // stays here.
  showSendToCloud: false,
};

// The plot is hidden from assistive technology (the table carries its figures), yet Plotly's mode-bar buttons
// would still take keyboard focus inside that hidden region: they stay for the mouse, out of the tab order.
function keepOutOfTabOrder(element: HTMLElement) {
  for (const focusable of element.querySelectorAll<HTMLElement>("button, a[href], input, [tabindex]")) {
    if (focusable.tabIndex !== -1) focusable.tabIndex = -1;
  }
}

/** A Plotly chart with a table alternative; the only place the portal touches Plotly. */
export function Chart({ title, data, layout, table, height = 320 }: ChartProps) {
  const plotRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<"chart" | "table">("chart");
  const [failed, setFailed] = useState(false);
  const headingId = useId();

  useEffect(() => {
    const element = plotRef.current;
    if (view !== "chart" || element === null) return;
    let cancelled = false;
    loadPlotly()
      .then((Plotly) => {
        if (cancelled) return;
        return Plotly.react(
          element,
          data,
          { autosize: true, height, margin: { l: 56, r: 16, t: 16, b: 48 }, font: { size: 12 }, ...layout },
          CONFIG,
        );
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
    };
  }, [data, layout, height, view]);

  useEffect(() => {
    const element = plotRef.current;
    if (element === null) return;
    // Plotly rebuilds its mode bar as it pleases (on relayout, on resize): every new button is caught here.
    const observer = new MutationObserver(() => keepOutOfTabOrder(element));
    observer.observe(element, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = plotRef.current;
    return () => {
      if (element !== null) void loadPlotly().then((Plotly) => Plotly.purge(element));
    };
  }, []);

  const showTable = view === "table" || failed;
  return (
    <figure aria-labelledby={headingId} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <figcaption id={headingId} className="text-sm font-semibold text-slate-900">
          {title}
        </figcaption>
        {!failed && (
          <button
            type="button"
            onClick={() => setView(view === "chart" ? "table" : "chart")}
            className="rounded-md px-2 py-1 text-xs font-medium text-indigo-700 ring-1 ring-indigo-200 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
          >
            {view === "chart" ? "Show as table" : "Show as chart"}
          </button>
        )}
      </div>
      {failed && (
        <p role="status" className="mt-2 text-xs text-amber-800">
          The chart could not be drawn; the figures are below.
        </p>
      )}
      {/* The plot is decorative for assistive technology: the table carries the same figures. */}
      <div
        ref={plotRef}
        aria-hidden="true"
        hidden={showTable}
        className="mt-2 w-full"
        style={{ minHeight: height }}
      />
      <div hidden={!showTable} className="mt-2 overflow-x-auto">
        {table}
      </div>
    </figure>
  );
}
