import type { ReactNode } from "react";

/** A named region of the case view: a landmark with its heading, so it can be found by heading or region. */
export function CaseSection({
  id,
  title,
  actions,
  children,
}: {
  id: string;
  title: string;
  /** Controls shown beside the heading (a toggle, a count). */
  actions?: ReactNode;
  children: ReactNode;
}) {
  const headingId = `${id}-heading`;
  return (
    <section
      id={id}
      aria-labelledby={headingId}
      className="min-w-0 scroll-mt-4 rounded-lg border border-slate-200 bg-white shadow-sm"
    >
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-3 sm:px-5">
        <h2 id={headingId} className="text-sm font-semibold text-slate-900">
          {title}
        </h2>
        {actions}
      </div>
      <div className="px-4 py-4 sm:px-5">{children}</div>
    </section>
  );
}
