// The host's way: list a space with a photo, find it in search, and approve
// a guest's request (the guest books through the app in another browser).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { BASE, clientOf, createSpace, launch, openPage, pngPhoto, pngPhotos, seoulDate, signIn, withPage } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("host lists a space with a photo and finds it in search", async (t) => {
  const title = `E2E 테스트 파티룸 ${Date.now() % 100000}`;
  const photo = await pngPhoto(browser);
  await withPage(t, browser, async (page) => {
    await signIn(page, "데모 호스트");
    await page.getByRole("link", { name: "호스트" }).click();
    await page.getByRole("link", { name: "새 공간 등록" }).click();
    await page.getByLabel("공간 이름").fill(title);
    await page.getByLabel("한 줄 소개").fill("브라우저 테스트로 등록한 공간");
    await page.getByLabel("공간 유형").selectOption({ label: "파티룸" });
    await page.getByLabel("지역(구)").selectOption({ label: "마포구" });
    await page.getByLabel("주소").fill("서울 마포구 양화로 45");
    await page.getByLabel("최대 인원").fill("12");
    await page.getByRole("checkbox", { name: "Wi-Fi" }).check();
    await page.getByLabel("시간당 가격(원)").fill("25000");
    await page.getByRole("button", { name: "패키지 추가" }).click();
    await page.getByLabel("패키지 1 이름").fill("저녁 파티");
    await page.getByLabel("사진 추가").setInputFiles([photo, { ...photo, name: "second.png" }]);
    // Reorder before upload: the second photo becomes the cover.
    await page.getByRole("button", { name: "사진 2 앞으로" }).click();
    await page.getByRole("button", { name: "사진 2 삭제" }).click();
    assert.equal(await page.locator(".photo-list li").count(), 1);
    await page.getByRole("button", { name: "공간 등록" }).click();

    await page.waitForURL(/\/host\/spaces\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split("/").pop());
    await page.getByTestId("space-status").filter({ hasText: "공개" }).waitFor();
    assert.equal(await page.locator(".photo-list li").count(), 1);

    // Add a closed date and see it saved.
    const closed = seoulDate(30);
    await page.getByLabel("휴무일 추가").fill(closed);
    await page.getByRole("button", { name: "추가", exact: true }).click();
    await page.getByRole("button", { name: "휴무일 저장" }).click();
    await page.getByText("휴무일을 저장했습니다.").waitFor();

    // Edit the listing: its title, subtitle and hourly price.
    const edited = `${title} 리뉴얼`;
    await page.getByLabel("공간 이름").fill(edited);
    await page.getByLabel("한 줄 소개").fill("수정한 소개 문구");
    await page.getByLabel("시간당 가격(원)").fill("31000");
    await page.getByRole("button", { name: "변경 내용 저장" }).click();
    await page.getByRole("heading", { level: 1, name: `공간 수정: ${edited}` }).waitFor();
    assert.equal(await page.getByLabel("시간당 가격(원)").inputValue(), "31000");

    // Found in search, with its photo; its detail shows the edit.
    await page.goto(`${BASE}/search?q=${encodeURIComponent(title.split(" ").slice(0, 3).join(" "))}`);
    const card = page.locator(`a[href="/spaces/${id}"]`);
    await card.waitFor();
    assert.ok(await card.locator("img").count(), "the card shows the photo");
    await card.click();
    await page.getByRole("heading", { level: 1, name: edited }).waitFor();
    await page.getByText("수정한 소개 문구").waitFor();
    await page.getByText("₩31,000 / 시간", { exact: false }).waitFor();
    await page.getByText("Wi-Fi").waitFor();

    // Hide it: gone from search.
    await page.goto(`${BASE}/host/spaces/${id}`);
    await page.getByRole("button", { name: "숨기기" }).click();
    await page.getByTestId("space-status").filter({ hasText: "숨김" }).waitFor();
    await page.goto(`${BASE}/search?q=${encodeURIComponent(title.split(" ").slice(0, 3).join(" "))}`);
    await page.getByTestId("result-count").filter({ hasNotText: "검색 중" }).waitFor();
    await page.locator("#search-results .state, #search-results .cards").first().waitFor();
    assert.equal(await page.locator(`#search-results a[href="/spaces/${id}"]`).count(), 0, "the hidden space is still in search");
  });
});

