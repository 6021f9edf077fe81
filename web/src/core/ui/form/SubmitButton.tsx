import type { ReactNode } from "react";
import { Spinner } from "../Spinner";
import { PRIMARY_BUTTON_CLASS } from "./controlClasses";

/** A form's submit button that says it is working and cannot be pressed twice meanwhile. */
export function SubmitButton({
  pending,
  pendingLabel,
  children,
}: {
  pending: boolean;
  pendingLabel: string;
  children: ReactNode;
}) {
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={PRIMARY_BUTTON_CLASS}>
      {pending && <Spinner className="size-4" />}
      {pending ? pendingLabel : children}
    </button>
  );
}
