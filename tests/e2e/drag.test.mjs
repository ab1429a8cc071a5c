// The timeline as an editor: drag a timer's grip (mouse, touch) or nudge it
// with the arrow keys, and the task's delay changes in the editor, and the
// next run follows it. Also what the lanes say about each task.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useSite, openPlayground, applyText, runAndWait, readResult, withPage, waitFor, waitUntil,
  loadPreset,
} from './support.mjs';

const site = useSite();

const RACE = "v1 race\nslow 400ms ok 'slow'\nfast 200ms ok 'fast'";
const delayField = (i) => `li.task[data-index="${i}"] input[name=delay]`;
const handle = (i) => `svg#timeline .delay-handle[data-task="${i}"]`;
const order = (r) => r.log.map((l) => /^(\S+) \(task \d+\)/.exec(l.text)?.[1]).filter(Boolean);

/** Loads the race of slow (400 ms) and fast (200 ms), runs it, and checks fast wins. */
async function raceFastWins(page) {
  await applyText(page, RACE);
  await runAndWait(page);
  const r = await readResult(page);
  assert.equal(r.value, "'fast'", 'fast (200 ms) wins the first race');
  assert.deepEqual(order(r), ['fast', 'slow']);
  await waitFor(page, handle(1), 'the delay handle of task 2 (fast)');
}

/** The delay field of task `i` as a number, once it differs from `from`. */
async function delayChangedFrom(page, i, from) {
  await waitUntil(
    page,
    ([sel, old]) => document.querySelector(sel)?.value !== old,
    [delayField(i), String(from)],
    `the delay field of task ${i + 1} to change from ${from}`,
  );
  return Number(await page.inputValue(delayField(i)));
}

