/** Wall-clock parts of an instant in an IANA time zone. */
export interface LocalParts {
  date: string; // YYYY-MM-DD
  minutes: number; // minutes since local midnight
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

// formatToParts is slow and the contact rules ask for the same few minutes again and again (every loan of
// a rescoring shares "now"): the wall clock only changes per whole minute, so that is the cache key.
const partsCache = new Map<string, LocalParts>();
const PARTS_CACHE_LIMIT = 50_000;

export function localParts(at: Date, timeZone: string): LocalParts {
  const minute = Math.floor(at.getTime() / 60_000);
  const key = `${timeZone}|${minute}`;
  const hit = partsCache.get(key);
  if (hit) return hit;
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const found: LocalParts = {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
  if (partsCache.size >= PARTS_CACHE_LIMIT) partsCache.clear();
  partsCache.set(key, Object.freeze(found));
  return found;
}

/** The instant when the wall clock in `timeZone` shows `date` at `minutes` past midnight (DST-aware). */
export function instantAtLocal(date: string, minutes: number, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const wanted = Date.UTC(y, m - 1, d, 0, minutes);
  let guess = wanted;
  // Two corrections settle the zone offset, including across a DST change.
  for (let i = 0; i < 2; i++) {
    const shown = localParts(new Date(guess), timeZone);
    const [sy, sm, sd] = shown.date.split("-").map(Number) as [number, number, number];
    guess += wanted - Date.UTC(sy, sm - 1, sd, 0, shown.minutes);
  }
  return new Date(guess);
}

export function nextLocalDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
