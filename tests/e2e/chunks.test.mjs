// The parts of the page that come in chunks of their own: a visit that
// only builds and runs tasks fetches none of them (so the first load is
// what scripts/size counts), each part fetches its chunk when first used
// and works, and a chunk the network loses gives a message and a way to
// try again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import {
  useSite, openPlayground, openPage, runAndWait, withPage, waitFor, dist,
} from './support.mjs';

const site = useSite();
const CHUNK = /\/(split|chunk)_[a-z0-9]+-[0-9a-f]+\.wasm$/;
const nameOf = (url) => url.match(/\/((?:split|chunk)_[a-z0-9]+)-[0-9a-f]+\.wasm$/)[1];

/** Records the chunks `page` fetches, by name (`split_code`, `chunk_3`…). */
function recordChunks(page) {
  const fetched = [];
  page.on('request', (r) => { if (CHUNK.test(r.url())) fetched.push(nameOf(r.url())); });
  return fetched;
}

// Each part: how to open it, what shows it works, and its chunk.
const PARTS = [
  ['code', async (p) => p.click('#code-view > summary'), '#code-program'],
  ['predict', async (p) => p.click('#predict > summary'), '#guess'],
  ['table', async (p) => p.click('.table-view > summary'), '#timeline-table'],
  ['share', async (p) => p.click('#open-share'), '#share-link'],
];

test('building and running tasks fetches no chunk; each part fetches its own when first used', async () => {
  const made = readdirSync(dist).filter((f) => /^split_.*\.wasm$/.test(f)).map((f) => f.replace(/-[0-9a-f]+\.wasm$/, ''));
  assert.ok(made.length >= 7, `the build has its chunks: ${made}`);
  const { page, context, problems } = await openPlayground(site, { acceptDownloads: true });
  const fetched = recordChunks(page);
  await withPage(page, async () => {
    await runAndWait(page);
    assert.deepEqual(fetched, [], 'nothing beyond the first load');

    // Saving the picture loads its code on the first click.
    await Promise.all([page.waitForEvent('download'), page.click('#timeline-svg')]);
    await waitFor(page, '#notice', 'the notice that the picture was saved');
    assert.ok(fetched.includes('split_export'), `the picture's chunk: ${fetched}`);

    for (const [name, open, shown] of PARTS) {
      await open(page);
      await waitFor(page, shown, `the ${name} part`);
      assert.ok(fetched.includes(`split_${name}`), `${name} fetched its chunk: ${fetched}`);
    }
    await page.click('#close-share');
    const loaded = fetched.length;
    // Closed and opened again, a part is drawn from what is loaded.
    await page.click('#predict > summary');
    await page.click('#predict > summary');
    await waitFor(page, '#guess', 'the prediction form again');
    assert.equal(fetched.length, loaded, 'no chunk is fetched twice');

    await page.click('#compare-open');
    await waitFor(page, '#compare[data-finished="6"]', 'the six ways', { timeout: 15_000 });
    assert.ok(fetched.includes('split_compare'), `compare fetched its chunk: ${fetched}`);
    assert.equal(new Set(fetched).size, fetched.length, `each chunk once: ${fetched}`);
    assert.ok(!fetched.includes('split_embed'), 'the embedded layout is never fetched by the full page');
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the embedded layout comes in its own chunk, which the full page never fetches', async () => {
  const { page, context, problems } = await openPage(site.browser, `${site.server.url}#embed&autorun&preset=timeout`);
  const fetched = recordChunks(page);
  await withPage(page, async () => {
    await waitFor(page, '#playground.embed[data-run-state="finished"]', 'the embed to run');
  });
  assert.ok(fetched.includes('split_embed'), `the embed's chunk: ${fetched}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a lost chunk says so in words, the page goes on, and Try again loads it', async () => {
  const compare = /\/split_compare-[0-9a-f]+\.wasm$/;
  const { page, context, problems } = await openPlayground(site);
  await page.route(compare, (route) => route.abort());
  await withPage(page, async () => {
    await page.click('#compare-open');
    await waitFor(page, '#compare-load-failed', 'the message that the comparison could not be loaded');
    assert.match(await page.textContent('#compare-load-failed'), /could not be loaded: check the connection/);
    assert.equal(await page.getAttribute('#compare-load-failed', 'role'), 'alert');
    await page.unroute(compare);
    await page.focus('#compare-retry');
    await page.keyboard.press('Enter');
    await waitFor(page, '#compare[data-finished="6"]', 'the six runs, on the second try', { timeout: 15_000 });
  });
  assert.ok(problems.length > 0 && problems.every((p) => /fetch|ERR_FAILED|load/i.test(p)),
    `only the lost chunk is reported: ${JSON.stringify(problems)}`);
  await context.close();
});

test('a part is fetched when the pointer comes over what opens it, and then opens without a loading line', async () => {
  const { page, context, problems } = await openPlayground(site);
  const fetched = recordChunks(page);
  await withPage(page, async () => {
    const chunk = page.waitForResponse((r) => /\/split_predict-[0-9a-f]+\.wasm$/.test(r.url()));
    await page.hover('#predict > summary');
    await (await chunk).finished();
    assert.ok(fetched.includes('split_predict'), `fetched on hover: ${fetched}`);
    await page.evaluate(() => {
      window.sawLoading = false;
      new MutationObserver(() => {
        if (document.getElementById('predict-loading')) window.sawLoading = true;
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.click('#predict > summary');
    await waitFor(page, '#guess', 'the prediction form');
    assert.equal(await page.evaluate(() => window.sawLoading), false, 'no "Loading" line once preloaded');
    assert.equal(fetched.filter((f) => f === 'split_predict').length, 1, 'and fetched once');
  });
  assert.deepEqual(problems, []);
  await context.close();
});
