// The states of every page the nav reaches: empty (a brand-new user has
// nothing yet), loading, and an API failure (503) shown in Korean with a
// retry that recovers. axe-core checks the empty and the error states too.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { axe, BASE, clientOf, launch, signIn, withPage } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

for (const [label, width] of [["360 px", 360], ["desktop", 1280]]) {
  test(`a new user sees each page's empty state (${label})`, async (t) => {
    await withPage(
      t,
      browser,
      async (page) => {
        await signIn(page, "새 사용자");
        const empty = [
          ["/me/bookings", "예약이 없습니다."],
          ["/me/bookings?tab=past", "예약이 없습니다."],
          ["/me/bookings?tab=cancelled", "예약이 없습니다."],
          ["/me/likes", "찜한 공간이 없습니다."],
          ["/me/notifications", "알림이 없습니다."],
          ["/host", "아직 등록한 공간이 없습니다."],
          ["/host/requests", "들어온 예약이 없습니다."],
          [`/search?q=${encodeURIComponent("없는공간이름")}`, "조건에 맞는 공간이 없습니다."],
        ];
        // Points are never empty for a new user: the welcome grant is their one entry.
        const { data: points } = await (await clientOf(page)).GET("/v1/me/points", { params: { query: { limit: 5 } } });
        assert.equal(points.items.length, 1, "a new user's ledger");
        await page.goto(`${BASE}/me/points`);
        await page.locator("main tbody tr").filter({ hasText: "적립" }).waitFor();
        assert.equal(await page.locator("main tbody tr").count(), 1);
        for (const [path, text] of empty) {
          await page.goto(`${BASE}${path}`);
          await page.locator("main .state.empty").filter({ hasText: text }).waitFor();
          assert.equal(await page.locator("main .state.loading, main .state.error").count(), 0, `${path}: loading or failed beside its empty state`);
          const violations = await axe(page);
          assert.deepEqual(violations, [], `${path}: ${JSON.stringify(violations, null, 1)}`);
        }
      },
      { width, height: 800 },
    );
  });
}

const UNAVAILABLE = JSON.stringify({ title: "Service Unavailable", status: 503, detail: "service unavailable" });

/**
 * Opens path with the API calls matching `api` held (the page shows it is
 * loading), then answered 503 every time (a Korean error with a retry), then
 * let through: the retry shows `ready`.
 */
async function failThenRecover(page, path, api, ready) {
  let release;
  const held = new Promise((r) => (release = r));
  let failed = 0;
  const match = (url) => api.test(url.pathname);
  const handler = async (route) => {
    await held;
    failed++;
    await route.fulfill({ status: 503, contentType: "application/problem+json", headers: { "Retry-After": "5" }, body: UNAVAILABLE });
  };
  await page.route(match, handler);
  await page.goto(`${BASE}${path}`);
  await page.locator("main [role=status]").filter({ hasText: /불러오는 중|찾는 중/ }).first().waitFor();
  release();
  const alert = page.locator("main .state.error[role=alert]").first();
  await alert.waitFor({ timeout: 20_000 }); // after the client's own retries of a 5xx
  assert.equal((await alert.innerText()).split("\n")[0], "서버에 일시적인 문제가 있습니다. 잠시 후 다시 시도하세요.", path);
  assert.ok(failed >= 1, `${path}: no call to ${api} was answered 503`);
  const violations = await axe(page);
  assert.deepEqual(violations, [], `${path} failing: ${JSON.stringify(violations, null, 1)}`);
  await page.unroute(match, handler);
  // Each failed part has its own retry (the home page has two); a part shows its error until its retry succeeds.
  const errors = page.locator("main .state.error");
  for (let n = await errors.count(); n > 0; n = await errors.count()) {
    await errors.first().getByRole("button", { name: "다시 시도" }).click();
    await page.waitForFunction((n) => document.querySelectorAll("main .state.error").length < n, n);
  }
  await page.locator(ready).first().waitFor();
  assert.equal(await page.locator("main .state.error").count(), 0, `${path}: still failing after the retry`);
}

test("every page shows it is loading, then a 503 in Korean with a retry that recovers", async (t) => {
  await withPage(
    t,
    browser,
    async (page) => {
      await signIn(page, "데모 게스트");
      const api = await clientOf(page);
      const { data: found } = await api.GET("/v1/spaces", { params: { query: { limit: 1 } } });
      const { data: mine } = await api.GET("/v1/me/bookings", { params: { query: { status: "past", limit: 1 } } });
      const cases = [
        ["/", /^\/v1\/(categories|districts)$/, "main .tiles a"],
        ["/search?people=4", /^\/v1\/spaces$/, "#search-results .cards a"],
        [`/spaces/${found.items[0].id}`, /^\/v1\/spaces\/\d+$/, "main h1"],
        ["/me/bookings", /^\/v1\/me\/bookings$/, "[role=tabpanel] .rows, [role=tabpanel] .state.empty"],
        ["/me/likes", /^\/v1\/me\/likes$/, "main .cards, main .state.empty"],
        ["/me/notifications", /^\/v1\/me\/notifications$/, "main .rows, main .state.empty"],
        ["/me/points", /^\/v1\/me\/points$/, "main table, main .state.empty"],
        ["/host", /^\/v1\/me\/spaces$/, "main .rows, main .state.empty"],
        ["/host/requests", /^\/v1\/me\/hosting\/bookings$/, "main h2, main .state.empty"],
        ["/host/spaces/new", /^\/v1\/(categories|districts|facilities)$/, "main .checks label.check"],
        [`/bookings/${mine.items[0].id}`, /^\/v1\/bookings\/\d+$/, "[data-testid=booking-status]"],
      ];
      for (const [path, calls, ready] of cases) await failThenRecover(page, path, calls, ready);
    },
    // The answers this test makes up.
    { width: 360, height: 800, allow: [/status of 503/] },
  );
});
