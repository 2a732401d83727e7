// A built site's search folder (`article-search build --site public --out public/search`, which
// scripts/test.sh runs on a copy of tests/fixtures/hugo/public), in Chromium: the hit links to
// the article's page whether the site is served at / or under /blog/, with no configuration.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { launch, openPage, type, shown } from "./harness.mjs";
import { serve } from "../../scripts/serve.mjs";

const ROOT = new URL("../../target/site-public/", import.meta.url).pathname;
let browser;
const servers = [];

before(async () => { browser = await launch(); });
after(async () => {
  await browser?.close();
  for (const s of servers) s.close();
});

for (const prefix of ["/", "/blog/"]) {
  test(`a hit opens its page, the site served at ${prefix}`, async () => {
    assert.ok(existsSync(`${ROOT}search/.article-search.json`), "scripts/test.sh builds the site first");
    const server = await serve({ root: ROOT, port: 0, prefix, csp: true });
    servers.push(server);
    const home = `http://127.0.0.1:${server.address().port}${prefix}`;
    const { page, problems, context } = await openPage(browser, home);
    await type(page, "htmlvisible");
    const { hits } = await shown(page);
    assert.equal(hits.length, 1);
    assert.equal(hits[0].title, "WebAssembly 模組的體積");
    const href = await page.evaluate(() => document.querySelector("article-search").shadowRoot.querySelector("li a").href);
    assert.equal(href, `${home}posts/wasm-size/`);
    // The search page itself is clean under the strict CSP (the article page is the fixture's).
    assert.deepEqual(problems, []);
    await page.keyboard.press("Enter");
    await page.waitForURL(`${home}posts/wasm-size/`);
    assert.equal(await page.locator("h1").first().textContent(), "引言");
    // A sub-result opens its section: the heading's anchor on the article's page.
    await page.goBack();
    await type(page, "codesentinel");
    const sub = await page.evaluate(() => [...document.querySelector("article-search").shadowRoot.querySelectorAll('[role="option"].sub')].map((o) => [o.querySelector(".title").textContent, o.href]));
    assert.deepEqual(sub, [["程式碼", `${home}posts/wasm-size/#code`]]);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${home}posts/wasm-size/#code`);
    await context.close();
  });
}

test("axe-core finds no violation with sub-results open", async () => {
  const server = await serve({ root: ROOT, port: 0 });
  servers.push(server);
  const { page, context } = await openPage(browser, `http://127.0.0.1:${server.address().port}/`);
  await type(page, "瀏覽器 codesentinel");
  assert.equal(await page.evaluate(() => document.querySelector("article-search").shadowRoot.querySelectorAll('[role="option"].sub').length), 2);
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve("axe-core/axe.min.js") });
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  assert.deepEqual(violations, []);
  await context.close();
});
