// help-widget: fetching the parts of a knowledge base shipped in the
// `parts` delivery. help-widget.mjs loads this module with the engine,
// only for such a kb, so no page view pays for it.

/** A packed part's name (src/format/pool.rs): the pack file, and the byte
 * range of the part's gzip member in it, in hex. */
const PACKED = /^(pack-[0-9a-f]{12}\.bin)@([0-9a-f]+)\+([0-9a-f]+)$/;

/** The bytes of `href` fetched with `init`, and the response's status;
 * an error that names `name` unless it is a success. */
async function fetched(href, name, init) {
  const r = await fetch(href, init);
  if (!r.ok) throw new Error(`help-widget: cannot load ${name} (${r.status})`);
  return { status: r.status, bytes: new Uint8Array(await r.arrayBuffer()) };
}

/** `bytes`, one gzip member, unpacked (its CRC checked) by the browser. */
async function gunzip(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Parts of a large knowledge base (delivery "parts"), fetched when a
 * query or an answer needs them and kept for the visit; `engine()` is the
 * loaded engine. A part is a byte range of its pack; a server that
 * ignores ranges sends the whole pack, which is then kept and sliced. */
export function partFiles(base, engine) {
  const inflight = new Map();
  const whole = new Map();
  const fetchPart = async (name) => {
    const packed = PACKED.exec(name);
    if (!packed) throw new Error(`help-widget: ${name} names no part of a pack`);
    const [, file, at, len] = packed;
    const start = parseInt(at, 16);
    const end = start + parseInt(len, 16);
    let pack = whole.get(file);
    if (!pack) {
      const range = { headers: { Range: `bytes=${start}-${end - 1}` } };
      const { status, bytes } = await fetched(new URL(file, base), file, range);
      if (status === 206) {
        if (bytes.length !== end - start) throw new Error(`help-widget: ${file} sent another range`);
        return gunzip(bytes);
      }
      console.warn(`help-widget: the server sent all of ${file} for a range of it; see SERVING.md`);
      whole.set(file, bytes);
      pack = bytes;
    }
    return gunzip(pack.subarray(start, end));
  };
  const need = (names) => Promise.all(names.map((name) => {
    if (!inflight.has(name)) {
      const got = fetchPart(name).then((bytes) => { engine().add_part(name, bytes); });
      got.catch(() => inflight.delete(name)); // asked again next time
      inflight.set(name, got);
    }
    return inflight.get(name);
  }));
  return {
    need,
    /** Runs `ask` until the engine misses no part (a few rounds at most). */
    async settle(ask) {
      let out = ask();
      for (let round = 0; round < 4; round += 1) {
        const missed = engine().missed_parts();
        if (!missed.length) break;
        await need(missed);
        out = ask();
      }
      return out;
    },
  };
}