test("host approves a guest's request, and the guest can then pay", async (t) => {
  const date = seoulDate(25);
  const host = await openPage(browser);
  try {
    await signIn(host.page, "데모 호스트");
    // One of the host's spaces that takes requests, with a package free that day.
    const api = await clientOf(host.page);
    const { data: mine } = await api.GET("/v1/me/spaces", { params: { query: { limit: 50 } } });
    let target;
    for (const s of mine.items.filter((s) => s.status === "active")) {
      const { data: d } = await api.GET("/v1/spaces/{id}", { params: { path: { id: s.id } } });
      if (!d.needs_approval) continue;
      const { data: a } = await api.GET("/v1/spaces/{id}/availability", { params: { path: { id: s.id }, query: { date } } });
      const pkg = a.packages.find((p) => p.available && d.capacity.min <= 2);
      if (pkg) {
        target = { space: d, pkg };
        break;
      }
    }
    assert.ok(target, "the demo host has an approval space with a free package");

    let bookingId;
    await withPage(t, browser, async (guest) => {
      await signIn(guest, "데모 게스트");
      await guest.goto(`${BASE}/spaces/${target.space.id}/book?date=${date}&package=${target.pkg.id}`);
      await guest.getByLabel("연락처").fill("010-2222-3333");
      await guest.getByLabel(/^인원/).fill(String(Math.max(2, target.space.capacity.min)));
      await guest.getByLabel("호스트에게 남길 말").fill("E2E 승인 요청입니다");
      await guest.getByRole("button", { name: "예약 신청" }).click();
      await guest.getByTestId("booking-status").filter({ hasText: "승인 대기" }).waitFor();
      bookingId = Number(new URL(guest.url()).pathname.split("/").pop());

      // The host sees it among the requests (and in the unread count) and approves it.
      await host.page.goto(`${BASE}/host/requests?space=${target.space.id}`);
      await host.page.getByTestId(`request-${bookingId}`).waitFor();
      await host.page.getByRole("button", { name: `예약 ${bookingId} 승인` }).click();
      await host.page.getByTestId(`request-${bookingId}`).waitFor({ state: "detached" });

      // The guest's booking now waits for payment.
      await guest.reload();
      await guest.getByTestId("booking-status").filter({ hasText: "결제 대기" }).waitFor();
      await guest.getByRole("button", { name: "포인트로 결제" }).click();
      await guest.getByTestId("booking-status").filter({ hasText: "예약 확정" }).waitFor();

      // The host cancels it after all: the quote is a full refund, and the guest sees it.
      await host.page.goto(`${BASE}/bookings/${bookingId}`);
      await host.page.getByRole("button", { name: "예약 취소" }).click();
      const price = `₩${target.pkg.price.toLocaleString("en-US")}`;
      await host.page.getByTestId("refund-quote").filter({ hasText: price }).waitFor();
      await host.page.getByRole("button", { name: `${price} 환불하고 예약 취소` }).click();
      await host.page.getByTestId("booking-status").filter({ hasText: "취소됨 (호스트)" }).waitFor();
      await guest.reload();
      await guest.getByTestId("booking-status").filter({ hasText: "취소됨 (호스트)" }).waitFor();
      await guest.locator("dt", { hasText: "환불" }).waitFor();
      assert.equal(await guest.locator("dt:has-text('환불') + dd").innerText(), price);
    });
    assert.equal(host.problems.filter((p) => !/ERR_ABORTED/.test(p)).length, 0, host.problems.join("\n"));
  } finally {
    await host.context.close();
  }
});

/** The photo ids of a space in the host's view, in order. */
async function photoIds(api, id) {
  const { data } = await api.GET("/v1/me/spaces/{id}", { params: { path: { id } } });
  return data.photos.map((p) => p.id);
}

/** Waits until the API has the photos in `want` order and the page shows them so. */
async function expectOrder(page, api, id, want, what) {
  const deadline = Date.now() + 10_000;
  let got, shown;
  for (;;) {
    got = await photoIds(api, id);
    const { data } = await api.GET("/v1/me/spaces/{id}", { params: { path: { id } } });
    const byThumb = new Map(data.photos.map((p) => [new URL(p.thumbnail_url, BASE).pathname, p.id]));
    shown = await page.locator(".photo-list img").evaluateAll((imgs) => imgs.map((i) => new URL(i.src).pathname));
    shown = shown.map((src) => byThumb.get(src));
    if (JSON.stringify(got) === JSON.stringify(want) && JSON.stringify(shown) === JSON.stringify(want)) return;
    if (Date.now() > deadline) break;
    await page.waitForTimeout(200);
  }
  assert.fail(`${what}: the API has ${got}, the page shows ${shown}, want ${want}`);
}

