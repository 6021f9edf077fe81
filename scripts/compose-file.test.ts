// docker-compose.yml as an operator meets it. No Docker engine runs here, so the file is checked against the
// Compose specification's JSON schema (check-jsonschema's bundled copy, from ml/.venv), and against what
// the README and the nginx template say about it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../server/src/core/config/repo-paths.js";
import { venvPython } from "./lib/ml.js";
import { NGINX_TEMPLATE } from "./lib/nginx.js";

const composeFile = path.join(repoRoot, "docker-compose.yml");
const compose = readFileSync(composeFile, "utf8");
const scratch = mkdtempSync(path.join(os.tmpdir(), "creditpath-compose-"));

function validate(file: string): { ok: boolean; output: string } {
  const res = spawnSync(
    venvPython,
    ["-m", "check_jsonschema", "--builtin-schema", "vendor.compose-spec", file],
    { encoding: "utf8" },
  );
  if (res.error) throw new Error(`could not run ${venvPython}: ${res.error.message} (run \`npm run setup\`)`);
  return { ok: res.status === 0, output: `${res.stdout}${res.stderr}` };
}

describe("docker-compose.yml", () => {
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("follows the Compose specification", () => {
    const { ok, output } = validate(composeFile);
    expect(output).toContain("ok -- validation done");
    expect(ok).toBe(true);
  });

  it("would be refused with a misspelt setting (the check reads the file, it does not wave it through)", () => {
    const broken = path.join(scratch, "docker-compose.yml");
    writeFileSync(broken, compose.replace("    restart: unless-stopped\n", "    restrat: unless-stopped\n"));
    const { ok, output } = validate(broken);
    expect(ok).toBe(false);
    expect(output).toContain("restrat");
  });

  it("runs the services the deployment promises: database, migration, two API replicas, nginx, workers, MLflow", () => {
    const services = compose
      .slice(compose.indexOf("\nservices:\n"), compose.indexOf("\nvolumes:\n"))
      .split("\n")
      .flatMap((line) => /^ {2}([a-z0-9-]+):/.exec(line)?.[1] ?? []);
    expect(services).toEqual(["postgres", "migrate", "api-1", "api-2", "rescore-worker", "nginx", "mlflow"]);
  });

  it("documents every variable it reads in the README", () => {
    const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
    const read = new Set([...compose.matchAll(/\$\{([A-Z][A-Z0-9_]*)[:?}-]/g)].map((m) => m[1] as string));
    expect(read.size).toBeGreaterThan(10);
    expect([...read].filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });

  it("gives the nginx template every value it asks for", () => {
    const asked = new Set(
      [...readFileSync(NGINX_TEMPLATE, "utf8").matchAll(/\$\{([A-Z][A-Z0-9_]*)\}/g)].map(
        (m) => m[1] as string,
      ),
    );
    const nginxService = compose.slice(compose.indexOf("\n  nginx:\n"), compose.indexOf("\n  mlflow:") + 1);
    expect([...asked].filter((name) => !nginxService.includes(`      ${name}: `))).toEqual([]);
    expect(asked.size).toBe(5);
  });
});
