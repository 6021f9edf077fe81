import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import net from "node:net";
import { StartupError } from "../errors/startup-error.js";

/** Whether nothing listens on `port` at `host`: found by binding it for a moment. */
export function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EADDRINUSE" || err.code === "EACCES") resolve(false);
      else reject(err);
    });
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** A port the kernel picks, free at the moment of asking. */
export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, host, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Listening sockets' inodes for `port`, from /proc/net/tcp and tcp6 (Linux; empty elsewhere). */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local_address is ADDR:PORT in hex; state 0A is LISTEN; the inode is the tenth column.
      if (cols.length > 9 && cols[1]?.endsWith(`:${hexPort}`) && cols[3] === "0A") inodes.add(cols[9] ?? "");
    }
  }
  inodes.delete("0");
  inodes.delete("");
  return inodes;
}

/**
 * Which process listens on `port`, as "pid 123 (postgres -D /var/lib/...)", when this user may know it
 * (Linux /proc; another user's processes are only visible to root). undefined when it cannot be told.
 */
export function portHolder(port: number): string | undefined {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return undefined;
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode && inodes.has(inode)) {
        let command = "";
        try {
          command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
        } catch {
          // the process ended meanwhile
        }
        return `pid ${pid}${command ? ` (${command.length > 120 ? `${command.slice(0, 117)}...` : command})` : ""}`;
      }
    }
  }
  return undefined;
}

export interface PortWish {
  /** The port wanted: the user's, or our default. */
  port: number;
  /** The environment variable that sets it, named in messages. */
  variable: string;
  /** Whether the user set it: then it is used or start-up stops; a default moves on to the next free port. */
  setByUser: boolean;
  host?: string;
  /** Ports already handed to another part of this start-up. */
  taken?: ReadonlySet<number>;
}

export interface ChosenPort {
  port: number;
  /** Set when the default was taken and another port was chosen: says which and why, for the user. */
  notice?: string;
}

const MAX_PORT_TRIES = 50;

export function portInUseError(port: number, variable: string, setByUser: boolean): StartupError {
  const holder = portHolder(port);
  return new StartupError(
    `Port ${port} (${variable}${setByUser ? "" : ", the default"}) is already in use${holder ? ` by ${holder}` : " by another program"}.`,
    `Stop that program, or set ${variable} to a free port.`,
    { code: "EADDRINUSE" },
  );
}

/** What the user is told when a default port was taken and another one is used. */
export function movedPortNotice(wished: number, variable: string, used: number): string {
  const holder = portHolder(wished);
  return `port ${wished} (${variable}) is in use${holder ? ` by ${holder}` : ""}: using ${used} instead`;
}

/** The wished port if it is free; otherwise the next free one for a default, or a StartupError for a user's. */
export async function choosePort(wish: PortWish): Promise<ChosenPort> {
  const host = wish.host ?? "127.0.0.1";
  const usable = async (p: number) => !wish.taken?.has(p) && (await isPortFree(p, host));
  if (await usable(wish.port)) return { port: wish.port };
  if (wish.setByUser) throw portInUseError(wish.port, wish.variable, true);
  for (let p = wish.port + 1; p <= Math.min(65535, wish.port + MAX_PORT_TRIES); p++) {
    if (await usable(p)) return { port: p, notice: movedPortNotice(wish.port, wish.variable, p) };
  }
  throw new StartupError(
    `Ports ${wish.port} to ${wish.port + MAX_PORT_TRIES} (${wish.variable}) are all in use.`,
    `Set ${wish.variable} to a free port.`,
  );
}
