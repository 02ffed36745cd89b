// The editing loop of `./dev serve`: build the Wasm with the knowledge base,
// serve the demo, watch kb/ (and www/, src/ for developers), rebuild on
// change while the last good build stays served, and reload open demo pages
// through Server-Sent Events. A knowledge-base error shows only its
// diagnostics (file:line: what, how to fix), in the terminal and as an
// overlay in the page; the next good save clears it.
//
// A kb edit compiles no Rust: the editors' tool writes the engine with the
// new knowledge (`help-widget pkg`); a change in src/ rebuilds the engine.
//
// Usage (from the repository root; ./dev serve runs it after its setup):
//   node scripts/watch.mjs [PORT]
// Honours CARGO_TARGET_DIR and HELP_WIDGET_KB. Builds with cargo's dev
// profile (seconds per rebuild; HELP_WIDGET_RELEASE=1 builds what ships,
// with wasm-opt, as ./dev test does). The served site is staged under
// $CARGO_TARGET_DIR/watch/, never in www/.
import { existsSync, watch } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildEngine as engineRecipe, collect } from './engine-build.mjs';
import { serve } from './serve.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TARGET = resolve(ROOT, process.env.CARGO_TARGET_DIR ?? 'target');
const KB = resolve(ROOT, process.env.HELP_WIDGET_KB ?? 'kb');
const WWW = join(ROOT, 'www');
const STAGE = join(TARGET, 'watch');
const CLI = join(TARGET, 'debug', 'help-widget');
const CURRENT = join(STAGE, 'current');
const ENGINE = join(STAGE, 'engine');
const RELEASE = process.env.HELP_WIDGET_RELEASE === '1';
const PORT = Number(process.argv[2] ?? process.env.PORT ?? 8080);

const tty = process.stdout.isTTY;
const paint = (code) => (s) => (tty ? `\x1b[${code}m${s}\x1b[0m` : s);
const bold = paint('1');
const red = paint('1;31');
const yellow = paint('33');
const dim = paint('2');
const log = (...a) => console.log(...a);

const run = collect;

/** Paths in diagnostics, relative to the repository when inside it. */
const tidy = (line) => line.replaceAll(ROOT + sep, '');

/**
 * What a failed cargo build says. A failing build script is the knowledge
 * base (build.rs prints `error: file:line: …` per problem): only those
 * lines. Anything else is a Rust error: cargo's error messages.
 */
export function problems(out) {
  const lines = out.split('\n');
  const stderrAt = lines.findIndex((l) => l.trim() === '--- stderr');
  if (out.includes('failed to run custom build command') && stderrAt >= 0) {
    const diags = lines.slice(stderrAt + 1)
      .map((l) => l.trim())
      .filter((l) => l.startsWith('error: '))
      .map((l) => tidy(l.slice('error: '.length)));
    const summary = diags.length > 1 && /^the knowledge base in .* has \d+ problem/.test(diags.at(-1)) ? diags.pop() : null;
    return { kind: 'kb', title: summary ?? `The knowledge base has ${diags.length} problem(s)`, lines: diags };
  }
  // rustc's messages: from each `error` line to the next blank line.
  const errors = [];
  let block = null;
  for (const l of lines) {
    if (/^error(\[E\d+\])?: /.test(l) && !l.startsWith('error: could not compile')) { block = [l]; errors.push(block); }
    else if (block && l.trim() === '') block = null;
    else if (block) block.push(l);
  }
  const text = errors.length ? errors.map((b) => b.join('\n')) : [out.trim().split('\n').slice(-20).join('\n')];
  return { kind: 'rust', title: 'The Rust build failed', lines: text.map(tidy) };
}

/** `cargo:warning`s of the build script (missing translations, near-duplicate categories). */
export function warnings(out) {
  return out.split('\n')
    .map((l) => l.match(/^warning: help-widget@[^:]+: (.*)$/)?.[1])
    .filter(Boolean)
    .map((w) => tidy(w.replace(': warning: ', ': ')));
}

