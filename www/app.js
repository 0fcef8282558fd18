import { openCollection } from './carrel.js';
import { loadTranslator, pickLanguage, translateTree, translator } from './i18n.js';
import { DocumentView, hitMeta, hitSnippet, isTyping, messageOf, moveThroughResults, noticeOf, resultNotices, showProgress } from './views.js';
'use strict';

// Carrel's search page. The URL hash holds the whole state (query, filters, dates, sort,
// open document), so every view is a link and the back button works; `apply` makes the
// page show what a state says. Strings from the collection go in with textContent, except
// `snippet` and `html`, which the module makes safe.
//
// Every word the page shows comes from i18n.js, in the language `?lang=` or <html lang>
// names (English when Carrel does not speak it).
//
// The document view, result lines and notices are views.js's, shared with <carrel-search>.
//
// The offline single-file page runs this file as a classic script: the import lines above
// are removed and the rest wrapped in a function, with a global `openCollection` and the
// functions of i18n.js and views.js inlined before it. So: no other import, no export, no
// top-level await, no import.meta.

// Results per page. Each result shown fetches its document's store block from a packed
// site (about 2 KB brotli on DFAT): ten, the page most search engines show, rather than
// twenty took a fifth off the full page's first search there (bench/page-bytes.mjs);
// "Show more results" brings the next ten.
const PAGE_SIZE = 10;
const TYPING_DELAY_MS = 120;
const FACET_VALUES_SHOWN = 8;
const FACETS = ['type', 'from', 'to', 'collection', 'lang', 'year']; // labels: i18n.js `facet.*`
const DATE_SORTS = ['date-asc', 'date-desc']; // best match, the default, is no sort in the URL
// A date as the core reads one (PartialDate::parse_iso), checked here only to say so beside
// the field; what a date includes is the core's to decide.
const DATE_INPUT = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
const SVG = 'http://www.w3.org/2000/svg';
const TIMELINE_BAR_PX = 40; // widest a bar is drawn; many periods shrink to fit the page

const $ = (id) => document.getElementById(id);
const wideScreen = window.matchMedia('(min-width: 60em)');
const pageLanguage = pickLanguage(new URLSearchParams(location.search).get('lang'), document.documentElement.lang);
// The page's words: English (as index.html is written) until start() has the page's language.
let t = translator('en');

let collection = null;
let collectionName = '';
let state = emptyState();
let searchKey = null; // the search the result list shows
let shownHits = 0;
let shownDocument = null; // { id, q }: the document the document view shows, and its highlights
let documentOpenedFromResults = false;
let typingTimer = 0;
let typingEntry = false; // true while keystrokes replace the history entry the first one made
let lastFacets = null;
const expandedFacets = new Set();
const view = new DocumentView($, () => t, { content: 'document-content', previous: 'prev-match', next: 'next-match' });

// ---------------------------------------------------------------- state and the URL

function emptyState() {
  return { q: '', doc: null, sort: '', dateFrom: '', dateTo: '', filters: {} };
}

function readHash() {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const next = emptyState();
  next.q = params.get('q') ?? '';
  next.doc = params.get('doc') || null;
  const sort = params.get('sort');
  if (DATE_SORTS.includes(sort)) next.sort = sort;
  next.dateFrom = params.get('date_from') ?? '';
  next.dateTo = params.get('date_to') ?? '';
  for (const facet of FACETS) {
    const values = params.getAll(facet).filter(Boolean);
    if (values.length) next.filters[facet] = values;
  }
  return next;
}

function hashOf(s) {
  const params = new URLSearchParams();
  if (s.q) params.set('q', s.q);
  if (s.doc) params.set('doc', s.doc);
  for (const facet of FACETS) for (const value of s.filters[facet] ?? []) params.append(facet, value);
  if (s.dateFrom) params.set('date_from', s.dateFrom);
  if (s.dateTo) params.set('date_to', s.dateTo);
  if (s.sort) params.set('sort', s.sort);
  return params.toString();
}

/** Shows `next` and records it in the URL: a new history entry, or in place. */
function navigate(next, { replace = false } = {}) {
  if (!replace) typingEntry = false;
  const hash = hashOf(next);
  if (hash !== hashOf(readHash())) {
    // location (not history.pushState) also works for pages opened from file://.
    if (replace) location.replace('#' + hash);
    else location.hash = hash;
  }
  apply(next);
}

