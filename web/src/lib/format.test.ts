import { describe, expect, it } from "vitest";
import { addDays, formatCountdown, formatDate, formatWon, seoulToday, weekdayOf } from "./format";

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
  it("counts down in minutes and seconds, never below zero", () => {
    expect(formatCountdown(14 * 60_000 + 5_500)).toBe("14:05");
    expect(formatCountdown(-1000)).toBe("0:00");
  });
});
