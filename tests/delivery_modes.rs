//! A kb answers the same in every delivery mode: the whole bundle, one
//! bundle per locale, and a per-locale core whose index and answers arrive
//! in parts, byte ranges of its packs. Query for query, hit for hit (id,
//! score, snippet).
#![cfg(feature = "compiler")]

mod common;

use help_widget::compiler::bundle::{build_with, Built, Cutting, Options};
use help_widget::compiler::{source, KnowledgeBase};
use help_widget::engine::{self, Bundle};
use help_widget::eval::{corpus_kb, CorpusEntry, LabelledQuery};
use help_widget::format::pool::{decode_parts, parse_packed_part_name};
use help_widget::format::{Layout, SectionKind, NO_LOCALE};
use std::collections::HashMap;
use std::path::Path;

/// What a visitor sees of a search: everything but the bundle's doc numbers.
type Seen = Vec<(String, String, String, Vec<(usize, usize)>, u32)>;

fn seen(hits: &[engine::Hit]) -> Seen {
    hits.iter()
        .map(|h| {
            let score = h.score.to_bits();
            (
                h.id.clone(),
                h.question.clone(),
                h.snippet.clone(),
                h.highlights.clone(),
                score,
            )
        })
        .collect()
}

/// A bundle with its part files at hand, added when a read misses them,
/// as the widget does after fetching them.
struct Delivered {
    bundle: Bundle<'static>,
    core: &'static [u8],
    /// Packs by hash.
    parts: HashMap<u64, &'static [u8]>,
    fetched: usize,
}

impl Delivered {
    fn new(built: Built) -> Self {
        let bytes: &'static [u8] = Box::leak(built.bundle.into_boxed_slice());
        let parts = built
            .parts
            .into_iter()
            .map(|(h, b)| (h, &*Box::leak(b.into_boxed_slice())))
            .collect();
        Self {
            bundle: Bundle::open_verified(bytes).unwrap(),
            core: bytes,
            parts,
            fetched: 0,
        }
    }

    /// The keys of the parts that hold `kind`'s bytes (table `no`'s part
    /// `i` has the key `no << 32 | i`), or of all parts.
    fn pool_parts(&self, kind: Option<SectionKind>) -> Vec<u64> {
        let layout = Layout::parse(self.core).unwrap();
        let tables = decode_parts(layout.find(SectionKind::Parts, NO_LOCALE).unwrap()).unwrap();
        (0u64..)
            .zip(&tables)
            .filter(|(_, t)| kind.is_none_or(|k| t.kind == k))
            .flat_map(|(no, t)| (0..t.parts.len() as u64).map(move |i| no << 32 | i))
            .collect()
    }

    /// The bytes of the part with `key`, as the host hands them over: a
    /// pack's byte range unpacked.
    fn fetch(&self, key: u64) -> &'static [u8] {
        let name = self.bundle.part_name(key).unwrap();
        assert_eq!(self.bundle.part_key(&name), Some(key), "{name}");
        let (pack, offset, len) = parse_packed_part_name(&name).unwrap();
        let member = &self.parts[&pack][offset as usize..(offset + len) as usize];
        let mut raw = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(member), &mut raw).unwrap();
        Box::leak(raw.into_boxed_slice())
    }

    /// Runs `f` until it misses no part, adding the parts it missed.
    fn settle<T>(&mut self, f: impl Fn(&Bundle<'static>) -> T) -> T {
        loop {
            let out = f(&self.bundle);
            let missed = self.bundle.take_missed();
            if missed.is_empty() {
                return out;
            }
            for h in missed {
                assert!(self.bundle.add_part(h, self.fetch(h)), "part {h:x} taken");
                self.fetched += 1;
            }
        }
    }
}

/// The whole bundle, one locale's, its core with packs, and that core
/// with its entries' records in parts as well.
fn modes(kb: &KnowledgeBase, locale: &str, part_bytes: usize) -> [Delivered; 4] {
    let with = |locale: Option<&str>, parts| {
        Delivered::new(build_with(
            kb,
            0,
            &Options {
                locale: locale.map(str::to_string),
                parts,
            },
        ))
    };
    let cutting = Cutting {
        part_bytes,
        docs_whole_bytes: usize::MAX,
        compress: gzip,
    };
    let docs_too = Cutting {
        docs_whole_bytes: 0,
        ..cutting
    };
    [
        with(None, None),
        with(Some(locale), None),
        with(Some(locale), Some(cutting)),
        with(Some(locale), Some(docs_too)),
    ]
}

