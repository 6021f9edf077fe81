import { defineConfig } from "vitest/config";

// The portal's unit tests: plain functions (the policy form's model, checks and wording), no browser and no
// server, so none of vite.config.ts's plugins or proxy. e2e/ holds Playwright's specs, which vitest must
// not pick up.
export default defineConfig({
  test: { include: ["src/**/*.test.ts"] },
});
