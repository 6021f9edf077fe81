import { useId, useState } from "react";
import {
  DANGER_BUTTON,
  HINT,
  INPUT,
  LABEL,
  PRIMARY_BUTTON,
  SECONDARY_BUTTON,
} from "../../../core/ui/buttonStyles";
import { Dialog } from "../../../core/ui/Dialog";
import type { PolicyDiff } from "../policyDiff";
import { PolicyDiffList } from "./PolicyDiffList";

interface ReviewProps {
  open: boolean;
  activeVersion: number;
  diff: PolicyDiff | null;
  canActivate: boolean;
  busy: boolean;
  error: string | null;
  onSave: (note: string, activateNow: boolean) => void;
  onClose: () => void;
}

/** The draft's changes against the active version, read before it is saved. */
export function ReviewDialog({
  open,
  activeVersion,
  diff,
  canActivate,
  busy,
  error,
  onSave,
  onClose,
}: ReviewProps) {
  const id = useId();
  const [note, setNote] = useState("");
  return (
    <Dialog
      open={open}
      title="Review the changes"
      onClose={onClose}
      footer={
        <div className="flex flex-wrap gap-3">
          <button
            type="button"
            className={PRIMARY_BUTTON}
            disabled={busy}
            onClick={() => onSave(note, false)}
          >
            {busy ? "Saving…" : "Save draft"}
          </button>
          {canActivate && (
            <button
              type="button"
              className={SECONDARY_BUTTON}
              disabled={busy}
              onClick={() => onSave(note, true)}
            >
              Save and activate
            </button>
          )}
          <button type="button" className={SECONDARY_BUTTON} disabled={busy} onClick={onClose}>
            Back to editing
          </button>
        </div>
      }
    >
      <p className="mb-4 text-sm text-slate-700">
        Against version {activeVersion}, the active policy.{" "}
        {canActivate
          ? "A draft changes nothing until it is activated."
          : "A draft changes nothing until a recovery manager or an admin activates it."}
      </p>
      {diff && <PolicyDiffList diff={diff} emptyText="No changes." />}
      <div className="mt-5">
        <label htmlFor={`${id}-note`} className={LABEL}>
          Note (optional)
        </label>
        <textarea
          id={`${id}-note`}
          rows={2}
          className={`${INPUT} mt-1`}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          aria-describedby={`${id}-note-hint`}
        />
        <p id={`${id}-note-hint`} className={HINT}>
          Why the change: shown with the version to whoever activates it.
        </p>
      </div>
      {error && (
        <p
          role="alert"
          className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900 ring-1 ring-red-200"
        >
          {error}
        </p>
      )}
    </Dialog>
  );
}

interface ActivateProps {
  version: number | null;
  activeVersion: number;
  diff: PolicyDiff | null;
  busy: boolean;
  error: string | null;
  onConfirm: (version: number) => void;
  onClose: () => void;
}

/** Activating changes every team's next actions: it says so, with what changes, before it happens. */
export function ActivateDialog({
  version,
  activeVersion,
  diff,
  busy,
  error,
  onConfirm,
  onClose,
}: ActivateProps) {
  return (
    <Dialog
      open={version !== null}
      title={`Activate version ${version ?? ""}?`}
      onClose={onClose}
      footer={
        <div className="flex flex-wrap gap-3">
          <button
            type="button"
            className={DANGER_BUTTON}
            disabled={busy}
            onClick={() => version !== null && onConfirm(version)}
          >
            {busy ? "Activating…" : `Activate version ${version ?? ""}`}
          </button>
          <button type="button" className={SECONDARY_BUTTON} disabled={busy} onClick={onClose}>
            Cancel
          </button>
        </div>
      }
    >
      <p className="mb-4 text-sm text-slate-700">
        It replaces version {activeVersion} for every team. Each loan follows it from its next rescoring;
        until then loans keep their current recommendation.
      </p>
      {diff && <PolicyDiffList diff={diff} emptyText="Same rules and settings as the active version." />}
      {error && (
        <p
          role="alert"
          className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900 ring-1 ring-red-200"
        >
          {error}
        </p>
      )}
    </Dialog>
  );
}
