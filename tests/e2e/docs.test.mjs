// The documentation page of dist/example/, served from a second origin the
// way a docs site that embeds the playground would be: every embed loads
// when it nears the screen and fits its content, runs with the right result,
// keeps its edits to itself, can be driven by the page around it, shrugs
// off malformed and hostile messages, and breaks no Content-Security-Policy.
// Saves screenshots of the page at a phone and a desktop width, light and dark.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  serveDist, serveDocs, launch, openPage, screenshotTall, problemsExcept, msIn, shots, LATE_MS,
} from './support.mjs';

/** Origin A serves the playground, origin B the docs page that embeds it. */
const site = { playground: null, docs: null, browser: null };

before(async () => {
  site.playground = await serveDist();
  site.docs = await serveDocs(site.playground.url);
  site.browser = await launch();
});

after(async () => {
  await site.browser?.close();
  await site.docs?.close();
  await site.playground?.close();
});

/** The embeds on the page that are <promise-playground> elements. */
const ELEMENTS = ['embed-all', 'embed-all-settled', 'embed-any', 'embed-loop'];

/** How long an event may take to arrive on a busy machine. */
const EVENT_MS = 30_000;

/** The tasks each embed shows when the page is opened. */
const LABELS = {
  'embed-all': ['user', 'posts', 'prefs'],
  'embed-all-settled': ['weather', 'news', 'stocks'],
  'embed-race': ['request', 'timeout'],
  'embed-any': ['eu', 'us', 'asia'],
  'embed-loop': ['login', 'profile', 'avatar'],
};

/**
 * Runs in the top document before any of its scripts: keeps every message
 * that reaches the docs page, with the window it came from, so a test can
 * ask later what a frame said, even before the test started listening.
 */
function recordMessages() {
  if (window.top !== window) return;
  const kept = [];
  Object.defineProperty(window, '__messages', { value: kept });
  window.addEventListener('message', (event) => {
    kept.push({ source: event.source, origin: event.origin, data: event.data });
  });
}

/** The iframe of an embed: inside the element's shadow root, or the plain one. */
const frameSelector = (id) => (id === 'embed-race' ? 'iframe#embed-race' : `#${id} iframe`);

/** Opens the docs page in a fresh context; resolves to openPage's { page, context, problems }. */
async function openDocs(options = {}, browser = site.browser) {
  const opened = await openPage(browser, 'about:blank', {
    viewport: { width: 1440, height: 900 },
    ...options,
  });
  opened.context.setDefaultTimeout(EVENT_MS);
  await opened.context.addInitScript(recordMessages);
  await opened.page.goto(site.docs.url);
  return opened;
}

/** What the docs page and each embed in it showed, for a failure's message. */
async function docsState(page) {
  const outer = await page.evaluate(() => {
    const describe = (el, frame) => ({
      frame: frame ? Math.round(frame.getBoundingClientRect().height) : null,
      element: Math.round(el.getBoundingClientRect().height),
      ready: el.ready ?? null,
      lastReport: el.lastReport
        ? { combinator: el.lastReport.combinator, result: el.lastReport.result }
        : null,
    });
    const out = {};
    for (const el of document.querySelectorAll('promise-playground')) {
      out[el.id] = describe(el, el.shadowRoot?.querySelector('iframe'));
    }
    const race = document.getElementById('embed-race');
    if (race) out['embed-race'] = describe(race, race);
    out.loopResult = document.getElementById('loop-result')?.textContent ?? null;
    out.messages = (window.__messages ?? [])
      .map((m) => (m.data && typeof m.data === 'object' ? m.data.type : typeof m.data))
      .slice(-30);
    return out;
  });
  for (const id of [...ELEMENTS, 'embed-race']) {
    const frame = await frameOf(page, id, { wait: false }).catch(() => null);
    if (!frame) continue;
    outer[id].inside = await frame
      .evaluate(() => {
        const text = (sel) => document.querySelector(sel)?.textContent ?? null;
        const pg = document.querySelector('#playground');
        return {
          url: location.href.slice(0, 120),
          runState: pg?.dataset.runState ?? null,
          run: pg?.dataset.run ?? null,
          result: document.querySelector('#result')?.dataset.status ?? null,
          resultStatus: text('#result-status'),
          resultValue: text('#result-value'),
          labels: [...document.querySelectorAll('.summary-label, li.task input[name=label]')].map(
            (e) => e.value ?? e.textContent,
          ),
          notice: text('#notice'),
          theme: document.documentElement.getAttribute('data-theme'),
          body: Math.ceil(document.body?.getBoundingClientRect().height ?? 0),
          scrollHeight: document.documentElement.scrollHeight,
        };
      })
      .catch((e) => `(could not read the frame: ${e.message.split('\n')[0]})`);
  }
  return outer;
}

