import { useReducer } from "react";
import { newKey, newRuleDraft, type PolicyDraft, type RuleDraft } from "../policyDraft";

type ContactPatch = Partial<Omit<PolicyDraft["contactRules"], "holidays">>;

export type DraftAction =
  | { type: "reset"; draft: PolicyDraft }
  | { type: "addRule"; at: "first" | "last"; rule?: RuleDraft }
  | { type: "updateRule"; key: string; patch: Partial<RuleDraft> }
  | { type: "moveRule"; key: string; by: -1 | 1 }
  | { type: "removeRule"; key: string }
  | { type: "contactRules"; patch: ContactPatch }
  | { type: "addHoliday" }
  | { type: "updateHoliday"; key: string; date: string }
  | { type: "removeHoliday"; key: string }
  | { type: "brokenPromise"; patch: Partial<PolicyDraft["brokenPromise"]> };

function reduce(draft: PolicyDraft, action: DraftAction): PolicyDraft {
  switch (action.type) {
    case "reset":
      return action.draft;
    case "addRule": {
      const rule = action.rule ?? newRuleDraft();
      return { ...draft, rules: action.at === "first" ? [rule, ...draft.rules] : [...draft.rules, rule] };
    }
    case "updateRule":
      return {
        ...draft,
        rules: draft.rules.map((r) => (r.key === action.key ? { ...r, ...action.patch } : r)),
      };
    case "moveRule": {
      const from = draft.rules.findIndex((r) => r.key === action.key);
      const to = from + action.by;
      if (from < 0 || to < 0 || to >= draft.rules.length) return draft;
      const rules = [...draft.rules];
      const [moved] = rules.splice(from, 1);
      if (moved) rules.splice(to, 0, moved);
      return { ...draft, rules };
    }
    case "removeRule":
      return { ...draft, rules: draft.rules.filter((r) => r.key !== action.key) };
    case "contactRules":
      return { ...draft, contactRules: { ...draft.contactRules, ...action.patch } };
    case "addHoliday":
      return {
        ...draft,
        contactRules: {
          ...draft.contactRules,
          holidays: [...draft.contactRules.holidays, { key: newKey("holiday"), date: "" }],
        },
      };
    case "updateHoliday":
      return {
        ...draft,
        contactRules: {
          ...draft.contactRules,
          holidays: draft.contactRules.holidays.map((h) =>
            h.key === action.key ? { ...h, date: action.date } : h,
          ),
        },
      };
    case "removeHoliday":
      return {
        ...draft,
        contactRules: {
          ...draft.contactRules,
          holidays: draft.contactRules.holidays.filter((h) => h.key !== action.key),
        },
      };
    case "brokenPromise":
      return { ...draft, brokenPromise: { ...draft.brokenPromise, ...action.patch } };
  }
}

/** The policy form's state and the edits it takes. */
export function usePolicyDraft(initial: () => PolicyDraft) {
  return useReducer(reduce, undefined, initial);
}
