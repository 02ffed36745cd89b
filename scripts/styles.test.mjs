// The launcher stylesheet's two copies of the dark palette (a visitor's
// dark scheme, a page's data-theme="dark") must say the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CSS = join(dirname(fileURLToPath(import.meta.url)), '..', 'www', 'help-widget-launcher.css');

/** The custom properties (`--name: value`) of the first rule whose
 * selector is `selector`, in order; null when there is no such rule. */
export function palette(css, selector) {
  const at = css.indexOf(`${selector} {`);
  if (at < 0) return null;
  const body = css.slice(at + selector.length + 2, css.indexOf('}', at));
  return body.split(';').map((d) => d.trim()).filter((d) => d.startsWith('--')).map((d) => d.replace(/\s*:\s*/, ': '));
}

test('the palette a page forces with data-theme="dark" is the one a visitor\'s dark scheme gets', async () => {
  const css = await readFile(CSS, 'utf8');
  const media = css.indexOf('@media (prefers-color-scheme: dark)');
  assert.ok(media >= 0, 'the stylesheet follows the visitor\'s scheme');
  const scheme = palette(css.slice(media), ':host(:not([data-theme="light"])) .hw');
  const forced = palette(css, ':host([data-theme="dark"]) .hw');
  assert.ok(scheme?.length >= 10 && forced, `both dark palettes found: ${scheme?.length}, ${forced?.length}`);
  assert.deepEqual(forced, scheme);
});

test('a palette that differs in one colour is told apart', () => {
  const css = ':host(a) .hw {\n  --bg: #000;\n  --fg: #fff;\n}\n:host(b) .hw { --bg: #000; --fg: #eee; }';
  assert.notDeepEqual(palette(css, ':host(a) .hw'), palette(css, ':host(b) .hw'));
  assert.deepEqual(palette(css, ':host(a) .hw'), ['--bg: #000', '--fg: #fff']);
});
