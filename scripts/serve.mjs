// A small static file server for the demo and the end-to-end tests.
// Usage: node scripts/serve.mjs DIR PORT   (listens on 127.0.0.1 only)
// A file DIR/<page>.headers.json, if present, adds response headers to
// <page> (the tests use it to serve a page under a strict CSP).
// Serves as SERVING.md tells site owners to: a precompressed <file>.br or
// <file>.gz beside a file when the browser accepts it (so the demo shows
// real transfer sizes), content-hashed names cached for a year as
// immutable, everything else revalidated (no-cache, ETag), CORS for any origin,
// and one byte range per request (the `parts` delivery's packs).
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.ico': 'image/x-icon',
};

/** `help_widget_bg.3f9a1c0d2b.wasm`, `p-00abcdef0123.bin`: content-hashed names (./dev dist). */
const HASHED = /[.-][0-9a-f]{10,16}\.[a-z0-9]+$/;

// `before(req, res)`, if given, sees each request first and returns true
// when it has answered it (scripts/watch.mjs: its reload events).
export function serve(dir, port = 0, { before } = {}) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    if (before?.(req, res)) return;
    try {
      const url = new URL(req.url, 'http://localhost');
      let path = normalize(join(root, decodeURIComponent(url.pathname)));
      if (!path.startsWith(root)) {
        res.writeHead(403).end();
        return;
      }
      if ((await stat(path).catch(() => null))?.isDirectory()) path = join(path, 'index.html');
      const accepts = String(req.headers['accept-encoding'] ?? '');
      let body = null;
      let encoding = null;
      for (const [name, ext] of [['br', '.br'], ['gzip', '.gz']]) {
        if (body || !new RegExp(`\\b${name}\\b`).test(accepts)) continue;
        body = await readFile(path + ext).catch(() => null);
        if (body) encoding = name;
      }
      body ??= await readFile(path);
      const headers = {
        'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
        'cache-control': HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        vary: 'Accept-Encoding',
        'access-control-allow-origin': '*',
        // One per representation: the encodings differ in bytes.
        etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`,
      };
      if (encoding) headers['content-encoding'] = encoding;
      const extra = await readFile(path + '.headers.json', 'utf8').then(JSON.parse, () => ({}));
      const fresh = String(req.headers['if-none-match'] ?? '').split(/\s*,\s*/).includes(headers.etag);
      headers['accept-ranges'] = 'bytes';
      const range = /^bytes=(\d+)-(\d*)$/.exec(String(req.headers.range ?? ''));
      if (range && !fresh) {
        const start = Number(range[1]);
        const end = Math.min(range[2] ? Number(range[2]) : body.length - 1, body.length - 1);
        if (start > end) {
          res.writeHead(416, { ...headers, 'content-range': `bytes */${body.length}` }).end();
          return;
        }
        headers['content-range'] = `bytes ${start}-${end}/${body.length}`;
        res.writeHead(206, { ...headers, ...extra });
        res.end(body.subarray(start, end + 1));
        return;
      }
      res.writeHead(fresh ? 304 : 200, { ...headers, ...extra });
      res.end(fresh ? undefined : body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir = 'www', port = '8080'] = process.argv.slice(2);
  const server = await serve(dir, Number(port));
  console.log(`serving ${dir} at http://127.0.0.1:${server.address().port}/`);
}
