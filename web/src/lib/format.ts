// ko-KR formatting of money, dates and times. Booking dates are Asia/Seoul
// calendar dates (YYYY-MM-DD); instants are shown in Seoul time.
const won = new Intl.NumberFormat("ko-KR", { style: "currency", currency: "KRW" });
const count = new Intl.NumberFormat("ko-KR");
const seoul = "Asia/Seoul";

/** 12000 → "₩12,000" */
export function formatWon(amount: number): string {
  return won.format(amount);
}

/** 1234567 → "1,234,567" */
export function formatCount(n: number): string {
  return count.format(n);
}

/** "2026-12-24" → "2026년 12월 24일 (목)" */
export function formatDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Intl.DateTimeFormat("ko-KR", { dateStyle: "full", timeZone: "UTC" })
    .format(new Date(Date.UTC(y!, m! - 1, d!)))
    .replace(/요일$/, "")
    .replace(/ (\S)$/, " ($1)");
}

/** An instant (RFC 3339) in Seoul time: "2026. 12. 24. 오후 3:05" */
export function formatInstant(iso: string): string {
  return new Intl.DateTimeFormat("ko-KR", { dateStyle: "medium", timeStyle: "short", timeZone: seoul }).format(new Date(iso));
}

const clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: seoul });

/** An instant's Seoul wall-clock time: "2026-12-24T09:30:00Z" → "18:30". */
export function formatClock(iso: string): string {
  return clock.format(new Date(iso));
}

/** The Seoul calendar date an instant falls on, YYYY-MM-DD. */
export function seoulDateOf(iso: string): string {
  return seoulToday(new Date(iso));
}

/** Today's calendar date in Seoul, YYYY-MM-DD. */
export function seoulToday(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: seoul }).format(now);
}

/**
 * The booking horizon (DOMAIN.md; domain/availability.MaxDaysAhead): a use
 * date may be today up to this many Seoul days after it, both ends included,
 * which is also what GET /v1/spaces/{id}/calendar covers by default.
 */
export const MAX_DAYS_AHEAD = 90;

/** The last date that can be booked: today + MAX_DAYS_AHEAD. */
export function lastBookableDate(today = seoulToday()): string {
  return addDays(today, MAX_DAYS_AHEAD);
}

/** Adds days to a calendar date (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_KO: Record<Weekday, string> = { sun: "일", mon: "월", tue: "화", wed: "수", thu: "목", fri: "금", sat: "토" };

/** The weekday of a calendar date. */
export function weekdayOf(date: string): Weekday {
  const [y, m, d] = date.split("-").map(Number);
  return WEEKDAYS[new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay()]!;
}

/** Remaining time "14:59" from milliseconds, never negative. */
export function formatCountdown(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
