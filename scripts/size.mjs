// Prints the size of what a browser downloads for the widget (article-search.js and pkg/), raw,
// gzip and brotli (quality 11, as a host that pre-compresses serves it); the demo page's own
// files are listed apart. An archive's shards (pkg/shards/, fetched as queries need them) are
// summed, not listed.
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const root = resolve(process.argv[2] || new URL("../target/site/", import.meta.url).pathname);
// The build names its files by content; its manifest lists them.
const files = JSON.parse(readFileSync(join(root, ".article-search.json"), "utf8")).files;
const widget = files.filter((f) => f === "article-search.js" || /^pkg\/[^/]+\.(js|wasm)$/.test(f));
const shards = files.filter((f) => f.startsWith("pkg/shards/"));
const demo = readdirSync(root).filter((f) => /\.(html|js|css|svg)$/.test(f) && !widget.includes(f)).sort();

const kb = (n) => (n / 1024).toFixed(1).padStart(6) + " KB";
function report(title, files) {
  const total = { raw: 0, gz: 0, br: 0 };
  console.log(title);
  for (const f of files) {
    const data = readFileSync(join(root, f));
    const gz = gzipSync(data, { level: 9 }).length;
    const br = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    total.raw += data.length; total.gz += gz; total.br += br;
    console.log(`  ${f.padEnd(30)} ${kb(data.length)} raw ${kb(gz)} gzip ${kb(br)} brotli`);
  }
  console.log(`  ${"total".padEnd(30)} ${kb(total.raw)} raw ${kb(total.gz)} gzip ${kb(total.br)} brotli`);
}
report("widget (what a page embedding <article-search> downloads):", widget);
report("demo page files:", demo);
if (shards.length) {
  const bytes = shards.reduce((n, f) => n + readFileSync(join(root, f)).length, 0);
  console.log(`index shards: ${shards.length} files, ${kb(bytes)} (gzip, as written)`);
}
