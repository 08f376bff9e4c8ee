// A month-by-month calendar from today to `last` (Seoul dates, both
// included; by default the booking horizon, today + 90 days). Each day is a
// button; days the space cannot be booked on are disabled with a reason,
// bookable ones may carry a note (what is left), read out with the date.
import { useMemo, useState } from "react";
import { addDays, lastBookableDate, seoulToday } from "../lib/format";

export interface DayState {
  bookable: boolean;
  /** Why it cannot be booked (Korean). */
  reason?: string;
  /** What is left on a bookable day, e.g. "패키지 2개, 빈 시간 7시간". */
  note?: string;
  /** Shown small under the date, e.g. "7h" (hidden from screen readers: the note says it). */
  mark?: string;
}

/** Why a day outside the calendar's range cannot be picked. */
export const OUTSIDE_HORIZON = "예약 가능 기간이 아님";

export function Calendar({
  selected,
  onSelect,
  dayState,
  today = seoulToday(),
  last = lastBookableDate(today),
}: {
  selected?: string;
  onSelect: (date: string) => void;
  dayState: (date: string) => DayState;
  today?: string;
  /** The last date offered, included. */
  last?: string;
}) {
  const months = useMemo(() => {
    const out: string[] = [];
    let m = today.slice(0, 7);
    while (m <= last.slice(0, 7)) {
      out.push(m);
      const [y, mo] = m.split("-").map(Number);
      m = mo === 12 ? `${y! + 1}-01` : `${y}-${String(mo! + 1).padStart(2, "0")}`;
    }
    return out;
  }, [today, last]);
  const [chosen, setIndex] = useState(() => Math.max(0, months.indexOf((selected ?? today).slice(0, 7))));
  const index = Math.min(chosen, months.length - 1); // the range may shrink once the server has answered
  const month = months[index]!;
  const [y, mo] = month.split("-").map(Number);
  const first = `${month}-01`;
  const lead = new Date(Date.UTC(y!, mo! - 1, 1)).getUTCDay();
  const length = new Date(Date.UTC(y!, mo!, 0)).getUTCDate();
  const cells: (string | null)[] = [...Array(lead).fill(null), ...Array.from({ length }, (_, i) => addDays(first, i))];
  return (
    <div className="calendar">
      <div className="cal-head">
        <button type="button" onClick={() => setIndex(index - 1)} disabled={index === 0} aria-label="이전 달">
          ‹
        </button>
        <h3 aria-live="polite">
          {y}년 {mo}월
        </h3>
        <button type="button" onClick={() => setIndex(index + 1)} disabled={index === months.length - 1} aria-label="다음 달">
          ›
        </button>
      </div>
      <div className="cal-grid" role="group" aria-label={`${y}년 ${mo}월 날짜 선택`}>
        {["일", "월", "화", "수", "목", "금", "토"].map((d) => (
          <span key={d} className="cal-wd" aria-hidden="true">
            {d}
          </span>
        ))}
        {cells.map((date, i) => {
          if (!date) return <span key={`pad-${i}`} />;
          const inRange = date >= today && date <= last;
          const st = inRange ? dayState(date) : { bookable: false, reason: OUTSIDE_HORIZON };
          const day = Number(date.slice(8));
          return (
            <button
              key={date}
              type="button"
              className={`cal-day${selected === date ? " selected" : ""}${st.bookable ? " open" : ""}`}
              disabled={!st.bookable}
              aria-pressed={selected === date}
              aria-label={`${mo}월 ${day}일${st.bookable ? (st.note ? `, ${st.note}` : "") : `, ${st.reason ?? "예약 불가"}`}`}
              title={st.bookable ? st.note : st.reason}
              data-date={date}
              onClick={() => onSelect(date)}
            >
              {day}
              {st.bookable && st.mark && (
                <small className="cal-mark" aria-hidden="true">
                  {st.mark}
                </small>
              )}
            </button>
          );
        })}
      </div>
    </div>
  );
}
