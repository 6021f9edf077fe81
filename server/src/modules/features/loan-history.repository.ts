import type pg from "pg";
import type { PortfolioKind } from "../../generated/prisma/enums.js";
import type { ContactEvent, LoanHistory, PaymentEvent, PromiseEvent, ScheduleItem } from "./loan-history.js";

export interface PortfolioRef {
  id: string;
  name: string;
  asOfDate: string;
  /** Rescoring makes tasks for OPERATIONAL portfolios only; feature export reads every kind. */
  kind: PortfolioKind;
}

type PortfolioRow = { id: string; name: string; as_of: string; kind: PortfolioKind };
const PORTFOLIO_COLUMNS = `id, name, to_char("asOfDate", 'YYYY-MM-DD') AS as_of, kind::text`;
const toRef = (r: PortfolioRow): PortfolioRef => ({
  id: r.id,
  name: r.name,
  asOfDate: r.as_of,
  kind: r.kind,
});

export interface StoredContactProfile {
  timeZone: string;
  doNotContact: boolean;
  contactOptOuts: ("CALL" | "SMS" | "EMAIL" | "PUSH" | "FIELD_VISIT" | "LETTER")[];
  disputeFlag: boolean;
  bankruptcyFlag: boolean;
  deceasedFlag: boolean;
  legalHold: boolean;
  /** The borrower's preferred contact hours (local minutes after midnight), when they named any. */
  preferredHours: { startMinutes: number; endMinutes: number } | null;
}

/**
 * A loan's delinquency as stored (read when the caller stores it again, so that it writes only what
 * changed: between two runs nearly every loan keeps its days past due, bucket history and promise states).
 */
export interface StoredDelinquency {
  bucket: string;
  /** The stored bucket history as one text, as `bucketHistoryKey` (bucket-history.ts) writes it ("" for none). */
  bucketHistory: string;
  /** The stored status of each of the loan's promises, by id. */
  promiseStatus: Record<string, string>;
}

export interface StoredLoanHistory {
  loanId: string;
  externalKey: string;
  borrowerId: string;
  label: boolean | null;
  balance: number | null;
  /** Days past due as stored (the source's figure when there is no schedule to compute it from). */
  storedDpd: number;
  contact: StoredContactProfile;
  history: LoanHistory;
  /** Set when the stream was asked for it (`storedDelinquency`); without it, everything counts as changed. */
  stored?: StoredDelinquency;
}

/**
 * An instant as the ISO text histories carry (what Date#toISOString gives: UTC, milliseconds truncated as
 * PostgreSQL's MS truncates them). Formatted by the database: parsing a million timestamps into Dates only
 * to print them again cost a rescoring's main thread seconds per 100,000 loans.
 */
const isoInstant = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Credit-bureau facts that importers keep among a borrower's source attributes (the Kaggle credit-risk importer
 * writes them: seeds/src/datasets/credit-risk.source.ts). A value of another JSON type reads as unknown.
 */
const BUREAU_ATTRIBUTES = `CASE WHEN jsonb_typeof(b.attributes->'priorDefaultOnFile') = 'boolean'
         THEN (b.attributes->>'priorDefaultOnFile')::boolean END AS prior_default,
       CASE WHEN jsonb_typeof(b.attributes->'creditHistoryYears') = 'number'
         THEN (b.attributes->>'creditHistoryYears')::float8 END AS history_years`;

function groupBy<T extends { loan_id: string }>(rows: T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(r.loan_id);
    if (list) list.push(r);
    else m.set(r.loan_id, [r]);
  }
  return m;
}

/**
 * Reads loan histories from PostgreSQL in chunks (keyset pagination), five set-based queries per chunk,
 * so a portfolio of any size streams in bounded memory.
 */
export class LoanHistoryRepository {
  constructor(private readonly pool: pg.Pool) {}

  async portfolio(name: string): Promise<PortfolioRef | null> {
    const res = await this.pool.query<PortfolioRow>(
      `SELECT ${PORTFOLIO_COLUMNS} FROM "Portfolio" WHERE name = $1`,
      [name],
    );
    const r = res.rows[0];
    return r ? toRef(r) : null;
  }

  /** Every portfolio, reference ones included (training reads them all). */
  async portfolios(): Promise<PortfolioRef[]> {
    const res = await this.pool.query<PortfolioRow>(
      `SELECT ${PORTFOLIO_COLUMNS} FROM "Portfolio" ORDER BY name`,
    );
    return res.rows.map(toRef);
  }

