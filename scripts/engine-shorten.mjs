// Short names for the functions the engine imports from wasm-bindgen's
// glue. wasm-bindgen names each import after its JS function and a hash
// of its signature (`__wbg_now_463ac581d2fc7ea3`), and the name is
// written twice, in the Wasm's import section and as a key of the glue's
// imports object. Brotli cannot shorten the hashes (random hex), so they
// cost about 16 bytes per import, once in each file. Both sides are
// renamed here (`a`, `b`, …), after wasm-opt and before the glue is
// minified (engine-build.mjs); which function is which stays as it was.
//
// Usage: node scripts/engine-shorten.mjs BG.wasm GLUE.js   (rewrites both)
import { readFile, writeFile } from 'node:fs/promises';

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

const leb = (bytes, p) => {
  let r = 0; let s = 0; let x;
  do { x = bytes[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80);
  return [r, p];
};

const lebBytes = (n) => {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
};

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

/**
 * The Wasm and glue with every function the Wasm imports from the glue
 * renamed. Throws when a name is not exactly once in the glue, so that a
 * glue of another shape fails the build instead of breaking the engine.
 */
export function shortImports(wasm, glue) {
  const out = [];
  let p = 8;
  let next = 0;
  const names = new Map();
  const word = (w) => new RegExp(`(?<![\\w$])${w.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
  while (p < wasm.length) {
    const start = p;
    const id = wasm[p++];
    let size;
    [size, p] = leb(wasm, p);
    const end = p + size;
    if (id !== 2) {
      out.push(wasm.subarray(start, end));
      p = end;
      continue;
    }
    let n;
    [n, p] = leb(wasm, p);
    const body = [...lebBytes(n)];
    const text = new TextDecoder();
    for (; n > 0; n--) {
      let len;
      [len, p] = leb(wasm, p);
      const module = wasm.subarray(p, p + len);
      p += len;
      [len, p] = leb(wasm, p);
      const field = text.decode(wasm.subarray(p, p + len));
      p += len;
      const kind = wasm[p];
      const after = descEnd(wasm, kind, p + 1);
      let name = field;
      if (kind === 0 && text.decode(module) === GLUE_MODULE) {
        // A name the glue has nowhere, so that no key or variable clashes.
        do name = shortName(next++); while (word(name).test(glue));
        names.set(field, name);
      }
      const encoded = new TextEncoder().encode(name);
      body.push(...lebBytes(module.length), ...module, ...lebBytes(encoded.length), ...encoded);
      body.push(...wasm.subarray(p, after));
      p = after;
    }
    if (p !== end) throw new Error('import section: unexpected bytes after the imports');
    out.push(Uint8Array.of(2, ...lebBytes(body.length), ...body));
  }
  for (const [long, short] of names) {
    const found = glue.match(word(long))?.length ?? 0;
    if (found !== 1) throw new Error(`engine-shorten: ${long} is ${found} times in the glue, not once`);
    glue = glue.replace(word(long), short);
  }
  const bytes = new Uint8Array(out.reduce((s, b) => s + b.length, 8));
  bytes.set(wasm.subarray(0, 8));
  let at = 8;
  for (const b of out) { bytes.set(b, at); at += b.length; }
  return { wasm: bytes, glue, renamed: names.size };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [wasmPath, gluePath] = process.argv.slice(2);
  if (!wasmPath || !gluePath) {
    console.error('usage: node scripts/engine-shorten.mjs BG.wasm GLUE.js');
    process.exit(2);
  }
  const r = shortImports(await readFile(wasmPath), await readFile(gluePath, 'utf8'));
  await writeFile(wasmPath, r.wasm);
  await writeFile(gluePath, r.glue);
  console.log(`${r.renamed} imports renamed`);
}
