import type { Db } from "../../core/db/prisma-client.js";
import { WORKED_LOANS } from "../portfolio/portfolio-kind.js";

const taskFields = {
  id: true,
  loanId: true,
  actionType: true,
  status: true,
  priority: true,
  dueAt: true,
  assigneeId: true,
  teamId: true,
} as const;

export class TaskRepository {
  constructor(private readonly db: Db) {}

  findById(id: string) {
    return this.db.task.findUnique({
      where: { id },
      select: { ...taskFields, assignee: { select: { teamId: true } } },
    });
  }

  /**
   * The worklist: open and started tasks of worked portfolios (a task left on a reference data set from
   * before kinds existed is no work), most urgent and soonest due first (index Task_assigneeId_status_...).
   */
  findOpenForAssignee(assigneeId: string, take: number) {
    return this.db.task.findMany({
      where: { assigneeId, status: { in: ["OPEN", "IN_PROGRESS"] }, loan: WORKED_LOANS },
      select: taskFields,
      orderBy: [{ priority: "asc" }, { dueAt: "asc" }],
      take,
    });
  }

  assign(id: string, assigneeId: string, teamId: string | null) {
    return this.db.task.update({ where: { id }, data: { assigneeId, teamId }, select: taskFields });
  }

  findUserForAssignment(id: string) {
    return this.db.user.findUnique({
      where: { id },
      select: { id: true, role: true, teamId: true, active: true },
    });
  }
}
