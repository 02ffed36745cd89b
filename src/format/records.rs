//! Typed sections: each one's writer and reader side by side, so the layout
//! in the module diagram has exactly one implementation.

use super::{FormatError, Reader, Writer, FIELDS, FIELD_ALIASES, FIELD_ANSWER, FIELD_QUESTION};
use std::borrow::Cow;

/// META: what the bundle is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta<'a> {
    pub site_name: &'a str,
    pub locales: Vec<&'a str>,
    /// Index into `locales`.
    pub default_locale: u16,
    pub phone: &'a str,
    pub email: &'a str,
    pub contact_url: &'a str,
    /// Seconds since the epoch: `SOURCE_DATE_EPOCH`, else the newest kb file.
    pub built_at: u64,
    /// CRC-32 over every kb input file.
    pub content_hash: u32,
    pub doc_count: u32,
}

impl<'a> Meta<'a> {
    /// Number of the locale `tag` (exact, then by language), else the
    /// default. The loader picks a visitor's data file by the same rule
    /// (`localeFor` in www/help-widget.mjs).
    pub fn locale_no(&self, tag: &str) -> u16 {
        let tag = tag.trim();
        let primary = crate::analysis::primary_subtag(tag);
        self.locales
            .iter()
            .position(|l| l.eq_ignore_ascii_case(tag))
            .or_else(|| {
                self.locales.iter().position(|l| {
                    // Up to the first '-' (a kb's tags are written with '-').
                    l[..crate::utf8::find_byte(l, b'-').unwrap_or(l.len())]
                        .eq_ignore_ascii_case(primary)
                })
            })
            .map_or(self.default_locale, |i| i as u16)
    }

    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer::new();
        w.str(self.site_name);
        w.varint(self.locales.len() as u64);
        for l in &self.locales {
            w.str(l);
        }
        w.u16(self.default_locale);
        w.str(self.phone);
        w.str(self.email);
        w.str(self.contact_url);
        w.u64(self.built_at);
        w.u32(self.content_hash);
        w.u32(self.doc_count);
        w.buf
    }

    pub fn decode(bytes: &'a [u8]) -> Result<Self, FormatError> {
        let mut r = Reader::new(bytes);
        let site_name = r.str("site name")?;
        let n = r.count(u16::MAX as usize, "locale count")?;
        let locales = r.list(n, |r| r.str("locale"))?;
        let default_locale = r.u16("default locale")?;
        if usize::from(default_locale) >= locales.len() {
            return Err(FormatError::corrupt("default locale", r.pos()));
        }
        Ok(Self {
            site_name,
            locales,
            default_locale,
            phone: r.str("phone")?,
            email: r.str("email")?,
            contact_url: r.str("contact url")?,
            built_at: r.u64("built at")?,
            content_hash: r.u32("content hash")?,
            doc_count: r.u32("doc count")?,
        })
    }
}

/// One entry of DOCS.
///
/// ```text
/// record: locale u16 | category | id: folder | varint g − k |
///         name after its first k bytes | varint count |
///         count × varint related global doc number
/// ```
///
/// (its question is in DOCS' other stream, its answer in ANSWERS).
/// An id is a folder ("de/", repeated from record to record) and a name
/// that is often its question's slug, or starts like it ("gzip-1" for
/// "gzip(1): …"): the name's first `k` bytes are those of [`id_guess`] of
/// the question (`g` bytes long) and are not stored. Generated kbs have
/// such ids; at 10,000 man-page entries they were a quarter of DOCS
/// brotli. `g − k` is 0 for most of them, where `k` varied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocRecord<'a> {
    pub id: Cow<'a, str>,
    pub locale: u16,
    pub category: &'a str,
    pub question: Cow<'a, str>,
    /// Global doc numbers of related entries.
    pub related: Vec<u32>,
}

