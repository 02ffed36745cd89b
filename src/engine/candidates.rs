//! Stage 2, candidates: each query word becomes the index entries it may
//! stand for, weighted by how sure the match is.
//!
//! The exact word, then its stem and the stems of its other inflections
//! that the stemmer leaves apart, completions of the word being typed,
//! synonyms, the word it forms with its neighbour, and only when none of
//! these exist, typo-tolerant matches. In a language that glues compounds,
//! a finished word also stands for the words of its family.

use super::bundle::LocaleIndex;
use super::fuzzy::{max_distance, Fuzzy, DEFAULT_BUDGET};
use super::plan::Word;
use super::rank::RankWeights;
use crate::analysis::{self, inflection, Analyzer, Lang};

/// Most index terms one prefix or fuzzy match may expand to.
pub const MAX_EXPANSIONS: usize = 8;

/// Shortest stem, in bytes, whose family is looked up: shorter stems
/// ("test", "haus") begin too many unrelated words.
pub const MIN_FAMILY_STEM: usize = 5;

/// How a candidate matched its query word; the order is the order of trust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchKind {
    Exact,
    Stem,
    Inflection,
    Prefix,
    Synonym,
    Compound,
    Family,
    Fuzzy,
}

/// An index entry (postings offset) matched by a query word, and its weight.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub(crate) offset: u64,
    pub(crate) weight: f32,
    pub(crate) kind: MatchKind,
    /// The index word matched, for explanations.
    pub(crate) term: String,
    /// Document frequency to rank it by instead of its own: a synonym
    /// counts no rarer than the word the visitor typed.
    pub(crate) df: Option<usize>,
}

/// Every query word's candidates: its own, then synonyms and the words it
/// forms with a neighbour.
pub(crate) fn expand(
    index: &LocaleIndex<'_>,
    lang: Lang,
    words: &[Word],
    w: &RankWeights,
) -> Vec<Vec<Candidate>> {
    let mut cands: Vec<Vec<Candidate>> = words
        .iter()
        .map(|word| candidates(index, lang, word, w))
        .collect();
    add_synonyms(index, lang, words, &mut cands, w);
    add_joined(index, words, &mut cands, w);
    cands
}

/// Adds `c` unless a candidate for the same entry is already at least as strong.
fn push(cands: &mut Vec<Candidate>, c: Candidate) {
    match cands.iter_mut().find(|x| x.offset == c.offset) {
        Some(x) if x.weight >= c.weight => {}
        Some(x) => *x = c,
        None => cands.push(c),
    }
}

