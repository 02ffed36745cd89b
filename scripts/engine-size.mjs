// The fixed code: what every kit ships whatever its knowledge base, the
// code-only engine (.wasm without a kb), wasm-bindgen's glue and the
// panel's renderer (help-widget-panel.mjs, fetched with them), in bytes
// raw and brotli (quality 11, window 22, as `help-widget stats` and the
// servers' static brotli). Builds the engine by the one recipe
// (engine-build.mjs) into target/engine-size, then prints the figures.
//
// Usage: node scripts/engine-size.mjs [--names] [--immediate-abort] [--languages] [CARGO ARGS…]
//   --languages  also the engines of one language that kits ship
//            (engine-build.mjs buildLanguageEngines): the total with each
//            one's Wasm in place of the full engine's.
//   --names  keep the functions' names (wasm-opt -g, wasm-bindgen
//            --keep-debug) into target/engine-names and print twiggy's top
//            30 (when twiggy is installed): where the bytes go. The names
//            add bytes; compare figures of builds alike.
//   --immediate-abort  what core's panic formatting costs: std rebuilt with
//            panics that trap without a message (nightly toolchain with
//            rust-src: -Zbuild-std, -Cpanic=immediate-abort), into
//            target/immediate-abort. A measurement; ./dev does not ship it
//            (it cuts std's panics to a trap after the build instead:
//            engine-snip.mjs).
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { buildEngine, buildLanguageEngines, LANGUAGE_FEATURES } from './engine-build.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Brotli at the servers' best setting: quality 11, window 22. */
export const brotliLen = (bytes) => brotliCompressSync(bytes, {
  params: {
    [constants.BROTLI_PARAM_QUALITY]: 11,
    [constants.BROTLI_PARAM_LGWIN]: 22,
    [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
  },
}).length;

if (import.meta.url === `file://${process.argv[1]}`) {
  let args = process.argv.slice(2);
  const names = args.includes('--names');
  const abort = args.includes('--immediate-abort');
  const languages = args.includes('--languages');
  args = args.filter((a) => a !== '--names' && a !== '--immediate-abort' && a !== '--languages');
  const target = resolve(ROOT, process.env.CARGO_TARGET_DIR ?? 'target');
  const out = join(target, names ? 'engine-names' : abort ? 'engine-immediate-abort' : 'engine-size');
  let opts = {};
  if (abort) {
    // Its own target dir: std built from source is kept apart from the shipped build's.
    process.env.CARGO_TARGET_DIR = join(target, 'immediate-abort');
    opts = {
      toolchain: 'nightly',
      snip: false, // nothing to cut: std's panics already trap
      env: { RUSTFLAGS: '-Zunstable-options -Cpanic=immediate-abort' },
    };
    args = ['-Zbuild-std=std,panic_abort', ...args];
  }
  const r = await buildEngine({ out, cargoArgs: args, names, ...opts });
  if (!r.ok) {
    console.error(r.out.trim());
    console.error(`engine build failed at ${r.step}`);
    process.exit(1);
  }
  const kib = (n) => (n / 1024).toFixed(1);
  const row = (name, raw, br) => `${name.padEnd(22)} ${String(raw).padStart(9)} B ${String(br).padStart(9)} B ${kib(br).padStart(7)} KiB`;
  console.log(`${'fixed code'.padEnd(22)} ${'raw'.padStart(11)} ${'brotli 11'.padStart(11)}`);
  let raw = 0; let br = 0;
  for (const f of ['help_widget_bg.wasm', 'help_widget.js', 'help-widget-panel.mjs']) {
    const bytes = await readFile(join(out, f));
    const b = brotliLen(bytes);
    raw += bytes.length; br += b;
    console.log(row(f, bytes.length, b));
  }
  console.log(row('total', raw, br));
  if (languages) {
    const l = await buildLanguageEngines({ out });
    if (!l.ok) {
      console.error(l.out.trim());
      console.error(`engine build failed at ${l.step}`);
      process.exit(1);
    }
    const full = await readFile(join(out, 'help_widget_bg.wasm'));
    for (const feature of LANGUAGE_FEATURES) {
      const wasm = await readFile(join(out, `help_widget_bg.${feature}.wasm`));
      console.log(row(`total, ${feature}`, raw - full.length + wasm.length, br - brotliLen(full) + brotliLen(wasm)));
    }
  }
  if (r.formatting?.length) {
    console.log(`core's formatting kept (engine-snip.mjs), called by:\n  ${r.formatting.join('\n  ')}`);
  }
  console.log(`(${out}${args.length ? `, cargo ${args.join(' ')}` : ''}${names ? ', names kept' : ''}${abort ? ', nightly, -Cpanic=immediate-abort' : ''})`);
  if (names) {
    const t = spawnSync('twiggy', ['top', '-n', '30', join(out, 'help_widget_bg.wasm')], { encoding: 'utf8' });
    if (t.error) console.log('twiggy not found (cargo install twiggy): no attribution');
    else process.stdout.write(t.stdout + t.stderr);
  }
}
