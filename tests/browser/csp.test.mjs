// The page under a strict Content-Security-Policy, and the static rules that keep it so.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  foundIds, openPage, recordViolations, results, search, setUp, violations, watch, widgetSearch, DESKTOP, loaded, SEEDS_FOUND,
} from './harness.mjs';
import { STRICT_CSP } from './serve.mjs';

let env;
before(async () => { env = await setUp({ headers: { 'Content-Security-Policy': STRICT_CSP } }); });
after(async () => { await env?.close(); });

test('searching, filtering and reading raise no CSP violation', async () => {
  const context = await env.browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  const problems = watch(page);
  await recordViolations(page);
  const response = await page.goto(env.url);
  assert.equal(response.headers()['content-security-policy'], STRICT_CSP);
  await loaded(page);
  assert.ok(await page.locator('#fatal').isHidden(), 'the collection opened under the policy');
  await search(page, 'armistice');
  assert.deepEqual(foundIds(await results(page)), SEEDS_FOUND.armistice);
  // The timeline and the facets work under the policy too.
  await page.locator('#timeline [data-period]').first().click();
  await page.locator('#facets input[type=checkbox]').first().check();
  await page.locator('#result-list a[data-id]').first().click();
  await page.locator('#document-view').waitFor({ state: 'visible' });
  await page.keyboard.press('n');
  await search(page, '<script>alert(1)</script>', { type: false });
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(problems.filter((p) => /Content Security Policy|Refused/.test(p)), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the example pages and <carrel-search> raise no CSP violation either', async () => {
  for (const name of ['museum', 'course']) {
    const context = await env.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const problems = watch(page);
    await recordViolations(page);
    await page.goto(`${env.url}examples/${name}.html`);
    await widgetSearch(page, 'armistice');
    await page.locator('carrel-search button[data-id]').first().click();
    await page.locator('carrel-search #document').waitFor({ state: 'visible' });
    await page.keyboard.press('n');
    const styled = await page.locator('carrel-search').evaluate((host) => getComputedStyle(host.shadowRoot.getElementById('q')).borderTopWidth);
    assert.equal(styled, '2px', 'the element is styled under the policy');
    assert.deepEqual(await violations(page), [], name);
    assert.deepEqual(problems, [], name);
    await context.close();
  }
});

test('index.html and app.js keep the rules the offline builder and the policy rely on', () => {
  const www = join(env.site.dir);
  const html = readFileSync(join(www, 'index.html'), 'utf8');
  const lines = html.split('\n').map((l) => l.trim());
  assert.equal(lines.filter((l) => l === '<link rel="stylesheet" href="style.css">').length, 1);
  assert.equal(lines.filter((l) => l === '<script type="module" src="app.js"></script>').length, 1);
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)(?![^>]*application\/octet-stream)[^>]*>/i, 'no inline script');
  assert.doesNotMatch(html, /\sstyle\s*=/i, 'no style attribute');
  assert.doesNotMatch(html, /<style/i, 'no style element');
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no event handler attribute');

  // The offline builder drops app.js's import lines, i18n.js's export line and views.js's
  // import and export lines, and runs what is left as classic scripts.
  const app = readFileSync(join(www, 'app.js'), 'utf8');
  const [first, second, third, ...rest] = app.split('\n');
  assert.equal(first, "import { openCollection } from './carrel.js';");
  assert.match(second, /^import \{ [\w, ]+ \} from '\.\/i18n\.js';$/);
  assert.match(third, /^import \{ [\w, ]+ \} from '\.\/views\.js';$/);
  const body = rest.join('\n');
  assert.doesNotMatch(body, /^\s*(import|export)\b/m, 'no other import, no export');
  const code = body.split('\n').filter((line) => !/^\s*\/\//.test(line)).join('\n');
  assert.doesNotMatch(code, /import\.meta|\beval\(|new Function/);
  const i18n = readFileSync(join(www, 'i18n.js'), 'utf8').trimEnd().split('\n');
  assert.match(i18n.at(-1), /^export \{ [\w, ]+ \};$/, 'i18n.js exports on its last line only');
  const i18nBody = i18n.slice(0, -1).join('\n');
  assert.doesNotMatch(i18nBody, /^\s*(import|export)\b/m);
  assert.doesNotMatch(i18nBody.split('\n').filter((line) => !/^\s*\/\//.test(line)).join('\n'), /import\.meta|\beval\(|new Function/);
  const views = readFileSync(join(www, 'views.js'), 'utf8').trimEnd().split('\n');
  assert.match(views[0], /^import \{ [\w, ]+ \} from '\.\/i18n\.js';$/, 'views.js imports on its first line only');
  assert.match(views.at(-1), /^export \{ [\w, ]+ \};$/, 'views.js exports on its last line only');
  const viewsBody = views.slice(1, -1).join('\n');
  assert.doesNotMatch(viewsBody, /^\s*(import|export)\b/m);
  assert.doesNotMatch(viewsBody.split('\n').filter((line) => !/^\s*\/\//.test(line)).join('\n'), /import\.meta|\beval\(|new Function/);
  // Each other language's words: one `export default {` line, which the offline builder
  // turns into `STRINGS.<code> = {`, and no other import or export.
  const languages = readdirSync(join(www, 'i18n')).filter((file) => file.endsWith('.js')).sort();
  assert.deepEqual(languages, ['ar.js', 'de.js', 'es.js', 'fr.js', 'ja.js', 'ru.js', 'zh.js']);
  const tables = languages.map((file) => {
    const text = readFileSync(join(www, 'i18n', file), 'utf8');
    assert.equal(text.split('\n').filter((line) => line.startsWith('export default {')).length, 1, `${file}: one export default`);
    const table = text.replace('export default {', `STRINGS.${file.slice(0, -3)} = {`);
    assert.doesNotMatch(table, /^\s*(import|export)\b/m, `${file}: no other import or export`);
    return table;
  });
  // The offline builder inlines these files into <script> and <style> elements.
  for (const file of ['app.js', 'i18n.js', 'views.js', 'offline-loader.js', 'style.css', ...languages.map((l) => `i18n/${l}`)]) {
    assert.doesNotMatch(readFileSync(join(www, file), 'utf8'), /<\/script|<\/style|<!--/i, `${file} is safe to inline`);
  }
  // As the offline page runs them: classic scripts (no top-level await), i18n.js, the
  // languages and views.js side by side without a name declared twice.
  assert.doesNotThrow(() => new Function(`${i18nBody}\n${tables.join('\n')}\n${viewsBody}`));
  assert.doesNotThrow(() => new Function(body));
});
