import type { Locator, Page } from "@playwright/test";
import { expectNoSeriousA11yViolations, hasHorizontalOverflow } from "./accessibility";
import {
  expect as baseExpect,
  DEMO_AGENT,
  DEMO_AGENT_EAST_2,
  DEMO_AGENT_WEST,
  type DemoUser,
  signInAs,
  test,
} from "./fixtures";
import { PHONE_VIEWPORT, saveScreenshots } from "./screenshots";
import { apiToken, graphqlAs, withDatabase } from "./stack";

// The case view (/loans/:id). The worklist's tests work the first demo agent's cases, so these act on the
// second East agent's and the West agent's: the specs share one stack.

// A fixed reader's zone far from the borrowers' (all in the United States), so the two local times always differ.
const READER_TIME_ZONE = "Asia/Tokyo";
test.use({ locale: "en-US", timezoneId: READER_TIME_ZONE });
// Each test writes and waits for the case to be read again; a machine shared with other work is slow at it.
test.describe.configure({ timeout: 180_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

const BUCKET_LABEL = /^(Current|1-14 DPD|15-29 DPD|30-59 DPD|60-89 DPD|90\+ DPD)$/;
const TIER_LABEL = /^((Low|Medium|High|Critical) risk|In default)$/;
const DAY_MS = 86_400_000;

interface WorklistTop {
  myWorklist: {
    nodes: {
      task: { id: string; status: string };
      loan: { id: string; externalKey: string; outstandingBalance: string | null };
    }[];
  };
}

/** The user's open work, most urgent first, as the worklist shows it. */
async function worklist(user: DemoUser, first: number) {
  const token = await apiToken(user.email);
  const data = await graphqlAs<WorklistTop>(
    token,
    `query ($first: Int!) { myWorklist(first: $first) { nodes { task { id status } loan { id externalKey outstandingBalance } } } }`,
    { first },
  );
  return data.myWorklist.nodes;
}

async function userId(email: string): Promise<string> {
  return withDatabase(async (db) => {
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
    const id = rows[0]?.id;
    if (!id) throw new Error(`no user ${email} in the e2e database`);
    return id;
  });
}

/** Instants as the portal formats them (core/format/zonedTime.ts), in the browser locale the tests set. */
function formatInstant(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
    timeZone,
  }).format(Date.parse(iso));
}

function region(page: Page, name: string): Locator {
  return page.getByRole("region", { name, exact: true });
}

async function openCase(page: Page, loanId: string, externalKey: string, query = "") {
  await page.goto(`/loans/${loanId}${query}`);
  // The whole case (history, schedule, payments) is one request: allow a busy machine its time.
  await expect(page.getByRole("heading", { level: 1, name: externalKey })).toBeVisible({ timeout: 60_000 });
}