/**
 * Runs `body`; when it fails, the error says what the docs page and its
 * embeds showed, and which problems had been reported.
 */
async function withDocs(page, problems, body) {
  try {
    return await body();
  } catch (e) {
    let state;
    try {
      let timer;
      const frozen = new Promise((_, fail) => {
        timer = setTimeout(() => fail(new Error('no answer in 5 s')), 5000);
      });
      state = JSON.stringify(await Promise.race([docsState(page), frozen]).finally(() => clearTimeout(timer)), null, 2);
    } catch (why) {
      state = `(could not read the page: ${why.message})`;
    }
    const reported = problems.length ? `\n--- problems ---\n${problems.join('\n')}` : '';
    if (e && typeof e === 'object') {
      e.message = `${e.message}\n--- docs page ---\n${state}${reported}`;
      if (typeof e.stack === 'string') {
        e.stack = `${e.name}: ${e.message}\n${e.stack.split('\n').filter((l) => /^\s+at /.test(l)).join('\n')}`;
      }
    }
    throw e;
  }
}

/** page.waitForFunction that names what it waited for when it times out. */
async function until(page, fn, arg, what, timeout = EVENT_MS) {
  try {
    return await page.waitForFunction(fn, arg, { timeout });
  } catch (e) {
    throw new Error(`timed out after ${timeout} ms waiting for ${what}: ${e.message.split('\n')[0]}`);
  }
}

/**
 * Two animation frames of `target` (a page or a frame) and back. Chromium
 * gives no animation frames to a cross-origin frame that is off screen, so
 * a frame must be in view when this is asked of it.
 */
const nextFrame = (target) =>
  target.evaluate(
    () =>
      new Promise((ok, fail) => {
        const timer = setTimeout(() => fail(new Error('no animation frame in 10 s: is the frame off screen?')), 10_000);
        requestAnimationFrame(() => requestAnimationFrame(() => ok(clearTimeout(timer))));
      }),
  );

/**
 * Checks `check()` once per animation frame of the page until its `ok` is
 * true; for a condition that spans two documents and so cannot be awaited
 * in one.
 */
async function poll(page, check, what, timeout = EVENT_MS) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const seen = await check();
    if (seen.ok) return seen;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}; last seen ${JSON.stringify(seen)}`);
    await nextFrame(page);
  }
}

/** frame.waitForFunction on a timer, which also runs in an off-screen frame. */
const frameUntil = (frame, fn, arg) => frame.waitForFunction(fn, arg, { timeout: EVENT_MS, polling: 50 });

/** The Frame of an embed, once its app is drawn (unless `wait` is false). */
async function frameOf(page, id, { wait = true } = {}) {
  const handle = wait
    ? await page.locator(frameSelector(id)).elementHandle({ timeout: EVENT_MS })
    : await page.$(frameSelector(id));
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error(`the iframe of #${id} has no frame`);
  if (wait) await frame.waitForSelector('#playground[data-run-state]', { timeout: EVENT_MS });
  return frame;
}

/** How many iframes an element's shadow root holds. */
const iframesIn = (page, id) =>
  page.evaluate((id) => document.getElementById(id).shadowRoot.querySelectorAll('iframe').length, id);

