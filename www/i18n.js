// The words of Carrel's interface, shared by the search page (app.js) and the
// <carrel-search> component (carrel-search.js): English here, every other language in
// i18n/<code>.js, fetched only by a page that speaks it (loadTranslator), so an English
// page downloads none of them.
//
// A string may hold {name} placeholders, filled from the parameters given, and [[key]]
// marks, shown as a keyboard key (<kbd>). A string that depends on a count is an object
// keyed by plural category (Intl.PluralRules: zero, one, two, few, many, other); {n} is the
// count, written the language's way. A language lacking a string falls back to English.
//
// Carrel speaks English, French, German, Spanish, Russian, Chinese, Japanese and Arabic.
// To add a language: copy i18n/fr.js to i18n/<code>.js, translate every value, add its
// code to LANGUAGES (and to RIGHT_TO_LEFT if it is written right to left), and list the
// file in build.rs and src/site/mod.rs.
//
// The offline single-file page runs this file as a classic script, its last line (the
// export) removed: so no import, nothing exported but on that line, no import.meta. It
// carries every language inline after it (`STRINGS.fr = { … };`), so nothing is fetched.

const STRINGS = {
  en: {
    'locale': 'en-GB',
    'page.title': 'Document archive search',
    'page.description': 'Search the full text of this document collection. The search runs in your browser.',
    'page.title.search': '{name} — search',
    'page.title.document': '{title} — {name}',
    'skip': 'Skip to results',
    'eyebrow': 'Document archive',
    'archive': 'Document archive',
    'summary': 'Full-text search of the collection’s letters, telegrams and papers.',
    'summary.count': 'Search the full text of {documents}.',
    'search.label': 'Search the documents',
    'search.placeholder': 'e.g. armistice, "Alternative B"',
    'search.button': 'Search',
    'search.hint': 'Put a phrase in "quotes". Leave empty to browse every document. Press [[/]] to come back here.',
    'loading': 'Loading the collection…',
    'loading.progress': 'Loading the collection… {loaded} of {total}',
    'loading.bytes': 'Loading the collection… {loaded}',
    'fatal': 'The collection could not be loaded: {message}.',
    'fatal.file': 'A page opened from a file needs the single-file (offline) edition of this collection.',
    'refine': 'Refine',
    'refine.more': ': sort, dates and filters',
    'sort': 'Sort by',
    'sort.relevance': 'Best match',
    'sort.date-asc': 'Date, oldest first',
    'sort.date-desc': 'Date, newest first',
    'dates': 'Date',
    'dates.from': 'From',
    'dates.to': 'To',
    'dates.placeholder': 'YYYY',
    'dates.hint': 'A year, or YYYY-MM, or YYYY-MM-DD.',
    'dates.error': 'Please write a date as a year (1951), a month (1951-06) or a day (1951-06-14).',
    'dates.clear': 'Clear dates',
    'filters.clear': 'Clear all filters',
    'facet.type': 'Type',
    'facet.from': 'From',
    'facet.to': 'To',
    'facet.collection': 'Collection',
    'facet.lang': 'Language',
    'facet.year': 'Year',
    'facet.fewer': 'Show fewer',
    'facet.all': 'Show all {n}',
    'results': 'Results',
    'timeline': 'Documents over time',
    'timeline.hint': '(choose a bar to narrow the dates)',
    'timeline.bar': '{period}: {documents}',
    'timeline.choose': '{bar}. Show only these.',
    'more': 'Show more results',
    'documents': { one: '{n} document', other: '{n} documents' },
    'status.browse': 'Browsing all {documents}.',
    'status.filtered': '{documents} with these filters.',
    'status.none': 'No documents found for “{q}”.',
    'status.found': { one: '{n} document found for “{q}”.', other: '{n} documents found for “{q}”.' },
    'status.failed': 'The search could not be run.',
    'status.timing': '({ms} ms)',
    'notice.retry': 'Please change the search and try again. {message}',
    'notice.suggestion': 'Did you mean {suggestion}?',
    'notice.partial': 'No document contains all of your words. Showing partial matches: documents that contain some of them.',
    'notice.empty': 'Nothing was found. Check the spelling, try fewer or other words.',
    'notice.empty-filtered': 'Nothing was found. Check the spelling, try fewer or other words, or clear the filters.',
    'document': 'Document',
    'document.tools': 'Document tools',
    'document.failed': 'This document could not be shown. {message}',
    'document.missing': 'Document not found',
    'back': 'Back',
    'back.long': 'Back to results',
    'previous': 'Previous',
    'previous.short': 'Prev',
    'previous.label': 'Previous match',
    'next': 'Next',
    'next.label': 'Next match',
    'matches': { one: '{n} match', other: '{n} matches' },
    'match': 'Match',
    'match.of': '{i} of {n}',
    'print': 'Print',
    'cite': 'Cite this document',
    'cite.copy': 'Copy citation',
    'cite.copy-link': 'Copy link',
    'cite.permalink': 'Permanent link:',
    'cite.source': 'See this document at its source',
    'cite.copied': 'Citation copied.',
    'cite.link-copied': 'Link copied.',
    'cite.copy-failed': 'Your browser did not allow copying: select the text and copy it yourself.',
    'footer.keys': 'The search runs in your browser: nothing you type leaves this page. Keys: [[/]] search, [[↑]] [[↓]] move through results, [[Enter]] open, [[n]] [[p]] next and previous match, [[Esc]] close.',
    'footer.made': 'Made with Carrel.',
    'field.Date': 'Date',
    'field.Type': 'Type',
    'field.From': 'From',
    'field.To': 'To',
    'field.Collection': 'Collection',
    'field.Source': 'Source',
    'field.Record': 'Record',
    'field.Language': 'Language',
    'field.Notes': 'Notes',
    'size.kb': '{n} KB',
    'size.mb': '{n} MB',
    'widget.label': 'Search the collection',
    'widget.placeholder': 'Words, names or a "phrase"',
    'widget.hint': 'Press [[/]] to search, [[↑]] [[↓]] to move through results, [[Enter]] to open.',
    'widget.loading': 'Loading the search…',
    'widget.loading.progress': 'Loading the search… {loaded} of {total}',
    'widget.loading.bytes': 'Loading the search… {loaded}',
    'widget.ready': 'Ready to search {documents}.',
    'widget.failed': 'The search could not be loaded: {message}',
  },
};

