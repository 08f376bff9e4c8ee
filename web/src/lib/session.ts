import { useSyncExternalStore } from "react";
import { useQuery } from "@tanstack/react-query";
import { loadSession, onSessionChange, type Session } from "./auth";
import { api, must } from "./api";

let cached = loadSession();
onSessionChange((s) => {
  cached = s;
});

/** The stored session, re-rendering on sign-in and sign-out (in any tab). */
export function useSession(): Session | null {
  return useSyncExternalStore(
    (cb) => onSessionChange(() => cb()),
    () => cached,
    () => null,
  );
}

/** The signed-in user with their points balance; disabled when signed out. */
export function useMe() {
  const session = useSession();
  return useQuery({
    queryKey: ["me", session?.userId],
    queryFn: async () => must(await api.GET("/v1/me")),
    enabled: !!session,
  });
}

/** The unread notification count, polled while signed in. */
export function useUnread() {
  const session = useSession();
  return useQuery({
    queryKey: ["notifications", "unread", session?.userId],
    queryFn: async () => must(await api.GET("/v1/me/notifications", { params: { query: { limit: 1 } } })).unread,
    enabled: !!session,
    refetchInterval: 60_000,
  });
}
