//! The editors' tool: check a knowledge base, try queries, see figures.
//!
//! ```text
//! help-widget check [KB_DIR]
//! help-widget query "zählerstand" [--locale de] [--limit 10] [--kb KB_DIR]
//! help-widget stats [KB_DIR]
//! help-widget build [KB_DIR] --out FILE
//! help-widget hotline [KB_DIR] [--at TIME] [--locale L] [--tz ZONE]
//! help-widget report EVENTS... [--since DATE] [--html FILE] [--kb KB_DIR]
//! help-widget site [KB_DIR] --out DIR --base-url URL [--widget-src URL] [--www DIR]
//! help-widget dist [KB_DIR] --out DIR [--delivery embedded|locales|parts]
//! help-widget pkg [KB_DIR] --out DIR [--delivery embedded|locales|parts]
//! ```

use clap::{Args, CommandFactory, Parser, Subcommand};
use help_widget::compiler::site_toml::Delivery;
use help_widget::compiler::{self, Compiled, KnowledgeBase};
use help_widget::engine::{self, Bundle};
use help_widget::eval::{corpus_json_gzip_len, gzip_len};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// The editors' tool: check a knowledge base, try queries, see figures.
#[derive(Parser)]
#[command(
    name = "help-widget",
    version,
    about,
    propagate_version = true,
    subcommand_required = true,
    arg_required_else_help = true,
    after_help = "KB_DIR defaults to ./kb."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The knowledge base: `KB_DIR` or `--kb KB_DIR`, else ./kb.
#[derive(Args)]
struct Kb {
    /// The knowledge base folder [default: kb]
    #[arg(value_name = "KB_DIR")]
    dir: Option<PathBuf>,
    /// The same, as an option
    #[arg(long = "kb", value_name = "KB_DIR", conflicts_with = "dir")]
    kb: Option<PathBuf>,
}

impl Kb {
    fn dir(&self) -> PathBuf {
        self.kb
            .clone()
            .or_else(|| self.dir.clone())
            .unwrap_or_else(|| PathBuf::from("kb"))
    }
}

