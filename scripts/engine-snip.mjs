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
// After wasm-opt, cutPanicLocations zeroes the panics' locations (file
// name, line, column) that nothing points to any more: −1.4 KiB brotli;
// cutDeadData, with wasm-ld's map of the link, every other constant
// nothing reaches any more (the messages, core's Unicode and digit tables
// only the formatting read): −2.6 KiB brotli, with the strings wasm-ld
// leaves apart at -O0 (engine-build.mjs). mergeDataSegments then makes the
// segments wasm-opt left a few bytes apart one.
//
// Usage: node scripts/engine-snip.mjs IN.wasm OUT.wasm
import binaryen from 'binaryen';
import { concat, leb, lebBytes, sections, slebBytes } from './wasm-binary.mjs';
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

/** The active data segments of a Wasm binary: { addr, at (file offset), len }. */
function dataSegments(bytes) {
  const segments = [];
  for (const section of sections(bytes)) {
    if (section.id !== 11) continue;
    let [n, q] = leb(bytes, section.body);
    for (; n > 0; n--) {
      let flag;
      [flag, q] = leb(bytes, q);
      // Only `i32.const` offsets into memory 0; anything else (passive
      // segments, computed offsets) and nothing is cut.
      if (flag !== 0 || bytes[q] !== 0x41) return null;
      let addr = 0n; let s = 0n; let x;
      q++;
      do { x = bytes[q++]; addr |= BigInt(x & 0x7f) << s; s += 7n; } while (x & 0x80);
      if (x & 0x40) addr -= 1n << s;
      if (bytes[q++] !== 0x0b) return null;
      let len;
      [len, q] = leb(bytes, q);
      segments.push({ addr: Number(BigInt.asUintN(32, addr)), at: q, len });
      q += len;
    }
  }
  return segments;
}

/** Where memory address `a` is in the file's bytes, by `dataSegments`'
 * list (-1: in no segment). */
function fileOffset(segments, a) {
  const s = segments.find((g) => a >= g.addr && a < g.addr + g.len);
  return s ? s.at + a - s.addr : -1;
}

/**
 * The memory the data segments start with, as one array from the lowest
 * segment's address to the highest one's end: { base, mem }, zeroes
 * between the segments, as in a fresh memory. A word is read from here,
 * not from one segment: wasm-opt splits a segment at a run of zeroes, and
 * a pointer's low byte can be the last zero of such a run (0x00106200),
 * so that its other bytes start the next segment.
 */
function memoryImage(bytes, segments) {
  const base = Math.min(...segments.map((s) => s.addr));
  const mem = new Uint8Array(Math.max(...segments.map((s) => s.addr + s.len)) - base);
  for (const s of segments) mem.set(bytes.subarray(s.at, s.at + s.len), s.addr - base);
  return { base, mem };
}

/** The little-endian 32-bit word at address `a` of a `memoryImage` (zeroes beyond it). */
function wordAt({ base, mem }, a) {
  const q = a - base;
  if (q < 0 || q + 4 > mem.length) return 0;
  return (mem[q] | mem[q + 1] << 8 | mem[q + 2] << 16 | mem[q + 3] << 24) >>> 0;
}

/**
 * Every 32-bit value the code could address memory by: `i32.const`s,
 * both halves of `i64.const`s (two pointers stored at once), loads' and
 * stores' offsets, and an offset plus the constant address it applies to.
 */
function codeAddresses(bytes) {
  const module = binaryen.readBinary(bytes);
  let text;
  try {
    module.setFeatures(features());
    // Without the data segments: where a segment starts (wasm-opt splits
    // them at runs of zeroes) is no reference to what is there.
    text = module.emitText().split('\n').filter((line) => !line.startsWith(' (data ')).join('\n');
  } finally {
    module.dispose();
  }
  const values = [];
  for (const m of text.matchAll(/i32\.const (-?\d+)/g)) values.push(Number(m[1]) >>> 0);
  for (const m of text.matchAll(/i64\.const (-?\d+)/g)) {
    const v = BigInt.asUintN(64, BigInt(m[1]));
    values.push(Number(v & 0xffffffffn), Number(v >> 32n));
  }
  for (const m of text.matchAll(/offset=(\d+)/g)) values.push(Number(m[1]));
  for (const m of text.matchAll(/offset=(\d+)[^\n]*\n\s*\(i32\.const (-?\d+)\)/g)) {
    values.push((Number(m[1]) + Number(m[2])) >>> 0);
  }
  return values;
}

/**
 * Zeroes the panics' locations that nothing refers to any more, in the
 * final Wasm (`bytes`, after wasm-opt). Each panic site passes core's
 * `Location` (file name, line, column: 16 bytes, the file name's bytes
 * beside them); once the panic starts are cut to a trap and wasm-opt has
 * dropped the calls' arguments, those bytes stay in the data, which
 * wasm-opt cannot tell is unread. A location is zeroed when no constant
 * in the code and no word in the data points into it; a file name when,
 * besides, no location kept points into it. Zeroes compress to almost
 * nothing, and the code's addresses stay as they are. Returns
 * { bytes, locations: zeroed of found, names: file names zeroed }.
 */
