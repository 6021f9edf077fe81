/** Checkboxes and radios: one look beside core/ui/buttonStyles.ts's inputs. */
export const CHECKBOX =
  "size-4 rounded border-slate-300 text-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";
