//! The editors' tool: check a knowledge base, try queries, see figures.
//!
//! ```text
//! help-widget check [KB_DIR]
//! help-widget query "zählerstand" [--locale de] [--limit 10] [--kb KB_DIR]
//! help-widget stats [KB_DIR]
//! help-widget build [KB_DIR] --out FILE
//! ```

use help_widget::compiler::{self, Compiled};
use help_widget::engine::{self, Bundle};
use help_widget::eval::{corpus_json_gzip_len, gzip_len};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage:
  help-widget check [KB_DIR]                 validate a knowledge base, print every problem
  help-widget query TEXT [--locale L] [--limit N] [--kb KB_DIR] [--explain]
                                             what a visitor would see, with scores
                                             (--explain: how each score came about)
  help-widget stats [KB_DIR]                 entries, terms and bundle size, raw and gzipped
  help-widget build [KB_DIR] --out FILE      write the bundle
  help-widget eval (--corpus corpus.json | --kb KB_DIR) --queries queries.json [--worst N] [--set weight=value] [--out FILE]
                                             answer quality on labelled queries (MRR@10, R@1, R@5, nDCG@10);
                                             --out writes the compiled bundle

KB_DIR defaults to ./kb";

/// Parsed command line: positional arguments, `--option value` options
/// and plain `--flag`s (the names in [`FLAGS`]).
struct Args {
    positional: Vec<String>,
    options: Vec<(String, String)>,
}

/// Options that take no value.
const FLAGS: &[&str] = &["explain"];

impl Args {
    fn parse(raw: impl Iterator<Item = String>) -> Result<Self, String> {
        let mut positional = Vec::new();
        let mut options = Vec::new();
        let mut raw = raw.peekable();
        while let Some(a) = raw.next() {
            if let Some(name) = a.strip_prefix("--") {
                let value = if FLAGS.contains(&name) {
                    String::new()
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
        "  bundle: {} bytes ({} bytes per entry), compiled in {ms:.1} ms",
        c.stats.bytes,
        c.stats.bytes / entries.max(1)
    );
}

fn check(args: &Args) -> Result<(), String> {
    args.check_options(&[])?;
    let dir = kb_dir(args, 0);
    let (c, ms) = compile(&dir)?;
    let warnings = compiler::lint::shared_phrases(&c.kb);
    for w in &warnings {
        println!("warning: {w}");
    }
    match warnings.len() {
        0 => println!("{}: ok", dir.display()),
        n => println!("{}: ok, {n} warning(s)", dir.display()),
    }
    print_summary(&c, ms);
    Ok(())
}

fn stats(args: &Args) -> Result<(), String> {
    args.check_options(&[])?;
    let dir = kb_dir(args, 0);
    let (c, ms) = compile(&dir)?;
    let bundle = Bundle::open_verified(&c.bytes).map_err(|e| e.to_string())?;
    println!("{} ({})", bundle.meta.site_name, dir.display());
    print_summary(&c, ms);
    for s in help_widget::format::Layout::parse(&c.bytes)
        .map_err(|e| e.to_string())?
        .sections()
    {
        let locale = bundle
            .meta
            .locales
            .get(usize::from(s.locale))
            .copied()
            .unwrap_or("-");
        let bytes = &c.bytes[s.offset..s.offset + s.len];
        println!(
            "  section {:?} [{locale}]: {} bytes, {} gzipped alone",
            s.kind,
            s.len,
            gzip_len(bytes)
        );
    }
    println!("  whole bundle gzipped: {} bytes", gzip_len(&c.bytes));
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
            "proximity" => &mut w.proximity,
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
        std::fs::write(out, &bytes).map_err(|e| format!("{out}: {e}"))?;
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
        println!("worst ranked queries:");
        for o in report.worst.iter().take(worst) {
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
