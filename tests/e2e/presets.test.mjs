// Every preset, run for real: what its "Notice" sentence promises is what
// the page shows. The preset list is read from src/model/presets.rs, so a new
// preset without an expectation here fails loudly instead of going untested.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useSite, openPlayground, runAndWait, readResult, withPage, waitUntil, readPresets,
  problemsExcept, msIn, LATE_MS,
  loadPreset,
} from './support.mjs';

const site = useSite();
const presets = readPresets();

/** A console value with its line breaks folded, as one line of Node output. */
const flat = (s) => (s ?? '').replace(/\s*\n\s*/g, ' ');

/** `time` is `want` ms, give or take a timer's lateness. */
function near(time, want, what) {
  assert.ok(
    time >= want - 1 && time <= want + LATE_MS,
    `${what}: expected about ${want} ms (up to ${LATE_MS} ms late), got ${time} ms`,
  );
}

/** Labels of the log's task lines, in the order they appear. */
const settleOrder = (r) => r.log.map((l) => /^(\S+) \(task \d+\)/.exec(l.text)?.[1]).filter(Boolean);

/** The log line that starts with `prefix`, or a failure naming the log. */
function line(r, prefix) {
  const found = r.log.find((l) => l.text.startsWith(prefix));
  assert.ok(found, `no log line starts with ${JSON.stringify(prefix)}; log: ${JSON.stringify(r.log.map((l) => l.text))}`);
  return found;
}

function fulfilled(r, title, ms, value) {
  assert.equal(r.data, 'fulfilled', 'section#result[data-status]');
  assert.match(r.status, new RegExp(`^${title.replace(/\./g, '\\.')} fulfilled after \\d+ ms with$`));
  near(msIn(r.status), ms, title);
  assert.equal(flat(r.value), value, '#result-value (line breaks folded)');
}

function rejected(r, title, ms, reason) {
  assert.equal(r.data, 'rejected', 'section#result[data-status]');
  assert.match(r.status, new RegExp(`^${title.replace(/\./g, '\\.')} rejected after \\d+ ms with$`));
  near(msIn(r.status), ms, title);
  assert.equal(flat(r.value), reason, '#result-value (line breaks folded)');
}

function pending(r, title) {
  assert.equal(r.data, 'pending', 'section#result[data-status]');
  assert.equal(r.status, `${title} is still pending`);
  assert.equal(r.value, 'pending — never settles');
}

/** What each preset must produce, from its notice and the tests in presets.rs. */
const expectations = {
  'page-load': (r) => {
    // Ready at the slowest (450 ms), not the sum (950 ms); values in input order.
    fulfilled(r, 'Promise.all', 450, "[ { name: 'Ada' }, [ 'Hello', 'Promises' ], { theme: 'dark' } ]");
    assert.ok(r.value.includes('\n'), 'a value this long is spread over lines, as Node prints it');
    assert.deepEqual(settleOrder(r), ['prefs', 'user', 'posts'], 'they arrive fastest first');
  },
  'fail-fast': (r) => {
    rejected(r, 'Promise.all', 150, 'Error: 500 Internal Server Error');
    // Nothing cancels the others: user and prefs still settle, after the rejection.
    const all = line(r, 'Promise.all rejected with Error: 500 Internal Server Error');
    near(line(r, 'user (task 1) fulfilled').at, 300, 'user still settles');
    near(line(r, 'prefs (task 3) fulfilled').at, 500, 'prefs still settles');
    assert.ok(r.log.indexOf(all) < r.log.indexOf(line(r, 'user (task 1)')), 'the rejection comes before user settles');
  },
  dashboard: (r) => {
    fulfilled(
      r,
      'Promise.allSettled',
      400,
      "[ { status: 'fulfilled', value: { temp: 21 } }, { status: 'rejected', reason: Error: 503 Service Unavailable }, " +
        "{ status: 'fulfilled', value: [ 101.5, 99.2 ] }, { status: 'fulfilled', value: 'Final: 2-1' } ]",
    );
    assert.deepEqual(settleOrder(r), ['stocks', 'weather', 'sports', 'news']);
  },
  timeout: (r) => {
    rejected(r, 'Promise.race', 500, 'Error: Request timed out');
    // The request still completes, unobserved.
    near(line(r, "request (task 1) fulfilled with 'data'").at, 800, 'the request still completes');
  },
  mirrors: (r) => {
    fulfilled(r, 'Promise.any', 350, "'asia.example'");
    assert.deepEqual(settleOrder(r), ['eu', 'asia', 'us'], 'eu fails first, and any waits for asia');
    near(line(r, 'eu (task 1) rejected with Error: ECONNREFUSED').at, 150, 'eu fails');
  },
  dependent: (r) => {
    fulfilled(r, 'await in a loop', 750, "[ 'token-42', { name: 'Ada' }, 'ada.png' ]");
    // Each step starts when the one before is done: 200, 200+300, 200+300+250.
    near(line(r, 'login (task 1)').at, 200, 'login');
    near(line(r, 'profile (task 2)').at, 500, 'profile starts after login');
    near(line(r, 'avatar (task 3)').at, 750, 'avatar starts after profile');
  },
  'loop-too-slow': (r) => {
    fulfilled(r, 'await in a loop', 950, "[ 'user', 'posts', 'prefs' ]");
    assert.deepEqual(settleOrder(r), ['user', 'posts', 'prefs'], 'one at a time, in order, though prefs is quickest');
  },
  'empty-all': (r) => {
    fulfilled(r, 'Promise.all', 0, '[]');
    assert.deepEqual(settleOrder(r), []);
  },
  'empty-sequential': (r) => {
    fulfilled(r, 'await in a loop', 0, '[]');
    assert.deepEqual(settleOrder(r), []);
  },
  'empty-parallel-await': (r) => {
    fulfilled(r, 'start all, then await each', 0, '[]');
    assert.deepEqual(settleOrder(r), []);
  },
  'empty-all-settled': (r) => {
    fulfilled(r, 'Promise.allSettled', 0, '[]');
  },
  'empty-race': (r) => {
    pending(r, 'Promise.race');
    assert.deepEqual(r.log, [], 'nothing at all happens');
  },
  'empty-any': (r) => {
    rejected(r, 'Promise.any', 0, 'AggregateError: All promises were rejected { [errors]: [] }');
  },
  'any-all-rejected': (r) => {
    rejected(
      r,
      'Promise.any',
      300,
      'AggregateError: All promises were rejected { [errors]: [ Error: primary down, Error: backup down, Error: cache empty ] }',
    );
    assert.deepEqual(settleOrder(r), ['backup', 'cache', 'primary'], 'they fail in time order; the errors list is in input order');
  },
  'race-never': (r) => {
    fulfilled(r, 'Promise.race', 300, "'reply'");
    assert.deepEqual(settleOrder(r), ['reply'], 'hung never settles');
  },
  'all-never': (r) => {
    pending(r, 'Promise.all');
    assert.deepEqual(settleOrder(r), ['user', 'prefs'], 'the others settle; hung never does');
    assert.ok(!r.log.some((l) => l.text.startsWith('Promise.all')), 'Promise.all itself never settles');
  },
  'already-settled': (r) => {
    rejected(r, 'Promise.race', 0, 'Error: already failed');
    const order = settleOrder(r);
    assert.equal(order[0], 'failed', 'the first already-settled input in the array wins');
    assert.equal(order.at(-1), 'timer', 'even a 0 ms timer comes after settled promises and plain values');
  },
  'equal-delays': (r) => {
    fulfilled(r, 'Promise.race', 300, "'first'");
    assert.deepEqual(settleOrder(r), ['first', 'second', 'third'], 'same delay: in the order they were started');
  },
  unhandled: (r) => {
    rejected(r, 'start all, then await each', 600, 'Error: boom');
    const unhandled = line(r, 'fails (task 2): the browser reports an unhandled rejection');
    const late = line(r, 'fails (task 2): the rejection was handled late');
    near(unhandled.at, 100, 'the unhandled rejection');
    near(late.at, 600, 'handled late');
    const slow = line(r, "slow (task 1) fulfilled with 'slow'");
    assert.ok(
      r.log.indexOf(unhandled) < r.log.indexOf(slow) && r.log.indexOf(slow) < r.log.indexOf(late),
      'unhandled while the loop awaits slow, handled late once it gets there',
    );
  },
};

