// The guest's way through the product: search with filters → a space →
// book a package → pay → my bookings → cancel with the quoted refund.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createOurSpaceClient } from "@ourspace/client";
import { BASE, launch, screenshot, seoulDate, signIn, withPage } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const anon = createOurSpaceClient({ baseUrl: BASE });

/** An instant-booking party room for 4 with a package free on `date`. */
async function findInstantPackage(date) {
  const { data } = await anon.GET("/v1/spaces", { params: { query: { category: [1], people: 4, date, sort: "price_asc", limit: 50 } } });
  for (const s of data.items) {
    const { data: d } = await anon.GET("/v1/spaces/{id}", { params: { path: { id: s.id } } });
    if (d.needs_approval) continue;
    const { data: a } = await anon.GET("/v1/spaces/{id}/availability", { params: { path: { id: s.id }, query: { date } } });
    const pkg = a.packages.find((p) => p.available);
    if (pkg) return { space: d, pkg };
  }
  throw new Error("no instant party room with a free package");
}

test("guest searches with filters, books a package, pays, and cancels with the quoted refund", async (t) => {
  const date = seoulDate(20);
  const { space, pkg } = await findInstantPackage(date);
  const words = space.title.split(/\s+/).slice(0, 3).join(" "); // q takes at most 3 words
  await withPage(t, browser, async (page) => {
    await signIn(page, "데모 게스트");

    // Search: text, head count, date and category, all kept in the URL.
    await page.goto(`${BASE}/search`);
    await page.getByRole("searchbox").or(page.getByPlaceholder("공간 이름, 주소 검색")).first().fill(words);
    await page.getByText("필터", { exact: false }).first().click();
    await page.getByLabel("인원").fill("4");
    await page.getByLabel("날짜").fill(date);
    await page.getByRole("checkbox", { name: "파티룸" }).check();
    await page.getByRole("button", { name: "필터 적용" }).click();
    await page.waitForURL((u) => u.searchParams.get("people") === "4");
    const url = new URL(page.url());
    assert.equal(url.searchParams.get("date"), date);
    assert.equal(url.searchParams.get("category"), "1");
    assert.equal(url.searchParams.get("q"), words);
    await assert.doesNotReject(page.getByTestId("result-count").filter({ hasText: /\d+개/ }).waitFor());
    const card = page.getByRole("link", { name: new RegExp(escape(space.title)) }).first();
    await card.waitFor();
    // The map shows a marker per result even though no tile can load here.
    assert.ok((await page.locator(".space-marker").count()) >= 1, "map markers");
    await screenshot(page, "search");

    // The tiles are the server's run-time setting (scripts/test-web.sh), with its credit.
    const tiles = process.env.OURSPACE_MAP_TILE_URL;
    if (tiles) {
      await page.locator(`.leaflet-tile-pane img[src^="${tiles.slice(0, tiles.indexOf("{"))}"]`).first().waitFor({ state: "attached" });
      await page.locator(".leaflet-control-attribution").filter({ hasText: process.env.OURSPACE_MAP_ATTRIBUTION }).waitFor();
    }
    // Keyboard: from the map, Tab reaches a marker (its tooltip opens) and Enter opens its space.
    await page.locator(".map").focus();
    await page.keyboard.press("Tab");
    const markerSpace = await page.evaluate(() => document.activeElement?.getAttribute("data-space"));
    assert.ok(markerSpace, "Tab from the map does not reach a marker");
    await page.locator(".leaflet-tooltip").first().waitFor();
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => u.pathname === `/spaces/${markerSpace}`);
    await page.locator("main h1").first().waitFor();
    await page.goBack();
    await page.waitForURL((u) => u.pathname === "/search" && u.searchParams.get("people") === "4");

    // Back button: the search comes back with its filters.
    await card.click();
    await page.getByRole("heading", { level: 1, name: space.title }).waitFor();
    await page.goBack();
    await page.waitForURL((u) => u.pathname === "/search" && u.searchParams.get("people") === "4");
    await page.getByRole("link", { name: new RegExp(escape(space.title)) }).first().click();

    // Detail: pick the date in the calendar, then the package.
    await page.getByRole("heading", { level: 1, name: space.title }).waitFor();
    await page.getByRole("heading", { name: "환불 규정" }).waitFor();
    const month = Number(date.slice(5, 7));
    const day = page.locator(`[data-date="${date}"]`);
    await page.getByText("숫자는 남은 빈 시간").waitFor(); // the horizon's calendar has arrived
    while (!(await day.count())) await page.getByRole("button", { name: "다음 달" }).click();
    // Every day of the month shown is enabled exactly when the API's calendar can book it.
    const { data: cal } = await anon.GET("/v1/spaces/{id}/calendar", { params: { path: { id: space.id } } });
    const bookable = new Map(cal.days.map((d) => [d.date, d.bookable]));
    let compared = 0;
    for (const b of await page.locator(".cal-day[data-date]").all()) {
      const d = await b.getAttribute("data-date");
      if (!bookable.has(d)) continue;
      assert.equal(await b.isDisabled(), !bookable.get(d), `${d}: ${await b.getAttribute("aria-label")}`);
      compared++;
    }
    assert.ok(compared >= 10, `${compared} days compared`);
    const packagesBefore = Number((await day.getAttribute("aria-label")).match(/패키지 (\d+)개/)?.[1]);
    assert.ok(packagesBefore >= 1, `${await day.getAttribute("aria-label")}`);
    await day.click();
    const bookPkg = page.getByRole("button", { name: `${pkg.name} 예약` });
    await bookPkg.waitFor();
    assert.ok(month >= 1);
    await screenshot(page, "detail");
    await bookPkg.click();

    // Booking form: a broken rule is shown next to its field.
    await page.getByRole("heading", { name: "예약하기" }).waitFor();
    await page.getByLabel("연락처").fill("010-1234-5678");
    await page.getByLabel("이용 목적").fill("생일 파티");
    await page.getByLabel(/^인원/).fill("999");
    await page.getByRole("button", { name: "예약 신청" }).click();
    const peopleError = page.locator(".field.invalid").filter({ has: page.getByLabel(/^인원/) }).locator(".field-error");
    await peopleError.waitFor();
    await page.getByLabel(/^인원/).fill("4");
    await screenshot(page, "booking");
    await page.getByRole("button", { name: "예약 신청" }).click();

    // Hold with a countdown, then pay with points.
    await page.getByTestId("booking-status").filter({ hasText: "결제 대기" }).waitFor();
    const timer = page.getByRole("timer");
    assert.match(await timer.innerText(), /결제 기한까지 1?\d:\d\d 남음/);
    const bookingId = Number(new URL(page.url()).pathname.split("/").pop());
    await page.getByRole("button", { name: "포인트로 결제" }).click();
    await page.getByTestId("booking-status").filter({ hasText: "예약 확정" }).waitFor();
    await page.getByRole("status").filter({ hasText: "예약이 확정되었습니다" }).waitFor();

    // The space's calendar counts the package as taken now.
    await page.goto(`${BASE}/spaces/${space.id}?date=${date}`);
    await page.getByText("숫자는 남은 빈 시간").waitFor();
    while (!(await day.count())) await page.getByRole("button", { name: "다음 달" }).click();
    const after = await day.getAttribute("aria-label");
    const packagesAfter = Number(after.match(/패키지 (\d+)개/)?.[1] ?? 0);
    assert.ok(packagesAfter < packagesBefore, `${after}: was ${packagesBefore} packages`);
    await page.goto(`${BASE}/bookings/${bookingId}`);
    await page.getByTestId("booking-status").filter({ hasText: "예약 확정" }).waitFor();

    // My bookings: the new one is upcoming.
    await page.getByRole("link", { name: "내 예약", exact: true }).first().click();
    await page.getByRole("tab", { name: "예정" }).waitFor();
    const row = page.locator(`a[href="/bookings/${bookingId}"]`);
    await row.waitFor();
    await row.click();

    // Cancel: the refund is quoted before it is confirmed, and is what is refunded.
    await page.getByRole("button", { name: "예약 취소" }).click();
    const quote = page.getByTestId("refund-quote");
    await quote.waitFor();
    const quoted = (await quote.innerText()).match(/중 (₩[\d,]+)/)?.[1];
    assert.ok(quoted, `a quoted refund in "${await quote.innerText()}"`);
    await page.getByRole("button", { name: `${quoted} 환불받고 취소` }).click();
    await page.getByTestId("booking-status").filter({ hasText: "취소됨" }).waitFor();
    if (quoted !== "₩0") {
      await page.locator("dd", { hasText: quoted }).first().waitFor();
    }
    // And it moved to the cancelled tab.
    await page.goto(`${BASE}/me/bookings?tab=cancelled`);
    await page.locator(`a[href="/bookings/${bookingId}"]`).waitFor();
  }, { allow: [/status of 422 .*\/v1\/bookings\)/] });
});

