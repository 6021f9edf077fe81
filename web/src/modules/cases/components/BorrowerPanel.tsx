import { formatTimeIn } from "../../../core/format/dates";
import { formatMoney } from "../../../core/format/money";
import { useNow } from "../../../core/ui/useNow";
import { type DetailItem, DetailList } from "../../loans/components/DetailList";
import { humanizeCode } from "../../loans/loanLabels";
import type { CaseLoan } from "../graphql/caseView";

const LINK = "text-indigo-700 underline-offset-2 hover:underline";

function address(b: CaseLoan["borrower"]): string | null {
  const line = [b.addressLine, [b.postalCode, b.city].filter(Boolean).join(" "), b.region, b.country]
    .filter((part) => part !== null && part !== undefined && part !== "")
    .join(", ");
  return line === "" ? null : line;
}

/** Who the borrower is and how to reach them, with their local time now (is it a decent hour to call?). */
export function BorrowerPanel({ loan }: { loan: CaseLoan }) {
  const { borrower, currency } = loan;
  const now = useNow();
  const localTime = formatTimeIn(borrower.timeZone, new Date(now));
  const items: DetailItem[] = [
    { label: "Name", value: borrower.fullName },
    { label: "Borrower ID", value: <span className="font-mono">{borrower.externalKey}</span> },
    {
      label: "Phone",
      value: borrower.phone && (
        <a className={LINK} href={`tel:${borrower.phone.replace(/[^\d+]/g, "")}`}>
          {borrower.phone}
        </a>
      ),
    },
    {
      label: "Email",
      value: borrower.email && (
        <a className={LINK} href={`mailto:${borrower.email}`}>
          {borrower.email}
        </a>
      ),
    },
    { label: "Address", value: address(borrower) },
    {
      label: "Local time now",
      value: localTime ? `${localTime} (${borrower.timeZone})` : borrower.timeZone,
    },
    { label: "Segment", value: borrower.segment && humanizeCode(borrower.segment) },
    { label: "Employment", value: borrower.employmentStatus && humanizeCode(borrower.employmentStatus) },
    { label: "Annual income", value: formatMoney(borrower.annualIncome, currency) },
  ];
  return <DetailList title="Borrower" items={items} />;
}
