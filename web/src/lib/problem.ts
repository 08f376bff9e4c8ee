// Field errors of an RFC 9457 problem, keyed by the form field they name:
// "body.people" → "people", "body.contact.phone" → "contact.phone".
import type { ProblemLike } from "./api";
import { formatClock } from "./format";

export function fieldErrors(problem: ProblemLike | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem?.errors ?? []) {
    if (!e.location) continue;
    const key = e.location.replace(/^(body|query|path|header)\.?/, "") || "_";
    out[key] ??= e.message ?? problem?.detail ?? "올바르지 않습니다";
  }
  return out;
}

/** A sentence for a problem, in Korean where its kind is known. */
export function problemMessage(problem: ProblemLike | undefined): string {
  const kind = problem?.type?.replace("urn:ourspace:problem:", "") ?? "";
  const known: Record<string, string> = {
    deadline_passed: "결제 기한이 지났습니다.",
    insufficient_points: "포인트가 부족합니다.",
    booking_not_completed: "이용을 마친 예약만 리뷰할 수 있습니다.",
    review_window_closed: "리뷰는 이용 후 14일 안에만 쓰고 고치고 지울 수 있습니다.",
    already_reviewed: "이미 리뷰를 남긴 예약입니다. 남긴 리뷰를 고쳐 주세요.",
    already_replied: "이미 답글을 달았습니다. 답글을 고쳐 주세요.",
    illegal_transition: "지금 예약 상태에서는 할 수 없는 일입니다. 새로 고쳐 확인하세요.",
    already_started: "이미 이용이 시작된 예약입니다.",
    own_space: "내 공간은 예약할 수 없습니다.",
    last_photo: "사진은 한 장 이상 있어야 합니다. 다른 사진을 먼저 추가하세요.",
    space_retired: "운영을 종료한 공간은 바꿀 수 없습니다.",
    space_has_bookings: "아직 진행 중인 예약이 있어 운영을 종료할 수 없습니다. 예약을 먼저 취소하세요.",
    status_unchanged: "이미 그 상태입니다.",
    photo_too_large: "사진은 한 장에 10MB까지 올릴 수 있습니다.",
    photo_format: "사진은 JPEG, PNG, WebP 형식만 올릴 수 있습니다.",
    photo_too_many_pixels: "사진이 너무 큽니다 (최대 5천만 화소).",
  };
  if (known[kind]) return known[kind];
  if (kind === "booking_conflict") {
    const taken = problem?.errors?.[0]?.value as { start?: string; end?: string } | undefined;
    return taken?.start && taken.end
      ? `이미 예약된 시간입니다 (${formatClock(taken.start)}~${formatClock(taken.end)}). 다른 시간을 골라 주세요.`
      : "이미 예약된 시간입니다. 다른 시간을 골라 주세요.";
  }
  switch (problem?.status) {
    case 401:
      return "로그인이 필요합니다.";
    case 402:
      return "포인트가 부족합니다.";
    case 404:
      return "찾을 수 없습니다.";
    case 409:
      return "다른 변경과 겹쳐 처리하지 못했습니다. 새로 고쳐 다시 시도하세요.";
    case 429:
      return "요청이 너무 많습니다. 잠시 후 다시 시도하세요.";
  }
  // The server's own failure or an unavailable dependency: nothing the user got wrong.
  if ((problem?.status ?? 0) >= 500) return "서버에 일시적인 문제가 있습니다. 잠시 후 다시 시도하세요.";
  const details = (problem?.errors ?? []).map((e) => `${e.location ?? ""} ${e.message ?? ""}`.trim()).filter(Boolean);
  const head = problem?.status === 422 ? "입력값을 확인하세요" : problem?.detail || problem?.title || "요청을 처리하지 못했습니다";
  return details.length ? `${head}: ${details.join(", ")}` : `${head}.`;
}