/** The languages Carrel speaks: English above, each other in i18n/<code>.js. */
const LANGUAGES = ['en', 'fr', 'de', 'es', 'ru', 'zh', 'ja', 'ar'];

const RIGHT_TO_LEFT = ['ar', 'fa', 'he', 'ur'];

/**
 * The first of `wanted` (language tags such as "fr", "fr-CA", "AR"; empty ones skipped)
 * that Carrel speaks, by its primary subtag; English when none is.
 */
function pickLanguage(...wanted) {
  for (const tag of wanted) {
    const primary = String(tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
    if (primary && LANGUAGES.includes(primary)) return primary;
  }
  return 'en';
}

const loadingLanguages = new Map();

/**
 * Resolves to a translator (see translator) for `lang`, a code from pickLanguage, once its
 * words are here: English's always are, another language's are fetched from i18n/<code>.js
 * beside this file the first time (the offline page has them all). If they cannot be
 * fetched, the translator speaks English, and the console says why.
 */
async function loadTranslator(lang) {
  if (!Object.hasOwn(STRINGS, lang) && LANGUAGES.includes(lang)) {
    if (!loadingLanguages.has(lang)) {
      loadingLanguages.set(lang, import(`./i18n/${lang}.js`).then((table) => {
        STRINGS[lang] = table.default;
      }, (error) => {
        loadingLanguages.delete(lang); // a later page view may try again
        console.warn(`Carrel: the interface's ${lang} words could not be loaded, so it speaks English: ${error}`);
      }));
    }
    await loadingLanguages.get(lang);
  }
  return translator(lang);
}

/**
 * The interface's words in `lang` (a code from pickLanguage), if they are here (see
 * loadTranslator), else English's:
 *   t(key, params)      the string, placeholders filled; a plural string picks by params.n
 *   t.fill(el, key, params)  puts the string into `el`: [[x]] as <kbd>x</kbd>, and a
 *                       parameter that is a DOM node placed as that node
 *   t.number(n), t.size(bytes), t.date('1951-06-14' | '1951-06' | '1951', { short })
 *   t.lang, t.dir ('ltr' | 'rtl'), t.locale
 */
function translator(lang) {
  const table = STRINGS[lang] ?? STRINGS.en;
  const locale = table.locale;
  const numbers = new Intl.NumberFormat(locale);
  const plurals = new Intl.PluralRules(locale);

  function raw(key, params) {
    let value = Object.hasOwn(table, key) ? table[key] : STRINGS.en[key];
    if (value === undefined) return key;
    if (typeof value === 'object') {
      const n = Number(params?.n ?? 0);
      // An exact zero form where the language has one ("لا وثائق"), else its category.
      value = (n === 0 && value.zero) || value[plurals.select(n)] || value.other;
    }
    return value;
  }

  function t(key, params = {}) {
    return raw(key, params).replace(/\{(\w+)\}/g, (whole, name) => {
      if (!(name in params)) return whole;
      const value = params[name];
      return typeof value === 'number' ? numbers.format(value) : String(value);
    });
  }

  t.fill = function fill(element, key, params = {}) {
    const nodes = [];
    for (const piece of raw(key, params).split(/(\[\[[^\]]+\]\]|\{\w+\})/)) {
      if (!piece) continue;
      const kbd = piece.match(/^\[\[(.+)\]\]$/);
      const param = piece.match(/^\{(\w+)\}$/);
      if (kbd) {
        const key = element.ownerDocument.createElement('kbd');
        key.textContent = kbd[1];
        nodes.push(key);
      } else if (param && param[1] in params) {
        const value = params[param[1]];
        nodes.push(typeof value === 'object' ? value : typeof value === 'number' ? numbers.format(value) : String(value));
      } else {
        nodes.push(piece);
      }
    }
    element.replaceChildren(...nodes);
  };

  t.number = (n) => numbers.format(n);

  t.size = (bytes) => (bytes < 1024 * 1024
    ? t('size.kb', { n: Math.max(1, Math.round(bytes / 1024)) })
    : raw('size.mb').replace('{n}', new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)));

  // Creating an Intl.DateTimeFormat costs far more than using one: one per shape of date.
  const dateFormats = new Map();
  const dateFormat = (options) => {
    const key = JSON.stringify(options);
    if (!dateFormats.has(key)) dateFormats.set(key, new Intl.DateTimeFormat(locale, options));
    return dateFormats.get(key);
  };

  /** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' in words: "1951", "June 1951", "14 June 1951". */
  t.date = (date, { short = false } = {}) => {
    const [year, month, day] = String(date).split('-').map(Number);
    if (!year) return String(date);
    const when = new Date(Date.UTC(year, (month || 1) - 1, day || 1));
    when.setUTCFullYear(year); // years 0–99 are not 1900–1999
    const options = { timeZone: 'UTC', year: 'numeric' };
    if (month) options.month = short ? 'short' : 'long';
    if (month && day) options.day = 'numeric';
    return dateFormat(options).format(when);
  };

  // A language's name in the reader's language ("de-1996" → "German (1996)"), else its tag.
  let languageNames;
  t.language = (tag) => {
    try {
      languageNames ??= new Intl.DisplayNames(locale, { type: 'language' });
      return languageNames.of(tag) ?? tag;
    } catch {
      return tag;
    }
  };

  t.lang = Object.hasOwn(STRINGS, lang) ? lang : 'en';
  t.dir = RIGHT_TO_LEFT.includes(t.lang) ? 'rtl' : 'ltr';
  t.locale = locale;
  return t;
}

