const BUTTON =
  "rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:opacity-50 disabled:hover:bg-white";

interface WorklistPagerProps {
  pageNumber: number;
  hasNextPage: boolean;
  disabled: boolean;
  onPrevious: () => void;
  onNext: () => void;
}

export function WorklistPager({ pageNumber, hasNextPage, disabled, onPrevious, onNext }: WorklistPagerProps) {
  if (pageNumber <= 1 && !hasNextPage) return null;
  return (
    <nav aria-label="Worklist pages" className="flex items-center justify-between gap-3 py-4">
      <button type="button" className={BUTTON} disabled={disabled || pageNumber <= 1} onClick={onPrevious}>
        Previous cases
      </button>
      <span className="text-sm text-slate-600">Page {pageNumber}</span>
      <button type="button" className={BUTTON} disabled={disabled || !hasNextPage} onClick={onNext}>
        Next cases
      </button>
    </nav>
  );
}
