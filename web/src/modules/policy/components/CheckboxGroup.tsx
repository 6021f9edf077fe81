import { useId } from "react";

interface CheckboxGroupProps<T extends string> {
  legend: string;
  options: readonly T[];
  labelOf: (value: T) => string;
  selected: readonly T[];
  onChange: (selected: T[]) => void;
}

/** A condition as ticks: nothing ticked means the condition does not narrow the rule ("any"). */
export function CheckboxGroup<T extends string>({
  legend,
  options,
  labelOf,
  selected,
  onChange,
}: CheckboxGroupProps<T>) {
  const id = useId();
  const toggle = (value: T, on: boolean) =>
    // Kept in the options' order whatever order they were ticked in, so the diff does not see a change.
    onChange(options.filter((o) => (o === value ? on : selected.includes(o))));
  return (
    <fieldset aria-describedby={`${id}-any`}>
      <legend className="text-sm font-medium text-slate-900">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {options.map((value) => (
          <label key={value} className="inline-flex items-center gap-2 text-sm text-slate-800">
            <input
              type="checkbox"
              className="size-4 rounded accent-indigo-600"
              checked={selected.includes(value)}
              onChange={(e) => toggle(value, e.target.checked)}
            />
            {labelOf(value)}
          </label>
        ))}
      </div>
      <p id={`${id}-any`} className="mt-1 text-xs text-slate-600">
        {selected.length === 0 ? "None ticked: any." : `${selected.length} ticked.`}
      </p>
    </fieldset>
  );
}
