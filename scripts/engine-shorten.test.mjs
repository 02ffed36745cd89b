// engine-shorten.mjs on a small module and glue of its own: the module,
// imports and exports get short names on both sides and still meet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import binaryen from 'binaryen';
import { GLUE_MODULE, shortNames, shortName } from './engine-shorten.mjs';

const NOW = '__wbg_now_463ac581d2fc7ea3';
const LOG = '__wbg_log_0123456789abcdef';

/**
 * A module importing NOW and LOG from the glue and a global from `env`;
 * it exports `run` (LOG(NOW()) + the global), `memory` and `unread`.
 */
function module() {
  const m = new binaryen.Module();
  const { f64, i32 } = binaryen;
  m.addFunctionImport('now', GLUE_MODULE, NOW, binaryen.none, f64);
  m.addFunctionImport('log', GLUE_MODULE, LOG, f64, i32);
  m.addGlobalImport('base', 'env', 'base', i32, false);
  m.setMemory(1, 1, 'memory');
  m.addFunction('run', binaryen.none, i32, [],
    m.i32.add(m.call('log', [m.call('now', [], f64)], i32), m.global.get('base', i32)));
  m.addFunctionExport('run', 'run_widget');
  m.addFunctionExport('run', 'unread');
  assert.ok(m.validate());
  const bytes = m.emitBinary();
  m.dispose();
  return bytes;
}

/** The glue's shape: an imports object keyed by the Wasm's import names, the exports read as `wasm.NAME`. */
const glue = `let wasm;
/** Calls \`run_widget\`. */
export function run_widget() { return wasm.run_widget(); }
function imports() {
    const import0 = {
        __proto__: null,
        ${NOW}: function() { return 42; },
        ${LOG}: function(a) { return a + 1; },
    };
    return { __proto__: null, "${GLUE_MODULE}": import0 };
}
export async function init(bytes, env) {
    const { instance } = await WebAssembly.instantiate(bytes, { ...imports(), env });
    wasm = instance.exports;
    return wasm;
}`;

async function run(wasm, js) {
  const url = `data:text/javascript,${encodeURIComponent(js)}`;
  const glueModule = await import(url);
  const exports = await glueModule.init(wasm, { base: 100 });
  return { result: glueModule.run_widget(), exports: Object.keys(exports) };
}

test('the glue\'s module, imports and exports get short names in the Wasm and the glue, and still meet', async () => {
  const wasm = module();
  assert.equal((await run(wasm, glue)).result, 143);
  const short = shortNames(wasm, glue);
  assert.deepEqual([short.imports, short.exports], [2, 1]);
  assert.ok(short.wasm.length < wasm.length);
  for (const long of [NOW, LOG, GLUE_MODULE, 'wasm.run_widget']) assert.ok(!short.glue.includes(long), long);
  const m = new WebAssembly.Module(short.wasm);
  assert.deepEqual(WebAssembly.Module.imports(m).map((i) => [i.module, i.name]),
    [['env', 'base'], ['a', 'b'], ['a', 'c']], '`a` is a word of the glue: skipped');
  const ran = await run(short.wasm, short.glue);
  assert.equal(ran.result, 143);
  assert.deepEqual(ran.exports.sort(), ['b', 'memory', 'unread'],
    'the memory and the exports the glue does not read keep their names');
});

test('a glue of another shape fails', () => {
  assert.throws(() => shortNames(module(), glue.replace(LOG, 'other')), /is 0 times in the glue/);
  assert.throws(() => shortNames(module(), `${glue}\n${NOW};`), /is 2 times in the glue/);
  assert.throws(() => shortNames(module(), `${glue}\nconst e = instance.exports;`), /otherwise than as wasm.NAME/);
  assert.throws(() => shortNames(module(), `${glue}\nwasm['run_widget']();`), /otherwise than as wasm.NAME/);
});

test('short names run a … z, A … Z, then two letters', () => {
  assert.deepEqual([0, 25, 26, 51, 52, 53, 52 * 53 - 1, 52 * 53].map(shortName),
    ['a', 'z', 'A', 'Z', 'aa', 'ab', 'ZZ', 'aaa']);
});
