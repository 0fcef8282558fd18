// <carrel-search>: Carrel's search as one element for any page, with no build step.
//
//   <script type="module" src="carrel-search.js"></script>
//   <carrel-search src="carrel.wasm" placeholder="Letters, telegrams…" limit="10" lang="fr"></carrel-search>
//
// It lives in an open shadow root, so the host page's styles do not reach in and its own
// do not leak out; pages restyle it through CSS custom properties (--carrel-*) and
// ::part(). The collection (carrel.js and carrel.wasm) is fetched only when someone starts
// to search (focus, a click or typing in the box), when `loading="eager"` asks for it at
// once, or when the page calls `element.load()`; a progress bar shows the download.
//
// Events (bubbling, composed): carrel-ready { name, documents }, carrel-results { query,
// total, hits, partial, suggestion }, carrel-open { id, title, query } (cancelable: cancel
// it to show the document your own way), carrel-close { id }. The README documents all of
// it; carrel.d.ts has the types. The document view, result lines and notices are views.js's,
// shared with the search page (app.js).
import { loadTranslator, pickLanguage, translateTree, translator } from './i18n.js';
import { DocumentView, hitMeta, hitSnippet, isTyping, messageOf, moveThroughResults, noticeOf, resultNotices, showProgress } from './views.js';

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;
const TYPING_DELAY_MS = 120;
const PRINTING = 'data-carrel-printing'; // on the element whose open document prints

const TEMPLATE = `
<div class="carrel" part="container">
  <form id="search" class="search" part="search" role="search" aria-labelledby="label" novalidate>
    <label id="label" for="q" class="label" part="label"></label>
    <div class="row">
      <input id="q" type="search" part="input" autocomplete="off" autocapitalize="off" spellcheck="false"
             enterkeyhint="search" aria-describedby="hint" aria-keyshortcuts="/">
      <button id="go" type="submit" part="button search-button" data-i18n="search.button"></button>
    </div>
    <p id="hint" class="hint" part="hint" data-i18n="widget.hint"></p>
  </form>
  <div id="loading" class="loading" part="loading" hidden>
    <progress id="progress" part="progress" aria-labelledby="loading-text"></progress>
    <span id="loading-text" class="loading-text"></span>
  </div>
  <p id="status" class="status" part="status" role="status" aria-live="polite" aria-atomic="true"></p>
  <div id="notices" class="notices" part="notices"></div>
  <div id="results-view" class="results-view">
    <ol id="results" class="results" part="results" data-i18n-attr="aria-label:results"></ol>
    <button id="more" type="button" class="secondary more" part="button more-button" data-i18n="more" hidden></button>
  </div>
  <article id="document" class="document" part="document" hidden>
    <div class="toolbar" part="toolbar" role="group" data-i18n-attr="aria-label:document.tools">
      <button id="back" type="button" class="secondary" part="button back-button" aria-keyshortcuts="Escape"><span class="arrow" aria-hidden="true">←</span> <span data-i18n="back.long"></span></button>
      <span id="match-nav" class="match-nav">
        <button id="previous" type="button" part="button match-button" aria-keyshortcuts="p" data-i18n-attr="aria-label:previous.label"><span class="arrow" aria-hidden="true">‹</span> <span data-i18n="previous"></span></button>
        <span id="match-status" class="match-status" role="status" aria-live="polite"></span>
        <button id="next" type="button" part="button match-button" aria-keyshortcuts="n" data-i18n-attr="aria-label:next.label"><span data-i18n="next"></span> <span class="arrow" aria-hidden="true">›</span></button>
      </span>
      <button id="print" type="button" class="secondary print-button" part="button print-button" data-i18n="print"></button>
    </div>
    <p id="document-error" class="notice notice-error" role="alert" hidden></p>
    <div id="content" class="content" part="document-content"></div>
    <section class="cite" part="citation" aria-labelledby="cite-heading">
      <h2 id="cite-heading" data-i18n="cite"></h2>
      <p id="citation" class="citation" dir="auto"></p>
      <p class="cite-actions"><button id="copy" type="button" class="secondary" part="button copy-button" data-i18n="cite.copy"></button>
        <span id="copy-status" class="copy-status" role="status" aria-live="polite"></span></p>
    </section>
  </article>
</div>`;