/// The id a question would have as a slug: ASCII letters and digits in
/// lower case, German letters spelt out, anything else one hyphen, none
/// at either end ("Zähler & Stand?" → "zaehler-stand"). Only a guess that
/// saves bytes: it never decides what an id is, and it needs no Unicode
/// tables in the Wasm (other letters end the shared prefix).
pub fn id_guess(question: &str) -> String {
    let mut out = String::with_capacity(question.len());
    for c in question.chars() {
        let spelt = match c {
            'a'..='z' | '0'..='9' => {
                out.push(c);
                continue;
            }
            'A'..='Z' => {
                out.push(c.to_ascii_lowercase());
                continue;
            }
            'ä' | 'Ä' => "ae",
            'ö' | 'Ö' => "oe",
            'ü' | 'Ü' => "ue",
            'ß' => "ss",
            _ if out.is_empty() || out.ends_with('-') => continue,
            _ => "-",
        };
        out.push_str(spelt);
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The bytes that `id` and `guess` share at their start.
fn shared_prefix(id: &str, guess: &str) -> usize {
    id.bytes()
        .zip(guess.bytes())
        .take_while(|(a, b)| a == b)
        .count()
}

impl<'a> DocRecord<'a> {
    /// Writes the record's own fields; its question goes to DOCS' other
    /// stream (see [`Docs`]).
    fn encode(&self, w: &mut Writer) {
        w.u16(self.locale);
        w.str(self.category);
        let (folder, name) = self.id.split_at(self.id.rfind('/').map_or(0, |i| i + 1));
        let guess = id_guess(&self.question);
        // The guess is ASCII, so a shared prefix ends on a char boundary.
        let k = shared_prefix(name, &guess);
        w.str(folder);
        // What the name leaves of the guess: 0 for a generated kb, whose
        // names are their questions' slugs, where k itself varies.
        w.varint((guess.len() - k) as u64);
        w.str(&name[k..]);
        w.varint(self.related.len() as u64);
        for &r in &self.related {
            w.varint(u64::from(r));
        }
    }

    /// Reads the record of `question`.
    fn decode(r: &mut Reader<'a>, question: Cow<'a, str>) -> Result<Self, FormatError> {
        let locale = r.u16("doc locale")?;
        let category = r.str("doc category")?;
        let folder = r.str("doc id folder")?;
        let at = r.pos();
        let left = r.varint("doc id prefix")?;
        let rest = r.str("doc id")?;
        let guess = id_guess(&question);
        let head = usize::try_from(left)
            .ok()
            .and_then(|left| guess.len().checked_sub(left))
            .and_then(|k| guess.get(..k))
            .ok_or(FormatError::corrupt("doc id prefix", at))?;
        let id = if head.is_empty() && folder.is_empty() {
            Cow::Borrowed(rest)
        } else {
            Cow::Owned(crate::utf8::concat(&[folder, head, rest]))
        };
        Ok(Self {
            id,
            locale,
            category,
            question,
            related: {
                let n = r.count(u16::MAX as usize, "related count")?;
                r.list(n, |r| {
                    r.count(u32::MAX as usize, "related doc").map(|v| v as u32)
                })?
            },
        })
    }

    /// Steps over a record.
    fn skip(r: &mut Reader<'a>) -> Result<(), FormatError> {
        r.u16("doc locale")?;
        r.bytes("doc category")?;
        r.bytes("doc id folder")?;
        r.varint("doc id prefix")?;
        r.bytes("doc id")?;
        for _ in 0..r.count(u16::MAX as usize, "related count")? {
            r.varint("related doc")?;
        }
        Ok(())
    }
}

/// A question as DOCS stores it: on one line, because a line break ends
/// it there. Control characters become spaces; words stay the same words.
pub fn one_line(question: &str) -> Cow<'_, str> {
    if question.chars().any(char::is_control) {
        Cow::Owned(
            question
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(question)
    }
}

/// Docs per block of DOCS: a record is found by its block's offsets and
/// at most 15 records stepped over. Offsets per doc, numbers that
/// compress badly, were a fifth of a large kb's core file (man pages,
/// 10,000 entries: DOCS 206 → 152 kB brotli without them). Blocks of 64
/// cost the native keystroke p50 about 10 % in record seeks; 16 do not.
pub const DOC_BLOCK: usize = 16;

/// DOCS: two streams in doc order, each compressing best among its own
/// kind (man pages, 10,000 entries: 105 → 82 kB brotli against records
/// that held the questions and the answers' lengths, which are now with
/// the answers, see [`super::answers`]):
/// - the records (locale, category, id, related);
/// - the questions, each ended by a line break, which a question never
///   holds ([`one_line`]), and front coded: a byte that says how many
///   bytes it shares with the question before it in its block ([`shared`]),
///   then the rest (man pages, 10,000 entries: 59.6 → 46.0 kB brotli;
///   "gzip(1): OPTIONEN" follows "gzip(1): BESCHREIBUNG").
///
/// Per block of [`DOC_BLOCK`] docs, where its first record and its first
/// question start: two columns in byte planes.
#[derive(Debug, Clone, Copy)]
pub struct Docs<'a> {
    len: usize,
    /// The block table.
    table: &'a [u8],
    records: &'a [u8],
    questions: &'a [u8],
}

/// Bytes of the block table per block: two u32 columns.
const BLOCK_ROW: usize = 8;

impl<'a> Docs<'a> {
    /// Panics if a question holds a line break (see [`one_line`]).
    pub fn encode(records: &[DocRecord<'_>]) -> Vec<u8> {
        let n = records.len();
        let mut body = Writer::new();
        let mut questions = Vec::new();
        // The block table's two columns.
        let mut table: [Vec<u32>; 2] = Default::default();
        for (i, rec) in records.iter().enumerate() {
            assert!(
                !rec.question.contains('\n'),
                "doc {i}'s question holds a line break"
            );
            if i % DOC_BLOCK == 0 {
                table[0].push(body.len() as u32);
                table[1].push(questions.len() as u32);
            }
            rec.encode(&mut body);
            let before = (i % DOC_BLOCK != 0).then(|| records[i - 1].question.as_ref());
            let k = shared(before.unwrap_or(""), &rec.question);
            questions.push(k as u8);
            questions.extend_from_slice(&rec.question.as_bytes()[k..]);
            questions.push(b'\n');
        }
        let mut w = Writer::new();
        w.u32(n as u32);
        for column in &table {
            write_planes(&mut w.buf, column);
        }
        w.u32(body.len() as u32);
        w.buf.extend_from_slice(&body.buf);
        w.buf.extend_from_slice(&questions);
        w.buf
    }

    /// Checks only that the streams' bounds fit: O(1).
    pub fn open(bytes: &'a [u8]) -> Result<Self, FormatError> {
        let len = Reader::new(bytes).u32("doc count")? as usize;
        let table_end = len
            .div_ceil(DOC_BLOCK)
            .checked_mul(BLOCK_ROW)
            .and_then(|t| t.checked_add(4))
            .filter(|&end| end <= bytes.len())
            .ok_or(FormatError::corrupt("doc block table", 0))?;
        let mut r = Reader::at(bytes, table_end);
        let records_len = r.u32("doc records length")? as usize;
        let records_start = r.pos();
        let records_end = records_start
            .checked_add(records_len)
            .filter(|&end| end <= bytes.len())
            .ok_or(FormatError::corrupt("doc records length", table_end))?;
        Ok(Self {
            len,
            table: &bytes[4..table_end],
            records: &bytes[records_start..records_end],
            questions: &bytes[records_end..],
        })
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The record of global doc number `n`.
    pub fn get(&self, n: usize) -> Result<DocRecord<'a>, FormatError> {
        let block = self.block(n)?;
        let mut r = Reader::at(self.records, block.record);
        for _ in block.first..n {
            DocRecord::skip(&mut r)?;
        }
        let question = self.question_from(block.question, n - block.first)?;
        DocRecord::decode(&mut r, question)
    }

    /// Only the question of global doc number `n`: what ranking reads.
    pub fn question(&self, n: usize) -> Result<Cow<'a, str>, FormatError> {
        let block = self.block(n)?;
        self.question_from(block.question, n - block.first)
    }

    /// Every record in doc order, read one after the other (a list of
    /// all entries costs one pass, not a seek each). Stops at the first
    /// corrupt record.
    pub fn iter(&self) -> impl Iterator<Item = DocRecord<'a>> + 'a {
        let docs = *self;
        let mut at: Option<(Reader<'a>, usize)> = None;
        let mut before = String::new();
        (0..docs.len).map_while(move |n| {
            if n % DOC_BLOCK == 0 {
                let b = docs.block(n).ok()?;
                at = Some((Reader::at(docs.records, b.record), b.question));
                before.clear();
            }
            let (r, question_at) = at.as_mut()?;
            let line = docs.line(*question_at).ok()?;
            *question_at += line.len() + 1;
            let question = unshare(&before, line).ok()?;
            before.clear();
            before.push_str(&question);
            DocRecord::decode(r, question).ok()
        })
    }

    /// The block of doc `n`: its first doc and where its streams start.
    fn block(&self, n: usize) -> Result<Block, FormatError> {
        if n >= self.len {
            return Err(FormatError::NoSuchDoc { doc: n });
        }
        let blocks = self.len.div_ceil(DOC_BLOCK);
        let at =
            |column: usize| plane_u32(&self.table[column * 4 * blocks..], blocks, n / DOC_BLOCK);
        Ok(Block {
            first: n - n % DOC_BLOCK,
            record: at(0) as usize,
            question: at(1) as usize,
        })
    }

    /// The line of the questions stream at byte `at`, without its line
    /// break (an error if it has none).
    fn line(&self, at: usize) -> Result<&'a [u8], FormatError> {
        let rest = self.questions.get(at..).unwrap_or_default();
        line_end(rest)
            .map(|end| &rest[..end])
            .ok_or(FormatError::corrupt("doc question", at))
    }

    /// The `skip`-th question of the block whose questions start at byte
    /// `at`, each read from the one before it.
    fn question_from(&self, at: usize, skip: usize) -> Result<Cow<'a, str>, FormatError> {
        if skip >= DOC_BLOCK {
            return Err(FormatError::corrupt("doc question", at));
        }
        // The lines up to it, found once: the block's, at most DOC_BLOCK.
        let mut lens = [0usize; DOC_BLOCK];
        let mut target = at;
        for len in lens.iter_mut().take(skip) {
            *len = self.line(target)?.len();
            target += *len + 1;
        }
        let line = self.line(target)?;
        let corrupt = |_| FormatError::corrupt("doc question", target);
        // A question that shares nothing reads as it is.
        if line.first() == Some(&0) {
            return unshare("", line).map_err(corrupt);
        }
        // Else the questions before it, each kept as far as the next shares
        // it, in one buffer of bytes, checked as text once, whole.
        let mut before = Vec::new();
        let mut next = at;
        for &len in &lens[..skip] {
            let line = &self.questions[next..next + len];
            take_line(&mut before, line).map_err(corrupt)?;
            next += len + 1;
        }
        take_line(&mut before, line).map_err(corrupt)?;
        String::from_utf8(before)
            .map(Cow::Owned)
            .map_err(|_| corrupt(()))
    }
}

/// Reads a question's line (the shared count, then the rest) into
/// `before`, the question before it.
fn take_line(before: &mut Vec<u8>, line: &[u8]) -> Result<(), ()> {
    let (&k, rest) = line.split_first().ok_or(())?;
    if usize::from(k) > before.len() {
        return Err(());
    }
    before.truncate(usize::from(k));
    before.extend_from_slice(rest);
    Ok(())
}

/// Where the first line break in `bytes` is. Eight bytes at a time: a
/// search reads about 20 questions per keystroke, each from its block's
/// start, and a byte at a time this was a tenth of a keystroke's time at
/// 10,000 entries (callgrind).
fn line_end(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGHS: u64 = ONES << 7;
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for word in words.by_ref() {
        let mut w = [0; 8];
        w.copy_from_slice(word);
        // Zero where a byte is a line break; the lowest high bit set marks
        // the first zero byte (those above it may be false).
        let x = u64::from_le_bytes(w) ^ (ONES * u64::from(b'\n'));
        let zero = x.wrapping_sub(ONES) & !x & HIGHS;
        if zero != 0 {
            return Some(at + (zero.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let rest = words.remainder();
    rest.iter().position(|&b| b == b'\n').map(|i| at + i)
}

/// How many leading bytes of `question` a reader takes from `before`:
/// their shared prefix, cut back to a character boundary, at most 255 and
/// never 10, so the count is never read as a line break.
fn shared(before: &str, question: &str) -> usize {
    let mut k = before
        .bytes()
        .zip(question.bytes())
        .take_while(|(a, b)| a == b)
        .count()
        .min(255);
    if k == usize::from(b'\n') {
        k -= 1;
    }
    while !question.is_char_boundary(k) {
        k -= 1;
    }
    k
}

/// A question from its line (the shared count, then the rest) and the
/// question before it; borrowed where it shares nothing.
fn unshare<'a>(before: &str, line: &'a [u8]) -> Result<Cow<'a, str>, ()> {
    match split_line(before, line)? {
        ("", rest) => Ok(Cow::Borrowed(rest)),
        (head, rest) => Ok(Cow::Owned(crate::utf8::concat(&[head, rest]))),
    }
}

/// A question's line read against the question before it: the part of
/// `before` it shares, and its own rest.
fn split_line<'b, 'a>(before: &'b str, line: &'a [u8]) -> Result<(&'b str, &'a str), ()> {
    let (&k, rest) = line.split_first().ok_or(())?;
    let head = before.get(..usize::from(k)).ok_or(())?;
    Ok((head, std::str::from_utf8(rest).map_err(|_| ())?))
}

/// Appends `values` as byte planes: every value's low byte, then every
/// second byte, and so on. Numbers of one kind compress far better so
/// than one after the other (their high bytes are runs): DOCS' block
/// table of 10,000 man-page entries, 5.2 → 3.7 kB brotli.
pub(super) fn write_planes(out: &mut Vec<u8>, values: &[u32]) {
    for plane in 0..4 {
        out.extend(values.iter().map(|v| (v >> (8 * plane)) as u8));
    }
}

/// Value `i` of `n` u32s written by [`write_planes`] at the start of
/// `planes` (which holds at least 4 × `n` bytes, as `open` checked).
pub(super) fn plane_u32(planes: &[u8], n: usize, i: usize) -> u32 {
    (0..4).fold(0, |v, p| v | u32::from(planes[p * n + i]) << (8 * p))
}

/// A row of DOCS' block table.
struct Block {
    first: usize,
    record: usize,
    question: usize,
}

/// One doc of LOCALE, as the compiler writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocaleDoc {
    pub global: u32,
    /// Token count per field.
    pub lens: [u16; FIELDS],
    /// The summed idf of the question's content words and of its stop
    /// words, in units of 1/[`QUESTION_IDF_SCALE`]: how much of the
    /// question a query covers weighs its words by rarity.
    pub question_idf: [u16; 2],
}

impl LocaleDoc {
    /// What its postings carry of it.
    pub fn norms(&self) -> Norms {
        Norms {
            lens: self.lens.map(|l| norm_code(l, false)),
            question_idf: self.question_idf.map(|q| norm_code(q, true)),
        }
    }
}

/// A doc's length norms as one-byte codes ([`norm_code`]): lengths to the
/// nearest code, idf sums rounded down, so a query that asks the whole
/// question still covers all of it (man pages, 10,000 entries: answer
/// quality on the shared sets within ±0.004 MRR of exact values). Ranking
/// reads a doc's norms only where a query word matched it: a field's
/// length where the word is in it, the question's idf sums where it is in
/// the question. So they live in LOCALE's columns or, where POSTINGS
/// travels in parts, in each posting, those of its fields ([`NormsAt`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Norms {
    /// Per field, the code of its token count; 0 in a posting for the
    /// fields it is not in.
    pub lens: [u8; FIELDS],
    /// The codes of [`LocaleDoc::question_idf`]; 0 in a posting not in
    /// the question.
    pub question_idf: [u8; 2],
}

