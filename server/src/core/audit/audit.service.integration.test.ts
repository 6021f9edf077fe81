import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
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

  it("writes records nobody waits for within moments, in one statement with a record someone waits for", async () => {
    let statements = 0;
    const counting = {
      query: (...args: unknown[]) => {
        statements++;
        return (app.services.pool.query as (...a: unknown[]) => unknown)(...args);
      },
    } as unknown as pg.Pool;
    const audit = new AuditService(counting);
    for (let i = 0; i < 40; i++)
      audit.recordLater({ action: "test.batched", requestId: tag, details: { i } });
    // Nothing is written yet, even once the event loop has turned: the records wait for more to join them...
    await new Promise((resolve) => setImmediate(resolve));
    expect(statements).toBe(0);
    // ...until someone waits for a record: everything queued goes in its statement.
    await audit.record({ action: "test.batched", requestId: tag, details: { i: 40 } });
    expect(statements).toBe(1);
    expect(await app.services.db.auditLog.count({ where: { requestId: tag, action: "test.batched" } })).toBe(
      41,
    );

    // Without anyone waiting or a flush, they are still written shortly after.
    for (let i = 0; i < 10; i++)
      audit.recordLater({ action: "test.unwaited", requestId: tag, details: { i } });
    await vi.waitFor(
      async () =>
        expect(
          await app.services.db.auditLog.count({ where: { requestId: tag, action: "test.unwaited" } }),
        ).toBe(10),
      { timeout: 2000, interval: 20 },
    );
    expect(statements).toBe(2);
  });
});
