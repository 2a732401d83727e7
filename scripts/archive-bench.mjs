// The large-archive benchmark: this project and Pagefind over the same poems, in headless
// Chromium, one cold page per query. Not part of the test command (it builds 100,000 pages for
// Pagefind and runs for a quarter of an hour).
//
//   node scripts/archive-bench.mjs [--sizes 10000,100000] [--limit N] [--no-throttle] [--queries-only]
//
// For each size it
//  - writes the poems (npm chinese-poetry, traditional; scripts/poems.mjs) into bench-data/;
//  - reads the public queries from bench/queries-N.json, generating them first if missing (whole
//    lines, half lines, titles, simplified forms, variant forms, absent lines; every one checked
//    against the text; commit the file);
//  - builds this project's search folder (`article-search build`, sharded above 512 KiB) and
//    Pagefind 1.6 over one HTML page per poem (`lang="zh-TW"`), timing both;
//  - serves both on 127.0.0.1, compressed as static hosts serve (brotli; gzipped files as they
//    are), and, over Lighthouse's slow-4G profile (150 ms per request, 1.6 Mbit/s shared; shaped
//    by the server, so that Pagefind's worker is slowed too) unless --no-throttle, opens a fresh
//    page per query and measures until ten results with their snippets are in hand: bytes on the
//    wire (headers included), requests, sequential round trips after the entry script, time;
//  - checks every answer: the first hit holds the query's line as written (or its traditional
//    original), an absent line finds nothing;
//  - runs 1,000 queries in one page and reads this project's wasm memory.
// It prints a table with ratios and writes bench-data/archive-results-N.json.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tangPoems, benchShape } from "./poems.mjs";
import { serve } from "./serve.mjs";
import { launch } from "../tests/browser/harness.mjs";

const ROOT = new URL("..", import.meta.url).pathname;
const DATA = join(ROOT, "bench-data");
const TOOLS = join(DATA, "tools");
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const SIZES = opt("--sizes", "10000,100000").split(",").map(Number);
const LIMIT = Number(opt("--limit", "1000000"));
const THROTTLE = !args.includes("--no-throttle");

/** Pagefind and OpenCC from npm, into bench-data/tools (not the project's dependencies). */
function tools() {
  if (!existsSync(join(TOOLS, "node_modules/pagefind")) || !existsSync(join(TOOLS, "node_modules/opencc-js"))) {
    mkdirSync(TOOLS, { recursive: true });
    execFileSync("npm", ["install", "--prefix", TOOLS, "--no-audit", "--no-fund", "--loglevel=error", "pagefind@1.6.0", "opencc-js@1.4.2"], { stdio: "inherit" });
  }
}

const CLAUSE = /[^，。！？；、：「」『』（）\s]+/g;
const cjk = (s) => /^\p{Script=Han}+$/u.test(s);

/** The public queries of a corpus, each checked against the text. */
async function makeQueries(poems) {
  const OpenCC = await import(join(TOOLS, "node_modules/opencc-js/dist/esm/full.js"));
  const t2s = OpenCC.Converter({ from: "t", to: "cn" });
  const texts = poems.map((p) => `${p.title}\n${p.body}`);
  const folded = texts.map((t) => t2s(t));
  const count = (s) => texts.reduce((n, t) => n + (t.includes(s) ? 1 : 0), 0);
  const countFolded = (s) => folded.reduce((n, t) => n + (t.includes(s) ? 1 : 0), 0);
  const out = [];
  const stride = Math.max(1, Math.floor(poems.length / 400));
  const seen = new Set();
  const add = (kind, query, expect, cap) => {
    if (out.filter((q) => q.kind === kind).length >= cap || seen.has(query)) return false;
    seen.add(query);
    out.push({ kind, query, expect });
    return true;
  };
  for (let i = 0; i < poems.length && out.length < 90; i += stride) {
    const clauses = (poems[i].body.match(CLAUSE) || []).filter((c) => cjk(c) && c.length >= 5);
    for (const c of clauses) {
      if (count(c) !== 1) continue;
      if (countFolded(t2s(c)) > 1) {
        // The line occurs in other poems only through variant forms (遊/游): it must still win.
        if (add("variant", c, c, 5)) break;
      }
      if (add("line", c, c, 30)) break;
      const half = c.slice(0, Math.ceil(c.length / 2) + 1);
      if (count(half) === 1 && add("half line", half, half, 20)) break;
      const simplified = t2s(c);
      if (simplified !== c && countFolded(simplified) === 1 && add("simplified", simplified, c, 20)) break;
    }
    const title = poems[i].title;
    if (title.length >= 4 && cjk(title) && count(title) === 1) add("title", title, title, 15);
  }
  // Absent lines: the first half of one line and the second half of another, found nowhere.
  for (let i = 0, j = 7; out.filter((q) => q.kind === "absent").length < 10 && i < poems.length; i += stride, j += stride) {
    const a = (poems[i].body.match(CLAUSE) || []).find((c) => cjk(c) && c.length >= 5);
    const b = (poems[j % poems.length].body.match(CLAUSE) || []).find((c) => cjk(c) && c.length >= 5);
    if (!a || !b) continue;
    const q = a.slice(0, 3) + b.slice(3);
    if (count(q) === 0 && countFolded(t2s(q)) === 0) add("absent", q, null, 10);
  }
  return out;
}

