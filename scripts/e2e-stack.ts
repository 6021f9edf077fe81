// The browser tests' stack: an isolated, seeded database, the API and the built portal; torn down on SIGTERM.

import { seedDemo } from "../seeds/src/demo-seed.js";
import { config } from "../server/src/core/config/config.js";
import { createEphemeralDatabase } from "../server/src/core/db/ephemeral-database.js";
import { createPrismaClient } from "../server/src/core/db/prisma-client.js";
import { shutdownWith, startStack } from "./lib/stack.js";

const cfg = config();
const database = await createEphemeralDatabase("e2e");
let stack: Awaited<ReturnType<typeof startStack>> | undefined;
const shutdown = shutdownWith(
  () => stack,
  () => database.dispose(),
);

try {
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
  console.error(`e2e stack failed: ${(err as Error).message}`);
  await shutdown(1);
}
