import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, destroyWorld, PASSWORD, type World } from "../../../test/fixtures.js";
import { gql, login, startTestApp, type TestApp } from "../../../test/test-app.js";
import { DEFAULT_POLICY } from "./policy.js";

const SAVE = `mutation Save($definition: JSON!, $note: String) { saveRecommendationPolicyDraft(definition: $definition, note: $note) { version definition active createdBy { id displayName } } }`;
const ACTIVATE =
  "mutation($v: Int!) { activateRecommendationPolicy(version: $v) { version active activatedById activatedBy { displayName } } }";
const ACTIVE = "{ recommendationPolicy { version definition } }";

describe("the recommendation policy in the database", () => {
  let app: TestApp;
  let w: World;

  beforeAll(async () => {
    app = await startTestApp();
    w = await createWorld(app.services.db);
  });
  afterAll(async () => {
    // Without an active version the next reader installs the default again.
    await app.services.db.recommendationPolicy.deleteMany({
      where: { createdById: { in: [w.supervisorA.id, w.manager.id] } },
    });
    await destroyWorld(app.services.db, w);
    await app.close();
  });

  it("takes a supervisor's change as a draft that alters nothing until a manager activates it", async () => {
    const agent = await login(app, w.agentA.email, PASSWORD);
    const first = await gql(app, ACTIVE, {}, agent);
    const start = Number((first.body.data?.recommendationPolicy as { version: number } | undefined)?.version);
    expect(start).toBeGreaterThanOrEqual(1);

    const supervisor = await login(app, w.supervisorA.email, PASSWORD);
    const stricter = {
      ...DEFAULT_POLICY,
      contactRules: { ...DEFAULT_POLICY.contactRules, maxCallAttemptsPer7Days: 3 },
    };
    const saved = await gql(app, SAVE, { definition: stricter, note: "fewer calls" }, supervisor);
    expect(saved.body.errors).toBeUndefined();
    const draft = saved.body.data?.saveRecommendationPolicyDraft as {
      version: number;
      active: boolean;
      createdBy: { id: string; displayName: string } | null;
    };
    expect(draft.active).toBe(false);
    // Named, so that a supervisor's screen can say who saved it without seeing the roster.
    expect(draft.createdBy).toEqual({ id: w.supervisorA.id, displayName: w.supervisorA.displayName });
    // Still the old policy for every team.
    const meanwhile = await gql(app, ACTIVE, {}, agent);
    expect((meanwhile.body.data?.recommendationPolicy as { version: number } | undefined)?.version).toBe(
      start,
    );
    expect((await app.services.policies.active()).version).toBe(start);

    // A supervisor cannot put it into force for everyone.
    const refused = await gql(app, ACTIVATE, { v: draft.version }, supervisor);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const manager = await login(app, w.manager.email, PASSWORD);
    const activated = await gql(app, ACTIVATE, { v: draft.version }, manager);
    expect(activated.body.data?.activateRecommendationPolicy).toEqual({
      version: draft.version,
      active: true,
      activatedById: w.manager.id,
      activatedBy: { displayName: w.manager.displayName },
    });
    const now = await gql(app, ACTIVE, {}, agent);
    const active = now.body.data?.recommendationPolicy as {
      version: number;
      definition: typeof DEFAULT_POLICY;
    };
    expect(active.version).toBe(draft.version);
    expect(active.definition.contactRules.maxCallAttemptsPer7Days).toBe(3);
    expect(await app.services.db.recommendationPolicy.count({ where: { active: true } })).toBe(1);
    for (const [action, actor] of [
      ["graphql.saveRecommendationPolicyDraft", w.supervisorA.id],
      ["graphql.activateRecommendationPolicy", w.manager.id],
    ]) {
      const audit = await app.services.db.auditLog.findFirst({
        where: { action, actorUserId: actor, outcome: "SUCCESS" },
      });
      expect(audit, action).not.toBeNull();
    }
    const missing = await gql(app, ACTIVATE, { v: 999_999 }, manager);
    expect(missing.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("refuses an agent, and a policy that leaves cases without an action", async () => {
    const agent = await login(app, w.agentA.email, PASSWORD);
    const denied = await gql(app, SAVE, { definition: DEFAULT_POLICY }, agent);
    expect(denied.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const manager = await login(app, w.manager.email, PASSWORD);
    const gap = {
      ...DEFAULT_POLICY,
      rules: DEFAULT_POLICY.rules.filter((r) => !r.when.tiers?.includes("LOW")),
    };
    const bad = await gql(app, SAVE, { definition: gap }, manager);
    expect(bad.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(bad.body.errors?.[0]?.message).toMatch(/no row covers tier LOW/);
  });
});
