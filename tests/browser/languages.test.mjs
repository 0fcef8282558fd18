// A collection in hundreds of languages in Chromium: the UDHR declarations
// (../shared/corpora/udhr) built into a site with CARREL_BIN, served under the strict CSP.
// A reader of each language finds the declaration with another form of a word, words of
// unspaced scripts inside the text, Arabic snippets isolated from the page around them, a
// language facet named in the reader's language, and a document view that says its language.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { launch, loaded, recordViolations, results, resultsFor, screenshot, search, violations, watch, DESKTOP } from './harness.mjs';
import { serve, STRICT_CSP } from './serve.mjs';
import { required } from '../required.mjs';

const udhr = resolve(import.meta.dirname, '../../../shared/corpora/udhr');
let env;

before(async () => {
  const bin = required('CARREL_BIN', 'the native carrel tool');
  assert.ok(existsSync(udhr), `the UDHR corpus is missing: ${udhr}`);
  const dir = mkdtempSync(join(tmpdir(), 'carrel-udhr-site-'));
  execFileSync(bin, ['build', udhr, '--name', 'UDHR', '--out', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  const server = await serve(dir, { headers: { 'Content-Security-Policy': STRICT_CSP } });
  const browser = await launch();
  env = {
    url: server.url, browser,
    async close() { await browser.close(); await server.close(); rmSync(dir, { recursive: true, force: true }); },
  };
});
after(async () => { await env?.close(); });

async function openPage(path = '') {
  const context = await env.browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  const problems = watch(page);
  await recordViolations(page);
  await page.goto(env.url + path);
  await loaded(page);
  return { context, page, problems };
}

test('another form of a word finds the declaration in its language', async () => {
  const { context, page, problems } = await openPage();
  for (const [query, expected] of [
    ['człowiekiem', ['pol']], // Polish instrumental; the text has człowiek, człowieka
    ['Gesetzes', ['deu_1901', 'deu_1996']], // German genitive; the text has Gesetz, Gesetze
    ['människa', ['swe']], // Swedish; the text has människan, människor
    ['الحريات', ['arb']], // Arabic plural; the text has الحرية
  ]) {
    await search(page, query);
    const ids = (await results(page)).map((hit) => hit.id).sort();
    assert.deepEqual(ids, expected, query);
  }
  await search(page, 'свободой'); // Russian instrumental; the text has свободу, свободе
  const [first] = await results(page);
  assert.equal(first.id, 'rus');
  assert.equal(await page.locator('#result-list .result-title').first().getAttribute('lang'), 'ru');
  assert.deepEqual(problems, []);
  assert.deepEqual(await violations(page), []);
  await context.close();
});

test('words of scripts without spaces are found and marked inside the text', async () => {
  const { context, page, problems } = await openPage();
  await search(page, 'สิทธิ'); // Thai: right
  const thai = await results(page);
  assert.deepEqual(thai.map((hit) => hit.id).sort(), ['tha', 'tha2']);
  assert.match(thai[0].snippetHtml, /<mark>สิทธิ<\/mark>/);
  await search(page, '権利'); // Japanese: rights
  assert.deepEqual((await results(page)).map((hit) => hit.id).sort(), ['jpn', 'jpn_osaka', 'jpn_tokyo']);
  await search(page, '사람'); // Korean: person, written only as 사람은, 사람과…
  const korean = await results(page);
  assert.ok(korean.some((hit) => hit.id === 'kor'));
  assert.match(korean.find((hit) => hit.id === 'kor').snippetHtml, /<mark>사람<\/mark>/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an Arabic snippet is isolated and the page keeps its direction', async () => {
  const { context, page, problems } = await openPage();
  await search(page, 'الحريات');
  const [arabic] = await results(page);
  assert.match(arabic.snippetHtml, /^<bdi>.*<mark>.*<\/bdi>$/s);
  assert.equal(await page.locator('#result-list .snippet').first().getAttribute('lang'), 'ar');
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).direction), 'ltr');
  await screenshot(page, 'languages-arabic-result');
  await page.locator('#result-list a[data-id]').first().click();
  const article = page.locator('#document-content article.carrel-document');
  await article.waitFor();
  assert.equal(await article.getAttribute('lang'), 'ar');
  assert.equal(await article.getAttribute('dir'), 'rtl');
  const language = page.locator('#document-content .carrel-metadata dd[data-tag]');
  assert.equal(await language.getAttribute('data-tag'), 'ar');
  assert.equal(await language.textContent(), 'Arabic', 'the language is named');
  assert.ok(await page.locator('#document-content mark.carrel-match').count() >= 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the language facet counts and filters, named in the reader\'s language', async () => {
  const { context, page, problems } = await openPage('?lang=de#q=Recht');
  await resultsFor(page, 'Recht');
  const group = page.locator('#facets fieldset', { has: page.locator('legend', { hasText: 'Sprache' }) });
  assert.equal(await group.count(), 1, 'the facet is labelled in German');
  const german = group.locator('label', { has: page.locator('input[data-value="de"]') });
  assert.equal(await german.locator('.facet-value').textContent(), 'Deutsch');
  assert.equal(await german.locator('.facet-count').textContent(), '2');
  await german.locator('input').check();
  await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get('lang') === 'de');
  await resultsFor(page, 'Recht');
  assert.deepEqual((await results(page)).map((hit) => hit.id).sort(), ['deu_1901', 'deu_1996']);
  await screenshot(page, 'languages-facet-de');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the query syntax keeps a language, and the interface speaks eight', async () => {
  const { context, page, problems } = await openPage();
  await search(page, 'lang:zh 权利');
  const ids = (await results(page)).map((hit) => hit.id);
  assert.equal(ids.length, 6, `six simplified Chinese versions: ${ids}`);
  assert.ok(ids.every((id) => id.startsWith('cmn_hans')));
  await context.close();
  for (const [lang, label] of [['es', 'Buscar'], ['ru', 'Найти'], ['zh', '检索'], ['ja', '検索'], ['ar', 'بحث']]) {
    const { context: other, page: translated } = await openPage(`?lang=${lang}`);
    assert.equal((await translated.locator('[data-i18n="search.button"]').textContent()).trim(), label, lang);
    await other.close();
  }
  assert.deepEqual(problems, []);
});
