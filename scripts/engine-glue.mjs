// wasm-bindgen's glue started the one way the kit starts it. The loader
// (startEngine in www/help-widget.mjs) compiles the .wasm itself and hands
// the glue a WebAssembly.Module: `default({ module_or_path: module })`.
// The glue's other ways in, `initSync` and fetching or streaming the .wasm
// from a URL, a Request or a Response (with its MIME-type fallback and
// deprecation warnings), are never taken, and were 0.5 kB of the fixed
// code (brotli). Here they give way to an init that instantiates the
// module it is handed, once, as wasm-bindgen's does for a module.
//
// Usage: imported by engine-build.mjs, after engine-shorten.mjs.

/** Where wasm-bindgen's loading code starts: the rest of the glue is it. */
const LOAD = 'async function __wbg_load(module, imports) {';
/** The glue's last line. */
const EXPORTS = 'export { initSync, __wbg_init as default };';

/** The kit's init: the module handed over, instantiated once. */
const INIT = `let __wbg_init_promise;
/** Instantiates \`module_or_path\`, a WebAssembly.Module (the kit's loader
 * compiles the .wasm), once; resolves with the exports. */
async function __wbg_init({ module_or_path: module }) {
    if (wasm !== undefined) return wasm;
    if (__wbg_init_promise === undefined) {
        __wbg_init_promise = WebAssembly.instantiate(module, __wbg_get_imports())
            .then((instance) => __wbg_finalize_init(instance, module));
        __wbg_init_promise.catch(() => { __wbg_init_promise = undefined; });
    }
    return __wbg_init_promise;
}

export { __wbg_init as default };
`;

/**
 * `glue` with wasm-bindgen's loading code (from `__wbg_load` to the end)
 * replaced by the kit's init. Throws when the glue is not of the shape
 * expected, so that another wasm-bindgen fails the build instead of
 * breaking the engine.
 */
export function moduleOnlyInit(glue) {
  const at = glue.indexOf(LOAD);
  if (at < 0 || glue.indexOf(LOAD, at + 1) >= 0 || !glue.trimEnd().endsWith(EXPORTS)
    || !glue.includes('function __wbg_finalize_init(instance, module) {')
    || !glue.includes('function __wbg_get_imports() {')) {
    throw new Error('engine-glue: the glue is not of the shape expected (wasm-bindgen 0.2.130\'s __wbg_load … export { initSync, __wbg_init as default })');
  }
  return glue.slice(0, at) + INIT;
}
