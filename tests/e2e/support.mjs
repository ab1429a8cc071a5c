// Shared by the end-to-end tests: a static server for the release build in
// dist/ (started and stopped by each test file, on 127.0.0.1 only), Debian's
// Chromium driven by playwright-core, and the few steps every test repeats
// (run and wait, read the result, apply a text) written once, each of which
// says what the page looked like when it fails.
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const root = resolve(import.meta.dirname, '..', '..');
// DIST serves another build (one kept aside while dist/ is rebuilt).
export const dist = process.env.DIST ? resolve(process.env.DIST) : join(root, 'dist');
export const shots = join(root, 'target', 'screenshots');

/** Where the scenario is kept between visits. */
export const STORAGE_KEY = 'promise-playground.scenario';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
};

/**
 * Where the playground is served in the tests: under a sub-path, as on a
 * documentation site, never at the root, so that a URL the build makes
 * absolute fails here first.
 */
export const SUB_PATH = '/docs/playground/';

/**
 * The strict Content-Security-Policy every playground page is served with:
 * no inline script, style or handler may run, only the site's own files and
 * WebAssembly.
 */
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/** Resolves to { url, port, close } for a server of `handler` on 127.0.0.1. */
async function listen(handler) {
  const server = createServer(handler);
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  const close = () => {
    // A browser's kept-alive connections would hold the server open.
    server.closeAllConnections();
    return new Promise((ok) => server.close(ok));
  };
  return { port, origin: `http://127.0.0.1:${port}`, close };
}

/**
 * Serves fixed files, `{ '/path': { type, body, headers } }`, on its own
 * origin: a stand-in for some other site. Resolves to { url, origin, close }.
 */
export async function serveFiles(files) {
  const served = await listen((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const file = files[path];
    if (path === '/favicon.ico' && !file) {
      // Browsers ask every site for one; this stand-in has none to give.
      res.writeHead(204).end();
      return;
    }
    if (!file) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': file.type, ...(file.headers ?? {}) });
    res.end(file.body);
  });
  return { ...served, url: `${served.origin}/` };
}

/** The body and content type of a file of dist/, or null. */
async function distFile(path) {
  const file = join(dist, path.endsWith('/') ? join(path, 'index.html') : path);
  if (!file.startsWith(dist)) return null;
  try {
    return { body: await readFile(file), type: types[extname(file)] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}

/**
 * Serves dist/ under `prefix` (SUB_PATH unless told) like a static host
 * would, with the strict CSP and `Access-Control-Allow-Origin: *` (which a
 * sandboxed frame needs, see the README); resolves to { url, origin, close },
 * url ending in the prefix.
 */
export async function serveDist({ csp = CSP, cors = true, prefix = SUB_PATH } = {}) {
  const served = await listen(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const found = path.startsWith(prefix) ? await distFile(path.slice(prefix.length - 1)) : null;
    if (!found) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': found.type,
      'content-security-policy': csp,
      ...(cors ? { 'access-control-allow-origin': '*' } : {}),
    });
    res.end(found.body);
  });
  return { ...served, url: `${served.origin}${prefix}` };
}

/**
 * A documentation site on a second origin: the example page of dist/example/
 * at /guide/, as an author who hosts the playground elsewhere writes it: its
 * links to the playground ("../…") point at `playgroundUrl`. It is served
 * with a strict CSP of its own, which allows the playground's script and
 * frames and nothing inline. Resolves to { url, origin, close }.
 */
export async function serveDocs(playgroundUrl) {
  const playground = new URL(playgroundUrl).origin;
  const csp = `default-src 'self'; script-src 'self' ${playground}; frame-src ${playground}; img-src 'self' ${playground}; style-src 'self'`;
  const served = await listen(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const found = path.startsWith('/guide/') ? await distFile(`/example/${path.slice('/guide/'.length)}`) : null;
    if (!found) {
      res.writeHead(404).end('not found');
      return;
    }
    let body = found.body;
    if (found.type.startsWith('text/html')) {
      body = body.toString('utf8').replaceAll('"../', `"${playgroundUrl}`);
    }
    res.writeHead(200, { 'content-type': found.type, 'content-security-policy': csp });
    res.end(body);
  });
  return { ...served, url: `${served.origin}/guide/` };
}

