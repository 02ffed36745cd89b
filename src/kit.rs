//! The delivery kit: the prebuilt engine this binary carries, and a
//! knowledge base's data, written as a folder a site owner deploys.
//! No Rust toolchain, wasm-bindgen or binaryen is needed to make one.
//!
//! ```text
//! help-widget.js            the script tag's URL (stable name, cache briefly)
//! help-widget.mjs           the API module (stable name), for `import … from '…/help/help-widget.mjs'`
//! help-widget.npm.mjs       the same without a URL of its own (`baseUrl` required):
//!                           the npm entry that bundlers copy into apps
//! help-widget.<h>.mjs       the same module, named by content
//! help_widget.<h>.js        wasm-bindgen's glue
//! help_widget_bg.<h>.wasm   the engine; in `embedded` delivery with the
//!                           knowledge in its custom section `help-widget-kb`
//! help_widget_shell.<h>.json  the launcher's words, contacts, the data files
//! kb-<locale>.<h>.hwkb      `locales`/`parts`: one bundle (or core) per locale
//! pack-<hash>.bin           `parts`: per locale, one pack each of POSTINGS, WORDS and
//!                           ANSWERS, gzipped part by part, fetched in byte ranges
//! *.br, *.gz                precompressed copies (of all but the packs)
//! ```
//!
//! The delivery is chosen by size unless site.toml's `delivery` says:
//! `embedded` while the whole bundle is at most [`EMBED_MAX_BYTES`]
//! (today's sample kb: 150 kB), `locales` while every locale's bundle is
//! at most [`LOCALE_MAX_BYTES`], `parts` beyond.

use crate::compiler::bundle::{build_with, Cutting, Options};
use crate::compiler::site_toml::Delivery;
use crate::compiler::KnowledgeBase;
use crate::format::pool::{pack_name, part_hash};
use crate::widget::i18n::{kit_languages, UiLang};
use crate::widget::shell::{LocaleFiles, Shell, ShellData};
use std::collections::BTreeMap;
use std::path::Path;

/// The engine's files, as `./dev` prepared them (`HELP_WIDGET_ENGINE_DIR`):
/// glue, code-only Wasm, loader, module, styles, types, SERVING.md.
pub static ENGINE: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/engine_assets.rs"));

/// Largest whole bundle shipped inside the `.wasm` (raw bytes): about
/// 100 kB brotli, a second on slow 4G; above it, a visitor should fetch
/// only their language.
pub const EMBED_MAX_BYTES: usize = 400 * 1024;
/// Largest per-locale bundle shipped whole: above it, the index and
/// answers go into parts fetched as queries need them.
pub const LOCALE_MAX_BYTES: usize = 1024 * 1024;
/// About how large a part is (raw), before each is gzipped into its
/// locale's pack for its pool: small, because a query fetches only the
/// parts it reads and no host's file cap grows them (a kit is a handful
/// of files whatever the kb's size).
pub const PART_BYTES: usize = 2 * 1024;

/// Name of the Wasm custom section that holds an embedded bundle.
pub const KB_SECTION: &str = "help-widget-kb";

static ENGINE_FROM: std::sync::OnceLock<Vec<(String, &'static [u8])>> = std::sync::OnceLock::new();

/// Reads the engine's files from `dir` instead of those this binary
/// carries (`--engine DIR`: the watch loop, after rebuilding the engine).
pub fn use_engine_dir(dir: &Path) -> Result<(), String> {
    let mut files = Vec::new();
    for e in std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))? {
        let e = e.map_err(|e| e.to_string())?;
        if e.file_type().is_ok_and(|t| t.is_file()) {
            let bytes = std::fs::read(e.path())
                .map_err(|err| format!("cannot read {}: {err}", e.path().display()))?;
            files.push((
                e.file_name().to_string_lossy().into_owned(),
                &*Box::leak(bytes.into_boxed_slice()),
            ));
        }
    }
    ENGINE_FROM
        .set(files)
        .map_err(|_| "the engine was chosen already".to_string())
}

/// One file of the engine, by name.
fn engine(name: &str) -> Result<&'static [u8], String> {
    let found = match ENGINE_FROM.get() {
        Some(files) => files.iter().find(|(n, _)| n == name).map(|(_, b)| *b),
        None => ENGINE.iter().find(|(n, _)| *n == name).map(|(_, b)| *b),
    };
    found.ok_or_else(|| {
            if ENGINE.is_empty() && ENGINE_FROM.get().is_none() {
                "this help-widget carries no prebuilt engine: build it with `./dev dist` (which sets HELP_WIDGET_ENGINE_DIR)".to_string()
            } else {
                format!("the prebuilt engine has no {name}")
            }
        })
}

/// `wasm` with a custom section `name` holding `payload` appended: valid
/// anywhere after the header, ignored by the engine's code, read by the
/// loader with `WebAssembly.Module.customSections`.
pub fn with_custom_section(wasm: &[u8], name: &str, payload: &[u8]) -> Vec<u8> {
    fn leb(out: &mut Vec<u8>, mut v: usize) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            out.push(if v == 0 { b } else { b | 0x80 });
            if v == 0 {
                break;
            }
        }
    }
    let mut body = Vec::with_capacity(payload.len() + name.len() + 5);
    leb(&mut body, name.len());
    body.extend_from_slice(name.as_bytes());
    body.extend_from_slice(payload);
    let mut out = Vec::with_capacity(wasm.len() + body.len() + 6);
    out.extend_from_slice(wasm);
    out.push(0);
    leb(&mut out, body.len());
    out.extend_from_slice(&body);
    out
}