#[derive(Subcommand)]
enum Command {
    /// Validate a knowledge base and print every problem, then the warnings
    ///
    /// Warnings are missing translations, near-duplicate categories and a
    /// phrase two entries share: 10 of each kind and a count of the rest.
    Check {
        #[command(flatten)]
        kb: Kb,
        /// Print every warning, not 10 of each kind
        #[arg(long)]
        all_warnings: bool,
    },
    /// What a visitor would see for TEXT, with scores
    Query {
        /// The text a visitor types
        text: String,
        /// The visitor's language [default: the kb's default language]
        #[arg(long, value_name = "L")]
        locale: Option<String>,
        /// How many answers to show
        #[arg(long, value_name = "N", default_value_t = 10)]
        limit: usize,
        /// The knowledge base folder
        #[arg(long, value_name = "KB_DIR", default_value = "kb")]
        kb: PathBuf,
        /// Show how each score came about
        #[arg(long)]
        explain: bool,
    },
    /// Entries, terms, and what a visitor downloads (raw, gzip, brotli)
    Stats {
        #[command(flatten)]
        kb: Kb,
        /// The folder the widget is built in
        #[arg(long, value_name = "DIR", default_value = "www")]
        www: PathBuf,
    },
    /// Write the compiled bundle to FILE
    Build {
        #[command(flatten)]
        kb: Kb,
        /// The bundle file to write (an existing file is replaced only if it is a bundle)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Each contact channel's state, reason, next change and the week's hours
    ///
    /// On the centre's clock, and with --tz on a visitor's too.
    Hotline {
        #[command(flatten)]
        kb: Kb,
        /// The moment: RFC 3339, or the centre's local time without offset [default: now]
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
        /// The language of the wording [default: the kb's default language]
        #[arg(long, value_name = "L")]
        locale: Option<String>,
        /// A visitor's time zone (IANA name, e.g. Europe/Berlin)
        #[arg(long, value_name = "ZONE")]
        tz: Option<String>,
    },
    /// The deflection report from the widget's beacon log
    ///
    /// One JSON event per line; .gz files are read unpacked, - reads standard input.
    Report {
        /// The event log(s)
        #[arg(value_name = "EVENTS", required = true)]
        events: Vec<String>,
        /// Only events from this date (2026-11-01) or RFC 3339 date-time on
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Also write the report as an HTML page to FILE; - writes the page alone to standard output
        #[arg(long, value_name = "FILE|-")]
        html: Option<String>,
        /// The knowledge base, for questions and alias suggestions [default: kb, when present]
        #[arg(long, value_name = "KB_DIR")]
        kb: Option<PathBuf>,
    },
    /// The static help centre: a page per entry, category and language, and sitemap.xml
    Site {
        #[command(flatten)]
        kb: Kb,
        /// The folder to write the pages to
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The address the pages will be published at
        #[arg(long, value_name = "URL")]
        base_url: String,
        /// The widget's script at your installation, instead of copying the widget from --www
        #[arg(long, value_name = "URL")]
        widget_src: Option<String>,
        /// The folder the widget is built in (copied into the site)
        #[arg(long, value_name = "DIR", default_value = "www")]
        www: PathBuf,
    },
    /// Answer quality on labelled queries (MRR@10, R@1, R@5, nDCG@10)
    Eval {
        /// A corpus (JSON) to compile instead of a knowledge base
        #[arg(
            long,
            value_name = "FILE",
            conflicts_with = "kb",
            required_unless_present = "kb"
        )]
        corpus: Option<String>,
        /// The knowledge base folder
        #[arg(long, value_name = "KB_DIR")]
        kb: Option<PathBuf>,
        /// The labelled queries (JSON)
        #[arg(long, value_name = "FILE")]
        queries: String,
        /// How many of the worst ranked queries to list
        #[arg(long, value_name = "N", default_value_t = 10)]
        worst: usize,
        /// Override a ranking weight (repeatable), e.g. --set k1=1.4
        #[arg(long = "set", value_name = "NAME=VALUE")]
        set: Vec<String>,
        /// Also write the compiled bundle to FILE
        #[arg(long, value_name = "FILE")]
        out: Option<String>,
    },
    /// The delivery kit for site owners: engine and knowledge, content-hashed, with .br and .gz
    ///
    /// Written into an empty folder (or a kit written before); no compiler needed.
    Dist(KitArgs),
    /// The same as dist under plain names, for the demo's www/pkg
    Pkg(KitArgs),
    /// Write the loader's shell (the launcher's words, the site's contact channels)
    Shell {
        #[command(flatten)]
        kb: Kb,
        /// The shell file to write (pkg/help_widget_shell.json)
        #[arg(long, value_name = "FILE")]
        out: String,
    },
}

#[derive(Args)]
struct KitArgs {
    #[command(flatten)]
    kb: Kb,
    /// The folder to write
    #[arg(long, value_name = "DIR")]
    out: String,
    /// How the knowledge ships beside the engine [default: site.toml's, else by size]
    #[arg(long, value_name = "HOW", value_parser = delivery_names())]
    delivery: Option<Delivery>,
    /// Take the engine's files from DIR instead of those this binary carries
    #[arg(long, value_name = "DIR", hide = true)]
    engine: Option<PathBuf>,
}

/// `--delivery`: the names site.toml takes, listed in the help and errors.
fn delivery_names() -> impl clap::builder::TypedValueParser<Value = Delivery> {
    use clap::builder::{PossibleValuesParser, TypedValueParser};
    PossibleValuesParser::new(Delivery::NAMES.map(|(name, _)| name))
        .map(|name| Delivery::parse(&name).expect("one of Delivery::NAMES"))
}

/// The command line, parsed; on an error, exits as clap does. clap shows
/// the usage line for a missing or unknown argument but not for a bad value;
/// here a bad value names its command too.
fn parse() -> Cli {
    use clap::error::ErrorKind;
    Cli::try_parse().unwrap_or_else(|e| {
        if !matches!(
            e.kind(),
            ErrorKind::ValueValidation | ErrorKind::InvalidValue
        ) {
            e.exit()
        }
        let mut root = Cli::command();
        root.build();
        let name = std::env::args().skip(1).find(|a| !a.starts_with('-'));
        let Some(command) = name.and_then(|n| root.find_subcommand_mut(&n)) else {
            e.exit()
        };
        let text = e.render().to_string();
        let (error, more) = text
            .split_once("\nFor more information")
            .unwrap_or((text.as_str(), ""));
        eprint!("{}\n\n{}\n", error.trim_end(), command.render_usage());
        if !more.is_empty() {
            eprint!("\nFor more information{more}");
        }
        std::process::exit(2)
    })
}