test("host reorders uploaded photos by mouse drag and by keyboard, and removes one", async (t) => {
  await withPage(
    t,
    browser,
    async (page) => {
      await signIn(page, "데모 호스트");
      const api = await clientOf(page);
      const space = await createSpace(api, { title: `E2E 사진 정리 ${Date.now() % 100000}`, photos: await pngPhotos(browser, ["#c0392b", "#27ae60", "#2980b9"]) });
      const [a, b, c] = space.photos.map((p) => p.id);
      await page.goto(`${BASE}/host/spaces/${space.id}`);
      const items = page.locator(".photo-list li");
      await expectOrder(page, api, space.id, [a, b, c], "as uploaded");

      // Mouse: drag the third photo onto the first; it becomes the cover.
      await items.nth(2).dragTo(items.nth(0));
      await expectOrder(page, api, space.id, [c, a, b], "after the drag");
      assert.equal(await items.nth(0).locator(".tag").innerText(), "대표");

      // Keyboard: Tab to the third photo's ↑, Enter moves it up; focus stays
      // on that photo, so Enter again moves it to the front; Space moves it back down.
      await page.getByRole("button", { name: "사진 3 앞으로" }).focus();
      await page.keyboard.press("Enter");
      await expectOrder(page, api, space.id, [c, b, a], "after ↑ on the third");
      const focused = () => page.evaluate(() => document.activeElement?.getAttribute("aria-label"));
      assert.equal(await focused(), "사진 2 앞으로", "focus left the moved photo");
      await page.keyboard.press("Enter");
      await expectOrder(page, api, space.id, [b, c, a], "after ↑ again");
      // At the front its ↑ is disabled: focus is on its ↓ instead.
      assert.equal(await focused(), "사진 1 뒤로", "focus after reaching the front");
      await page.keyboard.press("Space");
      await expectOrder(page, api, space.id, [c, b, a], "after ↓");
      assert.equal(await focused(), "사진 2 뒤로");

      // Remove an uploaded photo: gone from the editor and from the public page.
      await page.getByRole("button", { name: "사진 2 삭제" }).click();
      await expectOrder(page, api, space.id, [c, a], "after removing the second");
      await page.goto(`${BASE}/spaces/${space.id}`);
      await page.getByText("1 / 2").waitFor();

      // A space keeps one photo: removing the last is refused, in Korean.
      await page.goto(`${BASE}/host/spaces/${space.id}`);
      await page.getByRole("button", { name: "사진 2 삭제" }).click();
      await expectOrder(page, api, space.id, [c], "after removing another");
      await page.getByRole("button", { name: "사진 1 삭제" }).click();
      await page.getByRole("alert").filter({ hasText: "사진은 한 장 이상 있어야 합니다" }).waitFor();
      await expectOrder(page, api, space.id, [c], "the last photo stays");
    },
    { allow: [/status of 409 .*\/photos\//] },
  );
});

test("host retires a space: it leaves search, its page and the editor close", async (t) => {
  await withPage(
    t,
    browser,
    async (page) => {
      await signIn(page, "데모 호스트");
      const api = await clientOf(page);
      const word = `종료${Date.now() % 100000}`;
      const space = await createSpace(api, { title: `E2E ${word} 연습실`, photos: await pngPhotos(browser, ["#8e44ad"]) });
      const search = async () => {
        await page.goto(`${BASE}/search?q=${encodeURIComponent(`E2E ${word}`)}`);
        await page.getByTestId("result-count").filter({ hasNotText: "검색 중" }).waitFor();
        await page.locator("#search-results .state, #search-results .cards").first().waitFor();
        return page.locator(`#search-results a[href="/spaces/${space.id}"]`).count();
      };
      assert.equal(await search(), 1, "the new space is not in search");

      // Retire it, after confirming.
      await page.goto(`${BASE}/host/spaces/${space.id}`);
      let asked = "";
      page.once("dialog", (d) => {
        asked = d.message();
        void d.accept();
      });
      await page.getByRole("button", { name: "운영 종료" }).click();
      await page.getByTestId("space-status").filter({ hasText: "운영 종료" }).waitFor();
      assert.match(asked, /되돌릴 수 없습니다/);
      assert.equal(await page.getByRole("button", { name: "숨기기" }).count(), 0);
      // Nothing of it can change any more: no form to save, no photos to add.
      assert.equal(await page.getByRole("button", { name: "변경 내용 저장" }).count(), 0, "the editor still offers to save");
      assert.ok(await page.getByLabel("사진 추가").isDisabled(), "photos can still be added");
      await page.getByText("운영을 종료한 공간은 바꿀 수 없습니다").waitFor();

      // Gone from search, and its page says it is not found.
      assert.equal(await search(), 0, "the retired space is still in search");
      await page.getByText("조건에 맞는 공간이 없습니다").waitFor();
      await page.goto(`${BASE}/spaces/${space.id}`);
      await page.getByRole("heading", { level: 1, name: "공간을 찾을 수 없습니다" }).waitFor();
      assert.equal(await page.getByRole("button", { name: "다시 시도" }).count(), 0, "a retry offered for a space that is gone");
      await page.getByRole("link", { name: "다른 공간 찾기" }).waitFor();
      // Among the host's spaces, marked as retired.
      await page.goto(`${BASE}/host`);
      const row = page.locator("li.row").filter({ has: page.locator(`a[href="/host/spaces/${space.id}"]`) });
      await row.locator(".status").filter({ hasText: "운영 종료" }).waitFor();
    },
    { allow: [/status of 404 .*\/v1\/spaces\/\d+/] },
  );
});

test("host declines a request: the guest sees it declined, the slot is free again and no points moved", async (t) => {
  const date = seoulDate(27);
  const host = await openPage(browser);
  try {
    await signIn(host.page, "데모 호스트");
    const hostApi = await clientOf(host.page);
    const { data: mine } = await hostApi.GET("/v1/me/spaces", { params: { query: { limit: 50 } } });
    let target;
    for (const s of mine.items.filter((s) => s.status === "active")) {
      const { data: d } = await hostApi.GET("/v1/spaces/{id}", { params: { path: { id: s.id } } });
      if (!d.needs_approval || d.capacity.min > 2) continue;
      const { data: a } = await hostApi.GET("/v1/spaces/{id}/availability", { params: { path: { id: s.id }, query: { date } } });
      const pkg = a.packages.find((p) => p.available);
      if (pkg) {
        target = { space: d, pkg };
        break;
      }
    }
    assert.ok(target, "the demo host has an approval space with a free package");
    const available = async (api) => {
      const { data: a } = await api.GET("/v1/spaces/{id}/availability", { params: { path: { id: target.space.id }, query: { date } } });
      return a.packages.find((p) => p.id === target.pkg.id).available;
    };

    await withPage(t, browser, async (guest) => {
      await signIn(guest, "데모 게스트");
      const guestApi = await clientOf(guest);
      const { data: before } = await guestApi.GET("/v1/me");
      await guest.goto(`${BASE}/spaces/${target.space.id}/book?date=${date}&package=${target.pkg.id}`);
      await guest.getByLabel("연락처").fill("010-4444-5555");
      await guest.getByLabel(/^인원/).fill(String(Math.max(2, target.space.capacity.min)));
      await guest.getByLabel("호스트에게 남길 말").fill("E2E 거절될 요청입니다");
      await guest.getByRole("button", { name: "예약 신청" }).click();
      await guest.getByTestId("booking-status").filter({ hasText: "승인 대기" }).waitFor();
      const bookingId = Number(new URL(guest.url()).pathname.split("/").pop());
      // A request holds its slot until the host answers; nothing is paid yet.
      assert.equal(await available(guestApi), false, "the request does not hold its package");
      assert.equal((await guestApi.GET("/v1/me")).data.points_balance, before.points_balance, "a request took points");

      // The host declines it: it leaves the waiting list and shows as declined.
      await host.page.goto(`${BASE}/host/requests?space=${target.space.id}`);
      await host.page.getByTestId(`request-${bookingId}`).waitFor();
      await host.page.getByRole("button", { name: `예약 ${bookingId} 거절` }).click();
      await host.page.getByTestId(`request-${bookingId}`).waitFor({ state: "detached" });
      const row = host.page.locator("li.row").filter({ has: host.page.locator(`a[href="/bookings/${bookingId}"]`) });
      await row.locator(".status").filter({ hasText: "거절됨" }).waitFor();

      // The guest sees it declined, with nothing to pay or cancel, and the same balance.
      await guest.reload();
      await guest.getByTestId("booking-status").filter({ hasText: "거절됨" }).waitFor();
      await guest.getByText("호스트가 예약 요청을 거절했습니다").waitFor();
      assert.equal(await guest.getByRole("button", { name: "포인트로 결제" }).count(), 0);
      assert.equal(await guest.getByRole("button", { name: "예약 취소" }).count(), 0);
      assert.equal(await guest.getByRole("timer").count(), 0, "a countdown on a declined request");
      const { data: after } = await guestApi.GET("/v1/me");
      assert.equal(after.points_balance, before.points_balance, "declining moved points");
      await guest.getByRole("link", { name: `${after.points_balance.toLocaleString("ko-KR")}P` }).waitFor();
      // The slot is free again, in the API and on the space's calendar.
      assert.equal(await available(guestApi), true, "the declined request still holds the package");
      await guest.goto(`${BASE}/spaces/${target.space.id}?date=${date}`);
      await guest.getByRole("button", { name: `${target.pkg.name} 예약` }).waitFor();
      // Among the guest's cancelled and expired bookings, and in their notifications.
      await guest.goto(`${BASE}/me/bookings?tab=cancelled`);
      await guest.locator(`a[href="/bookings/${bookingId}"]`).waitFor();
      await guest.goto(`${BASE}/me/notifications`);
      await guest.locator("li.row").filter({ hasText: "예약 요청이 거절되었습니다" }).filter({ has: guest.locator(`a[href="/bookings/${bookingId}"]`) }).waitFor();
    });
    assert.deepEqual(host.problems, [], host.problems.join("\n"));
  } finally {
    await host.context.close();
  }
});