/// The question's idf sums, content words and stop words, from their codes
/// ([`Norms::question_idf`]).
pub fn question_idf_sums(codes: [u8; 2]) -> [f32; 2] {
    codes.map(|c| f32::from(norm_value(c)) / QUESTION_IDF_SCALE)
}

/// Norm bytes a posting with field mask `mask` (0–7) carries: one per
/// field, two more in the question.
const NORM_BYTES: [u8; 8] = {
    assert!(FIELD_QUESTION == 0 && FIELD_ALIASES == 1 && FIELD_ANSWER == 2 && FIELDS == 3);
    let mut n = [0u8; 8];
    let mut mask = 0;
    while mask < 8 {
        n[mask] = (mask as u8).count_ones() as u8
            + if mask & 1 << FIELD_QUESTION != 0 {
                2
            } else {
                0
            };
        mask += 1;
    }
    n
};

/// Where a locale's entries' [`Norms`] are. A whole bundle travels at
/// once, so LOCALE's columns (a byte per entry and figure) cost the
/// fewest bytes; where POSTINGS travels in parts, a first search would
/// download every entry's columns with the core (100,000 entries: 157 kB
/// brotli), so each posting carries its entry's instead (a first search
/// then downloads 112 kB less; in the sample kb's whole bundle postings
/// carrying them made 8 kB more than the columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NormsAt {
    Columns = 0,
    Postings = 1,
}

/// Codes below this are the value itself: short fields' lengths exact.
const NORM_EXACT: u16 = 64;

/// The one-byte code of a LOCALE value: exact below [`NORM_EXACT`],
/// above it a float of 4 mantissa bits (steps of 3–6 %, up to 253,952),
/// as search engines store their length norms: BM25 weighs a length
/// through a ratio to the average, where a few percent change little.
/// `floor`: the largest code not above `v`, else the nearest.
pub fn norm_code(v: u16, floor: bool) -> u8 {
    if v < NORM_EXACT {
        return v as u8;
    }
    // The largest code whose value is at most v.
    let mut code = (NORM_EXACT..=255)
        .map(|c| c as u8)
        .take_while(|&c| norm_value(c) <= v)
        .last()
        .unwrap_or(NORM_EXACT as u8);
    if !floor && code < 255 && norm_value(code + 1) - v < v - norm_value(code) {
        code += 1;
    }
    code
}

/// The value of a [`norm_code`] (saturating at `u16::MAX`).
pub fn norm_value(code: u8) -> u16 {
    let code = u32::from(code);
    if code < u32::from(NORM_EXACT) {
        return code as u16;
    }
    let k = code - u32::from(NORM_EXACT);
    let v = (16 + (k % 16)) << (k / 16 + 2);
    v.min(u32::from(u16::MAX)) as u16
}

/// Fixed-point scale of [`LocaleDoc::question_idf`] (up to 512, some
/// fifty rare words).
pub const QUESTION_IDF_SCALE: f32 = 128.0;

/// LOCALE: the docs of one locale, their global numbers and average field
/// lengths, for BM25, and each doc's [`Norms`] where they are not in its
/// postings ([`NormsAt`]).
#[derive(Debug, Clone, Copy)]
pub struct LocaleDocs<'a> {
    bytes: &'a [u8],
    len: usize,
    /// Runs of consecutive global doc numbers.
    runs: usize,
    avg: [f32; FIELDS],
    norms_at: NormsAt,
    /// Where the columns start ([`NormsAt::Columns`]).
    columns: usize,
}

impl<'a> LocaleDocs<'a> {
    /// `docs` in locale-local order, their norms at `norms_at`.
    pub fn encode(docs: &[LocaleDoc], norms_at: NormsAt) -> Vec<u8> {
        let mut w = Writer::new();
        w.u32(docs.len() as u32);
        // A locale's docs are mostly one run of global numbers (all of
        // them in a bundle of one locale): a number per doc was 4 bytes
        // that compressed to 1.
        let runs: Vec<(u32, u32)> = docs
            .iter()
            .enumerate()
            .filter(|&(i, d)| i == 0 || docs[i - 1].global.checked_add(1) != Some(d.global))
            .map(|(i, d)| (i as u32, d.global))
            .collect();
        w.u32(runs.len() as u32);
        for (local, global) in runs {
            w.u32(local);
            w.u32(global);
        }
        for f in 0..FIELDS {
            w.u64(docs.iter().map(|d| u64::from(d.lens[f])).sum());
        }
        w.u8(norms_at as u8);
        if norms_at == NormsAt::Columns {
            // Column by column: like values compress best side by side.
            let norms: Vec<Norms> = docs.iter().map(LocaleDoc::norms).collect();
            for f in 0..FIELDS {
                w.buf.extend(norms.iter().map(|n| n.lens[f]));
            }
            for q in 0..2 {
                w.buf.extend(norms.iter().map(|n| n.question_idf[q]));
            }
        }
        w.buf
    }

    pub fn open(bytes: &'a [u8]) -> Result<Self, FormatError> {
        let mut r = Reader::new(bytes);
        let len = r.u32("locale doc count")? as usize;
        let runs = r.u32("global runs")? as usize;
        if runs > len || (runs == 0 && len > 0) {
            return Err(FormatError::corrupt("global runs", 4));
        }
        let sums_at = runs
            .checked_mul(8)
            .and_then(|x| x.checked_add(8))
            .ok_or(FormatError::corrupt("global runs", 4))?;
        let mut r = Reader::at(bytes, sums_at);
        let mut avg = [0f32; FIELDS];
        for a in &mut avg {
            let sum = r.u64("field length sum")?;
            *a = if len == 0 {
                1.0
            } else {
                (sum as f32 / len as f32).max(1.0)
            };
        }
        let norms_at = match r.u8("norms at")? {
            0 => NormsAt::Columns,
            1 => NormsAt::Postings,
            _ => return Err(FormatError::corrupt("norms at", r.pos() - 1)),
        };
        let columns = r.pos();
        if norms_at == NormsAt::Columns {
            let end = len
                .checked_mul(FIELDS + 2)
                .and_then(|x| x.checked_add(columns));
            if end.is_none_or(|end| end > bytes.len()) {
                return Err(FormatError::corrupt("locale norm columns", columns));
            }
        }
        Ok(Self {
            bytes,
            len,
            runs,
            avg,
            norms_at,
            columns,
        })
    }

    /// Where this locale's norms are.
    pub fn norms_at(&self) -> NormsAt {
        self.norms_at
    }

