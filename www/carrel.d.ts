// Types of Carrel's JavaScript API: `carrel.js` (openCollection) and the
// `Collection` exported by `carrel_bindings.js`.

export type Sort = 'relevance' | 'date-asc' | 'date-desc';

export interface Filters {
  /** Facet values to keep: OR within one facet, AND across facets. */
  type?: string[];
  from?: string[];
  to?: string[];
  collection?: string[];
  /** Years, e.g. `["1951"]`. */
  year?: string[];
}

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
}

export interface Hit {
  id: string;
  title: string;
  /** ISO date at the precision known: `1951-06-14`, `1951-06` or `1951`. */
  date: string | null;
  type: string | null;
  score: number;
  /** Safe HTML: escaped text with `<mark>` around matched words. */
  snippet: string;
}

export interface FacetCount { value: string; count: number }

export interface SearchResults {
  total: number;
  hits: Hit[];
  /** "Did you mean": the query with unknown words corrected. */
  suggestion: string | null;
  /** True when no document has every word and these are the best partial matches. */
  partial: boolean;
  facets: { type: FacetCount[]; from: FacetCount[]; to: FacetCount[]; collection: FacetCount[]; year: FacetCount[] };
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
  metadata: [string, string][];
  /** Chicago-style citation, plain text. */
  citation: string;
  /** Safe HTML of the whole document; matches are `<mark class="carrel-match" id="match-N" data-match="N">`. */
  html: string;
  /** Number of marked matches. */
  matches: number;
}

export class Collection {
  /** Opens index bytes; throws on a truncated, corrupt or wrong-version index. */
  constructor(indexBytes: Uint8Array);
  /** Throws `Error` with a readable message on a query it refuses (too long, bad date…). */
  search(query: string, options?: SearchOptions): SearchResults;
  render(id: string, query?: string): RenderedDocument;
  info(): { name: string; documents: number; format_version: number; built_by: string };
  free(): void;
}

/** Fetches `carrel.wasm` (with progress), reads its `carrel-index` section and opens it. */
export function openCollection(
  url?: string | URL,
  options?: { onProgress?: (loaded: number, total: number | null) => void },
): Promise<Collection>;
