import { listParam } from "../../core/paging/useUrlCursorPages";
import type {
  DelinquencyBucket,
  LoanFilter,
  LoanSort,
  LoanSortField,
  LoanStatus,
  ProductType,
  RiskTier,
  SortDirection,
} from "../../gql/graphql";
import { BUCKET_LABELS, PRODUCT_LABELS, STATUS_LABELS, TIER_LABELS } from "./loanLabels";

export const SORT_LABELS: Record<LoanSortField, string> = {
  DAYS_PAST_DUE: "Days past due",
  BALANCE: "Outstanding balance",
  AMOUNT_OVERDUE: "Amount overdue",
  LATEST_SCORE: "Default probability",
};

const SORT_FIELDS = Object.keys(SORT_LABELS) as LoanSortField[];
const oneOf = <T extends string>(value: string | null, allowed: readonly T[]): T | null =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;

/** The URL's filter parameters as the API's filter; only values the API knows are kept. */
export function loanFilterFrom(params: URLSearchParams): LoanFilter {
  const buckets = listParam(params, "bucket", Object.keys(BUCKET_LABELS) as DelinquencyBucket[]);
  const tiers = listParam(params, "tier", Object.keys(TIER_LABELS) as RiskTier[]);
  const status = oneOf(params.get("status"), Object.keys(STATUS_LABELS) as LoanStatus[]);
  const productType = oneOf(params.get("product"), Object.keys(PRODUCT_LABELS) as ProductType[]);
  const search = params.get("q")?.trim() ?? "";
  return {
    ...(buckets.length ? { buckets } : {}),
    ...(tiers.length ? { tiers } : {}),
    ...(status ? { status } : {}),
    ...(productType ? { productType } : {}),
    ...(params.get("portfolio") ? { portfolioId: params.get("portfolio") } : {}),
    ...(params.get("agent") ? { assigneeId: params.get("agent") } : {}),
    ...(search.length >= 2 ? { search } : {}),
  };
}

/** The URL's sort ("BALANCE" or "BALANCE-asc"); most days past due first by default. */
export function loanSortFrom(params: URLSearchParams): LoanSort {
  const [field, dir] = (params.get("sort") ?? "").split("-");
  return {
    field: oneOf(field ?? null, SORT_FIELDS) ?? "DAYS_PAST_DUE",
    direction: (dir === "asc" ? "ASC" : "DESC") satisfies SortDirection,
  };
}

export const sortParam = (sort: LoanSort): string | null =>
  sort.field === "DAYS_PAST_DUE" && sort.direction === "DESC"
    ? null
    : `${sort.field}${sort.direction === "ASC" ? "-asc" : ""}`;
