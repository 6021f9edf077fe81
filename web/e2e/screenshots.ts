import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";

/** Where the browser tests leave their screenshots of each page (named in the README). */
export const SCREENSHOT_DIR = fileURLToPath(new URL("../screenshots", import.meta.url));

export const PHONE_VIEWPORT = { width: 390, height: 844 } as const;
const DESKTOP_VIEWPORT = { width: 1440, height: 900 } as const;

/**
 * Saves `name`-desktop.png and `name`-phone.png of the page as it is now, then restores the viewport. Callers
 * wait for the page's content first: a screenshot of a spinner documents nothing.
 */
export async function saveScreenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const before = page.viewportSize();
  for (const [label, size] of [
    ["desktop", DESKTOP_VIEWPORT],
    ["phone", PHONE_VIEWPORT],
  ] as const) {
    await page.setViewportSize(size);
    await page.waitForLoadState("networkidle").catch(() => undefined);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${label}.png`), fullPage: true });
  }
  if (before) await page.setViewportSize(before);
}