/// The knowledge, shipped one way.
#[derive(Debug, Clone)]
pub struct Data {
    pub delivery: Delivery,
    /// The whole bundle, for `embedded`.
    pub embedded: Option<Vec<u8>>,
    /// The build time the bundles carry, for a kit's bundles built later
    /// ([`embedded_alone`]).
    pub built_at: u64,
    /// Per locale, the data file's bytes; the packs, by hash.
    pub locales: BTreeMap<String, Vec<u8>>,
    pub parts: Vec<(u64, Vec<u8>)>,
    pub default_locale: String,
}

/// Bytes of DOCS that a core keeps whole; past them its records are in
/// parts ([`crate::format::catalog`]). A search then waits one round more
/// for the records it shows, so that pays only where the core would be
/// mostly questions. Measured with `help-widget-bench --parts`: man
/// pages, 10,000 German entries, DOCS within a 540 kB core,
/// 56 kB brotli, kept whole; 100,000 synthetic entries, 2.16 MB brotli
/// of a 2.38 MB core, in parts: core + first search 2,440 → 299 kB.
pub const DOCS_WHOLE_BYTES: usize = 1 << 20;

/// How a kit builds the bundle of `locale`: alone, and with `part_bytes`
/// cut into parts, packed one pack per pool.
pub fn locale_options(locale: &str, part_bytes: Option<usize>) -> Options {
    Options {
        locale: Some(locale.to_string()),
        parts: part_bytes.map(|part_bytes| Cutting {
            part_bytes,
            docs_whole_bytes: DOCS_WHOLE_BYTES,
            compress: crate::sizes::gzip,
        }),
    }
}

/// Builds the data of `kb` for `delivery` (default: site.toml's, else by
/// size). `whole` builds the bundle of every locale (as `build` does), and
/// runs only when the kit ships it or its size picks the delivery: a kit
/// whose delivery is named, `locales` or `parts`, builds each locale alone
/// and never the whole (republishing 10,000 man-page entries in two
/// languages: 19 → 9 s; 100,000 synthetic entries: 53 → 34 s).
pub fn data(
    kb: &KnowledgeBase,
    built_at: u64,
    delivery: Option<Delivery>,
    whole: impl FnOnce() -> Vec<u8>,
) -> Data {
    // Each locale is built alone, as many at once as there are cores (a
    // locale's index is built on one): 10,000 man-page entries in two
    // languages took 15.7 s one after the other.
    let per_locale = |part_bytes| {
        let locales = &kb.site.locales;
        let built = on_every_core(locales.len(), |i| {
            build_with(kb, built_at, &locale_options(&locales[i], part_bytes))
        });
        let mut bundles = BTreeMap::new();
        let mut parts = Vec::new();
        for (l, built) in locales.iter().zip(built) {
            bundles.insert(l.clone(), built.bundle);
            parts.extend(built.parts);
        }
        (bundles, parts)
    };
    let chosen = delivery.or(kb.site.delivery);
    let (delivery, whole) = match chosen {
        Some(Delivery::Embedded) => (Delivery::Embedded, Some(whole())),
        Some(named) => (named, None),
        None => {
            let bytes = whole();
            if bytes.len() <= EMBED_MAX_BYTES {
                (Delivery::Embedded, Some(bytes))
            } else {
                (Delivery::Locales, None)
            }
        }
    };
    match delivery {
        Delivery::Embedded => Data {
            delivery,
            embedded: whole,
            built_at,
            locales: BTreeMap::new(),
            parts: Vec::new(),
            default_locale: kb.site.default_locale.clone(),
        },
        Delivery::Locales => {
            let whole = match chosen {
                Some(_) => Some(per_locale(None).0),
                None => locales_within_limit(kb, built_at),
            };
            match whole {
                Some(locales) => Data {
                    delivery,
                    embedded: None,
                    built_at,
                    locales,
                    parts: Vec::new(),
                    default_locale: kb.site.default_locale.clone(),
                },
                None => {
                    let (locales, parts) = per_locale(Some(PART_BYTES));
                    Data {
                        delivery: Delivery::Parts,
                        embedded: None,
                        built_at,
                        locales,
                        parts,
                        default_locale: kb.site.default_locale.clone(),
                    }
                }
            }
        }
        Delivery::Parts => {
            let (locales, parts) = per_locale(Some(PART_BYTES));
            Data {
                delivery,
                embedded: None,
                built_at,
                locales,
                parts,
                default_locale: kb.site.default_locale.clone(),
            }
        }
    }
}

/// Every locale's whole bundle, if each is at most [`LOCALE_MAX_BYTES`].
/// Locales are built by entries, most first, and the first one too big
/// ends the try: the kit is then parts, and building the others whole
/// would be wasted.
fn locales_within_limit(kb: &KnowledgeBase, built_at: u64) -> Option<BTreeMap<String, Vec<u8>>> {
    let mut by_size: Vec<(usize, &String)> = kb
        .site
        .locales
        .iter()
        .map(|l| (kb.entries.iter().filter(|e| &e.locale == l).count(), l))
        .collect();
    by_size.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let mut locales = BTreeMap::new();
    for (_, l) in by_size {
        let options = Options {
            locale: Some(l.clone()),
            parts: None,
        };
        let bundle = build_with(kb, built_at, &options).bundle;
        if bundle.len() > LOCALE_MAX_BYTES {
            return None;
        }
        locales.insert(l.clone(), bundle);
    }
    Some(locales)
}

