// Likes, a review of a past visit, notifications and points; accessibility
// (axe-core) of the main pages, at 360 px and on a desktop.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import { createOurSpaceClient } from "@ourspace/client";
import { BASE, clientOf, launch, signIn, withPage } from "./helpers.mjs";

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

    // Review: a completed visit from the past tab.
    const { data: past } = await api.GET("/v1/me/bookings", { params: { query: { status: "past", limit: 50 } } });
    let reviewed;
    for (const b of past.items.filter((b) => b.status === "completed")) {
      await page.goto(`${BASE}/bookings/${b.id}`);
      await page.getByRole("heading", { name: "리뷰 쓰기" }).waitFor();
      await page.getByLabel("평점").selectOption("4");
      const text = `E2E 리뷰: 깨끗하고 좋았어요 ${Date.now()}`;
      await page.getByLabel("리뷰 내용").fill(text);
      await page.getByRole("button", { name: "리뷰 등록" }).click();
      const done = page.getByRole("status").filter({ hasText: "리뷰를 남겼습니다" });
      const refused = page.locator(".form-error");
      await done.or(refused).first().waitFor();
      if (await done.count()) {
        reviewed = { booking: b, text };
        break;
      }
    }
    assert.ok(reviewed, "a past visit could be reviewed");
    await page.getByRole("link", { name: "공간에서 보기" }).click();
    await page.getByText(reviewed.text).waitFor();

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
  }, { allow: [/status of 409 .*\/review\)/] });
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
