// Where a keystroke's and a page view's main-thread time goes, from a
// Chromium trace (CDP Tracing) and a sampled CPU profile (CDP Profiler), in
// headless Chromium at 4× CPU slowdown: prints tables, asserts nothing.
// bench.mjs measures how long things take; this says what to cut.
// Run: `node bench-trace.mjs [--keys N] [--loads N] [--rate R] [--www DIR]`
// here, after a build (./dev test or ./dev bench builds www/pkg).
//
// (1) keystrokes: the panel open, realistic queries typed key by key
//     (tests/eval/sample-queries.json) 80 ms apart; per keystroke the
//     renderer main thread's time from the keydown to the frame that
//     shows the results, by what Chromium was doing (self time of the trace
//     events: the input's dispatch and text editing, script, style, layout,
//     paint and compositing), and the script's samples split into the
//     Wasm, the widget's JS and the rest; p50 / p95 over the keystrokes.
// (2) page views nobody interacts with: every main-thread task of 30 ms or
//     more, with what it spent its time on (scripts by file).
import { writeFile } from 'node:fs/promises';
import { BENCH_VIEWPORTS, benchPage, benchQueries, benchSite, browser, pollUntil, typeQueries } from './lib.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const KEYS = Number(arg('keys', 120));
const LOADS = Number(arg('loads', 5));
const RATE = Number(arg('rate', 4));
const OTHER = arg('www', null);
const ONLY = arg('only', null); // 'keys' or 'view'
const VIEWPORTS = BENCH_VIEWPORTS;

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'toplevel'].join(',');

const pct = (list, p) => {
  const s = [...list].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};
const ms = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');

/** What a trace event's self time counts as. */
function kind(e) {
  const n = e.name;
  if (n === 'EventDispatch') return `dispatch`;
  if (n === 'FunctionCall' || n === 'EvaluateScript' || n === 'v8.compile' || n === 'v8.run' || n === 'V8.Execute'
    || n === 'TimerFire' || n === 'FireAnimationFrame' || n === 'v8.callFunction' || n === 'RunMicrotasks'
    || n === 'v8.evaluateModule' || n === 'v8.produceModuleCache' || n === 'v8.compileModule' || n.startsWith('V8.')
    || n === 'FireIdleCallback' || n === 'MinorGC' || n === 'MajorGC' || n === 'BlinkGC.AtomicPhase') return 'script';
  if (n === 'UpdateLayoutTree' || n === 'RecalculateStyles' || n === 'ParseAuthorStyleSheet' || n === 'InvalidateLayout'
    || n === 'ScheduleStyleRecalculation') return 'style';
  if (n === 'Layout' || n === 'IntersectionObserverController::computeIntersections') return 'layout';
  if (n === 'PrePaint' || n === 'Paint' || n === 'PaintImage' || n === 'Layerize' || n === 'Commit' || n === 'UpdateLayer'
    || n === 'UpdateLayerTree' || n === 'CompositeLayers' || n === 'RasterTask' || n === 'PaintSetup') return 'paint';
  if (n === 'HitTest') return 'hit test';
  if (n === 'ParseHTML') return 'parse';
  return 'other';
}
const KINDS = ['dispatch', 'script', 'style', 'layout', 'paint', 'other'];

/** The complete ('X') events of the renderer main thread that handled the
 * page's input (or ran its scripts), with their self times. */
function mainThread(events, marker) {
  const names = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain') names.set(`${e.pid}:${e.tid}`, true);
  const count = new Map();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (names.has(key) && marker(e)) count.set(key, (count.get(key) ?? 0) + 1);
  }
  const main = [...count.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const list = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // Self time: duration minus the durations of the events directly inside.
  const stack = [];
  for (const e of list) {
    e.self = e.dur;
    e.end = e.ts + e.dur;
    while (stack.length && stack.at(-1).end <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) { parent.self -= Math.min(e.dur, parent.end - e.ts); e.parent = parent; }
    stack.push(e);
  }
  return list;
}

