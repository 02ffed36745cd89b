// engine-snip.mjs on a small module of its own: panic starts become a trap,
// everything else keeps its code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import binaryen from 'binaryen';
import { MERGE_GAP, cutDeadData, cutPanicLocations, mergeDataSegments, rodataObjects, snipPanics } from './engine-snip.mjs';

const PANIC_FMT = '_ZN4core9panicking9panic_fmt17h0123456789abcdefE';
const FMT_WRITE = '_ZN4core3fmt5write17h0123456789abcdefE';
const BEGIN_UNWIND = '_RNvCsfLfy6EI15iL_7___rustc17rust_begin_unwind';
// A payload's `get`: named under std::panicking, but it returns.
const PAYLOAD_GET = '_RNvXs1_NvNtCsebHcaeoSrxy_3std9panicking13panic_handlerNtB5_16StaticStrPayloadNtNtCsgXGp5Oqx2Ny_4core5panic12PanicPayload3get';

/**
 * A module whose panic path formats (core::fmt::write calls the import
 * `env.report`) before trapping; `formats`: `checked` formats too.
 */
function module({ handler = true, formats = false } = {}) {
  const m = new binaryen.Module();
  const { i32, none } = binaryen;
  m.addFunctionImport('report', 'env', 'report', i32, none);
  m.addFunction(FMT_WRITE, i32, none, [], m.call('report', [m.local.get(0, i32)], none));
  if (handler) {
    m.addFunction(BEGIN_UNWIND, i32, none, [], m.block(null, [
      m.call(FMT_WRITE, [m.local.get(0, i32)], none), m.unreachable()]));
  }
  m.addFunction(PANIC_FMT, i32, none, [], m.block(null, [
    m.call(handler ? BEGIN_UNWIND : 'report', [m.local.get(0, i32)], none), m.unreachable()]));
  m.addFunction(PAYLOAD_GET, i32, i32, [], m.i32.add(m.local.get(0, i32), m.i32.const(1)));
  // `checked(x)`: x + 1 for x < 10, else a panic.
  m.addFunction('checked', i32, i32, [], m.block(null, [
    m.if(m.i32.ge_u(m.local.get(0, i32), m.i32.const(10)), m.call(PANIC_FMT, [m.local.get(0, i32)], none)),
    ...(formats ? [m.call(FMT_WRITE, [m.local.get(0, i32)], none)] : []),
    m.call(PAYLOAD_GET, [m.local.get(0, i32)], i32)], i32));
  m.addFunctionExport('checked', 'checked');
  binaryen.setDebugInfo(true);
  const bytes = m.emitBinary();
  m.dispose();
  return bytes;
}

