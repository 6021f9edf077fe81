/** Brings a section of the case view into view and puts the keyboard on its first control. */
export function focusSection(sectionId: string): boolean {
  const section = document.getElementById(sectionId);
  const control = section?.querySelector<HTMLElement>(
    "select:not([disabled]), input:not([disabled]), textarea:not([disabled]), button:not([disabled])",
  );
  if (!section || !control) return false;
  section.scrollIntoView({ block: "start" });
  control.focus({ preventScroll: true });
  return true;
}

/** The case view's work sections, by id: where `?log=` and the header's quick actions lead. */
export const CASE_SECTIONS = {
  contact: "log-contact",
  promise: "log-promise",
  task: "case-task",
  escalate: "escalate-case",
  preferences: "contact-preferences",
} as const;