/**
 * Translates the elements under `root` that ask for it: `data-i18n="key"` replaces the
 * content, `data-i18n-attr="placeholder:key; aria-label:key"` sets attributes.
 */
function translateTree(root, t) {
  for (const element of root.querySelectorAll('[data-i18n]')) t.fill(element, element.dataset.i18n);
  for (const element of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of element.dataset.i18nAttr.split(';')) {
      const [attribute, key] = pair.split(':').map((s) => s.trim());
      if (attribute && key) element.setAttribute(attribute, t(key));
    }
  }
}

/**
 * A document as the module renders it (render.rs), its labels in the reader's language:
 * the field names it writes in English, the footnotes' heading, the date, written from
 * `date` (ISO, as in RenderedDocument.date), and its language, named. Other metadata names
 * stay as they are. Each block of text takes the direction of its own words (dir="auto").
 */
function translateDocument(root, t, date) {
  // The collection's words keep their own direction, whichever the interface's.
  for (const block of root.querySelectorAll('h1, h2, h3, p, li, dd, blockquote, td, th')) block.dir = 'auto';
  // The document's language by name, in the reader's language.
  for (const term of root.querySelectorAll('.carrel-metadata dt')) {
    const value = term.nextElementSibling;
    if (term.textContent !== 'Language' || !value || value.dataset.tag) continue;
    value.dataset.tag = value.textContent;
    value.textContent = t.language(value.dataset.tag);
  }
  if (t.lang === 'en') return; // the module writes English
  for (const term of root.querySelectorAll('.carrel-metadata dt')) {
    const english = term.textContent;
    if (!Object.hasOwn(STRINGS.en, `field.${english}`)) continue;
    term.textContent = t(`field.${english}`);
    if (english === 'Date' && date && term.nextElementSibling) term.nextElementSibling.textContent = t.date(date);
  }
  for (const notes of root.querySelectorAll('.carrel-footnotes')) {
    notes.setAttribute('aria-label', t('field.Notes'));
    const heading = notes.querySelector('h2, h3');
    if (heading) heading.textContent = t('field.Notes');
  }
}

export { LANGUAGES, STRINGS, loadTranslator, pickLanguage, translateDocument, translateTree, translator };
