// One adapter per engine: init() loads it the way a static page would, and
// search(q, n) returns { total, hits: [{ id, text }] } for the top n results.
// Pagefind and Carrel include result text (snippets); MiniSearch and lunr ship
// no document text (ids only) unless the page variant ships docs.json.

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error('failed to load ' + src));
    document.head.appendChild(s);
  });
}

const MINISEARCH_OPTIONS = { idField: 'id', fields: ['title', 'body'], storeFields: [] };

async function miniSearchModule() {
  return (await import('/minisearch.js')).default;
}

function miniSearchResults(ms, q, n) {
  const r = ms.search(q); // library defaults: OR of terms, no prefix, no fuzzy
  return { total: r.length, hits: r.slice(0, n).map((x) => ({ id: x.id, text: '' })) };
}

function lunrResults(idx, q, n) {
  // lunr has no phrase syntax: quotes would stay glued to the terms, so they
  // are dropped; '*' (lunr's wildcard) and the rest of the query are kept.
  const r = idx.search(q.replace(/"/g, ' '));
  return { total: r.length, hits: r.slice(0, n).map((x) => ({ id: x.ref, text: '' })) };
}

export const adapters = {
  pagefind: {
    async init() {
      this.pf = await import('/pagefind/pagefind.js');
      await this.pf.init();
    },
    async search(q, n) {
      const r = await this.pf.search(q);
      const data = await Promise.all(r.results.slice(0, n).map((x) => x.data()));
      return { total: r.results.length, hits: data.map((d) => ({ id: d.url, text: `${d.meta?.title ?? ''} ${d.excerpt ?? ''}` })) };
    },
  },
  minisearch: {
    async init() {
      const MiniSearch = await miniSearchModule();
      const json = await (await fetch('/index.json')).text();
      this.ms = MiniSearch.loadJSON(json, MINISEARCH_OPTIONS);
    },
    async search(q, n) { return miniSearchResults(this.ms, q, n); },
  },
  'minisearch-docs': {
    async init() {
      const MiniSearch = await miniSearchModule();
      const docs = await (await fetch('/docs.json')).json();
      this.ms = new MiniSearch(MINISEARCH_OPTIONS);
      this.ms.addAll(docs);
    },
    async search(q, n) { return miniSearchResults(this.ms, q, n); },
  },
  lunr: {
    async init() {
      await loadScript('/lunr.min.js');
      const json = await (await fetch('/index.json')).json();
      this.idx = window.lunr.Index.load(json);
    },
    async search(q, n) { return lunrResults(this.idx, q, n); },
  },
  'lunr-docs': {
    async init() {
      await loadScript('/lunr.min.js');
      const docs = await (await fetch('/docs.json')).json();
      this.idx = window.lunr(function () {
        this.ref('id');
        this.field('title');
        this.field('body');
        for (const d of docs) this.add(d);
      });
    },
    async search(q, n) { return lunrResults(this.idx, q, n); },
  },
  carrel: {
    async init() {
      const { openCollection } = await import('/carrel.js');
      this.c = await openCollection();
    },
    async search(q, n) {
      // No facet counts, as Pagefind's search() without filters(): neither loads its filter tables.
      const r = await this.c.search(q, { limit: n, facets: false });
      return { total: r.total, hits: r.hits.slice(0, n).map((h) => ({ id: h.id, text: `${h.title ?? ''} ${h.snippet ?? ''}` })) };
    },
  },
};
