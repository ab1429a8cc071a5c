// Nothing breaks it: markup and script in every place people can put text
// (labels, values, reasons, links, messages from a host page) stays text
// under the strict CSP; 200 quick presses of Run leave only the last run;
// absurd inputs get a clear error and a page that still works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useSite, openPlayground, openPage, runAndWait, readResult, withPage, waitFor, waitUntil,
  applyText, pasteText, serveFiles, problemsExcept, taskLabels,
} from './support.mjs';

const site = useSite();

/**
 * Fifty payloads of the kinds that have broken web pages: tags with
 * handlers, script and style, URLs with scripts, encodings, templates,
 * closing what came before, and mixtures. Each would set `window.__pwned`
 * or open a dialog if it ever ran.
 */
const PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=2">',
  '<svg onload="window.__pwned=3">',
  '<svg><script>window.__pwned=4</script></svg>',
  '<iframe src="javascript:parent.__pwned=5"></iframe>',
  '<iframe srcdoc="<script>parent.__pwned=6</script>"></iframe>',
  '<body onload="window.__pwned=7">',
  '<details open ontoggle="window.__pwned=8">',
  '<input autofocus onfocus="window.__pwned=9">',
  '<video><source onerror="window.__pwned=10"></video>',
  '<audio src=x onerror="window.__pwned=11">',
  '<marquee onstart="window.__pwned=12">x</marquee>',
  '<a href="javascript:window.__pwned=13">link</a>',
  '<form action="javascript:window.__pwned=14"><button>x</button></form>',
  '<object data="javascript:window.__pwned=15"></object>',
  '<embed src="javascript:window.__pwned=16">',
  '<math><mtext><img src=x onerror="window.__pwned=17"></mtext></math>',
  '<style>@import "javascript:window.__pwned=18";</style>',
  '<div style="background:url(javascript:window.__pwned=19)">',
  '<link rel=stylesheet href="javascript:window.__pwned=20">',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=21">',
  '<base href="javascript:window.__pwned=22//">',
  '"><script>window.__pwned=23</script>',
  "'><img src=x onerror=window.__pwned=24>",
  '</textarea><script>window.__pwned=25</script>',
  '</title><script>window.__pwned=26</script>',
  '--><script>window.__pwned=27</script><!--',
  ']]><script>window.__pwned=28</script>',
  '<scr<script>ipt>window.__pwned=29</scr</script>ipt>',
  '<SCRIPT SRC=//127.0.0.1:1/x.js></SCRIPT>',
  '<img src="x" onerror="&#119;indow.__pwned=31">',
  '<img src=x onerror=\\u0077indow.__pwned=32>',
  '%3Cscript%3Ewindow.__pwned=33%3C/script%3E',
  '&lt;script&gt;window.__pwned=34&lt;/script&gt;',
  '<img src=x on\u0000error="window.__pwned=35">',
  '<svg><animate onbegin="window.__pwned=36" attributeName=x dur=1s>',
  '<svg><a xlink:href="javascript:window.__pwned=37"><text>x</text></a></svg>',
  '<svg><foreignObject><img src=x onerror="window.__pwned=38"></foreignObject></svg>',
  '<template><img src=x onerror="window.__pwned=39"></template>',
  '<noscript><p title="</noscript><img src=x onerror=window.__pwned=40>">',
  '{{constructor.constructor("window.__pwned=41")()}}',
  '${window.__pwned=42}',
  '`${window.__pwned=43}`',
  'javascript:window.__pwned=44',
  'data:text/html,<script>window.__pwned=45</script>',
  '<img srcset="x 1x, y 2x" onerror="window.__pwned=46">',
  '<select autofocus onfocus="window.__pwned=47">',
  '<keygen autofocus onfocus="window.__pwned=48">',
  '<isindex type=image src=x onerror="window.__pwned=49">',
  '\u202e<img src=x onerror="window.__pwned=50">',
];

/** A string literal of the text form. */
const quote = (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\u0000/g, '\\u0000')}'`;

/** What a payload run in the page would leave: anything is a failure. */
async function traces(frame) {
  return frame.evaluate(() => {
    const handlers = [];
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.getAttributeNames()) {
        if (attribute.startsWith('on')) handlers.push(`${element.tagName}[${attribute}]`);
      }
    }
    const inserted = [...document.querySelectorAll(
      '#playground script, #playground iframe, #playground img, #playground object, #playground embed, ' +
      // The playground's one form is the prediction's (#guess).
      '#playground style, #playground link, #playground meta, #playground base, #playground form:not(#guess), #playground video, ' +
      '#playground audio, #playground math, #playground template, #playground marquee, #playground details[open] details',
    )].map((e) => e.tagName);
    return { pwned: window.__pwned ?? null, handlers, inserted };
  });
}

