// What readers of an archive use: more results, filters and sort, dates in the reader's language
// and zone, deep links, the dropdown in a site header, and an accessibility check by axe-core
// (a real engine, not by eye) with results, filters and more-results open.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { ARTIFACTS, startServer, launch, openPage, type, shown } from "./harness.mjs";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");
let browser;
const servers = [];
async function site(options = {}) {
  const s = await startServer(options);
  servers.push(s.server);
  return s.url;
}
before(async () => { browser = await launch(); });
after(async () => {
  await browser?.close();
  for (const s of servers) s.close();
});

const root = (page) => page.evaluateHandle(() => document.querySelector("article-search").shadowRoot);

test("more results reaches every hit exactly once, from the keyboard, and is announced", async () => {
  const { page, problems, context } = await openPage(browser, await site());
  await page.evaluate(() => document.querySelector("article-search").setAttribute("limit", "1"));
  await type(page, "中國");
  const all = await page.evaluate(async () => (await (await import("./article-search.js")).search("中國", { limit: 100 })).hits.map((h) => h.title));
  assert.ok(all.length >= 3, `${all.length} hits`);
  for (let i = 1; i < all.length; i++) {
    // Keyboard: Tab from the box reaches the button through the widget's controls.
    await page.evaluate(() => document.querySelector("article-search").shadowRoot.querySelector("button.more").focus());
    await page.keyboard.press("Enter");
    await page.waitForFunction((n) => document.querySelector("article-search").shadowRoot.querySelectorAll('[role="option"]').length === n, i + 1);
  }
  const { hits } = await shown(page);
  assert.deepEqual(hits.map((h) => h.title), all);
  assert.equal(await page.evaluate(() => document.querySelector("article-search").shadowRoot.querySelector("button.more").hidden), true);
  const live = await page.evaluate(() => document.querySelector("article-search").shadowRoot.querySelector("[aria-live]").textContent);
  assert.equal(live, `顯示 ${all.length} / ${all.length} 篇`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("filter chips count the results, narrow them, and clear", async () => {
  const { page, problems, context } = await openPage(browser, await site());
  await type(page, "中國");
  const before = (await shown(page)).hits.length;
  const chips = await page.evaluate(() => [...document.querySelector("article-search").shadowRoot.querySelectorAll(".chip")].map((c) => c.textContent));
  const xinhua = chips.find((c) => c.startsWith("新華社 "));
  assert.ok(xinhua, `chips: ${chips}`);
  const count = Number(xinhua.split(" ")[1]);
  await page.locator("article-search >> .chip", { hasText: "新華社" }).click();
  await page.waitForFunction((n) => document.querySelector("article-search").shadowRoot.querySelectorAll('[role="option"]').length === n, count);
  const status = await page.evaluate(() => document.querySelector("article-search").shadowRoot.querySelector(".status").textContent);
  assert.equal(status, `共 ${count} 篇結果`);
  assert.equal(await page.locator("article-search >> .chip", { hasText: "新華社" }).getAttribute("aria-pressed"), "true");
  await page.locator("article-search >> .chip", { hasText: "清除篩選" }).click();
  await page.waitForFunction((n) => document.querySelector("article-search").shadowRoot.querySelectorAll('[role="option"]').length === n, before);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const timezoneId of ["Pacific/Honolulu", "Asia/Tokyo"]) {
  test(`dates in ${timezoneId}: a calendar date is never shifted, an instant is shown in the reader's zone`, async () => {
    const { page, problems, context } = await openPage(browser, await site(), { timezoneId });
    await type(page, "劉權");
    const meta = await page.evaluate(() => document.querySelector("article-search").shadowRoot.querySelector(".meta").textContent);
    assert.ok(meta.startsWith("2025年9月19日"), meta);
    const shown = await page.evaluate(async () => {
      const { formatDate } = await import("./article-search.js");
      return [formatDate("2025-09-19", "zh-Hant"), formatDate("2025-09-19T23:30:00-10:00", "en"), formatDate("2025-09-19", "en")];
    });
    assert.equal(shown[0], "2025年9月19日");
    assert.equal(shown[2], "Sep 19, 2025");
    // 23:30 in Honolulu is the 20th in Tokyo.
    assert.match(shown[1], timezoneId === "Asia/Tokyo" ? /^Sep 20, 2025/ : /^Sep 19, 2025, 11:30/);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("deep links: the query, filters and sort survive a reload", async () => {
  const { page, problems, context } = await openPage(browser, await site());
  await type(page, "中國");
  await page.locator("article-search >> .chip", { hasText: "香港文匯報" }).click();
  await page.locator("article-search >> select").selectOption("newest");
  await page.waitForFunction(() => location.search.includes("sort=newest"));
  const url = new URL(page.url());
  assert.equal(url.searchParams.get("q"), "中國");
  assert.deepEqual(url.searchParams.getAll("f.source"), ["香港文匯報"]);
  const before = await shown(page);
  await page.reload();
  await page.waitForFunction(() => document.querySelector("article-search").query === "中國");
  const after = await shown(page);
  assert.deepEqual(after.hits.map((h) => h.title), before.hits.map((h) => h.title));
  assert.equal(await page.locator("article-search >> select").inputValue(), "newest");
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [width, height] of [[360, 740], [1280, 800]]) {
  test(`the dropdown in a dark site header at ${width} px: inside the viewport, opaque, and the page does not move`, async () => {
    const url = (await site()) + "dropdown.html";
    const { page, problems, context } = await openPage(browser, url, { viewport: { width, height } });
    const below = () => page.evaluate(() => document.getElementById("below").getBoundingClientRect().top);
    const top = await below();
    await type(page, "中國");
    const box = await page.evaluate(() => {
      const panel = document.querySelector("article-search").shadowRoot.querySelector(".panel");
      const r = panel.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, bg: getComputedStyle(panel).backgroundColor };
    });
    assert.ok(box.left >= 0 && box.right <= width && box.top >= 0 && box.bottom <= height, JSON.stringify(box));
    // The box stays visible above the results.
    const field = await page.evaluate(() => document.querySelector("article-search").shadowRoot.querySelector(".field").getBoundingClientRect().bottom);
    assert.ok(field <= box.top, `the results cover the search box (${field} > ${box.top})`);
    assert.match(box.bg, /^rgb\(/, `opaque background: ${box.bg}`);
    assert.equal(await below(), top, "the page content did not move");
    await page.screenshot({ path: `${ARTIFACTS}dropdown-${width}.png` });
    // A click outside closes it.
    await page.mouse.click(width - 5, height - 5);
    assert.equal(await page.evaluate(() => document.querySelector("article-search").shadowRoot.querySelector(".panel").hidden), true);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

for (const [name, path, query] of [["the demo", "", "中國"], ["a dropdown page", "dropdown.html", "中國"]]) {
  test(`axe-core finds no WCAG 2.2 A/AA or best-practice violation on ${name} with results, filters and more-results open`, async () => {
    const url = (await site()) + path;
    const { page, context } = await openPage(browser, url);
    if (!path) await page.waitForSelector("#articles li");
    await page.evaluate(() => document.querySelector("article-search").setAttribute("limit", "2"));
    await type(page, query);
    await page.locator("article-search >> .chip").first().waitFor();
    assert.equal(await page.evaluate(() => document.querySelector("article-search").shadowRoot.querySelector("button.more").hidden), false);
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const r = await window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] });
      return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    });
    assert.deepEqual(violations, []);
    await context.close();
  });
}

test("typing before the engine has loaded shows a loading state, then the results", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  // Hold the module back for a while, as a slow network would.
  await page.route("**/*.wasm", async (route) => { await new Promise((r) => setTimeout(r, 1200)); await route.continue(); });
  await page.goto(await site());
  await page.locator("article-search >> input[role=combobox]").fill("刘权");
  const status = (text) => page.waitForFunction(
    (t) => document.querySelector("article-search").shadowRoot.querySelector(".status").textContent === t, text);
  await status("載入中…");
  await status("共 1 篇結果");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a page view without a search loads only the element: the engine comes on focus", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requested = [];
  page.on("request", (r) => requested.push(new URL(r.url()).pathname));
  await page.goto((await site()) + "dropdown.html");
  await page.waitForLoadState("networkidle");
  assert.ok(requested.includes("/article-search.js"), requested.join(" "));
  assert.ok(!requested.some((p) => p.includes("/pkg/")), `loaded before any search: ${requested.join(" ")}`);
  await page.keyboard.press("/");
  await page.waitForFunction(() => document.querySelector("article-search").loading !== undefined);
  await page.locator("article-search >> input[role=combobox]").fill("劉權");
  await page.waitForFunction(() => document.querySelector("article-search").shadowRoot.querySelector(".status").textContent === "共 1 篇結果");
  assert.ok(requested.some((p) => /\/pkg\/article_search_bg\.[0-9a-f]{16}\.wasm$/.test(p)), requested.join(" "));
  await context.close();
});
