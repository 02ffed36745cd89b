// What each delivery mode of the kit costs a visitor, per knowledge base:
// a benchmark that prints a table and asserts nothing (issue 22, "Measure").
//
// Run (after ./dev dist, or with HELP_WIDGET_CLI=path/to/help-widget):
//   node bench-delivery.mjs [--loads N] [--modes embedded,locales,parts] [--no-slow]
//        KB[=QUERY] …
// e.g. node bench-delivery.mjs ../../kb='zählerstand eingeben' /tmp/man10k='dateien komprimieren'
//
// For every kb and mode: `help-widget dist KB --out DIR --delivery MODE`
// (time and files written), the kit served by scripts/serve.mjs (precompressed
// .br) under tests/e2e/pages/dist.html, Debian's Chromium, a new context per
// run (cold cache), 4× CPU (CDP Emulation.setCPUThrottlingRate), a phone
// viewport (390×844, touch), locale de-DE. Measured:
// - bytes (CDP encodedDataLength: compressed, with headers) and files of
//   - the page view without interaction,
//   - the first open (tap on the launcher until the search is interactive
//     and the network is quiet),
//   - the first search (the query set at once until results are shown and the
//     network is quiet),
//   - opening the first result,
//   - typing the query's first 20 characters key by key (80 ms apart) in a
//     fresh page after its first open;
// - tap → first results (the query typed right after the tap), median of
//   --loads runs, at 1× network and on slow 4G (150 ms, 1.6 Mbit/s down,
//   750 kbit/s up: CDP Network.emulateNetworkConditions);
// - keydown → painted (first change in the widget, then the next animation
//   frame), p95 over typing the query key by key three more times once the
//   first typing has fetched what it needs.
import { mkdtemp, cp, readdir, rm, stat } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { browser, paintProbe, ROOT } from './lib.mjs';
import { serve } from '../../scripts/serve.mjs';
import { CLI } from '../../scripts/dist.mjs';

const argv = process.argv.slice(2);
const flag = (name) => {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return null;
  const v = argv[i + 1];
  argv.splice(i, 2);
  return v;
};
const LOADS = Number(flag('loads') ?? 3);
const MODES = (flag('modes') ?? 'embedded,locales,parts').split(',');
const SLOW = !argv.includes('--no-slow');
const KBS = argv.filter((a) => !a.startsWith('--')).map((a) => {
  const [dir, query] = a.split('=');
  return { dir: resolve(dir), query: query ?? defaultQuery(resolve(dir)) };
});
if (!KBS.length) KBS.push({ dir: join(ROOT, 'kb'), query: 'zählerstand eingeben' });

const PHONE = { width: 390, height: 844 };
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1e6) / 8, uploadThroughput: (750 * 1e3) / 8 };
const RATE = 4;

/** The synthetic generator's own queries (.queries.txt), else a sample kb query. */
function defaultQuery(dir) {
  const file = join(dir, '.queries.txt');
  if (existsSync(file)) {
    const qs = readFileSync(file, 'utf8').split('\n').filter((q) => [...q].length >= 20);
    if (qs.length) return qs[0];
  }
  return 'zählerstand eingeben';
}

const pct = (list, p) => {
  const s = [...list].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};
const ms = (x) => (Number.isFinite(x) ? x.toFixed(0) : '–');
const kb = (b) => (b / 1000).toFixed(1);

async function kit(kbDir, mode) {
  const dir = await mkdtemp(join(tmpdir(), `help-widget-delivery-${mode}-`));
  const started = performance.now();
  execFileSync(CLI, ['dist', kbDir, '--out', join(dir, 'help'), '--delivery', mode], { stdio: ['ignore', 'ignore', 'inherit'] });
  const seconds = (performance.now() - started) / 1000;
  await cp(join(ROOT, 'tests', 'e2e', 'pages', 'dist.html'), join(dir, 'index.html'));
  let files = 0;
  let bytes = 0;
  for (const name of await readdir(join(dir, 'help'))) {
    if (name.endsWith('.br') || name.endsWith('.gz')) continue;
    files++;
    bytes += (await stat(join(dir, 'help', name))).size;
  }
  const server = await serve(dir, 0);
  return { base: `http://127.0.0.1:${server.address().port}/`, seconds, files, bytes, close: () => new Promise((ok) => server.close(ok)).then(() => rm(dir, { recursive: true, force: true })) };
}

/** A cold phone page at 4× CPU that counts the widget's transfers. */
async function coldPage(b, network) {
  const context = await b.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'de-DE' });
  const page = await context.newPage();
  await page.route('**/favicon.ico', (r) => r.fulfill({ status: 204 }));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
  if (network) await cdp.send('Network.emulateNetworkConditions', network);
  const counted = new Set();
  const open = new Set();
  const tally = { bytes: 0, files: 0 };
  cdp.on('Network.requestWillBeSent', (e) => {
    open.add(e.requestId);
    if (e.type !== 'Document') counted.add(e.requestId);
  });
  cdp.on('Network.loadingFinished', (e) => {
    open.delete(e.requestId);
    if (counted.has(e.requestId)) { tally.bytes += e.encodedDataLength; tally.files++; }
  });
  cdp.on('Network.loadingFailed', (e) => open.delete(e.requestId));
  /** Waits until no request has been open for `quiet` ms. */
  const idle = async (quiet = 400) => {
    let since = performance.now();
    for (;;) {
      await new Promise((ok) => setTimeout(ok, 50));
      if (open.size) since = performance.now();
      else if (performance.now() - since >= quiet) return;
    }
  };
  const mark = () => ({ ...tally });
  const since = (m) => ({ bytes: tally.bytes - m.bytes, files: tally.files - m.files });
  return { page, context, idle, mark, since };
}

