import { spawnSync } from "node:child_process";
import { StartupError } from "../errors/startup-error.js";

export interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

const POSTGRES_USER = "postgres";

function idOf(flag: "-u" | "-g", name: string): number | undefined {
  const res = spawnSync("id", [flag, name], { encoding: "utf8" });
  const n = Number.parseInt(res.stdout ?? "", 10);
  return res.status === 0 && Number.isInteger(n) ? n : undefined;
}

/**
 * The OS user that runs PostgreSQL's programs: none (this user) unless we are root, which PostgreSQL refuses;
 * then the `postgres` user, created when the machine has none.
 */
export function postgresOsUser(): OsUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  let uid = idOf("-u", POSTGRES_USER);
  if (uid === undefined) {
    for (const [cmd, args] of [
      ["groupadd", ["--system", POSTGRES_USER]],
      ["useradd", ["--system", "-g", POSTGRES_USER, POSTGRES_USER]],
    ] as const) {
      const res = spawnSync(cmd, args, { encoding: "utf8" });
      // groupadd answers 9 when the group exists already (a user was removed, its group kept).
      if (res.status !== 0 && !(cmd === "groupadd" && res.status === 9)) {
        throw new StartupError(
          `PostgreSQL will not run as root, and creating a "${POSTGRES_USER}" OS user for it failed (${cmd}: ${(res.stderr || res.error?.message || `exit ${res.status}`).trim()}).`,
          `Create the user yourself (\`useradd ${POSTGRES_USER}\`), run as a normal user, or set DATABASE_URL to your own PostgreSQL.`,
        );
      }
    }
    uid = idOf("-u", POSTGRES_USER);
  }
  const gid = idOf("-g", POSTGRES_USER);
  if (uid === undefined || gid === undefined)
    throw new StartupError(
      `The "${POSTGRES_USER}" OS user could not be found after creating it.`,
      "Check the machine's user database (`id postgres`), or set DATABASE_URL to your own PostgreSQL.",
    );
  return { name: POSTGRES_USER, uid, gid };
}
