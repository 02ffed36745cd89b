//! Speed and size on synthetic knowledge bases of 1,000, 10,000 and 100,000
//! entries generated from a deterministic word list.
//!
//! ```text
//! cargo run --release --features cli --bin help-widget-bench                      all sizes
//! cargo run --release --features cli --bin help-widget-bench -- --entries 10000   one size
//! cargo run --release --features cli --bin help-widget-bench -- --entries 10000 --slowest 20
//!                                                  and the 20 slowest keystrokes
//! cargo run --release --features cli --bin help-widget-bench -- --corpus corpus.json --queries queries.json
//!                                                  a real FAQ corpus and its labelled
//!                                                  queries (each in its own language)
//! cargo run --release --features cli --bin help-widget-bench -- --kb kb --queries tests/eval/hard-queries.json
//!                                                  the same on a kb/ folder (here the sample kb),
//!                                                  with the panel's keystroke (search + did you mean)
//! cargo run --release --features cli --bin help-widget-bench -- --kb DIR --queries FILE --parts
//!                                                  what a first search downloads in the
//!                                                  `parts` delivery (see parts.rs)
//! cargo run --release --features cli --bin help-widget-bench -- --write-kb DIR --entries 10000
//!                                                  write the corpus as a kb/ directory
//!                                                  (for the in-browser run: ./dev bench)
//! ```
//!
//! `HW_BENCH_DUMP=FILE` with `--entries N` also writes every keystroke's
//! hits (id, score bits, snippet, highlights) to FILE, to compare two builds
//! hit for hit.
//!
//! Reports build time and peak memory of the build, bundle bytes per entry
//! (raw and gzip, against the corpus as gzipped JSON), time to open the
//! bundle, and latency per keystroke (every prefix of realistic queries)
//! and per full query, as p50/p99.

use help_widget::engine::{search, search_correcting, Bundle};
use help_widget::eval::{
    compile_corpus, corpus_json_gzip_len, gzip_len, CorpusEntry, LabelledQuery,
};
use std::time::Instant;

mod parts;

/// xorshift64*: deterministic and good enough to spread words.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Skewed towards small indices, like word frequencies.
    fn zipfish(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u * u) * n as f64) as usize
    }
}

const SYLLABLES: &[&str] = &[
    "zäh", "ler", "stand", "ver", "trag", "kün", "di", "gung", "ab", "schlag", "rech", "nung",
    "strom", "gas", "was", "ser", "netz", "an", "schluss", "glas", "fa", "tarif", "wech", "sel",
    "um", "zug", "mel", "dung", "kun", "den", "por", "tal", "preis", "zah", "lung", "last",
    "schrift", "ter", "min", "stö", "rung", "ener", "gie", "spar", "tipp", "ka", "bel", "haus",
    "woh", "nung", "be", "trieb", "sta", "tion", "ge", "rät", "lei", "tung", "mo", "nat",
];

/// A vocabulary of pseudo-German words, some of them compounds of others.
fn vocabulary(rng: &mut Rng, n: usize) -> Vec<String> {
    let mut words: Vec<String> = Vec::with_capacity(n);
    while words.len() < n {
        let w = if words.len() > 200 && rng.below(4) == 0 {
            let a = words[rng.below(200)].clone();
            let b = words[rng.below(200)].clone();
            format!("{a}{}{b}", if rng.below(3) == 0 { "s" } else { "" })
        } else {
            (0..2 + rng.below(3))
                .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
                .collect()
        };
        if !words.contains(&w) || words.len() > n / 2 {
            words.push(w);
        }
    }
    words
}

fn sentence(rng: &mut Rng, vocab: &[String], words: usize) -> String {
    let mut s: Vec<String> = (0..words)
        .map(|_| vocab[rng.zipfish(vocab.len())].clone())
        .collect();
    if let Some(first) = s.first_mut() {
        let mut c = first.chars();
        *first = c
            .next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default();
    }
    s.join(" ")
}

/// The synthetic corpus of `n` entries.
fn corpus(n: usize) -> Vec<CorpusEntry> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let vocab = vocabulary(&mut rng, 3000 + n / 10);
    (0..n)
        .map(|i| {
            let len = 5 + rng.below(5);
            let question = format!("{}?", sentence(&mut rng, &vocab, len));
            let answer = (0..3 + rng.below(5))
                .map(|_| {
                    let len = 8 + rng.below(12);
                    format!("{}.", sentence(&mut rng, &vocab, len))
                })
                .collect::<Vec<_>>()
                .join(" ");
            CorpusEntry {
                id: format!("de/e{i:06}"),
                lang: "de".into(),
                question,
                answer,
                category: None,
            }
        })
        .collect()
}

