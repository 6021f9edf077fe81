import type pg from "pg";
import { DEMO_TEAMS, DEMO_USERS } from "../demo-users.js";
import { WORKFORCE } from "./assumptions.js";
import { staffNames } from "./people.js";
import { mixSeed } from "./rng.js";

export interface StaffMember {
  email: string;
  displayName: string;
  role: "AGENT" | "SUPERVISOR";
  team: string;
}

// The name streams of synthetic agents and supervisors (any fixed numbers, distinct from each other).
const AGENT_NAMES = 0xa6e7;
const SUPERVISOR_NAMES = 0x5e7b;

export interface Workforce {
  teams: string[];
  agents: StaffMember[];
  supervisors: StaffMember[];
}

/**
 * The collections workforce for a portfolio of `loans` loans: the demo agents first (so a demo sign-in has
 * synthetic work too), then synthetic agents in teams of WORKFORCE.agentsPerTeam, one synthetic supervisor
 * per team. Depends on the size only, so the same size always yields the same roster.
 */
export function workforceFor(loans: number): Workforce {
  const demoAgents = DEMO_USERS.filter((u) => u.role === "AGENT").map(
    (u): StaffMember => ({ email: u.email, displayName: u.displayName, role: "AGENT", team: u.team }),
  );
  const agentCount = Math.max(WORKFORCE.minAgents, Math.ceil(loans / WORKFORCE.loansPerAgent));
  const teamCount = Math.max(DEMO_TEAMS.length, Math.ceil(agentCount / WORKFORCE.agentsPerTeam));
  const teams: string[] = [...DEMO_TEAMS];
  for (let t = teams.length + 1; t <= teamCount; t++)
    teams.push(`Collections Team ${String(t).padStart(3, "0")}`);
  const agents = [...demoAgents];
  const agentName = staffNames(AGENT_NAMES);
  for (let i = 1; agents.length < agentCount; i++) {
    const n = String(i).padStart(4, "0");
    agents.push({
      email: `agent.${n}@synthetic.example.com`,
      displayName: agentName(),
      role: "AGENT",
      team: teams[(agents.length - demoAgents.length + DEMO_TEAMS.length) % teams.length] as string,
    });
  }
  const supervisorName = staffNames(SUPERVISOR_NAMES);
  const supervisors = teams.map(
    (team, i): StaffMember => ({
      email: `supervisor.${String(i + 1).padStart(3, "0")}@synthetic.example.com`,
      displayName: supervisorName(),
      role: "SUPERVISOR",
      team,
    }),
  );
  return { teams, agents, supervisors };
}

/** The agent who works a loan: a stable hash of the loan, so the choice does not depend on batching. */
export function agentFor(workforce: Workforce, seed: number, loanNumber: number): StaffMember {
  return workforce.agents[mixSeed(seed, loanNumber, 0xa9e7) % workforce.agents.length] as StaffMember;
}

/**
 * Creates the teams and users that do not exist yet. New users get the unusable password hash "!" (no
 * argon2 hash ever equals it), so synthetic staff can own work but never sign in. Existing users are left as
 * they are (a demo user keeps its password and name), except that synthetic staff, whom no person can sign
 * in as, take the roster's name, so a book generated before staff had names reads like the others.
 */
export async function ensureWorkforce(client: pg.PoolClient | pg.Pool, workforce: Workforce): Promise<void> {
  await client.query(`INSERT INTO "Team" (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING`, [
    workforce.teams,
  ]);
  const staff = [...workforce.agents, ...workforce.supervisors];
  await client.query(
    `INSERT INTO "User" (email, "displayName", "passwordHash", role, "teamId", "updatedAt")
     SELECT s.email, s.name, '!', s.role::"UserRole", t.id, now()
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS s(email, name, role, team)
     JOIN "Team" t ON t.name = s.team
     ON CONFLICT (email) DO UPDATE SET "displayName" = EXCLUDED."displayName", "updatedAt" = now()
     WHERE "User"."passwordHash" = '!' AND "User"."displayName" <> EXCLUDED."displayName"`,
    [
      staff.map((s) => s.email),
      staff.map((s) => s.displayName),
      staff.map((s) => s.role),
      staff.map((s) => s.team),
    ],
  );
}
