// The engine runs in a worker of its own: however busy the page is while
// it draws, the run's timers fire on time and the times shown are the
// code's own. Where no worker can be made, the page runs the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPlayground, runAndWait, applyText, withPage, waitFor, waitUntil, readResult } from './support.mjs';

const site = useSite();

/** Runs once, so that the worker has loaded, and says where it ran. */
async function warmUp(page) {
  await applyText(page, "v1 all\na 0ms ok 1");
  // The worker loads after the page is up; until then runs stay on the page.
  for (let i = 0; i < 50; i++) {
    await runAndWait(page);
    if (await page.getAttribute('#playground', 'data-engine') === 'worker') return 'worker';
  }
  return page.getAttribute('#playground', 'data-engine');
}

test('a page kept busy for a second does not make a worker run late', async () => {
  const { page, context } = await openPlayground(site);
  await withPage(page, async () => {
    assert.equal(await warmUp(page), 'worker', 'runs go to the worker once it has loaded');
    await applyText(page, "v1 allSettled\nfirst 50ms ok 'a'\nsecond 150ms err Error('b')\nthird 300ms ok 'c'");
    const run = await runAndWait(page, { state: 'running' });
    // The page's main thread is blocked for a whole second, past every timer.
    await page.evaluate(() => {
      const end = performance.now() + 1000;
      while (performance.now() < end) { /* busy */ }
    });
    await waitFor(page, `#playground[data-run="${run}"][data-run-state="finished"]`, 'the run to finish');
    assert.equal(await page.getAttribute('#playground', 'data-engine'), 'worker');
    const { log } = await readResult(page);
    const at = Object.fromEntries(log.filter((l) => /first|second|third/.test(l.text))
      .map((l) => [l.text.match(/first|second|third/)[0], l.at]));
    // On the page the three would all show about 1000 ms. Timers never fire
    // early; 250 ms of room is for a machine shared with other work.
    for (const [label, delay] of [['first', 50], ['second', 150], ['third', 300]]) {
      assert.ok(at[label] >= delay && at[label] < delay + 250,
        `${label} settled at ${at[label]} ms on the timeline, for a ${delay} ms timer`);
    }
    assert.equal(await page.$('#late-warning'), null, 'no "page was busy" warning: the run was not late');
  });
  await context.close();
});

test('Stop reaches the worker: nothing of a stopped run arrives after', async () => {
  const { page, context } = await openPlayground(site);
  await withPage(page, async () => {
    assert.equal(await warmUp(page), 'worker');
    await applyText(page, "v1 all\nquick 10ms ok 1\nslow 400ms ok 2");
    const run = await runAndWait(page, { state: 'running' });
    await waitUntil(page, () => document.querySelectorAll('#settle-log > li').length > 0, null, 'the quick task to settle');
    await page.click('#stop');
    await waitFor(page, `#playground[data-run="${run}"][data-run-state="stopped"]`, 'the run to stop');
    const before = (await readResult(page)).log.length;
    // Past the slow task's timer: had the worker gone on, it would show.
    await page.evaluate(() => new Promise((ok) => setTimeout(ok, 600)));
    assert.equal((await readResult(page)).log.length, before, 'the stopped run drew nothing more');
    assert.ok(!(await readResult(page)).log.some((l) => /slow/.test(l.text)));
  });
  await context.close();
});

test('where no worker may be made, the page runs the engine', async () => {
  const { page, context } = await openPlayground(site);
  await withPage(page, async () => {
    // Before the app asks for one: as in a frame whose policy forbids workers.
    await context.addInitScript(() => {
      window.Worker = function () { throw new Error('no workers here'); };
    });
    await page.reload();
    await waitFor(page, '#playground[data-run-state]', 'the app to mount again');
    await applyText(page, "v1 race\nfast 20ms ok 'fast'\nslow 60ms ok 'slow'");
    await runAndWait(page);
    assert.equal(await page.getAttribute('#playground', 'data-engine'), 'page');
    assert.match((await readResult(page)).value ?? '', /fast/);
  });
  await context.close();
});