/// A file of a kit: its name and bytes.
pub type File = (String, Vec<u8>);

/// `name.ext` → `name.<10 hex digits of its content's hash>.ext`: the
/// hash's low 40 bits.
fn hashed(name: &str, bytes: &[u8]) -> String {
    let h = format!("{:010x}", part_hash(bytes) & ((1 << 40) - 1));
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{h}.{ext}"),
        None => format!("{name}.{h}"),
    }
}

/// The data files and the shell's list of them; `name` turns a data
/// file's plain name and bytes into its name in the kit.
fn data_files(
    data: &Data,
    name: &dyn Fn(&str, &[u8]) -> String,
    shell: &mut Shell,
    files: &mut Vec<File>,
) {
    if data.locales.is_empty() {
        return;
    }
    let mut by_locale = BTreeMap::new();
    for (locale, bytes) in &data.locales {
        let file = name(&format!("kb-{locale}.hwkb"), bytes);
        by_locale.insert(locale.clone(), file.clone());
        files.push((file, bytes.clone()));
    }
    for (hash, bytes) in &data.parts {
        files.push((pack_name(*hash), bytes.clone()));
    }
    shell.data = Some(ShellData {
        delivery: data.delivery.name(),
        by_locale: LocaleFiles {
            default: data.default_locale.clone(),
            files: by_locale,
        },
    });
}

/// The shell of `kb` (launcher words, contacts, where the data is), with
/// the logo and data files it names added to `files` under `name`'s names.
fn shell_json(
    kb: &KnowledgeBase,
    data: &Data,
    engines: &KitEngines,
    name: &dyn Fn(&str, &[u8]) -> String,
    files: &mut Vec<File>,
) -> Result<Vec<u8>, String> {
    // The whole bundle, or each locale's: their META is the same.
    let bundles = match &data.embedded {
        Some(whole) => vec![whole.as_slice()],
        None => data.locales.values().map(Vec::as_slice).collect(),
    };
    let bundles = bundles
        .into_iter()
        .map(crate::engine::Bundle::open)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    let mut shell = Shell::of(&bundles, engines.langs).ok_or("a kit needs at least one locale")?;
    shell.engines = engines.by_locale.clone().map(|files| LocaleFiles {
        default: data.default_locale.clone(),
        files,
    });
    if let Some((plain, bytes)) = logo(kb)? {
        let named = name(&plain, &bytes);
        shell.logo = Some(named.clone());
        files.push((named, bytes));
    }
    data_files(data, name, &mut shell, files);
    serde_json::to_vec(&shell).map_err(|e| e.to_string())
}

/// The logo's file name beside the shell, and its bytes.
pub fn logo(kb: &KnowledgeBase) -> Result<Option<(String, Vec<u8>)>, String> {
    let Some(path) = &kb.site.logo else {
        return Ok(None);
    };
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("svg")
        .to_ascii_lowercase();
    let ext = if ext == "jpeg" { "jpg".into() } else { ext };
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(Some((format!("help_widget_logo.{ext}"), bytes)))
}

/// An engine this tool carries: its file, and the interface languages it speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Engine {
    file: &'static str,
    langs: &'static [UiLang],
}

/// The engine of both languages: what a kit ships when this tool carries
/// no engines of one language (a build without them, as the watch
/// loop's), and the demo's `www/pkg`, whose pages call it in either.
const BOTH: Engine = Engine {
    file: "help_widget_bg.wasm",
    langs: &[UiLang::De, UiLang::En],
};
/// The engines of one language (cargo features `lang-de`, `lang-en`):
/// 76,155 and 74,108 B of fixed code brotli against the full engine's
/// 79,171 B (`node scripts/engine-size.mjs --languages`).
const ONE_LANGUAGE: [Engine; 2] = [
    Engine {
        file: "help_widget_bg.lang-de.wasm",
        langs: &[UiLang::De],
    },
    Engine {
        file: "help_widget_bg.lang-en.wasm",
        langs: &[UiLang::En],
    },
];

/// The engines of a kit for `kb`: one per interface language of its
/// locales ([`kit_languages`]), of which a visitor loads their locale's,
/// when this tool carries them; else [`BOTH`].
fn engines_for(kb: &KnowledgeBase) -> Vec<Engine> {
    let langs = kit_languages(kb.site.locales.iter().map(String::as_str));
    let own: Vec<Engine> = ONE_LANGUAGE
        .into_iter()
        .filter(|e| langs.contains(&e.langs[0]))
        .collect();
    if own.iter().all(|e| engine(e.file).is_ok()) {
        own
    } else {
        vec![BOTH]
    }
}

/// Of `engines`, the one that speaks to visitors of `locale`.
fn engine_of(engines: &[Engine], locale: &str) -> Engine {
    let lang = kit_languages([locale])[0];
    engines
        .iter()
        .copied()
        .find(|e| e.langs.contains(&lang))
        .unwrap_or(engines[0])
}

/// How a kit's engines reach its shell: the languages they speak and,
/// when there are several, each locale's engine by its name in the kit.
struct KitEngines {
    langs: &'static [UiLang],
    by_locale: Option<BTreeMap<String, String>>,
}

impl KitEngines {
    /// A kit of one engine: the module names it, the shell speaks its languages.
    fn one(engine: Engine) -> Self {
        Self {
            langs: engine.langs,
            by_locale: None,
        }
    }
}

