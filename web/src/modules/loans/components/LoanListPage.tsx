import { useMemo } from "react";
import { Link } from "react-router";
import { useUrlCursorPages } from "../../../core/paging/useUrlCursorPages";
import { EmptyState } from "../../../core/ui/EmptyState";
import { ErrorState } from "../../../core/ui/ErrorState";
import { LoadingState } from "../../../core/ui/LoadingState";
import { useSession } from "../../auth/hooks/useSession";
import { useTeamMembers } from "../../team/hooks/useTeamMembers";
import { LOAN_PAGE_SIZE, useLoanList } from "../hooks/useLoanList";
import { usePortfolios } from "../hooks/usePortfolios";
import { loanFilterFrom, loanSortFrom } from "../loanListFilter";
import { LoanFilterBar } from "./LoanFilterBar";
import { LoanTable } from "./LoanTable";
import { Pagination } from "./Pagination";

/**
 * Agents: the loans of their own tasks, most days past due first. Supervisors, managers and admins: every
 * loan in their scope, searched, filtered and sorted. The page, its filters and its order live in the URL so
 * that the back button and shared links land on the same list.
 */
export function LoanListPage() {
  const { session } = useSession();
  const isAgent = session?.user.role === "AGENT";
  return isAgent ? <MyLoans /> : <AllLoans role={session?.user.role} />;
}

function MyLoans() {
  const { after, pageNumber, goToPage } = useUrlCursorPages();
  const { page, loading, error, refetch } = useLoanList({ after });
  return (
    <>
      <title>My loans · CreditPathAI</title>
      <div className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">My loans</h1>
        <p className="mt-1 text-sm text-slate-600">Loans you can work, most days past due first.</p>
      </div>
      <LoanListContent
        caption="My loans"
        page={page}
        pageNumber={pageNumber}
        loading={loading}
        error={error}
        onRetry={refetch}
        onPageChange={(next) => goToPage(next, page?.pageInfo.endCursor ?? null)}
        emptyTitle="No loans to work yet"
        emptyText="Loans appear here once they are in your scope; for agents, when a collection task on them is assigned to you."
      />
    </>
  );
}

function AllLoans({ role }: { role: string | undefined }) {
  const { params, after, pageNumber, goToPage, setFilters } = useUrlCursorPages();
  const filter = useMemo(() => loanFilterFrom(params), [params]);
  const sort = useMemo(() => loanSortFrom(params), [params]);
  const { page, loading, error, refetch } = useLoanList({ after, filter, sort });
  const { portfolios } = usePortfolios();
  const { agents } = useTeamMembers();
  const filtered = Object.keys(filter).length > 0;
  return (
    <>
      <title>Loans · CreditPathAI</title>
      <div className="mb-6 space-y-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Loans</h1>
          <p className="mt-1 text-sm text-slate-600">
            {role === "SUPERVISOR" ? "Your team's loans" : "Every team's loans"} in operational portfolios.
            Search, filter and sort them.
          </p>
        </div>
        <LoanFilterBar
          params={params}
          onChange={setFilters}
          portfolios={portfolios}
          agents={agents}
          showAgentTeams={role !== "SUPERVISOR"}
        />
      </div>
      <LoanListContent
        caption="Loans"
        detailed
        page={page}
        pageNumber={pageNumber}
        loading={loading}
        error={error}
        onRetry={refetch}
        onPageChange={(next) => goToPage(next, page?.pageInfo.endCursor ?? null)}
        emptyTitle={filtered ? "No loans match" : "No loans in your scope yet"}
        emptyText={
          filtered
            ? "Change the search or the filters, or clear them all."
            : "Loans appear here once tasks on them are assigned to your team's agents."
        }
      />
    </>
  );
}

interface LoanListContentProps {
  caption: string;
  detailed?: boolean;
  page: ReturnType<typeof useLoanList>["page"];
  pageNumber: number;
  loading: boolean;
  error: Error | undefined;
  onRetry: () => void;
  onPageChange: (pageNumber: number) => void;
  emptyTitle: string;
  emptyText: string;
}

function LoanListContent({
  caption,
  detailed,
  page,
  pageNumber,
  loading,
  error,
  onRetry,
  onPageChange,
  emptyTitle,
  emptyText,
}: LoanListContentProps) {
  if (error && !loading) {
    return <ErrorState title="Could not load the loans" message={error.message} onRetry={onRetry} />;
  }
  if (page === undefined) return <LoadingState label="Loading loans…" />;

  if (page.total === 0) return <EmptyState title={emptyTitle}>{emptyText}</EmptyState>;

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
      <LoanTable loans={page.items} busy={loading} caption={caption} detailed={detailed} />
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
