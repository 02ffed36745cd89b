// Shared set-up for the end-to-end tests: a site directory with the built
// widget (www/) plus the test pages (tests/e2e/pages/), served on 127.0.0.1
// by scripts/serve.mjs, and Debian's Chromium driven by playwright-core.
import { chromium } from 'playwright-core';
import { cp, mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';
import { dist } from '../../scripts/dist.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, '..', '..');
export const ARTIFACTS = join(here, 'artifacts');

export async function site() {
  if (!existsSync(join(ROOT, 'www', 'pkg', 'help_widget_bg.wasm'))) {
    throw new Error('www/pkg is missing: build the Wasm first (./dev test does)');
  }
  const dir = await mkdtemp(join(tmpdir(), 'help-widget-e2e-'));
  await cp(join(ROOT, 'www'), dir, { recursive: true });
  await cp(join(here, 'pages'), join(dir, 'test'), { recursive: true });
  const server = await serve(dir, 0);
  const base = `http://127.0.0.1:${server.address().port}`;
  return { base, close: () => new Promise((ok) => server.close(ok)) };
}

export async function browser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run'],
  });
}

/** A page that records console errors, page errors and every request. */
export async function open(b, url, { at, ...options } = {}) {
  const context = await b.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE', ...options });
  const page = await context.newPage();
  // `at` (ms since the epoch): the page's Date.now() and new Date() stand
  // still there, so a test of dated content (notices) never expires.
  if (at !== undefined) await page.clock.setFixedTime(at);
  const problems = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('request', (r) => requests.push(r.url()));
  // Chromium asks every origin for /favicon.ico; its 404 is not the widget's.
  await page.route('**/favicon.ico', (r) => r.fulfill({ status: 204 }));
  await page.goto(url);
  return { page, context, problems, requests };
}

/** Waits until the launcher is drawn (HelpWidget.ready), then has the
 * search load and waits until it is interactive (HelpWidget.loaded). */
export async function ready(page) {
  await page.waitForFunction(() => window.HelpWidget && window.HelpWidget.timings && window.HelpWidget.timings.launcher);
  await page.evaluate(() => HelpWidget.load());
  await page.waitForFunction(() => window.HelpWidget.timings.interactive);
}

/** Waits until only the launcher is drawn (no search loaded on purpose). */
export async function launcherReady(page) {
  await page.waitForFunction(() => window.HelpWidget && window.HelpWidget.timings && window.HelpWidget.timings.launcher);
}

export async function shot(page, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/** The element focused inside the widget's shadow root (id or role), or null. */
export function focusedInWidget(page) {
  return page.evaluate(() => {
    const host = document.querySelector('help-widget');
    const el = host?.shadowRoot?.activeElement;
    if (!el) return null;
    return el.id || el.getAttribute('data-act') || el.tagName.toLowerCase();
  });
}

/** Waits for the widget's animations (the panel's entrance) to finish, so
 * checks such as colour contrast see the final colours. */
export function animationsDone(page) {
  return page.evaluate(() => Promise.all(
    document.querySelector('help-widget').shadowRoot.getAnimations({ subtree: true }).map((a) => a.finished),
  ));
}

/** Evaluates `fn(root, arg)` in the page with the widget's shadow root. */
export function inWidget(page, fn, arg) {
  return page.evaluate(([src, a]) => {
    const root = document.querySelector('help-widget').shadowRoot;
    return new Function('root', 'arg', `return (${src})(root, arg)`)(root, a);
  }, [fn.toString(), arg]);
}

/** Waits until the widget suggests answers for `query` (typed by
 * `search`), then returns the questions suggested and whether the
 * panel's logo (if any) was loaded and decoded. */
export async function suggestions(page, query) {
  await page.waitForFunction((q) => {
    const root = document.querySelector('help-widget')?.shadowRoot;
    const logo = root?.querySelector('img.logo');
    return root && root.querySelectorAll('[role=option]').length > 0 && root.querySelector('#hw-q')?.value === q
      && (!logo || logo.complete); // loaded or broken, no longer on its way
  }, query);
  return page.evaluate(() => {
    const root = document.querySelector('help-widget').shadowRoot;
    const logo = root.querySelector('img.logo');
    return {
      questions: [...root.querySelectorAll('[role=option] .q')].map((o) => o.textContent),
      logo: logo ? logo.complete && logo.naturalWidth > 0 : null,
    };
  });
}

/** The benchmarks' two screens. */
export const BENCH_VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844, isMobile: true, hasTouch: true } };

/** A cold page for the benchmarks: `viewport` (one of BENCH_VIEWPORTS),
 * the CPU slowed `rate` times, no HTTP cache and, when given, `network`
 * (CDP Network.emulateNetworkConditions). Resolves with { page, context, cdp }. */
