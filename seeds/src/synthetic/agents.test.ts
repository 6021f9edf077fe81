import { describe, expect, it } from "vitest";
import { DEMO_USERS } from "../demo-users.js";
import { workforceFor } from "./agents.js";

describe("the synthetic workforce", () => {
  it("names synthetic staff like people, no two alike, the demo agents first", () => {
    const large = workforceFor(1_000_000);
    const staff = [...large.agents, ...large.supervisors];
    expect(large.agents.length).toBe(2500);
    expect(new Set(large.agents.map((a) => a.displayName)).size).toBe(large.agents.length);
    expect(new Set(large.supervisors.map((a) => a.displayName)).size).toBe(large.supervisors.length);
    for (const s of staff) {
      expect(s.displayName).toMatch(/^\p{Lu}[\p{L}' -]+ \p{Lu}[\p{L}' -]+$/u);
      expect(s.displayName).not.toMatch(/Synthetic|Agent \d|Supervisor \d/);
    }
    const demoAgents = DEMO_USERS.filter((u) => u.role === "AGENT").map((u) => u.displayName);
    expect(large.agents.slice(0, demoAgents.length).map((a) => a.displayName)).toEqual(demoAgents);
  });

  it("keeps each staff member's name whatever the portfolio's size", () => {
    // Teams are cut by size; who is who is not.
    const who = (list: { email: string; displayName: string }[]) =>
      list.map((s) => `${s.email} ${s.displayName}`);
    const small = workforceFor(1500);
    const large = workforceFor(1_000_000);
    expect(small.agents.length).toBeGreaterThan(3);
    expect(who(large.agents).slice(0, small.agents.length)).toEqual(who(small.agents));
    expect(who(large.supervisors).slice(0, small.supervisors.length)).toEqual(who(small.supervisors));
  });
});