async function snipped(bytes) {
  const dir = await mkdtemp(join(tmpdir(), 'engine-snip-'));
  try {
    await writeFile(join(dir, 'in.wasm'), bytes);
    const { cut, formatting } = await snipPanics(join(dir, 'in.wasm'), join(dir, 'out.wasm'));
    return { names: cut, formatting, out: await readFile(join(dir, 'out.wasm')) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function run(bytes, x) {
  const reported = [];
  const { instance } = await WebAssembly.instantiate(bytes, { env: { report: (v) => reported.push(v) } });
  try {
    return { value: instance.exports.checked(x), reported };
  } catch (e) {
    return { trap: e instanceof WebAssembly.RuntimeError, reported };
  }
}

test('a panic traps without running the panic handler, and other code runs as before', async () => {
  const before = module();
  assert.deepEqual(await run(before, 12), { trap: true, reported: [12] }, 'the fixture formats its panic before the cut');
  const { names, formatting, out } = await snipped(before);
  assert.deepEqual(names.sort(), [BEGIN_UNWIND, FMT_WRITE, PANIC_FMT].sort(), 'the payload method that returns is kept');
  assert.deepEqual(formatting, []);
  assert.deepEqual(await run(out, 12), { trap: true, reported: [] });
  assert.deepEqual(await run(out, 3), { value: 4, reported: [] });
});

test('formatting that code outside the panics calls is kept, and its callers are named', async () => {
  const { names, formatting, out } = await snipped(module({ formats: true }));
  assert.deepEqual(names.sort(), [BEGIN_UNWIND, PANIC_FMT].sort());
  assert.deepEqual(formatting, ['checked']);
  assert.deepEqual(await run(out, 3), { value: 4, reported: [3] });
  assert.deepEqual(await run(out, 12), { trap: true, reported: [] });
});

test('a module without the panic handler among its names is refused rather than passed on uncut', async () => {
  await assert.rejects(snipped(module({ handler: false })), /no rust_begin_unwind/);
});

/**
 * A module whose data holds three file names and five locations (file
 * name, line, column) at 1048 + 16 × i: the first read by the code, the
 * fourth pointed to from the data, the fifth as an i64.const's high half;
 * the second and third by nothing.
 */
function located() {
  const m = new binaryen.Module();
  const data = new Uint8Array(136);
  const view = new DataView(data.buffer);
  data.set(new TextEncoder().encode('src/a.rssrc/b.rssrc/c.rs'), 0);
  const files = { a: 1024, b: 1032, c: 1040 };
  [['a', 12, 5], ['a', 30, 9], ['b', 7, 1], ['c', 3, 2], ['c', 4, 4]].forEach(([f, line, col], i) => {
    const at = 24 + 16 * i;
    view.setUint32(at, files[f], true);
    view.setUint32(at + 4, 8, true);
    view.setUint32(at + 8, line, true);
    view.setUint32(at + 12, col, true);
  });
  view.setUint32(128, 1096, true);
  m.setMemory(1, 1, 'memory', [{ offset: m.i32.const(1024), data, passive: false }]);
  const { i32, i64 } = binaryen;
  m.addFunction('line', binaryen.none, i32, [], m.i32.load(8, 4, m.i32.const(1048)));
  m.addFunction('pair', binaryen.none, i64, [], m.i64.const(1112n << 32n));
  m.addFunctionExport('line', 'line');
  m.addFunctionExport('pair', 'pair');
  const bytes = m.emitBinary();
  m.dispose();
  return bytes;
}

test('the locations and file names nothing points to are zeroed, and what is read stays', async () => {
  const before = located();
  const { bytes, locations, found, names } = cutPanicLocations(before);
  assert.deepEqual({ locations, found, names }, { locations: 2, found: 5, names: 1 });
  const memory = async (wasm) => {
    const { instance } = await WebAssembly.instantiate(wasm);
    return { line: instance.exports.line(), data: new Uint8Array(instance.exports.memory.buffer, 1024, 136) };
  };
  const was = await memory(before);
  const now = await memory(bytes);
  assert.equal(now.line, 12);
  const changed = [...now.data.keys()].filter((i) => now.data[i] !== was.data[i]).map((i) => 1024 + i);
  const zeroed = [[1032, 1040], [1064, 1096]].flatMap(([a, b]) => Array.from({ length: b - a }, (_, k) => a + k));
  assert.deepEqual(changed, zeroed.filter((a) => was.data[a - 1024] !== 0), 'the file name b and the second and third locations');
  assert.ok(zeroed.every((a) => now.data[a - 1024] === 0));
});

test('a module with passive data is passed on as it is', () => {
  const m = new binaryen.Module();
  m.setFeatures(binaryen.Features.BulkMemory);
  m.setMemory(1, 1, 'memory', [{ data: new TextEncoder().encode('src/a.rs'), passive: true }]);
  const before = m.emitBinary();
  m.dispose();
  const { bytes, locations } = cutPanicLocations(before);
  assert.equal(locations, 0);
  assert.deepEqual(bytes, before);
});

/**
 * A module whose data holds six constants of 80 bytes from 1024 (A, C, B,
 * D, E, F: `objects`) and a word outside them at 1504: A read by the code
 * at its address, C reached by a load whose offset is 4 bytes below it
 * (in A), D pointed to from C, E only from B, F from the word outside;
 * B by nothing (the second data segment starts at it).
 */
function constants() {
  const m = new binaryen.Module();
  const data = new Uint8Array(560);
  const view = new DataView(data.buffer);
  data.fill(0x41);
  view.setUint32(1104 - 1024, 1264, true); // C → D
  view.setUint32(1184 - 1024, 1344, true); // B → E
  view.setUint32(1504 - 1024, 1508, true); // outside → F
  // Two segments, as wasm-opt splits them: where one starts is no reference.
  m.setMemory(1, 1, 'memory', [
    { offset: m.i32.const(1024), data: data.subarray(0, 160), passive: false },
    { offset: m.i32.const(1184), data: data.subarray(160), passive: false },
  ]);
  const { i32 } = binaryen;
  m.addFunction('a', binaryen.none, i32, [], m.i32.load(0, 4, m.i32.const(1024)));
  m.addFunction('c', i32, i32, [], m.i32.load(1100, 4, m.i32.shl(m.local.get(0, i32), m.i32.const(2))));
  m.addFunctionExport('a', 'a');
  m.addFunctionExport('c', 'c');
  const bytes = m.emitBinary();
  m.dispose();
  return bytes;
}
const objects = [1024, 1104, 1184, 1264, 1344, 1508].map((addr) => ({ addr, size: 80 }));

test('the constants nothing reaches are zeroed, and what is read or pointed to from what is read stays', async () => {
  const before = constants();
  const { bytes, objects: zeroed, size } = cutDeadData(before, objects);
  assert.deepEqual({ zeroed, size }, { zeroed: 2, size: 160 });
  const memory = async (wasm) => new Uint8Array((await WebAssembly.instantiate(wasm)).instance.exports.memory.buffer, 1024, 564);
  const was = await memory(before);
  const now = await memory(bytes);
  const changed = [...now.keys()].filter((i) => now[i] !== was[i]).map((i) => 1024 + i);
  const b = Array.from({ length: 80 }, (_, k) => 1184 + k);
  const e = Array.from({ length: 80 }, (_, k) => 1344 + k);
  assert.deepEqual(changed, [...b, ...e].filter((a) => was[a - 1024] !== 0), 'B, and E, which only B pointed to');
});

/**
 * A (1024, read by the code) points to G (1792): the pointer's low byte
 * is a zero that wasm-opt left out, so the pointer's other bytes start
 * the next segment (1101), as wasm-opt splits a segment at a run of zeroes.
 */
function splitPointer() {
  const m = new binaryen.Module();
  const a = new Uint8Array(76).fill(0x41);
  const pointer = new Uint8Array([0x07, 0x00, 0x00, 0x41]); // 0x00000700 = 1792, its 0x00 at 1100 left out
  const g = new Uint8Array(16).fill(0x42);
  m.setMemory(1, 1, 'memory', [
    { offset: m.i32.const(1024), data: a, passive: false },
    { offset: m.i32.const(1101), data: pointer, passive: false },
    { offset: m.i32.const(1792), data: g, passive: false },
  ]);
  m.addFunction('a', binaryen.none, binaryen.i32, [], m.i32.load(0, 4, m.i32.const(1024)));
  m.addFunctionExport('a', 'a');
  const bytes = m.emitBinary();
  m.dispose();
  return bytes;
}

test('a constant pointed to by a word that spans two segments stays', () => {
  const { objects: zeroed } = cutDeadData(splitPointer(), [{ addr: 1024, size: 80 }, { addr: 1792, size: 16 }]);
  assert.equal(zeroed, 0);
});

/** Where the data section of a Wasm binary is: [offset of its id byte, its whole size]. */
function dataSection(bytes) {
  let p = 8;
  for (;;) {
    const at = p;
    const id = bytes[p++];
    let size = 0; let s = 0; let x;
    do { x = bytes[p++]; size += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80);
    if (id === 11) return [at, p - at + size];
    p += size;
  }
}

test('the link map gives the read-only constants, not the merged strings, and a map of another link gives none', () => {
  const wasm = constants();
  const [off, size] = dataSection(wasm);
  const hex = (n) => n.toString(16);
  const row = (addr, at, len, indent, name) => `${String(addr).padStart(8)} ${hex(at).padStart(8)} ${hex(len).padStart(8)}${' '.repeat(indent)}${name}`;
  const map = [
    '    Addr      Off     Size Out     In      Symbol',
    row('-', 8, off - 8, 1, 'CODE'),
    row('-', off, size, 1, 'DATA'),
    row(hex(1000), off + 9, 24 + 480, 1, '.rodata'),
    row(hex(1000), off + 9, 24, 9, '<internal>:(.rodata)'),
    ...objects.map((o, i) => row(hex(o.addr), off + 9 + o.addr - 1000, o.size, 9, `lib.o:(.rodata..Lanon.${i})`)),
    row(hex(1504), off + 9 + 504, 4, 1, '.data'),
    row(hex(1504), off + 9 + 504, 4, 9, 'lib.o:(.data.x)'),
    row(hex(1504), off + 9 + 504, 4, 17, 'x'),
    row('-', off + size, wasm.length - off - size, 1, 'CUSTOM(name)'),
  ].join('\n');
  assert.deepEqual(rodataObjects(map, wasm), objects);
  assert.equal(rodataObjects(map, Uint8Array.from([...wasm, 0, 0])), null);
});

test('data segments a few bytes apart become one, and the memory starts the same', async () => {
  const m = new binaryen.Module();
  const bytes = (n, v) => new Uint8Array(n).fill(v);
  // Two close together, one overwriting the other's end, one far off.
  m.setMemory(1, 1, 'memory', [
    { offset: m.i32.const(1024), data: bytes(40, 1), passive: false },
    { offset: m.i32.const(1100), data: bytes(20, 2), passive: false },
    { offset: m.i32.const(1110), data: bytes(20, 3), passive: false },
    { offset: m.i32.const(1130 + MERGE_GAP + 1), data: bytes(8, 4), passive: false },
  ]);
  m.addFunction('a', binaryen.none, binaryen.i32, [], m.i32.load(0, 4, m.i32.const(1024)));
  m.addFunctionExport('a', 'a');
  const before = m.emitBinary();
  m.dispose();
  const { bytes: after, segments, merged } = mergeDataSegments(before);
  assert.deepEqual({ segments, merged }, { segments: 4, merged: 2 });
  const memory = async (wasm) => new Uint8Array((await WebAssembly.instantiate(wasm)).instance.exports.memory.buffer);
  assert.deepEqual(await memory(after), await memory(before));
  assert.equal((await WebAssembly.instantiate(after)).instance.exports.a(), 0x01010101);
});
