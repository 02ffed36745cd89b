// engine-shorten.mjs on a small module and glue of its own: the glue's
// functions get short names on both sides and still meet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import binaryen from 'binaryen';
import { GLUE_MODULE, shortImports, shortName } from './engine-shorten.mjs';

const NOW = '__wbg_now_463ac581d2fc7ea3';
const LOG = '__wbg_log_0123456789abcdef';

/** A module importing NOW and LOG from the glue and a global from `env`; `run` returns LOG(NOW()) + the global. */
function module() {
  const m = new binaryen.Module();
  const { f64, i32 } = binaryen;
  m.addFunctionImport('now', GLUE_MODULE, NOW, binaryen.none, f64);
  m.addFunctionImport('log', GLUE_MODULE, LOG, f64, i32);
  m.addGlobalImport('base', 'env', 'base', i32, false);
  m.addFunction('run', binaryen.none, i32, [],
    m.i32.add(m.call('log', [m.call('now', [], f64)], i32), m.global.get('base', i32)));
  m.addFunctionExport('run', 'run');
  assert.ok(m.validate());
  const bytes = m.emitBinary();
  m.dispose();
  return bytes;
}

/** The glue's shape: an imports object keyed by the Wasm's import names. */
const glue = `function imports() {
    const import0 = {
        __proto__: null,
        ${NOW}: function() { return 42; },
        ${LOG}: function(a) { return a + 1; },
    };
    return { "${GLUE_MODULE}": import0 };
}`;

async function run(wasm, js) {
  const table = new Function(`${js}; return imports();`)();
  const { instance } = await WebAssembly.instantiate(wasm, { ...table, env: { base: 100 } });
  return instance.exports.run();
}

test('the glue\'s functions get short names in the Wasm and the glue, and still meet', async () => {
  const wasm = module();
  assert.equal(await run(wasm, glue), 143);
  const short = shortImports(wasm, glue);
  assert.equal(short.renamed, 2);
  assert.ok(short.wasm.length < wasm.length);
  assert.ok(!short.glue.includes(NOW) && !short.glue.includes(LOG));
  const names = WebAssembly.Module.imports(new WebAssembly.Module(short.wasm));
  assert.deepEqual(names.map((i) => [i.module, i.name]),
    [['env', 'base'], [GLUE_MODULE, 'b'], [GLUE_MODULE, 'c']],
    '`a` is a word of the glue: skipped');
  assert.equal(await run(short.wasm, short.glue), 143);
});

test('a name that is not exactly once in the glue fails', () => {
  assert.throws(() => shortImports(module(), glue.replace(LOG, 'other')), /is 0 times in the glue/);
  assert.throws(() => shortImports(module(), `${glue}\n// ${NOW}`), /is 2 times in the glue/);
});

test('short names run a … z, A … Z, then two letters', () => {
  assert.deepEqual([0, 25, 26, 51, 52, 53, 52 * 53 - 1, 52 * 53].map(shortName),
    ['a', 'z', 'A', 'Z', 'aa', 'ab', 'ZZ', 'aaa']);
});
