// The search filters of GET /v1/spaces ⇄ the page's URL query, so that a
// search is a link: deep links, reloads and the back button keep it.
import type { SpaceSearchQuery } from "@ourspace/client";

export type Sort = NonNullable<SpaceSearchQuery["sort"]>;
export const SORTS: { value: Sort; label: string }[] = [
  { value: "popular", label: "인기순" },
  { value: "price_asc", label: "낮은 가격순" },
  { value: "price_desc", label: "높은 가격순" },
  { value: "rating", label: "평점순" },
  { value: "newest", label: "최신순" },
];

const LISTS = ["district", "category", "facility"] as const;
const NUMBERS = ["people", "min_price", "max_price"] as const;
const STRINGS = ["date", "start", "end", "q", "bbox"] as const;

/** Reads the filters from a URL query; unknown or malformed values are dropped. */
export function parseSearch(params: URLSearchParams): SpaceSearchQuery {
  const out: SpaceSearchQuery = {};
  for (const key of LISTS) {
    const ids = params
      .getAll(key)
      .flatMap((v) => v.split(","))
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0);
    if (ids.length) out[key] = [...new Set(ids)];
  }
  for (const key of NUMBERS) {
    const v = params.get(key);
    if (v !== null && v !== "" && Number.isFinite(Number(v))) out[key] = Number(v);
  }
  for (const key of STRINGS) {
    const v = params.get(key)?.trim();
    if (v) out[key] = v;
  }
  const sort = params.get("sort");
  if (SORTS.some((s) => s.value === sort)) out.sort = sort as Sort;
  return out;
}

/** Writes the filters as a URL query: lists comma-separated, empty values left out, keys in a stable order. */
export function searchToParams(q: SpaceSearchQuery): URLSearchParams {
  const p = new URLSearchParams();
  for (const key of LISTS) {
    const v = q[key];
    if (v?.length) p.set(key, [...v].sort((a, b) => a - b).join(","));
  }
  for (const key of NUMBERS) {
    const v = q[key];
    if (v !== undefined && Number.isFinite(v)) p.set(key, String(v));
  }
  for (const key of STRINGS) {
    const v = q[key];
    if (v) p.set(key, v);
  }
  if (q.sort && q.sort !== "popular") p.set("sort", q.sort);
  return p;
}

/** How many filters are in use (the sort is not a filter). */
export function countFilters(q: SpaceSearchQuery): number {
  return [...LISTS, ...NUMBERS, ...STRINGS].filter((k) => {
    const v = q[k];
    return Array.isArray(v) ? v.length > 0 : v !== undefined && v !== "";
  }).length;
}
