import { useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { SpaceDetail, Review, Availability, CalendarDay } from "@ourspace/client";
import { api, ApiError, must } from "../lib/api";
import { useMe, useSession } from "../lib/session";
import { formatDate, formatWon, lastBookableDate, seoulToday, WEEKDAY_KO, weekdayOf } from "../lib/format";
import { Calendar, type DayState } from "../components/Calendar";
import { Empty, ErrorState, Loading } from "../components/States";
import { ReplyEditor, ReviewItem } from "../components/Reviews";

const REASONS: Record<string, string> = {
  closed_date: "휴무일",
  not_offered_on_weekday: "이 요일에는 운영하지 않음",
  booked: "예약 마감",
  too_soon: "예약 마감 (임박)",
  too_far_ahead: "아직 예약을 받지 않음",
  not_open: "운영하지 않는 날",
};

export function useSpace(id: number) {
  return useQuery({ queryKey: ["space", id], queryFn: async () => must(await api.GET("/v1/spaces/{id}", { params: { path: { id } } })) });
}

export function useAvailability(id: number, date: string | undefined) {
  return useQuery({
    queryKey: ["availability", id, date],
    enabled: !!date,
    queryFn: async () => must(await api.GET("/v1/spaces/{id}/availability", { params: { path: { id }, query: { date: date! } } })),
  });
}

/**
 * The space's calendar from today: one request for every day shown. Without
 * `to`, the API answers the whole booking horizon (today + 90 days), and the
 * calendar shows exactly the days it answered.
 */
export function useSpaceCalendar(id: number, today: string) {
  return useQuery({
    queryKey: ["calendar", id, today],
    queryFn: async () => must(await api.GET("/v1/spaces/{id}/calendar", { params: { path: { id }, query: { from: today } } })),
  });
}

/** A day of the server's calendar as the calendar shows it. */
export function calendarDayState(day: CalendarDay): DayState {
  if (!day.bookable) return { bookable: false, reason: REASONS[day.reason ?? ""] ?? "예약 불가" };
  const left = [
    day.packages_available > 0 ? `패키지 ${day.packages_available}개` : "",
    day.free_hours > 0 ? `빈 시간 ${day.free_hours}시간` : "",
  ].filter(Boolean);
  return {
    bookable: true,
    note: left.length ? `예약 가능: ${left.join(", ")}` : "예약 가능",
    mark: day.free_hours > 0 ? `${day.free_hours}h` : day.packages_available > 0 ? `${day.packages_available}개` : undefined,
  };
}

/** Whether a space opens on a date at all, from its detail: what the calendar shows until the server's calendar arrives. */
export function dayState(space: SpaceDetail, date: string): DayState {
  if (space.closed_dates.includes(date)) return { bookable: false, reason: "휴무일" };
  const wd = weekdayOf(date);
  const pkg = space.packages.some((p) => p.weekdays.includes(wd));
  const hourly = !!space.hourly && space.opening_hours.some((o) => o.weekday === wd);
  return pkg || hourly ? { bookable: true } : { bookable: false, reason: "운영하지 않는 요일" };
}

export function SpacePage() {
  const id = Number(useParams().id);
  const space = useSpace(id);
  const [params, setParams] = useSearchParams();
  const date = params.get("date") ?? undefined;
  if (space.isPending) return <Loading />;
  if (space.isError && space.error instanceof ApiError && space.error.status === 404) {
    // Unknown, hidden or retired: nothing to retry.
    return (
      <section className="page">
        <h1>공간을 찾을 수 없습니다</h1>
        <p>주소가 잘못되었거나, 호스트가 공간을 숨겼거나 운영을 종료했습니다.</p>
        <p>
          <Link className="button primary" to="/search">
            다른 공간 찾기
          </Link>
        </p>
      </section>
    );
  }
  if (space.isError) return <ErrorState error={space.error} retry={() => space.refetch()} />;
  const s = space.data;
  return (
    <article className="page detail">
      <Carousel photos={s.photos} title={s.title} />
      <header className="detail-head">
        <p className="card-meta">
          {s.category.name} · {s.district.name}
        </p>
        <h1>{s.title}</h1>
        {s.subtitle && <p className="subtitle">{s.subtitle}</p>}
        <p>
          {s.address} · {s.capacity.min}~{s.capacity.max}인 · 호스트 {s.host.name}
        </p>
        <p>
          {s.rating?.count ? `★ ${s.rating.average.toFixed(1)} (리뷰 ${s.rating.count}개)` : "아직 리뷰가 없습니다"}
          {s.needs_approval && <span className="tag">호스트 승인 후 결제</span>}
        </p>
        <LikeButton space={s} />
      </header>
      <div className="detail-cols">
        <div>
          {s.description && (
            <section aria-labelledby="desc-h">
              <h2 id="desc-h">공간 소개</h2>
              <p className="prewrap">{s.description}</p>
            </section>
          )}
          <section aria-labelledby="fac-h">
            <h2 id="fac-h">편의시설</h2>
            {s.facilities.length ? (
              <ul className="facilities">
                {s.facilities.map((f) => (
                  <li key={f.id}>
                    <img src={f.icon_url} alt="" width={28} height={28} />
                    {f.name}
                  </li>
                ))}
              </ul>
            ) : (
              <p>등록된 편의시설이 없습니다.</p>
            )}
          </section>
          <section aria-labelledby="price-h">
            <h2 id="price-h">가격</h2>
            <ul className="prices">
              {s.packages.map((p) => (
                <li key={p.id}>
                  <strong>{p.name}</strong> {p.start}~{p.end}
                  {p.ends_next_day ? " (다음 날)" : ""} · {p.weekdays.map((w) => WEEKDAY_KO[w]).join("")} · {formatWon(p.price)}
                </li>
              ))}
              {s.hourly && (
                <li>
                  <strong>시간 단위</strong> {formatWon(s.hourly.price_per_hour)} / 시간 (최소 {s.hourly.min_hours}시간)
                </li>
              )}
            </ul>
          </section>
          <section aria-labelledby="hours-h">
            <h2 id="hours-h">운영 시간</h2>
            {s.opening_hours.length ? (
              <ul className="hours">
                {s.opening_hours.map((o) => (
                  <li key={o.weekday}>
                    {WEEKDAY_KO[o.weekday]}요일 {o.open}~{o.close}
                  </li>
                ))}
              </ul>
            ) : (
              <p>시간 단위 예약을 받지 않습니다.</p>
            )}
          </section>
          <section aria-labelledby="refund-h">
            <h2 id="refund-h">환불 규정</h2>
            <ul>
              {[...s.refund_policy.rules]
                .sort((a, b) => b.min_days_before - a.min_days_before)
                .map((r) => (
                  <li key={r.min_days_before}>
                    이용 {r.min_days_before}일 전까지: {r.percent}% 환불
                  </li>
                ))}
            </ul>
          </section>
          <Reviews space={s} />
        </div>
        <aside className="booking-box" aria-labelledby="avail-h">
          <h2 id="avail-h">예약 가능 날짜</h2>
          <SpaceCalendar space={s} date={date} onSelect={(d) => setParams({ date: d }, { replace: true })} />
          {date ? <DayAvailability space={s} date={date} /> : <p>날짜를 고르면 예약 가능한 패키지와 시간이 보입니다.</p>}
        </aside>
      </div>
    </article>
  );
}

export function SpaceCalendar({
  space,
  date,
  onSelect,
  today = seoulToday(),
}: {
  space: SpaceDetail;
  date?: string;
  onSelect: (date: string) => void;
  today?: string;
}) {
  const cal = useSpaceCalendar(space.id, today);
  const days = new Map(cal.data?.days.map((d) => [d.date, d]));
  return (
    <>
      <Calendar
        today={today}
        // The server's horizon once it has answered; the same rule until then.
        last={cal.data?.to ?? lastBookableDate(today)}
        selected={date}
        onSelect={onSelect}
        dayState={(d) => {
          const day = days.get(d);
          // Until the calendar arrives (or if it fails), the weekly schedule and closed dates.
          return day ? calendarDayState(day) : dayState(space, d);
        }}
      />
      {cal.isPending && (
        <p className="hint" role="status">
          예약 현황을 불러오는 중…
        </p>
      )}
      {cal.isError && (
        <p className="hint" role="alert">
          예약 현황을 불러오지 못해 운영 요일만 표시합니다.{" "}
          <button type="button" className="link" onClick={() => cal.refetch()}>
            다시 시도
          </button>
        </p>
      )}
      {cal.isSuccess && <p className="hint">숫자는 남은 빈 시간(h) 또는 예약 가능한 패키지 수입니다.</p>}
    </>
  );
}

function DayAvailability({ space, date }: { space: SpaceDetail; date: string }) {
  const a = useAvailability(space.id, date);
  const navigate = useNavigate();
  if (a.isPending) return <Loading />;
  if (a.isError) return <ErrorState error={a.error} retry={() => a.refetch()} />;
  return <DaySlots a={a.data} onBook={(q) => navigate(`/spaces/${space.id}/book?date=${date}&${q}`)} date={date} />;
}

function DaySlots({ a, date, onBook }: { a: Availability; date: string; onBook: (query: string) => void }) {
  if (a.closed) return <p>{formatDate(date)}은 휴무일입니다.</p>;
  const free = a.hourly?.slots.filter((s) => s.free) ?? [];
  return (
    <div className="day-slots">
      <h3>{formatDate(date)}</h3>
      {a.packages.length > 0 && (
        <ul className="slots">
          {a.packages.map((p) => (
            <li key={p.id}>
              <span>
                {p.name} {p.start}~{p.end} · {formatWon(p.price)}
              </span>
              {p.available ? (
                <button type="button" className="primary" onClick={() => onBook(`package=${p.id}`)}>
                  {p.name} 예약
                </button>
              ) : (
                <span className="muted">{REASONS[p.reason ?? ""] ?? "예약 불가"}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {a.hourly && (
        <div>
          <p>
            시간 단위: 비어 있는 시간 {free.length}개 (최소 {a.hourly.min_hours}시간)
          </p>
          <div className="hour-chips" aria-label="시간대">
            {a.hourly.slots.map((s) => (
              <span key={s.start} className={`chip${s.free ? " free" : ""}`} title={s.free ? "예약 가능" : REASONS[s.reason ?? ""]}>
                {s.start.slice(0, 2)}시{s.free ? "" : " ✕"}
              </span>
            ))}
          </div>
          {free.length >= a.hourly.min_hours && (
            <button type="button" className="primary" onClick={() => onBook("hourly=1")}>
              시간 단위로 예약
            </button>
          )}
        </div>
      )}
    </div>
  );
}

function Carousel({ photos, title }: { photos: { id: number; url: string }[]; title: string }) {
  const [i, setI] = useState(0);
  if (!photos.length) return <div className="carousel placeholder" aria-hidden="true" />;
  const n = photos.length;
  return (
    <section className="carousel" aria-roledescription="carousel" aria-label={`${title} 사진`}>
      <img src={photos[i]!.url} alt={`${title} 사진 ${i + 1}/${n}`} />
      {n > 1 && (
        <div className="carousel-nav">
          <button type="button" onClick={() => setI((i - 1 + n) % n)} aria-label="이전 사진">
            ‹
          </button>
          <span aria-live="polite">
            {i + 1} / {n}
          </span>
          <button type="button" onClick={() => setI((i + 1) % n)} aria-label="다음 사진">
            ›
          </button>
        </div>
      )}
    </section>
  );
}

export function LikeButton({ space }: { space: Pick<SpaceDetail, "id" | "liked" | "like_count"> }) {
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const like = useMutation({
    mutationFn: async (on: boolean) => {
      const path = { params: { path: { id: space.id } } };
      return must(on ? await api.PUT("/v1/spaces/{id}/like", path) : await api.DELETE("/v1/spaces/{id}/like", path));
    },
    onSuccess: (r) => {
      queryClient.setQueryData(["space", space.id], (old: SpaceDetail | undefined) => old && { ...old, liked: r.liked, like_count: r.like_count });
      void queryClient.invalidateQueries({ queryKey: ["likes"] });
    },
  });
  return (
    <button
      type="button"
      className={`like${space.liked ? " on" : ""}`}
      aria-pressed={space.liked}
      disabled={like.isPending}
      onClick={() => (session ? like.mutate(!space.liked) : navigate(`/login?next=/spaces/${space.id}`))}
    >
      {space.liked ? "♥ 찜함" : "♡ 찜하기"} <span aria-label={`찜 ${space.like_count}개`}>{space.like_count}</span>
    </button>
  );
}

function Reviews({ space }: { space: SpaceDetail }) {
  const [all, setAll] = useState(false);
  const me = useMe();
  const isHost = me.data?.id === space.host.id; // the host answers reviews here too
  const more = useInfiniteQuery({
    queryKey: ["reviews", space.id],
    enabled: all,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      must(await api.GET("/v1/spaces/{id}/reviews", { params: { path: { id: space.id }, query: { cursor: pageParam, limit: 10 } } })),
    getNextPageParam: (p) => p.next_cursor,
  });
  const list: Review[] = all ? (more.data?.pages.flatMap((p) => p.items) ?? []) : space.latest_reviews;
  return (
    <section aria-labelledby="rev-h">
      <h2 id="rev-h">리뷰 {space.rating?.count ? `(${space.rating.count})` : ""}</h2>
      {list.length === 0 && !more.isFetching ? (
        <Empty>
          <p>아직 리뷰가 없습니다.</p>
        </Empty>
      ) : (
        <ul className="reviews">
          {list.map((r) => (
            <ReviewItem key={r.id} r={r}>
              {isHost && <ReplyEditor review={r} />}
            </ReviewItem>
          ))}
        </ul>
      )}
      {more.isFetching && <Loading />}
      {!all && (space.rating?.count ?? 0) > space.latest_reviews.length && (
        <button type="button" onClick={() => setAll(true)}>
          리뷰 모두 보기
        </button>
      )}
      {all && more.hasNextPage && (
        <button type="button" onClick={() => more.fetchNextPage()}>
          리뷰 더 보기
        </button>
      )}
      <p className="hint">
        리뷰는 이용을 마친 예약에서 쓸 수 있습니다: <Link to="/me/bookings?tab=past">지난 예약</Link>
      </p>
    </section>
  );
}
