// The delivery kit: a folder a site owner deploys as it is.
// Usage: node scripts/dist.mjs WWW OUT   (./dev dist builds www/ first)
//
// - help-widget.js keeps its name (the URL in the script tag; cache it
//   briefly) and names the content-hashed module, which names the hashed
//   Wasm, glue, shell and stylesheets: a new build can never mix with a
//   cached old file, and hashed files can be cached for a year.
// - help-widget.mjs (stable name, same content) is the import for bundlers
//   and `import { init } from '…/help-widget.mjs'`.
// - The loader and the module are minified (terser; the Wasm glue is left
//   as wasm-bindgen wrote it), and every file gets precompressed .br and
//   .gz siblings.
// - package.json (exports, types) lets the folder be installed with npm.
// - SERVING.md: server configuration to copy.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { minify } from 'terser';

const here = dirname(fileURLToPath(import.meta.url));


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

/** The list of the files dist wrote into its folder, in the folder. */
export const MANIFEST = '.help-widget-dist';

/** Empties `out` of what an earlier run wrote there (listed in MANIFEST)
 * and nothing else. A folder that holds anything but an earlier kit, such
 * as a web root (`DIST=/var/www ./dev dist`), is refused untouched: the kit
 * goes into an empty folder or the one it was written to before. */
async function clear(out) {
  let names;
  try {
    names = await readdir(out);
  } catch (error) {
    if (error.code === 'ENOENT') return;
    throw error;
  }
  let listed;
  try {
    listed = (await readFile(join(out, MANIFEST), 'utf8')).split('\n').filter((l) => l && !l.startsWith('#'));
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
    if (names.length === 0) return;
    // A kit written before dist kept a list: recognised by its names alone.
    const kit = /^(help-widget[\w.-]*|help_widget[\w.-]*|package\.json|SERVING\.md)$/;
    if (names.every((n) => kit.test(n))) {
      for (const name of names) await rm(join(out, name), { force: true });
      return;
    }
    const shown = names.sort().slice(0, 5).join(', ') + (names.length > 5 ? ` and ${names.length - 5} more` : '');
    throw new Error(`dist: ${out} is not empty (${shown}) and holds no kit written by dist (no ${MANIFEST}): it writes only into an empty folder or its own earlier one, so nothing there is lost; choose another folder, e.g. DIST=${join(out, 'help')}`);
  }
  for (const name of listed) {
    // Only plain names of files in the folder itself.
    if (name.includes('/') || name.includes('\\') || name === '..' || name === '.') throw new Error(`dist: ${join(out, MANIFEST)} lists "${name}", which is not a file of the kit; restore it or choose another folder`);
  }
  for (const name of listed) await rm(join(out, name), { force: true });
  await rm(join(out, MANIFEST), { force: true });
}

export async function dist(www, out) {
  await clear(out);
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
  module = (await minify(module, { module: true, ecma: 2020, compress: { passes: 2 } })).code;
  const moduleName = hashedName('help-widget.mjs', Buffer.from(module));
  files.set(moduleName, Buffer.from(module));
  files.set('help-widget.mjs', Buffer.from(module));
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
    exports: { '.': { types: './help-widget.d.ts', default: './help-widget.mjs' }, './help-widget.js': './help-widget.js', './package.json': './package.json' },
    types: './help-widget.d.ts',
    files: [...files.keys()].concat('*.br', '*.gz').filter((f) => f !== 'package.json'),
    sideEffects: false,
    license: 'MIT OR Apache-2.0',
  }, null, 2) + '\n'));
  const rows = [];
  const written = [];
  // Listed before they are written: an interrupted run leaves nothing unlisted.
  const names = [...files.keys()].flatMap((n) => [n, `${n}.br`, `${n}.gz`]);
  await writeFile(join(out, MANIFEST), `# help-widget dist: the files it wrote in this folder, which the next run replaces\n${names.join('\n')}\n`);
  for (const [name, bytes] of files) {
    await writeFile(join(out, name), bytes);
    written.push(name);
    const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
    const gz = gzipSync(bytes, { level: 9 });
    if (!/\.(md|json)$/.test(name) || name.startsWith('help_widget_shell')) {
      await writeFile(join(out, `${name}.br`), br);
      await writeFile(join(out, `${name}.gz`), gz);
      written.push(`${name}.br`, `${name}.gz`);
    }
    rows.push([name, bytes.length, gz.length, br.length]);
  }
  await writeFile(join(out, MANIFEST), `# help-widget dist: the files it wrote in this folder, which the next run replaces\n${written.join('\n')}\n`);
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