test("an agent opens the top case of the worklist, logs a contact and a promise, sees both in the history and completes the task", async ({
  page,
}) => {
  const [top] = await worklist(DEMO_AGENT_EAST_2, 1);
  if (!top) throw new Error(`${DEMO_AGENT_EAST_2.email} has no open work in the e2e stack`);
  // A promise may not exceed what is owed: 75 unless the top case owes less (a loan owing nothing is never
  // worked, so it owes at least something).
  const owed = top.loan.outstandingBalance === null ? 75 : Math.floor(Number(top.loan.outstandingBalance));
  const amount = Math.min(75, owed);
  if (!(amount >= 1))
    throw new Error(`the top case ${top.loan.externalKey} owes ${owed}: it should not be worked`);
  const startedAt = Date.now();

  // The agent's home is the worklist; its first case is the API's most urgent task.
  await signInAs(page, DEMO_AGENT_EAST_2);
  await expect(page.getByRole("heading", { level: 1, name: "Worklist" })).toBeVisible();
  const topCard = page.getByRole("list", { name: "Cases, most urgent first" }).getByRole("article").first();
  await expect(topCard).toHaveAttribute("data-task-id", top.task.id, { timeout: 60_000 });
  await expect(topCard.getByRole("heading", { level: 2 })).toContainText(top.loan.externalKey);
  // Its "Log contact" link: the case opens with the contact form's first field focused.
  await topCard.getByRole("link", { name: `Log contact for ${top.loan.externalKey}` }).click();
  await expect(page).toHaveURL(new RegExp(`/loans/${top.loan.id}`));
  await expect(page.getByRole("heading", { level: 1, name: top.loan.externalKey })).toBeVisible({
    timeout: 60_000,
  });
  const contactForm = region(page, "Log a contact");
  await expect(contactForm.getByLabel("Channel")).toBeFocused();

  const notes = `Borrower rang back and promised to pay (e2e ${startedAt})`;
  await contactForm.getByLabel("Channel").selectOption("CALL");
  await contactForm.getByLabel(/^Inbound/).check();
  await contactForm.getByLabel("Outcome").selectOption("PROMISE_TO_PAY");
  await contactForm.getByLabel("Duration in minutes").fill("6");
  await contactForm.getByLabel("Notes").fill(notes);
  await contactForm.getByRole("button", { name: "Record contact" }).click();
  await expect(contactForm.getByRole("status").filter({ hasText: "Contact recorded" })).toContainText(
    "Phone call, inbound, Promise to pay",
  );

  const history = region(page, "Contact history");
  const newestContact = history.getByRole("listitem").first();
  await expect(newestContact).toContainText(notes);
  await expect(newestContact).toContainText("Promise to pay");
  await expect(newestContact).toContainText("by you");

  const promiseForm = region(page, "Log a promise to pay");
  const promisedDate = new Date(Date.now() + 7 * DAY_MS).toISOString().slice(0, 10);
  await promiseForm.getByLabel(/^Amount/).fill(String(amount));
  await promiseForm.getByLabel("Pay by").fill(promisedDate);
  await expect(promiseForm.getByLabel(/Made in the contact just logged/)).toBeChecked();
  await promiseForm.getByRole("button", { name: "Record promise" }).click();
  await expect(promiseForm.getByRole("status")).toContainText(`Promise recorded: $${amount}.00`);

  const promises = region(page, "Promises to pay");
  const newestPromise = promises.getByRole("listitem").first();
  await expect(newestPromise).toContainText(`$${amount}.00 by`);
  await expect(newestPromise).toContainText("Pending");

  const task = region(page, "Task");
  const start = task.getByRole("button", { name: "Start task" });
  if (top.task.status === "OPEN") {
    await start.click();
    await expect(task.getByText("In progress", { exact: true })).toBeVisible();
    await expect(task.getByLabel("Outcome")).toBeFocused();
  }
  await task.getByLabel("Outcome").selectOption("PROMISE_TO_PAY");
  await task.getByLabel("Note").fill(`Promised ${amount} within a week`);
  await task.getByRole("button", { name: "Complete task" }).click();
  await expect(task.getByRole("status")).toContainText("Task completed: Promise to pay");
  await expect(task).toContainText("No open task on this loan");

  // What the screen reported is what the database holds: the task is done, the promise tied to the call.
  const stored = await withDatabase(async (db) => {
    const taskRow = await db.query<{ status: string; outcome: string }>(
      `SELECT status::text, outcome::text FROM "Task" WHERE id = $1`,
      [top.task.id],
    );
    const promiseRow = await db.query<{ amount: string; direction: string; notes: string }>(
      `SELECT p.amount::text, c.direction::text, c.notes
         FROM "PromiseToPay" p JOIN "Communication" c ON c.id = p."communicationId"
        WHERE p."loanId" = $1 AND p."createdAt" >= $2 ORDER BY p."createdAt" DESC LIMIT 1`,
      [top.loan.id, new Date(startedAt)],
    );
    return { task: taskRow.rows[0], promise: promiseRow.rows[0] };
  });
  expect(stored.task).toEqual({ status: "DONE", outcome: "PROMISE_TO_PAY" });
  expect(stored.promise).toEqual({ amount: `${amount}.00`, direction: "INBOUND", notes });
});

