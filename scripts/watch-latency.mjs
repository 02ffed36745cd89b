// Measures the editing loop of `./dev serve` (scripts/watch.mjs) as an
// editor sees it: from saving a kb file to the open demo page answering
// with the change, and from saving a broken file to the page's overlay.
// Prints numbers, asserts nothing about speed.
//
// Usage: node scripts/watch-latency.mjs [ROUNDS]   (needs tests/e2e's
// node_modules and Debian's Chromium, as ./dev test installs them)
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, browser, open, ready, shot } from '../tests/e2e/lib.mjs';

const rounds = Number(process.argv[2] ?? 5);
const port = 8090 + Math.floor(Math.random() * 900);
const kb = join(await mkdtemp(join(tmpdir(), 'help-widget-watch-')), 'kb');
await cp(join(ROOT, 'kb'), kb, { recursive: true });
const entry = join(kb, 'de', 'meter-reading.md');
const original = await readFile(entry, 'utf8');

const watcher = spawn('node', [join(ROOT, 'scripts', 'watch.mjs'), String(port)], {
  cwd: ROOT, env: { ...process.env, HELP_WIDGET_KB: kb }, stdio: ['ignore', 'pipe', 'inherit'],
});
let output = '';
await new Promise((ok, fail) => {
  watcher.stdout.on('data', (d) => {
    output += d;
    if (output.includes('demo at')) ok();
    // The watcher's own share: change seen → new build staged and announced.
    for (const line of String(d).split('\n')) if (process.env.VERBOSE || /ready in/.test(line)) console.log(`  watch.mjs: ${line.replace(/\x1b\[[0-9;]*m/g, '')}`);
  });
  watcher.on('exit', () => fail(new Error(`watch.mjs stopped:\n${output}`)));
});

const b = await browser();
const { page } = await open(b, `http://127.0.0.1:${port}/`);
await ready(page);

/** Saves `text` as the entry and waits until `done` holds in the page; ms. */
async function timed(text, done) {
  const t0 = performance.now();
  await writeFile(entry, text);
  await done();
  return performance.now() - t0;
}

const visible = [];
for (let i = 1; i <= rounds; i++) {
  const word = `Messwort${i}x`;
  const ms = await timed(original.replace('aliases = [', `aliases = ["${word}", `), async () => {
    await page.waitForEvent('load', { timeout: 120_000 });
    await ready(page);
    const n = await page.evaluate((w) => HelpWidget.search(w), word);
    if (!(n > 0)) throw new Error(`reloaded, but "${word}" finds nothing`);
  });
  visible.push(ms);
  console.log(`edit → reloaded page answers with it: ${(ms / 1000).toFixed(2)} s`);
}

const overlay = await timed(original.replace(/^question = "(.*)"$/m, 'question = $1'), () =>
  page.waitForSelector('#help-widget-watch', { timeout: 120_000 }));
const text = await page.textContent('#help-widget-watch');
await shot(page, 'watch-overlay');
console.log(`broken save → overlay: ${(overlay / 1000).toFixed(2)} s; it says: ${text.split('\n')[0].slice(0, 120)}`);
const cleared = await timed(original, async () => {
  await page.waitForEvent('load', { timeout: 120_000 });
  await ready(page);
  if (await page.$('#help-widget-watch')) throw new Error('the overlay stayed after a good save');
});
console.log(`good save → overlay gone, page reloaded: ${(cleared / 1000).toFixed(2)} s`);

visible.sort((a, b2) => a - b2);
console.log(`edit → visible over ${rounds} rounds: median ${(visible[Math.floor(rounds / 2)] / 1000).toFixed(2)} s, min ${(visible[0] / 1000).toFixed(2)} s, max ${(visible.at(-1) / 1000).toFixed(2)} s`);
await b.close();
watcher.kill('SIGINT');