/// The engine's Wasm with `bundle` embedded (its custom section), if any.
fn wasm(code: Engine, bundle: Option<&[u8]>) -> Result<Vec<u8>, String> {
    let code = engine(code.file)?;
    Ok(match bundle {
        Some(bundle) => with_custom_section(code, KB_SECTION, bundle),
        None => code.to_vec(),
    })
}

/// The bundle an engine that serves `served` embeds: that locale's alone
/// (of `alone`, [`embedded_alone`]'s) when it serves one locale of several,
/// so that a German visitor of a German and English site does not
/// download the English entries (the sample kb's `.wasm`, brotli: German
/// 156.7 → 121.1 kB, English 154.7 → 108.4 kB); else the whole. As in the
/// `locales` delivery, a `#help/` link to another language's entry opens
/// the same slug in the visitor's language, where there is one.
fn embedded_for<'d>(
    data: &'d Data,
    alone: &'d BTreeMap<String, Vec<u8>>,
    served: &[String],
) -> Option<&'d [u8]> {
    let whole = data.embedded.as_deref()?;
    Some(match served {
        [one] => alone.get(one).map_or(whole, Vec::as_slice),
        _ => whole,
    })
}

/// For an embedded kit of several `engines`: the bundle of each locale
/// that one engine serves alone, built alone as the `locales` delivery
/// builds it (one core per locale). Empty otherwise, so that nothing is
/// built that no engine embeds (one engine, the demo's `www/pkg`).
fn embedded_alone(
    kb: &KnowledgeBase,
    data: &Data,
    engines: &[Engine],
) -> BTreeMap<String, Vec<u8>> {
    if data.embedded.is_none() || engines.len() < 2 {
        return BTreeMap::new();
    }
    let alone: Vec<String> = kb
        .site
        .locales
        .iter()
        .filter(|l| served(kb, engines, engine_of(engines, l)).len() == 1)
        .cloned()
        .collect();
    let built = on_every_core(alone.len(), |i| {
        build_with(kb, data.built_at, &locale_options(&alone[i], None)).bundle
    });
    alone.into_iter().zip(built).collect()
}

/// The locales of `kb` whose visitors `engine` (of `engines`) serves.
fn served(kb: &KnowledgeBase, engines: &[Engine], engine: Engine) -> Vec<String> {
    let locales = kb.site.locales.iter();
    locales
        .filter(|l| engine_of(engines, l) == engine)
        .cloned()
        .collect()
}

/// The demo's `www/pkg/`: engine glue and Wasm, shell, logo and data
/// under plain names, as `www/help-widget.mjs` (`FILES`) expects them.
/// What `./dev serve` rewrites on a kb edit: no Rust is compiled.
pub fn pkg_files(kb: &KnowledgeBase, data: &Data) -> Result<Vec<File>, String> {
    let mut files = vec![
        (
            "help_widget.js".to_string(),
            engine("help_widget.js")?.to_vec(),
        ),
        (
            "help_widget_bg.wasm".to_string(),
            wasm(BOTH, data.embedded.as_deref())?,
        ),
    ];
    let json = shell_json(
        kb,
        data,
        &KitEngines::one(BOTH),
        &|n, _| n.to_string(),
        &mut files,
    )?;
    files.push(("help_widget_shell.json".to_string(), json));
    Ok(files)
}

/// Replaces the one quoted occurrence of `from` in a minified module.
fn rename(text: &str, from: &str, to: &str, file: &str) -> Result<String, String> {
    for q in ['\'', '"', '`'] {
        let quoted = format!("{q}{from}{q}");
        if text.matches(&quoted).count() == 1 {
            return Ok(text.replacen(&quoted, &format!("{q}{to}{q}"), 1));
        }
    }
    Err(format!(
        "the prebuilt {file} does not name {from} exactly once"
    ))
}