function onHashChange() {
  const next = readHash();
  if (hashOf(next) === hashOf(state)) return;
  typingEntry = false;
  apply(next, { fromOutside: true });
}

/** Makes the page show `next`: runs the search and opens or closes the document as needed. */
function apply(next, { fromOutside = false } = {}) {
  const previous = state;
  state = next;
  if (fromOutside) syncControls();
  const key = searchKeyOf(state);
  if (key !== searchKey) runSearch(key);
  if (state.doc) {
    if (!previous.doc) documentOpenedFromResults = !fromOutside || isSameSearch(previous, state);
    showDocument();
  } else {
    hideDocument();
  }
}

function searchKeyOf(s) {
  return JSON.stringify([s.q, s.sort, s.dateFrom, s.dateTo, FACETS.map((f) => s.filters[f] ?? [])]);
}

function isSameSearch(a, b) {
  return searchKeyOf(a) === searchKeyOf(b);
}

/** Puts the state into the controls, when it came from the URL rather than from them. */
function syncControls() {
  const input = $('q');
  if (input.value !== state.q) input.value = state.q;
  $('sort').value = state.sort;
  $('date-from').value = state.dateFrom;
  $('date-to').value = state.dateTo;
  setDateError('');
}

// ---------------------------------------------------------------- searching

function searchOptions(offset, limit, counts) {
  const options = { limit, offset };
  if (!counts) options.facets = false;
  if (state.sort) options.sort = state.sort;
  const filters = {};
  for (const facet of FACETS) if (state.filters[facet]?.length) filters[facet] = state.filters[facet];
  if (Object.keys(filters).length) options.filters = filters;
  if (state.dateFrom) options.date_from = state.dateFrom;
  if (state.dateTo) options.date_to = state.dateTo;
  return options;
}

/**
 * Asks the collection, with facet counts and timeline when `counts`; a refusal (bad query,
 * bad date, a part of the index that could not be fetched) becomes a message, not an exception.
 */
async function search(offset, limit, counts = true) {
  const started = performance.now();
  try {
    const results = await collection.search(state.q, searchOptions(offset, limit, counts));
    return { results, ms: performance.now() - started };
  } catch (error) {
    return { error };
  }
}

async function runSearch(key) {
  searchKey = key;
  // A large collection's facet table is a fetch of its own: until it is in, the results
  // do not wait for it, and the counts follow (showCounts).
  const countsNow = collection.facetsReady();
  const { results, ms, error } = await search(0, PAGE_SIZE, countsNow);
  // A large collection may fetch parts of its index first: a newer search may have begun.
  if (key !== searchKey) return;
  // What the list now shows: screen readers wait for aria-busy, tests for data-query.
  $('results').setAttribute('aria-busy', 'false');
  $('results').dataset.query = state.q;
  if (error) {
    showSearchError(error);
    return;
  }
  shownHits = results.hits.length;
  $('result-list').replaceChildren(...results.hits.map(resultItem));
  $('more').hidden = shownHits >= results.total;
  renderStatus(results, ms);
  renderNotices(results);
  if (countsNow) renderCounts(results);
  else showCounts(key);
  $('clear-filters').hidden = !hasFilters(state);
  $('clear-dates').hidden = !state.dateFrom && !state.dateTo;
}

/** Facets and timeline of `results`; the panel tells tests and screen readers it is done. */
function renderCounts(results) {
  lastFacets = results.facets;
  renderFacets(lastFacets);
  renderTimeline(results.timeline);
  $('facets').setAttribute('aria-busy', 'false');
  $('facets').dataset.query = state.q;
}

/** Asks again for search `key`'s counts alone (no hits, so no documents are read). */
async function showCounts(key) {
  $('facets').setAttribute('aria-busy', 'true');
  const { results, error } = await search(0, 0, true);
  if (key !== searchKey) return;
  if (error) {
    $('facets').setAttribute('aria-busy', 'false');
    $('notices').append(noticeOf('notice-error', t('notice.retry', { message: messageOf(error) })));
    return;
  }
  renderCounts(results);
}

async function showMore() {
  const key = searchKey;
  const { results, error } = await search(shownHits, PAGE_SIZE, false);
  if (key !== searchKey) return;
  if (error) {
    showSearchError(error);
    return;
  }
  const items = results.hits.map(resultItem);
  $('result-list').append(...items);
  shownHits += results.hits.length;
  $('more').hidden = shownHits >= results.total || results.hits.length === 0;
  items[0]?.querySelector('a').focus();
}