    /// The norms of locale-local doc `i` from the columns (all 0 past the
    /// end, or where the postings carry them).
    #[inline(always)]
    pub fn norms(&self, i: usize) -> Norms {
        if self.norms_at != NormsAt::Columns || i >= self.len {
            return Norms::default();
        }
        let at = |c: usize| {
            self.bytes
                .get(self.columns + c * self.len + i)
                .copied()
                .unwrap_or(0)
        };
        Norms {
            lens: [at(0), at(1), at(2)],
            question_idf: [at(3), at(4)],
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Average token count of each field over this locale's docs (at least 1).
    pub fn avg_field_len(&self) -> [f32; FIELDS] {
        self.avg
    }

    /// Global doc number of locale-local doc `i` (`u32::MAX` past the end
    /// or in a corrupt run table: no such doc).
    pub fn global(&self, i: usize) -> u32 {
        let run = |k: usize| {
            let local = Reader::u32_at(self.bytes, 8, 2 * k, "run start").ok()? as usize;
            let global = Reader::u32_at(self.bytes, 8, 2 * k + 1, "run global").ok()?;
            Some((local, global))
        };
        if i >= self.len {
            return u32::MAX;
        }
        // The last run that starts at or before `i`.
        let (mut lo, mut hi) = (0, self.runs);
        while hi - lo > 1 {
            let mid = (lo + hi) / 2;
            match run(mid) {
                Some((local, _)) if local <= i => lo = mid,
                Some(_) => hi = mid,
                None => return u32::MAX,
            }
        }
        run(lo)
            .filter(|&(local, _)| local <= i)
            .and_then(|(local, global)| global.checked_add((i - local) as u32))
            .unwrap_or(u32::MAX)
    }
}

/// Starts every phrase key of TERMS; no word contains it.
pub const PHRASE_MARK: char = ' ';

/// The TERMS key of a phrase: [`PHRASE_MARK`], then its folded words
/// without anything between them, so "Strom weg", "strom-weg" and
/// "Stromweg" are one key. Case, punctuation and word breaks are what
/// visitors leave out when they type a phrase they know.
pub fn phrase_key(text: &str, lang: crate::analysis::Lang) -> String {
    let mut key = String::from(PHRASE_MARK);
    crate::analysis::scan_words(text, lang, |_, _, word| {
        key.push_str(word);
        true
    });
    key
}

/// One posting: a locale-local doc, the term's frequency in each field,
/// and the doc's [`Norms`] for the fields the term is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub doc: u32,
    pub tf: [u32; FIELDS],
    pub norms: Norms,
}

/// POSTINGS of one term: appends to `w` and returns the offset to store in
/// TERMS. With norms at [`NormsAt::Postings`], of each posting's norms
/// those of its fields are kept; else none.
///
/// Streams of like values side by side (they compress better where the
/// server gzips the Wasm, or the kit gzips a part): all header bytes; the
/// doc deltas, each with its rare extra term frequencies (after their
/// length where norms follow); the norms.
pub fn encode_postings(w: &mut Writer, postings: &[Posting], norms_at: NormsAt) -> u64 {
    let at = w.len() as u64;
    w.varint(postings.len() as u64);
    let mut rest = Writer::new();
    let mut norms = Vec::new();
    let mut prev = 0;
    for p in postings {
        rest.varint(u64::from(p.doc - prev));
        prev = p.doc;
        let mask =
            p.tf.iter()
                .enumerate()
                .fold(0u8, |m, (f, &tf)| if tf > 0 { m | 1 << f } else { m });
        let mut set = p.tf.iter().copied().filter(|&tf| tf > 0);
        let first = set.next().unwrap_or(0);
        // Most postings are one field with a small count: one byte.
        w.u8(mask | (first.min(TF_INLINE_MAX) as u8) << 3);
        if first >= TF_INLINE_MAX {
            rest.varint(u64::from(first - TF_INLINE_MAX));
        }
        for tf in set {
            rest.varint(u64::from(tf));
        }
        if norms_at == NormsAt::Postings {
            let set = (0..FIELDS).filter(|f| mask & 1 << f != 0);
            norms.extend(set.map(|f| p.norms.lens[f]));
            if mask & 1 << FIELD_QUESTION != 0 {
                norms.extend(p.norms.question_idf);
            }
        }
    }
    if norms_at == NormsAt::Postings {
        w.varint(rest.len() as u64);
        w.buf.extend_from_slice(&rest.buf);
        w.buf.extend_from_slice(&norms);
    } else {
        w.buf.extend_from_slice(&rest.buf);
    }
    at
}

/// Largest term frequency stored inside a posting's header byte; from it on,
/// the rest follows as a varint.
const TF_INLINE_MAX: u32 = 31;

/// Term frequency varints after the doc delta of a posting with header
/// byte `header`: one per field after the first, and one for a first past
/// [`TF_INLINE_MAX`]. A table, as a stepped-over posting looks up nothing
/// else.
const TF_VARINTS: [u8; 256] = {
    let mut n = [0u8; 256];
    let mut header = 0;
    while header < 256 {
        let fields = (header as u8 & 0b111).count_ones() as u8;
        let long_first = fields > 0 && (header >> 3) as u32 >= TF_INLINE_MAX;
        n[header] = fields.saturating_sub(1) + long_first as u8;
        header += 1;
    }
    n
};

/// The high bits of `k` one-byte varints in a little-endian u32, by `k`
/// (at most 3: [`TF_VARINTS`]).
const ONE_BYTE_VARINTS: [u32; 4] = [0, 0x80, 0x8080, 0x80_8080];

/// Walks one postings list without allocating; stops at the first
/// malformed value and keeps the error. This is the innermost loop of a
/// query, so it reads the slice directly instead of through [`Reader`].
#[derive(Debug, Clone)]
pub struct PostingIter<'a> {
    bytes: &'a [u8],
    /// Next header byte; next doc delta; next norm.
    header_at: usize,
    doc_at: usize,
    norm_at: usize,
    /// The postings carry norms ([`NormsAt::Postings`]).
    norms: bool,
    left: usize,
    doc: u32,
    first: bool,
    max_doc: u32,
    pub error: Option<FormatError>,
}

/// A LEB128 varint of at most 32 bits at `*at`, advancing `*at`.
#[inline]
fn varint32(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let mut v = 0u32;
    for shift in [0, 7, 14, 21, 28] {
        let b = *bytes.get(*at)?;
        *at += 1;
        v |= u32::from(b & 0x7f).checked_shl(shift)?;
        if b & 0x80 == 0 {
            return (shift < 28 || b < 0x10).then_some(v);
        }
    }
    None
}

impl<'a> PostingIter<'a> {
    pub fn new(
        bytes: &'a [u8],
        offset: u64,
        max_doc: u32,
        norms_at: NormsAt,
    ) -> Result<Self, FormatError> {
        let offset = usize::try_from(offset).unwrap_or(usize::MAX);
        if offset >= bytes.len() {
            return Err(FormatError::corrupt("postings offset", offset));
        }
        let mut r = Reader::at(bytes, offset);
        let left = r.count(max_doc as usize, "posting count")?;
        let header_at = r.pos();
        let headers_end = header_at
            .checked_add(left)
            .filter(|&end| end <= bytes.len())
            .ok_or(FormatError::corrupt("posting headers", header_at))?;
        let norms = norms_at == NormsAt::Postings;
        let (doc_at, norm_at) = if norms {
            let mut r = Reader::at(bytes, headers_end);
            let rest = r.count(bytes.len(), "posting doc bytes")?;
            let doc_at = r.pos();
            let norm_at = doc_at
                .checked_add(rest)
                .filter(|&end| end <= bytes.len())
                .ok_or(FormatError::corrupt("posting docs", doc_at))?;
            (doc_at, norm_at)
        } else {
            (headers_end, bytes.len())
        };
        Ok(Self {
            bytes,
            header_at,
            doc_at,
            norm_at,
            norms,
            left,
            doc: 0,
            first: true,
            max_doc,
            error: None,
        })
    }

    /// Postings not yet read (the document frequency, before the first read).
    pub fn remaining(&self) -> usize {
        self.left
    }

    /// The next doc number, from its delta.
    #[inline(always)]
    fn read_doc(&mut self) -> Option<u32> {
        let delta = Self::read_delta(self.bytes, &mut self.doc_at)?;
        let doc = Self::next_doc(self.doc, delta, u32::from(!self.first), self.max_doc)?;
        self.doc = doc;
        self.first = false;
        Some(doc)
    }

    /// The doc `delta` after `doc`, if the delta is at least `least` (0 for
    /// the first posting, after it 1: docs increase) and the doc lies below
    /// `max_doc`. Added wide, so one comparison catches an overflow too.
    #[inline(always)]
    fn next_doc(doc: u32, delta: u32, least: u32, max_doc: u32) -> Option<u32> {
        let next = u64::from(doc) + u64::from(delta);
        (delta >= least && next < u64::from(max_doc)).then_some(next as u32)
    }

    /// A doc delta at `*at`, advancing `*at`.
    #[inline(always)]
    fn read_delta(bytes: &[u8], at: &mut usize) -> Option<u32> {
        // Most doc deltas are one byte, and most others two (varint32 is
        // a call in the size-optimised build: 100,000 entries, 600 million
        // instructions).
        let b = *bytes.get(*at)?;
        if b < 0x80 {
            *at += 1;
            return Some(u32::from(b));
        }
        Some(match bytes.get(*at + 1) {
            Some(&c) if c < 0x80 => {
                *at += 2;
                u32::from(b & 0x7f) | u32::from(c) << 7
            }
            _ => varint32(bytes, at)?,
        })
    }

    #[inline(always)]
    fn read_header(&mut self) -> Option<u8> {
        let header = *self.bytes.get(self.header_at)?;
        self.header_at += 1;
        Some(header)
    }

    /// The term frequencies of the posting whose header is `header`.
    #[inline(always)]
    fn read_tf(bytes: &[u8], at: &mut usize, header: u8) -> Option<[u32; FIELDS]> {
        let mask = header & 0b111;
        let inline = u32::from(header >> 3);
        let mut tf = [0u32; FIELDS];
        // Most postings are one field with a count in the header.
        if mask.is_power_of_two() && inline < TF_INLINE_MAX {
            tf[mask.trailing_zeros() as usize] = inline;
            return Some(tf);
        }
        let mut first_field = true;
        for (f, t) in tf.iter_mut().enumerate() {
            if mask & (1 << f) == 0 {
                continue;
            }
            *t = if !first_field {
                varint32(bytes, at)?
            } else if inline < TF_INLINE_MAX {
                inline
            } else {
                inline.checked_add(varint32(bytes, at)?)?
            };
            first_field = false;
        }
        Some(tf)
    }

