// Types of Carrel's JavaScript API: `carrel.js` (openCollection), the `Collection`
// exported by `carrel_bindings.js`, and the <carrel-search> element (`carrel-search.js`).
//
// A page with a search interface of its own:
//
//   import { openCollection } from './carrel.js';
//   const collection = await openCollection('carrel.wasm', {
//     onProgress: ({ loaded, total }) => console.log(loaded, total),
//   });
//   const { total, hits } = await collection.search('armistice', { limit: 10 });
//   const doc = await collection.render(hits[0].id, 'armistice'); // doc.html, doc.citation

export type Sort = 'relevance' | 'date-asc' | 'date-desc';

export interface Filters {
  /** Facet values to keep: OR within one facet, AND across facets. Any other field is refused. */
  type?: string[];
  from?: string[];
  to?: string[];
  collection?: string[];
  /** Years, e.g. `["1951"]`. */
  year?: string[];
  /** Language tags: `de` keeps `de`, `de-1996` and `de-CH`. */
  lang?: string[];
}

/** Any other field is refused: search rejects (or throws) with an error naming it. */
export interface SearchOptions {
  /** Hits to return (default 20, at most 1000). */
  limit?: number;
  /** Hits to skip, for paging. */
  offset?: number;
  sort?: Sort;
  filters?: Filters;
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: documents dated on or after. */
  date_from?: string;
  /** Documents dated on or before (the whole month or year if partial). */
  date_to?: string;
  /** `all` (default): every word must match, else best partial matches. `any`: ranked retrieval. */
  mode?: 'all' | 'any';
  /** Set false to skip snippets. */
  snippets?: boolean;
  /** Language tags to read the query in (default: those of the query's `lang:`, else every language of the collection). */
  languages?: string[];
  /**
   * Set false to leave `facets`, `timeline` and `undated` empty. A packed collection then
   * fetches its facet table only for a query that filters or sorts by date, so a page can
   * show the first results sooner and ask again for the counts (see `facetsReady`).
   */
  facets?: boolean;
}

export interface Hit {
  id: string;
  title: string;
  /** ISO date at the precision known: `1951-06-14`, `1951-06` or `1951`. */
  date: string | null;
  type: string | null;
  score: number;
  /** Safe HTML: escaped text with `<mark>` around matched words; right-to-left text inside `<bdi>`. */
  snippet: string;
  /** The document's language tag (`de-1996`), for a `lang` attribute. */
  lang: string | null;
}

export interface FacetCount { value: string; count: number }

export interface SearchResults {
  total: number;
  hits: Hit[];
  /** "Did you mean": the query with unknown words corrected. */
  suggestion: string | null;
  /** True when no document has every word and these are the best partial matches. */
  partial: boolean;
  /** Empty lists when asked with `facets: false`. */
  facets: { type: FacetCount[]; from: FacetCount[]; to: FacetCount[]; collection: FacetCount[]; year: FacetCount[]; lang: FacetCount[] };
  /** Matching documents per month (spans of up to three years) or per year. */
  timeline: { period: string; count: number }[];
  /** Matching documents without a date. */
  undated: number;
}

export interface RenderedDocument {
  id: string;
  title: string;
  date: string | null;
  type: string | null;
  from: string | null;
  to: string | null;
  summary: string | null;
  collection: string | null;
  source: string | null;
  record: string | null;
  url: string | null;
  /** The document's language tag. */
  lang: string | null;
  metadata: [string, string][];
  /** Chicago-style citation, plain text. */
  citation: string;
  /** Safe HTML of the whole document; matches are `<mark class="carrel-match" id="match-N" data-match="N">`. */
  html: string;
  /** Number of marked matches. */
  matches: number;
}

export interface CollectionInfo {
  name: string;
  documents: number;
  format_version: number;
  built_by: string;
  /** The collection's languages (primary subtags), most documents first. */
  languages: { lang: string; documents: number }[];
}