export function cutPanicLocations(bytes) {
  const segments = dataSegments(bytes);
  if (!segments) return { bytes, locations: 0, found: 0, names: 0 };
  const at = (a) => fileOffset(segments, a);
  const image = memoryImage(bytes, segments);
  const word = (a) => wordAt(image, a);
  // A file name: printable ASCII in one segment, ending in ".rs".
  const fileName = (ptr, len) => {
    const q = at(ptr);
    if (q < 0 || len < 4 || len > 4096 || at(ptr + len - 1) !== q + len - 1) return false;
    for (let i = q; i < q + len; i++) if (bytes[i] < 0x20 || bytes[i] > 0x7e) return false;
    return bytes[q + len - 3] === 0x2e && bytes[q + len - 2] === 0x72 && bytes[q + len - 1] === 0x73;
  };
  // Every aligned word of the memory, across the gaps between segments.
  const end = image.base + image.mem.length;
  const locations = [];
  for (let a = (image.base + 3) & ~3; a + 16 <= end; a += 4) {
    const [ptr, len, line, col] = [word(a), word(a + 4), word(a + 8), word(a + 12)];
    if (at(a) >= 0 && at(a + 15) === at(a) + 15 && line >= 1 && line < 1 << 20 && col >= 1 && col < 1 << 12
      && fileName(ptr, len)) {
      locations.push({ a, ptr, len });
    }
  }
  const words = new Set(locations.flatMap(({ a }) => [a, a + 4, a + 8, a + 12]));
  const refs = codeAddresses(bytes);
  for (let a = (image.base + 3) & ~3; a + 4 <= end; a += 4) if (!words.has(a)) refs.push(word(a));
  refs.sort((x, y) => x - y);
  /** Whether a reference points into [lo, hi). */
  const pointedInto = (lo, hi) => {
    let l = 0; let h = refs.length;
    while (l < h) {
      const m = (l + h) >> 1;
      if (refs[m] < lo) l = m + 1; else h = m;
    }
    return l < refs.length && refs[l] < hi;
  };
  const dead = locations.filter(({ a }) => !pointedInto(a, a + 16));
  const kept = locations.filter((l) => !dead.includes(l));
  const names = new Map(dead.map(({ ptr, len }) => [ptr, len]));
  for (const [ptr, len] of names) {
    if (pointedInto(ptr, ptr + len) || kept.some((l) => l.ptr < ptr + len && ptr < l.ptr + l.len)) names.delete(ptr);
  }
  const out = Uint8Array.from(bytes);
  for (const { a } of dead) out.fill(0, at(a), at(a) + 16);
  for (const [ptr, len] of names) out.fill(0, at(ptr), at(ptr) + len);
  return { bytes: out, locations: dead.length, found: locations.length, names: names.size };
}

/**
 * The read-only objects of a wasm-ld link map (`--Map`): the input
 * sections of the `.rodata` output section, { addr, size }, each one
 * constant of the program (a message, a table, a location, a vtable),
 * besides the linker's merged strings, which are left out (their pieces
 * share bytes). `wasm` is the linked module the map describes: a map
 * whose sections do not end where its file ends, or whose data section
 * is elsewhere, belongs to another link, and null is returned.
 */
export function rodataObjects(map, wasm) {
  const objects = [];
  let section = null;
  let end = 0;
  let data = null;
  for (const line of map.split('\n')) {
    // Address, file offset, size, then the name indented by its level:
    // an output section (1 space), an input section (9), a symbol (17).
    const m = /^\s+([0-9a-f]+|-)\s+([0-9a-f]+)\s+([0-9a-f]+)( +)(\S.*)$/.exec(line);
    if (!m) continue;
    const [off, size] = [parseInt(m[2], 16), parseInt(m[3], 16)];
    if (m[4].length < 4) {
      section = m[5];
      end = Math.max(end, off + size);
      if (section === 'DATA') data = { off, size };
    } else if (m[4].length < 12 && section === '.rodata' && size > 0 && !m[5].startsWith('<internal>')) {
      objects.push({ addr: parseInt(m[1], 16), size });
    }
  }
  const found = wasmSection(wasm, 11);
  if (end !== wasm.length || !data || !found || found.off !== data.off || found.size !== data.size) return null;
  return objects.sort((a, b) => a.addr - b.addr);
}

/** Where section `id` of a Wasm binary is: { off, size } of the whole section, its id byte included. */
function wasmSection(bytes, id) {
  for (const section of sections(bytes)) {
    if (section.id === id) return { off: section.off, size: section.end - section.off };
  }
  return null;
}

/**
 * How far below an object an address the code holds may point and still
 * reach it: `table[i - 1]` compiles to the table's address less one
 * element as the load's offset, which is an address in the object before.
 */
export const DEAD_DATA_SLACK = 64;

