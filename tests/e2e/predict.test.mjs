// Predict, then run: a prediction is committed, the run that follows is
// scored part by part, each miss is explained; a challenge answered right
// in every part is kept as solved across reloads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useSite, openPlayground, openPage, withPage, waitFor, screenshot,
} from './support.mjs';

const site = useSite();

async function openPredict(page) {
  if (!(await page.$eval('#predict', (d) => d.open))) await page.click('#predict > summary');
  await waitFor(page, '#guess', 'the prediction form');
}

async function loadChallenge(page, id) {
  await page.selectOption('#challenge', id);
  await page.click('#challenge-load');
  await waitFor(page, '#challenge-question', 'the challenge question');
}

/** Picks the value choice whose text starts with `words`. */
async function pickValue(page, words) {
  const options = await page.$$eval('#guess-value option', (os) => os.map((o) => ({ value: o.value, text: o.textContent })));
  const option = options.find((o) => o.text.replace(/[\u2068\u2069]/g, '').startsWith(words));
  assert.ok(option, `a value choice starting "${words}" among ${JSON.stringify(options.map((o) => o.text))}`);
  await page.selectOption('#guess-value', option.value);
}

async function commit(page) {
  const run = Number((await page.getAttribute('#playground', 'data-run')) ?? 0) + 1;
  await page.click('#commit-guess');
  await waitFor(page, `#playground[data-run="${run}"][data-run-state="finished"]`, 'the run to finish', { timeout: 15_000 });
  await waitFor(page, '#score', 'the score');
  return page.$$eval('#score li', (lis) => lis.map((li) => ({ part: li.dataset.part, right: li.className === 'right', text: li.textContent })));
}

test('a right prediction scores every part, and the challenge stays solved after a reload', async () => {
  const { page, context, problems } = await openPlayground(site);
  await withPage(page, async () => {
    await openPredict(page);
    assert.match(await page.textContent('#challenge-progress'), /^0 of \d+ solved$/);
    await loadChallenge(page, 'all-order');
    await page.check('#guess-fulfils');
    await pickValue(page, "every task's value, in the order of the tasks");
    await page.selectOption('#guess-decider', '1');
    await page.fill('#guess-at', '450');
    await page.press('#guess-at', 'Tab');
    const marks = await commit(page);
    assert.deepEqual(marks.map((m) => m.part), ['outcome', 'value', 'decider', 'time']);
    assert.ok(marks.every((m) => m.right), JSON.stringify(marks));
    assert.equal(await page.textContent('.score-head'), 'All 4 right.');
    await waitFor(page, '#challenge-progress', 'the progress');
    await page.waitForFunction(() => document.querySelector('#challenge-progress').textContent.startsWith('1 of'));
    await screenshot(page, 'predict-right-1440-light');

    await page.reload();
    await waitFor(page, '#playground[data-run-state]', 'the app again');
    await openPredict(page);
    assert.match(await page.textContent('#challenge-progress'), /^1 of \d+ solved$/, 'progress is kept in the browser');
    assert.match(await page.textContent('#challenge option[value="all-order"]'), /^✓ /);
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a wrong prediction is scored part by part, each miss explained from the run', async () => {
  const { page, context, problems } = await openPlayground(site, { viewport: { width: 360, height: 800 } });
  await withPage(page, async () => {
    await openPredict(page);
    await loadChallenge(page, 'any-fast-failure');
    // The classic mix-up of any with race.
    await page.check('#guess-rejects');
    await pickValue(page, "primary's reason");
    await page.selectOption('#guess-decider', '0');
    await page.fill('#guess-at', '150');
    await page.press('#guess-at', 'Tab');
    const marks = await commit(page);
    assert.ok(marks.every((m) => !m.right), JSON.stringify(marks));
    const text = Object.fromEntries(marks.map((m) => [m.part, m.text]));
    assert.match(text.outcome, /It fulfils, not rejects\. Promise\.any passes over rejections until one task fulfils: backup \(task 2\) fulfilled at \d+ ms\./);
    assert.match(text.value, /It fulfilled with 'backup': any takes the value of the first task to fulfil\./);
    assert.match(text.decider, /backup \(task 2\) decided it, settling at \d+ ms; primary \(task 1\) settled at \d+ ms\./);
    assert.match(text.time, /It settled at \d+ ms, not about 150 ms\./);
    assert.match(await page.textContent('.score-head'), /^0 of 4 right\.$/);
    assert.match(await page.textContent('#challenge-progress'), /^0 of \d+ solved$/, 'a miss solves nothing');
    await screenshot(page, 'predict-wrong-360-light');

    // Never settles: value, decider and time are not asked for.
    await page.check('#guess-never');
    assert.equal(await page.isDisabled('#guess-value'), true);
    assert.equal(await page.isDisabled('#guess-at'), true);
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('an embed with view=predict opens on the prediction, and scores it after the run', async () => {
  const { page, context, problems } = await openPage(site.browser, `${site.server.url}#embed&view=predict&preset=mirrors`);
  await withPage(page, async () => {
    await waitFor(page, '#playground.embed #predict[open] #guess', 'the prediction form in the embed');
    await page.check('#guess-fulfils');
    await page.selectOption('#guess-decider', '2');
    const marks = await commit(page);
    assert.deepEqual(marks.map((m) => [m.part, m.right]), [['outcome', true], ['decider', true]], JSON.stringify(marks));
  });
  assert.deepEqual(problems, []);
  await context.close();
});