test("an outbound call the contact rules forbid is refused in the form with the rule and the next allowed time", async ({
  page,
}) => {
  const westAgent = await userId(DEMO_AGENT_WEST.email);
  // A case of the West agent whose borrower has no flag, opt-out or preferred hours: only the conversation
  // this test logs can refuse the call, whatever the time of day.
  const target = await withDatabase(async (db) => {
    const { rows } = await db.query<{ id: string; externalKey: string; timeZone: string }>(
      `SELECT l.id, l."externalKey", b."timeZone"
         FROM "Loan" l JOIN "Borrower" b ON b.id = l."borrowerId"
        WHERE EXISTS (SELECT 1 FROM "Task" t WHERE t."loanId" = l.id AND t."assigneeId" = $1
                        AND t.status IN ('OPEN', 'IN_PROGRESS'))
          AND NOT (b."doNotContact" OR b."disputeFlag" OR b."bankruptcyFlag" OR b."deceasedFlag" OR b."legalHold")
          AND cardinality(b."contactOptOuts") = 0
          AND b."preferredContactStartMinutes" IS NULL
        ORDER BY l."externalKey" DESC LIMIT 1`,
      [westAgent],
    );
    const row = rows[0];
    if (!row) throw new Error("no West case with an unrestricted borrower in the e2e stack");
    return row;
  });

  await signInAs(page, DEMO_AGENT_WEST);
  await openCase(page, target.id, target.externalKey);
  const form = region(page, "Log a contact");

  // The borrower rang and spoke to the agent: the policy allows no call for some days after a conversation.
  await form.getByLabel("Channel").selectOption("CALL");
  await form.getByLabel(/^Inbound/).check();
  await form.getByLabel("Outcome").selectOption("CONNECTED");
  await form.getByRole("button", { name: "Record contact" }).click();
  await expect(form.getByRole("status").filter({ hasText: "Contact recorded" })).toBeVisible();
  const conversationAt = await withDatabase(async (db) => {
    const { rows } = await db.query<{ startedAt: Date }>(
      `SELECT "startedAt" FROM "Communication" WHERE "loanId" = $1 AND direction = 'INBOUND'
        ORDER BY "createdAt" DESC LIMIT 1`,
      [target.id],
    );
    if (!rows[0]) throw new Error("the inbound call was not stored");
    return rows[0].startedAt.getTime();
  });

  // Before dialling, the form already says the call is not allowed now, and why.
  await form.getByLabel(/^Outbound/).check();
  const check = form.getByRole("status").filter({ hasText: "Not allowed now" });
  await expect(check).toContainText("Conversation cooldown");

  await form.getByLabel("Outcome").selectOption("NO_ANSWER");
  await form.getByRole("button", { name: "Record contact" }).click();
  const refusal = form.getByRole("alert");
  await expect(refusal).toContainText(
    "Not recorded: the contact rules refuse this outbound contact (Phone call)",
  );
  await expect(refusal).toContainText("Conversation cooldown");

  // The next allowed time is the API's verdict, shown in the borrower's time and the reader's.
  const token = await apiToken(DEMO_AGENT_WEST.email);
  const { contactCheck } = await graphqlAs<{ contactCheck: { rule: string; nextAllowedAt: string } }>(
    token,
    `query ($loanId: ID!) { contactCheck(loanId: $loanId, channel: CALL) { rule nextAllowedAt } }`,
    { loanId: target.id },
  );
  expect(contactCheck.rule).toBe("CONVERSATION_COOLDOWN");
  const nextAllowed = refusal.locator("time");
  await expect(nextAllowed).toHaveAttribute("datetime", contactCheck.nextAllowedAt);
  expect(Date.parse(contactCheck.nextAllowedAt)).toBeGreaterThanOrEqual(conversationAt + 7 * DAY_MS);
  await expect(nextAllowed).toContainText(
    `${formatInstant(contactCheck.nextAllowedAt, target.timeZone)} borrower's time`,
  );
  await expect(nextAllowed).toContainText(
    `${formatInstant(contactCheck.nextAllowedAt, READER_TIME_ZONE)} your time`,
  );

  const outboundCalls = await withDatabase(async (db) => {
    const { rows } = await db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM "Communication"
        WHERE "loanId" = $1 AND direction = 'OUTBOUND' AND "startedAt" >= $2`,
      [target.id, new Date(conversationAt)],
    );
    return Number(rows[0]?.n);
  });
  expect(outboundCalls).toBe(0);
  await expectNoSeriousA11yViolations(page);
});

/** The hour it is now in `timeZone` (0-23). */
function localHour(timeZone: string): number {
  return Number(
    new Intl.DateTimeFormat("en-US", { hour: "numeric", hourCycle: "h23", timeZone }).format(Date.now()),
  );
}

test("preferred hours that exclude now delay the recommended contact; the case shows when in local times, not raw UTC", async ({
  page,
}) => {
  const westAgent = await userId(DEMO_AGENT_WEST.email);
  // Another unrestricted West case (the other end of the list from the refusal test's), not routed to a
  // manager, with no recent contact that could make the policy switch channel instead of waiting.
  const target = await withDatabase(async (db) => {
    const { rows } = await db.query<{ id: string; externalKey: string; timeZone: string }>(
      `SELECT l.id, l."externalKey", b."timeZone"
         FROM "Loan" l JOIN "Borrower" b ON b.id = l."borrowerId"
        WHERE EXISTS (SELECT 1 FROM "Task" t WHERE t."loanId" = l.id AND t."assigneeId" = $1
                        AND t.status IN ('OPEN', 'IN_PROGRESS'))
          AND NOT (b."doNotContact" OR b."disputeFlag" OR b."bankruptcyFlag" OR b."deceasedFlag" OR b."legalHold")
          AND cardinality(b."contactOptOuts") = 0
          AND b."preferredContactStartMinutes" IS NULL
          AND (SELECT s.tier::text FROM "RiskScore" s WHERE s."loanId" = l.id
                ORDER BY s."scoredAt" DESC LIMIT 1) <> 'CRITICAL'
          AND NOT EXISTS (SELECT 1 FROM "Communication" c WHERE c."borrowerId" = b.id
                            AND c."startedAt" > now() - interval '8 days')
        ORDER BY l."externalKey" LIMIT 1`,
      [westAgent],
    );
    if (!rows[0]) throw new Error("no unrestricted, uncontacted West case in the e2e stack");
    return rows[0];
  });

  await signInAs(page, DEMO_AGENT_WEST);
  await openCase(page, target.id, target.externalKey);

  // The borrower asks to be called in one hour of their day that is not now (within the policy's 08-21).
  const hour = localHour(target.timeZone);
  const [from, until] = hour === 8 || hour === 9 ? ["19:00", "20:00"] : ["08:00", "09:00"];
  const preferences = region(page, "Contact restrictions and preferences");
  await preferences.getByRole("button", { name: "Change preferences" }).click();
  await preferences.getByLabel("From", { exact: true }).fill(from);
  await preferences.getByLabel("Until", { exact: true }).fill(until);
  await preferences.getByRole("button", { name: "Save preferences" }).click();
  await expect(preferences.getByRole("status")).toContainText("Contact preferences saved");
  await expect(preferences).toContainText(`${from}–${until} their time (${target.timeZone})`);

  // The next rescoring plans the contact for the borrower's next preferred hour.
  const token = await apiToken(DEMO_AGENT_WEST.email);
  const { rescoreLoan } = await graphqlAs<{
    rescoreLoan: {
      recommendation: { rationale: string; contactRule: { rule: string; nextAllowedAt: string } };
    };
  }>(
    token,
    `mutation ($loanId: ID!, $key: String!) {
       rescoreLoan(loanId: $loanId, idempotencyKey: $key) {
         recommendation { rationale contactRule { rule nextAllowedAt } }
       }
     }`,
    { loanId: target.id, key: `e2e-rescore-${target.id}-${Date.now()}` },
  );
  const { rationale, contactRule } = rescoreLoan.recommendation;
  expect(contactRule.rule).toBe("OUTSIDE_CONTACT_HOURS");
  expect(rationale).toContain(`Not before ${contactRule.nextAllowedAt}`);

  await page.reload();
  const risk = region(page, "Risk and next action");
  await expect(risk).toContainText("When it was made, the contact rules delayed or refused this contact");
  await expect(risk).toContainText("Outside contact hours");
  const borrowerTime = `${formatInstant(contactRule.nextAllowedAt, target.timeZone)} borrower's time`;
  const readerTime = `${formatInstant(contactRule.nextAllowedAt, READER_TIME_ZONE)} your time`;
  // The structured verdict, and the rationale's own "Not before", both in local times.
  const times = risk.locator(`time[datetime="${contactRule.nextAllowedAt}"]`);
  await expect(times).toHaveCount(2);
  for (const time of await times.all()) {
    await expect(time).toContainText(borrowerTime);
    await expect(time).toContainText(readerTime);
  }
  await expect(risk).not.toContainText(contactRule.nextAllowedAt);
});

test("an agent cannot open another agent's case by URL", async ({ page }) => {
  const alex = await userId(DEMO_AGENT.email);
  const westCases = await worklist(DEMO_AGENT_WEST, 50);
  // A West case Alex (East) never had a task on: nothing makes it his to see.
  const foreign = await withDatabase(async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `SELECT l.id FROM "Loan" l WHERE l.id = ANY($1::uuid[])
          AND NOT EXISTS (SELECT 1 FROM "Task" t WHERE t."loanId" = l.id AND t."assigneeId" = $2)`,
      [westCases.map((c) => c.loan.id), alex],
    );
    return westCases.find((c) => rows.some((r) => r.id === c.loan.id));
  });
  if (!foreign) throw new Error("every West case also had a task of the first East agent");

  await signInAs(page, DEMO_AGENT);
  await page.goto(`/loans/${foreign.loan.id}`);
  await expect(page.getByRole("heading", { name: "Loan not found" }).first()).toBeVisible();
  await expect(page.getByText("you do not have access to it")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: foreign.loan.externalKey })).toHaveCount(0);
  await expect(region(page, "Log a contact")).toHaveCount(0);
});