async function trace(cdp, run) {
  const events = [];
  const onData = (d) => events.push(...d.value);
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  await run();
  const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', onData);
  return events;
}

const newPage = (b, viewport) => benchPage(b, viewport, RATE);

/** The script samples of a CPU profile between `from` and `to` (µs,
 * the trace's clock), by where the function is: the Wasm, the widget's
 * JS files, or elsewhere (Chromium's own, garbage collection, idle). */
function scriptSplit(profile, windows) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const where = (n) => {
    const f = n.callFrame;
    if (f.url.startsWith('wasm://') || f.url.endsWith('.wasm')) return 'wasm';
    if (/help_widget[^/]*\.js/.test(f.url)) return 'glue';
    if (/help-widget[^/]*\.m?js/.test(f.url)) return 'js';
    if (f.functionName === '(idle)' || f.functionName === '(program)') return null;
    if (f.functionName === '(garbage collector)') return 'gc';
    return 'native';
  };
  const per = windows.map(() => ({ wasm: 0, glue: 0, js: 0, gc: 0, native: 0 }));
  let t = profile.startTime;
  let w = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    t += profile.timeDeltas[i];
    while (w < windows.length && t >= windows[w][1]) w++;
    if (w >= windows.length || t < windows[w][0]) return;
    const k = where(nodes.get(id));
    if (k) per[w][k] += dt / 1000;
  });
  return per;
}

/** (1) Per keystroke: from the keydown's dispatch to the end of the frame
 * after it (the last Paint/Commit before the next keydown). */
async function keystrokes(b, base, viewport, queries) {
  const { page, context, cdp } = await newPage(b, viewport);
  await page.goto(base);
  await page.waitForFunction(() => window.HelpWidget?.timings?.launcher);
  await page.evaluate(() => HelpWidget.load());
  await page.waitForFunction(() => window.HelpWidget.timings.interactive);
  await page.evaluate(() => HelpWidget.open());
  const box = page.locator('help-widget').locator('#hw-q');
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  let profile = null;
  const events = await trace(cdp, async () => {
    await cdp.send('Profiler.start');
    await typeQueries(page, box, queries, KEYS, () => page.waitForTimeout(120));
    await page.waitForTimeout(200);
    ({ profile } = await cdp.send('Profiler.stop'));
  });
  await context.close();
  const main = mainThread(events, (e) => e.name === 'EventDispatch');
  const keydowns = main.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown');
  const rows = [];
  const windows = [];
  keydowns.forEach((k, i) => {
    const next = keydowns[i + 1]?.ts ?? Infinity;
    // The frame that shows the keystroke: the first Paint (or Commit) after the input event's dispatch.
    const input = main.find((e) => e.ts > k.ts && e.ts < next && e.name === 'EventDispatch' && e.args?.data?.type === 'input');
    if (!input) return; // a key that typed nothing (the fill)
    const painted = main.find((e) => e.ts > input.end && e.ts < next && (e.name === 'Commit' || e.name === 'Layerize'));
    if (!painted) return;
    const end = painted.end;
    const row = Object.fromEntries(KINDS.map((x) => [x, 0]));
    let busy = 0;
    for (const e of main) {
      if (e.ts < k.ts || e.ts >= end || !(e.self > 0)) continue;
      const x = kind(e);
      row[KINDS.includes(x) ? x : 'other'] += e.self / 1000;
      busy += e.self / 1000;
    }
    // Chromium's own text editing and event dispatch happen in the keydown, keypress and textInput dispatches.
    row.busy = busy;
    row.latency = (end - k.ts) / 1000;
    rows.push(row);
    windows.push([k.ts, end]);
  });
  const split = profile ? scriptSplit(profile, windows) : [];
  split.forEach((s, i) => Object.assign(rows[i], s));
  return rows;
}

