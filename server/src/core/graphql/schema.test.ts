import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../config/repo-paths.js";
import { buildGraphQLSchema } from "./schema.js";

describe("server/schema.graphql", () => {
  it("is the schema the resolvers define (run `npm run -w server schema:emit` after changing them)", async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "schema-")), "schema.graphql");
    await buildGraphQLSchema(undefined, file);
    const committed = readFileSync(path.join(repoRoot, "server", "schema.graphql"), "utf8");
    expect(readFileSync(file, "utf8")).toBe(committed);
  });
});
