// What each delivery mode of the kit costs a visitor, per knowledge base:
// a benchmark that prints a table and asserts nothing (issue 22, "Measure").
//
// Run (after ./dev dist, or with HELP_WIDGET_CLI=path/to/help-widget):
//   node bench-delivery.mjs [--loads N] [--modes embedded,locales,parts,pagefind,pagefind-ui] [--no-slow]
//        [--files] KB[=QUERY] …
// (--files: list each phase's files of the first visit under its row)
// e.g. node bench-delivery.mjs ../../kb='zählerstand eingeben' /tmp/man10k='dateien komprimieren'
//
// The mode `pagefind` is the peer row (issue 22: Pagefind's bytes and time
// beside ours, same corpus, one run): npm's pagefind (this package's
// devDependency) indexes one HTML page per kb entry of every locale
// (`<html lang>`, `<h1>question</h1>` + the answer's paragraphs; Pagefind
// splits per language itself), its Node API timed as "dist s"; .js/.json/.css
// get a brotli-11 .br beside them as our kit's files do (Pagefind's own index
// files are gzipped by Pagefind and served as they are). pages/pagefind.html
// uses Pagefind's JS API, no Pagefind UI: the launcher tap imports
// pagefind.js and runs init(); each input runs search(q) and data() of the
// first 8 results (question + excerpt), measured by the same steps below.
// The mode `pagefind-ui` is the same index with Pagefind's own UI
// (pages/pagefind-ui.html: pagefind-ui.js and .css loaded on the tap,
// PagefindUI with its defaults): Pagefind as a site owner ships it, the
// like-for-like row, since every row of ours carries our UI.
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
import { mkdtemp, cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
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
const LIST = argv.includes('--files');
const KBS = argv.filter((a) => !a.startsWith('--')).map((a) => {
  const [dir, query] = a.split('=');
  return { dir: resolve(dir), query: query ?? defaultQuery(resolve(dir)) };
});
if (!KBS.length) KBS.push({ dir: join(ROOT, 'kb'), query: 'zählerstand eingeben' });

const PAGEFIND_VERSION = (() => {
  try { return JSON.parse(readFileSync(new URL('./node_modules/pagefind/package.json', import.meta.url), 'utf8')).version; } catch { return '(not installed: npm ci)'; }
})();
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

/** Every file under `dir` but precompressed twins: count and bytes. */
async function tally(dir) {
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.endsWith('.br') || entry.name.endsWith('.gz')) continue;
    files++;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return { files, bytes };
}

async function kit(kbDir, mode) {
  if (mode.startsWith('pagefind')) return pagefindKit(kbDir, `${mode}.html`);
  const dir = await mkdtemp(join(tmpdir(), `help-widget-delivery-${mode}-`));
  const started = performance.now();
  execFileSync(CLI, ['dist', kbDir, '--out', join(dir, 'help'), '--delivery', mode], { stdio: ['ignore', 'ignore', 'inherit'] });
  const seconds = (performance.now() - started) / 1000;
  await cp(join(ROOT, 'tests', 'e2e', 'pages', 'dist.html'), join(dir, 'index.html'));
  const { files, bytes } = await tally(join(dir, 'help'));
  const server = await serve(dir, 0);
  return { host: 'help-widget', base: `http://127.0.0.1:${server.address().port}/`, seconds, files, bytes, close: () => new Promise((ok) => server.close(ok)).then(() => rm(dir, { recursive: true, force: true })) };
}

