import { test as base, expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "creditpath-demo";

export interface DemoUser {
  email: string;
  displayName: string;
  roleLabel: string;
  /** The page the role lands on after signing in. */
  home: string;
}

// The demo sign-ins the e2e stack seeds (seeds/src/demo-users.ts), one per role and team.
export const DEMO_AGENT: DemoUser = {
  email: "agent@creditpath.local",
  displayName: "Alex Agent",
  roleLabel: "Agent",
  home: "/worklist",
};
export const DEMO_AGENT_EAST_2: DemoUser = {
  email: "agent2@creditpath.local",
  displayName: "Blair Agent",
  roleLabel: "Agent",
  home: "/worklist",
};
export const DEMO_AGENT_WEST: DemoUser = {
  email: "agent3@creditpath.local",
  displayName: "Casey Agent",
  roleLabel: "Agent",
  home: "/worklist",
};
export const DEMO_SUPERVISOR: DemoUser = {
  email: "supervisor@creditpath.local",
  displayName: "Sam Supervisor",
  roleLabel: "Supervisor",
  home: "/dashboard",
};
export const DEMO_MANAGER: DemoUser = {
  email: "manager@creditpath.local",
  displayName: "Morgan Manager",
  roleLabel: "Recovery manager",
  home: "/escalations",
};
export const DEMO_ADMIN: DemoUser = {
  email: "admin@creditpath.local",
  displayName: "Ada Admin",
  roleLabel: "Administrator",
  home: "/dashboard",
};

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

/** Signs `user` in from the sign-in page and waits until their home page is open. */
export async function signInAs(page: Page, user: DemoUser): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // The server hashes the password (argon2id): seconds on a machine shared by several stacks.
  await expect(page).toHaveURL(new RegExp(`${user.home}$`), { timeout: 15_000 });
}

interface Fixtures {
  signInPage: SignInPage;
  /** Signs the demo agent in and waits for their home page, for specs that start from a signed-in state. */
  signedInAsAgent: Page;
}

export const test = base.extend<Fixtures>({
  signInPage: async ({ page }, use) => {
    await use(signInPage(page));
  },
  signedInAsAgent: async ({ page }, use) => {
    await signInAs(page, DEMO_AGENT);
    await use(page);
  },
});

export { expect };