fn main() -> ExitCode {
    let result = match parse().command {
        Command::Check { kb, all_warnings } => check(&kb.dir(), all_warnings),
        Command::Query {
            text,
            locale,
            limit,
            kb,
            explain,
        } => query(&text, locale.as_deref(), limit, &kb, explain),
        Command::Stats { kb, www } => stats(&kb.dir(), &www),
        Command::Build { kb, out } => build(&kb.dir(), &out),
        Command::Hotline { kb, at, locale, tz } => {
            hotline(&kb.dir(), at.as_deref(), locale.as_deref(), tz.as_deref())
        }
        Command::Report {
            events,
            since,
            html,
            kb,
        } => report(&events, since.as_deref(), html.as_deref(), kb.as_deref()),
        Command::Site {
            kb,
            out,
            base_url,
            widget_src,
            www,
        } => site(&kb.dir(), &out, &base_url, widget_src.as_deref(), &www),
        Command::Eval {
            corpus,
            kb,
            queries,
            worst,
            set,
            out,
        } => eval(
            corpus.as_deref(),
            kb.as_deref(),
            &queries,
            worst,
            &set,
            out.as_deref(),
        ),
        Command::Dist(k) => kit(&k, true),
        Command::Pkg(k) => kit(&k, false),
        Command::Shell { kb, out } => shell(&kb.dir(), &out),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("error: {e}");
            }
            ExitCode::FAILURE
        }
    }
}

/// Compiles, printing every diagnostic on failure.
fn compile(dir: &Path) -> Result<(Compiled, f64), String> {
    let started = Instant::now();
    let kb = load(dir)?;
    Ok((
        compiler::compile(kb, None),
        started.elapsed().as_secs_f64() * 1000.0,
    ))
}

/// The knowledge base in `dir`, read and checked; its problems, if any,
/// printed.
fn load(dir: &Path) -> Result<KnowledgeBase, String> {
    match compiler::source::load(dir) {
        Ok(kb) => Ok(kb),
        Err(diags) => {
            for d in &diags {
                eprintln!("{d}");
            }
            Err(format!(
                "{} problem(s) in {}; nothing was written",
                diags.len(),
                dir.display()
            ))
        }
    }
}

fn print_summary(c: &Compiled, ms: f64) {
    let entries: usize = c.stats.locales.iter().map(|l| l.1).sum();
    for (locale, n, terms) in &c.stats.locales {
        println!("  {locale}: {n} entries, {terms} terms");
    }
    println!(
        "  {} notices, {} synonym groups",
        c.stats.notices,
        c.kb.synonyms.values().map(Vec::len).sum::<usize>()
    );
    println!(
        "  bundle: {} ({} per entry), compiled in {ms:.0} ms",
        help_widget::sizes::human(c.stats.bytes),
        help_widget::sizes::human(c.stats.bytes / entries.max(1))
    );
}

/// Warnings of one kind shown before the rest are summed up (`check
/// --all-warnings` shows every one).
const WARNINGS_PER_KIND: usize = 10;

/// The kind of a warning: its message up to the first colon, without what
/// it quotes ("no \"en\" version of this entry").
fn warning_kind(message: &str) -> String {
    let head = message.split(": ").take(2).collect::<Vec<_>>().join(": ");
    let mut out = String::new();
    for (i, piece) in head.split('"').enumerate() {
        out.push_str(if i % 2 == 0 { piece } else { "…" });
        out.push('"');
    }
    out.pop();
    out
}

fn check(dir: &Path, all_warnings: bool) -> Result<(), String> {
    let (c, ms) = compile(dir)?;
    let warnings = compiler::lint::warnings(&c.kb);
    // A large kb repeats one warning thousands of times: a few of each
    // kind, then how many more.
    let mut shown: std::collections::BTreeMap<String, usize> = Default::default();
    for w in &warnings {
        let n = shown.entry(warning_kind(&w.message)).or_default();
        *n += 1;
        if *n <= WARNINGS_PER_KIND || all_warnings {
            eprintln!("{w}");
        }
    }
    for (kind, n) in shown.iter().filter(|(_, &n)| n > WARNINGS_PER_KIND) {
        if !all_warnings {
            eprintln!(
                "… and {} more like \"{kind}\" (check --all-warnings lists every one)",
                n - WARNINGS_PER_KIND
            );
        }
    }
    match warnings.len() {
        0 => println!("{}: ok", dir.display()),
        n => println!("{}: ok, {n} warning(s) above", dir.display()),
    }
    print_summary(&c, ms);
    Ok(())
}

