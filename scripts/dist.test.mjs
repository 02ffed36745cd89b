// SERVING.md: every server block that sets the kit's headers also sends the
// sandbox policy an SVG logo needs. (The kit's folder safety is tested in
// src/kit.rs and tests/cli.rs: `help-widget dist` writes it.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

test('every server configuration in SERVING.md sends the sandbox policy an SVG logo needs', async () => {
  const text = await readFile(new URL('./SERVING.md', import.meta.url), 'utf8');
  const blocks = [...text.matchAll(/```(nginx|apache|caddyfile)\n([\s\S]*?)```/g)];
  assert.ok(blocks.length >= 3, 'nginx, Apache and Caddy blocks');
  for (const [, lang, body] of blocks.filter(([, , b]) => /Cache-Control/.test(b))) {
    const lines = body.split('\n').filter((l) => /Content-Security-Policy/.test(l) && !/^\s*#/.test(l));
    assert.ok(lines.length > 0 && lines.every((l) => /sandbox/.test(l) && /script-src 'none'/.test(l)), `${lang}:\n${body}`);
  }
});