/// The candidates of one query word.
pub(crate) fn candidates(
    index: &LocaleIndex<'_>,
    lang: Lang,
    word: &Word,
    w: &RankWeights,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    let t = &word.token;
    let scale = match (word.part, word.token.stop) {
        (_, true) if lang.is_question_word(&word.token.term) => w.stop_word,
        (_, true) => w.function_word,
        (true, _) => w.compound,
        _ => 1.0,
    };
    if let Some(offset) = index.terms.get(&t.term) {
        push(
            &mut out,
            Candidate {
                offset,
                weight: scale,
                kind: MatchKind::Exact,
                term: t.term.clone(),
                df: None,
            },
        );
    }
    if let Some(offset) = index.terms.stem(&t.stem) {
        push(
            &mut out,
            Candidate {
                offset,
                weight: scale * w.stem,
                kind: MatchKind::Stem,
                term: t.stem.clone(),
                df: None,
            },
        );
    }
    if !t.stop && !word.open {
        add_inflections(index, lang, &t.stem, scale * w.inflection, &mut out);
    }
    for part in &word.parts {
        if let Some(offset) = index.terms.get(part) {
            push(
                &mut out,
                Candidate {
                    offset,
                    weight: w.compound,
                    kind: MatchKind::Compound,
                    term: part.clone(),
                    df: None,
                },
            );
        }
    }
    if word.open && (analysis::char_count(&t.term) >= 2 || out.is_empty()) {
        // The closest completions (shortest words): the fewer letters
        // typed, the fewer, since each costs a postings walk.
        let cap = match analysis::char_count(&t.term) {
            1 => MAX_EXPANSIONS / 4,
            2 => MAX_EXPANSIONS / 2,
            _ => MAX_EXPANSIONS,
        };
        for (term, offset) in index.terms.shortest_completions(&t.term, cap) {
            // A stop word typed in full ("sein") is more likely finished
            // than the start of a content word ("seinen"): its completions
            // weigh no more than the stop word itself.
            let weight = scale * w.prefix * closeness(&t.term, &term);
            push(
                &mut out,
                Candidate {
                    offset,
                    weight,
                    kind: MatchKind::Prefix,
                    term,
                    df: None,
                },
            );
        }
    }
    if out.is_empty() && !t.stop {
        for m in typos(index, lang, &t.term, word.open) {
            let completion = if word.open {
                (t.term.len() as f32 / m.term.len() as f32).min(1.0)
            } else {
                1.0
            };
            let weight = w.fuzzy * (1.0 - 0.25 * f32::from(m.distance)) * (0.5 + 0.5 * completion);
            push(
                &mut out,
                Candidate {
                    offset: m.offset,
                    weight,
                    kind: MatchKind::Fuzzy,
                    term: m.term,
                    df: None,
                },
            );
        }
    }
    if lang.glues_compounds() && !word.open && !word.part && !t.stop {
        add_family(index, &t.stem, scale * w.family, &mut out);
        // And the family of its root, where an inflection found one
        // ("angerufen" → anruf → Anrufbeantworter, "Coronavirus" →
        // coronavir → Coronaviren): the shorter forms are the roots.
        let roots: Vec<String> = out
            .iter()
            .filter(|c| c.kind == MatchKind::Inflection && c.term.len() < t.stem.len())
            .map(|c| c.term.clone())
            .collect();
        for root in roots {
            add_family(index, &root, scale * w.family, &mut out);
        }
    }
    out
}

/// The stems of the word's other inflections that the stemmer leaves
/// apart ("geimpft" → impf). They are the same word, so each counts as
/// common as the word's most common form: a rare form ("anzustecken")
/// must not outweigh the form the visitor typed where the kb has it.
fn add_inflections(
    index: &LocaleIndex<'_>,
    lang: Lang,
    stem: &str,
    weight: f32,
    out: &mut Vec<Candidate>,
) {
    if weight <= 0.0 {
        return;
    }
    // A form under another first letter is a participle ("impf" →
    // "geimpft"): the compiler pins the kb's participles, so looking one
    // up fetches no other letter's group. A participle's own root
    // ("geimpft" → "impf") is read from its group like any word's.
    let first = stem.as_bytes().first();
    let mut found: Vec<(String, u64)> = Vec::new();
    for s in inflection::stems(lang, stem) {
        let offset = if s.as_bytes().first() == first || stem.starts_with("ge") {
            index.terms.stem(&s)
        } else {
            index.terms.stem_without_group(&s)
        };
        if let Some(o) = offset {
            found.push((s, o));
        }
    }
    if found.is_empty() {
        return;
    }
    // The family's largest doc frequency, None for no family.
    let mut df = None;
    for o in out.iter().map(|c| c.offset) {
        df = df.max(Some(index.doc_freq(o)));
    }
    for &(_, o) in &found {
        df = df.max(Some(index.doc_freq(o)));
    }
    for (term, offset) in found {
        push(
            out,
            Candidate {
                offset,
                weight,
                kind: MatchKind::Inflection,
                term,
                df,
            },
        );
    }
}