/// What each section holds, in an editor's words.
fn section_words(kind: help_widget::format::SectionKind) -> &'static str {
    use help_widget::format::SectionKind as K;
    match kind {
        K::Meta => "site name, languages, contact",
        K::Docs => "questions, topics and links between entries",
        K::Answers => "answers (HTML)",
        K::Groups => "where each group of answers starts",
        K::Parts => "how the index, entries and answers are cut into parts",
        K::Locale => "the language's entries and their average lengths",
        K::Terms => "search index: which letters' words are where",
        K::Stems => "search index: stems",
        K::Words => "search index: words and their spellings, by first letter",
        K::Postings => "search index: which entry has which word, and its lengths",
        K::Synonyms => "synonyms",
        K::Notices => "notices",
        K::Hotline => "contact channels and opening hours",
        K::Home => "greeting and featured questions",
        K::Person => "phrases that ask for a person",
        K::Topics => "each topic's entries (where the entries are in parts)",
        K::Ids => "which part holds each entry's id (where the entries are in parts)",
    }
}

fn stats(dir: &Path, www: &Path) -> Result<(), String> {
    use help_widget::sizes::{self, human, Sizes};
    let (c, ms) = compile(dir)?;
    let bundle = Bundle::open_verified(&c.bytes).map_err(|e| e.to_string())?;
    println!("{} ({})", bundle.meta.site_name, dir.display());
    print_summary(&c, ms);

    let kb = Sizes::of(&c.bytes);
    let entries = c.kb.entries.len().max(1);
    let row = |name: &str, s: Sizes| {
        println!(
            "  {name:<46} {:>8} {:>8} {:>8}",
            human(s.raw),
            human(s.gzip),
            human(s.brotli)
        );
    };
    println!();
    match sizes::widget_files(www) {
        Some(files) => {
            let wasm = files
                .iter()
                .find(|f| f.0.ends_with(".wasm"))
                .map_or(&[][..], |f| &f.2[..]);
            if sizes::built_from(wasm, &c) {
                println!(
                    "What a visitor downloads ({}, built from this knowledge base):",
                    www.display()
                );
            } else {
                println!(
                    "What a visitor downloads ({}, built from ANOTHER state of the knowledge base; ./dev test rebuilds www/pkg):",
                    www.display()
                );
            }
            println!(
                "  {:<46} {:>8} {:>8} {:>8}",
                "file", "raw", "gzip", "brotli"
            );
            let mut total = Sizes::default();
            let mut page_view = Sizes::default();
            for (name, s, _) in &files {
                row(name, *s);
                total = total + *s;
                if sizes::WIDGET_FILES[..sizes::PAGE_VIEW_FILES].contains(name) {
                    page_view = page_view + *s;
                }
            }
            row("every page view (the launcher)", page_view);
            row("total (once a visitor opens the help)", total);
        }
        None => println!(
            "The widget is not built in {} yet (./dev test builds www/pkg); the knowledge base alone:",
            www.display()
        ),
    }
    row("knowledge base (inside the .wasm)", kb);
    println!(
        "  per entry: {} raw, {} gzip, {} brotli",
        human(kb.raw / entries),
        human(kb.gzip / entries),
        human(kb.brotli / entries)
    );

    println!();
    println!("The knowledge base by part (each part compressed alone):");
    println!(
        "  {:<46} {:>8} {:>8} {:>8}",
        "part", "raw", "gzip", "brotli"
    );
    for s in help_widget::format::Layout::parse(&c.bytes)
        .map_err(|e| e.to_string())?
        .sections()
    {
        let locale = bundle
            .meta
            .locales
            .get(usize::from(s.locale))
            .map_or(String::new(), |l| format!(" [{l}]"));
        let part = format!("{}{locale}", section_words(s.kind));
        row(&part, Sizes::of(&c.bytes[s.offset..s.offset + s.len]));
    }
    Ok(())
}

