// The browser tests' stack: an isolated database seeded as the demo is (demo users and loans, a synthetic
// portfolio), a model trained by ml/'s trainer on its feature export, a rescoring so agents open scored work,
// then the API and the built portal; torn down on SIGTERM.

import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { seedDemo } from "../seeds/src/demo-seed.js";
import { planPortfolio } from "../seeds/src/synthetic/portfolio.js";
import { writeSyntheticPortfolio } from "../seeds/src/synthetic/writer.js";
import { config } from "../server/src/core/config/config.js";
import { repoRoot } from "../server/src/core/config/repo-paths.js";
import { createEphemeralDatabase } from "../server/src/core/db/ephemeral-database.js";
import { createPgPool } from "../server/src/core/db/pg-pool.js";
import { createPrismaClient } from "../server/src/core/db/prisma-client.js";
import { scorePortfolios } from "./lib/score-portfolios.js";
import { shutdownWith, startStack } from "./lib/stack.js";
import { reportStartupFailure } from "./lib/startup-report.js";

const cfg = config();
const E2E_DIR = path.join(repoRoot, ".data", "e2e");
// What the browser tests read to check the screens against the database itself (web/e2e/stack.ts).
const E2E_STACK_FILE = path.join(E2E_DIR, "stack.json");
// A fresh model every run (a model left from an earlier run may predate a feature change), removed after.
const modelDir = path.join(E2E_DIR, `model-${process.pid}`);
const collectionModelsDir = path.join(E2E_DIR, `collection-models-${process.pid}`);
const exportDir = path.join(E2E_DIR, `features-${process.pid}`);
// Enough loans for every screen (each demo agent gets a full worklist) and a quick model, in about a minute.
const SYNTHETIC_LOANS = 1500;
// Broken promises are announced within seconds, so a test can watch one happen.
const PROMISE_SWEEP_SECONDS = "2";

let database: Awaited<ReturnType<typeof createEphemeralDatabase>> | undefined;
let stack: Awaited<ReturnType<typeof startStack>> | undefined;
const shutdown = shutdownWith(
  () => stack,
  async () => {
    for (const p of [E2E_STACK_FILE, modelDir, collectionModelsDir, exportDir]) {
      rmSync(p, { recursive: true, force: true });
    }
    await database?.dispose();
  },
);
const step = (m: string) => console.log(`e2e stack: ${m}`);

try {
  database = await createEphemeralDatabase("e2e");
  const db = createPrismaClient(database.url);
  const pool = createPgPool(database.url);
  try {
    await seedDemo(db, pool, () => {});
    await writeSyntheticPortfolio({ pool, plan: planPortfolio({ loans: SYNTHETIC_LOANS }) });
  } finally {
    await db.$disconnect();
    await pool.end();
  }
  await scorePortfolios({
    databaseUrl: database.url,
    modelDir,
    collectionModelsDir,
    exportDir,
    algorithms: ["lightgbm"],
    trainerOutput: "pipe",
    step,
  });
  stack = await startStack({
    databaseUrl: database.url,
    apiPort: cfg.port,
    webPort: cfg.webPort,
    modelDir,
    collectionModelsDir,
    apiOutput: "ignore",
    // Every browser test signs in through the portal's proxy, all from 127.0.0.1: the per-address limit is
    // for strangers spraying passwords, not for one machine playing a whole floor of users. The same few
    // users sign in once per test: on a fast machine more than 10 times a minute for one account, which
    // the per-account limit refused ("Too many sign-in attempts for this account").
    apiEnv: {
      PROMISE_SWEEP_SECONDS,
      LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: "600",
      LOGIN_ATTEMPTS_PER_MINUTE: "200",
    },
  });
  mkdirSync(E2E_DIR, { recursive: true });
  writeFileSync(
    E2E_STACK_FILE,
    JSON.stringify(
      { databaseUrl: database.url, apiUrl: stack.apiUrl, webUrl: stack.webUrl, modelDir },
      null,
      2,
    ),
  );
  console.log(`E2E stack ready: portal ${stack.webUrl}, API ${stack.apiUrl}`);
} catch (err) {
  reportStartupFailure("e2e stack", err, path.join(repoRoot, ".data", "logs", "e2e-stack.log"));
  await shutdown(1);
}
