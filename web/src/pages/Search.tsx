import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { useInfiniteQuery } from "@tanstack/react-query";
import type { SpaceSearchQuery } from "@ourspace/client";
import { api, must } from "../lib/api";
import { formatCount, lastBookableDate, seoulToday } from "../lib/format";
import { countFilters, parseSearch, searchToParams, SORTS, type Sort } from "../lib/searchParams";
import { useCategories, useDistricts, useFacilities } from "../lib/reference";
import { SpaceCard } from "../components/SpaceCard";
import { SpaceMap, type Bounds } from "../components/SpaceMap";
import { Empty, ErrorState, Loading } from "../components/States";

const PAGE = 20;
const HOURS = Array.from({ length: 25 }, (_, h) => `${String(h).padStart(2, "0")}:00`);

export function useSpaceSearch(query: SpaceSearchQuery) {
  return useInfiniteQuery({
    queryKey: ["spaces", query],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      must(await api.GET("/v1/spaces", { params: { query: { ...query, limit: PAGE, cursor: pageParam } } })),
    getNextPageParam: (last) => last.next_cursor,
  });
}

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => parseSearch(params), [params]);
  const results = useSpaceSearch(query);
  const navigate = useNavigate();
  const [bounds, setBounds] = useState<Bounds | null>(null);
  const [showMap, setShowMap] = useState(true);
  const items = useMemo(() => results.data?.pages.flatMap((p) => p.items) ?? [], [results.data]);
  const total = results.data?.pages[0]?.total;

  const apply = (next: SpaceSearchQuery) => setParams(searchToParams(next));

  // Infinite scroll: the next page loads when the end of the list comes into view.
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = results;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasNextPage || typeof IntersectionObserver === "undefined") return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    }, { rootMargin: "400px" });
    io.observe(el);
    return () => io.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, items.length]);

  return (
    <div className="page search-page">
      <h1 className="sr-only">공간 검색</h1>
      <Filters key={params.toString()} query={query} onApply={apply} />
      <div className="results-bar">
        <p aria-live="polite" className="count" data-testid="result-count">
          {results.isPending
            ? "검색 중…"
            : total
              ? `${formatCount(total.count)}${total.capped ? "개 이상" : "개"}의 공간`
              : `${formatCount(items.length)}개의 공간`}
        </p>
        <label className="inline">
          정렬
          <select value={query.sort ?? "popular"} onChange={(e) => apply({ ...query, sort: e.target.value as Sort })}>
            {SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => setShowMap((v) => !v)} aria-pressed={showMap}>
          지도 {showMap ? "숨기기" : "보기"}
        </button>
      </div>
      <div className={`results${showMap ? " with-map" : ""}`}>
        {showMap && (
          <div className="map-col">
            {/* Past the map and its markers (one tab stop each) to the list of the same spaces. */}
            <a
              className="skip-map"
              href="#search-results"
              onClick={(e) => {
                e.preventDefault();
                document.getElementById("search-results")?.focus();
              }}
            >
              지도 건너뛰기
            </a>
            <SpaceMap spaces={items} onOpen={(id) => navigate(`/spaces/${id}`)} onBoundsChange={setBounds} />
            <div className="map-actions">
              <button
                type="button"
                disabled={!bounds}
                onClick={() =>
                  bounds &&
                  apply({
                    ...query,
                    bbox: [bounds.south, bounds.west, bounds.north, bounds.east].map((n) => n.toFixed(5)).join(","),
                  })
                }
              >
                이 지도 영역에서 검색
              </button>
              {query.bbox && (
                <button type="button" onClick={() => apply({ ...query, bbox: undefined })}>
                  지도 영역 해제
                </button>
              )}
            </div>
          </div>
        )}
        <div className="list-col" id="search-results" tabIndex={-1} role="region" aria-label="검색 결과 목록">
          {results.isPending ? (
            <Loading label="공간을 찾는 중…" />
          ) : results.isError ? (
            <ErrorState error={results.error} retry={() => results.refetch()} />
          ) : items.length === 0 ? (
            <Empty>
              <p>조건에 맞는 공간이 없습니다.</p>
              <p>필터를 줄이거나 다른 날짜를 골라 보세요.</p>
            </Empty>
          ) : (
            <>
              <ul className="cards" aria-label="검색 결과">
                {items.map((s) => (
                  <li key={s.id}>
                    <SpaceCard space={s} />
                  </li>
                ))}
              </ul>
              <div ref={sentinel} />
              {hasNextPage ? (
                <button type="button" className="more" onClick={() => fetchNextPage()} disabled={isFetchingNextPage}>
                  {isFetchingNextPage ? "불러오는 중…" : "더 보기"}
                </button>
              ) : (
                <p className="end">마지막 결과입니다.</p>
              )}
            </>
          )}
        </div>
      </div>
    </div>
  );
}

