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

use help_widget::compiler::{self, Compiled};
use help_widget::engine::{self, Bundle};
use help_widget::eval::{corpus_json_gzip_len, gzip_len};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage:
  help-widget check [KB_DIR] [--all-warnings] validate a knowledge base, print every problem
                                             (and warnings: missing translations, near-duplicate
                                             categories, a phrase two entries share; 10 of each
                                             kind and a count of the rest, unless --all-warnings)
  help-widget query TEXT [--locale L] [--limit N] [--kb KB_DIR] [--explain]
                                             what a visitor would see, with scores
                                             (--explain: how each score came about)
  help-widget stats [KB_DIR] [--www DIR]     entries, terms, and what a visitor downloads
                                             (raw, gzip, brotli) with the widget built in DIR (www)
  help-widget build [KB_DIR] --out FILE      write the bundle
  help-widget hotline [KB_DIR] [--at TIME] [--locale L] [--tz ZONE]
                                             each contact channel's state, reason, next change and
                                             the week's hours at TIME (RFC 3339, or the centre's
                                             local time without offset; default now), on the
                                             centre's clock and on a visitor's in ZONE
  help-widget report EVENTS... [--since DATE] [--html FILE|-] [--kb KB_DIR]
                                             the deflection report from the widget's beacon log
                                             (one JSON event per line; .gz files and - for stdin);
                                             --html - writes the page alone to standard output
  help-widget site [KB_DIR] --out DIR --base-url URL [--widget-src URL] [--www DIR]
                                             the static help centre: a page per entry, category and
                                             language, sitemap.xml; the widget's files copied from
                                             the build in DIR (www) unless --widget-src points at yours
  help-widget eval (--corpus corpus.json | --kb KB_DIR) --queries queries.json [--worst N] [--set weight=value] [--out FILE]
                                             answer quality on labelled queries (MRR@10, R@1, R@5, nDCG@10);
                                             --out writes the compiled bundle

  help-widget dist [KB_DIR] --out DIR [--delivery embedded|locales|parts]
                                             the delivery kit: the engine this binary carries and the
                                             knowledge, content-hashed, with .br and .gz copies, into an
                                             empty folder (or a kit written before); no compiler needed.
                                             delivery: site.toml's, else by size (see SERVING.md)
  help-widget pkg [KB_DIR] --out DIR [--delivery embedded|locales|parts]
                                             the same under plain names, for the demo's www/pkg
  help-widget shell [KB_DIR] --out FILE      write the loader's shell (pkg/help_widget_shell.json):
                                             the launcher's words and the site's contact channels

KB_DIR defaults to ./kb";

/// Parsed command line: positional arguments, `--option value` options
/// and plain `--flag`s (the names in [`FLAGS`]).
struct Args {
    positional: Vec<String>,
    options: Vec<(String, String)>,
}

/// Options that take no value.
const FLAGS: &[&str] = &["explain", "all-warnings"];

impl Args {
    fn parse(raw: impl Iterator<Item = String>) -> Result<Self, String> {
        let mut positional = Vec::new();
        let mut options = Vec::new();
        let mut raw = raw.peekable();
        while let Some(a) = raw.next() {
            if let Some(name) = a.strip_prefix("--") {
                let value = if FLAGS.contains(&name) {
                    String::new()
                } else if name == "html" {
                    raw.next().ok_or("--html needs a file name for the page, or - to write it to standard output")?
                } else {
                    raw.next().ok_or(format!("--{name} needs a value"))?
                };
                options.push((name.to_string(), value));
            } else {
                positional.push(a);
            }
        }
        Ok(Self {
            positional,
            options,
        })
    }

