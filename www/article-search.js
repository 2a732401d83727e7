// article-search: the <article-search> element and a small search API, as one ES module.
//
//   <script type="module" src="/search/article-search.js"></script>
//   <article-search></article-search>
//
// Everything it loads (pkg/article_search.js and pkg/article_search_bg.wasm, which carries the
// index in a custom section) is found relative to this file's own URL, so the folder works at any path of any static host. No inline script, no
// eval, no inline style: it runs under `script-src 'self' 'wasm-unsafe-eval'; style-src 'self'`.
// Article text and queries only ever reach the DOM as text nodes.

const here = new URL(".", import.meta.url);
let loading = null;

/** Loads the wasm module (once per `base`). Returns the module's exports. */
export function load(base = here) {
  if (loading && loading.base === String(base)) return loading.promise;
  const promise = (async () => {
    const glue = await import(new URL("pkg/article_search.js", base).href);
    const response = await fetch(new URL("pkg/article_search_bg.wasm", base));
    if (!response.ok) throw new Error(`article-search: cannot load the index (HTTP ${response.status})`);
    // Stream-compile when the server labels the file as wasm; otherwise (a plain static host with
    // an unknown MIME type) compile from the bytes: no server configuration needed either way.
    const type = response.headers.get("content-type") || "";
    const module = type.startsWith("application/wasm")
      ? await WebAssembly.compileStreaming(response)
      : await WebAssembly.compile(await response.arrayBuffer());
    await glue.default({ module_or_path: module });
    // The module is generic; `article-search build` appended the site's index as a custom section.
    const [index] = WebAssembly.Module.customSections(module, "article-search/index");
    if (!index) throw new Error("article-search: the module holds no index (build it with `article-search build`)");
    glue.open(new Uint8Array(index));
    return glue;
  })();
  loading = { base: String(base), promise };
  return promise;
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

/** Searches: resolves to `{ total, hits: [...] }` (see article-search.d.ts). */
export async function search(query, options) {
  const results = (await load()).search(String(query ?? ""), options);
  return { ...results, hits: results.hits.map(withSafeUrl) };
}

/** One article with the matches of `query` marked, or null. */
export async function article(id, query = "") {
  return withSafeUrl((await load()).article(String(id), String(query ?? "")));
}

/** Every article, in index order. */
export async function list() {
  return (await load()).list().map(withSafeUrl);
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
    none: (q) => `找不到「${q}」的相關文章`,
    error: "搜尋暫時無法使用",
    clear: "清除",
  },
  "zh-Hans": {
    label: "搜索文章",
    placeholder: "搜索文章…（按 / 开始）",
    loading: "加载中…",
    results: (n) => `共 ${n} 篇结果`,
    none: (q) => `没有找到“${q}”的相关文章`,
    error: "搜索暂时无法使用",
    clear: "清除",
  },
  en: {
    label: "Search articles",
    placeholder: "Search articles… (press /)",
    loading: "Loading…",
    results: (n) => (n === 1 ? "1 result" : `${n} results`),
    none: (q) => `No articles match “${q}”`,
    error: "Search is unavailable right now",
    clear: "Clear",
  },
};

