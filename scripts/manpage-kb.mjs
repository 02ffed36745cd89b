// A realistic large knowledge base for the benchmarks: cuts the manual pages
// installed on this machine (Debian's `manpages-de` and `manpages`, gzip'd
// troff) into kb entries, German and English. Their text is never committed;
// the kb is written to a folder of your choosing and rebuilt on demand.
//
// Usage: node scripts/manpage-kb.mjs OUT [--entries N] [--max-answer BYTES]
//   --entries N       entries per language (default 10000): every page first
//                     (question = its NAME line), then the pages' sections
//                     (question = "<page>(<section>): <heading>") round by
//                     round, the first section of every page, then the
//                     second, … until N is reached;
//   --max-answer B    an answer keeps whole paragraphs up to B bytes
//                     (default 8000; the compiler accepts 32 kB).
// Needs: apt-get install manpages-de manpages. Pages are read from
// /usr/share/man/de/man*/ and /usr/share/man/man*/ in name order (links and
// `.so` redirects skipped), so a machine with the same packages gets the
// same kb.
import { gunzipSync } from 'node:zlib';
import { lstatSync, readdirSync, readFileSync, existsSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = { de: '/usr/share/man/de', en: '/usr/share/man' };
// Categories: the manual's sections by name (names that differ, as `check` asks).
const SECTION_NAMES = {
  de: ['Befehle', 'Systemaufrufe', 'Bibliotheksfunktionen', 'Gerätedateien', 'Dateiformate', 'Spiele', 'Verschiedenes', 'Systemverwaltung', 'Kernel-Routinen'],
  en: ['User commands', 'System calls', 'Library functions', 'Special files', 'File formats', 'Games', 'Miscellaneous', 'System administration', 'Kernel routines'],
};
const CATEGORY = { de: (s) => `${SECTION_NAMES.de[s - 1]} (${s})`, en: (s) => `${SECTION_NAMES.en[s - 1]} (${s})` };
const MAX_ANSWER_LIMIT = 30 * 1024; // below the compiler's 32 kB
const MAX_WORD = 64; // the compiler's longest search term
const MAX_QUESTION = 300; // the compiler's longest question, in characters

/** A title line cut at a word to fit a question, with "…" where it was cut. */
function questionOf(text) {
  const chars = [...text];
  if (chars.length <= MAX_QUESTION) return text;
  const head = chars.slice(0, MAX_QUESTION - 1).join('');
  const cut = head.lastIndexOf(' ');
  return `${(cut > MAX_QUESTION / 2 ? head.slice(0, cut) : head).trimEnd()}…`;
}

// Named troff glyphs (\(xx, \[xx], \*(xx) worth keeping; others are dropped.
const GLYPHS = {
  em: '—', en: '–', hy: '-', mi: '-', pl: '+', eq: '=', lq: '“', rq: '”', oq: '‘', cq: '’', aq: "'", dq: '"',
  Fo: '«', Fc: '»', fo: '‹', fc: '›', bu: '•', co: '©', rg: '®', tm: '™', Tm: '™', R: '®', mu: '×', di: '÷',
  de: '°', ha: '^', ti: '~', ga: '`', aa: '´', ul: '_', rs: '\\', bv: '|', ba: '|', sl: '/', '>=': '≥',
  '<=': '≤', '!=': '≠', '->': '→', '<-': '←', '+-': '±', 'a:': 'ä', 'o:': 'ö', 'u:': 'ü', 'A:': 'Ä',
  'O:': 'Ö', 'U:': 'Ü', ss: 'ß', 'e\'': 'é', 'e`': 'è', '.': '.', lB: '[', rB: ']', lC: '{', rC: '}',
  la: '⟨', ra: '⟩', sh: '#', Do: '$', at: '@', ct: '¢', Eu: '€', eu: '€', Po: '£', ps: '¶', sc: '§',
};

// One escape sequence at a time, left to right (groff(7) "Escape sequences").
const ESCAPE = /\\(f(?:\(..|\[[^\]]*\]|.)|s(?:[+-]?\d\d?|[+-]?\(\d\d|\[[^\]]*\])|\*(?:\(..|\[[^\]]*\]|.)|\(..|\[[^\]]*\]|[hvwlLxbDoZXSNRAbCz]'[^']*'|[nFgkmMVY$](?:\(..|\[[^\]]*\]|.)|.)/gs;

function glyph(name) {
  if (name in GLYPHS) return GLYPHS[name];
  const u = /^u([0-9A-Fa-f]{4,6})(?:_|$)/.exec(name);
  if (u) {
    const cp = parseInt(u[1], 16);
    return cp >= 0x20 && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '';
  }
  return '';
}

/** troff text (escapes, no requests) → plain text. */
function plain(s) {
  return s.replace(ESCAPE, (_, e) => {
    const c = e[0];
    if (e.length === 1) {
      if (c === 'e' || c === '\\') return '\\';
      if (c === '-') return '-';
      if (c === ' ' || c === '~' || c === '0' || c === 't') return ' ';
      if ('&,/|^%c:)!{}"#?'.includes(c)) return '';
      return c; // \' \` \. and the like: the character itself
    }
    if (c === '(') return glyph(e.slice(1));
    if (c === '[') return glyph(e.slice(1, -1));
    if (c === '*') {
      const name = e[1] === '(' ? e.slice(2) : e[1] === '[' ? e.slice(2, -1) : e[1];
      return glyph(name);
    }
    return ''; // fonts, sizes, motions, registers, widths
  });
}

/** Plain text → Markdown that renders as that text: ASCII punctuation that
 * Markdown acts on is backslash-escaped; nothing is turned into HTML. */
function markdown(text) {
  return text
    .split('\n')
    .map((line) => line.trim()
      .replace(/[\\`*_[\]<>#|~&!]/g, (c) => `\\${c}`)
      .replace(/^([-+=])/, '\\$1')
      .replace(/^(\d+)([.)])(\s|$)/, '$1\\$2$3'))
    .filter((line) => line !== '')
    .join('\n');
}

/** Drops words longer than the compiler allows (pasted keys, hashes). */
function shortWords(s) {
  return s.replace(/[\p{L}\p{N}\p{M}]+/gu, (w) => ([...w].length > MAX_WORD ? '' : w));
}

/** Request arguments, with troff's double quotes. */
function args(rest) {
  const out = [];
  const re = /"((?:[^"]|"")*)"?|(\S+)/g;
  let m;
  while ((m = re.exec(rest))) out.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]);
  return out;
}

const ALTERNATING = new Set(['BI', 'BR', 'IB', 'IR', 'RB', 'RI']);
const FONT = new Set(['B', 'I', 'SM', 'SB', 'CW']);
const BREAK = new Set(['PP', 'LP', 'P', 'IP', 'TP', 'TQ', 'HP', 'sp', 'br', 'Pp', 'Lp', 'It', 'Bl', 'El', 'Bd', 'Ed', 'nf', 'fi', 'RS', 'RE', 'in', 'EX', 'EE', 'SY', 'YS', 'UR', 'MT']);
// mdoc macros whose words are text; the macro names themselves are dropped.
const MDOC_CALLABLE = /^(Ad|Ai|An|Aq|Ar|At|Bq|Brq|Bsx|Bx|Cd|Cm|Dl|Dq|Dv|Em|Er|Ev|Fa|Fd|Fl|Fn|Ft|Fx|Ic|Li|Lk|Ms|Mt|Nm|No|Ns|Nx|Op|Ot|Ox|Pa|Pf|Pq|Ql|Qq|Qo|Qc|Sq|St|Sx|Sy|Ta|Tn|Ux|Va|Vt|Xr|Ec|Eo|Oo|Oc|Po|Pc|Bo|Bc|Do|Dc|So|Sc|Ao|Ac|Xo|Xc|Fo|Fc|Ex|Rv|In|Lb|D1)$/;

/** One page: { name, section, title (its NAME line), sections: [{ heading, paras }] }. */
export function parsePage(src) {
  const page = { name: '', section: '', title: '', sections: [] };
  let current = null;
  let para = [];
  let skipUntil = null; // '..' after .de/.ig, '\\}' after a conditional block
  let table = 0; // 0 outside .TS, 1 in its options/format, 2 in its rows
  const flush = () => {
    const text = para.join('\n').replace(/[ \t]+/g, ' ').trim();
    if (text && current) current.paras.push(text);
    para = [];
  };
  const heading = (h, level) => {
    flush();
    current = { heading: h.replace(/\s+/g, ' ').trim(), level, paras: [] };
    page.sections.push(current);
  };
  const text = (s) => {
    const t = plain(s).replace(/\p{Cc}/gu, (c) => (c === '\n' ? c : ' '));
    if (t.trim()) para.push(t);
  };
  const lines = src.replace(/\r/g, '').replace(/\\\n/g, '').split('\n');
  for (let raw of lines) {
    if (skipUntil) {
      if (skipUntil === '..' ? /^\.\.\s*$/.test(raw) : raw.includes('\\}')) skipUntil = null;
      continue;
    }
    // Comments: whole lines, and from an unescaped \" to the end of a line.
    if (/^[.']\s*\\"/.test(raw) || /^\\"/.test(raw)) continue;
    raw = raw.replace(/(^|[^\\])((?:\\\\)*)\\".*$/, '$1$2').replace(/\\#.*$/, '');
    if (table) {
      if (/^\.TE\b/.test(raw)) { table = 0; flush(); continue; }
      if (table === 1) { if (/\.\s*$/.test(raw)) table = 2; continue; }
      if (/^[.']/.test(raw) || /^[_=]\s*$/.test(raw)) continue;
      text(raw.replace(/T[{}]/g, '').replace(/\t/g, ' – '));
      continue;
    }
    const m = /^[.']\s*(\S+)\s*(.*)$/.exec(raw);
    if (!m) {
      text(raw);
      continue;
    }
    const [, req, rest] = m;
    if (req === 'de' || req === 'de1' || req === 'am' || req === 'ig') { skipUntil = '..'; continue; }
    if (req === 'if' || req === 'ie' || req === 'el' || req === 'while') {
      if (rest.includes('\\{') && !rest.includes('\\}')) skipUntil = '\\}';
      continue;
    }
    if (req === 'TS') { flush(); table = 1; continue; }
    if (req === 'TH' || req === 'Dt') {
      const a = args(rest);
      page.name ||= plain(a[0] ?? '').toLowerCase();
      page.section ||= plain(a[1] ?? '').toLowerCase();
      continue;
    }
    if (req === 'SH' || req === 'Sh' || req === 'SS' || req === 'Ss') {
      heading(plain(args(rest).join(' ')), req === 'SH' || req === 'Sh' ? 1 : 2);
      continue;
    }
    if (req === 'Nd') { text(`- ${rest}`); continue; }
    if (ALTERNATING.has(req)) { text(args(rest).join('')); continue; }
    if (FONT.has(req)) { text(args(rest).join(' ')); continue; }
    if (req === 'IP' || req === 'TP' || req === 'It' || req === 'HP') {
      flush();
      const tag = args(rest).filter((w) => !MDOC_CALLABLE.test(w) && !/^-?\d+[nmi]?$/.test(w) && w !== '-tag' && w !== '-width');
      if (req === 'IP' && tag.length) { text(tag[0]); flush(); }
      if (req === 'It' && tag.length) { text(tag.join(' ')); flush(); }
      continue;
    }
    if (BREAK.has(req)) {
      flush();
      continue;
    }
    if (/^[A-Z][a-z]{1,2}$/.test(req) && MDOC_CALLABLE.test(req)) {
      // mdoc: .Fl a Ar file → "-a file"; macro names inside are dropped.
      const words = args(`${req} ${rest}`);
      const out = [];
      for (let i = 0; i < words.length; i++) {
        const w = words[i];
        if (w === 'Fl') out.push(`-${words[++i] ?? ''}`);
        else if (w === 'Xr' && words[i + 2]) { out.push(`${words[i + 1]}(${words[i + 2]})`); i += 2; }
        else if (!MDOC_CALLABLE.test(w)) out.push(w);
      }
      text(out.join(' '));
      continue;
    }
    // Every other request (registers, strings, spacing, hyphenation, …) is dropped.
  }
  flush();
  const nameSection = page.sections.find((s) => /^(NAME|BEZEICHNUNG|NAMEN?)$/i.test(s.heading));
  page.title = (nameSection?.paras.join(' ') ?? '').replace(/\s+/g, ' ').trim();
  page.sections = page.sections.filter((s) => s !== nameSection && s.paras.length);
  return page;
}

/** A section's paragraphs in pieces of at most `max` bytes of Markdown:
 * a long section gives several entries, "<heading> (2)", … */
function pieces(paras, max) {
  const out = [[]];
  let size = 0;
  for (const p of paras) {
    const bytes = Buffer.byteLength(markdown(shortWords(p))) + 2;
    if (size + bytes > max && out.at(-1).length) {
      out.push([]);
      size = 0;
    }
    out.at(-1).push(p);
    size += bytes;
  }
  return out;
}

/** Whole paragraphs up to `max` bytes (at least the first, cut at a word). */
function answer(paras, max) {
  const kept = [];
  let size = 0;
  for (const p of paras) {
    const md = markdown(shortWords(p));
    if (!md) continue;
    const bytes = Buffer.byteLength(md) + 2;
    if (size + bytes > max) {
      if (!kept.length) {
        let cut = md.slice(0, max);
        while (Buffer.byteLength(cut) > max) cut = cut.slice(0, -64);
        kept.push(cut.replace(/\s+\S*$/, '').replace(/\\$/, ''));
      }
      break;
    }
    kept.push(md);
    size += bytes;
  }
  return kept.join('\n\n');
}

function slugify(s) {
  return s.toLowerCase()
    .replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '') || 'x';
}

function toml(s) {
  return JSON.stringify(s.replace(/\p{Cc}/gu, ' ').replace(/\s+/g, ' ').trim());
}

/** The installed pages of one locale, in name order. */
function pageFiles(root) {
  if (!existsSync(root)) return [];
  const files = [];
  for (const dir of readdirSync(root).filter((d) => /^man[1-9]$/.test(d)).sort()) {
    for (const f of readdirSync(join(root, dir)).sort()) {
      const p = join(root, dir, f);
      if (f.endsWith('.gz') && lstatSync(p).isFile()) files.push({ path: p, dir: dir.slice(3) });
    }
  }
  return files;
}

function readPages(locale) {
  const pages = [];
  for (const { path, dir } of pageFiles(SOURCES[locale])) {
    let src;
    try {
      src = gunzipSync(readFileSync(path)).toString('utf8');
    } catch {
      continue;
    }
    if (/^\.so\s/m.test(src.slice(0, 2000)) && src.split('\n').filter((l) => l.trim() && !/^[.']\s*\\"/.test(l)).length <= 2) continue;
    const page = parsePage(src);
    if (!page.name) page.name = path.split('/').pop().replace(/\.gz$/, '').replace(/\.[^.]*$/, '');
    if (!page.section) page.section = dir;
    page.dir = dir;
    if (page.sections.length) pages.push(page);
  }
  return pages;
}

/** Entries of one locale: pages first, then section rounds, up to `n`. */
export function entries(pages, n, max, locale) {
  const out = [];
  const used = new Set();
  const slug = (s) => {
    let base = slugify(s);
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}-${i}`;
    used.add(name);
    return name;
  };
  // Fewer entries than pages: pages spread evenly over all sections of the manual.
  const step = pages.length > n ? pages.length / n : 1;
  for (let i = 0; out.length < n && Math.floor(i) < pages.length; i += step) {
    const p = pages[Math.floor(i)];
    const body = answer(p.sections.flatMap((s) => [s.heading, ...s.paras]), max);
    const question = p.title || `${p.name}(${p.section})`;
    if (body) out.push({ slug: slug(`${p.name}-${p.section}`), question: questionOf(`${p.name}(${p.section}): ${question.replace(/^\S+\s+-\s+/, '')}`), category: CATEGORY[locale](p.dir), body });
  }
  // Each page's sections, then the continuations of its long ones.
  const parts = pages.map((p) => {
    const split = p.sections.map((s) => pieces(s.paras, max).map((paras, i) => ({
      heading: i ? `${s.heading} (${i + 1})` : s.heading, paras,
    })));
    return [...split.map((list) => list[0]), ...split.flatMap((list) => list.slice(1))];
  });
  for (let round = 0; out.length < n; round++) {
    let any = false;
    for (const [k, p] of pages.entries()) {
      if (out.length >= n) break;
      const s = parts[k][round];
      if (!s) continue;
      any = true;
      const body = answer(s.paras, max);
      if (!body || !s.heading) continue;
      out.push({ slug: slug(`${p.name}-${p.section}-${s.heading}`), question: questionOf(`${p.name}(${p.section}): ${s.heading}`), category: CATEGORY[locale](p.dir), body });
    }
    if (!any) break;
  }
  return out;
}

function main() {
  const argv = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const out = argv.find((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
  const n = opt('entries', 10000);
  const max = Math.min(opt('max-answer', 8000), MAX_ANSWER_LIMIT);
  if (!out || !(n > 0) || !(max > 200)) {
    console.error('usage: node scripts/manpage-kb.mjs OUT [--entries N] [--max-answer BYTES]');
    process.exit(2);
  }
  if (existsSync(out) && readdirSync(out).length && !existsSync(join(out, 'site.toml'))) {
    console.error(`${out} is not empty and is no kb: choose an empty or new folder`);
    process.exit(2);
  }
  rmSync(join(out, 'de'), { recursive: true, force: true });
  rmSync(join(out, 'en'), { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'site.toml'), [
    '# Written by scripts/manpage-kb.mjs from the installed manual pages (not for committing).',
    'name = "Handbuchseiten"',
    'locales = ["de", "en"]',
    'default_locale = "de"',
    '',
  ].join('\n'));
  for (const locale of ['de', 'en']) {
    const pages = readPages(locale);
    if (!pages.length) {
      console.error(`no manual pages under ${SOURCES[locale]}: apt-get install ${locale === 'de' ? 'manpages-de' : 'manpages'}`);
      process.exit(1);
    }
    const list = entries(pages, n, max, locale);
    mkdirSync(join(out, locale), { recursive: true });
    let bytes = 0;
    for (const e of list) {
      const text = `+++\nquestion = ${toml(e.question)}\ncategory = ${toml(e.category)}\n+++\n${e.body}\n`;
      bytes += Buffer.byteLength(text);
      writeFileSync(join(out, locale, `${e.slug}.md`), text);
    }
    const note = list.length < n ? ` (all the ${pages.length} pages and their sections hold no more)` : '';
    console.log(`${locale}: ${list.length} entries from ${pages.length} pages, ${(bytes / 1e6).toFixed(1)} MB${note}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
