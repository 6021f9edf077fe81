import { readFileSync } from "node:fs";
import path from "node:path";
import type { Locator } from "@playwright/test";
import { expectNoSeriousA11yViolations, hasHorizontalOverflow } from "./accessibility";
import { DEMO_AGENT, DEMO_SUPERVISOR, expect, signInAs, test } from "./fixtures";
import { PHONE_VIEWPORT, saveScreenshots } from "./screenshots";
import { apiToken, e2eStack, graphqlAs } from "./stack";

// The page formats numbers for the browser's locale; pinned, so the test can write the figures it expects.
test.use({ locale: "en-US" });

interface HealthFromApi {
  modelHealth: {
    card: { version: string; testAuc: number | null; testKs: number | null };
    liveLoans: number;
    scoreDrift: { psi: number | null; reading: string | null; distribution: { trainShare: number }[] };
    featureDrift: { feature: string; psi: number | null }[];
    calibrationByBand: { group: string; withOutcome: number }[];
  };
}

const HEALTH = `{ modelHealth {
  card { version testAuc testKs }
  liveLoans
  scoreDrift { psi reading distribution { trainShare } }
  featureDrift { feature psi }
  calibrationByBand { group withOutcome }
} }`;

// What the page calls the server's PSI readings (STABLE < 0.1, WATCH 0.1-0.25, SHIFTED > 0.25).
const READING_WORDS: Record<string, string> = { STABLE: "Stable", WATCH: "Watch", SHIFTED: "Shifted: act" };
const TOP_FEATURES = 10;

/** The figures of a chart's table alternative: the chart is swapped for its table first. */
async function chartTable(region: Locator, chart: string, table: string): Promise<Locator> {
  const figure = region.getByRole("figure", { name: chart });
  await figure.getByRole("button", { name: "Show as table" }).click();
  const rows = figure.getByRole("table", { name: table });
  await expect(rows).toBeVisible();
  return rows;
}

test("a supervisor opens Model health and sees the served model's card, drift and calibration", async ({
  page,
}) => {
  // Sign-in, three charts, an accessibility scan and two screenshots on a shared machine.
  test.setTimeout(120_000);
  // What the served model is, from the API as this user and from the card file the stack trained.
  const { modelHealth: api } = await graphqlAs<HealthFromApi>(await apiToken(DEMO_SUPERVISOR.email), HEALTH);
  const cardFile = JSON.parse(readFileSync(path.join(e2eStack().modelDir, "model-card.json"), "utf8"));
  expect(api.card.version).toBe(cardFile.version);
  expect(api.card.testAuc).toBe(cardFile.metrics.test.auc);
  // The stack rescored its portfolios with this model: drift has live scores to work on.
  expect(api.liveLoans).toBeGreaterThan(0);
  expect(api.scoreDrift.psi).not.toBeNull();
  const auc = api.card.testAuc as number;
  const psi = api.scoreDrift.psi as number;

  await signInAs(page, DEMO_SUPERVISOR);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Model health" }).click();
  await expect(page).toHaveURL(/\/model-health$/);
  await expect(page.getByRole("heading", { level: 1, name: "Model health" })).toBeVisible();

  const card = page.getByRole("region", { name: "Model card" });
  // The page's one query aggregates every live score: on a busy machine it can take a while.
  await expect(card).toContainText(api.card.version, { timeout: 30_000 });
  const metrics = page.getByRole("region", { name: "Test performance" });
  const metric = (name: string) =>
    metrics.locator("dt", { hasText: new RegExp(`^${name}$`) }).locator("xpath=following-sibling::dd[1]");
  await expect(metric("AUC")).toHaveText(auc.toFixed(3));
  await expect(metric("KS")).toHaveText((api.card.testKs as number).toFixed(3));

  const tiers = page.getByRole("region", { name: "Risk tiers" });
  await expect(tiers.getByRole("table", { name: "Risk tiers" }).getByRole("row")).toHaveCount(5);

  // The PSI with its reading in words, not only as a colour.
  const drift = page.getByRole("region", { name: "Score drift" });
  await expect(drift.getByText(psi.toFixed(3), { exact: true })).toBeVisible();
  await expect(drift).toContainText(READING_WORDS[api.scoreDrift.reading ?? ""] ?? "no reading");

  // Every chart drawn before the screenshots and the accessibility scan.
  const plotted = Number(api.calibrationByBand.some((b) => b.withOutcome > 0)) + 2;
  await expect(page.locator(".js-plotly-plot")).toHaveCount(plotted, { timeout: 30_000 });
  await expectNoSeriousA11yViolations(page);
  await saveScreenshots(page, "model-health");

  const bins = await chartTable(
    drift,
    "Share of loans per score band: training against live",
    "Score distribution, training against live",
  );
  await expect(bins.getByRole("row")).toHaveCount(api.scoreDrift.distribution.length + 1);

  const withPsi = api.featureDrift.filter((f) => f.psi !== null);
  const shown = Math.min(TOP_FEATURES, withPsi.length);
  expect(shown).toBeGreaterThan(0);
  const features = await chartTable(
    page.getByRole("region", { name: "Feature drift" }),
    `The ${shown} most drifted features`,
    "Most drifted features",
  );
  await expect(features.getByRole("row")).toHaveCount(shown + 1);
  // Most drifted first, as the API ranks them.
  await expect(features.getByRole("row").nth(1).getByRole("rowheader")).toHaveText(withPsi[0]?.feature ?? "");

  const calibration = page.getByRole("region", { name: "Calibration" });
  const bandTable = api.calibrationByBand.some((b) => b.withOutcome > 0)
    ? await chartTable(
        calibration,
        "Predicted against observed default rate, by probability band",
        "Calibration by probability band",
      )
    : // Without any known outcome there is nothing to plot: the page shows the counts as a table.
      calibration.getByRole("table", { name: "Calibration by probability band" });
  expect(api.calibrationByBand.length).toBeGreaterThan(0);
  await expect(bandTable.getByRole("row")).toHaveCount(api.calibrationByBand.length + 1);

  await page.setViewportSize(PHONE_VIEWPORT);
  await expect(card).toContainText(api.card.version);
  await expect(metric("AUC")).toBeVisible();
  expect(await hasHorizontalOverflow(page), "the page scrolls sideways at 390 px").toBe(false);
});

test("an agent has no model health: not in the navigation, no access by URL, refused by the API", async ({
  page,
}) => {
  await expect(graphqlAs(await apiToken(DEMO_AGENT.email), HEALTH)).rejects.toThrow(
    /supervisors, managers and admins/,
  );

  await signInAs(page, DEMO_AGENT);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link").first()).toBeVisible();
  await expect(nav.getByRole("link", { name: "Model health" })).toHaveCount(0);

  await page.goto("/model-health");
  await expect(page.getByRole("heading", { level: 1, name: "Model health" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No access to model health" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Model card" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
});
