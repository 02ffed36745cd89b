//! Typo tolerance: a Damerau–Levenshtein automaton (adjacent transpositions
//! cost one edit) run lazily over the term index, with a work budget.
//!
//! Rather than building a DFA up front, each state is one row of the edit
//! distance table, computed only for the index paths the walk reaches, so
//! the cost follows the index, not the query's worst case. The budget caps
//! the rows computed; when it runs out the walk stops and the caller falls
//! back to a smaller distance.
//!
//! Distances count bytes of folded terms: folding makes most text ASCII;
//! other letters cost two edits each.

use fst::Automaton;
use std::cell::Cell;

/// Most rows (automaton transitions) one walk may compute.
pub const DEFAULT_BUDGET: u32 = 4_000;

/// Allowed edits for a query word of `len` bytes: none for short words,
/// one from 4, two from 8. (Two from 6 scored the same on the eval sets;
/// it costs a wider walk for every finished unknown word at each keystroke.)
pub fn max_distance(len: usize) -> u8 {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Most edits any walk allows.
pub const MAX_EDITS: u8 = 2;
/// Cells of a row that can hold a distance within [`MAX_EDITS`]: the table
/// entries (i, j) with |i − j| ≤ MAX_EDITS, since D(i, j) ≥ |i − j|.
const BAND: usize = 2 * MAX_EDITS as usize + 1;
/// Stands for every distance beyond [`MAX_EDITS`].
const FAR: u8 = MAX_EDITS + 1;

/// Matches index terms within `max` edits of `query`, or, in prefix mode,
/// terms that begin with something within `max` edits of it.
pub struct Fuzzy<'q> {
    query: &'q [u8],
    max: u8,
    prefix: bool,
    /// Only terms with the query's first byte match.
    keep_first: bool,
    budget: Cell<u32>,
}

/// One row of the distance table, as the band around its diagonal, plus
/// what transpositions need. Fixed size: the walk clones states freely.
#[derive(Clone, Debug)]
pub struct Row {
    /// Bytes of the term read: the row's number i.
    read: usize,
    /// `cur[k]` is D(i, i + k − MAX_EDITS); [`FAR`] outside the table.
    cur: [u8; BAND],
    /// The band of row i − 1, and the byte that row read.
    prev: [u8; BAND],
    last: Option<u8>,
    /// Prefix mode: the whole query matched already; any continuation matches.
    done: Option<u8>,
}

impl Row {
    /// Edits needed for the term read so far (prefix mode: for the first
    /// prefix within reach); [`FAR`] for anything beyond [`MAX_EDITS`].
    pub fn distance(&self) -> u8 {
        self.done.unwrap_or(FAR)
    }

    /// D(i, j) for the query's column `j`, if `j` lies in the band.
    fn at(&self, j: usize) -> u8 {
        let k = (j + usize::from(MAX_EDITS)).wrapping_sub(self.read);
        self.cur.get(k).copied().unwrap_or(FAR)
    }
}

impl<'q> Fuzzy<'q> {
    /// `max` is capped at [`MAX_EDITS`].
    pub fn new(query: &'q str, max: u8, prefix: bool, budget: u32) -> Self {
        Self {
            query: query.as_bytes(),
            max: max.min(MAX_EDITS),
            prefix,
            keep_first: false,
            budget: Cell::new(budget),
        }
    }

    /// With `keep`, only terms that begin with the query's first byte
    /// match: the walk skips every other first letter.
    pub fn keep_first_byte(mut self, keep: bool) -> Self {
        self.keep_first = keep;
        self
    }

    /// Whether the walk stopped because the budget ran out.
    pub fn exhausted(&self) -> bool {
        self.budget.get() == 0
    }

    /// Sets the row's distance to the whole query; in prefix mode only once
    /// it is within reach, after which every continuation matches.
    fn finish(&self, row: &mut Row) {
        let end = row.at(self.query.len());
        row.done = (!self.prefix || end <= self.max).then_some(end);
    }
}