function filesUnder(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? filesUnder(join(dir, e.name)) : 1;
  return n;
}

const escapeHtml = (s) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

function buildBoth(dir, poems) {
  const src = join(dir, "src");
  mkdirSync(src, { recursive: true });
  writeFileSync(join(src, "poems.json"), JSON.stringify(poems));
  const ours = join(dir, "ours");
  rmSync(ours, { recursive: true, force: true });
  mkdirSync(ours, { recursive: true });
  writeFileSync(join(ours, "index.html"), "<!doctype html><meta charset=utf-8><title>bench</title>");
  let t = Date.now();
  execFileSync(join(ROOT, "target/release/article-search"), ["build", "--site", src, "--out", join(ours, "search")], { stdio: ["ignore", "ignore", "inherit"] });
  const oursBuild = (Date.now() - t) / 1000;
  const pf = join(dir, "pagefind-site");
  if (!existsSync(join(pf, "p"))) {
    mkdirSync(join(pf, "p"), { recursive: true });
    for (const p of poems) {
      const lines = p.body.split("\n").map((l) => `<p>${escapeHtml(l)}</p>`).join("");
      writeFileSync(join(pf, "p", `${p.id}.html`), `<!doctype html><html lang="zh-TW"><head><meta charset="utf-8"><title>${escapeHtml(p.title)}</title></head><body><main><h1>${escapeHtml(p.title)}</h1><p>${escapeHtml(p.byline)}</p>${lines}</main></body></html>`);
    }
    writeFileSync(join(pf, "index.html"), "<!doctype html><html lang=\"zh-TW\"><meta charset=utf-8><title>bench</title><body></body></html>");
  }
  rmSync(join(pf, "pagefind"), { recursive: true, force: true });
  t = Date.now();
  execFileSync(join(TOOLS, "node_modules/.bin/pagefind"), ["--site", pf], { stdio: ["ignore", "ignore", "inherit"] });
  const pfBuild = (Date.now() - t) / 1000;
  return {
    ours: { root: ours, build: oursBuild, files: filesUnder(join(ours, "search")) },
    pagefind: { root: pf, build: pfBuild, files: filesUnder(join(pf, "pagefind")) },
  };
}

/** In the page: one search, ten results with snippets in hand. */
const RUN = {
  ours: async (q) => {
    const t0 = performance.now();
    const api = await import("./search/article-search.js");
    const r = await api.search(q, { limit: 10 });
    return { ms: performance.now() - t0, total: r.total, hits: r.hits.map((h) => ({ key: h.id, snippet: h.snippet })) };
  },
  pagefind: async (q) => {
    const t0 = performance.now();
    const pf = await import("./pagefind/pagefind.js");
    const s = await pf.search(q);
    const data = await Promise.all(s.results.slice(0, 10).map((r) => r.data()));
    return { ms: performance.now() - t0, total: s.results.length, hits: data.map((d) => ({ key: d.url.replace(/^.*\/p\/|\.html$/g, ""), snippet: d.excerpt })) };
  },
};

/** Sequential round trips: a request waits for the deepest request that finished before it began. */
function rounds(requests) {
  const depth = [];
  requests.forEach((r, i) => {
    let d = 1;
    for (let j = 0; j < i; j++) if (requests[j].end <= r.start) d = Math.max(d, depth[j] + 1);
    depth.push(d);
  });
  return Math.max(0, ...depth);
}

async function measure(browser, url, engine, query) {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Context-wide: Pagefind searches in a worker, whose requests a page's CDP session misses.
  const finished = [];
  context.on("requestfinished", (r) => finished.push(r));
  await page.goto(url);
  const before = finished.length;
  const result = await page.evaluate(RUN[engine], query);
  await page.waitForTimeout(50);
  const list = [];
  for (const r of finished.slice(before)) {
    const t = r.timing();
    const sizes = await r.sizes();
    list.push({ url: r.url(), start: t.startTime, end: t.startTime + t.responseEnd, bytes: sizes.responseBodySize + sizes.responseHeadersSize });
  }
  list.sort((a, b) => a.start - b.start);
  await context.close();
  // Round trips after the entry script (the first request).
  return { ...result, requests: list.length, bytes: list.reduce((n, r) => n + r.bytes, 0), rounds: rounds(list.slice(1)) };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]; };

function right(q, result, poemsById) {
  if (q.expect === null) return result.total === 0;
  const first = result.hits[0];
  const poem = first && poemsById.get(first.key);
  return Boolean(poem && `${poem.title}\n${poem.body}`.includes(q.expect));
}

