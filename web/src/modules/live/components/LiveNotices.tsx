import type { KeyboardEvent } from "react";
import { Link } from "react-router";
import type { LiveNotice } from "../liveNotice";

const TONES: Record<LiveNotice["tone"], string> = {
  info: "border-indigo-200 bg-white",
  warning: "border-amber-300 bg-amber-50",
};

const FOCUS = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";

interface LiveNoticesProps {
  notices: LiveNotice[];
  onDismiss: (id: string) => void;
  onDismissAll: () => void;
}

/**
 * Live notices, announced politely by screen readers and kept until dismissed (no timer takes them away
 * before they are read). Placed right after the header in the page's order, so Tab reaches them early.
 */
export function LiveNotices({ notices, onDismiss, onDismissAll }: LiveNoticesProps) {
  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>, id: string) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      onDismiss(id);
    }
  };
  return (
    <section
      aria-label="Notifications"
      className="pointer-events-none fixed inset-x-3 bottom-3 z-20 flex flex-col items-stretch gap-2 sm:inset-x-auto sm:right-4 sm:bottom-4 sm:w-96"
    >
      {notices.length > 1 && (
        <button
          type="button"
          onClick={onDismissAll}
          className={`pointer-events-auto self-end rounded-md bg-slate-900 px-3 py-1 text-xs font-medium text-white shadow ${FOCUS}`}
        >
          Dismiss all {notices.length} notices
        </button>
      )}
      <ol aria-live="polite" aria-relevant="additions text" className="flex flex-col gap-2">
        {notices.map((notice) => (
          <li
            key={notice.id}
            onKeyDown={(e) => onKeyDown(e, notice.id)}
            className={`pointer-events-auto flex items-start gap-3 rounded-lg border p-3 text-sm shadow-lg ${TONES[notice.tone]}`}
          >
            <span
              aria-hidden="true"
              className={notice.tone === "warning" ? "text-amber-700" : "text-indigo-600"}
            >
              {notice.tone === "warning" ? "⚠" : "●"}
            </span>
            <div className="min-w-0 flex-1">
              <p className="font-semibold break-words text-slate-900">{notice.title}</p>
              {notice.detail && <p className="mt-0.5 break-words text-slate-700">{notice.detail}</p>}
              {notice.link && (
                <Link
                  to={notice.link.to}
                  onClick={() => onDismiss(notice.id)}
                  className={`mt-1 inline-block font-medium text-indigo-700 underline underline-offset-2 ${FOCUS}`}
                >
                  {notice.link.label}
                </Link>
              )}
            </div>
            <button
              type="button"
              onClick={() => onDismiss(notice.id)}
              aria-label={`Dismiss: ${notice.title}`}
              className={`-m-1 rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900 ${FOCUS}`}
            >
              <span aria-hidden="true">✕</span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
