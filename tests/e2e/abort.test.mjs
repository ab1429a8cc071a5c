// Cancellation: with "Abort the rest when it settles", the run's real
// AbortController stops the tasks still at work once the combinator
// settles; they are drawn as aborted, not as ignored, and the page says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  useSite, openPlayground, runAndWait, withPage, waitFor, loadPreset, screenshot, readResult,
  openPage, waitUntil,
} from './support.mjs';

const site = useSite();

test('a race with the rest aborted: the loser is aborted, not ignored, and the page explains', async () => {
  const { page, context, problems } = await openPlayground(site, { acceptDownloads: true });
  await withPage(page, async () => {
    await loadPreset(page, 'timeout');
    // Before any run, the plan shows the request aborted when the timeout wins.
    await page.check('#abort-rest');
    await waitFor(page, 'svg#timeline g.lane[data-task="0"] path.abort-cross', 'the planned abort');
    assert.equal(await page.getAttribute('svg#timeline g.lane[data-task="0"]', 'data-status'), 'planned');
    await page.uncheck('#abort-rest');
    await waitFor(page, 'svg#timeline:not(:has(path.abort-cross))', 'the plan without the abort');
    // Without the option the request runs on to 800 ms, ignored.
    await runAndWait(page);
    assert.equal(await page.getAttribute('svg#timeline g.lane[data-task="0"]', 'data-status'), 'fulfilled');

    await page.check('#abort-rest');
    await runAndWait(page);
    const r = await readResult(page);
    assert.equal(r.data, 'rejected', 'the timeout still wins');
    assert.equal(await page.getAttribute('svg#timeline g.lane[data-task="0"]', 'data-status'), 'aborted');
    assert.equal(await page.locator('svg#timeline g.lane[data-task="0"] path.abort-cross').count(), 1);
    assert.equal(await page.locator('svg#timeline g.lane[data-task="0"] rect.after-mark').count(), 0, 'not hatched as ignored');
    assert.match(await page.textContent('#abort-note'), /a promise cannot be cancelled, but the work behind it can/);
    assert.ok((await page.textContent('.timeline-legend')).includes('aborted'), 'the legend names it');
    assert.ok(r.log.some((l) => /^request \(task 1\) was aborted/.test(l.text)), JSON.stringify(r.log));
    await screenshot(page, 'abort-1440-light');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-report')]);
    const report = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.deepEqual(report.aborted, [0]);
    assert.deepEqual(report.settle_order, [1], 'the request never settled on its own');
    assert.ok(report.events.some((e) => e.type === 'aborted' && e.task === 0));
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('compare mode with the rest aborted: each way aborts what it left running', async () => {
  const { page, context, problems } = await openPlayground(site);
  await withPage(page, async () => {
    await loadPreset(page, 'timeout');
    await page.check('#abort-rest');
    await page.click('#compare-open');
    await waitFor(page, '#compare[data-finished="6"]', 'all six runs to finish', { timeout: 15_000 });
    const lane = (way, task) => `#compare-chart g.compare-group[data-way="${way}"] g.compare-lane[data-task="${task}"]`;
    // race and all reject with the timeout at 500 ms: the request is aborted.
    for (const way of ['race', 'all']) {
      assert.equal(await page.getAttribute(lane(way, 0), 'data-status'), 'aborted', way);
      assert.equal(await page.locator(`${lane(way, 0)} path.abort-cross`).count(), 1, way);
      assert.equal(await page.getAttribute(lane(way, 0), 'data-ignored'), 'false', `${way}: aborted, not ignored`);
    }
    // allSettled and any wait for both: nothing is left to abort.
    for (const way of ['allSettled', 'any']) {
      assert.equal(await page.getAttribute(lane(way, 0), 'data-status'), 'fulfilled', way);
    }
    assert.match(await page.textContent('#compare-abort-note'), /aborted the tasks still at work/);
    // Turning the option off marks the runs as out of date.
    await page.uncheck('#abort-rest');
    await waitFor(page, '#compare-stale', 'the note that the runs used the other option');
    await page.click('#compare-run');
    await waitFor(page, '#compare[data-finished="6"]', 'the six to finish again', { timeout: 15_000 });
    assert.equal(await page.getAttribute(lane('race', 0), 'data-status'), 'fulfilled', 'the request runs on');
    assert.equal(await page.getAttribute(lane('race', 0), 'data-ignored'), 'true');
    assert.equal(await page.locator('#compare-abort-note').count(), 0);
  });
  // The timeout rejects each way that does not wait for the request.
  assert.deepEqual(problems.filter((p) => !/Request timed out/.test(p)), []);
  await context.close();
});

test('the option travels in links: Copy link writes abort=1, and an embed with it aborts', async () => {
  const permissions = ['clipboard-read', 'clipboard-write'];
  const { page, context, problems } = await openPlayground(site, { permissions });
  await withPage(page, async () => {
    await loadPreset(page, 'timeout');
    await page.check('#abort-rest');
    await page.click('#copy-link');
    await waitUntil(page, () => /link is on the clipboard/.test(document.querySelector('#notice')?.textContent ?? ''), null, 'the copy');
    const link = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(link, /#abort=1&s=v1\+race;/, link);

    const embed = await context.newPage();
    embed.on('pageerror', (e) => problems.push(`embed error: ${e.message}`));
    await embed.setViewportSize({ width: 700, height: 450 });
    await embed.goto(link.replace('#', '#embed&'));
    await waitFor(embed, '#playground.embed', 'the embed');
    await runAndWait(embed);
    assert.equal(await embed.getAttribute('svg#timeline g.lane[data-task="0"]', 'data-status'), 'aborted');
    assert.ok((await embed.textContent('.timeline-legend')).includes('aborted'), 'the legend names it');
  });
  assert.deepEqual(problems.filter((p) => !/Request timed out/.test(p)), []);
  await context.close();
});
