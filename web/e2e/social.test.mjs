// Likes, a review of a past visit, notifications and points; accessibility
// (axe-core) and fit of every page the nav reaches, at 360 px and on a desktop.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createOurSpaceClient } from "@ourspace/client";
import { axe, BASE, clientOf, launch, openPage, seoulDate, signIn, signOut, withPage } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("guest likes a space, reviews a past visit, and reads notifications and points", async (t) => {
  await withPage(t, browser, async (page) => {
    await signIn(page, "데모 게스트");
    const api = await clientOf(page);

    // Like: the button toggles and the space is among my likes.
    const { data: found } = await api.GET("/v1/spaces", { params: { query: { sort: "newest", limit: 20 } } });
    const space = found.items.find((s) => !s.liked);
    await page.goto(`${BASE}/spaces/${space.id}`);
    const like = page.getByRole("button", { name: /찜하기/ });
    await like.click();
    await page.getByRole("button", { name: /찜함/, pressed: true }).waitFor();
    await page.getByRole("link", { name: "찜", exact: true }).click();
    await page.locator(`a[href="/spaces/${space.id}"]`).waitFor();

    // Review: a visit at the demo host's that the API says can be reviewed;
    // the past tab marks it, and its page offers the form.
    const hostSide = await openPage(browser);
    try {
      await signIn(hostSide.page, "데모 호스트");
      const { data: hostMe } = await (await clientOf(hostSide.page)).GET("/v1/me");
      const { data: past } = await api.GET("/v1/me/bookings", { params: { query: { status: "past", limit: 100 } } });
      const visit = past.items.find((b) => b.reviewable && b.host_id === hostMe.id);
      assert.ok(visit, "no reviewable visit at the demo host's");
      const done = past.items.find((b) => b.review_id);
      // The past tab's first page (20, as the API orders them) marks what can be reviewed and what was.
      await page.goto(`${BASE}/me/bookings?tab=past`);
      for (const b of past.items.slice(0, 20).filter((b) => b.reviewable || b.review_id)) {
        const row = page.locator("li.row").filter({ has: page.locator(`a[href="/bookings/${b.id}"]`) });
        await row.getByText(b.reviewable ? "리뷰를 쓸 수 있어요" : "리뷰 작성함").waitFor();
      }
      if (done) {
        // A reviewed visit offers no form, only the review.
        await page.goto(`${BASE}/bookings/${done.id}`);
        await page.getByRole("heading", { name: "내 리뷰" }).waitFor();
        assert.equal(await page.getByRole("heading", { name: "리뷰 쓰기" }).count(), 0);
      }
      await page.goto(`${BASE}/bookings/${visit.id}`);
      await page.getByRole("heading", { name: "리뷰 쓰기" }).waitFor();
      await page.getByLabel("평점", { exact: true }).selectOption("4");
      const text = `E2E 리뷰: 깨끗하고 좋았어요 ${Date.now()}`;
      await page.getByLabel("리뷰 내용").fill(text);
      await page.getByRole("button", { name: "리뷰 등록" }).click();
      await page.getByRole("status").filter({ hasText: "리뷰를 남겼습니다" }).waitFor();
      assert.equal(await page.getByRole("heading", { name: "리뷰 쓰기" }).count(), 0, "the form stays after the review");

      // The author edits it: rating and text.
      const edited = `${text} (수정)`;
      await page.getByRole("button", { name: "리뷰 수정" }).click();
      await page.getByLabel("평점", { exact: true }).selectOption("3");
      await page.getByLabel("리뷰 내용").fill(edited);
      await page.getByRole("button", { name: "수정 저장" }).click();
      await page.getByText(edited).waitFor();
      await page.getByLabel("평점 3점").waitFor();
      await page.getByText("(수정됨)").waitFor();
      await page.getByRole("link", { name: "공간에서 보기" }).click();
      await page.getByText(edited).waitFor();

      // The host finds it on the booking and replies, then edits the reply.
      const host = hostSide.page;
      await host.goto(`${BASE}/bookings/${visit.id}`);
      await host.getByRole("heading", { name: "게스트 리뷰" }).waitFor();
      await host.getByText(edited).waitFor();
      await host.getByLabel("호스트 답글").fill("찾아주셔서 감사합니다!");
      await host.getByRole("button", { name: "답글 등록" }).click();
      await host.locator("blockquote.reply").filter({ hasText: "찾아주셔서 감사합니다!" }).waitFor();
      await host.getByRole("button", { name: "답글 수정" }).click();
      await host.getByLabel("답글 수정").fill("다시 한번 감사합니다!");
      await host.getByRole("button", { name: "답글 저장" }).click();
      await host.locator("blockquote.reply").filter({ hasText: "다시 한번 감사합니다!" }).waitFor();
      assert.deepEqual(await axe(host), [], "the host's booking page with a review and its reply");
      assert.deepEqual(hostSide.problems, [], "the host's page had console errors");

      // The guest sees the reply, then deletes the review after confirming; the form comes back.
      await page.goto(`${BASE}/bookings/${visit.id}`);
      await page.locator("blockquote.reply").filter({ hasText: "다시 한번 감사합니다!" }).waitFor();
      assert.deepEqual(await axe(page), [], "the guest's booking page with a review");
      await page.getByRole("button", { name: "리뷰 삭제" }).click();
      await page.getByRole("dialog", { name: "리뷰를 삭제할까요?" }).getByRole("button", { name: "삭제" }).click();
      await page.getByRole("status").filter({ hasText: "리뷰를 삭제했습니다" }).waitFor();
      await page.getByRole("heading", { name: "리뷰 쓰기" }).waitFor();
      // Written again, it stays for the space's page.
      await page.getByLabel("리뷰 내용").fill(text);
      await page.getByRole("button", { name: "리뷰 등록" }).click();
      await page.getByRole("status").filter({ hasText: "리뷰를 남겼습니다" }).waitFor();
    } finally {
      await hostSide.context.close();
    }

    // Notifications: the unread count in the header matches the page, and "all read" clears it.
    await page.getByRole("link", { name: /^알림/ }).click();
    const unread = Number(await page.getByTestId("unread-count").innerText());
    if (unread > 0) {
      await page.getByRole("button", { name: "모두 읽음" }).click();
      await page.getByTestId("unread-count").filter({ hasText: /^0$/ }).waitFor();
    }
    await page.getByRole("link", { name: "알림, 읽지 않음 0개" }).waitFor();

    // Points: the balance and the ledger in won.
    await page.getByRole("link", { name: /P$/ }).click();
    assert.match(await page.getByTestId("points-balance").innerText(), /^₩[\d,]+$/);
    await page.getByRole("table").waitFor();
  });
});

