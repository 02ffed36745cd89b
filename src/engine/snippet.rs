//! Snippets: the piece of an answer around the first matched word, with
//! the matched words' ranges for highlighting.

use super::bundle::LocaleIndex;
use crate::analysis::{self, scan_words, Lang};

/// Bytes of HTML text converted at a time (more up to the next space).
const PIECE: usize = 256;

/// The plain text of build-time rendered answer HTML, a piece at a time:
/// tags dropped, block ends turned into spaces, the boundary between two
/// table cells or list items into [`CELL_SEPARATOR`], the entities the
/// renderer writes decoded. The bundle stores only the HTML, so a snippet
/// converts only as much of an answer as it shows.
struct HtmlText<'h> {
    rest: &'h str,
    out: String,
    /// A cell or list item ended: the next text starts another one.
    cell_ended: bool,
    /// The words of `out` found so far, kept with it.
    words: Words,
}

impl Words {
    /// Calls `f(start, end, folded)` for each word of `out[from..to]` as
    /// [`scan_words`] on it would (`from` and `to` at word boundaries),
    /// until `f` returns false: the words scanned before from here, the
    /// rest scanned and kept. (`out` only grows, so kept words stay true.)
    fn scan(
        &mut self,
        out: &str,
        (from, to): (usize, usize),
        lang: Lang,
        mut f: impl FnMut(usize, usize, &str) -> bool,
    ) {
        if self.lang != Some(lang) {
            *self = Words {
                lang: Some(lang),
                ..Words::default()
            };
        }
        let mut folded_at = 0;
        for &(s, e, end) in &self.spans {
            let term = &self.folded[folded_at..end];
            folded_at = end;
            if s < from {
                continue;
            }
            if e > to || !f(s, e, term) {
                return;
            }
        }
        let start = from.max(self.upto);
        if start >= to {
            return;
        }
        // Kept only where they continue the words kept.
        let keep = from <= self.upto;
        let mut upto = to;
        scan_words(&out[start..to], lang, |s, e, term| {
            let (s, e) = (s + start, e + start);
            if keep {
                self.folded.push_str(term);
                self.spans.push((s, e, self.folded.len()));
            }
            let going = f(s, e, term);
            if !going {
                upto = e;
            }
            going
        });
        if keep {
            self.upto = upto;
        }
    }
}

/// The words of an answer's converted text as [`scan_words`] finds them,
/// as far as scanned: typing lists the same answers keystroke after
/// keystroke, and scanning their text again (folding each word) was the
/// largest part of a snippet after converting it.
#[derive(Default)]
struct Words {
    /// The language they were folded in.
    lang: Option<Lang>,
    /// Every word of `out[..upto]` is here, none goes past it.
    upto: usize,
    /// Start, end (bytes of `out`) and end in `folded` of each word.
    spans: Vec<(usize, usize, usize)>,
    /// The folded words, one after another.
    folded: String,
}

/// Stands between two table cells or list items in a snippet: they rarely
/// end in punctuation, and run together they read as one sentence
/// ("SEPA-Lastschrift keiner Wir buchen").
pub const CELL_SEPARATOR: &str = " · ";

impl<'h> HtmlText<'h> {
    fn new(html: &'h str) -> Self {
        Self {
            rest: html,
            // Room for what a snippet usually converts, grown only for more.
            out: String::with_capacity(html.len().min(4 * PIECE)),
            cell_ended: false,
            words: Words::default(),
        }
    }