export async function benchPage(b, viewport, rate, network) {
  const { isMobile, hasTouch, ...size } = viewport;
  const context = await b.newContext({ viewport: size, isMobile, hasTouch, locale: 'de-DE' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  if (network) await cdp.send('Network.emulateNetworkConditions', network);
  return { page, context, cdp };
}

/** The benchmarks' site: the `./dev dist` kit of www/ (or the folder
 * `other`, served as it is) under help/, the dist page and a contact form. */
export async function benchSite(other) {
  const dir = await mkdtemp(join(tmpdir(), 'help-widget-bench-'));
  if (other) await cp(other, join(dir, 'help'), { recursive: true });
  else await dist(join(ROOT, 'www'), join(dir, 'help'));
  await cp(join(ROOT, 'tests', 'e2e', 'pages', 'dist.html'), join(dir, 'index.html'));
  const form = (await readFile(join(ROOT, 'tests', 'e2e', 'pages', 'contact-form.html'), 'utf8'))
    .replace('../help-widget.js', 'help/help-widget.js').replace('<script src="contact-form.js" defer></script>', '');
  await writeFile(join(dir, 'form.html'), form);
  for (const floor of ['paint-floor.html', 'rows-floor.html', 'floor-page.js', 'view-floor.html', 'view-floor.js']) {
    await cp(join(ROOT, 'tests', 'e2e', 'pages', floor), join(dir, floor));
  }
  const server = await serve(dir, 0);
  return { base: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

/** Resolves once `fn` (no arguments) returns a truthy value in the page,
 * asked every 50 ms with page.evaluate. For measuring a page view:
 * Playwright's waitForFunction first loads its own injected script into
 * the page, a task of 40–80 ms at 4× CPU that the page view's long
 * tasks then counted as the widget's. */
export async function pollUntil(page, fn, timeout = 30_000) {
  const until = Date.now() + timeout;
  while (!(await page.evaluate(fn))) {
    if (Date.now() > until) throw new Error(`pollUntil: ${fn} still false after ${timeout} ms`);
    await page.waitForTimeout(50);
  }
}

/** The sample kb's labelled queries, German and English in turn. */
export async function benchQueries() {
  const sample = JSON.parse(await readFile(join(ROOT, 'tests', 'eval', 'sample-queries.json'), 'utf8'));
  const de = sample.filter((q) => q.lang === 'de').map((q) => q.query);
  const en = sample.filter((q) => q.lang === 'en').map((q) => q.query);
  return de.flatMap((q, i) => [q, en[i % en.length]]);
}

/** Types `queries` into `box` key by key, as a quick typist would (about
 * 12 characters a second), until `keys` keys are typed; each query starts
 * from an empty box, after `fresh()`. The benchmarks' keystroke runs. */
export async function typeQueries(page, box, queries, keys, fresh = async () => {}) {
  let typed = 0;
  for (const q of queries) {
    if (typed >= keys) break;
    await box.fill('');
    await fresh();
    for (const ch of q) {
      await page.keyboard.type(ch);
      typed++;
      await page.waitForTimeout(80);
    }
    await page.waitForTimeout(20);
  }
}

/** Runs in the page (`page.evaluate(paintProbe)`): from each keydown to the
 * frame after the widget's DOM changed, pushed to `window.__lat` (ms), for
 * the benchmarks' keydown → painted figures. `host`: the element whose
 * shadow root is watched (bench-delivery.mjs's Pagefind page has its own).
 * Also counts the keydowns (`window.__keys`) and those the browser's Event
 * Timing saw take 16 ms or more from the key to the next paint
 * (`window.__slowKeys`; its durations are rounded to 8 ms), the measure
 * of the Interaction to Next Paint metric. Characters typed without a
 * keydown (Playwright's ä, ö, ü, ß) are not measured. */
export function paintProbe(host = 'help-widget') {
    const root = document.querySelector(host).shadowRoot;
    window.__lat = [];
    window.__keys = 0;
    window.__slowKeys = 0;
    let key = null;
    let inputs = 0;
    document.addEventListener('keydown', (e) => { key = e.timeStamp; inputs = 0; window.__keys++; }, { capture: true });
    // Playwright types ä, ö, ü and ß as text, with an input event and no
    // keydown: a second input after a keydown is such a character's, and
    // what it changes is not the key's (a key that changed nothing, then
    // "ä", measured the 80 ms pause between them).
    document.addEventListener('input', () => { if (++inputs > 1) key = null; }, { capture: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'keydown') window.__slowKeys++;
    }).observe({ type: 'event', durationThreshold: 16 });
    new MutationObserver(() => {
      if (key === null) return;
      const start = key;
      key = null;
      requestAnimationFrame(() => window.__lat.push(performance.now() - start));
    }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
}
