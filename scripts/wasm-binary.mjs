// The Wasm binary format as the build's passes over the engine's .wasm
// read and write it (engine-snip.mjs, engine-shorten.mjs): LEB128
// integers (one reader, two writers), the walk over the sections, and the
// joining of rewritten pieces, so the passes agree on all three.

/** The unsigned LEB128 at `bytes[p]`: [value, the position after it]. */
export function leb(bytes, p) {
  let r = 0; let s = 0; let x;
  do { x = bytes[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80);
  return [r, p];
}

/** `n` (0 or more) as unsigned LEB128 bytes. */
export function lebBytes(n) {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}

/** A 32-bit integer as signed LEB128 bytes (an `i32.const`'s operand). */
export function slebBytes(n) {
  const out = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && (b & 0x40))) return [...out, b];
    out.push(b | 0x80);
  }
}

/** The sections of a Wasm binary, in order: `off` where its id byte is,
 * `body` where its contents start (after the size), `end` where it ends. */
export function* sections(bytes) {
  let p = 8;
  while (p < bytes.length) {
    const off = p;
    const id = bytes[p++];
    let size;
    [size, p] = leb(bytes, p);
    yield { id, off, body: p, end: p + size };
    p += size;
  }
}

/** `pieces` (byte arrays) one after the other, in one Uint8Array. */
export function concat(pieces) {
  const out = new Uint8Array(pieces.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of pieces) { out.set(b, at); at += b.length; }
  return out;
}