    /// Appends the text up to the next tag, and the tag's space if it ends
    /// a block. False once everything is converted.
    fn grow(&mut self) -> bool {
        if self.rest.is_empty() {
            return false;
        }
        let lt = crate::utf8::find_byte(self.rest, b'<').unwrap_or(self.rest.len());
        if self.cell_ended && !self.rest[..lt].trim().is_empty() {
            self.cell_ended = false;
            self.out.truncate(self.out.trim_end().len());
            if !self.out.is_empty() {
                self.out.push_str(CELL_SEPARATOR);
            }
        }
        // A long paragraph goes a few hundred bytes at a time, cut after
        // white space (which collapses the same either way).
        if lt > PIECE {
            let cut = self.rest.as_bytes()[PIECE..lt]
                .iter()
                .position(|&b| b == b' ')
                .map(|i| PIECE + i + 1);
            if let Some(cut) = cut.filter(|&c| c < lt) {
                push_decoded(&mut self.out, &self.rest[..cut]);
                self.rest = &self.rest[cut..];
                return true;
            }
        }
        push_decoded(&mut self.out, &self.rest[..lt]);
        if lt == self.rest.len() {
            self.rest = "";
            return true;
        }
        let Some(gt) = crate::utf8::find_byte(&self.rest[lt..], b'>') else {
            self.rest = "";
            return true;
        };
        let tag = &self.rest[lt + 1..lt + gt];
        let bare = tag.trim_start_matches('/');
        // Up to a space or '/' (by byte: a `[char]` pattern was code of its own in the Wasm).
        let name = &bare[..bare
            .bytes()
            .position(|b| b == b' ' || b == b'/')
            .unwrap_or(bare.len())];
        let block = matches!(
            name,
            "p" | "li"
                | "br"
                | "td"
                | "th"
                | "tr"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "pre"
                | "blockquote"
                | "hr"
        );
        if block && !self.out.ends_with(' ') && !self.out.is_empty() {
            self.out.push(' ');
        }
        // The end of a cell or item separates it from the next; any other
        // block (a paragraph after a list) starts afresh after a space.
        let closing = tag.starts_with('/');
        match name {
            "li" | "td" | "th" if closing => self.cell_ended = true,
            "li" | "td" | "th" | "tr" | "br" | "thead" | "tbody" => {}
            _ if block || matches!(name, "ul" | "ol" | "table") => self.cell_ended = false,
            _ => {}
        }
        self.rest = &self.rest[lt + gt + 1..];
        true
    }

    /// Converted bytes up to which words are complete: a word cut by the
    /// end of the converted text may go on in the next piece.
    fn settled(&self) -> usize {
        if self.rest.is_empty() {
            return self.out.len();
        }
        self.out
            .char_indices()
            .rev()
            .find(|&(_, c)| !crate::analysis::is_alphanumeric(c))
            .map_or(0, |(i, _)| i)
    }
}

/// Appends `text` with entities decoded and white space collapsed.
fn push_decoded(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = crate::utf8::find_byte(rest, b'&') {
        push_spaced(out, &rest[..amp]);
        let tail = &rest[amp..];
        let (decoded, len) = [
            ("&amp;", '&'),
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&quot;", '"'),
            ("&#39;", '\''),
            ("&#x27;", '\''),
        ]
        .iter()
        .find(|(e, _)| tail.starts_with(e))
        .map_or(('&', 1), |(e, c)| (*c, e.len()));
        out.push(decoded);
        rest = &tail[len..];
    }
    push_spaced(out, rest);
}

fn push_spaced(out: &mut String, text: &str) {
    // Most text has single spaces only: copied as it is. (Lead bytes 0xC2,
    // 0xE1–0xE3 start every non-ASCII white space, like U+00A0.)
    let b = text.as_bytes();
    // (Bytes, not &str or char patterns: those bring core's two-way
    // searcher to the Wasm.)
    let plain = b
        .iter()
        .all(|&c| !matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | 0xc2 | 0xe1..=0xe3))
        && !b.windows(2).any(|w| w == b"  ");
    if plain {
        let lead_dropped = text.starts_with(' ') && (out.is_empty() || out.ends_with(' '));
        out.push_str(if lead_dropped { &text[1..] } else { text });
        return;
    }
    let space = |out: &mut String| {
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    };
    if text.starts_with(char::is_whitespace) {
        space(out);
    }
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    if text.ends_with(char::is_whitespace) {
        space(out);
    }
}

