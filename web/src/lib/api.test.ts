import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// The silent refresh: an access token about to expire is renewed before the
// request, concurrent requests share one refresh (a refresh token works
// once), and a 401 is retried once with a renewed token.
describe("api client token handling", () => {
  const calls: { url: string; auth: string | null; body?: string }[] = [];
  let rotation = 0;

  beforeEach(() => {
    calls.length = 0;
    rotation = 0;
    localStorage.clear();
    vi.resetModules();
    vi.stubGlobal(
      "fetch",
      vi.fn(async (req: Request) => {
        const body = req.method === "POST" ? await req.clone().text() : undefined;
        calls.push({ url: new URL(req.url).pathname, auth: req.headers.get("Authorization"), body });
        if (req.url.endsWith("/v1/auth/refresh")) {
          rotation++;
          return Response.json({ access_token: `access-${rotation}`, refresh_token: `refresh-${rotation}`, expires_in: 900, refresh_expires_in: 1000, token_type: "Bearer", user_id: 7, new_user: false });
        }
        if (req.headers.get("Authorization") === "Bearer stale") return new Response(null, { status: 401 });
        return Response.json({ id: 7, nickname: "n", points_balance: 1, created_at: "2026-01-01T00:00:00Z" });
      }),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  function store(accessToken: string, expiresIn: number) {
    localStorage.setItem("ourspace.session", JSON.stringify({ accessToken, refreshToken: "refresh-0", expiresAt: Date.now() + expiresIn, userId: 7 }));
  }

  it("renews a token about to expire once for concurrent requests", async () => {
    store("old", 10_000); // expires in 10 s: inside the renewal margin
    const { api } = await import("./api");
    await Promise.all([api.GET("/v1/me"), api.GET("/v1/me"), api.GET("/v1/me")]);
    const refreshes = calls.filter((c) => c.url === "/v1/auth/refresh");
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]!.body).toBe(JSON.stringify({ refresh_token: "refresh-0" }));
    expect(calls.filter((c) => c.url === "/v1/me").map((c) => c.auth)).toEqual(Array(3).fill("Bearer access-1"));
  });

  it("retries a 401 once with a renewed token", async () => {
    store("stale", 600_000);
    const { api } = await import("./api");
    const { data, response } = await api.GET("/v1/me");
    expect(response.status).toBe(200);
    expect(data?.id).toBe(7);
    expect(calls.map((c) => `${c.url} ${c.auth ?? ""}`)).toEqual(["/v1/me Bearer stale", "/v1/auth/refresh ", "/v1/me Bearer access-1"]);
  });

  it("sends no token when signed out", async () => {
    const { api } = await import("./api");
    await api.GET("/v1/spaces");
    expect(calls).toEqual([{ url: "/v1/spaces", auth: null, body: undefined }]);
  });
});
