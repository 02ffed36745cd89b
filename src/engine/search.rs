//! The query path: any string in, ranked hits (maybe none) out, in bounded time.

use super::bundle::{Bundle, LocaleIndex};
use super::rank::{bm25f, idf, RankWeights};
use crate::analysis::{tokenize, Lang, Token};
use fst::{Automaton, IntoStreamer, Streamer};

/// Longest query considered, in bytes; the rest is ignored.
pub const MAX_QUERY_BYTES: usize = 256;
/// Most query words considered.
pub const MAX_QUERY_TERMS: usize = 16;
/// Most index terms one prefix may expand to.
pub const MAX_PREFIX_EXPANSIONS: usize = 48;
/// Most hits returned.
pub const MAX_LIMIT: usize = 50;

/// One result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: String,
    /// Global doc number, for [`Bundle::doc`].
    pub doc: u32,
    pub question: String,
    pub category: String,
    /// A piece of the answer around the best match.
    pub snippet: String,
    /// Byte ranges of matched words in `snippet`.
    pub highlights: Vec<(usize, usize)>,
    pub score: f32,
}

/// An index term matched by a query word, and how much it counts.
#[derive(Debug, Clone)]
struct Candidate {
    term: String,
    offset: u64,
    weight: f32,
}

/// Cuts `query` to [`MAX_QUERY_BYTES`] at a character boundary.
fn bounded(query: &str) -> &str {
    if query.len() <= MAX_QUERY_BYTES {
        return query;
    }
    let mut end = MAX_QUERY_BYTES;
    while !query.is_char_boundary(end) {
        end -= 1;
    }
    &query[..end]
}

/// Whether the visitor is still typing the last word (no trailing space or punctuation).
fn last_word_open(query: &str, tokens: &[Token]) -> bool {
    tokens.last().is_some_and(|t| t.end == query.len())
}

/// The index terms a query word stands for: the exact term, and for the
/// word being typed, the terms it is a prefix of.
fn candidates(
    index: &LocaleIndex<'_>,
    token: &str,
    prefix: bool,
    w: &RankWeights,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    if let Some(offset) = index.terms.get(token) {
        out.push(Candidate {
            term: token.to_string(),
            offset,
            weight: 1.0,
        });
    }
    if prefix {
        let automaton = fst::automaton::Str::new(token).starts_with();
        let mut stream = index.terms.search(automaton).into_stream();
        while let Some((term, offset)) = stream.next() {
            if out.len() > MAX_PREFIX_EXPANSIONS {
                break;
            }
            if term.len() == token.len() {
                continue;
            }
            let completion = token.len() as f32 / term.len() as f32;
            out.push(Candidate {
                term: String::from_utf8_lossy(term).into_owned(),
                offset,
                weight: w.prefix * (0.5 + 0.5 * completion),
            });
        }
    }
    out
}

/// Searches the entries of `locale` (a tag like `de`; unknown tags fall back
/// to the default locale). Never fails: hostile input gives few or no hits.
pub fn search(bundle: &Bundle<'_>, query: &str, locale: &str, limit: usize) -> Vec<Hit> {
    search_with(bundle, query, locale, limit, &RankWeights::default())
}

