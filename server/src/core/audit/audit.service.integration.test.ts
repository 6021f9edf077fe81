import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/test-app.js";
import { AuditService } from "./audit.service.js";

describe("the audit trail under concurrent writes", () => {
  let app: TestApp;
  const tag = `audit-test-${randomUUID()}`;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.services.db.auditLog.deleteMany({ where: { requestId: tag } });
    await app.close();
  });

  it("commits every record before its caller goes on, and one bad record fails only its own caller", async () => {
    const audit = new AuditService(app.services.pool);
    const good = Array.from({ length: 300 }, (_, i) =>
      audit.record({ action: "test.concurrent", requestId: tag, details: { i } }).then(async () => {
        // The caller's own record is already there when its promise resolves.
        const row = await app.services.db.auditLog.findFirst({
          where: { requestId: tag, details: { path: ["i"], equals: i } },
        });
        expect(row).not.toBeNull();
      }),
    );
    // A user that does not exist breaks the foreign key: this record cannot be written.
    const bad = audit.record({
      actor: { kind: "user", userId: randomUUID(), role: "AGENT", teamId: null } as never,
      action: "test.concurrent",
      requestId: tag,
      details: { i: -1 },
    });
    const outcomes = await Promise.allSettled([...good, bad]);
    expect(outcomes.slice(0, 300).every((o) => o.status === "fulfilled")).toBe(true);
    expect(outcomes[300]?.status).toBe("rejected");
    expect(await app.services.db.auditLog.count({ where: { requestId: tag } })).toBe(300);
  });

  it("writes records taken without waiting by the time flush resolves, and reports one that fails", async () => {
    const failures: string[] = [];
    const audit = new AuditService(app.services.pool, (action) => failures.push(action));
    for (let i = 0; i < 50; i++) audit.recordLater({ action: "test.later", requestId: tag, details: { i } });
    audit.recordLater({
      actor: { kind: "user", userId: randomUUID(), role: "AGENT", teamId: null } as never,
      action: "test.later.bad",
      requestId: tag,
    });
    await audit.flush();
    expect(await app.services.db.auditLog.count({ where: { requestId: tag, action: "test.later" } })).toBe(
      50,
    );
    expect(failures).toEqual(["test.later.bad"]);
  });
});
