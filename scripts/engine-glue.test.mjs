// engine-glue.mjs on a glue of wasm-bindgen's shape: the kit's init
// instantiates the module it is handed, once; a glue of another shape
// fails the build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import binaryen from 'binaryen';
import { moduleOnlyInit } from './engine-glue.mjs';

/** A glue as wasm-bindgen writes it, around a module exporting `P` (start) and `answer`. */
const GLUE = `let started = 0;
function __wbg_get_imports() {
    return { __proto__: null };
}
let wasmModule, wasmInstance, wasm;
function __wbg_finalize_init(instance, module) {
    wasmInstance = instance;
    wasm = instance.exports;
    wasmModule = module;
    wasm.P();
    started++;
    return wasm;
}
export function answer() { return wasm.answer(); }
export function starts() { return started; }
async function __wbg_load(module, imports) {
    return fetch(module);
}
function initSync(module) {
    console.warn('using deprecated parameters for \`initSync()\`; pass a single object instead');
}
export { initSync, __wbg_init as default };
`;

function module() {
  const m = new binaryen.Module();
  m.addFunction('P', binaryen.none, binaryen.none, [], m.nop());
  m.addFunction('answer', binaryen.none, binaryen.i32, [], m.i32.const(42));
  m.addFunctionExport('P', 'P');
  m.addFunctionExport('answer', 'answer');
  const bytes = m.emitBinary();
  m.dispose();
  return new WebAssembly.Module(bytes);
}

test('the glue keeps its code before the loading and loses initSync and the fetching', () => {
  const out = moduleOnlyInit(GLUE);
  assert.ok(out.startsWith(GLUE.slice(0, GLUE.indexOf('async function __wbg_load'))));
  assert.doesNotMatch(out, /initSync|fetch|deprecated|__wbg_load/);
  assert.match(out, /export \{ __wbg_init as default \};\n$/);
});

test('the init instantiates the module it is handed once, however often it is called', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'engine-glue-'));
  try {
    const file = join(dir, 'glue.mjs');
    await writeFile(file, moduleOnlyInit(GLUE));
    const glue = await import(file);
    const m = module();
    const [a, b] = await Promise.all([glue.default({ module_or_path: m }), glue.default({ module_or_path: m })]);
    assert.equal(a, b);
    assert.equal(await glue.default({ module_or_path: m }), a);
    assert.equal(glue.answer(), 42);
    assert.equal(glue.starts(), 1);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a glue of another shape fails the build', () => {
  assert.throws(() => moduleOnlyInit(GLUE.replace('export { initSync, __wbg_init as default };', 'export { __wbg_init as default };')), /not of the shape/);
  assert.throws(() => moduleOnlyInit(GLUE.replace('async function __wbg_load', 'function __wbg_load')), /not of the shape/);
  assert.throws(() => moduleOnlyInit(GLUE + GLUE), /not of the shape/);
});
