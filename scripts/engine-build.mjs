// The one recipe for the engine: the code-only Wasm (no knowledge base in
// it), wasm-bindgen, wasm-opt, then the kit's JS and styles (engine-kit.mjs)
// into one folder. `./dev` runs it for target/engine (what the editors' tool
// carries) and target/engine-demo; `./dev serve`'s watch loop imports it.
//
// wasm-opt is binaryen's from npm (scripts/package.json: the `binaryen`
// package, its wasm-opt compiled to Wasm and run by node). `npm ci` installs
// it in seconds and it runs about 7 s longer than a native wasm-opt; `cargo
// install wasm-opt` (binaryen 116, whose output is byte for byte npm's 116)
// took 34 minutes on two busy cores. It runs after wasm-bindgen, as wasm-pack
// orders it, which Debian's wasm-opt 108 could not (it broke wasm-bindgen's
// externref table): 1.7 KiB brotli smaller than 108 before wasm-bindgen
// (node scripts/engine-size.mjs).
//
// In release builds the panics are cut to a trap before wasm-bindgen, and
// core's formatting with them when nothing else calls it; after wasm-opt,
// the locations (file, line, column) they no longer read are zeroed, and
// the data segments are merged into one (engine-snip.mjs). Then the
// imports, exports and the module the Wasm and the glue call each other
// by get short names (engine-shorten.mjs). Last, the glue keeps only the
// start-up the kit's loader takes (engine-glue.mjs).
//
// `--languages` (./dev, for target/engine) adds the engines of one
// language beside the full one (`buildLanguageEngines`).
//
// Usage: node scripts/engine-build.mjs OUT_DIR [--languages] [CARGO ARGS…]
//   e.g. node scripts/engine-build.mjs target/engine-demo --features demo
// Honours CARGO_TARGET_DIR.
import { spawn } from 'node:child_process';
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { engineKit } from './engine-kit.mjs';
import { moduleOnlyInit } from './engine-glue.mjs';
import { shortNames } from './engine-shorten.mjs';
import { cutDeadData, cutPanicLocations, mergeDataSegments, rodataObjects, snipPanics } from './engine-snip.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The Wasm features this build uses, which wasm-opt must be told of. */
export const WASM_OPT_FEATURES = ['--enable-bulk-memory', '--enable-mutable-globals', '--enable-sign-ext',
  '--enable-nontrapping-float-to-int', '--enable-multivalue', '--enable-reference-types'];

/**
 * wasm-opt's passes, each measured by node scripts/engine-size.mjs (fixed
 * code, brotli): -Oz twice finds what the first run's changes expose
 * (−1.0 KiB; --converge: the same bytes, slower); --low-memory-unused
 * folds constant offsets into loads and stores (−0.6 KiB): Rust's stack
 * grows down to address 0 from 1 MiB, so its lowest KiB is reached only by
 * a stack that is about to overflow; the producers and target-features
 * sections are notes for tools (−0.2 KiB). --flatten --rereloop after the
 * first -Oz rebuilds each function's control flow from its basic blocks,
 * which the -Oz runs after it shrink further (−0.7 kB; run twice, −0.8 kB,
 * but 1–2 % slower searches). The searches are as fast: 3,000 keystrokes'
 * queries on 10,000 entries in node took 707–766 ms a round against
 * 706–770 ms without, alternating, with the same hits and answers.
 */
export const WASM_OPT_PASSES = ['--low-memory-unused', '-Oz', '--flatten', '--rereloop', '-Oz', '-Oz',
  '--strip-producers', '--strip-target-features'];

/** binaryen's wasm-opt from npm (scripts/node_modules; `npm ci` in scripts). */
export const WASM_OPT = join(ROOT, 'scripts', 'node_modules', 'binaryen', 'bin', 'wasm-opt');

/** Runs a command in the repository, collecting its output: { code, out }. */
export function collect(cmd, args, env = {}) {
  return new Promise((ok) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('error', (e) => ok({ code: -1, out: `${cmd}: ${e.message}` }));
    child.on('close', (code) => ok({ code, out }));
  });
}

