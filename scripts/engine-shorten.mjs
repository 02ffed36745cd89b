// Short names for what the engine and wasm-bindgen's glue call each other
// by. wasm-bindgen names each import after its JS function and a hash of
// its signature (`__wbg_now_463ac581d2fc7ea3`), written twice: in the
// Wasm's import section and as a key of the glue's imports object. Brotli
// cannot shorten the hashes (random hex): about 16 bytes per import, once
// in each file. The exports (`widget_act`, `__wbindgen_malloc`, …) are
// written in the Wasm's export section and read as `wasm.NAME` in the
// glue; the module the imports come from (`./help_widget_bg.js`) before
// each import's name. All of them are renamed here on both sides (`a`,
// `b`, …), after wasm-opt and before the glue is minified
// (engine-build.mjs); which function is which stays as it was. The
// memory keeps its name, and so do exports the glue does not read.
//
// Usage: node scripts/engine-shorten.mjs BG.wasm GLUE.js   (rewrites both)
import { readFile, writeFile } from 'node:fs/promises';
import { concat, leb, lebBytes, sections } from './wasm-binary.mjs';

/** The glue's module, which the Wasm imports its functions from. */
export const GLUE_MODULE = './help_widget_bg.js';

/** The `n`th short name: a … z, A … Z, then two letters and so on. */
export function shortName(n) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let name = '';
  do {
    name = letters[n % letters.length] + name;
    n = Math.floor(n / letters.length) - 1;
  } while (n >= 0);
  return name;
}

/** Where an import's description (after its kind byte) ends. */
function descEnd(bytes, kind, p) {
  const limits = (q) => {
    const [flags, r] = leb(bytes, q);
    let [, end] = leb(bytes, r);
    if (flags & 1) [, end] = leb(bytes, end);
    return end;
  };
  switch (kind) {
    case 0: return leb(bytes, p)[1]; // function: type index
    case 1: return limits(p + 1); // table: reference type, limits
    case 2: return limits(p); // memory: limits
    case 3: return p + 2; // global: value type, mutability
    case 4: return leb(bytes, p + 1)[1]; // tag: attribute, type index
    default: throw new Error(`import of unknown kind ${kind}`);
  }
}

const utf8 = new TextDecoder();
const name = (s) => { const b = new TextEncoder().encode(s); return [...lebBytes(b.length), ...b]; };
/** A whole identifier or property name `w` in JS text. */
const word = (w) => new RegExp(`(?<![\\w$])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w$])`, 'g');
const count = (text, re) => text.match(re)?.length ?? 0;

/**
 * The Wasm and glue with the glue's module, the functions the Wasm
 * imports from it and the exports the glue reads renamed. Throws when the
 * glue is not of the shape expected (an import's name not exactly once in
 * it, the exports read otherwise than as `wasm.NAME`), so that another
 * wasm-bindgen fails the build instead of breaking the engine.
 */
export function shortNames(wasm, glue) {
  // Names the glue has nowhere, so that no key or variable clashes; the
  // imports' and the exports' are apart (an object's keys, a property).
  const fresh = () => {
    let n = 0;
    return () => {
      let s;
      do s = shortName(n++); while (word(s).test(glue));
      return s;
    };
  };
  const nextImport = fresh();
  const nextExport = fresh();
  // A string key beside `__proto__` in the object of modules.
  const module = 'a';
  const imports = new Map();
  const exports = new Map();
  const out = [wasm.subarray(0, 8)];
  for (const { id, off, body: at, end } of sections(wasm)) {
    if (id !== 2 && id !== 7) {
      out.push(wasm.subarray(off, end));
      continue;
    }
    let [n, p] = leb(wasm, at);
    const body = [...lebBytes(n)];
    for (; n > 0; n--) {
      let len;
      let from;
      if (id === 2) {
        [len, p] = leb(wasm, p);
        from = utf8.decode(wasm.subarray(p, p + len));
        p += len;
      }
      [len, p] = leb(wasm, p);
      let field = utf8.decode(wasm.subarray(p, p + len));
      p += len;
      const kind = wasm[p];
      const after = id === 2 ? descEnd(wasm, kind, p + 1) : leb(wasm, p + 1)[1];
      if (id === 2 && from === GLUE_MODULE) {
        if (kind !== 0) throw new Error(`engine-shorten: ${field} from the glue is not a function`);
        const short = nextImport();
        imports.set(field, short);
        [from, field] = [module, short];
      } else if (id === 7 && field !== 'memory' && word(`wasm.${field}`).test(glue)) {
        const short = nextExport();
        exports.set(field, short);
        field = short;
      }
      if (id === 2) body.push(...name(from));
      body.push(...name(field), ...wasm.subarray(p, after));
      p = after;
    }
    if (p !== end) throw new Error(`engine-shorten: unexpected bytes after the entries of section ${id}`);
    out.push(Uint8Array.of(id, ...lebBytes(body.length), ...body));
  }
  for (const [long, short] of imports) {
    const found = count(glue, word(long));
    if (found !== 1) throw new Error(`engine-shorten: the import ${long} is ${found} times in the glue, not once`);
    glue = glue.replace(word(long), short);
  }
  // The glue reads the exports as properties of `wasm` alone.
  const code = glue.replace(/\/\*[\s\S]*?\*\//g, '');
  if (exports.size && (count(code, /\.exports(?![\w$])/g) !== 1 || !/\bwasm = instance\.exports;/.test(code) || /\bwasm\s*\[/.test(code))) {
    throw new Error('engine-shorten: the glue reads the exports otherwise than as wasm.NAME');
  }
  for (const [long, short] of exports) glue = glue.replace(word(`wasm.${long}`), `wasm.${short}`);
  if (imports.size) {
    const key = `"${GLUE_MODULE}"`;
    const found = count(glue, new RegExp(key.replace(/\./g, '\\.'), 'g'));
    if (found !== 1) throw new Error(`engine-shorten: ${key} is ${found} times in the glue, not once`);
    glue = glue.replace(key, `"${module}"`);
  }
  return { wasm: concat(out), glue, imports: imports.size, exports: exports.size };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [wasmPath, gluePath] = process.argv.slice(2);
  if (!wasmPath || !gluePath) {
    console.error('usage: node scripts/engine-shorten.mjs BG.wasm GLUE.js');
    process.exit(2);
  }
  const r = shortNames(await readFile(wasmPath), await readFile(gluePath, 'utf8'));
  await writeFile(wasmPath, r.wasm);
  await writeFile(gluePath, r.glue);
  console.log(`${r.imports} imports and ${r.exports} exports renamed`);
}
