// The host's way: list a space with a photo, find it in search, and approve
// a guest's request (the guest books through the app in another browser).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { BASE, clientOf, launch, openPage, pngPhoto, seoulDate, signIn, withPage } from "./helpers.mjs";

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
