// `npm run ml:train -- [args]`: the training CLI in the project venv (args go to creditpath_ml.train).
import { spawnSync } from "node:child_process";
import { ensurePythonVenv, root, venvPython } from "./lib/setup.mjs";

ensurePythonVenv();
const res = spawnSync(venvPython, ["-m", "creditpath_ml.train", ...process.argv.slice(2)], {
  // From the caller's folder, so that relative --data/--out paths mean what the user typed.
  cwd: process.env.INIT_CWD ?? root,
  env: { ...process.env, PYTHONPATH: `${root}/ml` },
  stdio: "inherit",
});
process.exit(res.status ?? 1);