    /// The norms of the posting whose header is `header`.
    #[inline(always)]
    fn read_norms(bytes: &[u8], at: &mut usize, header: u8) -> Option<Norms> {
        let mask = header & 0b111;
        // Most postings: the answer or the aliases only, one byte.
        if mask == 1 << FIELD_ANSWER || mask == 1 << FIELD_ALIASES {
            let code = *bytes.get(*at)?;
            *at += 1;
            let mut lens = [0u8; FIELDS];
            lens[usize::from(mask >> 1)] = code;
            return Some(Norms {
                lens,
                question_idf: [0; 2],
            });
        }
        let n = usize::from(NORM_BYTES[usize::from(mask)]);
        let bytes = bytes.get(*at..*at + n)?;
        *at += n;
        // Spelt out for three fields, the question first (a loop or a
        // closure was a call in the size-optimised build): `bytes` holds
        // one per set field, then two for the question.
        let mut lens = [0u8; FIELDS];
        let mut at = 0;
        if mask & 1 != 0 {
            lens[0] = *bytes.first()?;
            at = 1;
        }
        if mask & 2 != 0 {
            lens[1] = *bytes.get(at)?;
            at += 1;
        }
        if mask & 4 != 0 {
            lens[2] = *bytes.get(at)?;
            at += 1;
        }
        let question_idf = if mask & 1 != 0 {
            [*bytes.get(at)?, *bytes.get(at + 1)?]
        } else {
            [0; 2]
        };
        Some(Norms { lens, question_idf })
    }

    /// Steps over the term frequencies [`read_tf`](Self::read_tf) would
    /// read, checking the varints alike.
    #[inline(always)]
    fn skip_tf(bytes: &[u8], at: &mut usize, header: u8) -> Option<()> {
        let k = TF_VARINTS[usize::from(header)];
        // Most postings: one field, its count in the header, nothing after;
        // most others: one-byte varints, stepped over at once, without a
        // branch on how many.
        if let Some(&[a, b, c, d]) = bytes.get(*at..*at + 4) {
            let high = u32::from_le_bytes([a, b, c, d]) & ONE_BYTE_VARINTS[usize::from(k)];
            if high == 0 {
                *at += usize::from(k);
                return Some(());
            }
        }
        for _ in 0..k {
            varint32(bytes, at)?;
        }
        Some(())
    }

    /// What follows a kept posting's doc: its term frequencies (at
    /// `*doc_at`) and, where the postings carry `norms`, its norms (at
    /// `*norm_at`).
    #[inline(always)]
    fn read_rest(
        bytes: &[u8],
        doc_at: &mut usize,
        norm_at: &mut usize,
        norms: bool,
        header: u8,
    ) -> Option<([u32; FIELDS], Norms)> {
        let tf = Self::read_tf(bytes, doc_at, header)?;
        let norms = if norms {
            Self::read_norms(bytes, norm_at, header)?
        } else {
            Norms::default()
        };
        Some((tf, norms))
    }

    /// Steps over what [`read_rest`](Self::read_rest) would read, checked
    /// as a read would be, so a cut list fails here too.
    #[inline(always)]
    fn skip_rest(
        bytes: &[u8],
        doc_at: &mut usize,
        norm_at: &mut usize,
        norms: bool,
        header: u8,
    ) -> Option<()> {
        Self::skip_tf(bytes, doc_at, header)?;
        if norms {
            *norm_at += usize::from(NORM_BYTES[usize::from(header & 0b111)]);
            if *norm_at > bytes.len() {
                return None;
            }
        }
        Some(())
    }

    /// The next posting whose doc `keep` accepts: the others are stepped
    /// over without reading their term frequencies; the same postings
    /// [`next`](Iterator::next) and a filter would give, and the same error
    /// on a damaged list. A query walks its lists with
    /// [`for_each_kept`](Self::for_each_kept), which gives the same.
    #[inline(always)]
    pub fn next_kept(&mut self, keep: impl Fn(u32) -> bool) -> Option<Posting> {
        while self.left > 0 && self.error.is_none() {
            self.left -= 1;
            let at = self.doc_at;
            let step = (|| {
                let doc = self.read_doc()?;
                let header = self.read_header()?;
                let (bytes, norms) = (self.bytes, self.norms);
                if keep(doc) {
                    let (tf, norms) =
                        Self::read_rest(bytes, &mut self.doc_at, &mut self.norm_at, norms, header)?;
                    Some(Some(Posting { doc, tf, norms }))
                } else {
                    Self::skip_rest(bytes, &mut self.doc_at, &mut self.norm_at, norms, header)?;
                    Some(None)
                }
            })();
            match step {
                Some(Some(p)) => return Some(p),
                Some(None) => {}
                None => self.error = Some(FormatError::corrupt("posting", at)),
            }
        }
        None
    }
}

impl PostingIter<'_> {
    /// Calls `f` with each posting whose doc `keep` accepts, as
    /// [`next_kept`](Self::next_kept) would give them, and ends with the
    /// same error on a damaged list; both get `state`, which `f` may
    /// change and `keep` reads. The walk of a query's long lists: its
    /// state stays in registers, a posting is not wrapped in options, and
    /// the headers are one slice (100,000 synthetic entries: a slow
    /// keystroke walks 100,000 postings, most of them stepped over).
    #[inline(always)]
    pub fn for_each_kept<S>(
        self,
        state: &mut S,
        keep: impl Fn(&S, u32) -> bool,
        mut f: impl FnMut(&mut S, Posting),
    ) -> Result<(), FormatError> {
        let (bytes, max_doc, norms) = (self.bytes, self.max_doc, self.norms);
        // Checked by `new`: the headers lie inside the slice.
        let headers = bytes
            .get(self.header_at..self.header_at + self.left)
            .unwrap_or_default();
        let (mut doc, mut doc_at, mut norm_at) = (self.doc, self.doc_at, self.norm_at);
        // The first delta may be 0, every later one is at least 1.
        let mut least = u32::from(!self.first);
        for &header in headers {
            let at = doc_at;
            let Some(delta) = Self::read_delta(bytes, &mut doc_at) else {
                return Err(FormatError::corrupt("posting", at));
            };
            let Some(next) = Self::next_doc(doc, delta, least, max_doc) else {
                return Err(FormatError::corrupt("posting", at));
            };
            doc = next;
            least = 1;
            let step = if keep(state, doc) {
                Self::read_rest(bytes, &mut doc_at, &mut norm_at, norms, header)
                    .map(|(tf, norms)| f(state, Posting { doc, tf, norms }))
            } else {
                Self::skip_rest(bytes, &mut doc_at, &mut norm_at, norms, header)
            };
            if step.is_none() {
                return Err(FormatError::corrupt("posting", at));
            }
        }
        Ok(())
    }
}

impl Iterator for PostingIter<'_> {
    type Item = Posting;

    #[inline(always)]
    fn next(&mut self) -> Option<Posting> {
        // One walk: every posting kept.
        self.next_kept(|_| true)
    }
}

/// SYNONYMS of one locale: groups of analysed phrases (terms joined by spaces).
pub fn encode_synonyms(groups: &[Vec<String>]) -> Vec<u8> {
    let mut w = Writer::new();
    w.varint(groups.len() as u64);
    for g in groups {
        w.varint(g.len() as u64);
        for phrase in g {
            w.str(phrase);
        }
    }
    w.buf
}

pub fn decode_synonyms(bytes: &[u8]) -> Result<Vec<Vec<&str>>, FormatError> {
    let mut r = Reader::new(bytes);
    let n = r.count(bytes.len(), "synonym groups")?;
    r.list(n, |r| {
        let k = r.count(bytes.len(), "synonym group")?;
        r.list(k, |r| r.str("synonym"))
    })
}

/// HOME of one locale: what the editors put on the empty state. Absent
/// when site.toml says nothing for the locale (the widget then lists the
/// first entry of each category).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Home<'a> {
    /// One plain-text line above the questions; "" for none.
    pub greeting: &'a str,
    /// Global doc numbers of the featured entries, in the editors' order.
    pub featured: Vec<u32>,
    /// The search box's placeholder; "" for the widget's own.
    pub placeholder: &'a str,
}

impl<'a> Home<'a> {
    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer::new();
        w.str(self.greeting);
        w.varint(self.featured.len() as u64);
        for &doc in &self.featured {
            w.varint(u64::from(doc));
        }
        w.str(self.placeholder);
        w.buf
    }

    pub fn decode(bytes: &'a [u8]) -> Result<Self, FormatError> {
        let mut r = Reader::new(bytes);
        let greeting = r.str("greeting")?;
        let n = r.count(bytes.len(), "featured count")?;
        let featured = r.list(n, |r| {
            let at = r.pos();
            u32::try_from(r.varint("featured doc")?)
                .map_err(|_| FormatError::corrupt("featured doc", at))
        })?;
        let placeholder = r.str("placeholder")?;
        Ok(Self {
            greeting,
            featured,
            placeholder,
        })
    }
}

/// PERSON of one locale: the kb's "I want a person" phrases, as written
/// (the widget analyses them). Absent when site.toml's `[person]` does not
/// name the locale; present and empty turns the detection off for it.
pub fn encode_person(phrases: &[&str]) -> Vec<u8> {
    let mut w = Writer::new();
    w.varint(phrases.len() as u64);
    for p in phrases {
        w.str(p);
    }
    w.buf
}

