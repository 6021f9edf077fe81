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

const noCounts = (): Counts => ({ recommendationsCreated: 0, tasksAssigned: 0, escalationsCreated: 0 });

/**
 * The live events of a rescoring. A batch run (`coalesced`) adds up what each agent, each team and the whole
 * run got, and publishes one RESCORING_COMPLETED per audience at the end: a million-loan run sends a few
 * hundred events, not millions. A single loan's run (`each`) publishes its changes at once, as a person's
 * change does (TASK_ASSIGNED, RECOMMENDATION_CREATED).
 */
export class RescoreEvents {
  private readonly runId = randomUUID();
  private readonly byUser = new Map<string, Counts>();
  private readonly byTeam = new Map<string, Counts>();
  private readonly total: Counts = noCounts();
  private loans = 0;

  constructor(
    private readonly pubsub: AppPubSub | undefined,
    private readonly mode: "coalesced" | "each",
    private readonly portfolioId: string,
    private readonly actorId = "rescoring",
  ) {}

  /** Called once a chunk's writes are committed: live updates only for work that really happened. */
  committed(chunk: ChunkChanges) {
    if (!this.pubsub) return;
    if (this.mode === "each") return this.publishEach(this.pubsub, chunk);
    this.loans += chunk.loans;
    for (const r of chunk.recommendations) {
      this.add(r.owner?.assigneeId, r.owner?.teamId, "recommendationsCreated");
    }
    for (const t of chunk.assigned) {
      if (t.escalation) this.add(null, t.teamId, "escalationsCreated");
      else if (t.assigneeId) this.add(t.assigneeId, t.teamId, "tasksAssigned");
    }
  }

  /** Publishes the run's coalesced events (nothing in `each` mode: those went out as they happened). */
  finished(succeeded: boolean, now = new Date()) {
    if (!this.pubsub || this.mode === "each") return;
    const event = (userId: string | null, teamId: string | null, c: Counts): RescoringCompletedEvent => ({
      runId: this.runId,
      portfolioId: this.portfolioId,
      userId,
      teamId,
      loansRescored: userId || teamId ? null : this.loans,
      ...c,
      finishedAt: now.toISOString(),
      succeeded,
    });
    this.pubsub.publish(Topic.RESCORING_COMPLETED, event(null, null, this.total));
    for (const [teamId, c] of this.byTeam)
      this.pubsub.publish(Topic.RESCORING_COMPLETED, event(null, teamId, c));
    for (const [userId, c] of this.byUser)
      this.pubsub.publish(Topic.RESCORING_COMPLETED, event(userId, null, c));
  }

  private add(userId: string | null | undefined, teamId: string | null | undefined, what: keyof Counts) {
    this.total[what]++;
    const bump = (map: Map<string, Counts>, key: string) => {
      const c = map.get(key) ?? noCounts();
      c[what]++;
      map.set(key, c);
    };
    if (userId) bump(this.byUser, userId);
    if (teamId) bump(this.byTeam, teamId);
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
