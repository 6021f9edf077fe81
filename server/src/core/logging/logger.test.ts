import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { createLogger, REDACTED_PATHS } from "./logger.js";

describe("log redaction", () => {
  it("never writes passwords, tokens or a borrower's contact details", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = pino({ redact: { paths: REDACTED_PATHS, censor: "[redacted]" } }, sink);
    log.info(
      {
        password: "hunter2hunter2",
        borrower: { fullName: "Maria Santos", email: "maria@example.com", phone: "+1-555-0101" },
        req: { headers: { authorization: "Bearer abc.def.ghi", "x-api-key": "cpk_123_secret" } },
      },
      "something happened",
    );
    const written = lines.join("");
    for (const secret of [
      "hunter2hunter2",
      "Maria Santos",
      "maria@example.com",
      "+1-555-0101",
      "abc.def.ghi",
      "cpk_123_secret",
    ]) {
      expect(written).not.toContain(secret);
    }
    expect(written).toContain("something happened");
  });

  it("gives a request's path without its query string, where a GraphQL GET carries its variables", () => {
    let written = "";
    const sink = new Writable({
      write(chunk, _enc, done) {
        written += String(chunk);
        done();
      },
    });
    const log = createLogger("test", sink);
    log.level = "info";
    const variables = encodeURIComponent(JSON.stringify({ input: { currentPassword: "hunter2hunter2" } }));
    log.info({ req: { method: "GET", url: `/graphql?query=mutation&variables=${variables}` } }, "incoming");
    expect(written).not.toContain("hunter2");
    expect(JSON.parse(written).req).toMatchObject({ method: "GET", url: "/graphql" });
  });
});
