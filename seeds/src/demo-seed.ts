// A small demo portfolio so the portal has something to show; the ingestion work replaces it with real and
// synthetic data. Idempotent: a re-run updates the same rows.
import { hashPassword } from "../../server/src/core/auth/password.js";
import { resolveDatabase } from "../../server/src/core/db/database.js";
import { createPrismaClient, type Db } from "../../server/src/core/db/prisma-client.js";
import { bucketForDpd } from "../../server/src/modules/loans/delinquency-bucket.js";
import { DEMO_PASSWORD, DEMO_TEAMS, DEMO_USERS } from "./demo-users.js";
import { makePerson } from "./synthetic/people.js";
import { Rng } from "./synthetic/rng.js";

const PORTFOLIO = "Demo portfolio";
/** The demo portfolio's source; an operational book (the agents' demo worklists). */
export const DEMO_PORTFOLIO_SOURCE = "demo-seed";
const AS_OF = new Date("2026-10-31T00:00:00Z");
const LOANS = 60;
const SEED = 20261031;

// mulberry32: a tiny seeded generator, so every run produces the same portfolio.
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ZONES = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"];
const PURPOSES = ["debt consolidation", "home improvement", "car", "medical", "education", "small business"];
const GRADES = ["A", "B", "C", "D", "E"];
const DPD_CHOICES = [0, 0, 0, 0, 5, 12, 18, 25, 35, 47, 64, 80, 95, 130];

export async function seedDemo(db: Db, log: (msg: string) => void = console.log) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const teams = new Map<string, string>();
  for (const name of DEMO_TEAMS) {
    const team = await db.team.upsert({
      where: { name },
      update: {},
      create: { name },
      select: { id: true },
    });
    teams.set(name, team.id);
  }
  const users = new Map<string, string>();
  for (const u of DEMO_USERS) {
    const data = {
      displayName: u.displayName,
      role: u.role,
      teamId: u.team ? (teams.get(u.team) ?? null) : null,
    };
    const user = await db.user.upsert({
      where: { email: u.email },
      update: { ...data, passwordHash, active: true },
      create: { email: u.email, passwordHash, ...data },
      select: { id: true },
    });
    users.set(u.email, user.id);
  }

  const portfolio = await db.portfolio.upsert({
    where: { name: PORTFOLIO },
    update: { asOfDate: AS_OF },
    create: {
      name: PORTFOLIO,
      source: DEMO_PORTFOLIO_SOURCE,
      kind: "OPERATIONAL",
      description: "Small generated demo book",
      asOfDate: AS_OF,
    },
    select: { id: true },
  });

  const rand = rng(SEED);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const agents = ["agent@creditpath.local", "agent2@creditpath.local", "agent3@creditpath.local"];

  for (let i = 1; i <= LOANS; i++) {
    const key = `DEMO-${String(i).padStart(4, "0")}`;
    const sex = rand() < 0.5 ? "female" : "male";
    const renting = rand() < 0.4;
    // The person has a stream of its own, so the loans below stay what they are whatever a person draws.
    const person = makePerson(new Rng(SEED, i), { timeZone: pick(ZONES), sex, renting });
    const borrowerData = {
      ...person,
      annualIncome: Math.round(25_000 + rand() * 95_000),
      employmentStatus: pick(["employed", "employed", "self-employed", "unemployed"]),
      segment: pick(["prime", "near-prime", "subprime"]),
      doNotContact: i % 17 === 0,
      disputeFlag: i % 23 === 0,
    };
    const borrower = await db.borrower.upsert({
      where: { portfolioId_externalKey: { portfolioId: portfolio.id, externalKey: `B-${key}` } },
      update: borrowerData,
      create: { portfolioId: portfolio.id, externalKey: `B-${key}`, ...borrowerData },
      select: { id: true },
    });
    const revolving = i % 4 === 0;
    const dpd = pick(DPD_CHOICES);
    const principal = Math.round(2_000 + rand() * 28_000);
    const loanData = {
      borrowerId: borrower.id,
      productType: revolving ? ("REVOLVING" as const) : ("INSTALMENT" as const),
      principal: revolving ? null : principal,
      creditLimit: revolving ? principal : null,
      interestRate: Math.round((6 + rand() * 20) * 100) / 100,
      termMonths: revolving ? null : pick([12, 24, 36, 48, 60]),
      outstandingBalance: Math.round(principal * (0.2 + rand() * 0.8)),
      grade: pick(GRADES),
      purpose: revolving ? "credit card" : pick(PURPOSES),
      status: dpd >= 90 ? ("DEFAULTED" as const) : dpd > 0 ? ("DELINQUENT" as const) : ("ACTIVE" as const),
      openedAt: new Date(Date.UTC(2024, Math.floor(rand() * 18), 1 + Math.floor(rand() * 27))),
      currentDpd: dpd,
      currentBucket: bucketForDpd(dpd),
    };
    const loan = await db.loan.upsert({
      where: { portfolioId_externalKey: { portfolioId: portfolio.id, externalKey: key } },
      update: loanData,
      create: { portfolioId: portfolio.id, externalKey: key, ...loanData },
      select: { id: true },
    });
    // Early arrears get the system's reminders, not an agent's task; one open task per loan at most.
    if (dpd >= 15) {
      const assignee = users.get(agents[i % agents.length] as string) as string;
      const existing = await db.task.findFirst({
        where: {
          loanId: loan.id,
          OR: [{ assigneeId: assignee }, { status: { in: ["OPEN", "IN_PROGRESS"] } }],
        },
        select: { id: true },
      });
      if (!existing) {
        const agentTeam = DEMO_USERS.find((u) => users.get(u.email) === assignee)?.team;
        await db.task.create({
          data: {
            loanId: loan.id,
            assigneeId: assignee,
            teamId: agentTeam ? teams.get(agentTeam) : null,
            actionType: dpd >= 60 ? "FIELD_VISIT" : "CALL",
            priority: dpd >= 60 ? 1 : 2,
            dueAt: new Date(AS_OF.getTime() + 24 * 3600 * 1000),
          },
        });
      }
    }
  }
  log(`Seeded ${DEMO_USERS.length} users, ${DEMO_TEAMS.length} teams and ${LOANS} loans in "${PORTFOLIO}".`);
}

// Run directly: seed the configured database.
if (import.meta.url === `file://${process.argv[1]}`) {
  const handle = await resolveDatabase();
  const db = createPrismaClient(handle.url);
  try {
    await seedDemo(db);
  } finally {
    await db.$disconnect();
    await handle.release();
  }
}