/** The UI language for a BCP 47 tag: zh-Hans for mainland/Singapore Chinese, en for English. */
export function uiLanguage(tag) {
  const t = String(tag || "").toLowerCase();
  if (t.startsWith("en")) return "en";
  if (/^zh-(hans|cn|sg|my)\b/.test(t)) return "zh-Hans";
  return "zh-Hant";
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
button.clear { border: 0; background: transparent; color: var(--_muted); font: inherit; cursor: pointer; padding: 4px; }
button.clear[hidden] { display: none; }
.status { color: var(--_muted); font-size: 0.85em; margin: 6px 2px; min-height: 1.4em; overflow-wrap: anywhere; }
.live { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
ul { list-style: none; margin: 0; padding: 0; }
ul[hidden] { display: none; }
li { border-radius: var(--_radius); }
li a { display: block; padding: var(--_gap); color: inherit; text-decoration: none; border-radius: var(--_radius); }
li[aria-selected="true"] a, li a:hover { background: var(--_active); }
.title { display: block; color: var(--_accent); font-weight: 600; font-size: 1.05em; }
.meta { display: block; color: var(--_muted); font-size: 0.8em; margin-top: 2px; }
.snippet { display: block; margin-top: 4px; font-size: 0.92em; overflow-wrap: anywhere; }
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

/** The search box. Attributes: placeholder, lang, limit, src. Event: `article-search:open`. */
export class ArticleSearchElement extends HTMLElement {
  static observedAttributes = ["placeholder", "lang", "limit"];

  constructor() {
    super();
    this.uid = `as${++instances}`;
    this.seq = 0;
    this.hits = [];
    this.active = -1;
    this.query = "";
    this.timer = 0;
    const root = this.attachShadow({ mode: "open" });
    styles(root);
    const el = (tag, props = {}, attrs = {}) => {
      const node = Object.assign(document.createElement(tag), props);
      for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
      return node;
    };
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
    this.list = el("ul", { id: `${this.uid}-list`, hidden: true }, { role: "listbox", part: "list" });
    root.append(field, this.status, this.live, this.list);

    // While an input method composes (pinyin, zhuyin, cangjie...), the box holds Latin letters
    // that are not the query yet: search once the composition ends.
    this.input.addEventListener("input", (e) => {
      if (e.isComposing) this.clearButton.hidden = this.input.value === "";
      else this.schedule();
    });
    this.input.addEventListener("compositionend", () => this.schedule());
    this.input.addEventListener("keydown", (e) => this.onKey(e));
    this.clearButton.addEventListener("click", () => { this.clear(); this.input.focus(); });
    // Focus leaving the widget closes the list (the combobox pattern); coming back reopens it.
    this.addEventListener("focusout", (e) => {
      const to = e.relatedTarget;
      if (!to || (!this.contains(to) && !root.contains(to))) this.close();
    });
    this.input.addEventListener("focus", () => {
      if (this.hits.length) {
        this.list.hidden = false;
        this.input.setAttribute("aria-expanded", "true");
      }
    });
    this.onGlobalKey = (e) => this.globalKey(e);
  }

  connectedCallback() {
    this.applyStrings();
    document.addEventListener("keydown", this.onGlobalKey);
    this.ready = load(this.base()).catch((err) => {
      this.status.textContent = this.t.error;
      throw err;
    });
    this.ready.catch(() => {});
  }

  disconnectedCallback() {
    document.removeEventListener("keydown", this.onGlobalKey);
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

  get t() {
    const tag = this.getAttribute("lang") || this.closest("[lang]")?.getAttribute("lang") || document.documentElement.lang;
    return STRINGS[uiLanguage(tag)];
  }

  applyStrings() {
    const t = this.t;
    this.input.placeholder = this.getAttribute("placeholder") || t.placeholder;
    this.input.setAttribute("aria-label", t.label);
    this.clearButton.setAttribute("aria-label", t.clear);
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

  /** Runs the current query. A run that finishes after a newer one started is dropped. */
  async run() {
    const seq = ++this.seq;
    const query = this.input.value;
    if (!query.trim()) {
      this.render(query, null);
      return;
    }
    let results;
    try {
      const wasm = await this.ready;
      if (seq !== this.seq) return;
      results = wasm.search(query, { limit: this.limit });
      results = { ...results, hits: results.hits.map(withSafeUrl) };
    } catch (err) {
      if (seq === this.seq) this.status.textContent = this.t.error;
      return;
    }
    if (seq === this.seq) this.render(query, results);
  }

  render(query, results) {
    this.query = query;
    this.hits = results ? results.hits : [];
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    this.list.replaceChildren();
    clearTimeout(this.announceTimer);
    if (!results) {
      this.status.textContent = "";
      this.live.textContent = "";
      this.close();
      return;
    }
    const status = results.total ? this.t.results(results.total) : this.t.none(shorten(query.trim()));
    this.status.textContent = status;
    this.announceTimer = setTimeout(() => {
      if (this.query === this.input.value) this.live.textContent = status;
    }, ANNOUNCE_DELAY);
    this.hits.forEach((hit, i) => {
      const li = document.createElement("li");
      li.id = `${this.uid}-opt-${i}`;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      const a = document.createElement("a");
      // An article whose URL is not http(s) or relative gets no link at all.
      const href = resolveUrl(hit.url, this.base());
      if (href) a.href = href;
      a.tabIndex = -1;
      a.setAttribute("part", "hit");
      const title = appendMarked(document.createElement("span"), hit.title, hit.titleHighlights);
      title.className = "title";
      const meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = [hit.date, hit.source, hit.section].filter(Boolean).join(" · ");
      const snippet = appendMarked(document.createElement("span"), hit.snippet, hit.highlights);
      snippet.className = "snippet";
      a.append(title, meta, snippet);
      a.addEventListener("click", (e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        this.open(i);
      });
      li.append(a);
      this.list.append(li);
    });
    this.list.hidden = this.hits.length === 0;
    this.input.setAttribute("aria-expanded", String(this.hits.length > 0));
  }

  move(delta) {
    if (!this.hits.length) return;
    const n = this.hits.length;
    this.active = this.active < 0 ? (delta > 0 ? 0 : n - 1) : (this.active + delta + n) % n;
    [...this.list.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === this.active)));
    const li = this.list.children[this.active];
    this.input.setAttribute("aria-activedescendant", li.id);
    li.scrollIntoView({ block: "nearest" });
  }

  /** Opens hit `i`: fires a cancelable `article-search:open` event, then follows its URL. */
  open(i) {
    const hit = this.hits[i];
    if (!hit) return;
    const detail = { hit, query: this.query };
    const go = this.dispatchEvent(new CustomEvent("article-search:open", { detail, bubbles: true, composed: true, cancelable: true }));
    const href = resolveUrl(hit.url, this.base());
    if (go && href) location.assign(href);
  }

  close() {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
  }

  clear() {
    clearTimeout(this.announceTimer);
    this.input.value = "";
    this.clearButton.hidden = true;
    ++this.seq;
    this.render("", null);
  }

  onKey(e) {
    if (e.isComposing) return; // an IME is still composing: its keys are not ours
    switch (e.key) {
      case "ArrowDown": e.preventDefault(); this.move(1); break;
      case "ArrowUp": e.preventDefault(); this.move(-1); break;
      case "Enter":
        e.preventDefault();
        clearTimeout(this.timer);
        if (this.query !== this.input.value) this.run().then(() => this.open(Math.max(this.active, 0)));
        else this.open(Math.max(this.active, 0));
        break;
      case "Escape":
        e.preventDefault();
        if (!this.list.hidden) this.close();
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
