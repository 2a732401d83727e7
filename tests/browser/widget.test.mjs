// The built site in a real headless Chromium, served over HTTP by a plain static server:
// typing queries, keyboard use, hostile article text, strict CSP, subpath, wrong wasm MIME type,
// keystroke bursts, and screenshots (light and dark) for a person to look at.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, existsSync } from "node:fs";
import { ARTIFACTS, startServer, launch, openPage, type, shown } from "./harness.mjs";

let browser;
const servers = [];
async function site(options) {
  const s = await startServer(options);
  servers.push(s.server);
  return s.url;
}

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  for (const s of servers) s.close();
});

test("typing traditional, simplified and English queries shows the right article with <mark>", async () => {
  const { page, problems, context } = await openPage(browser, await site({}));
  const cases = [
    ["劉權", "梁文鋒論文登《自然》封面", "劉權"],
    ["刘权", "梁文鋒論文登《自然》封面", "劉權"],
    ["周密", "商務部：TikTok問題中方立場一貫", "周密"],
    ["tiktik", "商務部：TikTok問題中方立場一貫", "TikTok"],
    ["ＧＰＴ－４", "梁文鋒論文登《自然》封面", "GPT-4"],
    ["粤港澳", "「十四五」科技金融「組合拳」", "粵港澳"],
  ];
  for (const [query, title, mark] of cases) {
    await type(page, query);
    const { hits } = await shown(page);
    assert.ok(hits.length > 0, `no hits for ${query}`);
    assert.ok(hits[0].title.startsWith(title), `${query}: first hit ${hits[0].title}`);
    assert.ok(hits[0].marks.includes(mark), `${query}: marks ${hits[0].marks}`);
  }
  await type(page, "美國大選");
  const none = await shown(page);
  assert.equal(none.hits.length, 0);
  assert.match(none.status, /找不到「美國大選」/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the demo lists the four articles by their headlines", async () => {
  const { page, problems, context } = await openPage(browser, await site({}));
  await page.waitForSelector("#articles li");
  const titles = await page.locator("#articles li > a").allTextContents();
  assert.equal(titles.length, 4);
  assert.ok(titles.includes("兩場德國展會看「中國智造」華麗轉身"));
  assert.deepEqual(problems, []);
  await context.close();
});

test("keyboard only: / focuses, arrows move, Enter opens the article, Esc closes then clears", async () => {
  const { page, problems, context } = await openPage(browser, await site({}));
  await page.waitForSelector("#articles li");
  await page.keyboard.press("/");
  assert.equal(await page.evaluate(() => document.querySelector("article-search").shadowRoot.activeElement?.tagName), "INPUT");
  await type(page, "中國");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  let state = await shown(page);
  assert.deepEqual(state.hits.map((h) => h.selected).slice(0, 2), [false, true]);
  const active = await page.evaluate(() => {
    const root = document.querySelector("article-search").shadowRoot;
    return root.querySelector("input").getAttribute("aria-activedescendant") === root.querySelector('[aria-selected="true"]').id;
  });
  assert.ok(active, "aria-activedescendant points at the selected option");
  await page.keyboard.press("ArrowUp");
  state = await shown(page);
  assert.equal(state.hits[0].selected, true);
  await page.keyboard.press("Enter");
  await page.waitForSelector("#reader:not([hidden])");
  assert.equal(await page.locator("#reader-title").textContent(), state.hits[0].title);
  const marks = await page.locator("#reader-body mark").allTextContents();
  assert.ok(marks.length > 0 && marks.every((m) => m === "中國"), `marks: ${marks}`);
  assert.match(page.url(), /#\/a\/.+\?q=%E4%B8%AD%E5%9C%8B$/);

  await page.keyboard.press("Control+k");
  await page.keyboard.press("Escape");
  assert.equal(await page.evaluate(() => document.querySelector("article-search").shadowRoot.querySelector(".panel").hidden), true);
  await page.keyboard.press("Escape");
  assert.equal(await page.evaluate(() => document.querySelector("article-search").value), "");
  assert.deepEqual(problems, []);
  await context.close();
});

test("focus leaving the widget closes the list; coming back reopens it", async () => {
  const { page, problems, context } = await openPage(browser, await site({}));
  await type(page, "周密");
  const listHidden = () => page.evaluate(() => document.querySelector("article-search").shadowRoot.querySelector(".panel").hidden);
  assert.equal(await listHidden(), false);
  // Tab moves through the widget's own controls (clear, sort, dates, filters) without closing it.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  assert.equal(await listHidden(), false);
  // Leaving the widget closes it.
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Shift+Tab");
  assert.equal(await listHidden(), true);
  await page.locator("article-search >> input[role=combobox]").focus();
  assert.equal(await listHidden(), false);
  assert.equal((await shown(page)).hits[0].marks.includes("周密"), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test("hostile article text is shown as text and runs nothing", async () => {
  const dir = new URL("../../target/www-hostile/", import.meta.url).pathname;
  assert.ok(existsSync(dir), "scripts/test.sh builds the hostile site first");
  const { page, problems, context } = await openPage(browser, await site({ root: dir, csp: true }));
  await page.evaluate(() => { window.__ran = 0; window.alert = () => { window.__ran++; }; });
  await type(page, "必須");
  const { hits } = await shown(page);
  assert.equal(hits.length, 1);
  assert.ok(hits[0].title.includes("<img src=x onerror=alert(1)>"), hits[0].title);
  const html = await page.evaluate(() => document.querySelector("article-search").shadowRoot.querySelector("ul").innerHTML);
  assert.ok(!/<img|<script/i.test(html), "no element was created from article text");
  await page.locator("article-search >> li a").first().click();
  await page.waitForSelector("#reader:not([hidden])");
  assert.ok((await page.locator("#reader-body").textContent()).includes("<script>alert(2)</script>"));
  assert.equal(await page.locator("#reader img, #reader script").count(), 0);
  // Markdown: raw HTML is markup (dropped), code is text (shown as text); the title is text.
  await page.locator("article-search >> input[role=combobox]").focus();
  await type(page, "移除");
  const md = await shown(page);
  assert.equal(md.hits.length, 1);
  assert.ok(md.hits[0].title.includes("<svg onload=alert(6)>"), md.hits[0].title);
  await page.locator("article-search >> li a").first().click();
  await page.waitForFunction(() => document.querySelector("#reader-title").textContent.includes("Markdown"));
  const body = await page.locator("#reader-body").textContent();
  assert.ok(body.includes("<img src=x onerror=alert(9)>") && !body.includes("alert(7)"), body);
  assert.equal(await page.locator("#reader img, #reader script, #reader svg").count(), 0);
  assert.equal(await page.evaluate(() => window.__ran), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("strict CSP, a subpath and a wrong wasm MIME type together: it works with a clean console", async () => {
  const url = await site({ prefix: "/news/search/", csp: true, wrongWasmMime: true });
  const { page, problems, context } = await openPage(browser, url);
  const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get("content-security-policy"));
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  await type(page, "DeepSeek 開源");
  const { hits } = await shown(page);
  assert.equal(hits.length, 1);
  assert.ok(hits[0].marks.includes("開源"));
  assert.deepEqual(problems, []);
  await context.close();
});

test("a burst of keystrokes ends showing the last query's results", async () => {
  const { page, problems, context } = await openPage(browser, await site({}));
  // Typed before the wasm has even loaded, each key replacing the query.
  const input = page.locator("article-search >> input[role=combobox]");
  for (const q of ["t", "ti", "tik", "tikt", "tikto", "tiktok", "周", "周密", "特朗普"]) await input.fill(q);
  await page.waitForFunction(() => document.querySelector("article-search").query === "特朗普");
  await page.waitForTimeout(200);
  const { hits, status } = await shown(page);
  assert.equal(status, "共 1 篇結果");
  assert.ok(hits[0].marks.includes("特朗普"));
  assert.equal(await page.evaluate(() => document.querySelector("article-search").query), "特朗普");
  assert.deepEqual(problems, []);
  await context.close();
});

test("UI language follows lang: zh-Hans and en strings", async () => {
  const { page, problems, context } = await openPage(browser, await site({}));
  await page.evaluate(() => document.querySelector("article-search").setAttribute("lang", "en"));
  assert.match(await page.locator("article-search >> input[role=combobox]").getAttribute("placeholder"), /^Search articles/);
  await type(page, "Huawei");
  assert.equal((await shown(page)).status, "No articles match “Huawei”");
  await page.evaluate(() => document.querySelector("article-search").setAttribute("lang", "zh-CN"));
  await type(page, "刘权");
  assert.equal((await shown(page)).status, "共 1 篇结果");
  assert.deepEqual(problems, []);
  await context.close();
});

test("screenshots of the demo, light and dark, wide and 360 px", async () => {
  const url = await site({});
  for (const colorScheme of ["light", "dark"]) {
    for (const [name, viewport] of [["wide", { width: 1000, height: 760 }], ["narrow", { width: 360, height: 740 }]]) {
      const { page, problems, context } = await openPage(browser, url, { colorScheme, viewport });
      await page.waitForSelector("#articles li");
      await type(page, "刘权 开源");
      await page.screenshot({ path: `${ARTIFACTS}demo-${colorScheme}-${name}.png` });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      assert.equal(overflow, false, `${colorScheme} ${name}: the page scrolls sideways`);
      assert.deepEqual(problems, []);
      await context.close();
    }
  }
});

test("links the build would refuse, written into the index by hand, open nothing and run nothing", async () => {
  const dir = new URL("../../target/www-hostile/", import.meta.url).pathname;
  // No CSP here: the demo page has none, and neither do many sites that embed the widget.
  const { page, problems, context } = await openPage(browser, await site({ root: dir }));
  await page.waitForSelector("#articles li");
  // The demo keeps the query in the URL (url-state); nothing may navigate: same path, no hash.
  const where = async () => { const u = new URL(page.url()); return { path: u.origin + u.pathname + u.hash, title: await page.title() }; };
  const before = await where();
  // The demo's list shows the articles, without a link for the unsafe ones.
  const listed = await page.evaluate(() => [...document.querySelectorAll("#articles li")].map((li) => ({
    title: li.firstElementChild.textContent, href: li.querySelector("a")?.getAttribute("href") ?? null,
  })));
  const unsafe = listed.filter((a) => a.title.startsWith("連結測試"));
  assert.equal(unsafe.length, 4);
  assert.ok(unsafe.every((a) => a.href === null), JSON.stringify(unsafe));
  // The API withholds them too.
  const api = await page.evaluate(async () => {
    const m = await import("./article-search.js");
    const r = await m.search("連結測試");
    return { urls: r.hits.map((h) => h.url), article: (await m.article("hostile-url-0")).url, list: (await m.list()).filter((a) => a.id.startsWith("hostile-url")).map((a) => a.url) };
  });
  assert.deepEqual(api, { urls: [null, null, null, null], article: null, list: [null, null, null, null] });
  // The element renders no link, and neither Enter nor a click goes anywhere.
  await type(page, "連結測試");
  const hrefs = await page.evaluate(() => [...document.querySelector("article-search").shadowRoot.querySelectorAll("li a")].map((a) => a.getAttribute("href")));
  assert.deepEqual(hrefs, [null, null, null, null]);
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
  }
  for (const a of await page.locator("article-search >> li a").all()) await a.click();
  await page.waitForTimeout(300);
  assert.equal(await page.locator("a[href^='javascript' i], a[href^='data' i]").count(), 0);
  assert.deepEqual(await where(), before);
  assert.deepEqual(problems, []);
  await context.close();
});

/** Records every text the status line and the live region take, from now on (again). */
async function recordStatus(page) {
  await page.evaluate(() => {
    const root = document.querySelector("article-search").shadowRoot;
    const first = !window.__seen;
    window.__seen = { status: [], live: [] };
    if (first) for (const [name, node] of [["status", root.querySelector(".status")], ["live", root.querySelector('[aria-live]')]]) {
      new MutationObserver(() => { if (node.textContent) window.__seen[name].push(node.textContent); })
        .observe(node, { childList: true, characterData: true, subtree: true });
    }
  });
  return () => page.evaluate(() => window.__seen);
}

test("an input method's composition is not searched; the live region announces only settled results", async () => {
  const { page, problems, context } = await openPage(browser, await site({}));
  await page.evaluate(() => document.querySelector("article-search").ready);
  const seen = await recordStatus(page);
  await page.locator("article-search >> input[role=combobox]").focus();
  // Chromium's own IME path: composition updates as a pinyin IME sends them, then the commit.
  const cdp = await context.newCDPSession(page);
  for (const text of ["z", "zh", "zho", "zhon", "zhong", "zhongg", "zhonggu", "zhongguo"]) {
    await cdp.send("Input.imeSetComposition", { text, selectionStart: text.length, selectionEnd: text.length });
    await page.waitForTimeout(80);
  }
  await cdp.send("Input.insertText", { text: "中國" });
  await page.waitForFunction(() => document.querySelector("article-search").query === "中國");
  await page.waitForTimeout(1000);
  const { status, live } = await seen();
  assert.ok(status.every((s) => !/zh|找不到/.test(s)), `searched during composition: ${status}`);
  assert.match(status.at(-1), /^共 \d+ 篇結果$/);
  assert.deepEqual(live, [status.at(-1)]);

  // Typing without an IME still searches as you type, and is announced once it settles.
  const seen2 = await recordStatus(page);
  const input = page.locator("article-search >> input[role=combobox]");
  await input.fill("");
  await input.pressSequentially("tiktok", { delay: 150 });
  await page.waitForFunction(() => document.querySelector("article-search").query === "tiktok");
  await page.waitForTimeout(1000);
  const typed = await seen2();
  assert.ok(typed.status.length >= 3, `search as you type: ${typed.status}`);
  assert.deepEqual(typed.live, ["共 1 篇結果"]);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a pasted 100 KB query keeps the status line and the live region short", async () => {
  const { page, problems, context } = await openPage(browser, await site({}));
  const seen = await recordStatus(page);
  const pasted = "美國大選".repeat(25000) + "xyz";
  await page.locator("article-search >> input[role=combobox]").fill(pasted);
  await page.waitForFunction(() => document.querySelector("article-search").query.length > 0);
  await page.waitForTimeout(1000);
  const { status, live } = await seen();
  const state = await page.evaluate(() => {
    const el = document.querySelector("article-search");
    const s = el.shadowRoot.querySelector(".status");
    return { value: el.value.length, height: s.getBoundingClientRect().height, text: s.textContent };
  });
  assert.equal(state.value, pasted.length, "the box keeps the whole text");
  assert.ok(state.text.length <= 60 && state.text.includes("…"), state.text);
  assert.ok(state.height < 60, `status line is ${state.height}px tall`);
  assert.ok(status.every((s) => s.length <= 60) && live.length === 1 && live[0].length <= 60, JSON.stringify({ status, live }));
  assert.deepEqual(problems, []);
  await context.close();
});
