import type { ReactNode } from "react";
import { Link } from "react-router";
import { formatDateTime } from "../../../core/format/dateTime";
import { TEXT_LINK } from "../../../core/ui/buttonStyles";
import { EmptyState } from "../../../core/ui/EmptyState";
import { ErrorState } from "../../../core/ui/ErrorState";
import { LoadingState } from "../../../core/ui/LoadingState";
import { useSession } from "../../auth/hooks/useSession";
import type { UserRole } from "../../auth/session.types";
import { usePolicyVersions } from "../hooks/usePolicyVersions";
import { parsePolicyDefinition } from "../policyModel";
import { PolicyWorkspace } from "./PolicyWorkspace";

function Heading() {
  return <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Recommendation policy</h1>;
}

export function PolicyPage() {
  const { session } = useSession();
  const role = session?.user.role;
  if (!role || role === "AGENT") {
    return (
      <>
        <title>Recommendation policy · CreditPathAI</title>
        <div className="mb-6">
          <Heading />
        </div>
        <EmptyState title="You have no access to the policy editor">
          Supervisors, recovery managers and admins edit the recommendation policy. Your{" "}
          <Link to="/worklist" className={TEXT_LINK}>
            worklist
          </Link>{" "}
          shows what it recommends for your cases.
        </EmptyState>
      </>
    );
  }
  return <PolicyLoader role={role} />;
}

function PolicyLoader({ role }: { role: Exclude<UserRole, "AGENT"> }) {
  const { versions, active, loading, error, refetch } = usePolicyVersions();
  const canActivate = role === "MANAGER" || role === "ADMIN";
  const definition = active ? parsePolicyDefinition(active.definition) : null;

  const intro = (
    <div className="mb-6">
      <Heading />
      {active && (
        <p className="mt-1 text-sm text-slate-600">
          Version {active.version} is in force
          {active.activatedAt
            ? ` since ${formatDateTime(active.activatedAt)}${active.activatedBy ? `, activated by ${active.activatedBy.displayName}` : ""}`
            : ""}
          .{" "}
          {canActivate
            ? "Save your changes as a draft, then activate it: every loan follows it from its next rescoring."
            : "You save changes as drafts; a recovery manager or an admin activates them."}
        </p>
      )}
    </div>
  );

  let body: ReactNode;
  if (error && !loading && !versions) {
    body = (
      <ErrorState
        title="Could not load the recommendation policy"
        message={`${error.message} Check your connection and try again.`}
        onRetry={refetch}
      />
    );
  } else if (!versions || !active) {
    body = <LoadingState label="Loading the policy…" />;
  } else if (!definition) {
    body = (
      <ErrorState
        title={`Version ${active.version} has a shape this portal does not know`}
        message="The server is newer than this page: reload the portal to get its latest version."
      />
    );
  } else {
    body = (
      <PolicyWorkspace
        active={active}
        activeDefinition={definition}
        versions={versions}
        canActivate={canActivate}
      />
    );
  }

  return (
    <>
      <title>Recommendation policy · CreditPathAI</title>
      {intro}
      {body}
    </>
  );
}
