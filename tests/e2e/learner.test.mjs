// What a learner meets on a first visit, on a phone and on a desktop: the
// stage comes first and stays in view while a run plays, labels are never
// cut, the legend lists only what is drawn, the axis stays readable on a
// long timeline, the keyboard shortcuts and undo work, times at another
// speed are explained, and values are printed as the console prints them,
// right-to-left text included. Screenshots of the main states are saved in
// target/screenshots/ for people to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useSite, openPlayground, runAndWait, readResult, applyText, loadPreset, waitFor, waitUntil,
  withPage, screenshot, problemsExcept, taskLabels, chooseCombinator, currentRun,
} from './support.mjs';

const site = useSite();

/** Runs here may be slowed by a busy machine: wait generously, never guess. */
const SLOW = { timeout: 30_000 };

const PHONE = { width: 360, height: 800 };
const DESKTOP = { width: 1440, height: 900 };

/** Three tasks, one of which takes two seconds: long enough to watch a run. */
const TWO_SECONDS = 'v1 all\nuser 300ms ok 1\nposts 2000ms ok 2';

/** One task settles soon, one takes three seconds, one never settles. */
const TO_STOP = 'v1 all\nquick 100ms ok 1\nslow 3000ms ok 2\nhung never';

/** Right-to-left label and values among left-to-right code. */
const RTL_LABEL = 'طلب المستخدم';
const RTL_WORD = 'مرحبا';
const RTL = `v1 all\n'${RTL_LABEL}' 300ms ok '${RTL_WORD}'\nposts 450ms ok ['${RTL_WORD}', [1, 2], {a: 1}]`;

/** Fifty tasks t0 … t49 under allSettled, settling every 10 ms up to 490 ms. */
const fiftyTasks = () =>
  ['v1 allSettled', ...Array.from({ length: 50 }, (_, i) => `t${i} ${i * 10}ms ok ${i}`)].join('\n');

/** The client box of the first element `selector` matches, or null. */
const box = (page, selector) =>
  page.evaluate((s) => {
    const e = document.querySelector(s);
    if (!e) return null;
    const r = e.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height };
  }, selector);

/** The texts of the legend's entries, in order. */
const legend = (page) => page.$$eval('.timeline-legend li', (lis) => lis.map((li) => li.textContent.trim()));

/** How many elements `selector` matches. */
const count = (page, selector) => page.$$eval(selector, (es) => es.length);

/** Waits for `n` tasks in the editor. */
const taskCount = (page, n, what = `${n} tasks in the editor`) =>
  waitUntil(page, (k) => document.querySelectorAll('li.task').length === k, n, what, SLOW);

/** Two animation frames: whatever a key press or click changes has been drawn. */
const drawn = (page) => page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));

/** "500 ms" → 500, "1.5 s" → 1500. */
function tickMs(label) {
  const m = /^([\d.]+)\s*(ms|s)$/.exec(label.trim());
  assert.ok(m, `a tick label reads like "500 ms" or "1.5 s": ${JSON.stringify(label)}`);
  return Number(m[1]) * (m[2] === 's' ? 1000 : 1);
}

/** Clicks a task's row button (`up`, `down`, `duplicate`, `remove`). */
const rowButton = (page, index, action) => page.click(`li.task[data-index="${index}"] [data-action="${action}"]`);

// ---- 1. the stage first, on a phone ----------------------------------------

