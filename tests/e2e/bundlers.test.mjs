// The npm path of docs/site-owners.md, with the real bundlers: the kit is installed
// into an app (`npm install <kit>`), the app imports `help-widget`, is
// built with esbuild (its default iife output and ESM), webpack 5 and Vite
// (build and dev server), and deployed as docs/site-owners.md says: the app bundle
// and the kit's folder at /help/. The app is that page's own snippet. Chromium then loads the app and asks the
// widget. Every bundler must build without a warning.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import webpack from 'webpack';
import { build as viteBuild, createServer as viteServer } from 'vite';
import { dist } from '../../scripts/dist.mjs';
import { serve } from '../../scripts/serve.mjs';
import { browser, open, ROOT, suggestions } from './lib.mjs';
import { codeBlocks, freePort } from './servers.mjs';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const METER = 'Wie teile ich Ihnen meinen Zählerstand mit?';

/** The app: docs/site-owners.md's snippet for bundlers, as it is, and the test's
 * own handle on the widget it made (init returns the same widget). */
async function appSource() {
  const readme = await readFile(join(ROOT, 'docs', 'site-owners.md'), 'utf8');
  const snippets = codeBlocks(readme).filter((x) => x.lang === 'js' && x.text.includes("from 'help-widget'"));
  assert.equal(snippets.length, 1, "docs/site-owners.md: one js block importing 'help-widget'");
  return `${snippets[0].text}
import { init as initForTheTest } from 'help-widget';
window.globalBeforeInit = typeof window.HelpWidget;
initForTheTest({ baseUrl: '/help/' })
  .then((widget) => widget.load())
  .then((widget) => { window.widget = widget; window.globalAfterLoad = typeof window.HelpWidget; })
  .catch((error) => { window.failed = String(error); });
`;
}

