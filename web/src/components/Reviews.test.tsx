import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import { MemoryRouter } from "react-router";
import type { Booking, Review } from "@ourspace/client";
import { GuestReview, ReplyEditor, reviewOpen } from "./Reviews";

const ended = new Date(Date.now() - 2 * 3600_000).toISOString();

function booking(over: Partial<Booking>): Booking {
  return {
    id: 11, status: "completed", space_id: 5, guest_id: 7, host_id: 3, date: "2026-11-28", start: ended, end: ended,
    people: 2, price: 10000, refunded: 0, refund_policy: { name: "flexible", rules: [] },
    contact: { name: "김", phone: "010", email: "a@b.c" }, created_at: ended, reviewable: false, ...over,
  } as Booking;
}

const review: Review = {
  id: 99, space_id: 5, author_nickname: "게스트", rating: 4, body: "넓고 깨끗해서 좋았어요!", photos: [], created_at: ended,
};

/** The booking as the booking page holds it: its query, which the review's changes update and refetch. */
let stored: Booking;
function BookingReview() {
  const b = useQuery({ queryKey: ["bookings", 11], queryFn: async () => stored });
  return b.data ? <GuestReview b={b.data} /> : null;
}

describe("reviews", () => {
  const calls: { method: string; path: string; body?: string }[] = [];
  beforeEach(() => {
    calls.length = 0;
    stored = booking({ review_id: 99 });
    vi.stubGlobal(
      "fetch",
      vi.fn(async (req: Request) => {
        const path = new URL(req.url).pathname;
        const body = req.method === "GET" || req.method === "DELETE" ? undefined : await req.clone().text();
        calls.push({ method: req.method, path, body });
        if (req.method === "DELETE") {
          stored = booking({ reviewable: true });
          return new Response(null, { status: 204 });
        }
        if (path === "/v1/reviews/99/reply") {
          const reply = { body: JSON.parse(body!).body, replied_at: ended };
          return Response.json({ ...review, reply }, { status: req.method === "POST" ? 201 : 200 });
        }
        if (req.method === "PATCH") return Response.json({ ...review, ...JSON.parse(body!), edited_at: ended });
        return Response.json(review);
      }),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  function show(ui: React.ReactNode) {
    render(
      <QueryClientProvider client={new QueryClient()}>
        <MemoryRouter>{ui}</MemoryRouter>
      </QueryClientProvider>,
    );
  }

  it("offers the form only on a reviewable booking", () => {
    show(<GuestReview b={booking({ reviewable: true })} />);
    expect(screen.getByRole("heading", { name: "리뷰 쓰기" })).toBeTruthy();
  });

  it("says the window has passed on a completed booking it cannot review", () => {
    show(<GuestReview b={booking({ reviewable: false })} />);
    expect(screen.queryByRole("heading", { name: "리뷰 쓰기" })).toBeNull();
    expect(screen.getByText(/기간이 지났습니다/)).toBeTruthy();
  });

  it("shows one's review, edits it, and deletes it after asking", async () => {
    show(<BookingReview />);
    await screen.findByText(review.body);
    expect(screen.queryByRole("heading", { name: "리뷰 쓰기" })).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "리뷰 수정" }));
    fireEvent.change(screen.getByLabelText("평점"), { target: { value: "2" } });
    fireEvent.click(screen.getByRole("button", { name: "수정 저장" }));
    await screen.findByLabelText("평점 2점");
    expect(calls.find((c) => c.method === "PATCH")).toEqual({ method: "PATCH", path: "/v1/reviews/99", body: JSON.stringify({ rating: 2, body: review.body }) });

    fireEvent.click(screen.getByRole("button", { name: "리뷰 삭제" }));
    expect(calls.some((c) => c.method === "DELETE")).toBe(false); // it asks first
    fireEvent.click(screen.getByRole("button", { name: "삭제" }));
    await screen.findByText("리뷰를 삭제했습니다.");
    expect(calls.filter((c) => c.method === "DELETE").map((c) => c.path)).toEqual(["/v1/reviews/99"]);
    // Still within the window: the form is back, and the deleted review was not asked for again.
    expect(screen.getByRole("heading", { name: "리뷰 쓰기" })).toBeTruthy();
    await new Promise((r) => setTimeout(r, 50));
    expect(calls.filter((c) => c.method === "GET" && c.path === "/v1/reviews/99")).toHaveLength(1);
  });

  it("keeps a review past the window without edit or delete", async () => {
    const old = new Date(Date.now() - 15 * 24 * 3600_000).toISOString();
    show(<GuestReview b={booking({ review_id: 99, end: old })} />);
    await screen.findByText(review.body);
    expect(screen.queryByRole("button", { name: "리뷰 수정" })).toBeNull();
    expect(screen.queryByRole("button", { name: "리뷰 삭제" })).toBeNull();
  });

  it("lets the host reply, then edit the reply", async () => {
    const { rerender } = render(
      <QueryClientProvider client={new QueryClient()}>
        <ReplyEditor review={review} />
      </QueryClientProvider>,
    );
    fireEvent.change(screen.getByLabelText("호스트 답글"), { target: { value: "감사합니다!" } });
    fireEvent.click(screen.getByRole("button", { name: "답글 등록" }));
    await waitFor(() => expect(calls.some((c) => c.method === "POST" && c.path === "/v1/reviews/99/reply")).toBe(true));
    rerender(
      <QueryClientProvider client={new QueryClient()}>
        <ReplyEditor review={{ ...review, reply: { body: "감사합니다!", replied_at: ended } }} />
      </QueryClientProvider>,
    );
    fireEvent.click(screen.getByRole("button", { name: "답글 수정" }));
    fireEvent.change(screen.getByLabelText("답글 수정"), { target: { value: "다시 감사합니다." } });
    fireEvent.click(screen.getByRole("button", { name: "답글 저장" }));
    await waitFor(() => expect(calls.some((c) => c.method === "PATCH" && c.body === JSON.stringify({ body: "다시 감사합니다." }))).toBe(true));
  });

  it("knows the 14-day window", () => {
    const end = "2026-12-01T00:00:00Z";
    expect(reviewOpen(end, Date.parse("2026-12-14T23:59:59Z"))).toBe(true);
    expect(reviewOpen(end, Date.parse("2026-12-15T00:00:00Z"))).toBe(false);
  });
});