function hasFilters(s) {
  return Boolean(s.dateFrom || s.dateTo || FACETS.some((f) => s.filters[f]?.length));
}

function showSearchError(error) {
  shownHits = 0;
  $('result-list').replaceChildren();
  $('more').hidden = true;
  $('status').textContent = t('status.failed');
  $('timing').textContent = '';
  $('notices').replaceChildren(noticeOf('notice-error', t('notice.retry', { message: messageOf(error) })));
  lastFacets = null;
  renderFacets(null);
  renderTimeline(null);
  $('facets').setAttribute('aria-busy', 'false');
  $('clear-filters').hidden = !hasFilters(state);
}

const documents = (n) => t('documents', { n });

function renderStatus(results, ms) {
  const n = results.total;
  const params = { n, q: state.q, documents: documents(n) };
  let key;
  if (!state.q.trim()) key = hasFilters(state) ? 'status.filtered' : 'status.browse';
  else key = n === 0 ? 'status.none' : 'status.found';
  $('status').textContent = t(key, params);
  $('timing').textContent = t('status.timing', { ms: ms < 10 ? ms.toFixed(1) : Math.round(ms) });
}

function renderNotices(results) {
  const suggestion = (words) => Object.assign(document.createElement('a'), {
    href: '#' + hashOf({ ...state, q: words, doc: null }), className: 'suggestion', textContent: words,
  });
  const emptyKey = hasFilters(state) ? 'notice.empty-filtered' : 'notice.empty';
  $('notices').replaceChildren(...resultNotices(results, state.q, t, { suggestion, emptyKey }));
}

function resultItem(hit) {
  const item = document.createElement('li');
  item.className = 'result';
  const heading = document.createElement('h3');
  heading.className = 'result-title';
  heading.dir = 'auto'; // the collection's words keep their direction in any interface
  const link = document.createElement('a');
  link.href = '#' + hashOf({ ...state, doc: hit.id });
  link.dataset.id = hit.id;
  link.textContent = hit.title || hit.id;
  heading.append(link);
  if (hit.lang) heading.lang = hit.lang; // fonts and screen readers follow the document
  item.append(heading, hitMeta(hit, t), hitSnippet(hit));
  return item;
}

// ---------------------------------------------------------------- facets and dates

function renderFacets(facets) {
  const container = $('facets');
  const focused = document.activeElement?.closest?.('#facets') ? document.activeElement : null;
  const focusKey = focused?.dataset.facet ? [focused.dataset.facet, focused.dataset.value ?? ''] : null;
  const groups = [];
  for (const facet of FACETS) {
    const selected = state.filters[facet] ?? [];
    const values = [...(facets?.[facet] ?? [])];
    for (const value of selected) if (!values.some((v) => v.value === value)) values.push({ value, count: 0 });
    if (!values.length) continue;
    groups.push(facetGroup(facet, values, selected));
  }
  container.replaceChildren(...groups);
  if (focusKey) {
    const again = [...container.querySelectorAll('[data-facet]')]
      .find((el) => el.dataset.facet === focusKey[0] && (el.dataset.value ?? '') === focusKey[1]);
    again?.focus();
  }
}

function facetGroup(facet, values, selected) {
  const fieldset = document.createElement('fieldset');
  fieldset.className = 'facet';
  const legend = document.createElement('legend');
  legend.textContent = t(`facet.${facet}`);
  const list = document.createElement('ul');
  const expanded = expandedFacets.has(facet);
  values.forEach((entry, i) => {
    const isSelected = selected.includes(entry.value);
    if (!expanded && i >= FACET_VALUES_SHOWN && !isSelected) return;
    const item = document.createElement('li');
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = isSelected;
    box.dataset.facet = facet;
    box.dataset.value = entry.value;
    const value = document.createElement('span');
    value.className = 'facet-value';
    value.dir = 'auto';
    value.textContent = facet === 'lang' ? t.language(entry.value) : entry.value;
    const count = document.createElement('span');
    count.className = 'facet-count';
    count.textContent = t.number(entry.count);
    label.append(box, value, count);
    item.append(label);
    list.append(item);
  });
  fieldset.append(legend, list);
  if (values.length > FACET_VALUES_SHOWN) {
    const toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.className = 'link-button';
    toggle.dataset.facet = facet;
    toggle.dataset.toggle = 'true';
    toggle.setAttribute('aria-expanded', String(expanded));
    toggle.textContent = expanded ? t('facet.fewer') : t('facet.all', { n: values.length });
    fieldset.append(toggle);
  }
  return fieldset;
}

