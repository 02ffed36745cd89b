// The kit's SERVING.md, tested on Debian's real servers: each configuration
// block is taken from the SERVING.md that `./dev dist` writes (so the
// document cannot drift), given a temporary web root and a free loopback
// port, and every file of the kit is then asked for as browsers and caches
// ask for it. Chromium loads the widget from each server, by the tag and
// by an ES-module import, from a page on another origin.
// Needs nginx, libnginx-mod-http-brotli-static, apache2 and caddy (./dev test installs them).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, readFile, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { dist } from '../../scripts/dist.mjs';
import { serve } from '../../scripts/serve.mjs';
import { browser, open, ROOT, suggestions } from './lib.mjs';
import { apache, caddy, codeBlocks, get, nginx, walk } from './servers.mjs';

/** The names that carry their content's hash: `name.<10 hex>.ext`, and
 * the packs `pack-<12 hex>.bin` of the `parts` delivery. */
const HASHED = /\.[0-9a-f]{10}\.[a-z0-9]+$|^pack-[0-9a-f]{12}\.bin$/;
const JS = /^(text|application)\/javascript(;|$)/;
/** The Content-Type each kind of file needs (browsers refuse a module or
 * streaming Wasm with another; the logo shows broken with another). */
const TYPES = {
  '.wasm': /^application\/wasm$/,
  '.js': JS,
  '.mjs': JS,
  '.css': /^text\/css(;|$)/,
  '.json': /^application\/json(;|$)/,
  '.svg': /^image\/svg\+xml(;|$)/,
  '.png': /^image\/png$/,
  '.webp': /^image\/webp$/,
  '.hwkb': /^application\/octet-stream$/,
  '.bin': /^application\/octet-stream$/,
};
const ext = (name) => /(\.[a-z0-9]+)$/.exec(name)?.[1] ?? '';
const METER = 'Wie teile ich Ihnen meinen Zählerstand mit?';

