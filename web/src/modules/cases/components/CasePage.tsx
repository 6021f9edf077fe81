import { Link, useParams } from "react-router";
import { EmptyState } from "../../../core/ui/EmptyState";
import { ErrorState } from "../../../core/ui/ErrorState";
import { LoadingState } from "../../../core/ui/LoadingState";
import { useCaseView } from "../hooks/useCaseView";
import { CaseView } from "./CaseView";

const LINK = "text-indigo-700 underline-offset-2 hover:underline";

function BackToLoans() {
  return (
    <Link to="/loans" className={`mb-4 inline-block text-sm font-medium ${LINK}`}>
      <span aria-hidden="true">← </span>My loans
    </Link>
  );
}

/** /loans/:id: the case an agent works, or why it cannot be shown. */
export function CasePage() {
  const { id = "" } = useParams();
  const state = useCaseView(id);

  switch (state.kind) {
    case "loading":
      return (
        <>
          <BackToLoans />
          <LoadingState label="Loading the case…" />
        </>
      );
    case "notFound":
      return (
        <>
          <title>Loan not found · CreditPathAI</title>
          <BackToLoans />
          <h1 className="sr-only">Loan not found</h1>
          <EmptyState title="Loan not found">
            This loan does not exist or you do not have access to it. Check the link, or pick a loan from your
            list.
          </EmptyState>
        </>
      );
    case "error":
      return (
        <>
          <BackToLoans />
          <ErrorState
            title="Could not load this case"
            message={`${state.error.message}. Check your connection and try again.`}
            onRetry={state.retry}
          />
        </>
      );
    case "ready":
      return (
        <>
          <BackToLoans />
          <CaseView loan={state.loan} />
        </>
      );
  }
}