async function centre(page, selector) {
  const box = await page.locator(selector).boundingBox();
  assert.ok(box, `${selector} has no box: is it drawn?`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

test('dragging fast\'s grip past slow makes slow win the next race (mouse)', async () => {
  const { page, context, problems } = await openPlayground(site, { viewport: { width: 1280, height: 900 } });
  await withPage(page, async () => {
    await raceFastWins(page);
    await page.locator(handle(1)).scrollIntoViewIfNeeded();
    const from = await centre(page, handle(1));
    const svg = await page.locator('svg#timeline').boundingBox();
    const to = { x: svg.x + svg.width - 2, y: from.y };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 12 });
    await page.mouse.up();

    const delay = await delayChangedFrom(page, 1, 200);
    assert.ok(delay > 400, `dragged to the far right, fast's delay should pass slow's 400 ms; it is ${delay}`);
    assert.equal(delay % 10, 0, `a dragged delay is rounded to 10 ms: ${delay}`);
    assert.equal(await page.inputValue(delayField(0)), '400', 'slow is untouched');
    assert.equal(await page.getAttribute(handle(1), 'aria-valuenow'), String(delay), 'the grip reports the new delay');
    assert.match(await page.inputValue('#scenario-text'), new RegExp(`\\nfast ${delay}ms ok 'fast'$`), 'the text view follows');

    await runAndWait(page);
    const r = await readResult(page);
    assert.equal(r.value, "'slow'", 'now slow wins');
    assert.deepEqual(order(r), ['slow', 'fast'], 'and the settle order is reversed');
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a finger drags the grip too (touch events)', async () => {
  const { page, context, problems } = await openPlayground(site, {
    viewport: { width: 800, height: 1000 },
    hasTouch: true,
    isMobile: false,
  });
  await withPage(page, async () => {
    await raceFastWins(page);
    // slow's grip, dragged left to the start of the axis: slow becomes the quicker.
    await page.locator(handle(0)).scrollIntoViewIfNeeded();
    const from = await centre(page, handle(0));
    const zero = await page.evaluate(() => {
      const tick = [...document.querySelectorAll('.timeline-axis .tick-label')].find((t) => t.textContent.trim() === '0 ms');
      const r = tick?.getBoundingClientRect();
      return r ? r.x + r.width / 2 : null;
    });
    assert.ok(zero != null, 'the axis has a 0 ms tick');
    // Record what the page hears, to say why if the drag stops short.
    await page.evaluate(() => {
      window.__pointer = [];
      for (const type of ['pointerdown', 'pointermove', 'pointerup', 'pointercancel']) {
        document.addEventListener(type, (e) => {
          if (window.__pointer.at(-1)?.type === type) window.__pointer.at(-1).n += 1;
          else window.__pointer.push({ type, n: 1 });
        }, true);
      }
    });
    const cdp = await context.newCDPSession(page);
    const touch = (type, x, y) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y, id: 1 }] });
    await touch('touchStart', from.x, from.y);
    for (let i = 1; i <= 10; i++) await touch('touchMove', from.x + ((zero - from.x) * i) / 10, from.y);
    await touch('touchEnd');

    const delay = await delayChangedFrom(page, 0, 400);
    const heard = (await page.evaluate(() => window.__pointer)).map((e) => `${e.type}×${e.n}`).join(' ');
    assert.ok(
      delay < 200,
      `slow dragged to 0 ms should now be quicker than fast (200 ms); it is ${delay}. ` +
        `Pointer events during the 10-step touch drag: ${heard}` +
        (heard.includes('pointercancel') ? ' — the browser cancelled the pointer to pan the page (touch-action is not in effect)' : ''),
    );
    await runAndWait(page);
    const r = await readResult(page);
    assert.equal(r.value, "'slow'");
    assert.deepEqual(order(r), ['slow', 'fast']);
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the grip is a slider: Shift+ArrowRight adds 100 ms, ArrowRight/Left ±10 ms', async () => {
  const { page, context, problems } = await openPlayground(site);
  await withPage(page, async () => {
    await raceFastWins(page);
    // Reach the grip with the keyboard: Tab from the Run button.
    await page.focus('#run');
    let reached = false;
    for (let i = 0; i < 10 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.matches('.delay-handle[data-task="0"]') ?? false);
    }
    assert.ok(reached, 'Tab from #run reaches the first grip');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.task), '1', 'the next Tab reaches fast\'s grip');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), 'slider');
    const ring = await page.evaluate(() => getComputedStyle(document.activeElement.querySelector('.focus-ring')).stroke);
    assert.notEqual(ring, 'none', 'the focused grip draws its focus ring');

    let expected = 200;
    for (let i = 1; i <= 3; i++) {
      await page.keyboard.press('Shift+ArrowRight');
      expected += 100;
      await waitUntil(page, ([s, v]) => document.querySelector(s)?.value === v, [delayField(1), String(expected)], `delay ${expected} after Shift+ArrowRight #${i}`);
      assert.equal(await page.getAttribute(handle(1), 'aria-valuenow'), String(expected));
      assert.equal(await page.getAttribute(handle(1), 'aria-valuetext'), `${expected} ms`);
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.task), '1', 'focus stays on the grip as it moves');
    }
    await page.keyboard.press('ArrowRight');
    expected += 10;
    await waitUntil(page, ([s, v]) => document.querySelector(s)?.value === v, [delayField(1), String(expected)], `delay ${expected} after ArrowRight`);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expected -= 20;
    await waitUntil(page, ([s, v]) => document.querySelector(s)?.value === v, [delayField(1), String(expected)], `delay ${expected} after ArrowLeft ×2`);
    assert.equal(await page.inputValue(delayField(0)), '400', 'slow is untouched');

    // 490 ms now: slow (400 ms) wins the next race.
    await runAndWait(page);
    const r = await readResult(page);
    assert.equal(r.value, "'slow'");
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('lanes say where each task stands: planned, running, fulfilled, rejected, pending, not started', async () => {
  const { page, context, problems } = await openPlayground(site);
  const lanes = () =>
    page.$$eval('svg#timeline g.lane', (gs) => gs.map((g) => `${g.dataset.task}:${g.dataset.status}`));
  const rows = () =>
    page.$$eval('table#timeline-table tbody tr', (trs) => trs.map((tr) => `${tr.dataset.task}:${tr.dataset.status}`));
  await withPage(page, async () => {
    await waitFor(page, 'svg#timeline g.lane', 'the lanes');
    assert.deepEqual(await lanes(), ['0:planned', '1:planned', '2:planned'], 'before a run the lanes show the plan');

    // A slow run, to see the lanes while it runs.
    await page.selectOption('#speed', '0.25');
    await runAndWait(page, { state: 'running' });
    await waitFor(page, 'svg#timeline g.lane[data-status="running"]', 'a running lane');
    await waitFor(page, '#playground[data-run-state="finished"]', 'the slow run to finish', { timeout: 15_000 });
    assert.deepEqual(await lanes(), ['0:fulfilled', '1:fulfilled', '2:fulfilled']);
    assert.equal(await page.locator('.timeline-axis .combinator-mark').count(), 1, 'one mark for the combinator');
    assert.equal(await page.getAttribute('.timeline-axis .combinator-mark', 'data-outcome'), 'fulfilled');
    assert.equal(await page.locator('#timeline-table').count(), 0, 'a closed table is not made');
    await page.click('details.table-view > summary');
    await waitFor(page, '#timeline-table tbody tr', 'the table rows');
    assert.deepEqual(await rows(), ['0:fulfilled', '1:fulfilled', '2:fulfilled'], 'the table view says the same');
    await page.selectOption('#speed', '1');

    await loadPreset(page, 'fail-fast');
    await runAndWait(page);
    assert.deepEqual(await lanes(), ['0:fulfilled', '1:rejected', '2:fulfilled']);
    assert.equal(await page.getAttribute('.timeline-axis .combinator-mark', 'data-outcome'), 'rejected');

    await loadPreset(page, 'all-never');
    await runAndWait(page);
    assert.deepEqual(await lanes(), ['0:fulfilled', '1:pending', '2:fulfilled']);
    assert.equal(await page.locator(handle(1)).count(), 0, 'a task that never settles has no delay to drag');

    await applyText(page, "v1 sequential\na 50ms ok 1\nb 50ms err Error('x')\nc 50ms ok 3");
    await runAndWait(page);
    assert.deepEqual(await lanes(), ['0:fulfilled', '1:rejected', '2:not-started'], 'the loop stops at the rejection');
    assert.deepEqual(await rows(), ['0:fulfilled', '1:rejected', '2:not-started']);
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the timeline\'s accessible name says how the run ended', async () => {
  const { page, context, problems } = await openPlayground(site);
  await withPage(page, async () => {
    await runAndWait(page);
    const fulfilled = await page.getAttribute('svg#timeline', 'aria-label');
    await loadPreset(page, 'fail-fast');
    await runAndWait(page);
    const rejected = await page.getAttribute('svg#timeline', 'aria-label');
    assert.match(fulfilled, /^Timeline of 3 tasks under Promise\.all: the latest run, fulfilled at \d+ ms$/);
    assert.match(rejected, /^Timeline of 3 tasks under Promise\.all: the latest run, rejected at \d+ ms$/);
  });
  assert.deepEqual(problems, []);
  await context.close();
});