/**
 * An opened collection (collection.js). A large collection's postings and documents are in
 * packs beside carrel.wasm, fetched the first time a query needs them, so answers are promises.
 */
export class CarrelCollection {
  /** Rejects with a readable `Error` on a query it refuses (too long, bad date…) or a pack it could not fetch. */
  search(query: string, options?: SearchOptions): Promise<SearchResults>;
  render(id: string, query?: string): Promise<RenderedDocument>;
  info(): CollectionInfo;
  /** False while counting facets would first fetch the collection's facet table. */
  facetsReady(): boolean;
  /**
   * Searches the module's small warm-up index once, so the browser compiles the search code
   * before the first real search (the collection does it by itself once the page is idle).
   * Fetches nothing; false when it has run already.
   */
  warmUp(): boolean;
}

/** What packs a packed index still needs before it can answer. */
export interface MissingPacks { missing: string[] }

/** The module's own face (carrel_bindings.js), wrapped by CarrelCollection. */
export class Collection {
  /** Opens index bytes; throws on a truncated, corrupt or wrong-version index. */
  constructor(indexBytes: Uint8Array);
  /** Throws `Error` with a readable message on a query it refuses (too long, bad date…). */
  search(query: string, options?: SearchOptions): SearchResults | MissingPacks;
  render(id: string, query?: string): RenderedDocument | MissingPacks;
  /** `packs/<tag>` for a packed index, else undefined. */
  pack_directory(): string | undefined;
  /** Adds pack `name` (from a `missing` list); throws if the bytes are not that pack. */
  add_pack(name: string, bytes: Uint8Array): void;
  info(): CollectionInfo;
  /** False while the facet table travels in a pack not yet added. */
  facets_ready(): boolean;
  free(): void;
}

/** Bytes of carrel.wasm received so far; `total` is null when the server does not say. */
export interface Progress { loaded: number; total: number | null }

/**
 * Fetches `carrel.wasm` (default: beside carrel.js), reporting progress, reads its
 * `carrel-index` section and opens it. Rejects with a readable Error.
 */
export function openCollection(
  url?: string | URL,
  options?: { onProgress?: (progress: Progress) => void },
): Promise<CarrelCollection>;

// ------------------------------------------------------------------ <carrel-search>

export interface CarrelReadyDetail { name: string; documents: number | null }
export interface CarrelResultsDetail {
  query: string;
  total: number;
  hits: Hit[];
  partial: boolean;
  suggestion: string | null;
}
/** Cancelable: call preventDefault() to show the document your own way. */
export interface CarrelOpenDetail { id: string; title: string; query: string }
export interface CarrelCloseDetail { id: string }

/**
 * `<carrel-search src="carrel.wasm" placeholder label limit lang loading="eager">`.
 * Its events bubble and cross the shadow root (composed).
 */
export interface CarrelSearchElement extends HTMLElement {
  /** `src` resolved against the page; carrel.wasm beside carrel-search.js without it. */
  src: string;
  /** Hits shown at a time: the `limit` attribute, 1–100, default 10. */
  readonly limit: number;
  /** The opened collection (its answers are promises), or null until load() is done. */
  readonly collection: CarrelCollection | null;
  /** Fetches and opens the collection once (the element does so when someone starts to search). */
  load(): Promise<CarrelCollection>;
  /** Searches as if `query` were typed. */
  search(query: string): Promise<void>;
  /** Shows a document inside the element (after a carrel-open event). */
  open(id: string): Promise<void>;
  /** Closes the document and shows the results again. */
  close(): void;
}

declare global {
  interface HTMLElementTagNameMap { 'carrel-search': CarrelSearchElement }
  interface HTMLElementEventMap {
    'carrel-ready': CustomEvent<CarrelReadyDetail>;
    'carrel-results': CustomEvent<CarrelResultsDetail>;
    'carrel-open': CustomEvent<CarrelOpenDetail>;
    'carrel-close': CustomEvent<CarrelCloseDetail>;
  }
}
