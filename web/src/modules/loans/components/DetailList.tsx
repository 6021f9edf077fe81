import type { ReactNode } from "react";
import { NotRecorded } from "../../../core/ui/NotRecorded";

export interface DetailItem {
  label: string;
  value: ReactNode;
}

/** A labelled card of term/value pairs; null or empty values render as an accessible "not recorded". */
export function DetailList({ title, items }: { title: string; items: DetailItem[] }) {
  const headingId = `details-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <h2 id={headingId} className="border-b border-slate-200 px-5 py-3 text-sm font-semibold text-slate-900">
        {title}
      </h2>
      <dl className="divide-y divide-slate-100">
        {items.map(({ label, value }) => (
          <div key={label} className="grid grid-cols-5 gap-4 px-5 py-2.5">
            <dt className="col-span-2 text-sm text-slate-600">{label}</dt>
            <dd className="col-span-3 text-sm break-words text-slate-900">
              {value === null || value === undefined || value === "" ? <NotRecorded /> : value}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
