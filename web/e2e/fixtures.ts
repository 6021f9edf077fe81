import { test as base, expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "creditpath-demo";

export const DEMO_AGENT = {
  email: "agent@creditpath.local",
  displayName: "Alex Agent",
  roleLabel: "Agent",
} as const;

export interface SignInPage {
  goto: () => Promise<void>;
  submit: (email: string, password: string) => Promise<void>;
  expectVisible: () => Promise<void>;
}

function signInPage(page: Page): SignInPage {
  return {
    goto: async () => {
      await page.goto("/login");
    },
    submit: async (email, password) => {
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in" }).click();
    },
    expectVisible: async () => {
      await expect(page).toHaveURL(/\/login$/);
      await expect(page.getByRole("heading", { level: 1, name: "Sign in to your account" })).toBeVisible();
      await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    },
  };
}

interface Fixtures {
  signInPage: SignInPage;
  /** Signs the demo agent in and waits for the loan list, for specs that start from a signed-in state. */
  signedInAsAgent: Page;
}

export const test = base.extend<Fixtures>({
  signInPage: async ({ page }, use) => {
    await use(signInPage(page));
  },
  signedInAsAgent: async ({ page, signInPage }, use) => {
    await signInPage.goto();
    await signInPage.submit(DEMO_AGENT.email, DEMO_PASSWORD);
    await expect(page.getByRole("heading", { level: 1, name: "My loans" })).toBeVisible();
    await use(page);
  },
});

export { expect };