// Every colour, font and space through a custom property, with defaults that meet WCAG AA
// on the default background. Logical properties throughout, so right-to-left just works.
const STYLE = `
:host {
  display: block;
  color: var(--carrel-text, #1c1b19);
  background: var(--carrel-background, #fff);
  font-family: var(--carrel-font, inherit);
  font-size: var(--carrel-font-size, 1rem);
  line-height: 1.5;
  text-align: start;
}
:host([hidden]) { display: none; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.carrel { padding: var(--carrel-space, 1rem); }
:focus-visible { outline: 3px solid var(--carrel-focus, #b45309); outline-offset: 2px; }
input, button { font: inherit; color: inherit; }
kbd {
  font-family: inherit; font-size: 0.85em; padding: 0 0.35em;
  border: 1px solid currentColor; border-radius: 3px; white-space: nowrap;
}

.label { display: block; font-weight: 600; margin-block-end: 0.4em; }
.row { display: flex; gap: 0.5em; }
input[type="search"] {
  flex: 1 1 auto; min-width: 0;
  padding: 0.55em 0.75em;
  border: 2px solid var(--carrel-border, #767067);
  border-radius: var(--carrel-radius, 4px);
  background: var(--carrel-input-background, #fff);
  color: var(--carrel-input-text, #1c1b19);
}
button {
  cursor: pointer;
  padding: 0.45em 0.9em;
  border: 2px solid var(--carrel-accent, #1d4b80);
  border-radius: var(--carrel-radius, 4px);
  background: var(--carrel-accent, #1d4b80);
  color: var(--carrel-accent-text, #fff);
  font-weight: 600;
}
button:disabled { cursor: not-allowed; opacity: 0.55; }
button.secondary { background: transparent; color: var(--carrel-link, #1d4b80); border-color: currentColor; }
button.link {
  padding: 0; border: none; background: none; font-weight: 600;
  color: var(--carrel-link, #1d4b80); text-decoration: underline; text-underline-offset: 0.15em;
}
.hint { margin: 0.4em 0 0; font-size: 0.875em; color: var(--carrel-muted, #55514a); }

.loading { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25em 0.75em; margin-block-start: 0.75em; }
progress { width: min(100%, 16em); height: 0.75em; accent-color: var(--carrel-link, #1d4b80); }
.loading-text { font-size: 0.875em; color: var(--carrel-muted, #55514a); }
.status { margin: 0.75em 0 0; font-weight: 600; }
.notice {
  margin: 0.75em 0 0; padding: 0.6em 0.9em;
  border-inline-start: 4px solid var(--carrel-link, #1d4b80);
  background: var(--carrel-panel, #f3f0e8);
}
.notice-error { border-inline-start-color: var(--carrel-error, #8a2c1b); }

.results { list-style: none; margin: 0.5em 0 0; padding: 0; }
.result { padding: 0.75em 0; border-block-end: 1px solid var(--carrel-rule, #d6cfc2); }
.result:last-child { border-block-end: none; }
.result-title {
  display: block; padding: 0; border: none; background: none; text-align: start;
  font-family: var(--carrel-document-font, Georgia, "Times New Roman", serif);
  font-size: 1.15em; font-weight: 600; line-height: 1.3;
  color: var(--carrel-link, #1d4b80);
  text-decoration: underline; text-decoration-thickness: 1px; text-underline-offset: 0.15em;
  overflow-wrap: anywhere;
}
.result-title:hover { text-decoration-thickness: 2px; }
.result-meta {
  display: flex; flex-wrap: wrap; gap: 0.25em 1em;
  margin: 0.2em 0; font-size: 0.875em; color: var(--carrel-muted, #55514a);
}
.snippet, .content, .citation { font-family: var(--carrel-document-font, Georgia, "Times New Roman", serif); }
.snippet { margin: 0; line-height: 1.55; overflow-wrap: anywhere; max-width: var(--carrel-measure, 40em); }
mark { background: var(--carrel-mark, #ffe28a); color: inherit; padding: 0 0.1em; border-radius: 2px; }
.more { margin-block-start: 0.75em; }

.toolbar {
  position: sticky; top: 0; z-index: 1;
  background: var(--carrel-background, #fff);
  display: flex; flex-wrap: wrap; align-items: center; gap: 0.5em 0.75em;
  padding-block: 0.5em; border-block-end: 1px solid var(--carrel-rule, #d6cfc2);
}
.match-nav { display: flex; align-items: center; gap: 0.4em; }
.match-status { min-width: 6em; text-align: center; font-size: 0.9em; color: var(--carrel-muted, #55514a); }
.print-button { margin-inline-start: auto; }
.carrel[dir="rtl"] .arrow { display: inline-block; transform: scaleX(-1); }

.content { max-width: var(--carrel-measure, 40em); margin: 1em 0 1.5em; font-size: 1.05em; line-height: 1.65; overflow-wrap: break-word; }
.content h1, .content h2 { font-size: 1.35em; line-height: 1.25; margin: 0 0 0.75em; }
.content h3 { font-size: 1.1em; margin: 1.5em 0 0.5em; }
.content header { margin-block-end: 1.5em; padding-block-end: 0.75em; border-block-end: 1px solid var(--carrel-rule, #d6cfc2); }
.content dl {
  display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.2em 1em;
  margin: 0 0 0.75em; font-family: var(--carrel-font, inherit); font-size: 0.8em;
}
.content dl > div { display: contents; }
.content dt { font-weight: 600; color: var(--carrel-muted, #55514a); }
.content dd { margin: 0; overflow-wrap: anywhere; }
.content header p { font-style: italic; color: var(--carrel-muted, #55514a); }
.content p { margin: 0 0 1em; }
.content ol, .content ul { padding-inline-start: 1.5em; }
.content section { margin-block-start: 1.5em; padding-block-start: 0.75em; border-block-start: 1px solid var(--carrel-rule, #d6cfc2); font-size: 0.9em; }
.content table { display: block; overflow-x: auto; border-collapse: collapse; }
.content img { max-width: 100%; height: auto; }
.content [tabindex="-1"]:focus { outline: none; }
mark.carrel-match { scroll-margin: 4em 0; }
mark.carrel-match.current { background: var(--carrel-mark-current, #f2a93b); outline: 2px solid var(--carrel-error, #8a2c1b); outline-offset: 1px; }
mark.carrel-match:focus-visible { outline: 3px solid var(--carrel-focus, #b45309); }

.cite {
  max-width: var(--carrel-measure, 40em);
  padding: 0.75em 1em;
  background: var(--carrel-panel, #f3f0e8);
  border-inline-start: 4px solid var(--carrel-link, #1d4b80);
}
.cite h2 { font-size: 1.05em; margin: 0 0 0.4em; }
.citation { margin: 0 0 0.6em; overflow-wrap: anywhere; }
.cite-actions { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5em 1em; margin: 0; }
.copy-status { font-size: 0.875em; color: var(--carrel-muted, #55514a); }

@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { scroll-behavior: auto !important; transition: none !important; animation: none !important; }
}

/* Printing: the open document and its citation, nothing else (see PRINT_PAGE). */
@media print {
  :host { color: #000; background: #fff; }
  .carrel { padding: 0; }
  .search, .loading, .status, .notices, .results-view, .toolbar, .cite-actions { display: none !important; }
  .content { max-width: none; margin: 0; font-size: 11pt; }
  mark, mark.carrel-match, mark.carrel-match.current { background: none; outline: none; padding: 0; }
  .cite { max-width: none; background: none; border: 1px solid #000; margin-block-start: 1.5em; break-inside: avoid; }
}`;