/**
 * Zeroes the read-only objects (`rodataObjects`) that nothing can reach
 * any more, in the final Wasm (`bytes`, after wasm-opt): once the panics
 * are cut, their messages and what only core's formatting read (its
 * Unicode tables, its digit pairs) stay in the data, which wasm-opt cannot
 * tell is unread. An object is kept when an address the code holds
 * (`codeAddresses`), a word of the data outside the objects, or a word of
 * a kept object points into it or at most DEAD_DATA_SLACK bytes below it;
 * every other object is zeroed. Zeroes compress to almost nothing, and
 * every address stays as it is. Returns { bytes, objects: zeroed, size:
 * their bytes }.
 */
export function cutDeadData(bytes, objects) {
  const segments = dataSegments(bytes)?.sort((a, b) => a.addr - b.addr);
  if (!segments || objects.length === 0) return { bytes, objects: 0, size: 0 };
  const at = (a) => fileOffset(segments, a);
  const image = memoryImage(bytes, segments);
  // The words at every byte of [lo, hi): pointers in packed data too,
  // and across the gaps between segments.
  const words = (lo, hi) => {
    const out = [];
    for (let a = lo; a + 4 <= hi; a++) out.push(wordAt(image, a));
    return out;
  };
  const refs = codeAddresses(bytes);
  // The data outside the objects: the merged strings, .data, what wasm-bindgen added.
  let from = image.base;
  for (const o of objects) {
    if (o.addr + o.size <= from) continue;
    refs.push(...words(from, o.addr));
    from = o.addr + o.size;
  }
  refs.push(...words(from, image.base + image.mem.length));
  const kept = new Set();
  while (refs.length) {
    const r = refs.pop();
    // The first object ending above r, and those after it starting by r + slack.
    let l = 0; let h = objects.length;
    while (l < h) {
      const m = (l + h) >> 1;
      if (objects[m].addr + objects[m].size <= r) l = m + 1; else h = m;
    }
    for (let i = l; i < objects.length && objects[i].addr <= r + DEAD_DATA_SLACK; i++) {
      const o = objects[i];
      if (kept.has(o)) continue;
      kept.add(o);
      refs.push(...words(o.addr, o.addr + o.size));
    }
  }
  const out = Uint8Array.from(bytes);
  let size = 0; let count = 0;
  for (const o of objects) {
    if (kept.has(o)) continue;
    count++;
    for (let a = o.addr; a < o.addr + o.size; a++) {
      const q = at(a);
      if (q >= 0) { out[q] = 0; size++; }
    }
  }
  return { bytes: out, objects: count, size };
}

/** Data segments this close (bytes between them) become one (mergeDataSegments). */
export const MERGE_GAP = 256;

/**
 * The final Wasm (`bytes`) with its data segments that lie at most
 * MERGE_GAP bytes apart merged into one, the bytes between them zeroes:
 * the memory starts the same (a fresh memory is zeroes), and brotli
 * shortens a run of zeroes better than a segment's header (address and
 * length) before each constant wasm-opt and cutDeadData left apart.
 * Unchanged when a segment is not an active one at an `i32.const`
 * address. Returns { bytes, segments: before, merged: after }.
 */
export function mergeDataSegments(bytes) {
  const segments = dataSegments(bytes);
  const data = wasmSection(bytes, 11);
  if (!segments || !data || segments.length < 2) return { bytes, segments: segments?.length ?? 0, merged: segments?.length ?? 0 };
  // In order, so that a later segment overwrites an earlier one as it did.
  const runs = [];
  for (const s of segments) {
    const last = runs.at(-1);
    const end = last && Math.max(...last.map((t) => t.addr + t.len));
    if (last && s.addr >= last[0].addr && s.addr <= end + MERGE_GAP) last.push(s);
    else runs.push([s]);
  }
  const body = [...lebBytes(runs.length)];
  const parts = [];
  let size = body.length;
  for (const run of runs) {
    const lo = run[0].addr;
    const image = new Uint8Array(Math.max(...run.map((t) => t.addr + t.len)) - lo);
    for (const t of run) image.set(bytes.subarray(t.at, t.at + t.len), t.addr - lo);
    // Flags 0 (active, memory 0), offset `i32.const lo`, then the bytes.
    const head = Uint8Array.of(0, 0x41, ...slebBytes(lo | 0), 0x0b, ...lebBytes(image.length));
    parts.push(head, image);
    size += head.length + image.length;
  }
  const section = [Uint8Array.of(11, ...lebBytes(size), ...body), ...parts];
  const count = wasmSection(bytes, 12);
  const pieces = [];
  if (count && count.off < data.off) {
    // The data count section (before the code) must say how many there are now.
    pieces.push(bytes.subarray(0, count.off), Uint8Array.of(12, ...lebBytes(lebBytes(runs.length).length), ...lebBytes(runs.length)),
      bytes.subarray(count.off + count.size, data.off));
  } else {
    pieces.push(bytes.subarray(0, data.off));
  }
  pieces.push(...section, bytes.subarray(data.off + data.size));
  return { bytes: concat(pieces), segments: segments.length, merged: runs.length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [input, output] = process.argv.slice(2);
  const { cut, formatting } = await snipPanics(input, output);
  console.log(`${cut.length} functions cut to unreachable:\n${cut.join('\n')}`);
  if (formatting.length) console.log(`formatting kept, called by:\n${formatting.join('\n')}`);
}
