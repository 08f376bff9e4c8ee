// Shared set-up of the end-to-end tests: Debian's Chromium driven by
// playwright-core against a running server (scripts/test-web.sh starts one).
import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const BASE = process.env.OURSPACE_WEB_URL ?? "http://127.0.0.1:8080";
export const ARTIFACTS = fileURLToPath(new URL("../e2e-artifacts/", import.meta.url));
export const SCREENSHOTS = fileURLToPath(new URL("../../docs/screenshots/", import.meta.url));

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * A new browser context and page that record console errors and failed
 * requests of our own origin (map tiles of another origin may fail: no
 * internet here, and the map must cope).
 */
export async function openPage(browser, { width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale: "ko-KR", timezoneId: "Asia/Seoul" });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems = [];
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    const url = m.location()?.url ?? "";
    if (url && !url.startsWith(BASE)) return; // a tile server's failure
    if (/Failed to load resource/.test(m.text()) && !url.startsWith(BASE)) return;
    problems.push(`console: ${m.text()} (${url})`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => {
    // ERR_ABORTED: a request the page itself dropped (navigation, unmount).
    if (r.url().startsWith(BASE) && r.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  return { context, page, problems };
}

/** Signs in through the real web login (the development provider's chooser). */
export async function signIn(page, who /* "데모 게스트" | "데모 호스트" | "새 사용자" */) {
  await page.goto(`${BASE}/login`);
  await page.getByRole("link", { name: "카카오로 로그인" }).click();
  await page.getByRole("link", { name: new RegExp(`^${who}`) }).click();
  await page.getByRole("link", { name: "로그아웃" }).or(page.getByRole("button", { name: "로그아웃" })).waitFor();
}

/** Keeps a screenshot of a failing test in web/e2e-artifacts/. */
export async function onFailure(t, page) {
  if (!page) return;
  await mkdir(ARTIFACTS, { recursive: true });
  const name = t.name.replace(/[^\w가-힣-]+/g, "_").slice(0, 80);
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true }).catch(() => {});
}

/**
 * Runs body with a page; on failure keeps a screenshot; fails on console
 * errors, except those matching opts.allow (an answer the test provokes).
 */
export async function withPage(t, browser, body, opts) {
  const { context, page, problems } = await openPage(browser, opts);
  try {
    await body(page);
    const unexpected = problems.filter((p) => !(opts?.allow ?? []).some((re) => re.test(p)));
    if (unexpected.length) throw new Error(`console errors or failed requests:\n${unexpected.join("\n")}`);
  } catch (err) {
    await onFailure(t, page);
    throw err;
  } finally {
    await context.close();
  }
}

/** A Seoul calendar date `days` from today (YYYY-MM-DD). */
export function seoulDate(days = 0) {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Seoul" }).format(d);
}

/** Writes a README screenshot to docs/screenshots/ when UPDATE_SCREENSHOTS=1. */
export async function screenshot(page, name) {
  if (process.env.UPDATE_SCREENSHOTS !== "1") return;
  await mkdir(SCREENSHOTS, { recursive: true });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 1024, height: 700 }); // keeps the committed PNGs small
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png` });
  if (size) await page.setViewportSize(size);
}

/** An API client with the page's signed-in session (the token the app stored). */
export async function clientOf(page) {
  const { createOurSpaceClient } = await import("@ourspace/client");
  const session = await page.evaluate(() => JSON.parse(localStorage.getItem("ourspace.session") ?? "null"));
  return createOurSpaceClient({ baseUrl: BASE, accessToken: session?.accessToken });
}

/** A small valid PNG (a screenshot of a blank page) to upload as a photo. */
export async function pngPhoto(browser) {
  const p = await browser.newPage({ viewport: { width: 320, height: 240 } });
  await p.setContent('<body style="margin:0;background:linear-gradient(#6d3bd8,#ffb300)"></body>');
  const buffer = await p.screenshot();
  await p.close();
  return { name: "photo.png", mimeType: "image/png", buffer };
}

/**
 * Lists a space through the API as the signed-in host of `api` (open every
 * day 09:00–22:00 by the hour), with `photos` (PNG buffers); returns its detail.
 */
export async function createSpace(api, { title, photos }) {
  const { multipartBody } = await import("@ourspace/client");
  const { data: districts } = await api.GET("/v1/districts");
  const { data: categories } = await api.GET("/v1/categories");
  const district = districts.items[0];
  const listing = {
    title,
    subtitle: "E2E 테스트로 등록한 공간",
    category_id: categories.items[0].id,
    district_id: district.id,
    address: `서울 ${district.name} 테스트로 1`,
    lat: district.lat,
    lng: district.lng,
    capacity: { min: 1, max: 10 },
    opening_hours: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((weekday) => ({ weekday, open: "09:00", close: "22:00" })),
    hourly: { price_per_hour: 20000, min_hours: 2 },
    refund_policy: { name: "standard" },
  };
  const files = photos.map((buffer, i) => new File([buffer], `photo-${i + 1}.png`, { type: "image/png" }));
  const { data, error } = await api.POST("/v1/spaces", { body: { listing, photos: files }, bodySerializer: multipartBody });
  if (!data) throw new Error(`creating a space: ${JSON.stringify(error)}`);
  return data;
}

/** PNG photos that differ from each other (a colour each), to tell them apart. */
export async function pngPhotos(browser, colours) {
  const p = await browser.newPage({ viewport: { width: 320, height: 240 } });
  const out = [];
  for (const c of colours) {
    await p.setContent(`<body style="margin:0;background:${c}"></body>`);
    out.push(await p.screenshot());
  }
  await p.close();
  return out;
}

const axeSource = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** axe-core's serious and critical violations on the page as it is now. */
export async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  return result.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** Signs out through the header's button. */
export async function signOut(page) {
  await page.getByRole("button", { name: "로그아웃" }).click();
  await page.getByRole("navigation", { name: "주 메뉴" }).getByRole("link", { name: "로그인" }).waitFor();
}