  /** Whether the portfolio's source keeps contact logs and promises at all (UCI does not: features missing). */
  async capabilities(portfolioId: string): Promise<{ contacts: boolean; promises: boolean }> {
    const res = await this.pool.query<{ contacts: boolean; promises: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM "Communication" c JOIN "Borrower" b ON b.id = c."borrowerId" WHERE b."portfolioId" = $1) AS contacts,
              EXISTS (SELECT 1 FROM "PromiseToPay" p JOIN "Loan" l ON l.id = p."loanId" WHERE l."portfolioId" = $1) AS promises`,
      [portfolioId],
    );
    return res.rows[0] ?? { contacts: false, promises: false };
  }

  /** The portfolio a loan belongs to; null for an unknown loan. */
  async portfolioOfLoan(loanId: string): Promise<PortfolioRef | null> {
    const res = await this.pool.query<PortfolioRow>(
      `SELECT ${PORTFOLIO_COLUMNS} FROM "Portfolio" WHERE id = (SELECT "portfolioId" FROM "Loan" WHERE id = $1)`,
      [loanId],
    );
    const p = res.rows[0];
    return p ? toRef(p) : null;
  }

  async findOne(loanId: string): Promise<StoredLoanHistory | null> {
    const p = await this.portfolioOfLoan(loanId);
    if (!p) return null;
    for await (const chunk of this.stream(p, 1, [loanId])) return chunk[0] ?? null;
    return null;
  }

  async *stream(
    portfolio: PortfolioRef,
    chunkSize = 2000,
    loanIds?: string[],
    opts: {
      storedDelinquency?: boolean;
      /** Only loans with ids in (after, through]: a rescoring chunk's range (either end open when absent). */
      range?: { after?: string | null; through?: string };
    } = {},
  ): AsyncGenerator<StoredLoanHistory[]> {
    const caps = await this.capabilities(portfolio.id);
    // One chunk is read ahead while the caller works on the current one, so the database and the
    // caller's computing overlap (a portfolio rescoring is otherwise half waiting, half computing).
    const through = opts.range?.through;
    const fetchChunk = async (after: string) => {
      const params: unknown[] = [portfolio.id, after, chunkSize];
      const only = loanIds ? `AND l.id = ANY($${params.push(loanIds)}::uuid[])` : "";
      const upTo = through ? `AND l.id <= $${params.push(through)}::uuid` : "";
      const loans = await this.pool.query(
        `SELECT l.id, l."externalKey", l."borrowerId", l."productType", l.principal::text, l."creditLimit"::text,
                l."interestRate"::text, l."termMonths", to_char(l."openedAt", 'YYYY-MM-DD') AS opened, l.grade, l.purpose,
                l."defaultLabel", l."outstandingBalance"::float8 AS balance, l."currentDpd" AS stored_dpd, l."currentBucket"::text AS stored_bucket, b."ageYears", b."annualIncome"::text,
                b."employmentYears"::text, b.segment, b."homeOwnership", ${BUREAU_ATTRIBUTES}, b."timeZone", b."doNotContact", b."contactOptOuts"::text[] AS opt_outs,
                b."disputeFlag", b."bankruptcyFlag", b."deceasedFlag", b."legalHold",
                b."preferredContactStartMinutes" AS pref_start, b."preferredContactEndMinutes" AS pref_end
         FROM "Loan" l JOIN "Borrower" b ON b.id = l."borrowerId"
         WHERE l."portfolioId" = $1 AND l.id > $2 ${only} ${upTo}
         ORDER BY l.id LIMIT $3`,
        params,
      );
      if (loans.rows.length === 0) return null;
      const ids = loans.rows.map((l) => l.id);
      const borrowerIds = [...new Set(loans.rows.map((l) => l.borrowerId))];
      const children = Promise.all([
        this.pool.query(
          `SELECT "loanId" AS loan_id, sequence, kind, to_char("dueDate", 'YYYY-MM-DD') AS due, "amountDue"::text AS due_amt,
                    "statementBalance"::text AS balance, "amountPaid"::text AS paid, "delayStatus" AS delay
             FROM "Instalment" WHERE "loanId" = ANY($1::uuid[]) ORDER BY "loanId", "dueDate", sequence`,
          [ids],
        ),
        this.pool.query(
          `SELECT "loanId" AS loan_id, id, type, amount::text, ${isoInstant('"paidAt"')} AS paid_at, "reversesPaymentId" AS reverses
             FROM "Payment" WHERE "loanId" = ANY($1::uuid[]) ORDER BY "loanId", "paidAt"`,
          [ids],
        ),
        caps.contacts
          ? this.pool.query(
              `SELECT "borrowerId" AS loan_id, channel, direction, outcome, ${isoInstant('"startedAt"')} AS started, "durationSeconds" AS secs
                 FROM "Communication" WHERE "borrowerId" = ANY($1::uuid[])`,
              [borrowerIds],
            )
          : Promise.resolve({ rows: [] }),
        caps.promises
          ? this.pool.query(
              `SELECT "loanId" AS loan_id, id, amount::text, to_char("promisedDate", 'YYYY-MM-DD') AS promised, ${isoInstant('"createdAt"')} AS created,
                        status = 'CANCELLED' AS cancelled, "arrangementId" AS arrangement, status::text AS status
                 FROM "PromiseToPay" WHERE "loanId" = ANY($1::uuid[])`,
              [ids],
            )
          : Promise.resolve({ rows: [] }),
        opts.storedDelinquency
          ? this.pool.query(
              // One text per loan, in bucketHistoryKey's form (bucket-history.ts), not a row per interval (~5 a loan).
              `SELECT "loanId" AS loan_id,
                      string_agg(bucket::text || ' ' || to_char("enteredOn", 'YYYY-MM-DD') || ' ' || coalesce(to_char("leftOn", 'YYYY-MM-DD'), '-'),
                                 ',' ORDER BY "enteredOn") AS key
                 FROM "BucketHistory" WHERE "loanId" = ANY($1::uuid[]) GROUP BY "loanId"`,
              [ids],
            )
          : Promise.resolve({ rows: [] }),
      ]);
      return { loans, next: loans.rows.at(-1).id as string, children: await children };
    };
    let pending = fetchChunk(opts.range?.after ?? "00000000-0000-0000-0000-000000000000");
    for (;;) {
      const current = await pending;
      if (!current) return;
      pending = fetchChunk(current.next);
      // A caller that stops early must not leave the read-ahead's failure unhandled.
      pending.catch(() => {});
      const { loans } = current;
      const [schedule, payments, contacts, promises, buckets] = current.children;
      const scheduleBy = groupBy(schedule.rows);
      const paymentsBy = groupBy(payments.rows);
      const contactsBy = groupBy(contacts.rows); // keyed by borrower
      const promisesBy = groupBy(promises.rows);
      const bucketsBy = groupBy(buckets.rows);
      const stored = (l: { id: string; stored_bucket: string }): StoredDelinquency => ({
        bucket: l.stored_bucket,
        bucketHistory: bucketsBy.get(l.id)?.[0]?.key ?? "",
        promiseStatus: Object.fromEntries((promisesBy.get(l.id) ?? []).map((p) => [p.id, p.status])),
      });
      yield loans.rows.map((l) => ({
        loanId: l.id,
        externalKey: l.externalKey,
        borrowerId: l.borrowerId,
        label: l.defaultLabel,
        balance: l.balance,
        storedDpd: l.stored_dpd,
        ...(opts.storedDelinquency ? { stored: stored(l) } : {}),
        contact: {
          timeZone: l.timeZone,
          doNotContact: l.doNotContact,
          contactOptOuts: l.opt_outs ?? [],
          disputeFlag: l.disputeFlag,
          bankruptcyFlag: l.bankruptcyFlag,
          deceasedFlag: l.deceasedFlag,
          legalHold: l.legalHold,
          preferredHours:
            l.pref_start === null ? null : { startMinutes: l.pref_start, endMinutes: l.pref_end },
        },
        history: {
          asOfDate: portfolio.asOfDate,
          loan: {
            productType: l.productType,
            principal: l.principal,
            creditLimit: l.creditLimit,
            interestRate: l.interestRate,
            termMonths: l.termMonths,
            openedAt: l.opened,
            grade: l.grade,
            purpose: l.purpose,
          },
          borrower: {
            ageYears: l.ageYears,
            annualIncome: l.annualIncome,
            employmentYears: l.employmentYears,
            segment: l.segment,
            homeOwnership: l.homeOwnership,
            priorDefault: l.prior_default,
            creditHistoryYears: l.history_years,
          },
          schedule: (scheduleBy.get(l.id) ?? []).map(
            (s): ScheduleItem => ({
              sequence: s.sequence,
              kind: s.kind,
              dueDate: s.due,
              amountDue: s.due_amt,
              statementBalance: s.balance,
              amountPaid: s.paid,
              delayStatus: s.delay,
            }),
          ),
          payments: (paymentsBy.get(l.id) ?? []).map(
            (p): PaymentEvent => ({
              key: p.id,
              type: p.type,
              amount: p.amount,
              paidAt: p.paid_at,
              reverses: p.reverses,
            }),
          ),
          ...(caps.contacts
            ? {
                contacts: (contactsBy.get(l.borrowerId) ?? []).map(
                  (c): ContactEvent => ({
                    channel: c.channel,
                    direction: c.direction,
                    outcome: c.outcome,
                    startedAt: c.started,
                    durationSeconds: c.secs,
                  }),
                ),
              }
            : {}),
          ...(caps.promises
            ? {
                promises: (promisesBy.get(l.id) ?? []).map(
                  (p): PromiseEvent => ({
                    key: p.id,
                    amount: p.amount,
                    promisedDate: p.promised,
                    createdAt: p.created,
                    cancelled: p.cancelled,
                    arrangementId: p.arrangement,
                  }),
                ),
              }
            : {}),
        },
      }));
    }
  }
}
