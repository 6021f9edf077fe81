import { randomUUID } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import { expectNoSeriousA11yViolations, hasHorizontalOverflow } from "./accessibility";
import { expect as baseExpect, DEMO_AGENT, DEMO_SUPERVISOR, signInAs, test } from "./fixtures";
import { PHONE_VIEWPORT, saveScreenshots } from "./screenshots";
import { withDatabase } from "./stack";

// The worklist's query reads scores, recommendations and contact rules for a page of cases; on a machine
// shared by several stacks it can take longer than the default 5 s to answer.
const expect = baseExpect.configure({ timeout: 15_000 });

// Each test signs in (a password hash on the server) and walks several pages: on a machine shared by several
// stacks that takes longer than Playwright's default 30 s.
test.describe.configure({ timeout: 90_000 });

const PAGE_SIZE = 25;
const BUCKET_LABEL = /^(Current|1-14 DPD|15-29 DPD|30-59 DPD|60-89 DPD|90\+ DPD)$/;
const TIER_LABEL = /^((Low|Medium|High|Critical) risk|In default)$|^Not scored$/;
interface OpenTask {
  taskId: string;
  loanId: string;
  externalKey: string;
  actionType: string;
  bucket: string;
  priority: number;
  /** ISO text, so ties and order compare exactly as PostgreSQL ordered them. */
  dueAt: string;
}

/**
 * The agent's open work as the worklist must order it: priority, then the most expected recovery (overdue x
 * propensity to pay as of the portfolio's date; none last), then due time (then id, for ties).
 */
async function openTasksOf(email: string, actionType?: string, bucket?: string): Promise<OpenTask[]> {
  return withDatabase(async (db) => {
    const { rows } = await db.query<OpenTask>(
      `SELECT t.id AS "taskId", l.id AS "loanId", l."externalKey", t."actionType"::text AS "actionType",
              l."currentBucket"::text AS bucket, t.priority, to_char(t."dueAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS "dueAt"
         FROM "Task" t
         JOIN "User" u ON u.id = t."assigneeId"
         JOIN "Loan" l ON l.id = t."loanId"
         JOIN "Portfolio" pf ON pf.id = l."portfolioId" AND pf.kind = 'OPERATIONAL'
        WHERE u.email = $1 AND t.status IN ('OPEN', 'IN_PROGRESS') AND ($2::text IS NULL OR t."actionType"::text = $2)
          AND ($3::text IS NULL OR l."currentBucket"::text = $3)
        ORDER BY t.priority,
                 COALESCE((SELECT -ps."expectedRecovery" FROM "PropensityScore" ps
                           WHERE ps."loanId" = l.id AND ps."asOfDate" = pf."asOfDate"
                           ORDER BY ps."scoredAt" DESC LIMIT 1), 1),
                 t."dueAt", t.id`,
      [email, actionType ?? null, bucket ?? null],
    );
    return rows;
  });
}

/**
 * An open call of a synthetic agent of the demo agent's own team (a supervisor assigns within their team):
 * the test moves it, so no other spec's demo sign-in loses work it counts on.
 */
async function teammatesCall(): Promise<OpenTask | undefined> {
  return withDatabase(async (db) => {
    const { rows } = await db.query<OpenTask>(
      `SELECT t.id AS "taskId", l.id AS "loanId", l."externalKey", t."actionType"::text AS "actionType",
              l."currentBucket"::text AS bucket, t.priority, to_char(t."dueAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS "dueAt"
         FROM "Task" t
         JOIN "User" mate ON mate.id = t."assigneeId"
         JOIN "User" me ON me.email = $1 AND me."teamId" = mate."teamId" AND me.id <> mate.id
         JOIN "Loan" l ON l.id = t."loanId"
         JOIN "Portfolio" pf ON pf.id = l."portfolioId" AND pf.kind = 'OPERATIONAL'
        WHERE mate.email NOT LIKE '%@creditpath.local' AND t.status = 'OPEN' AND t."actionType" = 'CALL'
        ORDER BY t.priority, t."dueAt", t.id
        LIMIT 1`,
      [DEMO_AGENT.email],
    );
    return rows[0];
  });
}

function caseCards(page: Page): Locator {
  return page.getByRole("list", { name: "Cases, most urgent first" }).getByRole("article");
}

