import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../../core/auth/password.js";
import { rosterSource, UNUSABLE_PASSWORD_HASH } from "./roster.source.js";
import { type Cell, counts, createImportKit, type ImportKit } from "./sources.test-kit.js";

describe("roster importer", () => {
  let kit: ImportKit;
  let existing: string;
  let existingHash: string;
  const email = (name: string) => `${name}-${kit.tag}@lender.test`;
  const team = (name: string) => `${name} ${kit.tag}`;

  beforeAll(async () => {
    kit = await createImportKit();
    existing = email("veteran");
    existingHash = await hashPassword("a real password");
    await kit.rows(
      `INSERT INTO "User" (email, "displayName", "passwordHash", role, "updatedAt") VALUES ($1, 'Vet', $2, 'AGENT', now())`,
      [existing, existingHash],
    );
  });
  afterAll(async () => {
    await kit.close();
  });

  const users = async () =>
    kit.rows<{
      email: string;
      displayName: string;
      role: string;
      team: string | null;
      capacity: number;
      active: boolean;
      passwordHash: string;
    }>(
      `SELECT u.email, u."displayName", u.role, t.name AS team, u.capacity, u.active, u."passwordHash"
       FROM "User" u LEFT JOIN "Team" t ON t.id = u."teamId" WHERE u.email LIKE $1 ORDER BY u.email`,
      [`%${kit.tag}%`],
    );

  const good = (): Cell[][] => [
    ["email", "display_name", "role", "team", "capacity", "active"],
    [email("ann").toUpperCase(), "Ann Agent", "agent", team("East"), "25", ""],
    [email("sam"), "Sam Supervisor", "team lead", team("East"), "", "yes"],
    [email("mo"), "Mo Manager", "MANAGER", "", "", "no"],
    [existing, "Vet Veteran", "agent", team("West"), "60", "y"],
  ];

  it("creates teams and users who cannot sign in yet, keeps an existing user's password, and a second run changes nothing", async () => {
    const file = await kit.csv("roster.csv", good());
    const first = await kit.run(rosterSource, file);
    expect(first.portfolioId).toBeNull();
    // Two new teams and three new users; the existing user changes.
    expect(counts(first)).toEqual({
      status: "SUCCEEDED",
      rowsTotal: 4,
      rowsImported: 4,
      rowsRejected: 0,
      inserted: 5,
      updated: 1,
    });
    const all = await users();
    expect(all.map(({ passwordHash: _, ...u }) => u)).toEqual([
      {
        email: email("ann"),
        displayName: "Ann Agent",
        role: "AGENT",
        team: team("East"),
        capacity: 25,
        active: true,
      },
      {
        email: email("mo"),
        displayName: "Mo Manager",
        role: "MANAGER",
        team: null,
        capacity: 40,
        active: false,
      },
      {
        email: email("sam"),
        displayName: "Sam Supervisor",
        role: "SUPERVISOR",
        team: team("East"),
        capacity: 40,
        active: true,
      },
      {
        email: existing,
        displayName: "Vet Veteran",
        role: "AGENT",
        team: team("West"),
        capacity: 60,
        active: true,
      },
    ]);
    const hashes = Object.fromEntries(all.map((u) => [u.email, u.passwordHash]));
    expect(hashes[email("ann")]).toBe(UNUSABLE_PASSWORD_HASH);
    expect(await verifyPassword(UNUSABLE_PASSWORD_HASH, "")).toBe(false);
    expect(await verifyPassword(UNUSABLE_PASSWORD_HASH, "!")).toBe(false);
    expect(hashes[existing]).toBe(existingHash);

    const again = await kit.run(rosterSource, file);
    expect(counts(again)).toMatchObject({ status: "SUCCEEDED", inserted: 0, updated: 0 });
  });

  it("updates a changed row: a promotion and a move to another team", async () => {
    const rows = good();
    rows[1] = [email("ann"), "Ann Agent", "supervisor", team("West"), "25", ""];
    const s = await kit.run(rosterSource, await kit.csv("roster-changed.csv", rows));
    expect(counts(s)).toMatchObject({ inserted: 0, updated: 1 });
    expect((await users())[0]).toMatchObject({ role: "SUPERVISOR", team: team("West"), passwordHash: "!" });
  });

  it("reports every bad row with its line, column and reason, and still lands every valid row", async () => {
    const file = await kit.csv("roster-bad.csv", [
      ["email", "display_name", "role", "capacity"],
      [email("new"), "New Agent", "collector", "10"],
      ["not-an-email", "Nobody", "agent", ""],
      [email("boss"), "Big Boss", "emperor", ""],
      [email("busy"), "Too Busy", "agent", "-1"],
      [email("anon"), "", "agent", ""],
      [email("NEW"), "Again", "agent", ""],
    ]);
    const s = await kit.run(rosterSource, file);
    expect(counts(s)).toEqual({
      status: "PARTIAL",
      rowsTotal: 6,
      rowsImported: 1,
      rowsRejected: 5,
      inserted: 1,
      updated: 0,
    });
    expect(await kit.issues(s.runId)).toEqual([
      {
        line: 3,
        column: "email",
        severity: "ERROR",
        message: '"not-an-email" is not an e-mail address: it is the user\'s sign-in',
      },
      {
        line: 4,
        column: "role",
        severity: "ERROR",
        message: '"emperor" is not one of AGENT, SUPERVISOR, MANAGER, ADMIN',
      },
      { line: 5, column: "capacity", severity: "ERROR", message: "-1 is below the minimum 0" },
      {
        line: 6,
        column: "display_name",
        severity: "ERROR",
        message: "is required but empty (expected text)",
      },
      {
        line: 7,
        column: null,
        severity: "ERROR",
        message: `duplicate key "${email("new").toLowerCase()}": the same record is on line 2`,
      },
    ]);
  });

  it("reads an Excel workbook", async () => {
    const file = await kit.xlsx("roster.xlsx", [
      ["email", "display_name", "role", "team", "capacity", "active"],
      [email("xl"), "Excel Agent", "Agent", team("North"), 30, true],
    ]);
    const s = await kit.run(rosterSource, file);
    expect(counts(s)).toMatchObject({ status: "SUCCEEDED", inserted: 2 });
    expect((await users()).find((u) => u.email === email("xl"))).toMatchObject({
      team: team("North"),
      capacity: 30,
    });
  });
});
