import { randomUUID } from "node:crypto";
import { hashPassword } from "../../src/core/auth/password.js";
import type { TaskStatus } from "../../src/generated/prisma/enums.js";
import { PASSWORD } from "../fixtures.js";
import { login, type TestApp } from "../test-app.js";

/** The roles an operation is tried as, each signed in as one user of team A (or of no team). */
export const CALLER_ROLES = ["AGENT", "SUPERVISOR", "MANAGER", "ADMIN"] as const;
export type CallerRole = (typeof CALLER_ROLES)[number];

/**
 * Whose object an operation is tried on, seen from the caller: "own" is the agent's own work (for the
 * supervisor, their team's; managers and admins own nothing in particular), "sameTeam" a teammate's work,
 * "otherTeam" the work of an agent in another team.
 */
export const TARGETS = ["own", "sameTeam", "otherTeam"] as const;
export type Target = (typeof TARGETS)[number];

export interface MatrixUser {
  id: string;
  email: string;
  teamId: string | null;
}

export interface MatrixCase {
  loanId: string;
  borrowerId: string;
  taskId: string;
  owner: MatrixUser;
}

/**
 * Two teams of two agents and a supervisor each, a manager and an admin, all signed in; and a factory of
 * fresh cases (borrower, loan, task) owned by any agent, so that a mutation tried by one role never sees
 * what another role's try changed.
 */