function caseLink(card: Locator): Locator {
  return card.getByRole("heading", { level: 2 }).getByRole("link");
}

async function visibleLoanKeys(page: Page): Promise<string[]> {
  await expect(caseCards(page).first()).toBeVisible();
  return (await caseLink(caseCards(page)).allTextContents()).map((t) => t.trim());
}

async function openFilters(page: Page): Promise<void> {
  const summary = page.locator("summary", { hasText: "Filters" });
  if (!(await page.getByRole("group", { name: "Action" }).isVisible())) await summary.click();
  await expect(page.getByRole("group", { name: "Action" })).toBeVisible();
}

test("the agent lands on the worklist, in priority order, with each case's facts", async ({ page }) => {
  await signInAs(page, DEMO_AGENT);
  await expect(page.getByRole("heading", { level: 1, name: "Worklist" })).toBeVisible();

  const expected = await openTasksOf(DEMO_AGENT.email);
  expect(expected.length, "the e2e stack gives the demo agent work").toBeGreaterThan(0);
  await expect(page.getByRole("status").filter({ hasText: "to work" })).toHaveText(
    `${expected.length} ${expected.length === 1 ? "case" : "cases"} to work`,
  );
  // Polled: the list may re-render once more as the live connection comes up and re-reads the worklist.
  await expect
    .poll(() => visibleLoanKeys(page))
    .toEqual(expected.slice(0, PAGE_SIZE).map((t) => t.externalKey));

  const first = caseCards(page).first();
  await expect(first.getByText(TIER_LABEL)).toBeVisible();
  await expect(first.getByText(BUCKET_LABEL)).toBeVisible();
  await expect(first.getByText("Amount overdue")).toBeVisible();
  await expect(first.getByText("Action", { exact: true })).toBeVisible();
  await expect(first.getByText("Due", { exact: true })).toBeVisible();
  await expect(
    first.getByText(/^(✓ May contact now|✕ (Not now|Do not contact):|No borrower contact needed)/),
  ).toBeVisible();
  // The stack rescored the portfolio: the case says why it is on the list.
  await expect(first.getByRole("heading", { name: "Why" })).toBeVisible();
  await expect(first.getByRole("listitem").first()).toBeVisible();
  // The stack trained a propensity-to-pay model too: past-due cases say how likely they are to pay.
  await expect(page.getByText(/^\d+% likely to pay half; expected /).first()).toBeVisible();

  if (expected.length > PAGE_SIZE) {
    await page.getByRole("button", { name: "Next cases" }).click();
    await expect
      .poll(() => visibleLoanKeys(page))
      .toEqual(expected.slice(PAGE_SIZE, 2 * PAGE_SIZE).map((t) => t.externalKey));
    await page.getByRole("button", { name: "Previous cases" }).click();
    await expect
      .poll(() => visibleLoanKeys(page))
      .toEqual(expected.slice(0, PAGE_SIZE).map((t) => t.externalKey));
  }
});

test("filters narrow the worklist and live in the URL", async ({ page }) => {
  await signInAs(page, DEMO_AGENT);
  const all = await openTasksOf(DEMO_AGENT.email);
  const calls = all.filter((t) => t.actionType === "CALL");
  expect(calls.length, "the demo agent has calls to make").toBeGreaterThan(0);
  expect(calls.length).toBeLessThan(all.length);

  await openFilters(page);
  await page.getByRole("group", { name: "Action" }).getByLabel("Call the borrower").check();

  await expect(page).toHaveURL(/[?&]action=CALL\b/);
  await expect(page.getByRole("status").filter({ hasText: "match the filters" })).toHaveText(
    `${calls.length} ${calls.length === 1 ? "case" : "cases"} match the filters`,
  );
  await expect.poll(() => visibleLoanKeys(page)).toEqual(calls.slice(0, PAGE_SIZE).map((t) => t.externalKey));
  for (const card of await caseCards(page).all()) {
    await expect(card.getByText(/^Call the borrower/)).toBeVisible();
  }

  // The filter survives a reload (it is in the query string) and shows as a removable chip.
  await page.reload();
  await expect(page.getByRole("status").filter({ hasText: "match the filters" })).toContainText(
    String(calls.length),
  );
  const chip = page.getByRole("button", { name: "Remove filter: Call the borrower" });
  await expect(chip).toBeVisible();

  // A filter nothing matches says so, and offers the way back.
  await page.goto("/worklist?action=CALL&action=SETTLEMENT_OFFER&due=custom&from=2000-01-01&to=2000-01-02");
  await expect(page.getByRole("heading", { name: "No cases match these filters" })).toBeVisible();

  await page.goto("/worklist?action=CALL");
  await page.getByRole("button", { name: "Remove filter: Call the borrower" }).click();
  await expect(page).toHaveURL(/\/worklist$/);
  await expect(page.getByRole("status").filter({ hasText: "to work" })).toContainText(String(all.length));
});

