// The embedded layout: what a docs page's frame of about 700 × 450 shows,
// its options, that it keeps nothing in the site's storage, the way out to
// the full playground, and frames sandboxed with allow-scripts only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  useSite, serveDist, serveFiles, openPage, runAndWait, readResult, withPage, waitFor, waitUntil, taskLabels,
  problemsExcept, screenshot,
} from './support.mjs';

const site = useSite();

/** A second copy of the build whose host sends no CORS header. */
let bare;
before(async () => {
  bare = await serveDist({ cors: false });
});
after(async () => {
  await bare?.close();
});

const PAGE_LOAD =
  "s=v1+all;user+300ms+ok+{name:+'Ada'};posts+450ms+ok+['Hello'];prefs+200ms+ok+{theme:+'dark'}";

async function openEmbed(options, contextOptions = { viewport: { width: 700, height: 450 } }) {
  const opened = await openPage(site.browser, `${site.server.url}#embed&${options}`, contextOptions);
  await waitFor(opened.page, '#playground.embed[data-run-state]', 'the embed to mount');
  return opened;
}

/** Whether the element `selector` lies wholly inside the viewport. */
function inView(page, selector) {
  return page.$eval(selector, (e) => {
    const r = e.getBoundingClientRect();
    return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
  });
}

test('at 700 × 450 the Run bar, the tasks, the timeline and the result all show without scrolling', { timeout: 30_000 }, async () => {
  const { page, context, problems } = await openEmbed(PAGE_LOAD);
  await withPage(page, async () => {
    assert.equal(await page.$('header.top'), null, 'no page chrome');
    assert.equal(await page.$('#scenario-text'), null, 'no text view');
    await runAndWait(page);
    for (const part of ['#run', '.task-summary', 'svg#timeline', '#result-value', '#open-full']) {
      assert.ok(await inView(page, part), `${part} is inside the 700 × 450 frame`);
    }
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(height <= 450, `the page is ${height} px tall, so the frame would scroll`);
    assert.equal((await readResult(page)).value, "[ { name: 'Ada' }, [ 'Hello' ], { theme: 'dark' } ]");
    await screenshot(page, 'embed-700x450-after-run');
  });
  assert.deepEqual(problemsExcept(problems), []);
  await context.close();
});

test('an embed keeps nothing in the site\'s storage, so embeds never leak into each other', { timeout: 30_000 }, async () => {
  const { page, context } = await openEmbed(`editable&${PAGE_LOAD}`);
  await withPage(page, async () => {
    await page.fill('li.task[data-index="0"] input[name=label]', 'edited-in-an-embed');
    await waitUntil(page, () => document.querySelector('#tasks-title') !== null, null, 'the edit');
    await runAndWait(page);
    assert.equal(await page.evaluate(() => localStorage.length), 0, 'nothing stored');
    // Another embed and the full app, in the same browser, know nothing of it.
    await page.goto(`${site.server.url}#embed&s=v1+race;other+5ms+ok+1`);
    await page.reload();
    await waitFor(page, '.summary-label', 'the other embed');
    assert.equal(await page.textContent('.summary-label'), 'other');
    await page.goto(site.server.url);
    await page.reload();
    await waitFor(page, 'li.task', 'the full app');
    assert.deepEqual(await taskLabels(page), ['user', 'posts', 'prefs'], 'the full app opens its own first example');
  });
  await context.close();
});

test('options: autorun, no controls, a theme, a speed, editable', { timeout: 30_000 }, async () => {
  const dark = { viewport: { width: 700, height: 450 }, colorScheme: 'dark' };
  const { page, context, problems } = await openEmbed(`autorun&controls=0&theme=light&speed=2&${PAGE_LOAD}`, dark);
  await withPage(page, async () => {
    await waitFor(page, '#playground[data-run="1"][data-run-state="finished"]', 'the embed to run by itself');
    assert.equal(await page.$('#run'), null, 'no Run bar');
    assert.equal(await page.getAttribute('html', 'data-theme'), 'light');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(background, 'rgb(246, 247, 251)', 'light, although the system is dark');
    const r = await readResult(page);
    const at = Number(/after (\d+) ms/.exec(r.status)[1]);
    assert.ok(at >= 450 && at < 650, `at 2x the times are still the scenario's own: ${at} ms`);
    assert.equal(await page.$('li.task input'), null, 'not editable unless asked');
  });
  assert.deepEqual(problemsExcept(problems), []);
  await context.close();

  const editable = await openEmbed(`editable&theme=dark&${PAGE_LOAD}`);
  await withPage(editable.page, async () => {
    assert.equal(await editable.page.getAttribute('html', 'data-theme'), 'dark');
    assert.equal(await editable.page.inputValue('#combinator-select'), 'all');
    await editable.page.selectOption('#combinator-select', 'race');
    await runAndWait(editable.page);
    assert.equal((await readResult(editable.page)).value, "{ theme: 'dark' }", 'prefs wins the race');
    await screenshot(editable.page, 'embed-700-editable-dark');
  });
  await editable.context.close();
});

