// scripts/dist.mjs writes only into an empty folder or its own earlier kit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dist, MANIFEST } from './dist.mjs';

async function tree(dir, prefix = '') {
  const out = {};
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) Object.assign(out, await tree(path, `${prefix}${e.name}/`));
    else out[`${prefix}${e.name}`] = await readFile(path, 'utf8');
  }
  return out;
}

test('DIST naming a web root is refused and nothing in it changes', async () => {
  const root = await mkdtemp(join(tmpdir(), 'hw-dist-'));
  await mkdir(join(root, '.git'));
  await writeFile(join(root, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  await writeFile(join(root, 'index.html'), '<h1>Stadtwerke</h1>');
  await writeFile(join(root, 'sitemap.xml'), '<urlset/>');
  const before = await tree(root);
  await assert.rejects(dist(join(root, 'no-www'), root), /is not empty \(\.git, index\.html, sitemap\.xml\) and holds no kit written by dist/);
  assert.deepEqual(await tree(root), before);
});

test('an earlier kit\'s list naming a file outside the folder is refused', async () => {
  const root = await mkdtemp(join(tmpdir(), 'hw-dist-'));
  await mkdir(join(root, 'kit'));
  await writeFile(join(root, 'precious.txt'), 'keep');
  await writeFile(join(root, 'kit', MANIFEST), '# list\n../precious.txt\n');
  await assert.rejects(dist(join(root, 'no-www'), join(root, 'kit')), /which is not a file of the kit/);
  assert.equal(await readFile(join(root, 'precious.txt'), 'utf8'), 'keep');
});

test('every server configuration in SERVING.md sends the sandbox policy an SVG logo needs', async () => {
  const text = await readFile(new URL('./SERVING.md', import.meta.url), 'utf8');
  const blocks = [...text.matchAll(/```(nginx|apache|caddyfile)\n([\s\S]*?)```/g)];
  assert.ok(blocks.length >= 3, 'nginx, Apache and Caddy blocks');
  for (const [, lang, body] of blocks) {
    const lines = body.split('\n').filter((l) => /Content-Security-Policy/.test(l) && !/^\s*#/.test(l));
    assert.ok(lines.length > 0 && lines.every((l) => /sandbox/.test(l) && /script-src 'none'/.test(l)), `${lang}:\n${body}`);
  }
});
