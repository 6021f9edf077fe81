// One look for the portal's buttons, so forms across modules read the same.

const FOCUS = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";
const DISABLED = "disabled:cursor-not-allowed disabled:opacity-50";

export const PRIMARY_BUTTON = `inline-flex items-center justify-center gap-2 rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 ${FOCUS} ${DISABLED}`;

export const SECONDARY_BUTTON = `inline-flex items-center justify-center gap-2 rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50 ${FOCUS} ${DISABLED}`;

export const DANGER_BUTTON = `inline-flex items-center justify-center gap-2 rounded-md bg-white px-3 py-1.5 text-sm font-medium text-red-700 shadow-sm ring-1 ring-red-300 ring-inset hover:bg-red-50 ${FOCUS} ${DISABLED}`;

/** Small square icon-like buttons (move up, remove) that still carry a text label for screen readers. */
export const ICON_BUTTON = `inline-flex size-8 items-center justify-center rounded-md text-slate-600 ring-1 ring-slate-300 ring-inset hover:bg-slate-100 ${FOCUS} ${DISABLED}`;

export const TEXT_LINK =
  "font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";

const INPUT_BASE =
  "block rounded-md border-0 bg-white px-3 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-indigo-600 focus:outline-none aria-[invalid=true]:ring-red-500 disabled:bg-slate-50";

export const INPUT = `${INPUT_BASE} w-full`;

/** An input as wide as its content, beside a button on the same line. */
export const INPUT_INLINE = `${INPUT_BASE} w-auto max-w-full`;

export const LABEL = "block text-sm font-medium text-slate-900";

export const HINT = "mt-1 text-xs text-slate-600";

export const FIELD_ERROR = "mt-1 text-xs font-medium text-red-700";
