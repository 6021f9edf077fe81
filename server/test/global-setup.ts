import type { TestProject } from "vitest/node";
import { createEphemeralDatabase } from "../src/core/db/ephemeral-database.js";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** One migrated PostgreSQL database for the run (embedded unless DATABASE_URL is set), removed afterwards. */
export default async function setup(project: TestProject) {
  const db = await createEphemeralDatabase("test");
  project.provide("databaseUrl", db.url);
  return () => db.dispose();
}
