// Runs the product's example queries against article-search (the built www/pkg) and against
// MiniSearch, the smallest in-browser engine people use, configured the way a site owner would
// for Chinese: Intl.Segmenter word tokens for articles and queries, prefix search, fuzzy 0.2,
// AND. Prints, per query, the first article each engine returns.
//
//   scripts/build.sh && node scripts/compare.mjs
import { readFileSync, readdirSync } from "node:fs";
import { brotliCompressSync, constants } from "node:zlib";
import MiniSearch from "minisearch";

const root = new URL("../", import.meta.url);
const wasm = await import(new URL("www/pkg/article_search.js", root));
const module = new WebAssembly.Module(readFileSync(new URL("www/pkg/article_search_bg.wasm", root)));
wasm.initSync({ module });
wasm.open(new Uint8Array(WebAssembly.Module.customSections(module, "article-search/index")[0]));

// The same four articles, read through the engine (so both engines see the same text).
const articles = wasm.list().map((h) => ({ ...h, ...wasm.article(h.id, "") }));

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
const tokenize = (text) => [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment);
const mini = new MiniSearch({
  fields: ["title", "body"],
  storeFields: ["title"],
  tokenize,
  searchOptions: { prefix: true, fuzzy: 0.2, combineWith: "AND", boost: { title: 2 } },
});
mini.addAll(articles);

// The product's example queries: the first article each should find (null: none).
const TABLE = JSON.parse(readFileSync(new URL("tests/queries.json", root), "utf8"));
const EXPECT = TABLE.queries.map((e) => [e.query, e.only ?? e.first ?? null]);

const ours = (q) => wasm.search(q).hits[0]?.id ?? null;
const theirs = (q) => mini.search(q)[0]?.id ?? null;
let score = { ours: 0, theirs: 0 };
const rows = [];
for (const [q, want] of EXPECT) {
  const a = ours(q), b = theirs(q);
  score.ours += a === want; score.theirs += b === want;
  rows.push(`| ${q} | ${want ?? "(nothing)"} | ${a === want ? "✓" : `✗ ${a}`} | ${b === want ? "✓" : `✗ ${b ?? "(nothing)"}`} |`);
}
const br = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const miniSize = br(readFileSync(new URL("node_modules/minisearch/dist/es/index.js", root)))
  + br(Buffer.from(JSON.stringify(mini)));
console.log("| query | expected first hit | article-search | MiniSearch + Intl.Segmenter |");
console.log("|---|---|---|---|");
console.log(rows.join("\n"));
console.log(`\nright: article-search ${score.ours}/${EXPECT.length}, MiniSearch ${score.theirs}/${EXPECT.length}`);
console.log(`MiniSearch library + serialized index, brotli: ${(miniSize / 1024).toFixed(1)} KB (it must also ship the article text for snippets)`);