/**
 * Scrolls an embed into view and waits until it is ready: the element says
 * so, or, for the plain iframe, its frame has sent `ready`. Resolves to the
 * embed's Frame.
 */
async function loadEmbed(page, id) {
  await page.locator(id === 'embed-race' ? 'iframe#embed-race' : `#${id}`).scrollIntoViewIfNeeded();
  if (id === 'embed-race') {
    await until(
      page,
      () => {
        const frame = document.getElementById('embed-race');
        return window.__messages.some((m) => m.source === frame.contentWindow && m.data?.type === 'ready');
      },
      null,
      'the plain iframe #embed-race to send ready',
    );
  } else {
    await until(page, (id) => document.getElementById(id).ready === true, id, `#${id} to be ready`);
  }
  return frameOf(page, id);
}

/** Every embed loaded, top to bottom, as a reader scrolling through would. */
async function loadAll(page) {
  const frames = {};
  for (const id of ['embed-all', 'embed-all-settled', 'embed-race', 'embed-any', 'embed-loop']) {
    frames[id] = await loadEmbed(page, id);
  }
  return frames;
}

/** The last run report of an element, once it has one for `combinator`. */
async function reportOf(page, id, combinator) {
  const handle = await until(
    page,
    ([id, combinator]) => {
      const report = document.getElementById(id).lastReport;
      return report && report.combinator === combinator && report.finished ? report : null;
    },
    [id, combinator],
    `a run report of ${combinator} from #${id}`,
  );
  return handle.jsonValue();
}

/** The task labels an embed shows, read-only or editable. */
const labelsIn = (frame) =>
  frame.$$eval('.summary-list li .summary-label, li.task input[name=label]', (all) =>
    all.map((e) => (e instanceof HTMLInputElement ? e.value : e.textContent)),
  );

/** Starts a run in a frame with its Run button and waits for it to finish. */
async function runInFrame(frame) {
  const before = Number((await frame.getAttribute('#playground', 'data-run')) ?? 0);
  await frame.click('#run');
  await frame.waitForSelector(`#playground[data-run="${before + 1}"][data-run-state="finished"]`, { timeout: EVENT_MS });
  return frame.evaluate(() => ({
    data: document.querySelector('#result')?.dataset.status ?? null,
    status: document.querySelector('#result-status')?.textContent ?? '',
    value: document.querySelector('#result-value')?.textContent ?? null,
  }));
}

/** Heights of an element's iframe and of the document inside it. */
async function heights(page, id, frame) {
  const outer = await page.evaluate((id) => {
    const iframe = document.getElementById(id).shadowRoot.querySelector('iframe');
    return { iframe: iframe.getBoundingClientRect().height, style: iframe.style.height };
  }, id);
  const inner = await frame.evaluate(() => ({
    body: Math.ceil(document.body.getBoundingClientRect().height),
    scrollHeight: document.documentElement.scrollHeight,
  }));
  return { ...outer, ...inner, ok: Math.abs(outer.iframe - inner.body) <= 2 };
}

/** Messages of `type` each element's frame has sent so far, by element id. */
const messagesByElement = (page, type) =>
  page.evaluate((type) => {
    const out = {};
    for (const el of document.querySelectorAll('promise-playground')) {
      const frame = el.shadowRoot.querySelector('iframe');
      out[el.id] = frame
        ? window.__messages.filter((m) => m.source === frame.contentWindow && m.data?.type === type).length
        : null;
    }
    return out;
  }, type);

/** Relative luminance (0 black … 1 white) of a CSS rgb() colour. */
function luminance(css) {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Elements that stick out past the right edge with nothing clipping them. */
const overflowing = (page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const clipped = (e) => {
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible') return true;
      }
      return false;
    };
    return [...document.querySelectorAll('body *')]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.right > width + 0.5 && !clipped(e);
      })
      .slice(0, 10)
      .map((e) => `<${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}> ${Math.round(e.getBoundingClientRect().right)} px`);
  });