function Filters({ query, onApply }: { query: SpaceSearchQuery; onApply: (q: SpaceSearchQuery) => void }) {
  const districts = useDistricts();
  const categories = useCategories();
  const facilities = useFacilities();
  const [draft, setDraft] = useState<SpaceSearchQuery>(query);
  const set = (patch: Partial<SpaceSearchQuery>) => setDraft((d) => ({ ...d, ...patch }));
  const toggle = (key: "district" | "category" | "facility", id: number, on: boolean) =>
    setDraft((d) => {
      const cur = new Set(d[key] ?? []);
      if (on) cur.add(id);
      else cur.delete(id);
      return { ...d, [key]: [...cur] };
    });
  const num = (v: string) => (v === "" ? undefined : Number(v));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft);
  };
  const n = countFilters(query);
  return (
    <form className="filters" onSubmit={submit} aria-label="검색 필터">
      <div className="filter-row">
        <label className="grow">
          <span className="sr-only">검색어</span>
          <input type="search" placeholder="공간 이름, 주소 검색" value={draft.q ?? ""} onChange={(e) => set({ q: e.target.value || undefined })} />
        </label>
        <button type="submit" className="primary">
          검색
        </button>
      </div>
      <details>
        <summary>필터{n ? ` (${n})` : ""}</summary>
        <div className="filter-grid">
          <label>
            인원
            <input type="number" min={1} max={500} inputMode="numeric" value={draft.people ?? ""} onChange={(e) => set({ people: num(e.target.value) })} />
          </label>
          <label>
            날짜
            {/* The booking horizon: no space can be booked on a later date. */}
            <input type="date" min={seoulToday()} max={lastBookableDate()} value={draft.date ?? ""} onChange={(e) => set({ date: e.target.value || undefined })} />
          </label>
          <label>
            시작 시각
            <select value={draft.start ?? ""} onChange={(e) => set({ start: e.target.value || undefined })}>
              <option value="">상관없음</option>
              {HOURS.slice(0, 24).map((h) => (
                <option key={h}>{h}</option>
              ))}
            </select>
          </label>
          <label>
            종료 시각
            <select value={draft.end ?? ""} onChange={(e) => set({ end: e.target.value || undefined })}>
              <option value="">상관없음</option>
              {HOURS.slice(1).map((h) => (
                <option key={h}>{h}</option>
              ))}
            </select>
          </label>
          <label>
            최저 가격(원)
            <input type="number" min={0} step={1000} inputMode="numeric" value={draft.min_price ?? ""} onChange={(e) => set({ min_price: num(e.target.value) })} />
          </label>
          <label>
            최고 가격(원)
            <input type="number" min={0} step={1000} inputMode="numeric" value={draft.max_price ?? ""} onChange={(e) => set({ max_price: num(e.target.value) })} />
          </label>
        </div>
        <CheckGroup legend="공간 유형" items={categories.data} failed={categories.isError} retry={() => categories.refetch()} selected={draft.category} onToggle={(id, on) => toggle("category", id, on)} />
        <CheckGroup legend="지역" items={districts.data} failed={districts.isError} retry={() => districts.refetch()} selected={draft.district} onToggle={(id, on) => toggle("district", id, on)} />
        <CheckGroup legend="편의시설 (모두 갖춘 곳)" items={facilities.data} failed={facilities.isError} retry={() => facilities.refetch()} selected={draft.facility} onToggle={(id, on) => toggle("facility", id, on)} />
        <div className="filter-row">
          <button type="submit" className="primary">
            필터 적용
          </button>
          <button type="button" onClick={() => onApply({ sort: query.sort })}>
            초기화
          </button>
        </div>
      </details>
    </form>
  );
}

function CheckGroup({
  legend,
  items,
  failed,
  retry,
  selected,
  onToggle,
}: {
  legend: string;
  items: { id: number; name: string }[] | undefined;
  failed?: boolean;
  retry?: () => void;
  selected: number[] | undefined;
  onToggle: (id: number, on: boolean) => void;
}) {
  return (
    <fieldset className="checks">
      <legend>{legend}</legend>
      {failed && (
        <p className="hint" role="alert">
          목록을 불러오지 못했습니다.{" "}
          <button type="button" className="link" onClick={retry}>
            다시 시도
          </button>
        </p>
      )}
      {items?.map((it) => (
        <label key={it.id} className="check">
          <input type="checkbox" checked={selected?.includes(it.id) ?? false} onChange={(e) => onToggle(it.id, e.target.checked)} />
          {it.name}
        </label>
      ))}
    </fieldset>
  );
}
