// The silent token refresh against the real server: an access token past
// its stored expiry is renewed before the request, and one the server
// refuses (401) is renewed and the request retried once; the user never
// sees a sign-in page, and the refresh token rotates each time.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { BASE, launch, signIn, withPage } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const KEY = "ourspace.session";

async function session(page) {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "null"), KEY);
}

async function tamper(page, patch) {
  await page.evaluate(
    ([key, patch]) => {
      const s = JSON.parse(localStorage.getItem(key));
      localStorage.setItem(key, JSON.stringify({ ...s, ...patch }));
    },
    [KEY, patch],
  );
}

test("an expired or refused access token is renewed silently", async (t) => {
  await withPage(
    t,
    browser,
    async (page) => {
      await signIn(page, "데모 게스트");
      const first = await session(page);
      assert.ok(first?.accessToken && first.refreshToken, "signed in without a stored session");

      // Past its expiry as stored: renewed before the page's requests.
      await tamper(page, { expiresAt: Date.now() - 1000 });
      const refreshes = []; // statuses of every refresh
      page.on("response", (r) => {
        if (r.url() === `${BASE}/v1/auth/refresh`) refreshes.push(r.status());
      });
      const refreshed = page.waitForResponse((r) => r.url() === `${BASE}/v1/auth/refresh`);
      await page.goto(`${BASE}/me/points`);
      await refreshed;
      await page.getByTestId("points-balance").filter({ hasText: /^₩[\d,]+$/ }).waitFor();
      const second = await session(page);
      // (The access token may be the same string: issued within the same second, for the same session.)
      assert.notEqual(second.refreshToken, first.refreshToken, "the refresh token did not rotate");
      assert.ok(second.expiresAt > Date.now() + 5 * 60_000, "the new token expires too soon");
      assert.deepEqual(refreshes, [200], "concurrent requests refreshed more than once, or were refused");

      // Refused by the server though not expired here: renewed, and the request retried.
      await tamper(page, { accessToken: "not-a-valid-token", expiresAt: Date.now() + 10 * 60_000 });
      const retried = page.waitForResponse((r) => r.url() === `${BASE}/v1/auth/refresh`);
      await page.goto(`${BASE}/me/bookings`);
      await retried;
      await page.getByRole("heading", { level: 1, name: "내 예약" }).waitFor();
      await page.locator("[role=tabpanel] .rows, [role=tabpanel] .state").first().waitFor();
      assert.equal(await page.locator("[role=tabpanel] .state.error").count(), 0, "the list failed");
      const third = await session(page);
      assert.ok(third && third.accessToken !== "not-a-valid-token" && third.refreshToken !== second.refreshToken);
      await page.getByRole("button", { name: "로그아웃" }).or(page.getByRole("link", { name: "로그아웃" })).waitFor();
      assert.equal(new URL(page.url()).pathname, "/me/bookings", "sent away from the page");
      assert.ok(refreshes.length >= 2 && refreshes.every((st) => st === 200), `refreshes ${refreshes}`);
    },
    // The refused token's own answers; the retries with the renewed one succeed.
    { allow: [/status of 401 .*\/v1\/me/] },
  );
});
