import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../core/config/repo-paths.js";
import { buildGraphQLSchema } from "./graphql-schema.js";

describe("server/schema.graphql", () => {
  it("is the schema the resolvers define (run `npm run -w server schema:emit` after changing them)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "schema-"));
    const file = path.join(dir, "schema.graphql");
    await buildGraphQLSchema(undefined, file);
    const emitted = readFileSync(file, "utf8");
    rmSync(dir, { recursive: true, force: true });
    expect(emitted).toBe(readFileSync(path.join(repoRoot, "server", "schema.graphql"), "utf8"));
  });
});
