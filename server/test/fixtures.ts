import { randomUUID } from "node:crypto";
import { hashPassword } from "../src/core/auth/password.js";
import type { Db } from "../src/core/db/prisma-client.js";

export const PASSWORD = "correct horse battery staple";

/**
 * A small world of its own per test file (unique names, so files never collide): two teams, an agent in
 * each, a supervisor of team A, a manager, and three loans, one task each.
 */
export async function createWorld(db: Db) {
  const tag = randomUUID().slice(0, 8);
  const passwordHash = await hashPassword(PASSWORD);
  const teamA = await db.team.create({ data: { name: `A-${tag}` } });
  const teamB = await db.team.create({ data: { name: `B-${tag}` } });
  const user = (role: "AGENT" | "SUPERVISOR" | "MANAGER", name: string, teamId: string | null) =>
    db.user.create({
      data: { email: `${name}-${tag}@test.local`, displayName: name, role, teamId, passwordHash },
    });
  const agentA = await user("AGENT", "agent-a", teamA.id);
  const agentB = await user("AGENT", "agent-b", teamB.id);
  const supervisorA = await user("SUPERVISOR", "supervisor-a", teamA.id);
  const manager = await user("MANAGER", "manager", null);
  const portfolio = await db.portfolio.create({
    data: { name: `P-${tag}`, source: "test", asOfDate: new Date("2025-06-30T00:00:00Z") },
  });
  const loan = async (key: string, assigneeId: string, teamId: string) => {
    const borrower = await db.borrower.create({
      data: {
        portfolioId: portfolio.id,
        externalKey: `B-${key}`,
        fullName: `Borrower ${key}`,
        doNotContact: key === "L3",
      },
    });
    const created = await db.loan.create({
      data: {
        portfolioId: portfolio.id,
        borrowerId: borrower.id,
        externalKey: `${key}-${tag}`,
        productType: "INSTALMENT",
        principal: "10000.50",
        interestRate: "12.5",
        termMonths: 36,
        openedAt: new Date("2024-01-15T00:00:00Z"),
        currentDpd: 35,
        currentBucket: "DPD_30_59",
      },
    });
    await db.task.create({
      data: {
        loanId: created.id,
        assigneeId,
        teamId,
        actionType: "CALL",
        dueAt: new Date("2025-07-01T09:00:00Z"),
      },
    });
    return { ...created, borrower };
  };
  const loanA1 = await loan("L1", agentA.id, teamA.id);
  const loanA2 = await loan("L2", agentA.id, teamA.id);
  const loanB = await loan("L3", agentB.id, teamB.id);
  return { tag, teamA, teamB, agentA, agentB, supervisorA, manager, portfolio, loanA1, loanA2, loanB };
}

export type World = Awaited<ReturnType<typeof createWorld>>;

/** Removes everything createWorld made (audit rows of its users included: the run's database is throw-away). */
export async function destroyWorld(db: Db, w: World) {
  const userIds = [w.agentA.id, w.agentB.id, w.supervisorA.id, w.manager.id];
  await db.portfolio.delete({ where: { id: w.portfolio.id } });
  await db.auditLog.deleteMany({ where: { actorUserId: { in: userIds } } });
  await db.auditLog.deleteMany({ where: { entityId: { in: userIds } } });
  await db.user.deleteMany({ where: { id: { in: userIds } } });
  await db.team.deleteMany({ where: { id: { in: [w.teamA.id, w.teamB.id] } } });
}
