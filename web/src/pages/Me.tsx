import { useEffect } from "react";
import { Link } from "react-router";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import type { components } from "@ourspace/client";
import { api, must } from "../lib/api";
import { useMe, useSession } from "../lib/session";
import { formatInstant, formatWon } from "../lib/format";
import { SpaceCard } from "../components/SpaceCard";
import { Empty, ErrorState, Loading, SignInRequired, LoadMore } from "../components/States";

type Notification = components["schemas"]["NotificationOut"];

export function LikesPage() {
  const session = useSession();
  const list = useInfiniteQuery({
    queryKey: ["likes"],
    enabled: !!session,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => must(await api.GET("/v1/me/likes", { params: { query: { cursor: pageParam, limit: 20 } } })),
    getNextPageParam: (p) => p.next_cursor,
  });
  if (!session) return <SignInRequired />;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="page">
      <h1>찜한 공간</h1>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} retry={() => list.refetch()} />
      ) : items.length === 0 ? (
        <Empty>
          <p>찜한 공간이 없습니다.</p>
          <Link to="/search">공간 찾아보기</Link>
        </Empty>
      ) : (
        <ul className="cards">
          {items.map((s) => (
            <li key={s.id}>
              <SpaceCard space={s} dimmed={s.status !== "active"} />
              {s.status !== "active" && <p className="muted">지금은 예약할 수 없는 공간입니다.</p>}
            </li>
          ))}
        </ul>
      )}
      <LoadMore list={list} />
    </section>
  );
}

const KIND_KO = { grant: "적립", payment: "결제", refund: "환불" } as const;

export function PointsPage() {
  const session = useSession();
  const me = useMe();
  const list = useInfiniteQuery({
    queryKey: ["points"],
    enabled: !!session,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => must(await api.GET("/v1/me/points", { params: { query: { cursor: pageParam, limit: 30 } } })),
    getNextPageParam: (p) => p.next_cursor,
  });
  if (!session) return <SignInRequired />;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="page narrow">
      <h1>포인트</h1>
      <p className="balance">
        보유 포인트 <strong data-testid="points-balance">{me.data ? formatWon(me.data.points_balance) : "…"}</strong>
      </p>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} retry={() => list.refetch()} />
      ) : items.length === 0 ? (
        <Empty>
          <p>포인트 내역이 없습니다.</p>
        </Empty>
      ) : (
        <table className="ledger">
          <caption className="sr-only">포인트 내역</caption>
          <thead>
            <tr>
              <th scope="col">일시</th>
              <th scope="col">구분</th>
              <th scope="col">금액</th>
              <th scope="col">예약</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id}>
                <td>{formatInstant(e.created_at)}</td>
                <td>{KIND_KO[e.kind]}</td>
                <td className={e.amount < 0 ? "minus" : "plus"}>{formatWon(e.amount)}</td>
                <td>{e.booking_id ? <Link to={`/bookings/${e.booking_id}`}>#{e.booking_id}</Link> : "-"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LoadMore list={list} />
    </section>
  );
}

const NOTE_KO: Record<Notification["kind"], string> = {
  booking_requested: "새 예약 요청이 왔습니다",
  booking_approved: "예약 요청이 승인되었습니다. 결제해 주세요",
  booking_declined: "예약 요청이 거절되었습니다",
  booking_confirmed: "예약이 확정되었습니다",
  booking_cancelled_by_guest: "게스트가 예약을 취소했습니다",
  booking_cancelled_by_host: "호스트가 예약을 취소했습니다",
  booking_expired: "결제 기한이 지나 예약이 만료되었습니다",
  booking_request_expired: "예약 요청이 응답 기한을 넘겨 만료되었습니다",
  booking_completed: "이용이 끝났습니다. 리뷰를 남겨 주세요",
  review_posted: "새 리뷰가 등록되었습니다",
  review_replied: "리뷰에 호스트가 답글을 달았습니다",
};

export function NotificationsPage() {
  const session = useSession();
  const queryClient = useQueryClient();
  const list = useInfiniteQuery({
    queryKey: ["notifications", "list"],
    enabled: !!session,
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => must(await api.GET("/v1/me/notifications", { params: { query: { cursor: pageParam, limit: 30 } } })),
    getNextPageParam: (p) => p.next_cursor,
  });
  const read = useMutation({
    mutationFn: async (body: { all?: boolean; ids?: number[] }) => must(await api.POST("/v1/me/notifications/read", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["notifications"] }),
  });
  // The header's badge follows the newest count this page has read.
  useEffect(() => {
    if (list.data) queryClient.setQueryData(["notifications", "unread", session?.userId], list.data.pages[0]?.unread ?? 0);
  }, [list.data, queryClient, session?.userId]);
  if (!session) return <SignInRequired />;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = list.data?.pages[0]?.unread ?? 0;
  return (
    <section className="page narrow">
      <h1>알림</h1>
      {list.data && (
        // Only once read: a count of 0 while loading would be a wrong answer.
        <p>
          읽지 않은 알림 <strong data-testid="unread-count">{unread}</strong>개{" "}
          {unread > 0 && (
            <button type="button" onClick={() => read.mutate({ all: true })} disabled={read.isPending}>
              모두 읽음
            </button>
          )}
        </p>
      )}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} retry={() => list.refetch()} />
      ) : items.length === 0 ? (
        <Empty>
          <p>알림이 없습니다.</p>
        </Empty>
      ) : (
        <ul className="rows">
          {items.map((n) => (
            <li key={n.id} className={`row${n.read_at ? "" : " unread"}`}>
              <div>
                <p>
                  {!n.read_at && <span className="sr-only">읽지 않음: </span>}
                  {NOTE_KO[n.kind]}
                  {n.space_title ? ` · ${n.space_title}` : ""}
                </p>
                <small>{formatInstant(n.created_at)}</small>
              </div>
              {n.booking_id && (
                <Link to={`/bookings/${n.booking_id}`} onClick={() => !n.read_at && read.mutate({ ids: [n.id] })}>
                  예약 보기
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
      <LoadMore list={list} />
    </section>
  );
}

