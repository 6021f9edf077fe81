import type { ReactNode } from "react";

/** What a submitted form achieved, announced politely. Always rendered so the announcement is heard. */
export function FormSuccess({ children }: { children: ReactNode }) {
  return (
    <div role="status" className="empty:hidden">
      {children && (
        <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-emerald-600/20 ring-inset">
          <span aria-hidden="true">✓ </span>
          {children}
        </p>
      )}
    </div>
  );
}

/** Why a submitted form was not accepted, announced at once. */
export function FormError({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div
      role="alert"
      className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900 ring-1 ring-red-600/20 ring-inset"
    >
      <p className="font-semibold">{title}</p>
      {children && <div className="mt-1">{children}</div>}
    </div>
  );
}