impl Automaton for Fuzzy<'_> {
    type State = Option<Row>;

    fn start(&self) -> Option<Row> {
        let m = usize::from(MAX_EDITS);
        // Row 0: D(0, j) = j.
        let cur = std::array::from_fn(|k| {
            k.checked_sub(m)
                .filter(|&j| j <= self.query.len())
                .map_or(FAR, |j| (j as u8).min(FAR))
        });
        let mut row = Row {
            read: 0,
            cur,
            prev: [FAR; BAND],
            last: None,
            done: None,
        };
        self.finish(&mut row);
        Some(row)
    }

    fn is_match(&self, state: &Option<Row>) -> bool {
        state.as_ref().is_some_and(|r| r.distance() <= self.max)
    }

    fn can_match(&self, state: &Option<Row>) -> bool {
        self.budget.get() > 0
            && state.as_ref().is_some_and(|r| {
                (self.prefix && r.distance() <= self.max) || r.cur.iter().any(|&d| d <= self.max)
            })
    }

    fn accept(&self, state: &Option<Row>, byte: u8) -> Option<Row> {
        let row = state.as_ref()?;
        if self.keep_first && row.read == 0 && self.query.first() != Some(&byte) {
            return None;
        }
        // The first byte is free: the dictionary is cut into groups by
        // their first bytes, and each group's map repeats that step, so a
        // walk costs the same however the dictionary is cut.
        let left = self.budget.get();
        if left == 0 {
            return None;
        }
        if row.read > 0 {
            self.budget.set(left - 1);
        }
        if self.prefix && row.distance() <= self.max {
            return Some(row.clone());
        }
        let q = self.query;
        let m = usize::from(MAX_EDITS);
        let i = row.read + 1;
        let mut next = [FAR; BAND];
        for k in 0..BAND {
            // Column j of row i; outside the table it stays FAR.
            let Some(j) = (i + k).checked_sub(m).filter(|&j| j <= q.len()) else {
                continue;
            };
            if j == 0 {
                next[k] = i.min(usize::from(FAR)) as u8;
                continue;
            }
            let cost = u8::from(q[j - 1] != byte);
            // From row i − 1: D(i−1, j) is its band's cell k + 1, D(i−1, j−1) its cell k.
            let above = row.cur.get(k + 1).copied().unwrap_or(FAR);
            let diagonal = row.cur[k];
            let left = if k > 0 { next[k - 1] } else { FAR };
            let mut d = (above + 1).min(left + 1).min(diagonal + cost);
            // D(i−2, j−2) is the band of row i − 2 at the same cell k.
            if j > 1 && row.read > 0 && row.last == Some(q[j - 1]) && q[j - 2] == byte {
                d = d.min(row.prev[k] + 1);
            }
            next[k] = d.min(FAR);
        }
        if next.iter().all(|&d| d > self.max) {
            return None;
        }
        let mut out = Row {
            read: i,
            cur: next,
            prev: row.cur,
            last: Some(byte),
            done: None,
        };
        self.finish(&mut out);
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fst::{IntoStreamer, Set, Streamer};

    fn matches(words: &[&str], query: &str, max: u8, prefix: bool) -> Vec<(String, u8)> {
        let mut sorted = words.to_vec();
        sorted.sort();
        let set = Set::from_iter(sorted).unwrap();
        let aut = Fuzzy::new(query, max, prefix, DEFAULT_BUDGET);
        let mut stream = set.search_with_state(&aut).into_stream();
        let mut out = Vec::new();
        while let Some((k, state)) = stream.next() {
            out.push((
                String::from_utf8(k.to_vec()).unwrap(),
                state.unwrap().distance(),
            ));
        }
        out
    }

    #[test]
    fn a_transposition_costs_one_edit() {
        let got = matches(&["zaehlerstand", "zaehler"], "zaehlerstnad", 1, false);
        assert_eq!(got, [("zaehlerstand".to_string(), 1)]);
    }

    #[test]
    fn insertions_deletions_and_substitutions_are_found_within_the_distance() {
        let words = ["rechnung", "rechnungen", "rechnen", "zeichnung"];
        let got: Vec<_> = matches(&words, "rechnug", 1, false)
            .into_iter()
            .map(|m| m.0)
            .collect();
        assert_eq!(got, ["rechnung"]);
        let got: Vec<_> = matches(&words, "rechnug", 2, false)
            .into_iter()
            .map(|m| m.0)
            .collect();
        assert_eq!(got, ["rechnen", "rechnung"]);
        let got: Vec<_> = matches(&words, "rechnungn", 1, false)
            .into_iter()
            .map(|m| m.0)
            .collect();
        assert_eq!(got, ["rechnung", "rechnungen"]);
    }

    #[test]
    fn prefix_mode_matches_completions_of_a_misspelt_start() {
        let got: Vec<_> = matches(&["zaehlerstand", "zahlung", "abschlag"], "zaelher", 1, true)
            .into_iter()
            .map(|m| m.0)
            .collect();
        assert_eq!(got, ["zaehlerstand"]);
    }

    #[test]
    fn distances_follow_word_length() {
        assert_eq!(max_distance(3), 0);
        assert_eq!(max_distance(4), 1);
        assert_eq!(max_distance(8), 2);
    }

    #[test]
    fn keeping_the_first_byte_drops_only_terms_that_begin_otherwise() {
        let words = ["zaehlerstand", "zahlerstand", "aehlerstand", "xaehlerstand"];
        let mut sorted = words.to_vec();
        sorted.sort();
        let set = Set::from_iter(sorted).unwrap();
        let found = |keep: bool| {
            let aut = Fuzzy::new("zaehlerstnad", 2, false, DEFAULT_BUDGET).keep_first_byte(keep);
            let mut stream = set.search_with_state(&aut).into_stream();
            let mut out = Vec::new();
            while let Some((k, _)) = stream.next() {
                out.push(String::from_utf8(k.to_vec()).unwrap());
            }
            out
        };
        assert_eq!(found(false).len(), 4);
        assert_eq!(found(true), ["zaehlerstand", "zahlerstand"]);
    }

    #[test]
    fn an_exhausted_budget_stops_the_walk() {
        let words: Vec<String> = (0..2000).map(|i| format!("wort{i:05}")).collect();
        let set = Set::from_iter(words.iter()).unwrap();
        let aut = Fuzzy::new("wort00000", 2, true, 50);
        let n = set.search(&aut).into_stream().into_strs().unwrap().len();
        assert!(aut.exhausted());
        assert!(n < 2000);
    }

    #[test]
    fn the_banded_rows_agree_with_the_full_table_on_many_random_words() {
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut word = |len: usize| -> String {
            (0..len)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    char::from(b"abcde"[(x % 5) as usize])
                })
                .collect()
        };
        let words: Vec<String> = (0..400).map(|i| word(1 + i % 9)).collect();
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let mut dedup = refs.clone();
        dedup.sort();
        dedup.dedup();
        for q in 0..60 {
            let query = word(1 + q % 10);
            for max in 0..=2 {
                let got = matches(&dedup, &query, max, false);
                let want: Vec<(String, u8)> = dedup
                    .iter()
                    .map(|w| (w.to_string(), osa(query.as_bytes(), w.as_bytes())))
                    .filter(|(_, d)| *d <= usize::from(max))
                    .map(|(w, d)| (w, d as u8))
                    .collect();
                assert_eq!(got, want, "{query} within {max}");
                // Prefix mode: some prefix of the word is within reach.
                let got: Vec<String> = matches(&dedup, &query, max, true)
                    .into_iter()
                    .map(|m| m.0)
                    .collect();
                let want: Vec<String> = dedup
                    .iter()
                    .filter(|w| {
                        (0..=w.len())
                            .any(|l| osa(query.as_bytes(), &w.as_bytes()[..l]) <= usize::from(max))
                    })
                    .map(|w| w.to_string())
                    .collect();
                assert_eq!(got, want, "prefix {query} within {max}");
            }
        }
    }

    /// Optimal string alignment distance: the full table, for comparison.
    fn osa(a: &[u8], b: &[u8]) -> usize {
        let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                }
            }
        }
        d[a.len()][b.len()]
    }

    #[test]
    fn the_automaton_agrees_with_a_direct_distance_computation() {
        let words = [
            "abschlag",
            "abschlaege",
            "ablesung",
            "anschluss",
            "abschluss",
            "ausschlag",
            "schlag",
        ];
        for q in [
            "abschalg",
            "abschlg",
            "ablseung",
            "anshcluss",
            "schlga",
            "xyz",
        ] {
            let got: Vec<String> = matches(&words, q, 2, false)
                .into_iter()
                .map(|m| m.0)
                .collect();
            let mut want: Vec<String> = words
                .iter()
                .filter(|w| osa(q.as_bytes(), w.as_bytes()) <= 2)
                .map(|w| w.to_string())
                .collect();
            want.sort();
            assert_eq!(got, want, "{q}");
        }
    }
}