    fn option(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn check_options(&self, allowed: &[&str]) -> Result<(), String> {
        match self
            .options
            .iter()
            .find(|(n, _)| !allowed.contains(&n.as_str()))
        {
            Some((n, _)) => Err(format!("unknown option --{n}")),
            None => Ok(()),
        }
    }
}

fn main() -> ExitCode {
    let mut raw = std::env::args().skip(1);
    let Some(command) = raw.next() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let args = match Args::parse(raw) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = match command.as_str() {
        "check" => check(&args),
        "query" => query(&args),
        "stats" => stats(&args),
        "build" => build(&args),
        "eval" => eval(&args),
        "shell" => shell(&args),
        "dist" => kit(&args, true),
        "pkg" => kit(&args, false),
        "hotline" => hotline(&args),
        "report" => report(&args),
        "site" => site(&args),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command \"{other}\"\n{USAGE}")),
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

fn kb_dir(args: &Args, positional: usize) -> PathBuf {
    args.option("kb")
        .or(args.positional.get(positional).map(String::as_str))
        .map_or_else(|| PathBuf::from("kb"), PathBuf::from)
}

/// Compiles, printing every diagnostic on failure.
fn compile(dir: &Path) -> Result<(Compiled, f64), String> {
    let started = Instant::now();
    match compiler::compile_dir(dir, None) {
        Ok(c) => Ok((c, started.elapsed().as_secs_f64() * 1000.0)),
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
        help_widget::download::human(c.stats.bytes),
        help_widget::download::human(c.stats.bytes / entries.max(1))
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

fn check(args: &Args) -> Result<(), String> {
    args.check_options(&["all-warnings"])?;
    let dir = kb_dir(args, 0);
    let (c, ms) = compile(&dir)?;
    let warnings = compiler::lint::warnings(&c.kb);
    // A large kb repeats one warning thousands of times: a few of each
    // kind, then how many more.
    let mut shown: std::collections::BTreeMap<String, usize> = Default::default();
    for w in &warnings {
        let n = shown.entry(warning_kind(&w.message)).or_default();
        *n += 1;
        if *n <= WARNINGS_PER_KIND || args.option("all-warnings").is_some() {
            eprintln!("{w}");
        }
    }
    for (kind, n) in shown.iter().filter(|(_, &n)| n > WARNINGS_PER_KIND) {
        if args.option("all-warnings").is_none() {
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
        K::Parts => "how the index and answers are cut into part files",
        K::Locale => "entry lengths for ranking",
        K::Terms => "search index: which letters' words are where",
        K::Stems => "search index: stems",
        K::Words => "search index: words and their spellings, by first letter",
        K::Postings => "search index: which entry has which word",
        K::Synonyms => "synonyms",
        K::Notices => "notices",
        K::Hotline => "contact channels and opening hours",
        K::Home => "greeting and featured questions",
        K::Person => "phrases that ask for a person",
    }
}

fn stats(args: &Args) -> Result<(), String> {
    use help_widget::download::{self, human, Sizes};
    args.check_options(&["www"])?;
    let dir = kb_dir(args, 0);
    let (c, ms) = compile(&dir)?;
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
    let www = PathBuf::from(args.option("www").unwrap_or("www"));
    println!();
    match download::widget_files(&www) {
        Some(files) => {
            let wasm = files
                .iter()
                .find(|f| f.0.ends_with(".wasm"))
                .map_or(&[][..], |f| &f.2[..]);
            if download::built_from(wasm, &c) {
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
                if download::WIDGET_FILES[..download::PAGE_VIEW_FILES].contains(name) {
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

fn query(args: &Args) -> Result<(), String> {
    args.check_options(&["locale", "limit", "kb", "explain"])?;
    let text = args
        .positional
        .first()
        .ok_or("query needs the text to search for")?;
    let dir = args
        .option("kb")
        .map_or_else(|| PathBuf::from("kb"), PathBuf::from);
    let (c, _) = compile(&dir)?;
    let bundle = Bundle::open(&c.bytes).map_err(|e| e.to_string())?;
    let default_locale = bundle.meta.locales[usize::from(bundle.meta.default_locale)];
    let locale = args.option("locale").unwrap_or(default_locale);
    let limit = match args.option("limit") {
        Some(l) => l
            .parse()
            .map_err(|_| format!("--limit {l} is not a number"))?,
        None => 10,
    };
    let started = Instant::now();
    let hits = engine::explain(&bundle, text, locale, limit);
    let us = started.elapsed().as_secs_f64() * 1e6;
    if hits.is_empty() {
        println!("no results for \"{text}\" ({locale})");
    }
    let explain = args.option("explain").is_some();
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

fn build(args: &Args) -> Result<(), String> {
    args.check_options(&["out", "kb"])?;
    let out = PathBuf::from(args.option("out").ok_or("build needs --out FILE")?);
    replaceable(&out, "a bundle (help-widget build)", is_bundle)?;
    let dir = kb_dir(args, 0);
    let (c, ms) = compile(&dir)?;
    compiler::write_atomically(&out, &c.bytes)
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
fn weights(args: &Args) -> Result<engine::RankWeights, String> {
    let mut w = engine::RankWeights::default();
    for (name, value) in args.options.iter().filter(|(n, _)| n == "set") {
        let _ = name;
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
            "prefix" => &mut w.prefix,
            "synonym" => &mut w.synonym,
            "compound" => &mut w.compound,
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

fn eval(args: &Args) -> Result<(), String> {
    args.check_options(&["corpus", "kb", "queries", "worst", "set", "out"])?;
    let queries: Vec<help_widget::eval::LabelledQuery> =
        read_json(args.option("queries").ok_or("eval needs --queries FILE")?)?;
    let worst: usize = args
        .option("worst")
        .map_or(Ok(10), str::parse)
        .map_err(|_| "--worst needs a number")?;
    let weights = weights(args)?;
    let started = Instant::now();
    let (bytes, entries, corpus) = match (args.option("corpus"), args.option("kb")) {
        (Some(path), None) => {
            let corpus: Vec<help_widget::eval::CorpusEntry> = read_json(path)?;
            let bytes = help_widget::eval::compile_corpus(&corpus);
            (bytes, corpus.len(), Some(corpus))
        }
        (None, Some(dir)) => {
            let (c, _) = compile(Path::new(dir))?;
            (c.bytes, c.kb.entries.len(), None)
        }
        _ => return Err("eval needs either --corpus FILE or --kb DIR".into()),
    };
    let compile_ms = started.elapsed().as_secs_f64() * 1000.0;
    if let Some(out) = args.option("out") {
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
fn shell(args: &Args) -> Result<(), String> {
    args.check_options(&["out"])?;
    let out = args.option("out").ok_or("shell needs --out FILE")?;
    let (c, _) = compile(&kb_dir(args, 0))?;
    let bundle = Bundle::open(&c.bytes).map_err(|e| e.to_string())?;
    let mut shell = help_widget::widget::shell::Shell::new(&bundle);
    // The logo goes beside the shell, under a name of the widget's own.
    if let Some((name, bytes)) = help_widget::kit::logo(&c)? {
        let to = Path::new(out).with_file_name(&name);
        std::fs::write(&to, bytes).map_err(|e| format!("cannot write {}: {e}", to.display()))?;
        shell.logo = Some(name);
    }
    let json = serde_json::to_string(&shell).map_err(|e| e.to_string())?;
    compiler::write_atomically(Path::new(out), json.as_bytes())
        .map_err(|e| format!("cannot write {out}: {e}"))
}

/// `dist` (a kit for site owners) and `pkg` (the demo's www/pkg).
fn kit(args: &Args, dist: bool) -> Result<(), String> {
    use help_widget::compiler::model::Delivery;
    use help_widget::kit;
    args.check_options(&["out", "delivery", "engine"])?;
    let out = args.option("out").ok_or("needs --out DIR")?;
    if let Some(dir) = args.option("engine") {
        kit::use_engine_dir(Path::new(dir))?;
    }
    let delivery = match args.option("delivery") {
        Some(d) => Some(
            Delivery::parse(d)
                .ok_or_else(|| format!("--delivery {d}: write embedded, locales or parts"))?,
        ),
        None => None,
    };
    let started = Instant::now();
    let (c, _) = compile(&kb_dir(args, 0))?;
    // A missing translation or a near-duplicate category: shown, not fatal
    // (the watch loop shows them too); `check` lists them all.
    let warnings = compiler::lint::warnings(&c.kb);
    for w in warnings.iter().take(20) {
        eprintln!("{w}");
    }
    if warnings.len() > 20 {
        eprintln!(
            "… and {} more warnings: `help-widget check` lists them",
            warnings.len() - 20
        );
    }
    let built_at = c.kb.newest_mtime;
    let data = kit::data(&c, built_at, delivery);
    let files = if dist {
        kit::kit_files(&c, &data)?
    } else {
        kit::pkg_files(&c, &data)?
    };
    let rows = kit::write(Path::new(out), &files, dist)?;
    let ms = started.elapsed().as_millis();
    let parts = data.parts.len();
    println!(
        "{out}/: {} files, delivery {} ({} locale file(s), {parts} part file(s)), in {ms} ms",
        rows.len(),
        data.delivery.name(),
        data.locales.len()
    );
    if dist {
        println!(
            "  {:<44} {:>9} {:>9} {:>9}",
            "file", "raw", "gzip -9", "brotli 11"
        );
        for (name, raw, gz, br) in rows.iter().filter(|r| !r.0.starts_with("p-")) {
            println!("  {name:<44} {raw:>9} {gz:>9} {br:>9}");
        }
        if parts > 0 {
            let part = |f: fn(&kit::Row) -> usize| -> usize {
                rows.iter().filter(|r| r.0.starts_with("p-")).map(f).sum()
            };
            println!(
                "  {:<44} {:>9} {:>9} {:>9}",
                format!("{parts} part files (p-*.bin)"),
                part(|r| r.1),
                part(|r| r.2),
                part(|r| r.3)
            );
        }
    }
    Ok(())
}

fn hotline(args: &Args) -> Result<(), String> {
    use help_widget::hotline::text;
    args.check_options(&["at", "locale", "tz", "kb"])?;
    let dir = kb_dir(args, 0);
    let (c, _) = compile(&dir)?;
    let bundle = Bundle::open(&c.bytes).map_err(|e| e.to_string())?;
    let Some(centre) = c.kb.hotline.as_ref().map(|h| h.zone) else {
        return Err(format!(
            "{} has no hotline.toml: without it the knowledge base has no contact channels",
            dir.display()
        ));
    };
    let at = match args.option("at") {
        Some(t) => text::parse_instant(t, centre)?,
        None => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as i64),
    };
    let default_locale = bundle.meta.locales[usize::from(bundle.meta.default_locale)];
    let locale = args.option("locale").unwrap_or(default_locale);
    if !bundle.meta.locales.contains(&locale) {
        return Err(format!(
            "--locale {locale}: the knowledge base has {:?}",
            bundle.meta.locales
        ));
    }
    let visitor = args.option("tz").map(text::zone).transpose()?;
    let report = text::describe(&bundle, at, locale, visitor)
        .ok_or("the knowledge base has no contact channels")?;
    print!("{report}");
    Ok(())
}

fn report(args: &Args) -> Result<(), String> {
    use help_widget::report::{self, suggest};
    use std::io::BufReader;
    args.check_options(&["since", "html", "kb"])?;
    if args.positional.is_empty() {
        return Err("report needs the event log(s): help-widget report events.jsonl".into());
    }
    let since = args.option("since").map(parse_since).transpose()?;
    // The knowledge base adds questions and alias suggestions; without one
    // (the default ./kb missing), the report comes from the log alone.
    let dir = args.option("kb").map(PathBuf::from);
    let compiled = match &dir {
        None if !Path::new("kb").is_dir() => {
            eprintln!("note: no knowledge base in ./kb: the report shows no questions and no alias suggestions (pass --kb DIR)");
            None
        }
        _ => Some(compile(dir.as_deref().unwrap_or(Path::new("kb")))?.0),
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
    let html = args.option("html");
    if let Some(out) = html.filter(|o| *o != "-") {
        if args
            .positional
            .iter()
            .any(|p| Path::new(p) == Path::new(out))
        {
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
    for path in &args.positional {
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

fn site(args: &Args) -> Result<(), String> {
    use help_widget::download::{self, human};
    use help_widget::site::{self, paths::BaseUrl, Options, Widget};
    args.check_options(&["out", "base-url", "widget-src", "www", "kb"])?;
    let out = PathBuf::from(args.option("out").ok_or("site needs --out DIR")?);
    let base = BaseUrl::parse(
        args.option("base-url")
            .ok_or("site needs --base-url URL, the address the pages will be published at")?,
    )?;
    let dir = kb_dir(args, 0);
    let (c, _) = compile(&dir)?;
    let www = PathBuf::from(args.option("www").unwrap_or("www"));
    let (widget, widget_files) = match args.option("widget-src") {
        Some(url) => (Widget::At(url.to_string()), Vec::new()),
        None => match download::widget_files(&www) {
            Some(files) => {
                let wasm = files
                    .iter()
                    .find(|f| f.0.ends_with(".wasm"))
                    .map_or(&[][..], |f| &f.2[..]);
                if !download::built_from(wasm, &c) {
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
    site::write(&out, &files)?;
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
