import { useState } from "react";
import { Link, useParams } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Booking, RefundQuote } from "@ourspace/client";
import { api, ApiError, must } from "../lib/api";
import { problemMessage } from "../lib/problem";
import { useMe, useSession } from "../lib/session";
import { formatDate, formatInstant, formatWon } from "../lib/format";
import { cancellable, slotLabel, STATUS_KO } from "../lib/bookingStatus";
import { Countdown } from "../components/Countdown";
import { ErrorState, Loading, SignInRequired } from "../components/States";
import { GuestReview, HostReview } from "../components/Reviews";

export function BookingPage() {
  const id = Number(useParams().id);
  const session = useSession();
  const me = useMe();
  const booking = useQuery({
    queryKey: ["bookings", id],
    enabled: !!session,
    queryFn: async () => must(await api.GET("/v1/bookings/{id}", { params: { path: { id } } })),
  });
  if (!session) return <SignInRequired />;
  if (booking.isPending) return <Loading />;
  if (booking.isError) return <ErrorState error={booking.error} retry={() => booking.refetch()} />;
  const b = booking.data;
  const asHost = me.data?.id === b.host_id && me.data?.id !== b.guest_id;
  return (
    <section className="page narrow booking">
      <p className={`status status-${b.status}`} data-testid="booking-status">
        {STATUS_KO[b.status]}
      </p>
      <h1>{b.space ? <Link to={`/spaces/${b.space_id}`}>{b.space.title}</Link> : `공간 #${b.space_id}`}</h1>
      <dl className="facts">
        <dt>예약 번호</dt>
        <dd>{b.id}</dd>
        <dt>날짜</dt>
        <dd>{formatDate(b.date)}</dd>
        <dt>시간</dt>
        <dd>{slotLabel(b)}</dd>
        <dt>인원</dt>
        <dd>{b.people}명</dd>
        <dt>금액</dt>
        <dd>{formatWon(b.price)}</dd>
        {b.refunded > 0 && (
          <>
            <dt>환불</dt>
            <dd>{formatWon(b.refunded)}</dd>
          </>
        )}
        <dt>예약자</dt>
        <dd>
          {b.contact.name} · {b.contact.phone} · {b.contact.email}
        </dd>
        {b.purpose && (
          <>
            <dt>목적</dt>
            <dd>{b.purpose}</dd>
          </>
        )}
        {b.paid_at && (
          <>
            <dt>결제</dt>
            <dd>{formatInstant(b.paid_at)}</dd>
          </>
        )}
      </dl>
      {b.status === "requested" && b.deadline && (
        <Countdown deadline={b.deadline} label={asHost ? "응답 기한까지" : "호스트 승인 기한까지"} />
      )}
      {asHost ? <HostActions b={b} /> : <GuestActions b={b} balance={me.data?.points_balance} />}
      <p>
        <Link to={asHost ? "/host/requests" : "/me/bookings"}>{asHost ? "예약 요청 목록" : "내 예약 목록"}</Link>
      </p>
    </section>
  );
}

function useBookingUpdate(id: number) {
  const queryClient = useQueryClient();
  return (b?: Booking) => {
    if (b) queryClient.setQueryData(["bookings", id], b);
    void queryClient.invalidateQueries({ queryKey: ["bookings"] });
    // A cancelled, declined or expired booking frees its time.
    void queryClient.invalidateQueries({ queryKey: ["availability"] });
    void queryClient.invalidateQueries({ queryKey: ["calendar"] });
    void queryClient.invalidateQueries({ queryKey: ["me"] });
    void queryClient.invalidateQueries({ queryKey: ["points"] });
  };
}