/** (2) The long tasks of page views nobody interacts with. */
async function pageViews(b, base, viewport) {
  const out = [];
  for (let i = 0; i < LOADS; i++) {
    const { page, context, cdp } = await newPage(b, viewport);
    const events = await trace(cdp, async () => {
      await page.goto(base);
      await pollUntil(page, () => !!window.HelpWidget?.timings?.launcher);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
    });
    await context.close();
    const main = mainThread(events, (e) => e.name === 'EvaluateScript' || e.name === 'v8.evaluateModule');
    // From the loader's evaluation on: the navigation's own tasks are the page's, not the widget's.
    const from = main.find((e) => /help-widget\.js$/.test(e.args?.data?.url ?? ''))?.ts ?? 0;
    const tasks = main.filter((e) => !e.parent && e.dur >= 30_000 && e.end > from);
    for (const t of tasks) {
      const parts = new Map();
      for (const e of main) {
        if (e.ts < t.ts || e.ts >= t.end || !(e.self > 0)) continue;
        let name = kind(e);
        if (name === 'script' || name === 'other') {
          // The script's file, from the nearest event that names one.
          let p = e;
          while (p && !(p.args?.data?.url || p.args?.data?.fileName)) p = p.parent;
          const url = p?.args?.data?.url || p?.args?.data?.fileName;
          // A script without a file is named by what ran (RunMicrotasks:
          // promise continuations of a module evaluated earlier).
          name = `${name === 'other' ? e.name : 'script'}${url ? ` ${url.split('/').pop()}` : name === 'script' ? ` (${e.name})` : ''}`;
        }
        parts.set(name, (parts.get(name) ?? 0) + e.self / 1000);
      }
      out.push({ load: i, ms: t.dur / 1000, parts: [...parts.entries()].sort((a, b) => b[1] - a[1]).filter(([, v]) => v >= 0.5) });
    }
    out.push({ load: i, longest: Math.max(0, ...main.filter((e) => !e.parent && e.end > from).map((e) => e.dur / 1000)) });
  }
  return out;
}

const queries = await benchQueries();

const s = await benchSite(OTHER);
const b = await browser();
try {
  console.log(`help-widget trace bench: ${RATE}× CPU; ${OTHER ? `${OTHER} served as it is` : 'the ./dev dist kit'}`);
  if (ONLY !== 'view') {
    const cols = [...KINDS, 'wasm', 'glue', 'js', 'gc', 'native', 'busy', 'latency'];
    console.log(`\n(1) per keystroke, keydown → the frame drawn after it, ms of main-thread self time, p50 / p95 (${KEYS} keys)`);
    console.log('dispatch: the key\'s events and Chromium\'s text editing; script split by CPU samples into wasm, glue (wasm-bindgen), js (the widget\'s modules), gc, native (DOM calls from script); busy: their sum; latency: keydown → frame committed (tracing and sampling slow the page: bench.mjs measures latency)');
    console.log(`| viewport | ${cols.join(' | ')} |`);
    console.log(`|---|${cols.map(() => '---').join('|')}|`);
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      const rows = await keystrokes(b, s.base, viewport, queries);
      console.log(`| ${name} (${rows.length}) | ${cols.map((c) => `${ms(pct(rows.map((r) => r[c]), 50))} / ${ms(pct(rows.map((r) => r[c]), 95))}`).join(' | ')} |`);
      if (process.env.TRACE_DUMP) await writeFile(`${process.env.TRACE_DUMP}-${name}.json`, JSON.stringify(rows));
    }
  }
  if (ONLY !== 'keys') {
    console.log(`\n(2) page views nobody interacts with (${LOADS} each): longest main-thread task, and every task ≥ 30 ms by what it did (ms self time)`);
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      const out = await pageViews(b, s.base, viewport);
      const longest = out.filter((o) => o.longest !== undefined).map((o) => o.longest);
      console.log(`${name}: longest task per view ${longest.map(ms).join(', ')} ms (median ${ms(pct(longest, 50))})`);
      for (const o of out.filter((x) => x.ms !== undefined)) console.log(`  view ${o.load}: ${ms(o.ms)} ms: ${o.parts.map(([k, v]) => `${k} ${ms(v)}`).join(', ')}`);
    }
  }
} finally {
  await b.close();
  await s.close();
}
