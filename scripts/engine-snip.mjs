// Core's and std's panic paths, cut to a trap before wasm-bindgen. The
// release engine is built with `panic = "abort"`: a panic formats its
// message for std's hook, which writes it to a stderr that
// wasm32-unknown-unknown does not have, and then traps. Replacing the
// functions that start a panic (they never return) with `unreachable`
// keeps the trap and drops the formatting, the messages' set-up at every
// call site and the core::fmt code only they reach: what nightly's
// `-Cpanic=immediate-abort` does (engine-size.mjs --immediate-abort), on
// stable. Debug builds keep their messages (console_error_panic_hook).
//
// Usage: node scripts/engine-snip.mjs IN.wasm OUT.wasm
import binaryen from 'binaryen';
import { readFile, writeFile } from 'node:fs/promises';

/**
 * Mangled-name pieces (legacy `_ZN…` and v0 `_R…` symbols both spell a
 * path as length-prefixed names) of the functions that start a panic.
 */
export const PANIC_STARTS = [
  'rust_begin_unwind', // std's #[panic_handler]
  '___rust_alloc_error_handler',
  '3std9panicking', // std::panicking::{begin_panic, panic_with_hook, …}
  '4core9panicking', // core::panicking::{panic, panic_fmt, panic_bounds_check, panic_const_*, …}
  '16slice_index_fail',
  '16slice_error_fail',
  '19slice_error_fail_rt',
  '17len_mismatch_fail',
  '13unwrap_failed',
  '13expect_failed',
  '13assert_failed',
  '22panic_already_borrowed',
  '30panic_already_mutably_borrowed',
  '14panic_poisoned',
  '18panic_access_error',
  '7raw_vec12handle_error',
  '18handle_alloc_error',
  '17capacity_overflow',
];

/**
 * Whether `f` is one of PANIC_STARTS: named so, not a trait method (a
 * panic payload's `get` or `Display`: they return), and ending in a trap
 * as binaryen types its body.
 */
const startsPanic = (f) => PANIC_STARTS.some((p) => f.name.includes(p))
  && !/^_RNv[XY]|\$u20\$as\$u20\$/.test(f.name)
  && binaryen.getExpressionType(f.body) === binaryen.unreachable;

/** The features of the engine's Wasm (engine-build.mjs' WASM_OPT_FEATURES). */
const features = () => {
  const F = binaryen.Features;
  return F.BulkMemory | F.MutableGlobals | F.SignExt | F.NontrappingFPToInt | F.Multivalue | F.ReferenceTypes;
};

/**
 * Replaces the body of every function that starts a panic (`startsPanic`)
 * with `unreachable`, writing `output`; resolves with the names replaced. Throws when none is found: the names are missing (a stripped
 * build) or spelled differently, and the cut would silently do nothing.
 */
export async function snipPanics(input, output) {
  const module = binaryen.readBinary(await readFile(input));
  try {
    module.setFeatures(features());
    binaryen.setDebugInfo(true); // wasm-bindgen and twiggy read the names
    const hits = [];
    for (let i = 0; i < module.getNumFunctions(); i++) {
      const f = binaryen.getFunctionInfo(module.getFunctionByIndex(i));
      if (f.body && startsPanic(f)) hits.push(f);
    }
    if (!hits.some((f) => f.name.includes('rust_begin_unwind'))) {
      throw new Error(`${input}: no rust_begin_unwind among its function names (built with strip?)`);
    }
    for (const f of hits) {
      module.removeFunction(f.name);
      module.addFunction(f.name, f.params, f.results, [], module.unreachable());
    }
    await writeFile(output, module.emitBinary());
    return hits.map((f) => f.name);
  } finally {
    module.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [input, output] = process.argv.slice(2);
  const names = await snipPanics(input, output);
  console.log(`${names.length} functions cut to unreachable:\n${names.join('\n')}`);
}