/// The files of a kit for `c`, content-hashed where they may be cached for
/// a year, with `package.json`; compressed copies are added by [`write`].
pub fn kit_files(kb: &KnowledgeBase, data: &Data) -> Result<Vec<File>, String> {
    let mut files: Vec<File> = Vec::new();
    let mut module = String::from_utf8(engine("help-widget.mjs")?.to_vec())
        .map_err(|_| "the prebuilt module is not UTF-8")?;
    let put = |files: &mut Vec<File>, module: &mut String, path: &str, bytes: Vec<u8>| {
        let plain = path.rsplit('/').next().unwrap_or(path);
        let name = hashed(plain, &bytes);
        *module = rename(module, path, &name, "help-widget.mjs")?;
        files.push((name.clone(), bytes));
        Ok::<String, String>(name)
    };
    for (path, file) in [
        ("pkg/help_widget.js", "help_widget.js"),
        ("help-widget.css", "help-widget.css"),
        ("help-widget-launcher.css", "help-widget-launcher.css"),
        ("help-widget-form.mjs", "help-widget-form.mjs"),
        ("help-widget-panel.mjs", "help-widget-panel.mjs"),
        ("help-widget-parts.mjs", "help-widget-parts.mjs"),
    ] {
        put(&mut files, &mut module, path, engine(file)?.to_vec())?;
    }
    // The default locale's engine is the module's; with several, the
    // shell names each locale's.
    let engines = engines_for(kb);
    let alone = embedded_alone(kb, data, &engines);
    let embeds = |e: Engine| embedded_for(data, &alone, &served(kb, &engines, e));
    let main = engine_of(&engines, &data.default_locale);
    let main_name = put(
        &mut files,
        &mut module,
        "pkg/help_widget_bg.wasm",
        wasm(main, embeds(main))?,
    )?;
    let mut names = BTreeMap::from([(main.file, main_name)]);
    for e in engines.iter().filter(|e| **e != main) {
        let bytes = wasm(*e, embeds(*e))?;
        let name = hashed("help_widget_bg.wasm", &bytes);
        files.push((name.clone(), bytes));
        names.insert(e.file, name);
    }
    let kit_engines = match engines.as_slice() {
        [_] => KitEngines::one(main),
        // Several engines speak both languages between them.
        _ => KitEngines {
            langs: BOTH.langs,
            by_locale: Some(
                kb.site
                    .locales
                    .iter()
                    .map(|l| (l.clone(), names[engine_of(&engines, l).file].clone()))
                    .collect(),
            ),
        },
    };
    let json = shell_json(kb, data, &kit_engines, &hashed, &mut files)?;
    let shell = put(&mut files, &mut module, "pkg/help_widget_shell.json", json)?;
    let module_name = hashed("help-widget.mjs", module.as_bytes());
    // Bundled into an app the module is no longer beside the kit's files,
    // and an iife bundle has no import.meta: the npm entry knows no URL of
    // its own (HERE in www/help-widget.mjs) and needs `baseUrl`.
    if module.matches("import.meta.url").count() != 1 {
        return Err(
            "the prebuilt help-widget.mjs does not name import.meta.url exactly once".into(),
        );
    }
    let npm = module.replacen("import.meta.url", "null", 1);
    files.push((module_name.clone(), module.clone().into_bytes()));
    files.push(("help-widget.mjs".into(), module.into_bytes()));
    files.push(("help-widget.npm.mjs".into(), npm.into_bytes()));
    let loader = String::from_utf8(engine("help-widget.js")?.to_vec())
        .map_err(|_| "the prebuilt loader is not UTF-8")?;
    let loader = rename(&loader, "help-widget.mjs", &module_name, "help-widget.js")?;
    // The loader fetches the shell beside the module (www/help-widget.js).
    let loader = rename(
        &loader,
        "pkg/help_widget_shell.json",
        &shell,
        "help-widget.js",
    )?;
    files.push(("help-widget.js".into(), loader.into_bytes()));
    for fixed in ["help-widget.d.ts", "SERVING.md"] {
        files.push((fixed.into(), engine(fixed)?.to_vec()));
    }
    let mut listed: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    listed.extend(["*.br", "*.gz"]);
    let package = Package {
        name: "help-widget",
        version: env!("CARGO_PKG_VERSION"),
        description: "A help widget with an offline knowledge base (Rust/WebAssembly), built for one knowledge base.",
        kind: "module",
        exports: Exports {
            root: Conditions { types: "./help-widget.d.ts", default: "./help-widget.npm.mjs" },
            loader: "./help-widget.js",
            package: "./package.json",
        },
        types: "./help-widget.d.ts",
        files: listed,
        side_effects: false,
        license: "MIT OR Apache-2.0",
    };
    let package = serde_json::to_string_pretty(&package).map_err(|e| e.to_string())? + "\n";
    files.push(("package.json".into(), package.into_bytes()));
    Ok(files)
}

/// The kit's `package.json`. A struct, not a JSON map, because order
/// matters: export conditions are tried in order, and `types` after
/// `default` would never be used (esbuild warns about it).
#[derive(serde::Serialize)]
struct Package<'a> {
    name: &'a str,
    version: &'a str,
    description: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    exports: Exports<'a>,
    types: &'a str,
    files: Vec<&'a str>,
    #[serde(rename = "sideEffects")]
    side_effects: bool,
    license: &'a str,
}

#[derive(serde::Serialize)]
struct Exports<'a> {
    #[serde(rename = ".")]
    root: Conditions<'a>,
    #[serde(rename = "./help-widget.js")]
    loader: &'a str,
    #[serde(rename = "./package.json")]
    package: &'a str,
}

#[derive(serde::Serialize)]
struct Conditions<'a> {
    types: &'a str,
    default: &'a str,
}

/// Sizes of one written file: raw, gzip -9, brotli 11.
pub type Row = (String, usize, usize, usize);

/// Whether a file gets `.br` and `.gz` copies: everything a browser
/// fetches (the shell's JSON too), not the docs and package.json.
/// A pack is fetched in byte ranges of its own gzip members: a server
/// that sent a compressed copy instead would cut ranges of that.
fn compressed(name: &str) -> bool {
    !(name.ends_with(".md")
        || name == "package.json"
        || name.ends_with(".d.ts")
        || name.starts_with("pack-"))
}

