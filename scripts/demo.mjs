// `npm run demo`: install what is missing, build, then bring up database, API and portal.
import { spawn } from "node:child_process";
import { buildServer, buildWeb, root, setupAll } from "./lib/setup.mjs";

try {
  setupAll();
  buildServer();
  buildWeb();
} catch (err) {
  console.error(`demo: ${err.message}`);
  process.exit(1);
}
const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/demo.ts"], {
  cwd: root,
  stdio: "inherit",
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 1));
