// End-to-end tests of the OurSpace API through the generated client.
//
// They need a live server seeded with the demo marketplace, at the base URL in
// OURSPACE_API_URL (scripts/test-client.sh starts one). Without it every test
// fails rather than skips, so CI cannot pass without running them.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { before, describe, test } from "node:test";

import {
  createOurSpaceClient,
  multipartBody,
  type Booking,
  type BookingContact,
  type Me,
  type NewBooking,
  type OurSpaceClient,
  type Problem,
  type SpaceDetail,
  type SpaceInput,
  type SpaceSearchQuery,
  type SpaceSummary,
  type TokenPair,
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

/** The calendar date in Seoul days from now, YYYY-MM-DD (en-CA formats dates that way; Seoul has no DST). */
function seoulDate(daysAhead: number): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Seoul",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(Date.now() + daysAhead * 86_400_000));
}

/** Today's calendar date in Seoul. */
function seoulToday(): string {
  return seoulDate(0);
}

/** A failed result's problem, checked to have the status expected. */
function problem(result: { data?: unknown; error?: unknown; response: Response }, status: number): Problem {
  const { data, error, response } = result;
  assert.equal(response.status, status, `${response.url}: HTTP ${response.status}: ${JSON.stringify(data ?? error)}`);
  assert.match(response.headers.get("content-type") ?? "", /^application\/problem\+json/);
  const p = error as Problem;
  assert.equal(p.status, status);
  return p;
}

/** The Idempotency-Key header of a write: a fresh key unless one is given. */
function idempotent(key: string = randomUUID()): { "Idempotency-Key": string } {
  return { "Idempotency-Key": key };
}

/** The welcome grant of a new account (OURSPACE_WELCOME_POINTS, 100,000 by default). */
const welcomePoints = 100_000;
/** What the seeded demo accounts start with (seed.DemoAccountPoints). */
const demoPoints = 1_000_000;

