import { useEffect, useState } from "react";
import { formatCountdown } from "../lib/format";

/** Time left until `deadline`, ticking every second; calls onExpire once at zero. */
export function Countdown({ deadline, label, onExpire }: { deadline: string; label: string; onExpire?: () => void }) {
  const end = new Date(deadline).getTime();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  const left = end - now;
  useEffect(() => {
    if (left <= 0) onExpire?.();
  }, [left <= 0]); // eslint-disable-line react-hooks/exhaustive-deps
  const text = formatCountdown(left);
  return (
    <p className={`countdown${left < 60_000 ? " urgent" : ""}`} role="timer" aria-label={`${label} ${text} 남음`}>
      {label} <strong>{text}</strong> 남음
    </p>
  );
}
