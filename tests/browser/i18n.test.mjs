// The languages of the interface: English in www/i18n.js, each other language in
// www/i18n/<code>.js, fetched only when spoken, for the page and the element; chosen by
// ?lang=, <html lang> or the element's lang; Arabic laid out right to left.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  DESKTOP, loaded, openExample, openPage, resultsFor, screenshot, setUp, watch, widgetSearch,
} from './harness.mjs';

let env;
let i18n;
before(async () => {
  env = await setUp();
  i18n = await import(pathToFileURL(join(env.site.dir, 'i18n.js')).href);
  // Every language's table, fetched as a page fetches it (i18n/<code>.js beside i18n.js).
  for (const lang of i18n.LANGUAGES) assert.equal((await i18n.loadTranslator(lang)).lang, lang, `${lang} loads`);
});
after(async () => { await env?.close(); });

/**
 * The {placeholders} of a string. A count may be said with {n} or {documents}, and a plural
 * form may leave it unsaid ("وثيقتان"): so for a plural string neither is compared.
 */
const placeholders = (value, plural) => new Set(
  (typeof value === 'string' ? [value] : Object.values(value)).flatMap((text) => text.match(/\{\w+\}/g) ?? [])
    .filter((p) => !plural || (p !== '{n}' && p !== '{documents}')),
);
const keys = (value) => (typeof value === 'string' ? [value] : Object.values(value)).join(' ').match(/\[\[[^\]]+\]\]/g)?.length ?? 0;

test('every language has every string, with the same placeholders and keys', () => {
  const { STRINGS } = i18n;
  for (const lang of ['en', 'fr', 'de', 'es', 'ru', 'zh', 'ja', 'ar']) assert.ok(Object.hasOwn(STRINGS, lang), lang);
  for (const [lang, table] of Object.entries(STRINGS)) {
    for (const [key, english] of Object.entries(STRINGS.en)) {
      assert.ok(Object.hasOwn(table, key), `${lang} lacks ${key}`);
      const plural = typeof english === 'object';
      assert.deepEqual(placeholders(table[key], plural), placeholders(english, plural), `${lang} ${key}: placeholders`);
      assert.equal(keys(table[key]), keys(english), `${lang} ${key}: keyboard keys`);
    }
    for (const key of Object.keys(table)) assert.ok(Object.hasOwn(STRINGS.en, key), `${lang} has ${key}, which English lacks`);
  }
});

test('an English page fetches no other language’s words; a French page fetches French’s alone', async () => {
  for (const [search, expected] of [['', []], ['?lang=fr', ['i18n/fr.js']], ['?lang=fr-CA', ['i18n/fr.js']], ['?lang=pt', []]]) {
    const context = await env.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const problems = watch(page);
    const fetched = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname.slice(1);
      if (path.startsWith('i18n/')) fetched.push(path);
    });
    await page.goto(`${env.url}${search}#q=armistice`);
    await loaded(page);
    await resultsFor(page, 'armistice');
    assert.deepEqual(fetched, expected, search || 'no ?lang=');
    assert.equal(await page.getAttribute('html', 'lang'), expected.length ? 'fr' : 'en', search);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('a language whose words cannot be fetched leaves the page in English, and says why in the console', async () => {
  const context = await env.browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  const warnings = [];
  page.on('console', (message) => { if (message.type() === 'warning') warnings.push(message.text()); });
  await page.route('**/i18n/de.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(`${env.url}?lang=de#q=armistice`);
  await loaded(page);
  await resultsFor(page, 'armistice');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.locator('#search-button').textContent(), 'Search');
  assert.equal(warnings.filter((w) => w.includes("the interface's de words could not be loaded")).length, 1, warnings.join('\n'));
  await context.close();
});

test('the languages are chosen by their primary subtag, English when Carrel lacks one', () => {
  const { pickLanguage, translator } = i18n;
  assert.equal(pickLanguage('fr-CA'), 'fr');
  assert.equal(pickLanguage('', null, 'AR'), 'ar');
  assert.equal(pickLanguage('pt', 'fr'), 'fr');
  assert.equal(pickLanguage('pt'), 'en');
  assert.equal(pickLanguage('de-CH'), 'de');
  const fr = translator('fr');
  assert.equal(fr('documents', { n: 1 }), '1 document');
  assert.equal(fr('status.found', { n: 2, q: 'x' }), '2 documents trouvés pour « x ».');
  assert.equal(fr.date('1951-06-14'), '14 juin 1951');
  const ar = translator('ar');
  assert.equal(ar.dir, 'rtl');
  assert.equal(ar('documents', { n: 2 }), 'وثيقتان');
  assert.equal(translator('en').date('1951-06'), 'June 1951');
});

test('every marked element of the page is in the table, and its English text is the table’s', async () => {
  const { STRINGS } = i18n;
  const context = await env.browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(env.url);
  const marked = await page.evaluate(() => [...document.querySelectorAll('[data-i18n], [data-i18n-attr]')].map((el) => ({
    key: el.dataset.i18n ?? null,
    text: el.textContent.replace(/\s+/g, ' ').trim(),
    attributes: (el.dataset.i18nAttr ?? '').split(';').filter(Boolean).map((pair) => {
      const [attribute, key] = pair.split(':').map((s) => s.trim());
      return { attribute, key, value: el.getAttribute(attribute) };
    }),
  })));
  assert.ok(marked.length >= 30, `${marked.length} marked elements`);
  for (const { key, text, attributes } of marked) {
    if (key) assert.equal(text, STRINGS.en[key]?.replace(/\[\[([^\]]+)\]\]/g, '$1'), `data-i18n="${key}"`);
    for (const { attribute, key: attributeKey, value } of attributes) {
      assert.equal(value, STRINGS.en[attributeKey], `${attribute} from ${attributeKey}`);
    }
  }
  await context.close();
});

