import { randomUUID } from "node:crypto";
import type { Db } from "../src/core/db/prisma-client.js";
import type { World } from "./fixtures.js";
import { PASSWORD } from "./fixtures.js";
import { gql, login, type TestApp } from "./test-app.js";

const HOUR_MS = 3_600_000;

/**
 * A fixed-offset IANA zone where it is about 13:00 now, so contact-hour rules (08:00-21:00 local by default)
 * allow a contact made now, and the test does not depend on the hour it runs at. Etc/GMT-N is UTC+N.
 */
export function zoneAtMidday(now = new Date()): { timeZone: string; offsetHours: number } {
  const offsetHours = 13 - now.getUTCHours(); // -10 .. +13: every one exists as an Etc/GMT zone
  const timeZone =
    offsetHours === 0 ? "Etc/GMT" : offsetHours > 0 ? `Etc/GMT-${offsetHours}` : `Etc/GMT+${-offsetHours}`;
  return { timeZone, offsetHours };
}

/** Puts every borrower of the world in the midday zone. */
export async function borrowersAtMidday(db: Db, w: World) {
  const zone = zoneAtMidday();
  await db.borrower.updateMany({
    where: { portfolioId: w.portfolio.id },
    data: { timeZone: zone.timeZone },
  });
  return zone;
}

/** Another loan of the same borrower, worked by the same agent (an open task of theirs on it). */
export async function secondLoanOf(
  db: Db,
  w: World,
  of: World["loanA1"],
  assigneeId: string,
  teamId: string,
) {
  const loan = await db.loan.create({
    data: {
      portfolioId: w.portfolio.id,
      borrowerId: of.borrowerId,
      externalKey: `${of.externalKey}-second-${randomUUID().slice(0, 6)}`,
      productType: "REVOLVING",
      currentDpd: 12,
      currentBucket: "DPD_1_14",
    },
  });
  await db.task.create({
    data: { loanId: loan.id, assigneeId, teamId, actionType: "CALL", dueAt: new Date() },
  });
  return loan;
}

export const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();
export const hoursFromNow = (n: number) => new Date(Date.now() + n * HOUR_MS).toISOString();

/** Signs users of the world in once and sends GraphQL as them. */
export function asUsers(app: TestApp) {
  const tokens = new Map<string, string>();
  return async (email: string, query: string, variables: Record<string, unknown> = {}) => {
    if (!tokens.has(email)) tokens.set(email, await login(app, email, PASSWORD));
    return gql(app, query, variables, tokens.get(email));
  };
}

export type ErrorBody = {
  message: string;
  extensions?: Record<string, unknown> & { code?: string; problems?: string[] };
};
