import { formatInteger } from "../../../core/format/numbers";

interface PaginationProps {
  pageNumber: number;
  pageSize: number;
  total: number;
  disabled: boolean;
  onPageChange: (pageNumber: number) => void;
  /** What the list holds, plural ("loans", "tasks"). */
  itemLabel?: string;
}

const BUTTON =
  "rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:opacity-50 disabled:hover:bg-white";

export function Pagination({
  pageNumber,
  pageSize,
  total,
  disabled,
  onPageChange,
  itemLabel = "loans",
}: PaginationProps) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : Math.min((pageNumber - 1) * pageSize + 1, total);
  const last = Math.min(pageNumber * pageSize, total);

  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 py-3">
      <p className="text-sm text-slate-600" aria-live="polite">
        Showing <span className="font-medium text-slate-900">{formatInteger(first)}</span>–
        <span className="font-medium text-slate-900">{formatInteger(last)}</span> of{" "}
        <span className="font-medium text-slate-900">{formatInteger(total)}</span> {itemLabel}
      </p>
      <div className="flex items-center gap-2">
        <button
          type="button"
          className={BUTTON}
          disabled={disabled || pageNumber <= 1}
          onClick={() => onPageChange(pageNumber - 1)}
        >
          Previous
        </button>
        <span className="text-sm text-slate-600">
          Page {formatInteger(pageNumber)} of {formatInteger(pageCount)}
        </span>
        <button
          type="button"
          className={BUTTON}
          disabled={disabled || pageNumber >= pageCount}
          onClick={() => onPageChange(pageNumber + 1)}
        >
          Next
        </button>
      </div>
    </nav>
  );
}