// ---------------------------------------------------------------------------

test('embeds load only near the screen, then fit their content without resizing in a loop', { timeout: 60_000 }, async () => {
  const { page, context, problems } = await openDocs();
  await withDocs(page, problems, async () => {
    await until(
      page,
      () => document.getElementById('embed-all')?.shadowRoot?.querySelector('iframe'),
      null,
      'the first embed, on screen at load, to get its iframe',
    );
    for (const id of ['embed-all-settled', 'embed-any', 'embed-loop']) {
      assert.equal(await iframesIn(page, id), 0, `#${id} is far below the screen, yet it already has an iframe`);
    }
    const reserved = {};
    for (const id of ['embed-all-settled', 'embed-any', 'embed-loop']) {
      reserved[id] = await page.evaluate((id) => document.getElementById(id).getBoundingClientRect().height, id);
      assert.ok(reserved[id] > 200, `#${id} reserves ${reserved[id]} px before its frame loads; it should keep more than 200 px`);
      const placeholder = await page.evaluate(
        (id) => document.getElementById(id).shadowRoot.textContent,
        id,
      );
      assert.match(placeholder, /The playground loads here/, `#${id} shows a placeholder before it loads`);
    }

    const fits = {};
    for (const id of ELEMENTS) {
      const frame = await loadEmbed(page, id);
      assert.equal(await iframesIn(page, id), 1, `#${id} holds one iframe once loaded`);
      // The autorun changes what the first embed shows: fit it after its run.
      if (id === 'embed-all') await reportOf(page, id, 'all');
      // Measured in view: Chromium pauses rendering in an off-screen frame.
      await page.locator(`#${id}`).scrollIntoViewIfNeeded();
      const fit = await poll(page, () => heights(page, id, frame), `the iframe of #${id} to fit its content`);
      assert.ok(
        fit.scrollHeight <= fit.iframe + 2,
        `the document in #${id} is ${fit.scrollHeight} px tall in an iframe of ${fit.iframe} px: it scrolls inside`,
      );
      // Still fitted, at the same height, two frames later in both documents.
      await nextFrame(frame);
      await nextFrame(page);
      const now = await heights(page, id, frame);
      assert.ok(now.ok, `#${id} no longer fits: ${JSON.stringify(now)}`);
      assert.equal(now.iframe, fit.iframe, `the iframe of #${id} changed height after it was fitted`);
      fits[id] = fit;
    }

    const resizes = await messagesByElement(page, 'resize');
    for (const id of ELEMENTS) {
      assert.ok(resizes[id] >= 1, `#${id}'s frame never reported its height`);
      assert.ok(resizes[id] < 20, `#${id}'s frame sent ${resizes[id]} resize messages: it keeps resizing`);
    }
    console.log(
      `reserved ${JSON.stringify(reserved)}; fitted ${JSON.stringify(Object.fromEntries(
        Object.entries(fits).map(([id, f]) => [id, f.iframe]),
      ))}; resize messages ${JSON.stringify(resizes)}`,
    );
  });
  assert.deepEqual(problemsExcept(problems, []), []);
  await context.close();
});

