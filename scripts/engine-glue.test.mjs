// engine-glue.mjs on a glue of wasm-bindgen's shape of its own: only the
// start from a compiled module is left, and it still starts the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import binaryen from 'binaryen';
import { oneStart } from './engine-glue.mjs';

/** A module importing `now` from the glue and exporting `start` (which calls it) and `memory`. */
function module() {
  const m = new binaryen.Module();
  m.addFunctionImport('now', './help_widget_bg.js', 'now', binaryen.none, binaryen.i32);
  m.setMemory(1, 1, 'memory');
  m.addFunction('start', binaryen.none, binaryen.i32, [], m.call('now', [], binaryen.i32));
  m.addFunctionExport('start', 'start');
  assert.ok(m.validate());
  const bytes = m.emitBinary();
  m.dispose();
  return bytes;
}

/** The shape of wasm-bindgen's `--target web` glue, its start-up abridged. */
const glue = `let wasm;
export let started = 0;
export const calls = () => wasm.start();
function __wbg_get_imports() {
    return { __proto__: null, './help_widget_bg.js': { now: () => 7 } };
}
let wasmModule, wasmInstance;
function __wbg_finalize_init(instance, module) {
    wasmInstance = instance;
    wasm = instance.exports;
    wasmModule = module;
    started += 1;
    return wasm;
}
async function __wbg_load(module, imports) {
    if (typeof Response === 'function' && module instanceof Response) {
        console.warn('\`WebAssembly.instantiateStreaming\` failed');
        return await WebAssembly.instantiateStreaming(module, imports);
    }
    return await WebAssembly.instantiate(module, imports);
}
function initSync(module) {
    console.warn('using deprecated parameters for \`initSync()\`');
    return __wbg_finalize_init(new WebAssembly.Instance(module, __wbg_get_imports()), module);
}
async function __wbg_init(module_or_path) {
    if (module_or_path === undefined) module_or_path = new URL('help_widget_bg.wasm', import.meta.url);
    const { instance, module } = await __wbg_load(await module_or_path, __wbg_get_imports());
    return __wbg_finalize_init(instance, module);
}

export { initSync, __wbg_init as default };
`;

const load = (js) => import(`data:text/javascript,${encodeURIComponent(js)}`);

test('the glue keeps only the start from a compiled module, which starts the engine once however often it is called', async () => {
  const trimmed = oneStart(glue);
  for (const gone of ['initSync', '__wbg_load', 'instantiateStreaming', 'console.warn', 'import.meta.url']) {
    assert.ok(!trimmed.includes(gone), gone);
  }
  assert.ok(trimmed.length < glue.length);
  const g = await load(trimmed);
  const compiled = new WebAssembly.Module(module());
  const [a, b] = await Promise.all([g.default({ module_or_path: compiled }), g.default({ module_or_path: compiled })]);
  assert.equal(a, b);
  assert.equal(g.started, 1);
  assert.equal(g.calls(), 7);
  assert.equal(await g.default({ module_or_path: compiled }), a);
  assert.equal(g.started, 1);
});

test('the start refuses anything but a compiled module, by name', async () => {
  const g = await load(oneStart(glue));
  assert.throws(() => g.default({ module_or_path: module() }), /compiled WebAssembly\.Module/);
  assert.throws(() => g.default({ module_or_path: 'help_widget_bg.wasm' }), /compiled WebAssembly\.Module/);
});

test('a glue of another shape fails the build, saying what to read again', () => {
  assert.throws(() => oneStart(glue.replace('async function __wbg_load(', 'async function load(')), /not of the shape expected/);
  assert.throws(() => oneStart(glue.replace('export { initSync, __wbg_init as default };', 'export { __wbg_init as default };')), /not of the shape expected/);
  assert.throws(() => oneStart(`${glue}\nexport const more = 1;\n`), /not of the shape expected/);
  assert.throws(() => oneStart(glue.replace('function __wbg_finalize_init(', 'function finish(')), /no `function __wbg_finalize_init\(`/);
});
