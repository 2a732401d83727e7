// article-search: the <article-search> element and a small search API, as one ES module.
//
//   <script type="module" src="/search/article-search.js"></script>
//   <article-search></article-search>
//
// Everything it loads (the glue and the wasm module under pkg/, which carries the index in a
// custom section, and for an archive the index's shards under pkg/shards/) is found relative to
// this file's own URL, so the folder works at any path of any static host. No inline script, no
// eval, no inline style: it runs under `script-src 'self' 'wasm-unsafe-eval'; style-src 'self'`.
// Article text and queries only ever reach the DOM as text nodes.

const here = new URL(".", import.meta.url);
// The files this script loads. `article-search build` writes their content-hashed names here, so
// that every file but this one can be cached forever and a page never pairs with another build.
const FILES = { glue: "pkg/article_search.js", wasm: "pkg/article_search_bg.wasm", shards: "pkg/shards/" };
let loading = null;

/** Loads the wasm module and opens its index (once per `base`). Resolves to the engine's calls
 * (`search`, `article`, `list`, `addShard`, …) with what the shard loader needs. */
export function load(base = here) {
  if (loading && loading.base === String(base)) return loading.promise;
  const promise = (async () => {
    // Both at once: one round trip, not two.
    const [glue, response] = await Promise.all([import(new URL(FILES.glue, base).href), fetch(new URL(FILES.wasm, base))]);
    if (!response.ok) throw new Error(`article-search: cannot load the index (HTTP ${response.status})`);
    // Stream-compile when the server labels the file as wasm; otherwise (a plain static host with
    // an unknown MIME type) compile from the bytes: no server configuration needed either way.
    const type = response.headers.get("content-type") || "";
    const module = type.startsWith("application/wasm")
      ? await WebAssembly.compileStreaming(response)
      : await WebAssembly.compile(await response.arrayBuffer());
    const exports = await glue.default({ module_or_path: module });
    // The module is generic; `article-search build` appended the site's index as a custom section.
    const [index] = WebAssembly.Module.customSections(module, "article-search/index");
    if (!index) throw new Error("article-search: the module holds no index (build it with `article-search build`)");
    glue.open(new Uint8Array(index));
    // The module's functions, its memory (for measurements), and where an archive's shards are
    // (with the fetches under way).
    return { ...glue, memory: exports.memory, shardBase: new URL(FILES.shards, base), fetching: new Map() };
  })();
  loading = { base: String(base), promise };
  return promise;
}

/** The shard file `name` as bytes, fetched once however many calls ask for it. */
function fetchShard(wasm, name) {
  let p = wasm.fetching.get(name);
  if (!p) {
    p = (async () => {
      const response = await fetch(new URL(name, wasm.shardBase));
      if (!response.ok) {
        throw new Error(`article-search: index file ${name} is missing (HTTP ${response.status}); the search folder may have been rebuilt: reload the page`);
      }
      let bytes = new Uint8Array(await response.arrayBuffer());
      // The build gzips shards; a host that serves them with Content-Encoding: gzip has already
      // unpacked them.
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
        const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
        bytes = new Uint8Array(await new Response(stream).arrayBuffer());
      }
      return bytes;
    })();
    wasm.fetching.set(name, p);
    p.then(() => wasm.fetching.delete(name), () => wasm.fetching.delete(name));
  }
  return p;
}

/**
 * Runs `call` (one engine call) until it stops asking for shards: an archive's index fetches the
 * postings of the query's terms, then the records of the hits shown (two rounds at most); an index
 * in one piece answers at once.
 */
async function withShards(wasm, call) {
  for (let round = 0; round < 4; round++) {
    const answer = call();
    if (!answer || !Array.isArray(answer.needs)) return answer;
    const files = await Promise.all(answer.needs.map((name) => fetchShard(wasm, name)));
    answer.needs.forEach((name, i) => wasm.addShard(name, files[i]));
  }
  throw new Error("article-search: the index keeps asking for files (a broken build?)");
}

/**
 * `url` if the browser's URL parser, resolving it against an https page, gives http: or https:
 * (relative URLs included); else null. The build refuses other URLs and the engine withholds
 * them; this third check keeps `javascript:` links out of any page even with an index made by hand.
 */
