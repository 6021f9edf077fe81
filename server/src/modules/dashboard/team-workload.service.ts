import type { UserPrincipal } from "../../core/auth/principal.js";
import { dashboardScope } from "./dashboard-scope.js";
import type { TeamWorkloadRepository } from "./team-workload.repository.js";
import type { TeamWorkload, TeamWorkloadArgs } from "./team-workload.types.js";

/** Who on a team has how much work: supervisors their own team, managers and admins any team or all. */
export class TeamWorkloadService {
  constructor(
    private readonly repo: TeamWorkloadRepository,
    private readonly businessTimeZone: string,
  ) {}

  async workload(principal: UserPrincipal, args: TeamWorkloadArgs): Promise<TeamWorkload> {
    const { teamId } = await dashboardScope(
      principal,
      { teamId: args.teamId },
      {
        teamExists: (id) => this.repo.teamExists(id),
        operationalPortfolioExists: async () => false,
      },
    );
    const window = await this.repo.window(this.businessTimeZone, args.promiseDays);
    const rows = await this.repo.agents(teamId, window);
    return {
      teamId,
      businessTimeZone: this.businessTimeZone,
      ...window,
      agents: rows.map((r) => {
        const resolved = r.promisesKept + r.promisesBroken;
        return {
          ...r,
          load: r.capacity > 0 ? (r.open + r.inProgress) / r.capacity : null,
          promiseKeptRate: resolved === 0 ? null : r.promisesKept / resolved,
        };
      }),
    };
  }
}
