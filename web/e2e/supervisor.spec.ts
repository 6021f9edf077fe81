import type { Locator, Page } from "@playwright/test";
import type pg from "pg";
import { expectNoSeriousA11yViolations, hasHorizontalOverflow } from "./accessibility";
import { DEMO_AGENT, DEMO_AGENT_EAST_2, DEMO_SUPERVISOR, expect, signInAs, test } from "./fixtures";
import { PHONE_VIEWPORT, saveScreenshots } from "./screenshots";
import { apiToken, graphqlAs, withDatabase } from "./stack";

// A page's first paint on a shared, busy machine (its chunk, its data, Plotly on the dashboard).
const PAGE_LOAD = 20_000;

const BUCKETS = ["CURRENT", "DPD_1_14", "DPD_15_29", "DPD_30_59", "DPD_60_89", "DPD_90_PLUS"] as const;
const TIERS = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "UNSCORED"] as const;

/**
 * The supervisor's team's open loans by bucket and latest tier, counted here as the dashboard's rules say
 * (server/src/modules/dashboard): loans of operational portfolios with a task of the team or of one of its
 * agents, not closed; the tier of the latest score by scoring time.
 */
async function teamHeatmap(db: pg.Client, supervisorEmail: string) {
  const { rows } = await db.query<{ bucket: string; tier: string; loans: number; balance: string }>(
    `WITH team AS (SELECT "teamId" AS id FROM "User" WHERE email = $1),
     scope AS (
       SELECT l.id, l."currentBucket", l."outstandingBalance" FROM "Loan" l
       JOIN "Portfolio" p ON p.id = l."portfolioId"
       WHERE p.kind = 'OPERATIONAL' AND l.status <> 'CLOSED'
         AND EXISTS (SELECT 1 FROM "Task" t LEFT JOIN "User" u ON u.id = t."assigneeId"
                     WHERE t."loanId" = l.id AND ((SELECT id FROM team) IN (t."teamId", u."teamId"))))
     SELECT s."currentBucket"::text AS bucket,
            COALESCE((SELECT r.tier::text FROM "RiskScore" r WHERE r."loanId" = s.id
                      ORDER BY r."scoredAt" DESC LIMIT 1), 'UNSCORED') AS tier,
            count(*)::int AS loans, COALESCE(sum(s."outstandingBalance"), 0)::text AS balance
     FROM scope s GROUP BY 1, 2`,
    [supervisorEmail],
  );
  const cell = (tier: string, bucket: string, measure: "loans" | "balance") =>
    rows
      .filter((r) => (tier === "ALL" || r.tier === tier) && (bucket === "ALL" || r.bucket === bucket))
      .reduce((sum, r) => sum + (measure === "loans" ? r.loans : Number(r.balance)), 0);
  return { rows, cell };
}

/** A table cell's figure as a number ("1,234" -> 1234). */
async function figure(cell: Locator): Promise<number> {
  const text = (await cell.textContent()) ?? "";
  return Number(text.replace(/[^\d.-]/g, ""));
}

/** The "of N loans" total of the list's pager. */
async function listTotal(page: Page): Promise<number> {
  const text = (await page.getByRole("navigation", { name: "Pagination" }).textContent()) ?? "";
  const match = /of\s*([\d,.\s\u202f]+?)\s*loans/.exec(text);
  return Number((match?.[1] ?? "").replace(/\D/g, ""));
}

async function heatmapTable(page: Page) {
  const figureEl = page.getByRole("figure", { name: /by risk tier and delinquency bucket/ });
  const toggle = figureEl.getByRole("button", { name: /^Show as (table|chart)$/ });
  await expect(toggle).toBeVisible({ timeout: PAGE_LOAD });
  if ((await toggle.textContent()) === "Show as table") await toggle.click();
  const table = figureEl.getByRole("table");
  await expect(table).toBeVisible();
  return table;
}