fn query(
    text: &str,
    locale: Option<&str>,
    limit: usize,
    dir: &Path,
    explain: bool,
) -> Result<(), String> {
    let (c, _) = compile(dir)?;
    let bundle = Bundle::open(&c.bytes).map_err(|e| e.to_string())?;
    let default_locale = bundle.meta.locales[usize::from(bundle.meta.default_locale)];
    let locale = locale.unwrap_or(default_locale);
    let started = Instant::now();
    let hits = engine::explain(&bundle, text, locale, limit);
    let us = started.elapsed().as_secs_f64() * 1e6;
    if hits.is_empty() {
        println!("no results for \"{text}\" ({locale})");
    }
    for (i, (h, tree)) in hits.iter().enumerate() {
        println!("{:>2}. {:>7.3}  {}  [{}]", i + 1, h.score, h.question, h.id);
        println!("             {}", h.snippet);
        if explain {
            for line in tree.to_string().lines() {
                println!("             {line}");
            }
        }
    }
    println!("({} hits in {us:.0} µs)", hits.len());
    if let Some(better) = engine::did_you_mean(&bundle, text, locale) {
        println!("did you mean: {better}");
    }
    let completions = engine::complete(&bundle, text, locale, 5);
    if !completions.is_empty() {
        println!("completions: {}", completions.join(" | "));
    }
    Ok(())
}

fn build(dir: &Path, out: &Path) -> Result<(), String> {
    replaceable(out, "a bundle (help-widget build)", is_bundle)?;
    let (c, ms) = compile(dir)?;
    compiler::write_atomically(out, &c.bytes)
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!("wrote {}", out.display());
    print_summary(&c, ms);
    Ok(())
}

fn read_json<T: serde::de::DeserializeOwned>(path: &str) -> Result<T, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))
}

/// `--set name=value` overrides of the ranking weights, for tuning.
fn weights(set: &[String]) -> Result<engine::RankWeights, String> {
    let mut w = engine::RankWeights::default();
    for value in set {
        let (key, v) = value
            .split_once('=')
            .ok_or(format!("--set {value}: write name=value"))?;
        let v: f32 = v
            .parse()
            .map_err(|_| format!("--set {value}: not a number"))?;
        let slot = match key {
            "field.question" => &mut w.field[0],
            "field.aliases" => &mut w.field[1],
            "field.answer" => &mut w.field[2],
            "b.question" => &mut w.b[0],
            "b.aliases" => &mut w.b[1],
            "b.answer" => &mut w.b[2],
            "k1" => &mut w.k1,
            "stem" => &mut w.stem,
            "inflection" => &mut w.inflection,
            "prefix" => &mut w.prefix,
            "synonym" => &mut w.synonym,
            "compound" => &mut w.compound,
            "family" => &mut w.family,
            "fuzzy" => &mut w.fuzzy,
            "coverage" => &mut w.coverage,
            "question_cover" => &mut w.question_cover,
            "stop_word" => &mut w.stop_word,
            "function_word" => &mut w.function_word,
            "proximity" => &mut w.proximity,
            "stop_idf_share" => &mut w.stop_idf_share,
            other => return Err(format!("--set: unknown weight {other}")),
        };
        *slot = v;
    }
    Ok(w)
}