test('"Open in the playground" carries the state to the full app', { timeout: 30_000 }, async () => {
  const { page, context } = await openEmbed(`speed=0.5&s=v1+any;a+50ms+err+1;'b+c'+80ms+ok+2`);
  await withPage(page, async () => {
    assert.equal(await page.getAttribute('#open-full', 'target'), '_blank');
    assert.match(await page.getAttribute('#open-full', 'rel'), /noopener/);
    const [full] = await Promise.all([context.waitForEvent('page'), page.click('#open-full')]);
    await waitFor(full, '#playground:not(.embed)', 'the full playground in a new tab');
    assert.deepEqual(await taskLabels(full), ['a', 'b c']);
    assert.equal(await full.inputValue('#speed'), '0.5');
    assert.equal(await full.$eval('input[name=combinator]:checked', (i) => i.value), 'any');
  });
  await context.close();
});

/**
 * A host page on an origin of its own, framing `src` sandboxed with
 * allow-scripts only, and keeping every message from the frame.
 */
async function sandboxedHost(src) {
  const host = await serveFiles({
    '/guide.html': {
      type: 'text/html',
      headers: { 'content-security-policy': "default-src 'self'; frame-src http://127.0.0.1:*" },
      body: `<!doctype html><title>host</title><script src="/host.js"></script>
        <iframe sandbox="allow-scripts" width="700" height="450" src="${src}"></iframe>`,
    },
    '/host.js': {
      type: 'text/javascript',
      body: "window.__messages = []; addEventListener('message', (e) => { " +
        "if (e.source === document.querySelector('iframe').contentWindow) window.__messages.push(e.data); });",
    },
  });
  try {
    const opened = await openPage(site.browser, `${host.url}guide.html`, { viewport: { width: 900, height: 700 } });
    return { ...opened, host };
  } catch (e) {
    await host.close();
    throw e;
  }
}

/** Runs `body` with a sandboxed host page of `src`, and closes both after. */
async function withSandboxedHost(src, body) {
  const opened = await sandboxedHost(src);
  try {
    await withPage(opened.page, () => body(opened));
  } finally {
    await opened.context.close();
    await opened.host.close();
  }
}

test('in an iframe sandboxed with allow-scripts, it runs and talks to its host', { timeout: 30_000 }, async () => {
  await withSandboxedHost(`${site.server.url}#embed&autorun&${PAGE_LOAD}`, async ({ page, problems }) => {
    await waitUntil(page, () => window.__messages.some((m) => m.type === 'run-complete'), null, 'run-complete from the sandboxed frame', { timeout: 20_000 });
    const types = await page.evaluate(() => window.__messages.map((m) => m.type));
    assert.equal(types.filter((t) => t === 'ready').length, 1, `ready once: ${types}`);
    assert.ok(types.indexOf('ready') < types.indexOf('run-started'), `ready comes first: ${types}`);
    const report = await page.evaluate(() => window.__messages.find((m) => m.type === 'run-complete').report);
    assert.equal(report.result.status, 'fulfilled');
    assert.deepEqual(report.result.value, [{ name: 'Ada' }, ['Hello'], { theme: 'dark' }]);
    // The sandboxed frame cannot use storage: that must not show.
    const frame = page.frames().find((f) => f.url().startsWith(site.server.url));
    assert.equal(await frame.evaluate(() => { try { localStorage.length; return 'allowed'; } catch { return 'refused'; } }), 'refused');
    assert.deepEqual(problemsExcept(problems), []);
  });
});

test('the full app in a sandboxed frame, where storage throws, still works', { timeout: 30_000 }, async () => {
  await withSandboxedHost(site.server.url, async ({ page, problems }) => {
    const frame = await (await page.waitForSelector('iframe')).contentFrame();
    await waitFor(frame, '#playground[data-run-state]', 'the app in the sandboxed frame');
    await runAndWait(frame);
    assert.equal((await readResult(frame)).data, 'fulfilled');
    assert.deepEqual(problemsExcept(problems), []);
  });
});

test('when a sandboxed frame\'s host sends no CORS header, the banner says why instead of a blank page', { timeout: 30_000 }, async () => {
  await withSandboxedHost(`${bare.url}#embed&${PAGE_LOAD}`, async ({ page, problems }) => {
    const frame = await (await page.waitForSelector('iframe')).contentFrame();
    await waitFor(frame, '#fatal:not([hidden])', 'the banner');
    assert.match(await frame.textContent('#fatal'), /could not be loaded.*Access-Control-Allow-Origin/s);
    // The browser reports the refused files itself; nothing else may go wrong.
    assert.deepEqual(problemsExcept(problems, [/CORS policy|Failed to load resource|Failed to fetch/]), []);
  });
});
