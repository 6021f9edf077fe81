import { useCallback, useEffect, useRef, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { formatInteger } from "../../../core/format/numbers";
import { EmptyState } from "../../../core/ui/EmptyState";
import { ErrorState } from "../../../core/ui/ErrorState";
import { LoadingState } from "../../../core/ui/LoadingState";
import { useNow } from "../../../core/ui/useNow";
import { caseLogPath, casePath } from "../casePaths";
import type { WorklistPage as WorklistPageData } from "../graphql/myWorklist";
import { useCaseKeyboard } from "../hooks/useCaseKeyboard";
import { useWorklist, WORKLIST_PAGE_SIZE } from "../hooks/useWorklist";
import { readLastOpenedCase, rememberOpenedCase } from "../lastOpenedCase";
import {
  activeFilterCount,
  filtersToParams,
  parseFilters,
  type WorklistFilterState,
} from "../worklistFilters";
import { ShortcutHint } from "./ShortcutHint";
import { WorklistCaseCard } from "./WorklistCaseCard";
import { WorklistFilterBar } from "./WorklistFilterBar";
import { WorklistPager } from "./WorklistPager";

function parsePageNumber(raw: string | null): number {
  const page = Number(raw);
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

/** The agent's home page: their open work, most urgent first, with what each case needs at a glance. */
export function WorklistPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = parseFilters(searchParams);
  const after = searchParams.get("after");
  const pageNumber = after ? parsePageNumber(searchParams.get("page")) : 1;
  const { page, current, loading, error, refetch } = useWorklist(filters, after);
  const now = useNow(60_000);
  const navigate = useNavigate();
  const search = searchParams.toString();

  // Where each visited page starts, so that Previous goes back one page (the API pages forward by cursor).
  const starts = useRef(new Map<number, string | null>([[1, null]]));
  starts.current.set(pageNumber, after);

  const goToPage = (next: number) => {
    const start = next === pageNumber + 1 ? (page?.pageInfo.endCursor ?? null) : starts.current.get(next);
    const params = filtersToParams(filters);
    if (next > 1 && start) {
      params.set("page", String(next));
      params.set("after", start);
    }
    setSearchParams(params);
    window.scrollTo({ top: 0 });
  };

  const changeFilters = (next: WorklistFilterState) => {
    starts.current = new Map([[1, null]]);
    setSearchParams(filtersToParams(next));
  };

  const items = page?.nodes ?? [];
  const links = useRef<(HTMLAnchorElement | null)[]>([]);
  links.current.length = items.length;

  const remember = useCallback(
    (index: number) => {
      const item = items[index];
      if (item) rememberOpenedCase({ taskId: item.task.id, index, search });
    },
    [items, search],
  );

  const open = useCallback(
    (index: number, withContactForm: boolean) => {
      const item = items[index];
      if (!item) return;
      remember(index);
      navigate(withContactForm ? caseLogPath(item.loan.id) : casePath(item.loan.id));
    },
    [items, navigate, remember],
  );

  const fallbackIndex = useCallback(() => {
    const last = readLastOpenedCase();
    if (last === null || last.search !== search) return -1;
    const found = items.findIndex((i) => i.task.id === last.taskId);
    // A case finished since has left the list: the one after it now sits in its place.
    return found >= 0 ? found : Math.min(last.index, items.length) - 1;
  }, [items, search]);

  useCaseKeyboard({ links, fallbackIndex, open, enabled: items.length > 0 });

  // Back from a case, focus returns to it (or to the case that took its place), not to the top of the page.
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    if (restored || !current || items.length === 0) return;
    setRestored(true);
    const last = readLastOpenedCase();
    if (last === null || last.search !== search) return;
    const found = items.findIndex((i) => i.task.id === last.taskId);
    const index = found >= 0 ? found : Math.min(last.index, items.length - 1);
    links.current[index]?.focus();
  }, [restored, current, items, search]);

  return (
    <>
      <title>Worklist · CreditPathAI</title>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Worklist</h1>
          <p className="mt-1 text-sm text-slate-600">
            Your open cases, most urgent first: priority, then due time.
          </p>
        </div>
        {page && (
          <p className="text-sm text-slate-600" role="status">
            <span className="font-semibold text-slate-900">{formatInteger(page.totalCount)}</span>{" "}
            {page.totalCount === 1 ? "case" : "cases"}
            {activeFilterCount(filters) > 0 ? " match the filters" : " to work"}
          </p>
        )}
      </div>
      <ShortcutHint />
      <WorklistFilterBar filters={filters} onChange={changeFilters} />
      <WorklistContent
        page={page}
        filtered={activeFilterCount(filters) > 0}
        loading={loading}
        error={error}
        onRetry={refetch}
      >
        {page && (
          <>
            <ol
              aria-label="Cases, most urgent first"
              aria-describedby="worklist-shortcuts"
              aria-busy={loading}
              className={`space-y-3 ${loading ? "opacity-70" : ""}`}
            >
              {page.nodes.map((item, index) => (
                <li key={item.task.id}>
                  <WorklistCaseCard
                    item={item}
                    position={(pageNumber - 1) * WORKLIST_PAGE_SIZE + index + 1}
                    now={now}
                    linkRef={(el) => {
                      links.current[index] = el;
                    }}
                    onOpen={() => remember(index)}
                  />
                </li>
              ))}
            </ol>
            <WorklistPager
              pageNumber={pageNumber}
              hasNextPage={page.pageInfo.hasNextPage}
              disabled={loading}
              onPrevious={() => goToPage(pageNumber - 1)}
              onNext={() => goToPage(pageNumber + 1)}
            />
          </>
        )}
      </WorklistContent>
    </>
  );
}

interface WorklistContentProps {
  page: WorklistPageData | undefined;
  filtered: boolean;
  loading: boolean;
  error: Error | undefined;
  onRetry: () => void;
  children: React.ReactNode;
}

function WorklistContent({ page, filtered, loading, error, onRetry, children }: WorklistContentProps) {
  if (error && !loading) {
    return (
      <ErrorState
        title="Could not load your worklist"
        message={`${error.message}. Check your connection and try again; if it keeps failing, tell your supervisor.`}
        onRetry={onRetry}
      />
    );
  }
  if (page === undefined) return <LoadingState label="Loading your worklist…" />;
  if (page.totalCount === 0 && filtered) {
    return (
      <EmptyState title="No cases match these filters">
        Remove a filter, or{" "}
        <Link to="/worklist" className="font-medium text-indigo-700 underline">
          show all your cases
        </Link>
        .
      </EmptyState>
    );
  }
  if (page.totalCount === 0) {
    return (
      <EmptyState title="Nothing to work right now">
        New cases appear here as soon as they are assigned to you, without reloading the page.
      </EmptyState>
    );
  }
  if (page.nodes.length === 0) {
    return (
      <EmptyState title="This page is empty">
        The list is shorter than it was.{" "}
        <Link to="/worklist" className="font-medium text-indigo-700 underline">
          Go to the first cases
        </Link>
      </EmptyState>
    );
  }
  return <>{children}</>;
}
