import { Link, useSearchParams } from "react-router";
import { useInfiniteQuery } from "@tanstack/react-query";
import type { Booking } from "@ourspace/client";
import { api, must } from "../lib/api";
import { useSession } from "../lib/session";
import { formatDate, formatWon } from "../lib/format";
import { slotLabel, STATUS_KO } from "../lib/bookingStatus";
import { Empty, ErrorState, Loading, SignInRequired, LoadMore } from "../components/States";

const TABS = [
  { value: "upcoming", label: "예정" },
  { value: "past", label: "지난 예약" },
  { value: "cancelled", label: "취소·만료" },
] as const;
type Tab = (typeof TABS)[number]["value"];

export function MyBookingsPage() {
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const tab = (TABS.find((t) => t.value === params.get("tab"))?.value ?? "upcoming") as Tab;
  const list = useInfiniteQuery({
    queryKey: ["bookings", "mine", tab],
    enabled: !!session,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      must(await api.GET("/v1/me/bookings", { params: { query: { status: tab, cursor: pageParam, limit: 20 } } })),
    getNextPageParam: (p) => p.next_cursor,
  });
  if (!session) return <SignInRequired />;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="page">
      <h1>내 예약</h1>
      <div role="tablist" aria-label="예약 구분" className="tabs">
        {TABS.map((t) => (
          <button key={t.value} role="tab" type="button" aria-selected={tab === t.value} onClick={() => setParams({ tab: t.value })}>
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ErrorState error={list.error} retry={() => list.refetch()} />
        ) : items.length === 0 ? (
          <Empty>
            <p>예약이 없습니다.</p>
            <Link to="/search">공간 찾아보기</Link>
          </Empty>
        ) : (
          <ul className="rows">
            {items.map((b) => (
              <BookingRow key={b.id} b={b} />
            ))}
          </ul>
        )}
        <LoadMore list={list} />
      </div>
    </section>
  );
}

export function BookingRow({ b }: { b: Booking }) {
  return (
    <li className="row">
      {b.space?.photo_url && <img src={b.space.photo_url} alt="" width={72} height={72} loading="lazy" />}
      <div>
        <Link to={`/bookings/${b.id}`} className="row-title">
          {b.space?.title ?? `공간 #${b.space_id}`}
        </Link>
        <p>
          {formatDate(b.date)} · {slotLabel(b)} · {b.people}명 · {formatWon(b.price)}
          {b.reviewable && <span className="tag">리뷰를 쓸 수 있어요</span>}
          {b.review_id && <span className="tag">리뷰 작성함</span>}
        </p>
      </div>
      <span className={`status status-${b.status}`}>{STATUS_KO[b.status]}</span>
    </li>
  );
}
