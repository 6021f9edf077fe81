import type { UserPrincipal } from "../../core/auth/principal.js";
import { badInput, forbidden } from "../../core/errors/app-error.js";
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
      return (await this.policies.saveActive(DEFAULT_POLICY as object, "default policy", null))
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

  async save(principal: UserPrincipal, candidate: unknown, note: string | null): Promise<Policy> {
    if (principal.role === "AGENT")
      throw forbidden("Only supervisors, managers and admins change the recommendation policy");
    const problems = policyProblems({ ...(candidate as object), version: 1 });
    if (problems.length > 0)
      throw badInput(`The policy cannot be saved: ${problems.join("; ")}`, { problems });
    // Audited by the GraphQL mutation middleware, the only way in.
    const saved = await this.policies.saveActive(candidate as object, note, principal.userId);
    this.cached = undefined;
    return saved.definition as unknown as Policy;
  }
}