let work;
let root; // the web root; the kit is root/help/
let kit;
let serving;
let b;
before(async () => {
  work = await mkdtemp(join(tmpdir(), 'help-widget-servers-'));
  // The servers' workers may run as www-data: the tree must be readable.
  await chmod(work, 0o755);
  root = join(work, 'html');
  kit = join(root, 'help');
  await mkdir(root, { recursive: true });
  await dist(join(ROOT, 'www'), kit);
  files = walk(kit).filter((f) => !/\.(br|gz)$/.test(f));
  serving = await readFile(join(kit, 'SERVING.md'), 'utf8');
  b = await browser();
});
after(async () => {
  await b?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** The configuration blocks of SERVING.md in `lang`, with their headings. */
function blocks(lang) {
  return codeBlocks(serving).filter((x) => x.lang === lang);
}

test('SERVING.md has a configuration for nginx with and without the brotli module, Apache and Caddy', () => {
  const nginxBlocks = blocks('nginx');
  assert.equal(nginxBlocks.length, 2, 'two nginx blocks');
  assert.ok(nginxBlocks[0].text.includes('brotli_static on;'));
  assert.ok(!nginxBlocks[1].text.includes('brotli'), 'the second nginx block needs no brotli module');
  const apacheBlocks = blocks('apache');
  assert.equal(apacheBlocks.length, 2, 'the .htaccess lines and the <Directory> block allowing them');
  assert.match(apacheBlocks[1].text, /<Directory \/var\/www\/html\/help>\s+AllowOverride FileInfo\s+<\/Directory>/);
  assert.match(serving, /AllowOverride None[^.]*ignored/s, 'says that Debian ignores .htaccess by default');
  assert.equal(blocks('caddyfile').length, 1);
});

/** Every file of the kit except the precompressed siblings, which are
 * checked as the encodings of the file they stand for. */
let files;
const kitFiles = () => files;

/** Asks for every file of the kit in every encoding and returns every
 * departure from SERVING.md's table (empty when all is right). */
async function checkKit(base, { encodings }) {
  const problems = [];
  const origin = 'http://other.example';
  for (const name of kitFiles()) {
    const url = `${base}/help/${name}`;
    const file = await readFile(join(kit, name));
    const etags = {};
    for (const asked of ['br', 'gzip', 'identity']) {
      const where = `${name} (Accept-Encoding: ${asked})`;
      const sibling = asked === 'br' ? `${name}.br` : asked === 'gzip' ? `${name}.gz` : null;
      const precompressed = sibling && encodings.includes(asked) && existsSync(join(kit, sibling));
      const r = await get(url, { 'accept-encoding': asked, origin });
      if (r.status !== 200) { problems.push(`${where}: status ${r.status}`); continue; }
      const encoding = r.headers['content-encoding'] ?? 'identity';
      if (precompressed) {
        if (encoding !== asked) problems.push(`${where}: Content-Encoding ${encoding}, not ${asked}`);
        else if (!r.body.equals(await readFile(join(kit, sibling)))) problems.push(`${where}: the body is not ${sibling}`);
      } else if (encoding === 'gzip' && asked === 'gzip') {
        // Compressed on the fly: what it decodes to must be the file.
        if (!gunzipSync(r.body).equals(file)) problems.push(`${where}: the gzip body does not decode to the file`);
      } else if (encoding !== 'identity') {
        problems.push(`${where}: Content-Encoding ${encoding}, expected none`);
      } else if (!r.body.equals(file)) {
        problems.push(`${where}: the body is not the file`);
      }
      const type = r.headers['content-type'] ?? '';
      const want = TYPES[ext(name)];
      if (want ? !want.test(type) : /html/.test(type) || !type) problems.push(`${where}: Content-Type ${type || 'missing'}`);
      if (r.headers['content-language']) problems.push(`${where}: Content-Language ${r.headers['content-language']}`);
      const vary = (r.headers.vary ?? '').toLowerCase().split(/\s*,\s*/);
      if (vary.filter((v) => v === 'accept-encoding').length !== 1) problems.push(`${where}: Vary ${r.headers.vary ?? 'missing'}`);
      const cache = r.headers['cache-control'] ?? '';
      if (HASHED.test(name)) {
        if (!/immutable/.test(cache) || !/max-age=31536000/.test(cache)) problems.push(`${where}: Cache-Control ${cache || 'missing'} on a hashed name`);
      } else if (/immutable/.test(cache) || !(/no-cache/.test(cache) || Number(/max-age=(\d+)/.exec(cache)?.[1]) <= 600)) {
        problems.push(`${where}: Cache-Control ${cache || 'missing'} on a name without a hash`);
      }
      const cors = r.headers['access-control-allow-origin'];
      if (cors !== '*' && cors !== origin) problems.push(`${where}: Access-Control-Allow-Origin ${cors ?? 'missing'}`);
      const etag = r.headers.etag;
      if (!etag) { problems.push(`${where}: no ETag`); continue; }
      etags[asked] = { etag, body: r.body };
      const again = await get(url, { 'accept-encoding': asked, 'if-none-match': etag, origin });
      if (again.status !== 304) problems.push(`${where}: If-None-Match ${etag} answers ${again.status}, not 304`);
      else if (again.body.length) problems.push(`${where}: a 304 with a body`);
      else if (again.headers['cache-control'] !== r.headers['cache-control']) problems.push(`${where}: a 304 with Cache-Control ${again.headers['cache-control']}`);
    }
    // The widget fetches a pack's parts as byte ranges of the file itself.
    if (name.startsWith('pack-')) {
      for (const asked of ['br, gzip', 'identity']) {
        const where = `${name} (Range, Accept-Encoding: ${asked})`;
        const [start, end] = [Math.floor(file.length / 3), Math.floor(file.length / 3) + 99];
        const r = await get(url, { 'accept-encoding': asked, range: `bytes=${start}-${end}`, origin });
        if (r.status !== 206) problems.push(`${where}: status ${r.status}, not 206`);
        else if (r.headers['content-encoding']) problems.push(`${where}: Content-Encoding ${r.headers['content-encoding']}`);
        else if (!r.body.equals(file.subarray(start, end + 1))) problems.push(`${where}: not the bytes ${start}-${end} of the file`);
      }
    }
    // A validator of one encoding must not validate another.
    for (const [a, x] of Object.entries(etags)) {
      for (const [c, y] of Object.entries(etags)) {
        if (a < c && !x.body.equals(y.body) && x.etag === y.etag) problems.push(`${name}: the same ETag ${x.etag} for ${a} and ${c}`);
      }
    }
  }
  return problems;
}

test('a server that ignores Range requests still gets the widget its answers: each pack arrives whole and is sliced, with a warning', async () => {
  await dist(join(ROOT, 'www'), kit, { delivery: 'parts' });
  // serve.mjs with the Range header dropped answers 200 and the whole file, as a server without range support does.
  const server = await serve(root, 0, { before: (req) => { delete req.headers.range; return false; } });
  const base = `http://127.0.0.1:${server.address().port}`;
  const second = await pages(base);
  try {
    const tag = await open(b, `${second.base}/tag.html`);
    const warnings = [];
    tag.page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    const statuses = [];
    tag.page.on('response', (r) => { if (/\/pack-[0-9a-f]{12}\.bin$/.test(r.url())) statuses.push(r.status()); });
    const found = await searchByTag(tag.page);
    assert.equal(found.questions[0], METER);
    assert.ok(statuses.length > 0 && statuses.every((st) => st === 200), `packs answered ${statuses}`);
    assert.ok(warnings.some((w) => /sent all of pack-[0-9a-f]{12}\.bin for a range/.test(w)), warnings.join('\n'));
    assert.deepEqual(tag.problems, []);
    await tag.context.close();
  } finally {
    await second.close();
    await new Promise((ok) => server.close(ok));
  }
});

/** The second origin: a tag page and a module page naming the server's kit. */
async function pages(base) {
  const dir = await mkdtemp(join(work, 'pages-'));
  await writeFile(join(dir, 'tag.html'), `<!doctype html>\n<html lang="de">\n<meta charset="utf-8">\n<title>tag</title>\n`
    + `<script src="${base}/help/help-widget.js" defer data-locale="de"></script>\n</html>\n`);
  await writeFile(join(dir, 'module.html'), `<!doctype html>\n<html lang="de">\n<meta charset="utf-8">\n<title>module</title>\n`
    + `<script type="module">\nimport { init } from '${base}/help/help-widget.mjs';\n`
    + `const widget = await init({ locale: 'de' });\nawait widget.load();\nwindow.widget = widget;\n</script>\n</html>\n`);
  const server = await serve(dir, 0);
  return { base: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((ok) => server.close(ok)) };
}

/** On a tag page: loads the search, searches for the meter reading and
 * returns what the panel lists. */
async function searchByTag(page) {
  await page.waitForFunction(() => window.HelpWidget?.timings?.launcher);
  await page.evaluate(() => HelpWidget.load());
  await page.waitForFunction(() => window.HelpWidget.timings.interactive, null, { timeout: 15000 });
  await page.evaluate(() => HelpWidget.search('Zählerstand'));
  return suggestions(page, 'Zählerstand');
}

async function loadsInChromium(base) {
  const second = await pages(base);
  try {
    const tag = await open(b, `${second.base}/tag.html`);
    const byTag = await searchByTag(tag.page);
    assert.equal(byTag.questions[0], METER, 'the tag finds the meter-reading answer');
    assert.equal(byTag.logo, true, 'the logo is shown, not a broken image');
    assert.deepEqual(tag.problems, []);
    await tag.context.close();

    const mod = await open(b, `${second.base}/module.html`);
    await mod.page.waitForFunction(() => window.widget, null, { timeout: 15000 });
    await mod.page.evaluate(() => window.widget.search('Zählerstand'));
    const byImport = await suggestions(mod.page, 'Zählerstand');
    assert.equal(byImport.questions[0], METER, 'the module import finds the meter-reading answer');
    assert.deepEqual(mod.problems, []);
    await mod.context.close();
  } finally {
    await second.close();
  }
}

/** The servers, each with SERVING.md's block for it. */
const SERVERS = [
  {
    name: 'nginx with libnginx-mod-http-brotli-static',
    encodings: ['br', 'gzip'],
    start: (prefix) => nginx(prefix, root, blocks('nginx')[0].text, { modules: true }),
  },
  {
    name: 'nginx without the brotli module (the gzip-only block)',
    encodings: ['gzip'],
    start: (prefix) => nginx(prefix, root, blocks('nginx')[1].text, { modules: false }),
  },
  {
    name: 'Apache with the .htaccess, allowed by the <Directory> block',
    encodings: ['br', 'gzip'],
    start: async (prefix) => {
      const [htaccess, directory] = blocks('apache');
      await writeFile(join(kit, '.htaccess'), htaccess.text);
      return apache(prefix, root, directory.text);
    },
    stop: () => rm(join(kit, '.htaccess')),
  },
  {
    name: 'Apache with the .htaccess lines inside <Directory>',
    encodings: ['br', 'gzip'],
    start: (prefix) => {
      const [htaccess, directory] = blocks('apache');
      return apache(prefix, root, directory.text.replace(/^\s*AllowOverride FileInfo\n/m, htaccess.text));
    },
  },
  {
    name: "scripts/serve.mjs (the project's own, which docs/site-owners.md says serves a kit the same way)",
    encodings: ['br', 'gzip'],
    start: async () => {
      const server = await serve(root, 0);
      return { base: `http://127.0.0.1:${server.address().port}`, stop: () => new Promise((ok) => server.close(ok)) };
    },
  },
  {
    name: 'Caddy',
    encodings: ['br', 'gzip'],
    start: (prefix) => caddy(prefix, root, blocks('caddyfile')[0].text),
  },
];

/** Each delivery writes other kinds of files (the knowledge in the .wasm,
 * per-locale .hwkb files, part files): every server is tested on each. */
for (const delivery of ['embedded', 'parts']) describe(`the kit in ${delivery} delivery`, () => {
  before(async () => {
    await dist(join(ROOT, 'www'), kit, { delivery });
    files = walk(kit).filter((f) => !/\.(br|gz)$/.test(f));
    if (delivery === 'parts') assert.ok(files.some((f) => /^pack-.*\.bin$/.test(f)), files.join(' '));
  });
  for (const s of SERVERS) {
    describe(s.name, () => {
      let server;
      before(async () => {
        server = await s.start(join(work, `${delivery}-${s.name}`.replace(/[^a-z0-9]+/gi, '-')));
      });
      after(async () => {
        await server?.stop();
        await s.stop?.();
      });

      test('serves every file of the kit with its type, br/gzip/identity bodies byte-identical to the kit, one Vary, caching, ETag/304 and CORS', async () => {
        const problems = await checkKit(server.base, s);
        assert.deepEqual(problems, []);
      });

      test('Chromium on another origin loads the widget by the tag and by an ES-module import and finds the meter-reading answer', async () => {
        await loadsInChromium(server.base);
      });
    });
  }
});