fn eval(
    corpus: Option<&str>,
    kb: Option<&Path>,
    queries: &str,
    worst: usize,
    set: &[String],
    out: Option<&str>,
) -> Result<(), String> {
    let queries: Vec<help_widget::eval::LabelledQuery> = read_json(queries)?;
    let weights = weights(set)?;
    let started = Instant::now();
    let (bytes, entries, corpus) = match (corpus, kb) {
        (Some(path), None) => {
            let corpus: Vec<help_widget::eval::CorpusEntry> = read_json(path)?;
            let bytes = help_widget::eval::compile_corpus(&corpus);
            (bytes, corpus.len(), Some(corpus))
        }
        (None, Some(dir)) => {
            let (c, _) = compile(dir)?;
            (c.bytes, c.kb.entries.len(), None)
        }
        _ => return Err("eval needs either --corpus FILE or --kb DIR".into()),
    };
    let compile_ms = started.elapsed().as_secs_f64() * 1000.0;
    if let Some(out) = out {
        replaceable(
            Path::new(out),
            "a bundle (help-widget eval --out)",
            is_bundle,
        )?;
        compiler::write_atomically(Path::new(out), &bytes).map_err(|e| format!("{out}: {e}"))?;
    }
    let bundle = Bundle::open(&bytes).map_err(|e| e.to_string())?;
    let started = Instant::now();
    let report = help_widget::eval::evaluate(&bundle, &queries, &weights);
    let per_query_us = started.elapsed().as_secs_f64() * 1e6 / queries.len().max(1) as f64;
    let gz = gzip_len(&bytes);
    let json_gz = corpus.as_deref().map(corpus_json_gzip_len);
    let versus = json_gz.map_or(String::new(), |j| {
        format!(
            " = {:.0} % of the corpus as gzipped JSON",
            100.0 * gz as f64 / j as f64
        )
    });
    println!(
        "{} entries, {} queries; bundle {} bytes, {gz} gzipped{versus}; compiled in {compile_ms:.0} ms; {per_query_us:.0} µs per query",
        entries,
        queries.len(),
        bytes.len()
    );
    println!("lang  queries  MRR@10  R@1    R@5    nDCG@10");
    for (lang, m) in &report.per_lang {
        println!(
            "{lang:<5} {:>7}  {:.3}   {:.3}  {:.3}  {:.3}",
            m.queries, m.mrr10, m.recall1, m.recall5, m.ndcg10
        );
    }
    if worst > 0 {
        // A query answered first (reciprocal rank 1.00) is not among the worst.
        let below: Vec<_> = report.worst.iter().filter(|o| o.rr10 < 1.0).collect();
        if below.is_empty() {
            println!("worst ranked queries: none, every query's answer ranked first");
        } else {
            println!("worst ranked queries (below 1.00):");
        }
        for o in below.into_iter().take(worst) {
            println!(
                "  [{}] {:.2} {:?} wants {:?}, got {}",
                o.lang,
                o.rr10,
                o.query,
                o.relevant,
                o.first.as_deref().unwrap_or("nothing")
            );
        }
    }
    Ok(())
}

/// Writes what the loader shows before or without the Wasm (the launcher's
/// words, the site's contact channels) for the knowledge base in KB_DIR, the
/// one the Wasm embeds: compiled here, so a kb edit needs no native rebuild.
fn shell(dir: &Path, out: &str) -> Result<(), String> {
    let (c, _) = compile(dir)?;
    let bundle = Bundle::open(&c.bytes).map_err(|e| e.to_string())?;
    let mut shell = help_widget::widget::shell::Shell::new(&bundle);
    // The logo goes beside the shell, under a name of the widget's own.
    if let Some((name, bytes)) = help_widget::kit::logo(&c.kb)? {
        let to = Path::new(out).with_file_name(&name);
        std::fs::write(&to, bytes).map_err(|e| format!("cannot write {}: {e}", to.display()))?;
        shell.logo = Some(name);
    }
    let json = serde_json::to_string(&shell).map_err(|e| e.to_string())?;
    compiler::write_atomically(Path::new(out), json.as_bytes())
        .map_err(|e| format!("cannot write {out}: {e}"))
}

/// `dist` (a kit for site owners) and `pkg` (the demo's www/pkg).
fn kit(args: &KitArgs, dist: bool) -> Result<(), String> {
    use help_widget::kit;
    let out = args.out.as_str();
    if let Some(dir) = &args.engine {
        kit::use_engine_dir(dir)?;
    }
    let delivery = args.delivery;
    let started = Instant::now();
    let kb = load(&args.kb.dir())?;
    // A missing translation or a near-duplicate category: shown, not fatal
    // (the watch loop shows them too); `check` lists them all.
    let warnings = compiler::lint::warnings(&kb);
    for w in warnings.iter().take(20) {
        eprintln!("{w}");
    }
    if warnings.len() > 20 {
        eprintln!(
            "… and {} more warnings: `help-widget check` lists them",
            warnings.len() - 20
        );
    }
    let built_at = kb.newest_mtime;
    let data = kit::data(&kb, built_at, delivery, || {
        compiler::bundle::build(&kb, compiler::recorded_time(&kb, None)).0
    });
    let files = if dist {
        kit::kit_files(&kb, &data)?
    } else {
        kit::pkg_files(&kb, &data)?
    };
    let rows = kit::write(Path::new(out), &files, dist)?;
    let ms = started.elapsed().as_millis();
    let parts = data.parts.len();
    println!(
        "{out}/: {} files, delivery {} ({} locale file(s), {parts} pack(s)), in {ms} ms",
        rows.len(),
        data.delivery.name(),
        data.locales.len()
    );
    if dist {
        println!(
            "  {:<44} {:>9} {:>9} {:>9}",
            "file", "raw", "gzip -9", "brotli 11"
        );
        // A pack is served as it is (its parts are gzipped): no copies.
        for (name, raw, gz, br) in &rows {
            println!("  {name:<44} {raw:>9} {gz:>9} {br:>9}");
        }
    }
    Ok(())
}

