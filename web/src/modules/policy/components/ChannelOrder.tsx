import { useId, useState } from "react";
import { ICON_BUTTON, INPUT_INLINE, SECONDARY_BUTTON } from "../../../core/ui/buttonStyles";
import type { CommunicationChannel } from "../../../gql/graphql";
import { channelName } from "../policyLabels";
import { CHANNELS } from "../policyModel";
import { fieldId } from "./PolicyField";

interface ChannelOrderProps {
  path: string;
  channels: CommunicationChannel[];
  error?: string;
  onChange: (channels: CommunicationChannel[]) => void;
}

/** The rule's channels in order of preference: the first the contact rules allow is used. */
export function ChannelOrder({ path, channels, error, onChange }: ChannelOrderProps) {
  const id = useId();
  const remaining = CHANNELS.filter((c) => !channels.includes(c));
  const [toAdd, setToAdd] = useState<CommunicationChannel | "">("");
  const adding = toAdd && remaining.includes(toAdd) ? toAdd : (remaining[0] ?? "");
  const move = (from: number, to: number) => {
    const next = [...channels];
    const [moved] = next.splice(from, 1);
    if (moved) next.splice(to, 0, moved);
    onChange(next);
  };

  return (
    <fieldset id={fieldId(path)} aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}>
      <legend className="text-sm font-medium text-slate-900">Channels, most preferred first</legend>
      {channels.length === 0 ? (
        <p className="mt-1 text-sm text-slate-700">No channel.</p>
      ) : (
        <ol className="mt-1 space-y-1">
          {channels.map((c, i) => (
            <li key={c} className="flex items-center gap-2 text-sm text-slate-800">
              <span className="w-40 min-w-0 truncate">
                {i + 1}. {channelName(c)}
              </span>
              <button
                type="button"
                className={ICON_BUTTON}
                disabled={i === 0}
                onClick={() => move(i, i - 1)}
                aria-label={`Prefer ${channelName(c)} earlier`}
              >
                <span aria-hidden="true">↑</span>
              </button>
              <button
                type="button"
                className={ICON_BUTTON}
                disabled={i === channels.length - 1}
                onClick={() => move(i, i + 1)}
                aria-label={`Prefer ${channelName(c)} later`}
              >
                <span aria-hidden="true">↓</span>
              </button>
              <button
                type="button"
                className={ICON_BUTTON}
                onClick={() => onChange(channels.filter((x) => x !== c))}
                aria-label={`Remove ${channelName(c)}`}
              >
                <span aria-hidden="true">✕</span>
              </button>
            </li>
          ))}
        </ol>
      )}
      {remaining.length > 0 && (
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <label htmlFor={`${id}-add`} className="sr-only">
            Channel to add
          </label>
          <select
            id={`${id}-add`}
            className={INPUT_INLINE}
            value={adding}
            onChange={(e) => setToAdd(e.target.value as CommunicationChannel)}
          >
            {remaining.map((c) => (
              <option key={c} value={c}>
                {channelName(c)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className={SECONDARY_BUTTON}
            onClick={() => adding && onChange([...channels, adding])}
          >
            Add channel
          </button>
        </div>
      )}
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
        The first channel the contact rules allow is used; none for actions that are no contact (an
        escalation).
      </p>
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
