import swc from "unplugin-swc";
import { defineConfig } from "vitest/config";

// esbuild (Vitest's default transform) emits no decorator metadata, which TypeGraphQL needs: SWC does.
export default defineConfig({
  plugins: [
    swc.vite({
      jsc: {
        parser: { syntax: "typescript", decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: "es2022",
      },
    }),
  ],
  // One copy of graphql for everyone (type-graphql, Apollo, graphql-ws): otherwise ESM and CJS entry points
  // load it twice and it fails with "Cannot use GraphQLSchema from another module or realm".
  resolve: { alias: { graphql: "graphql/index.js" } },
  test: {
    include: [
      "src/**/*.test.ts",
      "test/**/*.test.ts",
      "../seeds/src/**/*.test.ts",
      "../scripts/**/*.test.ts",
    ],
    globalSetup: ["./test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