test("the space's calendar offers exactly the booking horizon: today to today + 90 days", async (t) => {
  // A space the API's own calendar (without parameters: the whole horizon) can book on its last day.
  const { data: found } = await anon.GET("/v1/spaces", { params: { query: { date: seoulDate(90), sort: "price_asc", limit: 10 } } });
  let id, api;
  for (const s of found.items) {
    ({ data: api } = await anon.GET("/v1/spaces/{id}/calendar", { params: { path: { id: s.id } } }));
    id = s.id;
    if (api.days.at(-1).bookable) break;
  }
  assert.ok(api.days.at(-1).bookable, "no space bookable on the horizon's last day");
  assert.equal(api.from, seoulDate(0));
  assert.equal(api.to, seoulDate(90));
  assert.equal(api.days.length, 91);
  await withPage(t, browser, async (page) => {
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === `/v1/spaces/${id}/calendar`);
    await page.goto(`${BASE}/spaces/${id}`);
    const response = await answered;
    const shown = await response.json(); // what the page got, a moment after the API's answer above
    assert.equal(new URL(response.url()).searchParams.get("from"), api.from);
    assert.equal(shown.to, api.to, "the page asked for another horizon than the API's");
    await page.getByText("숫자는 남은 빈 시간").waitFor();
    // Every month, from today's to the last one: each day of the horizon is
    // enabled exactly when the calendar the page got can book it; none outside.
    const bookable = new Map(shown.days.map((d) => [d.date, d.bookable]));
    const seen = new Set();
    const next = page.getByRole("button", { name: "다음 달" });
    for (;;) {
      for (const b of await page.locator(".cal-day[data-date]").all()) {
        const d = await b.getAttribute("data-date");
        const label = await b.getAttribute("aria-label");
        if (bookable.has(d)) {
          assert.equal(await b.isDisabled(), !bookable.get(d), `${d}: ${label}`);
          seen.add(d);
        } else {
          assert.ok(await b.isDisabled(), `${d} is outside the horizon but enabled`);
          if (d > api.to) assert.match(label, /예약 가능 기간이 아님$/);
        }
      }
      if (await next.isDisabled()) break;
      await next.click();
    }
    assert.equal(seen.size, 91, "days of the horizon shown");
    assert.equal((await page.locator(".cal-head h3").innerText()).replace(/\s+/g, " "), `${Number(api.to.slice(0, 4))}년 ${Number(api.to.slice(5, 7))}월`);
    // The last day can be picked.
    assert.ok(bookable.get(api.to), `${api.to} is no longer bookable`);
    await page.locator(`[data-date="${api.to}"]`).click();
    await page.getByRole("heading", { level: 3, name: new RegExp(`${Number(api.to.slice(8))}일`) }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get("date"), api.to);
    // …and its availability offers something to book.
    await page.locator(".day-slots button.primary").first().waitFor();
  });
});

