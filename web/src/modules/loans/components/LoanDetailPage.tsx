import { Link, useParams } from "react-router";
import { formatDate, formatTimeIn } from "../../../core/format/dates";
import { formatMoney } from "../../../core/format/money";
import { formatInteger, formatPercent } from "../../../core/format/numbers";
import { EmptyState } from "../../../core/ui/EmptyState";
import { ErrorState } from "../../../core/ui/ErrorState";
import { LoadingState } from "../../../core/ui/LoadingState";
import type { LoanDetail } from "../graphql/loanDetail";
import { useLoanDetail } from "../hooks/useLoanDetail";
import { humanizeCode, productLabel } from "../loanLabels";
import { BucketBadge } from "./BucketBadge";
import { type DetailItem, DetailList } from "./DetailList";
import { RiskAndActionPanel } from "./RiskAndActionPanel";
import { StatusBadge } from "./StatusBadge";

const LINK = "text-indigo-700 underline-offset-2 hover:underline";

function BackToLoans() {
  return (
    <Link to="/loans" className={`mb-4 inline-block text-sm font-medium ${LINK}`}>
      <span aria-hidden="true">← </span>My loans
    </Link>
  );
}

export function LoanDetailPage() {
  const { id = "" } = useParams();
  const state = useLoanDetail(id);

  switch (state.kind) {
    case "loading":
      return (
        <>
          <BackToLoans />
          <LoadingState label="Loading loan…" />
        </>
      );
    case "notFound":
      return (
        <>
          <title>Loan not found · CreditPathAI</title>
          <BackToLoans />
          <h1 className="sr-only">Loan not found</h1>
          <EmptyState title="Loan not found">
            This loan does not exist or you do not have access to it. Check the link, or pick a loan from your
            list.
          </EmptyState>
        </>
      );
    case "error":
      return (
        <>
          <BackToLoans />
          <ErrorState title="Could not load this loan" message={state.error.message} onRetry={state.retry} />
        </>
      );
    case "ready":
      return <LoanDetailView loan={state.loan} />;
  }
}

function LoanDetailView({ loan }: { loan: LoanDetail }) {
  const { borrower, portfolio, currency } = loan;
  const money = (amount: string | null) => formatMoney(amount, currency);
  const localTime = formatTimeIn(borrower.timeZone);

  const borrowerItems: DetailItem[] = [
    { label: "Name", value: borrower.fullName },
    { label: "Borrower ID", value: <span className="font-mono">{borrower.externalKey}</span> },
    {
      label: "Email",
      value: borrower.email && (
        <a className={LINK} href={`mailto:${borrower.email}`}>
          {borrower.email}
        </a>
      ),
    },
    {
      label: "Phone",
      value: borrower.phone && (
        <a className={LINK} href={`tel:${borrower.phone.replace(/[^\d+]/g, "")}`}>
          {borrower.phone}
        </a>
      ),
    },
    {
      label: "Time zone",
      value: localTime ? `${borrower.timeZone} (local time ${localTime})` : borrower.timeZone,
    },
    { label: "Segment", value: borrower.segment && humanizeCode(borrower.segment) },
    { label: "Employment", value: borrower.employmentStatus && humanizeCode(borrower.employmentStatus) },
    { label: "Annual income", value: money(borrower.annualIncome) },
  ];

  const isRevolving = loan.productType === "REVOLVING";
  const loanItems: DetailItem[] = [
    { label: "Product", value: productLabel(loan.productType) },
    { label: "Status", value: <StatusBadge status={loan.status} /> },
    { label: "Bucket", value: <BucketBadge bucket={loan.bucket} /> },
    { label: "Days past due", value: formatInteger(loan.currentDpd) },
    { label: "Outstanding balance", value: money(loan.outstandingBalance) },
    isRevolving
      ? { label: "Credit limit", value: money(loan.creditLimit) }
      : { label: "Principal", value: money(loan.principal) },
    { label: "Interest rate (annual)", value: formatPercent(loan.interestRate) },
    {
      label: "Term",
      value: loan.termMonths === null ? null : `${formatInteger(loan.termMonths)} months`,
    },
    { label: "Grade", value: loan.grade },
    { label: "Purpose", value: loan.purpose && humanizeCode(loan.purpose) },
    { label: "Opened on", value: formatDate(loan.openedOn) ?? loan.openedOn },
  ];

  const portfolioItems: DetailItem[] = [
    { label: "Portfolio", value: portfolio.name },
    { label: "Source", value: portfolio.source },
    { label: "Data as of", value: formatDate(portfolio.asOfDate) ?? portfolio.asOfDate },
  ];

  return (
    <>
      <title>{`${loan.externalKey} · CreditPathAI`}</title>
      <BackToLoans />
      <header className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="font-mono text-2xl font-semibold tracking-tight text-slate-900">
            {loan.externalKey}
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            {borrower.fullName ?? "Borrower name not recorded"} · {productLabel(loan.productType)} ·{" "}
            {portfolio.name}
          </p>
        </div>
        <div className="flex items-center gap-2">
          <StatusBadge status={loan.status} />
          <BucketBadge bucket={loan.bucket} />
        </div>
      </header>

      {borrower.contactRestrictions.length > 0 && (
        <div
          role="note"
          className="mb-6 rounded-lg border border-amber-300 bg-amber-50 px-5 py-4 text-amber-900"
        >
          <h2 className="text-sm font-semibold">Contact restrictions</h2>
          <ul className="mt-1 list-inside list-disc text-sm">
            {borrower.contactRestrictions.map((restriction) => (
              <li key={restriction}>{humanizeCode(restriction)}</li>
            ))}
          </ul>
        </div>
      )}

      <RiskAndActionPanel score={loan.latestScore} recommendation={loan.recommendation} />

      <div className="grid items-start gap-6 lg:grid-cols-2">
        <DetailList title="Borrower" items={borrowerItems} />
        <DetailList title="Loan" items={loanItems} />
        <DetailList title="Portfolio" items={portfolioItems} />
      </div>
    </>
  );
}
