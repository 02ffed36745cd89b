// The delivery kit: a folder a site owner deploys as it is.
// Usage: node scripts/dist.mjs WWW OUT   (./dev dist builds www/ first)
//
// - help-widget.js keeps its name (the URL in the script tag; cache it
//   briefly) and names the content-hashed module, which names the hashed
//   Wasm, glue, shell and stylesheets: a new build can never mix with a
//   cached old file, and hashed files can be cached for a year.
// - help-widget.mjs (stable name, same content) is for
//   `import { init } from '…/help-widget.mjs'`; help-widget.npm.mjs, the
//   same without a URL of its own (baseUrl required), is the npm entry
//   that bundlers copy into apps.
// - The loader and the module are minified (terser; the Wasm glue is left
//   as wasm-bindgen wrote it), and every file gets precompressed .br and
//   .gz siblings.
// - package.json (exports, types) lets the folder be installed with npm.
// - SERVING.md: server configuration to copy.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { minify } from 'terser';

const here = dirname(fileURLToPath(import.meta.url));


/** Minified; the magic comments that keep bundlers off the kit's run-time imports stay. */
const minifyModule = async (code) => (await minify(code, {
  module: true, ecma: 2020, compress: { passes: 2 }, format: { comments: /webpackIgnore|@vite-ignore/ },
})).code;

const hash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 10);

/** `help_widget_bg.wasm` → `help_widget_bg.3f9a1c0d2b.wasm`. */
function hashedName(path, bytes) {
  const ext = extname(path);
  return `${basename(path, ext)}.${hash(bytes)}${ext}`;
}

/** Replaces exactly one occurrence of `from` in `text`, or fails loudly. */
function replaceOnce(text, from, to, where) {
  const parts = text.split(from);
  if (parts.length !== 2) throw new Error(`dist: expected ${from} once in ${where}, found ${parts.length - 1}`);
  return parts.join(to);
}

export async function dist(www, out) {
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const files = new Map(); // name in out → bytes
  let module = await readFile(join(www, 'help-widget.mjs'), 'utf8');
  // The module's own list of its files (FILES: key → path in www/).
  const { FILES } = await import(pathToFileURL(join(resolve(www), 'help-widget.mjs')).href);
  for (const [key, source] of Object.entries(FILES)) {
    let bytes = await readFile(join(www, source));
    if (key === 'shell') {
      // The logo the shell names gets a hashed name too.
      const shell = JSON.parse(bytes.toString());
      if (shell.logo) {
        const logo = await readFile(join(www, dirname(source), shell.logo));
        shell.logo = hashedName(shell.logo, logo);
        files.set(shell.logo, logo);
        bytes = Buffer.from(JSON.stringify(shell));
      }
    }
    if (source.endsWith('.mjs')) bytes = Buffer.from((await minify(bytes.toString(), { module: true, ecma: 2020, compress: { passes: 2 } })).code);
    const name = hashedName(source, bytes);
    files.set(name, bytes);
    module = replaceOnce(module, `${key}: '${source}',`, `${key}: '${name}',`, 'help-widget.mjs');
  }
  // The npm entry (package.json) is bundled into apps, away from the kit's
  // files: it knows no URL of its own (HERE in help-widget.mjs).
  const npmModule = await minifyModule(replaceOnce(module, 'const HERE = import.meta.url;', 'const HERE = null;', 'help-widget.mjs'));
  module = await minifyModule(module);
  const moduleName = hashedName('help-widget.mjs', Buffer.from(module));
  files.set(moduleName, Buffer.from(module));
  files.set('help-widget.mjs', Buffer.from(module));
  files.set('help-widget.npm.mjs', Buffer.from(npmModule));
  const loaderSource = replaceOnce(await readFile(join(www, 'help-widget.js'), 'utf8'),
    "'help-widget.mjs'", `'${moduleName}'`, 'help-widget.js');
  const loader = (await minify(loaderSource, { ecma: 2020, compress: { passes: 2 } })).code;
  files.set('help-widget.js', Buffer.from(loader));
  files.set('help-widget.d.ts', await readFile(join(www, 'help-widget.d.ts')));
  files.set('SERVING.md', await readFile(join(here, 'SERVING.md')));
  files.set('package.json', Buffer.from(JSON.stringify({
    name: 'help-widget',
    version: '0.1.0',
    description: 'A help widget with an offline knowledge base (Rust/WebAssembly), built for one knowledge base.',
    type: 'module',
    exports: { '.': { types: './help-widget.d.ts', default: './help-widget.npm.mjs' }, './help-widget.js': './help-widget.js', './package.json': './package.json' },
    types: './help-widget.d.ts',
    files: [...files.keys()].concat('*.br', '*.gz').filter((f) => f !== 'package.json'),
    sideEffects: false,
    license: 'MIT OR Apache-2.0',
  }, null, 2) + '\n'));
  const rows = [];
  for (const [name, bytes] of files) {
    await writeFile(join(out, name), bytes);
    const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
    const gz = gzipSync(bytes, { level: 9 });
    if (!/\.(md|json)$/.test(name) || name.startsWith('help_widget_shell')) {
      await writeFile(join(out, `${name}.br`), br);
      await writeFile(join(out, `${name}.gz`), gz);
    }
    rows.push([name, bytes.length, gz.length, br.length]);
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [www = 'www', out = 'dist'] = process.argv.slice(2);
  const rows = await dist(www, out);
  console.log(`${out}/ (bytes: raw, gzip -9, brotli -11):`);
  for (const [name, raw, gz, br] of rows) {
    console.log(`  ${name.padEnd(40)} ${String(raw).padStart(8)} ${String(gz).padStart(8)} ${String(br).padStart(8)}`);
  }
}