/** Every page the nav reaches (and the pages they lead to), by who can see it. */
async function pagesToCheck() {
  const anon = createOurSpaceClient({ baseUrl: BASE });
  const date = seoulDate(15);
  const { data: found } = await anon.GET("/v1/spaces", { params: { query: { date, limit: 10 } } });
  let book;
  for (const s of found.items) {
    const { data: a } = await anon.GET("/v1/spaces/{id}/availability", { params: { path: { id: s.id }, query: { date } } });
    const pkg = a.packages.find((p) => p.available);
    if (pkg) {
      book = { id: s.id, pkg: pkg.id };
      break;
    }
  }
  assert.ok(book, "no space with a package free in 15 days");
  return {
    anonymous: ["/", "/search?people=4", `/spaces/${book.id}`, `/spaces/${book.id}?date=${date}`, "/login", "/no-such-page"],
    guest: [
      "/me/bookings",
      "/me/bookings?tab=past",
      "/me/bookings?tab=cancelled",
      "/me/likes",
      "/me/notifications",
      "/me/points",
      "/host",
      "/host/requests",
      "/host/spaces/new",
      `/spaces/${book.id}/book?date=${date}&package=${book.pkg}`,
      async (api) => `/bookings/${(await api.GET("/v1/me/bookings", { params: { query: { status: "past", limit: 1 } } })).data.items[0].id}`,
    ],
    host: [
      "/host",
      "/host/requests",
      async (api) => `/host/spaces/${(await api.GET("/v1/me/spaces", { params: { query: { limit: 1 } } })).data.items[0].id}`,
    ],
  };
}

for (const [label, width] of [["360 px", 360], ["desktop", 1280]]) {
  test(`every page has no serious axe violations and fits at ${label}`, async (t) => {
    const pages = await pagesToCheck();
    await withPage(
      t,
      browser,
      async (page) => {
        const check = async (path) => {
          await page.goto(`${BASE}${path}`);
          await page.locator("main h1, main h2").first().waitFor();
          await page.waitForLoadState("networkidle");
          // Loaded, and without an error.
          assert.equal(await page.locator("main .state.loading").count(), 0, `${path} is still loading`);
          assert.equal(await page.locator("main .state.error, main .form-error").count(), 0, `${path} shows an error`);
          const violations = await axe(page);
          assert.deepEqual(violations, [], `${path}: ${JSON.stringify(violations, null, 1)}`);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px at ${width}px`);
        };
        for (const path of pages.anonymous) await check(path);
        for (const [who, list] of [["데모 게스트", pages.guest], ["데모 호스트", pages.host]]) {
          await signIn(page, who);
          const api = await clientOf(page);
          for (const path of list) await check(typeof path === "function" ? await path(api) : path);
          await signOut(page);
        }
      },
      { width, height: 800, allow: [/status of 404 .*\/no-such-page/] },
    );
  });
}