/** The kb's locales: site.toml's `locales = [...]`, else its folders of .md files. */
async function kbLocales(kbDir) {
  const site = await readFile(join(kbDir, 'site.toml'), 'utf8').catch(() => '');
  const listed = /^locales\s*=\s*\[([^\]]*)\]/m.exec(site);
  if (listed) return [...listed[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  const dirs = await readdir(kbDir, { withFileTypes: true });
  const locales = [];
  for (const d of dirs) {
    if (d.isDirectory() && (await readdir(join(kbDir, d.name))).some((n) => n.endsWith('.md'))) locales.push(d.name);
  }
  return locales;
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A kb entry (`+++` TOML front matter with question = "…", then Markdown)
 * as the page a site would publish: the question as <h1>, the answer's
 * paragraphs with the commonest Markdown marks taken out. */
function entryPage(text, lang) {
  const m = /^\+\+\+\r?\n([\s\S]*?)\r?\n\+\+\+\r?\n?([\s\S]*)$/.exec(text);
  if (!m) return null;
  const q = /^question\s*=\s*("(?:[^"\\]|\\.)*")\s*$/m.exec(m[1]);
  if (!q) return null;
  const question = JSON.parse(q[1]);
  const paragraphs = m[2].split(/\n\s*\n/).map((p) => p
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s*(#+|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_`]+/g, '')
    .trim()).filter(Boolean);
  return `<!doctype html>
<html lang="${esc(lang)}"><head><meta charset="utf-8"><title>${esc(question)}</title></head>
<body><main><h1>${esc(question)}</h1>
${paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}
</main></body></html>
`;
}

/** Pagefind's bundle of the same kb, built by its Node API, beside `page`
 * (pages/pagefind.html or pages/pagefind-ui.html). */
async function pagefindKit(kbDir, page) {
  const pagefind = await import('pagefind');
  const dir = await mkdtemp(join(tmpdir(), 'help-widget-delivery-pagefind-'));
  const source = await mkdtemp(join(tmpdir(), 'help-widget-delivery-pagefind-site-'));
  let pages = 0;
  for (const lang of await kbLocales(kbDir)) {
    await mkdir(join(source, lang));
    for (const name of await readdir(join(kbDir, lang))) {
      if (!name.endsWith('.md')) continue;
      const html = entryPage(await readFile(join(kbDir, lang, name), 'utf8'), lang);
      if (!html) continue;
      await writeFile(join(source, lang, name.replace(/\.md$/, '.html')), html);
      pages++;
    }
  }
  const started = performance.now();
  const check = (what, r) => { if (r.errors.length) throw new Error(`pagefind ${what}: ${r.errors.join('; ')}`); return r; };
  const { index } = check('createIndex', await pagefind.createIndex({}));
  check('addDirectory', await index.addDirectory({ path: source }));
  check('writeFiles', await index.writeFiles({ outputPath: join(dir, 'pagefind') }));
  await index.deleteIndex();
  await pagefind.close();
  const seconds = (performance.now() - started) / 1000;
  await rm(source, { recursive: true, force: true });
  for (const entry of await readdir(join(dir, 'pagefind'), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(js|json|css)$/.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    await writeFile(`${path}.br`, brotliCompressSync(await readFile(path), { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }));
  }
  await cp(join(ROOT, 'tests', 'e2e', 'pages', page), join(dir, 'index.html'));
  const { files, bytes } = await tally(join(dir, 'pagefind'));
  const server = await serve(dir, 0);
  return { host: 'pagefind-search', pages, base: `http://127.0.0.1:${server.address().port}/`, seconds, files, bytes, close: () => new Promise((ok) => server.close(ok)).then(() => rm(dir, { recursive: true, force: true })) };
}

/** A cold phone page at 4× CPU that counts the widget's transfers. */
async function coldPage(b, network) {
  const context = await b.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'de-DE' });
  const page = await context.newPage();
  await page.route('**/favicon.ico', (r) => r.fulfill({ status: 204 }));
  // A page that breaks would only show as a wait that never ends: say why.
  page.on('pageerror', (e) => console.error(`page error: ${e}`));
  page.on('console', (m) => { if (m.type() === 'error') console.error(`console error: ${m.text()}`); });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
  if (network) await cdp.send('Network.emulateNetworkConditions', network);
  const counted = new Set();
  const open = new Set();
  const tally = { bytes: 0, files: 0, names: [] };
  const urls = new Map();
  cdp.on('Network.requestWillBeSent', (e) => {
    open.add(e.requestId);
    if (e.type !== 'Document') counted.add(e.requestId);
    urls.set(e.requestId, e.request.url);
  });
  cdp.on('Network.loadingFinished', (e) => {
    open.delete(e.requestId);
    if (counted.has(e.requestId)) {
      tally.bytes += e.encodedDataLength;
      tally.files++;
      tally.names.push(`${new URL(urls.get(e.requestId)).pathname.split('/').pop()} ${kb(e.encodedDataLength)}`);
    }
  });
  cdp.on('Network.loadingFailed', (e) => open.delete(e.requestId));
  // A dedicated worker's requests (Pagefind searches in one) reach only the
  // worker's own target: attach to it (non-flat, through this session), give
  // it the same throttling and count its transfers with the page's.
  let id = 1;
  cdp.on('Target.attachedToTarget', (e) => {
    const send = (method, params = {}) => cdp.send('Target.sendMessageToTarget', { sessionId: e.sessionId, message: JSON.stringify({ id: id++, method, params }) }).catch(() => {});
    send('Network.enable');
    send('Emulation.setCPUThrottlingRate', { rate: RATE });
    if (network) send('Network.emulateNetworkConditions', network);
    send('Runtime.runIfWaitingForDebugger');
  });
  const events = new Set(['Network.requestWillBeSent', 'Network.loadingFinished', 'Network.loadingFailed']);
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message);
    if (events.has(m.method)) cdp.emit(m.method, m.params);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  /** Waits until no request has been open for `quiet` ms. */
  const idle = async (quiet = 400) => {
    let since = performance.now();
    let told = since;
    for (;;) {
      await new Promise((ok) => setTimeout(ok, 50));
      if (open.size && performance.now() - told > 20_000) {
        told = performance.now();
        console.error(`still open after 20 s: ${[...open].map((r) => urls.get(r)).join(', ')}`);
      }
      if (open.size) since = performance.now();
      else if (performance.now() - since >= quiet) return;
    }
  };
  const mark = () => ({ ...tally, names: [...tally.names] });
  const since = (m) => ({ bytes: tally.bytes - m.bytes, files: tally.files - m.files, names: tally.names.slice(m.names.length) });
  return { page, context, idle, mark, since };
}

