// The first real run, as a user does it: on the default tasks (user 300 ms,
// posts 450 ms, prefs 200 ms, all fulfilling), pick each way of combining,
// press Run, and read the order things settled in and the result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useSite, openPlayground, runAndWait, readResult, withPage, chooseCombinator, msIn, LATE_MS,
} from './support.mjs';

const site = useSite();

const VALUES = "[ { name: 'Ada' }, [ 'Hello', 'Promises' ], { theme: 'dark' } ]";
const expected = {
  all: { title: 'Promise.all', ms: 450, value: VALUES },
  allSettled: {
    title: 'Promise.allSettled',
    ms: 450,
    value:
      "[ { status: 'fulfilled', value: { name: 'Ada' } }, { status: 'fulfilled', value: [ 'Hello', 'Promises' ] }, " +
      "{ status: 'fulfilled', value: { theme: 'dark' } } ]",
  },
  race: { title: 'Promise.race', ms: 200, value: "{ theme: 'dark' }" },
  any: { title: 'Promise.any', ms: 200, value: "{ theme: 'dark' }" },
  // The loop starts each only when the last is done: 300 + 450 + 200.
  sequential: { title: 'await in a loop', ms: 950, value: VALUES, order: ['user', 'posts', 'prefs'] },
  'parallel-await': { title: 'start all, then await each', ms: 450, value: VALUES },
};

test('each combinator runs the default tasks on real promises', async (t) => {
  const { page, context, problems } = await openPlayground(site);
  assert.equal((await page.textContent('#run')).trim(), 'Run');
  assert.equal(await page.getAttribute('#result', 'data-status'), 'none');
  for (const [combinator, want] of Object.entries(expected)) {
    await t.test(combinator, () =>
      withPage(page, async () => {
        await chooseCombinator(page, combinator);
        await runAndWait(page);
        const r = await readResult(page);
        const order = r.log.map((l) => /^(\S+) \(task \d+\)/.exec(l.text)?.[1]).filter(Boolean);
        assert.deepEqual(order, want.order ?? ['prefs', 'user', 'posts'], `${combinator}: settle order`);
        const prefs = r.log.find((l) => l.text.startsWith('prefs'));
        assert.equal(prefs.text, "prefs (task 3) fulfilled with { theme: 'dark' }");
        assert.equal(r.data, 'fulfilled');
        assert.equal(r.status, `${want.title} fulfilled after ${msIn(r.status)} ms with`);
        const at = msIn(r.status);
        assert.ok(at >= want.ms - 1 && at <= want.ms + LATE_MS, `${combinator}: settled at ${at} ms, want about ${want.ms}`);
        assert.equal(r.value.replace(/\s*\n\s*/g, ' '), want.value, `${combinator}: #result-value`);
        // The combinator's own line is in the log too, with the same value on one line.
        assert.ok(
          r.log.some((l) => l.kind === 'combinator' && l.text === `${want.title} fulfilled with ${want.value}`),
          `${combinator}: the log has the combinator's line`,
        );
        assert.equal((await page.textContent('#run')).trim(), 'Run again');
      }),
    );
  }
  assert.deepEqual(problems, []);
  await context.close();
});

// The DOM contract: the radio inputs are stretched over their styled labels,
// so a pointer lands on the real control (and tools that click the input, as
// Playwright's check() does, reach it).
test('each combinator radio input covers its styled label', async () => {
  const { page, context, problems } = await openPlayground(site);
  const hits = await page.$$eval('input[type=radio][name=combinator]', (inputs) =>
    inputs.map((input) => {
      const label = document.querySelector(`label[for="${input.id}"]`);
      label.scrollIntoView({ block: 'center' });
      const r = label.getBoundingClientRect();
      const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      const z = getComputedStyle(input).zIndex;
      return { value: input.value, hit: hit === input ? 'input' : `${hit?.tagName.toLowerCase()}.${hit?.className}`, z };
    }),
  );
  const covered = hits.filter((h) => h.hit !== 'input');
  assert.deepEqual(
    covered,
    [],
    'at the centre of each styled label the topmost element should be its radio input; ' +
      'instead the label (position: relative, later in the DOM) is painted over the input',
  );
  await page.check('input[type=radio][name=combinator][value="race"]', { timeout: 3000 });
  assert.deepEqual(problems, []);
  await context.close();
});