/**
 * Builds the engine into `out`. `release: false` (the watch loop's quick
 * build) skips wasm-opt. `run(cmd, args, env)` resolves with { code, out }.
 * Resolves with { ok, step, out }: on failure `step` names what failed
 * (`cargo`, `engine-snip`, `wasm-bindgen`, `wasm-opt`, `engine-shorten`,
 * `engine-glue`) and `out` is what it said; on
 * success `out` is cargo's output (its warnings) and `formatting` the
 * functions that keep core's formatting in it (engine-snip.mjs; [] when
 * it was cut). `names: true` keeps the
 * functions' names (wasm-opt -g, wasm-bindgen --keep-debug) for twiggy.
 * `snip: false` keeps std's panic paths (engine-snip.mjs; on by default
 * in release builds). `plain: true` leaves the engine as cargo and
 * wasm-bindgen made it (no cut, no wasm-opt, no short names, the glue's
 * own start-up): what the shipped engine must answer like
 * (engine-parity.test.mjs). `toolchain` (e.g. `nightly`) and `env` (e.g.
 * RUSTFLAGS) go to cargo.
 */
export async function buildEngine({
  out, cargoArgs = [], release = true, names = false, snip = release, plain = false, toolchain, env = {}, run = collect,
}) {
  const target = resolve(ROOT, process.env.CARGO_TARGET_DIR ?? 'target');
  // Each rewrite of what cargo and wasm-bindgen made, unless `plain`.
  const cut = snip && !plain;
  const optimise = release && !plain;
  // `cargo rustc --crate-type cdylib`, not `cargo build`: Cargo.toml's
  // crate types include an rlib (for the tool and the tests), and a build
  // with an rlib in it exports the crate's public Rust functions to the
  // rlib's users, which LTO then must keep as they are rather than inline
  // away or specialise; the cdylib alone exports only the #[wasm_bindgen]
  // functions (−10.3 KiB brotli, node scripts/engine-size.mjs).
  const args = ['rustc', '--target', 'wasm32-unknown-unknown', '--lib', '--crate-type', 'cdylib', '--color', 'never', ...cargoArgs];
  if (toolchain) args.unshift(`+${toolchain}`);
  if (release) args.push('--release');
  const linked = join(target, 'wasm32-unknown-unknown', release ? 'release' : 'debug', 'help_widget.wasm');
  // wasm-ld's map of the link: where each constant is (cutDeadData).
  // -O0: wasm-ld leaves string constants apart instead of merging them
  // into one piece, so that those nothing reaches can be cut too (−0.3
  // KiB brotli; the Wasm 40 bytes larger before the cut).
  const map = linked.replace(/\.wasm$/, '.map');
  args.push('--', '-C', `link-arg=--Map=${map}`, '-C', 'link-arg=-O0');
  const cargo = await run('cargo', args, { ...env, HELP_WIDGET_KB: '' });
  if (cargo.code !== 0) return { ok: false, step: 'cargo', out: cargo.out };
  let wasm = linked;
  const bindgen = join(target, 'engine-bindgen');
  await rm(bindgen, { recursive: true, force: true });
  let formatting = [];
  if (cut) {
    // Panics trap without formatting their message (engine-snip.mjs).
    const snipped = join(target, 'engine-snipped.wasm');
    try {
      ({ formatting } = await snipPanics(wasm, snipped));
    } catch (e) {
      return { ok: false, step: 'engine-snip', out: String(e.message ?? e) };
    }
    wasm = snipped;
  }
  const b = await run('wasm-bindgen', ['--target', 'web', ...(names ? ['--keep-debug'] : []),
    '--out-dir', bindgen, '--out-name', 'help_widget', wasm]);
  if (b.code !== 0) return { ok: false, step: 'wasm-bindgen', out: b.out };
  const bg = join(bindgen, 'help_widget_bg.wasm');
  if (optimise) {
    const o = await run(process.execPath, [WASM_OPT, ...WASM_OPT_PASSES, ...(names ? ['-g'] : []), ...WASM_OPT_FEATURES, bg, '-o', bg]);
    if (o.code !== 0) return { ok: false, step: 'wasm-opt', out: o.out };
  }
  // The passes after wasm-opt, on the bytes in memory: read once, written once.
  let bytes = await readFile(bg);
  if (optimise && cut) {
    // The cut panics' locations and file names, and every constant
    // nothing reaches any more, left in the data (engine-snip.mjs).
    const objects = rodataObjects(await readFile(map, 'utf8'), await readFile(linked));
    if (!objects) return { ok: false, step: 'engine-snip', out: `${map} is not the map of ${linked}` };
    bytes = cutDeadData(cutPanicLocations(bytes).bytes, objects).bytes;
  }
  // One data segment where wasm-opt left many a few bytes apart
  // (engine-snip.mjs); a build that keeps the names keeps its segments,
  // which the name section names.
  if (optimise && !names) bytes = mergeDataSegments(bytes).bytes;
  if (!plain) {
    // Short names for what the Wasm and the glue call each other by (engine-shorten.mjs).
    const glue = join(bindgen, 'help_widget.js');
    let short;
    try {
      short = shortNames(bytes, await readFile(glue, 'utf8'));
    } catch (e) {
      return { ok: false, step: 'engine-shorten', out: String(e.message ?? e) };
    }
    await writeFile(bg, short.wasm);
    // The glue started only as the kit's loader starts it (engine-glue.mjs).
    let started;
    try {
      started = moduleOnlyInit(short.glue);
    } catch (e) {
      return { ok: false, step: 'engine-glue', out: String(e.message ?? e) };
    }
    await writeFile(glue, started);
  }
  await engineKit(join(ROOT, 'www'), bindgen, resolve(ROOT, out));
  return { ok: true, out: cargo.out, formatting };
}