function GuestActions({ b, balance }: { b: Booking; balance?: number }) {
  const updated = useBookingUpdate(b.id);
  const pay = useMutation({
    mutationFn: async () => must(await api.POST("/v1/bookings/{id}/pay", { params: { path: { id: b.id } } })),
    onSuccess: updated,
  });
  return (
    <>
      {b.status === "payment_due" && (
        <div className="paybox">
          {b.deadline && <Countdown deadline={b.deadline} label="결제 기한까지" onExpire={() => updated()} />}
          <p>
            결제 금액 <strong>{formatWon(b.price)}</strong>
            {balance !== undefined && <> · 보유 포인트 {formatWon(balance)}</>}
          </p>
          {pay.isError && (
            <p className="form-error" role="alert">
              {pay.error instanceof ApiError ? problemMessage(pay.error.problem) : "결제하지 못했습니다."}
            </p>
          )}
          <button type="button" className="primary wide" onClick={() => pay.mutate()} disabled={pay.isPending}>
            {pay.isPending ? "결제하는 중…" : "포인트로 결제"}
          </button>
        </div>
      )}
      {b.status === "confirmed" && b.paid_at && (
        <p className="confirm" role="status">
          예약이 확정되었습니다. {formatDate(b.date)}에 만나요!
        </p>
      )}
      {b.status === "declined" && (
        <p className="hint">호스트가 예약 요청을 거절했습니다. 결제 전의 요청이라 포인트는 그대로이고, 같은 시간을 다시 예약할 수 있습니다.</p>
      )}
      {cancellable(b) && <CancelFlow b={b} />}
      <GuestReview b={b} />
    </>
  );
}

function CancelFlow({ b }: { b: Booking }) {
  const updated = useBookingUpdate(b.id);
  const [quote, setQuote] = useState<RefundQuote | null>(null);
  const ask = useMutation({
    mutationFn: async () => must(await api.GET("/v1/bookings/{id}/refund-quote", { params: { path: { id: b.id } } })),
    onSuccess: setQuote,
  });
  const cancel = useMutation({
    mutationFn: async () => must(await api.POST("/v1/bookings/{id}/cancel", { params: { path: { id: b.id } } })),
    onSuccess: (c) => {
      setQuote(null);
      updated(c.booking);
    },
  });
  const err = ask.error ?? cancel.error;
  return (
    <div className="cancel">
      {!quote ? (
        <button type="button" onClick={() => ask.mutate()} disabled={ask.isPending}>
          예약 취소
        </button>
      ) : (
        <div role="dialog" aria-labelledby="cancel-h" className="dialog">
          <h2 id="cancel-h">예약을 취소할까요?</h2>
          {quote.by_host ? (
            <p data-testid="refund-quote">
              호스트가 취소하면 게스트에게 결제 금액 <strong>{formatWon(quote.refund)}</strong>을 모두 돌려줍니다.
            </p>
          ) : (
            <p data-testid="refund-quote">
              결제 금액 {formatWon(quote.paid)} 중 <strong>{formatWon(quote.refund)}</strong>({quote.percent}%)을 환불받습니다.
              {quote.paid > 0 && ` 이용일까지 ${quote.days_before}일 남았습니다.`}
            </p>
          )}
          <button type="button" className="danger" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
            {quote.by_host ? `${formatWon(quote.refund)} 환불하고 예약 취소` : `${formatWon(quote.refund)} 환불받고 취소`}
          </button>
          <button type="button" onClick={() => setQuote(null)}>
            돌아가기
          </button>
        </div>
      )}
      {err && (
        <p className="form-error" role="alert">
          {err instanceof ApiError ? problemMessage(err.problem) : "취소하지 못했습니다."}
        </p>
      )}
    </div>
  );
}

function HostActions({ b }: { b: Booking }) {
  const updated = useBookingUpdate(b.id);
  const act = useMutation({
    mutationFn: async (what: "approve" | "decline") =>
      must(
        what === "approve"
          ? await api.POST("/v1/bookings/{id}/approve", { params: { path: { id: b.id } } })
          : await api.POST("/v1/bookings/{id}/decline", { params: { path: { id: b.id } } }),
      ),
    onSuccess: (r) => updated(r as Booking),
  });
  return (
    <div className="host-actions">
      {b.message && <blockquote>{b.message}</blockquote>}
      {b.status === "requested" && (
        <>
          <button type="button" className="primary" onClick={() => act.mutate("approve")} disabled={act.isPending}>
            승인
          </button>
          <button type="button" className="danger" onClick={() => act.mutate("decline")} disabled={act.isPending}>
            거절
          </button>
        </>
      )}
      {act.isError && (
        <p className="form-error" role="alert">
          {act.error instanceof ApiError ? problemMessage(act.error.problem) : "처리하지 못했습니다."}
        </p>
      )}
      {cancellable(b) && b.status !== "requested" && <CancelFlow b={b} />}
      <HostReview b={b} />
    </div>
  );
}
