// A whole edit-and-run cycle with the keyboard alone: no clicks, no
// element.focus(), only the keys a person presses. Every focus stop on the
// way must show a visible focus ring.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useSite, openPlayground, runAndWait, readResult, withPage, waitUntil, explain, msIn, LATE_MS,
} from './support.mjs';

const site = useSite();

/**
 * How the focused element shows focus: its own outline, or (for a radio
 * drawn invisible over a styled label) its label's. `visible` is false when
 * nothing shows it.
 */
function focusRing(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    const ring = (el) => {
      const s = getComputedStyle(el);
      return { style: s.outlineStyle, width: s.outlineWidth, color: s.outlineColor, opacity: s.opacity };
    };
    const own = ring(e);
    const describe = `<${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.name ? ` name=${e.name}` : ''}${e.value && e.type === 'radio' ? ` value=${e.value}` : ''}>`;
    const shows = (r) => r.style !== 'none' && Number.parseFloat(r.width) > 0 && Number(r.opacity) > 0;
    if (shows(own)) return { element: describe, on: 'itself', ...own, visible: true };
    const label = e.labels?.[0];
    if (label) {
      const l = ring(label);
      if (shows(l)) return { element: describe, on: 'its label', ...l, visible: true };
    }
    return { element: describe, on: 'nothing', ...own, visible: false };
  });
}

/** The element with focus, as `matches(selector)` sees it. */
const focusMatches = (page, selector) => page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);

/**
 * Presses Tab (or Shift+Tab) until the focused element matches `selector`,
 * checking the focus ring at each stop. Returns the stops passed through.
 */
async function tabTo(page, selector, { back = false, max = 40, rings } = {}) {
  const stops = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const ring = await focusRing(page);
    stops.push(ring.element);
    rings?.push(ring);
    if (await focusMatches(page, selector)) return stops;
  }
  throw new Error(await explain(page, `${back ? 'Shift+Tab' : 'Tab'} never reached ${selector} in ${max} presses; stops: ${stops.join(' → ')}`));
}

test('edit a task, pick a combinator and run, all from the keyboard', async () => {
  const { page, context, problems } = await openPlayground(site);
  const rings = [];
  await withPage(page, async () => {
    // From the top of a fresh page, Tab into the first task's label.
    const stops = await tabTo(page, 'li.task[data-index="0"] input[name=label]', { rings });
    assert.equal(stops[0], '<a#skip-to-run>', 'the skip link comes first');
    assert.equal(stops[1], '<select#preset>', 'then the examples menu');

    // Replace the label: select all, type.
    await page.keyboard.press('Control+a');
    await page.keyboard.type('account');
    assert.equal(await page.inputValue('li.task[data-index="0"] input[name=label]'), 'account');

    // On to its value field, past the row's buttons and selects.
    await tabTo(page, 'li.task[data-index="0"] input[name=value]', { rings });
    await page.keyboard.press('Control+a');
    await page.keyboard.type("{name: 'Grace'}");

    // Its delay, through the number field's own arrow keys: 300 → 320 (step 10).
    await tabTo(page, 'li.task[data-index="0"] input[name=delay]', { back: true, rings });
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.inputValue('li.task[data-index="0"] input[name=delay]'), '320');

    // Into the combinator group: Tab lands on the checked radio (all); the
    // arrow keys move the choice, as in any radio group.
    await tabTo(page, 'input[name=combinator]:checked', { rings });
    assert.equal(await page.evaluate(() => document.activeElement.value), 'all');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await waitUntil(page, () => document.querySelector('input[name=combinator]:checked')?.value === 'allSettled', null, 'allSettled to be chosen by arrow keys');
    rings.push(await focusRing(page));

    // Open the guide with Space, then close it with Enter.
    await tabTo(page, 'details.guide > summary', { rings });
    await page.keyboard.press('Space');
    assert.equal(await page.evaluate(() => document.querySelector('details.guide').open), true, 'Space opens the guide');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.querySelector('details.guide').open), false, 'Enter closes the guide');

    // Run with Enter.
    await tabTo(page, '#run', { rings });
    await runAndWait(page, { start: () => page.keyboard.press('Enter') });
    const r = await readResult(page);
    assert.equal(r.data, 'fulfilled');
    assert.match(r.status, /^Promise\.allSettled fulfilled after \d+ ms with$/);
    const at = msIn(r.status);
    assert.ok(at >= 450 && at <= 450 + LATE_MS, `allSettled waits for posts at 450 ms; got ${at}`);
    assert.equal(
      r.value.replace(/\s*\n\s*/g, ' '),
      "[ { status: 'fulfilled', value: { name: 'Grace' } }, { status: 'fulfilled', value: [ 'Hello', 'Promises' ] }, " +
        "{ status: 'fulfilled', value: { theme: 'dark' } } ]",
    );
    const account = r.log.find((l) => l.text.startsWith('account (task 1)'));
    assert.ok(account, 'the log uses the new label');
    assert.equal(account.text, "account (task 1) fulfilled with { name: 'Grace' }");
    assert.ok(account.at >= 320 && account.at <= 320 + LATE_MS, `account settles at its new delay, 320 ms; got ${account.at}`);

    // Focus stays on the button, which now offers to run again: Space runs it again.
    assert.equal(await focusMatches(page, '#run'), true, 'focus is still on #run after the run');
    assert.equal((await page.textContent('#run')).trim(), 'Run again');
    await runAndWait(page, { start: () => page.keyboard.press('Space') });

    // Shift+Tab walks back up the page.
    await tabTo(page, '#scenario-text', { back: true, rings });
  });

  const invisible = rings.filter((r) => !r.visible);
  assert.deepEqual(invisible, [], 'every focus stop shows a focus ring (outline) on the element or its label');
  const seen = new Set(rings.map((r) => r.element));
  for (const want of ['<select#preset>', '<input#combinator-allSettled name=combinator value=allSettled>', '<button#run>', '<textarea#scenario-text>']) {
    assert.ok(seen.has(want), `the keyboard walk should pass ${want}; it saw ${[...seen].join(', ')}`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('the focus ring of a combinator radio is drawn on its styled label', async () => {
  const { page, context, problems } = await openPlayground(site);
  await withPage(page, async () => {
    await tabTo(page, 'input[name=combinator]:checked');
    const ring = await focusRing(page);
    assert.equal(ring.visible, true, JSON.stringify(ring));
    assert.equal(ring.on, 'its label');
    assert.notEqual(ring.color, 'rgba(0, 0, 0, 0)', 'the ring has a colour');
  });
  assert.deepEqual(problems, []);
  await context.close();
});