// For the host page: while one of these elements shows a document, a printout is that
// document alone. (`:has` is needed; where it is missing the rule is dropped and the whole
// page prints.)
const PRINT_PAGE = `
@media print {
  body:has(carrel-search[${PRINTING}]) { background: #fff !important; }
  body:has(carrel-search[${PRINTING}]) *:not(:has(carrel-search[${PRINTING}])):not(carrel-search[${PRINTING}]) {
    display: none !important;
  }
  body :has(carrel-search[${PRINTING}]), carrel-search[${PRINTING}] {
    display: block !important; margin: 0 !important; padding: 0 !important; border: 0 !important;
    max-width: none !important; background: none !important; box-shadow: none !important;
  }
}`;

const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

/** One stylesheet object shared by every element (constructable: allowed by a strict CSP). */
function sheetOf(css) {
  if (typeof CSSStyleSheet !== 'function' || !('replaceSync' in CSSStyleSheet.prototype)) return null;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  return sheet;
}
const SHEET = sheetOf(STYLE);
const PRINT_SHEET = sheetOf(PRINT_PAGE);
if (PRINT_SHEET && 'adoptedStyleSheets' in document) {
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, PRINT_SHEET];
}

let template = null;

/** The element's markup, parsed once: fixed text, no data in it. */
function markup() {
  if (!template) {
    template = document.createElement('template');
    template.innerHTML = TEMPLATE;
  }
  return template;
}

