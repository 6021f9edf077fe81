import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse";
import ExcelJS from "exceljs";

export class ImportFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${path.basename(file)}: ${message}`);
    this.name = "ImportFileError";
  }
}

export interface TableRow {
  /** 1-based line (CSV) or row number (Excel) in the file, as a person opening it would count. */
  line: number;
  values: string[];
}

export interface TableFile {
  headers: string[];
  delimiter?: string;
  /** For progress: total bytes (CSV) and bytes read so far. */
  totalBytes: number;
  bytesRead(): number;
  rows: AsyncIterable<TableRow>;
}

const DELIMITERS = [",", ";", "\t", "|"] as const;

/** The delimiter that splits the header line into the most fields (quoted parts ignored). */
export function sniffDelimiter(firstLine: string): string {
  const unquoted = firstLine.replace(/"[^"]*"/g, "");
  let best: string = ",";
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const count = unquoted.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

async function readHead(file: string, bytes = 64 * 1024): Promise<Buffer> {
  const handle = await open(file, "r");
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function openCsv(file: string, delimiterOverride?: string): Promise<TableFile> {
  const { size } = await stat(file);
  const head = (await readHead(file)).toString("utf8").replace(/^\uFEFF/, "");
  if (head.trim() === "")
    throw new ImportFileError(file, "the file is empty: expected a header line and data rows");
  const firstLine = head.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = delimiterOverride ?? sniffDelimiter(firstLine);
  let bytes = 0;
  const stream = createReadStream(file);
  stream.on("data", (chunk) => {
    bytes += chunk.length;
  });
  const parser = stream.pipe(
    parse({
      delimiter,
      bom: true,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
    }),
  );
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{
    record: string[];
    info: { lines: number };
  }>;
  const first = await iterator.next();
  if (first.done) throw new ImportFileError(file, "the file has no header line");
  const headers = first.value.record;
  return {
    headers,
    delimiter,
    totalBytes: size,
    bytesRead: () => bytes,
    rows: (async function* () {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield { line: next.value.info.lines, values: next.value.record };
      }
    })(),
  };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().replace(/T00:00:00\.000Z$/, "");
  if (typeof value === "object") {
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value) return String(value.text);
    if ("error" in value) return "";
  }
  return String(value).trim();
}

async function openXlsx(file: string, sheetName?: string): Promise<TableFile> {
  const { size } = await stat(file);
  // Styles are what tell a date cell from a number: without them a date arrives as its serial (45429).
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
  });
  let rowsSeen = 0;
  let width: number | undefined;
  const rows = (async function* () {
    for await (const sheet of reader) {
      const ws = sheet as unknown as AsyncIterable<ExcelJS.Row> & { name: string };
      if (sheetName && ws.name !== sheetName) continue;
      for await (const row of ws) {
        rowsSeen++;
        // row.values is 1-based and sparse, and ends at the last non-empty cell: read every column up to
        // the header's width, so that an empty last cell is an empty value, not a missing column.
        const cells = row.values as ExcelJS.CellValue[];
        width ??= cells.length - 1;
        const values = Array.from({ length: Math.max(width, cells.length - 1) }, (_, i) =>
          cellText(cells[i + 1]),
        );
        yield { line: row.number, values };
      }
      return;
    }
  })();
  const iterator = rows[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done)
    throw new ImportFileError(
      file,
      `the workbook has no ${sheetName ? `sheet "${sheetName}" with ` : ""}rows`,
    );
  return {
    headers: first.value.values,
    totalBytes: size,
    // Excel files are zipped: progress is by rows, not bytes.
    bytesRead: () => Math.min(size, rowsSeen),
    rows: (async function* () {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        if (next.value.values.every((v) => v === "")) continue;
        yield next.value;
      }
    })(),
  };
}

export async function openTable(
  file: string,
  opts: { delimiter?: string; sheet?: string } = {},
): Promise<TableFile> {
  try {
    await stat(file);
  } catch {
    throw new ImportFileError(file, `cannot read ${file}: check the path`);
  }
  const ext = path.extname(file).toLowerCase();
  if (ext === ".xlsx") return openXlsx(file, opts.sheet);
  if (ext === ".xls")
    throw new ImportFileError(file, "old .xls workbooks are not supported: save it as .xlsx or .csv");
  return openCsv(file, opts.delimiter);
}
