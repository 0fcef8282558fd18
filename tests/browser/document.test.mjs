// Reading a document: highlights, moving between matches, citing, and the URL as state.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { foundIds, loaded, openPage, results, resultsFor, screenshot, search, setUp, statusCount, SEEDS_FOUND } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.close(); });

const hashParams = (page) => new URLSearchParams(new URL(page.url()).hash.slice(1));
const currentMatch = (page) => page.evaluate(() => {
  const current = document.querySelectorAll('#document-content mark.carrel-match.current');
  return { count: current.length, n: current[0]?.dataset.match, focused: document.activeElement?.dataset.match };
});

async function openFirstResult(page, query) {
  await search(page, query);
  const [first] = await results(page);
  await page.locator('#result-list a[data-id]').first().click();
  await page.locator('#document-view').waitFor({ state: 'visible' });
  return first;
}

test('a result opens its document with numbered highlights and next/previous match', async () => {
  const { page, context, problems } = await openPage(env);
  const first = await openFirstResult(page, 'armistice');
  assert.equal(hashParams(page).get('doc'), first.id);
  assert.equal(hashParams(page).get('q'), 'armistice');
  assert.ok(!(await page.locator('#search-view').isVisible()), 'the document replaces the results');
  const marks = page.locator('#document-content mark.carrel-match');
  const n = await marks.count();
  assert.ok(n >= 1, 'the opened document highlights the query');
  for (let i = 1; i <= n; i++) {
    assert.equal(await page.locator(`#match-${i}`).getAttribute('data-match'), String(i));
  }
  assert.match((await marks.first().textContent()).toLowerCase(), /armisti/);
  assert.match(await page.locator('#match-status').textContent(), new RegExp(`${n} match`));
  assert.equal(await page.locator('#document-label').textContent(), first.title, 'the region is named by the title');

  await page.locator('#next-match').click();
  assert.deepEqual(await currentMatch(page), { count: 1, n: '1', focused: '1' });
  assert.match(await page.locator('#match-status').textContent(), new RegExp(`1 of ${n}`));
  await page.keyboard.press('n');
  assert.equal((await currentMatch(page)).n, String(n >= 2 ? 2 : 1));
  await page.keyboard.press('p');
  assert.equal((await currentMatch(page)).n, '1');
  await page.locator('#prev-match').click();
  assert.equal((await currentMatch(page)).n, String(n), 'previous from the first match wraps to the last');
  assert.ok(await page.locator(`#match-${n}`).isVisible());
  const inView = await page.locator(`#match-${n}`).evaluate((mark) => {
    const box = mark.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= innerHeight;
  });
  assert.ok(inView, 'the current match is scrolled into view');

  assert.match(await page.locator('#citation').textContent(), /\S{3,}/, 'a citation is shown');
  const permalink = await page.locator('#permalink').getAttribute('href');
  assert.equal(new URLSearchParams(new URL(permalink).hash.slice(1)).get('doc'), first.id);
  await page.locator('#copy-citation').click();
  await page.waitForFunction(() => document.getElementById('copy-status').textContent.length > 0);
  await page.keyboard.press('n');
  await screenshot(page, 'desktop-document');
  assert.deepEqual(problems, []);
  await context.close();
});

test('reload and the back and forward buttons restore what was shown', async () => {
  const { page, context, problems } = await openPage(env);
  const first = await openFirstResult(page, 'armistice');
  const marks = await page.locator('#document-content mark.carrel-match').count();

  await page.reload();
  await loaded(page);
  await page.locator('#document-view').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#document-label').textContent(), first.title);
  assert.equal(await page.locator('#document-content mark.carrel-match').count(), marks, 'highlights survive a reload');

  await page.goBack();
  await page.locator('#search-view').waitFor({ state: 'visible' });
  await resultsFor(page, 'armistice');
  assert.equal(await page.locator('#q').inputValue(), 'armistice');
  assert.equal((await results(page))[0].id, first.id);

  await page.goForward();
  await page.locator('#document-view').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#document-label').textContent(), first.title);

  // Typing a new query leaves the document; back returns to it.
  await page.locator('#q').fill('Vishinsky');
  await resultsFor(page, 'Vishinsky');
  assert.ok(await page.locator('#search-view').isVisible());
  await page.goBack();
  await page.locator('#document-view').waitFor({ state: 'visible' });
  assert.equal(hashParams(page).get('q'), 'armistice');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a link carries the query, filters and sort', async () => {
  const { page, context, problems } = await openPage(env, { hash: 'q=armistice&type=Telegram&sort=date-asc' });
  await resultsFor(page, 'armistice');
  assert.equal(await page.locator('#q').inputValue(), 'armistice');
  assert.equal(await page.locator('#sort').inputValue(), 'date-asc');
  const box = page.locator('#facets input[data-facet="type"][data-value="Telegram"]');
  assert.ok(await box.isChecked());
  const listed = await results(page);
  assert.deepEqual(foundIds(listed), SEEDS_FOUND['armistice type:Telegram']);
  for (const hit of listed) assert.equal(hit.type, 'Telegram');
  const dates = listed.map((r) => r.date).filter(Boolean);
  assert.deepEqual(dates, [...dates].sort());
  assert.deepEqual(problems, []);
  await context.close();
});

test('a permalink opens the document directly, and closing it shows the collection', async () => {
  const probe = await openPage(env);
  await search(probe.page, 'Vishinsky');
  const [target] = await results(probe.page);
  await probe.context.close();

  const { page, context, problems } = await openPage(env, { hash: `doc=${encodeURIComponent(target.id)}` });
  await page.locator('#document-view').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#document-label').textContent(), target.title);
  assert.equal(await page.locator('#document-content mark.carrel-match').count(), 0, 'no query, no highlights');
  assert.ok(!(await page.locator('#match-nav').isVisible()), 'no match buttons without matches');
  await page.locator('#close-document').click();
  await page.locator('#search-view').waitFor({ state: 'visible' });
  await resultsFor(page, '');
  assert.equal(await statusCount(page), SEEDS_FOUND[''].length);
  assert.equal(hashParams(page).get('doc'), null);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an unknown document is a polite message, not an error', async () => {
  const { page, context, problems } = await openPage(env, { hash: 'doc=no-such-document%3Cb%3E' });
  await page.locator('#document-error').waitFor({ state: 'visible' });
  assert.match(await page.locator('#document-error').textContent(), /could not be shown/);
  assert.equal(await page.locator('#document-content b').count(), 0);
  await page.keyboard.press('Escape');
  await page.locator('#search-view').waitFor({ state: 'visible' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('printing shows the document and its citation, without the controls', async () => {
  const { page, context, problems } = await openPage(env);
  await openFirstResult(page, 'armistice');
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['.masthead', '.doc-toolbar', '.colophon', '.cite-actions']) {
    assert.equal(await page.locator(hidden).isVisible(), false, `${hidden} is not printed`);
  }
  for (const shown of ['#document-content', '#citation', '#permalink']) {
    assert.equal(await page.locator(shown).isVisible(), true, `${shown} is printed`);
  }
  await screenshot(page, 'print-document');
  assert.deepEqual(problems, []);
  await context.close();
});
