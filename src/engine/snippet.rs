//! Snippets: the piece of an answer around the first matched word, with
//! the matched words' ranges for highlighting.

use super::bundle::LocaleIndex;
use crate::analysis::{scan_words, Lang};

/// The plain text of build-time rendered answer HTML: tags dropped, block
/// ends turned into spaces, the entities the renderer writes decoded. The
/// bundle stores only the HTML; snippets need text once per shown hit.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_decoded(&mut out, &rest[..lt]);
        let Some(gt) = rest[lt..].find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        let name = tag
            .trim_start_matches('/')
            .split([' ', '/'])
            .next()
            .unwrap_or("");
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
        if block && !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
        rest = &rest[lt + gt + 1..];
    }
    push_decoded(&mut out, rest);
    out.trim_end().to_string()
}

/// Appends `text` with entities decoded and white space collapsed.
fn push_decoded(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
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

/// The part of `text` around the first matched word, with match ranges.
/// Scans only as far as the snippet reaches.
pub fn snippet(
    text: &str,
    matched: &[u64],
    heads: &Heads,
    index: &LocaleIndex<'_>,
    lang: Lang,
) -> (String, Vec<(usize, usize)>) {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut window: Option<(usize, usize)> = None;
    scan_words(text, lang, |s, e, term| {
        if let Some((_, end)) = window {
            if e > end {
                return false;
            }
        }
        let plausible = heads.admits(term);
        if plausible
            && !lang.is_stop_word(term)
            && index.terms.get(term).is_some_and(|o| matched.contains(&o))
        {
            if window.is_none() {
                window = Some(window_around(text, s));
            }
            spans.push((s, e));
        }
        true
    });
    let (start, end) = window.unwrap_or_else(|| window_around(text, 0));
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let base = out.len();
    out.push_str(&text[start..end].replace('\n', " "));
    let highlights = spans
        .into_iter()
        .filter(|&(s, e)| s >= start && e <= end)
        .map(|(s, e)| (s - start + base, e - start + base))
        .collect();
    if end < text.len() {
        out.push('…');
    }
    (out, highlights)
}

/// The first bytes of a word, a cheap filter before an index look-up.
pub fn head(term: &str) -> &[u8] {
    &term.as_bytes()[..term.len().min(3)]
}

/// The first one to three bytes of words, packed for binary search.
#[derive(Debug, Clone, Default)]
pub struct Heads(Vec<u32>);

impl Heads {
    fn key(bytes: &[u8]) -> u32 {
        bytes
            .iter()
            .fold(bytes.len() as u32, |k, &b| k << 8 | u32::from(b))
    }

    pub fn new<'t>(terms: impl Iterator<Item = &'t str>) -> Self {
        let mut keys: Vec<u32> = terms.map(|t| Self::key(head(t))).collect();
        keys.sort_unstable();
        keys.dedup();
        Self(keys)
    }

    /// Whether `word` begins with one of the heads (at most three look-ups).
    pub fn admits(&self, word: &str) -> bool {
        let b = word.as_bytes();
        (1..=b.len().min(3)).any(|l| self.0.binary_search(&Self::key(&b[..l])).is_ok())
    }
}

/// Byte range of a snippet whose first match starts at `first`: a little
/// context before it, cut at spaces, at most [`SNIPPET_CHARS`] characters.
fn window_around(text: &str, first: usize) -> (usize, usize) {
    let before: Vec<usize> = text[..first].char_indices().map(|(i, _)| i).collect();
    let start = if before.len() <= SNIPPET_LEAD + 20 {
        0
    } else {
        let from = before[before.len() - SNIPPET_LEAD];
        // Back to the start of a word.
        text[..from]
            .rfind(char::is_whitespace)
            .map_or(from, |i| i + 1)
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

    #[test]
    fn heads_admit_words_that_begin_like_a_term() {
        let h = Heads::new(["zaehlerstand", "ab", "x"].into_iter());
        assert!(h.admits("zaehler") && h.admits("abschlag") && h.admits("xyz") && h.admits("ab"));
        assert!(!h.admits("zahl") && !h.admits("a") && !h.admits("strom"));
    }

    #[test]
    fn html_becomes_the_text_a_visitor_reads() {
        let html = "<p>Ruf <strong>uns</strong> an &amp; schreib.</p>\n<ul>\n<li>eins</li>\n<li>zwei &lt;3</li>\n</ul>";
        assert_eq!(html_to_text(html), "Ruf uns an & schreib. eins zwei <3");
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