export function safeUrl(url) {
  if (typeof url !== "string") return null;
  try {
    const { protocol } = new URL(url, "https://x.invalid/");
    return protocol === "http:" || protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

const withSafeUrl = (item) => (item ? { ...item, url: safeUrl(item.url) } : item);

/**
 * The absolute URL of an article link. Relative URLs are relative to the search folder (where
 * this script and pkg/ live), so that a folder built with `--out public/search` links to
 * `../posts/x/` correctly at any path of any host; `#…` links belong to the current page.
 */
export function resolveUrl(url, base = here) {
  const safe = safeUrl(url);
  if (safe === null) return null;
  return new URL(safe, safe.startsWith("#") ? document.baseURI : base).href;
}

/** One search on a loaded module, every hit's URL checked (the element and `search` share it). */
async function searchWith(wasm, query, options) {
  const results = await withShards(wasm, () => wasm.search(String(query ?? ""), options));
  return { ...results, hits: results.hits.map(withSafeUrl) };
}

/** Searches: resolves to `{ total, hits: [...] }` (see article-search.d.ts). */
export async function search(query, options) {
  return searchWith(await load(), query, options);
}

/** One article with the matches of `query` marked, or null. */
export async function article(id, query = "") {
  const wasm = await load();
  return withSafeUrl(await withShards(wasm, () => wasm.article(String(id), String(query ?? ""))));
}

/** Articles in index order: all of them, or `limit` from `offset`. */
export async function list(offset = 0, limit) {
  const wasm = await load();
  return (await withShards(wasm, () => wasm.list(offset, limit))).map(withSafeUrl);
}

/** `text` cut to `max` characters (not splitting a surrogate pair), with an ellipsis. */
export function shorten(text, max = 40) {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max - 1).join("") + "…";
}

/**
 * Appends `text` to `parent` as text nodes, wrapping each `[start, end)` range (UTF-16 code
 * units, as the engine returns them) in a <mark>. Never parses HTML.
 */
export function appendMarked(parent, text, ranges = []) {
  const doc = parent.ownerDocument;
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at || end > text.length || end <= start) continue;
    if (start > at) parent.append(doc.createTextNode(text.slice(at, start)));
    const mark = doc.createElement("mark");
    mark.textContent = text.slice(start, end);
    parent.append(mark);
    at = end;
  }
  if (at < text.length) parent.append(doc.createTextNode(text.slice(at)));
  return parent;
}

const STRINGS = {
  "zh-Hant": {
    label: "搜尋文章",
    placeholder: "搜尋文章…（按 / 開始）",
    loading: "載入中…",
    results: (n) => `共 ${n} 篇結果`,
    shown: (k, n) => `顯示 ${k} / ${n} 篇`,
    none: (q) => `找不到「${q}」的相關文章`,
    error: "搜尋暫時無法使用",
    clear: "清除",
    more: "更多結果",
    filters: "篩選",
    clearFilters: "清除篩選",
    sort: "排序",
    sorts: { relevance: "相關度", newest: "最新", oldest: "最舊" },
    fields: { section: "欄目", source: "來源", author: "作者", tags: "標籤", categories: "分類", lang: "語言" },
    from: "由",
    to: "至",
  },
  "zh-Hans": {
    label: "搜索文章",
    placeholder: "搜索文章…（按 / 开始）",
    loading: "加载中…",
    results: (n) => `共 ${n} 篇结果`,
    shown: (k, n) => `显示 ${k} / ${n} 篇`,
    none: (q) => `没有找到“${q}”的相关文章`,
    error: "搜索暂时无法使用",
    clear: "清除",
    more: "更多结果",
    filters: "筛选",
    clearFilters: "清除筛选",
    sort: "排序",
    sorts: { relevance: "相关度", newest: "最新", oldest: "最旧" },
    fields: { section: "栏目", source: "来源", author: "作者", tags: "标签", categories: "分类", lang: "语言" },
    from: "从",
    to: "至",
  },
  en: {
    label: "Search articles",
    placeholder: "Search articles… (press /)",
    loading: "Loading…",
    results: (n) => (n === 1 ? "1 result" : `${n} results`),
    shown: (k, n) => `Showing ${k} of ${n}`,
    none: (q) => `No articles match “${q}”`,
    error: "Search is unavailable right now",
    clear: "Clear",
    more: "More results",
    filters: "Filters",
    clearFilters: "Clear filters",
    sort: "Sort",
    sorts: { relevance: "Relevance", newest: "Newest", oldest: "Oldest" },
    fields: { section: "Section", source: "Source", author: "Author", tags: "Tags", categories: "Categories", lang: "Language" },
    from: "From",
    to: "To",
  },
};