const CLEAN = { pwned: null, handlers: [], inserted: [] };

test('fifty payloads as labels, values and reasons stay text everywhere they show', { timeout: 120_000 }, async () => {
  const { page, context, problems } = await openPlayground(site, { permissions: ['clipboard-read', 'clipboard-write'] });
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  await withPage(page, async () => {
    const lines = PAYLOADS.map((p, i) => {
      const label = quote(p.slice(0, 40).trim() || `t${i}`);
      return i % 2 ? `${label} ${i}ms err Error(${quote(p)})` : `${label} ${i}ms ok ${quote(p)}`;
    });
    await applyText(page, ['v1 allSettled', ...lines].join('\n'), { expectTasks: PAYLOADS.length, paste: true });
    await runAndWait(page, { timeout: 30_000 });
    // Every place the text is shown: rows, lanes, table, log, result, the
    // text view, and the Share window's code.
    await page.evaluate(() => {
      for (const d of document.querySelectorAll('details')) d.open = true;
    });
    await page.click('#open-share');
    await waitFor(page, '#share-dialog[open] #embed-element', 'the Share window');
    assert.deepEqual(await traces(page), CLEAN);
    const result = await readResult(page);
    assert.ok(result.value.includes("'<script>window.__pwned=1</script>'"), 'the first payload is shown as written');
    assert.ok((await page.textContent('#embed-element')).includes('&lt;script&gt;window.__pwned=1&lt;/script&gt;'),
      'and escaped in the code to paste');
    assert.deepEqual(await taskLabels(page).then((l) => l.slice(0, 2)), [PAYLOADS[0].slice(0, 40), PAYLOADS[1].slice(0, 40)]);
  });
  assert.deepEqual(dialogs, []);
  assert.deepEqual(problemsExcept(problems), [], 'no CSP violation, no error');
  await context.close();
});

test('payloads in links, in their options and in what their notices repeat stay text', { timeout: 120_000 }, async () => {
  const { page, context, problems } = await openPlayground(site);
  await withPage(page, async () => {
    for (const [i, payload] of PAYLOADS.entries()) {
      if (i % 5 !== 0) continue;
      const scenario = `v1 race\n${quote(payload.slice(0, 40).trim() || 'x')} 5ms ok ${quote(payload)}`;
      const links = [
        `#s=${encodeURIComponent(scenario)}`,
        `#theme=${encodeURIComponent(payload)}&preset=${encodeURIComponent(payload)}`,
        `#s=${encodeURIComponent(`v1 all;${payload}`)}`,
      ];
      for (const link of links) {
        await page.goto('about:blank');
        await page.goto(`${site.server.url}${link}`);
        await waitFor(page, '#playground[data-run-state]', `the page for ${link.slice(0, 60)}`);
        assert.deepEqual(await traces(page), CLEAN, link);
      }
    }
  });
  assert.deepEqual(problemsExcept(problems), []);
  await context.close();
});

test('payloads in messages from a host page are refused or shown as text', { timeout: 120_000 }, async () => {
  const host = await serveFiles({
    '/host.html': {
      type: 'text/html',
      headers: { 'content-security-policy': "default-src 'self'; frame-src http://127.0.0.1:*" },
      body: `<!doctype html><title>host</title><script src="/host.js"></script>
        <iframe width="700" height="450" src="${site.server.url}#embed"></iframe>`,
    },
    '/host.js': {
      type: 'text/javascript',
      body: "window.__messages = []; addEventListener('message', (e) => window.__messages.push(e.data));",
    },
  });
  const { page, context, problems } = await openPage(site.browser, `${host.url}host.html`);
  try {
    await withPage(page, async () => {
      await waitUntil(page, () => window.__messages.some((m) => m && m.type === 'ready'), null, 'the embed to be ready');
      const frame = page.frames().find((f) => f.url().startsWith(site.server.url));
      await page.evaluate(([payloads, origin]) => {
        const target = document.querySelector('iframe').contentWindow;
        for (const p of payloads) {
          target.postMessage({ type: p }, origin);
          target.postMessage({ type: 'set-theme', theme: p }, origin);
          target.postMessage({ type: 'load', scenario: p }, origin);
        }
        const label = payloads[1].slice(0, 40);
        target.postMessage({ type: 'load', scenario: `v1 all\n'${label.replace(/'/g, "\\'")}' 5ms ok 'x'` }, origin);
        target.postMessage({ type: 'run' }, origin);
      }, [PAYLOADS, new URL(site.server.url).origin]);
      await waitUntil(page, () => window.__messages.some((m) => m && m.type === 'run-complete'), null, 'the valid run to complete');
      assert.deepEqual(await traces(frame), CLEAN);
      assert.equal(await frame.textContent('.summary-label'), PAYLOADS[1].slice(0, 40));
      const errors = await page.evaluate(() => window.__messages.filter((m) => m && m.type === 'error').length);
      assert.equal(errors, PAYLOADS.length, 'each payload sent as a scenario is answered with an error');
      assert.equal(await frame.evaluate(() => document.documentElement.getAttribute('data-theme')), null);
    });
    assert.deepEqual(problemsExcept(problems), []);
  } finally {
    await context.close();
    await host.close();
  }
});