test("the keyboard moves through the cases and opens them", async ({ page }) => {
  await signInAs(page, DEMO_AGENT);
  const expected = await openTasksOf(DEMO_AGENT.email);
  expect(expected.length).toBeGreaterThan(2);
  const [first, second] = expected as [OpenTask, OpenTask];
  await expect(page.getByText("opens the next case")).toBeVisible();
  const links = caseLink(caseCards(page));
  await expect(links.first()).toBeVisible();

  await page.keyboard.press("j");
  await expect(links.nth(0)).toBeFocused();
  await page.keyboard.press("j");
  await expect(links.nth(1)).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(links.nth(0)).toBeFocused();

  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/loans/${first.loanId}$`));

  // Back on the worklist, focus returns to the case just opened, and "n" opens the one after it.
  await page.goBack();
  await expect(links.nth(0)).toBeFocused();
  await page.keyboard.press("n");
  await expect(page).toHaveURL(new RegExp(`/loans/${second.loanId}$`));

  // "l" opens the current case with the contact form ready.
  await page.goBack();
  await expect(links.nth(1)).toBeFocused();
  await page.keyboard.press("l");
  await expect(page).toHaveURL(new RegExp(`/loans/${second.loanId}\\?log=contact$`));
});

test("a supervisor's assignment appears on the agent's open worklist without a reload, with a notice", async ({
  page,
  browser,
}) => {
  const task = await teammatesCall();
  if (task === undefined) throw new Error("no synthetic agent of the demo agent's team has an open call");
  const calls = await openTasksOf(DEMO_AGENT.email, "CALL", task.bucket);
  // Filtered to the task's action and bucket; the worklist's order (priority, due time, id) must put the
  // moved call on the first page, or the page could not show it without the agent paging.
  const ahead = calls.filter(
    (c) =>
      c.priority < task.priority ||
      (c.priority === task.priority &&
        (c.dueAt < task.dueAt || (c.dueAt === task.dueAt && c.taskId < task.taskId))),
  ).length;
  expect(ahead, "the moved call sorts onto the agent's first page").toBeLessThan(PAGE_SIZE);

  await signInAs(page, DEMO_AGENT);
  await page.goto(`/worklist?action=CALL&bucket=${task.bucket}`);
  await expect(page.getByRole("status").filter({ hasText: "match the filters" })).toContainText(
    String(calls.length),
  );
  expect(await visibleLoanKeys(page)).not.toContain(task.externalKey);
  // The notice can only come if the socket is up before the assignment is made.
  await expect(page.getByRole("banner").getByText("Live updates: Live")).toBeVisible();
  const navigations: string[] = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) navigations.push(frame.url());
  });

  // The supervisor works in a browser of their own; the assignment screen is another part of the portal, so
  // the assignment goes through the API with the supervisor's own session token.
  const supervisorContext = await browser.newContext();
  try {
    const supervisorPage = await supervisorContext.newPage();
    await signInAs(supervisorPage, DEMO_SUPERVISOR);
    const agentId = await withDatabase(
      async (db) =>
        (await db.query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [DEMO_AGENT.email])).rows[0]
          ?.id,
    );
    const result = await supervisorPage.evaluate(
      async ({ taskId, assigneeId, idempotencyKey }) => {
        const { token } = JSON.parse(window.sessionStorage.getItem("creditpath.session") ?? "{}");
        const response = await fetch("/graphql", {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({
            query: `mutation Assign($input: AssignTaskInput!) { assignTask(input: $input) { id assigneeId } }`,
            variables: { input: { taskId, assigneeId, idempotencyKey } },
          }),
        });
        return response.json();
      },
      { taskId: task.taskId, assigneeId: agentId, idempotencyKey: randomUUID() },
    );
    expect(result.errors ?? []).toEqual([]);
    expect(result.data.assignTask.assigneeId).toBe(agentId);
  } finally {
    await supervisorContext.close();
  }

  const notices = page.getByRole("region", { name: "Notifications" });
  const notice = notices.getByRole("listitem").filter({ hasText: `New task assigned: ${task.externalKey}` });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("Call the borrower");
  await expect(caseLink(caseCards(page)).filter({ hasText: task.externalKey })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "match the filters" })).toContainText(
    String(calls.length + 1),
  );
  expect(navigations, "the worklist was not reloaded").toEqual([]);

  // The notice is reachable and dismissible from the keyboard.
  const dismiss = notice.getByRole("button", { name: `Dismiss: New task assigned: ${task.externalKey}` });
  await dismiss.focus();
  await page.keyboard.press("Enter");
  await expect(notice).toHaveCount(0);
});

test("a promise that becomes broken shows its notice", async ({ page }) => {
  await signInAs(page, DEMO_AGENT);
  await expect(page.getByRole("banner").getByText("Live updates: Live")).toBeVisible();
  const tasks = await openTasksOf(DEMO_AGENT.email);
  // The agent's least urgent case, so the specs that work the top cases do not meet this promise.
  const target = tasks.at(-1);
  if (target === undefined) throw new Error("the demo agent has no open work");

  // No API makes a broken promise on demand: a promise logged through the API is dated today, after the
  // portfolio's as-of date, and the sweep judges promises by what is known on that date. So the test writes
  // a pending promise as if logged twelve days before the as-of date, due two days later and never paid;
  // the stack's sweep (every 2 s in the e2e stack) finds it broken and announces it.
  await withDatabase((db) =>
    db.query(
      `INSERT INTO "PromiseToPay" ("loanId", "borrowerId", amount, "promisedDate", status, "createdAt")
       SELECT l.id, l."borrowerId", 987654.00, pf."asOfDate" - 10, 'PENDING',
              pf."asOfDate"::timestamp AT TIME ZONE 'UTC' - interval '12 days'
         FROM "Loan" l JOIN "Portfolio" pf ON pf.id = l."portfolioId"
        WHERE l.id = $1`,
      [target.loanId],
    ),
  );

  const notice = page
    .getByRole("region", { name: "Notifications" })
    .getByRole("listitem")
    .filter({ hasText: `Promise broken: ${target.externalKey}` });
  await expect(notice).toBeVisible({ timeout: 20_000 });
  await expect(notice).toContainText("was promised by");
  await expect(notice.getByRole("link", { name: `Open case ${target.externalKey}` })).toBeVisible();
  await notice.getByRole("button", { name: `Dismiss: Promise broken: ${target.externalKey}` }).click();
  await expect(notice).toHaveCount(0);
});

test("at phone width the worklist reflows as cards with the key facts visible", async ({ page }) => {
  await page.setViewportSize(PHONE_VIEWPORT);
  await signInAs(page, DEMO_AGENT);
  const first = caseCards(page).first();
  await expect(first).toBeVisible();

  expect(await hasHorizontalOverflow(page)).toBe(false);
  await expect(first.getByText(TIER_LABEL)).toBeInViewport();
  await expect(first.getByText(BUCKET_LABEL)).toBeInViewport();
  await expect(first.getByText("Amount overdue")).toBeInViewport();
  await expect(first.getByText("Action", { exact: true })).toBeInViewport();

  // Opened, the filter bar fits too.
  await openFilters(page);
  expect(await hasHorizontalOverflow(page)).toBe(false);
});

test("the worklist passes an accessibility scan", async ({ page }) => {
  // Three scans of a page of 25 cases, and two screenshots: more than the default on a busy machine.
  test.setTimeout(120_000);
  await signInAs(page, DEMO_AGENT);
  await expect(caseCards(page).first()).toBeVisible();
  await expect(page.getByRole("banner").getByText("Live updates: Live")).toBeVisible();
  await saveScreenshots(page, "worklist");

  await expectNoSeriousA11yViolations(page);
  await openFilters(page);
  await expectNoSeriousA11yViolations(page);
  await page.setViewportSize(PHONE_VIEWPORT);
  await expectNoSeriousA11yViolations(page);
});
