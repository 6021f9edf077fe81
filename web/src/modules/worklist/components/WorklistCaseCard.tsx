import { useId } from "react";
import { Link } from "react-router";
import { formatDate } from "../../../core/format/dates";
import { formatShare } from "../../../core/format/fractions";
import { formatMoney } from "../../../core/format/money";
import { formatInteger } from "../../../core/format/numbers";
import { Badge } from "../../../core/ui/Badge";
import { NotRecorded } from "../../../core/ui/NotRecorded";
import { BucketBadge } from "../../loans/components/BucketBadge";
import { actionLabel, channelLabel, tierLabel, tierTone } from "../../loans/loanLabels";
import { caseLogPath, casePath } from "../casePaths";
import type { WorklistCase } from "../graphql/myWorklist";
import { ContactNowStatus } from "./ContactNowStatus";
import { DueTime } from "./DueTime";
import { TopReasons } from "./TopReasons";

const TERM = "text-xs font-semibold uppercase tracking-wide text-slate-500";
const LINK_FOCUS =
  "focus-visible:rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";

interface WorklistCaseCardProps {
  item: WorklistCase;
  /** 1-based place in the whole list (across pages) */
  position: number;
  now: number;
  linkRef: (element: HTMLAnchorElement | null) => void;
  onOpen: () => void;
}

export function WorklistCaseCard({ item, position, now, linkRef, onOpen }: WorklistCaseCardProps) {
  const headingId = useId();
  const { task, loan, borrower, latestScore } = item;
  const overdue = formatMoney(item.amountOverdue, loan.currency);
  const propensity = item.propensityToPay;
  const channel = item.contactChannel ? ` ${channelLabel(item.contactChannel)}` : "";

  return (
    <article
      aria-labelledby={headingId}
      data-task-id={task.id}
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm focus-within:border-indigo-400 focus-within:ring-2 focus-within:ring-indigo-500 md:grid md:grid-cols-12 md:gap-x-6"
    >
      <div className="min-w-0 md:col-span-5">
        <h2
          id={headingId}
          className="flex flex-wrap items-baseline gap-x-2 text-base font-semibold text-slate-900"
        >
          <span className="text-sm font-normal text-slate-500 tabular-nums">
            <span className="sr-only">Case </span>
            {formatInteger(position)}.
          </span>
          <Link
            ref={linkRef}
            to={casePath(loan.id)}
            onClick={onOpen}
            data-case-link=""
            className={`font-mono text-indigo-700 underline-offset-2 hover:underline ${LINK_FOCUS}`}
          >
            {loan.externalKey}
          </Link>
          <span className="min-w-0 break-words">{borrower.fullName ?? <NotRecorded />}</span>
        </h2>
        <p className="mt-2 flex flex-wrap items-center gap-1.5">
          {latestScore ? (
            <Badge tone={tierTone(latestScore.tier)}>{tierLabel(latestScore.tier)}</Badge>
          ) : (
            <Badge tone="neutral">Not scored</Badge>
          )}
          <BucketBadge bucket={loan.bucket} />
          <Badge tone="neutral">{formatInteger(loan.currentDpd)} days past due</Badge>
          <Badge tone="neutral">Priority {formatInteger(task.priority)}</Badge>
          {task.status === "IN_PROGRESS" && <Badge tone="info">In progress</Badge>}
        </p>
        <div className="mt-3">
          <h3 className={TERM}>Why</h3>
          <div className="mt-1">
            <TopReasons
              reasons={
                latestScore === null
                  ? null
                  : latestScore.tier === "IN_DEFAULT"
                    ? (propensity?.reasons ?? [])
                    : latestScore.reasons
              }
            />
          </div>
        </div>
      </div>

      <dl className="mt-4 grid grid-cols-2 gap-x-4 gap-y-3 md:col-span-4 md:mt-0 md:grid-cols-1 md:content-start">
        <div>
          <dt className={TERM}>Amount overdue</dt>
          <dd className="mt-0.5 text-sm font-semibold text-slate-900 tabular-nums">
            {overdue ?? <NotRecorded />}
          </dd>
          {propensity && (
            <dd
              className="mt-0.5 text-xs text-slate-600 tabular-nums"
              title="Chance of paying half of the amount overdue within 30 days; expected recovery = amount overdue x that chance (orders cases of one priority)"
            >
              {formatShare(propensity.probability, 0)} likely to pay half; expected{" "}
              {formatMoney(propensity.expectedRecovery, loan.currency)}
            </dd>
          )}
        </div>
        <div>
          <dt className={TERM}>Action</dt>
          <dd className="mt-0.5 text-sm font-semibold text-slate-900">
            {actionLabel(task.actionType)}
            {channel}
          </dd>
        </div>
        <div className="col-span-2 md:col-span-1">
          <dt className={TERM}>Due</dt>
          <dd className="mt-0.5 text-sm">
            <DueTime dueAt={task.dueAt} now={now} />
          </dd>
        </div>
      </dl>

      <div className="mt-4 space-y-3 md:col-span-3 md:mt-0">
        <div>
          <h3 className={TERM}>Contact now</h3>
          <div className="mt-0.5">
            <ContactNowStatus contactNow={item.contactNow} channel={item.contactChannel} />
          </div>
        </div>
        <div>
          <h3 className={TERM}>Open promise</h3>
          <p className="mt-0.5 text-sm text-slate-900">
            {item.openPromise ? (
              <>
                {formatMoney(item.openPromise.amount, loan.currency) ?? item.openPromise.amount} by{" "}
                {formatDate(item.openPromise.promisedDate) ?? item.openPromise.promisedDate}
              </>
            ) : (
              <span className="text-slate-600">None</span>
            )}
          </p>
        </div>
        <Link
          to={caseLogPath(loan.id)}
          onClick={onOpen}
          className={`inline-block rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50 ${LINK_FOCUS}`}
        >
          Log contact<span className="sr-only"> for {loan.externalKey}</span>
        </Link>
      </div>
    </article>
  );
}
