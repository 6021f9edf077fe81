import type pg from "pg";

export interface QueryTimer {
  reset(): void;
  top(n: number): { statement: string; seconds: number }[];
}

/** A short, stable name for a statement: its verb and the table it works on. */
function label(text: string): string {
  const t = text.trim();
  if (t.startsWith("WITH src")) {
    const target = /(INSERT INTO|UPDATE) ("\w+")/.exec(t);
    return `merge ${target?.[2] ?? "?"}${target?.[1] === "UPDATE" ? " (update)" : ""}`;
  }
  if (t.startsWith("SELECT s.line")) return `reference check ${/LEFT JOIN ("\w+")/.exec(t)?.[1] ?? "?"}`;
  const m = /^(COPY|UPDATE|INSERT INTO|CREATE TEMP TABLE|DROP TABLE)\s+("?\w+"?)/.exec(t);
  return m ? `${m[1]?.split(" ")[0]?.toLowerCase()} ${m[2]}` : (t.split(/\s+/)[0] ?? "?").toLowerCase();
}

/**
 * Times every statement of the pool's connections, by label. Wraps each connection's `query` as the pool
 * opens it (the pool's own "connect" event), so the code under measurement is not changed.
 */
export function createQueryTimer(pool: pg.Pool): QueryTimer {
  const totals = new Map<string, number>();
  pool.on("connect", (client) => {
    const original = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const first = args[0] as string | { text?: string } | undefined;
      const text = typeof first === "string" ? first : (first?.text ?? "COPY");
      const key = label(text);
      const started = performance.now();
      const add = () => totals.set(key, (totals.get(key) ?? 0) + performance.now() - started);
      const res = original(...args) as { then?: unknown; on?: (e: string, f: () => void) => void };
      if (res && typeof res.then === "function") (res as Promise<unknown>).then(add, add);
      else if (res && typeof res.on === "function") {
        // A COPY stream: finished when the server has taken it all.
        res.on("finish", add);
        res.on("error", add);
      }
      return res;
    };
  });
  return {
    reset: () => totals.clear(),
    top: (n) =>
      [...totals]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([statement, ms]) => ({ statement, seconds: Math.round(ms / 100) / 10 })),
  };
}
