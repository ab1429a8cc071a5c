// A run during which the tab is hidden is flagged: browsers throttle timers
// in hidden tabs, so its timeline is not faithful, and the page says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPlayground, runAndWait, applyText, withPage, waitFor } from './support.mjs';

const site = useSite();

test('hiding the tab mid-run shows the hidden-tab warning', async () => {
  const { page, context } = await openPlayground(site);
  await withPage(page, async () => {
    await applyText(page, "v1 all\nslow 400ms ok 'slow'");
    assert.equal(await page.$('#hidden-warning'), null, 'no warning before any run');
    // Headless tabs are never really hidden: report hidden the way a
    // browser does when the tab goes to the background.
    await runAndWait(page, { state: 'running' });
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await waitFor(page, '#playground[data-run-state="finished"]', 'the run to finish');
    await waitFor(page, '#hidden-warning', 'the hidden-tab warning');
    assert.match(await page.textContent('#hidden-warning'), /not faithful/);

    // A run with the tab in view is not flagged.
    await page.evaluate(() => {
      delete document.hidden;
    });
    await runAndWait(page);
    assert.equal(await page.$('#hidden-warning'), null, 'the warning belongs to the run that was hidden');
  });
  await context.close();
});
