import { type ReactNode, useId } from "react";
import { useChosenValue } from "../../../core/ui/useChosenValue";
import { actionLabel, bucketLabel, tierLabel } from "../../loans/loanLabels";
import {
  activeFilterCount,
  BUCKETS,
  DUE_LABELS,
  DUE_PRESETS,
  type DuePreset,
  STATUS_LABELS,
  TASK_ACTIONS,
  TIERS,
  WORKLIST_STATUSES,
  type WorklistFilterState,
} from "../worklistFilters";

type ListKey = "buckets" | "tiers" | "actions" | "statuses";

interface WorklistFilterBarProps {
  filters: WorklistFilterState;
  onChange: (next: WorklistFilterState) => void;
}

const FOCUS = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";
const CONTROL =
  "block w-full rounded-md border-0 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600 focus:outline-none";

/** The filters the API offers, as checkboxes and a due-time choice; every change goes to the URL at once. */
export function WorklistFilterBar({ filters: applied, onChange: apply }: WorklistFilterBarProps) {
  const [filters, setFilters] = useChosenValue(applied);
  const onChange = (next: WorklistFilterState) => {
    setFilters(next);
    apply(next);
  };
  const count = activeFilterCount(filters);

  const toggle = <K extends ListKey>(key: K, value: WorklistFilterState[K][number], on: boolean) => {
    const list = filters[key] as string[];
    const next = on ? [...list, value] : list.filter((v) => v !== value);
    onChange({ ...filters, [key]: next });
  };

  const chips = activeChips(filters, onChange);

  return (
    <section aria-labelledby="worklist-filters" className="mb-6">
      <h2 id="worklist-filters" className="sr-only">
        Filters
      </h2>
      <details className="group rounded-lg border border-slate-200 bg-white shadow-sm">
        <summary
          className={`flex cursor-pointer items-center gap-2 rounded-lg px-4 py-2.5 text-sm font-medium text-slate-900 select-none hover:bg-slate-50 ${FOCUS}`}
        >
          <span aria-hidden="true" className="inline-block transition-transform group-open:rotate-90">
            ▸
          </span>
          Filters
          {count > 0 && <span className="text-slate-600">({count} active)</span>}
        </summary>
        <div className="grid gap-4 border-t border-slate-200 px-4 py-4 sm:grid-cols-2 lg:grid-cols-5">
          <CheckboxGroup legend="Risk tier">
            {TIERS.map((t) => (
              <Checkbox
                key={t}
                label={tierLabel(t)}
                checked={filters.tiers.includes(t)}
                onChange={(on) => toggle("tiers", t, on)}
              />
            ))}
          </CheckboxGroup>
          <CheckboxGroup legend="Bucket">
            {BUCKETS.map((b) => (
              <Checkbox
                key={b}
                label={bucketLabel(b)}
                checked={filters.buckets.includes(b)}
                onChange={(on) => toggle("buckets", b, on)}
              />
            ))}
          </CheckboxGroup>
          <CheckboxGroup legend="Action">
            {TASK_ACTIONS.map((a) => (
              <Checkbox
                key={a}
                label={actionLabel(a)}
                checked={filters.actions.includes(a)}
                onChange={(on) => toggle("actions", a, on)}
              />
            ))}
          </CheckboxGroup>
          <CheckboxGroup legend="Status">
            {WORKLIST_STATUSES.map((s) => (
              <Checkbox
                key={s}
                label={STATUS_LABELS[s]}
                checked={filters.statuses.includes(s)}
                onChange={(on) => toggle("statuses", s, on)}
              />
            ))}
          </CheckboxGroup>
          <DueFilter filters={filters} onChange={onChange} />
        </div>
      </details>
      {chips.length > 0 && (
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <span className="text-sm text-slate-600">Showing only:</span>
          <ul className="flex flex-wrap gap-2">
            {chips.map((chip) => (
              <li key={chip.key}>
                <button
                  type="button"
                  onClick={chip.remove}
                  aria-label={`Remove filter: ${chip.label}`}
                  className={`inline-flex items-center gap-1 rounded-full bg-indigo-50 px-3 py-1 text-sm font-medium text-indigo-800 ring-1 ring-indigo-200 ring-inset hover:bg-indigo-100 ${FOCUS}`}
                >
                  {chip.label}
                  <span aria-hidden="true">✕</span>
                </button>
              </li>
            ))}
          </ul>
          <button
            type="button"
            onClick={() =>
              onChange({
                buckets: [],
                tiers: [],
                actions: [],
                statuses: [],
                due: "any",
                from: null,
                to: null,
              })
            }
            className={`rounded-md px-2 py-1 text-sm font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900 ${FOCUS}`}
          >
            Clear all filters
          </button>
        </div>
      )}
    </section>
  );
}

