import { Spinner } from "./Spinner";

export function LoadingState({ label }: { label: string }) {
  return (
    <div role="status" className="flex items-center justify-center gap-3 py-16 text-slate-600">
      <Spinner />
      <span>{label}</span>
    </div>
  );
}
