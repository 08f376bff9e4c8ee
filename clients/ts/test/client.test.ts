// End-to-end tests of the OurSpace API through the generated client.
//
// They need a live server seeded with the demo marketplace, at the base URL in
// OURSPACE_API_URL (scripts/test-client.sh starts one). Without it every test
// fails rather than skips, so CI cannot pass without running them.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";

import {
  createOurSpaceClient,
  type OurSpaceClient,
  type SpaceDetail,
  type SpaceSearchQuery,
  type SpaceSummary,
} from "../src/index.js";

const apiURL = process.env.OURSPACE_API_URL ?? "";

/** A successful result's data, or a test failure naming the request and the problem. */
function ok<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) {
    const { response } = result;
    assert.fail(`${response.url}: HTTP ${response.status}: ${JSON.stringify(result.error)}`);
  }
  return result.data;
}

/** Today's calendar date in Seoul, YYYY-MM-DD (en-CA formats dates that way). */
function seoulToday(): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Seoul",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date());
}

function ids(items: SpaceSummary[]): number[] {
  return items.map((s) => s.id).sort((a, b) => a - b);
}

describe("OurSpace API through the typed client", () => {
  let api: OurSpaceClient;
  let everySpace: Promise<SpaceSummary[]> | undefined;

  /** Follows next_cursor to the end; fails on a repeated id or a walk that does not end. */
  async function walk(query: Omit<SpaceSearchQuery, "cursor">): Promise<SpaceSummary[]> {
    const seen = new Set<number>();
    const items: SpaceSummary[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 200; page++) {
      const list = ok(await api.GET("/v1/spaces", { params: { query: { ...query, cursor } } }));
      assert.ok(list.items.length <= (query.limit ?? 20), `page ${page} is larger than the limit`);
      for (const space of list.items) {
        assert.ok(!seen.has(space.id), `space ${space.id} repeats on page ${page}`);
        seen.add(space.id);
        items.push(space);
      }
      if (list.next_cursor === undefined) {
        return items;
      }
      assert.notEqual(list.next_cursor, "", "next_cursor is empty instead of absent");
      cursor = list.next_cursor;
    }
    assert.fail(`walking ${JSON.stringify(query)} did not end after 200 pages`);
  }

  /** Every listed space, walked once and shared by the filter tests. */
  function allSpaces(): Promise<SpaceSummary[]> {
    everySpace ??= walk({ limit: 100 });
    return everySpace;
  }

  async function detail(id: number): Promise<SpaceDetail> {
    return ok(await api.GET("/v1/spaces/{id}", { params: { path: { id } } }));
  }

  before(async () => {
    if (apiURL === "") {
      throw new Error(
        "OURSPACE_API_URL is not set: these tests need a live, seeded server (run scripts/test-client.sh)",
      );
    }
    try {
      const res = await fetch(new URL("/readyz", apiURL), { signal: AbortSignal.timeout(10_000) });
      assert.equal(res.status, 200, `GET /readyz answered ${res.status}`);
    } catch (err) {
      // fetch hides the reason (refused, timed out, …) in cause.
      const reason =
        err instanceof Error && err.cause !== undefined ? `${err.message}: ${String(err.cause)}` : String(err);
      throw new Error(`the server at OURSPACE_API_URL=${apiURL} is not ready: ${reason}`, { cause: err });
    }
    api = createOurSpaceClient({ baseUrl: apiURL });
  });

  test("lists the 25 districts of Seoul, each with an absolute icon URL that serves", async () => {
    const { items } = ok(await api.GET("/v1/districts"));
    assert.equal(items.length, 25);
    assert.equal(new Set(items.map((d) => d.id)).size, 25, "district ids repeat");
    for (const d of items) {
      assert.match(d.icon_url, /^https?:\/\//, `district ${d.id} icon_url is not absolute`);
      assert.ok(d.name.endsWith("구"), `district ${d.id} is named ${d.name}`);
      assert.ok(d.lat > 37 && d.lat < 38 && d.lng > 126 && d.lng < 128, `district ${d.id} is not in Seoul`);
    }
    const icon = await fetch(items[0]!.icon_url);
    assert.equal(icon.status, 200, `GET ${items[0]!.icon_url}`);
    assert.match(icon.headers.get("content-type") ?? "", /^image\//);
  });

  test("lists the 8 categories and the 10 facilities", async () => {
    const categories = ok(await api.GET("/v1/categories")).items;
    assert.equal(categories.length, 8);
    const facilities = ok(await api.GET("/v1/facilities")).items;
    assert.equal(facilities.length, 10);
    for (const item of [...categories, ...facilities]) {
      assert.match(item.icon_url, /^https?:\/\//, `${item.name} icon_url is not absolute`);
    }
  });

  test("a default page has 20 spaces and a next_cursor", async () => {
    const page = ok(await api.GET("/v1/spaces"));
    assert.equal(page.items.length, 20);
    assert.equal(typeof page.next_cursor, "string");
    assert.notEqual(page.next_cursor, "");
    for (const s of page.items) {
      assert.ok(s.photo_urls.length <= 5, `space ${s.id} has ${s.photo_urls.length} photos in a summary`);
      assert.ok(s.capacity.min >= 1 && s.capacity.min <= s.capacity.max, `space ${s.id} capacity`);
    }
  });

  test("walking pages of 50 returns each space once and ends", async () => {
    const walked = await walk({ limit: 50 });
    assert.ok(walked.length >= 300, `only ${walked.length} spaces in the demo marketplace`);
    assert.deepEqual(ids(walked), ids(await allSpaces()), "pages of 50 and of 100 disagree");
  });

  test("repeated district ids match any of them, sent as repeated parameters", async () => {
    const all = await allSpaces();
    const districts = [...new Set(all.map((s) => s.district.id))].slice(0, 2);
    assert.equal(districts.length, 2, "the demo spaces are all in one district");

    const urls: string[] = [];
    const recording = createOurSpaceClient({
      baseUrl: apiURL,
      fetch: (request) => {
        urls.push(request.url);
        return fetch(request);
      },
    });
    const page = ok(
      await recording.GET("/v1/spaces", { params: { query: { district: districts, limit: 100 } } }),
    );
    const query = new URL(urls[0]!).searchParams;
    assert.deepEqual(query.getAll("district"), districts.map(String));
    assert.ok(page.items.length > 0);
    for (const s of page.items) {
      assert.ok(districts.includes(s.district.id), `space ${s.id} is in district ${s.district.id}`);
    }

    const filtered = await walk({ district: districts, limit: 100 });
    assert.deepEqual(ids(filtered), ids(all.filter((s) => districts.includes(s.district.id))));
  });

  test("category filters to exactly the spaces of that category", async () => {
    const all = await allSpaces();
    const category = all[0]!.category.id;
    const filtered = await walk({ category: [category], limit: 100 });
    assert.ok(filtered.length > 0);
    assert.deepEqual(ids(filtered), ids(all.filter((s) => s.category.id === category)));
  });

  test("facility filters to spaces offering all the facilities given", async () => {
    const all = await allSpaces();
    let found: SpaceDetail | undefined;
    for (const s of all.slice(0, 20)) {
      const d = await detail(s.id);
      if (d.facilities.length >= 2) {
        found = d;
        break;
      }
    }
    assert.ok(found, "none of the first 20 spaces has two facilities");
    const anchor = found;
    const wanted = anchor.facilities.slice(0, 2).map((f) => f.id);

    const filtered = await walk({ facility: wanted, limit: 100 });
    assert.ok(filtered.some((s) => s.id === anchor.id), `space ${anchor.id} offers ${wanted} but is missing`);
    assert.ok(filtered.length < all.length, "the facility filter kept every space");
    for (const s of filtered.slice(0, 10)) {
      const offered = (await detail(s.id)).facilities.map((f) => f.id);
      for (const f of wanted) {
        assert.ok(offered.includes(f), `space ${s.id} lacks facility ${f}`);
      }
    }
  });

  test("sort=price_asc orders every page by non-decreasing lowest_price", async () => {
    const sorted = await walk({ sort: "price_asc", limit: 100 });
    assert.equal(sorted.length, (await allSpaces()).length);
    for (let i = 1; i < sorted.length; i++) {
      const [prev, cur] = [sorted[i - 1]!, sorted[i]!];
      assert.ok(
        prev.lowest_price <= cur.lowest_price,
        `space ${cur.id} (${cur.lowest_price}) after space ${prev.id} (${prev.lowest_price})`,
      );
    }
  });

  test("people keeps exactly the spaces whose capacity takes that many", async () => {
    const people = 10;
    const fits = (s: SpaceSummary) => s.capacity.min <= people && people <= s.capacity.max;
    const filtered = await walk({ people, limit: 100 });
    assert.ok(filtered.length > 0);
    for (const s of filtered) {
      assert.ok(fits(s), `space ${s.id} takes ${s.capacity.min}–${s.capacity.max}`);
    }
    assert.deepEqual(ids(filtered), ids((await allSpaces()).filter(fits)));
  });

  test("a bad parameter is a 422 problem naming the field", async () => {
    const cases: { query: SpaceSearchQuery; location: string }[] = [
      { query: { limit: 0 }, location: "query.limit" },
      { query: { sort: "bogus" as unknown as SpaceSearchQuery["sort"] }, location: "query.sort" },
    ];
    for (const c of cases) {
      const { data, error, response } = await api.GET("/v1/spaces", { params: { query: c.query } });
      assert.equal(data, undefined);
      assert.equal(response.status, 422, JSON.stringify(c.query));
      assert.match(response.headers.get("content-type") ?? "", /^application\/problem\+json/);
      assert.ok(error, "no problem body");
      assert.equal(error.status, 422);
      assert.equal(typeof error.title, "string");
      assert.equal(error.errors?.[0]?.location, c.location, JSON.stringify(error));
    }
  });

  test("get-space returns the first listed space with a way to book it", async () => {
    const first = ok(await api.GET("/v1/spaces", { params: { query: { limit: 1 } } })).items[0]!;
    const space = await detail(first.id);
    assert.equal(space.id, first.id);
    assert.equal(space.title, first.title);
    assert.equal(space.lowest_price, first.lowest_price);
    assert.ok(space.photo_urls.length > 0, "no photos");
    assert.deepEqual(space.photo_urls.slice(0, 5), first.photo_urls);
    assert.ok(space.packages.length > 0 || space.hourly !== undefined, "neither packages nor hourly pricing");
    assert.match(space.category.icon_url, /^https?:\/\//);
    assert.ok(!Number.isNaN(Date.parse(space.created_at)), `created_at ${space.created_at}`);
  });

  test("get-space of an unknown id is a 404 problem", async () => {
    const { data, error, response } = await api.GET("/v1/spaces/{id}", {
      params: { path: { id: 999999999 } },
    });
    assert.equal(data, undefined);
    assert.equal(response.status, 404);
    assert.equal(error?.status, 404);
  });

  test("availability today lists every package and, when sold by the hour, the hours", async () => {
    const today = seoulToday();
    const spaces = (await allSpaces()).slice(0, 10);
    let sawPackages = false;
    let sawHours = false;
    for (const s of spaces) {
      const space = await detail(s.id);
      const day = ok(
        await api.GET("/v1/spaces/{id}/availability", {
          params: { path: { id: s.id }, query: { date: today } },
        }),
      );
      assert.equal(day.space_id, s.id);
      assert.equal(day.date, today);
      assert.deepEqual(
        day.packages.map((p) => p.id).sort(),
        space.packages.map((p) => p.id).sort(),
        `space ${s.id} packages`,
      );
      for (const p of day.packages) {
        assert.equal(p.available, p.reason === undefined, `package ${p.id}: ${p.reason}`);
      }
      assert.equal(day.hourly !== undefined, space.hourly !== undefined, `space ${s.id} hourly`);
      if (day.hourly && space.hourly) {
        assert.equal(day.hourly.min_hours, space.hourly.min_hours);
        for (const h of day.hourly.slots) {
          assert.match(h.start, /^\d{2}:\d{2}$/);
          assert.equal(h.free, h.reason === undefined, `hour ${h.start}: ${h.reason}`);
        }
        sawHours ||= day.hourly.slots.length > 0;
      }
      sawPackages ||= day.packages.length > 0;
    }
    assert.ok(sawPackages || sawHours, "no package or opening hour today in the first 10 spaces");
  });

  test("accessToken adds a bearer token, from a string or a function", async () => {
    for (const accessToken of ["s3cret", () => "s3cret"]) {
      const seen: (string | null)[] = [];
      const client = createOurSpaceClient({
        baseUrl: apiURL,
        accessToken,
        fetch: (request) => {
          seen.push(request.headers.get("authorization"));
          return fetch(request);
        },
      });
      ok(await client.GET("/v1/categories"));
      assert.deepEqual(seen, ["Bearer s3cret"]);
    }
    const seen: (string | null)[] = [];
    const anonymous = createOurSpaceClient({
      baseUrl: apiURL,
      accessToken: () => undefined,
      fetch: (request) => {
        seen.push(request.headers.get("authorization"));
        return fetch(request);
      },
    });
    ok(await anonymous.GET("/v1/categories"));
    assert.deepEqual(seen, [null]);
  });

  test("the zero-setup demo signs in through OpenID Connect and shows 100,000 points", async () => {
    // Play the browser: our login redirects to the (development) provider,
    // which signs in at once and redirects to our callback, which redirects
    // to the front end with a one-time code in the fragment.
    const login = await fetch(`${apiURL}/v1/auth/kakao/login`, { redirect: "manual" });
    assert.equal(login.status, 302);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
    assert.match(cookie, /^ourspace_login=/);
    const provider = new URL(login.headers.get("location") ?? "");
    assert.equal(provider.searchParams.get("code_challenge_method"), "S256");
    assert.ok(provider.searchParams.get("nonce"), "no nonce in the login URL");
    const authorized = await fetch(provider, { redirect: "manual" });
    assert.equal(authorized.status, 302);
    const callback = await fetch(authorized.headers.get("location") ?? "", { redirect: "manual", headers: { cookie } });
    assert.equal(callback.status, 302, `callback: ${callback.status} ${await callback.text()}`);
    const landing = new URL(callback.headers.get("location") ?? "");
    const code = new URLSearchParams(landing.hash.slice(1)).get("code") ?? "";
    assert.ok(code, `no code in ${landing}`);

    const tokens = ok(await api.POST("/v1/auth/login-code", { body: { code } }));
    assert.equal(tokens.token_type, "Bearer");
    const me = ok(await createOurSpaceClient({ baseUrl: apiURL, accessToken: tokens.access_token }).GET("/v1/me"));
    assert.equal(me.points_balance, 100_000);
    assert.ok(me.nickname.length > 0);

    // Rotate, then sign out: the old access token stops working.
    const rotated = ok(await api.POST("/v1/auth/refresh", { body: { refresh_token: tokens.refresh_token } }));
    const signedIn = createOurSpaceClient({ baseUrl: apiURL, accessToken: rotated.access_token });
    const ledger = ok(await signedIn.GET("/v1/me/points"));
    assert.equal(ledger.items.reduce((sum, e) => sum + e.amount, 0), me.points_balance);
    const out = await signedIn.POST("/v1/auth/logout");
    assert.equal(out.response.status, 204);
    const after = await signedIn.GET("/v1/me");
    assert.equal(after.response.status, 401);
    assert.equal(after.error?.status, 401);
  });
});