test('each embed runs and shows its own result', { timeout: 60_000 }, async () => {
  const { page, context, problems } = await openDocs();
  await withDocs(page, problems, async () => {
    // Promise.all runs by itself and reports to the page.
    await loadEmbed(page, 'embed-all');
    const report = await reportOf(page, 'embed-all', 'all');
    assert.equal(report.result.status, 'fulfilled', `Promise.all should fulfil: ${JSON.stringify(report.result)}`);
    assert.deepEqual(report.result.value, [{ name: 'Ada' }, ['Hello'], { theme: 'dark' }]);
    assert.ok(
      report.result.at_ms >= 440 && report.result.at_ms < 450 + LATE_MS,
      `Promise.all should fulfil at about 450 ms, with the slowest task; it did at ${report.result.at_ms} ms`,
    );
    assert.deepEqual(report.settle_order, [2, 0, 1], 'prefs, then user, then posts');
    assert.deepEqual(report.unhandled_rejections, [], 'Promise.all leaves no rejection unhandled');

    // The plain iframe: the race is lost to the timeout.
    const race = await loadEmbed(page, 'embed-race');
    const raced = await runInFrame(race);
    assert.equal(raced.data, 'rejected');
    assert.equal(raced.value, 'Error: timed out');
    const raceMs = msIn(raced.status);
    assert.match(raced.status, /^Promise\.race rejected after \d+ ms with$/);
    assert.ok(raceMs >= 500 && raceMs < 500 + LATE_MS, `the race should reject at about 500 ms: "${raced.status}"`);

    // The sandboxed element, dark whatever the page says.
    const any = await loadEmbed(page, 'embed-any');
    assert.equal(await any.getAttribute('html', 'data-theme'), 'dark', 'the embed with theme="dark" is dark');
    const anyResult = await runInFrame(any);
    assert.equal(anyResult.data, 'fulfilled');
    assert.equal(anyResult.value, "'asia'");
    const anyMs = msIn(anyResult.status);
    assert.ok(anyMs >= 350 && anyMs < 350 + LATE_MS, `Promise.any should fulfil at about 350 ms: "${anyResult.status}"`);
    const anyReport = await reportOf(page, 'embed-any', 'any');
    assert.equal(anyReport.result.value, 'asia', 'the sandboxed frame reports its run to the page too');
    assert.equal(await any.evaluate(() => origin), 'null', 'the sandboxed frame has an origin of its own');

    console.log(`all at ${report.result.at_ms} ms; "${raced.status}"; "${anyResult.status}"`);

    // The page's theme switch reaches every embed: elements, the sandboxed one and the plain iframe.
    const frames = await loadAll(page);
    for (const theme of ['light', 'dark']) {
      await page.click(`[data-theme-choice="${theme}"]`);
      for (const [id, frame] of Object.entries(frames)) {
        await frameUntil(frame, (t) => document.documentElement.getAttribute('data-theme') === t, theme).catch(async () => {
          assert.fail(`#${id} did not switch to the ${theme} theme: data-theme is ${await frame.getAttribute('html', 'data-theme')}`);
        });
      }
      assert.equal(await page.getAttribute('html', 'data-theme'), theme);
    }
  });
  assert.deepEqual(problemsExcept(problems, []), []);
  await context.close();
});

test('an edit in one embed stays in it and is not kept over a reload', { timeout: 60_000 }, async () => {
  const { page, context, problems } = await openDocs();
  await withDocs(page, problems, async () => {
    const frames = await loadAll(page);
    const settled = frames['embed-all-settled'];
    const label = 'li.task[data-index="0"] input[name=label]';
    await settled.fill(label, 'changed');
    assert.equal(await settled.inputValue(label), 'changed');
    // The edit has reached the app: its timeline shows the new label.
    await frameUntil(settled, () => document.querySelector('svg#timeline')?.textContent.includes('changed'));
    assert.deepEqual(await labelsIn(settled), ['changed', 'news', 'stocks']);

    for (const [id, frame] of Object.entries(frames)) {
      if (id === 'embed-all-settled') continue;
      assert.deepEqual(await labelsIn(frame), LABELS[id], `#${id} shows its own tasks after an edit elsewhere`);
    }

    // Nothing is written to the playground's storage by an embed.
    assert.equal(await settled.evaluate(() => localStorage.length), 0, "origin A's localStorage after an edit");
    assert.equal(await frames['embed-race'].evaluate(() => localStorage.length), 0, 'as seen from the plain iframe');
    assert.equal(
      await frames['embed-any'].evaluate(() => {
        try {
          return localStorage.length;
        } catch {
          return 'refused';
        }
      }),
      'refused',
      'the sandboxed frame has no storage at all',
    );

    await page.reload();
    const again = await loadEmbed(page, 'embed-all-settled');
    assert.deepEqual(await labelsIn(again), LABELS['embed-all-settled'], 'after a reload the edit is gone');
  });
  assert.deepEqual(problemsExcept(problems, []), []);
  await context.close();
});

