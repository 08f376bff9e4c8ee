import type { ReactNode } from "react";
import { Link } from "react-router";
import { ApiError } from "../lib/api";
import { problemMessage } from "../lib/problem";

export function Loading({ label = "불러오는 중…" }: { label?: string }) {
  return (
    <p className="state loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </p>
  );
}

export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const message = error instanceof ApiError ? problemMessage(error.problem) : "네트워크 오류가 발생했습니다.";
  return (
    <div className="state error" role="alert">
      <p>{message}</p>
      {retry && (
        <button type="button" onClick={retry}>
          다시 시도
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="state empty">{children}</div>;
}

export function SignInRequired() {
  return (
    <Empty>
      <p>로그인이 필요한 페이지입니다.</p>
      <Link className="button primary" to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}>
        로그인
      </Link>
    </Empty>
  );
}

/** The next page of an infinite list, on request; disabled while it loads, so one click fetches one page. */
export function LoadMore({ list }: { list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown } }) {
  if (!list.hasNextPage) return null;
  return (
    <button type="button" className="more" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
      더 보기
    </button>
  );
}
