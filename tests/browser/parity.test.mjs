// The wasm module, loaded in Node from the built demo's pkg/, returns exactly what the native CLI
// prints for the same queries: one engine, one index, the same ranked hits and snippets.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { built } from "./harness.mjs";

const site = new URL("../../target/site/", import.meta.url);
const names = built(site.pathname);
const cli = new URL("../../target/release/article-search", import.meta.url).pathname;
const wasm = await import(new URL(names.find(/^pkg\/article_search\..*\.js$/), site));
const module = new WebAssembly.Module(readFileSync(new URL(names.find(/\.wasm$/), site)));
wasm.initSync({ module });
// The generic module carries the site's index as a custom section, as the element reads it.
wasm.open(new Uint8Array(WebAssembly.Module.customSections(module, "article-search/index")[0]));

// The product's example queries (the one table every test reads), and a few more shapes.
const TABLE = JSON.parse(readFileSync(new URL("../queries.json", import.meta.url), "utf8"));
const QUERIES = [...TABLE.queries.map((e) => e.query), "中國", "\"評審 同行\"", "中國 -DeepSeek", "tik "];

test("wasm search equals the CLI's --json output", () => {
  for (const q of QUERIES) {
    const native = JSON.parse(execFileSync(cli, ["--json", "--limit", "10", q], { encoding: "utf8" }));
    assert.deepEqual(wasm.search(q), native, q);
  }
});

test("filters, date ranges, sort and facets: wasm equals the CLI", () => {
  const cases = [
    [["--filter", "source=香港文匯報", "--facets", "中國"], { filters: { source: ["香港文匯報"] }, facets: true }],
    [["--sort", "newest", "--from", "2025-09-19", "--to", "2025-09-19", ""], { sort: "newest", from: "2025-09-19", to: "2025-09-19" }],
    [["--filter", "section=特稿", "--filter", "section=財經", "--sort", "oldest", "中國"], { filters: { section: ["特稿", "財經"] }, sort: "oldest" }],
  ];
  for (const [args, options] of cases) {
    const native = JSON.parse(execFileSync(cli, ["--json", "--limit", "10", ...args], { encoding: "utf8" }));
    assert.deepEqual(wasm.search(args.at(-1), options), native, args.join(" "));
  }
});

test("any JS string is a valid query, lone surrogates included", () => {
  for (const q of ["", "\uD800", "\uDC00abc", "a\uD83D", "\u0000", "x".repeat(1 << 20), "😀".repeat(1000)]) {
    const r = wasm.search(q);
    assert.ok(r.total >= 0 && Array.isArray(r.hits));
  }
  assert.throws(() => wasm.search("x", 5), /options must be an object/);
  assert.throws(() => wasm.search("x", { limit: 1.5 }), /limit/);
  assert.equal(wasm.article("missing", ""), null);
});

test("the raw module turns non-string arguments into JS errors, never a trap", () => {
  for (const bad of [123, {}, [], true, Symbol.iterator]) {
    assert.throws(() => wasm.search(bad), (e) => e instanceof Error && /query must be a string/.test(e.message), String(bad));
    assert.throws(() => wasm.article(bad, ""), /id must be a string/);
  }
  assert.throws(() => wasm.article(undefined), /id must be a string/);
  assert.equal(wasm.search(undefined).total, 0);
  assert.equal(wasm.search(null).total, 0);
  // The module still works after every one of those.
  assert.equal(wasm.search("刘权").hits[0].id, "deepseek-r1-nature");
  const none = wasm.search("中國", { limit: 0 });
  assert.ok(none.total > 1);
  assert.deepEqual(none.hits, []);
});