/// A finished word's family: the index words that begin with its stem,
/// derived words and the compounds it leads ("impfen" → Impfung,
/// Impfstoff; "gefährdet" → Gefährdung). German builds them by suffix
/// and by gluing, where neither the stemmer (which keeps "impfung")
/// nor compound splitting (which needs "impf" as a word) relates them.
/// The closer the word is to the stem, the more it weighs, as for
/// completions. After the typo walk: a family never hides a typo. The
/// stem as the stemmer folds it ("gefahrd"): also looking it up as the
/// word spells it ("gefaehrd" → Gefährdung) lowered deepset de 0.3635 →
/// 0.3630 and the hard set 0.8835 → 0.8823.
fn add_family(index: &LocaleIndex<'_>, stem: &str, weight: f32, out: &mut Vec<Candidate>) {
    if weight <= 0.0 || stem.len() < MIN_FAMILY_STEM {
        return;
    }
    for (term, offset) in index.terms.shortest_completions(stem, MAX_EXPANSIONS) {
        push(
            out,
            Candidate {
                offset,
                weight: weight * closeness(stem, &term),
                kind: MatchKind::Family,
                term,
                df: None,
            },
        );
    }
}

/// How much a word that begins with `head` weighs beside `head` itself:
/// from 0.4 for a long word to 1 for `head` alone, by the share of it
/// that `head` is (completions of a typed word, a stem's family).
fn closeness(head: &str, word: &str) -> f32 {
    0.4 + 0.6 * (head.len() as f32 / word.len() as f32)
}

/// An index word within reach of a misspelt query word.
#[derive(Debug, Clone)]
pub(crate) struct Typo {
    pub(crate) term: String,
    pub(crate) offset: u64,
    pub(crate) distance: u8,
}

/// The index words a query word may be a misspelling of: the one typo
/// walk behind ranking and "did you mean" alike, so a correction offered
/// is always one the ranking also tried.
///
/// A finished word gets the edits its length allows ([`max_distance`]);
/// the word being typed one, matched as a prefix (it is still incomplete).
/// First only words with the same first letter (typos there are rare, and
/// walking every first letter costs the most); a walk that runs out of
/// budget before it finds anything is tried again with one edit (a two-edit
/// walk under a common start such as "un" can spend the whole budget on
/// other words); a word that still finds none gets one edit anywhere. Stop
/// words are never a correction: a typo is a content word the visitor
/// meant.
pub(crate) fn typos(index: &LocaleIndex<'_>, lang: Lang, term: &str, open: bool) -> Vec<Typo> {
    let mut first = max_distance(term.len());
    if open {
        first = first.min(1);
    }
    // The word's own group first: a word it holds is no typo, and the
    // walk over its letter's other groups waits until that is known.
    if first == 0 || !index.terms.group_ready(term) {
        return Vec::new();
    }
    let walk = |max: u8, keep_first: bool| {
        let automaton = Fuzzy::new(term, max, open, DEFAULT_BUDGET).keep_first_byte(keep_first);
        let mut found = Vec::new();
        // A walk that keeps the first letter reads only that letter's groups.
        let first = keep_first
            .then(|| term.as_bytes().first().copied())
            .flatten();
        let complete = index
            .terms
            .walk_words(&automaton, first, |key, offset, state| {
                let Ok(word) = std::str::from_utf8(key) else {
                    return true;
                };
                if !lang.is_stop_word(word) {
                    found.push(Typo {
                        term: word.to_string(),
                        offset,
                        distance: state.map_or(max, |s| s.distance()),
                    });
                }
                found.len() < MAX_EXPANSIONS
            });
        (found, automaton.exhausted(), complete)
    };
    let (found, exhausted, complete) = walk(first, true);
    // Without its letter's groups the walk is not over: they are noted,
    // and the query runs again once they arrive (no walk over every letter).
    if !found.is_empty() || !complete {
        return found;
    }
    if first > 1 && exhausted {
        let (found, _, _) = walk(1, true);
        if !found.is_empty() {
            return found;
        }
    }
    walk(1, false).0
}