/** The task ids shown for the loans of the list, in order (desktop table). */
async function shownTaskIds(page: Page): Promise<string[]> {
  return page
    .locator("table tbody tr[data-task-id]")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-task-id") ?? ""));
}

const REASSIGN = `mutation($input: ReassignTasksInput!) { reassignTasks(input: $input) { id } }`;

async function assigneesOf(taskIds: string[]): Promise<Map<string, string | null>> {
  return withDatabase(async (db) => {
    const { rows } = await db.query<{ id: string; assignee: string | null }>(
      `SELECT t.id::text AS id, u.email AS assignee FROM "Task" t LEFT JOIN "User" u ON u.id = t."assigneeId"
       WHERE t.id = ANY($1::uuid[])`,
      [taskIds],
    );
    return new Map(rows.map((r) => [r.id, r.assignee]));
  });
}

async function userId(email: string): Promise<string> {
  return withDatabase(async (db) => {
    const { rows } = await db.query<{ id: string }>(`SELECT id::text AS id FROM "User" WHERE email = $1`, [
      email,
    ]);
    const id = rows[0]?.id;
    if (!id) throw new Error(`no user ${email} in the e2e database`);
    return id;
  });
}

test.describe("supervisor workspace", () => {
  // Each test signs in and reads several pages and the database; a shared, busy machine needs the time.
  test.describe.configure({ timeout: 120_000 });

  test("the dashboard's heatmap cells and totals are the database's own counts and balances", async ({
    page,
  }) => {
    await signInAs(page, DEMO_SUPERVISOR);
    await expect(page.getByRole("heading", { level: 1, name: "Portfolio dashboard" })).toBeVisible({
      timeout: PAGE_LOAD,
    });
    const table = await heatmapTable(page);
    const { rows, cell } = await withDatabase((db) => teamHeatmap(db, DEMO_SUPERVISOR.email));
    // A test against an empty scope would prove nothing.
    expect(rows.reduce((s, r) => s + r.loans, 0)).toBeGreaterThan(10);

    const tiers = TIERS.filter((t) => t !== "UNSCORED" || rows.some((r) => r.tier === "UNSCORED"));
    for (const tier of [...tiers, "ALL"]) {
      for (const bucket of [...BUCKETS, "ALL"]) {
        const shown = table.locator(`[data-cell="${tier}:${bucket}"]`);
        expect(await figure(shown), `loans of ${tier} in ${bucket}`).toBe(cell(tier, bucket, "loans"));
      }
    }
    const openLoans = page.locator("dt", { hasText: "Open loans" }).locator("xpath=following-sibling::dd[1]");
    expect(await figure(openLoans)).toBe(cell("ALL", "ALL", "loans"));

    // The radio is visually hidden inside its label, which is what a person clicks.
    await page.locator("label", { hasText: "Balance" }).click();
    await expect(page.getByRole("radio", { name: "Balance" })).toBeChecked();
    const balances = await heatmapTable(page);
    await expect(balances).toHaveAttribute("data-measure", "balance");
    for (const tier of [...tiers, "ALL"]) {
      for (const bucket of [...BUCKETS, "ALL"]) {
        const shown = await figure(balances.locator(`[data-cell="${tier}:${bucket}"]`));
        // Shown to the whole unit: within a unit of the exact sum.
        expect(
          Math.abs(shown - cell(tier, bucket, "balance")),
          `balance of ${tier} in ${bucket}`,
        ).toBeLessThanOrEqual(1);
      }
    }

    await expect(page.getByRole("heading", { name: "Agent workload" })).toBeVisible();
    await expect(page.locator(`tr[data-agent="${DEMO_AGENT_EAST_2.displayName}"]`)).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.locator("label", { hasText: "Loans" }).click();
    await saveScreenshots(page, "dashboard");
  });

  test("a supervisor moves two tasks to another agent of the team, and a refused move names its task", async ({
    page,
  }) => {
    const from = await userId(DEMO_AGENT_EAST_2.email);
    await signInAs(page, DEMO_SUPERVISOR);
    await page.goto("/tasks");
    await expect(page.getByRole("heading", { level: 1, name: "Team tasks" })).toBeVisible({
      timeout: PAGE_LOAD,
    });
    await page.getByLabel("Agent", { exact: true }).selectOption({ label: DEMO_AGENT_EAST_2.displayName });
    await expect(page).toHaveURL(new RegExp(`agent=${from}`));
    await expect(page.locator("table tbody tr[data-task-id]").first()).toBeVisible({ timeout: PAGE_LOAD });
    await expect(page.locator("table[aria-busy='true'], div[aria-busy='true']")).toHaveCount(0);
    const [first, second, third] = await shownTaskIds(page);
    if (!first || !second || !third) throw new Error("Blair Agent needs three open tasks for this test");
    const loanOf = async (taskId: string) =>
      ((await page.locator(`tr[data-task-id="${taskId}"]`).getByRole("link").textContent()) ?? "").trim();
    const moved = [first, second];

    try {
      for (const id of moved) await page.locator(`tr[data-task-id="${id}"]`).getByRole("checkbox").check();
      await page.getByLabel("Give to").selectOption({ label: DEMO_AGENT.displayName });
      await page.getByRole("button", { name: "Reassign 2 tasks" }).click();
      await expect(
        page.getByRole("status").filter({ hasText: `2 tasks were given to ${DEMO_AGENT.displayName}` }),
      ).toBeVisible();
      // Blair's list no longer holds them; the database agrees.
      for (const id of moved) await expect(page.locator(`tr[data-task-id="${id}"]`)).toHaveCount(0);
      const after = await assigneesOf(moved);
      for (const id of moved) expect(after.get(id)).toBe(DEMO_AGENT.email);
      await page.getByLabel("Agent", { exact: true }).selectOption({ label: DEMO_AGENT.displayName });
      for (const id of moved) {
        await expect(page.locator(`tr[data-task-id="${id}"] [data-column="assignee"]`)).toHaveText(
          DEMO_AGENT.displayName,
        );
      }
    } finally {
      // Back to Blair: other specs count on the demo agents' worklists as the stack made them.
      const token = await apiToken(DEMO_SUPERVISOR.email);
      await graphqlAs(token, REASSIGN, {
        input: { taskIds: moved, assigneeId: from, idempotencyKey: crypto.randomUUID() },
      });
    }

    // A task finished since the list was read cannot move, and then neither does the other one.
    await page.getByLabel("Agent", { exact: true }).selectOption({ label: DEMO_AGENT_EAST_2.displayName });
    await expect(page.locator(`tr[data-task-id="${first}"]`)).toBeVisible();
    const doneLoan = await loanOf(first);
    for (const id of [first, third])
      await page.locator(`tr[data-task-id="${id}"]`).getByRole("checkbox").check();
    const before = await withDatabase(async (db) => {
      const { rows } = await db.query<{ status: string }>(`SELECT status::text FROM "Task" WHERE id = $1`, [
        first,
      ]);
      await db.query(
        `UPDATE "Task" SET status = 'DONE', outcome = 'NO_CONTACT', "completedAt" = now() WHERE id = $1`,
        [first],
      );
      return rows[0]?.status ?? "OPEN";
    });
    try {
      await page.getByLabel("Give to").selectOption({ label: DEMO_AGENT.displayName });
      await page.getByRole("button", { name: "Reassign 2 tasks" }).click();
      const alert = page.getByRole("alert").filter({ hasText: "No task was moved" });
      await expect(alert).toBeVisible();
      await expect(alert.getByRole("listitem")).toHaveCount(1);
      await expect(alert.getByRole("listitem")).toContainText(
        `${doneLoan}: this task is done: finished work is not reassigned`,
      );
      const still = await assigneesOf([first, third]);
      expect(still.get(third)).toBe(DEMO_AGENT_EAST_2.email);
      expect(still.get(first)).toBe(DEMO_AGENT_EAST_2.email);
      await expectNoSeriousA11yViolations(page);
    } finally {
      await withDatabase((db) =>
        db.query(
          `UPDATE "Task" SET status = $2::"TaskStatus", outcome = NULL, "completedAt" = NULL WHERE id = $1`,
          [first, before],
        ),
      );
    }
    await page.getByRole("button", { name: "Clear selection" }).click();
    await saveScreenshots(page, "tasks");
  });

  test("the loan list filters, sorts and searches, keeping it all in the URL", async ({ page }) => {
    await signInAs(page, DEMO_SUPERVISOR);
    await page.goto("/loans");
    await expect(page.getByRole("heading", { level: 1, name: "Loans" })).toBeVisible({ timeout: PAGE_LOAD });
    const rows = page.locator("table tbody tr[data-loan]");
    await expect(rows.first()).toBeVisible({ timeout: PAGE_LOAD });

    // Filter: 60-89 DPD loans only, as many as the database holds in the team's scope.
    await page.getByRole("checkbox", { name: "60-89 DPD" }).check();
    await expect(page).toHaveURL(/bucket=DPD_60_89/);
    const expected = await withDatabase(async (db) => {
      const { rows: r } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "Loan" l JOIN "Portfolio" p ON p.id = l."portfolioId"
         WHERE p.kind = 'OPERATIONAL' AND l."currentBucket" = 'DPD_60_89'
           AND EXISTS (SELECT 1 FROM "Task" t LEFT JOIN "User" u ON u.id = t."assigneeId"
                       WHERE t."loanId" = l.id
                         AND (SELECT "teamId" FROM "User" WHERE email = $1) IN (t."teamId", u."teamId"))`,
        [DEMO_SUPERVISOR.email],
      );
      return r[0]?.n ?? 0;
    });
    expect(expected).toBeGreaterThan(0);
    await expect.poll(() => listTotal(page)).toBe(expected);
    // Columns after the loan: borrower, product, status, bucket, ...
    for (const bucket of await rows.locator("td:nth-of-type(4)").allTextContents())
      expect(bucket.trim()).toBe("60-89 DPD");

    // Sort: outstanding balance, highest first.
    await page.getByLabel("Sort by").selectOption({ label: "Outstanding balance, highest first" });
    await expect(page).toHaveURL(/sort=BALANCE/);
    const balances = async () =>
      (await rows.locator("td:last-child").allTextContents()).map((t) => Number(t.replace(/[^\d.]/g, "")));
    await expect
      .poll(async () => {
        const shown = await balances();
        return shown.length > 1 && shown.every((b, i) => i === 0 || (shown[i - 1] ?? 0) >= b);
      })
      .toBe(true);

    // The URL holds the list: a reload shows the same filter and order.
    await page.reload();
    await expect(page.getByRole("checkbox", { name: "60-89 DPD" })).toBeChecked();
    await expect(page.getByLabel("Sort by")).toHaveValue("BALANCE");
    await expect.poll(() => listTotal(page)).toBe(expected);

    // Search by a loan reference's beginning, with the other filters cleared.
    await page.getByRole("button", { name: "Clear all" }).click();
    const key = ((await rows.first().getByRole("link").textContent()) ?? "").trim();
    await page.getByLabel("Loan or borrower reference, or borrower name").fill(key);
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`q=${key}`));
    await expect(rows).toHaveCount(1);
    await expect(rows.first().getByRole("link")).toHaveText(key);

    // And by a borrower's name: every loan listed is theirs.
    const name = ((await rows.first().locator("td:nth-of-type(1)").textContent()) ?? "").trim();
    await page.getByLabel("Loan or borrower reference, or borrower name").fill(name);
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page).toHaveURL(/q=[^&]*\+/);
    await expect
      .poll(async () => {
        const names = await rows.locator("td:nth-of-type(1)").allTextContents();
        return names.length > 0 && names.every((n) => n.includes(name));
      })
      .toBe(true);
    await expectNoSeriousA11yViolations(page);
  });

  test("the loan list at phone width shows bucket, days past due and balance, and does not scroll sideways", async ({
    page,
  }) => {
    await signInAs(page, DEMO_SUPERVISOR);
    await page.setViewportSize(PHONE_VIEWPORT);
    await page.goto("/loans");
    const cards = page.getByRole("list", { name: "Loans" }).getByRole("listitem");
    await expect(cards.first()).toBeVisible({ timeout: PAGE_LOAD });
    const card = cards.first();
    for (const field of ["bucket", "dpd", "balance"]) {
      const value = card.locator(`[data-field="${field}"]`);
      await expect(value).toBeVisible();
      // Within the phone's width, not pushed off to the right as the table's columns were.
      const box = await value.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= PHONE_VIEWPORT.width).toBe(true);
      expect(((await value.textContent()) ?? "").trim()).not.toBe("");
    }
    await expect(card.locator('[data-field="bucket"]')).toHaveText(/^(Current|\d+-\d+ DPD|90\+ DPD)$/);
    await expect(card.locator('[data-field="balance"]')).toHaveText(/\d/);
    expect(await hasHorizontalOverflow(page)).toBe(false);
    await expectNoSeriousA11yViolations(page);
    await page.setViewportSize({ width: 1440, height: 900 });
    await saveScreenshots(page, "loans");
  });

  test("borrower search finds a borrower by name and leads to their loan", async ({ page }) => {
    const borrower = await withDatabase(async (db) => {
      const { rows } = await db.query<{ name: string; loan: string }>(
        `SELECT b."fullName" AS name, l."externalKey" AS loan FROM "Loan" l JOIN "Borrower" b ON b.id = l."borrowerId"
         JOIN "Task" t ON t."loanId" = l.id JOIN "User" u ON u.id = t."assigneeId"
         JOIN "Portfolio" p ON p.id = l."portfolioId" AND p.kind = 'OPERATIONAL'
         WHERE u.email = $1 AND b."fullName" IS NOT NULL ORDER BY l."externalKey" LIMIT 1`,
        [DEMO_AGENT_EAST_2.email],
      );
      const row = rows[0];
      if (!row) throw new Error("Blair Agent has no loan with a named borrower");
      return row;
    });
    await signInAs(page, DEMO_SUPERVISOR);
    await page.goto("/borrowers");
    await expect(page.getByRole("heading", { level: 1, name: "Borrowers" })).toBeVisible({
      timeout: PAGE_LOAD,
    });
    await page.getByLabel("Name, reference or phone number").fill(borrower.name);
    await page.getByRole("button", { name: "Search", exact: true }).click();
    const result = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: borrower.name }) });
    await expect(result.first()).toBeVisible({ timeout: PAGE_LOAD });
    const link = result.getByRole("link", { name: borrower.loan });
    await expect(link).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await link.click();
    await expect(page).toHaveURL(/\/loans\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(borrower.loan, {
      timeout: PAGE_LOAD,
    });
  });

  test("promises list the broken ones first and pass the accessibility scan", async ({ page }) => {
    await signInAs(page, DEMO_SUPERVISOR);
    await page.goto("/promises");
    const headings = page.getByRole("heading", { level: 2 });
    await expect(headings.first()).toHaveText(/^Broken promises/, { timeout: PAGE_LOAD });
    const broken = page.getByRole("region", { name: /Broken promises/ });
    await expect(broken.getByText("Loading promises…")).toHaveCount(0);
    const badges = await broken
      .locator("table tbody tr td")
      .filter({ hasText: /^(Broken|Pending|Kept|Cancelled)$/ })
      .allTextContents();
    for (const status of badges) expect(status).toBe("Broken");
    await page.getByLabel("Status").selectOption({ label: "Pending" });
    await expect(page).toHaveURL(/status=PENDING/);
    await expect(headings.first()).toHaveText(/^Pending promises/);
    await expectNoSeriousA11yViolations(page);
  });
});
