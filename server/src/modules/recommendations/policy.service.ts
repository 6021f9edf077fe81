import type { UserPrincipal } from "../../core/auth/principal.js";
import { badInput, forbidden, notFound } from "../../core/errors/app-error.js";
import { DEFAULT_POLICY, type Policy } from "./policy.js";
import type { PolicyRepository } from "./policy.repository.js";
import { policyProblems } from "./policy.schema.js";

/**
 * How long the active policy is reused without reading it again: every /predict call needs it. A policy
 * saved through this service applies at once; one saved by another process within this time.
 */
export const ACTIVE_POLICY_TTL_MS = 5_000;

/** The active recommendation policy, and new versions of it saved by supervisors and managers. */
export class PolicyService {
  private cached: { policy: Promise<Policy>; until: number } | undefined;

  constructor(private readonly policies: PolicyRepository) {}

  /** The active policy; a new installation gets the default as version 1. */
  active(now = Date.now()): Promise<Policy> {
    if (this.cached && this.cached.until > now) return this.cached.policy;
    const policy = this.load();
    this.cached = { policy, until: now + ACTIVE_POLICY_TTL_MS };
    // A failed read is not kept: the next call asks the database again.
    policy.catch(() => {
      if (this.cached?.policy === policy) this.cached = undefined;
    });
    return policy;
  }

  private async load(): Promise<Policy> {
    const found = await this.policies.findActive();
    if (found) return found.definition as unknown as Policy;
    try {
      return (await this.policies.save(DEFAULT_POLICY as object, "default policy", null, true))
        .definition as unknown as Policy;
    } catch {
      // Another request installed the default at the same moment (unique version): use theirs.
      const theirs = await this.policies.findActive();
      if (!theirs) throw new Error("No active recommendation policy and the default could not be saved");
      return theirs.definition as unknown as Policy;
    }
  }

  history() {
    return this.policies.list();
  }

  async version(version: number) {
    const found = await this.policies.findByVersion(version);
    if (!found) throw notFound("Recommendation policy version", String(version));
    return found;
  }

  /**
   * A new version of the organisation-wide policy, saved as a draft: it changes nothing until a recovery
   * manager or an admin activates it, because it changes the next action of every team's cases.
   */
  async saveDraft(principal: UserPrincipal, candidate: unknown, note: string | null) {
    if (principal.role === "AGENT")
      throw forbidden("Only supervisors, managers and admins draft changes to the recommendation policy");
    const problems = policyProblems({ ...(candidate as object), version: 1 });
    if (problems.length > 0)
      throw badInput(`The policy cannot be saved: ${problems.join("; ")}`, { problems });
    // Audited by the GraphQL mutation middleware, the only way in.
    return this.policies.save(candidate as object, note, principal.userId, false);
  }

  /** Makes a saved version the organisation's policy: recovery managers and admins only. */
  async activate(principal: UserPrincipal, version: number) {
    if (principal.role !== "MANAGER" && principal.role !== "ADMIN")
      throw forbidden(
        "Only recovery managers and admins activate a recommendation policy: it applies to every team",
      );
    const found = await this.policies.findByVersion(version);
    if (!found) throw notFound("Recommendation policy version", String(version));
    if (found.active) return found;
    const activated = await this.policies.activate(version, principal.userId);
    this.cached = undefined;
    return activated;
  }
}