/// Two neighbouring words that the index knows written as one ("corona
/// virus" → coronavirus, "zähler stand" → zählerstand) also match that
/// word, each of them as a compound part.
fn add_joined(
    index: &LocaleIndex<'_>,
    words: &[Word],
    cands: &mut [Vec<Candidate>],
    w: &RankWeights,
) {
    for i in 1..words.len() {
        let (a, b) = (&words[i - 1], &words[i]);
        if a.token.stop
            || b.token.stop
            || a.part
            || b.part
            || b.token.position != a.token.position + 1
        {
            continue;
        }
        let joined = crate::utf8::concat(&[a.token.term.as_str(), &b.token.term]);
        if let Some(offset) = index.terms.get(&joined) {
            for c in [i - 1, i] {
                push(
                    &mut cands[c],
                    Candidate {
                        offset,
                        weight: w.compound,
                        kind: MatchKind::Compound,
                        term: joined.clone(),
                        df: None,
                    },
                );
            }
        }
    }
}

/// Whether query word `word` is the synonym `member` (one folded word):
/// typed as the member, or in another form of it, whether or not the
/// knowledge base uses the member itself. A compound's parts stand for the
/// compound ("zählerablesung" split into parts is still the member).
fn names(
    word: &Word,
    own: &[Candidate],
    member: &str,
    member_offset: Option<u64>,
    analyzer: &Analyzer,
) -> bool {
    let t = &word.token;
    if t.term == member || word.whole.as_deref() == Some(member) {
        return true;
    }
    let direct = |o: u64| {
        own.iter()
            .any(|c| c.offset == o && matches!(c.kind, MatchKind::Exact | MatchKind::Stem))
    };
    if member_offset.is_some_and(direct) {
        return true;
    }
    // Another form of the member ("kennworts"): compared by stem, only for
    // members that begin like the word (stemming costs the most here).
    !word.part
        && t.term.get(..3).is_some_and(|h| member.starts_with(h))
        && t.stem == analyzer.stem(member)
}

