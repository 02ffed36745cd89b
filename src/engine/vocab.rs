//! The vocabulary of one locale: TERMS (surface words and stems in `fst`
//! maps, one per first two bytes, see [`crate::format::lexicon`]) and the few
//! odd stems of STEMS, behind look-ups that keep words and stems apart.
//!
//! A group's map may be in a part that has not arrived: a look-up
//! there finds nothing and the part is noted as missed (like postings),
//! so results fill in once the host has fetched it.

use crate::format::lexicon::{open_map, Directory, PINNED_ABSENT};
use crate::format::{DisplayIndex, Pool, Spelling, TermValue};
use fst::{Automaton, IntoStreamer, Streamer};

/// Most transitions [`Vocab::shortest_completions`] follows.
pub const MAX_WALK: usize = 4096;

/// Words and stems of one locale, read in place.
#[derive(Debug)]
pub struct Vocab<'a> {
    directory: Directory<'a>,
    words: Pool<'a>,
    odd_stems: fst::Map<&'a [u8]>,
}

impl<'a> Vocab<'a> {
    pub fn new(directory: Directory<'a>, words: Pool<'a>, odd_stems: fst::Map<&'a [u8]>) -> Self {
        Self {
            directory,
            words,
            odd_stems,
        }
    }

    /// The pool of the groups' bodies (WORDS), for parts that arrive.
    pub(crate) fn pool(&self) -> &Pool<'a> {
        &self.words
    }

    /// Group `g`'s map, read in place (a header read, so it is not kept):
    /// `None` while its part has not arrived (then noted), or if it is
    /// corrupt.
    fn map_at(&self, g: usize) -> Option<fst::Map<&'a [u8]>> {
        let (at, len) = self.directory.groups[g].map;
        open_map(self.words.get(at, Some(at.checked_add(len)?))?).ok()
    }

    /// The map of the group that holds `key` (or the keys that begin with it).
    fn map(&self, key: &[u8]) -> Option<fst::Map<&'a [u8]>> {
        self.map_at(self.directory.group_of(key)?)
    }

    /// Whether the group that would hold `word` can be read: false (and
    /// noted) while its part has not arrived. A walk over a whole letter
    /// waits for it, so a word that its own group holds never fetches
    /// the letter's other groups.
    pub fn group_ready(&self, word: &str) -> bool {
        self.directory
            .group_of(word.as_bytes())
            .is_none_or(|g| self.map_at(g).is_some())
    }

    /// The value of `key`: PINNED holds the words that every query may
    /// look up across letters, so those fetch no group; any other from its
    /// group (once it arrives).
    fn value(&self, key: &[u8]) -> Option<u64> {
        if let Some(v) = self.directory.pinned.get(key) {
            return (v != PINNED_ABSENT).then_some(v);
        }
        self.map(key)?.get(key)
    }

    /// The postings offset of a folded surface word of the index.
    pub fn get(&self, word: impl AsRef<[u8]>) -> Option<u64> {
        self.value(word.as_ref()).and_then(TermValue::word_offset)
    }

    /// The postings offset of the entries with the alias whose
    /// [`phrase_key`](crate::format::phrase_key) is `key`.
    pub fn phrase(&self, key: &str) -> Option<u64> {
        self.value(key.as_bytes())
            .and_then(TermValue::phrase_offset)
    }

    /// Whether a compound split of `word` may find parts: false only for
    /// a surface word of the index that the compiler found splits into
    /// no other words of it, so the parts' letters need not be looked up.
    pub fn may_split(&self, word: &str) -> bool {
        self.value(word.as_bytes())
            .map(TermValue::decode)
            .is_none_or(|v| !v.word || v.splits)
    }

    /// Whether `word` is a surface word of the index.
    pub fn contains_key(&self, word: impl AsRef<[u8]>) -> bool {
        self.get(word).is_some()
    }

    /// The postings offset of a stem.
    pub fn stem(&self, stem: &str) -> Option<u64> {
        self.odd_stems.get(stem).or_else(|| {
            let v = TermValue::decode(self.value(stem.as_bytes())?);
            v.stem.then_some(v.offset)
        })
    }

    /// The postings offset of a stem, only if it can be read without its
    /// group: an odd stem or a pinned one (a participle's stem, which the
    /// other inflections of its verb look up across letters, see
    /// [`inflection`](crate::analysis::inflection)). Never notes a group
    /// as missed.
    pub fn stem_without_group(&self, stem: &str) -> Option<u64> {
        self.odd_stems.get(stem).or_else(|| {
            let v = self.directory.pinned.get(stem)?;
            let v = TermValue::decode((v != PINNED_ABSENT).then_some(v)?);
            v.stem.then_some(v.offset)
        })
    }

    /// How a folded index word is spelt where folding changed it (inner
    /// `None`: as folded). `None` while its group's spellings have not
    /// arrived (then noted): only a suggestion shown to the visitor reads
    /// them, so a search never waits for them.
    pub fn spelling(&self, term: &str) -> Option<Option<Spelling<'a>>> {
        let Some(g) = self.directory.group_of(term.as_bytes()) else {
            return Some(None);
        };
        let (at, len) = self.directory.groups[g].spellings;
        let bytes = self.words.get(at, Some(at.checked_add(len)?))?;
        Some(DisplayIndex::open(bytes).ok().and_then(|d| d.get(term)))
    }

    /// The `k` shortest surface words longer than `prefix` that begin with
    /// it (ties in key order), with their postings offsets. A breadth-first
    /// walk from the prefix's node reads no deeper than the k-th shortest
    /// word, and at most [`MAX_WALK`] transitions: a short prefix of a
    /// large vocabulary costs as little as a long one.
    ///
    /// A one-byte prefix walks without that bound (its k shortest words
    /// lie a level or two down), since where the
    /// dictionary is cut by two bytes its completions are the directory's
    /// (at most [`LETTER_COMPLETIONS`](crate::format::lexicon::LETTER_COMPLETIONS)),
    /// exact, so the first letter typed fetches nothing.
    /// An empty prefix has no completions: every query word has a first letter.
    pub fn shortest_completions(&self, prefix: &str, k: usize) -> Vec<(String, u64)> {
        let one_byte = prefix.len() == 1;
        if let (&[first], 2) = (prefix.as_bytes(), self.directory.key_bytes) {
            let found = self.directory.letter(first).into_iter();
            return found
                .filter_map(|(w, code)| Some((w, TermValue::word_offset(code)?)))
                .take(k)
                .collect();
        }
        let Some(map) = self.map(prefix.as_bytes()) else {
            return Vec::new();
        };
        let fst = map.as_fst();
        let mut node = fst.root();
        let mut out = fst::raw::Output::zero();
        for &b in prefix.as_bytes() {
            let Some(i) = node.find_input(b) else {
                return Vec::new();
            };
            let t = node.transition(i);
            out = out.cat(t.out);
            node = fst.node(t.addr);
        }
        let mut found = Vec::new();
        // One level of the walk: nodes in key order, and their keys, all of
        // one length, end to end.
        let mut level = vec![(node.addr(), out)];
        let mut keys = prefix.as_bytes().to_vec();
        let mut len = prefix.len();
        // A letter's walk is exact, as LETTERS is where it is cut in two.
        let mut budget = if one_byte { usize::MAX } else { MAX_WALK };
        while !level.is_empty() && found.len() < k {
            let (mut next, mut next_keys) = (Vec::new(), Vec::new());
            for (i, &(addr, out)) in level.iter().enumerate() {
                let key = &keys[i * len..(i + 1) * len];
                for t in fst.node(addr).transitions() {
                    if budget == 0 {
                        return found;
                    }
                    budget -= 1;
                    let child = fst.node(t.addr);
                    let out = out.cat(t.out);
                    next_keys.extend_from_slice(key);
                    next_keys.push(t.inp);
                    if child.is_final() {
                        let value = out.cat(child.final_output()).value();
                        if let Some(offset) = TermValue::word_offset(value) {
                            let word = &next_keys[next_keys.len() - len - 1..];
                            found.push((crate::utf8::lossy(word), offset));
                            if found.len() == k {
                                return found;
                            }
                        }
                    }
                    if !child.is_empty() {
                        next.push((t.addr, out));
                    } else {
                        next_keys.truncate(next_keys.len() - len - 1);
                    }
                }
            }
            level = next;
            keys = next_keys;
            len += 1;
        }
        found
    }

    /// The `k` surface words longer than `prefix` that begin with it and
    /// rank first by `rank` (lowest first; ties in key order), with their
    /// postings offsets, among the first `max_scan` such words in key order.
    /// Only words that make the list are copied out of the stream.
    pub fn best_completions<R: Ord>(
        &self,
        prefix: &str,
        max_scan: usize,
        k: usize,
        mut rank: impl FnMut(&[u8], u64) -> R,
    ) -> Vec<(String, u64)> {
        if prefix.is_empty() {
            return Vec::new();
        }
        let automaton = fst::automaton::Str::new(prefix).starts_with();
        let mut top: Vec<(R, String, u64)> = Vec::with_capacity(k + 1);
        let mut scanned = 0;
        for g in self.directory.groups_beginning(prefix.as_bytes()) {
            // Checked before the group is read, so a full scan notes no part.
            if scanned >= max_scan {
                break;
            }
            let Some(map) = self.map_at(g) else {
                continue;
            };
            let mut stream = map.search(&automaton).into_stream();
            while let Some((key, value)) = stream.next() {
                if scanned >= max_scan {
                    break;
                }
                let Some(offset) = TermValue::word_offset(value) else {
                    continue;
                };
                if key.len() <= prefix.len() {
                    continue;
                }
                scanned += 1;
                let r = rank(key, offset);
                if top.len() == k && top.last().is_none_or(|last| r >= last.0) {
                    continue;
                }
                let at = top.partition_point(|x| x.0 <= r);
                top.insert(at, (r, crate::utf8::lossy(key), offset));
                top.truncate(k);
            }
        }
        top.into_iter().map(|(_, w, o)| (w, o)).collect()
    }

    /// Calls `f` with each surface word `automaton` accepts, its postings
    /// offset and the automaton's state, in key order, until `f` says stop.
    /// Keys that are only stems are skipped. With `first`, only keys that
    /// begin with that byte are walked (an automaton that keeps the first
    /// letter reaches no others). Returns false when a group the walk
    /// needed has not arrived (it is noted, and the walk went on without it).
    pub fn walk_words<A>(
        &self,
        automaton: A,
        first: Option<u8>,
        mut f: impl FnMut(&[u8], u64, A::State) -> bool,
    ) -> bool
    where
        A: Automaton,
        A::State: Clone,
    {
        let groups = self.directory.groups_beginning(first.as_slice());
        let mut complete = true;
        for g in groups {
            let Some(map) = self.map_at(g) else {
                complete = false;
                continue;
            };
            let mut stream = map.search_with_state(&automaton).into_stream();
            while let Some((key, value, state)) = stream.next() {
                if let Some(offset) = TermValue::word_offset(value) {
                    if !f(key, offset, state) {
                        return complete;
                    }
                }
            }
        }
        complete
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::lexicon::{write_lexicon, Lexicon, LETTER_COMPLETIONS};
    use crate::format::pool::PartTable;
    use crate::format::SectionKind;

    /// A vocabulary of `words` with their offsets; words beginning with
    /// "stem" are only stems.
    fn vocab(words: &[(&str, u64)]) -> Lexicon {
        vocab_cut(words, 2)
    }

    /// The same, in groups cut by `k` first bytes.
    fn vocab_cut(words: &[(&str, u64)], k: usize) -> Lexicon {
        let mut sorted = words.to_vec();
        sorted.sort();
        let keys: Vec<(&[u8], u64)> = sorted
            .iter()
            .map(|&(w, offset)| {
                let stem = w.starts_with("stem");
                let v = TermValue {
                    offset,
                    word: !stem,
                    stem,
                    splits: false,
                };
                (w.as_bytes(), v.encode())
            })
            .collect();
        write_lexicon(keys, &[], &[], k)
    }

    fn open(lex: &Lexicon) -> Vocab<'_> {
        let dir = Directory::open(&lex.directory).unwrap();
        Vocab::new(dir, Pool::Whole(&lex.words), empty_map())
    }

    fn empty_map() -> fst::Map<&'static [u8]> {
        static EMPTY: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
        let bytes = EMPTY.get_or_init(|| fst::MapBuilder::memory().into_inner().unwrap());
        fst::Map::new(bytes.as_slice()).unwrap()
    }

    #[test]
    fn best_completions_rank_by_the_callers_order_and_break_ties_by_key() {
        let map = vocab(&[
            ("ab", 1),
            ("abc", 2),
            ("abd", 3),
            ("abcdef", 4),
            ("abx", 5),
            ("b", 6),
        ]);
        let v = open(&map);
        let shortest = v.best_completions("ab", 100, 2, |key, _| key.len());
        assert_eq!(shortest, [("abc".to_string(), 2), ("abd".to_string(), 3)]);
        let longest = v.best_completions("ab", 100, 2, |key, _| std::cmp::Reverse(key.len()));
        assert_eq!(longest[0], ("abcdef".to_string(), 4));
        // Only the first two words after the prefix itself are read.
        let scanned = v.best_completions("ab", 2, 5, |_, o| std::cmp::Reverse(o));
        assert_eq!(scanned, [("abcdef".to_string(), 4), ("abc".to_string(), 2)]);
        assert!(v
            .best_completions("ab", 100, 0, |key, _| key.len())
            .is_empty());
    }

    #[test]
    fn the_shortest_completions_are_those_of_a_full_sort() {
        // A deterministic vocabulary of words over a small alphabet.
        let mut x = 0x2545_f491_4f6c_dd1d_u64;
        let mut words: Vec<(String, u64)> = (0..600)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let len = 1 + (x % 7) as usize;
                let w: String = (0..len)
                    .map(|j| char::from(b'a' + ((x >> (8 + 3 * j)) % 4) as u8))
                    .collect();
                (w, i)
            })
            .collect();
        words.sort();
        words.dedup_by(|a, b| a.0 == b.0);
        let pairs: Vec<(&str, u64)> = words.iter().map(|(w, o)| (w.as_str(), *o)).collect();
        for (cut, prefix, k) in [1, 2].into_iter().flat_map(|cut| {
            ["a", "b", "ab", "dd", "abc", "cab", "x"]
                .into_iter()
                .flat_map(move |prefix| [0, 1, 2, 3, 8, 50].map(|k| (cut, prefix, k)))
        }) {
            let map = vocab_cut(&pairs, cut);
            let v = open(&map);
            let mut want: Vec<(String, u64)> = words
                .iter()
                .filter(|(w, _)| w.starts_with(prefix) && w.len() > prefix.len())
                .cloned()
                .collect();
            want.sort_by(|a, b| a.0.len().cmp(&b.0.len()).then_with(|| a.0.cmp(&b.0)));
            // Cut by two bytes, a letter keeps its first few in the directory.
            let kept = if prefix.len() == 1 && cut == 2 {
                LETTER_COMPLETIONS
            } else {
                k
            };
            want.truncate(k.min(kept));
            let got = v.shortest_completions(prefix, k);
            assert_eq!(got, want, "cut by {cut}: {prefix} {k}");
        }
    }

    #[test]
    fn keys_that_are_only_stems_are_no_completions() {
        let map = vocab(&[("stema", 1), ("stemb", 2), ("stemmed", 3)]);
        let v = open(&map);
        assert!(v
            .best_completions("stem", 10, 10, |key, _| key.len())
            .is_empty());
        assert!(v.shortest_completions("stem", 10).is_empty());
    }

    /// A vocabulary whose maps are each a part, and all spellings one
    /// more, none of them here: each part's key and bytes.
    fn in_parts(lex: &Lexicon) -> (Vocab<'_>, Vec<(u64, &'static [u8])>) {
        let [(_, maps_end, maps), _] = lex.cuts();
        let mut ends = maps[1..].to_vec();
        ends.push(maps_end);
        ends.push(lex.words.len());
        let starts = maps.iter().copied().chain([maps_end]);
        let parts: Vec<&'static [u8]> = starts
            .zip(&ends)
            .map(|(s, &e)| &*Box::leak(lex.words[s..e].to_vec().into_boxed_slice()))
            .collect();
        let table = PartTable {
            kind: SectionKind::Words,
            locale: 0,
            pack: 1,
            parts: parts.iter().map(|p| (p.len() as u32, 0)).collect(),
        };
        let dir = Directory::open(&lex.directory).unwrap();
        // Table 0's part i has key i.
        let keyed = (0..).zip(parts).collect();
        (Vocab::new(dir, Pool::parts(&table, 0), empty_map()), keyed)
    }

    fn word_code(offset: u64) -> u64 {
        TermValue::word_code(offset)
    }

    fn missed(v: &Vocab<'_>) -> Vec<u64> {
        let mut out = Vec::new();
        v.pool().take_missed(&mut out);
        out
    }

    #[test]
    fn a_word_whose_group_has_not_arrived_is_unknown_until_it_does() {
        let lex = vocab(&[("apfel", 1), ("banane", 2), ("birne", 3)]);
        let (v, parts) = in_parts(&lex);
        let [_, ba, bi, ..] = parts[..] else {
            panic!("a part per group: {}", parts.len())
        };
        assert_eq!(v.get("birne"), None);
        assert!(v.shortest_completions("bi", 5).is_empty());
        assert_eq!(missed(&v), vec![bi.0], "only the bi group");
        assert!(v.pool().add(bi.0, bi.1));
        assert_eq!(v.get("birne"), Some(3));
        assert_eq!(v.shortest_completions("bi", 5), [("birne".into(), 3)]);
        assert_eq!(v.get("banane"), None, "another group of the same letter");
        assert_eq!(missed(&v), vec![ba.0]);
    }

    #[test]
    fn a_one_letter_prefix_completes_from_the_directory_without_a_group() {
        let lex = vocab(&[("bb", 5), ("banane", 2), ("birne", 3), ("stemb", 4)]);
        let (v, _) = in_parts(&lex);
        assert_eq!(
            v.shortest_completions("b", 5),
            [("bb".into(), 5), ("birne".into(), 3)],
            "the directory keeps a letter's first two"
        );
        assert_eq!(v.shortest_completions("b", 1), [("bb".into(), 5)]);
        assert!(missed(&v).is_empty(), "nothing to fetch");
        assert!(
            v.shortest_completions("s", 5).is_empty(),
            "stems are no words"
        );
    }

    #[test]
    fn a_search_look_up_fetches_a_map_and_only_a_shown_spelling_fetches_spellings() {
        let keys: Vec<(&[u8], u64)> = vec![(b"zaehler", word_code(3)), (b"zins", word_code(4))];
        let lex = write_lexicon(keys, &[("zaehler", Spelling::Unfold(1))], &[], 2);
        let (v, parts) = in_parts(&lex);
        let (map, spellings) = (parts[0], parts[2]);
        assert_eq!(v.get("zaehler"), None);
        assert_eq!(missed(&v), vec![map.0], "the map alone");
        assert!(v.pool().add(map.0, map.1));
        assert_eq!(v.get("zaehler"), Some(3));
        assert!(missed(&v).is_empty());
        assert_eq!(v.spelling("zaehler"), None, "not here yet");
        assert_eq!(missed(&v), vec![spellings.0]);
        assert!(v.pool().add(spellings.0, spellings.1));
        assert_eq!(v.spelling("zaehler"), Some(Some(Spelling::Unfold(1))));
        assert_eq!(v.spelling("zins"), Some(None), "spelt as folded");
        assert_eq!(v.spelling("apfel"), Some(None), "a letter without a group");
    }

    #[test]
    fn pinned_words_answer_without_their_group() {
        let keys: Vec<(&[u8], u64)> = vec![(b"kasse", word_code(4)), (b"zahlung", word_code(5))];
        let lex = write_lexicon(
            keys,
            &[],
            &[("kennwort", None), ("zahlung", Some(word_code(5)))],
            2,
        );
        let (v, _) = in_parts(&lex);
        assert_eq!(v.get("zahlung"), Some(5));
        assert!(!v.contains_key("kennwort"));
        assert!(missed(&v).is_empty(), "nothing to fetch");
        assert!(!v.contains_key("kasse"));
        assert_eq!(missed(&v).len(), 1);
    }

    #[test]
    fn a_walk_over_the_groups_meets_the_words_of_one_map_in_its_order() {
        let words = [
            ("zebra", 1),
            ("apfel", 2),
            ("ampel", 3),
            ("birne", 4),
            ("\u{e4}pfel", 5),
            ("stemx", 6),
        ];
        let lex = vocab(&words);
        let v = open(&lex);
        let mut all = Vec::new();
        assert!(v.walk_words(fst::automaton::AlwaysMatch, None, |k, o, _| {
            all.push((String::from_utf8_lossy(k).into_owned(), o));
            true
        }));
        let mut want: Vec<(String, u64)> = words
            .iter()
            .filter(|(w, _)| !w.starts_with("stem"))
            .map(|&(w, o)| (w.to_string(), o))
            .collect();
        want.sort();
        assert_eq!(all, want);
        let mut a = Vec::new();
        v.walk_words(fst::automaton::AlwaysMatch, Some(b'a'), |k, _, _| {
            a.push(String::from_utf8_lossy(k).into_owned());
            true
        });
        assert_eq!(a, ["ampel", "apfel"]);
        let (v, _) = in_parts(&lex);
        assert!(!v.walk_words(fst::automaton::AlwaysMatch, Some(b'a'), |_, _, _| true));
    }
}