export async function createMatrixWorld(app: TestApp) {
  const db = app.services.db;
  const tag = randomUUID().slice(0, 8);
  const passwordHash = await hashPassword(PASSWORD);
  const teamA = await db.team.create({ data: { name: `matrix-A-${tag}` } });
  const teamB = await db.team.create({ data: { name: `matrix-B-${tag}` } });
  const users: MatrixUser[] = [];
  const user = async (role: CallerRole, name: string, teamId: string | null): Promise<MatrixUser> => {
    const row = await db.user.create({
      data: { email: `${name}-${tag}@matrix.test`, displayName: name, role, teamId, passwordHash },
    });
    users.push(row);
    return { id: row.id, email: row.email, teamId };
  };
  const agentA = await user("AGENT", "agent-a", teamA.id);
  const agentA2 = await user("AGENT", "agent-a2", teamA.id);
  const agentB = await user("AGENT", "agent-b", teamB.id);
  const agentB2 = await user("AGENT", "agent-b2", teamB.id);
  const callers: Record<CallerRole, MatrixUser> = {
    AGENT: agentA,
    SUPERVISOR: await user("SUPERVISOR", "supervisor-a", teamA.id),
    MANAGER: await user("MANAGER", "manager", null),
    ADMIN: await user("ADMIN", "admin", null),
  };
  const supervisorB = await user("SUPERVISOR", "supervisor-b", teamB.id);
  const tokens = {} as Record<CallerRole, string>;
  for (const role of CALLER_ROLES) tokens[role] = await login(app, callers[role].email, PASSWORD);
  const portfolio = await db.portfolio.create({
    data: { name: `matrix-${tag}`, source: "test", asOfDate: new Date("2025-06-30T00:00:00Z") },
  });
  const owners: Record<Target, MatrixUser> = { own: agentA, sameTeam: agentA2, otherTeam: agentB };
  let serial = 0;

  /** A borrower with one loan 35 days past due and one task for `owner`, in the state asked for. */
  const newCase = async (owner: MatrixUser, status: TaskStatus = "OPEN"): Promise<MatrixCase> => {
    serial += 1;
    const key = `M${serial}-${tag}`;
    const borrower = await db.borrower.create({
      data: { portfolioId: portfolio.id, externalKey: `B-${key}`, fullName: `Matrix Borrower ${serial}` },
    });
    const loan = await db.loan.create({
      data: {
        portfolioId: portfolio.id,
        borrowerId: borrower.id,
        externalKey: `L-${key}`,
        productType: "INSTALMENT",
        principal: "5000.00",
        interestRate: "12.5",
        termMonths: 24,
        openedAt: new Date("2024-01-15T00:00:00Z"),
        currentDpd: 35,
        currentBucket: "DPD_30_59",
      },
    });
    const task = await db.task.create({
      data: {
        loanId: loan.id,
        assigneeId: owner.id,
        teamId: owner.teamId,
        actionType: "CALL",
        status,
        startedAt: status === "IN_PROGRESS" ? new Date() : null,
        startedById: status === "IN_PROGRESS" ? owner.id : null,
        dueAt: new Date(Date.now() + 86_400_000),
      },
    });
    return { loanId: loan.id, borrowerId: borrower.id, taskId: task.id, owner };
  };

  /** A pending promise to pay on the case's loan, a week ahead. */
  const newPromise = async (c: MatrixCase) =>
    (
      await db.promiseToPay.create({
        data: {
          loanId: c.loanId,
          borrowerId: c.borrowerId,
          amount: "25.00",
          promisedDate: new Date(Date.now() + 7 * 86_400_000),
        },
      })
    ).id;

  /**
   * An escalation of a case of `owner`'s team waiting in the managers' queue: made long ago and most urgent,
   * so that it heads the queue whatever else the test database holds.
   */
  const newEscalation = async (owner: MatrixUser) => {
    const c = await newCase(owner);
    await db.task.update({ where: { id: c.taskId }, data: { status: "CANCELLED", cancelledAt: new Date() } });
    const task = await db.task.create({
      data: {
        loanId: c.loanId,
        teamId: owner.teamId,
        actionType: "ESCALATE_TO_RECOVERY_MANAGER",
        priority: 1,
        dueAt: new Date("2000-01-01T00:00:00Z"),
        createdAt: new Date("2000-01-01T00:00:00Z"),
        escalationReason: "HARDSHIP",
        escalatedById: owner.id,
      },
    });
    return { ...c, taskId: task.id };
  };

  /** An SMS reminder queued for the case's borrower. */
  const newOutboundMessage = async (c: MatrixCase) =>
    (
      await db.outboundMessage.create({
        data: {
          loanId: c.loanId,
          borrowerId: c.borrowerId,
          actionType: "SMS_REMINDER",
          channel: "SMS",
          template: "sms-reminder.v1",
          notBefore: new Date(Date.now() + 86_400_000),
        },
      })
    ).id;

  /** The other agent of `owner`'s team. */
  const teammateOf = (owner: MatrixUser): MatrixUser =>
    owner.teamId === teamA.id
      ? owner.id === agentA.id
        ? agentA2
        : agentA
      : owner.id === agentB.id
        ? agentB2
        : agentB;

  /** A user of `role`'s team (team A for agents and supervisors), signed in: for operations on oneself. */
  const freshCaller = async (role: CallerRole) => {
    const u = await user(role, `fresh-${role.toLowerCase()}-${++serial}`, callers[role].teamId);
    return { user: u, password: PASSWORD, token: await login(app, u.email, PASSWORD) };
  };

  /** An agent of team A nobody signs in as: a target for the roster's operations. */
  const freshUser = async (opts: { active?: boolean } = {}) => {
    const u = await user("AGENT", `roster-${++serial}`, teamA.id);
    if (opts.active === false) await db.user.update({ where: { id: u.id }, data: { active: false } });
    return u;
  };

  /** A refresh token of a fresh sign-in. */
  const refreshToken = async () => {
    const { user: u } = await freshCaller("AGENT");
    const res = await fetch(`${app.baseUrl}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: u.email, password: PASSWORD }),
    });
    return ((await res.json()) as { refreshToken: string }).refreshToken;
  };

  /** An API key with exactly these scopes. */
  const apiKey = async (scopes: string[]) => {
    const { key, record } = await app.services.apiKeys.create(
      `matrix-${tag}-${scopes.join("+")}`,
      0,
      null,
      scopes,
    );
    apiKeyIds.push(record.id);
    return key;
  };
  const apiKeyIds: string[] = [];

  // Through the service: a new installation gets the default policy saved as its version 1 on first read.
  const activePolicy = async () => {
    await app.services.policies.active();
    return db.recommendationPolicy.findFirstOrThrow({ where: { active: true } });
  };
  const activePolicyVersion = async () => (await activePolicy()).version;
  const activePolicyDefinition = async () => (await activePolicy()).definition;

  const destroy = async () => {
    const ids = users.map((u) => u.id);
    await db.portfolio.delete({ where: { id: portfolio.id } });
    await db.auditLog.deleteMany({ where: { actorUserId: { in: ids } } });
    await db.auditLog.deleteMany({ where: { actorApiKeyId: { in: apiKeyIds } } });
    await db.apiKey.deleteMany({ where: { id: { in: apiKeyIds } } });
    await db.auditLog.deleteMany({ where: { entityId: { in: ids } } });
    await db.idempotencyKey.deleteMany({ where: { userId: { in: ids } } });
    await db.refreshToken.deleteMany({ where: { userId: { in: ids } } });
    await db.user.deleteMany({
      where: { OR: [{ id: { in: ids } }, { email: { endsWith: `-${tag}@matrix.test` } }] },
    });
    await db.team.deleteMany({ where: { id: { in: [teamA.id, teamB.id] } } });
  };

  return {
    tag,
    db,
    teamA,
    teamB,
    callers,
    supervisorB,
    tokens,
    owners,
    portfolio,
    newCase,
    newPromise,
    newEscalation,
    newOutboundMessage,
    teammateOf,
    freshCaller,
    freshUser,
    refreshToken,
    apiKey,
    activePolicyVersion,
    activePolicyDefinition,
    destroy,
  };
}

export type MatrixWorld = Awaited<ReturnType<typeof createMatrixWorld>>;
