// Prints the size of what a browser downloads from www/, raw, gzip and brotli (quality 11, as a
// static host that pre-compresses would serve it).
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const root = new URL("../www/", import.meta.url).pathname;
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(js|wasm|css)$/.test(name)) files.push(p);
  }
})(root);

const kb = (n) => (n / 1024).toFixed(1).padStart(6) + " KB";
let total = { raw: 0, gz: 0, br: 0 };
console.log("size of what the browser downloads (www/):");
for (const f of files.sort()) {
  const data = readFileSync(f);
  const gz = gzipSync(data, { level: 9 }).length;
  const br = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  total.raw += data.length; total.gz += gz; total.br += br;
  console.log(`  ${f.slice(root.length).padEnd(32)} ${kb(data.length)} raw ${kb(gz)} gzip ${kb(br)} brotli`);
}
console.log(`  ${"total".padEnd(32)} ${kb(total.raw)} raw ${kb(total.gz)} gzip ${kb(total.br)} brotli`);