/// Queries a visitor might type: two or three words of an entry's
/// question, sometimes with two letters swapped.
fn queries(corpus: &[CorpusEntry], n: usize) -> Vec<String> {
    let mut rng = Rng(42);
    (0..n)
        .map(|_| {
            let e = &corpus[rng.below(corpus.len())];
            let words: Vec<&str> = e.question.trim_end_matches('?').split(' ').collect();
            let k = 2 + rng.below(2);
            let start = rng.below(words.len().saturating_sub(k) + 1);
            let mut q: Vec<String> = words[start..(start + k).min(words.len())]
                .iter()
                .map(|w| w.to_lowercase())
                .collect();
            if rng.below(4) == 0 {
                let w: Vec<char> = q[0].chars().collect();
                if w.len() > 4 {
                    let mut w2 = w.clone();
                    w2.swap(2, 3);
                    q[0] = w2.into_iter().collect();
                }
            }
            q.join(" ")
        })
        .collect()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn run(n: usize, slowest: usize) {
    let corpus = corpus(n);
    let json_gz = if std::env::var_os("HW_BENCH_CACHE").is_some() {
        1
    } else {
        corpus_json_gzip_len(&corpus)
    };
    let before = peak_rss_kib().unwrap_or(0);
    let started = Instant::now();
    let cache = std::env::var_os("HW_BENCH_CACHE")
        .map(|d| std::path::PathBuf::from(d).join(format!("{n}.bin")));
    let bytes = match cache.as_ref().and_then(|c| std::fs::read(c).ok()) {
        Some(b) => b,
        None => {
            let b = compile_corpus(&corpus);
            if let Some(c) = &cache {
                std::fs::write(c, &b).unwrap();
            }
            b
        }
    };
    let build_ms = started.elapsed().as_secs_f64() * 1000.0;
    let peak = peak_rss_kib().unwrap_or(0);
    let gz = if std::env::var_os("HW_BENCH_CACHE").is_some() {
        0
    } else {
        gzip_len(&bytes)
    };

    let rounds = 200;
    let started = Instant::now();
    for _ in 0..rounds {
        std::hint::black_box(Bundle::open(std::hint::black_box(&bytes)).unwrap());
    }
    let open_us = started.elapsed().as_secs_f64() * 1e6 / rounds as f64;

    let bundle = Bundle::open(&bytes).unwrap();
    let qs = queries(&corpus, 200);
    let mut keystrokes = Vec::new();
    let mut full = Vec::new();
    let mut slow: Vec<(f64, &str)> = Vec::new();
    // By the length of the word being typed: 1, 2, 3, 4+ characters.
    let mut by_len: [Vec<f64>; 4] = Default::default();
    for q in &qs {
        for end in prefix_ends(q) {
            let prefix = &q[..end];
            let t = Instant::now();
            std::hint::black_box(search(&bundle, prefix, "de", 8));
            let us = t.elapsed().as_secs_f64() * 1e6;
            keystrokes.push(us);
            if slowest > 0 {
                slow.push((us, prefix));
            }
            let open = prefix.rsplit(' ').next().unwrap_or("").chars().count();
            by_len[open.clamp(1, 4) - 1].push(us);
            if end == q.len() {
                full.push(us);
            }
        }
    }
    if let Some(path) = std::env::var_os("HW_BENCH_DUMP") {
        use std::fmt::Write;
        let mut out = String::new();
        for q in &qs {
            for end in prefix_ends(q) {
                let prefix = &q[..end];
                for h in search(&bundle, prefix, "de", 8) {
                    writeln!(
                        out,
                        "{prefix:?}\t{}\t{:08x}\t{:?}\t{:?}",
                        h.id,
                        h.score.to_bits(),
                        h.snippet,
                        h.highlights
                    )
                    .unwrap();
                }
            }
        }
        std::fs::write(path, out).unwrap();
    }
    for v in &mut by_len {
        v.sort_by(f64::total_cmp);
    }
    keystrokes.sort_by(f64::total_cmp);
    full.sort_by(f64::total_cmp);
    println!(
        "{n:>7} entries | build {build_ms:>8.0} ms, peak RSS {:>6.1} MiB (+{:.1}) | bundle {:>6.2} MiB: {:>4} B/entry raw, {:>4} B/entry gzip ({:.0} % of the corpus as gzipped JSON) | open {open_us:>6.1} µs | keystroke p50 {:>6.0} µs p99 {:>6.0} µs ({} keystrokes) | full query p50 {:>6.0} µs p99 {:>6.0} µs",
        peak as f64 / 1024.0,
        peak.saturating_sub(before) as f64 / 1024.0,
        bytes.len() as f64 / 1048576.0,
        bytes.len() / n,
        gz / n,
        100.0 * gz as f64 / json_gz as f64,
        percentile(&keystrokes, 0.5),
        percentile(&keystrokes, 0.99),
        keystrokes.len(),
        percentile(&full, 0.5),
        percentile(&full, 0.99),
    );
    let labels = ["1", "2", "3", "4+"];
    let parts: Vec<String> = by_len
        .iter()
        .zip(labels)
        .filter(|(v, _)| !v.is_empty())
        .map(|(v, l)| {
            format!(
                "{l} chars p50 {:.0} µs p99 {:.0} µs",
                percentile(v, 0.5),
                percentile(v, 0.99)
            )
        })
        .collect();
    println!(
        "        by length of the word being typed: {}",
        parts.join(", ")
    );
    slow.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (us, prefix) in slow.iter().take(slowest) {
        println!("        {us:>6.0} µs  {prefix:?}");
    }
}

/// Median of `reps` timings of `f`, in µs: one scheduler hiccup does not
/// set a keystroke's figure.
fn median_us(reps: usize, mut f: impl FnMut()) -> f64 {
    let mut t: Vec<f64> = (0..reps)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[t.len() / 2]
}

/// One search of 10 hits, as bench-peers asks for.
fn time_search(bundle: &Bundle<'_>, query: &str, lang: &str, reps: usize) -> f64 {
    median_us(reps, || {
        std::hint::black_box(search(bundle, query, lang, 10));
    })
}

fn read(p: &str) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

/// [`run_queries`] on a real corpus (JSON), compiled as the eval does.
fn run_corpus(corpus_path: &str, queries_path: &str, slowest: usize) {
    let corpus: Vec<CorpusEntry> = serde_json::from_str(&read(corpus_path)).unwrap();
    let bytes = compile_corpus(&corpus);
    run_queries(corpus_path, &bytes, queries_path, slowest);
}

/// [`run_queries`] on a kb/ folder (the sample kb: `--kb kb --queries
/// tests/eval/hard-queries.json`).
fn run_kb(dir: &std::path::Path, queries_path: &str, slowest: usize) {
    let compiled = help_widget::compiler::compile_dir(dir, Some(0)).unwrap_or_else(|d| {
        panic!(
            "{}: {} problems; run `help-widget check`",
            dir.display(),
            d.len()
        )
    });
    run_queries(
        &dir.display().to_string(),
        &compiled.bytes,
        queries_path,
        slowest,
    );
}

/// Keystroke and full-query latency on a real knowledge base: every prefix
/// of every labelled query, typed in the query's language, the median of 5
/// runs each (after one untimed pass in typing order, as bench-peers does).
/// Also the panel's keystroke: the search with its "did you mean"
/// ([`search_correcting`]), what the widget runs for every key.
fn run_queries(name: &str, bytes: &[u8], queries_path: &str, slowest: usize) {
    let queries: Vec<LabelledQuery> = serde_json::from_str(&read(queries_path)).unwrap();
    let bundle = Bundle::open(bytes).unwrap();
    for q in &queries {
        for end in prefix_ends(&q.query) {
            std::hint::black_box(search(&bundle, &q.query[..end], &q.lang, 10));
        }
    }
    let (mut keystrokes, mut full, mut slow) = (Vec::new(), Vec::new(), Vec::new());
    for q in &queries {
        for end in prefix_ends(&q.query) {
            let us = time_search(&bundle, &q.query[..end], &q.lang, 5);
            keystrokes.push(us);
            slow.push((us, &q.query[..end]));
            if end == q.query.len() {
                full.push(us);
            }
        }
    }
    let mut panel: Vec<f64> = queries
        .iter()
        .flat_map(|q| prefix_ends(&q.query).map(move |end| (q, end)))
        .map(|(q, end)| time_panel(&bundle, &q.query[..end], &q.lang, 5))
        .collect();
    panel.sort_by(f64::total_cmp);
    keystrokes.sort_by(f64::total_cmp);
    full.sort_by(f64::total_cmp);
    println!(
        "{name}: {} entries, {} queries | keystroke p50 {:.1} µs p99 {:.1} µs ({} keystrokes) | full query p50 {:.1} µs p99 {:.1} µs | the panel's keystroke (search and did you mean) p50 {:.1} µs p99 {:.1} µs",
        bundle.doc_count(),
        queries.len(),
        percentile(&keystrokes, 0.5),
        percentile(&keystrokes, 0.99),
        keystrokes.len(),
        percentile(&full, 0.5),
        percentile(&full, 0.99),
        percentile(&panel, 0.5),
        percentile(&panel, 0.99),
    );
    slow.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (us, prefix) in slow.iter().take(slowest) {
        println!("        {us:>6.0} µs  {prefix:?}");
    }
}

/// The panel's call: 8 hits (the panel lists at most 8) and the correction.
fn time_panel(bundle: &Bundle<'_>, query: &str, lang: &str, reps: usize) -> f64 {
    median_us(reps, || {
        std::hint::black_box(search_correcting(bundle, query, lang, 8));
    })
}

/// Where each keystroke of typing `q` ends: after each character but the
/// first, and the whole query.
fn prefix_ends(q: &str) -> impl Iterator<Item = usize> + '_ {
    q.char_indices()
        .skip(1)
        .map(|(i, _)| i)
        .chain(std::iter::once(q.len()))
}

