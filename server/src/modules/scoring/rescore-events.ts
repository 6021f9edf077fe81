import { randomUUID } from "node:crypto";
import { type AppPubSub, type RescoringCompletedEvent, Topic } from "../../core/pubsub/pubsub.js";
import type { InsertedTask, OpenTaskOwner } from "../tasks/task-alignment.repository.js";
import { announceNewTasks } from "../tasks/task-events.js";

/** What one committed chunk of a rescoring changed, with who may see each change. */
export interface ChunkChanges {
  loans: number;
  /** New recommendations, with their loan's open task owner (none for a loan nobody works). */
  recommendations: { id: string; loanId: string; owner: OpenTaskOwner | null }[];
  /** New tasks: given to an agent, or escalations waiting in the recovery managers' queue. */
  assigned: InsertedTask[];
}

interface Counts {
  recommendationsCreated: number;
  tasksAssigned: number;
  escalationsCreated: number;
}

/**
 * What a batch rescoring changed, added up for the whole run, each team and each agent: plain JSON, so that
 * a queued run's chunks, committed by different processes, store theirs and the run's events are their sum.
 */
export interface EventTally {
  loans: number;
  total: Counts;
  byTeam: Record<string, Counts>;
  byUser: Record<string, Counts>;
}

const noCounts = (): Counts => ({ recommendationsCreated: 0, tasksAssigned: 0, escalationsCreated: 0 });

/** The counts kept under `key`, made when missing. */
function countsOf(map: Record<string, Counts>, key: string): Counts {
  const c = map[key] ?? noCounts();
  map[key] = c;
  return c;
}

export const emptyTally = (): EventTally => ({ loans: 0, total: noCounts(), byTeam: {}, byUser: {} });

/** What one committed chunk adds to its run's tally. */
export function tallyChanges(chunk: ChunkChanges): EventTally {
  const t = emptyTally();
  t.loans = chunk.loans;
  const add = (userId: string | null | undefined, teamId: string | null | undefined, what: keyof Counts) => {
    t.total[what]++;
    if (userId) countsOf(t.byUser, userId)[what]++;
    if (teamId) countsOf(t.byTeam, teamId)[what]++;
  };
  for (const r of chunk.recommendations) add(r.owner?.assigneeId, r.owner?.teamId, "recommendationsCreated");
  for (const a of chunk.assigned) {
    if (a.escalation) add(null, a.teamId, "escalationsCreated");
    else if (a.assigneeId) add(a.assigneeId, a.teamId, "tasksAssigned");
  }
  return t;
}

/** `into` plus `more` (a missing or partial tally, as stored JSON may be, counts as nothing). */
export function addTally(into: EventTally, more: Partial<EventTally>): EventTally {
  const sum = (a: Counts, b: Partial<Counts> = {}) => {
    for (const k of Object.keys(a) as (keyof Counts)[]) a[k] += b[k] ?? 0;
  };
  into.loans += more.loans ?? 0;
  sum(into.total, more.total);
  for (const [id, c] of Object.entries(more.byTeam ?? {})) sum(countsOf(into.byTeam, id), c);
  for (const [id, c] of Object.entries(more.byUser ?? {})) sum(countsOf(into.byUser, id), c);
  return into;
}

/**
 * The live events of a rescoring. A batch run (`coalesced`) adds up what each agent, each team and the whole
 * run got, and publishes one RESCORING_COMPLETED per audience at the end: a million-loan run sends a few
 * hundred events, not millions. A single loan's run (`each`) publishes its changes at once, as a person's
 * change does (TASK_ASSIGNED, RECOMMENDATION_CREATED). `none`: a queued run's chunk, whose changes are
 * stored with the chunk and published, summed, when the run finishes (see rescore-queue.ts).
 */
export class RescoreEvents {
  private readonly tally = emptyTally();

  constructor(
    private readonly pubsub: AppPubSub | undefined,
    private readonly mode: "coalesced" | "each" | "none",
    private readonly portfolioId: string,
    private readonly actorId = "rescoring",
    private readonly runId: string = randomUUID(),
  ) {}

  /** Called once a chunk's writes are committed: live updates only for work that really happened. */
  committed(chunk: ChunkChanges) {
    if (!this.pubsub || this.mode === "none") return;
    if (this.mode === "each") return this.publishEach(this.pubsub, chunk);
    addTally(this.tally, tallyChanges(chunk));
  }

  /** Adds a queued run's stored chunk tallies (the run's events are published by the process finishing it). */
  add(more: Partial<EventTally>) {
    addTally(this.tally, more);
  }

  /** Publishes the run's coalesced events (nothing in `each` mode: those went out as they happened). */
  finished(succeeded: boolean, now = new Date()) {
    if (!this.pubsub || this.mode !== "coalesced") return;
    const event = (userId: string | null, teamId: string | null, c: Counts): RescoringCompletedEvent => ({
      runId: this.runId,
      portfolioId: this.portfolioId,
      userId,
      teamId,
      loansRescored: userId || teamId ? null : this.tally.loans,
      ...c,
      finishedAt: now.toISOString(),
      succeeded,
    });
    this.pubsub.publish(Topic.RESCORING_COMPLETED, event(null, null, this.tally.total));
    for (const [teamId, c] of Object.entries(this.tally.byTeam))
      this.pubsub.publish(Topic.RESCORING_COMPLETED, event(null, teamId, c));
    for (const [userId, c] of Object.entries(this.tally.byUser))
      this.pubsub.publish(Topic.RESCORING_COMPLETED, event(userId, null, c));
  }

  private publishEach(pubsub: AppPubSub, chunk: ChunkChanges) {
    for (const r of chunk.recommendations) {
      pubsub.publish(Topic.RECOMMENDATION_CREATED, {
        recommendationId: r.id,
        loanId: r.loanId,
        assigneeId: r.owner?.assigneeId ?? null,
        teamId: r.owner?.teamId ?? null,
      });
    }
    announceNewTasks(pubsub, chunk.assigned, this.actorId);
  }
}
