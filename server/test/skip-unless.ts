import type { TestContext } from "vitest";

/**
 * Skips the running test unless `holds`, saying why in the run's output: vitest's default reporter prints
 * only a count of skipped tests, and a skip nobody reads about hides a behaviour nobody checked.
 */
export function skipUnless(ctx: TestContext, holds: boolean, reason: string): void {
  if (holds) return;
  console.warn(`skipped "${ctx.task.name}": ${reason}`);
  ctx.skip(reason);
}
