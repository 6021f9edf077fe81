// Writes server/schema.graphql, the committed contract the web app's codegen reads without a server.
import "reflect-metadata";
import path from "node:path";
import { repoRoot } from "../core/config/repo-paths.js";
import { buildGraphQLSchema } from "./graphql-schema.js";

export const SCHEMA_FILE = path.join(repoRoot, "server", "schema.graphql");

await buildGraphQLSchema(undefined, SCHEMA_FILE);
console.log(`Wrote ${path.relative(repoRoot, SCHEMA_FILE)}`);
