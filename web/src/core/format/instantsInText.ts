// ISO 8601 instants with an offset, as servers write them into prose ("Not before 2026-12-01T14:00:00.000Z").
const INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})/g;

export type TextPart = { kind: "text"; text: string } | { kind: "instant"; iso: string };

/**
 * Splits text at the instants it quotes, so that a view can show each in the reader's time zone rather than
 * as raw UTC. It only changes how times are displayed: nothing is decided from the text.
 */
export function splitInstants(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(INSTANT)) {
    const start = match.index ?? 0;
    if (Number.isNaN(Date.parse(match[0]))) continue;
    if (start > last) parts.push({ kind: "text", text: text.slice(last, start) });
    parts.push({ kind: "instant", iso: match[0] });
    last = start + match[0].length;
  }
  if (last < text.length) parts.push({ kind: "text", text: text.slice(last) });
  return parts;
}
