// Likes, a review of a past visit, notifications and points; accessibility
// (axe-core) of the main pages, at 360 px and on a desktop.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import { createOurSpaceClient } from "@ourspace/client";
import { BASE, clientOf, launch, openPage, signIn, withPage } from "./helpers.mjs";

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

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");

async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  return result.filter((v) => v.impact === "serious" || v.impact === "critical");
}

for (const [label, width] of [["360 px", 360], ["desktop", 1280]]) {
  test(`main pages have no serious axe violations and fit at ${label}`, async (t) => {
    await withPage(
      t,
      browser,
      async (page) => {
        const { data } = await createOurSpaceClient({ baseUrl: BASE }).GET("/v1/spaces", { params: { query: { limit: 1 } } });
        const pages = ["/", "/search?people=4", `/spaces/${data.items[0].id}`, "/login"];
        for (const path of pages) {
          await page.goto(`${BASE}${path}`);
          await page.locator("main h1, main h2").first().waitFor();
          await page.waitForLoadState("networkidle");
          const violations = await axe(page);
          assert.deepEqual(violations, [], `${path}: ${JSON.stringify(violations, null, 1)}`);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px at ${width}px`);
        }
        // Signed in: my bookings and the booking form.
        await signIn(page, "데모 게스트");
        for (const path of ["/me/bookings", "/me/points", "/host"]) {
          await page.goto(`${BASE}${path}`);
          await page.locator("main h1").first().waitFor();
          await page.waitForLoadState("networkidle");
          const violations = await axe(page);
          assert.deepEqual(violations, [], `${path}: ${JSON.stringify(violations, null, 1)}`);
        }
      },
      { width, height: 800 },
    );
  });
}
