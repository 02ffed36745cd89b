// The delivery kit, for tests and scripts: runs the editors' tool
// (`help-widget dist`, which carries the prebuilt engine) on the kb.
// Usage: node scripts/dist.mjs WWW OUT   (./dev dist runs the tool itself)
// WWW is kept for the callers' sake: the engine's files come from the tool.
import { execFileSync } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TARGET = resolve(ROOT, process.env.CARGO_TARGET_DIR ?? 'target');
export const CLI = process.env.HELP_WIDGET_CLI ?? join(TARGET, 'debug', 'help-widget');

/** Writes the kit of `kb` (default: HELP_WIDGET_KB or kb/) into `out`;
 * resolves with [name, raw, gzip, brotli] rows (0 where not compressed). */
export async function dist(_www, out, { kb = process.env.HELP_WIDGET_KB ?? join(ROOT, 'kb'), delivery } = {}) {
  if (!existsSync(CLI)) throw new Error(`dist: ${CLI} is not built (./dev test and ./dev dist build it)`);
  const args = ['dist', kb, '--out', out];
  if (delivery) args.push('--delivery', delivery);
  execFileSync(CLI, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const size = async (p) => (existsSync(p) ? (await stat(p)).size : 0);
  const rows = [];
  for (const name of (await readdir(out)).sort()) {
    if (name.endsWith('.br') || name.endsWith('.gz')) continue;
    const p = join(out, name);
    rows.push([name, await size(p), await size(`${p}.gz`), await size(`${p}.br`)]);
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
