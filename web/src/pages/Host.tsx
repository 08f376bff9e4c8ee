import { Link, useSearchParams } from "react-router";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, ApiError, must } from "../lib/api";
import { problemMessage } from "../lib/problem";
import { useSession } from "../lib/session";
import { formatDate, formatWon, seoulToday } from "../lib/format";
import { slotLabel, STATUS_KO } from "../lib/bookingStatus";
import { priceLabel } from "../components/SpaceCard";
import { Empty, ErrorState, Loading, SignInRequired, LoadMore } from "../components/States";

const SPACE_STATUS_KO = { active: "공개", hidden: "숨김", retired: "운영 종료" } as const;

export function HostSpacesPage() {
  const session = useSession();
  const list = useInfiniteQuery({
    queryKey: ["host", "spaces"],
    enabled: !!session,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => must(await api.GET("/v1/me/spaces", { params: { query: { cursor: pageParam, limit: 20 } } })),
    getNextPageParam: (p) => p.next_cursor,
  });
  if (!session) return <SignInRequired />;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="page">
      <h1>호스트: 내 공간</h1>
      <p className="actions">
        <Link className="button primary" to="/host/spaces/new">
          새 공간 등록
        </Link>
        <Link className="button" to="/host/requests">
          들어온 예약
        </Link>
      </p>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} retry={() => list.refetch()} />
      ) : items.length === 0 ? (
        <Empty>
          <p>아직 등록한 공간이 없습니다. 첫 공간을 등록해 보세요.</p>
        </Empty>
      ) : (
        <ul className="rows">
          {items.map((s) => (
            <li key={s.id} className="row">
              {s.photos[0] && <img src={s.photos[0].thumbnail_url} alt="" width={72} height={72} loading="lazy" />}
              <div>
                <Link to={`/host/spaces/${s.id}`} className="row-title">
                  {s.title}
                </Link>
                <p>
                  {s.district.name} · {s.category.name} · {priceLabel(s)} · 찜 {s.like_count}
                </p>
              </div>
              <span className={`status space-${s.status}`}>{SPACE_STATUS_KO[s.status]}</span>
            </li>
          ))}
        </ul>
      )}
      <LoadMore list={list} />
    </section>
  );
}

export function HostRequestsPage() {
  const session = useSession();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  // Bookings from today on (the past is history), of one space when the URL names it.
  const space = Number(params.get("space")) || undefined;
  const from = params.get("from") ?? seoulToday();
  const list = useInfiniteQuery({
    queryKey: ["bookings", "hosting", space, from],
    enabled: !!session,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      must(await api.GET("/v1/me/hosting/bookings", { params: { query: { space, from, cursor: pageParam, limit: 30 } } })),
    getNextPageParam: (p) => p.next_cursor,
  });
  const act = useMutation({
    mutationFn: async ({ id, what }: { id: number; what: "approve" | "decline" }) =>
      must(
        what === "approve"
          ? await api.POST("/v1/bookings/{id}/approve", { params: { path: { id } } })
          : await api.POST("/v1/bookings/{id}/decline", { params: { path: { id } } }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["bookings"] }),
  });
  if (!session) return <SignInRequired />;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const requested = items.filter((b) => b.status === "requested");
  const others = items.filter((b) => b.status !== "requested");
  return (
    <section className="page">
      <h1>들어온 예약</h1>
      <p className="hint">
        {formatDate(from)}부터의 예약{space ? ` · 공간 #${space}` : ""} {space && <Link to="/host/requests">모든 공간 보기</Link>}
      </p>
      {act.isError && (
        <p className="form-error" role="alert">
          {act.error instanceof ApiError ? problemMessage(act.error.problem) : "처리하지 못했습니다."}
        </p>
      )}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} retry={() => list.refetch()} />
      ) : items.length === 0 ? (
        <Empty>
          <p>들어온 예약이 없습니다.</p>
        </Empty>
      ) : (
        <>
          <h2>승인을 기다리는 요청 ({requested.length})</h2>
          {requested.length === 0 ? (
            <p>기다리는 요청이 없습니다.</p>
          ) : (
            <ul className="rows">
              {requested.map((b) => (
                <li key={b.id} className="row" data-testid={`request-${b.id}`}>
                  <div>
                    <Link to={`/bookings/${b.id}`} className="row-title">
                      {b.space?.title} · {b.contact.name}
                    </Link>
                    <p>
                      {formatDate(b.date)} · {slotLabel(b)} · {b.people}명 · {formatWon(b.price)}
                    </p>
                    {b.message && <p className="muted">“{b.message}”</p>}
                  </div>
                  <div className="row-actions">
                    <button type="button" className="primary" disabled={act.isPending} onClick={() => act.mutate({ id: b.id, what: "approve" })} aria-label={`예약 ${b.id} 승인`}>
                      승인
                    </button>
                    <button type="button" className="danger" disabled={act.isPending} onClick={() => act.mutate({ id: b.id, what: "decline" })} aria-label={`예약 ${b.id} 거절`}>
                      거절
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          )}
          <h2>모든 예약</h2>
          <ul className="rows">
            {others.map((b) => (
              <li key={b.id} className="row">
                <div>
                  <Link to={`/bookings/${b.id}`} className="row-title">
                    {b.space?.title} · {b.contact.name}
                  </Link>
                  <p>
                    {formatDate(b.date)} · {slotLabel(b)} · {formatWon(b.price)}
                  </p>
                </div>
                <span className={`status status-${b.status}`}>{STATUS_KO[b.status]}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <LoadMore list={list} />
    </section>
  );
}
