// One dist/ for every host: at a domain's root and under a sub-path, with
// no rebuild, and a console that stays quiet while it loads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage, runAndWait, readResult, withPage, waitFor } from './support.mjs';

/**
 * Chromium warns about a preload that went unused only some seconds after
 * the load; no event says that it will not, so the test gives it this long.
 */
const PRELOAD_WARNING_MS = 4000;

test('the same build runs at the root and under a sub-path, with a quiet console', { timeout: 60_000 }, async () => {
  const browser = await launch();
  for (const prefix of ['/', '/docs/playground/', '/a/much/deeper/path/']) {
    const server = await serveDist({ prefix });
    try {
      for (const link of ['', '#embed&autorun&preset=timeout']) {
        const { page, context, problems } = await openPage(browser, `${server.url}${link}`);
        const said = [];
        page.on('console', (m) => {
          if (m.type() === 'warning' || m.type() === 'error') said.push(`${m.type()}: ${m.text()}`);
        });
        await withPage(page, async () => {
          await waitFor(page, '#playground[data-run-state]', `the app under ${prefix}`);
          if (link) {
            await waitFor(page, '#playground[data-run-state="finished"]', 'the embed to run by itself');
          } else {
            await runAndWait(page);
          }
          assert.equal((await readResult(page)).data === 'none', false, 'a result is shown');
          await page.waitForTimeout(PRELOAD_WARNING_MS);
          assert.deepEqual(said, [], `nothing on the console under ${prefix}${link}`);
          assert.deepEqual(problems, []);
          assert.equal(await page.$('#loading'), null, 'the loading line is gone');
        });
        await context.close();
      }
    } finally {
      await server.close();
    }
  }
  await browser.close();
});