const LOCALES = { "zh-Hant": "zh-Hant", "zh-Hans": "zh-Hans", en: "en" };

/** The UI language for a BCP 47 tag: zh-Hans for mainland/Singapore Chinese, en for English. */
export function uiLanguage(tag) {
  const t = String(tag || "").toLowerCase();
  if (t.startsWith("en")) return "en";
  if (/^zh-(hans|cn|sg|my)\b/.test(t)) return "zh-Hans";
  return "zh-Hant";
}

/**
 * An article date for display in `lang`. A date alone (`2025-09-19`) is a calendar date, shown as
 * that day everywhere (never shifted by a time zone); a date with a time is an instant, shown in
 * the reader's zone. Anything else is shown as written.
 */
export function formatDate(value, lang = "zh-Hant") {
  const v = String(value || "").trim();
  const locale = LOCALES[lang] || lang;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const d = new Date(`${v}T00:00:00Z`);
    if (!isNaN(d)) return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(d);
  }
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(v)) {
    const d = new Date(v.replace(" ", "T").replace(/ ?([+-]\d{2}):?(\d{2})$/, "$1:$2"));
    if (!isNaN(d)) return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(d);
  }
  return v;
}

const CSS = `
:host {
  all: initial;
  display: block;
  position: relative;
  --_font: var(--as-font, system-ui, -apple-system, "PingFang TC", "Noto Sans CJK TC", "Microsoft JhengHei", sans-serif);
  --_fg: var(--as-fg, #1d1d1f);
  --_muted: var(--as-muted, #5f6368);
  --_bg: var(--as-bg, #ffffff);
  --_border: var(--as-border, #c8cbd0);
  --_accent: var(--as-accent, #b3261e);
  --_active: var(--as-active-bg, #f1f3f4);
  --_mark: var(--as-mark-bg, #ffe08a);
  --_mark-fg: var(--as-mark-fg, inherit);
  --_radius: var(--as-radius, 8px);
  --_gap: var(--as-gap, 12px);
  font-family: var(--_font);
  color: var(--_fg);
  line-height: 1.6;
}
@media (prefers-color-scheme: dark) {
  :host {
    --_fg: var(--as-fg, #e8eaed);
    --_muted: var(--as-muted, #a0a4aa);
    --_bg: var(--as-bg, #1f2023);
    --_border: var(--as-border, #4a4d52);
    --_accent: var(--as-accent, #f28b82);
    --_active: var(--as-active-bg, #2d2f33);
    --_mark: var(--as-mark-bg, #7a5d00);
    --_mark-fg: var(--as-mark-fg, #fff);
  }
}
* { box-sizing: border-box; }
.field { display: flex; gap: 6px; align-items: center; border: 1px solid var(--_border); border-radius: var(--_radius);
  background: var(--_bg); padding: 0 10px; }
.field:focus-within { border-color: var(--_accent); box-shadow: 0 0 0 2px color-mix(in srgb, var(--_accent) 25%, transparent); }
input { flex: 1; min-width: 0; border: 0; outline: 0; background: transparent; color: inherit; font: inherit;
  font-size: 1.05em; padding: 10px 0; }
input::-webkit-search-cancel-button { display: none; }
button { font: inherit; color: inherit; cursor: pointer; }
button.clear { border: 0; background: transparent; color: var(--_muted); padding: 4px; }
[hidden] { display: none !important; }
.panel { background: var(--_bg); color: var(--_fg); }
:host([mode="dropdown"]) .panel { position: absolute; z-index: 2147483000; left: 0; right: 0; top: calc(100% + 4px);
  max-height: min(70vh, 640px); overflow: auto; border: 1px solid var(--_border); border-radius: var(--_radius);
  box-shadow: 0 8px 28px rgb(0 0 0 / 0.18); padding: 4px 8px 8px; }
@media (max-width: 480px) {
  :host([mode="dropdown"]) .panel { position: fixed; inset: var(--_sheet-top, 56px) 0 0 0; max-height: none; border-radius: 0; }
}
.status { color: var(--_muted); font-size: 0.85em; margin: 6px 2px; min-height: 1.4em; overflow-wrap: anywhere; }
.live { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.tools { display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: center; font-size: 0.85em; margin: 4px 2px 8px; }
.tools label { color: var(--_muted); }
.tools select, .tools input[type=date] { font: inherit; color: inherit; background: var(--_bg); border: 1px solid var(--_border);
  border-radius: 6px; padding: 2px 4px; }
.group { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; }
.chip, .tag { border: 1px solid var(--_border); border-radius: 999px; padding: 0 8px; background: var(--_bg); font-size: 0.9em; }
.chip[aria-pressed="true"] { background: var(--_accent); border-color: var(--_accent); color: var(--_bg); }
.more-values { color: var(--_muted); }
.tags { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 4px; }
.tag { color: var(--_muted); font-size: 0.75em; }
ul { list-style: none; margin: 0; padding: 0; }
[role="option"] { display: block; padding: var(--_gap); color: inherit; text-decoration: none; border-radius: var(--_radius); }
[role="option"][aria-selected="true"], [role="option"]:hover { background: var(--_active); }
.title { display: block; color: var(--_accent); font-weight: 600; font-size: 1.05em; }
.meta { display: block; color: var(--_muted); font-size: 0.8em; margin-top: 2px; }
.snippet { display: block; margin-top: 4px; font-size: 0.92em; overflow-wrap: anywhere; }
[role="option"].sub { margin-left: calc(var(--_gap) * 1.5); padding-top: 4px; padding-bottom: 6px;
  border-left: 2px solid var(--_border); border-radius: 0 var(--_radius) var(--_radius) 0; }
.sub .title { font-size: 0.95em; }
button.more { display: block; margin: 8px auto 2px; border: 1px solid var(--_border); border-radius: var(--_radius);
  background: var(--_bg); padding: 4px 14px; }
mark { background: var(--_mark); color: var(--_mark-fg); border-radius: 2px; padding: 0 1px; }
`;

