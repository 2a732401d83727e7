// The demo page: a list of the articles, and a reader view (#/a/<id>?q=<query>) that shows one
// article with the searched terms highlighted. Uses only the module's public API.
import { article, list, appendMarked } from "./article-search.js";

const $ = (id) => document.getElementById(id);
const search = $("search");

function route() {
  const m = location.hash.match(/^#\/a\/([^?]*)(?:\?q=(.*))?$/);
  if (m) showArticle(decodeURIComponent(m[1]), decodeURIComponent(m[2] || ""));
  else showList();
}

async function showList() {
  $("reader").hidden = true;
  $("browse").hidden = false;
  const ol = $("articles");
  if (ol.children.length) return;
  for (const a of await list()) {
    const li = document.createElement("li");
    // No link for an article whose URL the API withheld (not http(s) or relative).
    const link = document.createElement(a.url ? "a" : "span");
    if (a.url) link.href = a.url;
    link.textContent = a.title;
    const meta = document.createElement("span");
    meta.className = "meta";
    meta.textContent = [a.date, a.source, a.section].filter(Boolean).join(" · ");
    const lead = document.createElement("p");
    lead.textContent = a.snippet;
    li.append(link, meta, lead);
    ol.append(li);
  }
}

async function showArticle(id, query) {
  const a = await article(id, query);
  if (!a) return showList();
  $("browse").hidden = true;
  $("reader").hidden = false;
  $("reader-section").textContent = a.section;
  const title = $("reader-title");
  title.replaceChildren();
  appendMarked(title, a.title, a.titleHighlights);
  $("reader-meta").textContent = [a.date, a.source, a.byline].filter(Boolean).join(" · ");
  const body = $("reader-body");
  body.replaceChildren();
  // Paragraphs are separated by blank lines; highlights are UTF-16 offsets into the whole body.
  let at = 0;
  for (const para of a.body.split("\n\n")) {
    const ranges = a.highlights
      .filter(([s, e]) => s < at + para.length && e > at)
      .map(([s, e]) => [Math.max(s, at) - at, Math.min(e, at + para.length) - at]);
    const isSubhead = para.length < 30 && !/[。」！？]$/.test(para) && !/^[●◀]/.test(para);
    const node = document.createElement(isSubhead ? "h2" : "p");
    if (/^[●◀]/.test(para)) node.className = "caption";
    body.append(appendMarked(node, para, ranges));
    at += para.length + 2;
  }
  document.title = a.title;
  body.querySelector("mark")?.scrollIntoView({ block: "center" });
}

// Opening a hit keeps the query in the URL so the reader view can highlight it.
search.addEventListener("article-search:open", (e) => {
  const { hit, query } = e.detail;
  if (hit.url?.startsWith("#/a/")) {
    e.preventDefault();
    location.hash = `${hit.url}?q=${encodeURIComponent(query)}`;
  }
});

window.addEventListener("hashchange", route);
route();
