/** The demo sign-ins named in the README: one per role. */
export const DEMO_PASSWORD = "creditpath-demo";

export const DEMO_TEAMS = ["Collections East", "Collections West"] as const;

export const DEMO_USERS = [
  { email: "agent@creditpath.local", displayName: "Alex Agent", role: "AGENT", team: "Collections East" },
  { email: "agent2@creditpath.local", displayName: "Blair Agent", role: "AGENT", team: "Collections East" },
  { email: "agent3@creditpath.local", displayName: "Casey Agent", role: "AGENT", team: "Collections West" },
  {
    email: "supervisor@creditpath.local",
    displayName: "Sam Supervisor",
    role: "SUPERVISOR",
    team: "Collections East",
  },
  { email: "manager@creditpath.local", displayName: "Morgan Manager", role: "MANAGER", team: null },
  { email: "admin@creditpath.local", displayName: "Ada Admin", role: "ADMIN", team: null },
] as const;