test('the page drives an embed: the loop demo, and a plain iframe through postMessage', { timeout: 90_000 }, async () => {
  const { page, context, problems } = await openDocs();
  await withDocs(page, problems, async () => {
    const result = page.locator('#loop-result');
    const finished = () =>
      until(
        page,
        () => /fulfilled after \d+ ms/.test(document.getElementById('loop-result').textContent),
        null,
        'the loop demo to say how long the run took',
      );

    // Clicked before the embed has loaded: the element keeps the requests until it is ready.
    await page.click('#load-parallel');
    await page.click('#drive-run');
    await finished();
    const parallel = await result.textContent();
    assert.match(parallel, /^Promise\.all fulfilled after \d+ ms$/);
    assert.ok(msIn(parallel) >= 300 && msIn(parallel) < 300 + LATE_MS, `side by side takes the longest delay, 300 ms: "${parallel}"`);

    await page.click('#load-sequential');
    assert.equal(await result.textContent(), 'Loaded the await loop: press Run');
    await page.click('#drive-run');
    await finished();
    const sequential = await result.textContent();
    assert.match(sequential, /^The await loop fulfilled after \d+ ms$/);
    assert.ok(
      msIn(sequential) >= 750 && msIn(sequential) < 750 + LATE_MS,
      `one after another takes the sum, 750 ms: "${sequential}"`,
    );
    const loop = await frameOf(page, 'embed-loop');
    assert.equal(await loop.locator('#run').count(), 0, 'controls="false" leaves no Run button');

    // The plain iframe, from the page's own script.
    await loadEmbed(page, 'embed-race');
    const report = await page.evaluate(
      ([origin, wait]) =>
        new Promise((done, fail) => {
          const frame = document.getElementById('embed-race');
          const timer = setTimeout(() => fail(new Error(`no run-complete from #embed-race in ${wait} ms`)), wait);
          window.addEventListener('message', (event) => {
            if (event.source !== frame.contentWindow) return;
            if (event.data?.source !== 'promise-playground' || event.data.type !== 'run-complete') return;
            clearTimeout(timer);
            done(event.data.report);
          });
          frame.contentWindow.postMessage(
            { type: 'load', scenario: "v1 any\nslow 300ms ok 'late'\nfast 100ms err Error('no')" },
            origin,
          );
          frame.contentWindow.postMessage({ type: 'run' }, origin);
        }),
      [site.playground.origin, EVENT_MS],
    );
    assert.equal(report.combinator, 'any', 'the loaded scenario is the one that ran');
    assert.equal(report.result.status, 'fulfilled');
    assert.equal(report.result.value, 'late');
    assert.deepEqual(report.settle_order, [1, 0]);
    assert.ok(report.result.at_ms >= 300 && report.result.at_ms < 300 + LATE_MS, `at ${report.result.at_ms} ms`);
    const race = await frameOf(page, 'embed-race');
    assert.deepEqual(await labelsIn(race), ['slow', 'fast'], 'the frame shows the loaded tasks');
    console.log(`loop demo: "${parallel}", "${sequential}"; any loaded by postMessage fulfilled at ${report.result.at_ms} ms`);
  });
  assert.deepEqual(problemsExcept(problems, []), []);
  await context.close();
});

