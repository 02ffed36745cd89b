// engine-snip.mjs on a small module of its own: panic starts become a trap,
// everything else keeps its code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import binaryen from 'binaryen';
import { snipPanics } from './engine-snip.mjs';

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
