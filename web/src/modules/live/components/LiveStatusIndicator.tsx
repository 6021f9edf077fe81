import { useLiveStatus } from "../../../core/apollo/LiveSocketContext";

/** The live connection's state, discreetly: a dot (never alone) and a word. */
export function LiveStatusIndicator() {
  const status = useLiveStatus();
  if (status === "idle") return null;
  const { dot, label, title } = {
    live: { dot: "bg-emerald-400", label: "Live", title: "New work appears without reloading" },
    connecting: { dot: "bg-slate-400", label: "Connecting…", title: "Opening the live connection" },
    reconnecting: {
      dot: "bg-amber-400",
      label: "Reconnecting…",
      title: "The live connection dropped; new work shows once it is back (or after a reload)",
    },
  }[status];
  return (
    <p className="flex items-center gap-1.5 text-xs text-slate-300" title={title} data-live-status={status}>
      <span aria-hidden="true" className={`inline-block size-2 rounded-full ${dot}`} />
      <span>
        <span className="sr-only">Live updates: </span>
        {label}
      </span>
    </p>
  );
}