/// [`search`] with explicit ranking weights.
pub fn search_with(
    bundle: &Bundle<'_>,
    query: &str,
    locale: &str,
    limit: usize,
    weights: &RankWeights,
) -> Vec<Hit> {
    let limit = limit.min(MAX_LIMIT);
    let locale_no = bundle.locale_no(locale);
    let Some(index) = bundle.locale(locale_no) else {
        return Vec::new();
    };
    let lang = Lang::from_locale(
        bundle
            .meta
            .locales
            .get(usize::from(locale_no))
            .copied()
            .unwrap_or(""),
    );
    let query = bounded(query);
    let mut tokens = tokenize(query, lang);
    let open = last_word_open(query, &tokens);
    tokens.truncate(MAX_QUERY_TERMS);
    let n = index.docs.len();
    if n == 0 || tokens.is_empty() || limit == 0 {
        return Vec::new();
    }
    let avg = index.docs.avg_field_len();
    let mut scores = vec![0f32; n];
    let mut matched_terms: Vec<Vec<String>> = vec![Vec::new(); n];
    let last = tokens.len() - 1;
    for (i, token) in tokens.iter().enumerate() {
        let mut best = vec![0f32; n];
        let mut best_term: Vec<Option<usize>> = vec![None; n];
        let cands = candidates(index, &token.term, open && i == last, weights);
        for (ci, cand) in cands.iter().enumerate() {
            let postings = index.postings(cand.offset);
            let term_idf = idf(n, postings.len());
            for p in postings {
                let d = p.doc as usize;
                let s =
                    cand.weight * bm25f(weights, term_idf, &p.tf, &index.docs.field_lens(d), &avg);
                if s > best[d] {
                    best[d] = s;
                    best_term[d] = Some(ci);
                }
            }
        }
        for d in 0..n {
            if let Some(ci) = best_term[d] {
                scores[d] += best[d];
                matched_terms[d].push(cands[ci].term.clone());
            }
        }
    }
    let mut ranked: Vec<(usize, f32)> = scores
        .iter()
        .enumerate()
        .filter(|(_, &s)| s > 0.0)
        .map(|(d, &s)| {
            // Entries that match more of the query words come first.
            let coverage = matched_terms[d].len() as f32 / tokens.len() as f32;
            (d, s * (0.5 + 0.5 * coverage))
        })
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(limit);
    ranked
        .into_iter()
        .filter_map(|(d, score)| {
            let g = index.docs.global(d);
            let rec = bundle.doc(g)?;
            let (snippet, highlights) = snippet(rec.text, &matched_terms[d], lang);
            Some(Hit {
                id: rec.id.to_string(),
                doc: g,
                question: rec.question.to_string(),
                category: rec.category.to_string(),
                snippet,
                highlights,
                score,
            })
        })
        .collect()
}

/// Characters of answer text in a snippet.
const SNIPPET_CHARS: usize = 160;

/// The part of `text` around the first matched term, with match ranges.
fn snippet(text: &str, terms: &[String], lang: Lang) -> (String, Vec<(usize, usize)>) {
    let tokens = tokenize(text, lang);
    let is_match = |t: &Token| terms.contains(&t.term);
    let first = tokens.iter().find(|t| is_match(t)).map_or(0, |t| t.start);
    // Start a few words before the match, at a word start.
    let start = tokens
        .iter()
        .rev()
        .find(|t| t.start <= first && text[t.start..first].chars().count() >= 40)
        .map_or(0, |t| t.start);
    let start = if text[..start].chars().count() < 20 {
        0
    } else {
        start
    };
    let end = text[start..]
        .char_indices()
        .nth(SNIPPET_CHARS)
        .map_or(text.len(), |(i, _)| start + i);
    let end = if end < text.len() {
        // End at a word boundary.
        tokens
            .iter()
            .rev()
            .find(|t| t.end <= end && t.start >= start)
            .map(|t| t.end)
            .unwrap_or(end)
    } else {
        end
    };
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let base = out.len();
    out.push_str(&text[start..end].replace('\n', " "));
    let highlights = tokens
        .iter()
        .filter(|t| t.start >= start && t.end <= end && is_match(t))
        .map(|t| (t.start - start + base, t.end - start + base))
        .collect();
    if end < text.len() {
        out.push('…');
    }
    (out, highlights)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snippet_highlights_the_matched_words() {
        let text =
            "Sie können Ihren Zählerstand online melden. Danach erhalten Sie eine Bestätigung.";
        let (s, h) = snippet(text, &["zaehlerstand".into()], Lang::German);
        assert_eq!(&s[h[0].0..h[0].1], "Zählerstand");
    }

    #[test]
    fn a_long_text_is_cut_around_the_match_with_ellipses() {
        let text = format!(
            "{} Abschlag ändern {}",
            "Wort ".repeat(100),
            "Ende ".repeat(100)
        );
        let (s, h) = snippet(&text, &["abschlag".into()], Lang::German);
        assert!(s.starts_with('…') && s.ends_with('…'));
        assert!(s.chars().count() <= SNIPPET_CHARS + 2);
        assert_eq!(&s[h[0].0..h[0].1], "Abschlag");
    }

    #[test]
    fn an_overlong_query_is_cut_at_a_character_boundary() {
        let q = "ä".repeat(1000);
        let b = bounded(&q);
        assert!(b.len() <= MAX_QUERY_BYTES && b.chars().all(|c| c == 'ä'));
    }
}
