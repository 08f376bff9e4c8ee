import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { CalendarDay, SpaceDetail } from "@ourspace/client";
import { SpaceCalendar, calendarDayState } from "./Space";
import { addDays, MAX_DAYS_AHEAD } from "../lib/format";
import { OUTSIDE_HORIZON } from "../components/Calendar";

// A space open every day by the hour and by packages, per its detail.
const space = {
  id: 7,
  closed_dates: [],
  packages: [{ id: 1, name: "낮", start: "09:00", end: "15:00", ends_next_day: false, price: 50000, weekdays: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] }],
  hourly: { price_per_hour: 10000, min_hours: 2 },
  opening_hours: [],
} as unknown as SpaceDetail;

function label(date: string): string {
  return `${Number(date.slice(5, 7))}월 ${Number(date.slice(8))}일`;
}

describe("the space's calendar", () => {
  const asked: URL[] = [];
  const today = "2026-12-01"; // a month long enough that the days below are on its page
  let horizon = 90; // what the server answers without `to`: from + 90 days, as the API does
  beforeEach(() => {
    asked.length = 0;
    horizon = 90;
    vi.stubGlobal(
      "fetch",
      vi.fn(async (req: Request) => {
        const url = new URL(req.url);
        asked.push(url);
        const from = url.searchParams.get("from")!;
        const to = url.searchParams.get("to") ?? addDays(from, horizon);
        const days: CalendarDay[] = [];
        for (let d = from; d <= to; d = addDays(d, 1)) days.push({ date: d, bookable: true, closed: false, packages_available: 1, free_hours: 5 });
        days[1] = { date: addDays(today, 1), bookable: false, reason: "booked", closed: false, packages_available: 0, free_hours: 1 };
        days[2] = { date: addDays(today, 2), bookable: false, reason: "closed_date", closed: true, packages_available: 0, free_hours: 0 };
        return Response.json({ space_id: 7, from, to, days });
      }),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it("asks once for the booking horizon and disables the days without a free slot", async () => {
    render(
      <QueryClientProvider client={new QueryClient()}>
        <SpaceCalendar space={space} onSelect={() => {}} today={today} />
      </QueryClientProvider>,
    );
    // The detail alone says every day opens; the calendar then says the next day is full.
    const full = (await screen.findByRole("button", { name: `${label(addDays(today, 1))}, 예약 마감` })) as HTMLButtonElement;
    expect(full.disabled).toBe(true);
    const closed = screen.getByRole("button", { name: `${label(addDays(today, 2))}, 휴무일` }) as HTMLButtonElement;
    expect(closed.disabled).toBe(true);
    const open = screen.getByRole("button", { name: `${label(today)}, 예약 가능: 패키지 1개, 빈 시간 5시간` }) as HTMLButtonElement;
    expect(open.disabled).toBe(false);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.pathname).toBe("/v1/spaces/7/calendar");
    expect(asked[0]!.searchParams.get("from")).toBe(today);
    // No `to`: the server's default is the whole horizon, today + 90 days.
    expect(asked[0]!.searchParams.has("to")).toBe(false);
  });

  it("offers every day up to today + 90, the last bookable date, and none after", async () => {
    render(
      <QueryClientProvider client={new QueryClient()}>
        <SpaceCalendar space={space} onSelect={() => {}} today={today} />
      </QueryClientProvider>,
    );
    await screen.findByText(/숫자는 남은 빈 시간/);
    const last = addDays(today, MAX_DAYS_AHEAD);
    expect(last).toBe("2027-03-01");
    const next = screen.getByRole("button", { name: "다음 달" }) as HTMLButtonElement;
    for (let i = 0; i < 3; i++) fireEvent.click(next);
    expect(screen.getByRole("heading", { name: "2027년 3월" })).toBeTruthy();
    expect(next.disabled).toBe(true);
    const lastDay = screen.getByRole("button", { name: `${label(last)}, 예약 가능: 패키지 1개, 빈 시간 5시간` }) as HTMLButtonElement;
    expect(lastDay.disabled).toBe(false);
    const after = screen.getByRole("button", { name: `${label(addDays(last, 1))}, ${OUTSIDE_HORIZON}` }) as HTMLButtonElement;
    expect(after.disabled).toBe(true);
  });

  it("ends where the server's calendar ends", async () => {
    horizon = 20; // a server with a shorter horizon: 2026-12-21 is its last day
    render(
      <QueryClientProvider client={new QueryClient()}>
        <SpaceCalendar space={space} onSelect={() => {}} today={today} />
      </QueryClientProvider>,
    );
    const beyond = (await screen.findByRole("button", { name: `12월 22일, ${OUTSIDE_HORIZON}` })) as HTMLButtonElement;
    expect(beyond.disabled).toBe(true);
    expect((screen.getByRole("button", { name: /^12월 21일, 예약 가능/ }) as HTMLButtonElement).disabled).toBe(false);
    expect((screen.getByRole("button", { name: "다음 달" }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe("calendarDayState", () => {
  it("says what is left, or why not in Korean", () => {
    expect(calendarDayState({ date: "2026-12-24", bookable: true, closed: false, packages_available: 0, free_hours: 7 })).toEqual({
      bookable: true,
      note: "예약 가능: 빈 시간 7시간",
      mark: "7h",
    });
    expect(calendarDayState({ date: "2026-12-24", bookable: true, closed: false, packages_available: 2, free_hours: 0 }).mark).toBe("2개");
    expect(calendarDayState({ date: "2026-12-24", bookable: false, reason: "not_open", closed: false, packages_available: 0, free_hours: 0 })).toEqual({
      bookable: false,
      reason: "운영하지 않는 날",
    });
    expect(calendarDayState({ date: "2026-12-24", bookable: false, reason: "too_soon", closed: false, packages_available: 0, free_hours: 0 }).reason).toBe("예약 마감 (임박)");
  });
});