test('malformed and hostile messages are refused with a warning and run nothing', { timeout: 90_000 }, async () => {
  const { page, context, problems } = await openDocs();
  const warnings = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' && m.text().startsWith('Promise Playground')) warnings.push(m.text());
  });
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  await withDocs(page, problems, async () => {
    const race = await loadEmbed(page, 'embed-race');
    const runBefore = await race.getAttribute('#playground', 'data-run');
    const themeBefore = await race.getAttribute('html', 'data-theme');
    const MARKUP = '<img src=x onerror=alert(1)>';

    const sent = await page.evaluate(
      ([origin, markup]) => {
        const target = document.getElementById('embed-race').contentWindow;
        const cyclic = { type: 'run' };
        cyclic.self = cyclic;
        const invalid = [
          'run',
          null,
          { type: 7 },
          { type: 'eval', code: 'parent.postMessage({pwned:1},"*")' },
          { type: 'load' },
          { type: 'load', scenario: { length: 5 } },
          { type: 'set-theme', theme: markup },
          cyclic,
          { type: 'load', scenario: `v1 all\n${'x'.repeat(6 * 1024 * 1024)}` },
        ];
        for (const message of invalid) target.postMessage(message, origin);
        target.postMessage(
          { type: 'load', scenario: `v1 all\n'${markup}' 5ms ok '<script>alert(2)</script>'` },
          origin,
        );
        return invalid.length;
      },
      [site.playground.origin, MARKUP],
    );

    // Each refused message says why in the frame's console.
    await poll(
      page,
      () => ({ ok: warnings.length >= sent, count: warnings.length }),
      `${sent} warnings, one for each refused message`,
    );
    assert.equal(warnings.length, sent, `one warning per refused message:\n${warnings.join('\n')}`);
    for (const w of warnings) assert.match(w, /^Promise Playground ignored a message: /);
    assert.ok(warnings.some((w) => /got a string/.test(w)), 'the string is refused as such');
    assert.ok(warnings.some((w) => /"eval"/.test(w)), 'the unknown type is named');
    assert.ok(warnings.some((w) => /at most 5 MB/.test(w)), 'the 6 MB message is refused for its size');

    // The valid load: the markup is a label, shown as text.
    await frameUntil(race, (m) => document.querySelector('.summary-list li .summary-label')?.textContent === m, MARKUP);
    assert.deepEqual(await labelsIn(race), [MARKUP]);
    assert.equal(await race.getAttribute('#playground', 'data-run'), runBefore, 'no run was started by the refused messages');
    assert.equal(await race.getAttribute('html', 'data-theme'), themeBefore, 'the theme is unchanged');

    // Run it: the value is shown as text as well.
    const result = await runInFrame(race);
    assert.equal(result.data, 'fulfilled');
    assert.ok(result.value.includes('<script>alert(2)</script>'), `the value is shown verbatim: ${result.value}`);

    // A message from a window that is not the frame's parent is not obeyed:
    // the sandboxed embed asks every frame of the page to run.
    await race.evaluate(() => {
      window.__foreign = 0;
      window.addEventListener('message', (event) => {
        if (event.source !== parent && event.data?.type === 'run') window.__foreign++;
      });
    });
    const runAfterOwn = await race.getAttribute('#playground', 'data-run');
    const any = await loadEmbed(page, 'embed-any');
    const posted = await any.evaluate(() => {
      for (let i = 0; i < parent.length; i++) parent[i].postMessage({ type: 'run' }, '*');
      return parent.length;
    });
    assert.ok(posted >= 1, 'the page has frames to post to');
    await frameUntil(race, () => window.__foreign >= 1);
    await page.locator('iframe#embed-race').scrollIntoViewIfNeeded();
    await nextFrame(race);
    assert.equal(await race.getAttribute('#playground', 'data-run'), runAfterOwn, 'a sibling frame cannot start a run');
    assert.equal(await race.getAttribute('#playground', 'data-run-state'), 'finished');

    // A scenario that does not parse is answered with an error message.
    const error = await page.evaluate(
      ([origin, wait]) =>
        new Promise((done, fail) => {
          const frame = document.getElementById('embed-race');
          const timer = setTimeout(() => fail(new Error(`no error message in ${wait} ms`)), wait);
          window.addEventListener('message', (event) => {
            if (event.source === frame.contentWindow && event.data?.type === 'error') {
              clearTimeout(timer);
              done(event.data);
            }
          });
          frame.contentWindow.postMessage({ type: 'load', scenario: 'v1 sometimes\na 5ms ok 1' }, origin);
        }),
      [site.playground.origin, EVENT_MS],
    );
    assert.equal(error.source, 'promise-playground');
    assert.match(error.message, /could not be read/);
    assert.deepEqual(await labelsIn(race), [MARKUP], 'a scenario that does not parse changes nothing');

    // Nothing was evaluated: no dialog, no element made of the markup, no message from the code.
    assert.deepEqual(dialogs, [], 'no dialog opened');
    const dom = await race.evaluate(() => ({
      img: document.querySelectorAll('img').length,
      script: document.querySelectorAll('#playground script').length,
      theme: document.documentElement.getAttribute('data-theme'),
    }));
    assert.deepEqual(dom, { img: 0, script: 0, theme: themeBefore });
    assert.equal(
      await page.evaluate(() => window.__messages.filter((m) => m.data && m.data.pwned).length),
      0,
      'the code in the eval message never ran',
    );
    console.log(`${sent} messages refused, each with a warning, for example "${warnings[0]}"; then "${warnings.at(-1)}"`);
  });
  assert.deepEqual(problemsExcept(problems, []), []);
  await context.close();
});

