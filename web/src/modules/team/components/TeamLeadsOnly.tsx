import { Link } from "react-router";
import { EmptyState } from "../../../core/ui/EmptyState";
import { TEXT_LINK } from "../../../core/ui/fieldStyles";

/** What an agent sees on a page for supervisors, managers and admins (the API would refuse them anyway). */
export function TeamLeadsOnly({ title }: { title: string }) {
  return (
    <>
      <title>{`${title} · CreditPathAI`}</title>
      <h1 className="mb-6 text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
      <EmptyState title="This page is for supervisors, managers and admins">
        Your work is on your{" "}
        <Link to="/worklist" className={TEXT_LINK}>
          worklist
        </Link>
        .
      </EmptyState>
    </>
  );
}