/// Characters of answer text in a snippet.
const SNIPPET_CHARS: usize = 160;
/// Characters of context before the first match.
const SNIPPET_LEAD: usize = 40;

/// Most converted answer text searched for a first match; after it the
/// snippet is the answer's beginning (bounded work for very long answers).
const MAX_SCAN: usize = 8192;

/// The part of the answer `html` around the first matched word, as text,
/// with match ranges. Converts and scans only as far as the snippet reaches;
/// without `in_answer` (no matched word is in this answer) it takes the
/// beginning without looking for matches.
pub fn snippet(
    html: &str,
    matched: &[u64],
    in_answer: bool,
    heads: &Heads,
    index: &LocaleIndex<'_>,
    lang: Lang,
) -> (String, Vec<(usize, usize)>) {
    // Typing asks for the snippets of the same few answers again and
    // again: their text, as far as converted, is kept between queries.
    converted::with(html, |t| window(t, matched, in_answer, heads, index, lang))
}

/// [`snippet`] on `t`, the answer's text as far as converted so far (by
/// this query or an earlier one): converts more only where the snippet
/// needs it, so the result does not depend on what was converted before.
fn window(
    t: &mut HtmlText<'_>,
    matched: &[u64],
    in_answer: bool,
    heads: &Heads,
    index: &LocaleIndex<'_>,
    lang: Lang,
) -> (String, Vec<(usize, usize)>) {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut first: Option<usize> = None;
    let mut scanned = 0;
    let mut done = false;
    let mut more = !t.rest.is_empty();
    loop {
        if !in_answer {
            // Longer than the window from the start.
            if !more || t.out.chars().nth(SNIPPET_CHARS + 1).is_some() {
                break;
            }
            more = t.grow();
            continue;
        }
        let upto = t.settled();
        if upto > scanned {
            let text = t.out.as_str();
            t.words.scan(text, (scanned, upto), lang, |s, e, term| {
                // Past the longest window after the first match: the snippet is known.
                if first.is_some_and(|f| {
                    e - f > SNIPPET_CHARS && analysis::char_count(&text[f..e]) > SNIPPET_CHARS
                }) {
                    done = true;
                    return false;
                }
                let plausible = heads.admits(term);
                if plausible
                    && !lang.is_stop_word(term)
                    && index.terms.get(term).is_some_and(|o| matched.contains(&o))
                {
                    first.get_or_insert(s);
                    spans.push((s, e));
                }
                true
            });
            scanned = upto;
        }
        if done || !more || (first.is_none() && scanned > MAX_SCAN) {
            break;
        }
        more = t.grow();
    }
    let (start, end) = window_around(t.out.trim_end(), first.unwrap_or(0));
    // "…" when text follows the window: conversion stops at the first
    // piece with some, not at a tag that only closes a block.
    let cut = loop {
        if end < t.out.trim_end().len() {
            break true;
        }
        if !t.grow() {
            break false;
        }
    };
    let text = t.out.trim_end();
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let base = out.len();
    let piece = &text[start..end];
    // Line breaks as spaces.
    crate::utf8::push_replacing(&mut out, piece, b'\n', ' ');
    let highlights = spans
        .into_iter()
        .filter(|&(s, e)| s >= start && e <= end)
        .map(|(s, e)| (s - start + base, e - start + base))
        .collect();
    if cut {
        out.push('…');
    }
    (out, highlights)
}

/// The converted text of the answers snippets were cut from lately, kept
/// between queries: while a visitor types, the same answers are listed
/// keystroke after keystroke, and converting their HTML again was the
/// largest part of a snippet's work. Kept per thread (the query API takes
/// no state), a few answers at most, each with its HTML to compare with,
/// so a bundle closed and another opened at the same address is no hit.
mod converted {
    use super::HtmlText;
    use std::cell::RefCell;

    /// Answers kept: a list of suggestions, and some.
    const KEPT: usize = 16;

    struct Kept {
        html: Box<str>,
        out: String,
        /// Bytes of `html` converted into `out`.
        done: usize,
        cell_ended: bool,
        words: super::Words,
    }

