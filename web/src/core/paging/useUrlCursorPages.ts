import { useRef } from "react";
import { useSearchParams } from "react-router";

function parsePageNumber(raw: string | null): number {
  const page = Number(raw);
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

export interface UrlCursorPages {
  /** Every URL parameter: the page's filters live there too. */
  params: URLSearchParams;
  /** The cursor the current page starts after (null: the first page). */
  after: string | null;
  pageNumber: number;
  /** Goes to page `next`: the one after (from the page's endCursor) or one visited before. */
  goToPage: (next: number, endCursor: string | null) => void;
  /** Sets filter parameters (null or "" removes one) and goes back to the first page. */
  setFilters: (entries: Record<string, string | null>) => void;
}

/**
 * Cursor pages of a list whose place (page number and start cursor) and filters live in the URL, so that the
 * back button and shared links land on the same page. Lists page forward by cursor: the start of each page
 * visited is remembered, so that Previous goes back one page; a shared link's earlier pages are read again
 * from the first one.
 */
export function useUrlCursorPages(): UrlCursorPages {
  const [params, setParams] = useSearchParams();
  const after = params.get("after");
  const pageNumber = after ? parsePageNumber(params.get("page")) : 1;
  const starts = useRef(new Map<number, string | null>([[1, null]]));
  starts.current.set(pageNumber, after);

  const goToPage = (next: number, endCursor: string | null) => {
    const start = next === pageNumber + 1 ? endCursor : starts.current.get(next);
    const out = new URLSearchParams(params);
    out.delete("page");
    out.delete("after");
    if (next !== 1 && start) {
      out.set("page", String(next));
      out.set("after", start);
    }
    setParams(out);
    // The pager sits below the list; the new page should be read from its first row.
    window.scrollTo({ top: 0 });
  };

  const setFilters = (entries: Record<string, string | null>) => {
    const out = new URLSearchParams(params);
    out.delete("page");
    out.delete("after");
    for (const [key, value] of Object.entries(entries)) {
      out.delete(key);
      if (value) out.set(key, value);
    }
    starts.current = new Map([[1, null]]);
    setParams(out, { replace: true });
  };

  return { params, after, pageNumber, goToPage, setFilters };
}

/** A comma-separated URL parameter as the values among `allowed` it names (unknown ones are dropped). */
export function listParam<T extends string>(
  params: URLSearchParams,
  key: string,
  allowed: readonly T[],
): T[] {
  const raw = params.get(key);
  if (!raw) return [];
  return raw.split(",").filter((v): v is T => (allowed as readonly string[]).includes(v));
}
