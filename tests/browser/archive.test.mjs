// An archive's index in shards, in Chromium: the seed articles built with `--layout sharded` and
// tiny shards (scripts/test.sh writes target/site-sharded/), next to the same articles in one
// piece (target/site/). The JS API and the element must answer alike, fetch only content-named
// shard files, unpack them whether or not the host labels them gzip, and fail clearly when a
// shard is missing or belongs to another build.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { launch, openPage, type, shown, WWW, built } from "./harness.mjs";
import { serve } from "../../scripts/serve.mjs";

const SHARDED = new URL("../../target/site-sharded/", import.meta.url).pathname;
const TABLE = JSON.parse(readFileSync(new URL("../queries.json", import.meta.url), "utf8"));
const QUERIES = [...TABLE.queries.map((e) => e.query), "中國", "中國 -DeepSeek", "tik "];
let browser;
const servers = [];

async function site(root, options = {}) {
  const server = await serve({ root, port: 0, ...options });
  servers.push(server);
  return `http://127.0.0.1:${server.address().port}/`;
}

before(async () => {
  assert.ok(existsSync(`${SHARDED}.article-search.json`), "scripts/test.sh builds target/site-sharded first");
  browser = await launch();
});
after(async () => {
  await browser?.close();
  for (const s of servers) s.close();
});

/** Every example query through the JS API, with facets, plus articles and a list page. */
async function answers(page) {
  return page.evaluate(async (queries) => {
    const api = await import("./article-search.js");
    const out = [];
    for (const q of queries) {
      const r = await api.search(q, { limit: 50, facets: true });
      out.push(r);
      for (const h of r.hits.slice(0, 2)) out.push(await api.article(h.id, q));
    }
    out.push(await api.list(1, 2));
    return out;
  }, QUERIES);
}

test("the sharded index answers every example query as the index in one piece", async () => {
  const { page: single, context: c1 } = await openPage(browser, await site(WWW));
  const { page, context, problems } = await openPage(browser, await site(SHARDED, { csp: true }));
  const requested = [];
  page.on("request", (r) => requested.push(new URL(r.url()).pathname));
  assert.deepEqual(await answers(page), await answers(single));
  const shards = requested.filter((p) => p.startsWith("/pkg/shards/"));
  assert.ok(shards.length > 5, requested.join(" "));
  assert.ok(shards.every((p) => /^\/pkg\/shards\/[pdi]-[0-9a-f]{16}\.bin$/.test(p)), shards.join(" "));
  assert.equal(new Set(shards).size, shards.length, "each shard is fetched once");
  assert.deepEqual(problems, []);
  await c1.close();
  await context.close();
});

test("the element searches a sharded index; a host that labels shards gzip works too", async () => {
  const { page: single, context: c1 } = await openPage(browser, await site(WWW));
  const { page, context, problems } = await openPage(browser, await site(SHARDED, { csp: true, gzipEncoding: true }));
  for (const q of ["DeepSeek 開源", "刘权", "中國"]) {
    await type(page, q);
    await type(single, q);
    const got = await shown(page);
    assert.ok(got.hits.length > 0, q);
    assert.deepEqual(got, await shown(single), q);
  }
  assert.deepEqual(problems, []);
  await c1.close();
  await context.close();
});

test("a missing shard or one of another build is a clear error, not stale results", async () => {
  const url = await site(SHARDED);
  const { page, context } = await openPage(browser, url);
  await page.route("**/pkg/shards/*", (route) => route.fulfill({ status: 404, body: "not found" }));
  const missing = await page.evaluate(() => import("./article-search.js").then((api) => api.search("中國")).then(() => "resolved", (e) => e.message));
  assert.match(missing, /index file p-[0-9a-f]{16}\.bin is missing \(HTTP 404\)/);
  // The element says search is unavailable rather than "no results".
  await page.locator("article-search >> input[role=combobox]").fill("台灣");
  await page.waitForFunction(() => document.querySelector("article-search").shadowRoot.querySelector(".status")?.textContent === "搜尋暫時無法使用");
  // Once the files can be fetched again, the same page searches again: a failed fetch is not kept.
  await page.unroute("**/pkg/shards/*");
  const again = await page.evaluate(() => import("./article-search.js").then((api) => api.search("中國")).then((r) => r.total));
  assert.ok(again > 0, `${again}`);
  await context.close();

  // A postings shard of another build (the Jekyll fixture's) served under the requested name, as a
  // folder mixing two builds would: refused.
  const OTHER = new URL("../../target/site-sharded-other/", import.meta.url).pathname;
  const other = readFileSync(`${OTHER}${built(OTHER).find(/^pkg\/shards\/p-/)}`);
  const { page: p2, context: c2 } = await openPage(browser, url);
  await p2.route("**/pkg/shards/p-*", (route) => route.fulfill({ status: 200, body: other }));
  const foreign = await p2.evaluate(() => import("./article-search.js").then((api) => api.search("中國")).then(() => "resolved", (e) => e.message));
  assert.match(foreign, /shard of another build/);
  await c2.close();
});
