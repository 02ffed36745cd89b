// LEB128, the Wasm binary format's integers, for the build's passes over
// the engine's .wasm (engine-snip.mjs, engine-shorten.mjs): one reader and
// two writers, so the passes agree on the encoding.

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