/** What the editors' tool says of a knowledge base it cannot compile:
 * one `file:line: what, how to fix` line per problem, then a summary. */
export function toolProblems(out) {
  const lines = out.trim().split('\n').map((l) => l.trim()).filter(Boolean);
  const summary = lines.length && lines.at(-1).startsWith('error: ') ? lines.pop().slice('error: '.length) : null;
  return { kind: 'kb', title: summary ?? `The knowledge base has ${lines.length} problem(s)`, lines: lines.map(tidy) };
}

/** The kb's warnings as the editors' tool prints them (`file:line: warning: …`). */
export function toolWarnings(out) {
  return out.split('\n').map((l) => l.trim()).filter((l) => l.includes(': warning: ')).map((l) => tidy(l.replace(': warning: ', ': ')));
}

/** Builds the engine (code only, no kb) into ENGINE and the editors' tool. */
async function buildEngine({ cli }) {
  // The demo pages (engine.html, hotline.html) call the exports of feature `demo`.
  const e = await engineRecipe({ out: ENGINE, cargoArgs: ['--features', 'demo'], release: RELEASE });
  if (!e.ok && e.step === 'cargo') return { ok: false, problems: problems(e.out), warnings: warnings(e.out) };
  if (!e.ok) return { ok: false, problems: { kind: 'tool', title: `${e.step} failed`, lines: [e.out.trim()] } };
  if (cli || !existsSync(CLI)) {
    const tool = await run('cargo', ['build', '--features', 'cli', '--bin', 'help-widget', '--color', 'never']);
    if (tool.code !== 0) return { ok: false, problems: problems(tool.out), warnings: warnings(tool.out) };
  }
  return { ok: true, warnings: warnings(e.out) };
}

/**
 * Writes `pkg`: the engine with the knowledge base, by the editors' tool
 * (`help-widget pkg`), which compiles the kb itself. A kb edit compiles no
 * Rust; a change in src/ rebuilds the engine and the tool first.
 */
async function build(pkg, { engine = true, cli = false } = {}) {
  let warned = [];
  if (engine || !existsSync(join(ENGINE, 'help_widget_bg.wasm'))) {
    const e = await buildEngine({ cli });
    if (!e.ok) return e;
    warned = e.warnings;
  }
  const tool = await run(CLI, ['pkg', KB, '--out', pkg, '--engine', ENGINE]);
  if (tool.code !== 0) return { ok: false, problems: toolProblems(tool.out), warnings: warned };
  return { ok: true, warnings: [...warned, ...toolWarnings(tool.out)] };
}

// The page side: a script and a stylesheet added to every demo page (files,
// not inline, so the demo's strict Content-Security-Policy allows them).
const CLIENT = `// Added by scripts/watch.mjs: reloads the page after a rebuild, shows build problems.
(() => {
  let build = null;
  let overlay = null;
  const css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = '/__watch/overlay.css';
  document.head.append(css);
  function hide() { overlay?.remove(); overlay = null; }
  function show(p) {
    hide();
    overlay = document.createElement('section');
    overlay.id = 'help-widget-watch';
    overlay.setAttribute('role', 'alert');
    const h = document.createElement('h2');
    h.textContent = p.title;
    const list = document.createElement('ul');
    for (const line of p.lines) {
      const li = document.createElement('li');
      li.textContent = line;
      list.append(li);
    }
    const note = document.createElement('p');
    note.textContent = 'Fix it and save: this page reloads by itself. Until then it shows the last good build.';
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Hide';
    close.addEventListener('click', hide);
    overlay.append(h, list, note, close);
    document.body.append(overlay);
  }
  const events = new EventSource('/__watch/events');
  events.addEventListener('state', (e) => {
    const s = JSON.parse(e.data);
    if (build !== null && s.build !== build) { location.reload(); return; }
    build = s.build;
    if (s.problems) show(s.problems); else hide();
  });
})();
`;

