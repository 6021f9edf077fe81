import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { login, startTestApp, type TestApp } from "../../../test/test-app.js";
import { hashPassword } from "../../core/auth/password.js";
import { CARD_FILE, MODEL_FILE } from "../scoring/model-registry.js";

const get = async (app: TestApp, route: string, token?: string) => {
  const res = await fetch(`${app.baseUrl}${route}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, text: await res.text() };
};

describe("health: liveness, readiness and the administrators' details", () => {
  let modelDir: string;
  let app: TestApp;
  let w: World;
  let adminEmail: string;

  beforeAll(async () => {
    // A copy of the served model, which this test then breaks.
    modelDir = mkdtempSync(path.join(os.tmpdir(), "creditpath-health-model-"));
    for (const f of [MODEL_FILE, CARD_FILE])
      copyFileSync(path.join(inject("servedModelDir"), f), path.join(modelDir, f));
    app = await startTestApp(modelDir);
    w = await createWorld(app.services.db);
    adminEmail = `health-admin-${w.tag}@test.local`;
    await app.services.db.user.create({
      data: {
        email: adminEmail,
        displayName: "admin",
        role: "ADMIN",
        passwordHash: await hashPassword(PASSWORD),
      },
    });
  });

  afterAll(async () => {
    await destroyWorld(app.services.db, w);
    await app.services.db.user.delete({ where: { email: adminEmail } });
    await app.close();
    rmSync(modelDir, { recursive: true, force: true });
  });

  it("is ready with a database and the deployed model, and says which version serves", async () => {
    const live = await get(app, "/health/live");
    expect(live.status).toBe(200);
    const ready = await get(app, "/health");
    expect(ready.status).toBe(200);
    const body = JSON.parse(ready.text);
    expect(body).toMatchObject({ status: "ok", failing: [], database: { ok: true }, model: { ok: true } });
    expect(body.model.version).toBe((app.services.models.status() as { version: string }).version);
  });

  it("is not ready when a model reload failed, while the previous model still scores, and shows no path", async () => {
    const serving = app.services.models.status() as { version: string };
    writeFileSync(path.join(modelDir, MODEL_FILE), "not an onnx model");
    await expect(app.services.models.load()).rejects.toThrow();

    const ready = await get(app, "/health");
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.text)).toMatchObject({
      status: "unavailable",
      failing: ["model"],
      model: { ok: false, state: "reload-failed", version: serving.version },
    });
    expect(ready.text).not.toContain(modelDir);
    expect(ready.text).not.toContain(os.tmpdir());
    expect((await get(app, "/health/live")).status).toBe(200);

    // An administrator sees why; anyone else is refused, and nobody unsigned gets in.
    const admin = await login(app, adminEmail, PASSWORD);
    const details = await get(app, "/health/details", admin);
    expect(details.status).toBe(200);
    expect(JSON.parse(details.text).model).toMatchObject({
      state: "loaded",
      version: serving.version,
      reloadError: expect.stringMatching(/could not be loaded/),
    });
    expect((await get(app, "/health/details", await login(app, w.agentA.email, PASSWORD))).status).toBe(403);
    expect((await get(app, "/health/details")).status).toBe(401);
  });
});
