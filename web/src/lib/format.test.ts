import { describe, expect, it } from "vitest";
import { addDays, formatClock, formatCountdown, formatDate, formatWon, lastBookableDate, seoulToday, weekdayOf } from "./format";
import { slotLabel } from "./bookingStatus";

describe("ko-KR formatting", () => {
  it("formats won without decimals", () => {
    expect(formatWon(1234500)).toBe("₩1,234,500");
  });
  it("formats a Seoul calendar date with its weekday", () => {
    expect(formatDate("2026-12-24")).toBe("2026년 12월 24일 (목)");
    expect(weekdayOf("2026-12-27")).toBe("sun");
  });
  it("takes today's date in Seoul, not in UTC", () => {
    // 2026-12-31 20:00 UTC is already 2027-01-01 05:00 in Seoul.
    expect(seoulToday(new Date("2026-12-31T20:00:00Z"))).toBe("2027-01-01");
  });
  it("adds days across months and years", () => {
    expect(addDays("2026-12-30", 3)).toBe("2027-01-02");
  });
  it("ends the booking horizon 90 days after today, as the API does", () => {
    expect(lastBookableDate("2026-12-20")).toBe("2027-03-20");
  });
  it("counts down in minutes and seconds, never below zero", () => {
    expect(formatCountdown(14 * 60_000 + 5_500)).toBe("14:05");
    expect(formatCountdown(-1000)).toBe("0:00");
  });
  it("shows booked slots in Seoul time, past midnight too", () => {
    expect(formatClock("2026-12-24T09:30:00Z")).toBe("18:30");
    const day = { date: "2026-12-24", hours: undefined };
    expect(slotLabel({ ...day, package_name: "낮", start: "2026-12-24T00:00:00Z", end: "2026-12-24T06:00:00Z" })).toBe("낮 09:00~15:00");
    expect(slotLabel({ ...day, package_name: "심야", start: "2026-12-24T11:00:00Z", end: "2026-12-24T20:00:00Z" })).toBe("심야 20:00~다음 날 05:00");
    expect(slotLabel({ ...day, package_name: undefined, hours: 3, start: "2026-12-24T12:00:00Z", end: "2026-12-24T15:00:00Z" })).toBe("21:00~24:00 (3시간)");
  });
});
