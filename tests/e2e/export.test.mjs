// Saving the timeline (and the six ways side by side) as SVG and PNG: the
// SVG stands alone, in the theme on screen, one lane per task; the PNG is
// a real PNG where the page's policy allows blob: images, and a clear
// message where it does not.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  useSite, openPlayground, openPage, runAndWait, withPage, waitFor, serveDist, CSP, problemsExcept,
} from './support.mjs';

const site = useSite();
let relaxed;
before(async () => {
  relaxed = await serveDist({ csp: `${CSP}; img-src 'self' blob:` });
});
after(async () => {
  await relaxed?.close();
});

async function saved(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  return { name: download.suggestedFilename(), body: await readFile(await download.path()) };
}

/** The SVG file, read by the browser's own parser. */
async function parse(page, text) {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      root: root.nodeName,
      error: doc.querySelector('parsererror')?.textContent ?? null,
      width: Number(root.getAttribute('width')),
      lanes: root.querySelectorAll('g[data-status]').length,
      ways: root.querySelectorAll('g[data-way]').length,
      fills: [...root.querySelectorAll('rect[fill]')].map((r) => r.getAttribute('fill')),
    };
  }, text);
}

test('Save as SVG writes a standalone picture with one lane per task, in the dark theme', async () => {
  const { page, context, problems } = await openPlayground(site, { acceptDownloads: true, colorScheme: 'dark' });
  await withPage(page, async () => {
    await runAndWait(page);
    const file = await saved(page, '#timeline-svg');
    assert.equal(file.name, 'timeline.svg');
    const text = file.body.toString('utf8');
    assert.ok(text.startsWith('<?xml'), text.slice(0, 60));
    assert.ok(!/var\(|<script|<style|class=/.test(text), 'no style sheet, script or class is needed');
    const svg = await parse(page, text);
    assert.equal(svg.error, null);
    assert.equal(svg.root, 'svg');
    assert.equal(svg.lanes, 3, 'one lane per task');
    assert.ok(svg.width > 300, `a real width: ${svg.width}`);
    // The background is the dark panel's colour, not white.
    assert.match(svg.fills[0], /^rgb\((\d+), (\d+), (\d+)\)$/);
    const [r, g, b] = /\d+/g[Symbol.match](svg.fills[0]).map(Number);
    assert.ok(r + g + b < 200, `a dark background: ${svg.fills[0]}`);
    await waitFor(page, '#notice', 'the confirmation');
    assert.match(await page.textContent('#notice'), /saved as timeline\.svg/);

    // The six ways side by side save the same way.
    await page.click('#compare-open');
    await waitFor(page, '#compare[data-finished="6"]', 'the six runs', { timeout: 15_000 });
    const six = await parse(page, (await saved(page, '#compare-svg')).body.toString('utf8'));
    assert.equal(six.error, null);
    assert.equal(six.ways, 6, 'one group per way');
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('Save as PNG under the strict policy says why it cannot, and works where blob: images are allowed', async () => {
  const strict = await openPlayground(site, { acceptDownloads: true });
  await withPage(strict.page, async () => {
    await runAndWait(strict.page);
    await strict.page.click('#timeline-png');
    await waitFor(strict.page, '#notice', 'the message');
    assert.match(await strict.page.textContent('#notice'), /could not be saved as PNG: this page's security policy does not let it draw pictures \(it needs img-src blob:\); saving as SVG works everywhere/);
  });
  // The browser reports the refused image itself.
  assert.deepEqual(problemsExcept(strict.problems, [/Content Security Policy/, /img-src/]), []);
  await strict.context.close();

  const { page, context, problems } = await openPage(site.browser, relaxed.url, { acceptDownloads: true });
  await withPage(page, async () => {
    await waitFor(page, '#playground[data-run-state]', 'the app');
    await runAndWait(page);
    const png = await saved(page, '#timeline-png');
    assert.equal(png.name, 'timeline.png');
    assert.deepEqual([...png.body.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'the PNG signature');
    // Twice the size on screen, for sharp slides.
    const width = png.body.readUInt32BE(16);
    assert.ok(width > 600, `${width} pixels wide`);
  });
  assert.deepEqual(problems, []);
  await context.close();
});
