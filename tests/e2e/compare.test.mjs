// Compare mode: the six ways, each a real run, side by side. What each way
// gives must be what a single run of that way gives; a link opens straight
// into it; it works from the keyboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useSite, openPlayground, runAndWait, readResult, withPage, waitFor, loadPreset,
  chooseCombinator, problemsExcept, screenshot, msIn, LATE_MS, openPage,
} from './support.mjs';

const site = useSite();
const WAYS = ['all', 'allSettled', 'race', 'any', 'sequential', 'parallel-await'];
const squash = (text) => text.replace(/\s+/g, ' ').trim();

async function openCompare(page) {
  await page.click('#compare-open');
  await waitFor(page, '#compare[data-finished="6"]', 'all six runs to finish', { timeout: 15_000 });
}

async function compareRows(page) {
  return page.$$eval('#compare-table tbody tr', (rows) =>
    rows.map((tr) => ({
      way: tr.dataset.way,
      result: tr.dataset.result,
      value: tr.querySelector('td.value')?.textContent ?? '',
      at: tr.querySelector('td.at')?.textContent ?? '',
      unhandled: tr.querySelector('td.unhandled')?.textContent ?? '',
    })),
  );
}

for (const preset of ['fail-fast', 'mirrors']) {
  test(`compare mode gives, for ${preset}, what six single runs give`, async () => {
    const { page, context, problems } = await openPlayground(site);
    await withPage(page, async () => {
      await loadPreset(page, preset);
      const single = {};
      for (const way of WAYS) {
        await chooseCombinator(page, way);
        await runAndWait(page);
        const r = await readResult(page);
        single[way] = { result: r.data, value: squash(r.value ?? ''), at: msIn(r.status) };
      }
      await openCompare(page);
      const rows = await compareRows(page);
      assert.deepEqual(rows.map((r) => r.way), WAYS, 'one row per way, in order');
      for (const row of rows) {
        const one = single[row.way];
        assert.equal(row.result, one.result, `${row.way}: outcome`);
        assert.equal(squash(row.value), one.value, `${row.way}: value or reason`);
        const at = Number.parseInt(row.at, 10);
        assert.ok(Math.abs(at - one.at) <= LATE_MS, `${row.way}: settled at ${at} ms here, ${one.at} ms alone`);
      }
      const unhandled = Object.fromEntries(rows.map((r) => [r.way, r.unhandled]));
      if (preset === 'fail-fast') {
        assert.equal(unhandled['parallel-await'], 'posts', 'awaiting user first leaves posts\'s rejection unhandled');
        assert.equal(unhandled.all, 'none', JSON.stringify(unhandled));
        // Rust's try_join_all fails at the same error, and drops the two
        // others, which all lets run on.
        await waitFor(page, '#compare-rust-table tr[data-rust="select_all"][data-dropped]', 'the Rust runs');
        const rust = await page.$$eval('#compare-rust-table tbody tr', (rows) =>
          rows.map((tr) => [tr.dataset.rust, tr.dataset.dropped, tr.querySelector('td.value')?.textContent]));
        assert.deepEqual(rust.map((r) => r[0]), ['join_all', 'try_join_all', 'select_ok', 'select_all']);
        const tryJoin = rust.find((r) => r[0] === 'try_join_all');
        assert.deepEqual(tryJoin.slice(1), ['2', 'Err(Error: 500 Internal Server Error)'], JSON.stringify(rust));
        assert.equal(await page.textContent('#compare-rust-table tr[data-rust="try_join_all"] td.dropped'), 'user (task 1), prefs (task 3)');
      }
      // The chart: one group per way, each with a lane per task, and the
      // tasks a way ignored marked so.
      assert.equal(await page.locator('#compare-chart g.compare-group').count(), 6);
      assert.equal(await page.locator('#compare-chart g.compare-group[data-way="race"] g.compare-lane').count(), 3);
      const ignoredInRace = await page.$$eval(
        '#compare-chart g.compare-group[data-way="race"] g.compare-lane[data-ignored="true"]',
        (lanes) => lanes.map((l) => Number(l.dataset.task)),
      );
      assert.equal(ignoredInRace.length, 2, `race ignores all but one task: ${ignoredInRace}`);
      assert.equal(
        await page.locator('#compare-chart g.compare-group[data-way="race"] rect.after-mark').count(),
        2,
        'and draws them hatched',
      );
    });
    // Start-all-then-await-each leaves a rejection unhandled, once alone and
    // once in the comparison: the browser reports it, as it should.
    assert.deepEqual(problemsExcept(problems, [/^page error: 500 Internal Server Error$/]), []);
    await context.close();
  });
}