async function benchSize(n) {
  const dir = join(DATA, `archive-${n}`);
  mkdirSync(dir, { recursive: true });
  const poems = benchShape(tangPoems(n));
  const qfile = join(ROOT, "bench", `queries-${n}.json`);
  if (!existsSync(qfile)) {
    mkdirSync(join(ROOT, "bench"), { recursive: true });
    const queries = await makeQueries(poems);
    writeFileSync(qfile, JSON.stringify({ corpus: `chinese-poetry@2.0.1 quantangshi, first ${n} poems (Tang, then Song)`, queries }, null, 1) + "\n");
    console.log(`wrote ${qfile}: ${queries.length} queries`);
  }
  if (args.includes("--queries-only")) return null;
  const queries = JSON.parse(readFileSync(qfile, "utf8")).queries.slice(0, LIMIT);
  const built = buildBoth(dir, poems);
  const poemsById = new Map(poems.map((p) => [p.id, p]));
  const browser = await launch();
  const out = { size: n, queries: queries.length, throttled: THROTTLE };
  for (const engine of ["ours", "pagefind"]) {
    const throttle = THROTTLE ? { rttMs: 150, bitsPerSecond: 1.6e6 } : null;
    const server = await serve({ root: built[engine].root, port: 0, brotli: true, throttle });
    const url = `http://127.0.0.1:${server.address().port}/`;
    await measure(browser, url, engine, "暖機"); // compresses the entry files once, uncounted
    const runs = [];
    for (const q of queries) runs.push({ ...q, ...(await measure(browser, url, engine, q.query)) });
    const r = {
      build: built[engine].build, files: built[engine].files,
      right: runs.filter((x) => right(x, x, poemsById)).length,
      bytes: median(runs.map((x) => x.bytes)), worstBytes: Math.max(...runs.map((x) => x.bytes)),
      requests: median(runs.map((x) => x.requests)), rounds: Math.max(...runs.map((x) => x.rounds)),
      ms: median(runs.map((x) => x.ms)), p95: p95(runs.map((x) => x.ms)),
      wrong: runs.filter((x) => !right(x, x, poemsById)).map((x) => `${x.kind} ${x.query}`),
    };
    if (engine === "ours") {
      // Memory after 1,000 queries in one page, as a reader who keeps searching.
      const page = await (await browser.newContext()).newPage();
      await page.goto(url);
      r.memoryMB = await page.evaluate(async (qs) => {
        const api = await import("./search/article-search.js");
        for (let i = 0; i < 1000; i++) await api.search(qs[i % qs.length], { limit: 10 });
        return (await api.load()).memory.buffer.byteLength / 2 ** 20;
      }, queries.map((q) => q.query));
    }
    out[engine] = r;
    server.close();
  }
  await browser.close();
  writeFileSync(join(DATA, `archive-results-${n}.json`), JSON.stringify(out, null, 1));
  return out;
}

function table(results) {
  const kb = (b) => `${(b / 1024).toFixed(0)} KB`;
  const row = (name, f, ratio = true) => {
    const cells = results.flatMap((r) => {
      const a = f(r.ours), b = f(r.pagefind);
      return [a.text ?? a, b.text ?? b, ratio && a.n && b.n ? `${(a.n / b.n).toFixed(2)}×` : ""];
    });
    console.log(`| ${name} | ${cells.join(" | ")} |`);
  };
  console.log(`\n| | ${results.map((r) => `${r.size} poems: ours | Pagefind | ratio`).join(" | ")} |`);
  console.log(`|---|${results.map(() => "---:|---:|---:|").join("")}`);
  row("right answers", (x) => ({ text: `${x.right}/${results[0].queries}`, n: x.right }));
  row("median bytes to 10 results", (x) => ({ text: kb(x.bytes), n: x.bytes }));
  row("worst query bytes", (x) => ({ text: kb(x.worstBytes), n: x.worstBytes }));
  row("median requests", (x) => ({ text: String(x.requests), n: x.requests }));
  row("most sequential round trips after the entry", (x) => ({ text: String(x.rounds), n: x.rounds }));
  row("median time to results", (x) => ({ text: `${x.ms.toFixed(0)} ms`, n: x.ms }));
  row("p95 first run", (x) => ({ text: `${x.p95.toFixed(0)} ms`, n: x.p95 }));
  row("build time", (x) => ({ text: `${x.build.toFixed(1)} s`, n: x.build }));
  row("files", (x) => ({ text: String(x.files), n: x.files }));
  row("wasm memory after 1,000 queries", (x) => ({ text: x.memoryMB ? `${x.memoryMB.toFixed(0)} MB` : "—" }), false);
  for (const r of results) for (const e of ["ours", "pagefind"]) if (r[e].wrong.length) console.log(`${r.size} ${e} wrong: ${r[e].wrong.join("; ")}`);
}

tools();
const results = [];
for (const n of SIZES) {
  const r = await benchSize(n);
  if (r) results.push(r);
}
if (results.length) table(results);
