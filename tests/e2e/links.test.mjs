// Share links: hand-written links open the state they say, Copy link makes
// links that open the same state again, the Embed window gives the code to
// paste, and a link that is broken in any way opens a working page that
// says what was wrong and where, without losing the person's own tasks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import {
  useSite, openPage, openPlayground, runAndWait, readResult, withPage, waitFor, waitUntil,
  taskLabels, applyText, problemsExcept, STORAGE_KEY,
} from './support.mjs';

const site = useSite();

/** Opens the playground at `fragment` in a fresh context and waits for it. */
async function openLink(fragment, options = {}) {
  const opened = await openPage(site.browser, `${site.server.url}${fragment}`, options);
  await waitFor(opened.page, '#playground[data-run-state]', 'the app to mount');
  return opened;
}

const checked = (page) => page.$eval('input[name=combinator]:checked', (i) => i.value);

/** The README's example links, one per combinator, with what each run gives. */
const EXAMPLES = [
  ["#s=v1+all;user+300ms+ok+'Ada';posts+500ms+ok+[1,+2,+3];prefs+200ms+ok+{theme:+'dark'}",
    'all', ['user', 'posts', 'prefs'], "[ 'Ada', [ 1, 2, 3 ], { theme: 'dark' } ]"],
  ["#s=v1+allSettled;weather+250ms+ok+{temp:+21};news+400ms+err+Error('503');stocks+150ms+ok+[101.5,+99.2]",
    'allSettled', ['weather', 'news', 'stocks'], "{ status: 'rejected', reason: Error: 503 }"],
  ["#s=v1+race;request+800ms+ok+'data';timeout+500ms+err+Error('timed+out')",
    'race', ['request', 'timeout'], 'Error: timed out'],
  ["#s=v1+any;mirror1+300ms+err+Error('down');mirror2+450ms+ok+'mirror2';mirror3+600ms+ok+'mirror3'",
    'any', ['mirror1', 'mirror2', 'mirror3'], "'mirror2'"],
  ["#s=v1+sequential;login+200ms+ok+'token';profile+300ms+ok+{name:+'Ada'};avatar+250ms+err+Error('not+found')",
    'sequential', ['login', 'profile', 'avatar'], 'Error: not found'],
  ["#speed=2&s=v1+parallel-await;slow+600ms+ok+'slow';fails+100ms+err+Error('boom')",
    'parallel-await', ['slow', 'fails'], 'Error: boom'],
];

