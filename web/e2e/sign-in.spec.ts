import { expectNoSeriousA11yViolations, hasHorizontalOverflow } from "./accessibility";
import { DEMO_AGENT, DEMO_PASSWORD, expect, test } from "./fixtures";
import { PHONE_VIEWPORT } from "./screenshots";

const BUCKET_LABEL = /^(Current|1-14 DPD|15-29 DPD|30-59 DPD|60-89 DPD|90\+ DPD)$/;

test("an unauthenticated visit to the loan list lands on sign-in", async ({ page, signInPage }) => {
  await page.goto("/loans");
  await signInPage.expectVisible();
});

test("a wrong password shows the server's error and stays on sign-in", async ({ page, signInPage }) => {
  await signInPage.goto();
  await signInPage.submit(DEMO_AGENT.email, "not-the-password");

  await expect(page.getByRole("alert")).toContainText(/invalid email or password/i);
  await signInPage.expectVisible();
  // The email survives the failed attempt; the password does not.
  await expect(page.getByLabel("Email")).toHaveValue(DEMO_AGENT.email);
  await expect(page.getByLabel("Password")).toHaveValue("");
  // The page everyone meets first, with its error showing: accessible, and whole on a phone.
  await expectNoSeriousA11yViolations(page);
  await page.setViewportSize(PHONE_VIEWPORT);
  expect(await hasHorizontalOverflow(page)).toBe(false);
  await expectNoSeriousA11yViolations(page);
});

test("the agent signs in to the worklist, opens a case and signs out again", async ({ page, signInPage }) => {
  await signInPage.goto();
  await signInPage.submit(DEMO_AGENT.email, DEMO_PASSWORD);

  // Agents land on their worklist, not on a loan list.
  // Signing in hashes the password on the server: slow on a busy machine.
  await expect(page).toHaveURL(/\/worklist$/, { timeout: 15_000 });
  const header = page.getByRole("banner");
  await expect(header.getByText(DEMO_AGENT.displayName)).toBeVisible();
  await expect(header.getByText(DEMO_AGENT.roleLabel, { exact: true })).toBeVisible();

  await expect(page.getByRole("heading", { level: 1, name: "Worklist" })).toBeVisible();
  const cases = page.getByRole("list", { name: "Cases, most urgent first" }).getByRole("article");
  const firstCase = cases.first();
  await expect(firstCase).toBeVisible();
  await expect(firstCase.getByText(BUCKET_LABEL)).toBeVisible();

  const caseLink = firstCase.getByRole("heading", { level: 2 }).getByRole("link");
  const externalKey = (await caseLink.textContent())?.trim() ?? "";
  expect(externalKey).not.toBe("");

  await caseLink.click();

  await expect(page).toHaveURL(/\/loans\/[^/?]+$/);
  await expect(page.getByRole("heading", { level: 1, name: externalKey })).toBeVisible();

  await header.getByRole("button", { name: "Sign out" }).click();
  await signInPage.expectVisible();
  await expect(page.getByRole("status")).toHaveText("You have signed out.");

  await page.goto("/worklist");
  await signInPage.expectVisible();
  await expect(page.getByRole("heading", { name: "Worklist" })).toHaveCount(0);
});

test("a loan the agent cannot see shows a not-found state", async ({ signedInAsAgent: page }) => {
  await page.goto("/loans/00000000-0000-0000-0000-000000000000");
  await expect(page.getByRole("heading", { name: "Loan not found" }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "My loans" }).first()).toBeVisible();
});
