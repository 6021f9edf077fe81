import { type ReactNode, useId, useLayoutEffect, useRef } from "react";

interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** The dialog's buttons, kept in view below content that scrolls. */
  footer?: ReactNode;
}

/**
 * A modal on the native <dialog>: the browser traps focus inside it, makes the page behind it inert and
 * closes it on Escape; focus returns to where it was when it closes.
 */
export function Dialog({ open, title, onClose, children, footer }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // At commit, not after paint: focus returns to the opener as the dialog closes, before any later focus
  // move (to an error summary) that the closing screen makes.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className="m-auto w-[calc(100%-2rem)] max-w-2xl rounded-lg bg-white p-0 shadow-xl backdrop:bg-slate-900/50"
    >
      {open && (
        <div className="flex max-h-[85vh] flex-col">
          <h2
            id={titleId}
            className="border-b border-slate-200 px-5 py-4 text-lg font-semibold text-slate-900"
          >
            {title}
          </h2>
          <div className="overflow-y-auto px-5 py-4">{children}</div>
          {footer && <div className="border-t border-slate-200 px-5 py-4">{footer}</div>}
        </div>
      )}
    </dialog>
  );
}
