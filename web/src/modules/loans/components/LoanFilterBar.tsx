import { type ReactNode, useEffect, useState } from "react";
import { listParam } from "../../../core/paging/useUrlCursorPages";
import { FIELD_CONTROL, FIELD_LABEL, PRIMARY_BUTTON, SECONDARY_BUTTON } from "../../../core/ui/fieldStyles";
import type { TeamMember } from "../../team/graphql/teamMembers";
import type { PortfolioOption } from "../graphql/portfolios";
import { BUCKET_LABELS, PRODUCT_LABELS, STATUS_LABELS, TIER_LABELS } from "../loanLabels";
import { loanSortFrom, SORT_LABELS, sortParam } from "../loanListFilter";

const FILTER_KEYS = ["q", "bucket", "tier", "status", "product", "portfolio", "agent", "sort"] as const;

interface LoanFilterBarProps {
  params: URLSearchParams;
  onChange: (entries: Record<string, string | null>) => void;
  portfolios: PortfolioOption[];
  agents: TeamMember[];
  showAgentTeams: boolean;
}

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className={FIELD_LABEL}>
        {label}
      </label>
      {children}
    </div>
  );
}

function CheckboxGroup({
  legend,
  name,
  options,
  checked,
  onChange,
}: {
  legend: string;
  name: string;
  options: Record<string, string>;
  checked: string[];
  onChange: (values: string[]) => void;
}) {
  return (
    <fieldset>
      <legend className={FIELD_LABEL}>{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {Object.entries(options).map(([value, label]) => (
          <label key={value} className="inline-flex items-center gap-1.5 text-sm text-slate-700">
            <input
              type="checkbox"
              name={name}
              value={value}
              checked={checked.includes(value)}
              onChange={(e) =>
                onChange(e.target.checked ? [...checked, value] : checked.filter((v) => v !== value))
              }
              className="size-4 rounded border-slate-300 text-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
            />
            {label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Search, filters and sort of the loan list; every choice goes to the URL. */
export function LoanFilterBar({ params, onChange, portfolios, agents, showAgentTeams }: LoanFilterBarProps) {
  const urlQuery = params.get("q") ?? "";
  const [query, setQuery] = useState(urlQuery);
  // The back button changes the URL under the form: the box follows it.
  useEffect(() => setQuery(urlQuery), [urlQuery]);
  const value = (key: string) => params.get(key) ?? "";
  const set = (key: string) => (v: string) => onChange({ [key]: v || null });
  const sort = loanSortFrom(params);
  const buckets = listParam(params, "bucket", Object.keys(BUCKET_LABELS));
  const tiers = listParam(params, "tier", Object.keys(TIER_LABELS));
  const tooShort = query.trim().length === 1;
  const filtered = FILTER_KEYS.some((k) => params.has(k));
  const active = FILTER_KEYS.filter((k) => k !== "q" && params.has(k)).length;
  // On a phone the filters would push the list a screen down: they fold away until asked for.
  const [open, setOpen] = useState(false);

  return (
    <div className="space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <search aria-label="Loans">
        <form
          aria-label="Search loans"
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (!tooShort) onChange({ q: query.trim() || null });
          }}
        >
          <div className="min-w-0 flex-1 basis-64">
            <label htmlFor="loan-search" className={FIELD_LABEL}>
              Loan or borrower reference, or borrower name
            </label>
            <input
              id="loan-search"
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              aria-describedby="loan-search-hint"
              className={FIELD_CONTROL}
            />
            <p
              id="loan-search-hint"
              className={`mt-1 text-xs ${tooShort ? "text-red-800" : "text-slate-500"}`}
            >
              At least 2 characters; names match from 3.
            </p>
          </div>
          <button type="submit" className={`${PRIMARY_BUTTON} mb-5`} disabled={tooShort}>
            Search
          </button>
          {filtered && (
            <button
              type="button"
              className={`${SECONDARY_BUTTON} mb-5`}
              onClick={() => onChange(Object.fromEntries(FILTER_KEYS.map((k) => [k, null])))}
            >
              Clear all
            </button>
          )}
        </form>
      </search>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="loan-filters"
        onClick={() => setOpen(!open)}
        className={`${SECONDARY_BUTTON} md:hidden`}
      >
        {open ? "Hide filters and order" : "Show filters and order"}
        {active > 0 && ` (${active} set)`}
      </button>
      <form
        id="loan-filters"
        aria-label="Loan filters and order"
        onSubmit={(e) => e.preventDefault()}
        className={`${open ? "grid" : "hidden"} grid-cols-1 gap-3 sm:grid-cols-2 md:grid lg:grid-cols-5`}
      >
        <Field id="loan-status" label="Status">
          <select
            id="loan-status"
            value={value("status")}
            onChange={(e) => set("status")(e.target.value)}
            className={FIELD_CONTROL}
          >
            <option value="">Any status</option>
            {Object.entries(STATUS_LABELS).map(([s, label]) => (
              <option key={s} value={s}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="loan-product" label="Product">
          <select
            id="loan-product"
            value={value("product")}
            onChange={(e) => set("product")(e.target.value)}
            className={FIELD_CONTROL}
          >
            <option value="">Any product</option>
            {Object.entries(PRODUCT_LABELS).map(([p, label]) => (
              <option key={p} value={p}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="loan-portfolio" label="Portfolio">
          <select
            id="loan-portfolio"
            value={value("portfolio")}
            onChange={(e) => set("portfolio")(e.target.value)}
            className={FIELD_CONTROL}
          >
            <option value="">All portfolios</option>
            {portfolios.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="loan-agent" label="Worked by">
          <select
            id="loan-agent"
            value={value("agent")}
            onChange={(e) => set("agent")(e.target.value)}
            className={FIELD_CONTROL}
          >
            <option value="">Any agent</option>
            {agents.map((a) => (
              <option key={a.id} value={a.id}>
                {showAgentTeams && a.team ? `${a.displayName} (${a.team.name})` : a.displayName}
              </option>
            ))}
          </select>
        </Field>
        <Field id="loan-sort" label="Sort by">
          <select
            id="loan-sort"
            value={sortParam(sort) ?? ""}
            onChange={(e) => set("sort")(e.target.value)}
            className={FIELD_CONTROL}
          >
            {Object.entries(SORT_LABELS).map(([field, label]) => (
              <optgroup key={field} label={label}>
                <option value={field === "DAYS_PAST_DUE" ? "" : field}>{label}, highest first</option>
                <option value={`${field}-asc`}>{label}, lowest first</option>
              </optgroup>
            ))}
          </select>
        </Field>
        <div className="sm:col-span-2 lg:col-span-3">
          <CheckboxGroup
            legend="Delinquency bucket"
            name="bucket"
            options={BUCKET_LABELS}
            checked={buckets}
            onChange={(values) => onChange({ bucket: values.join(",") || null })}
          />
        </div>
        <div className="sm:col-span-2">
          <CheckboxGroup
            legend="Risk tier"
            name="tier"
            options={TIER_LABELS}
            checked={tiers}
            onChange={(values) => onChange({ tier: values.join(",") || null })}
          />
        </div>
      </form>
    </div>
  );
}
