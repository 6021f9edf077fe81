import { Link } from "react-router";
import { QUEUE_VIEWS, type QueueStatus } from "../escalationLabels";

const TAB =
  "rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";

/** The queue's states as links (the state lives in the URL, so back and shared links land on it). */
export function QueueTabs({ current }: { current: QueueStatus }) {
  return (
    <nav aria-label="Escalation states" className="mb-4">
      <ul className="inline-flex flex-wrap gap-1 rounded-lg bg-slate-100 p-1">
        {QUEUE_VIEWS.map((view) => {
          const active = view.status === current;
          return (
            <li key={view.status}>
              <Link
                to={view.status === "OPEN" ? "/escalations" : `/escalations?status=${view.status}`}
                aria-current={active ? "page" : undefined}
                className={`${TAB} ${active ? "bg-white text-slate-900 shadow-sm" : "text-slate-700 hover:bg-white/60"}`}
              >
                {view.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
