import { translateDocument } from './i18n.js';
// What the search page (app.js) and the <carrel-search> element (carrel-search.js) show
// alike: a document with its citation and its matches to step through, a result's date
// and snippet, a notice, the download's progress; and the rules both keep (which links
// are safe, when keys are typing, how long an error message may be).
//
// Each finds its parts by id through a function it is given: the page looks in the
// document, the element in its shadow root.
//
// The offline single-file page runs this file as a classic script, its first line (the
// import) and its last line (the export) removed: so no other import, nothing exported
// but on that line, no import.meta. What it defines becomes global there, so its names
// must differ from those of the other inlined files (i18n.js, collection.js).

/** An error's message, cut short enough to show. */
function messageOf(error) {
  const message = error && typeof error.message === 'string' ? error.message : String(error);
  return message.length > 300 ? message.slice(0, 300) + '…' : message;
}

/** `url` when it is a web address, so that no javascript: or data: link is made; else null. */
function safeUrl(url) {
  if (typeof url !== 'string' || !url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Whether keys pressed at `target` are someone typing (single-letter shortcuts stay out). */
function isTyping(target) {
  return target instanceof HTMLElement && (target.isContentEditable || target.matches('input, textarea, select'));
}

/** A notice over the results: `kind` is notice-error, notice-suggestion, notice-partial… */
function noticeOf(kind, text) {
  const p = document.createElement('p');
  p.className = `notice ${kind}`;
  p.textContent = text;
  return p;
}

/**
 * The notices a search's results call for: "did you mean" (around `suggestion`, the link
 * or button that searches for it), partial matches, and nothing found (`emptyKey` says it).
 */
function resultNotices(results, query, t, { suggestion, emptyKey }) {
  const notices = [];
  if (results.suggestion && results.suggestion !== query) {
    const p = noticeOf('notice-suggestion', '');
    t.fill(p, 'notice.suggestion', { suggestion: suggestion(results.suggestion) });
    notices.push(p);
  }
  if (results.partial && results.total > 0) notices.push(noticeOf('notice-partial', t('notice.partial')));
  if (results.total === 0) notices.push(noticeOf('notice-empty', t(emptyKey)));
  return notices;
}

/** A hit's date and type, as the line under its title (empty when it has neither). */
function hitMeta(hit, t) {
  const meta = document.createElement('p');
  meta.className = 'result-meta';
  if (hit.date) {
    const time = document.createElement('time');
    time.dateTime = hit.date;
    time.textContent = t.date(hit.date);
    meta.append(time);
  }
  if (hit.type) {
    const type = document.createElement('span');
    type.className = 'result-type';
    type.textContent = hit.type;
    meta.append(type);
  }
  return meta;
}

/** A hit's snippet: safe HTML from the module, in the direction of its own words. */
function hitSnippet(hit) {
  const snippet = document.createElement('p');
  snippet.className = 'snippet';
  snippet.dir = 'auto';
  snippet.innerHTML = hit.snippet ?? ''; // safe HTML from the module
  if (hit.lang) snippet.lang = hit.lang; // fonts and screen readers follow the document
  return snippet;
}

/**
 * Shows the download's progress on `bar` and in `text`, in the words `${key}.progress`
 * (bytes of a known total) or `${key}.bytes`.
 */
function showProgress(bar, text, t, key, { loaded, total }) {
  if (total) {
    bar.max = total;
    bar.value = loaded;
    text.textContent = t(`${key}.progress`, { loaded: t.size(loaded), total: t.size(total) });
  } else {
    bar.removeAttribute('value');
    text.textContent = t(`${key}.bytes`, { loaded: t.size(loaded) });
  }
}

/**
 * Arrow keys between the search box and the results: down from the box to the first,
 * down and up through them, up from the first back to the box. Returns whether it moved.
 */
function moveThroughResults(event, input, results) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return false;
  const at = results.indexOf(event.target);
  if (event.target === input && event.key === 'ArrowDown' && results.length) {
    results[0].focus();
  } else if (at >= 0) {
    if (event.key === 'ArrowDown') results[Math.min(at + 1, results.length - 1)].focus();
    else if (at === 0) input.focus();
    else results[at - 1].focus();
  } else {
    return false;
  }
  event.preventDefault();
  return true;
}

/**
 * A document as `render()` answers it, shown in parts found by id through `$`: `content`,
 * `document-error`, `citation`, `copy-status`, and the match navigation (`match-nav`,
 * `match-status`, and the buttons `previous` and `next` name). `translate()` gives the
 * words of the moment (the element may change language while a document is open).
 */
class DocumentView {
  #$;
  #translate;
  #ids;
  #match = 0; // the match shown, 1-based; 0 before the first step
  #matches = 0;

  constructor($, translate, { content, previous, next }) {
    this.#$ = $;
    this.#translate = translate;
    this.#ids = { content, previous, next };
  }

  /** Where the document's HTML goes. */
  get content() {
    return this.#$(this.#ids.content);
  }

  /**
   * Fills the view from `rendered`: its safe HTML with the labels translated, a heading
   * if it has none, its matches ready to step through, its citation. Returns the
   * document's web address when it is safe to link to, else null.
   */
  show(rendered) {
    const $ = this.#$;
    const t = this.#translate();
    const content = this.content;
    $('document-error').hidden = true;
    content.innerHTML = rendered.html; // safe HTML from the module
    translateDocument(content, t, rendered.date);
    if (!content.querySelector('h1, h2')) {
      const heading = document.createElement('h2');
      heading.textContent = rendered.title;
      content.prepend(heading);
    }
    for (const mark of content.querySelectorAll('mark.carrel-match')) mark.tabIndex = -1;
    $('citation').textContent = rendered.citation ?? '';
    $('copy-status').textContent = '';
    this.#setMatches(Number(rendered.matches) || 0);
    return safeUrl(rendered.url);
  }

  /** Empties the view and says why the document could not be shown. */
  showError(error) {
    const $ = this.#$;
    this.content.replaceChildren();
    $('document-error').textContent = this.#translate()('document.failed', { message: messageOf(error) });
    $('document-error').hidden = false;
    $('citation').textContent = '';
    this.#setMatches(0);
  }

  /** Moves the focus to the document's heading, without scrolling. */
  focusHeading() {
    const heading = this.content.querySelector('h1, h2');
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }

  /** Steps to the next (`step` 1) or previous (-1) match, marks it current and brings it into view. */
  goToMatch(step) {
    if (!this.#matches) return;
    const $ = this.#$;
    const t = this.#translate();
    $(`match-${this.#match}`)?.classList.remove('current');
    // From no match yet, next is the first and previous the last; past either end, wrap.
    if (this.#match === 0) this.#match = step > 0 ? 1 : this.#matches;
    else this.#match = ((this.#match - 1 + step + this.#matches) % this.#matches) + 1;
    const word = document.createElement('span');
    word.className = 'visually-hidden-narrow';
    word.textContent = t('match') + ' ';
    $('match-status').replaceChildren(word, t('match.of', { i: this.#match, n: this.#matches }));
    const mark = $(`match-${this.#match}`);
    if (!mark) return;
    mark.classList.add('current');
    const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    mark.scrollIntoView({ block: 'center', behavior: reducedMotion ? 'auto' : 'smooth' });
    mark.focus({ preventScroll: true });
  }

  /** Copies `text` (the citation, a link) and says so, in the words `doneKey` names. */
  async copy(text, doneKey) {
    const t = this.#translate();
    try {
      await navigator.clipboard.writeText(text);
      this.#$('copy-status').textContent = t(doneKey);
    } catch {
      this.#$('copy-status').textContent = t('cite.copy-failed');
    }
  }

  #setMatches(count) {
    const $ = this.#$;
    this.#matches = count;
    this.#match = 0;
    $('match-nav').hidden = count === 0;
    $('match-status').textContent = count ? this.#translate()('matches', { n: count }) : '';
    $(this.#ids.previous).disabled = count === 0;
    $(this.#ids.next).disabled = count === 0;
  }
}

export { DocumentView, hitMeta, hitSnippet, isTyping, messageOf, moveThroughResults, noticeOf, resultNotices, safeUrl, showProgress };
