// The one way the widget starts wasm-bindgen's glue, and nothing else of
// its start-up. The glue (`--target web`) can start from a URL, a Request,
// a fetch Response (streaming, with a fallback and its warning when the
// server's content type is wrong), bytes or a compiled module, each by a
// sync (`initSync`) or an async (`default`) entry, with warnings for the
// deprecated ways to call them. The kit's one caller, help-widget.mjs
// `startEngine` (which www/engine.js and www/hotline.js use too), compiles
// the `.wasm` itself while it downloads, to read the kb's custom section
// from the module, and always calls `default({ module_or_path: module })`
// with a `WebAssembly.Module`. So that path stays and the rest goes,
// after wasm-bindgen and before the glue is minified (engine-build.mjs).
//
// wasm-bindgen is pinned by Cargo.lock; a glue of another shape fails the
// build here rather than ship a start-up that was not read.

/** Where the start-up ways the widget does not take begin (wasm-bindgen's `--target web`). */
const FROM = 'async function __wbg_load(';
/** The glue's last statement. */
const EXPORTS = 'export { initSync, __wbg_init as default };';

/** The start-up left: instantiates the compiled module once, however often it is called. */
export const START = `let __wbg_init_promise;
/** Starts the engine from the compiled module \`module_or_path\` (help-widget.mjs startEngine). */
function __wbg_init({ module_or_path: module }) {
    if (!(module instanceof WebAssembly.Module)) throw new TypeError('help-widget: the engine starts from a compiled WebAssembly.Module');
    __wbg_init_promise ??= WebAssembly.instantiate(module, __wbg_get_imports())
        .then((instance) => __wbg_finalize_init(instance, module));
    return __wbg_init_promise;
}
export { __wbg_init as default };
`;

/** `glue` with only the start-up from a compiled module. Throws when the
 * glue is not of the shape this was written for. */
export function oneStart(glue) {
  const from = glue.indexOf(FROM);
  const end = glue.lastIndexOf(EXPORTS);
  if (from < 0 || end < from || glue.indexOf(FROM, from + 1) >= 0 || glue.slice(end + EXPORTS.length).trim() !== '') {
    throw new Error(`engine-glue: wasm-bindgen's glue is not of the shape expected (\`${FROM}\` … \`${EXPORTS}\` at its end); read its start-up again and update scripts/engine-glue.mjs`);
  }
  for (const needed of ['function __wbg_get_imports(', 'function __wbg_finalize_init(']) {
    if (!glue.slice(0, from).includes(needed)) throw new Error(`engine-glue: the glue has no \`${needed}\` before its start-up`);
  }
  return glue.slice(0, from) + START;
}
