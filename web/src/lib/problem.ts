// Field errors of an RFC 9457 problem, keyed by the form field they name:
// "body.people" → "people", "body.contact.phone" → "contact.phone".
import type { ProblemLike } from "./api";

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
  };
  if (known[kind]) return known[kind];
  switch (problem?.status) {
    case 401:
      return "로그인이 필요합니다.";
    case 402:
      return "포인트가 부족합니다.";
    case 404:
      return "찾을 수 없습니다.";
    case 409:
      return problem.detail ? `이미 예약된 시간입니다: ${problem.detail}` : "다른 예약과 겹칩니다.";
    case 429:
      return "요청이 너무 많습니다. 잠시 후 다시 시도하세요.";
  }
  const details = (problem?.errors ?? []).map((e) => `${e.location ?? ""} ${e.message ?? ""}`.trim()).filter(Boolean);
  const head = problem?.status === 422 ? "입력값을 확인하세요" : problem?.detail || problem?.title || "요청을 처리하지 못했습니다";
  return details.length ? `${head}: ${details.join(", ")}` : `${head}.`;
}