fn hotline(
    dir: &Path,
    at: Option<&str>,
    locale: Option<&str>,
    tz: Option<&str>,
) -> Result<(), String> {
    use help_widget::hotline::text;
    let (c, _) = compile(dir)?;
    let bundle = Bundle::open(&c.bytes).map_err(|e| e.to_string())?;
    let Some(centre) = c.kb.hotline.as_ref().map(|h| h.zone) else {
        return Err(format!(
            "{} has no hotline.toml: without it the knowledge base has no contact channels",
            dir.display()
        ));
    };
    let at = match at {
        Some(t) => text::parse_instant(t, centre)?,
        None => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as i64),
    };
    let default_locale = bundle.meta.locales[usize::from(bundle.meta.default_locale)];
    let locale = locale.unwrap_or(default_locale);
    if !bundle.meta.locales.contains(&locale) {
        return Err(format!(
            "--locale {locale}: the knowledge base has {:?}",
            bundle.meta.locales
        ));
    }
    let visitor = tz
        .map(|z| text::zone(z).map_err(|why| format!("--tz {why}")))
        .transpose()?;
    let report = text::describe(&bundle, at, locale, visitor)
        .ok_or("the knowledge base has no contact channels")?;
    print!("{report}");
    Ok(())
}

fn report(
    events: &[String],
    since: Option<&str>,
    html: Option<&str>,
    dir: Option<&Path>,
) -> Result<(), String> {
    use help_widget::report::{self, suggest};
    use std::io::BufReader;
    let since = since.map(parse_since).transpose()?;
    // The knowledge base adds questions and alias suggestions; without one
    // (the default ./kb missing), the report comes from the log alone.
    let compiled = match dir {
        None if !Path::new("kb").is_dir() => {
            eprintln!("note: no knowledge base in ./kb: the report shows no questions and no alias suggestions (pass --kb DIR)");
            None
        }
        _ => Some(compile(dir.unwrap_or(Path::new("kb")))?.0),
    };
    let bundle = match &compiled {
        Some(c) => Some(Bundle::open(&c.bytes).map_err(|e| e.to_string())?),
        None => None,
    };
    let entries = match (&compiled, &bundle) {
        (Some(c), Some(b)) => suggest::Entries {
            bundle: Some(b),
            candidates: c
                .kb
                .entries
                .iter()
                .map(|e| suggest::Candidate::new(&e.id, &e.question, &e.aliases))
                .collect(),
        },
        _ => suggest::Entries::NONE,
    };

    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64);
    if let Some(out) = html.filter(|o| *o != "-") {
        if events.iter().any(|p| Path::new(p) == Path::new(out)) {
            return Err(format!(
                "--html {out} is also an event log to read: name another file for the HTML page"
            ));
        }
        replaceable(
            Path::new(out),
            "a report page (help-widget report --html)",
            |head| {
                const TITLE: &[u8] = b"<title>Deflection report";
                head.starts_with(b"<!doctype html>")
                    && head.windows(TITLE.len()).any(|w| w == TITLE)
            },
        )?;
    }
    let mut reader = report::Reader::new(since, now_ms);
    for path in events {
        if path == "-" {
            reader.read("stdin", std::io::stdin().lock());
            continue;
        }
        let file = std::fs::File::open(path).map_err(|e| format!("cannot read {path}: {e}"))?;
        if path.ends_with(".gz") {
            let gz = flate2::read::MultiGzDecoder::new(BufReader::new(file));
            reader.read(path, BufReader::new(gz));
        } else {
            reader.read(path, BufReader::new(file));
        }
    }
    let r = reader.finish();
    let site = bundle.as_ref().map_or("", |b| b.meta.site_name);
    match html {
        // The page alone on standard output, for a pipe or a redirect.
        Some("-") => {
            use std::io::Write;
            let page = report::html::render(&r, &entries, site);
            std::io::stdout()
                .write_all(page.as_bytes())
                .map_err(|e| format!("cannot write the page to standard output: {e}"))?;
        }
        Some(out) => {
            print!("{}", report::text::render(&r, &entries));
            let page = report::html::render(&r, &entries, site);
            compiler::write_atomically(Path::new(out), page.as_bytes())
                .map_err(|e| format!("cannot write {out}: {e}"))?;
            println!("\nwrote {out}");
        }
        None => print!("{}", report::text::render(&r, &entries)),
    }
    Ok(())
}

