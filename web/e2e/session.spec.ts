import { DEMO_AGENT, DEMO_PASSWORD, expect, signInAs, test } from "./fixtures";

const SESSION_KEY = "creditpath.session";

interface StoredSession {
  token: string;
  refreshToken: string | null;
}

async function storedSession(page: import("@playwright/test").Page): Promise<StoredSession> {
  return page.evaluate((key) => JSON.parse(window.sessionStorage.getItem(key) ?? "null"), SESSION_KEY);
}

async function replaceStored(page: import("@playwright/test").Page, patch: Partial<StoredSession>) {
  await page.evaluate(
    ([key, change]) => {
      const stored = JSON.parse(window.sessionStorage.getItem(key) ?? "{}");
      window.sessionStorage.setItem(key, JSON.stringify({ ...stored, ...change }));
    },
    [SESSION_KEY, patch] as const,
  );
}

/** Opens one of the agent's loans from "My loans" and returns its path. */
async function openFirstLoan(page: import("@playwright/test").Page): Promise<string> {
  await page.goto("/loans");
  const link = page.getByRole("table").getByRole("row").nth(1).getByRole("link");
  const key = (await link.textContent())?.trim() ?? "";
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: key })).toBeVisible();
  return new URL(page.url()).pathname;
}

test("a token the server no longer accepts is refreshed without interrupting the user", async ({ page }) => {
  await signInAs(page, DEMO_AGENT);
  const before = await storedSession(page);
  expect(before.refreshToken).toEqual(expect.stringMatching(/^cpr_/));
  const loanPath = await openFirstLoan(page);

  // As if the access token had expired while the tab slept: the refresh token still holds.
  await replaceStored(page, { token: "expired-token" });
  await page.reload();

  await expect(page).toHaveURL(new RegExp(`${loanPath}$`));
  await expect(page.getByRole("region", { name: "Loan" })).toBeVisible();
  const after = await storedSession(page);
  expect(after.token).not.toBe("expired-token");
  // Refresh tokens rotate: the one used is spent.
  expect(after.refreshToken).not.toBe(before.refreshToken);
});

test("an ended sign-in returns to sign-in, then to the page the user was on", async ({
  page,
  signInPage,
}) => {
  await signInAs(page, DEMO_AGENT);
  const loanPath = await openFirstLoan(page);

  // Both tokens rejected: the sign-in was revoked or outlived its working day.
  await replaceStored(page, { token: "expired-token", refreshToken: "cpr_not-a-live-token" });
  await page.reload();

  await signInPage.expectVisible();
  await expect(page.getByRole("status")).toContainText("Your session has ended");
  await signInPage.submit(DEMO_AGENT.email, DEMO_PASSWORD);
  await expect(page).toHaveURL(new RegExp(`${loanPath}$`));
  await expect(page.getByRole("region", { name: "Loan" })).toBeVisible();
});

test("signing out ends the sign-in on the server: its refresh token stops working", async ({
  page,
  request,
}) => {
  await signInAs(page, DEMO_AGENT);
  const { refreshToken } = await storedSession(page);
  // The sign-out's request to the server goes in the background: wait for its answer, not the page.
  const loggedOut = page.waitForResponse((r) => new URL(r.url()).pathname === "/auth/logout");
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect((await loggedOut).status()).toBe(204);

  const res = await request.post("/auth/refresh", { data: { refreshToken } });
  expect(res.status()).toBe(401);
});
