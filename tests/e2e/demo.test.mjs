// The first real run, as a user does it: click each combinator's Run button
// on the release build and read the settle order and the result.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage, screenshot } from './support.mjs';

let server;
let browser;
before(async () => {
  server = await serveDist();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const expected = {
  all: { result: "rejected: Error: timeout" },
  allSettled: {
    result:
      "fulfilled: [ { status: 'fulfilled', value: 'Ada' }, { status: 'rejected', reason: Error: timeout }, { status: 'fulfilled', value: { theme: 'dark' } } ]",
  },
  race: { result: "fulfilled: { theme: 'dark' }" },
  any: { result: "fulfilled: { theme: 'dark' }" },
};

test('each combinator runs the fixed task set on real promises', async () => {
  const { page, context, problems } = await openPage(browser, server.url);
  let run = 0;
  for (const [combinator, want] of Object.entries(expected)) {
    await page.click(`button[data-combinator="${combinator}"]`);
    run += 1;
    await page.waitForSelector(`#run[data-run="${run}"][data-finished="true"]`);
    const order = await page.$$eval('#settle-order li', (items) => items.map((li) => li.dataset.task));
    assert.deepEqual(order, ['2', '0', '1'], `${combinator}: prefs (200 ms), user (300 ms), posts (500 ms)`);
    const lines = await page.$$eval('#settle-order li', (items) => items.map((li) => li.textContent));
    assert.match(lines[0], /^prefs fulfilled at \d+ ms with \{ theme: 'dark' \}$/);
    assert.match(lines[2], /^posts rejected at \d+ ms with Error: timeout$/);
    assert.equal(await page.textContent('#result'), want.result, combinator);
  }
  console.log(`screenshot: ${await screenshot(page, 'demo')}`);
  assert.deepEqual(problems, []);
  await context.close();
});