/// Refuses to replace an existing file that is not an output of this
/// command (`own` tells by its first bytes), so an `--out` or `--html`
/// naming the wrong file cannot destroy it; a folder is refused too.
fn replaceable(path: &Path, what: &str, own: fn(&[u8]) -> bool) -> Result<(), String> {
    use std::io::Read;
    let shown = path.display();
    match std::fs::symlink_metadata(path) {
        Err(_) => Ok(()),
        Ok(m) if m.is_dir() => Err(format!("{shown} is a folder: name a file")),
        Ok(_) => {
            let mut head = Vec::new();
            std::fs::File::open(path)
                .and_then(|f| f.take(4096).read_to_end(&mut head))
                .map_err(|e| format!("cannot read {shown}: {e}"))?;
            if head.is_empty() || own(&head) {
                Ok(())
            } else {
                Err(format!("{shown} exists and is not {what}: it is replaced only when it is one; choose another name, or move it away first"))
            }
        }
    }
}

/// The bundle files `build` and `eval` write start with the format's magic.
fn is_bundle(head: &[u8]) -> bool {
    head.starts_with(&help_widget::format::MAGIC)
}

/// `--since`: a date (midnight UTC) or an RFC 3339 date-time.
fn parse_since(text: &str) -> Result<i64, String> {
    if let Some(ms) = compiler::source::parse_rfc3339_ms(text) {
        return Ok(ms);
    }
    compiler::source::parse_rfc3339_ms(&format!("{}T00:00:00Z", text.trim()))
        .ok_or_else(|| format!("--since {text}: write a date such as 2026-11-01"))
}

fn site(
    dir: &Path,
    out: &Path,
    base_url: &str,
    widget_src: Option<&str>,
    www: &Path,
) -> Result<(), String> {
    use help_widget::site::{self, paths::BaseUrl, Options, Widget};
    use help_widget::sizes::{self, human};
    let base = BaseUrl::parse(base_url)?;
    let (c, _) = compile(dir)?;
    let (widget, widget_files) = match widget_src {
        Some(url) => (Widget::At(url.to_string()), Vec::new()),
        None => match sizes::widget_files(www) {
            Some(files) => {
                let wasm = files
                    .iter()
                    .find(|f| f.0.ends_with(".wasm"))
                    .map_or(&[][..], |f| &f.2[..]);
                if !sizes::built_from(wasm, &c) {
                    eprintln!("warning: the widget in {} was built from another state of this knowledge base; ./dev test rebuilds www/pkg", www.display());
                }
                (Widget::Copied, files)
            }
            None => {
                eprintln!(
                    "warning: the widget is not built in {} (./dev test builds www/pkg): the pages load {}, which is missing; or pass --widget-src URL of your installation",
                    www.display(),
                    site::WIDGET_SCRIPT
                );
                (Widget::Copied, Vec::new())
            }
        },
    };
    let bundle = Bundle::open(&c.bytes).map_err(|e| e.to_string())?;
    let opts = Options {
        base,
        widget,
        site_name: c.kb.site.name.clone(),
        contact: c.kb.site.contact.clone(),
        lastmod: help_widget::hotline::clock::IsoDate::of_day(
            (bundle.meta.built_at / 86_400) as i64,
        )
        .as_str()
        .to_string(),
    };
    let mut files = site::build(&c.kb, &opts);
    for (name, _, bytes) in widget_files {
        files.push(site::File {
            path: format!("widget/{name}"),
            bytes,
        });
    }
    site::write(out, &files)?;
    let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
    let html: usize = files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(|f| f.bytes.len())
        .sum();
    let all: usize = files.iter().map(|f| f.bytes.len()).sum();
    println!(
        "wrote {} pages ({} entries) to {}: pages {}, everything {} with sitemap.xml, site.css{}",
        pages,
        c.kb.entries.len(),
        out.display(),
        human(html),
        human(all),
        if files.iter().any(|f| f.path.starts_with("widget/")) {
            " and the widget"
        } else {
            ""
        }
    );
    Ok(())
}