/** The cargo features of the engines that speak one language: a kit
 * ships one per language of its knowledge base and a visitor loads their
 * locale's, 2.9 (German) and 4.9 (English) KiB brotli smaller than the
 * full one (src/kit.rs `engines_for`; src/analysis/lang.rs). */
export const LANGUAGE_FEATURES = ['lang-de', 'lang-en'];

/**
 * Builds the engine of each of LANGUAGE_FEATURES by the same recipe and
 * puts its Wasm beside the full engine in `out` (which buildEngine made)
 * as `help_widget_bg.<feature>.wasm`. They share the full engine's glue:
 * a build whose glue differs fails at step `engine-glue`, since a kit
 * ships one. Resolves like buildEngine.
 */
export async function buildLanguageEngines({ out, ...options }) {
  const full = resolve(ROOT, out);
  const shared = await readFile(join(full, 'help_widget.js'));
  for (const feature of LANGUAGE_FEATURES) {
    const dir = `${full}-${feature}`;
    const r = await buildEngine({ ...options, out: dir, cargoArgs: ['--no-default-features', '--features', feature] });
    if (!r.ok) return r;
    if (!shared.equals(await readFile(join(dir, 'help_widget.js')))) {
      return { ok: false, step: 'engine-glue', out: `the ${feature} engine's glue differs from the full engine's` };
    }
    await copyFile(join(dir, 'help_widget_bg.wasm'), join(full, `help_widget_bg.${feature}.wasm`));
    await rm(dir, { recursive: true, force: true });
  }
  return { ok: true, out: '' };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [out, ...rest] = process.argv.slice(2);
  if (!out) {
    console.error('usage: node scripts/engine-build.mjs OUT_DIR [--languages] [CARGO ARGS…]');
    process.exit(2);
  }
  const languages = rest.includes('--languages');
  const cargoArgs = rest.filter((a) => a !== '--languages');
  const full = await buildEngine({ out, cargoArgs });
  const r = full.ok && languages ? await buildLanguageEngines({ out }) : full;
  if (!r.ok) {
    console.error(r.out.trim());
    console.error(`engine build failed at ${r.step}`);
    process.exit(1);
  }
  if (/^warning/m.test(full.out)) console.error(full.out.trim());
}
