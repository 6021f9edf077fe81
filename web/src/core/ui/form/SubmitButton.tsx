import type { ReactNode } from "react";
import { PRIMARY_BUTTON } from "../buttonStyles";
import { Spinner } from "../Spinner";

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
    <button type="submit" disabled={pending} aria-disabled={pending} className={PRIMARY_BUTTON}>
      {pending && <Spinner className="size-4" />}
      {pending ? pendingLabel : children}
    </button>
  );
}
