// Replay: after a run, its recorded events can be stepped through. The
// timeline, the log and the result follow the step, and the last step is
// exactly what the live run ended with.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useSite, openPlayground, runAndWait, readResult, withPage, waitFor, loadPreset, screenshot, openPage,
} from './support.mjs';

const site = useSite();

/** What the page shows of the run: result, log, and each lane's status. */
async function shown(page) {
  const r = await readResult(page);
  const lanes = await page.$$eval('svg#timeline g.lane', (gs) => gs.map((g) => g.dataset.status));
  return { result: r.data, status: r.status, value: r.value, log: r.log.map((l) => l.text), lanes };
}

async function atStep(page, step) {
  await waitFor(page, `#replay[data-step="${step}"]`, `the replay at step ${step}`);
}

test('replay steps through a run, and its last step is the live run\'s end', async () => {
  const { page, context, problems } = await openPlayground(site);
  await withPage(page, async () => {
    await loadPreset(page, 'fail-fast');
    await runAndWait(page);
    const live = await shown(page);
    const total = Number(await page.getAttribute('#replay', 'data-total'));
    assert.equal(await page.getAttribute('#replay', 'data-step'), String(total), 'a replay starts at the end');
    assert.ok(total >= 8, `every event is a step: ${total}`);

    // The first step: nothing has happened.
    await page.click('#replay-start');
    await atStep(page, 0);
    let now = await shown(page);
    assert.equal(now.result, 'running', 'no result yet');
    assert.deepEqual(now.log, [], 'an empty log');
    assert.deepEqual(now.lanes, ['not-started', 'not-started', 'not-started']);
    assert.match(await page.textContent('#replay-now'), /Before the run/);

    // Forward one step at a time: the log only ever grows, one line at most.
    let previous = 0;
    const seen = [];
    for (let step = 1; step <= total; step++) {
      await page.click('#replay-forward');
      await atStep(page, step);
      now = await shown(page);
      assert.ok(now.log.length === previous || now.log.length === previous + 1, `step ${step}: ${now.log.length} lines`);
      previous = now.log.length;
      seen.push(now.result);
      if (step === 4) await screenshot(page, 'replay-1440-light');
    }
    // The combinator rejected part way through, and stayed so.
    const firstRejected = seen.indexOf('rejected');
    assert.ok(firstRejected > 0 && seen.slice(firstRejected).every((s) => s === 'rejected'), seen.join(','));
    assert.deepEqual(await shown(page), live, 'the last step is the live run\'s final state');
    assert.equal(await page.isDisabled('#replay-forward'), true);
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('replay by keyboard: the slider follows the arrow keys, Home and End; a new run ends the replay', async () => {
  const { page, context, problems } = await openPlayground(site, { viewport: { width: 360, height: 800 } });
  await withPage(page, async () => {
    await runAndWait(page);
    const total = Number(await page.getAttribute('#replay', 'data-total'));
    await page.focus('#replay-step');
    await page.keyboard.press('ArrowLeft');
    await atStep(page, total - 1);
    assert.match(
      await page.getAttribute('#replay-step', 'aria-valuetext'),
      new RegExp(`^Step ${total - 1} of ${total}, at \\d+ ms: `),
    );
    assert.equal(await page.textContent('.timeline-caption'), 'Replay of the latest run');
    await page.keyboard.press('Home');
    await atStep(page, 0);
    // Midway, the still-running tasks end at the replay's line.
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await atStep(page, 4);
    assert.ok((await page.locator('svg#timeline line.replay-line').count()) === 1, 'a line marks the moment');
    assert.ok((await page.locator('svg#timeline g.lane[data-status="running"]').count()) >= 1, 'some tasks still run');
    await screenshot(page, 'replay-360-light');
    await page.keyboard.press('End');
    await atStep(page, total);
    assert.equal(await page.locator('svg#timeline line.replay-line').count(), 0, 'no line at the end');

    await page.keyboard.press('Home');
    await atStep(page, 0);
    await runAndWait(page);
    const again = Number(await page.getAttribute('#replay', 'data-total'));
    assert.equal(await page.getAttribute('#replay', 'data-step'), String(again), 'a new run is shown whole');
    assert.equal((await readResult(page)).data, 'fulfilled');
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('an embed offers the replay after a run, and Save buttons beside the legend, within its frame', async () => {
  const link = "#embed&s=v1+all;user+120ms+ok+'Ada';posts+40ms+err+Error('down');prefs+80ms+ok+2";
  const { page, context, problems } = await openPage(site.browser, `${site.server.url}${link}`, {
    viewport: { width: 700, height: 450 },
  });
  await withPage(page, async () => {
    await waitFor(page, '#playground.embed', 'the embed');
    assert.equal(await page.locator('#replay-open').count(), 0, 'no replay before a run');
    assert.equal(await page.locator('.embed-tools #timeline-svg').count(), 1, 'Save SVG beside the legend');
    assert.equal(await page.locator('.embed-tools #timeline-png').count(), 1, 'Save PNG beside the legend');
    await runAndWait(page);
    const live = await shown(page);
    assert.equal(live.result, 'rejected');
    // By keyboard: the Replay button opens the replay in the tasks' place.
    await page.focus('#replay-open');
    await page.keyboard.press('Enter');
    await waitFor(page, '#replay-open[aria-pressed="true"]', 'the replay to open');
    const total = Number(await page.getAttribute('#replay', 'data-total'));
    assert.ok(total >= 6, `every event is a step: ${total}`);
    assert.equal(await page.textContent('#replay-title'), 'Replay', 'named for screen readers');
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(height <= 450, `the page is ${height} px tall, so the frame would scroll`);
    await page.focus('#replay-step');
    await page.keyboard.press('Home');
    await atStep(page, 0);
    assert.equal((await shown(page)).result, 'running', 'no result before the first event');
    assert.deepEqual((await shown(page)).lanes, ['not-started', 'not-started', 'not-started']);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await atStep(page, 2);
    await screenshot(page, 'replay-embed-700');
    await page.click('#replay-end');
    await atStep(page, total);
    assert.deepEqual(await shown(page), live, 'the last step is the live run');
    // Closed midway, the whole run shows again and the tasks come back.
    await page.focus('#replay-step');
    await page.keyboard.press('Home');
    await atStep(page, 0);
    await page.click('#replay-open');
    await waitFor(page, '#replay-open[aria-pressed="false"]', 'the replay to close');
    assert.equal(await page.locator('#replay').count(), 0);
    assert.deepEqual(await shown(page), live, 'closing the replay shows the whole run');
    assert.equal(await page.locator('.task-summary').count(), 1, 'the tasks are back');
    // Open again, then run: the new run closes the replay.
    await page.click('#replay-open');
    await waitFor(page, '#replay', 'the replay to open again');
    await runAndWait(page);
    assert.equal(await page.getAttribute('#replay-open', 'aria-pressed'), 'false');
    assert.equal(await page.locator('#replay').count(), 0, 'a new run shows the tasks, not the replay');
  });
  assert.deepEqual(problems, []);
  await context.close();
});
