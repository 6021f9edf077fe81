import type { ReactNode } from "react";

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  numeric?: boolean;
}

interface ResponsiveTableProps<T> {
  /** Names the table (and the card list that stands in for it on a phone). */
  caption: string;
  /** The first column heads each row. */
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
}

const HEADER_CELL = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600";
const CELL = "whitespace-nowrap px-3 py-2 text-sm text-slate-700";

/** A table from md up; below, one card per row with the same figures, so a phone never scrolls sideways. */
export function ResponsiveTable<T>({ caption, columns, rows, rowKey }: ResponsiveTableProps<T>) {
  const [head, ...rest] = columns;
  if (head === undefined) return null;
  return (
    <>
      <table className="hidden min-w-full divide-y divide-slate-200 md:table">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" className={`${HEADER_CELL} ${c.numeric ? "text-right" : ""}`}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              <th scope="row" className={`${CELL} text-left font-medium text-slate-900`}>
                {head.cell(row)}
              </th>
              {rest.map((c) => (
                <td key={c.header} className={`${CELL} ${c.numeric ? "text-right tabular-nums" : ""}`}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <ul aria-label={caption} className="divide-y divide-slate-100 md:hidden">
        {rows.map((row) => (
          <li key={rowKey(row)} className="py-3">
            <p className="text-sm font-medium text-slate-900">{head.cell(row)}</p>
            <dl className="mt-1 grid grid-cols-2 gap-x-4 gap-y-1">
              {rest.map((c) => (
                <div key={c.header} className="min-w-0">
                  <dt className="text-xs text-slate-500">{c.header}</dt>
                  <dd className="text-sm break-words text-slate-800 tabular-nums">{c.cell(row)}</dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