const OVERLAY_CSS = `#help-widget-watch{position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;z-index:2147483647;
background:#fff5f5;color:#1c1f24;border:2px solid #b3261e;border-radius:8px;padding:1rem 1.25rem;
font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace;box-shadow:0 8px 32px rgb(0 0 0/.25)}
#help-widget-watch h2{font:600 16px/1.3 system-ui,sans-serif;color:#b3261e;margin:0 0 .5rem}
#help-widget-watch ul{margin:0;padding-left:1.25rem}#help-widget-watch li{white-space:pre-wrap;margin:.25rem 0}
#help-widget-watch p{font-family:system-ui,sans-serif;margin:.75rem 0 .5rem}
#help-widget-watch button{font:inherit;font-family:system-ui,sans-serif;padding:.25rem .75rem}
`;

const TAG = '<script src="/__watch/client.js" defer></script>';

let staged = 0;

/** A new site folder: www/ with `pkg` and the reload client; then `current` points at it. */
async function stage(pkg) {
  const dir = join(STAGE, `site-${++staged}`);
  await rm(dir, { recursive: true, force: true });
  await cp(WWW, dir, { recursive: true, filter: (src) => !src.startsWith(join(WWW, 'pkg')) });
  if (pkg) await cp(pkg, join(dir, 'pkg'), { recursive: true });
  await mkdir(join(dir, '__watch'), { recursive: true });
  await writeFile(join(dir, '__watch', 'client.js'), CLIENT);
  await writeFile(join(dir, '__watch', 'overlay.css'), OVERLAY_CSS);
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.html')) continue;
    const file = join(dir, name);
    const html = await readFile(file, 'utf8');
    await writeFile(file, html.includes('</head>') ? html.replace('</head>', `${TAG}\n</head>`) : `${TAG}\n${html}`);
  }
  // Swap atomically: requests see the old site or the new one, never neither.
  const link = join(STAGE, 'current.next');
  await rm(link, { force: true });
  await symlink(dir, link);
  await rename(link, CURRENT);
  // Keep the previous site a while for requests still reading it.
  for (const name of await readdir(STAGE)) {
    const n = Number(name.match(/^site-(\d+)$/)?.[1]);
    if (n && n < staged - 1) await rm(join(STAGE, name), { recursive: true, force: true });
  }
}

// Server-Sent Events: every open demo page learns the build number (a new
// one means reload) and the current problems.
const clients = new Set();
let state = { build: 0, problems: null };

function send(res) { res.write(`event: state\ndata: ${JSON.stringify(state)}\n\n`); }
function publish(next) {
  state = { ...state, ...next };
  for (const res of clients) send(res);
}

function events(req, res) {
  if (new URL(req.url, 'http://localhost').pathname !== '/__watch/events') return false;
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.write('retry: 500\n\n');
  send(res);
  clients.add(res);
  req.on('close', () => clients.delete(res));
  return true;
}
setInterval(() => { for (const res of clients) res.write(': keep-alive\n\n'); }, 15_000).unref();

function report(result, seconds) {
  for (const w of result.warnings ?? []) log(yellow(`warning: ${w}`));
  if (result.ok) return;
  const p = result.problems;
  log(red(p.title));
  for (const line of p.lines) log(p.kind === 'kb' ? `  ${line}` : line);
  log(dim(`(${seconds} s) the demo keeps serving the last good build; fix it and save to continue`));
}

// One build at a time; changes during a build queue one more.
let building = false;
let again = null;
let lastPkg = null;

/** The saved file's own problems first: most likely the cause of the others. */
export function savedFirst(problemsFound, saved) {
  if (!saved || problemsFound.kind !== 'kb') return problemsFound;
  const mine = (l) => l.startsWith(`${saved}:`);
  return { ...problemsFound, lines: [...problemsFound.lines.filter(mine), ...problemsFound.lines.filter((l) => !mine(l))] };
}