for (const [label, width] of [["desktop", 1280], ["360 px", 360]]) {
  test(`keyboard users skip the search map and its markers with one link (${label})`, async (t) => {
    await withPage(
      t,
      browser,
      async (page) => {
        await page.goto(`${BASE}/search?people=4`);
        await page.locator(".space-marker").nth(1).waitFor(); // a map with markers to skip
        const markers = await page.locator(".space-marker").count();
        const focused = () =>
          page.evaluate(() => {
            const el = document.activeElement;
            return { text: el?.textContent?.trim(), id: el?.id, href: el?.getAttribute("href"), space: el?.getAttribute("data-space"), inList: !!el?.closest("#search-results") };
          });
        // The stop after the map toggle is the skip link, shown while it has focus, over the map.
        await page.getByRole("button", { name: "지도 숨기기" }).focus();
        await page.keyboard.press("Tab");
        assert.equal((await focused()).text, "지도 건너뛰기");
        const skip = page.getByRole("link", { name: "지도 건너뛰기" });
        const box = await skip.boundingBox();
        const map = await page.locator(".map").boundingBox();
        assert.ok(box && box.width > 40 && box.height > 16, `the focused skip link is not visible: ${JSON.stringify(box)}`);
        assert.ok(box.y >= map.y && box.y + box.height <= map.y + map.height, "the skip link is not over the map");
        // Without it, every marker is a stop before the list.
        let stops = 0;
        for (let f = await focused(); !f.inList && stops < markers + 20; f = await focused()) {
          await page.keyboard.press("Tab");
          stops++;
        }
        assert.ok(stops > markers, `${stops} stops to the list past ${markers} markers`);
        // With it: Enter, and the next Tab is the first result of the list.
        await skip.focus();
        await page.keyboard.press("Enter");
        assert.equal((await focused()).id, "search-results");
        assert.equal(new URL(page.url()).hash, "", "the skip link changed the URL");
        await page.keyboard.press("Tab");
        const first = await page.locator("#search-results a.card-link").first().getAttribute("href");
        const after = await focused();
        assert.ok(after.inList && after.href === first, `Tab after the skip reached ${JSON.stringify(after)}, not ${first}`);
        // Hidden again once focus has left it.
        assert.ok(((await skip.boundingBox())?.width ?? 0) <= 1, "the skip link stays shown");
      },
      { width, height: 800 },
    );
  });
}

function escape(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