// Our loader's timings (HelpWidget.timings) or pages/pagefind.html's (PagefindBench.timings).
const timings = () => (window.HelpWidget ?? window.PagefindBench)?.timings;
const launcherShown = (page) => page.waitForFunction(`(${timings})()?.launcher`);
const interactive = (page) => page.waitForFunction(`(${timings})()?.interactive`, null, { timeout: 300_000 });
// Results shown: options, or pages/pagefind.html's "no hits" line.
const RESULTS = '[role=option], [data-bench-empty]';
const hasResults = (page, host) => page.waitForFunction(
  ([h, sel]) => document.querySelector(h).shadowRoot.querySelector(sel), [host, RESULTS], { timeout: 300_000 });
const hitsShown = (page, host) => page.evaluate((h) => document.querySelector(h).shadowRoot.querySelectorAll('[role=option]').length, host);
const launcher = (page, host) => page.locator(host).locator('.launcher');
const box = (page, host) => page.locator(host).locator('#hw-q');

/** Bytes and files of a page view, the first open, the first search and opening an answer. */
async function firstVisit(b, { base, host }, query) {
  const p = await coldPage(b);
  try {
    await p.page.goto(base);
    await launcherShown(p.page);
    await p.idle();
    const view = p.mark();
    await launcher(p.page, host).tap();
    await interactive(p.page);
    await p.idle();
    const opened = p.mark();
    await box(p.page, host).fill(query);
    await hasResults(p.page, host);
    await p.idle();
    const searched = p.mark();
    const hits = await hitsShown(p.page, host);
    if (hits) await p.page.locator(host).locator('[role=option]').first().click();
    await p.idle();
    const between = (a, z) => ({ bytes: z.bytes - a.bytes, files: z.files - a.files, names: z.names.slice(a.names.length) });
    return { hits, view, open: between(view, opened), search: between(opened, searched), answer: p.since(searched) };
  } finally {
    await p.context.close();
  }
}

/** Bytes of typing 20 characters key by key after the first open, then
 * keydown → painted over three more rounds of the same typing. */
async function typing(b, { base, host }, query) {
  const keys = [...query].slice(0, 20);
  const p = await coldPage(b);
  try {
    await p.page.goto(base);
    await launcherShown(p.page);
    await launcher(p.page, host).tap();
    await interactive(p.page);
    await p.idle();
    const before = p.mark();
    for (const ch of keys) {
      await p.page.keyboard.type(ch);
      await p.page.waitForTimeout(80);
    }
    await hasResults(p.page, host);
    await p.idle();
    const typed = p.since(before);
    await p.page.evaluate(paintProbe, host);
    for (let round = 0; round < 3; round++) {
      await box(p.page, host).fill('');
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
async function tapToResults(b, { base, host }, query, network) {
  const times = [];
  for (let i = 0; i < LOADS; i++) {
    const p = await coldPage(b, network);
    try {
      await p.page.goto(base);
      await launcherShown(p.page);
      await p.page.evaluate(([h, sel]) => {
        const root = document.querySelector(h).shadowRoot;
        window.__t = {};
        root.querySelector('.launcher').addEventListener('click', (e) => {
          window.__t.click = e.timeStamp;
          const poll = () => {
            if (root.querySelector(sel)) { window.__t.results = performance.now(); return; }
            requestAnimationFrame(poll);
          };
          requestAnimationFrame(poll);
        }, { capture: true });
      }, [host, RESULTS]);
      await launcher(p.page, host).tap();
      await p.page.waitForFunction((h) => document.querySelector(h).shadowRoot.activeElement?.id === 'hw-q', host, { timeout: 300_000 });
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
        const v = await firstVisit(b, k, query);
        const t = await typing(b, k, query);
        const fast = await tapToResults(b, k, query);
        const slow = SLOW ? await tapToResults(b, k, query, SLOW_4G) : NaN;
        const cell = (x) => `${kb(x.bytes)} kB / ${x.files}`;
        const peer = { pagefind: 'JS API', 'pagefind-ui': 'Pagefind UI' }[mode];
        const label = peer ? `pagefind ${PAGEFIND_VERSION} (${peer}; ${k.pages} pages, every locale with its lang; the page's lang de picks its index)` : mode;
        const row = `| ${dir.split('/').pop()} «${query}» | ${label} | ${k.seconds.toFixed(1)} | ${k.files} (${(k.bytes / 1e6).toFixed(1)} MB raw) | ${cell(v.view)} | ${cell(v.open)} | ${cell(v.search)}, ${v.hits} hits | ${cell(v.answer)} | ${cell(t.typed)} | ${ms(fast)} | ${ms(slow)} | ${t.p95.toFixed(1)} (${t.n}) |`;
        rows.push(row);
        console.log(row);
        if (LIST) {
          for (const [phase, x] of [['page view', v.view], ['first open', v.open], ['first search', v.search], ['open answer', v.answer]]) {
            console.log(`    ${mode} ${phase}: ${x.names.join(', ') || '–'}`);
          }
        }
      } finally {
        await k.close();
      }
    }
  }
} finally {
  await b.close();
}
