import type { Booking } from "@ourspace/client";
import { formatClock, seoulDateOf } from "./format";

export const STATUS_KO: Record<Booking["status"], string> = {
  requested: "승인 대기",
  payment_due: "결제 대기",
  confirmed: "예약 확정",
  completed: "이용 완료",
  cancelled_by_guest: "취소됨 (게스트)",
  cancelled_by_host: "취소됨 (호스트)",
  declined: "거절됨",
  expired: "기한 만료",
};

/**
 * The booked slot in Seoul time: "패키지명 18:00~23:00", "14:00~17:00 (3시간)",
 * or "20:00~다음 날 05:00" for one that ends after the use date.
 */
export function slotLabel(b: Pick<Booking, "package_name" | "start" | "end" | "hours" | "date">): string {
  const range = `${formatClock(b.start)}~${seoulDateOf(b.end) > b.date && formatClock(b.end) !== "00:00" ? "다음 날 " : ""}${
    seoulDateOf(b.end) > b.date && formatClock(b.end) === "00:00" ? "24:00" : formatClock(b.end)
  }`;
  return b.package_name ? `${b.package_name} ${range}` : `${range} (${b.hours ?? ""}시간)`;
}

/** Whether the guest may still cancel (the server has the last word with a refund quote). */
export function cancellable(b: Pick<Booking, "status">): boolean {
  return b.status === "requested" || b.status === "payment_due" || b.status === "confirmed";
}
