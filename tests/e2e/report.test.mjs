// The run report: downloaded and copied, it is the JSON the README
// documents, and it agrees with what the page showed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  useSite, openPlayground, runAndWait, readResult, withPage, waitFor, readPresets,
  loadPreset,
} from './support.mjs';

const site = useSite();
const failFast = readPresets().find((p) => p.id === 'fail-fast');

function checkReport(report, shown) {
  assert.equal(report.version, 1);
  assert.equal(report.combinator, 'all');
  assert.equal(report.scenario, failFast.text, 'the scenario in its text form');
  assert.equal(report.speed, 1);
  assert.equal(report.finished, true);
  assert.deepEqual(report.settle_order, [1, 0, 2], 'posts (150 ms), user (300 ms), prefs (500 ms)');
  assert.equal(report.result.status, 'rejected');
  assert.deepEqual(report.result.reason, { name: 'Error', message: '500 Internal Server Error' });
  // The page rounds to whole ms (half to even), the report keeps a tenth.
  assert.ok(
    Math.abs(report.result.at_ms - shown) <= 0.5,
    `the report's time (${report.result.at_ms} ms) is the one the page showed (${shown} ms)`,
  );
  assert.deepEqual(report.unhandled_rejections, []);
  assert.deepEqual(report.pending, []);
  assert.equal(report.hidden_tab, false);
  assert.equal(report.error, null);
  const seqs = report.events.map((e) => e.seq);
  assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), 'events are in seq order');
  assert.equal(report.events.at(-1).type, 'finished');
  const types = new Set(report.events.map((e) => e.type));
  for (const t of ['started', 'settled', 'combinator', 'finished']) assert.ok(types.has(t), `an event of type ${t}`);
}

test('the report is offered only after a run', async () => {
  const { page, context, problems } = await openPlayground(site);
  assert.equal(await page.isDisabled('#copy-report'), true);
  assert.equal(await page.isDisabled('#download-report'), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Download run report saves the documented JSON', async () => {
  const { page, context, problems } = await openPlayground(site, { acceptDownloads: true });
  await withPage(page, async () => {
    await loadPreset(page, 'fail-fast');
    await runAndWait(page);
    const shown = Number(/after (\d+) ms/.exec((await readResult(page)).status)[1]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-report')]);
    assert.equal(download.suggestedFilename(), 'promise-run-1.json');
    const report = JSON.parse(await readFile(await download.path(), 'utf8'));
    checkReport(report, shown);
    const notice = await waitFor(page, '#notice', 'the confirmation');
    assert.equal(await notice.getAttribute('role'), 'status', 'a confirmation is a status, not an alert');
    assert.match(await notice.textContent(), /The run report was downloaded\./);
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('Copy run report puts the same JSON on the clipboard', async () => {
  const { page, context, problems } = await openPlayground(site, { permissions: ['clipboard-read', 'clipboard-write'] });
  await withPage(page, async () => {
    await loadPreset(page, 'fail-fast');
    await runAndWait(page);
    const shown = Number(/after (\d+) ms/.exec((await readResult(page)).status)[1]);
    await page.click('#copy-report');
    const notice = await waitFor(page, '#notice', 'the confirmation');
    assert.match(await notice.textContent(), /The run report is on the clipboard\./);
    const report = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
    checkReport(report, shown);
  });
  assert.deepEqual(problems, []);
  await context.close();
});
