import { normalizeEmail } from "../../users/user-email.js";
import type { ImportSource } from "../import-source.js";
import { ROLE_SYNONYMS, ROLES } from "./code-synonyms.js";
import { emptyAs, looksLikeEmail } from "./source-kit.js";

/**
 * Not a hash any password verifies against: users the roster creates cannot sign in until an administrator
 * sets their password. A re-import never touches the hash of an existing user.
 */
export const UNUSABLE_PASSWORD_HASH = "!";

/** Agents and their teams; teams are created by name. Users belong to no portfolio. */
export const rosterSource: ImportSource = {
  name: "roster",
  description:
    "Agents and teams (email, display_name, role, team, capacity, active); new users cannot sign in yet",
  global: true,
  fields: [
    {
      field: "email",
      header: "email",
      type: "text",
      required: true,
      description: "the sign-in; stored in lower case",
    },
    { field: "displayName", header: "display_name", type: "text", required: true },
    { field: "role", header: "role", type: "enum", required: true, allowed: ROLES, values: ROLE_SYNONYMS },
    { field: "team", header: "team", type: "text", description: "team name, created if new; empty: no team" },
    {
      field: "capacity",
      header: "capacity",
      type: "int",
      min: 0,
      max: 1000,
      description: "open tasks the agent may hold; empty: 40",
    },
    { field: "active", header: "active", type: "bool", description: "empty: yes" },
  ],
  key: (r) => normalizeEmail(String(r.email)),
  fieldOfColumn: { teamName: "team" },
  check(r) {
    if (!looksLikeEmail(String(r.email)))
      return [{ field: "email", message: `"${r.email}" is not an e-mail address: it is the user's sign-in` }];
    return [];
  },
  toEntities: (r) => ({
    team: typeof r.team === "string" ? [{ name: r.team }] : [],
    user: [
      {
        email: normalizeEmail(String(r.email)),
        displayName: r.displayName,
        role: r.role,
        teamName: r.team,
        capacity: emptyAs(r.capacity, 40),
        active: emptyAs(r.active, true),
        passwordHash: UNUSABLE_PASSWORD_HASH,
      },
    ],
  }),
};