/// What the kit packs each part with.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut e, bytes).unwrap();
    e.finish().unwrap()
}

/// Compares every mode with the whole bundle on `queries` of `locale`.
fn assert_same_everywhere(kb: &KnowledgeBase, locale: &str, queries: &[&str], part_bytes: usize) {
    let [mut whole, mut one, mut core, mut docs] = modes(kb, locale, part_bytes);
    assert_eq!(core.parts.len(), 3, "{locale}: one pack per pool");
    assert_eq!(docs.parts.len(), 5, "{locale}: and DOCS and IDS");
    assert!(
        !core.parts.is_empty(),
        "the core of {locale} has its index in parts"
    );
    let mut most = 0;
    for q in queries {
        let before = core.fetched;
        let want = seen(&whole.settle(|b| engine::search(b, q, locale, 10)));
        assert_eq!(
            seen(&one.settle(|b| engine::search(b, q, locale, 10))),
            want,
            "one locale, {q:?}"
        );
        assert_eq!(
            seen(&core.settle(|b| engine::search(b, q, locale, 10))),
            want,
            "core and parts, {q:?}"
        );
        assert_eq!(
            seen(&docs.settle(|b| engine::search(b, q, locale, 10))),
            want,
            "core and parts with the records in parts, {q:?}"
        );
        most = most.max(core.fetched - before);
        // Completions and corrections read the term groups too.
        let want = whole.settle(|b| engine::complete(b, q, locale, 5));
        assert_eq!(
            core.settle(|b| engine::complete(b, q, locale, 5)),
            want,
            "completions, {q:?}"
        );
        let want = whole.settle(|b| engine::did_you_mean(b, q, locale));
        assert_eq!(
            core.settle(|b| engine::did_you_mean(b, q, locale)),
            want,
            "did you mean, {q:?}"
        );
        let want = seen(&whole.settle(|b| engine::search(b, q, locale, 10)));
        if let Some(first) = want.first() {
            let a = core.settle(|b| engine::answer(b, &first.0)).unwrap();
            assert!(!a.pending);
            assert_eq!(
                Some(&a),
                whole
                    .settle(|b| engine::answer(b, &first.0))
                    .map(|mut a| {
                        a.locale = locale.to_string();
                        a
                    })
                    .as_ref()
            );
            assert_eq!(docs.settle(|b| engine::answer(b, &first.0)), Some(a));
        }
    }
    assert!(core.fetched > 0, "the queries needed parts");
    let parts = core.pool_parts(None).len();
    assert!(
        most < parts,
        "no query needed every part ({most} of {parts})"
    );
}

#[test]
fn the_sample_kb_answers_the_same_whole_per_locale_and_in_parts() {
    let kb = source::load(&common::sample_kb()).unwrap();
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/eval/sample-queries.json"
    );
    let queries: Vec<LabelledQuery> =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    for locale in ["de", "en"] {
        let qs: Vec<&str> = queries
            .iter()
            .filter(|q| q.lang == locale)
            .map(|q| q.query.as_str())
            // And what a visitor types on the way there.
            .flat_map(|q| [q, &q[..q.char_indices().nth(4).map_or(q.len(), |(i, _)| i)]])
            .collect();
        assert!(qs.len() > 40);
        assert_same_everywhere(&kb, locale, &qs, 1024);
    }
}

#[test]
fn records_in_parts_list_the_same_topics_and_find_every_entry_by_its_id() {
    let kb = source::load(&common::sample_kb()).unwrap();
    for locale in ["de", "en"] {
        let [_, mut one, _, mut docs] = modes(&kb, locale, 1024);
        let no = one.bundle.meta.locale_no(locale);
        let names = |d: &mut Delivered| {
            let topics = d.bundle.topics(no);
            let mut out = Vec::new();
            for t in topics {
                let ids = d.settle(|b| {
                    let got: Vec<_> = t.docs.iter().filter_map(|&n| b.doc(n)).collect();
                    got.into_iter()
                        .map(|r| r.id.to_string())
                        .collect::<Vec<_>>()
                });
                out.push((t.name.to_string(), ids));
            }
            out
        };
        let want = names(&mut one);
        assert!(want.len() > 1, "{locale}: several topics");
        assert_eq!(names(&mut docs), want, "{locale}");
        assert!(
            docs.bundle.docs().next().is_none(),
            "no list of all in parts"
        );
        // A fresh core finds an id in its part, then every other one.
        let [_, _, _, mut fresh] = modes(&kb, locale, 1024);
        let first = &want[0].1[0];
        assert_eq!(fresh.bundle.lookup_id(first), engine::Lookup::Waiting);
        for (_, ids) in &want {
            for id in ids {
                let n = fresh.settle(|b| b.lookup_id(id));
                assert_eq!(
                    n,
                    engine::Lookup::Found(one.bundle.find_id(id).unwrap()),
                    "{id}"
                );
            }
        }
        let none = fresh.settle(|b| b.lookup_id("de/no-such-entry"));
        assert_eq!(none, engine::Lookup::Absent);
    }
}

