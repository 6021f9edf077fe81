import { useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import { CASE_SECTIONS, focusSection } from "../focusSection";
import type { CaseLoan } from "../graphql/caseView";
import { openAgentTask, openEscalation } from "../openTasks";
import { BorrowerPanel } from "./BorrowerPanel";
import { CaseHeader } from "./CaseHeader";
import { CaseSection } from "./CaseSection";
import { ContactHistory } from "./ContactHistory";
import { ContactPreferencesPanel } from "./ContactPreferencesPanel";
import { DelinquencySection } from "./DelinquencySection";
import { EscalatePanel } from "./EscalatePanel";
import { LoanPanel } from "./LoanPanel";
import { LogContactForm, type LoggedContact } from "./LogContactForm";
import { LogPromiseForm } from "./LogPromiseForm";
import { PaymentsSection } from "./PaymentsSection";
import { PromiseList } from "./PromiseList";
import { RecommendationHistory } from "./RecommendationHistory";
import { RiskAndActionPanel } from "./RiskAndActionPanel";
import { ScoreHistory } from "./ScoreHistory";
import { TaskPanel } from "./TaskPanel";

/** `?log=contact` (the worklist's "log outcome") opens the case with that form's first field focused. */
function useFocusFromUrl(loanId: string) {
  const [searchParams] = useSearchParams();
  const log = searchParams.get("log");
  const focusedFor = useRef<string | null>(null);
  useEffect(() => {
    const key = `${loanId}:${log}`;
    if (focusedFor.current === key) return;
    focusedFor.current = key;
    if (log === "contact") focusSection(CASE_SECTIONS.contact);
    else if (log === "promise") focusSection(CASE_SECTIONS.promise);
  }, [loanId, log]);
}

/**
 * The case an agent works: the case at a glance and its next action first, then the work (task, contact,
 * promise, escalation) beside the borrower, the loan and their history.
 */
export function CaseView({ loan }: { loan: CaseLoan }) {
  const tasks = loan.tasks.nodes;
  const task = openAgentTask(tasks);
  const escalation = openEscalation(tasks);
  const [lastContact, setLastContact] = useState<LoggedContact | null>(null);
  useFocusFromUrl(loan.id);

  return (
    <>
      <title>{`${loan.externalKey} · ${loan.borrower.fullName ?? "Case"} · CreditPathAI`}</title>
      <CaseHeader loan={loan} openTask={task} />
      <div className="mb-6">
        <RiskAndActionPanel loan={loan} />
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <div className="min-w-0 space-y-6">
          <TaskPanel task={task} escalation={escalation} />
          <CaseSection id={CASE_SECTIONS.contact} title="Log a contact">
            <LogContactForm
              loanId={loan.id}
              borrowerTimeZone={loan.borrower.timeZone}
              defaultChannel={loan.recommendation?.channel ?? "CALL"}
              onLogged={setLastContact}
            />
          </CaseSection>
          <CaseSection id={CASE_SECTIONS.promise} title="Log a promise to pay">
            <LogPromiseForm
              loanId={loan.id}
              balance={loan.outstandingBalance}
              currency={loan.currency}
              lastContact={lastContact}
            />
          </CaseSection>
          <EscalatePanel loanId={loan.id} escalation={escalation} />
        </div>
        <div className="min-w-0 space-y-6">
          <BorrowerPanel loan={loan} />
          <ContactPreferencesPanel borrower={loan.borrower} />
          <ContactHistory borrower={loan.borrower} loanId={loan.id} />
          <PromiseList loan={loan} />
          <PaymentsSection loan={loan} />
          <DelinquencySection loan={loan} />
          <ScoreHistory loan={loan} />
          <RecommendationHistory loan={loan} />
          <LoanPanel loan={loan} />
        </div>
      </div>
    </>
  );
}