/** A contact every test booking gives. */
const contact: BookingContact = { name: "테스트 게스트", phone: "010-1234-5678", email: "guest@example.com" };

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

  /** A signed-in user: their tokens, a client sending their access token, and who they are. */
  interface Session {
    tokens: TokenPair;
    client: OurSpaceClient;
    me: Me;
  }

  /**
   * Plays the browser through the web login: our login redirects to the
   * (development) provider, which signs in the account login_hint names
   * ("demo-guest", "demo-host" or "new") and redirects to our callback, which
   * redirects to the front end with a one-time code in the fragment; the code
   * is traded for tokens. Without a hint the provider would show its chooser.
   */
  async function signIn(loginHint: string): Promise<Session> {
    const { provider, cookie } = await startLogin(loginHint);
    return finishSignIn(provider, cookie);
  }

  /** A web login up to the front end: the one-time code, and the cookie of the browser it belongs to. */
  interface Landing {
    code: string;
    cookie: string;
  }

  /** Follows the provider's authorize URL to the callback and on to the front end's landing. */
  async function land(authorizeURL: URL, cookie: string): Promise<Landing> {
    const authorized = await fetch(authorizeURL, { redirect: "manual" });
    assert.equal(authorized.status, 302, `authorize ${authorizeURL}: ${authorized.status}`);
    const callback = await fetch(authorized.headers.get("location") ?? "", { redirect: "manual", headers: { cookie } });
    assert.equal(callback.status, 302, `callback: ${callback.status} ${await callback.text()}`);
    assert.equal(callback.headers.get("cache-control"), "no-store");
    const landing = new URL(callback.headers.get("location") ?? "");
    const code = new URLSearchParams(landing.hash.slice(1)).get("code") ?? "";
    assert.ok(code, `no code in ${landing}`);
    // The callback swaps the login cookie for one the code's exchange needs.
    const handover = (callback.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    assert.match(handover, /^ourspace_login=./);
    return { code, cookie: handover };
  }

  /** Follows the provider's authorize URL to the callback and trades the code for a session, as the browser. */
  async function finishSignIn(authorizeURL: URL, cookie: string): Promise<Session> {
    const { code, cookie: handover } = await land(authorizeURL, cookie);
    const exchanged = await api.POST("/v1/auth/login-code", { body: { code }, headers: { cookie: handover } });
    assert.equal(exchanged.response.headers.get("cache-control"), "no-store");
    const tokens = ok(exchanged);
    const client = createOurSpaceClient({ baseUrl: apiURL, accessToken: tokens.access_token });
    return { tokens, client, me: ok(await client.GET("/v1/me")) };
  }

  /** Starts a web login as a fresh browser: the provider's authorize URL for loginHint, and the login cookie. */
  async function startLogin(loginHint: string): Promise<{ provider: URL; cookie: string }> {
    const login = await fetch(`${apiURL}/v1/auth/kakao/login`, { redirect: "manual" });
    assert.equal(login.status, 302);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    assert.match(cookie, /^ourspace_login=/);
    const provider = new URL(login.headers.get("location") ?? "");
    provider.searchParams.set("login_hint", loginHint);
    return { provider, cookie };
  }

  /** Something bookable: the space, what of it (a package, or a run of hours), and its price. */
  interface Offer {
    space: SpaceDetail;
    date: string;
    what: Pick<NewBooking, "package_id" | "start_hour" | "hours">;
    price: number;
  }

  /**
   * What of space can still be booked on date for at most maxPrice: an
   * available package, else (unless packagesOnly) the first run of the
   * minimum hours that are all free.
   */
  async function offerOn(
    space: SpaceDetail,
    date: string,
    packagesOnly: boolean,
    maxPrice = welcomePoints,
  ): Promise<Offer | undefined> {
    const day = ok(
      await api.GET("/v1/spaces/{id}/availability", { params: { path: { id: space.id }, query: { date } } }),
    );
    const pkg = day.packages.find((p) => p.available && p.price <= maxPrice);
    if (pkg) {
      return { space, date, what: { package_id: pkg.id }, price: pkg.price };
    }
    if (packagesOnly || day.hourly === undefined || space.hourly === undefined) {
      return undefined;
    }
    const hours = day.hourly.min_hours;
    const price = hours * space.hourly.price_per_hour;
    const slots = day.hourly.slots;
    for (let i = 0; i + hours <= slots.length && price <= maxPrice; i++) {
      const run = slots.slice(i, i + hours);
      const whole = run[0]!.start.endsWith(":00");
      if (whole && run.every((h, k) => h.free && (k === 0 || run[k - 1]!.end === h.start))) {
        return { space, date, what: { start_hour: Number(run[0]!.start.slice(0, 2)), hours }, price };
      }
    }
    return undefined;
  }

  /** The first space (in search order) that spaceWanted accepts with an offer on date. */
  async function findOffer(
    date: string,
    spaceWanted: (s: SpaceDetail) => boolean,
    packagesOnly: boolean,
  ): Promise<Offer> {
    for (const summary of await walk({ date, limit: 100 })) {
      const space = await detail(summary.id);
      if (!spaceWanted(space)) {
        continue;
      }
      const offer = await offerOn(space, date, packagesOnly);
      if (offer) {
        return offer;
      }
    }
    assert.fail(`no space bookable on ${date} as wanted`);
  }

  /** The request body of booking offer for its space's smallest party. */
  function bookingOf(offer: Offer, extra: Partial<NewBooking> = {}): NewBooking {
    return {
      space_id: offer.space.id,
      date: offer.date,
      ...offer.what,
      people: offer.space.capacity.min,
      contact,
      purpose: "클라이언트 테스트",
      ...extra,
    };
  }

  /** A booking as session sees it (`GET /v1/bookings/{id}`). */
  async function getBooking(session: Session, id: number): Promise<Booking> {
    return ok(await session.client.GET("/v1/bookings/{id}", { params: { path: { id } } }));
  }

  /** Books offer as session; fails unless the server answers 201. */
  async function book(session: Session, offer: Offer, key?: string): Promise<Booking> {
    const created = await session.client.POST("/v1/bookings", {
      params: { header: idempotent(key) },
      body: bookingOf(offer),
    });
    assert.equal(created.response.status, 201, `book: ${created.response.status} ${JSON.stringify(created.error)}`);
    return ok(created);
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
      assert.ok(s.photos.length <= 5, `space ${s.id} has ${s.photos.length} photos in a summary`);
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

  test("the first page counts every match and later pages do not", async () => {
    const all = await allSpaces();
    const first = ok(await api.GET("/v1/spaces", { params: { query: { limit: 5 } } }));
    assert.deepEqual(first.total, { count: Math.min(all.length, 1000), capped: all.length > 1000 });
    const second = ok(await api.GET("/v1/spaces", { params: { query: { limit: 5, cursor: first.next_cursor } } }));
    assert.equal(second.total, undefined);
    assert.equal(second.items.length, 5);
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
    assert.ok(space.photos.length > 0, "no photos");
    assert.deepEqual(space.photos.slice(0, 5), first.photos);
    assert.ok(space.packages.length > 0 || space.hourly !== undefined, "neither packages nor hourly pricing");
    // The card shows how it is priced without the detail, and no rating without reviews.
    assert.equal(first.hourly_price, space.hourly?.price_per_hour ?? null);
    const byHour = space.hourly !== undefined && space.hourly.price_per_hour * space.hourly.min_hours === space.lowest_price;
    assert.equal(first.lowest_price_unit, byHour ? "hourly" : "package");
    assert.deepEqual(first.rating, space.rating);
    assert.ok(first.rating === null || first.rating.count > 0, `rating ${JSON.stringify(first.rating)}`);
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

  test("the calendar covers the booking horizon and agrees with each day's availability", async () => {
    const today = seoulToday();
    const [s] = await allSpaces();
    assert.ok(s, "no space");
    const cal = ok(await api.GET("/v1/spaces/{id}/calendar", { params: { path: { id: s.id } } }));
    assert.equal(cal.space_id, s.id);
    assert.equal(cal.from, today);
    assert.equal(cal.to, seoulDate(90));
    assert.equal(cal.days.length, 91);
    for (const [i, d] of cal.days.entries()) {
      assert.equal(d.date, seoulDate(i));
      assert.equal(d.bookable, d.reason === undefined, `${d.date}: ${d.reason}`);
    }
    for (const d of cal.days.slice(1, 4)) {
      const day = ok(
        await api.GET("/v1/spaces/{id}/availability", { params: { path: { id: s.id }, query: { date: d.date } } }),
      );
      assert.equal(d.packages_available, day.packages.filter((p) => p.available).length, `${d.date} packages`);
      assert.equal(d.free_hours, day.hourly?.slots.filter((h) => h.free).length ?? 0, `${d.date} hours`);
      assert.equal(d.closed, day.closed);
    }
    const tooLong = await api.GET("/v1/spaces/{id}/calendar", {
      params: { path: { id: s.id }, query: { from: today, to: seoulDate(92) } },
    });
    assert.deepEqual(problem(tooLong, 422).errors?.map((e) => e.location), ["query.to"]);
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

  test("the zero-setup demo offers three accounts and signs the demo guest in through OpenID Connect", async () => {
    // Play the browser: our login redirects to the (development) provider,
    // which, with no login_hint, answers a page offering three accounts.
    const login = await fetch(`${apiURL}/v1/auth/kakao/login`, { redirect: "manual" });
    assert.equal(login.status, 302);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    assert.match(cookie, /^ourspace_login=/);
    const provider = new URL(login.headers.get("location") ?? "");
    assert.equal(provider.searchParams.get("code_challenge_method"), "S256");
    assert.ok(provider.searchParams.get("nonce"), "no nonce in the login URL");
    const chooser = await fetch(provider, { redirect: "manual" });
    assert.equal(chooser.status, 200);
    assert.match(chooser.headers.get("content-type") ?? "", /^text\/html/);
    const page = await chooser.text();
    assert.match(page, /데모 게스트/);
    assert.match(page, /데모 호스트/);
    assert.match(page, /새 사용자/);
    const links = [...page.matchAll(/href="([^"]*)"/g)].map((m) => new URL(m[1]!.replaceAll("&amp;", "&"), provider));
    assert.deepEqual(
      links.map((l) => l.searchParams.get("login_hint")),
      ["demo-guest", "demo-host", "new"],
    );
    for (const link of links) {
      assert.equal(link.origin + link.pathname, provider.origin + provider.pathname);
      for (const [name, value] of provider.searchParams) {
        const hint = link.searchParams.get("login_hint");
        assert.equal(link.searchParams.get(name), value, `the ${hint} link changed ${name}`);
      }
    }

    // Choosing the demo guest goes on to our callback and the front end.
    const { tokens, me } = await finishSignIn(links[0]!, cookie);
    assert.equal(tokens.token_type, "Bearer");
    assert.equal(tokens.new_user, false, "the demo guest is seeded, not created at sign-in");
    assert.equal(me.nickname, "데모 게스트");
    assert.equal(me.points_balance, demoPoints);

    // Rotate, then sign out: the old access token stops working.
    const rotated = ok(await api.POST("/v1/auth/refresh", { body: { refresh_token: tokens.refresh_token } }));
    const signedIn = createOurSpaceClient({ baseUrl: apiURL, accessToken: rotated.access_token });
    const ledger = ok(await signedIn.GET("/v1/me/points"));
    assert.equal(ledger.items.length, 1, "the demo guest has more than the one welcome grant");
    assert.equal(ledger.items.reduce((sum, e) => sum + e.amount, 0), me.points_balance);
    const out = await signedIn.POST("/v1/auth/logout");
    assert.equal(out.response.status, 204);
    const after = await signedIn.GET("/v1/me");
    assert.equal(after.response.status, 401);
    assert.equal(after.error?.status, 401);
  });

  test("a login code works only in the browser that signed in", async () => {
    const mine = await startLogin("new");
    const { code, cookie } = await land(mine.provider, mine.cookie);
    // Lifted into another browser: one with no cookie, one with a login of its own.
    problem(await api.POST("/v1/auth/login-code", { body: { code } }), 401);
    const theirs = await startLogin("new");
    const other = await land(theirs.provider, theirs.cookie);
    problem(await api.POST("/v1/auth/login-code", { body: { code }, headers: { cookie: other.cookie } }), 401);
    // Still good in its own browser, once.
    const tokens = ok(await api.POST("/v1/auth/login-code", { body: { code }, headers: { cookie } }));
    assert.equal(tokens.new_user, true);
    problem(await api.POST("/v1/auth/login-code", { body: { code }, headers: { cookie } }), 401);
  });

  test("a refresh retried at once gets the same successor; the session lives on", async () => {
    const { tokens } = await signIn("new");
    const [a, b] = await Promise.all([
      api.POST("/v1/auth/refresh", { body: { refresh_token: tokens.refresh_token } }),
      api.POST("/v1/auth/refresh", { body: { refresh_token: tokens.refresh_token } }),
    ]);
    const [first, second] = [ok(a), ok(b)];
    assert.equal(first.refresh_token, second.refresh_token);
    assert.equal(a.response.headers.get("cache-control"), "no-store");
    for (const t of [first, second]) {
      const me = await createOurSpaceClient({ baseUrl: apiURL, accessToken: t.access_token }).GET("/v1/me");
      assert.equal(me.response.status, 200);
    }
    ok(await api.POST("/v1/auth/refresh", { body: { refresh_token: first.refresh_token } }));
  });

  test("login_hint=new makes a new account each time, with the welcome points", async () => {
    const [first, second] = [await signIn("new"), await signIn("new")];
    for (const s of [first, second]) {
      assert.equal(s.tokens.new_user, true);
      assert.equal(s.me.points_balance, welcomePoints);
      assert.match(s.me.nickname, /^새 사용자 \d{4}$/);
    }
    assert.notEqual(first.me.id, second.me.id);
  });

  test("a new user books a package, pays, lists, gets a refund quote and cancels", async () => {
    const guest = await signIn("new");
    const rival = await signIn("new");
    const offer = await findOffer(seoulDate(8), (s) => !s.needs_approval, true);

    const key = randomUUID();
    const booking = await book(guest, offer, key);
    assert.equal(booking.status, "payment_due");
    assert.ok(booking.deadline, "a payment hold without a deadline");
    const holdMinutes = (Date.parse(booking.deadline) - Date.parse(booking.created_at)) / 60_000;
    assert.ok(holdMinutes > 14 && holdMinutes <= 15, `a hold of ${holdMinutes} minutes, want 15`);
    assert.equal(booking.price, offer.price);
    assert.equal(booking.package_id, offer.what.package_id);
    assert.equal(booking.space_id, offer.space.id);
    assert.equal(booking.guest_id, guest.me.id);
    assert.equal(booking.host_id, offer.space.host.id);
    assert.equal(booking.date, offer.date);
    assert.deepEqual(booking.contact, contact);
    // A retry (same key, same request) answers the same booking.
    assert.equal((await book(guest, offer, key)).id, booking.id, "the retry made another booking");

    const paid = ok(
      await guest.client.POST("/v1/bookings/{id}/pay", { params: { path: { id: booking.id }, header: idempotent() } }),
    );
    assert.equal(paid.status, "confirmed");
    assert.ok(paid.paid_at, "no paid_at");
    assert.equal(ok(await guest.client.GET("/v1/me")).points_balance, welcomePoints - offer.price);

    // The package is taken while the booking stands.
    const taken = problem(
      await rival.client.POST("/v1/bookings", { params: { header: idempotent() }, body: bookingOf(offer) }),
      409,
    );
    const range = taken.errors?.[0]?.value as { start?: string; end?: string } | undefined;
    assert.ok(range?.start && range.end, `no taken range in ${JSON.stringify(taken)}`);
    assert.equal(Date.parse(range.start), Date.parse(booking.start));
    assert.equal(Date.parse(range.end), Date.parse(booking.end));

    const upcoming = ok(await guest.client.GET("/v1/me/bookings", { params: { query: { status: "upcoming" } } }));
    const listed = upcoming.items.find((b) => b.id === booking.id);
    assert.ok(listed, `booking ${booking.id} is not upcoming`);
    assert.equal(listed.status, "confirmed");
    assert.equal(listed.space?.id, offer.space.id);
    assert.equal(listed.space?.title, offer.space.title);
    assert.equal(listed.space?.address, offer.space.address);
    assert.equal((await getBooking(guest, booking.id)).status, "confirmed");

    const quote = ok(
      await guest.client.GET("/v1/bookings/{id}/refund-quote", { params: { path: { id: booking.id } } }),
    );
    assert.equal(quote.booking_id, booking.id);
    assert.equal(quote.paid, offer.price);
    assert.equal(quote.by_host, false);
    assert.equal(quote.refund, Math.floor((offer.price * quote.percent) / 100));
    assert.ok(quote.days_before >= 7 && quote.days_before <= 8, `days_before ${quote.days_before}`);

    const cancelled = ok(
      await guest.client.POST("/v1/bookings/{id}/cancel", {
        params: { path: { id: booking.id }, header: idempotent() },
      }),
    );
    assert.equal(cancelled.booking.status, "cancelled_by_guest");
    assert.equal(cancelled.refund.refund, quote.refund);
    assert.equal(cancelled.booking.refunded, quote.refund);
    assert.ok(cancelled.booking.cancelled_at, "no cancelled_at");

    const me = ok(await guest.client.GET("/v1/me"));
    assert.equal(me.points_balance, welcomePoints - offer.price + quote.refund);
    const ledger = ok(await guest.client.GET("/v1/me/points"));
    assert.equal(ledger.items.reduce((sum, e) => sum + e.amount, 0), me.points_balance);
    assert.deepEqual(
      ledger.items.map((e) => [e.kind, e.amount]).reverse(),
      [["grant", welcomePoints], ["payment", -offer.price], ...(quote.refund > 0 ? [["refund", quote.refund]] : [])],
    );
    const gone = ok(await guest.client.GET("/v1/me/bookings", { params: { query: { status: "upcoming" } } }));
    assert.ok(!gone.items.some((b) => b.id === booking.id), "a cancelled booking is still upcoming");
    const tab = ok(await guest.client.GET("/v1/me/bookings", { params: { query: { status: "cancelled" } } }));
    assert.ok(tab.items.some((b) => b.id === booking.id), "the cancelled booking is not in the cancelled tab");

    // Cancelled, it frees the package for someone else.
    const second = await book(rival, offer);
    assert.equal(second.status, "payment_due");
    assert.equal(second.price, offer.price);
  });

  test("a retried payment pays once; another request under a used Idempotency-Key is a 422 naming it", async () => {
    const guest = await signIn("new");
    const offer = await findOffer(seoulDate(12), (s) => !s.needs_approval, true);
    const key = randomUUID();
    const first = await book(guest, offer, key);

    const payKey = randomUUID();
    for (let attempt = 0; attempt < 2; attempt++) {
      const paid = ok(
        await guest.client.POST("/v1/bookings/{id}/pay", {
          params: { path: { id: first.id }, header: idempotent(payKey) },
        }),
      );
      assert.equal(paid.status, "confirmed", `attempt ${attempt}`);
    }
    assert.equal(ok(await guest.client.GET("/v1/me")).points_balance, welcomePoints - offer.price, "paid twice");

    // The key names that request only: another request under it is refused.
    const other = problem(
      await guest.client.POST("/v1/bookings", {
        params: { header: idempotent(key) },
        body: bookingOf(offer, { purpose: "다른 요청" }),
      }),
      422,
    );
    assert.equal(other.errors?.[0]?.location, "header.Idempotency-Key", JSON.stringify(other));
  });

  test("a head count over the space's capacity is a 422 problem naming body.people", async () => {
    const guest = await signIn("new");
    const offer = await findOffer(seoulDate(9), (s) => !s.needs_approval && s.capacity.max < 500, true);
    const tooMany = problem(
      await guest.client.POST("/v1/bookings", {
        params: { header: idempotent() },
        body: bookingOf(offer, { people: offer.space.capacity.max + 1 }),
      }),
      422,
    );
    assert.equal(tooMany.errors?.[0]?.location, "body.people", JSON.stringify(tooMany));
    assert.equal(ok(await guest.client.GET("/v1/me/bookings")).items.length, 0, "a refused request made a booking");
  });

  test("the demo host approves one request on an approval space and declines another", async () => {
    const host = await signIn("demo-host");
    assert.equal(host.tokens.new_user, false, "the demo host is seeded, not created at sign-in");
    assert.equal(host.me.nickname, "데모 호스트");

    // The host's spaces, found through the listing.
    const hosted: SpaceDetail[] = [];
    for (const s of await allSpaces()) {
      const d = await detail(s.id);
      if (d.host.id === host.me.id) {
        hosted.push(d);
      }
    }
    const approval = hosted.filter((s) => s.needs_approval);
    assert.ok(approval.length >= 5, `the demo host has ${approval.length} approval spaces of ${hosted.length}`);
    assert.ok(approval.length < hosted.length, "the demo host has no instant space");

    // Two requests for one of them, on two dates.
    const offers: Offer[] = [];
    for (const space of approval) {
      offers.length = 0;
      for (let days = 10; days < 30 && offers.length < 2; days++) {
        const offer = await offerOn(space, seoulDate(days), false);
        if (offer) {
          offers.push(offer);
        }
      }
      if (offers.length === 2) {
        break;
      }
    }
    assert.equal(offers.length, 2, "no approval space of the demo host is bookable on two dates");
    const [approved, declined] = [offers[0]!, offers[1]!];

    const guest = await signIn("new");
    const request = await book(guest, approved);
    assert.equal(request.status, "requested");
    assert.ok(request.deadline, "a request without the host's deadline");
    assert.equal(request.host_id, host.me.id);
    assert.equal(request.price, approved.price);

    const hosting = ok(
      await host.client.GET("/v1/me/hosting/bookings", {
        params: { query: { space: approved.space.id, from: approved.date, to: approved.date } },
      }),
    );
    const seen = hosting.items.find((b) => b.id === request.id);
    assert.ok(seen, `the host does not see request ${request.id}`);
    assert.equal(seen.status, "requested");
    assert.deepEqual(seen.contact, contact);
    assert.equal(seen.guest_id, guest.me.id);

    const answered = ok(
      await host.client.POST("/v1/bookings/{id}/approve", {
        params: { path: { id: request.id }, header: idempotent() },
      }),
    );
    assert.equal(answered.status, "payment_due");
    assert.ok(answered.deadline, "an approved request without a payment deadline");
    const paid = ok(
      await guest.client.POST("/v1/bookings/{id}/pay", { params: { path: { id: request.id }, header: idempotent() } }),
    );
    assert.equal(paid.status, "confirmed");
    assert.equal(ok(await guest.client.GET("/v1/me")).points_balance, welcomePoints - approved.price);
    assert.equal((await getBooking(host, request.id)).status, "confirmed");

    // Another guest's request, declined: nothing is paid, and it is under cancelled.
    const other = await signIn("new");
    const second = await book(other, declined);
    assert.equal(second.status, "requested");
    const refused = ok(
      await host.client.POST("/v1/bookings/{id}/decline", {
        params: { path: { id: second.id }, header: idempotent() },
      }),
    );
    assert.equal(refused.status, "declined");
    assert.equal((await getBooking(other, second.id)).status, "declined");
    const tab = ok(await other.client.GET("/v1/me/bookings", { params: { query: { status: "cancelled" } } }));
    assert.ok(tab.items.some((b) => b.id === second.id), "the declined request is not in the cancelled tab");
    assert.equal(ok(await other.client.GET("/v1/me")).points_balance, welcomePoints);
  });

  test("a new host lists a space with two photos, finds it in search, reorders, hides it and sees it leave search", async () => {
    const host = await signIn("new");
    const [districts, categories, facilities] = [
      ok(await api.GET("/v1/districts")),
      ok(await api.GET("/v1/categories")),
      ok(await api.GET("/v1/facilities")),
    ];
    // Real photos: two of a demo space's JPEGs, sent under misleading names.
    const demo = ok(await api.GET("/v1/spaces", { params: { query: { limit: 1 } } })).items[0]!;
    const photos = await Promise.all(
      demo.photos.slice(0, 2).map(async (p, i) => {
        const res = await fetch(p.url);
        assert.equal(res.status, 200, `demo photo ${p.url}`);
        return new File([await res.blob()], `photo-${i}.gif`, { type: "image/gif" });
      }),
    );
    assert.equal(photos.length, 2, "the demo space has fewer than two photos");
    const word = `별빛${randomUUID().slice(0, 6)}`;
    const listing: SpaceInput = {
      title: `${word} 파티룸`,
      subtitle: "클라이언트 테스트",
      category_id: categories.items[0]!.id,
      district_id: districts.items[0]!.id,
      address: "서울 강남구 테헤란로 1",
      lat: 37.5,
      lng: 127.04,
      capacity: { min: 2, max: 10 },
      facility_ids: [facilities.items[0]!.id],
      opening_hours: [{ weekday: "sat", open: "10:00", close: "22:00" }],
      hourly: { price_per_hour: 20000, min_hours: 2 },
      packages: [{ name: "올나잇", start: "22:00", end: "06:00", price: 90000 }],
      refund_policy: { name: "standard" },
    };
    const created = await host.client.POST("/v1/spaces", {
      body: { listing, photos },
      bodySerializer: multipartBody,
    });
    assert.equal(created.response.status, 201, JSON.stringify(created.error));
    const space = ok(created);
    assert.equal(created.response.headers.get("location"), `/v1/spaces/${space.id}`);
    assert.equal(space.status, "active");
    assert.equal(space.photos.length, 2);
    for (const p of space.photos) {
      for (const url of [p.url, p.thumbnail_url]) {
        const res = await fetch(url);
        assert.equal(res.status, 200, url);
        assert.equal(res.headers.get("content-type"), "image/jpeg");
      }
    }
    assert.equal(space.lowest_price, 40000);

    const inSearch = async (): Promise<boolean> =>
      ok(await api.GET("/v1/spaces", { params: { query: { q: word } } })).items.some((s) => s.id === space.id);
    assert.ok(await inSearch(), "the new space is not found by its title");
    const detail = ok(await api.GET("/v1/spaces/{id}", { params: { path: { id: space.id } } }));
    assert.deepEqual(
      detail.photos.map((p) => p.id),
      space.photos.map((p) => p.id),
    );

    const order = [space.photos[1]!.id, space.photos[0]!.id];
    const reordered = ok(
      await host.client.PUT("/v1/spaces/{id}/photos/order", {
        params: { path: { id: space.id } },
        body: { photo_ids: order },
      }),
    );
    assert.deepEqual(
      reordered.photos.map((p) => p.id),
      order,
    );

    // A text file under a photo's name is refused, naming the part.
    const bad = await host.client.POST("/v1/spaces/{id}/photos", {
      params: { path: { id: space.id } },
      body: { photos: [new File(["not an image"], "cat.jpg", { type: "image/jpeg" })] },
      bodySerializer: multipartBody,
    });
    assert.equal(problem(bad, 422).errors?.[0]?.location, "body.photos[2]");

    const hidden = ok(
      await host.client.POST("/v1/spaces/{id}/status", {
        params: { path: { id: space.id } },
        body: { status: "hidden" },
      }),
    );
    assert.equal(hidden.status, "hidden");
    assert.equal(await inSearch(), false, "a hidden space is still found");
    problem(await api.GET("/v1/spaces/{id}", { params: { path: { id: space.id } } }), 404);
    const mine = ok(await host.client.GET("/v1/me/spaces"));
    assert.deepEqual(
      mine.items.map((s) => [s.id, s.status]),
      [[space.id, "hidden"]],
    );
  });

  test("the demo guest likes a space, sees it in their likes and liked in search and detail, and takes it back", async () => {
    const guest = await signIn("demo-guest");
    const page = ok(await guest.client.GET("/v1/spaces", { params: { query: { limit: 100 } } }));
    const target = page.items.find((s) => !s.liked);
    assert.ok(target, "the demo guest likes every space of the first page");
    const path = { params: { path: { id: target.id } } };

    const liked = ok(await guest.client.PUT("/v1/spaces/{id}/like", path));
    assert.deepEqual([liked.space_id, liked.liked, liked.like_count], [target.id, true, target.like_count + 1]);
    const again = ok(await guest.client.PUT("/v1/spaces/{id}/like", path));
    assert.equal(again.like_count, liked.like_count, "liking twice counted twice");

    const mine = ok(await guest.client.GET("/v1/me/likes"));
    assert.equal(mine.items[0]?.id, target.id, "the latest like is not first in my likes");
    assert.equal(mine.items[0]?.status, "active");
    assert.equal(mine.items[0]?.liked, true);
    const seen = ok(await guest.client.GET("/v1/spaces", { params: { query: { limit: 100 } } }));
    assert.equal(seen.items.find((s) => s.id === target.id)?.liked, true, "search does not show the like");
    assert.equal(ok(await guest.client.GET("/v1/spaces/{id}", path)).liked, true, "detail does not show the like");
    assert.equal(ok(await api.GET("/v1/spaces/{id}", path)).liked, false, "an anonymous caller sees the like");

    const unliked = ok(await guest.client.DELETE("/v1/spaces/{id}/like", path));
    assert.deepEqual([unliked.liked, unliked.like_count], [false, target.like_count]);
    assert.ok(!ok(await guest.client.GET("/v1/me/likes")).items.some((s) => s.id === target.id));
    problem(await api.PUT("/v1/spaces/{id}/like", path), 401);
  });

  test("the demo guest reviews a recent visit with a photo; the demo host is notified, replies, and the guest is notified", async () => {
    // The admin-free path to a completed booking: the demo seed gives the
    // demo guest recent, completed, unreviewed visits at the demo host's.
    const guest = await signIn("demo-guest");
    const host = await signIn("demo-host");
    const past = ok(await guest.client.GET("/v1/me/bookings", { params: { query: { status: "past", limit: 100 } } }));
    const visit = past.items.find((b) => b.reviewable && b.host_id === host.me.id);
    assert.ok(visit, "the demo guest has no reviewable visit at the demo host's");
    assert.equal(visit.status, "completed");
    assert.equal(visit.review_id, undefined);

    const demo = ok(await api.GET("/v1/spaces", { params: { query: { limit: 1 } } })).items[0]!;
    const photo = new File([await (await fetch(demo.photos[0]!.url)).blob()], "visit.jpg", { type: "image/jpeg" });
    const text = "방음이 좋아서 밤늦게까지 합주했어요.\n다음에 또 올게요!";
    const created = await guest.client.POST("/v1/bookings/{id}/review", {
      params: { path: { id: visit.id } },
      body: { rating: 4, body: text, photos: [photo] },
      bodySerializer: multipartBody,
    });
    assert.equal(created.response.status, 201, JSON.stringify(created.error));
    const review = ok(created);
    assert.equal(review.body, text, "the text did not come back as written");
    assert.equal(review.rating, 4);
    assert.equal(review.photos.length, 1);
    assert.equal((await fetch(review.photos[0]!.url)).status, 200);
    // The booking now names its review, and cannot be reviewed again.
    const reviewed = ok(await guest.client.GET("/v1/bookings/{id}", { params: { path: { id: visit.id } } }));
    assert.equal(reviewed.review_id, review.id);
    assert.equal(reviewed.reviewable, false);
    // Once only.
    const again = await guest.client.POST("/v1/bookings/{id}/review", {
      params: { path: { id: visit.id } },
      body: { rating: 5, body: "두 번째 리뷰는 안 됩니다." },
      bodySerializer: multipartBody,
    });
    problem(again, 409);

    const listed = ok(
      await api.GET("/v1/spaces/{id}/reviews", { params: { path: { id: visit.space_id }, query: { sort: "newest" } } }),
    );
    assert.equal(listed.items[0]?.id, review.id, "the new review is not the newest of its space");
    const detail = ok(await api.GET("/v1/spaces/{id}", { params: { path: { id: visit.space_id } } }));
    assert.ok(
      detail.latest_reviews.some((r) => r.id === review.id),
      "the space's detail does not show the new review",
    );

    // The host hears of it, replies once; the guest hears of the reply.
    const hostNotes = ok(await host.client.GET("/v1/me/notifications"));
    const posted = hostNotes.items.find((n) => n.kind === "review_posted" && n.review_id === review.id);
    assert.ok(posted, "the demo host has no notification of the review");
    assert.ok(hostNotes.unread >= 1);
    const replied = await host.client.POST("/v1/reviews/{id}/reply", {
      params: { path: { id: review.id } },
      body: { body: "찾아주셔서 감사합니다!" },
    });
    assert.ok(replied.response.ok, `reply: ${replied.response.status} ${JSON.stringify(replied.error)}`);
    problem(
      await guest.client.POST("/v1/reviews/{id}/reply", { params: { path: { id: review.id } }, body: { body: "제가 답글을?" } }),
      404,
    );
    const guestNotes = ok(await guest.client.GET("/v1/me/notifications"));
    const reply = guestNotes.items.find((n) => n.kind === "review_replied" && n.review_id === review.id);
    assert.ok(reply, "the guest has no notification of the reply");
    const read = ok(await guest.client.POST("/v1/me/notifications/read", { body: { ids: [reply.id] } }));
    assert.equal(read.marked, 1);
    assert.equal(read.unread, guestNotes.unread - 1);
    const shown = ok(await api.GET("/v1/reviews/{id}", { params: { path: { id: review.id } } }));
    assert.equal(shown.reply?.body, "찾아주셔서 감사합니다!");
  });
});