#[test]
fn a_locale_file_holds_no_other_locale_s_entries_or_notices() {
    let kb = source::load(&common::sample_kb()).unwrap();
    let [whole, mut one, mut core, _] = modes(&kb, "en", 1024);
    let en = whole.bundle.meta.locale_no("en");
    for d in [&mut one, &mut core] {
        assert_eq!(d.bundle.meta.locales, whole.bundle.meta.locales);
        let n = d.bundle.doc_count() as u32;
        assert!(n > 0);
        assert!((0..n).all(|g| d.bundle.doc(g).unwrap().locale == en));
        assert!(d.bundle.notices().iter().all(|n| n.locale == en));
        assert!(d.bundle.locale(whole.bundle.meta.locale_no("de")).is_none());
        // A German visitor of an English-only file is answered in English,
        // not with nothing.
        assert!(!d.settle(|b| engine::search(b, "meter", "de", 5)).is_empty());
    }
    assert!(whole.bundle.notices().iter().any(|n| n.locale != en));
}

#[test]
fn a_part_of_another_length_is_refused_and_the_query_still_answers() {
    let kb = source::load(&common::sample_kb()).unwrap();
    let [_, _, core, _] = modes(&kb, "de", 1024);
    let hits = engine::search(&core.bundle, "zählerstand", "de", 10);
    assert!(hits.is_empty(), "nothing is known before the parts arrive");
    let missed = core.bundle.take_missed();
    assert!(!missed.is_empty());
    // (Its bytes are checked by gzip's CRC as the browser unpacks them.)
    let part = core.fetch(missed[0]);
    for wrong in [&part[1..], &[part, b"x"].concat()[..]] {
        let wrong: &'static [u8] = Box::leak(wrong.to_vec().into_boxed_slice());
        assert!(!core.bundle.add_part(missed[0], wrong));
    }
    assert!(engine::search(&core.bundle, "zählerstand", "de", 10).is_empty());
    assert!(core.bundle.add_part(missed[0], part));
}

#[test]
fn a_query_word_fetches_only_the_term_group_of_its_first_two_letters() {
    let kb = source::load(&common::sample_kb()).unwrap();
    let [_, _, core, _] = modes(&kb, "de", 256);
    let missed = |b: &Bundle<'_>| b.take_missed();
    // Nothing is read before a query.
    assert!(missed(&core.bundle).is_empty());
    let _ = engine::search(&core.bundle, "zähl", "de", 10);
    let za = missed(&core.bundle);
    assert_eq!(za.len(), 1, "two letters, one part: {za:x?}");
    let _ = engine::search(&core.bundle, "zweifel", "de", 10);
    let zw = missed(&core.bundle);
    assert_eq!(zw.len(), 1);
    assert_ne!(za, zw, "the same letter, another group, another part");
    // The first letter alone completes from the core: what it fetches
    // is postings, never a term group.
    let _ = engine::search(&core.bundle, "r", "de", 10);
    let r = missed(&core.bundle);
    let words = core.pool_parts(Some(SectionKind::Words));
    assert!(r.iter().all(|h| !words.contains(h)), "{r:x?}");
}

/// The shared eval sets (../shared, evaluation only, never copied here).
fn shared_set(name: &str) -> Option<(Vec<CorpusEntry>, Vec<LabelledQuery>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/eval-data")
        .join(name);
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).ok();
    Some((
        serde_json::from_str(&read("corpus.json")?).unwrap(),
        serde_json::from_str(&read("queries.json")?).unwrap(),
    ))
}

#[test]
fn the_shared_eval_sets_rank_the_same_in_every_mode() {
    let mut compared = 0;
    for name in ["deepset-covid-faq", "jhu-covid-faq"] {
        let Some((corpus, queries)) = shared_set(name) else {
            eprintln!("{name}: not found beside the project; skipped");
            continue;
        };
        let kb = corpus_kb(&corpus);
        for locale in &kb.site.locales {
            let qs: Vec<&str> = queries
                .iter()
                .filter(|q| &q.lang == locale)
                .map(|q| q.query.as_str())
                .collect();
            assert_same_everywhere(&kb, locale, &qs, 4096);
            compared += qs.len();
        }
    }
    if std::env::var_os("CI").is_some() {
        assert!(
            compared > 1000,
            "CI has ../shared: {compared} queries compared"
        );
    }
}

