// The one API client of the app: @ourspace/client (generated from the
// contract) with a fetch that adds the bearer token, renews it silently
// before it expires, and retries a request once after a 401 with a renewed
// token. Everything the app asks of the API goes through `api`.
import { createOurSpaceClient, type OurSpaceClient, type TokenPair } from "@ourspace/client";
import { clearSession, expiresSoon, loadSession, saveTokens, type Session } from "./auth";

/** Where the API is; empty for the page's own origin (the product and the dev proxy). */
export const API_BASE = (import.meta.env.VITE_API_URL as string | undefined) ?? "";

// A client without the token logic, for the token endpoints themselves.
const bare: OurSpaceClient = createOurSpaceClient({ baseUrl: API_BASE || location.origin });

let refreshing: Promise<Session | null> | null = null;

/**
 * Trades the refresh token for a new pair, once at a time: concurrent callers
 * share one request, because a refresh token works only once and presenting
 * it twice would revoke the session.
 */
export function refreshTokens(): Promise<Session | null> {
  if (!refreshing) {
    refreshing = (async () => {
      const s = loadSession();
      if (!s) return null;
      const { data, response } = await bare.POST("/v1/auth/refresh", { body: { refresh_token: s.refreshToken } });
      if (data) return saveTokens(data);
      // Only a refusal ends the session; a network failure or a 5xx keeps it.
      if (response.status === 401 || response.status === 422) {
        // Another tab may have rotated it first: take its newer pair.
        const now = loadSession();
        if (now && now.refreshToken !== s.refreshToken) return now;
        clearSession();
      }
      return null;
    })().finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

async function currentToken(): Promise<string | undefined> {
  let s = loadSession();
  if (s && expiresSoon(s)) s = (await refreshTokens()) ?? loadSession();
  return s?.accessToken;
}

async function authFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  const token = await currentToken();
  if (token && !request.headers.has("Authorization")) request.headers.set("Authorization", `Bearer ${token}`);
  const res = await fetch(request);
  if (res.status !== 401 || !token) return res;
  const renewed = await refreshTokens();
  if (!renewed) return res;
  retry.headers.set("Authorization", `Bearer ${renewed.accessToken}`);
  return fetch(retry);
}

export const api: OurSpaceClient = createOurSpaceClient({ baseUrl: API_BASE || location.origin, fetch: authFetch });

/** Exchanges a web login's one-time code (from /auth/complete#code=…) for tokens. */
export async function exchangeLoginCode(code: string): Promise<TokenPair> {
  const { data, error } = await bare.POST("/v1/auth/login-code", { body: { code } });
  if (!data) throw new ApiError(error);
  saveTokens(data);
  return data;
}

/** Signs out: revokes the session on the server, then forgets it here. */
export async function signOut(): Promise<void> {
  try {
    if (loadSession()) await api.POST("/v1/auth/logout");
  } finally {
    clearSession();
  }
}

/** The URL that starts a web login with Kakao (the development login on a zero-setup run). */
export function loginURL(): string {
  return `${API_BASE}/v1/auth/kakao/login`;
}

/** An error answer of the API (an RFC 9457 problem), thrown by `must`. */
export class ApiError extends Error {
  readonly problem: ProblemLike;
  constructor(problem: unknown) {
    const p = (problem ?? {}) as ProblemLike;
    super(p.detail || p.title || "요청을 처리하지 못했습니다");
    this.problem = p;
  }
  get status(): number | undefined {
    return this.problem.status;
  }
}

export interface ProblemLike {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: { location?: string; message?: string; value?: unknown }[];
}

/** Unwraps an openapi-fetch result: its data, or an ApiError with the problem. */
export function must<T>(r: { data?: T; error?: unknown; response: Response }): T {
  if (!r.response.ok) {
    const p = (r.error ?? {}) as ProblemLike;
    if (p.status === undefined) p.status = r.response.status;
    throw new ApiError(p);
  }
  return r.data as T;
}
