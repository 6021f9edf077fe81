// A small hand-made demo book: 60 loans whose days past due were chosen to show every stage of arrears.
// Each loan's history (schedule or statements, payments, contacts, promises) is played by the synthetic
// generator's loan simulation with fixed choices (a LoanScript: pay what falls due until a chosen cycle,
// nothing after), so the platform's own delinquency refresh finds exactly the intended days past due and
// arrears. Written through the synthetic writer's bulk path: idempotent, a re-run changes nothing.
import type pg from "pg";
import { hashPassword } from "../../server/src/core/auth/password.js";
import { resolveDatabase } from "../../server/src/core/db/database.js";
import { createPgPool } from "../../server/src/core/db/pg-pool.js";
import { createPrismaClient, type Db } from "../../server/src/core/db/prisma-client.js";
import { DEMO_PASSWORD, DEMO_TEAMS, DEMO_USERS } from "./demo-users.js";
import { CONTACT, PRODUCT } from "./synthetic/assumptions.js";
import type { BorrowerProfile } from "./synthetic/borrowers.js";
import { dayOfMonth, parseDay } from "./synthetic/calendar.js";
import { makePerson } from "./synthetic/people.js";
import { BatchBuilder, recordLoan, type SyntheticBatch } from "./synthetic/portfolio.js";
import { Rng, sigmoid } from "./synthetic/rng.js";
import { annuity, type LoanTerms } from "./synthetic/schedules.js";
import { writeBatch } from "./synthetic/writer.js";

export const DEMO_PORTFOLIO = "Demo portfolio";
/** The demo portfolio's source; an operational book (the agents' demo worklists). */
export const DEMO_PORTFOLIO_SOURCE = "demo-seed";
const AS_OF = "2026-10-31";
const LOANS = 60;
const SEED = 20261031;

// mulberry32: a tiny seeded generator, so every run produces the same portfolio. The draws below are made in
// the same order as ever, so every demo loan keeps its days past due, amounts and terms.
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

/** What the demo means each loan to be, for the tests that hold its history to it. */
export interface DemoLoan {
  key: string;
  dpd: number;
}

export interface DemoSeedSummary {
  loans: DemoLoan[];
  /** Rows the bulk path inserted or updated, and rows changed beside it (days past due, links, tasks). */
  changed: number;
}

const TERMS = [12, 24, 36, 48, 60];
// Demo agents by loan number (i % 3): agent@ and agent2@ work East, agent3@ West.
const AGENTS = ["agent@creditpath.local", "agent2@creditpath.local", "agent3@creditpath.local"];

/** Months from the month of `from` to the month of `to`. */
const monthsBetween = (from: number, to: number) => {
  const a = new Date(from * 86_400_000);
  const b = new Date(to * 86_400_000);
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
};

/**
 * The demo book as the synthetic writer's batch: the same 60 loans every time (their draws are made in the
 * order they always were), each with the history that leaves exactly its days past due. Throws when a loan's
 * history would not (a change of the simulation that the demo has to follow).
 */