/// Adds synonyms: a query word that is a member of a group brings the
/// group's other members. The word fires the group whether or not the
/// knowledge base uses it: a visitor's word the kb never uses ("kennwort"
/// where the kb says "Passwort") is why the group exists.
fn add_synonyms(
    index: &LocaleIndex<'_>,
    lang: Lang,
    words: &[Word],
    cands: &mut [Vec<Candidate>],
    w: &RankWeights,
) {
    let groups = index.synonym_groups();
    if groups.is_empty() {
        return;
    }
    let analyzer = Analyzer::new(lang);
    let mut pending: Vec<(usize, Vec<Candidate>, usize)> = Vec::new();
    for (g, members) in groups.iter().enumerate() {
        let mut pending_group = None;
        let mut skip_group = false;
        for i in 0..cands.len() {
            // The parts of one compound name it once, at its first part.
            let later_part = i > 0
                && words[i].whole.is_some()
                && words[i - 1].whole == words[i].whole
                && words[i - 1].token.position == words[i].token.position;
            if later_part {
                continue;
            }
            // Does a member start at word i (one word, or a phrase over the next words)?
            let hit = members.iter().position(|m| {
                m.iter().enumerate().all(|(k, (word, offset))| {
                    words
                        .get(i + k)
                        .is_some_and(|q| names(q, &cands[i + k], word, *offset, &analyzer))
                })
            });
            let Some(hit) = hit else { continue };
            // Two query words from one group: the visitor already used its
            // vocabulary, and expanding both would count the group twice.
            if pending_group == Some(g) {
                pending.retain(|(_, _, pg)| *pg != g);
                skip_group = true;
            }
            if skip_group {
                continue;
            }
            pending_group = Some(g);
            let own_df = cands[i]
                .iter()
                .filter(|c| matches!(c.kind, MatchKind::Exact | MatchKind::Stem))
                .map(|c| index.doc_freq(c.offset))
                .max()
                .unwrap_or(0);
            let mut extra: Vec<Candidate> = Vec::new();
            for (k, m) in members.iter().enumerate() {
                // Members the kb uses only.
                if k == hit || m.iter().any(|(_, o)| o.is_none()) {
                    continue;
                }
                let share = w.synonym / m.len() as f32;
                for (term, offset) in m {
                    let Some(offset) = *offset else { continue };
                    extra.push(Candidate {
                        offset,
                        weight: share,
                        kind: MatchKind::Synonym,
                        term: term.clone(),
                        df: Some(index.doc_freq(offset).max(own_df)),
                    });
                }
            }
            // Collected first, added after: `cands` is read by the loop.
            pending.push((i, extra, g));
        }
    }
    for (i, extra, _) in pending {
        // A word that is a synonym is a word, not a typo: its typo
        // matches go ("kennwort" is no misspelling of anything).
        if !extra.is_empty() {
            cands[i].retain(|c| c.kind != MatchKind::Fuzzy);
        }
        for c in extra {
            push(&mut cands[i], c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::plan::plan;
    use crate::engine::search::search;
    use crate::engine::suggest::did_you_mean;
    #[cfg(feature = "compiler")]
    use crate::engine::Bundle;

    fn first(q: &str, locale: &str) -> Option<String> {
        search(crate::embedded(), q, locale, 5)
            .into_iter()
            .next()
            .map(|h| h.id)
    }

    /// A bundle of German and English entries (`(lang, question, answer)`)
    /// compiled as the eval corpora are.
    #[cfg(feature = "compiler")]
    fn corpus_bundle(entries: &[(&str, &str, &str)]) -> Vec<u8> {
        let corpus: Vec<crate::eval::CorpusEntry> = entries
            .iter()
            .enumerate()
            .map(|(i, &(lang, question, answer))| crate::eval::CorpusEntry {
                id: format!("{lang}-{i}"),
                lang: lang.into(),
                question: question.into(),
                answer: answer.into(),
                category: None,
            })
            .collect();
        crate::eval::compile_corpus(&corpus)
    }

    #[cfg(feature = "compiler")]
    #[test]
    fn a_finished_german_word_finds_the_words_of_its_family_but_an_english_one_does_not() {
        let bytes = corpus_bundle(&[
            (
                "de",
                "Wo finde ich das Anmeldeformular für Katzen?",
                "Im Rathaus, ab Mai.",
            ),
            (
                "de",
                "Wo parke ich mein Fahrrad?",
                "Im Hof steht ein Ständer.",
            ),
            ("en", "When is the paintwork of the hall done?", "In May."),
            ("en", "Where do I park my bike?", "The rack is in the yard."),
        ]);
        let b = Bundle::open(&bytes).unwrap();
        let ids = |q: &str, locale: &str| -> Vec<String> {
            search(&b, q, locale, 5).into_iter().map(|h| h.id).collect()
        };
        // "anmelden" (stem "anmeld") is neither a word of the kb nor a
        // stem of one, nor a part the splitter knows in "anmeldeformular".
        let (index, lang) = b.search_locale("de").unwrap();
        let words = plan(index, &Analyzer::new(lang), "anmelden ");
        assert!(index.terms.get(&words[0].token.term).is_none());
        assert!(index.terms.stem(&words[0].token.stem).is_none());
        let w = RankWeights::default();
        let family: Vec<String> = candidates(index, lang, &words[0], &w)
            .into_iter()
            .filter(|c| c.kind == MatchKind::Family)
            .map(|c| c.term)
            .collect();
        assert_eq!(family, ["anmeldeformular"]);
        assert_eq!(ids("anmelden ", "de"), ["de-0"]);
        assert_eq!(ids("Fahrrad anmelden ", "de")[0], "de-1");
        // While typed, it is a completion as before, not a family.
        let typed = plan(index, &Analyzer::new(lang), "anmelden");
        assert!(candidates(index, lang, &typed[0], &w)
            .iter()
            .all(|c| c.kind != MatchKind::Family));
        // Off at weight 0, and nothing in English ("paint" stems "paint").
        let off = RankWeights { family: 0.0, ..w };
        assert!(crate::engine::search_with(&b, "anmelden ", "de", 5, &off).is_empty());
        let (en, en_lang) = b.search_locale("en").unwrap();
        let words = plan(en, &Analyzer::new(en_lang), "paints ");
        assert!(candidates(en, en_lang, &words[0], &w)
            .iter()
            .all(|c| c.kind != MatchKind::Family));
    }

    #[cfg(feature = "compiler")]
    #[test]
    fn a_german_participle_finds_the_entries_of_its_verb_counting_as_common_as_the_verb() {
        let bytes = corpus_bundle(&[
            (
                "de",
                "Wie kann ich mich vor einer Ansteckung schützen?",
                "Abstand halten.",
            ),
            (
                "de",
                "Wie groß ist die Gefahr, sich im Zug anzustecken?",
                "Gering.",
            ),
            ("de", "Wann wird der Zähler abgelesen?", "Einmal im Jahr."),
            ("de", "Wo parke ich mein Fahrrad?", "Im Hof."),
            ("de", "Wo parke ich mein Auto?", "Vor dem Haus."),
            ("en", "Who tested it?", "We did."),
        ]);
        let b = Bundle::open(&bytes).unwrap();
        let ids = |q: &str, w: &RankWeights| -> Vec<String> {
            crate::engine::search_with(&b, q, "de", 5, w)
                .into_iter()
                .map(|h| h.id)
                .collect()
        };
        let w = RankWeights::default();
        let off = RankWeights {
            inflection: 0.0,
            ..w
        };
        // Snowball stems "angesteckt" and "abgelesen" apart from their verbs.
        assert!(ids("angesteckt ", &off).is_empty());
        assert!(ids("ablesen ", &off).is_empty());
        let mut found = ids("angesteckt ", &w);
        found.sort();
        assert_eq!(found, ["de-0", "de-1"]);
        assert_eq!(ids("ablesen ", &w), ["de-2"]);
        // The rare form ("anzustecken", one entry) counts as common as the
        // typed word's own ("ansteckung", one entry, too): the entry with the
        // visitor's own word stays first.
        assert_eq!(ids("Ansteckung ", &w)[0], "de-0");
        let (index, lang) = b.search_locale("de").unwrap();
        let words = plan(index, &Analyzer::new(lang), "Ansteckung ");
        let cands = candidates(index, lang, &words[0], &w);
        let own = cands.iter().find(|c| c.kind == MatchKind::Exact).unwrap();
        let form = cands
            .iter()
            .find(|c| c.kind == MatchKind::Inflection)
            .unwrap();
        assert_eq!(form.term, "anzusteck");
        assert_eq!(form.df, Some(index.doc_freq(own.offset).max(1)));
        // English has no such rules.
        let (en, en_lang) = b.search_locale("en").unwrap();
        let words = plan(en, &Analyzer::new(en_lang), "testing ");
        assert!(candidates(en, en_lang, &words[0], &w)
            .iter()
            .all(|c| c.kind != MatchKind::Inflection));
    }

    #[cfg(feature = "compiler")]
    #[test]
    fn a_german_participle_brings_the_family_of_its_root() {
        let bytes = corpus_bundle(&[
            ("de", "Wer hört den Anrufbeantworter ab?", "Wir."),
            ("de", "Was kostet ein Anruf?", "Nichts."),
            ("de", "Wo parke ich?", "Im Hof."),
        ]);
        let b = Bundle::open(&bytes).unwrap();
        let ids = |w: &RankWeights| -> Vec<String> {
            let mut ids: Vec<String> = crate::engine::search_with(&b, "angerufen ", "de", 5, w)
                .into_iter()
                .map(|h| h.id)
                .collect();
            ids.sort();
            ids
        };
        let w = RankWeights::default();
        // "angerufen" (stem "angeruf") has the root "anruf", whose family
        // has "anrufbeantworter"; its own family has nothing.
        assert_eq!(ids(&w), ["de-0", "de-1"]);
        assert_eq!(ids(&RankWeights { family: 0.0, ..w }), ["de-1"]);
        assert!(ids(&RankWeights {
            inflection: 0.0,
            ..w
        })
        .is_empty());
    }

    #[test]
    fn a_synonym_group_expands_from_any_of_its_members_whether_or_not_the_kb_uses_it() {
        let b = crate::embedded();
        for (q, locale, want) in [
            ("kennwort", "de", "de/portal-login"),
            ("abzocke", "de", "de/fraud-warning"),
            ("zählerablesung", "de", "de/meter-reading"),
            ("passcode", "en", "en/portal-login"),
            ("wireless", "en", "en/router-setup"),
        ] {
            let (index, lang) = b.search_locale(locale).unwrap();
            let word = &plan(index, &Analyzer::new(lang), q)[0];
            let typed_word = word.whole.as_ref().unwrap_or(&word.token.term);
            assert!(
                !index.terms.contains_key(typed_word),
                "{q}: the kb must not use it for this test"
            );
            for typed in [q.to_string(), format!("{q} ")] {
                let hits: Vec<String> = search(b, &typed, locale, 3)
                    .into_iter()
                    .map(|h| h.id)
                    .collect();
                assert!(hits.iter().any(|h| h == want), "{typed:?}: {hits:?}");
            }
        }
        // A word the kb uses still fires its group.
        assert_eq!(
            first("ratenplan ", "de").as_deref(),
            Some("de/instalment-plan")
        );
    }

    #[test]
    fn every_query_word_gets_the_typo_tolerance_its_length_allows_consistent_with_did_you_mean() {
        let b = crate::embedded();
        let w = RankWeights::default();
        // Words that are not the last one, with the edits their length allows.
        for (q, locale, fixed, want) in [
            ("traiff switch", "en", "tariff switch", "en/change-tariff"),
            (
                "abschlga ändern",
                "de",
                "abschlag ändern",
                "de/change-instalment",
            ),
            (
                "zählerstnad melden",
                "de",
                "zählerstand melden",
                "de/meter-reading",
            ),
            (
                "kündiugng vertrag",
                "de",
                "kündigung vertrag",
                "de/cancel-contract",
            ),
        ] {
            assert_eq!(did_you_mean(b, q, locale).as_deref(), Some(fixed), "{q}");
            assert_eq!(first(q, locale).as_deref(), Some(want), "{q}");
            // Each correction is a candidate the ranking tried for that word.
            let (index, lang) = b.search_locale(locale).unwrap();
            let words = plan(index, &Analyzer::new(lang), q);
            let fixed_words = plan(index, &Analyzer::new(lang), &format!("{fixed} "));
            for (word, right) in words.iter().zip(&fixed_words) {
                if word.token.term != right.token.term {
                    let cands = candidates(index, lang, word, &w);
                    assert!(
                        cands
                            .iter()
                            .any(|c| c.term == right.token.term && c.kind == MatchKind::Fuzzy),
                        "{q}: {cands:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn no_typo_correction_lands_on_a_stop_word() {
        let b = crate::embedded();
        let (index, lang) = b.search_locale("de").unwrap();
        // One edit from stop words of the kb's questions: a walk without
        // the rule reaches them.
        let mut reached = 0;
        for typo in [
            "wirf", "sinf", "diex", "nocj", "wiee", "kamn", "eine", "habr",
        ] {
            let mut raw = Vec::new();
            index.terms.walk_words(
                Fuzzy::new(typo, 1, false, DEFAULT_BUDGET),
                None,
                |k, _, _| {
                    raw.push(String::from_utf8_lossy(k).into_owned());
                    true
                },
            );
            if raw.iter().any(|t| lang.is_stop_word(t)) {
                reached += 1;
            }
            let found = typos(index, lang, typo, false);
            assert!(
                found.iter().all(|t| !lang.is_stop_word(&t.term)),
                "{typo}: {found:?}"
            );
            let fixed = did_you_mean(b, &format!("{typo} zähler"), "de");
            assert!(
                fixed
                    .as_deref()
                    .is_none_or(|f| !f.split(' ').any(|w| lang.is_stop_word(w))),
                "{typo}: {fixed:?}"
            );
        }
        assert!(reached >= 3, "the walk must reach stop words: {reached}");
    }

    #[test]
    fn a_correct_compound_of_known_parts_finds_what_its_parts_find() {
        let parts = first("strom zähler wechsel", "de");
        assert_eq!(parts.as_deref(), Some("de/meter-change-appointment"));
        // Typed last (still open) and finished alike.
        for q in [
            "Stromzählerwechsel",
            "Stromzählerwechsel ",
            "stromzaehlerwechsel",
        ] {
            assert_eq!(first(q, "de"), parts, "{q}");
        }
    }

    #[test]
    fn stop_words_never_carry_a_ranking_on_their_own() {
        // "was muss ich tun" is the whole of other questions; the one
        // content word decides.
        for (q, want) in [
            ("Abschlag was muss ich tun", "de/change-instalment"),
            (
                "Ich ziehe nächsten Monat um, was muss ich tun?",
                "de/moving-within-lindenau",
            ),
        ] {
            assert_eq!(first(q, "de").as_deref(), Some(want), "{q}");
        }
        let gas: Vec<String> = search(
            crate::embedded(),
            "Ich ziehe nächsten Monat um, was muss ich tun?",
            "de",
            3,
        )
        .into_iter()
        .map(|h| h.id)
        .collect();
        assert!(!gas[..2].contains(&"de/gas-smell".to_string()), "{gas:?}");
        // "wen" and "keiner" are function words.
        for w in ["wen", "keiner", "tun", "wieder"] {
            assert!(Lang::German.is_stop_word(w), "{w}");
        }
    }

    #[test]
    fn a_stop_word_typed_last_is_never_completed_at_full_weight() {
        let b = crate::embedded();
        let (index, lang) = b.search_locale("de").unwrap();
        let w = RankWeights::default();
        let words = plan(index, &Analyzer::new(lang), "wen");
        assert!(words[0].open && words[0].token.stop);
        let cands = candidates(index, lang, &words[0], &w);
        let completions: Vec<&Candidate> = cands
            .iter()
            .filter(|c| c.kind == MatchKind::Prefix)
            .collect();
        assert!(!completions.is_empty(), "{cands:?}");
        for c in completions {
            // At most the stop word's own weight, not a content word's.
            assert!(c.weight <= w.stop_word * w.prefix, "{c:?}");
        }
    }

    #[test]
    fn a_finished_compound_also_stands_for_its_parts_but_not_while_typed() {
        let b = crate::embedded();
        let (index, lang) = b.search_locale("de").unwrap();
        let w = RankWeights::default();
        let kinds = |q: &str| -> Vec<(String, MatchKind)> {
            let words = plan(index, &Analyzer::new(lang), q);
            candidates(index, lang, &words[0], &w)
                .into_iter()
                .map(|c| (c.term, c.kind))
                .collect()
        };
        let finished = kinds("Zählerstand ");
        assert!(
            finished.contains(&("zaehlerstand".into(), MatchKind::Exact)),
            "{finished:?}"
        );
        assert!(
            finished.contains(&("zaehler".into(), MatchKind::Compound)),
            "{finished:?}"
        );
        assert!(
            finished.contains(&("stand".into(), MatchKind::Compound)),
            "{finished:?}"
        );
        let typed = kinds("Zählerstand");
        assert!(
            !typed.iter().any(|(_, k)| *k == MatchKind::Compound),
            "{typed:?}"
        );
    }
}