    thread_local! {
        /// Most recently used first.
        static KEPT_TEXTS: RefCell<Vec<Kept>> = const { RefCell::new(Vec::new()) };
    }

    /// Runs `f` on `html`'s text as far as converted before, and keeps
    /// what `f` converted for the next call.
    pub(super) fn with<R>(html: &str, f: impl FnOnce(&mut HtmlText<'_>) -> R) -> R {
        let found = KEPT_TEXTS.with_borrow_mut(|kept| {
            let i = kept.iter().position(|k| *k.html == *html)?;
            Some(kept.remove(i))
        });
        let (kept_html, mut t) = match found {
            Some(k) => (
                k.html,
                HtmlText {
                    rest: &html[k.done..],
                    out: k.out,
                    cell_ended: k.cell_ended,
                    words: k.words,
                },
            ),
            None => (html.into(), HtmlText::new(html)),
        };
        let result = f(&mut t);
        let kept = Kept {
            html: kept_html,
            done: html.len() - t.rest.len(),
            out: t.out,
            cell_ended: t.cell_ended,
            words: t.words,
        };
        KEPT_TEXTS.with_borrow_mut(|all| {
            all.insert(0, kept);
            all.truncate(KEPT);
        });
        result
    }
}

/// The first bytes of a word, a cheap filter before an index look-up.
pub fn head(term: &str) -> &[u8] {
    &term.as_bytes()[..term.len().min(3)]
}

/// The first one to three bytes of words, packed for binary search, and a
/// bit per first byte that turns most other words away at once.
#[derive(Debug, Clone, Default)]
pub struct Heads {
    keys: Vec<u32>,
    first: [u64; 4],
}

impl Heads {
    fn key(bytes: &[u8]) -> u32 {
        bytes
            .iter()
            .fold(bytes.len() as u32, |k, &b| k << 8 | u32::from(b))
    }

    pub fn new<'t>(terms: impl Iterator<Item = &'t str>) -> Self {
        let mut first = [0u64; 4];
        let mut keys: Vec<u32> = terms
            .map(|t| {
                if let Some(&b) = t.as_bytes().first() {
                    first[usize::from(b >> 6)] |= 1 << (b & 63);
                }
                Self::key(head(t))
            })
            .collect();
        super::select::sort_small(&mut keys, u32::cmp);
        keys.dedup();
        Self { keys, first }
    }

    /// Whether `word` begins with one of the heads (at most three look-ups).
    pub fn admits(&self, word: &str) -> bool {
        let b = word.as_bytes();
        let Some(&f) = b.first() else {
            return false;
        };
        self.first[usize::from(f >> 6)] & 1 << (f & 63) != 0
            && (1..=b.len().min(3)).any(|l| self.keys.binary_search(&Self::key(&b[..l])).is_ok())
    }
}

