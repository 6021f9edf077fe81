import type { UserPrincipal } from "../../core/auth/principal.js";
import { badInput, forbidden, notFound } from "../../core/errors/app-error.js";
import type { IdempotencyService } from "../../core/idempotency/idempotency.service.js";
import type { ContactRules } from "../contact-rules/contact-rules.js";
import { loanVisibility } from "../loans/loan.access.js";
import { WORKED_LOANS } from "../portfolio/portfolio-kind.js";
import type { PolicyService } from "../recommendations/policy.service.js";
import type { UpdateContactPreferencesInput } from "./contact.inputs.js";
import { type BorrowerContactRow, ContactRepository, type PreferenceChanges } from "./contact.repository.js";
import { clockMinutes, clockTime } from "./contact.validation.js";
import type { ContactPreferences } from "./contact-preferences.types.js";
import { preferencesAuditState, toContactPreferences } from "./contact-profile.js";

type AuditState = ReturnType<typeof preferencesAuditState>;

/** What an update of a borrower's contact preferences did (states for the audit trail). */
export interface PreferencesChange {
  preferences: ContactPreferences;
  before: AuditState;
  after: AuditState;
  replayed: boolean;
}

const CHANGEABLE = [
  "doNotContact",
  "disputed",
  "optOutChannels",
  "preferredChannel",
  "preferredHours",
] as const;

/**
 * The borrower's requests about being contacted: recorded on the borrower, so they apply to every loan of
 * theirs at once (the contact rules, the recommendations and the outbound messages all read the borrower).
 */
export class ContactPreferencesService {
  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly policies: PolicyService,
  ) {}

  /** Any role records what a borrower they may see asks; lifting a dispute needs more than an agent. */
  async update(principal: UserPrincipal, input: UpdateContactPreferencesInput): Promise<PreferencesChange> {
    const { idempotencyKey, borrowerId, ...request } = input;
    const changes = toChanges(input, (await this.policies.active()).contactRules);
    const { result, replayed } = await this.idempotency.run(
      {
        userId: principal.userId,
        key: idempotencyKey,
        operation: "updateContactPreferences",
        input: { borrowerId, ...request },
      },
      async (tx) => {
        const repo = new ContactRepository(tx);
        const where = {
          AND: [{ id: borrowerId }, { loans: { some: { AND: [loanVisibility(principal), WORKED_LOANS] } } }],
        };
        if (!(await repo.findBorrower(where))) throw notFound("Borrower", borrowerId);
        await repo.lockBorrower(borrowerId);
        const before = (await repo.findBorrower({ id: borrowerId })) as BorrowerContactRow;
        if (principal.role === "AGENT" && before.disputeFlag && changes.disputeFlag === false) {
          throw forbidden(
            "Agents record disputes but do not lift them: a supervisor, manager or admin lifts a dispute once the debt is verified",
          );
        }
        const merged = { ...before, ...changes } as BorrowerContactRow;
        if (merged.preferredChannel && merged.contactOptOuts.includes(merged.preferredChannel)) {
          throw badInput(
            `preferredChannel: the borrower opted out of ${merged.preferredChannel}: lift that opt-out or name another channel`,
          );
        }
        const after = await repo.updatePreferences(borrowerId, changes);
        return {
          preferences: toContactPreferences(after),
          before: preferencesAuditState(before),
          after: preferencesAuditState(after),
        };
      },
    );
    return { ...result, replayed };
  }
}

/** The input as column changes: left out is kept, null clears; refused with the field and how to fix it. */
function toChanges(input: UpdateContactPreferencesInput, rules: ContactRules): PreferenceChanges {
  if (CHANGEABLE.every((f) => input[f] === undefined)) {
    throw badInput(`Nothing to change: give at least one of ${CHANGEABLE.join(", ")}`);
  }
  for (const flag of ["doNotContact", "disputed", "optOutChannels"] as const) {
    if (input[flag] === null)
      throw badInput(
        `${flag} cannot be null: give ${flag === "optOutChannels" ? "[] to lift every opt-out" : "true or false"}`,
      );
  }
  const changes: PreferenceChanges = {};
  if (input.doNotContact != null) changes.doNotContact = input.doNotContact;
  if (input.disputed != null) changes.disputeFlag = input.disputed;
  if (input.optOutChannels) changes.contactOptOuts = [...new Set(input.optOutChannels)];
  if (input.preferredChannel !== undefined) changes.preferredChannel = input.preferredChannel;
  if (input.preferredHours === null) {
    changes.preferredContactStartMinutes = null;
    changes.preferredContactEndMinutes = null;
  } else if (input.preferredHours) {
    const start = clockMinutes(input.preferredHours.start) as number;
    const end = clockMinutes(input.preferredHours.end) as number;
    if (end <= start) {
      throw badInput(
        `preferredHours: end ${input.preferredHours.end} must be after start ${input.preferredHours.start} (a window within one day)`,
      );
    }
    if (end <= rules.windowStartMinutes || start >= rules.windowEndMinutes) {
      throw badInput(
        `preferredHours: ${input.preferredHours.start}-${input.preferredHours.end} lies outside the policy's contact hours ` +
          `${clockTime(rules.windowStartMinutes)}-${clockTime(rules.windowEndMinutes)} (borrower's local time): ` +
          "agree hours that overlap them",
      );
    }
    changes.preferredContactStartMinutes = start;
    changes.preferredContactEndMinutes = end;
  }
  return changes;
}