#[test]
fn the_missed_parts_are_listed_once_each_in_ascending_order() {
    let kb = source::load(&common::sample_kb()).unwrap();
    let [_, _, core, _] = modes(&kb, "de", 1024);
    let _ = engine::search(&core.bundle, "zählerstand abschlag umzug", "de", 10);
    let missed = core.bundle.take_missed();
    assert!(missed.len() > 1, "several parts are wanted: {missed:x?}");
    assert!(
        missed.windows(2).all(|w| w[0] < w[1]),
        "ascending, no repeats: {missed:x?}"
    );
}

#[test]
fn a_verb_finds_its_participle_in_parts_without_fetching_the_participles_letter() {
    let kb = source::load(&common::sample_kb()).unwrap();
    let [mut whole, _, mut core, _] = modes(&kb, "de", 1024);
    // "räumen" (r) finds the entry on a death only through its "geräumt" (g).
    let ids = |hits: Vec<engine::Hit>| hits.into_iter().map(|h| h.id).collect::<Vec<_>>();
    let off = engine::RankWeights {
        inflection: 0.0,
        ..engine::RankWeights::default()
    };
    let without = ids(whole.settle(|b| engine::search_with(b, "räumen ", "de", 10, &off)));
    let with = ids(whole.settle(|b| engine::search(b, "räumen ", "de", 10)));
    assert!(
        !without.contains(&"de/cancel-after-death".to_string()),
        "{without:?}"
    );
    assert!(
        with.contains(&"de/cancel-after-death".to_string()),
        "{with:?}"
    );
    // The kb's participles are pinned: their group ("ge") is not read.
    let [_, _, other, _] = modes(&kb, "de", 1024);
    let _ = engine::search(&other.bundle, "ge", "de", 10);
    let g = other.bundle.take_missed();
    assert_eq!(g.len(), 1);
    // Nor for a participle the kb lacks ("geimpft").
    let _ = engine::search(&core.bundle, "räumen impfen ", "de", 10);
    let first = core.bundle.take_missed();
    assert!(!first.contains(&g[0]), "{first:x?} has the group of ge");
    for h in first {
        assert!(core.bundle.add_part(h, core.fetch(h)));
    }
    assert_eq!(
        ids(core.settle(|b| engine::search(b, "räumen ", "de", 10))),
        with
    );
}

/// The parts a settled search for `query` fetched, in a fresh core.
fn fetched_by(kb: &KnowledgeBase, query: &str) -> Vec<u64> {
    let [_, _, core, _] = modes(kb, "de", 1);
    let mut all = Vec::new();
    loop {
        let _ = engine::search(&core.bundle, query, "de", 10);
        let missed = core.bundle.take_missed();
        if missed.is_empty() {
            return all;
        }
        for h in missed {
            assert!(core.bundle.add_part(h, core.fetch(h)));
            all.push(h);
        }
    }
}

#[test]
fn a_known_word_that_is_no_compound_fetches_no_other_letter_and_one_that_is_fetches_its_parts() {
    let entry = |id: &str, question: &str| CorpusEntry {
        id: id.to_string(),
        lang: "de".to_string(),
        question: question.to_string(),
        answer: format!("{question} Mehr dazu im Handbuch."),
        category: None,
    };
    // "dateien" starts with the words "date" and "datei", but no split
    // of it ends in a word: "ien" is none, and "en" is too short.
    let kb = corpus_kb(&[
        entry("a", "Dateien packen"),
        entry("b", "Datei öffnen"),
        entry("c", "Das Datum mit date setzen"),
        entry("d", "Internet einrichten"),
        entry("e", "Das Dateiformat wählen"),
        entry("f", "Format der Ausgabe"),
    ]);
    let shared = |a: &[u64], b: &[u64]| a.iter().filter(|h| b.contains(h)).count();
    let i = fetched_by(&kb, "internet ");
    let dateien = fetched_by(&kb, "dateien ");
    assert!(!dateien.is_empty());
    assert_eq!(shared(&dateien, &i), 0, "no part of the i words");
    // A compound of known words is split, so its parts' letters are read.
    let f = fetched_by(&kb, "format ");
    assert!(shared(&fetched_by(&kb, "dateiformat "), &f) > 0);
}