for (const [fragment, combinator, labels, result] of EXAMPLES) {
  test(`the README's ${combinator} link opens its scenario and runs it`, { timeout: 30_000 }, async () => {
    const { page, context, problems } = await openLink(fragment);
    await withPage(page, async () => {
      assert.equal(await checked(page), combinator);
      assert.deepEqual(await taskLabels(page), labels);
      assert.equal(await page.evaluate(() => location.hash), '', 'the link is read, then taken out of the address bar');
      await runAndWait(page);
      const r = await readResult(page);
      assert.ok(r.value.includes(result), `${r.value} should include ${result}`);
    });
    // The loop's unhandled rejection is what that scenario is about: the
    // playground shows it, and the browser does not report it again.
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('options in a link set the speed and the view, and an example opens by name', { timeout: 30_000 }, async () => {
  const { page, context, problems } = await openLink('#speed=0.5&view=table&preset=timeout');
  await withPage(page, async () => {
    assert.equal(await page.inputValue('#speed'), '0.5');
    assert.equal(await page.$eval('details.table-view', (d) => d.open), true, 'the table view is open');
    assert.deepEqual(await taskLabels(page), ['request', 'timeout']);
    assert.match(await page.textContent('#preset-notice'), /timeout settles first/);
  });
  assert.deepEqual(problemsExcept(problems), []);
  await context.close();
});

test('a link puts the own tasks aside, across a reload, until they are brought back', { timeout: 30_000 }, async () => {
  const { page, context } = await openPlayground(site);
  await withPage(page, async () => {
    await applyText(page, 'v1 any\nmine 20ms ok 1\nalso-mine 40ms ok 2');
    await page.goto(`${site.server.url}#s=v1+race;theirs+10ms+ok+'x'`);
    await waitUntil(page, () => document.querySelector('li.task input[name=label]')?.value === 'theirs', null, 'the link\'s task');
    await waitFor(page, '#bring-back', 'the way back to the own tasks');
    await page.reload();
    await waitFor(page, '#bring-back', 'the way back, still there after a reload');
    assert.deepEqual(await taskLabels(page), ['theirs'], 'the reload shows what was open, not the link again');
    await page.click('#bring-back');
    await waitUntil(page, () => document.querySelector('li.task input[name=label]')?.value === 'mine', null, 'the own tasks');
    assert.deepEqual(await taskLabels(page), ['mine', 'also-mine']);
    assert.equal(await checked(page), 'any');
  });
  await context.close();
});

/** A page whose scenario is the person's own, then `fragment` opened over it. */
async function openBroken(fragment) {
  const opened = await openPlayground(site);
  await applyText(opened.page, 'v1 all\nkept 30ms ok 7');
  await opened.page.goto(`${site.server.url}${fragment}`);
  await waitFor(opened.page, '#notice.problem', 'the notice about the broken link');
  return opened;
}

/** A real compressed link's value: zlib, then URL-safe base64. */
const COMPRESSED = deflateSync("v1 race\nslow 900ms ok 'data'\ntimeout 500ms err Error('timed out')").toString('base64url');
const flipped = (s, at) => s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);

const BROKEN = [
  ['a mistake in the text', "#s=v1+all;a+30s+ok+1", /mistake at line 1, column 10: expected a delay/],
  ['a truncated compressed link', `#z1=${COMPRESSED.slice(0, 30)}`, /cut short: copy the whole link again/],
  ['a compressed link with a stray character', `#z1=${COMPRESSED.slice(0, 10)}*${COMPRESSED.slice(10)}`, /does not belong, '\*', at position 11/],
  ['a damaged compressed link', `#z1=${flipped(COMPRESSED, 20)}`, /damaged|cut short/],
  ['a future version of the text', '#s=v2+all;a+1ms+ok+1', /format v2, and this playground reads only format v1/],
  ['a future compressed format', '#z2=AAAA', /compressed format z2/],
  ['bad options', '#speed=9&theme=pink', /speed=9 was ignored.*theme=pink was ignored/],
];

for (const [what, fragment, says] of BROKEN) {
  test(`${what} opens a working page that says what was wrong and where`, { timeout: 30_000 }, async () => {
    const { page, context, problems } = await openBroken(fragment);
    await withPage(page, async () => {
      assert.match(await page.textContent('#notice'), says);
      assert.equal(await page.getAttribute('#notice', 'role'), 'alert');
      assert.deepEqual(await taskLabels(page), ['kept'], 'the own tasks are still there');
      await runAndWait(page);
      assert.equal((await readResult(page)).value, '[ 7 ]', 'and they run');
    });
    assert.deepEqual(problemsExcept(problems), []);
    await context.close();
  });
}

test('a link with a mistake puts its text in the text view, pointing at it', { timeout: 30_000 }, async () => {
  const { page, context } = await openBroken('#s=v1+all;a+30s+ok+1');
  await withPage(page, async () => {
    assert.equal(await page.inputValue('#scenario-text'), 'v1 all;a 30s ok 1');
    assert.match(await page.textContent('#text-error'), /line 1, column 10/);
    // Saving waits for a pause: what ends up stored is the own tasks, not
    // the link's broken text.
    await waitUntil(
      page,
      (k) => localStorage.getItem(k) === 'v1 all\nkept 30ms ok 7',
      STORAGE_KEY,
      'the own tasks to stay what is stored',
    );
  });
  await context.close();
});

// Chromium refuses addresses over 2 MB before any page sees them, so the
// longest link a reader can open here is 1.5 MB; the model's own tests
// refuse 5 MB, and the message API and the text view take longer texts.
test('a 1.5 MB link is refused unread and the page stays usable', { timeout: 60_000 }, async () => {
  const { page, context, problems } = await openPlayground(site);
  await withPage(page, async () => {
    const huge = `#s=v1+all;${'a'.repeat(1.5 * 1024 * 1024)}`;
    await page.goto(`${site.server.url}${huge}`);
    await waitFor(page, '#notice.problem', 'the notice about the oversized link', { timeout: 30_000 });
    assert.match(await page.textContent('#notice'), /characters long; a link may hold at most 524288/);
    await runAndWait(page);
    assert.equal((await readResult(page)).data, 'fulfilled');
  });
  assert.deepEqual(problemsExcept(problems), []);
  await context.close();
});

test('Copy link makes a link that opens the same state, short or long', { timeout: 60_000 }, async () => {
  const permissions = ['clipboard-read', 'clipboard-write'];
  const { page, context } = await openPlayground(site, { permissions });
  await withPage(page, async () => {
    await applyText(page, "v1 race\n'a b' 5ms ok {k: [1, 'x']}\n'طلب' 9ms err Error('no')");
    await page.selectOption('#speed', '2');
    await page.click('#copy-link');
    await waitUntil(page, () => /link is on the clipboard/.test(document.querySelector('#notice')?.textContent ?? ''), null, 'the copy to be confirmed');
    const short = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(short.startsWith(site.server.url + '#speed=2&s=v1+race;'), short);
    assert.ok(short.length < 2000);

    const lines = ['v1 allSettled'];
    for (let i = 0; i < 300; i++) lines.push(`task${i} ${i}ms ok ${i}`);
    await applyText(page, lines.join('\n'), { expectTasks: 300 });
    await page.click('#copy-link');
    await waitUntil(page, () => /link is on the clipboard/.test(document.querySelector('#notice')?.textContent ?? ''), null, 'the second copy');
    const long = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(long, /#speed=2&z1=[A-Za-z0-9_-]+$/, 'a long scenario is compressed');

    for (const [link, labels, count] of [[short, ['a b', 'طلب'], 2], [long, ['task0', 'task1'], 300]]) {
      const other = await openPage(site.browser, link);
      await waitFor(other.page, '#playground[data-run-state]', 'the copied link to open');
      assert.equal(await other.page.inputValue('#speed'), '2');
      assert.match(await other.page.textContent('#tasks-title'), new RegExp(`\\(${count}\\)`));
      assert.deepEqual((await taskLabels(other.page)).slice(0, 2), labels);
      assert.deepEqual(problemsExcept(other.problems), []);
      await other.context.close();
    }
  });
  await context.close();
});

test('the Embed window shows the element and the iframe for this scenario', { timeout: 30_000 }, async () => {
  const { page, context } = await openLink("#s=v1+race;'<b>x</b>'+5ms+ok+1");
  await withPage(page, async () => {
    await page.click('#open-share');
    await waitFor(page, '#share-dialog[open] #embed-element', 'the Embed window');
    await page.check('#embed-autorun');
    await page.selectOption('#embed-theme', 'dark');
    await waitUntil(page, () => document.querySelector('#embed-element').textContent.includes('autorun theme="dark"'), null, 'the options in the code');
    const element = await page.textContent('#embed-element');
    assert.equal(
      element,
      `<script src="${site.server.url}embed.js" defer></script>\n<promise-playground autorun theme="dark">\n` +
        "v1 race\n'&lt;b&gt;x&lt;/b&gt;' 5ms ok 1\n</promise-playground>",
    );
    const iframe = await page.textContent('#embed-iframe');
    assert.match(iframe, /^<iframe src="[^"]+#embed&amp;autorun=1&amp;theme=dark&amp;s=v1\+race;'%3Cb%3Ex%3C\/b%3E'\+5ms\+ok\+1" title="Promise playground"/);
    // The iframe's address opens the embed it describes.
    const src = iframe.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&');
    const embed = await openPage(site.browser, src);
    await waitFor(embed.page, '#playground.embed[data-run-state="finished"]', 'the embed to autorun');
    assert.equal(await embed.page.getAttribute('html', 'data-theme'), 'dark');
    assert.equal(await embed.page.textContent('.summary-label'), '<b>x</b>');
    await embed.context.close();
    await page.keyboard.press('Escape');
    await waitUntil(page, () => !document.querySelector('#share-dialog').open, null, 'Escape to close the window');
  });
  await context.close();
});
