import { Link } from "react-router";
import { EmptyState } from "../../../core/ui/EmptyState";

export function NotFoundPage() {
  return (
    <>
      <title>Page not found · CreditPathAI</title>
      <h1 className="sr-only">Page not found</h1>
      <EmptyState title="Page not found">
        There is nothing at this address.{" "}
        <Link to="/loans" className="font-medium text-indigo-700 underline">
          Go to my loans
        </Link>
      </EmptyState>
    </>
  );
}