function onFacetChange(event) {
  const box = event.target;
  if (!box.matches('input[type=checkbox][data-facet]')) return;
  const { facet, value } = box.dataset;
  const current = state.filters[facet] ?? [];
  const values = box.checked ? [...current, value] : current.filter((v) => v !== value);
  const filters = { ...state.filters, [facet]: values };
  if (!values.length) delete filters[facet];
  navigate({ ...state, filters, doc: null });
}

function onFacetToggle(event) {
  const button = event.target.closest('button[data-toggle]');
  if (!button) return;
  const { facet } = button.dataset;
  if (expandedFacets.has(facet)) expandedFacets.delete(facet);
  else expandedFacets.add(facet);
  renderFacets(lastFacets);
}

function setDateError(text) {
  $('date-error').textContent = text;
  $('date-error').hidden = !text;
  for (const id of ['date-from', 'date-to']) {
    const input = $(id);
    const bad = Boolean(input.value.trim()) && !DATE_INPUT.test(input.value.trim());
    input.setAttribute('aria-invalid', String(bad && Boolean(text)));
  }
}

function onDateChange() {
  const dateFrom = $('date-from').value.trim();
  const dateTo = $('date-to').value.trim();
  if ((dateFrom && !DATE_INPUT.test(dateFrom)) || (dateTo && !DATE_INPUT.test(dateTo))) {
    setDateError(t('dates.error'));
    return;
  }
  setDateError('');
  navigate({ ...state, dateFrom, dateTo, doc: null });
}

function clearDates() {
  navigate({ ...state, dateFrom: '', dateTo: '', doc: null });
  syncControls();
  $('date-from').focus();
}

function clearFilters() {
  navigate({ ...state, dateFrom: '', dateTo: '', filters: {}, doc: null });
  syncControls();
  $('q').focus();
}

// ---------------------------------------------------------------- timeline

/** Every period from the first to the last, so gaps in time show as gaps. */
function fillPeriods(timeline) {
  const counts = new Map(timeline.map((t) => [t.period, t.count]));
  const byMonth = timeline.every((t) => /^\d{4}-\d{2}$/.test(t.period));
  const byYear = timeline.every((t) => /^\d{4}$/.test(t.period));
  if (!byMonth && !byYear) return timeline;
  const index = (p) => (byMonth ? Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7)) - 1 : Number(p));
  const label = (i) => (byMonth ? `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}` : String(i));
  const indexes = timeline.map((t) => index(t.period));
  const first = Math.min(...indexes);
  const last = Math.max(...indexes);
  if (last - first > 1200) return timeline;
  const periods = [];
  for (let i = first; i <= last; i++) periods.push({ period: label(i), count: counts.get(label(i)) ?? 0 });
  return periods;
}

