import type { Page, WebSocket } from "@playwright/test";
import { expect as baseExpect, DEMO_AGENT, signInAs, test } from "./fixtures";

// The worklist's query reads scores, recommendations and contact rules for a page of cases; on a machine
// shared by several stacks it can take longer than the default 5 s to answer.
const expect = baseExpect.configure({ timeout: 15_000 });

const SESSION_KEY = "creditpath.session";

function liveIndicator(page: Page) {
  return page.getByRole("banner").getByText("Live updates: Live");
}

async function storedToken(page: Page): Promise<string> {
  return page.evaluate((key) => JSON.parse(window.sessionStorage.getItem(key) ?? "{}").token, SESSION_KEY);
}

/** The portal's GraphQL sockets opened from now on, with the frames each sent and whether it closed. */
function watchSockets(page: Page) {
  const sockets: { socket: WebSocket; sent: string[]; closed: boolean }[] = [];
  page.on("websocket", (socket) => {
    if (!new URL(socket.url()).pathname.endsWith("/graphql")) return;
    const entry = { socket, sent: [] as string[], closed: false };
    sockets.push(entry);
    socket.on("framesent", (frame) => entry.sent.push(String(frame.payload)));
    socket.on("close", () => {
      entry.closed = true;
    });
  });
  return sockets;
}

function isPingWith(frame: string, token: string): boolean {
  try {
    const message = JSON.parse(frame);
    return message.type === "ping" && message.payload?.authorization === `Bearer ${token}`;
  } catch {
    return false;
  }
}

test("the portal keeps one live connection, re-armed with each refreshed token and closed on sign-out", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInAs(page, DEMO_AGENT);
  // As if the access token were about to expire: the session refreshes it halfway through what is left
  // (long enough for a slow reload and refresh to finish before the token's time is up).
  await page.evaluate((key) => {
    const stored = JSON.parse(window.sessionStorage.getItem(key) ?? "{}");
    window.sessionStorage.setItem(key, JSON.stringify({ ...stored, expiresAt: Date.now() + 30_000 }));
  }, SESSION_KEY);
  const sockets = watchSockets(page);
  await page.reload();
  await expect(liveIndicator(page)).toBeVisible();
  const before = await storedToken(page);

  await expect.poll(() => storedToken(page), { timeout: 40_000 }).not.toBe(before);
  const refreshed = await storedToken(page);
  // The socket is told the new token in a ping (the server re-arms it) instead of being dropped and reopened.
  await expect
    .poll(() => sockets.some((s) => s.sent.some((frame) => isPingWith(frame, refreshed))), {
      timeout: 10_000,
    })
    .toBe(true);
  await expect(liveIndicator(page)).toBeVisible();
  expect(sockets.length, "one connection for the whole portal").toBe(1);
  expect(sockets[0]?.closed).toBe(false);

  // Moving between pages keeps the same connection.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My loans" }).click();
  await expect(page).toHaveURL(/\/loans$/);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Worklist" }).click();
  await expect(liveIndicator(page)).toBeVisible();
  expect(sockets.length).toBe(1);

  // Signing out closes it: nothing of this user's reaches whoever signs in next.
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect.poll(() => sockets[0]?.closed).toBe(true);
});
