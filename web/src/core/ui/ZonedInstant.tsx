import { browserTimeZone } from "../format/instants";
import { formatInstant, sameWallClock } from "../format/zonedTime";

/**
 * An instant in someone else's time zone (a borrower's) and in the reader's, each named; once when both read
 * the same wall-clock time.
 */
export function ZonedInstant({
  iso,
  timeZone,
  whose = "borrower's",
}: {
  iso: string;
  timeZone: string;
  /** Whose zone `timeZone` is, as in "borrower's time". */
  whose?: string;
}) {
  const theirs = formatInstant(iso, timeZone);
  const yours = formatInstant(iso) ?? iso;
  const at = Date.parse(iso);
  if (theirs === null) return <time dateTime={iso}>{yours} (your time)</time>;
  if (sameWallClock(timeZone, browserTimeZone(), at)) {
    return (
      <time dateTime={iso}>
        {theirs} ({whose} time and yours)
      </time>
    );
  }
  return (
    <time dateTime={iso}>
      <span className="whitespace-nowrap">{theirs}</span> {whose} time ·{" "}
      <span className="whitespace-nowrap">{yours}</span> your time
    </time>
  );
}
