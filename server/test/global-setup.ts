import type { TestProject } from "vitest/node";
import { createEphemeralDatabase } from "../src/core/db/ephemeral-database.js";
import { buildServedModel } from "./served-model.js";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    /** A model trained on the feature export of a synthetic portfolio in the test database. */
    servedModelDir: string;
    /** The collection scores' models trained on the same portfolio's collection tables. */
    collectionModelsDir: string;
  }
}

/** One migrated PostgreSQL database for the run (embedded unless DATABASE_URL is set), removed afterwards. */
export default async function setup(project: TestProject) {
  const db = await createEphemeralDatabase("test");
  project.provide("databaseUrl", db.url);
  let models: Awaited<ReturnType<typeof buildServedModel>>;
  try {
    models = await buildServedModel(db.url);
    project.provide("servedModelDir", models.modelDir);
    project.provide("collectionModelsDir", models.collectionModelsDir);
  } catch (err) {
    await db.dispose();
    throw err;
  }
  return async () => {
    await models.dispose();
    await db.dispose();
  };
}