test('200 quick presses of Run leave only the last run, and the page answers', { timeout: 120_000 }, async () => {
  const { page, context, problems } = await openPlayground(site);
  await withPage(page, async () => {
    await applyText(page, 'v1 all\na 80ms ok 1\nb 150ms ok 2\nc 40ms ok 3');
    // A burst in one go, then presses a task apart, while tasks are pending.
    const presses = await page.evaluate(async () => {
      const run = () => document.getElementById('run').click();
      for (let i = 0; i < 100; i++) run();
      for (let i = 0; i < 100; i++) {
        run();
        await new Promise((ok) => setTimeout(ok, 0));
      }
      return 200;
    });
    await waitFor(page, `#playground[data-run="${presses}"][data-run-state="finished"]`, 'the last run to finish', { timeout: 30_000 });
    const r = await readResult(page);
    assert.equal(r.value, '[ 1, 2, 3 ]');
    assert.equal(r.log.length, 4, `only the last run's three settles and its result: ${JSON.stringify(r.log)}`);
    assert.deepEqual(r.log.map((l) => l.text.split(' ')[0]), ['c', 'a', 'b', 'Promise.all']);
    const latency = await page.evaluate(() => {
      const t0 = performance.now();
      return new Promise((ok) => requestAnimationFrame(() => ok(performance.now() - t0)));
    });
    assert.ok(latency < 1000, `a frame took ${latency.toFixed(0)} ms after the presses`);
  });
  assert.deepEqual(problemsExcept(problems), []);
  await context.close();
});

test('absurd inputs get a clear error and the page keeps working', { timeout: 240_000 }, async () => {
  const { page, context, problems } = await openPlayground(site, { permissions: ['clipboard-read', 'clipboard-write'] });
  await withPage(page, async () => {
    const refused = async (text, says) => {
      await pasteText(page, text);
      await page.click('#apply-text');
      await waitFor(page, '#text-error', `the error for ${text.slice(0, 30)}…`, { timeout: 60_000 });
      assert.match(await page.textContent('#text-error'), says);
      await page.click('#revert-text');
    };
    // 100 000 tasks: refused at the first one too many.
    const many = ['v1 all', ...Array.from({ length: 100_000 }, (_, i) => `t${i} 1ms ok ${i}`)].join('\n');
    await refused(many, /at most 10000 tasks; found task 10001 here/);
    // A delay of 1e12 ms, in the text and in a row's field.
    await refused('v1 all\nlong 1000000000000ms ok 1', /between 0 and 600000 ms/);
    await page.fill('li.task[data-index="0"] input[name=delay]', '1000000000000');
    await waitFor(page, '.field-error', 'the delay field\'s error');
    assert.match(await page.textContent('.field-error'), /600000 ms/);
    await page.fill('li.task[data-index="0"] input[name=delay]', '300');
    // A 1 MB label, in the text and in a row's field.
    const huge = 'x'.repeat(1 << 20);
    await refused(`v1 all\n'${huge}' 5ms ok 1`, /the label has 1048576 characters; at most 40/);
    await page.fill('li.task[data-index="0"] input[name=label]', huge);
    await waitUntil(page, () => /at most 40/.test(document.querySelector('.field-error')?.textContent ?? ''), null, 'the label field\'s error');
    await page.fill('li.task[data-index="0"] input[name=label]', 'user');
    // A 5 MB text (what a 5 MB link would hold).
    await refused(`v1 all\nbig 5ms ok '${'y'.repeat(5 << 20)}'`, /a string may have at most 200 characters/);
    // Still alive: the example runs.
    await runAndWait(page);
    assert.equal((await readResult(page)).data, 'fulfilled');
  });
  assert.deepEqual(problemsExcept(problems), []);
  await context.close();
});