test('a link opens straight into compare mode, and the loop shows the sum against the longest', async () => {
  const link = "#view=compare&s=v1+all;user+300ms+ok+'Ada';posts+450ms+ok+1;prefs+200ms+ok+2";
  const { page, context, problems } = await openPage(site.browser, `${site.server.url}${link}`);
  await withPage(page, async () => {
    await waitFor(page, '#compare[data-finished="6"]', 'the six runs the link asks for', { timeout: 15_000 });
    const rows = await compareRows(page);
    const at = (way) => Number.parseInt(rows.find((r) => r.way === way).at, 10);
    assert.ok(at('sequential') >= 950 && at('all') >= 450 && at('all') < 950, JSON.stringify(rows));
    assert.match(await page.textContent('#compare-lesson'), /await loop settled at \d+ ms, Promise\.all at \d+ ms/);
    await screenshot(page, 'compare-1440-light');
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('compare mode by keyboard: Ctrl+Enter runs all six again, and Back returns to one way', async () => {
  const { page, context, problems } = await openPlayground(site, { viewport: { width: 360, height: 800 } });
  await withPage(page, async () => {
    await page.focus('#compare-open');
    await page.keyboard.press('Enter');
    await waitFor(page, '#compare[data-finished="6"]', 'all six runs to finish', { timeout: 15_000 });
    await screenshot(page, 'compare-360-light');
    // A change to the tasks is pointed out, and Ctrl+Enter runs them again.
    await page.fill('li.task[data-index="0"] input[name=delay]', '50');
    await waitFor(page, '#compare-stale', 'the note that the tasks changed');
    await page.focus('#compare-run');
    await page.keyboard.press('Control+Enter');
    await waitFor(page, '#compare[data-finished="0"]', 'the six to start again');
    await waitFor(page, '#compare[data-finished="6"]', 'the six to finish again', { timeout: 15_000 });
    assert.equal(await page.locator('#compare-stale').count(), 0, 'the note goes once the runs are new');
    await page.focus('#compare-exit');
    await page.keyboard.press('Enter');
    await waitFor(page, '#run', 'the single run controls again');
    assert.equal(await page.locator('#compare').count(), 0);
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('an embed with view=compare shows the six ways side by side', async () => {
  const link = "#embed&view=compare&s=v1+race;a+60ms+ok+1;b+20ms+err+Error('b')";
  const { page, context, problems } = await openPage(site.browser, `${site.server.url}${link}`, {
    viewport: { width: 700, height: 450 },
  });
  await withPage(page, async () => {
    await waitFor(page, '#playground.embed #compare[data-finished="6"]', 'the six runs in the embed', { timeout: 15_000 });
    const rows = await compareRows(page);
    assert.equal(rows.find((r) => r.way === 'race').result, 'rejected');
    assert.equal(rows.find((r) => r.way === 'any').result, 'fulfilled');
    await screenshot(page, 'compare-embed-700');
    assert.equal(await page.locator('#run').count(), 0, 'no single Run beside Run all six');
    assert.equal(await page.locator('#timeline-svg').count(), 0, 'no timeline to save in compare mode');
    assert.equal(await page.locator('#compare-svg').count(), 1, 'the compare view has its own Save buttons');
  });
  // Start-all-then-await-each leaves b's rejection unhandled, as it should;
  // the compare view shows it, and the browser does not report it again.
  assert.deepEqual(problems, []);
  await context.close();
});