test('on a phone the timeline comes before the tasks and Run keeps it and the result in view', async () => {
  const { page, context, problems } = await openPlayground(site, { viewport: PHONE });
  await withPage(page, async () => {
    const order = await page.evaluate(() => {
      const top = (s) => document.querySelector(s)?.getBoundingClientRect().top ?? null;
      return { header: top('header'), timeline: top('#timeline-panel'), task: top('li.task') };
    });
    assert.ok(order.header < order.timeline, `the header comes before the timeline: ${JSON.stringify(order)}`);
    assert.ok(order.timeline < order.task, `the timeline comes before the tasks: ${JSON.stringify(order)}`);

    await applyText(page, TWO_SECONDS);
    await page.selectOption('#speed', '1');
    const run = (await currentRun(page)) + 1;
    await page.click('#run');
    // Checked on every frame while the run plays (the two-second task keeps
    // it going long after any scrolling is done): passes as soon as the
    // timeline is wholly on screen with the result starting above the bar;
    // fails, with the last boxes seen, if the run ends before that happens.
    const seen = await waitUntil(
      page,
      (want) => {
        const pg = document.querySelector('#playground');
        if (pg.dataset.run !== String(want)) return null;
        const state = pg.dataset.runState;
        if (state === 'idle') return null;
        if (state !== 'running') return { ok: false, state, seen: window.learnerTestBoxes ?? null };
        const b = (s) => {
          const r = document.querySelector(s).getBoundingClientRect();
          return { top: Math.round(r.top), bottom: Math.round(r.bottom) };
        };
        const last = { timeline: b('#timeline-panel'), result: b('#result'), controls: b('#controls'), scrollY: Math.round(scrollY) };
        window.learnerTestBoxes = { first: window.learnerTestBoxes?.first ?? last, last };
        const ok = last.timeline.top >= 0 && last.timeline.bottom <= innerHeight && last.result.top < last.controls.top;
        return ok ? { ok, state, last } : null;
      },
      run,
      'the run to be under way with the timeline in view, or to end',
      SLOW,
    );
    const during = await seen.jsonValue();
    assert.ok(
      during.ok,
      `while it ran, the timeline was never wholly in view with the result starting above the run bar (800 px window); first and last seen while running: ${JSON.stringify(during.seen)}`,
    );
    await waitFor(page, `#playground[data-run="${run}"][data-run-state="finished"]`, 'the run to finish', SLOW);
    const after = await page.evaluate(() => {
      const b = (s) => document.querySelector(s).getBoundingClientRect();
      return { timeline: b('#timeline-panel'), result: b('#result'), controls: b('#controls'), height: innerHeight };
    });
    assert.ok(after.timeline.top >= -0.5, `the timeline's top is on screen once finished: ${JSON.stringify(after)}`);
    assert.ok(after.timeline.bottom <= after.height + 0.5, `the timeline's bottom is on screen once finished: ${JSON.stringify(after)}`);
    assert.ok(after.result.top < after.controls.top, `the result starts above the run bar once finished: ${JSON.stringify(after)}`);
    assert.ok(
      after.timeline.bottom <= after.controls.top + 0.5,
      `no part of the timeline is hidden under the run bar: ${JSON.stringify(after)}`,
    );
  });
  assert.deepEqual(problems, []);
  await context.close();
});

// ---- 2. labels whole -------------------------------------------------------

for (const viewport of [PHONE, DESKTOP]) {
  test(`long labels show whole on the timeline at ${viewport.width} px`, async () => {
    const long = 'a forty character label for the slow job';
    const medium = 'twenty five letters long!';
    assert.equal(long.length, 40);
    assert.equal(medium.length, 25);
    const { page, context, problems } = await openPlayground(site, { viewport });
    await withPage(page, async () => {
      await applyText(page, `v1 all\n'${long}' 300ms ok 1\n'${medium}' 200ms ok 2`);
      for (const [i, label] of [long, medium].entries()) {
        const lane = `svg#timeline g.lane[data-task="${i}"]`;
        const geometry = await page.evaluate((s) => {
          const b = (e) => {
            const r = e.getBoundingClientRect();
            return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
          };
          const g = document.querySelector(s);
          const svg = document.querySelector('svg#timeline');
          return {
            text: g.querySelector('text.lane-label').textContent,
            label: b(g.querySelector('text.lane-label')),
            bar: b(g.querySelector('rect.bar')),
            svg: b(svg),
          };
        }, lane);
        const seen = JSON.stringify(geometry);
        assert.equal(geometry.text, label, `lane ${i} shows its label whole`);
        const stacked = geometry.label.bottom <= geometry.bar.top + 0.5;
        if (!stacked) {
          const overlap = (geometry.label.right - geometry.bar.left).toFixed(1);
          assert.ok(geometry.label.right <= geometry.bar.left + 0.5, `label ${i} ends before its bar starts (it runs ${overlap} px into it): ${seen}`);
        }
        assert.ok(
          geometry.label.left >= geometry.svg.left - 0.5 && geometry.label.right <= geometry.svg.right + 0.5,
          `label ${i} lies inside the timeline, not cut at its edge: ${seen}`,
        );
      }
    });
    assert.deepEqual(problems, []);
    await context.close();
  });
}

// ---- 3. a compact editor ---------------------------------------------------

test('five tasks fit the editor compactly on a desktop', async () => {
  const { page, context, problems } = await openPlayground(site, { viewport: DESKTOP });
  await withPage(page, async () => {
    await applyText(page, "v1 all\na 100ms ok 1\nb 200ms err Error('no')\nc never\nd now ok 'd'\ne plain 5");
    const rows = await page.$$eval('li.task', (lis) =>
      lis.map((li) => {
        const r = li.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, height: r.height };
      }),
    );
    assert.equal(rows.length, 5);
    for (const [i, r] of rows.entries()) {
      assert.ok(r.height <= 110, `task row ${i} is at most 110 px tall: ${r.height.toFixed(1)} px`);
    }
    const span = rows[4].bottom - rows[0].top;
    assert.ok(span <= 560, `five rows take at most 560 px: ${span.toFixed(1)} px`);
  });
  assert.deepEqual(problems, []);
  await context.close();
});

