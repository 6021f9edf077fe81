import { ActionType } from "../../generated/prisma/enums.js";

/** Reminders the system sends by itself: never a person's task. */
export const AUTOMATED_ACTIONS: readonly ActionType[] = [
  ActionType.SMS_REMINDER,
  ActionType.PUSH_REMINDER,
  ActionType.EMAIL_REMINDER,
];

/** Every other action needs a person: these, and only these, become tasks. */
export const HUMAN_ACTIONS: readonly ActionType[] = Object.values(ActionType).filter(
  (a) => !AUTOMATED_ACTIONS.includes(a),
);

export const needsPerson = (action: ActionType): boolean => !AUTOMATED_ACTIONS.includes(action);