let sheet = null;
function styles(root) {
  if ("adoptedStyleSheets" in root && typeof CSSStyleSheet === "function" && "replaceSync" in CSSStyleSheet.prototype) {
    // A constructed stylesheet is not an inline <style>: allowed under style-src 'self'.
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    root.adoptedStyleSheets = [sheet];
  } else {
    // Browsers without constructable stylesheets (before 2023): a <style> element, which a strict
    // style-src policy blocks there; the widget then works unstyled.
    const style = document.createElement("style");
    style.textContent = CSS;
    root.append(style);
  }
}

let instances = 0;
/** How long typing must pause before the live region announces the results (ms). */
const ANNOUNCE_DELAY = 700;
/** Facet fields, in the order the filter bar shows them. */
const FIELDS = ["section", "source", "author", "categories", "tags", "lang"];

/**
 * The search box. Attributes: placeholder, lang, limit, src, mode ("inline" | "dropdown"),
 * filters ("off" hides the filter bar), url-state (keep ?q=, filters and sort in the page URL).
 * Event: `article-search:open`.
 */
export class ArticleSearchElement extends HTMLElement {
  static observedAttributes = ["placeholder", "lang", "limit", "filters"];

  constructor() {
    super();
    this.uid = `as${++instances}`;
    this.seq = 0;
    this.hits = [];
    /** One per option in the list: `{ hit, url }` (a sub-result's url carries its anchor). */
    this.entries = [];
    this.total = 0;
    this.active = -1;
    this.query = "";
    this.timer = 0;
    /** Chosen filters: field → Set of values; sort; date range. */
    this.filters = new Map();
    this.sort = "relevance";
    this.from = "";
    this.to = "";
    const root = this.attachShadow({ mode: "open" });
    styles(root);
    const el = (tag, props = {}, attrs = {}) => {
      const node = Object.assign(document.createElement(tag), props);
      for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
      return node;
    };
    this.el = el;
    this.input = el("input", { type: "search", autocomplete: "off", spellcheck: false }, {
      role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": `${this.uid}-list`,
      enterkeyhint: "search", part: "input",
    });
    this.clearButton = el("button", { type: "button", className: "clear", hidden: true, textContent: "×" }, { part: "clear" });
    const field = el("div", { className: "field" }, { part: "field" });
    field.append(this.input, this.clearButton);
    // The visible status follows every keystroke; screen readers hear only `live`, which is set
    // once typing has paused, with the results of the query then in the box.
    this.status = el("div", { className: "status" }, { part: "status" });
    this.live = el("div", { className: "live" }, { role: "status", "aria-live": "polite" });
    this.tools = el("div", { className: "tools", hidden: true }, { part: "filters" });
    this.list = el("ul", { id: `${this.uid}-list` }, { role: "listbox", part: "list" });
    this.moreButton = el("button", { type: "button", className: "more", hidden: true }, { part: "more" });
    this.panel = el("div", { className: "panel", hidden: true }, { part: "panel" });
    this.panel.append(this.status, this.tools, this.list, this.moreButton);
    root.append(field, this.live, this.panel);

    // While an input method composes (pinyin, zhuyin, cangjie...), the box holds Latin letters
    // that are not the query yet: search once the composition ends.
    this.input.addEventListener("input", (e) => {
      if (e.isComposing) this.clearButton.hidden = this.input.value === "";
      else this.schedule();
    });
    this.input.addEventListener("compositionend", () => this.schedule());
    this.input.addEventListener("keydown", (e) => this.onKey(e));
    this.clearButton.addEventListener("click", () => { this.clear(); this.input.focus(); });
    this.moreButton.addEventListener("click", () => this.more());
    // Focus leaving the widget closes the list (the combobox pattern); coming back reopens it.
    this.addEventListener("focusout", (e) => {
      const to = e.relatedTarget;
      if (!to || (!this.contains(to) && !root.contains(to))) this.close();
    });
    this.input.addEventListener("focus", () => { if (this.query) this.openPanel(); });
    this.onGlobalKey = (e) => this.globalKey(e);
    // A dropdown closes on a click outside it.
    this.onDocClick = (e) => { if (!e.composedPath().includes(this)) this.close(); };
  }

