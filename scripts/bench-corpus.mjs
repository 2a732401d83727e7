// Generates the large benchmark corpus: 10,000 Tang poems (traditional characters) from the npm
// package chinese-poetry, as one JSON file of articles in bench-data/poems/ (not committed).
//
//   node scripts/bench-corpus.mjs && cargo bench
import { writeFileSync, mkdirSync } from "node:fs";
import { tangPoems, benchShape } from "./poems.mjs";

const dir = new URL("../bench-data/poems/", import.meta.url).pathname;
mkdirSync(dir, { recursive: true });
const articles = benchShape(tangPoems(10000));
writeFileSync(`${dir}poems.json`, JSON.stringify(articles));
console.log(`bench-data/poems/poems.json: ${articles.length} poems`);
