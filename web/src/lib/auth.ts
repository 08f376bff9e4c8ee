// Tokens of the signed-in user, kept in localStorage so that a reload or a
// new tab stays signed in. The access token lives 15 minutes; it is renewed
// silently (refreshTokens) shortly before it expires and after a 401.
import type { TokenPair } from "@ourspace/client";

const KEY = "ourspace.session";

/** A stored session: the token pair and when the access token expires (ms since epoch). */
export interface Session {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
  userId: number;
}

type Listener = (s: Session | null) => void;
const listeners = new Set<Listener>();

export function loadSession(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function saveTokens(t: TokenPair, now = Date.now()): Session {
  const s: Session = {
    accessToken: t.access_token,
    refreshToken: t.refresh_token,
    expiresAt: now + t.expires_in * 1000,
    userId: t.user_id,
  };
  localStorage.setItem(KEY, JSON.stringify(s));
  listeners.forEach((l) => l(s));
  return s;
}

export function clearSession(): void {
  localStorage.removeItem(KEY);
  listeners.forEach((l) => l(null));
}

export function onSessionChange(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** True when the access token expires within `marginMs`. */
export function expiresSoon(s: Session, now = Date.now(), marginMs = 60_000): boolean {
  return s.expiresAt - now < marginMs;
}

// Another tab signing in or out changes this tab's session too.
if (typeof window !== "undefined") {
  window.addEventListener("storage", (e) => {
    if (e.key === KEY) listeners.forEach((l) => l(loadSession()));
  });
}
