//! What a first search downloads in the `parts` delivery, natively and in
//! seconds (`tests/e2e/bench-delivery.mjs` measures the same in Chromium,
//! in minutes): each locale's core as the kit cuts it, then per labelled
//! query, in a fresh core, the parts that the panel's search (8 hits and
//! its "did you mean") fetched until it missed none, by pool: a part's
//! gzip member as the kit serves it. Code and HTTP headers not counted;
//! the number of requests is.

use help_widget::compiler::bundle::build_with;
use help_widget::engine::{search_correcting, Bundle};
use help_widget::eval::LabelledQuery;
use help_widget::format::pool::{decode_parts, pack_name, parse_packed_part_name};
use help_widget::format::{Layout, SectionKind, NO_LOCALE};
use help_widget::kit::{locale_options, PART_BYTES};
use help_widget::sizes::brotli_len;
use std::collections::BTreeMap;

/// The pools a part may belong to, in the order they are printed.
const POOLS: [SectionKind; 5] = [
    SectionKind::Words,
    SectionKind::Postings,
    SectionKind::Docs,
    SectionKind::Answers,
    SectionKind::Ids,
];

pub fn run(dir: &std::path::Path, queries: &[LabelledQuery]) {
    let compiled = help_widget::compiler::compile_dir(dir, Some(0))
        .unwrap_or_else(|d| panic!("{}: {} problems", dir.display(), d.len()));
    let kb = &compiled.kb;
    let mut locales: Vec<&str> = queries.iter().map(|q| q.lang.as_str()).collect();
    locales.sort_unstable();
    locales.dedup();
    for locale in locales {
        let built = build_with(kb, 0, &locale_options(locale, Some(PART_BYTES)));
        let core: &'static [u8] = Box::leak(built.bundle.into_boxed_slice());
        let layout = Layout::parse(core).unwrap();
        let tables = decode_parts(layout.find(SectionKind::Parts, NO_LOCALE).unwrap_or(&[]))
            .unwrap_or_default();
        // Each file by name, with the pool it holds.
        let mut files: BTreeMap<String, (SectionKind, &'static [u8])> = BTreeMap::new();
        let bytes_of: BTreeMap<u64, &'static [u8]> = built
            .parts
            .into_iter()
            .map(|(h, b)| (h, &*Box::leak(b.into_boxed_slice())))
            .collect();
        for t in &tables {
            files.insert(pack_name(t.pack), (t.kind, bytes_of[&t.pack]));
        }
        let fetch = Fetcher { files: &files };
        let parts = bytes_of.len();
        let core_br = brotli_len(core);
        println!(
            "{} [{locale}]: core {} B raw, {core_br} B brotli; {parts} packs",
            dir.display(),
            core.len(),
        );
        let by_section: Vec<String> = layout
            .sections()
            .iter()
            .map(|s| {
                let bytes = &core[s.offset..s.offset + s.len];
                format!("{:?} {}", s.kind, brotli_len(bytes))
            })
            .collect();
        println!("  core by section, B brotli: {}", by_section.join(", "));
        let by_pool: Vec<String> = tables
            .iter()
            .map(|t| {
                let raw: u64 = t.parts.iter().map(|&(len, _)| u64::from(len)).sum();
                let packed: u64 = t.parts.iter().map(|&(_, z)| u64::from(z)).sum();
                // Parts read whole by number keep no raw length.
                match raw {
                    0 => format!("{:?} {} parts, {packed} B packed", t.kind, t.parts.len()),
                    _ => format!("{:?} {} parts of {raw} B raw", t.kind, t.parts.len()),
                }
            })
            .collect();
        println!("  parts by pool: {}", by_pool.join(", "));
        let mut sum = [(0usize, 0usize); POOLS.len()];
        let mut typing_sum = (0usize, 0usize, 0usize);
        let mine: Vec<&LabelledQuery> = queries.iter().filter(|q| q.lang == locale).collect();
        for q in &mine {
            let bundle = Bundle::open(core).unwrap();
            let mut got = [(0usize, 0usize); POOLS.len()];
            let mut rounds = 0;
            loop {
                std::hint::black_box(search_correcting(&bundle, &q.query, locale, 8));
                let missed = bundle.take_missed();
                if missed.is_empty() {
                    break;
                }
                rounds += 1;
                for key in missed {
                    let (kind, raw, sent) = fetch.get(&bundle.part_name(key).unwrap());
                    if let Some(i) = POOLS.iter().position(|&k| k == kind) {
                        got[i].0 += 1;
                        got[i].1 += sent;
                    }
                    bundle.add_part(key, raw);
                }
            }
            let typing = typed(core, &fetch, &q.query, locale, false);
            let paused = typed(core, &fetch, &q.query, locale, true);
            let total: usize = got.iter().map(|g| g.1).sum();
            let by_pool: Vec<String> = POOLS
                .iter()
                .zip(&got)
                .map(|(k, (n, b))| format!("{k:?} {n} / {b} B"))
                .collect();
            println!(
                "  {:?}: {total} B in {rounds} rounds | {} | typed key by key: {} B, {} B of it answers; answers once typing pauses: {} B",
                q.query,
                by_pool.join(" | "),
                typing.0,
                typing.1,
                paused.0
            );
            typing_sum.0 += typing.0;
            typing_sum.1 += typing.1;
            typing_sum.2 += paused.0;
            for (s, g) in sum.iter_mut().zip(got) {
                s.0 += g.0;
                s.1 += g.1;
            }
        }
        let n = mine.len().max(1);
        let mean: usize = sum.iter().map(|s| s.1).sum::<usize>() / n;
        let by_pool: Vec<String> = POOLS
            .iter()
            .zip(&sum)
            .map(|(k, (files, b))| {
                format!("{k:?} {:.1} files / {} B", *files as f64 / n as f64, b / n)
            })
            .collect();
        println!(
            "  mean first search: {mean} B ({}); core + first search: {} B brotli",
            by_pool.join(", "),
            core_br + mean
        );
        println!(
            "  mean typed key by key (first {TYPED} characters): {} B, {} B of it answers; \
             with a list's answers fetched once typing pauses (the widget): {} B",
            typing_sum.0 / n,
            typing_sum.1 / n,
            typing_sum.2 / n
        );
    }
}

/// Characters of a query typed key by key, as the browser benchmark does.
const TYPED: usize = 20;

/// The kit's files by name: a part as the host fetches it.
struct Fetcher<'a> {
    files: &'a BTreeMap<String, (SectionKind, &'static [u8])>,
}

