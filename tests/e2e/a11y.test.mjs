// axe-core over the whole page, light and dark, before and after a run, with
// every disclosure opened: no serious or critical violation anywhere.
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  useSite, openPlayground, runAndWait, withPage, waitFor, root,
  loadPreset,
} from './support.mjs';

const site = useSite();
const AXE = join(root, 'node_modules', 'axe-core', 'axe.min.js');

/** Runs axe on the document; returns every violation, flattened for printing. */
async function audit(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    // Evaluated by the test driver, not added as a tag: the page's CSP
    // rightly refuses any script it did not ship.
    await page.evaluate(readFileSync(AXE, 'utf8'));
  }
  const { violations, passed } = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    const violations = result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary?.split('\n').slice(0, 3).join(' / ') })),
    }));
    return { violations, passed: result.passes.map((p) => p.id) };
  });
  // Guard against an audit that silently checked nothing.
  assert.ok(passed.includes('color-contrast') || violations.some((v) => v.id === 'color-contrast'), 'axe checked colour contrast');
  assert.ok(passed.length > 15, `axe passed only ${passed.length} rules: did it run?`);
  return violations;
}

function report(where, violations) {
  if (!violations.length) return `${where}: no violations`;
  const lines = [`${where}: ${violations.length} violation(s)`];
  for (const v of violations) {
    lines.push(`  [${v.impact}] ${v.id}: ${v.help}`);
    for (const n of v.nodes.slice(0, 8)) lines.push(`      ${n.target}${n.summary ? `  — ${n.summary}` : ''}`);
    if (v.nodes.length > 8) lines.push(`      … and ${v.nodes.length - 8} more`);
  }
  return lines.join('\n');
}

async function openEverything(page) {
  await page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
  });
}

for (const scheme of ['light', 'dark']) {
  test(`no serious or critical axe violations, ${scheme}`, async (t) => {
    const { page, context, problems } = await openPlayground(site, { colorScheme: scheme });
    const found = [];
    const check = async (where) => {
      const violations = await audit(page);
      const text = report(`${scheme}, ${where}`, violations);
      t.diagnostic(text);
      found.push(...violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ where, ...v })));
    };
    await withPage(page, async () => {
      assert.equal(
        await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches),
        scheme === 'dark',
        'the colour scheme is emulated',
      );
      await check('fresh page');
      await openEverything(page);
      await check('fresh page, guide and table view open');

      // A run that rejects, so the red console, log lines and the result are all drawn.
      await loadPreset(page, 'unhandled');
      await runAndWait(page);
      await check('after a run of "unhandled" (details open)');

      // A notice and a field error are on the page too.
      await page.fill('li.task[data-index="0"] input[name=delay]', '600001');
      await page.click('#run');
      await waitFor(page, '#notice', 'the notice after an invalid Run');
      await check('with a field error and a notice');

      // A text error.
      await page.fill('#scenario-text', 'v1 all\nbad 30s ok 1');
      await page.click('#apply-text');
      await waitFor(page, '#text-error', 'the text error');
      await check('with a text error');

      // The Share window, open over the page (with nothing left to fix).
      await page.click('#revert-text');
      await page.fill('li.task[data-index="0"] input[name=delay]', '600');
      await page.click('#open-share');
      await waitFor(page, '#share-dialog[open] #embed-element', 'the Share window');
      await check('with the Share window open');
      await page.keyboard.press('Escape');

      // The code view, open, in each language; then compare mode.
      await page.evaluate(() => { document.querySelector('#code-view').open = true; });
      await waitFor(page, '#code-program', 'the program');
      await check('with the JavaScript program shown');
      await page.click('#code-tab-rust');
      await waitFor(page, '#code-program[data-lang="rust"]', 'the Rust program');
      await check('with the Rust program shown');
      await page.click('#compare-open');
      await waitFor(page, '#compare[data-finished="6"]', 'the six runs', { timeout: 15_000 });
      await check('in compare mode');
      await page.click('#compare-exit');

      // The embedded layout, read-only after a run, then editable.
      for (const options of ['autorun', 'editable']) {
        await page.goto('about:blank');
        await page.goto(`${site.server.url}#embed&${options}&preset=fail-fast`);
        await waitFor(page, '#playground.embed[data-run-state]', 'the embed');
        if (options === 'autorun') await waitFor(page, '#playground[data-run-state="finished"]', 'the embed\'s run');
        await openEverything(page);
        await check(`embedded, ${options}`);
        if (options === 'autorun') {
          await page.click('#replay-open');
          await waitFor(page, '#replay', 'the embed\'s replay');
          await check('embedded, the replay open');
        }
      }
    });
    const serious = found.map((v) => `${v.where}: [${v.impact}] ${v.id} on ${v.nodes.map((n) => n.target).join(', ')}`);
    assert.deepEqual(serious, [], 'serious or critical accessibility violations (details printed above)');
    // The unhandled preset's rejection is shown by the playground, which
    // keeps the browser from also reporting it as a page error.
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('the live region tells screen reader users what happened', async () => {
  const { page, context, problems } = await openPlayground(site);
  await withPage(page, async () => {
    const announcer = page.locator('#announcer');
    assert.equal(await announcer.getAttribute('aria-live'), 'polite');
    assert.equal(await announcer.textContent(), '', 'quiet before anything happens');
    await loadPreset(page, 'timeout');
    await runAndWait(page);
    const said = await announcer.textContent();
    // The latest few events, the combinator's among them.
    assert.match(said, /Promise\.race rejected with Error: Request timed out, at \d+ ms\./, said);
    assert.match(said, /request \(task 1\) fulfilled with 'data', at \d+ ms\.$/, said);

    await loadPreset(page, 'empty-race');
    await runAndWait(page);
    assert.equal((await announcer.textContent()).trim(), 'Promise.race never settles.');
  });
  assert.deepEqual(problems, []);
  await context.close();
});
