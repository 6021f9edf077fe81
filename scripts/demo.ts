// The demo: embedded database (or DATABASE_URL), migrations, seed data, a trained model, API and portal.
import { existsSync, mkdirSync, openSync } from "node:fs";
import path from "node:path";
import { seedDemo } from "../seeds/src/demo-seed.js";
import { DEMO_PASSWORD, DEMO_USERS } from "../seeds/src/demo-users.js";
import { REAL_DATASETS } from "../seeds/src/import-sources.js";
import { planPortfolio } from "../seeds/src/synthetic/portfolio.js";
import { writeSyntheticPortfolio } from "../seeds/src/synthetic/writer.js";
import { config } from "../server/src/core/config/config.js";
import { repoRoot } from "../server/src/core/config/repo-paths.js";
import { type DatabaseHandle, resolveDatabase } from "../server/src/core/db/database.js";
import { migrateDeploy } from "../server/src/core/db/migrate.js";
import { createPgPool } from "../server/src/core/db/pg-pool.js";
import { createPrismaClient } from "../server/src/core/db/prisma-client.js";
import { choosePort } from "../server/src/core/net/ports.js";
import { runImport } from "../server/src/modules/imports/run-import.js";
import { scorePortfolios } from "./lib/score-portfolios.js";
import { shutdownWith, startStack } from "./lib/stack.js";
import { reportStartupFailure } from "./lib/startup-report.js";

const cfg = config();
const step = (msg: string) => console.log(`demo: ${msg}`);
// A few thousand loans: enough history for every screen, and a start that stays quick (about 4 s to write,
// about as long again to find it unchanged on later starts).
const SYNTHETIC_LOANS = 3000;

/** The synthetic portfolio and the real data sets found in CREDITPATH_DATA_DIR; each load is idempotent. */
async function loadPortfolios(url: string) {
  const pool = createPgPool(url);
  try {
    const s = await writeSyntheticPortfolio({ pool, plan: planPortfolio({ loans: SYNTHETIC_LOANS }) });
    step(
      `synthetic: "${s.portfolioName}" - ${s.inserted} records new, ${s.updated} changed, ${s.unchanged} unchanged ` +
        `(${s.seconds.toFixed(1)} s)`,
    );
    for (const { source, file } of REAL_DATASETS) {
      const full = path.join(cfg.dataDir, file);
      if (!existsSync(full)) {
        step(`${source.name}: ${file} not found in ${cfg.dataDir}, skipped`);
        continue;
      }
      const started = Date.now();
      const r = await runImport({
        pool,
        source,
        file: full,
        reportDir: path.join(repoRoot, ".data", "import-reports"),
      });
      step(
        `${source.name}: ${r.status} - ${r.rowsImported} of ${r.rowsTotal} rows; records ${r.inserted} new, ` +
          `${r.updated} changed, ${r.unchanged} unchanged (${((Date.now() - started) / 1000).toFixed(1)} s)` +
          (r.reportPath ? `; report ${path.relative(repoRoot, r.reportPath)}` : ""),
      );
    }
  } finally {
    await pool.end();
  }
}

const logDir = path.join(repoRoot, ".data", "logs");
const startupLog = path.join(logDir, "demo.log");

/** The API and portal ports, checked before anything starts: a taken default moves on, a user's stops us. */
async function choosePorts() {
  const api = await choosePort({ port: cfg.port, variable: "PORT", setByUser: cfg.portsSetByUser.api });
  const web = await choosePort({
    port: cfg.webPort,
    variable: "WEB_PORT",
    setByUser: cfg.portsSetByUser.web,
    taken: new Set([api.port]),
  });
  for (const notice of [api.notice, web.notice]) if (notice) step(notice);
  return { apiPort: api.port, webPort: web.port };
}

let database: DatabaseHandle | undefined;
let stack: Awaited<ReturnType<typeof startStack>> | undefined;
const shutdown = shutdownWith(
  () => stack,
  async () => database?.release(),
);

try {
  const ports = await choosePorts();
  step(
    cfg.databaseUrl
      ? "using the database at DATABASE_URL"
      : `starting embedded PostgreSQL 17 in ${cfg.embeddedPg.dir}`,
  );
  database = await resolveDatabase();
  if (database.portNotice) step(database.portNotice);
  step("applying migrations");
  await migrateDeploy(database.url);
  step("seeding demo data");
  const db = createPrismaClient(database.url);
  const pool = createPgPool(database.url);
  try {
    await seedDemo(db, pool, (m) => step(m));
  } finally {
    await db.$disconnect();
    await pool.end();
  }
  step("loading the synthetic portfolio and the real data sets");
  await loadPortfolios(database.url);

  await scorePortfolios({
    databaseUrl: database.url,
    modelDir: cfg.modelDir,
    collectionModelsDir: cfg.collectionModelsDir,
    exportDir: path.join(repoRoot, ".data", "features"),
    step,
  });

  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, "api.log");
  step(`starting the API and the portal (API log: ${path.relative(repoRoot, logFile)})`);
  stack = await startStack({
    databaseUrl: database.url,
    apiPort: ports.apiPort,
    webPort: ports.webPort,
    apiOutput: openSync(logFile, "a"),
  });
  const width = Math.max(...DEMO_USERS.map((u) => u.email.length));
  console.log(`
CreditPathAI is running.
  Portal:    ${stack.webUrl}
  API:       ${stack.apiUrl}/graphql   (REST docs: ${stack.apiUrl}/docs, health: ${stack.apiUrl}/health)
  API log:   ${path.relative(repoRoot, logFile)}

Demo sign-ins (password "${DEMO_PASSWORD}"):
${DEMO_USERS.map((u) => `  ${u.email.padEnd(width)}  ${u.role.toLowerCase()}${u.team ? `, ${u.team}` : ""}`).join("\n")}

Press Ctrl+C to stop.`);
} catch (err) {
  reportStartupFailure("demo", err, startupLog);
  await shutdown(1);
}