function CheckboxGroup({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset>
      <legend className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{legend}</legend>
      <div className="mt-2 space-y-1.5">{children}</div>
    </fieldset>
  );
}

function Checkbox({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (on: boolean) => void;
}) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-800">
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.currentTarget.checked)}
        className="size-4 rounded border-slate-300 accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      />
      {label}
    </label>
  );
}

function DueFilter({ filters, onChange }: WorklistFilterBarProps) {
  const id = useId();
  return (
    <fieldset>
      <legend className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Due</legend>
      <div className="mt-2 space-y-2">
        <label htmlFor={`${id}-due`} className="sr-only">
          Due
        </label>
        <select
          id={`${id}-due`}
          value={filters.due}
          onChange={(e) => onChange({ ...filters, due: e.currentTarget.value as DuePreset })}
          className={CONTROL}
        >
          {DUE_PRESETS.map((p) => (
            <option key={p} value={p}>
              {DUE_LABELS[p]}
            </option>
          ))}
        </select>
        {filters.due === "custom" && (
          <>
            <div>
              <label htmlFor={`${id}-from`} className="block text-sm text-slate-700">
                Due from
              </label>
              <input
                id={`${id}-from`}
                type="date"
                value={filters.from ?? ""}
                max={filters.to ?? undefined}
                onChange={(e) => onChange({ ...filters, from: e.currentTarget.value || null })}
                className={CONTROL}
              />
            </div>
            <div>
              <label htmlFor={`${id}-to`} className="block text-sm text-slate-700">
                Due until (inclusive)
              </label>
              <input
                id={`${id}-to`}
                type="date"
                value={filters.to ?? ""}
                min={filters.from ?? undefined}
                onChange={(e) => onChange({ ...filters, to: e.currentTarget.value || null })}
                className={CONTROL}
              />
            </div>
          </>
        )}
      </div>
    </fieldset>
  );
}

interface Chip {
  key: string;
  label: string;
  remove: () => void;
}

function activeChips(filters: WorklistFilterState, onChange: (next: WorklistFilterState) => void): Chip[] {
  const without = <K extends ListKey>(key: K, value: string): WorklistFilterState => ({
    ...filters,
    [key]: (filters[key] as string[]).filter((v) => v !== value),
  });
  const chips: Chip[] = [
    ...filters.tiers.map((t) => ({
      key: `t:${t}`,
      label: tierLabel(t),
      remove: () => onChange(without("tiers", t)),
    })),
    ...filters.buckets.map((b) => ({
      key: `b:${b}`,
      label: bucketLabel(b),
      remove: () => onChange(without("buckets", b)),
    })),
    ...filters.actions.map((a) => ({
      key: `a:${a}`,
      label: actionLabel(a),
      remove: () => onChange(without("actions", a)),
    })),
    ...filters.statuses.map((s) => ({
      key: `s:${s}`,
      label: STATUS_LABELS[s as keyof typeof STATUS_LABELS] ?? s,
      remove: () => onChange(without("statuses", s)),
    })),
  ];
  if (filters.due !== "any" && (filters.due !== "custom" || filters.from || filters.to)) {
    const label =
      filters.due === "custom"
        ? `Due ${filters.from ? `from ${filters.from}` : ""}${filters.from && filters.to ? " " : ""}${filters.to ? `until ${filters.to}` : ""}`
        : DUE_LABELS[filters.due];
    chips.push({
      key: "due",
      label,
      remove: () => onChange({ ...filters, due: "any", from: null, to: null }),
    });
  }
  return chips;
}