/**
 * Page errors a preset causes on purpose: none. A rejection left unhandled
 * is shown by the playground, which keeps the browser from reporting it
 * again as a page error (an embedding page's console stays quiet).
 */
const expectedProblems = {};

test('the preset list read from presets.rs matches the picker', async () => {
  assert.ok(presets.length >= 17, `only ${presets.length} presets read from presets.rs`);
  const { page, context, problems } = await openPlayground(site);
  const options = await page.$$eval('select#preset option', (os) => os.map((o) => [o.value, o.textContent]));
  assert.deepEqual(
    options.filter(([v]) => v).map(([v]) => v),
    presets.map((p) => p.id),
    'select#preset offers every preset, in the order of presets.rs',
  );
  for (const p of presets) {
    assert.ok(options.some(([v, t]) => v === p.id && t === p.title), `${p.id}: option text is the title`);
  }
  const missing = presets.map((p) => p.id).filter((id) => !expectations[id]);
  assert.deepEqual(missing, [], 'presets with no expectation in presets.test.mjs: add what each must produce');
  assert.deepEqual(problems, []);
  await context.close();
});

test('every preset, run, produces what its notice promises', async (t) => {
  const { page, context, problems } = await openPlayground(site);
  try {
    for (const [i, preset] of presets.entries()) {
      await t.test(preset.id, async () => {
        const before = problems.length;
        await withPage(page, async () => {
          await loadPreset(page, preset.id);
          await waitUntil(
            page,
            (text) => document.querySelector('#scenario-text')?.value === text,
            preset.text,
            `the text view to show ${preset.id}`,
          );
          assert.equal(
            (await page.textContent('#preset-notice')).trim(),
            `Notice: ${preset.notice.replaceAll('`', '')}`,
            '#preset-notice says what to notice',
          );
          const lines = preset.text.split('\n').length - 1;
          assert.equal(await page.locator('li.task').count(), lines, 'one editor row per task');

          const run = await runAndWait(page);
          assert.equal(run, i + 1, 'each run gets the next id');
          assert.equal((await page.textContent('#run')).trim(), 'Run again');
          const result = await readResult(page);
          const expect = expectations[preset.id];
          assert.ok(expect, `no expectation for preset ${preset.id}`);
          expect(result);
          // A run that settled says when the last settle came; one that never settles says so.
          const status = await page.textContent('#run-status');
          assert.match(status, result.log.length ? /^Finished: the last settle came at \d+ ms$/ : /^Finished: nothing settled$/);
        });
        const mine = problems.slice(before);
        const allowed = expectedProblems[preset.id] ?? [];
        for (const want of allowed) {
          assert.ok(mine.includes(want), `${preset.id}: the browser should have reported ${want}; got ${JSON.stringify(mine)}`);
        }
        assert.deepEqual(problemsExcept(mine, allowed), [], `${preset.id}: console errors or page errors`);
      });
    }
  } finally {
    await context.close();
  }
});
