// What the page looks like, for people to look at: a phone and a desktop
// width, light and dark, after a finished run of the default example, and
// one mid-run in slow motion. Saved in target/screenshots/. Also checks the
// page never scrolls sideways on a narrow phone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useSite, openPlayground, runAndWait, readResult, withPage, waitFor, screenshot, explain,
} from './support.mjs';

const site = useSite();

/**
 * Elements that reach past the right edge of the viewport without a
 * scrolling or clipping box around them: what makes a page scroll sideways.
 * Outermost first, so the culprit comes before the things it pushes out.
 */
const overflowing = (page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const clipped = (e) => {
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible') return true;
      }
      return false;
    };
    const name = (e) =>
      `<${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${typeof e.className === 'string' && e.className ? `.${e.className.trim().split(/\s+/).join('.')}` : ''}>`;
    return [...document.querySelectorAll('body *')]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.right > width + 0.5 && !clipped(e);
      })
      .slice(0, 10)
      .map((e) => {
        const r = e.getBoundingClientRect();
        return `${name(e)} ${Math.round(r.left)}–${Math.round(r.right)} px`;
      });
  });

for (const width of [360, 1440]) {
  for (const scheme of ['light', 'dark']) {
    test(`screenshot ${width} px ${scheme}, after a run of the default example`, async () => {
      const { page, context, problems } = await openPlayground(site, {
        viewport: { width, height: width === 360 ? 740 : 900 },
        colorScheme: scheme,
      });
      await withPage(page, async () => {
        await runAndWait(page);
        assert.equal((await readResult(page)).data, 'fulfilled');
        const path = await screenshot(page, `finished-${width}-${scheme}`);
        console.log(`screenshot: ${path}`);
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(
          scroll <= width,
          `the page scrolls sideways at ${width} px: scrollWidth ${scroll}; too wide: ${(await overflowing(page)).join(', ')}`,
        );
      });
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

test('no sideways scrolling at 360 px with everything open and long values', async () => {
  const { page, context, problems } = await openPlayground(site, { viewport: { width: 360, height: 740 } });
  await withPage(page, async () => {
    await page.fill(
      '#scenario-text',
      "v1 allSettled\n'a rather long task label, forty chars!!' 300ms ok 'averyveryverylongwordwithoutanyspacesatallthatmightoverflowthepanel'\nb 100ms err Error('a long error message that goes on and on and on')",
    );
    await page.click('#apply-text');
    await waitFor(page, 'li.task[data-index="1"]', 'the applied tasks');
    await page.evaluate(() => {
      for (const d of document.querySelectorAll('details')) d.open = true;
    });
    await runAndWait(page);
    const path = await screenshot(page, 'long-values-360');
    console.log(`screenshot: ${path}`);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll <= 360, `scrollWidth ${scroll} at 360 px; too wide: ${(await overflowing(page)).join(', ')}`);
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('screenshot mid-run at 0.25× speed', async () => {
  const { page, context, problems } = await openPlayground(site, { viewport: { width: 1440, height: 900 } });
  await withPage(page, async () => {
    await page.selectOption('#speed', '0.25');
    // At a quarter speed the default example takes 4 × 450 ms: the running
    // state lasts long enough to be caught by waiting for it, not by luck.
    await page.click('#run');
    await waitFor(page, '#playground[data-run="1"][data-run-state="running"]', 'the run to be under way');
    // Wait for the first task (prefs, 200 ms, so 800 ms in slow motion) to
    // have settled while the others still run.
    await waitFor(page, '#settle-log > li', 'the first settle');
    const state = await page.getAttribute('#playground', 'data-run-state');
    if (state !== 'running') throw new Error(await explain(page, `the run ended before the mid-run screenshot (state ${state})`));
    const path = await screenshot(page, 'mid-run-0.25x-1440-light');
    console.log(`screenshot: ${path}`);
    assert.equal(await page.getAttribute('#result', 'data-status'), 'running');
    assert.equal((await page.textContent('#result-status')).trim(), 'Promise.all is waiting…');
    assert.equal(await page.textContent('#result-value'), 'Promise { <pending> }');
    assert.equal(await page.isEnabled('#stop'), true, 'Stop is offered while it runs');
    await waitFor(page, '#playground[data-run="1"][data-run-state="finished"]', 'the slow run to finish', { timeout: 15_000 });
    // The times shown are the scenario's own (scaled back), not the slowed wall clock.
    const status = await page.textContent('#result-status');
    const at = Number(/after (\d+) ms/.exec(status)?.[1]);
    assert.ok(at >= 449 && at < 700, `at 0.25× the result still says about 450 ms: ${status}`);
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('Stop halts a slow run and says so', async () => {
  const { page, context, problems } = await openPlayground(site);
  await withPage(page, async () => {
    await page.selectOption('#speed', '0.25');
    await page.click('#run');
    await waitFor(page, '#playground[data-run="1"][data-run-state="running"]', 'the run to be under way');
    await page.click('#stop');
    await waitFor(page, '#playground[data-run="1"][data-run-state="stopped"]', 'the run to stop');
    assert.equal(await page.getAttribute('#result', 'data-status'), 'stopped');
    assert.equal((await page.textContent('#result-status')).trim(), 'Promise.all: stopped before it settled');
    assert.equal((await page.textContent('#run-status')).trim(), 'Stopped');
    assert.equal(await page.getAttribute('#stop', 'aria-disabled'), 'true');
    assert.equal((await page.textContent('#run')).trim(), 'Run again');
  });
  assert.deepEqual(problems, []);
  await context.close();
});
