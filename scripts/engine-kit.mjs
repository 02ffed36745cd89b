// The prebuilt engine the editors' tool carries (`HELP_WIDGET_ENGINE_DIR`):
// wasm-bindgen's glue and the code-only Wasm, the loader, the API module,
// the panel's renderer, the form module (the JS minified with terser, the
// glue too: 5.6 → 3.6 KiB brotli), the styles (without comments), the types and
// SERVING.md. `help-widget dist` and `help-widget pkg` put a knowledge
// base beside it; no Rust toolchain is needed for that.
// Usage: node scripts/engine-kit.mjs WWW BINDGEN_OUT ENGINE_DIR   (./dev runs it)
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

const here = dirname(fileURLToPath(import.meta.url));
// The magic comments that keep bundlers off the module's run-time imports stay.
const squeeze = async (text, module) => (await minify(text, {
  module, ecma: 2020, compress: { passes: 2 }, format: { comments: /webpackIgnore|@vite-ignore/ },
})).code;

// The stylesheets without their comments (notes for developers; a page
// view downloads the launcher's): about 0.6 kB brotli each.
const bare = (css) => css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\n\s*\n+/g, '\n');

export async function engineKit(www, bindgen, out) {
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const put = (name, bytes) => writeFile(join(out, name), bytes);
  await put('help_widget.js', await squeeze(await readFile(join(bindgen, 'help_widget.js'), 'utf8'), true));
  await put('help_widget_bg.wasm', await readFile(join(bindgen, 'help_widget_bg.wasm')));
  for (const name of ['help-widget.mjs', 'help-widget-form.mjs', 'help-widget-panel.mjs', 'help-widget-parts.mjs']) {
    await put(name, await squeeze(await readFile(join(www, name), 'utf8'), true));
  }
  await put('help-widget.js', await squeeze(await readFile(join(www, 'help-widget.js'), 'utf8'), false));
  for (const name of ['help-widget.css', 'help-widget-launcher.css']) {
    await put(name, bare(await readFile(join(www, name), 'utf8')));
  }
  await put('help-widget.d.ts', await readFile(join(www, 'help-widget.d.ts')));
  await put('SERVING.md', await readFile(join(here, 'SERVING.md')));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [www, bindgen, out] = process.argv.slice(2);
  await engineKit(www, bindgen, out);
}
