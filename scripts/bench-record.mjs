// Records a `./dev bench` run in BENCHMARKS.md: the run's output, with its
// date, commit and machine, goes first under "Runs of ./dev bench"; earlier
// runs and the hand-written history stay as they are.
//
//   node scripts/bench-record.mjs BENCHMARKS.md RUN_LOG COMMIT
import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';

export const MARK = '<!-- ./dev bench writes each run below this line, newest first -->';

/** `doc` with `run` (the benchmark's output) recorded as the newest run. */
export function record(doc, run, { date, commit, cores, load }) {
  const at = doc.indexOf(MARK);
  if (at < 0) throw new Error(`BENCHMARKS.md has no line ${MARK}`);
  // Terminal colours and the progress lines' carriage returns are not text.
  const text = run.replace(/\x1b\[[0-9;]*m/g, '').replace(/^.*\r(?!\n)/gm, '').trimEnd();
  const entry = `\n\n### ${date} (${commit}, ${cores} cores, load ${load})\n\n\`\`\`text\n${text}\n\`\`\``;
  const end = at + MARK.length;
  return doc.slice(0, end) + entry + doc.slice(end);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [file, log, commit] = process.argv.slice(2);
  const doc = await readFile(file, 'utf8');
  const run = await readFile(log, 'utf8');
  const date = new Date().toISOString().replace(/:\d\d\.\d+Z$/, ' UTC').replace('T', ' ');
  const load = loadavg().map((l) => l.toFixed(1)).join(' ');
  await writeFile(file, record(doc, run, { date, commit, cores: availableParallelism(), load }));
  console.log(`${file}: recorded the run of ${date}`);
}