for (const width of [1440, 360]) {
  for (const scheme of ['light', 'dark']) {
    test(`screenshot of the docs page, ${width} px ${scheme}`, { timeout: 90_000 }, async () => {
      const { page, context, problems } = await openDocs({
        viewport: { width, height: width === 360 ? 800 : 900 },
        colorScheme: scheme,
      });
      await withDocs(page, problems, async () => {
        const frames = await loadAll(page);
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        await reportOf(page, 'embed-all', 'all');
        // Wait until every embed has fitted its content before taking the pictures.
        for (const id of ELEMENTS) {
          await page.locator(`#${id}`).scrollIntoViewIfNeeded();
          await poll(page, () => heights(page, id, frames[id]), `#${id} to fit its content`);
        }
        await page.evaluate(() => window.scrollTo(0, 0));
        const path = await screenshotTall(page, `docs-${width}-${scheme}`);

        // Each embed is also taken on its own, in view.
        await mkdir(shots, { recursive: true });
        const taken = [path];
        for (const id of ['embed-all', 'embed-all-settled', 'embed-race', 'embed-any', 'embed-loop']) {
          const element = page.locator(id === 'embed-race' ? 'iframe#embed-race' : `#${id}`);
          await element.scrollIntoViewIfNeeded();
          await nextFrame(frames[id]);
          const elementPath = join(shots, `docs-${id}-${width}-${scheme}.png`);
          await element.screenshot({ path: elementPath });
          taken.push(elementPath);
        }
        console.log(`screenshots: ${taken.join(', ')}`);

        const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(scroll <= width, `the docs page scrolls sideways at ${width} px (${scroll} px): ${(await overflowing(page)).join(', ')}`);
        for (const [id, frame] of Object.entries(frames)) {
          const inner = await frame.evaluate(() => ({
            scroll: document.documentElement.scrollWidth,
            width: document.documentElement.clientWidth,
          }));
          assert.ok(inner.scroll <= inner.width, `#${id} scrolls sideways inside: ${JSON.stringify(inner)}`);
        }

        const page_bg = luminance(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
        const frame_bg = luminance(await frames['embed-all'].evaluate(() => getComputedStyle(document.body).backgroundColor));
        if (scheme === 'dark') {
          assert.ok(page_bg < 0.05 && frame_bg < 0.05, `dark means dark: page ${page_bg.toFixed(3)}, embed ${frame_bg.toFixed(3)}`);
        } else {
          assert.ok(page_bg > 0.8 && frame_bg > 0.8, `light means light: page ${page_bg.toFixed(3)}, embed ${frame_bg.toFixed(3)}`);
        }
      });
      assert.deepEqual(problemsExcept(problems, []), []);
      await context.close();
    });
  }
}
