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
pub const DEFAULT_BUDGET: u32 = 20_000;

/// Allowed edits for a query word of `len` bytes: none for short words,
/// one from 4, two from 8.
pub fn max_distance(len: usize) -> u8 {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Matches index terms within `max` edits of `query`, or, in prefix mode,
/// terms that begin with something within `max` edits of it.
pub struct Fuzzy<'q> {
    query: &'q [u8],
    max: u8,
    prefix: bool,
    budget: Cell<u32>,
}

/// One row of the distance table plus what transpositions need.
#[derive(Clone, Debug)]
pub struct Row {
    prev: Vec<u8>,
    cur: Vec<u8>,
    last: Option<u8>,
    /// Prefix mode: the whole query matched already; any continuation matches.
    done: Option<u8>,
}

impl Row {
    /// Edits needed for the term read so far (prefix mode: for its best prefix).
    pub fn distance(&self) -> u8 {
        self.done
            .unwrap_or_else(|| *self.cur.last().expect("rows are never empty"))
    }
}

impl<'q> Fuzzy<'q> {
    pub fn new(query: &'q str, max: u8, prefix: bool, budget: u32) -> Self {
        Self {
            query: query.as_bytes(),
            max,
            prefix,
            budget: Cell::new(budget),
        }
    }

    /// Whether the walk stopped because the budget ran out.
    pub fn exhausted(&self) -> bool {
        self.budget.get() == 0
    }
}

impl Automaton for Fuzzy<'_> {
    type State = Option<Row>;

    fn start(&self) -> Option<Row> {
        let cur: Vec<u8> = (0..=self.query.len()).map(|i| i.min(255) as u8).collect();
        let done =
            (self.prefix && cur[self.query.len()] <= self.max).then_some(cur[self.query.len()]);
        Some(Row {
            prev: Vec::new(),
            cur,
            last: None,
            done,
        })
    }

    fn is_match(&self, state: &Option<Row>) -> bool {
        state.as_ref().is_some_and(|r| r.distance() <= self.max)
    }

    fn can_match(&self, state: &Option<Row>) -> bool {
        self.budget.get() > 0
            && state
                .as_ref()
                .is_some_and(|r| r.done.is_some() || r.cur.iter().any(|&d| d <= self.max))
    }

    fn accept(&self, state: &Option<Row>, byte: u8) -> Option<Row> {
        let row = state.as_ref()?;
        let left = self.budget.get();
        if left == 0 {
            return None;
        }
        self.budget.set(left - 1);
        if row.done.is_some() {
            return Some(row.clone());
        }
        let q = self.query;
        let mut next = Vec::with_capacity(row.cur.len());
        next.push(row.cur[0].saturating_add(1));
        for j in 1..=q.len() {
            let cost = u8::from(q[j - 1] != byte);
            let mut d = (row.cur[j].saturating_add(1))
                .min(next[j - 1].saturating_add(1))
                .min(row.cur[j - 1].saturating_add(cost));
            if j > 1 && row.last == Some(q[j - 1]) && q[j - 2] == byte && !row.prev.is_empty() {
                d = d.min(row.prev[j - 2].saturating_add(1));
            }
            next.push(d);
        }
        if !self.prefix && next.iter().all(|&d| d > self.max) {
            return None;
        }
        let end = next[q.len()];
        let done = (self.prefix && end <= self.max).then_some(end);
        if self.prefix && done.is_none() && next.iter().all(|&d| d > self.max) {
            return None;
        }
        Some(Row {
            prev: row.cur.clone(),
            cur: next,
            last: Some(byte),
            done,
        })
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
    fn an_exhausted_budget_stops_the_walk() {
        let words: Vec<String> = (0..2000).map(|i| format!("wort{i:05}")).collect();
        let set = Set::from_iter(words.iter()).unwrap();
        let aut = Fuzzy::new("wort00000", 2, true, 50);
        let n = set.search(&aut).into_stream().into_strs().unwrap().len();
        assert!(aut.exhausted());
        assert!(n < 2000);
    }

    #[test]
    fn the_automaton_agrees_with_a_direct_distance_computation() {
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
