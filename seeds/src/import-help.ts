import type { FieldSpec, ImportSource } from "../../server/src/modules/imports/import-source.js";

function typeOf(f: FieldSpec): string {
  const range = [
    f.greaterThan !== undefined
      ? `>${f.greaterThan}`
      : f.min !== undefined && f.min > -1e9
        ? `>=${f.min}`
        : "",
    // Storage limits (a trillion) say nothing useful to someone filling in a file.
    f.max !== undefined && f.max < 1e9 ? `<=${f.max}` : "",
  ]
    .filter(Boolean)
    .join(" ");
  return range ? `${f.type} ${range}` : f.type;
}

function notesOf(f: FieldSpec): string {
  const codes = f.allowed ? `${f.allowed.join("|")}` : "";
  return [codes, f.description ?? ""].filter(Boolean).join("; ");
}

/** The field table of one source, generated from its specs so that the help can never drift from the code. */
export function describeFields(source: ImportSource): string {
  const rows = source.fields.map((f) => [f.field, f.header, f.required ? "yes" : "", typeOf(f), notesOf(f)]);
  const head = ["field", "default header", "required", "type", "notes"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    `    ${cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd()}`;
  const traits = [
    source.global
      ? "belongs to no portfolio"
      : source.defaultPortfolio
        ? `portfolio "${source.defaultPortfolio.name}" unless --portfolio`
        : "needs --portfolio and --as-of",
    // Generated like the rest, so the help says what kind a new portfolio gets without --kind.
    source.global
      ? ""
      : `a new portfolio is ${(source.defaultKind ?? "OPERATIONAL").toLowerCase()} unless --kind`,
    source.keepsAttributes ? 'keeps extra columns listed in the mapping\'s "attributes"' : "",
  ].filter(Boolean);
  return [
    `  ${source.name}: ${source.description} (${traits.join("; ")})`,
    line(head),
    ...rows.map(line),
  ].join("\n");
}