/** Launches Debian's Chromium headless, with nothing that reaches outside. */
export async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * Registers before/after hooks that start the server and the browser once
 * for a test file; the returned object's `server` and `browser` are set by
 * the time tests run.
 */
export function useSite() {
  const site = { server: null, browser: null };
  before(async () => {
    site.server = await serveDist();
    site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}

const pageProblems = new WeakMap();

/** A page that fails the test on any console error or uncaught exception. */
export async function openPage(browser, url, options = {}) {
  const context = await browser.newContext(options);
  // Fail in seconds, not Playwright's default 30 s, when an element never becomes actionable.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems = [];
  // Every refusal by the Content-Security-Policy, in this page and its frames.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} refused ${e.blockedURI || 'inline code'}`);
    });
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  // Kept with the page, so a failure's description can list them.
  pageProblems.set(page, problems);
  await page.goto(url);
  return { page, context, problems };
}

/** Opens the playground in a fresh context and waits until the app is drawn. */
export async function openPlayground(site, options = {}) {
  const opened = await openPage(site.browser, site.server.url, options);
  await waitFor(opened.page, '#playground[data-run-state]', 'the app to mount');
  return opened;
}

/**
 * A picture of the whole page with every frame in it drawn: Chromium stops
 * drawing frames that are out of view, so a full-page picture would leave
 * them blank. The viewport is made as tall as the page for the picture.
 */
export async function screenshotTall(page, name) {
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height });
  // Two frames: one to lay out at the new size, one to draw the frames.
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  await mkdir(shots, { recursive: true });
  const path = join(shots, `${name}.png`);
  await page.screenshot({ path });
  await page.setViewportSize(viewport);
  return path;
}