let work;
let kit;
let app;
let b;
before(async () => {
  work = await mkdtemp(join(tmpdir(), 'help-widget-bundlers-'));
  kit = join(work, 'kit');
  await dist(join(ROOT, 'www'), kit);
  app = join(work, 'app');
  await mkdir(app);
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }, null, 2));
  // As docs/site-owners.md says: npm install <the kit's folder> (no registry needed).
  await run('npm', ['install', '--no-audit', '--no-fund', '--offline', '--loglevel=error', kit], { cwd: app });
  await writeFile(join(app, 'main.js'), await appSource());
  b = await browser();
});
after(async () => {
  await b?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** A web root with the app's files and the kit's folder at /help/, served
 * on a free loopback port. */
async function deploy(site, page) {
  await writeFile(join(site, 'index.html'), page);
  await cp(kit, join(site, 'help'), { recursive: true });
  const server = await serve(site, 0);
  return { base: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((ok) => server.close(ok)) };
}

const page = (script) => `<!doctype html>\n<html lang="de">\n<meta charset="utf-8">\n<title>app</title>\n${script}\n</html>\n`;

/** Loads `url` in Chromium and checks that the bundled widget answers. */
async function answers(url) {
  const { page: p, context, problems } = await open(b, url);
  try {
    await p.waitForFunction(() => window.widget || window.failed, null, { timeout: 20000 });
    assert.equal(await p.evaluate(() => window.failed ?? null), null);
    await p.evaluate(() => window.widget.search('Zählerstand'));
    const found = await suggestions(p, 'Zählerstand');
    assert.equal(found.questions[0], METER);
    assert.equal(found.logo, true, 'the logo is shown');
    const globals = await p.evaluate(() => [window.globalBeforeInit, window.globalAfterLoad]);
    assert.deepEqual(globals, ['undefined', 'undefined'], 'no window.HelpWidget, as help-widget.d.ts says for this path');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
}

for (const format of ['iife', 'esm']) {
  test(`esbuild's ${format === 'iife' ? 'default (iife)' : 'ESM'} output of an app importing help-widget builds without warnings and answers beside the kit at /help/`, async () => {
    const site = await mkdtemp(join(work, `esbuild-${format}-`));
    const options = { absWorkingDir: app, entryPoints: ['main.js'], bundle: true, outfile: join(site, 'app.js'), logLevel: 'silent' };
    if (format === 'esm') options.format = 'esm';
    const result = await esbuild.build(options);
    const server = await deploy(site, page(format === 'esm'
      ? '<script type="module" src="app.js"></script>'
      : '<script src="app.js" defer></script>'));
    try {
      await answers(`${server.base}/`);
    } finally {
      await server.close();
    }
    assert.deepEqual([...result.errors, ...result.warnings].map((m) => m.text), []);
  });
}

test('a bundled widget without baseUrl rejects, saying that it needs the URL of the kit', async () => {
  const site = await mkdtemp(join(work, 'no-base-'));
  await writeFile(join(app, 'no-base.js'), `import { init } from 'help-widget';
init({ locale: 'de' }).then(() => { window.outcome = 'resolved'; }, (error) => { window.outcome = error.message; });
`);
  const result = await esbuild.build({ absWorkingDir: app, entryPoints: ['no-base.js'], bundle: true, format: 'esm', outfile: join(site, 'app.js'), logLevel: 'silent' });
  assert.deepEqual(result.warnings, []);
  const server = await deploy(site, page('<script type="module" src="app.js"></script>'));
  const { page: p, context } = await open(b, `${server.base}/`);
  try {
    await p.waitForFunction(() => window.outcome);
    assert.equal(await p.evaluate(() => window.outcome),
      "help-widget: init({ baseUrl }) needs the URL where the kit's folder is served (e.g. '/help/') when the widget is bundled into an app");
    assert.equal(await p.evaluate(() => document.querySelector('help-widget')), null, 'nothing drawn');
  } finally {
    await context.close();
    await server.close();
  }
});

test('webpack 5 bundles an app importing help-widget without warnings, and it answers beside the kit at /help/', async () => {
  const site = await mkdtemp(join(work, 'webpack-'));
  const stats = await new Promise((ok, fail) => webpack({
    mode: 'production', context: app, entry: './main.js', output: { path: site, filename: 'app.js' },
  }, (error, s) => (error ? fail(error) : ok(s))));
  const { errors, warnings } = stats.toJson({ all: false, errors: true, warnings: true });
  const server = await deploy(site, page('<script src="app.js" defer></script>'));
  try {
    await answers(`${server.base}/`);
  } finally {
    await server.close();
  }
  assert.deepEqual([...errors, ...warnings].map((m) => m.message), []);
});

/** A Vite project: the app, its index.html, and the kit in public/help/
 * (docs/site-owners.md's place for it: Vite serves and copies public/ as it is). */
async function viteProject() {
  const root = await mkdtemp(join(work, 'vite-'));
  await cp(app, root, { recursive: true, verbatimSymlinks: true });
  await writeFile(join(root, 'index.html'), page('<script type="module" src="/main.js"></script>'));
  await cp(kit, join(root, 'public', 'help'), { recursive: true });
  return root;
}

/** Vite's logger, keeping what it warns about. */
function viteLogger() {
  const said = [];
  const keep = (level) => (msg) => said.push(`${level}: ${msg}`);
  return {
    said,
    logger: {
      info: () => {}, clearScreen: () => {}, hasErrorLogged: () => false, hasWarned: false,
      warn: keep('warn'), warnOnce: keep('warn'), error: keep('error'),
    },
  };
}

test('Vite builds an app importing help-widget without warnings, and it answers with the kit in public/help/', async () => {
  const root = await viteProject();
  const { said, logger } = viteLogger();
  await viteBuild({ root, configFile: false, customLogger: logger, logLevel: 'warn', build: { outDir: join(root, 'dist'), emptyOutDir: true } });
  assert.deepEqual(said, []);
  const server = await serve(join(root, 'dist'), 0);
  try {
    await answers(`http://127.0.0.1:${server.address().port}/`);
  } finally {
    await new Promise((ok) => server.close(ok));
  }
});

test("Vite's dev server serves an app importing help-widget without warnings, and it answers", async () => {
  const root = await viteProject();
  const { said, logger } = viteLogger();
  const port = await freePort();
  const server = await viteServer({
    root, configFile: false, customLogger: logger, logLevel: 'warn',
    server: { host: '127.0.0.1', port, strictPort: true, hmr: false, watch: null },
  });
  await server.listen();
  try {
    await answers(`http://127.0.0.1:${port}/`);
    assert.deepEqual(said, []);
  } finally {
    await server.close();
  }
});

test('help-widget.d.ts types the npm path and says window.HelpWidget may be undefined (TypeScript, strict)', async () => {
  const dir = await mkdtemp(join(work, 'types-'));
  await cp(app, dir, { recursive: true, verbatimSymlinks: true });
  await writeFile(join(dir, 'good.ts'), `import { init, type HelpWidget } from 'help-widget';
const widget: HelpWidget = await init({ baseUrl: '/help/', locale: 'de' });
widget.on('answer-shown', (detail) => console.log(detail.id));
window.HelpWidget?.open();
export {};
`);
  await writeFile(join(dir, 'bad.ts'), `import type {} from 'help-widget';
window.HelpWidget.open();
export {};
`);
  const tsc = join(here, 'node_modules', '.bin', 'tsc');
  const flags = ['--noEmit', '--strict', '--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler', '--lib', 'es2022,dom', '--skipLibCheck', 'false'];
  const good = await run(tsc, [...flags, 'good.ts'], { cwd: dir }).then(() => '', (e) => e.stdout + e.stderr);
  assert.equal(good, '', 'the npm path type-checks');
  const bad = await run(tsc, [...flags, 'bad.ts'], { cwd: dir }).then(() => '', (e) => e.stdout + e.stderr);
  assert.match(bad, /TS18048|possibly 'undefined'/, 'window.HelpWidget without ?. is an error');
  // The declaration file is the kit's own.
  assert.equal(await readFile(join(kit, 'help-widget.d.ts'), 'utf8'), await readFile(join(ROOT, 'www', 'help-widget.d.ts'), 'utf8'));
});
