const KEY =
  "rounded border border-slate-300 bg-white px-1.5 py-0.5 font-mono text-xs text-slate-800 shadow-sm";

/** The worklist's keyboard shortcuts, on screens wide enough to have a keyboard beside them. */
export function ShortcutHint() {
  return (
    <p
      id="worklist-shortcuts"
      className="mb-4 hidden flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600 md:flex"
    >
      <span className="font-medium text-slate-700">Keyboard:</span>
      <span>
        <kbd className={KEY}>↑</kbd> <kbd className={KEY}>↓</kbd> or <kbd className={KEY}>j</kbd>{" "}
        <kbd className={KEY}>k</kbd> move between cases
      </span>
      <span>
        <kbd className={KEY}>Enter</kbd> opens the case
      </span>
      <span>
        <kbd className={KEY}>n</kbd> opens the next case
      </span>
      <span>
        <kbd className={KEY}>l</kbd> logs a contact on the case
      </span>
    </p>
  );
}
