// The parts of the page that come in chunks of their own: a visit that
// only builds and runs tasks fetches none of them (so the first load is
// what scripts/size counts), each part fetches its chunk when first used
// and works, what a part holds survives its fold closing, and a chunk the
// network loses gives a message and a way to try again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import {
  useSite, openPlayground, openPage, runAndWait, withPage, waitFor, waitUntil, dist,
} from './support.mjs';

const site = useSite();

/**
 * The chunks `page` has fetched since it was opened, by name (`split_code`,
 * `chunk_3`…), from the browser's own record of the page's resources, which
 * begins with the navigation.
 */
function chunksFetched(page) {
  return page.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => new URL(e.name).pathname.match(/\/((?:split|chunk)_[a-z0-9_]+)-[0-9a-f]+\.wasm$/)?.[1])
    .filter(Boolean));
}

// Each part: how to open it, and what shows it works.
const PARTS = [
  ['code', '#code-view > summary', '#code-program'],
  ['predict', '#predict > summary', '#guess'],
  ['table', '.table-view > summary', '#timeline-table'],
  ['text_help', '#text-help > summary', '#try-example-0'],
  // Last: its window stays open until closed below.
  ['share', '#open-share', '#share-link'],
];

test('building and running tasks fetches no chunk; each part fetches its own when first used', async () => {
  const made = readdirSync(dist).filter((f) => /^split_.*\.wasm$/.test(f));
  assert.equal(made.length, 8, `the build has its eight chunks: ${made}`);
  const { page, context, problems } = await openPlayground(site, { acceptDownloads: true });
  await withPage(page, async () => {
    await runAndWait(page);
    assert.deepEqual(await chunksFetched(page), [], 'nothing beyond the first load');

    // Saving the picture loads its code on the first click.
    await Promise.all([page.waitForEvent('download'), page.click('#timeline-svg')]);
    await waitFor(page, '#notice', 'the notice that the picture was saved');
    assert.ok((await chunksFetched(page)).includes('split_export'), 'the picture has its chunk');

    for (const [name, opener, shown] of PARTS) {
      await page.click(opener);
      await waitFor(page, shown, `the ${name} part`);
      assert.ok((await chunksFetched(page)).includes(`split_${name}`), `${name} has its chunk`);
    }
    await page.click('#close-share');

    await page.click('#compare-open');
    await waitFor(page, '#compare[data-finished="6"]', 'the six ways', { timeout: 15_000 });
    const fetched = await chunksFetched(page);
    assert.ok(fetched.includes('split_compare'), `compare has its chunk: ${fetched}`);
    assert.equal(new Set(fetched).size, fetched.length, `each chunk once: ${fetched}`);
    assert.ok(!fetched.includes('split_embed'), 'the embedded layout is never fetched by the full page');
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a prediction made survives its fold closing and opening again', async () => {
  const { page, context, problems } = await openPlayground(site);
  await withPage(page, async () => {
    await page.click('#predict > summary');
    await waitFor(page, '#guess', 'the prediction form');
    await page.check('#guess-rejects');
    await page.click('#predict > summary');
    await page.click('#predict > summary');
    await waitFor(page, '#guess', 'the prediction form again');
    assert.equal(await page.isChecked('#guess-rejects'), true, 'the guess is kept');
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the embedded layout comes in its own chunk, and an autorun waits for it', async () => {
  const { page, context, problems } = await openPage(site.browser, `${site.server.url}#embed&autorun&preset=timeout`);
  await withPage(page, async () => {
    await waitFor(page, '#playground.embed[data-run-state="finished"]', 'the embed to run');
    assert.ok((await chunksFetched(page)).includes('split_embed'), "the embed's chunk");
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a part is fetched when the pointer comes over what opens it', async () => {
  const { page, context, problems } = await openPlayground(site);
  await withPage(page, async () => {
    await page.hover('#predict > summary');
    await waitUntil(page, () => performance.getEntriesByType('resource')
      .some((e) => /\/split_predict-[0-9a-f]+\.wasm$/.test(e.name)), null, 'the chunk fetched on hover');
    await page.click('#predict > summary');
    await waitFor(page, '#guess', 'the prediction form');
    const fetched = await chunksFetched(page);
    assert.equal(fetched.filter((f) => f === 'split_predict').length, 1, `fetched once: ${fetched}`);
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a lost chunk says so in words, the page goes on, and Try again loads it from the keyboard', async () => {
  const compare = /\/split_compare-[0-9a-f]+\.wasm$/;
  const { page, context, problems } = await openPlayground(site);
  await page.route(compare, (route) => route.abort());
  await withPage(page, async () => {
    await page.click('#compare-open');
    await waitFor(page, '#compare-load-failed', 'the message that the comparison could not be loaded');
    assert.match(await page.textContent('#compare-load-failed'), /could not be loaded: check the connection/);
    assert.equal(await page.getAttribute('#compare-load-failed', 'role'), 'alert');

    // The second try is held until the focus is checked.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.unroute(compare);
    await page.route(compare, async (route) => { await held; await route.continue(); });
    await page.focus('#compare-retry');
    await page.keyboard.press('Enter');
    await waitFor(page, '#compare-loading', 'the loading line');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'compare-state',
      'the focus stays with the part, not sent to the top of the page');
    release();
    await waitFor(page, '#compare[data-finished="6"]', 'the six runs, on the second try', { timeout: 15_000 });
    await waitUntil(page, () => document.activeElement?.id === 'compare-run', null,
      'the focus on the first control of the part, once drawn');
  });
  assert.ok(problems.length > 0 && problems.every((p) => /fetch|ERR_FAILED|load/i.test(p)),
    `only the lost chunk is reported: ${JSON.stringify(problems)}`);
  await context.close();
});
