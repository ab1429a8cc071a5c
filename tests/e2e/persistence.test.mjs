// What survives a reload, what a damaged stored value does (nothing bad), and
// that text people type is only ever shown as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useSite, openPlayground, applyText, taskLabels, runAndWait, readResult, withPage, waitFor, waitUntil,
  STORAGE_KEY,
} from './support.mjs';

const site = useSite();

const stored = (page) => page.evaluate((k) => localStorage.getItem(k), STORAGE_KEY);

test('a scenario applied in the text view survives a reload', async () => {
  const { page, context, problems } = await openPlayground(site);
  const text = "v1 race\nslow 400ms ok 'slow'\nfast 200ms ok 'fast'\n'two words' 250ms err Error('late')";
  await withPage(page, async () => {
    await applyText(page, text);
    assert.deepEqual(await taskLabels(page), ['slow', 'fast', 'two words']);
    assert.equal(await page.inputValue('#scenario-text'), text);
    await waitUntil(page, ([k, t]) => localStorage.getItem(k) === t, [STORAGE_KEY, text], 'the text to be saved in localStorage');

    await page.reload();
    await waitFor(page, '#playground[data-run-state="idle"]', 'the app after the reload');
    assert.equal(await page.inputValue('#scenario-text'), text, 'the text view after the reload');
    assert.deepEqual(await taskLabels(page), ['slow', 'fast', 'two words'], 'the task labels after the reload');
    assert.equal(await page.inputValue('li.task[data-index="2"] input[name=value]'), "Error('late')");
    assert.equal(await page.inputValue('li.task[data-index="2"] select[name=outcome]'), 'reject');
    assert.equal(await page.inputValue('input[name=combinator]:checked'), 'race');
    assert.equal(await page.inputValue('select#preset'), '', 'no preset is claimed for the person\'s own tasks');
    assert.equal(await page.locator('#notice').count(), 0, 'a good stored scenario needs no notice');

    // And it runs as it should: fast wins.
    await runAndWait(page);
    const r = await readResult(page);
    assert.equal(r.value, "'fast'");
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('an edit in the task editor is saved too', async () => {
  const { page, context, problems } = await openPlayground(site);
  await withPage(page, async () => {
    await page.fill('li.task[data-index="1"] input[name=label]', 'articles');
    await waitUntil(page, (k) => (localStorage.getItem(k) ?? '').includes('\narticles 450ms'), STORAGE_KEY, 'the edited label to be saved');
    await page.reload();
    await waitFor(page, '#playground[data-run-state]', 'the app after the reload');
    assert.deepEqual(await taskLabels(page), ['user', 'articles', 'prefs']);
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a corrupt stored scenario lands in the text view with a notice, never a crash', async () => {
  const { page, context, problems } = await openPlayground(site);
  const corrupt = 'v9 all\nbroken';
  await withPage(page, async () => {
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [STORAGE_KEY, corrupt]);
    await page.reload();
    await waitFor(page, '#playground[data-run-state="idle"]', 'the app to come up despite the corrupt value');

    const notice = page.locator('#notice');
    assert.equal(await notice.getAttribute('role'), 'alert', '#notice is an alert');
    const said = await notice.textContent();
    assert.match(said, /could not be read/, '#notice says the saved scenario could not be read');
    assert.match(said, /line 1, column 1/, '#notice says where the problem is');
    assert.match(said, /v9/, '#notice names what it found');
    assert.equal(await page.inputValue('#scenario-text'), corrupt, 'the corrupt text waits in the text view, to fix');
    assert.match(await page.textContent('#text-error'), /^line 1, column 1: /, '#text-error points at the problem');
    assert.equal(await page.getAttribute('#text-error', 'role'), 'alert');
    assert.equal(await page.getAttribute('#scenario-text', 'aria-invalid'), 'true');
    assert.equal(await page.isHidden('#fatal'), true, 'no crash banner');
    // The example is loaded meanwhile, and still works.
    assert.deepEqual(await taskLabels(page), ['user', 'posts', 'prefs']);
    assert.equal(await stored(page), corrupt, 'the damaged text is kept, not silently thrown away');
    await runAndWait(page);
    assert.equal((await readResult(page)).data, 'fulfilled');

    // Fixing the text and applying it replaces both the text and the notice's cause.
    await applyText(page, "v1 all\nfixed 10ms ok 'ok'");
    assert.deepEqual(await taskLabels(page), ['fixed']);
    await waitUntil(page, (k) => localStorage.getItem(k) === "v1 all\nfixed 10ms ok 'ok'", STORAGE_KEY, 'the fixed text to be saved');
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('other damaged stored values do not crash the page either', async (t) => {
  const values = ['', 'v1', 'v1 all\n' + 'x'.repeat(50) + ' 10ms ok 1', 'v1 all\na 1ms ok {a: {b: {c: {d: 1}}}}', '\u0000\uffff', 'null'];
  for (const value of values) {
    await t.test(JSON.stringify(value).slice(0, 40), async () => {
      const { page, context, problems } = await openPlayground(site);
      await withPage(page, async () => {
        await page.evaluate(([k, v]) => localStorage.setItem(k, v), [STORAGE_KEY, value]);
        await page.reload();
        await waitFor(page, '#playground[data-run-state="idle"]', 'the app to come up');
        assert.equal(await page.isHidden('#fatal'), true, 'no crash banner');
        const view = await page.inputValue('#scenario-text');
        const notice = await page.locator('#notice').count();
        // Either it was read (then the text view shows a scenario) or it is kept with a notice.
        assert.ok(notice === 1 ? view === value : view.startsWith('v1 '), `text view ${JSON.stringify(view)}, notice ${notice}`);
        await runAndWait(page);
      });
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});

test('markup typed as a label is shown as text and never run', async () => {
  const { page, context, problems } = await openPlayground(site);
  const dialogs = [];
  page.on('dialog', async (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss();
  });
  const script = '<script>alert(1)</script>';
  const img = '<img src=x onerror=alert(2)>';
  const text = `v1 all\n'${script}' 10ms ok 1\n'${img}' 20ms err Error('<b>bold</b>')`;
  await withPage(page, async () => {
    await applyText(page, text);
    assert.deepEqual(await taskLabels(page), [script, img], 'the labels, exactly as typed');
    await runAndWait(page);
    const r = await readResult(page);
    assert.equal(r.value, 'Error: <b>bold</b>', 'the reason, as text');
    const lines = r.log.map((l) => l.text);
    assert.ok(lines.includes(`${script} (task 1) fulfilled with 1`), `the log shows the label as text: ${JSON.stringify(lines)}`);
    assert.ok(lines.includes(`${img} (task 2) rejected with Error: <b>bold</b>`), `the log shows the label as text: ${JSON.stringify(lines)}`);

    // Reload: the stored text comes back through the same path.
    await page.reload();
    await waitFor(page, '#playground[data-run-state="idle"]', 'the app after the reload');
    assert.deepEqual(await taskLabels(page), [script, img]);
    await runAndWait(page);

    const injected = await page.evaluate(() => ({
      scripts: document.querySelectorAll('#playground script').length,
      imgs: document.querySelectorAll('#playground img').length,
      bold: document.querySelectorAll('#playground b').length,
    }));
    assert.deepEqual(injected, { scripts: 0, imgs: 0, bold: 0 }, 'no element was made from the text');
  });
  assert.deepEqual(dialogs, [], 'no script ran');
  assert.deepEqual(problems, []);
  await context.close();
});
