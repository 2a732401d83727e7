// Generates the large benchmark corpus: 10,000 Tang poems (traditional characters) from the npm
// package chinese-poetry, as one JSON file of articles in bench-data/poems/ (not committed).
//
//   node scripts/bench-corpus.mjs && cargo bench
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync, readFileSync, existsSync } from "node:fs";

const dir = new URL("../bench-data/", import.meta.url).pathname;
mkdirSync(`${dir}poems`, { recursive: true });
const tgz = `${dir}chinese-poetry-2.0.1.tgz`;
if (!existsSync(tgz)) execFileSync("npm", ["pack", "chinese-poetry@2.0.1", "--pack-destination", dir], { stdio: "inherit" });
const articles = [];
for (let i = 0; i < 10; i++) {
  const file = `package/dist/quantangshi/poet.tang.${i * 1000}.json`;
  const poems = JSON.parse(execFileSync("tar", ["xzf", tgz, file, "-O"], { maxBuffer: 1 << 28 }).toString());
  for (const p of poems) {
    articles.push({ id: p.id, title: p.title || "無題", byline: p.author, body: p.paragraphs.join("\n"), source: "全唐詩" });
  }
}
writeFileSync(`${dir}poems/poems.json`, JSON.stringify(articles));
console.log(`bench-data/poems/poems.json: ${articles.length} poems`);
