import { Writable } from "node:stream";
import { createLogger, type Logger } from "../src/core/logging/logger.js";

/** A server logger at info level whose output a test reads back: everything written, and as JSON lines. */
export function captureLog<Line = Record<string, unknown>>(): {
  log: Logger;
  written(): string;
  lines(): Line[];
} {
  let text = "";
  const sink = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  const log = createLogger("test", sink);
  log.level = "info";
  return {
    log,
    written: () => text,
    lines: () =>
      text
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => JSON.parse(l) as Line),
  };
}
