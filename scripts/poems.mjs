// Tang poems from the npm package chinese-poetry@2.0.1 (traditional characters), the real corpus
// that tests and benchmarks use. Not committed: the package is fetched with `npm pack` (85 MB,
// cached in bench-data/) and the poems are written out as article files.
//
//   node scripts/poems.mjs export 10000 target/corpora/tang-10k/poems.json
//       an export as a CMS would give it: [{ title, body }], titles exactly as in the package
//       (empty ones left empty), no id, body = author line + paragraphs, and one record with an
//       extra key (`image`) that the indexer must ignore
//   node scripts/poems.mjs bench 10000 bench-data/poems/poems.json
//       the benchmark's shape: ids from the package, source and byline set
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { tmpdir } from "node:os";

const cache = new URL("../bench-data/", import.meta.url).pathname;

/** The first `count` poems of quantangshi, in the package's file order: the Tang poems (57,591),
 * then, for larger corpora, the Song poems of the same collection (254,247). */
export function tangPoems(count) {
  mkdirSync(cache, { recursive: true });
  const tgz = `${cache}chinese-poetry-2.0.1.tgz`;
  if (!existsSync(tgz)) {
    execFileSync("npm", ["pack", "chinese-poetry@2.0.1", "--pack-destination", cache, "--silent"], { stdio: ["ignore", "ignore", "inherit"] });
  }
  // Each file of the package holds 1,000 poems; one pass of tar extracts all that are needed.
  const tang = Array.from({ length: 58 }, (_, i) => `package/dist/quantangshi/poet.tang.${i * 1000}.json`);
  const song = Array.from({ length: 255 }, (_, i) => `package/dist/quantangshi/poet.song.${i * 1000}.json`);
  const names = count <= 57000 ? tang.slice(0, Math.ceil(count / 1000)) : [...tang, ...song.slice(0, Math.ceil((count - 57591) / 1000))];
  const tmp = mkdtempSync(join(tmpdir(), "poems-"));
  try {
    execFileSync("tar", ["xzf", tgz, "-C", tmp, ...names]);
    const poems = names.flatMap((n) => JSON.parse(readFileSync(join(tmp, n), "utf8")));
    return poems.slice(0, count);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export function exportShape(poems) {
  return poems.map((p, i) => {
    const record = { title: p.title, body: [p.author, ...p.paragraphs].join("\n") };
    if (i === 1) record.image = "/images/poem.png";
    return record;
  });
}

export function benchShape(poems) {
  return poems.map((p) => ({ id: p.id, title: p.title || "無題", byline: p.author, body: p.paragraphs.join("\n"), source: "全唐詩" }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [shape, count, out] = process.argv.slice(2);
  const make = { export: exportShape, bench: benchShape }[shape];
  if (!make || !(Number(count) > 0) || !out) {
    console.error("usage: node scripts/poems.mjs export|bench COUNT OUT_FILE");
    process.exit(2);
  }
  const articles = make(tangPoems(Number(count)));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(articles, null, 1));
  console.log(`${out}: ${articles.length} poems`);
}
