// Debian's nginx running the deployment's own configuration (deploy/nginx/creditpath.conf.template), for the
// test that puts it in front of two local API processes as docker-compose.yml puts it in front of two replicas.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "../../server/src/core/config/repo-paths.js";
import { freePort } from "../../server/src/core/net/ports.js";
import { stopChild, waitForHttp } from "./stack.js";

export const NGINX_TEMPLATE = path.join(repoRoot, "deploy", "nginx", "creditpath.conf.template");

/** What the template asks for, as docker-compose.yml's nginx service sets it. */
export interface NginxSettings {
  API_UPSTREAM_1: string;
  API_UPSTREAM_2: string;
  PORTAL_ROOT: string;
}

/**
 * Fills the template's placeholders (`${NAME}`) as the nginx image's envsubst step does; a placeholder with
 * no value is an error here rather than an nginx that fails to parse `server ;`.
 */
export function renderNginxTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\$\{([A-Z][A-Z0-9_]*)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined)
      throw new Error(`deploy/nginx/creditpath.conf.template needs a value for ${name}`);
    return value;
  });
}

/**
 * The main file around the template, as the nginx image's own nginx.conf includes conf.d: everything nginx
 * writes (pid, temporary bodies) in `dir`, errors on stderr, in the foreground. As root the workers stay
 * root, since nginx's default worker user (nobody) may not read a checkout under /root.
 */
function mainConfig(dir: string, siteFile: string): string {
  const mimeTypes = "/etc/nginx/mime.types";
  return [
    ...(process.getuid?.() === 0 ? ["user root;"] : []),
    "daemon off;",
    "worker_processes 1;",
    `pid ${dir}/nginx.pid;`,
    "error_log stderr notice;",
    "events { worker_connections 256; }",
    "http {",
    existsSync(mimeTypes)
      ? `  include ${mimeTypes};`
      : "  types { text/html html; text/css css; application/javascript js; application/json json; }",
    "  default_type application/octet-stream;",
    ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `  ${t}_temp_path ${dir}/${t};`),
    `  include ${siteFile};`,
    "}",
    "",
  ].join("\n");
}

export interface RunningNginx {
  url: string;
  /** nginx's access log and its error log (stderr) so far. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `nginxPath` with the deployment's configuration on a free local port; resolves once it answers. */
export async function startNginx(nginxPath: string, settings: NginxSettings): Promise<RunningNginx> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "creditpath-nginx-"));
  const port = await freePort();
  const siteFile = path.join(dir, "creditpath.conf");
  // A file, not /dev/stdout: Node gives a child a socket for its output, which nginx cannot open by name.
  const accessLog = path.join(dir, "access.log");
  writeFileSync(
    siteFile,
    renderNginxTemplate(readFileSync(NGINX_TEMPLATE, "utf8"), {
      ...settings,
      NGINX_LISTEN: `127.0.0.1:${port}`,
      NGINX_ACCESS_LOG: accessLog,
    }),
  );
  const mainFile = path.join(dir, "nginx.conf");
  writeFileSync(mainFile, mainConfig(dir, siteFile));
  let output = "";
  const child: ChildProcess = spawn(nginxPath, ["-p", dir, "-c", mainFile, "-e", "stderr"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [child.stdout, child.stderr])
    stream?.on("data", (chunk) => {
      output += String(chunk);
    });
  const stop = async () => {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/`, child, "nginx", 30_000);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n${output}`);
  }
  return { url, output: () => `${readFileSync(accessLog, "utf8")}${output}`, stop };
}
