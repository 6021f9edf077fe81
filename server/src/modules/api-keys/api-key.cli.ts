// Manage external scorers' API keys: `npm run apikey -- create <name> [--rate-limit N] [--scope S ...]`, `list`,
// `revoke <prefix>`.
import { Command } from "commander";
import { AuditService } from "../../core/audit/audit.service.js";
import { resolveDatabase } from "../../core/db/database.js";
import { createPgPool } from "../../core/db/pg-pool.js";
import { createPrismaClient } from "../../core/db/prisma-client.js";
import { ApiKeyRepository } from "./api-key.repository.js";
import { ALL_API_KEY_SCOPES, DEFAULT_API_KEY_SCOPES } from "./api-key.scopes.js";
import { ApiKeyService } from "./api-key.service.js";

async function withService<T>(fn: (svc: ApiKeyService) => Promise<T>): Promise<T> {
  const db = await resolveDatabase();
  const prisma = createPrismaClient(db.url);
  const pool = createPgPool(db.url);
  try {
    return await fn(new ApiKeyService(new ApiKeyRepository(prisma), new AuditService(pool)));
  } finally {
    await prisma.$disconnect();
    await pool.end();
    await db.release();
  }
}

const program = new Command("apikey").description("Create, list and revoke API keys for external scorers");

program
  .command("create <name>")
  .option("--rate-limit <perMinute>", "requests per minute allowed for this key (0 = no limit)", "120")
  .option(
    "--scope <scope...>",
    `what the key may do: ${ALL_API_KEY_SCOPES.join(", ")} (read:loans reads stored loans)`,
    [...DEFAULT_API_KEY_SCOPES],
  )
  .action(async (name: string, opts: { rateLimit: string; scope: string[] }) => {
    const { key, record } = await withService((s) =>
      s.create(name, Number(opts.rateLimit), null, opts.scope),
    );
    console.log(
      `Created API key "${record.name}" (prefix ${record.prefix}, ${record.rateLimitPerMinute}/min, scopes ${record.scopes.join(", ")}).`,
    );
    console.log("Copy it now; it is stored only as a hash and cannot be shown again:");
    console.log(key);
  });

program.command("list").action(async () => {
  const keys = await withService((s) => s.list());
  if (keys.length === 0) console.log("No API keys.");
  for (const k of keys) {
    const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : "active";
    const used = k.lastUsedAt ? `last used ${k.lastUsedAt.toISOString()}` : "never used";
    console.log(
      `${k.prefix}  ${k.name}  ${k.rateLimitPerMinute}/min  ${k.scopes.join(",")}  ${state}  ${used}`,
    );
  }
});

program.command("revoke <prefix>").action(async (prefix: string) => {
  const k = await withService((s) => s.revoke(prefix));
  console.log(`Revoked ${k.prefix} (${k.name}).`);
});

program.parseAsync().catch((err: Error) => {
  console.error(`apikey: ${err.message}`);
  process.exit(1);
});