  connectedCallback() {
    this.applyStrings();
    document.addEventListener("keydown", this.onGlobalKey);
    document.addEventListener("click", this.onDocClick);
    // The engine loads when a reader shows intent (focus, pointer over the box, `/`, typing),
    // not with the page: a page view without a search costs only this script.
    for (const type of ["focusin", "pointerenter"]) this.addEventListener(type, () => this.ready, { once: true });
    if (this.hasAttribute("url-state")) this.restoreState();
  }

  /** The engine, loading it on first use. */
  get ready() {
    if (!this.loading) {
      this.loading = load(this.base()).catch((err) => {
        this.status.textContent = this.t.error;
        throw err;
      });
      this.loading.catch(() => {});
    }
    return this.loading;
  }

  disconnectedCallback() {
    document.removeEventListener("keydown", this.onGlobalKey);
    document.removeEventListener("click", this.onDocClick);
  }

  attributeChangedCallback() {
    if (this.isConnected) {
      this.applyStrings();
      if (this.query) this.run();
    }
  }

  base() {
    const src = this.getAttribute("src");
    return src ? new URL(src.endsWith("/") ? src : src + "/", document.baseURI) : here;
  }

  /** The UI language: the `lang` attribute, the nearest `lang`, else the page's. */
  get uiLang() {
    const tag = this.getAttribute("lang") || this.closest("[lang]")?.getAttribute("lang") || document.documentElement.lang;
    return uiLanguage(tag);
  }

  get t() {
    return STRINGS[this.uiLang];
  }

  applyStrings() {
    const t = this.t;
    this.input.placeholder = this.getAttribute("placeholder") || t.placeholder;
    this.input.setAttribute("aria-label", t.label);
    this.clearButton.setAttribute("aria-label", t.clear);
    this.list.setAttribute("aria-label", t.label);
    this.moreButton.textContent = t.more;
  }

  get limit() {
    const n = parseInt(this.getAttribute("limit") || "10", 10);
    return Number.isFinite(n) && n > 0 ? n : 10;
  }