// Collections, opened once per page whichever element asks: URL → { promise, listeners }.
const collections = new Map();

/** The collection at `url`, opened on first asking; `onProgress` hears the download. */
function loadCollection(url, onProgress) {
  let entry = collections.get(url);
  if (!entry) {
    const listeners = new Set();
    const report = (progress) => { for (const listener of listeners) listener(progress); };
    const promise = import('./carrel.js').then(({ openCollection }) => openCollection(url, { onProgress: report }));
    entry = { promise, listeners };
    collections.set(url, entry);
    promise.then(() => listeners.clear(), () => {
      listeners.clear();
      collections.delete(url); // the next attempt fetches again
    });
  }
  if (onProgress) entry.listeners.add(onProgress);
  return entry.promise;
}

class CarrelSearch extends HTMLElement {
  static observedAttributes = ['src', 'placeholder', 'label', 'limit', 'lang', 'loading'];

  #root;
  #t = translator('en');
  #language = null; // the language asked for last; #t speaks it once its words are here
  #labelled = false;
  #speaking = Promise.resolve(); // settles when #language's words are here (results wait for it)
  #collection = null;
  #loading = null;
  #typingTimer = 0;
  #query = ''; // the query the results show
  #searching = null; // the search under way (a packed collection may be fetching for it)
  #shown = 0; // hits shown
  #total = 0;
  #documentId = null; // the open document
  #view;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    if (SHEET) {
      this.#root.adoptedStyleSheets = [SHEET];
    } else {
      const style = document.createElement('style');
      style.textContent = STYLE;
      this.#root.append(style);
    }
    this.#root.append(markup().content.cloneNode(true));
    const $ = (id) => this.#root.getElementById(id);
    this.#view = new DocumentView($, () => this.#t, { content: 'content', previous: 'previous', next: 'next' });
    this.#wire();
  }

  connectedCallback() {
    this.#applyLanguage();
    if (this.getAttribute('loading') === 'eager') this.load().catch(() => {});
  }

  disconnectedCallback() {
    this.removeAttribute(PRINTING);
  }

  attributeChangedCallback(name, before, after) {
    if (before === after || !this.isConnected) return;
    if (name === 'src' && this.#collection) {
      this.#collection = null;
      this.#loading = null;
      this.#clearResults();
      this.close();
    }
    if (name === 'loading' && after === 'eager') this.load().catch(() => {});
    this.#applyLanguage();
  }

  // ------------------------------------------------------------ the JS API

  /** The collection's address: `src` (relative to the page), else carrel.wasm beside this file. */
  get src() {
    const src = this.getAttribute('src');
    return src ? new URL(src, document.baseURI).href : new URL('carrel.wasm', import.meta.url).href;
  }

  set src(value) {
    this.setAttribute('src', value);
  }

  /** Hits shown at a time (`limit`, 1–100, default 10). */
  get limit() {
    const n = Number.parseInt(this.getAttribute('limit') ?? '', 10);
    return Number.isFinite(n) ? Math.min(Math.max(n, 1), MAX_LIMIT) : DEFAULT_LIMIT;
  }

  /** The opened collection (carrel.d.ts: CarrelCollection), or null before load() is done. */
  get collection() {
    return this.#collection;
  }

  /** Fetches and opens the collection (once), showing progress; resolves to it. */
  load() {
    if (this.#loading) return this.#loading;
    const $ = (id) => this.#root.getElementById(id);
    $('loading').hidden = false;
    $('progress').removeAttribute('value');
    $('loading-text').textContent = '';
    this.#status(this.#t('widget.loading'));
    $('notices').replaceChildren();
    const loading = loadCollection(this.src, (progress) => this.#showProgress(progress));
    this.#loading = loading;
    loading.then((collection) => {
      if (this.#loading !== loading) return;
      this.#collection = collection;
      $('loading').hidden = true;
      clearTimeout(this.#typingTimer);
      const info = this.#info();
      this.#emit('carrel-ready', { name: info.name ?? '', documents: info.documents ?? null });
      if ($('q').value.trim()) this.#runSearch();
      else this.#showReady();
    }, (error) => {
      if (this.#loading !== loading) return;
      this.#loading = null;
      $('loading').hidden = true;
      const message = this.#t('widget.failed', { message: messageOf(error) });
      this.#status('');
      const notice = this.#notice('notice-error', message);
      notice.setAttribute('role', 'alert');
      $('notices').replaceChildren(notice);
    });
    return loading;
  }

  /** Searches for `query` as if typed, loading the collection first if need be. */
  async search(query) {
    this.#root.getElementById('q').value = query;
    await this.load();
    await this.#runSearch();
  }

  /** Shows the document `id` inside the element (after a cancelable carrel-open). */
  async open(id) {
    await this.load();
    await this.#openDocument(id);
  }

  /** Closes the open document and goes back to the results. */
  close() {
    this.#closeDocument();
  }

  focus(options) {
    this.#root.getElementById('q').focus(options);
  }

  // ------------------------------------------------------------ language and labels

  #applyLanguage() {
    const fromUrl = new URLSearchParams(location.search).get('lang');
    const inherited = this.parentElement?.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang;
    const lang = pickLanguage(this.getAttribute('lang'), fromUrl, inherited);
    this.#language = lang;
    const ready = translator(lang);
    if (ready.lang === lang) {
      this.#showLanguage(ready);
      return;
    }
    // Its words are fetched once (i18n/<lang>.js); until then the element keeps the words
    // it shows, or, the first time, shows English's.
    if (!this.#labelled) this.#showLanguage(ready);
    this.#speaking = loadTranslator(lang).then((t) => {
      if (this.#language === lang && this.#t.lang !== lang) this.#showLanguage(t);
    });
  }

  /** Every word the element shows, in `t`'s language. */
  #showLanguage(t) {
    this.#t = t;
    this.#labelled = true;
    const container = this.#root.querySelector('.carrel');
    container.lang = t.lang;
    container.dir = t.dir;
    translateTree(this.#root, t);
    const $ = (id) => this.#root.getElementById(id);
    $('label').textContent = this.getAttribute('label') ?? t('widget.label');
    $('q').placeholder = this.getAttribute('placeholder') ?? t('widget.placeholder');
    // Words already shown are said again in the new language.
    if (this.#collection && this.#query) this.#runSearch({ force: true });
    else if (this.#collection) this.#showReady();
    if (this.#documentId) this.#openDocument(this.#documentId, { quiet: true });
  }

  // ------------------------------------------------------------ wiring

  #wire() {
    const $ = (id) => this.#root.getElementById(id);
    const input = $('q');
    const start = () => { this.load().catch(() => {}); };
    input.addEventListener('focus', start);
    $('search').addEventListener('pointerdown', start);
    input.addEventListener('input', () => {
      start();
      clearTimeout(this.#typingTimer);
      this.#typingTimer = setTimeout(() => this.#runSearch(), TYPING_DELAY_MS);
    });
    $('search').addEventListener('submit', (event) => {
      event.preventDefault();
      clearTimeout(this.#typingTimer);
      this.load().then(() => this.#runSearch({ force: true }), () => {});
      if (matchMedia('(pointer: coarse)').matches) input.blur(); // put a phone's keyboard away
    });
    $('results').addEventListener('click', (event) => {
      const button = event.target.closest('button[data-id]');
      if (button) this.#openDocument(button.dataset.id);
    });
    $('notices').addEventListener('click', (event) => {
      const button = event.target.closest('button[data-suggestion]');
      if (!button) return;
      input.value = button.dataset.suggestion;
      this.#runSearch();
      input.focus();
    });
    $('more').addEventListener('click', () => this.#showMore());
    $('back').addEventListener('click', () => this.#closeDocument());
    $('previous').addEventListener('click', () => this.#view.goToMatch(-1));
    $('next').addEventListener('click', () => this.#view.goToMatch(1));
    $('print').addEventListener('click', () => window.print());
    $('copy').addEventListener('click', () => this.#view.copy($('citation').textContent, 'cite.copied'));
    this.#root.addEventListener('keydown', (event) => this.#onKeyDown(event));
  }

  #onKeyDown(event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    const $ = (id) => this.#root.getElementById(id);
    const documentOpen = this.#documentId !== null;
    const target = event.target;
    if (event.key === 'Escape' && documentOpen) {
      event.preventDefault();
      event.stopPropagation(); // a dialog around this element stays open
      this.#closeDocument();
    } else if (documentOpen && !isTyping(target) && (event.key === 'n' || event.key === 'p')) {
      event.preventDefault();
      this.#view.goToMatch(event.key === 'n' ? 1 : -1);
    } else if (!documentOpen) {
      moveThroughResults(event, $('q'), [...$('results').querySelectorAll('button[data-id]')]);
    }
  }

  #emit(name, detail, { cancelable = false } = {}) {
    return this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable }));
  }

  // ------------------------------------------------------------ loading

  #info() {
    try {
      return this.#collection?.info() ?? {};
    } catch {
      return {}; // the name and count are decoration
    }
  }

  #showProgress(progress) {
    const $ = (id) => this.#root.getElementById(id);
    showProgress($('progress'), $('loading-text'), this.#t, 'widget.loading', progress);
  }

  #showReady() {
    const { documents } = this.#info();
    this.#status(Number.isFinite(documents) ? this.#t('widget.ready', { documents: this.#t('documents', { n: documents }) }) : '');
  }

  // ------------------------------------------------------------ searching

  #status(text) {
    this.#root.getElementById('status').textContent = text;
  }

  #notice(kind, text) {
    const p = noticeOf(kind, text);
    p.setAttribute('part', 'notice');
    return p;
  }

  #clearResults() {
    const $ = (id) => this.#root.getElementById(id);
    this.#query = '';
    this.#shown = 0;
    $('results').replaceChildren();
    $('notices').replaceChildren();
    $('more').hidden = true;
    $('results').dataset.query = '';
  }

  /** The collection's answer, or the reason it gave none (a large collection fetches parts first). */
  async #search(query, offset) {
    try {
      // The element shows no facet counts: it never waits for a packed collection's facet table.
      return { results: await this.#collection.search(query, { limit: this.limit, offset, facets: false }) };
    } catch (error) {
      return { error };
    }
  }

  /** Searches for what the box holds; resolves when its results (or its error) are shown. */
  #runSearch({ force = false } = {}) {
    if (!this.#collection) return Promise.resolve();
    const query = this.#root.getElementById('q').value;
    // Typing that changed nothing changes nothing; a caller waits for the search under way.
    if (query === this.#query && !force) return this.#searching ?? Promise.resolve();
    this.#searching = this.#showResultsFor(query);
    return this.#searching;
  }

  async #showResultsFor(query) {
    await this.#speaking; // results are said in the element's language
    const $ = (id) => this.#root.getElementById(id);
    const t = this.#t;
    if (this.#documentId !== null) this.#closeDocument({ refocus: false });
    if (!query.trim()) {
      this.#clearResults();
      this.#showReady();
      return;
    }
    this.#query = query;
    const { results, error } = await this.#search(query, 0);
    if (this.#query !== query) return; // a newer search has begun
    $('results').dataset.query = query;
    if (error) {
      this.#shown = 0;
      $('results').replaceChildren();
      $('more').hidden = true;
      this.#status(t('status.failed'));
      $('notices').replaceChildren(this.#notice('notice-error', t('notice.retry', { message: messageOf(error) })));
      return;
    }
    this.#total = results.total;
    this.#shown = results.hits.length;
    $('results').replaceChildren(...results.hits.map((hit, i) => this.#resultItem(hit, i)));
    $('more').hidden = this.#shown >= results.total;
    const n = results.total;
    this.#status(t(n === 0 ? 'status.none' : 'status.found', { n, q: query, documents: t('documents', { n }) }));
    $('notices').replaceChildren(...this.#notices(results, query));
    this.#emit('carrel-results', {
      query, total: results.total, hits: results.hits, partial: results.partial, suggestion: results.suggestion,
    });
  }

  #notices(results, query) {
    const suggestion = (words) => {
      const button = Object.assign(document.createElement('button'), { type: 'button', className: 'link', textContent: words });
      button.dataset.suggestion = words;
      return button;
    };
    const notices = resultNotices(results, query, this.#t, { suggestion, emptyKey: 'notice.empty' });
    for (const notice of notices) notice.setAttribute('part', 'notice');
    return notices;
  }

  async #showMore() {
    const $ = (id) => this.#root.getElementById(id);
    const query = this.#query;
    const { results, error } = await this.#search(query, this.#shown);
    if (this.#query !== query) return;
    if (error || !results.hits.length) {
      $('more').hidden = true;
      return;
    }
    const items = results.hits.map((hit, i) => this.#resultItem(hit, this.#shown + i));
    $('results').append(...items);
    this.#shown += results.hits.length;
    $('more').hidden = this.#shown >= results.total;
    items[0].querySelector('button').focus();
  }

  #resultItem(hit, i) {
    const item = document.createElement('li');
    item.className = 'result';
    item.setAttribute('part', 'result');
    const title = document.createElement('button');
    title.type = 'button';
    title.className = 'result-title';
    title.setAttribute('part', 'result-title');
    title.dataset.id = hit.id;
    title.textContent = hit.title || hit.id;
    title.dir = 'auto'; // the collection's words keep their direction in any interface
    if (hit.lang) title.lang = hit.lang; // fonts and screen readers follow the document
    title.setAttribute('aria-describedby', `snippet-${i}`);
    const meta = hitMeta(hit, this.#t);
    meta.setAttribute('part', 'result-meta');
    const snippet = hitSnippet(hit);
    snippet.id = `snippet-${i}`;
    snippet.setAttribute('part', 'snippet');
    item.append(title);
    if (meta.childElementCount) item.append(meta);
    item.append(snippet);
    return item;
  }

  // ------------------------------------------------------------ the document

  async #openDocument(id, { quiet = false } = {}) {
    if (!this.#collection) return;
    const $ = (id) => this.#root.getElementById(id);
    const t = this.#t;
    let rendered = null;
    let failure = null;
    const query = this.#query;
    try {
      rendered = await this.#collection.render(id, query);
    } catch (error) {
      failure = error;
    }
    if (this.#query !== query) return; // the reader searched again meanwhile
    if (!quiet && !this.#emit('carrel-open', { id, title: rendered?.title ?? '', query: this.#query }, { cancelable: true })) {
      return;
    }
    this.#documentId = id;
    this.#showDocumentView(true);
    if (failure) {
      this.#view.showError(failure);
      $('document').setAttribute('aria-label', t('document.missing'));
      if (!quiet) $('back').focus();
      return;
    }
    const source = this.#view.show(rendered);
    $('document').setAttribute('aria-label', rendered.title || t('document'));
    $('citation').hidden = !rendered.citation;
    if (source) {
      const line = document.createElement('p');
      const link = document.createElement('a');
      link.href = source;
      link.rel = 'noopener noreferrer';
      link.textContent = t('cite.source');
      line.append(link);
      this.#view.content.append(line);
    }
    // Only the latest open document prints.
    for (const other of document.querySelectorAll(`carrel-search[${PRINTING}]`)) other.removeAttribute(PRINTING);
    this.setAttribute(PRINTING, '');
    if (quiet) return;
    this.#view.focusHeading();
    if (this.getBoundingClientRect().top < 0) this.scrollIntoView({ block: 'start', behavior: reducedMotion.matches ? 'auto' : 'smooth' });
  }

  /** The document takes the place of the results (`open`), or gives it back. */
  #showDocumentView(open) {
    const $ = (id) => this.#root.getElementById(id);
    for (const id of ['results-view', 'notices', 'status']) $(id).hidden = open;
    $('document').hidden = !open;
  }

  #closeDocument({ refocus = true } = {}) {
    if (this.#documentId === null) return;
    const $ = (id) => this.#root.getElementById(id);
    const id = this.#documentId;
    this.#documentId = null;
    this.removeAttribute(PRINTING);
    this.#showDocumentView(false);
    $('content').replaceChildren();
    this.#emit('carrel-close', { id });
    if (!refocus) return;
    const button = [...$('results').querySelectorAll('button[data-id]')].find((b) => b.dataset.id === id);
    (button ?? $('q')).focus();
  }
}

// "/" anywhere on the page (outside a text field) goes to the first search box.
document.addEventListener('keydown', (event) => {
  if (event.key !== '/' || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
  if (isTyping(event.composedPath()[0])) return;
  const element = [...document.querySelectorAll('carrel-search')].find((e) => e.checkVisibility?.() ?? true);
  if (!element) return;
  event.preventDefault();
  element.focus();
});

if (!customElements.get('carrel-search')) customElements.define('carrel-search', CarrelSearch);

export { CarrelSearch };
