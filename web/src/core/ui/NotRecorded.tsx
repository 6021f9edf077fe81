/** A dash for sighted users, words for screen readers, so a blank field is never read out as "dash". */
export function NotRecorded() {
  return (
    <span className="text-slate-400">
      <span aria-hidden="true">—</span>
      <span className="sr-only">Not recorded</span>
    </span>
  );
}
