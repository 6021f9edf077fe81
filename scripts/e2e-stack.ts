// The browser tests' stack: an isolated, seeded database, the API and the built portal; torn down on SIGTERM.

import path from "node:path";
import { seedDemo } from "../seeds/src/demo-seed.js";
import { config } from "../server/src/core/config/config.js";
import { repoRoot } from "../server/src/core/config/repo-paths.js";
import { createEphemeralDatabase } from "../server/src/core/db/ephemeral-database.js";
import { createPrismaClient } from "../server/src/core/db/prisma-client.js";
import { shutdownWith, startStack } from "./lib/stack.js";
import { reportStartupFailure } from "./lib/startup-report.js";

const cfg = config();
let database: Awaited<ReturnType<typeof createEphemeralDatabase>> | undefined;
let stack: Awaited<ReturnType<typeof startStack>> | undefined;
const shutdown = shutdownWith(
  () => stack,
  async () => database?.dispose(),
);

try {
  database = await createEphemeralDatabase("e2e");
  const db = createPrismaClient(database.url);
  await seedDemo(db, () => {});
  await db.$disconnect();
  stack = await startStack({
    databaseUrl: database.url,
    apiPort: cfg.port,
    webPort: cfg.webPort,
    apiOutput: "ignore",
  });
  console.log(`E2E stack ready: portal ${stack.webUrl}, API ${stack.apiUrl}`);
} catch (err) {
  reportStartupFailure("e2e stack", err, path.join(repoRoot, ".data", "logs", "e2e-stack.log"));
  await shutdown(1);
}
