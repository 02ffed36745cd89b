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
// core::fmt then stays only in the function table, for the vtables of the
// messages' arguments, which binaryen cannot see are dead. When no other
// function calls into it (no `format!` on the Wasm path: crate::digits
// writes the widget's numbers), it is cut too; else it is kept and its
// callers are named (engine-size.mjs prints them). Measured with
// engine-size.mjs: panics −2.3 KiB brotli, formatting −2.2 KiB.
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
 * Whether `name` is formatting machinery: core's and alloc's `fmt`
 * modules and the `fmt` methods of Display, Debug and Write impls (the
 * identifier `fmt`, spelt `3fmt` in a mangled name).
 */
const isFormatting = (name) => name.includes('3fmt');

/** Whether `name` belongs to std's panic machinery (a payload's methods too). */
const isPanicking = (name) => name.includes('3std9panicking') || PANIC_STARTS.some((p) => name.includes(p));

/**
 * For each function, the functions it calls directly (`call`,
 * `return_call`, `ref.func`), read from binaryen's text of the module.
 */
function directCalls(module) {
  const calls = new Map();
  let current = null;
  for (const line of module.emitText().split('\n')) {
    const head = /^ \(func \$(\S+)/.exec(line);
    if (head) {
      current = new Set();
      calls.set(head[1], current);
      continue;
    }
    if (!current) continue;
    for (const m of line.matchAll(/\((?:return_)?call \$([^\s)]+)|\(ref\.func \$([^\s)]+)/g)) {
      current.add(m[1] ?? m[2]);
    }
  }
  return calls;
}

/**
 * Replaces the body of every function that starts a panic (`startsPanic`)
 * with `unreachable`, writing `output`. Then, when no other code calls the
 * formatting machinery, its functions too: they are left only in the
 * function table, for the vtables of the panics' messages, and a Formatter
 * is made only by core::fmt::write. Resolves with { cut: names replaced,
 * formatting: [] when cut, else the functions that call it }. Throws when
 * no panic handler is found: the names are missing (a stripped build) or
 * spelled differently, and the cut would silently do nothing.
 */
export async function snipPanics(input, output) {
  const module = binaryen.readBinary(await readFile(input));
  try {
    module.setFeatures(features());
    binaryen.setDebugInfo(true); // wasm-bindgen and twiggy read the names
    const functions = [];
    for (let i = 0; i < module.getNumFunctions(); i++) {
      const f = binaryen.getFunctionInfo(module.getFunctionByIndex(i));
      if (f.body) functions.push(f);
    }
    const hits = functions.filter(startsPanic);
    if (!hits.some((f) => f.name.includes('rust_begin_unwind'))) {
      throw new Error(`${input}: no rust_begin_unwind among its function names (built with strip?)`);
    }
    const calls = directCalls(module);
    const callers = [...calls]
      .filter(([name, callees]) => !isFormatting(name) && !isPanicking(name) && [...callees].some(isFormatting))
      .map(([name]) => name);
    if (callers.length === 0) hits.push(...functions.filter((f) => isFormatting(f.name) && !hits.includes(f)));
    for (const f of hits) {
      module.removeFunction(f.name);
      module.addFunction(f.name, f.params, f.results, [], module.unreachable());
    }
    await writeFile(output, module.emitBinary());
    return { cut: hits.map((f) => f.name), formatting: callers };
  } finally {
    module.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [input, output] = process.argv.slice(2);
  const { cut, formatting } = await snipPanics(input, output);
  console.log(`${cut.length} functions cut to unreachable:\n${cut.join('\n')}`);
  if (formatting.length) console.log(`formatting kept, called by:\n${formatting.join('\n')}`);
}
