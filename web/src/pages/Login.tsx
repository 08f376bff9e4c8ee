import { useEffect, useRef, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { exchangeLoginCode, loginURL } from "../lib/api";
import { ErrorState, Loading } from "../components/States";

const NEXT_KEY = "ourspace.next";

export function LoginPage() {
  const [params] = useSearchParams();
  return (
    <section className="page narrow">
      <h1>로그인</h1>
      <p>카카오 계정으로 로그인하고 공간을 예약하거나 호스트가 되어 보세요.</p>
      <a
        className="button kakao"
        href={loginURL()}
        onClick={() => sessionStorage.setItem(NEXT_KEY, params.get("next") ?? "/")}
      >
        카카오로 로그인
      </a>
      <p className="hint">
        개발 서버에서는 카카오 대신 개발용 로그인 화면이 열리고, 데모 게스트·데모 호스트·새 사용자 중에서 고를 수 있습니다.
      </p>
    </section>
  );
}

/** Where a web login lands: trades the one-time #code for tokens. */
export function AuthCompletePage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return; // StrictMode runs effects twice; a code works once
    started.current = true;
    const code = new URLSearchParams(location.hash.slice(1)).get("code");
    history.replaceState(null, "", location.pathname);
    if (!code) {
      setError(new Error("no code"));
      return;
    }
    exchangeLoginCode(code)
      .then(() => {
        queryClient.invalidateQueries();
        const next = sessionStorage.getItem(NEXT_KEY) ?? "/";
        sessionStorage.removeItem(NEXT_KEY);
        navigate(next.startsWith("/") && !next.startsWith("//") ? next : "/", { replace: true });
      })
      .catch(setError);
  }, [navigate, queryClient]);
  if (error) {
    return (
      <section className="page narrow">
        <h1>로그인하지 못했습니다</h1>
        <ErrorState error={error} />
        <Link to="/login">다시 로그인</Link>
      </section>
    );
  }
  return <Loading label="로그인하는 중…" />;
}