export async function screenshot(page, name) {
  await mkdir(shots, { recursive: true });
  const path = join(shots, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

// ---- reading the page -----------------------------------------------------

/** Everything a failing assertion should show about the page, as data. */
export async function pageState(page) {
  return page.evaluate(() => {
    const text = (sel) => document.querySelector(sel)?.textContent ?? null;
    const pg = document.querySelector('#playground');
    return {
      runState: pg?.dataset.runState ?? null,
      run: pg?.dataset.run ?? null,
      runButton: text('#run'),
      runStatus: text('#run-status'),
      resultData: document.querySelector('#result')?.dataset.status ?? null,
      resultStatus: text('#result-status'),
      resultValue: text('#result-value'),
      log: [...document.querySelectorAll('#settle-log > li')].slice(0, 12).map((li) => li.textContent),
      notice: text('#notice'),
      runError: text('#run-error'),
      textError: text('#text-error'),
      fieldErrors: [...document.querySelectorAll('.field-error')].map((e) => e.textContent),
      fatal: document.querySelector('#fatal')?.hidden === false ? text('#fatal') : null,
      tasks: [...document.querySelectorAll('li.task')].slice(0, 8).map((li) => ({
        label: li.querySelector('input[name=label]')?.value,
        delay: li.querySelector('input[name=delay]')?.value,
        value: li.querySelector('input[name=value]')?.value,
      })),
      combinator: document.querySelector('input[name=combinator]:checked')?.value ?? null,
      scenarioText: document.querySelector('#scenario-text')?.value?.slice(0, 400) ?? null,
      timeline: document.querySelector('svg#timeline')
        ? `${document.querySelectorAll('svg#timeline g.lane').length} lanes, ` +
          `${document.querySelectorAll('svg#timeline .delay-handle').length} handles`
        : 'absent',
      activeElement: describeElement(document.activeElement),
    };
    function describeElement(e) {
      if (!e) return null;
      const attrs = ['id', 'name', 'type', 'value', 'data-action', 'data-task']
        .filter((a) => e.getAttribute(a) != null)
        .map((a) => `${a}=${JSON.stringify(e.getAttribute(a))}`);
      return `<${e.tagName.toLowerCase()} ${attrs.join(' ')}>`;
    }
  });
}

/** `message`, followed by what the page looked like. */
export async function explain(page, message) {
  let state;
  try {
    // A frozen page never answers: give up on describing it after a while.
    let timer;
    const frozen = new Promise((_, fail) => {
      timer = setTimeout(() => fail(new Error('no answer in 5 s: the page is frozen or busy')), 5000);
    });
    try {
      state = JSON.stringify(await Promise.race([pageState(page), frozen]), null, 2);
    } finally {
      clearTimeout(timer);
    }
  } catch (e) {
    state = `(could not read the page: ${e.message})`;
  }
  const problems = pageProblems.get(page) ?? [];
  const reported = problems.length ? `\n--- console errors and page errors ---\n${problems.join('\n')}` : '';
  return `${message}\n--- page state ---\n${state}${reported}`;
}

/**
 * Runs `body`; if it throws (a failed assertion, a timeout), rethrows with
 * the page's state appended so the failure says what was on screen.
 */
export async function withPage(page, body) {
  try {
    return await body();
  } catch (e) {
    throw await annotate(page, e);
  }
}

/** Appends the page's state to an error's message (and its stack, which is what reporters print). */
async function annotate(page, e) {
  if (!e || typeof e !== 'object' || e.pageStateAdded) return e;
  const old = e.message;
  e.message = await explain(page, old);
  if (typeof e.stack === 'string') {
    const frames = e.stack.split('\n').filter((l) => /^\s+at /.test(l));
    e.stack = `${e.name}: ${e.message}\n${frames.join('\n')}`;
  }
  e.pageStateAdded = true;
  return e;
}

/** waitForSelector that, on time-out, says what it waited for and what it saw. */
export async function waitFor(page, selector, what, options = {}) {
  try {
    return await page.waitForSelector(selector, { timeout: 10_000, ...options });
  } catch (e) {
    const err = new Error(await explain(page, `timed out waiting for ${what} (${selector}): ${e.message.split('\n')[0]}`));
    err.pageStateAdded = true;
    throw err;
  }
}

/** waitForFunction with the same courtesy as waitFor. */
export async function waitUntil(page, fn, arg, what, options = {}) {
  try {
    return await page.waitForFunction(fn, arg, { timeout: 10_000, ...options });
  } catch (e) {
    const err = new Error(await explain(page, `timed out waiting for ${what}: ${e.message.split('\n')[0]}`));
    err.pageStateAdded = true;
    throw err;
  }
}

/**
 * Chooses how tasks are combined the way a person does: a click in the
 * middle of the choice's visible (styled) label.
 */
export async function chooseCombinator(page, value) {
  const label = page.locator(`label[for="combinator-${value}"]`);
  await label.scrollIntoViewIfNeeded();
  const box = await label.boundingBox();
  if (!box) throw new Error(await explain(page, `the label of combinator ${value} is not on screen`));
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await waitUntil(
    page,
    (v) => document.querySelector('input[name=combinator]:checked')?.value === v,
    value,
    `the ${value} radio to be checked after a click on its label`,
  );
}

/** The current run id as a number (0 before the first run). */
export async function currentRun(page) {
  const run = await page.getAttribute('#playground', 'data-run');
  return run ? Number(run) : 0;
}

/**
 * Starts a run with `start` (a click on #run unless given) and waits for it
 * to reach `state` with the next run id.
 */
export async function runAndWait(page, { state = 'finished', timeout = 15_000, start } = {}) {
  const next = (await currentRun(page)) + 1;
  if (start) await start();
  else await page.click('#run');
  await waitFor(
    page,
    `#playground[data-run="${next}"][data-run-state="${state}"]`,
    `run ${next} to be ${state}`,
    { timeout },
  );
  return next;
}

/** The result panel and the log, as text. */
export async function readResult(page) {
  return page.evaluate(() => ({
    data: document.querySelector('#result')?.dataset.status ?? null,
    status: document.querySelector('#result-status')?.textContent ?? '',
    value: document.querySelector('#result-value')?.textContent ?? null,
    log: [...document.querySelectorAll('#settle-log > li')].map((li) => ({
      at: Number.parseFloat(li.querySelector('.at')?.textContent ?? 'NaN'),
      text: li.textContent.replace(/^\s*\d+ ms\s*/, ''),
      kind: li.className,
    })),
  }));
}

/** Replaces the scenario through the text view and waits for the editor to show it. */
export async function applyText(page, text, { expectTasks, paste = false } = {}) {
  if (paste) await pasteText(page, text);
  else await page.fill('#scenario-text', text);
  await page.click('#apply-text');
  const count = expectTasks ?? text.split(/\n|;/).slice(1).filter((l) => l.trim()).length;
  await waitUntil(
    page,
    (n) => {
      const h = document.querySelector('#tasks-title')?.textContent ?? '';
      return h.includes(`(${n})`) && !document.querySelector('#text-error');
    },
    count,
    `the editor to hold ${count} tasks after applying the text`,
    { timeout: 30_000 },
  );
}

/**
 * Pastes `text` over the text view's content, through the real clipboard
 * (the page needs the clipboard-read and clipboard-write permissions).
 * Pasting is how a long scenario arrives; Playwright's fill() and
 * keyboard.insertText() take minutes on a 10 000-line text.
 */
export async function pasteText(page, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.focus('#scenario-text');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+v');
  await waitUntil(
    page,
    (n) => document.querySelector('#scenario-text').value.length === n,
    text.length,
    `the text view to hold the ${text.length} pasted characters`,
    { timeout: 30_000 },
  );
}

/** Labels of the tasks in the editor. */
export function taskLabels(page) {
  return page.$$eval('li.task input[name=label]', (inputs) => inputs.map((i) => i.value));
}

/** Fails with every problem the page reported, except those `allowed` matches. */
export function problemsExcept(problems, allowed = []) {
  return problems.filter((p) => !allowed.some((a) => (a instanceof RegExp ? a.test(p) : p === a)));
}

// ---- the presets, read from the source ------------------------------------

/**
 * Every preset in src/model/presets.rs, in order: `{ id, shelf, title, text,
 * notice }`. Read with a pattern, not by hand, so a new preset is tested the
 * day it lands.
 */
export function readPresets() {
  const source = readFileSync(join(root, 'src', 'model', 'presets.rs'), 'utf8');
  const list = source.slice(source.indexOf('pub const PRESETS'), source.indexOf('#[cfg(test)]'));
  const rust = (s) => s.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\'/g, "'").replace(/\\\\/g, '\\');
  const str = '"((?:[^"\\\\]|\\\\.)*)"';
  const pattern = new RegExp(
    `Preset\\s*\\{\\s*id:\\s*${str},\\s*shelf:\\s*Shelf::(\\w+),\\s*title:\\s*${str},\\s*text:\\s*${str},\\s*notice:\\s*${str},?\\s*\\}`,
    'g',
  );
  const presets = [...list.matchAll(pattern)].map((m) => ({
    id: m[1],
    shelf: m[2],
    title: rust(m[3]),
    text: rust(m[4]),
    notice: rust(m[5]),
  }));
  const declared = (list.match(/\bPreset\s*\{/g) ?? []).length;
  if (presets.length !== declared) {
    throw new Error(
      `read ${presets.length} presets from presets.rs but it declares ${declared}: the pattern in support.mjs needs updating`,
    );
  }
  return presets;
}

/** "… after 453 ms with" → 453. */
export function msIn(text) {
  const m = /after (\d+) ms/.exec(text ?? '');
  return m ? Number(m[1]) : NaN;
}

/**
 * How late a timer-driven time may be reported. Timers never fire early;
 * how late they fire depends on how busy the machine is (a parallel build,
 * a CI runner), so the margin is wide, yet far narrower than the differences
 * the presets are about (450 ms against 950 ms, 150 ms against 500 ms).
 */
export const LATE_MS = 200;

/** Loads an example: choose it in the menu, then press Load. */
export async function loadPreset(page, id) {
  await page.selectOption('#preset', id);
  // Load is marked aria-disabled when that example is already loaded.
  if ((await page.getAttribute('#load-preset', 'aria-disabled')) !== 'true') {
    await page.click('#load-preset');
  }
  await page.waitForFunction(
    (want) => document.querySelector('#preset-notice') && document.querySelector('#preset')?.value === want,
    id,
  );
}
