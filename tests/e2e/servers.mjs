// Debian's nginx, Apache and Caddy, each started as a plain process on a
// free loopback port with its own temporary configuration, serving a web
// root as the configuration blocks of the kit's SERVING.md say. Nothing
// here touches the system's own server instances (which Debian may have
// started on port 80) or their configuration.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { request } from 'node:http';

/** Where SERVING.md puts the web root; the tests substitute their own. */
export const DOC_ROOT = '/var/www/html';

/** The fenced code blocks of a Markdown text, in order: { lang, text, heading }. */
export function codeBlocks(markdown) {
  const blocks = [];
  let heading = '';
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const h = /^#+\s+(.*)$/.exec(lines[i]);
    if (h) heading = h[1];
    const open = /^```(\S*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const body = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]);
    blocks.push({ lang: open[1], text: body.join('\n') + '\n', heading });
  }
  return blocks;
}

/** A port no one listens on now (the kernel's choice). */
export function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** One HTTP request, bodies left encoded: { status, headers, body }. */
export function get(url, headers = {}) {
  return new Promise((ok, fail) => {
    const req = request(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

/** The servers started here and still running: ended when this process
 * ends, however it ends, so no server outlives its test. */
const running = new Set();
process.on('exit', () => { for (const child of running) child.kill('SIGTERM'); }); // nginx's and Apache's masters end their workers
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));

/** Starts `command args` and waits until `url` answers; the returned
 * object's stop() ends exactly that process. */
async function run(name, command, args, url, options = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  running.add(child);
  child.on('exit', () => running.delete(child));
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });
  const stop = () => new Promise((ok) => {
    if (exited) return ok();
    child.on('exit', () => ok());
    child.kill('SIGTERM');
  });
  for (let i = 0; i < 200; i++) {
    if (exited) throw new Error(`${name} exited (${JSON.stringify(exited)}):\n${output}`);
    const answered = await get(url).then(() => true, () => false);
    if (answered) return { stop, output: () => output };
    await new Promise((ok) => setTimeout(ok, 50));
  }
  await stop();
  throw new Error(`${name} did not answer ${url} within 10 s:\n${output}`);
}

const isRoot = () => process.getuid?.() === 0;

/** nginx with Debian's own nginx.conf (its modules, MIME types and gzip
 * settings), the snippet inside a server block; `modules: false` leaves
 * out /etc/nginx/modules-enabled (no brotli module). */
export async function nginx(prefix, root, snippet, { modules = true } = {}) {
  const port = await freePort();
  await mkdir(prefix, { recursive: true });
  let conf = await readFile('/etc/nginx/nginx.conf', 'utf8');
  const swap = (from, to) => {
    if (!from.test(conf)) throw new Error(`/etc/nginx/nginx.conf: no ${from} to replace`);
    conf = conf.replace(from, to);
  };
  swap(/^\s*user\s+[^;]+;/m, '');
  swap(/^\s*pid\s+[^;]+;/m, `pid ${prefix}/nginx.pid;`);
  swap(/^\s*error_log\s+[^;]+;/m, `error_log ${prefix}/error.log;`);
  swap(/^\s*access_log\s+[^;]+;/m, `access_log ${prefix}/access.log;`);
  swap(/^\s*include\s+\/etc\/nginx\/modules-enabled\/\*\.conf;/m, modules ? 'include /etc/nginx/modules-enabled/*.conf;' : '');
  const temps = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${prefix}/${t};`).join('\n');
  swap(/^\s*include\s+\/etc\/nginx\/sites-enabled\/\*;/m,
    `${temps}\nserver {\n listen 127.0.0.1:${port};\n server_name localhost;\n root ${root};\n${snippet.replaceAll(DOC_ROOT, root)}\n}\n`);
  swap(/^\s*include\s+\/etc\/nginx\/conf\.d\/\*\.conf;/m, '');
  await writeFile(join(prefix, 'nginx.conf'), conf);
  const base = `http://127.0.0.1:${port}`;
  const server = await run('nginx', '/usr/sbin/nginx',
    ['-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'error.log'), '-g', 'daemon off;'], `${base}/`);
  return { base, ...server };
}

/** Apache with Debian's enabled modules (mod_deflate among them) plus
 * rewrite and headers (`a2enmod rewrite headers`), Debian's directory
 * defaults (`AllowOverride None`), and `site` in the server's context. */
export async function apache(prefix, root, site) {
  const port = await freePort();
  await mkdir(prefix, { recursive: true });
  const conf = `ServerRoot /etc/apache2
PidFile ${prefix}/apache2.pid
DefaultRuntimeDir ${prefix}
Mutex file:${prefix} default
ErrorLog ${prefix}/error.log
LogLevel warn
Listen 127.0.0.1:${port}
ServerName 127.0.0.1
${isRoot() ? 'User www-data\nGroup www-data' : ''}
IncludeOptional /etc/apache2/mods-enabled/*.load
IncludeOptional /etc/apache2/mods-enabled/*.conf
<IfModule !rewrite_module>
  Include /etc/apache2/mods-available/rewrite.load
</IfModule>
<IfModule !headers_module>
  Include /etc/apache2/mods-available/headers.load
</IfModule>
# As Debian's apache2.conf:
AccessFileName .htaccess
<FilesMatch "^\\.ht">
  Require all denied
</FilesMatch>
<Directory />
  Options FollowSymLinks
  AllowOverride None
  Require all denied
</Directory>
<Directory ${root}/>
  Options Indexes FollowSymLinks
  AllowOverride None
  Require all granted
</Directory>
DocumentRoot ${root}
${site.replaceAll(DOC_ROOT, root)}
`;
  await writeFile(join(prefix, 'apache2.conf'), conf);
  const base = `http://127.0.0.1:${port}`;
  const server = await run('apache2', '/usr/sbin/apache2', ['-f', join(prefix, 'apache2.conf'), '-DFOREGROUND'], `${base}/`);
  return { base, ...server };
}

/** Caddy with the snippet in a plain-HTTP site block; its state in `prefix`. */
export async function caddy(prefix, root, snippet) {
  const port = await freePort();
  await mkdir(prefix, { recursive: true });
  const conf = `{
\tadmin off
\tauto_https off
\tstorage file_system ${prefix}/data
}
http://127.0.0.1:${port} {
${snippet.replaceAll(DOC_ROOT, root)}
}
`;
  await writeFile(join(prefix, 'Caddyfile'), conf);
  const base = `http://127.0.0.1:${port}`;
  const env = { ...process.env, HOME: prefix, XDG_DATA_HOME: join(prefix, 'data'), XDG_CONFIG_HOME: join(prefix, 'config') };
  const server = await run('caddy', '/usr/bin/caddy', ['run', '--config', join(prefix, 'Caddyfile'), '--adapter', 'caddyfile'], `${base}/`, { env });
  return { base, ...server };
}

/** Every file of the folder, recursively (paths relative to it). */
export function walk(dir, prefix = '') {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(dir, join(prefix, e.name)) : [join(prefix, e.name)]);
}

export const installed = (path) => existsSync(path);