// ---- 4. the legend ---------------------------------------------------------

test('the legend lists only the marks in use', async () => {
  const { page, context, problems } = await openPlayground(site);
  await withPage(page, async () => {
    assert.deepEqual(await legend(page), ['predicted (not yet run)', 'fulfilled', 'drag to change the delay']);
    await loadPreset(page, 'fail-fast');
    await runAndWait(page, SLOW);
    const after = await legend(page);
    assert.ok(after.includes('rejected'), `"rejected" is listed after fail-fast: ${JSON.stringify(after)}`);
    assert.ok(after.includes('ignored by the combinator'), `"ignored by the combinator" is listed: ${JSON.stringify(after)}`);
    assert.ok(!after.includes('never settles'), `nothing never settles in fail-fast: ${JSON.stringify(after)}`);
    assert.ok(!after.includes('predicted (not yet run)'), `nothing is predicted after a run: ${JSON.stringify(after)}`);
  });
  assert.deepEqual(problems, []);
  await context.close();
});

// ---- 5. the axis on a long timeline ----------------------------------------

/** Runs `text`, scrolls the timeline to its bottom, checks the axis stayed up and fits the run. */
async function checkAxis(page, text, tasks, timeout, { paste = false } = {}) {
  await applyText(page, text, { expectTasks: tasks, paste });
  await runAndWait(page, { timeout });
  // The timeline draws at most 100 lanes and says how many it shows.
  const lanes = Math.min(tasks, 100);
  await waitUntil(page, (n) => document.querySelectorAll('svg#timeline g.lane').length === n, lanes, `${lanes} lanes`, SLOW);
  if (tasks > lanes) {
    assert.match(await page.textContent('.timeline-more'), new RegExp(`^Showing ${lanes} of ${tasks} tasks`));
  }
  const scroll = await page.evaluate(() => {
    const s = document.querySelector('.timeline-scroll');
    s.scrollTop = s.scrollHeight;
    return { scrollHeight: s.scrollHeight, clientHeight: s.clientHeight };
  });
  assert.ok(scroll.scrollHeight > scroll.clientHeight + 50, `${tasks} lanes make the timeline scroll: ${JSON.stringify(scroll)}`);
  await drawn(page);
  const where = await page.evaluate(() => {
    const s = document.querySelector('.timeline-scroll');
    const sb = s.getBoundingClientRect();
    return {
      scrollTop: s.scrollTop,
      visibleTop: sb.top + s.clientTop,
      axisTop: document.querySelector('svg.timeline-axis').getBoundingClientRect().top,
    };
  });
  assert.ok(where.scrollTop > 0, `the timeline scrolled: ${JSON.stringify(where)}`);
  assert.ok(Math.abs(where.axisTop - where.visibleTop) <= 2, `the axis stays at the top of the scrolled box: ${JSON.stringify(where)}`);

  const r = await readResult(page);
  const last = Math.max(...r.log.map((l) => l.at).filter(Number.isFinite));
  const ticks = await page.$$eval('svg.timeline-axis .tick-label', (ts) => ts.map((t) => t.textContent));
  const end = tickMs(ticks.at(-1));
  assert.ok(end >= last, `the axis reaches the last settle (${last} ms): ticks ${ticks.join(', ')}`);
  assert.ok(end <= 1.3 * last, `the axis ends near the last settle (${last} ms), not far past it: ticks ${ticks.join(', ')}`);
}

