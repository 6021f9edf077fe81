// `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql from the change
// between the committed schema (git HEAD) and the working copy.
// Why not `prisma migrate dev`: with the JS schema engine (the only one that works offline), 6.19 cannot
// always get a shadow database from the adapter ("shadow DB must be provided through an external factory"),
// while a datamodel-to-datamodel diff needs no database at all.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "../server/src/core/config/repo-paths.js";
import { resolveDatabase } from "../server/src/core/db/database.js";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <snake_case_name>");
  process.exit(2);
}
const previous = path.join(mkdtempSync(path.join(os.tmpdir(), "schema-head-")), "schema.prisma");
writeFileSync(previous, execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { cwd: repoRoot }));
// The CLI connects its adapter even for a datamodel-only diff, so it gets a real database.
const db = await resolveDatabase();
const sql = execFileSync(
  process.execPath,
  [
    path.join(repoRoot, "node_modules/prisma/build/index.js"),
    "migrate",
    "diff",
    "--from-schema-datamodel",
    previous,
    "--to-schema-datamodel",
    path.join(repoRoot, "prisma/schema.prisma"),
    "--script",
  ],
  { cwd: repoRoot, env: { ...process.env, DATABASE_URL: db.url } },
).toString();
await db.release();
if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
  console.log("No schema change against HEAD: nothing written.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
const dir = path.join(repoRoot, "prisma", "migrations", `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql);
console.log(`Wrote ${path.relative(repoRoot, dir)}/migration.sql`);