export function planDemoBook(): { batch: SyntheticBatch; loans: DemoLoan[] } {
  const asOfDay = parseDay(AS_OF);
  const rand = rng(SEED);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const builder = new BatchBuilder();
  const loans: DemoLoan[] = [];

  for (let i = 1; i <= LOANS; i++) {
    const key = `DEMO-${String(i).padStart(4, "0")}`;
    const sex = rand() < 0.5 ? "female" : "male";
    const renting = rand() < 0.4;
    // The person has a stream of its own, so the loans below stay what they are whatever a person draws.
    const person = makePerson(new Rng(SEED, i), { timeZone: pick(ZONES), sex, renting });
    const annualIncome = Math.round(25_000 + rand() * 95_000);
    const employmentStatus = pick(["employed", "employed", "self-employed", "unemployed"]);
    const segment = pick(["prime", "near-prime", "subprime"]);
    const revolving = i % 4 === 0;
    const dpd = pick(DPD_CHOICES);
    const principal = Math.round(2_000 + rand() * 28_000);
    const apr = Math.round((6 + rand() * 20) * 100) / 100;
    const drawnTerm = revolving ? null : pick(TERMS);
    rand(); // once the outstanding balance: now it is what the history leaves
    const grade = pick(GRADES);
    const purpose = revolving ? "credit card" : pick(PURPOSES);
    const openedMonth = Math.floor(rand() * 18);
    const drawnDay = 1 + Math.floor(rand() * 27);

    // A loan in arrears stops paying on the cycle whose due date is `dpd` days before the as-of date, so its
    // cycles turn on that day of the month; a card's statement comes its due days before.
    const firstMissed = asOfDay - dpd - (revolving ? PRODUCT.statementDueDays : 0);
    const anchor = dpd > 0 ? dayOfMonth(firstMissed) : drawnDay;
    if (anchor > 28)
      throw new Error(`${key}: ${dpd} days past due needs cycles on day ${anchor} of the month`);
    const openedDay = parseDay(
      `${2024 + Math.floor(openedMonth / 12)}-${String((openedMonth % 12) + 1).padStart(2, "0")}-${String(anchor).padStart(2, "0")}`,
    );
    // Still running at the as-of date, and with more than the next instalment to come (one paid a few days
    // early, before that date, must not be the last).
    const cyclesSoFar = monthsBetween(openedDay, asOfDay) + 1;
    const termMonths = revolving
      ? null
      : (drawnTerm as number) > cyclesSoFar
        ? (drawnTerm as number)
        : (TERMS.find((t) => t > cyclesSoFar) as number);
    const terms: LoanTerms = {
      number: i,
      key,
      productType: revolving ? "REVOLVING" : "INSTALMENT",
      openedDay,
      anchorDay: openedDay,
      grade,
      apr,
      purpose,
      principal: revolving ? null : principal * 100,
      creditLimit: revolving ? principal * 100 : null,
      termMonths,
      instalment: revolving ? null : annuity(principal * 100, apr / 1200, termMonths as number),
    };

    // Behaviour the script leaves open (contacts and their outcomes, card purchases) from a stream per loan.
    const behaviour = new Rng(SEED, i, 1);
    const risk = segment === "prime" ? -0.8 : segment === "near-prime" ? 0.2 : 1.2;
    const borrowerKey = `B-${key}`;
    const borrower: BorrowerProfile = {
      number: i,
      key: borrowerKey,
      risk,
      observedRisk: risk,
      answerRate: sigmoid(CONTACT.answerIntercept + CONTACT.answerRisk * risk),
      badPhone: false,
      timeZone: person.timeZone,
      paysBy: behaviour.chance(0.5) ? "direct-debit" : behaviour.pick(["card", "bank-transfer"]),
      transactor: false,
      doNotContact: i % 17 === 0,
      disputeFlag: i % 23 === 0,
      bankruptcyFlag: false,
      deceasedFlag: false,
      legalHold: false,
      optOuts: [],
      annualIncome,
      row: { externalKey: borrowerKey, ...person, sex, annualIncome, employmentStatus, segment },
    };
    builder.add("borrower", i, [borrower.row]);
    builder.add("borrowerSuppression", i, [
      {
        externalKey: borrowerKey,
        doNotContact: borrower.doNotContact,
        contactOptOuts: [],
        disputeFlag: borrower.disputeFlag,
        bankruptcyFlag: false,
        deceasedFlag: false,
        legalHold: false,
      },
    ]);
    const missFrom = dpd > 0 ? monthsBetween(openedDay, firstMissed) : Number.POSITIVE_INFINITY;
    const position = recordLoan(builder, behaviour, {
      borrower,
      terms,
      agentEmail: AGENTS[i % AGENTS.length] as string,
      asOfDay,
      horizonDay: asOfDay,
      script: { missFrom },
    });
    if (position.currentDpd !== dpd) {
      throw new Error(`${key}: its history gives ${position.currentDpd} days past due, not ${dpd}`);
    }
    loans.push({ key, dpd });
  }
  return { batch: builder.take(), loans };
}

export async function seedDemo(
  db: Db,
  pool: pg.Pool,
  log: (msg: string) => void = console.log,
): Promise<DemoSeedSummary> {
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
  for (const u of DEMO_USERS) {
    const data = {
      displayName: u.displayName,
      role: u.role,
      teamId: u.team ? (teams.get(u.team) ?? null) : null,
    };
    await db.user.upsert({
      where: { email: u.email },
      update: { ...data, passwordHash, active: true },
      create: { email: u.email, passwordHash, ...data },
      select: { id: true },
    });
  }

  const portfolio = await db.portfolio.upsert({
    where: { name: DEMO_PORTFOLIO },
    update: { asOfDate: new Date(`${AS_OF}T00:00:00Z`) },
    create: {
      name: DEMO_PORTFOLIO,
      source: DEMO_PORTFOLIO_SOURCE,
      kind: "OPERATIONAL",
      description: "Small generated demo book",
      asOfDate: new Date(`${AS_OF}T00:00:00Z`),
    },
    select: { id: true },
  });

  const { batch, loans } = planDemoBook();
  const written = await writeBatch(pool, portfolio.id, batch, { generateMs: 0, mergeMs: 0, extrasMs: 0 });
  const changed = written.inserted + written.updated + written.extra;
  log(
    `Seeded ${DEMO_USERS.length} users, ${DEMO_TEAMS.length} teams and ${LOANS} loans in "${DEMO_PORTFOLIO}" ` +
      `(history as of ${AS_OF}, ${changed} rows written).`,
  );
  return { loans, changed };
}

// Run directly: seed the configured database.
if (import.meta.url === `file://${process.argv[1]}`) {
  const handle = await resolveDatabase();
  const db = createPrismaClient(handle.url);
  const pool = createPgPool(handle.url);
  try {
    await seedDemo(db, pool);
  } finally {
    await db.$disconnect();
    await pool.end();
    await handle.release();
  }
}
