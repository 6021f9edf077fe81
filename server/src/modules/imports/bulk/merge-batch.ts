import type pg from "pg";
import { ENTITIES, type EntityName } from "./entities.js";
import { mergeEntity, type StagedRow } from "./merge-entity.js";

// Parents before children: a batch's loans can reference the borrowers merged just before them, and
// anything can name the users (agents) merged first.
export const MERGE_ORDER = Object.keys(ENTITIES) as EntityName[];

export type StagedBatch = Partial<Record<EntityName, StagedRow<EntityName>[]>>;

export interface BatchResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Source lines refused (unknown reference), with the first reason for each. */
  rejected: Map<number, { column: string; message: string }>;
}

/**
 * Merges one batch of every entity inside an open transaction. When rows are rejected (an unknown
 * reference), the transaction is rolled back to a savepoint and the batch merged again without them, so no
 * record lands without its parts; this repeats until nothing new is rejected.
 */
export async function mergeBatch(
  client: pg.PoolClient,
  /** Null for records that belong to no portfolio (users and teams). */
  portfolioId: string | null,
  batch: StagedBatch,
): Promise<BatchResult> {
  const rejected = new Map<number, { column: string; message: string }>();
  for (;;) {
    await client.query("SAVEPOINT merge_batch");
    const result: BatchResult = { inserted: 0, updated: 0, unchanged: 0, rejected };
    let newlyRejected = 0;
    for (const entity of MERGE_ORDER) {
      const rows = (batch[entity] ?? []).filter((r) => !rejected.has(r.line));
      const res = await mergeEntity(client, entity, portfolioId, rows);
      result.inserted += res.inserted;
      result.updated += res.updated;
      result.unchanged += res.unchanged;
      for (const r of res.rejected) {
        if (!rejected.has(r.line)) {
          rejected.set(r.line, { column: r.column, message: r.message });
          newlyRejected++;
        }
      }
    }
    if (newlyRejected === 0) {
      await client.query("RELEASE SAVEPOINT merge_batch");
      return result;
    }
    await client.query("ROLLBACK TO SAVEPOINT merge_batch");
  }
}