/// Byte range of a snippet whose first match starts at `first`: a little
/// context before it, cut at spaces, at most [`SNIPPET_CHARS`] characters.
fn window_around(text: &str, first: usize) -> (usize, usize) {
    let mut before = text[..first].char_indices().rev();
    let from = before.nth(SNIPPET_LEAD - 1).map(|(i, _)| i);
    // A lead of up to 20 more characters is kept whole.
    let start = match from {
        Some(from) if before.nth(20).is_some() => {
            // Back to the start of a word.
            text[..from]
                .rfind(char::is_whitespace)
                .map_or(from, |i| i + 1)
        }
        _ => 0,
    };
    let end = text[start..]
        .char_indices()
        .nth(SNIPPET_CHARS)
        .map_or(text.len(), |(i, _)| start + i);
    let end = if end < text.len() {
        text[start..end]
            .rfind(char::is_whitespace)
            .map_or(end, |i| start + i)
            .max(first.min(end))
    } else {
        end
    };
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole text of `html`, as a snippet would see it piece by piece.
    fn html_to_text(html: &str) -> String {
        let mut t = HtmlText::new(html);
        while t.grow() {}
        t.out.truncate(t.out.trim_end().len());
        t.out
    }

    #[test]
    fn heads_admit_words_that_begin_like_a_term() {
        let h = Heads::new(["zaehlerstand", "ab", "x"].into_iter());
        assert!(h.admits("zaehler") && h.admits("abschlag") && h.admits("xyz") && h.admits("ab"));
        assert!(!h.admits("zahl") && !h.admits("a") && !h.admits("strom"));
    }

    #[test]
    fn html_becomes_the_text_a_visitor_reads() {
        let html = "<p>Ruf <strong>uns</strong> an &amp; schreib.</p>\n<ul>\n<li>eins</li>\n<li>zwei &lt;3</li>\n</ul>";
        assert_eq!(html_to_text(html), "Ruf uns an & schreib. eins · zwei <3");
    }

    #[test]
    fn snippets_keep_cell_and_list_boundaries_as_separators() {
        let table = "<table><thead><tr><th>Zahlart</th><th>Gebühr</th></tr></thead>\n<tbody><tr><td>SEPA-Lastschrift</td><td>keine</td></tr>\n<tr><td>Wir buchen <strong>Abschläge</strong></td><td>am 15.</td></tr></tbody></table><p>Danach Text.</p>";
        assert_eq!(
            html_to_text(table),
            "Zahlart · Gebühr · SEPA-Lastschrift · keine · Wir buchen Abschläge · am 15. Danach Text."
        );
        let list = "<p>Sie brauchen:</p>\n<ul>\n<li>Kundennummer</li>\n<li>Zählernummer</li>\n</ul>\n<p>Dann los.</p>";
        assert_eq!(
            html_to_text(list),
            "Sie brauchen: Kundennummer · Zählernummer Dann los."
        );
        // The snippet shows them too, around its match.
        let b = crate::embedded();
        let (index, lang) = b.search_locale("de").unwrap();
        let matched: Vec<u64> = index.terms.get("zaehlernummer").into_iter().collect();
        let heads = Heads::new(["zaehlernummer"].into_iter());
        let (text, spans) = snippet(list, &matched, true, &heads, index, lang);
        assert!(text.contains("Kundennummer · Zählernummer"), "{text}");
        assert_eq!(&text[spans[0].0..spans[0].1], "Zählernummer");
    }

    #[test]
    fn an_answer_scanned_in_another_language_is_scanned_again() {
        // German folds "ä" to "ae", English to "a": the words kept from an
        // English scan would not find the German term.
        let html = "<p>Vorab Zählerstand am Ende.</p>";
        let one = |locale: &str| {
            let b = crate::embedded();
            let (index, lang) = b.search_locale(locale).unwrap();
            let matched: Vec<u64> = index.terms.get("zaehlerstand").into_iter().collect();
            let heads = Heads::new(["zaehlerstand"].into_iter());
            snippet(html, &matched, true, &heads, index, lang)
        };
        let fresh = std::thread::spawn(move || one("de")).join().unwrap();
        assert_eq!(fresh.1.len(), 1, "{fresh:?}");
        let after_english = std::thread::spawn(move || {
            one("en");
            one("de")
        })
        .join()
        .unwrap();
        assert_eq!(after_english, fresh);
    }

    #[test]
    fn a_snippet_is_the_same_whether_its_answer_was_converted_before_or_not() {
        // A table (cells end between pieces) and long paragraphs, so a later
        // snippet resumes where an earlier one stopped converting.
        let html = format!(
            "<p>{}Zählerstand am Anfang.</p><table><tr><td>{}</td><td>Zählernummer in der Zelle</td></tr></table><p>{}Rechnung am Ende</p>",
            "Vorab ".repeat(30),
            "Mitte ".repeat(30),
            "Schluss ".repeat(60)
        );
        let one = |html: &str, word: Option<&str>| {
            let b = crate::embedded();
            let (index, lang) = b.search_locale("de").unwrap();
            let Some(word) = word else {
                return snippet(html, &[], false, &Heads::default(), index, lang);
            };
            let matched: Vec<u64> = index.terms.get(word).into_iter().collect();
            snippet(
                html,
                &matched,
                true,
                &Heads::new([word].into_iter()),
                index,
                lang,
            )
        };
        let cases = [
            Some("zaehlerstand"),
            None,
            Some("zaehlernummer"),
            Some("rechnung"),
        ];
        // Each in a thread of its own: converted from the start.
        let fresh: Vec<_> = cases
            .iter()
            .map(|&w| {
                let html = html.clone();
                std::thread::spawn(move || one(&html, w)).join().unwrap()
            })
            .collect();
        assert!(
            fresh[2].0.contains("Zählernummer in der Zelle"),
            "{:?}",
            fresh[2]
        );
        assert!(fresh[3].0.contains("Rechnung"), "{:?}", fresh[3]);
        // In turn in this thread: each resumes the conversion of the one before.
        let in_turn: Vec<_> = cases.iter().map(|&w| one(&html, w)).collect();
        assert_eq!(in_turn, fresh);
        let again: Vec<_> = cases.iter().rev().map(|&w| one(&html, w)).collect();
        assert_eq!(again.into_iter().rev().collect::<Vec<_>>(), fresh);
        // Another answer is converted afresh, not taken for the kept one.
        let other = html.replace("Anfang", "Beginn");
        assert!(one(&other, cases[0]).0.contains("Beginn"));
    }

    #[test]
    fn a_word_split_by_an_inline_tag_is_not_settled_until_it_ends() {
        let mut t = HtmlText::new("<p>Ihr Zähler<strong>stand</strong> bitte</p>");
        t.grow();
        assert_eq!(t.out, "");
        t.grow();
        assert_eq!((t.out.as_str(), t.settled()), ("Ihr Zähler", 3));
        t.grow();
        assert_eq!((t.out.as_str(), t.settled()), ("Ihr Zählerstand", 3));
        while t.grow() {}
        assert_eq!(t.settled(), t.out.len());
    }

    #[test]
    fn a_long_paragraph_converts_in_pieces_to_the_same_text() {
        let words = "Wort  und\nmehr &amp; ".repeat(100);
        let html = format!("<p>{words}</p>");
        let mut t = HtmlText::new(&html);
        t.grow();
        t.grow();
        assert!(t.out.len() < 2 * PIECE, "converted only a piece");
        assert_eq!(
            html_to_text(&html),
            "Wort und mehr & ".repeat(100).trim_end()
        );
    }

    #[test]
    fn plain_text_is_copied_and_other_white_space_collapses_as_before() {
        let cases = [
            ("", "a b ", "a b "),
            ("x", " a b", "x a b"),
            ("x ", " a b", "x a b"),
            ("x", "a\n\tb  c ", "xa b c "),
            ("x", "Grüße\u{a0}an alle", "xGrüße an alle"),
            ("", " ", ""),
            ("x", " ", "x "),
        ];
        for (before, text, want) in cases {
            let mut out = before.to_string();
            push_spaced(&mut out, text);
            assert_eq!(out, want, "{text:?}");
        }
    }

    #[test]
    fn a_window_starts_at_the_text_when_the_match_is_early() {
        let text = "Sie können Ihren Zählerstand online melden.";
        assert_eq!(window_around(text, 17), (0, text.len()));
    }

    #[test]
    fn a_long_text_is_cut_around_the_match_at_spaces() {
        let text = format!(
            "{} Abschlag ändern {}",
            "Wort ".repeat(100),
            "Ende ".repeat(100)
        );
        let first = text.find("Abschlag").unwrap();
        let (s, e) = window_around(&text, first);
        assert!(s > 0 && e < text.len());
        assert!(text[s..e].contains("Abschlag"));
        assert!(text[s..e].chars().count() <= SNIPPET_CHARS);
        assert!(text[..s].ends_with(' ') && text[e..].starts_with(' '));
    }
}