  schedule() {
    clearTimeout(this.timer);
    clearTimeout(this.announceTimer);
    this.clearButton.hidden = this.input.value === "";
    this.timer = setTimeout(() => this.run(), 50);
  }

  /** The search options of the current filters, sort and dates. */
  options(offset = 0) {
    const filters = {};
    for (const [field, values] of this.filters) if (values.size) filters[field] = [...values];
    const o = { limit: this.limit, offset, sort: this.sort, filters, facets: this.getAttribute("filters") !== "off" };
    if (this.from) o.from = this.from;
    if (this.to) o.to = this.to;
    return o;
  }

  narrowed() {
    return [...this.filters.values()].some((v) => v.size) || this.from || this.to;
  }

  /** Runs the current query. A run that finishes after a newer one started is dropped. */
  async run() {
    const seq = ++this.seq;
    const query = this.input.value;
    if (!query.trim() && !this.narrowed()) {
      this.render(query, null);
      return;
    }
    let results;
    try {
      // Typed before the engine (or an archive's index files) has loaded: say so, once it takes
      // more than a moment.
      const slow = setTimeout(() => {
        if (seq === this.seq) {
          this.status.textContent = this.t.loading;
          this.openPanel();
        }
      }, 150);
      try {
        const wasm = await this.ready;
        if (seq !== this.seq) return;
        results = await searchWith(wasm, query, this.options());
      } finally {
        clearTimeout(slow);
      }
    } catch (err) {
      if (seq === this.seq) this.status.textContent = this.t.error;
      return;
    }
    if (seq === this.seq) this.render(query, results);
  }

  /** Appends the next page of hits (the engine keeps a stable order across pages). */
  async more() {
    const wasm = await this.ready;
    const results = await searchWith(wasm, this.query, this.options(this.hits.length));
    const first = this.hits.length;
    for (const hit of results.hits) this.addHit(hit);
    this.updateCount();
    this.live.textContent = this.t.shown(this.hits.length, this.total);
    // The first new hit scrolls into view; the keyboard continues from there with ↓.
    this.list.querySelectorAll(".hit")[first]?.scrollIntoView({ block: "nearest" });
  }

  render(query, results) {
    this.query = query;
    this.hits = [];
    this.entries = [];
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    this.list.replaceChildren();
    clearTimeout(this.announceTimer);
    if (this.hasAttribute("url-state")) this.saveState();
    if (!results) {
      this.status.textContent = "";
      this.live.textContent = "";
      this.tools.replaceChildren();
      this.close();
      return;
    }
    this.total = results.total;
    for (const hit of results.hits) this.addHit(hit);
    this.renderTools(results.facets || []);
    const status = results.total ? this.t.results(results.total) : this.t.none(shorten(query.trim()));
    this.updateCount(status);
    this.announceTimer = setTimeout(() => {
      if (this.query === this.input.value) this.live.textContent = this.status.textContent;
    }, ANNOUNCE_DELAY);
    this.openPanel();
  }

  updateCount(status) {
    const shownAll = this.hits.length >= this.total;
    this.status.textContent = status ?? (this.total ? this.t.results(this.total) : "");
    if (this.hits.length && !shownAll) this.status.textContent += ` · ${this.t.shown(this.hits.length, this.total)}`;
    this.moreButton.hidden = shownAll;
  }

  addHit(hit) {
    this.hits.push(hit);
    const li = document.createElement("li");
    li.setAttribute("role", "none");
    const a = this.option(hit, hit.url, "hit");
    const title = appendMarked(document.createElement("span"), hit.title, hit.titleHighlights);
    title.className = "title";
    const meta = document.createElement("span");
    meta.className = "meta";
    meta.textContent = [formatDate(hit.date, this.uiLang), hit.source, hit.section].filter(Boolean).join(" · ");
    const snippet = appendMarked(document.createElement("span"), hit.snippet, hit.highlights);
    snippet.className = "snippet";
    a.append(title, meta, snippet);
    const labels = [...(hit.categories || []), ...(hit.tags || [])];
    if (labels.length) {
      const tags = document.createElement("span");
      tags.className = "tags";
      for (const label of labels) tags.append(Object.assign(document.createElement("span"), { className: "tag", textContent: label }));
      a.append(tags);
    }
    li.append(a);
    this.list.append(li);
    // Sub-results: the article's best sections, each an option of its own, linked by anchor.
    for (const sub of hit.subResults || []) {
      const subLi = document.createElement("li");
      subLi.setAttribute("role", "none");
      const s = this.option(hit, safeUrl(sub.url), "sub");
      const subTitle = Object.assign(document.createElement("span"), { className: "title", textContent: sub.title });
      const subSnippet = appendMarked(document.createElement("span"), sub.snippet, sub.highlights);
      subSnippet.className = "snippet";
      s.append(subTitle, subSnippet);
      subLi.append(s);
      this.list.append(subLi);
    }
  }

