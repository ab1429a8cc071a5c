// The code view: the JavaScript it shows for each example, run in Node as
// it is, settles the tasks in the order the app's run did and ends with the
// same result; the tabs work from the keyboard; Copy gives the program.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  useSite, openPlayground, runAndWait, withPage, waitFor, readPresets, loadPreset, applyText,
  screenshot, problemsExcept, openPage,
} from './support.mjs';

const site = useSite();
const run = promisify(execFile);

// Loaded before the program: console.log writes its arguments as JSON, with
// errors and undefined as the run report writes them, so that what Node
// printed can be compared with the report.
const CAPTURE = `
const { writeSync } = require('node:fs');
const plain = (v) =>
  v instanceof Error
    ? { name: v.name, message: v.message, ...(v.errors ? { errors: v.errors.map(plain) } : {}) }
    : Array.isArray(v) ? v.map(plain)
    : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]))
    : v === undefined ? null : v;
console.log = (...args) => writeSync(1, JSON.stringify(args.map(plain)) + '\\n');
`;

/** Runs `program` in Node and returns what it printed, one array per line. */
async function runInNode(dir, name, program) {
  const file = join(dir, `${name}.mjs`);
  await writeFile(file, program);
  const { stdout } = await run(process.execPath, ['--require', join(dir, 'capture.cjs'), file], { timeout: 20_000 });
  return stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

async function openCode(page) {
  if (!(await page.$eval('#code-view', (d) => d.open))) await page.click('#code-view > summary');
  return waitFor(page, '#code-program', 'the program');
}

async function report(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-report')]);
  const { readFile } = await import('node:fs/promises');
  return JSON.parse(await readFile(await download.path(), 'utf8'));
}

test('the JavaScript of every example, run in Node, settles as the app did', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'promise-code-'));
  await writeFile(join(dir, 'capture.cjs'), CAPTURE);
  const { page, context, problems } = await openPlayground(site, { acceptDownloads: true });
  try {
    await withPage(page, async () => {
      for (const preset of readPresets()) {
        await loadPreset(page, preset.id);
        await runAndWait(page);
        const app = await report(page);
        await openCode(page);
        await waitFor(page, '#code-program[data-lang="js"]', 'the JavaScript');
        const program = await page.textContent('#code-program');
        const lines = await runInNode(dir, preset.id, program);
        const where = `${preset.id}:\n${JSON.stringify(lines)}`;

        const settles = lines.filter((l) => /\(task \d+\)$/.test(l[1]));
        const order = settles.map((l) => Number(/\(task (\d+)\)$/.exec(l[1])[1]) - 1);
        assert.deepEqual(order, app.settle_order, `settle order, ${where}`);
        for (const [, name, how, value] of settles) {
          const task = Number(/\(task (\d+)\)$/.exec(name)[1]) - 1;
          const event = app.events.find((e) => e.type === 'settled' && e.task === task);
          const status = how === 'fulfilled with' ? 'fulfilled' : 'rejected';
          assert.equal(status, event.status, `task ${task + 1}'s outcome, ${where}`);
          assert.deepEqual(value, status === 'fulfilled' ? event.value : event.reason, `task ${task + 1}'s value, ${where}`);
        }

        const results = lines.filter((l) => l[2] === 'fulfilled with' || l[2] === 'rejected with')
          .filter((l) => !/\(task \d+\)$/.test(l[1]));
        if (app.result.status === 'pending') {
          assert.deepEqual(results, [], `no result, as the app's run had none: ${where}`);
        } else {
          assert.equal(results.length, 1, `one result: ${where}`);
          const [[, , how, value]] = results;
          assert.equal(how === 'fulfilled with' ? 'fulfilled' : 'rejected', app.result.status, `result status, ${where}`);
          const expected = app.result.status === 'fulfilled' ? app.result.value : app.result.reason;
          assert.deepEqual(value, expected, `result value, ${where}`);
        }
        const unhandled = lines.filter((l) => l[1] === 'unhandled rejection:');
        assert.equal(unhandled.length, app.unhandled_rejections.length, `unhandled rejections, ${where}`);
      }
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  // The unhandled-rejection example's rejection is shown by the playground,
  // not reported again by the browser as a page error.
  assert.deepEqual(problems, []);
  await context.close();
});

test('the language tabs follow the arrow keys, and Copy gives the program shown', async () => {
  const { page, context, problems } = await openPlayground(site, { permissions: ['clipboard-read', 'clipboard-write'] });
  await withPage(page, async () => {
    await openCode(page);
    assert.equal(await page.getAttribute('#code-tab-js', 'aria-selected'), 'true');
    assert.equal(await page.getAttribute('#code-tab-rust', 'tabindex'), '-1', 'one tab stop for the tab list');
    await page.focus('#code-tab-js');
    await page.keyboard.press('ArrowRight');
    await waitFor(page, '#code-program[data-lang="rust"]', 'the Rust program');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'code-tab-rust', 'focus follows the tab');
    assert.equal(await page.getAttribute('#code-panel', 'aria-labelledby'), 'code-tab-rust');
    const rust = await page.textContent('#code-program');
    assert.match(rust, /JsFuture::from\(Promise::all\(&started\)\)\.await/);
    assert.ok((await page.$$('#code-program .tok-kw')).length > 10, 'keywords are coloured');
    await page.click('#copy-code');
    await waitFor(page, '#notice', 'the confirmation');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), rust);
    await page.focus('#code-tab-rust');
    await page.keyboard.press('ArrowLeft');
    await waitFor(page, '#code-program[data-lang="js"]', 'the JavaScript again');
    await page.setViewportSize({ width: 360, height: 800 });
    await page.locator('#code-view').scrollIntoViewIfNeeded();
    await screenshot(page, 'code-view-360-light');
    await page.setViewportSize({ width: 1440, height: 900 });

    // The program follows the tasks; with a problem in them, it says so.
    await applyText(page, "v1 race\nslow 500ms ok 'slow'\nfast 20ms err Error('x')", { expectTasks: 2 });
    assert.match(await page.textContent('#code-program'), /after\(20, 'fast \(task 2\)', false, Error\('x'\)\)/);
    assert.match(await page.textContent('#code-program'), /await Promise\.race\(/);
    await page.fill('li.task[data-index="0"] input[name=delay]', '600001');
    await waitFor(page, '#code-unavailable', 'the note that the tasks need fixing');
    await screenshot(page, 'code-view-problem-1440-light');
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a long program shows its first lines, and Copy still gives all of it', async () => {
  const { page, context, problems } = await openPlayground(site, { permissions: ['clipboard-read', 'clipboard-write'] });
  await withPage(page, async () => {
    const text = ['v1 all', ...Array.from({ length: 1000 }, (_, i) => `t${i} ${i}ms ok ${i}`)].join('\n');
    await applyText(page, text, { expectTasks: 1000, paste: true });
    await openCode(page);
    const shown = await page.textContent('#code-program');
    assert.equal(shown.split('\n').length - 1, 400, 'the first 400 lines are shown');
    assert.match(await page.textContent('#code-panel'), /The first 400 of \d+ lines are shown/);
    await page.click('#copy-code');
    await waitFor(page, '#notice', 'the confirmation');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(copied.startsWith(shown), 'the copy begins with what is shown');
    assert.ok(copied.includes("() => after(999, 't999 (task 1000)', true, 999),"), 'and holds the last task');
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the program loads from a chunk of its own when first opened, and says so when it cannot', async () => {
  const chunk = /\/split_code-[0-9a-f]+\.wasm$/;
  const { page, context, problems } = await openPlayground(site);
  const fetched = [];
  page.on('request', (r) => { if (chunk.test(r.url())) fetched.push(r.url()); });
  await withPage(page, async () => {
    await runAndWait(page);
    assert.deepEqual(fetched, [], 'the page runs without the chunk');
    await openCode(page);
    assert.equal(fetched.length, 1, 'the chunk is fetched when the program is first shown');
    await page.click('#code-view > summary');
    await page.click('#code-view > summary');
    await waitFor(page, '#code-program', 'the program again');
    assert.equal(fetched.length, 1, 'and only then');
  });
  assert.deepEqual(problems, []);
  await context.close();

  // A chunk the network loses: a message in words, the page goes on
  // working, and opening the fold again retries.
  const second = await openPlayground(site);
  await second.page.route(chunk, (route) => route.abort());
  await withPage(second.page, async () => {
    await second.page.click('#code-view > summary');
    await waitFor(second.page, '#code-load-failed', 'the message that the program could not be loaded');
    assert.match(await second.page.textContent('#code-load-failed'), /could not be loaded: check the connection/);
    await runAndWait(second.page);
    await second.page.unroute(chunk);
    await second.page.click('#code-view > summary');
    await second.page.click('#code-view > summary');
    await waitFor(second.page, '#code-program', 'the program, on the second try');
  });
  assert.ok(second.problems.length > 0 && second.problems.every((p) => /fetch|ERR_FAILED|load/i.test(p)),
    `only the lost chunk is reported: ${JSON.stringify(second.problems)}`);
  await second.context.close();
});

test('an embed with view=code opens on the program', async () => {
  const { page, context, problems } = await openPage(site.browser, `${site.server.url}#embed&view=code&preset=timeout`);
  await withPage(page, async () => {
    await waitFor(page, '#playground.embed #code-view[open] #code-program[data-lang="js"]', 'the program in the embed');
    assert.match(await page.textContent('#code-program'), /await Promise\.race\(tasks\.map/);
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('with Abort the rest on, the JavaScript aborts the same tasks in Node as the app did', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'promise-code-'));
  await writeFile(join(dir, 'capture.cjs'), CAPTURE);
  const { page, context, problems } = await openPlayground(site, { acceptDownloads: true });
  try {
    await withPage(page, async () => {
      await page.check('#abort-rest');
      for (const id of ['timeout', 'race-never', 'fail-fast']) {
        await loadPreset(page, id);
        await runAndWait(page);
        const app = await report(page);
        assert.ok(app.aborted.length > 0, `${id}: the app aborted something`);
        await openCode(page);
        await waitFor(page, '#code-program[data-lang="js"]', 'the JavaScript');
        const program = await page.textContent('#code-program');
        assert.match(program, /const controller = new AbortController\(\);/);
        const lines = await runInNode(dir, `abort-${id}`, program);
        const task = (l) => Number(/\(task (\d+)\)$/.exec(l[1])[1]) - 1;
        const settles = lines.filter((l) => /\(task \d+\)$/.test(l[1]) && l[2] !== 'aborted');
        const aborted = lines.filter((l) => /\(task \d+\)$/.test(l[1]) && l[2] === 'aborted');
        const where = `${id}: ${JSON.stringify(lines)}`;
        assert.deepEqual(settles.map(task), app.settle_order, `settle order, ${where}`);
        assert.deepEqual(aborted.map(task).sort(), [...app.aborted].sort(), `aborted tasks, ${where}`);
      }
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  assert.deepEqual(problems, []);
  await context.close();
});
