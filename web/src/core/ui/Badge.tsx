import type { ReactNode } from "react";

export type BadgeTone = "neutral" | "success" | "info" | "warning" | "alert" | "danger";

const TONE_CLASSES: Record<BadgeTone, string> = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-500/20",
  success: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  info: "bg-sky-50 text-sky-800 ring-sky-600/20",
  warning: "bg-amber-50 text-amber-800 ring-amber-600/30",
  alert: "bg-orange-50 text-orange-800 ring-orange-600/30",
  danger: "bg-red-50 text-red-800 ring-red-600/20",
};

export function Badge({ tone, children }: { tone: BadgeTone; children: ReactNode }) {
  return (
    <span
      className={`inline-flex items-center whitespace-nowrap rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONE_CLASSES[tone]}`}
    >
      {children}
    </span>
  );
}