pub fn decode_person(bytes: &[u8]) -> Result<Vec<&str>, FormatError> {
    let mut r = Reader::new(bytes);
    let n = r.count(bytes.len(), "person phrase count")?;
    r.list(n, |r| r.str("person phrase"))
}

/// One entry of NOTICES.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeRecord<'a> {
    pub locale: u16,
    pub from_ms: i64,
    pub until_ms: i64,
    pub title: &'a str,
    pub html: &'a str,
    pub text: &'a str,
}

impl NoticeRecord<'_> {
    /// Whether the notice is for `locale` and valid at `now_ms`.
    pub fn is_active(&self, locale: u16, now_ms: i64) -> bool {
        self.locale == locale && self.from_ms <= now_ms && now_ms < self.until_ms
    }
}

pub fn encode_notices(notices: &[NoticeRecord<'_>]) -> Vec<u8> {
    let mut w = Writer::new();
    w.varint(notices.len() as u64);
    for n in notices {
        w.u16(n.locale);
        w.i64(n.from_ms);
        w.i64(n.until_ms);
        w.str(n.title);
        w.str(n.html);
        w.str(n.text);
    }
    w.buf
}

pub fn decode_notices(bytes: &[u8]) -> Result<Vec<NoticeRecord<'_>>, FormatError> {
    let mut r = Reader::new(bytes);
    let n = r.count(bytes.len(), "notice count")?;
    r.list(n, |r| {
        Ok(NoticeRecord {
            locale: r.u16("notice locale")?,
            from_ms: r.i64("notice from")?,
            until_ms: r.i64("notice until")?,
            title: r.str("notice title")?,
            html: r.str("notice html")?,
            text: r.str("notice text")?,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole postings list at `offset`, or the first error.
    fn decode_postings(
        bytes: &[u8],
        offset: u64,
        max_doc: u32,
    ) -> Result<Vec<Posting>, FormatError> {
        let mut it = PostingIter::new(bytes, offset, max_doc, NormsAt::Postings)?;
        let out: Vec<Posting> = it.by_ref().collect();
        match it.error {
            Some(e) => Err(e),
            None => Ok(out),
        }
    }

    #[test]
    fn an_id_that_starts_like_its_questions_slug_stores_only_the_rest_and_reads_back_whole() {
        assert_eq!(
            id_guess("gzip(1): Dateien komprimieren"),
            "gzip-1-dateien-komprimieren"
        );
        assert_eq!(id_guess("  Zähler & Straße? "), "zaehler-strasse");
        assert_eq!(id_guess("Café"), "caf", "other letters end the guess");
        let rec = |id: &'static str, question: &'static str| DocRecord {
            id: id.into(),
            locale: 0,
            category: "",
            question: question.into(),
            related: vec![],
        };
        let records = [
            rec("gzip-1", "gzip(1): Dateien komprimieren"),
            rec("de/gzip-1-beschreibung", "gzip(1): Beschreibung"),
            rec("a/b/zaehler-melden", "Zähler melden"),
            rec("zählerstand", "Zählerstand?"),
            rec("tarife", "Welche Tarife gibt es?"),
            rec("", "Ohne Kennung"),
        ];
        let docs = Docs::encode(&records);
        let open = Docs::open(&docs).unwrap();
        for (n, want) in records.iter().enumerate() {
            assert_eq!(&open.get(n).unwrap(), want);
        }
        assert_eq!(open.iter().collect::<Vec<_>>(), records);
        let mut coded = Writer::new();
        records[0].encode(&mut coded);
        assert!(
            !coded.buf.windows(6).any(|w| w == b"gzip-1"),
            "the id is not stored whole"
        );
    }

    #[test]
    fn an_id_that_leaves_more_of_its_questions_slug_than_there_is_is_an_error() {
        let mut w = Writer::new();
        w.u16(0);
        w.str("");
        w.str("");
        w.varint(3);
        w.str("");
        w.varint(0);
        assert!(DocRecord::decode(&mut Reader::new(&w.buf), "ab".into()).is_err());
    }

    #[test]
    fn doc_records_round_trip_by_number() {
        let recs = vec![
            DocRecord {
                id: "de/a".into(),
                locale: 0,
                category: "c",
                question: "Frage?".into(),
                related: vec![1],
            },
            DocRecord {
                id: "en/b".into(),
                locale: 1,
                category: "",
                question: "Q?".into(),
                related: vec![],
            },
        ];
        let bytes = Docs::encode(&recs);
        let docs = Docs::open(&bytes).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs.get(1).unwrap(), recs[1]);
        assert_eq!(docs.get(0).unwrap(), recs[0]);
        assert!(docs.get(2).is_err());
        assert_eq!(docs.iter().collect::<Vec<_>>(), recs);
    }

    #[test]
    fn records_in_later_blocks_read_back_by_number_and_in_order() {
        let ids: Vec<String> = (0..3 * DOC_BLOCK + 5).map(|n| format!("e{n}")).collect();
        let mut at = 0;
        let recs: Vec<DocRecord> = ids
            .iter()
            .enumerate()
            .map(|(n, id)| {
                let len = (n % 7 * 100) as u32;
                at += len;
                DocRecord {
                    id: id.into(),
                    locale: (n % 2) as u16,
                    category: if n % 3 == 0 { "eins" } else { "" },
                    question: id.into(),
                    related: (0..n as u32 % 4).collect(),
                }
            })
            .collect();
        let bytes = Docs::encode(&recs);
        let docs = Docs::open(&bytes).unwrap();
        for n in [
            0,
            1,
            DOC_BLOCK - 1,
            DOC_BLOCK,
            DOC_BLOCK + 1,
            3 * DOC_BLOCK + 4,
        ] {
            assert_eq!(docs.get(n).unwrap(), recs[n], "doc {n}");
            assert_eq!(docs.question(n).unwrap(), recs[n].question);
        }
        assert_eq!(docs.iter().collect::<Vec<_>>(), recs);
        assert!(matches!(
            docs.get(recs.len()),
            Err(FormatError::NoSuchDoc { doc }) if doc == recs.len()
        ));
    }

    #[test]
    fn a_doc_table_cut_short_or_a_block_offset_past_the_end_is_an_error() {
        let recs: Vec<DocRecord> = (0..DOC_BLOCK + 1)
            .map(|_| DocRecord {
                id: "x".into(),
                locale: 0,
                category: "",
                question: "q".into(),
                related: vec![],
            })
            .collect();
        let bytes = Docs::encode(&recs);
        assert!(
            Docs::open(&bytes[..4 + BLOCK_ROW]).is_err(),
            "two blocks need two table rows"
        );
        let mut bad = bytes.clone();
        // The second block's record offset, far past the records: one
        // byte in each of its column's four planes of two blocks.
        for plane in 0..4 {
            bad[4 + plane * 2 + 1] = 0xff;
        }
        let docs = Docs::open(&bad).unwrap();
        assert!(docs.get(DOC_BLOCK).is_err());
        assert!(docs.get(0).is_ok());
        assert_eq!(
            docs.iter().count(),
            DOC_BLOCK,
            "the walk stops at the damage"
        );
    }

    #[test]
    fn questions_that_share_their_start_read_back_whole_by_number_and_in_order() {
        let long = "x".repeat(300);
        let mut questions: Vec<String> = vec![
            "gzip(1): Beschreibung".into(),
            "gzip(1): Optionen".into(),
            "gzip(1): Optionen".into(),
            "0123456789a".into(),
            "0123456789b".into(), // shares exactly 10 bytes: never a line break
            "Zähler".into(),
            "Zählerstand".into(),
            "Zäune".into(),
            "Zöhler".into(), // shares "Z" and the first byte of "ä": cut to a character
            format!("{long}a"),
            format!("{long}b"), // shares more than 255 bytes
            String::new(),
            "gzip(1): Autor".into(),
        ];
        // Past a block's start, where a question shares nothing by design.
        questions.extend((0..DOC_BLOCK + 3).map(|i| format!("gzip(1): Abschnitt {i}")));
        let recs: Vec<DocRecord> = questions
            .iter()
            .enumerate()
            .map(|(i, q)| DocRecord {
                id: format!("e{i}").into(),
                locale: 0,
                category: "",
                question: q.as_str().into(),
                related: vec![],
            })
            .collect();
        let bytes = Docs::encode(&recs);
        let docs = Docs::open(&bytes).unwrap();
        for (n, q) in questions.iter().enumerate() {
            assert_eq!(docs.question(n).unwrap(), q.as_str(), "doc {n}");
            assert_eq!(docs.get(n).unwrap().question, q.as_str(), "doc {n}");
        }
        let read: Vec<String> = docs.iter().map(|r| r.question.into_owned()).collect();
        assert_eq!(read, questions);
        assert_eq!(shared("0123456789a", "0123456789b"), 9);
        assert_eq!(shared("Zähler", "Zäune"), 3);
        assert_eq!(shared("Zäune", "Zöhler"), 1);
        assert_eq!(shared(&format!("{long}a"), &format!("{long}b")), 255);
    }

    #[test]
    fn a_question_with_a_line_break_is_stored_on_one_line_with_the_same_words() {
        assert_eq!(one_line("Zähler\r\nablesen?\t"), "Zähler  ablesen? ");
        assert!(matches!(one_line("Zähler ablesen?"), Cow::Borrowed(_)));
        let rec = |question: Cow<'static, str>| DocRecord {
            id: "x".into(),
            locale: 0,
            category: "",
            question,
            related: vec![],
        };
        let stored = one_line("a\nb").into_owned();
        let bytes = Docs::encode(&[rec(stored.into()), rec("c".into())]);
        let docs = Docs::open(&bytes).unwrap();
        assert_eq!(docs.question(0).unwrap(), "a b");
        assert_eq!(
            docs.question(1).unwrap(),
            "c",
            "the next question is not shifted"
        );
    }

    #[test]
    #[should_panic(expected = "line break")]
    fn a_question_with_a_line_break_cannot_be_written() {
        let rec = DocRecord {
            id: "x".into(),
            locale: 0,
            category: "",
            question: "a\nb".into(),
            related: vec![],
        };
        Docs::encode(&[rec]);
    }

    #[test]
    fn a_phrase_key_ignores_case_punctuation_and_word_breaks_and_is_no_word() {
        use crate::analysis::Lang;
        let key = phrase_key("Strom weg!", Lang::German);
        assert_eq!(key, " stromweg");
        for typed in ["strom weg", "Strom-Weg", "stromweg", "  STROM   weg?"] {
            assert_eq!(phrase_key(typed, Lang::German), key, "{typed}");
        }
        assert_eq!(phrase_key("Zähler", Lang::German), " zaehler");
        assert_ne!(phrase_key("Strom", Lang::German), key);
        use crate::format::TermValue;
        let phrase = TermValue {
            offset: 5,
            word: false,
            stem: false,
            splits: false,
        };
        assert_eq!(TermValue::phrase_offset(phrase.encode()), Some(5));
        assert_eq!(TermValue::word_offset(phrase.encode()), None);
        for (word, stem) in [(true, false), (false, true), (true, true)] {
            let v = TermValue {
                offset: 5,
                word,
                stem,
                splits: false,
            };
            assert_eq!(TermValue::phrase_offset(v.encode()), None);
        }
    }

    /// Distinct norms per doc, so a walk that reads another posting's
    /// norms gives other values.
    fn norms_of(doc: u32) -> Norms {
        let b = (doc % 200) as u8;
        Norms {
            lens: [b + 1, b + 2, b + 3],
            question_idf: [b + 4, b + 5],
        }
    }

    /// `p` as a walk gives it back: only its fields' norms, and the
    /// question's idf only in the question.
    fn stored(p: Posting) -> Posting {
        let n = p.norms;
        let question = p.tf[FIELD_QUESTION] > 0;
        Posting {
            norms: Norms {
                lens: std::array::from_fn(|f| if p.tf[f] > 0 { n.lens[f] } else { 0 }),
                question_idf: if question { n.question_idf } else { [0; 2] },
            },
            ..p
        }
    }

    #[test]
    fn postings_round_trip_with_sparse_fields_and_the_norms_of_their_fields_only() {
        let list = vec![
            Posting {
                doc: 0,
                tf: [1, 0, 3],
                norms: norms_of(0),
            },
            Posting {
                doc: 7,
                tf: [0, 2, 0],
                norms: norms_of(7),
            },
        ];
        let mut w = Writer::new();
        w.u8(0xAA);
        let at = encode_postings(&mut w, &list, NormsAt::Postings);
        let back = decode_postings(&w.buf, at, 8).unwrap();
        assert_eq!(back[0].norms.lens, [1, 0, 3]);
        assert_eq!(back[0].norms.question_idf, [4, 5], "in the question");
        assert_eq!(
            back[1].norms,
            Norms {
                lens: [0, 9, 0],
                question_idf: [0, 0]
            }
        );
        assert_eq!(back, list.iter().copied().map(stored).collect::<Vec<_>>());
        let big = vec![Posting {
            doc: 3,
            tf: [40, 1, 1000],
            norms: norms_of(3),
        }];
        let big_at = encode_postings(&mut w, &big, NormsAt::Postings);
        assert_eq!(decode_postings(&w.buf, big_at, 8).unwrap(), big);
        assert!(
            decode_postings(&w.buf, at, 7).is_err(),
            "doc beyond the locale"
        );
    }

    #[test]
    fn a_line_break_is_found_wherever_it_falls_in_a_word_of_eight_bytes() {
        for len in 0..20 {
            for at in 0..len {
                let mut bytes: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
                bytes[at] = b'\n';
                // A second break later, and bytes either side of 10 in value.
                if at + 3 < len {
                    bytes[at + 3] = b'\n';
                }
                if at > 0 {
                    bytes[at - 1] = 11;
                }
                assert_eq!(line_end(&bytes), Some(at), "{bytes:?}");
            }
            let none: Vec<u8> = (0..len)
                .map(|i| [9, 11, 0x8a, 0x0a ^ 0x80][i % 4])
                .collect();
            assert_eq!(line_end(&none), None, "{none:?}");
        }
    }

    #[test]
    fn a_kept_walk_gives_what_a_filtered_walk_gives_and_stops_at_the_same_damage() {
        // Every shape of term frequencies: one field inline, one field past
        // the header's count, several fields, several with a long first;
        // the norms of each doc its own, so a skip that lost its place in
        // them would read another doc's.
        let tfs = [
            [1, 0, 0],
            [0, 40, 0],
            [2, 0, 5],
            [33, 1, 1],
            [0, 0, 31],
            [0, 3, 200],
        ];
        let list: Vec<Posting> = (0..60)
            .map(|i| {
                let doc = i * 5 + (i % 3);
                stored(Posting {
                    doc,
                    tf: tfs[i as usize % tfs.len()],
                    norms: norms_of(doc),
                })
            })
            .collect();
        let mut w = Writer::new();
        let at = encode_postings(&mut w, &list, NormsAt::Postings);
        let keep = |d: u32| d % 7 < 3;
        let mut it = PostingIter::new(&w.buf, at, 1000, NormsAt::Postings).unwrap();
        let kept: Vec<Posting> = std::iter::from_fn(|| it.next_kept(keep)).collect();
        let filtered: Vec<Posting> = list.iter().copied().filter(|p| keep(p.doc)).collect();
        assert!(kept.len() > 10 && kept.len() < list.len());
        assert_eq!(kept, filtered);
        assert!(it.error.is_none());

        // Cut in its norms, the list ends both walks at the same posting.
        let cut = &w.buf[..w.buf.len() - 4];
        for keep in [|_: u32| true, |_: u32| false] {
            let mut it = PostingIter::new(cut, at, 1000, NormsAt::Postings).unwrap();
            let n = std::iter::from_fn(|| it.next_kept(keep)).count();
            let mut plain = PostingIter::new(cut, at, 1000, NormsAt::Postings).unwrap();
            let plain_n = plain.by_ref().filter(|p| keep(p.doc)).count();
            assert_eq!(n, plain_n);
            assert!(it.error.is_some() && plain.error.is_some());
        }

        // A doc beyond the locale ends both walks with an error, kept or not.
        for keep in [|_: u32| true, |_: u32| false] {
            let mut it = PostingIter::new(&w.buf, at, 150, NormsAt::Postings).unwrap();
            let n = std::iter::from_fn(|| it.next_kept(keep)).count();
            let mut plain = PostingIter::new(&w.buf, at, 150, NormsAt::Postings).unwrap();
            let plain_n = plain.by_ref().filter(|p| keep(p.doc)).count();
            assert_eq!(n, plain_n);
            assert!(it.error.is_some() && plain.error.is_some());
        }
    }

    #[test]
    fn a_walk_by_callback_gives_what_the_iterator_gives_on_every_cut_of_a_list() {
        let tfs = [[1, 0, 0], [0, 40, 0], [2, 0, 5], [33, 1, 1], [0, 0, 300]];
        // Deltas of one, two and three bytes.
        let list: Vec<Posting> = (0..40u32)
            .map(|i| Posting {
                doc: i * i * i * 7 + i,
                tf: tfs[i as usize % tfs.len()],
                norms: norms_of(i),
            })
            .map(stored)
            .collect();
        let max_doc = 1_000_000;
        for norms_at in [NormsAt::Postings, NormsAt::Columns] {
            let mut w = Writer::new();
            let at = encode_postings(&mut w, &list, norms_at);
            for end in at as usize + 1..=w.buf.len() {
                let bytes = &w.buf[..end];
                let keeps: [fn(u32) -> bool; 3] = [|_| true, |_| false, |d| d % 7 < 3];
                for keep in keeps {
                    let Ok(mut it) = PostingIter::new(bytes, at, max_doc, norms_at) else {
                        continue;
                    };
                    let iterated: Vec<Posting> =
                        std::iter::from_fn(|| it.next_kept(keep)).collect();
                    let mut called = Vec::new();
                    let walk = PostingIter::new(bytes, at, max_doc, norms_at).unwrap();
                    let error = walk
                        .for_each_kept(&mut called, |_, d| keep(d), |c, p| c.push(p))
                        .err();
                    assert_eq!(called, iterated, "{norms_at:?}, cut at {end}");
                    assert_eq!(error, it.error, "{norms_at:?}, cut at {end}");
                    if end == w.buf.len() {
                        let all: Vec<Posting> =
                            list.iter().copied().filter(|p| keep(p.doc)).collect();
                        let all: Vec<Posting> = match norms_at {
                            NormsAt::Postings => all,
                            NormsAt::Columns => all
                                .into_iter()
                                .map(|p| Posting {
                                    norms: Norms::default(),
                                    ..p
                                })
                                .collect(),
                        };
                        assert_eq!(called, all, "{norms_at:?}");
                        assert_eq!(error, None);
                    }
                }
            }
        }
    }

    #[test]
    fn doc_deltas_of_one_two_and_more_bytes_read_back_and_a_cut_one_is_an_error() {
        let docs = [0, 127, 255, 256 + 16_383, 256 + 16_383 + 16_384, 3_000_000];
        let list: Vec<Posting> = docs
            .iter()
            .map(|&doc| Posting {
                doc,
                tf: [0, 0, 1],
                norms: Norms {
                    lens: [0, 0, 9],
                    question_idf: [0, 0],
                },
            })
            .collect();
        let mut w = Writer::new();
        let at = encode_postings(&mut w, &list, NormsAt::Postings);
        assert_eq!(decode_postings(&w.buf, at, 3_000_001).unwrap(), list);
        // The list cut inside its last delta (three bytes: 2,983,233),
        // which the norms (a byte per posting) follow.
        for cut in 1..=3 {
            let short = &w.buf[..w.buf.len() - docs.len() - cut];
            assert!(decode_postings(short, at, 3_000_001).is_err(), "cut {cut}");
        }
        // A norm cut off is an error too.
        let short = &w.buf[..w.buf.len() - 1];
        assert!(decode_postings(short, at, 3_000_001).is_err());
    }

    #[test]
    fn locale_docs_report_global_numbers_and_average_lengths() {
        let doc = |global, lens| LocaleDoc {
            global,
            lens,
            question_idf: [0, 0],
        };
        let bytes = LocaleDocs::encode(
            &[doc(4, [2, 0, 300]), doc(9, [4, 6, 30])],
            NormsAt::Postings,
        );
        let l = LocaleDocs::open(&bytes).unwrap();
        assert_eq!((l.global(0), l.global(1), l.global(2)), (4, 9, u32::MAX));
        assert_eq!(l.avg_field_len(), [3.0, 3.0, 165.0]);
        // Cut short, the length sums are refused at open.
        assert!(LocaleDocs::open(&bytes[..bytes.len() - 1]).is_err());
    }

    #[test]
    fn norms_in_columns_read_back_per_doc_and_leave_the_postings_without_any() {
        let docs = [
            LocaleDoc {
                global: 0,
                lens: [2, 0, 300],
                question_idf: [320, 64],
            },
            LocaleDoc {
                global: 1,
                lens: [7, 3, 40],
                question_idf: [900, 0],
            },
        ];
        let bytes = LocaleDocs::encode(&docs, NormsAt::Columns);
        let l = LocaleDocs::open(&bytes).unwrap();
        assert_eq!(l.norms_at(), NormsAt::Columns);
        assert_eq!((l.norms(0), l.norms(1)), (docs[0].norms(), docs[1].norms()));
        assert_eq!(l.norms(2), Norms::default(), "past the end");
        assert!(
            LocaleDocs::open(&bytes[..bytes.len() - 1]).is_err(),
            "a column cut short"
        );
        let in_postings = LocaleDocs::encode(&docs, NormsAt::Postings);
        assert_eq!(
            LocaleDocs::open(&in_postings).unwrap().norms(0),
            Norms::default()
        );

        // The same list without its norms: what a walk reads, less them.
        let list: Vec<Posting> = (0..40)
            .map(|i| Posting {
                doc: i * 3,
                tf: [i % 2, 0, 1 + i % 3],
                norms: norms_of(i * 3),
            })
            .collect();
        let (mut with, mut without) = (Writer::new(), Writer::new());
        let at = encode_postings(&mut with, &list, NormsAt::Postings);
        let bare = encode_postings(&mut without, &list, NormsAt::Columns);
        assert!(without.buf.len() < with.buf.len());
        let read: Vec<Posting> = PostingIter::new(&without.buf, bare, 200, NormsAt::Columns)
            .unwrap()
            .collect();
        let expected: Vec<Posting> = list
            .iter()
            .map(|p| Posting {
                norms: Norms::default(),
                ..*p
            })
            .collect();
        assert_eq!(read, expected);
        assert_eq!(
            decode_postings(&with.buf, at, 200).unwrap().len(),
            list.len()
        );
    }

    #[test]
    fn a_docs_norms_keep_lengths_to_the_nearest_code_and_question_idf_rounded_down() {
        let d = LocaleDoc {
            global: 0,
            lens: [2, 0, 300],
            question_idf: [320, 64],
        };
        let n = d.norms();
        assert_eq!(
            n.lens.map(norm_value),
            [2, 0, 304],
            "300 to its nearest code"
        );
        assert_eq!(question_idf_sums(n.question_idf), [2.5, 0.5]);
        let long = LocaleDoc {
            question_idf: [335, 0],
            ..d
        };
        assert_eq!(
            question_idf_sums(long.norms().question_idf),
            [2.5, 0.0],
            "335 down to 320"
        );
    }

    #[test]
    fn a_norm_code_keeps_short_lengths_exact_and_long_ones_within_a_step() {
        for v in 0..NORM_EXACT {
            assert_eq!(norm_value(norm_code(v, false)), v);
            assert_eq!(norm_value(norm_code(v, true)), v);
        }
        let mut last = 0;
        for code in 0..=255u8 {
            assert!(norm_value(code) >= last, "codes in value order");
            last = norm_value(code);
        }
        for v in (NORM_EXACT..=u16::MAX).step_by(7) {
            let near = norm_value(norm_code(v, false));
            let floor = norm_value(norm_code(v, true));
            assert!(floor <= v, "{v} rounded down to {floor}");
            assert!(f32::from(v - floor) <= f32::from(v) / 16.0, "{v} → {floor}");
            assert!(
                near.abs_diff(v) <= v - floor,
                "{v}: nearest {near}, floor {floor}"
            );
        }
    }

    #[test]
    fn global_doc_numbers_read_back_from_their_runs() {
        let doc = |global| LocaleDoc {
            global,
            lens: [1, 1, 1],
            question_idf: [0, 0],
        };
        let globals = [0, 1, 2, 7, 8, 20, 3, 4, 5, 6];
        let docs: Vec<LocaleDoc> = globals.iter().map(|&g| doc(g)).collect();
        let bytes = LocaleDocs::encode(&docs, NormsAt::Postings);
        let l = LocaleDocs::open(&bytes).unwrap();
        for (i, &g) in globals.iter().enumerate() {
            assert_eq!(l.global(i), g, "local doc {i}");
        }
        assert_eq!(l.global(globals.len()), u32::MAX);
        // One locale of its own: a single run, whatever its size.
        let one: Vec<LocaleDoc> = (40..1040).map(doc).collect();
        let bytes_one = LocaleDocs::encode(&one, NormsAt::Postings);
        assert_eq!(bytes_one.len(), 4 + 4 + 8 + 8 * FIELDS + 1);
        let l = LocaleDocs::open(&bytes_one).unwrap();
        assert_eq!((l.global(0), l.global(999)), (40, 1039));
        // More runs than docs is no table.
        let mut bad = bytes.clone();
        bad[4..8].copy_from_slice(&11u32.to_le_bytes());
        assert!(LocaleDocs::open(&bad).is_err());
    }

    #[test]
    fn meta_notices_and_synonyms_round_trip() {
        let meta = Meta {
            site_name: "S",
            locales: vec!["de", "en"],
            default_locale: 1,
            phone: "1",
            email: "e",
            contact_url: "/k",
            built_at: 5,
            content_hash: 6,
            doc_count: 7,
        };
        assert_eq!(Meta::decode(&meta.encode()).unwrap(), meta);
        let n = NoticeRecord {
            locale: 0,
            from_ms: -1,
            until_ms: 2,
            title: "t",
            html: "h",
            text: "x",
        };
        assert_eq!(
            decode_notices(&encode_notices(std::slice::from_ref(&n))).unwrap(),
            vec![n]
        );
        let groups = vec![vec!["a".to_string(), "b c".to_string()]];
        assert_eq!(
            decode_synonyms(&encode_synonyms(&groups)).unwrap(),
            vec![vec!["a", "b c"]]
        );
    }

    #[test]
    fn home_round_trips_and_a_cut_one_is_refused() {
        let home = Home {
            greeting: "Hallo! Wie können wir helfen?",
            featured: vec![3, 0, 300_000],
            placeholder: "z. B. Zählerstand melden",
        };
        let bytes = home.encode();
        assert_eq!(Home::decode(&bytes).unwrap(), home);
        assert_eq!(
            Home::decode(&Home::default().encode()).unwrap(),
            Home::default()
        );
        for len in 0..bytes.len() {
            assert!(Home::decode(&bytes[..len]).is_err(), "length {len}");
        }
    }

    #[test]
    fn person_phrases_round_trip_and_a_cut_list_is_refused() {
        let phrases = ["mitarbeiter", "mit jemandem sprechen", "störungsstelle"];
        let bytes = encode_person(&phrases);
        assert_eq!(decode_person(&bytes).unwrap(), phrases);
        assert_eq!(
            decode_person(&encode_person(&[])).unwrap(),
            Vec::<&str>::new()
        );
        for len in 0..bytes.len() {
            assert!(decode_person(&bytes[..len]).is_err(), "length {len}");
        }
    }
}
