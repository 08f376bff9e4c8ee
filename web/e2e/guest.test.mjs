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
    await page.getByText("숫자는 남은 빈 시간").waitFor(); // the 90-day calendar has arrived
    while (!(await day.count())) await page.getByRole("button", { name: "다음 달" }).click();
    // Every day of the month shown is enabled exactly when the API's calendar can book it.
    const { data: cal } = await anon.GET("/v1/spaces/{id}/calendar", { params: { path: { id: space.id } } });
    const bookable = new Map(cal.days.map((d) => [d.date, d.bookable]));
    let compared = 0;
    for (const b of await page.locator(".cal-day[data-date]").all()) {
      const d = await b.getAttribute("data-date");
      if (!bookable.has(d) || d > seoulDate(89)) continue;
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

function escape(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