test('on a 50-task timeline the axis stays in view and ends near the last settle', async () => {
  const { page, context, problems } = await openPlayground(site, { viewport: DESKTOP });
  await withPage(page, () => checkAxis(page, fiftyTasks(), 50, 30_000));
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a 500-task timeline the axis stays in view and ends near the last settle', async () => {
  const { page, context, problems } = await openPlayground(site, {
    viewport: DESKTOP,
    // Pasting is how a long scenario arrives; typing 500 lines takes long.
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const text = ['v1 allSettled', ...Array.from({ length: 500 }, (_, i) => `t${i} ${i}ms ok ${i}`)].join('\n');
  await withPage(page, () => checkAxis(page, text, 500, 60_000, { paste: true }));
  assert.deepEqual(problems, []);
  await context.close();
});

// ---- 6. the keyboard -------------------------------------------------------

test('the skip link, Ctrl+Enter in a field and Escape on the page', async () => {
  const { page, context, problems } = await openPlayground(site);
  await withPage(page, async () => {
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'skip-to-run', 'the first Tab reaches the skip link');
    const skip = await box(page, '#skip-to-run');
    assert.ok(skip.width > 0 && skip.top >= 0, `the focused skip link is on screen: ${JSON.stringify(skip)}`);
    assert.equal((await page.textContent('#skip-to-run')).trim(), 'Skip to Run and the timeline');
    await page.keyboard.press('Enter');
    await waitUntil(page, () => document.activeElement?.id === 'run', null, 'Enter on the skip link to focus Run');

    const shortcuts = await page.textContent('#shortcuts');
    assert.match(shortcuts, /Enter/, `the shortcuts line names Enter: ${shortcuts}`);
    assert.match(shortcuts, /Esc/, `the shortcuts line names Esc: ${shortcuts}`);

    const field = 'li.task[data-index="0"] input[name=label]';
    const before = await page.inputValue(field);
    await page.focus(field);
    const first = await runAndWait(page, { ...SLOW, start: () => page.keyboard.press('Control+Enter') });
    assert.equal(first, 1, 'Ctrl+Enter in a label field starts a run');
    assert.equal(await page.inputValue(field), before, 'the label keeps its text (no line break, nothing typed)');

    await applyText(page, 'v1 all\nslow 3000ms ok 1');
    const run = (await currentRun(page)) + 1;
    await page.click('#run');
    await waitFor(page, `#playground[data-run="${run}"][data-run-state="running"]`, 'the three-second run to start', SLOW);
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('Escape');
    await waitFor(page, `#playground[data-run="${run}"][data-run-state="stopped"]`, 'Escape to stop the run', SLOW);
  });
  assert.deepEqual(problems, []);
  await context.close();
});

// ---- 7. undo ---------------------------------------------------------------

test('a removed task comes back with Undo or Ctrl+Z, in its place', async () => {
  const { page, context, problems } = await openPlayground(site);
  await withPage(page, async () => {
    assert.deepEqual(await taskLabels(page), ['user', 'posts', 'prefs']);
    await rowButton(page, 1, 'remove');
    await taskCount(page, 2);
    assert.equal((await page.textContent('#undo-line')).trim().startsWith('Removed posts.'), true, await page.textContent('#undo-line'));
    assert.equal(await page.getAttribute('#undo-line', 'role'), 'status');
    await page.click('#undo-remove');
    await taskCount(page, 3);
    assert.deepEqual(await taskLabels(page), ['user', 'posts', 'prefs'], 'Undo puts posts back in its place');

    for (let left = 2; left >= 0; left--) {
      await rowButton(page, 0, 'remove');
      await taskCount(page, left);
    }
    assert.match(await page.textContent('#tasks-title'), /\(0\)/);
    await page.evaluate(() => document.activeElement?.blur());
    for (let back = 1; back <= 3; back++) {
      await page.keyboard.press('Control+z');
      await taskCount(page, back, `Ctrl+Z number ${back} to bring back a task`);
    }
    assert.deepEqual(await taskLabels(page), ['user', 'posts', 'prefs'], 'three Ctrl+Z bring all back in order');

    // Inside a text field, Ctrl+Z belongs to the field.
    await rowButton(page, 2, 'remove');
    await taskCount(page, 2);
    const field = 'li.task[data-index="0"] input[name=label]';
    await page.focus(field);
    await page.keyboard.press('End');
    await page.keyboard.type('x');
    await page.keyboard.press('Control+z');
    await waitUntil(page, (f) => document.querySelector(f)?.value === 'user', field, "the field's own undo to take back the typed x");
    await drawn(page);
    assert.equal(await count(page, 'li.task'), 2, 'Ctrl+Z in a label field brings back no task');
    // The removal is still there to undo from outside the field.
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('Control+z');
    await taskCount(page, 3, 'Ctrl+Z outside the field to bring prefs back');
    const labels = await taskLabels(page);
    assert.equal(labels[2], 'prefs', `prefs is back in its place: ${JSON.stringify(labels)}`);
  });
  assert.deepEqual(problems, []);
  await context.close();
});

// ---- 8. each outcome keeps its value ---------------------------------------

test('switching a task between fulfils and rejects keeps each value', async () => {
  const { page, context, problems } = await openPlayground(site);
  await withPage(page, async () => {
    const row = 'li.task[data-index="1"]';
    const value = `${row} input[name=value]`;
    const is = (want, what) =>
      waitUntil(page, ([s, w]) => document.querySelector(s)?.value === w, [value, want], what);
    assert.equal(await page.inputValue(value), "['Hello', 'Promises']");
    await page.selectOption(`${row} select[name=outcome]`, 'reject');
    await is("Error('failed')", 'a first rejection reason to be offered');
    await page.selectOption(`${row} select[name=outcome]`, 'fulfil');
    await is("['Hello', 'Promises']", 'the fulfil value to come back');

    // A reason of one's own is kept as well.
    await page.selectOption(`${row} select[name=outcome]`, 'reject');
    await is("Error('failed')", 'the rejection reason again');
    await page.fill(value, "Error('offline')");
    await page.selectOption(`${row} select[name=outcome]`, 'fulfil');
    await is("['Hello', 'Promises']", 'the fulfil value after editing the reason');
    await page.selectOption(`${row} select[name=outcome]`, 'reject');
    await is("Error('offline')", 'the edited reason to come back');
  });
  assert.deepEqual(problems, []);
  await context.close();
});

// ---- 9. bring back across a reload -----------------------------------------

test('own tasks replaced by an example can be brought back after a reload', async () => {
  const { page, context, problems } = await openPlayground(site);
  await withPage(page, async () => {
    await applyText(page, "v1 race\nmine 50ms ok 'mine'\nalso 70ms ok 2");
    await loadPreset(page, 'timeout');
    assert.deepEqual(await taskLabels(page), ['request', 'timeout']);
    await waitFor(page, '#bring-back', 'the offer to bring own tasks back');
    await page.reload();
    await waitFor(page, '#playground[data-run-state]', 'the app to mount again');
    assert.deepEqual(await taskLabels(page), ['request', 'timeout'], 'the example is still loaded after the reload');
    await waitFor(page, '#bring-back', 'the offer to still be there after the reload', { state: 'visible' });
    await page.click('#bring-back');
    await waitUntil(page, () => !document.querySelector('#bring-back'), null, 'the offer to go once used');
    assert.deepEqual(await taskLabels(page), ['mine', 'also']);
  });
  assert.deepEqual(problems, []);
  await context.close();
});

// ---- 10. ignored -----------------------------------------------------------

test('the tasks a race ignores are tagged in the table and noted on their lanes', async () => {
  const { page, context, problems } = await openPlayground(site);
  await withPage(page, async () => {
    await loadPreset(page, 'already-settled');
    await runAndWait(page, SLOW);
    await page.click('details.table-view > summary');
    await waitFor(page, '#timeline-table tr[data-task="3"]', 'the table rows', { state: 'visible' });
    const tags = await page.$$eval('#timeline-table tr[data-task]', (rows) =>
      rows.map((r) => r.querySelectorAll('.tag.ignored').length > 0),
    );
    assert.deepEqual(tags, [true, false, true, true], 'timer, cached and answer are ignored; failed won the race');
    for (const i of [0, 1, 2, 3]) {
      const notes = await page.$$eval(`svg#timeline g.lane[data-task="${i}"] text.lane-note`, (ns) => ns.map((n) => n.textContent));
      const ignored = notes.some((n) => n.includes('ignored'));
      assert.equal(ignored, i !== 1, `lane ${i} notes: ${JSON.stringify(notes)}`);
    }
  });
  assert.deepEqual(problems, []);
  await context.close();
});

// ---- 11. stopped -----------------------------------------------------------

/** Runs TO_STOP and stops it once the quick task has settled. */
async function runAndStop(page) {
  await applyText(page, TO_STOP);
  const run = (await currentRun(page)) + 1;
  await page.click('#run');
  await waitFor(page, 'svg#timeline g.lane[data-task="0"][data-status="fulfilled"]', 'the quick task to settle', SLOW);
  await page.click('#stop');
  await waitFor(page, `#playground[data-run="${run}"][data-run-state="stopped"]`, 'Stop to stop the run', SLOW);
}

test('a stopped run cuts the unsettled bars at one moment and says so', async () => {
  const { page, context, problems } = await openPlayground(site);
  await withPage(page, async () => {
    await runAndStop(page);
    const lanes = await page.evaluate(() =>
      [1, 2].map((i) => {
        const g = document.querySelector(`svg#timeline g.lane[data-task="${i}"]`);
        return {
          stopped: g.querySelectorAll('rect.bar.stopped').length,
          open: g.querySelectorAll('rect.bar.open').length,
          caps: [...g.querySelectorAll('line.stop-cap')].map((l) => Number(l.getAttribute('x1'))),
        };
      }),
    );
    const seen = JSON.stringify(lanes);
    for (const [k, lane] of lanes.entries()) {
      assert.ok(lane.stopped >= 1, `lane ${k + 1} has a stopped bar: ${seen}`);
      assert.equal(lane.open, 0, `lane ${k + 1} is not drawn as never settling: ${seen}`);
      assert.equal(lane.caps.length, 1, `lane ${k + 1} has one stop cap: ${seen}`);
    }
    assert.equal(lanes[0].caps[0], lanes[1].caps[0], `both bars were cut at the same moment: ${seen}`);
    assert.equal(await count(page, 'svg#timeline rect.bar.open'), 0, 'no bar anywhere says "never settles"');
    assert.ok((await legend(page)).includes('stopped by hand'), JSON.stringify(await legend(page)));
    await page.click('details.table-view > summary');
    await waitFor(page, '#timeline-table tr[data-task="1"]', 'the opened table to list the slow task', SLOW);
    const cell = await page.$eval('#timeline-table tr[data-task="1"]', (tr) => tr.cells[3].textContent);
    assert.match(cell, /^stopped at \d+ ms$/, 'the table says when the slow task was stopped');
  });
  assert.deepEqual(problems, []);
  await context.close();
});

// ---- 12. marks at the same moment ------------------------------------------

test('a late handling and the combinator at the same moment are drawn apart', async () => {
  const { page, context, problems } = await openPlayground(site);
  await withPage(page, async () => {
    await loadPreset(page, 'unhandled');
    await runAndWait(page, SLOW);
    const xs = await page.evaluate(() => ({
      late: [...document.querySelectorAll('svg#timeline g.lane[data-task="1"] line.late-mark')].map((l) => Number(l.getAttribute('x1'))),
      combinator: [...document.querySelectorAll('svg#timeline line.combinator-line')].map((l) => Number(l.getAttribute('x1'))),
    }));
    assert.equal(xs.late.length, 1, `one late mark on the failing task: ${JSON.stringify(xs)}`);
    assert.equal(xs.combinator.length, 1, `one combinator line: ${JSON.stringify(xs)}`);
    assert.ok(Math.abs(xs.late[0] - xs.combinator[0]) >= 4, `the two marks are at least 4 units apart: ${JSON.stringify(xs)}`);
    const marks = await legend(page);
    assert.ok(marks.includes('unhandled rejection') && marks.includes('handled late'), JSON.stringify(marks));
  });
  assert.deepEqual(problems, []);
  await context.close();
});

// ---- 13. another speed -----------------------------------------------------

test('at 0.25× the result, the caption and the report give both times', async () => {
  const { page, context, problems } = await openPlayground(site, { permissions: ['clipboard-read', 'clipboard-write'] });
  await withPage(page, async () => {
    await page.selectOption('#speed', '0.25');
    await runAndWait(page, SLOW);
    const status = (await page.textContent('#result-status')).trim();
    assert.match(
      status,
      /after (4\d\d|5\d\d) ms \(the scenario's time; (1\d{3}|2\d{3}) ms of real time at 0\.25×\) with$/,
    );
    const caption = await page.textContent('.timeline-caption');
    assert.ok(caption.includes('at 0.25×'), caption);
    await page.click('#copy-report');
    await waitFor(page, '#notice', 'the confirmation that the report was copied');
    const report = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
    assert.equal(report.speed, 0.25);
    const { at_ms: real, at_scenario_ms: scenario } = report.result;
    assert.ok(Math.abs(scenario - real * 0.25) <= 0.2, `result at ${scenario} scenario ms, ${real} real ms`);
    const off = report.events.filter((e) => Math.abs(e.scenario_ms - e.t_ms * 0.25) > 0.2);
    assert.deepEqual(off, [], 'every event: scenario_ms = t_ms × 0.25');
    assert.ok(report.events.length >= 6, `the events are there: ${report.events.length}`);
  });
  assert.deepEqual(problems, []);
  await context.close();
});

// ---- 14. what changed since the run ----------------------------------------

test('after a run, the caption and the result say what changed since', async () => {
  const { page, context, problems } = await openPlayground(site);
  await withPage(page, async () => {
    await runAndWait(page, SLOW);
    assert.equal(await page.$('#result-stale'), null, 'nothing is stale right after a run');
    await chooseCombinator(page, 'race');
    const phrase = 'the combinator is now Promise.race (it was Promise.all)';
    await waitUntil(page, (p) => document.querySelector('.timeline-caption')?.textContent.includes(p), phrase, 'the caption to name the change');
    assert.ok((await page.textContent('.timeline-caption')).includes(`Since the last run, ${phrase}`));
    const stale = await page.textContent('#result-stale');
    assert.ok(stale.startsWith(`Since this run, ${phrase}`), stale);
    assert.ok(stale.endsWith('run again to see what that gives.'), stale);

    // Back as it was: nothing to say.
    await chooseCombinator(page, 'all');
    await waitUntil(page, () => !document.querySelector('#result-stale'), null, 'the note to go when the tasks are as run');
    assert.ok(!(await page.textContent('.timeline-caption')).includes('Since the last run'));

    await page.fill('li.task[data-index="1"] input[name=delay]', '300');
    await page.press('li.task[data-index="1"] input[name=delay]', 'Tab');
    const delay = "task 2's delay is now 300 ms (it was 450 ms)";
    await waitUntil(page, (p) => document.querySelector('#result-stale')?.textContent.includes(p), delay, 'the note to name the new delay');
  });
  assert.deepEqual(problems, []);
  await context.close();
});

// ---- 15. an edit during a run ----------------------------------------------

test('editing during a run keeps the live run on the timeline', async () => {
  const { page, context, problems } = await openPlayground(site);
  await withPage(page, async () => {
    await applyText(page, 'v1 all\nslow 3000ms ok 1\nb 100ms ok 2');
    const run = (await currentRun(page)) + 1;
    await page.click('#run');
    await waitFor(page, `#playground[data-run="${run}"][data-run-state="running"]`, 'the run to start', SLOW);
    const delay = 'li.task[data-index="1"] input[name=delay]';
    await page.fill(delay, '150');
    await page.press(delay, 'Tab');
    await waitUntil(
      page,
      () => (document.querySelector('.timeline-caption')?.textContent ?? '').includes('Since the last run'),
      null,
      'the caption to say the tasks changed',
      SLOW,
    );
    const now = await page.evaluate(() => ({
      mode: document.querySelector('svg#timeline')?.dataset.mode,
      state: document.querySelector('#playground').dataset.runState,
      caption: document.querySelector('.timeline-caption').textContent,
    }));
    assert.equal(now.state, 'running', 'the run goes on (the slow task takes 3 s)');
    assert.equal(now.mode, 'run', 'the timeline still shows the live run, not the new plan');
    assert.ok(now.caption.includes("task 2's delay is now 150 ms (it was 100 ms)"), now.caption);
    await page.click('#stop');
    await waitFor(page, `#playground[data-run="${run}"][data-run-state="stopped"]`, 'the run to stop', SLOW);
  });
  assert.deepEqual(problems, []);
  await context.close();
});

// ---- 16. no tasks ----------------------------------------------------------

test('with no tasks the timeline says so and draws no grid', async () => {
  const { page, context, problems } = await openPlayground(site);
  await withPage(page, async () => {
    for (let left = 2; left >= 0; left--) {
      await rowButton(page, 0, 'remove');
      await taskCount(page, left);
    }
    await waitFor(page, 'text.timeline-message', 'the message in place of the lanes');
    const message = await page.textContent('text.timeline-message');
    assert.ok(message.trim().length > 0, 'the message says something');
    assert.equal(await count(page, 'svg#timeline line.grid'), 0, 'no grid lines without lanes');
    assert.equal(await count(page, 'svg#timeline g.lane'), 0);
  });
  assert.deepEqual(problems, []);
  await context.close();
});

// ---- 17. values as the console prints them ---------------------------------

test('error classes, number keys and special numbers print as the console does', async () => {
  const { page, context, problems } = await openPlayground(site);
  await withPage(page, async () => {
    await applyText(
      page,
      "v1 allSettled\na 5ms err new TypeError('x')\nb 5ms ok {2: 'two', b: 1, 1: 'one'}\nc 5ms ok [NaN, Infinity, -Infinity]",
    );
    await runAndWait(page, SLOW);
    const value = (await readResult(page)).value.replace(/\s*\n\s*/g, ' ');
    for (const part of ['reason: TypeError: x', "{ '1': 'one', '2': 'two', b: 1 }", '[ NaN, Infinity, -Infinity ]']) {
      assert.ok(value.includes(part), `the result shows ${part}: ${value}`);
    }
    await page.fill('#scenario-text', 'v1 all\na 5ms ok {__proto__: 1}');
    await page.click('#apply-text');
    await waitFor(page, '#text-error', 'the refusal of a __proto__ key');
    const error = await page.textContent('#text-error');
    assert.ok(error.includes('__proto__'), `the message names the key: ${error}`);
    assert.match(error, /line 2/, `the message names the line: ${error}`);
    assert.match(error, /column \d+/, `the message names the column: ${error}`);
  });
  assert.deepEqual(problems, []);
  await context.close();
});

// ---- 18. right to left -----------------------------------------------------

test('right-to-left labels and values stay in order', async () => {
  const { page, context, problems } = await openPlayground(site);
  await withPage(page, async () => {
    await applyText(page, RTL, { expectTasks: 2 });
    await runAndWait(page, SLOW);
    const result = await page.evaluate((word) => {
      const value = document.querySelector('#result-value');
      const bdis = [...value.querySelectorAll('bdi')];
      const walker = document.createTreeWalker(value, NodeFilter.SHOW_TEXT);
      let first = walker.nextNode();
      while (first && !first.textContent.trim()) first = walker.nextNode();
      const at = first.textContent.indexOf(first.textContent.trim()[0]);
      const range = document.createRange();
      range.setStart(first, at);
      range.setEnd(first, at + 1);
      return {
        text: value.textContent,
        words: bdis.filter((b) => b.textContent === `'${word}'`).length,
        opener: first.textContent[at],
        openerLeft: range.getBoundingClientRect().left,
        bdiLeft: bdis[0]?.getBoundingClientRect().left,
      };
    }, RTL_WORD);
    assert.ok(result.words >= 2, `the word is isolated in the result twice: ${JSON.stringify(result)}`);
    assert.equal(result.opener, '[', 'the value opens with [');
    assert.ok(result.openerLeft < result.bdiLeft, `the opening [ is left of the first isolated word: ${JSON.stringify(result)}`);

    const log = await page.$$eval('#settle-log > li', (lis) =>
      lis.map((li) => ({ text: li.textContent, bdi: li.querySelector('bdi.user-text')?.textContent ?? null })),
    );
    const line = log.find((l) => l.text.includes('(task'));
    assert.ok(line, `a task line in the log: ${JSON.stringify(log)}`);
    assert.equal(line.bdi, RTL_LABEL, `the first task line's label is isolated: ${JSON.stringify(line)}`);

    const text = await page.inputValue('#scenario-text');
    assert.ok(text.includes(`\u2068'${RTL_LABEL}'`), `the text view isolates the label: ${JSON.stringify(text)}`);
    assert.equal(await page.textContent('svg#timeline g.lane[data-task="0"] text.lane-label'), RTL_LABEL);
  });
  assert.deepEqual(problems, []);
  await context.close();
});

// ---- 19. an already-settled task ------------------------------------------

test('an already-settled task has no delay field', async () => {
  const { page, context, problems } = await openPlayground(site);
  await withPage(page, async () => {
    const row = 'li.task[data-index="0"]';
    assert.equal(await count(page, `${row} input[name=delay]`), 1);
    await page.selectOption(`${row} select[name=start]`, 'settled');
    await waitUntil(page, (s) => !document.querySelector(`${s} input[name=delay]`), row, 'the delay field to go');
    assert.equal(await count(page, `${row} input[name=delay]`), 0);
    assert.equal(await page.inputValue(`${row} select[name=start]`), 'settled');
  });
  assert.deepEqual(problems, []);
  await context.close();
});

// ---- 20. the text help -----------------------------------------------------

test('an example in the text help applies with one click', async () => {
  const { page, context, problems } = await openPlayground(site);
  await withPage(page, async () => {
    assert.equal(await page.$eval('details#text-help', (d) => d.open), false, 'the help starts folded');
    await page.click('details#text-help > summary');
    await waitFor(page, '#try-example-0', 'the first example button', { state: 'visible' });
    await page.click('#try-example-0');
    await waitUntil(page, () => document.querySelectorAll('li.task').length === 2, null, 'the example to apply');
    assert.deepEqual(await taskLabels(page), ['request', 'timeout']);
    assert.equal(await page.$eval('input[name=combinator]:checked', (r) => r.value), 'race');
  });
  assert.deepEqual(problems, []);
  await context.close();
});

// ---- 21. screenshots -------------------------------------------------------

for (const viewport of [PHONE, DESKTOP]) {
  for (const colorScheme of ['light', 'dark']) {
    test(`screenshots at ${viewport.width} px, ${colorScheme}: finished, stopped, 50 tasks, right to left`, async () => {
      const { page, context, problems } = await openPlayground(site, { viewport, colorScheme });
      // A full-page picture draws the sticky stage (wide) and the fixed run
      // bar (narrow) where they sit at the current scroll: taken from the
      // top, the page looks as it does on arrival.
      const shoot = async (what) => {
        await page.evaluate(() => window.scrollTo(0, 0));
        await drawn(page);
        console.log(`screenshot: ${await screenshot(page, `learner-${what}-${viewport.width}-${colorScheme}`)}`);
      };
      await withPage(page, async () => {
        await runAndWait(page, SLOW);
        assert.equal((await readResult(page)).data, 'fulfilled');
        await shoot('finished');

        await runAndStop(page);
        await shoot('stopped');

        await applyText(page, fiftyTasks());
        await runAndWait(page, SLOW);
        await shoot('50-tasks');

        await applyText(page, RTL, { expectTasks: 2 });
        await runAndWait(page, SLOW);
        await shoot('rtl');

        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(wide <= viewport.width, `the page does not scroll sideways: scrollWidth ${wide}`);
      });
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}