function renderTimeline(timeline) {
  const figure = $('timeline');
  if (!timeline?.length) {
    figure.hidden = true;
    $('timeline-chart').replaceChildren();
    return;
  }
  const periods = fillPeriods(timeline);
  // The core kept only documents within the chosen dates, so every bar lies in them.
  const inRange = Boolean(state.dateFrom || state.dateTo);
  const max = Math.max(1, ...periods.map((p) => p.count));
  const width = periods.length * 10;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} 100`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('width', periods.length * TIMELINE_BAR_PX);
  svg.setAttribute('role', 'group');
  svg.setAttribute('aria-labelledby', 'timeline-caption');
  periods.forEach((p, i) => {
    const words = t('timeline.bar', { period: t.date(p.period), documents: documents(p.count) });
    const bar = document.createElementNS(SVG, 'g');
    bar.setAttribute('class', 'bar' + (inRange ? ' in-range' : ''));
    const title = document.createElementNS(SVG, 'title');
    title.textContent = words;
    const hit = document.createElementNS(SVG, 'rect'); // the whole column answers clicks
    hit.setAttribute('class', 'bar-hit');
    hit.setAttribute('x', i * 10);
    hit.setAttribute('y', 0);
    hit.setAttribute('width', 10);
    hit.setAttribute('height', 100);
    const height = p.count ? Math.max(4, (p.count / max) * 96) : 0;
    const fill = document.createElementNS(SVG, 'rect');
    fill.setAttribute('class', 'bar-fill');
    fill.setAttribute('x', i * 10 + 1);
    fill.setAttribute('y', 100 - height);
    fill.setAttribute('width', 8);
    fill.setAttribute('height', height);
    bar.append(title, hit, fill);
    if (p.count) {
      bar.dataset.period = p.period;
      bar.setAttribute('tabindex', '0');
      bar.setAttribute('role', 'button');
      bar.setAttribute('aria-label', t('timeline.choose', { bar: words }));
    }
    svg.append(bar);
  });
  $('timeline-chart').replaceChildren(svg);
  $('timeline-start').textContent = t.date(periods[0].period, { short: true });
  $('timeline-end').textContent = periods.length > 1 ? t.date(periods.at(-1).period, { short: true }) : '';
  figure.hidden = false;
}

function chooseBar(bar) {
  const period = bar.dataset.period;
  const already = state.dateFrom === period && state.dateTo === period;
  navigate({ ...state, dateFrom: already ? '' : period, dateTo: already ? '' : period, doc: null });
  syncControls();
  $('timeline-chart').querySelector(`[data-period="${CSS.escape(period)}"]`)?.focus();
}

// ---------------------------------------------------------------- the document view

async function showDocument() {
  $('search-view').hidden = true;
  $('document-view').hidden = false;
  document.body.classList.add('reading');
  if (shownDocument?.id === state.doc && shownDocument.q === state.q) return;
  const asked = { id: state.doc, q: state.q };
  shownDocument = asked;
  let rendered;
  try {
    rendered = await collection.render(state.doc, state.q);
  } catch (error) {
    if (shownDocument !== asked) return;
    view.showError(error);
    $('document-label').textContent = t('document.missing');
    document.title = t('page.title.document', { title: t('document.missing'), name: collectionName });
    $('permalink').textContent = '';
    $('source-link-line').hidden = true;
    $('close-document').focus();
    return;
  }
  if (shownDocument !== asked) return; // closed, or another document asked for meanwhile
  const source = view.show(rendered);
  $('document-label').textContent = rendered.title || t('document');
  document.title = t('page.title.document', { title: rendered.title, name: collectionName });
  const permalink = location.href.split('#')[0] + '#' + hashOf({ ...emptyState(), doc: rendered.id ?? state.doc });
  $('permalink').href = permalink;
  $('permalink').textContent = permalink;
  $('source-link-line').hidden = !source;
  if (source) $('source-link').href = source;
  window.scrollTo({ top: 0, behavior: 'auto' });
  view.focusHeading();
}

function hideDocument() {
  if ($('document-view').hidden) return;
  const opened = shownDocument?.id;
  shownDocument = null;
  $('document-view').hidden = true;
  $('search-view').hidden = false;
  document.body.classList.remove('reading');
  document.title = t('page.title.search', { name: collectionName });
  const link = [...$('result-list').querySelectorAll('a[data-id]')].find((a) => a.dataset.id === opened);
  if (link) {
    link.focus({ preventScroll: true });
    link.scrollIntoView({ block: 'center' });
  } else {
    $('q').focus();
  }
}

function closeDocument() {
  if (!state.doc) return;
  if (documentOpenedFromResults) history.back();
  else navigate({ ...state, doc: null });
}

// ---------------------------------------------------------------- keyboard and typing

function resultLinks() {
  return [...$('result-list').querySelectorAll('a[data-id]')];
}

function onKeyDown(event) {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
  const typing = isTyping(event.target);
  const documentOpen = !$('document-view').hidden;
  if (event.key === 'Escape' && documentOpen) {
    event.preventDefault();
    closeDocument();
  } else if (event.key === '/' && !typing) {
    event.preventDefault();
    $('q').focus();
    $('q').select();
  } else if (documentOpen && !typing && (event.key === 'n' || event.key === 'p')) {
    event.preventDefault();
    view.goToMatch(event.key === 'n' ? 1 : -1);
  } else if (!documentOpen) {
    moveThroughResults(event, $('q'), resultLinks());
  }
}

function onTyping() {
  $('results').setAttribute('aria-busy', 'true');
  clearTimeout(typingTimer);
  typingTimer = setTimeout(searchTyped, TYPING_DELAY_MS);
}

function searchTyped() {
  clearTimeout(typingTimer);
  const q = $('q').value;
  if (q === state.q && !state.doc) {
    $('results').setAttribute('aria-busy', 'false');
    return;
  }
  const replace = typingEntry;
  navigate({ ...state, q, doc: null }, { replace });
  typingEntry = true;
}

// ---------------------------------------------------------------- starting up

function showInfo() {
  let info = {};
  try {
    info = collection.info() ?? {};
  } catch {
    // The name is decoration: the page works without it.
  }
  if (typeof info.name === 'string' && info.name.trim()) {
    collectionName = info.name.trim();
    $('collection-name').textContent = collectionName;
    $('collection-name').dir = 'auto';
  } else {
    collectionName = $('collection-name').textContent;
  }
  document.title = t('page.title.search', { name: collectionName });
  if (Number.isFinite(info.documents)) {
    $('collection-summary').textContent = t('summary.count', { documents: documents(info.documents) });
  }
}

function wireControls() {
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    searchTyped();
    typingEntry = false;
    // On a phone, Enter means "show me": put the keyboard away.
    if (matchMedia('(pointer: coarse)').matches) $('q').blur();
  });
  $('q').addEventListener('input', onTyping);
  $('sort').addEventListener('change', () => navigate({ ...state, sort: $('sort').value, doc: null }));
  $('date-from').addEventListener('change', onDateChange);
  $('date-to').addEventListener('change', onDateChange);
  $('clear-dates').addEventListener('click', clearDates);
  $('clear-filters').addEventListener('click', clearFilters);
  $('facets').addEventListener('change', onFacetChange);
  $('facets').addEventListener('click', onFacetToggle);
  $('more').addEventListener('click', showMore);
  $('timeline-chart').addEventListener('click', (event) => {
    const bar = event.target.closest?.('[data-period]');
    if (bar) chooseBar(bar);
  });
  $('timeline-chart').addEventListener('keydown', (event) => {
    const bar = event.target.closest?.('[data-period]');
    if (bar && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      chooseBar(bar);
    }
  });
  $('close-document').addEventListener('click', closeDocument);
  $('prev-match').addEventListener('click', () => view.goToMatch(-1));
  $('next-match').addEventListener('click', () => view.goToMatch(1));
  $('print').addEventListener('click', () => window.print());
  $('copy-citation').addEventListener('click', () => view.copy($('citation').textContent, 'cite.copied'));
  $('copy-link').addEventListener('click', () => view.copy($('permalink').href, 'cite.link-copied'));
  document.addEventListener('keydown', onKeyDown);
  window.addEventListener('hashchange', onHashChange);
  const openRefineOnWideScreens = () => { $('refine').open = wideScreen.matches || hasFilters(state); };
  wideScreen.addEventListener('change', openRefineOnWideScreens);
  openRefineOnWideScreens();
}

/** The page in the chosen language: <html lang dir>, and every marked element's words. */
function translatePage() {
  document.documentElement.lang = t.lang;
  document.documentElement.dir = t.dir;
  translateTree(document, t);
  document.title = t('page.title');
}

function start() {
  // The page's language and the collection load side by side; the collection is shown
  // once both are here.
  const speaking = loadTranslator(pageLanguage).then((loaded) => {
    t = loaded;
    translatePage();
  });
  const onProgress = (progress) => showProgress($('loading-progress'), $('loading-text'), t, 'loading', progress);
  openCollection(undefined, { onProgress }).then(async (opened) => {
    await speaking;
    collection = opened;
    showInfo();
    $('loading').hidden = true;
    $('search-view').hidden = false;
    $('q').disabled = false;
    $('search-button').disabled = false;
    // The state the page opens in is already current, so an open document came from
    // outside (a link), and closing it must not go back past the page.
    state = readHash();
    wireControls();
    apply(state, { fromOutside: true });
    if (!state.doc && !matchMedia('(pointer: coarse)').matches) $('q').focus();
  }, async (error) => {
    await speaking;
    $('loading').hidden = true;
    const hint = location.protocol === 'file:' ? ' ' + t('fatal.file') : '';
    $('fatal').textContent = t('fatal', { message: messageOf(error) }) + hint;
    $('fatal').hidden = false;
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