/** A case of the second East agent with a payment history (charts to draw), other than the worklist's top. */
async function caseWithHistory(): Promise<{ id: string; externalKey: string }> {
  const agent = await userId(DEMO_AGENT_EAST_2.email);
  return withDatabase(async (db) => {
    const { rows } = await db.query<{ id: string; externalKey: string }>(
      `SELECT l.id, l."externalKey" FROM "Loan" l
        WHERE EXISTS (SELECT 1 FROM "Task" t WHERE t."loanId" = l.id AND t."assigneeId" = $1
                        AND t.status IN ('OPEN', 'IN_PROGRESS'))
          AND EXISTS (SELECT 1 FROM "Payment" p WHERE p."loanId" = l.id)
          AND EXISTS (SELECT 1 FROM "Communication" c WHERE c."borrowerId" = l."borrowerId")
        ORDER BY (SELECT count(*) FROM "Instalment" i WHERE i."loanId" = l.id) DESC, l."externalKey"
        LIMIT 1`,
      [agent],
    );
    if (!rows[0]) throw new Error("the second East agent has no case with a payment history");
    return rows[0];
  });
}

test("at phone width the case view reflows: no sideways scrolling, tier, bucket, amount overdue and action on the first screen", async ({
  page,
}) => {
  const kase = await caseWithHistory();
  await page.setViewportSize(PHONE_VIEWPORT);
  await signInAs(page, DEMO_AGENT_EAST_2);
  await openCase(page, kase.id, kase.externalKey);
  await expect(region(page, "Payments").locator("figure .main-svg").first()).toBeAttached();

  const glance = region(page, "Case at a glance");
  for (const label of ["Risk tier", "Bucket", "Amount overdue", "Next action"]) {
    await expect(glance.getByText(label, { exact: true })).toBeInViewport();
  }
  await expect(glance.getByText(TIER_LABEL)).toBeInViewport();
  await expect(glance.getByText(BUCKET_LABEL)).toBeInViewport();
  await expect(glance.getByText(/^\$[\d,]+\.\d{2}$/).first()).toBeInViewport();
  await expect(page.getByRole("button", { name: "Log contact" })).toBeInViewport();
  expect(await hasHorizontalOverflow(page)).toBe(false);

  // The charts' tables are wider than a phone: they scroll inside their card, not the page.
  await region(page, "Payments").getByRole("button", { name: "Show as table" }).click();
  await expect(region(page, "Payments").getByRole("table")).toBeVisible();
  expect(await hasHorizontalOverflow(page)).toBe(false);
});

test("the case view passes an accessibility scan; screenshots at desktop and phone width", async ({
  page,
}) => {
  const kase = await caseWithHistory();
  await signInAs(page, DEMO_AGENT_EAST_2);
  await openCase(page, kase.id, kase.externalKey);
  for (const name of [
    "Risk and next action",
    "Borrower",
    "Contact history",
    "Score history",
    "Recommendations",
  ]) {
    await expect(region(page, name)).toBeVisible();
  }
  await expect(region(page, "Payments").locator("figure .main-svg").first()).toBeAttached();
  await expect(
    region(page, "Days past due and bucket history").locator("figure .main-svg").first(),
  ).toBeAttached();
  // Every chart has its figures as a table too.
  await expect(region(page, "Payments").getByRole("table", { includeHidden: true })).toHaveCount(1);

  await expectNoSeriousA11yViolations(page);
  await saveScreenshots(page, "case-view");
});