const launcherShown = (page) => page.waitForFunction(() => window.HelpWidget?.timings?.launcher);
const interactive = (page) => page.waitForFunction(() => window.HelpWidget.timings.interactive, null, { timeout: 300_000 });
const hasResults = (page) => page.waitForFunction(
  () => document.querySelector('help-widget').shadowRoot.querySelector('[role=option]'), null, { timeout: 300_000 });
const launcher = (page) => page.locator('help-widget').locator('.launcher');
const box = (page) => page.locator('help-widget').locator('#hw-q');

/** Bytes and files of a page view, the first open, the first search and opening an answer. */
async function firstVisit(b, base, query) {
  const p = await coldPage(b);
  try {
    await p.page.goto(base);
    await launcherShown(p.page);
    await p.idle();
    const view = p.mark();
    await launcher(p.page).tap();
    await interactive(p.page);
    await p.idle();
    const opened = p.mark();
    await box(p.page).fill(query);
    await hasResults(p.page);
    await p.idle();
    const searched = p.mark();
    await p.page.locator('help-widget').locator('[role=option]').first().click();
    await p.idle();
    return { view, open: { bytes: opened.bytes - view.bytes, files: opened.files - view.files }, search: { bytes: searched.bytes - opened.bytes, files: searched.files - opened.files }, answer: p.since(searched) };
  } finally {
    await p.context.close();
  }
}

/** Bytes of typing 20 characters key by key after the first open, then
 * keydown → painted over three more rounds of the same typing. */
async function typing(b, base, query) {
  const keys = [...query].slice(0, 20);
  const p = await coldPage(b);
  try {
    await p.page.goto(base);
    await launcherShown(p.page);
    await launcher(p.page).tap();
    await interactive(p.page);
    await p.idle();
    const before = p.mark();
    for (const ch of keys) {
      await p.page.keyboard.type(ch);
      await p.page.waitForTimeout(80);
    }
    await hasResults(p.page);
    await p.idle();
    const typed = p.since(before);
    await p.page.evaluate(paintProbe);
    for (let round = 0; round < 3; round++) {
      await box(p.page).fill('');
      await p.page.waitForTimeout(100);
      for (const ch of keys) {
        await p.page.keyboard.type(ch);
        await p.page.waitForTimeout(80);
      }
      await p.page.waitForTimeout(150);
    }
    const lat = await p.page.evaluate(() => window.__lat);
    return { typed, p95: pct(lat, 95), n: lat.length };
  } finally {
    await p.context.close();
  }
}

/** Tap → first results, the query typed right after the tap; median of LOADS. */
async function tapToResults(b, base, query, network) {
  const times = [];
  for (let i = 0; i < LOADS; i++) {
    const p = await coldPage(b, network);
    try {
      await p.page.goto(base);
      await launcherShown(p.page);
      await p.page.evaluate(() => {
        const root = document.querySelector('help-widget').shadowRoot;
        window.__t = {};
        root.querySelector('.launcher').addEventListener('click', (e) => {
          window.__t.click = e.timeStamp;
          const poll = () => {
            if (root.querySelector('[role=option]')) { window.__t.results = performance.now(); return; }
            requestAnimationFrame(poll);
          };
          requestAnimationFrame(poll);
        }, { capture: true });
      });
      await launcher(p.page).tap();
      await p.page.waitForFunction(() => document.querySelector('help-widget').shadowRoot.activeElement?.id === 'hw-q', null, { timeout: 300_000 });
      await p.page.keyboard.type(query);
      await p.page.waitForFunction(() => window.__t.results, null, { timeout: 300_000 });
      const t = await p.page.evaluate(() => window.__t);
      times.push(t.results - t.click);
    } finally {
      await p.context.close();
    }
  }
  return pct(times, 50);
}

const b = await browser();
const rows = [];
try {
  console.log(`delivery bench: phone 390×844, ${RATE}× CPU, cold context per run, tap → results median of ${LOADS}; bytes = encodedDataLength (brotli as served, with headers) / files`);
  console.log('| kb | mode | dist s | kit files | page view | first open | first search | open answer | type 20 keys | tap → results 1× ms | tap → results slow 4G ms | keydown → painted p95 ms (n) |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const { dir, query } of KBS) {
    for (const mode of MODES) {
      const k = await kit(dir, mode);
      try {
        const v = await firstVisit(b, k.base, query);
        const t = await typing(b, k.base, query);
        const fast = await tapToResults(b, k.base, query);
        const slow = SLOW ? await tapToResults(b, k.base, query, SLOW_4G) : NaN;
        const cell = (x) => `${kb(x.bytes)} kB / ${x.files}`;
        const row = `| ${dir.split('/').pop()} «${query}» | ${mode} | ${k.seconds.toFixed(1)} | ${k.files} (${(k.bytes / 1e6).toFixed(1)} MB raw) | ${cell(v.view)} | ${cell(v.open)} | ${cell(v.search)} | ${cell(v.answer)} | ${cell(t.typed)} | ${ms(fast)} | ${ms(slow)} | ${t.p95.toFixed(1)} (${t.n}) |`;
        rows.push(row);
        console.log(row);
      } finally {
        await k.close();
      }
    }
  }
} finally {
  await b.close();
}
