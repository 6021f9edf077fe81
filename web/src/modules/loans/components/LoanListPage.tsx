import { useRef } from "react";
import { Link, useSearchParams } from "react-router";
import { EmptyState } from "../../../core/ui/EmptyState";
import { ErrorState } from "../../../core/ui/ErrorState";
import { LoadingState } from "../../../core/ui/LoadingState";
import { LOAN_PAGE_SIZE, useLoanList } from "../hooks/useLoanList";
import { LoanTable } from "./LoanTable";
import { Pagination } from "./Pagination";

function parsePageNumber(raw: string | null): number {
  const page = Number(raw);
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

export function LoanListPage() {
  // The page (its number and the cursor it starts after) lives in the URL so the browser's back button and
  // shared links land on the same page.
  const [searchParams, setSearchParams] = useSearchParams();
  const after = searchParams.get("after");
  const pageNumber = after ? parsePageNumber(searchParams.get("page")) : 1;
  const { page, loading, error, refetch } = useLoanList(after);
  // Where each page visited starts, so that Previous goes back one page (the list pages forward by cursor).
  const starts = useRef(new Map<number, string | null>([[1, null]]));
  starts.current.set(pageNumber, after);

  const goToPage = (next: number) => {
    const start = next === pageNumber + 1 ? (page?.pageInfo.endCursor ?? null) : starts.current.get(next);
    // A page whose start is unknown (a shared link's earlier pages) is read again from the first one.
    setSearchParams(next === 1 || !start ? {} : { page: String(next), after: start });
    // The pager sits below the table; the new page should be read from its first row.
    window.scrollTo({ top: 0 });
  };

  return (
    <>
      <title>My loans · CreditPathAI</title>
      <div className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">My loans</h1>
        <p className="mt-1 text-sm text-slate-600">Loans you can work, most days past due first.</p>
      </div>
      <LoanListContent
        page={page}
        pageNumber={pageNumber}
        loading={loading}
        error={error}
        onRetry={refetch}
        onPageChange={goToPage}
      />
    </>
  );
}

interface LoanListContentProps {
  page: ReturnType<typeof useLoanList>["page"];
  pageNumber: number;
  loading: boolean;
  error: Error | undefined;
  onRetry: () => void;
  onPageChange: (pageNumber: number) => void;
}

function LoanListContent({ page, pageNumber, loading, error, onRetry, onPageChange }: LoanListContentProps) {
  if (error && !loading) {
    return <ErrorState title="Could not load your loans" message={error.message} onRetry={onRetry} />;
  }
  if (page === undefined) return <LoadingState label="Loading loans…" />;

  if (page.total === 0) {
    return (
      <EmptyState title="No loans to work yet">
        Loans appear here once they are in your scope; for agents, when a collection task on them is assigned
        to you.
      </EmptyState>
    );
  }

  if (page.items.length === 0) {
    return (
      <EmptyState title="This page is empty">
        The list has fewer pages than before.{" "}
        <Link to="/loans" className="font-medium text-indigo-700 underline">
          Go to the first page
        </Link>
      </EmptyState>
    );
  }

  return (
    <>
      <LoanTable loans={page.items} busy={loading} />
      <Pagination
        pageNumber={pageNumber}
        pageSize={LOAN_PAGE_SIZE}
        total={page.total}
        disabled={loading}
        onPageChange={onPageChange}
      />
    </>
  );
}