async function rebuild(reason, { cargo = true, saved = null } = {}) {
  if (building) { again = { reason, saved, cargo: cargo || again?.cargo }; return; }
  building = true;
  const started = performance.now();
  if (reason) log(dim(`${reason}: ${cargo ? 'rebuilding' : 'restaging'}…`));
  let result = { ok: true, warnings: [] };
  if (cargo) {
    const pkg = join(STAGE, `pkg-${staged + 1}`);
    const src = Boolean(saved?.startsWith('src'));
    result = await build(pkg, { cli: src, engine: !saved || src });
    if (result.ok) lastPkg = pkg;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.ok) {
    await stage(lastPkg);
    for (const name of await readdir(STAGE)) {
      if (/^pkg-\d+$/.test(name) && join(STAGE, name) !== lastPkg) await rm(join(STAGE, name), { recursive: true, force: true });
    }
    report(result, seconds);
    publish({ build: staged, problems: null });
    const total = ((performance.now() - started) / 1000).toFixed(1);
    log(`${bold('ready')} in ${total} s${clients.size ? `, ${clients.size} open page(s) reloading` : ''}`);
  } else {
    if (!state.build) await stage(lastPkg); // nothing good yet: serve the pages, with the overlay
    result.problems = savedFirst(result.problems, saved);
    report(result, seconds);
    publish({ build: state.build || staged, problems: result.problems });
  }
  building = false;
  if (again) { const next = again; again = null; await rebuild(next.reason, next); }
}

/** Editors' and tools' scratch files are no changes. */
const scratch = (name) => /(^|[/\\])(\.|#)|~$|\.sw[a-p]x?$|^4913$|\.tmp$/.test(name);

/**
 * Calls `onChange(path)` for each change below `dir`. One non-recursive
 * watcher per directory: it sees its entries replaced by rename (how
 * editors and `sed -i` save), which node's recursive mode on Linux misses.
 */
function watchDirs(dir, skip, onChange) {
  const watchers = new Map();
  const add = async (d) => {
    // fs.watch takes files too: only directories here, their entries report the files.
    if (watchers.has(d) || !(await stat(d).catch(() => null))?.isDirectory()) return;
    try {
      const w = watch(d, (_event, name) => {
        if (!name || scratch(name)) return;
        const path = join(d, name);
        if (skip(path)) return;
        add(path).catch(() => {}); // a new subdirectory, if it is one
        onChange(path);
      });
      w.on('error', () => { w.close(); watchers.delete(d); });
      watchers.set(d, w);
    } catch {
      return; // gone meanwhile
    }
    for (const e of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      if (e.isDirectory() && !scratch(e.name) && !skip(join(d, e.name))) await add(join(d, e.name));
    }
  };
  return add(dir);
}

/** Watches `dir`, rebuilding (with cargo or only restaging) after changes settle. */
async function watchTree(dir, { cargo, skip = () => false }) {
  let timer = null;
  let last = null;
  await watchDirs(dir, skip, (path) => {
    last = shown(path);
    clearTimeout(timer);
    // Editors save in several steps (a temporary file, then a rename): wait for the last.
    timer = setTimeout(() => rebuild(`${last} changed`, { cargo, saved: last }), 120);
  });
  return shown(dir);
}

/** A path as the terminal shows it: relative inside the repository. */
function shown(path) {
  const r = relative(ROOT, path);
  return r.startsWith('..') ? path : r;
}

async function main() {
  // Sites and packages of an earlier run are not the last good build of this one.
  await rm(STAGE, { recursive: true, force: true });
  await mkdir(STAGE, { recursive: true });
  log(dim(`building the Wasm with the knowledge base in ${shown(KB)} (${RELEASE ? 'release' : 'dev profile'}; the first build takes a few minutes)…`));
  await rebuild(null);
  await serve(CURRENT, PORT, { before: events });
  const pkg = join(WWW, 'pkg');
  const watched = [
    await watchTree(KB, { cargo: true }),
    await watchTree(WWW, { cargo: false, skip: (p) => p === pkg || p.startsWith(pkg + sep) }),
    await watchTree(join(ROOT, 'src'), { cargo: true }),
  ];
  log(`${bold(`demo at http://127.0.0.1:${PORT}/`)}  watching ${watched.join(', ')}  (Ctrl-C stops)`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
