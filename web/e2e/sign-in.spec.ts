import { DEMO_AGENT, DEMO_PASSWORD, expect, test } from "./fixtures";

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
});

test("the agent signs in, opens a loan and signs out again", async ({ page, signInPage }) => {
  await signInPage.goto();
  await signInPage.submit(DEMO_AGENT.email, DEMO_PASSWORD);

  await expect(page).toHaveURL(/\/loans$/);
  const header = page.getByRole("banner");
  await expect(header.getByText(DEMO_AGENT.displayName)).toBeVisible();
  await expect(header.getByText(DEMO_AGENT.roleLabel, { exact: true })).toBeVisible();

  await expect(page.getByRole("heading", { level: 1, name: "My loans" })).toBeVisible();
  const table = page.getByRole("table");
  const firstRow = table.getByRole("row").nth(1);
  await expect(firstRow).toBeVisible();
  expect(await table.getByRole("row").count()).toBeGreaterThan(1);

  const firstLoanLink = firstRow.getByRole("link");
  const externalKey = (await firstLoanLink.textContent())?.trim() ?? "";
  const borrowerName = (await firstRow.getByRole("cell").first().textContent())?.trim() ?? "";
  expect(externalKey).not.toBe("");

  await firstLoanLink.click();

  await expect(page).toHaveURL(/\/loans\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1, name: externalKey })).toBeVisible();
  const borrower = page.getByRole("region", { name: "Borrower" });
  await expect(borrower).toContainText(borrowerName);
  const loan = page.getByRole("region", { name: "Loan" });
  await expect(loan.getByText(BUCKET_LABEL)).toBeVisible();
  // The browser tests' stack has no model, so nothing has been scored yet: the page says so.
  const risk = page.getByRole("region", { name: "Risk and next action" });
  await expect(risk).toContainText("Not scored yet");

  await header.getByRole("button", { name: "Sign out" }).click();
  await signInPage.expectVisible();
  await expect(page.getByRole("status")).toHaveText("You have signed out.");

  await page.goto("/loans");
  await signInPage.expectVisible();
  await expect(page.getByRole("heading", { name: "My loans" })).toHaveCount(0);
});

test("a loan the agent cannot see shows a not-found state", async ({ signedInAsAgent: page }) => {
  await page.goto("/loans/00000000-0000-0000-0000-000000000000");
  await expect(page.getByRole("heading", { name: "Loan not found" }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "My loans" }).first()).toBeVisible();
});
