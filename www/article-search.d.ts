// Types of article-search.js, for pages that build their own UI on the search API.

/** A range `[start, end)` of a string, in UTF-16 code units (JavaScript string indices). */
export type Range = [number, number];

export interface Hit {
  id: string;
  title: string;
  /** Link (http, https or relative); null when the index holds any other kind of URL. */
  url: string | null;
  date: string;
  source: string;
  section: string;
  tags: string[];
  categories: string[];
  /** Relevance; only the order is meaningful. */
  score: number;
  /** Excerpt of the original article text around the matches. */
  snippet: string;
  /** Matched ranges of `snippet`. */
  highlights: Range[];
  /** Matched ranges of `title`. */
  titleHighlights: Range[];
  /** The best sections of a long article (headings with anchor ids), at most 3. */
  subResults?: SubResult[];
}

export interface SubResult {
  /** The heading. */
  title: string;
  /** The article's URL with the heading's anchor. */
  url: string;
  snippet: string;
  highlights: Range[];
}

export interface Results {
  /** Number of matching articles (hits holds at most `limit` of them). */
  total: number;
  hits: Hit[];
  /** Present and true when the query was longer than the engine reads (256 characters, 16 terms). */
  truncated?: boolean;
  /** With `facets: true`: per field, its values among the matching articles, most first. */
  facets?: Facet[];
}

export interface Facet {
  field: FacetField;
  /** Each value's matching articles: the query and the other fields' filters apply, this field's do not. */
  values: { value: string; count: number }[];
  /** Values with matches beyond `facetValues`. */
  more: number;
}

/** The fields articles can be filtered and counted by. */
export type FacetField = "section" | "source" | "author" | "tags" | "categories" | "lang";

export interface Article {
  id: string;
  title: string;
  /** Link (http, https or relative); null when the index holds any other kind of URL. */
  url: string | null;
  date: string;
  source: string;
  byline: string;
  section: string;
  tags: string[];
  categories: string[];
  description: string;
  /** BCP 47 language tag, or "". */
  lang: string;
  /** Full text; paragraphs are separated by blank lines. */
  body: string;
  highlights: Range[];
  titleHighlights: Range[];
}

export interface SearchOptions {
  /** Hits to return, 0–100 (default 10; 0 gives only `total`). */
  limit?: number;
  /** Hits to skip, for paging (default 0); the order is stable across pages. */
  offset?: number;
  /** "relevance" (default; an empty query with filters lists newest first), "newest" or "oldest". */
  sort?: "relevance" | "newest" | "oldest";
  /** Only articles with one of the values of each field (AND across fields, OR within one). */
  filters?: Partial<Record<FacetField, string | string[]>>;
  /** Only articles dated on or after this date ("2025-09-19", or with a time and zone). */
  from?: string;
  /** Only articles dated on or before this date (a calendar date includes its whole day, UTC). */
  to?: string;
  /** Count the values of every facet field over all matching articles. */
  facets?: boolean;
  /** Most values listed per facet field (default 20). */
  facetValues?: number;
  /** Recency boost for news: a half-life in days (default 0, none). */
  recency?: number;
}

/** Loads the wasm module and index from `base` (default: this module's folder). */
export function load(base?: URL | string): Promise<unknown>;
/** Searches. Rejects with an invalid `options`, or when an archive's index file cannot be
 * fetched (a folder rebuilt under an open page); any query string is valid. */
export function search(query: string, options?: SearchOptions): Promise<Results>;
/** One article with the matches of `query` marked, or null for an unknown id. */
export function article(id: string, query?: string): Promise<Article | null>;
/** Articles in index order (snippet is the opening text; no highlights): all of them, or
 * `limit` of them from `offset` (an archive's index then fetches only that page's records). */
export function list(offset?: number, limit?: number): Promise<Hit[]>;
/** `url` if it resolves to http: or https: (relative URLs included), else null. */
export function safeUrl(url: unknown): string | null;
/** The absolute URL of an article link: relative URLs are relative to the search folder (`base`,
 * default: this module's folder), `#…` to the current page; null for an unsafe URL. */
export function resolveUrl(url: string | null, base?: URL | string): string | null;
/** `text` cut to `max` characters (default 40) with an ellipsis. */
export function shorten(text: string, max?: number): string;
/** Appends `text` to `parent` as text nodes with each range wrapped in <mark>. */
export function appendMarked<T extends Node>(parent: T, text: string, ranges?: Range[]): T;
/** The UI language used for a BCP 47 tag. */
export function uiLanguage(tag: string): "zh-Hant" | "zh-Hans" | "en";
/** An article date for display: a calendar date (`2025-09-19`) as that day in every zone, a date
 * with a time in the reader's zone, anything else as written. */
export function formatDate(value: string, lang?: "zh-Hant" | "zh-Hans" | "en"): string;

/**
 * `<article-search placeholder lang limit src mode="inline|dropdown" filters="off" url-state>`;
 * fires `article-search:open` (cancelable; `detail.url` is the hit's or the sub-result's URL).
 */
export class ArticleSearchElement extends HTMLElement {
  /** The query in the box; setting it runs the search. */
  value: string;
  /** The UI language in use. */
  readonly uiLang: "zh-Hant" | "zh-Hans" | "en";
  focus(): void;
}

declare global {
  interface HTMLElementTagNameMap {
    "article-search": ArticleSearchElement;
  }
  interface HTMLElementEventMap {
    "article-search:open": CustomEvent<{ hit: Hit; url: string | null; query: string }>;
  }
}