/// Writes `files` into `out` with their compressed copies. `out` must be
/// empty, missing, or a kit written before (its `help-widget.js` and
/// `package.json` are there): only files of a kit are removed from it.
///
/// A former kit's copies are kept where they still unpack to the file's
/// bytes. Brotli 11 is most of a large kit's build (10,000 man-page entries
/// in two languages: 45 of 58 s), and an edit changes few of its parts,
/// which are named by their contents: republishing compresses what changed.
pub fn write(out: &Path, files: &[File], compress: bool) -> Result<Vec<Row>, String> {
    let former = prepare(out)?;
    // Files are written and compressed on every core, each file by one of
    // them, so the bytes are the same as one by one.
    let one = |i: usize| -> Result<Row, String> {
        let (name, bytes) = &files[i];
        let path = out.join(name);
        if std::fs::read(&path).ok().as_ref() != Some(bytes) {
            std::fs::write(&path, bytes)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        let (mut gz, mut br) = (0, 0);
        if compress && compressed(name) {
            for (ext, size) in [("gz", &mut gz), ("br", &mut br)] {
                let p = out.join(format!("{name}.{ext}"));
                let brotli = ext == "br";
                *size = match std::fs::read(&p) {
                    Ok(z) if crate::sizes::unpacks_to(&z, bytes, brotli) => z.len(),
                    _ => {
                        let z = if brotli {
                            crate::sizes::brotli(bytes)
                        } else {
                            crate::sizes::gzip(bytes)
                        };
                        std::fs::write(&p, &z)
                            .map_err(|e| format!("cannot write {}: {e}", p.display()))?;
                        z.len()
                    }
                };
            }
        }
        Ok((name.clone(), bytes.len(), gz, br))
    };
    let rows: Vec<Row> = on_every_core(files.len(), one)
        .into_iter()
        .collect::<Result<_, _>>()?;
    // What the former kit had and this one has not.
    let written: std::collections::HashSet<String> = files
        .iter()
        .flat_map(|(name, _)| {
            let copies = compress && compressed(name);
            [
                Some(name.clone()),
                copies.then(|| format!("{name}.gz")),
                copies.then(|| format!("{name}.br")),
            ]
        })
        .flatten()
        .collect();
    for name in former.iter().filter(|n| !written.contains(*n)) {
        let p = out.join(name);
        std::fs::remove_file(&p).map_err(|e| format!("cannot remove {}: {e}", p.display()))?;
    }
    Ok(rows)
}

/// `f(0)` … `f(n − 1)` in that order, run on every core: each thread takes
/// the next index until none is left (brotli 11 of a large kit's files,
/// or a kit's locales, each built alone).
fn on_every_core<R: Send>(n: usize, f: impl Fn(usize) -> R + Sync) -> Vec<R> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if i >= n {
                return done;
            }
            done.push((i, f(i)));
        }
    };
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let mut results = std::thread::scope(|s| {
        let others: Vec<_> = (1..threads.min(n)).map(|_| s.spawn(work)).collect();
        let mut all = work();
        for t in others {
            all.extend(t.join().expect("a kit's worker thread panicked"));
        }
        all
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// Whether a file name is one a kit writes.
fn kit_file(name: &str) -> bool {
    let base = name
        .strip_suffix(".br")
        .or_else(|| name.strip_suffix(".gz"))
        .unwrap_or(name);
    base.starts_with("help-widget")
        || base.starts_with("help_widget")
        || (base.starts_with("kb-") && base.ends_with(".hwkb"))
        || (base.starts_with("pack-") && base.ends_with(".bin"))
        // Part files of kits before format 26.
        || (base.starts_with("p-") && base.ends_with(".bin"))
        || base == "SERVING.md"
        || base == "package.json"
}

/// Makes `out` ready for a kit: creates it, or lists the files of a former
/// kit in it ([`write`] keeps what it can and removes the rest); refuses a
/// folder that holds anything else (a web root's files must never be lost).
fn prepare(out: &Path) -> Result<Vec<String>, String> {
    if !out.exists() {
        std::fs::create_dir_all(out)
            .map_err(|e| format!("cannot create {}: {e}", out.display()))?;
        return Ok(Vec::new());
    }
    let entries: Vec<_> = std::fs::read_dir(out)
        .map_err(|e| format!("cannot read {}: {e}", out.display()))?
        .filter_map(|e| e.ok())
        .collect();
    let foreign: Vec<String> = entries
        .iter()
        .filter(|e| {
            !(e.file_type().is_ok_and(|t| t.is_file())
                && kit_file(&e.file_name().to_string_lossy()))
        })
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    if !foreign.is_empty() {
        return Err(format!(
            "{} holds files that are not a help-widget kit ({}): write the kit into an empty folder of its own, e.g. {}/help",
            out.display(),
            foreign.iter().take(5).cloned().collect::<Vec<_>>().join(", "),
            out.display()
        ));
    }
    Ok(entries
        .iter()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kit_files_name_carries_ten_hex_digits_of_its_contents_hash_all_of_them_used() {
        // Files of 64 pseudo-random bytes each.
        let mut x = 0x9e37_79b9_7f4a_7c15_u64;
        let mut file = || -> Vec<u8> {
            (0..64)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    x as u8
                })
                .collect()
        };
        let names: Vec<String> = (0..64).map(|_| hashed("app.js", &file())).collect();
        for name in &names {
            let h = name
                .strip_prefix("app.")
                .and_then(|n| n.strip_suffix(".js"));
            assert!(h.is_some_and(|h| h.len() == 10), "{name}");
        }
        // Each digit varies: none is a constant of a hash narrower than the name.
        for d in 0..10 {
            let first = names[0].as_bytes()[4 + d];
            assert!(
                names.iter().any(|n| n.as_bytes()[4 + d] != first),
                "digit {d}: {names:?}"
            );
        }
        assert_eq!(hashed("LICENSE", b"x").len(), "LICENSE.".len() + 10);
    }

    #[test]
    fn each_locale_is_served_by_the_engine_of_its_language_and_other_languages_by_the_english_one()
    {
        let [german, english] = ONE_LANGUAGE;
        assert_eq!(engine_of(&ONE_LANGUAGE, "de-AT"), german);
        assert_eq!(engine_of(&ONE_LANGUAGE, "en"), english);
        assert_eq!(engine_of(&ONE_LANGUAGE, "fr"), english);
        assert_eq!(engine_of(&[german], "de"), german);
        assert_eq!(engine_of(&[BOTH], "fr"), BOTH);
    }

    #[test]
    fn a_custom_section_is_appended_as_a_wellformed_section() {
        let wasm = b"\0asm\x01\0\0\0".to_vec();
        let out = with_custom_section(&wasm, "kb", &[1, 2, 3]);
        assert_eq!(&out[..8], &wasm[..]);
        // id 0, size 6 = name length 1 + "kb" 2 + payload 3
        assert_eq!(&out[8..], &[0, 6, 2, b'k', b'b', 1, 2, 3]);
        let big = with_custom_section(&wasm, "kb", &[7; 200]);
        assert_eq!(&big[8..12], &[0, 203, 1, 2], "a two-byte LEB128 size");
    }

    #[test]
    fn a_folder_with_other_files_is_refused_and_keeps_them() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "<p>mine</p>").unwrap();
        std::fs::write(dir.path().join("help-widget.js"), "old").unwrap();
        let err = write(
            dir.path(),
            &[("help-widget.js".into(), b"new".to_vec())],
            false,
        )
        .unwrap_err();
        assert!(err.contains("index.html"), "{err}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("index.html")).unwrap(),
            "<p>mine</p>"
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("help-widget.js")).unwrap(),
            "old"
        );
    }

    #[test]
    fn a_former_kit_is_replaced_file_by_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("help_widget_bg.0123456789.wasm"), "old").unwrap();
        std::fs::write(dir.path().join("p-0000000000000001.bin"), "old").unwrap();
        std::fs::write(dir.path().join("pack-000000000001.bin"), "old").unwrap();
        write(
            dir.path(),
            &[("help-widget.js".into(), b"new".to_vec())],
            false,
        )
        .unwrap();
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names, vec!["help-widget.js"]);
    }

    /// brotli at quality 1: bytes that unpack as a kit's `.br` does but
    /// differ from what [`write`] would compress, so a kept copy shows.
    fn quick_brotli(bytes: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut out = Vec::new();
        {
            let mut w = brotli::CompressorWriter::new(&mut out, 4096, 1, 22);
            w.write_all(bytes).unwrap();
        }
        out
    }

    #[test]
    fn republishing_keeps_the_compressed_copies_that_still_unpack_to_their_file() {
        let dir = tempfile::tempdir().unwrap();
        let same = b"a part no edit touched ".repeat(40);
        let files = vec![
            ("p-000000000001.bin".to_string(), same.clone()),
            (
                "p-000000000002.bin".to_string(),
                b"before the edit".to_vec(),
            ),
        ];
        write(dir.path(), &files, true).unwrap();
        let kept = quick_brotli(&same);
        assert_ne!(kept, crate::sizes::brotli(&same));
        std::fs::write(dir.path().join("p-000000000001.bin.br"), &kept).unwrap();
        let edited = vec![
            files[0].clone(),
            ("p-000000000003.bin".to_string(), b"after the edit".to_vec()),
        ];
        let rows = write(dir.path(), &edited, true).unwrap();
        let read = |n: &str| std::fs::read(dir.path().join(n)).unwrap();
        assert_eq!(
            read("p-000000000001.bin.br"),
            kept,
            "kept, not compressed again"
        );
        assert_eq!(rows[0].3, kept.len(), "its size is the kept copy's");
        assert_eq!(
            read("p-000000000003.bin.br"),
            crate::sizes::brotli(b"after the edit")
        );
        let mut names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                "p-000000000001.bin",
                "p-000000000001.bin.br",
                "p-000000000001.bin.gz",
                "p-000000000003.bin",
                "p-000000000003.bin.br",
                "p-000000000003.bin.gz"
            ],
            "the part the edit replaced is gone with its copies"
        );
    }

    #[test]
    fn a_compressed_copy_that_is_cut_short_or_of_other_bytes_is_written_again() {
        let dir = tempfile::tempdir().unwrap();
        let bytes = b"the same file name, new bytes ".repeat(30);
        let files = vec![("help-widget.js".to_string(), bytes.clone())];
        write(dir.path(), &files, true).unwrap();
        let br = dir.path().join("help-widget.js.br");
        let gz = dir.path().join("help-widget.js.gz");
        let whole = std::fs::read(&br).unwrap();
        std::fs::write(&br, &whole[..whole.len() / 2]).unwrap();
        std::fs::write(&gz, crate::sizes::gzip(b"what the file held before")).unwrap();
        write(dir.path(), &files, true).unwrap();
        assert_eq!(std::fs::read(&br).unwrap(), crate::sizes::brotli(&bytes));
        assert_eq!(std::fs::read(&gz).unwrap(), crate::sizes::gzip(&bytes));
        let longer = [bytes.as_slice(), b"!"].concat();
        std::fs::write(&gz, crate::sizes::gzip(&longer)).unwrap();
        write(dir.path(), &files, true).unwrap();
        assert_eq!(
            std::fs::read(&gz).unwrap(),
            crate::sizes::gzip(&bytes),
            "a copy of the file and one byte more is not the file"
        );
    }

    fn sample() -> crate::compiler::Compiled {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("kb");
        crate::compiler::compile_dir(&dir, Some(0)).expect("the sample kb compiles")
    }

    /// A `whole` for [`data`] that the delivery must not need.
    fn unneeded() -> Vec<u8> {
        panic!("the whole bundle was built for a delivery that does not ship it")
    }

    #[test]
    fn a_named_delivery_of_locales_or_parts_never_builds_the_whole_bundle_and_keeps_its_shell() {
        let mut c = sample();
        // An editors' placeholder in the second locale too, so each must
        // come from its own locale's bundle.
        let en =
            c.kb.site
                .home
                .get_mut("en")
                .expect("the sample kb's en home");
        en.placeholder = "Search our help".into();
        let whole = data(&c.kb, 0, Some(Delivery::Embedded), || {
            crate::compiler::bundle::build(&c.kb, 0).0
        });
        let shell = |d: &Data| {
            let mut files = Vec::new();
            let engines = KitEngines::one(BOTH);
            let json = shell_json(&c.kb, d, &engines, &|n, _| n.to_string(), &mut files).unwrap();
            let mut shell: serde_json::Value = serde_json::from_slice(&json).unwrap();
            shell["data"] = serde_json::Value::Null; // where each delivery's files are
            shell
        };
        for delivery in [Delivery::Locales, Delivery::Parts] {
            let d = data(&c.kb, 0, Some(delivery), unneeded);
            assert!(d.embedded.is_none());
            assert_eq!(shell(&d), shell(&whole), "{delivery:?}");
        }
        let words = shell(&whole);
        assert_eq!(words["de"]["placeholder"], "Suchbegriff, z. B. Zählerstand");
        assert_eq!(words["en"]["placeholder"], "Search our help");
    }

    #[test]
    fn every_file_and_its_compressed_copies_are_the_bytes_of_that_file_in_any_order() {
        let c = sample();
        let data = data(&c.kb, 0, Some(Delivery::Parts), unneeded);
        let mut files: Vec<File> = data
            .parts
            .iter()
            .map(|(h, b)| (pack_name(*h), b.clone()))
            .collect();
        files.extend(
            data.locales
                .iter()
                .map(|(l, b)| (format!("kb-{l}.hwkb"), b.clone())),
        );
        assert!(files.len() > 3, "the sample kb's locales and their packs");
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let rows = write(a.path(), &files, true).unwrap();
        write(b.path(), &files, true).unwrap();
        let names: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
        let listed: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(names, listed, "rows in the order of the files");
        for (name, bytes) in &files {
            let gz = crate::sizes::gzip(bytes);
            let br = crate::sizes::brotli(bytes);
            for dir in [a.path(), b.path()] {
                assert_eq!(&std::fs::read(dir.join(name)).unwrap(), bytes, "{name}");
                if name.starts_with("pack-") {
                    // Fetched in byte ranges of itself: a copy would be cut.
                    assert!(!dir.join(format!("{name}.gz")).exists(), "{name}.gz");
                    assert!(!dir.join(format!("{name}.br")).exists(), "{name}.br");
                    continue;
                }
                assert_eq!(
                    std::fs::read(dir.join(format!("{name}.gz"))).unwrap(),
                    gz,
                    "{name}.gz"
                );
                assert_eq!(
                    std::fs::read(dir.join(format!("{name}.br"))).unwrap(),
                    br,
                    "{name}.br"
                );
            }
        }
    }

    #[test]
    fn locales_within_the_limit_are_the_bundles_each_locale_builds_alone() {
        let c = sample();
        let locales = locales_within_limit(&c.kb, 7).expect("the sample kb's locales are small");
        assert_eq!(
            locales.keys().collect::<Vec<_>>(),
            c.kb.site.locales.iter().collect::<Vec<_>>()
        );
        for (l, bytes) in &locales {
            let alone = build_with(
                &c.kb,
                7,
                &Options {
                    locale: Some(l.clone()),
                    parts: None,
                },
            );
            assert_eq!(bytes, &alone.bundle, "{l}");
        }
        let chosen = data(&c.kb, 7, Some(Delivery::Locales), unneeded);
        assert_eq!(
            chosen.locales, locales,
            "site.toml's choice builds the same files"
        );
    }

    #[test]
    fn an_engine_that_serves_one_locale_of_several_embeds_that_locale_alone() {
        let c = sample();
        let whole = crate::compiler::bundle::build(&c.kb, 0).0;
        let d = data(&c.kb, 0, Some(Delivery::Embedded), || whole.clone());
        let alone = embedded_alone(&c.kb, &d, &ONE_LANGUAGE);
        let held = |bytes: &[u8], tag: &str| {
            let b = crate::engine::Bundle::open(bytes).unwrap();
            b.meta.locales[usize::from(b.locale_no(tag))].to_string()
        };
        for (l, other) in [("de", "en"), ("en", "de")] {
            let own = embedded_for(&d, &alone, &[l.to_string()]).unwrap();
            assert!(
                own.len() < whole.len(),
                "{l}: {} of {} B",
                own.len(),
                whole.len()
            );
            // A visitor asking for the other language gets this one's entries.
            assert_eq!(held(own, other), l);
            assert_eq!(held(&whole, other), other);
        }
        let both = ["de".to_string(), "en".to_string()];
        assert_eq!(embedded_for(&d, &alone, &both), Some(whole.as_slice()));
        // One engine for both locales: nothing is built beside the whole.
        assert!(embedded_alone(&c.kb, &d, &[BOTH]).is_empty());
        let parts = data(&c.kb, 0, Some(Delivery::Parts), unneeded);
        assert!(embedded_alone(&c.kb, &parts, &ONE_LANGUAGE).is_empty());
        assert_eq!(
            embedded_for(&parts, &alone, &both[..1]),
            None,
            "nothing is embedded in parts"
        );
    }
}