  /** A result option: a link (no link at all for an unsafe URL) with `role="option"`. */
  option(hit, url, kind) {
    const i = this.entries.length;
    this.entries.push({ hit, url });
    const a = document.createElement("a");
    a.id = `${this.uid}-opt-${i}`;
    a.className = kind;
    a.setAttribute("role", "option");
    a.setAttribute("aria-selected", "false");
    a.tabIndex = -1;
    a.setAttribute("part", kind);
    const href = resolveUrl(url, this.base());
    if (href) a.href = href;
    a.addEventListener("click", (e) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      this.open(i);
    });
    return a;
  }

  /** The filter bar: sort, date range, and each facet field's values as chips with counts. */
  renderTools(facets) {
    const t = this.t;
    const el = this.el;
    this.tools.replaceChildren();
    if (this.getAttribute("filters") === "off") return;
    const sortId = `${this.uid}-sort`;
    const sort = el("select", { id: sortId });
    for (const key of ["relevance", "newest", "oldest"]) sort.append(el("option", { value: key, textContent: t.sorts[key], selected: key === this.sort }));
    sort.addEventListener("change", () => { this.sort = sort.value; this.run(); });
    this.tools.append(el("label", { textContent: t.sort, htmlFor: sortId }), sort);
    for (const [key, label] of [["from", t.from], ["to", t.to]]) {
      const id = `${this.uid}-${key}`;
      const input = el("input", { type: "date", id, value: this[key] });
      input.addEventListener("change", () => { this[key] = input.value; this.run(); });
      this.tools.append(el("label", { textContent: label, htmlFor: id }), input);
    }
    const byField = new Map(facets.map((f) => [f.field, f]));
    for (const field of FIELDS) {
      const facet = byField.get(field);
      const chosen = this.filters.get(field) || new Set();
      if (!facet && !chosen.size) continue;
      const group = el("div", { className: "group" }, { role: "group", "aria-label": t.fields[field] });
      group.append(el("span", { textContent: `${t.fields[field]}:` }));
      const values = facet ? facet.values : [];
      const seen = new Set(values.map((v) => v.value));
      for (const { value, count } of [...values, ...[...chosen].filter((v) => !seen.has(v)).map((value) => ({ value, count: 0 }))]) {
        const on = chosen.has(value);
        const chip = el("button", { type: "button", className: "chip", textContent: `${value} ${count}` }, { "aria-pressed": String(on) });
        chip.addEventListener("click", () => {
          const set = this.filters.get(field) || new Set();
          if (set.has(value)) set.delete(value); else set.add(value);
          this.filters.set(field, set);
          this.run();
        });
        group.append(chip);
      }
      // Values beyond the ones listed (facetValues): counted, not hidden silently.
      if (facet?.more) group.append(el("span", { className: "more-values", textContent: `+${facet.more}` }));
      this.tools.append(group);
    }
    if (this.narrowed()) {
      const clear = el("button", { type: "button", className: "chip", textContent: t.clearFilters });
      clear.addEventListener("click", () => { this.filters.clear(); this.from = this.to = ""; this.run(); });
      this.tools.append(clear);
    }
    this.tools.hidden = false;
  }

  openPanel() {
    // On a narrow screen the dropdown is a sheet from just below the box to the bottom.
    const field = this.input.parentElement.getBoundingClientRect();
    this.style.setProperty("--_sheet-top", `${Math.max(0, Math.round(field.bottom + 4))}px`);
    this.panel.hidden = false;
    this.input.setAttribute("aria-expanded", String(this.entries.length > 0));
  }

  move(delta) {
    if (!this.entries.length) return;
    const n = this.entries.length;
    this.active = this.active < 0 ? (delta > 0 ? 0 : n - 1) : (this.active + delta + n) % n;
    const options = [...this.list.querySelectorAll('[role="option"]')];
    options.forEach((o, i) => o.setAttribute("aria-selected", String(i === this.active)));
    const option = options[this.active];
    this.input.setAttribute("aria-activedescendant", option.id);
    option.scrollIntoView({ block: "nearest" });
  }

  /** Opens option `i` (a hit or a sub-result): fires a cancelable `article-search:open` event
   * (`detail: { hit, url, query }`), then follows its URL. */
  open(i) {
    const entry = this.entries[i];
    if (!entry) return;
    const { hit, url } = entry;
    const detail = { hit, url, query: this.query };
    const go = this.dispatchEvent(new CustomEvent("article-search:open", { detail, bubbles: true, composed: true, cancelable: true }));
    const href = resolveUrl(url, this.base());
    if (go && href) location.assign(href);
  }

  close() {
    this.panel.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
  }

  clear() {
    clearTimeout(this.announceTimer);
    this.input.value = "";
    this.clearButton.hidden = true;
    ++this.seq;
    this.render("", null);
  }

  /** Keeps the query, filters and sort in the page URL (`url-state`), without a history entry. */
  saveState() {
    const url = new URL(location.href);
    for (const key of [...url.searchParams.keys()]) if (key === "q" || key.startsWith("f.") || key === "sort" || key === "from" || key === "to") url.searchParams.delete(key);
    if (this.query) url.searchParams.set("q", this.query);
    for (const [field, values] of this.filters) for (const v of values) url.searchParams.append(`f.${field}`, v);
    if (this.sort !== "relevance") url.searchParams.set("sort", this.sort);
    if (this.from) url.searchParams.set("from", this.from);
    if (this.to) url.searchParams.set("to", this.to);
    if (url.href !== location.href) history.replaceState(history.state, "", url);
  }

  restoreState() {
    const params = new URL(location.href).searchParams;
    for (const [key, value] of params) {
      const field = key.startsWith("f.") && key.slice(2);
      if (field && FIELDS.includes(field)) {
        if (!this.filters.has(field)) this.filters.set(field, new Set());
        this.filters.get(field).add(value);
      }
    }
    const sort = params.get("sort");
    if (["relevance", "newest", "oldest"].includes(sort)) this.sort = sort;
    this.from = params.get("from") || "";
    this.to = params.get("to") || "";
    const q = params.get("q");
    if (q !== null || this.narrowed()) this.value = q || "";
  }

  onKey(e) {
    if (e.isComposing) return; // an IME is still composing: its keys are not ours
    switch (e.key) {
      case "ArrowDown": e.preventDefault(); this.openPanel(); this.move(1); break;
      case "ArrowUp": e.preventDefault(); this.openPanel(); this.move(-1); break;
      case "Enter":
        e.preventDefault();
        clearTimeout(this.timer);
        if (this.query !== this.input.value) this.run().then(() => this.open(Math.max(this.active, 0)));
        else this.open(Math.max(this.active, 0));
        break;
      case "Escape":
        e.preventDefault();
        if (!this.panel.hidden) this.close();
        else this.clear();
        break;
    }
  }

  globalKey(e) {
    const target = e.composedPath()[0];
    const typing = target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if ((e.key === "k" || e.key === "K") && (e.metaKey || e.ctrlKey)) {
      e.preventDefault();
      this.focus();
    } else if (e.key === "/" && !typing && !e.metaKey && !e.ctrlKey && !e.altKey) {
      e.preventDefault();
      this.focus();
    }
  }

  focus() {
    this.input.focus();
    this.input.select();
  }

  /** Sets the query and runs it (for pages that restore a search). */
  set value(q) {
    this.input.value = String(q ?? "");
    this.clearButton.hidden = this.input.value === "";
    this.run();
  }

  get value() {
    return this.input.value;
  }
}

if (!customElements.get("article-search")) customElements.define("article-search", ArticleSearchElement);
