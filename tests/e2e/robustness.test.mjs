// The limits: the most tasks a scenario may hold, run for real, and a delay
// past the longest allowed, refused with words instead of run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useSite, openPlayground, applyText, runAndWait, readResult, withPage, waitFor, waitUntil,
} from './support.mjs';

const site = useSite();

/** Round trip of one animation frame, in ms: how long the page takes to answer. */
const frameLatency = (page) =>
  page.evaluate(() => {
    const t0 = performance.now();
    return new Promise((ok) => requestAnimationFrame(() => ok(performance.now() - t0)));
  });

test('10 000 tasks pasted into the text view apply, run and finish', { timeout: 180_000 }, async () => {
  const { page, context, problems } = await openPlayground(site, { permissions: ['clipboard-read', 'clipboard-write'] });
  const N = 10_000;
  const lines = ['v1 allSettled'];
  for (let i = 0; i < N; i++) lines.push(`t${i} ${i % 50}ms ok ${i}`);
  const text = lines.join('\n');
  await withPage(page, async () => {
    await applyText(page, text, { expectTasks: N, paste: true });
    assert.equal(await page.locator('li.task').count(), 100, 'the editor shows the first 100 rows');
    assert.match(await page.textContent('.tasks .note'), /9900 more tasks are not shown here/);

    // Watch for the main thread being blocked while it runs.
    await page.evaluate(() => {
      window.__longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
      }).observe({ type: 'longtask' });
    });
    const started = Date.now();
    await runAndWait(page, { timeout: 60_000 });
    const took = Date.now() - started;
    const longest = await page.evaluate(() => window.__longest);

    const r = await readResult(page);
    assert.equal(r.data, 'fulfilled');
    assert.match(r.status, /^Promise\.allSettled fulfilled after \d+ ms with$/);
    assert.ok(r.value.startsWith('[\n'), `#result-value is an array spread over lines: ${r.value.slice(0, 80)}`);
    assert.ok(r.value.includes("{ status: 'fulfilled', value: 0 }"), 'it starts with task 0\'s record');
    assert.ok(r.value.includes("{ status: 'fulfilled', value: 99 }"), 'and shows the first hundred records');
    assert.ok(!r.value.includes('value: 100 }'), 'but not the 101st: a long array is cut as Node cuts it');
    assert.ok(r.value.endsWith('  ... 9900 more items\n]'), `and says how many were left out: ${r.value.slice(-60)}`);
    assert.equal(await page.locator('#settle-log > li').count(), 500, 'the log lists 500 entries');
    assert.match(await page.textContent('.log .note'), /more entries are in the run report/);

    // Long lists skip drawing what is out of view, and draw it once it is
    // scrolled to: the last row's label and the last log line's time.
    assert.equal(await page.locator('ol.task-list.long').count(), 1, 'the task list is marked long');
    assert.equal(await page.locator('#settle-log.long').count(), 1, 'the log is marked long');
    const ends = [
      ["the last row's label", 'li.task:last-child input[name=label]'],
      ["the last log line's time", '#settle-log > li:last-child .at'],
    ];
    for (const [what, selector] of ends) {
      const item = page.locator(selector);
      // To the top of the page and of the log, and two frames for the
      // browser to see what left the view.
      await page.evaluate(async () => {
        window.scrollTo(0, 0);
        document.getElementById('settle-log').scrollTop = 0;
        for (let i = 0; i < 2; i++) await new Promise((ok) => requestAnimationFrame(ok));
      });
      const drawn = () => item.evaluate((e) => e.checkVisibility({ contentVisibilityAuto: true }));
      assert.equal(await drawn(), false, `${what} is not drawn while out of view`);
      await item.scrollIntoViewIfNeeded();
      await page.waitForFunction((s) => document.querySelector(s).checkVisibility({ contentVisibilityAuto: true }), selector);
    }
    assert.equal(await page.inputValue('li.task:last-child input[name=label]'), 't99', 'the last row shows its task');

    // Still answering: a frame comes promptly, and an edit shows at once.
    const latency = await frameLatency(page);
    assert.ok(latency < 1000, `a frame took ${latency.toFixed(0)} ms after the run`);
    const t0 = Date.now();
    await page.fill('li.task[data-index="0"] input[name=label]', 'first');
    await waitFor(page, '#result .note', 'the "tasks changed" note after an edit', { timeout: 10_000 });
    const editMs = Date.now() - t0;
    console.log(
      `10 000 tasks: run and render took ${took} ms; longest blocked stretch ${longest.toFixed(0)} ms; ` +
        `frame ${latency.toFixed(0)} ms; an edit showed in ${editMs} ms`,
    );
    assert.ok(longest < 3000, `the page was frozen for ${longest.toFixed(0)} ms at a stretch during the run`);
    assert.ok(editMs < 5000, `an edit took ${editMs} ms to show`);
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a delay over 600 000 ms is an error by the field, and Run refuses with a notice', async () => {
  const { page, context, problems } = await openPlayground(site);
  await withPage(page, async () => {
    const delay = 'li.task[data-index="1"] input[name=delay]';
    await page.fill(delay, '600001');
    const error = await waitFor(page, 'li.task[data-index="1"] .field-error', 'a field error on task 2');
    const message = await error.textContent();
    assert.match(message, /600000/, `the error names the limit: ${message}`);
    assert.match(message, /600001/, `and what was typed: ${message}`);
    assert.equal(await page.getAttribute(delay, 'aria-invalid'), 'true');
    const describedBy = await page.getAttribute(delay, 'aria-describedby');
    assert.equal(await error.getAttribute('id'), describedBy, 'the field points at its error for screen readers');
    assert.equal(await page.getAttribute('li.task[data-index="1"]', 'data-invalid'), 'true');

    // Run: nothing starts; a notice explains.
    await page.click('#run');
    const notice = await waitFor(page, '#notice', 'a notice after Run with an invalid task');
    assert.match(await notice.textContent(), /One task has a problem: fix the marked field/);
    assert.equal(await notice.getAttribute('role'), 'alert');
    assert.equal(await page.getAttribute('#playground', 'data-run-state'), 'idle', 'no run started');
    assert.equal(await page.getAttribute('#playground', 'data-run'), null, 'no run id taken');

    // At the limit it is fine again, and runs.
    await page.fill(delay, '600000');
    await waitUntil(page, () => !document.querySelector('li.task[data-index="1"] .field-error'), null, 'the error to go');
    await page.fill(delay, '450');
    await runAndWait(page);
    assert.equal((await readResult(page)).data, 'fulfilled');
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a text with a mistake is refused with the line and column, and the cursor on it', async () => {
  const { page, context, problems } = await openPlayground(site);
  await withPage(page, async () => {
    const text = "v1 all\nuser 300ms ok 'Ada'\nposts 30s ok 1";
    await page.fill('#scenario-text', text);
    await page.click('#apply-text');
    const error = await waitFor(page, '#text-error', 'the text error');
    assert.match(await error.textContent(), /^line 3, column 7: expected a delay such as 300ms, or now, plain or never; found '30s'/);
    const caret = await page.evaluate(() => document.querySelector('#scenario-text').selectionStart);
    assert.equal(caret, text.indexOf('30s'), 'the cursor is put on the mistake');
    assert.deepEqual(
      await page.$$eval('li.task input[name=label]', (i) => i.map((x) => x.value)),
      ['user', 'posts', 'prefs'],
      'the tasks are unchanged',
    );
    await page.click('#revert-text');
    await waitUntil(page, () => !document.querySelector('#text-error'), null, 'the error to go after undo');
    assert.match(await page.inputValue('#scenario-text'), /^v1 all\nuser 300ms/);
  });
  assert.deepEqual(problems, []);
  await context.close();
});
