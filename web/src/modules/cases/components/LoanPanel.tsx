import { formatDate } from "../../../core/format/dates";
import { formatMoney } from "../../../core/format/money";
import { formatInteger, formatPercent } from "../../../core/format/numbers";
import { BucketBadge } from "../../loans/components/BucketBadge";
import { type DetailItem, DetailList } from "../../loans/components/DetailList";
import { StatusBadge } from "../../loans/components/StatusBadge";
import { humanizeCode, productLabel } from "../../loans/loanLabels";
import type { CaseLoan } from "../graphql/caseView";

/** The loan's terms and arrears, as of its portfolio's date. */
export function LoanPanel({ loan }: { loan: CaseLoan }) {
  const money = (amount: string | null) => formatMoney(amount, loan.currency);
  const isRevolving = loan.productType === "REVOLVING";
  const items: DetailItem[] = [
    { label: "Product", value: productLabel(loan.productType) },
    { label: "Status", value: <StatusBadge status={loan.status} /> },
    { label: "Bucket", value: <BucketBadge bucket={loan.bucket} /> },
    { label: "Days past due", value: formatInteger(loan.currentDpd) },
    { label: "Amount overdue", value: money(loan.amountOverdue) },
    { label: "Outstanding balance", value: money(loan.outstandingBalance) },
    isRevolving
      ? { label: "Credit limit", value: money(loan.creditLimit) }
      : { label: "Principal", value: money(loan.principal) },
    { label: "Interest rate (annual)", value: formatPercent(loan.interestRate) },
    { label: "Term", value: loan.termMonths === null ? null : `${formatInteger(loan.termMonths)} months` },
    { label: "Grade", value: loan.grade },
    { label: "Purpose", value: loan.purpose && humanizeCode(loan.purpose) },
    { label: "Opened on", value: formatDate(loan.openedOn) ?? loan.openedOn },
    { label: "Portfolio", value: `${loan.portfolio.name} (${loan.portfolio.source})` },
    { label: "Figures as of", value: formatDate(loan.portfolio.asOfDate) ?? loan.portfolio.asOfDate },
  ];
  return <DetailList title="Loan" items={items} />;
}