/// Writes the corpus as a knowledge base directory.
fn write_kb(dir: &std::path::Path, n: usize) {
    std::fs::create_dir_all(dir.join("de")).unwrap();
    std::fs::write(
        dir.join("site.toml"),
        "name = \"synthetic\"\nlocales = [\"de\"]\ndefault_locale = \"de\"\n",
    )
    .unwrap();
    for e in corpus(n) {
        let slug = e.id.trim_start_matches("de/");
        let text = format!("+++\nquestion = {:?}\n+++\n{}\n", e.question, e.answer);
        std::fs::write(dir.join("de").join(format!("{slug}.md")), text).unwrap();
    }
    // The browser run derives its queries the same way.
    let qs = queries(&corpus(n), 200);
    std::fs::write(dir.join(".queries.txt"), qs.join("\n")).unwrap(); // hidden: not part of the kb
}

/// Speed and size on synthetic or real corpora; without options, each
/// synthetic size (1,000, 10,000 and 100,000 entries) in a process of its own.
#[derive(clap::Parser)]
#[command(name = "help-widget-bench", version)]
#[command(group = clap::ArgGroup::new("source").args(["corpus", "kb"]))]
struct Cli {
    /// One synthetic size: this many entries
    #[arg(long, value_name = "N")]
    entries: Option<usize>,
    /// Also list the N slowest keystrokes
    #[arg(long, value_name = "N", default_value_t = 0)]
    slowest: usize,
    /// A real FAQ corpus (JSON) instead of the synthetic one; needs --queries
    #[arg(long, value_name = "FILE", requires = "queries")]
    corpus: Option<String>,
    /// A kb/ folder instead of the synthetic corpus; needs --queries
    #[arg(
        long,
        value_name = "DIR",
        requires = "queries",
        conflicts_with = "corpus"
    )]
    kb: Option<std::path::PathBuf>,
    /// The labelled queries (JSON) of --corpus or --kb, each in its own language
    #[arg(long, value_name = "FILE", requires = "source")]
    queries: Option<String>,
    /// With --kb: the bytes a first search fetches in the `parts` delivery, not the speed
    #[arg(long, requires = "kb")]
    parts: bool,
    /// Write the synthetic corpus (--entries, default 10000) as a kb/ folder and stop (for ./dev bench)
    #[arg(long, value_name = "DIR", conflicts_with = "corpus")]
    write_kb: Option<std::path::PathBuf>,
}

fn main() {
    let Cli {
        entries,
        slowest,
        corpus,
        kb,
        queries,
        parts,
        write_kb: kb_dir,
    } = clap::Parser::parse();
    if let (Some(kb), Some(queries), true) = (&kb, &queries, parts) {
        let queries: Vec<LabelledQuery> = serde_json::from_str(&read(queries)).unwrap();
        parts::run(kb, &queries);
        return;
    }
    if let (Some(kb), Some(queries)) = (&kb, &queries) {
        run_kb(kb, queries, slowest);
        return;
    }
    if let Some(dir) = kb_dir {
        write_kb(&dir, entries.unwrap_or(10_000));
        return;
    }
    if let (Some(corpus), Some(queries)) = (corpus, queries) {
        run_corpus(&corpus, &queries, slowest);
        return;
    }
    match entries {
        Some(n) => run(n, slowest),
        None => {
            // One process per size, so peak memory is each size's own.
            let me = std::env::current_exe().unwrap();
            for n in [1_000, 10_000, 100_000] {
                let status = std::process::Command::new(&me)
                    .args(["--entries", &n.to_string()])
                    .status()
                    .unwrap();
                assert!(status.success());
            }
        }
    }
}
