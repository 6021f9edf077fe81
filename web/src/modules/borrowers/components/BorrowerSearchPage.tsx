import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { EmptyState } from "../../../core/ui/EmptyState";
import { ErrorState } from "../../../core/ui/ErrorState";
import { FIELD_CONTROL, FIELD_LABEL, PRIMARY_BUTTON } from "../../../core/ui/fieldStyles";
import { LoadingState } from "../../../core/ui/LoadingState";
import { MIN_QUERY, RESULT_LIMIT, useBorrowerSearch } from "../hooks/useBorrowerSearch";
import { BorrowerResultCard } from "./BorrowerResultCard";

/** Find a borrower by name, reference or phone number, and go to their loans. */
export function BorrowerSearchPage() {
  const [params, setParams] = useSearchParams();
  const urlQuery = params.get("q") ?? "";
  const [text, setText] = useState(urlQuery);
  // The back button changes the URL under the form: the box follows it.
  useEffect(() => setText(urlQuery), [urlQuery]);
  const { results, loading, error, retry } = useBorrowerSearch(urlQuery);
  const tooShort = text.trim().length > 0 && text.trim().length < MIN_QUERY;

  return (
    <>
      <title>Borrowers · CreditPathAI</title>
      <div className="space-y-6">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Borrowers</h1>
          <p className="mt-1 text-sm text-slate-600">
            Find a borrower in your scope by name, borrower or loan reference, or phone number.
          </p>
        </div>
        <search aria-label="Borrowers">
          <form
            aria-label="Search borrowers"
            className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
            onSubmit={(e) => {
              e.preventDefault();
              const q = text.trim();
              if (q.length >= MIN_QUERY) setParams({ q });
            }}
          >
            <div className="min-w-0 flex-1 basis-64">
              <label htmlFor="borrower-search" className={FIELD_LABEL}>
                Name, reference or phone number
              </label>
              <input
                id="borrower-search"
                type="search"
                value={text}
                onChange={(e) => setText(e.target.value)}
                aria-describedby="borrower-search-hint"
                className={FIELD_CONTROL}
              />
              <p
                id="borrower-search-hint"
                className={`mt-1 text-xs ${tooShort ? "text-red-800" : "text-slate-500"}`}
              >
                At least {MIN_QUERY} characters; names match from 3, phone numbers from 6 digits.
              </p>
            </div>
            <button
              type="submit"
              className={`${PRIMARY_BUTTON} mb-5`}
              disabled={text.trim().length < MIN_QUERY}
            >
              Search
            </button>
          </form>
        </search>
        <Results query={urlQuery} results={results} loading={loading} error={error} retry={retry} />
      </div>
    </>
  );
}

function Results({
  query,
  results,
  loading,
  error,
  retry,
}: { query: string } & ReturnType<typeof useBorrowerSearch>) {
  if (query.trim().length < MIN_QUERY) return null;
  if (error && !loading)
    return <ErrorState title="The search failed" message={error.message} onRetry={retry} />;
  if (results === undefined) return <LoadingState label="Searching…" />;
  if (results.length === 0) {
    return (
      <EmptyState title={`No borrower matches “${query}”`}>
        Check the spelling, try part of the name, or the loan reference. Only borrowers of loans in your scope
        are found.
      </EmptyState>
    );
  }
  return (
    <section aria-labelledby="borrower-results" aria-busy={loading}>
      <h2 id="borrower-results" className="mb-3 text-lg font-semibold text-slate-900">
        {results.length === 1 ? "1 borrower" : `${results.length} borrowers`} found
        {results.length === RESULT_LIMIT && (
          <span className="text-sm font-normal text-slate-600">
            {" "}
            (the best {RESULT_LIMIT}: narrow the search for others)
          </span>
        )}
      </h2>
      <ul className="space-y-3">
        {results.map((b) => (
          <BorrowerResultCard key={b.id} borrower={b} />
        ))}
      </ul>
    </section>
  );
}