impl Fetcher<'_> {
    /// The part a name asks for: its pool, its bytes, and the bytes sent
    /// (its gzip member).
    fn get(&self, name: &str) -> (SectionKind, &'static [u8], usize) {
        let (hash, offset, len) = parse_packed_part_name(name).unwrap();
        let (kind, pack) = self.files[&pack_name(hash)];
        let member = &pack[offset as usize..(offset + len) as usize];
        let mut raw = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(member), &mut raw).unwrap();
        (kind, Box::leak(raw.into_boxed_slice()), member.len())
    }
}

/// Bytes of the parts the panel's search fetches while `query`'s first
/// [`TYPED`] characters are typed one by one into a fresh core, each
/// keystroke's parts fetched before the next: (all, answers). With
/// `defer`, as the widget does (`widget::fetching`): a result list's
/// answer parts only once typing pauses, after the last key.
fn typed(
    core: &'static [u8],
    fetch: &Fetcher<'_>,
    query: &str,
    locale: &str,
    defer: bool,
) -> (usize, usize) {
    let bundle = Bundle::open(core).unwrap();
    let (mut all, mut answers) = (0, 0);
    let ends: Vec<usize> = query
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .take(TYPED)
        .collect();
    for (k, &end) in ends.iter().enumerate() {
        let paused = k + 1 == ends.len();
        loop {
            std::hint::black_box(search_correcting(&bundle, &query[..end], locale, 8));
            let missed: Vec<u64> = bundle
                .take_missed()
                .into_iter()
                .filter(|&key| !defer || paused || !bundle.is_answer_part(key))
                .collect();
            if missed.is_empty() {
                break;
            }
            for key in missed {
                let (kind, raw, sent) = fetch.get(&bundle.part_name(key).unwrap());
                all += sent;
                if kind == SectionKind::Answers {
                    answers += sent;
                }
                bundle.add_part(key, raw);
            }
        }
    }
    (all, answers)
}
