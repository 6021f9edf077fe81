import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { skipUnless } from "../../../test/skip-unless.js";
import { StartupError } from "../errors/startup-error.js";
import { choosePort, isPortFree, portHolder } from "./ports.js";

const held: net.Server[] = [];
async function holdPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  held.push(server);
  return (server.address() as net.AddressInfo).port;
}
afterEach(async () => {
  await Promise.all(held.splice(0).map((s) => new Promise((r) => s.close(r))));
});

describe("choosing a port before start-up", () => {
  it("keeps a free port as it is", async () => {
    const port = await holdPort();
    await new Promise((r) => held.pop()?.close(r));
    expect(await isPortFree(port)).toBe(true);
    expect(await choosePort({ port, variable: "PORT", setByUser: true })).toEqual({ port });
  });

  it("moves a default that another program holds to the next free port, saying which and who holds it", async () => {
    const port = await holdPort();
    const chosen = await choosePort({ port, variable: "WEB_PORT", setByUser: false });
    expect(chosen.port).toBeGreaterThan(port);
    expect(await isPortFree(chosen.port)).toBe(true);
    expect(chosen.notice).toContain(`port ${port} (WEB_PORT) is in use`);
    expect(chosen.notice).toContain(`using ${chosen.port} instead`);
  });

  it("skips ports already given to another part of the same start-up", async () => {
    const port = await holdPort();
    const first = await choosePort({ port, variable: "PORT", setByUser: false });
    const second = await choosePort({
      port,
      variable: "WEB_PORT",
      setByUser: false,
      taken: new Set([first.port]),
    });
    expect(second.port).not.toBe(first.port);
  });

  it("stops on a port the user chose when it is taken, naming the port, the variable and the holder", async () => {
    const port = await holdPort();
    const err = await choosePort({ port, variable: "PORT", setByUser: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StartupError);
    expect((err as StartupError).message).toMatch(
      new RegExp(`^Port ${port} \\(PORT\\) is already in use by `),
    );
    expect((err as StartupError).fix).toBe("Stop that program, or set PORT to a free port.");
  });

  it("names the process that listens on a port", async (ctx) => {
    skipUnless(
      ctx,
      process.platform === "linux",
      `runs only on Linux (reads /proc): this is ${process.platform}`,
    );
    const port = await holdPort();
    expect(portHolder(port)).toMatch(new RegExp(`^pid ${process.pid} \\(.*node.*\\)$`));
  });
});
