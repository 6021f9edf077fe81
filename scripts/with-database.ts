// Runs a command with DATABASE_URL pointing at the project database (the embedded PostgreSQL unless
// DATABASE_URL is already set), e.g. `npm run prisma -- migrate dev --name add_x`.
import { spawn } from "node:child_process";
import { resolveDatabase } from "../server/src/core/db/database.js";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: tsx scripts/with-database.ts <command> [args...]");
  process.exit(2);
}
const db = await resolveDatabase();
const child = spawn(command, args, {
  stdio: "inherit",
  shell: false,
  env: { ...process.env, DATABASE_URL: db.url },
});
const code: number = await new Promise((resolve) => child.on("exit", (c) => resolve(c ?? 1)));
await db.release();
process.exit(code);