test('?lang=fr: the page, its results and its document view speak French', async () => {
  // Opened once, with its language and query: a second navigation would abort the first
  // page's requests (its icon, its language file) and report them as failed.
  const { page, context, problems } = await openPage(env, { search: '?lang=fr', hash: 'q=armistice' });
  await resultsFor(page, 'armistice');
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.equal(await page.locator('label[for="q"]').textContent(), 'Rechercher dans les documents');
  assert.equal(await page.locator('#search-button').textContent(), 'Rechercher');
  assert.match(await page.locator('#status').textContent(), /^\d+ documents trouvés pour « armistice »\.$/);
  assert.match(await page.locator('#collection-summary').textContent(), /^Cherchez dans le texte intégral de \d+ documents\.$/);
  assert.equal(await page.locator('#sort option[value=""]').textContent(), 'Pertinence');
  assert.match(await page.locator('.colophon').textContent(), /La recherche se fait dans votre navigateur/);
  assert.equal(await page.locator('.colophon kbd').count(), i18n.STRINGS.fr['footer.keys'].match(/\[\[/g).length, 'the keys are still shown as keys');
  assert.match((await page.locator('#result-list time').allTextContents()).join(' '), /(janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) 19\d\d/);
  await screenshot(page, 'fr-results');
  await page.locator('#result-list a[data-id]').first().click();
  await page.locator('#document-view').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#close-document .label-wide').textContent(), 'Retour aux résultats');
  assert.equal(await page.locator('#next-match').getAttribute('aria-label'), 'Occurrence suivante');
  assert.match(await page.locator('#match-status').textContent(), /^\d+ occurrences?$/);
  assert.equal(await page.locator('#cite-heading').textContent(), 'Citer ce document');
  const terms = await page.locator('#document-content dt').allTextContents();
  assert.ok(terms.includes('Date') && terms.includes('De'), `the document's field names are French: ${terms}`);
  assert.match(await page.title(), /—/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('<html lang="fr"> chooses French without ?lang=', async () => {
  const context = await env.browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  const problems = watch(page);
  const html = readFileSync(join(env.site.dir, 'index.html'), 'utf8').replace('<html lang="en">', '<html lang="fr">');
  await page.route(`${env.url}`, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
  await page.goto(env.url);
  await loaded(page);
  await resultsFor(page, '');
  assert.match(await page.locator('#status').textContent(), /^Vous parcourez \d+ documents\.$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('?lang=ar: the page is laid out right to left, the collection’s English left to right', async () => {
  // Opened once, with its language and query: a second navigation would abort the first
  // page's requests (its icon, its language file) and report them as failed.
  const { page, context, problems } = await openPage(env, { search: '?lang=ar', hash: 'q=armistice' });
  await resultsFor(page, 'armistice');
  const layout = await page.evaluate(() => {
    const box = (selector) => document.querySelector(selector).getBoundingClientRect();
    return {
      dir: document.documentElement.dir,
      direction: getComputedStyle(document.body).direction,
      input: box('#q'), button: box('#search-button'), refine: box('#refine'), results: box('#results'),
      title: getComputedStyle(document.querySelector('.result-title')).direction,
      label: document.querySelector('label[for="q"]').textContent,
    };
  });
  assert.equal(layout.dir, 'rtl');
  assert.equal(layout.direction, 'rtl', 'computed direction');
  assert.equal(layout.label, 'ابحث في الوثائق');
  assert.ok(layout.button.right <= layout.input.left, 'the search button is to the left of the box');
  assert.ok(layout.refine.left >= layout.results.right, 'the filters are on the right of the results');
  assert.equal(layout.title, 'ltr', 'an English title keeps its direction');
  await screenshot(page, 'rtl-results');
  await page.locator('#result-list a[data-id]').first().click();
  await page.locator('#document-view').waitFor({ state: 'visible' });
  const toolbar = await page.evaluate(() => ({
    back: document.getElementById('close-document').getBoundingClientRect(),
    print: document.getElementById('print').getBoundingClientRect(),
  }));
  assert.ok(toolbar.back.left > toolbar.print.right, 'Back starts the toolbar on the right, Print ends it on the left');
  await screenshot(page, 'rtl-document');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the element speaks its lang attribute, else ?lang=, else the page’s language', async () => {
  const { page, context, problems } = await openExample(env, 'course');
  await page.locator('carrel-search').evaluate((el) => el.setAttribute('lang', 'fr'));
  await widgetSearch(page, 'armistice');
  const label = page.locator('carrel-search #label');
  assert.equal(await label.textContent(), 'Search the course documents', 'a label the page gave is kept');
  await page.locator('carrel-search').evaluate((el) => el.removeAttribute('label'));
  assert.equal(await label.textContent(), 'Rechercher dans la collection');
  assert.match(await page.locator('carrel-search #status').textContent(), /^\d+ documents trouvés pour « armistice »\.$/);
  assert.equal(await page.locator('carrel-search #go').textContent(), 'Rechercher');
  await context.close();
  assert.deepEqual(problems, []);

  const fromUrl = await openExample(env, 'museum', { search: '?lang=ar' });
  await widgetSearch(fromUrl.page, 'armistice');
  const layout = await fromUrl.page.locator('carrel-search').evaluate((host) => {
    const root = host.shadowRoot;
    const box = (id) => root.getElementById(id).getBoundingClientRect();
    return {
      direction: getComputedStyle(root.querySelector('.carrel')).direction,
      lang: root.querySelector('.carrel').lang,
      input: box('q'), button: box('go'),
      status: root.getElementById('status').textContent,
    };
  });
  assert.equal(layout.direction, 'rtl');
  assert.equal(layout.lang, 'ar');
  assert.ok(layout.button.right <= layout.input.left, 'the search button is to the left of the box');
  assert.match(layout.status, /armistice/);
  await screenshot(fromUrl.page, 'rtl-component');
  await fromUrl.page.locator('carrel-search button[data-id]').first().click();
  await fromUrl.page.locator('carrel-search #document').waitFor({ state: 'visible' });
  assert.equal(await fromUrl.page.locator('carrel-search #cite-heading').textContent(), 'استشهد بهذه الوثيقة');
  await screenshot(fromUrl.page, 'rtl-component-document');
  assert.deepEqual(fromUrl.problems, []);
  await fromUrl.context.close();

  const context2 = await env.browser.newContext({ viewport: DESKTOP });
  const page2 = await context2.newPage();
  const problems2 = watch(page2);
  await page2.route('**/examples/museum.html', async (route) => {
    const response = await route.fetch();
    route.fulfill({ response, body: (await response.text()).replace('<html lang="en">', '<html lang="fr">') });
  });
  await page2.goto(`${env.url}examples/museum.html`);
  await page2.waitForFunction(() => customElements.get('carrel-search'));
  assert.equal(await page2.locator('carrel-search #go').textContent(), 'Rechercher', 'the page’s <html lang>');
  assert.deepEqual(problems2, []);
  await context2.close();
});
