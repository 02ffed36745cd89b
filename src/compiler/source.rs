//! Reads a knowledge base directory into validated, rendered values, and
//! reports every problem it finds with file, line and how to fix it.
//!
//! ```text
//! kb/site.toml             site name, locales, default locale, contact channels,
//!                          per locale the empty state's greeting and featured entries
//!                          and the phrases that ask for a person
//! kb/synonyms.toml         groups of equivalent words per locale (optional)
//! kb/<locale>/<slug>.md    one FAQ entry: TOML front matter between +++ lines, Markdown answer
//! kb/notices/<name>.md     a known issue, shown while valid
//! kb/hotline.toml          contact channels and their hours (optional, see `hotline`)
//! ```

use super::diag::{key_line, line_of, Diagnostic};
use super::limits::*;
use super::markdown::{render, Rendered};
use crate::analysis::{is_mark, MAX_WORD_CHARS};
use crate::url::Kind;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

pub use super::site_toml::{Contact, Home, Site};
use super::site_toml::{
    MAX_FEATURED, MAX_GREETING_CHARS, MAX_PERSON_PHRASES, MAX_PERSON_PHRASE_CHARS,
    MAX_PLACEHOLDER_CHARS,
};

/// One FAQ entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    pub locale: String,
    pub path: PathBuf,
    pub question: String,
    pub aliases: Vec<String>,
    pub category: String,
    pub tags: Vec<String>,
    pub related: Vec<String>,
    pub answer: Rendered,
}

/// A current known issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Its file, for messages.
    pub path: PathBuf,
    pub locale: String,
    pub title: String,
    pub from_ms: i64,
    pub until_ms: i64,
    pub body: Rendered,
}

/// Everything read from a knowledge base directory, in a stable order.
#[derive(Debug, Clone)]
pub struct KnowledgeBase {
    pub site: Site,
    /// Sorted by (locale order in site.toml, id).
    pub entries: Vec<Entry>,
    /// Per locale, groups of equivalent words or phrases.
    pub synonyms: BTreeMap<String, Vec<Vec<String>>>,
    /// Sorted by (from, locale, title).
    pub notices: Vec<Notice>,
    /// Contact channels and their hours, if `hotline.toml` exists.
    pub hotline: Option<super::hotline::Hotline>,
    /// Every file read, for `cargo:rerun-if-changed`.
    pub inputs: Vec<PathBuf>,
    /// CRC-32 over every input's relative path and bytes.
    pub content_hash: u32,
    /// Newest modification time of an input, in seconds since the epoch.
    pub newest_mtime: u64,
}

/// Largest answer or notice, in bytes of Markdown. An answer visitors read
/// in a small panel is far shorter; a larger one is a pasted document that
/// would bloat every visitor's download.
pub const MAX_ANSWER_BYTES: usize = 32 * 1024;

const TOP_LEVEL_FILES: [&str; 4] = ["site.toml", "synonyms.toml", "hotline.toml", "README.md"];

/// Reads and validates `dir`; on failure, every problem found, sorted by file and line.
pub fn load(dir: &Path) -> Result<KnowledgeBase, Vec<Diagnostic>> {
    let mut cx = Loader {
        dir: dir.to_path_buf(),
        root: dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf()),
        diags: Vec::new(),
        inputs: Vec::new(),
        hasher: crc32fast::Hasher::new(),
        newest_mtime: 0,
        remote_images: false,
        failed: Vec::new(),
        featured_lines: BTreeMap::new(),
        logo_named: None,
        site_unreadable: false,
    };
    if !dir.is_dir() {
        return Err(vec![Diagnostic::new(
            dir,
            0,
            "knowledge base directory not found; create it with a site.toml, or set HELP_WIDGET_KB to an existing one",
        )]);
    }
    let mut site = cx.site();
    cx.remote_images = site.as_ref().is_some_and(|s| s.allow_remote_images);
    let synonyms = match &site {
        Some(site) => cx.synonyms(site),
        None => BTreeMap::new(),
    };
    let hotline = site.as_ref().and_then(|site| cx.hotline(site));
    let mut entries = Vec::new();
    let mut notices = Vec::new();
    for sub in cx.list(dir) {
        let name = file_name(&sub);
        if sub.is_dir() && cx.holds_logo(&sub) {
            // An assets folder (kb/images/logo.svg): the logo, and nothing else.
            for other in cx.list(&sub) {
                if !cx.is_logo_file(site.as_ref(), &other) {
                    cx.error(&other, 0, "unexpected file beside the logo: this folder holds the logo site.toml names; entries go in kb/<locale>/<slug>.md");
                }
            }
        } else if sub.is_dir() {
            if name == "notices" {
                for file in cx.markdown_files(&sub) {
                    if let Some(n) = cx.notice(&file, site.as_ref()) {
                        notices.push(n);
                    }
                }
            } else {
                if let Some(site) = &site {
                    if !site.locales.contains(&name) {
                        cx.error(
                            &sub,
                            0,
                            format!(
                                "unknown locale \"{name}\": site.toml lists {:?}; add \"{name}\" to locales there or move these files",
                                site.locales
                            ),
                        );
                        continue;
                    }
                }
                for file in cx.markdown_files(&sub) {
                    match cx.entry(&file, &name) {
                        Some(e) => entries.push(e),
                        None => cx.failed.push(format!("{name}/{}", stem(&file))),
                    }
                }
            }
        } else if !TOP_LEVEL_FILES.contains(&name.as_str())
            && !is_ignored(&name)
            && !cx.is_logo_file(site.as_ref(), &sub)
        {
            cx.error(
                &sub,
                0,
                "unexpected file in the knowledge base root: entries go in kb/<locale>/<slug>.md, notices in kb/notices/",
            );
        }
    }
    if let Some(site) = &mut site {
        cx.check_entries(site, &mut entries);
        cx.check_featured(site, &entries);
        if entries.is_empty() && cx.diags.is_empty() {
            let first = site.locales.first().map_or("de", String::as_str);
            cx.error(dir, 0, format!("the knowledge base has no entries: add one as {}/{first}/<slug>.md (see docs/editors.md)", dir.display()));
        }
    }
    if notices.len() > MAX_NOTICES {
        let extra = &notices[MAX_NOTICES];
        let path = extra.path.clone();
        cx.error(&path, 1, format!("{} notices, more than {MAX_NOTICES}: a visitor reads a few at most; delete the ones that have ended", notices.len()));
    }
    notices.sort_by(|a: &Notice, b: &Notice| {
        (a.from_ms, &a.locale, &a.title).cmp(&(b.from_ms, &b.locale, &b.title))
    });
    if !cx.diags.is_empty() {
        cx.diags.sort();
        cx.diags.dedup();
        return Err(cx.diags);
    }
    let site = site.expect("a missing site.toml is reported as a diagnostic");
    Ok(KnowledgeBase {
        site,
        entries,
        synonyms,
        notices,
        hotline,
        inputs: cx.inputs,
        content_hash: cx.hasher.finalize(),
        newest_mtime: cx.newest_mtime,
    })
}

struct Loader {
    dir: PathBuf,
    /// `dir` with symbolic links resolved: every file read must lie below it.
    root: PathBuf,
    diags: Vec<Diagnostic>,
    inputs: Vec<PathBuf>,
    hasher: crc32fast::Hasher,
    newest_mtime: u64,
    /// site.toml's `allow_remote_images`.
    remote_images: bool,
    /// Default ids (`<locale>/<slug>`) of entry files that failed: links to
    /// them are consequences of that error, not reported again.
    failed: Vec<String>,
    /// site.toml's line of each featured id, by (locale, id), checked once
    /// the entries are read.
    featured_lines: BTreeMap<(String, String), usize>,
    /// The file site.toml's `logo` names, read even when site.toml has
    /// other errors: it is no stray file then either.
    logo_named: Option<PathBuf>,
    /// site.toml could not be read as TOML at all: which file is its logo
    /// is unknown, so images are not reported as stray.
    site_unreadable: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteToml {
    name: Spanned<String>,
    locales: Spanned<Vec<String>>,
    default_locale: Spanned<String>,
    #[serde(default)]
    contact: Contact,
    #[serde(default)]
    allow_remote_images: bool,
    #[serde(default)]
    home: BTreeMap<String, Spanned<HomeToml>>,
    #[serde(default)]
    person: BTreeMap<String, Spanned<Vec<Spanned<String>>>>,
    logo: Option<Spanned<String>>,
    delivery: Option<Spanned<String>>,
}

/// `[home.<locale>]` of site.toml.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HomeToml {
    greeting: Option<Spanned<String>>,
    placeholder: Option<Spanned<String>>,
    #[serde(default)]
    featured: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryToml {
    question: Option<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    category: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    related: Vec<Spanned<String>>,
    id: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoticeToml {
    locale: Spanned<String>,
    title: Spanned<String>,
    from: Spanned<toml::Value>,
    until: Spanned<toml::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SynonymsToml {
    #[serde(default)]
    groups: Vec<Spanned<Vec<Spanned<String>>>>,
}

/// A Markdown file split at its front matter.
struct Split<'a> {
    front: &'a str,
    /// Line of the first front matter line.
    front_line: usize,
    body: &'a str,
    body_line: usize,
}

impl Loader {
    fn error(&mut self, file: &Path, line: usize, message: impl Into<String>) {
        self.diags.push(Diagnostic::new(file, line, message));
    }

    /// Sorted directory listing, skipping hidden and editor backup files.
    fn list(&mut self, dir: &Path) -> Vec<PathBuf> {
        match std::fs::read_dir(dir) {
            Ok(rd) => {
                let mut paths: Vec<PathBuf> = rd
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| !is_ignored(&file_name(p)))
                    .collect();
                paths.sort();
                paths.retain(|p| self.inside(p));
                paths
            }
            Err(e) => {
                self.error(dir, 0, format!("cannot read directory: {e}"));
                Vec::new()
            }
        }
    }

    fn markdown_files(&mut self, dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for p in self.list(dir) {
            if p.extension().is_some_and(|e| e == "md") && p.is_file() {
                out.push(p);
            } else {
                self.error(&p, 0, "not a Markdown file: entries and notices are <name>.md files; rename it or move it out of the knowledge base");
            }
        }
        out
    }

    /// Whether `path` (after symbolic links) lies inside the knowledge base;
    /// a link leaving it is reported, as a build must never read other files.
    fn inside(&mut self, path: &Path) -> bool {
        let Ok(real) = path.canonicalize() else {
            return true; // a dangling link: reading it reports the error
        };
        if real.starts_with(&self.root) {
            return true;
        }
        self.error(
            path,
            0,
            format!(
                "symbolic link to {}, outside the knowledge base: copy the file into it instead",
                real.display()
            ),
        );
        false
    }

    /// Reads a file as UTF-8, recording it as an input.
    fn read(&mut self, path: &Path) -> Option<String> {
        if !self.inside(path) {
            return None;
        }
        self.inputs.push(path.to_path_buf());
        let (limit, what) = if path.extension().is_some_and(|e| e == "md") {
            (MAX_MARKDOWN_FILE_BYTES, "an entry or notice file")
        } else {
            (MAX_TOML_FILE_BYTES, "a settings file")
        };
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        if size > limit {
            self.error(path, 0, format!("the file is {} kB, more than the {} kB {what} may have, and was not read: split it, or move what is not part of the knowledge base out of kb/", size.div_ceil(1024), limit / 1024));
            return None;
        }
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                self.error(path, 0, format!("cannot read file: {e}"));
                return None;
            }
        };
        if let Ok(mtime) = std::fs::metadata(path).and_then(|m| m.modified()) {
            if let Ok(d) = mtime.duration_since(std::time::UNIX_EPOCH) {
                self.newest_mtime = self.newest_mtime.max(d.as_secs());
            }
        }
        let rel = path.strip_prefix(&self.dir).unwrap_or(path);
        self.hasher
            .update(rel.to_string_lossy().replace('\\', "/").as_bytes());
        self.hasher.update(&[0]);
        self.hasher.update(&bytes);
        match String::from_utf8(bytes) {
            Ok(s) => {
                let s = s.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(s);
                let mut bad = 0;
                for (i, l) in s.lines().enumerate() {
                    if let Some((col, c)) = l.chars().enumerate().find(|(_, c)| is_control(*c)) {
                        bad += 1;
                        if bad <= 5 {
                            self.error(path, i + 1, format!("control character U+{:04X} at column {}: remove it (often pasted from a PDF or a word processor; tabs and line breaks are fine)", u32::from(c), col + 1));
                        }
                    }
                }
                (bad == 0).then_some(s)
            }
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let line = e.as_bytes()[..valid]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count()
                    + 1;
                self.error(
                    path,
                    line,
                    format!("invalid UTF-8 at byte {valid}: save the file as UTF-8"),
                );
                None
            }
        }
    }

    /// Parses TOML, turning syntax and schema errors into diagnostics at their line.
    fn parse_toml<T: serde::de::DeserializeOwned>(
        &mut self,
        path: &Path,
        text: &str,
        first_line: usize,
        what: &str,
    ) -> Option<T> {
        super::toml_error::from_str(path, text, first_line, what)
            .map_err(|d| self.diags.push(d))
            .ok()
    }

    fn site(&mut self) -> Option<Site> {
        let path = self.dir.join("site.toml");
        if !path.is_file() {
            self.error(
                &path,
                0,
                "missing site.toml: create it with name, locales and default_locale (see docs/editors.md)",
            );
            return None;
        }
        let text = self.read(&path)?;
        match toml::from_str::<toml::Table>(&text) {
            Ok(table) => {
                self.controls_in(&path, &text, &table);
                self.logo_named = table
                    .get("logo")
                    .and_then(toml::Value::as_str)
                    .map(|l| self.dir.join(l));
            }
            Err(_) => self.site_unreadable = true,
        }
        let raw: SiteToml = self.parse_toml(&path, &text, 1, "site.toml")?;
        let line = |s: std::ops::Range<usize>| line_of(&text, s.start);
        let mut ok = true;
        if let Some(c) = raw.name.get_ref().chars().find(|c| is_control(*c)) {
            self.error(
                &path,
                line(raw.name.span()),
                format!(
                    "name has the control character U+{:04X}: remove it",
                    u32::from(c)
                ),
            );
            ok = false;
        }
        if raw.name.get_ref().trim().is_empty() {
            self.error(
                &path,
                line(raw.name.span()),
                "name is empty: set the site name visitors see",
            );
            ok = false;
        }
        let locales = raw.locales.get_ref().clone();
        if locales.is_empty() {
            self.error(
                &path,
                line(raw.locales.span()),
                "locales is empty: list at least one, e.g. locales = [\"de\", \"en\"]",
            );
            ok = false;
        }
        for (i, l) in locales.iter().enumerate() {
            if !is_locale_tag(l) {
                self.error(
                    &path,
                    line(raw.locales.span()),
                    format!("locale \"{l}\" is not a language tag like \"de\" or \"en-GB\""),
                );
                ok = false;
            }
            if locales[..i].contains(l) {
                self.error(
                    &path,
                    line(raw.locales.span()),
                    format!("locale \"{l}\" is listed twice"),
                );
                ok = false;
            }
        }
        let default_locale = raw.default_locale.get_ref().clone();
        if !locales.contains(&default_locale) {
            self.error(
                &path,
                line(raw.default_locale.span()),
                format!("default_locale \"{default_locale}\" is not in locales {locales:?}"),
            );
            ok = false;
        }
        if let Some(url) = &raw.contact.url {
            let l = key_line(&text, "url").unwrap_or(1);
            match crate::url::classify(url) {
                Err(why) => {
                    self.error(&path, l, format!("contact url \"{url}\": {}", why.fix()));
                    ok = false;
                }
                Ok(Kind::External) => {}
                Ok(Kind::Relative) if url.trim().starts_with('/') => {}
                Ok(_) => {
                    self.error(
                        &path,
                        l,
                        format!("contact url \"{url}\" must start with https://, http:// or /"),
                    );
                    ok = false;
                }
            }
        }
        if let Some(email) = &raw.contact.email {
            if !crate::url::is_email(email.trim()) {
                let l = key_line(&text, "email").unwrap_or(1);
                self.error(&path, l, format!("contact email \"{email}\" is not an address like service@example.org: write the address alone, without spaces, <>, ? or &"));
                ok = false;
            }
        }
        // Its problems are reported; the site stays usable so that the
        // featured ids are still checked against the entries.
        let home = self.home(&path, &text, raw.home, &locales);
        let person = self.person(&path, &text, raw.person, &locales);
        let logo = match raw.logo {
            Some(logo) => {
                let at = line(logo.span());
                match checked_logo(&path, logo.get_ref()) {
                    Ok(file) if is_svg(&file) => {
                        let svg = std::fs::read(&file).unwrap_or_default();
                        let problems = match std::str::from_utf8(&svg) {
                            Ok(text) => super::svg::problems(text),
                            Err(_) => vec![(
                                1,
                                "the logo is not UTF-8 text: export it as a plain SVG".to_string(),
                            )],
                        };
                        if problems.is_empty() {
                            Some(file)
                        } else {
                            let shown = self.dir.join(logo.get_ref());
                            for (l, why) in problems {
                                self.error(&shown, l, why);
                            }
                            ok = false;
                            None
                        }
                    }
                    Ok(file) => Some(file),
                    Err(why) => {
                        self.error(&path, at, format!("logo \"{}\": {why}", logo.get_ref()));
                        ok = false;
                        None
                    }
                }
            }
            None => None,
        };
        let delivery = match raw.delivery {
            Some(d) => {
                let parsed = super::site_toml::Delivery::parse(d.get_ref());
                if parsed.is_none() {
                    self.error(&path, line(d.span()), format!("delivery \"{}\" is not a way to ship the knowledge: write \"embedded\" (in the .wasm), \"locales\" (a file per language) or \"parts\" (fetched as queries need them), or leave it out to choose by size", d.get_ref()));
                    ok = false;
                }
                parsed
            }
            None => None,
        };
        ok.then(|| Site {
            name: raw.name.into_inner(),
            locales,
            default_locale,
            contact: raw.contact,
            allow_remote_images: raw.allow_remote_images,
            home,
            person,
            logo,
            delivery,
        })
    }

    /// `[person]`: per known locale, phrases of a few words each.
    fn person(
        &mut self,
        path: &Path,
        text: &str,
        raw: BTreeMap<String, Spanned<Vec<Spanned<String>>>>,
        locales: &[String],
    ) -> BTreeMap<String, Vec<String>> {
        let mut out = BTreeMap::new();
        for (locale, list) in raw {
            let list_line = line_of(text, list.span().start);
            if !locales.contains(&locale) {
                self.error(path, list_line, format!("[person] {locale}: unknown locale \"{locale}\": locales lists {locales:?}; add it there or remove this line"));
                continue;
            }
            let list = list.into_inner();
            if list.len() > MAX_PERSON_PHRASES {
                self.error(path, list_line, format!("[person] {locale} lists {} phrases, more than {MAX_PERSON_PHRASES}: keep the ones visitors type", list.len()));
            }
            let lang = crate::analysis::Lang::from_locale(&locale);
            let mut phrases = Vec::new();
            for phrase in list {
                let line = line_of(text, phrase.span().start);
                let phrase = phrase.into_inner().trim().to_string();
                let chars = phrase.chars().count();
                if phrase.is_empty() {
                    self.error(
                        path,
                        line,
                        format!(
                            "[person] {locale}: an empty phrase would match nothing: remove it"
                        ),
                    );
                } else if chars > MAX_PERSON_PHRASE_CHARS {
                    self.error(path, line, format!("[person] {locale}: \"{phrase}\" has {chars} characters, more than {MAX_PERSON_PHRASE_CHARS}: a phrase is the few words a visitor types, like \"mitarbeiter sprechen\""));
                } else if crate::analysis::tokenize(&phrase, lang).is_empty() {
                    self.error(path, line, format!("[person] {locale}: \"{phrase}\" has no words to match: write letters or digits"));
                } else {
                    phrases.push(phrase);
                }
            }
            out.insert(locale, phrases);
        }
        out
    }

    /// `[home.<locale>]` tables: known locales, a short one-line greeting,
    /// a short list of distinct ids (whose entries are checked later).
    fn home(
        &mut self,
        path: &Path,
        text: &str,
        raw: BTreeMap<String, Spanned<HomeToml>>,
        locales: &[String],
    ) -> BTreeMap<String, Home> {
        let mut out = BTreeMap::new();
        for (locale, table) in raw {
            let table_line = header_line(text, &format!("home.{locale}"))
                .unwrap_or_else(|| line_of(text, table.span().start));
            if !locales.contains(&locale) {
                self.error(
                    path,
                    table_line,
                    format!("[home.{locale}]: unknown locale \"{locale}\": locales lists {locales:?}; add it there or remove this table"),
                );
                continue;
            }
            let table = table.into_inner();
            let mut home = Home::default();
            if let Some(g) = table.greeting {
                let line = line_of(text, g.span().start);
                let greeting = g.get_ref().trim();
                let chars = greeting.chars().count();
                if greeting.contains(['\n', '\r']) {
                    self.error(path, line, format!("[home.{locale}] greeting has a line break: the greeting is one line of plain text"));
                } else if chars > MAX_GREETING_CHARS {
                    self.error(path, line, format!("[home.{locale}] greeting has {chars} characters, more than {MAX_GREETING_CHARS}: shorten it to one short line"));
                }
                home.greeting = greeting.to_string();
            }
            if let Some(p) = table.placeholder {
                let line = line_of(text, p.span().start);
                let placeholder = p.get_ref().trim();
                let chars = placeholder.chars().count();
                if placeholder.is_empty() {
                    self.error(path, line, format!("[home.{locale}] placeholder is empty: write a short prompt such as \"Suchen Sie nach Antworten\", or remove the line for the widget's own"));
                } else if placeholder.contains(['\n', '\r']) {
                    self.error(path, line, format!("[home.{locale}] placeholder has a line break: the placeholder is one line of plain text"));
                } else if chars > MAX_PLACEHOLDER_CHARS {
                    self.error(path, line, format!("[home.{locale}] placeholder has {chars} characters, more than {MAX_PLACEHOLDER_CHARS}: shorten it so it fits the search box on a phone"));
                }
                home.placeholder = placeholder.to_string();
            }
            if table.featured.len() > MAX_FEATURED {
                let line = line_of(text, table.featured[MAX_FEATURED].span().start);
                self.error(path, line, format!("[home.{locale}] featured lists {} entries, more than {MAX_FEATURED}: keep the ones visitors ask for most", table.featured.len()));
            }
            for id in table.featured {
                let line = line_of(text, id.span().start);
                let id = id.into_inner().trim().to_string();
                if home.featured.contains(&id) {
                    self.error(
                        path,
                        line,
                        format!("[home.{locale}] featured lists \"{id}\" twice: remove one"),
                    );
                    continue;
                }
                self.featured_lines
                    .insert((locale.clone(), id.clone()), line);
                home.featured.push(id);
            }
            out.insert(locale, home);
        }
        out
    }

    /// Each featured id names an entry of its table's locale.
    fn check_featured(&mut self, site: &mut Site, entries: &[Entry]) {
        let path = self.dir.join("site.toml");
        for (locale, home) in &mut site.home {
            let mut kept = Vec::new();
            for id in &home.featured {
                let line = self
                    .featured_lines
                    .get(&(locale.clone(), id.clone()))
                    .copied()
                    .unwrap_or(1);
                match entries.iter().find(|e| &e.id == id) {
                    Some(e) if &e.locale == locale => kept.push(id.clone()),
                    Some(e) => self.error(&path, line, format!("[home.{locale}] featured: \"{id}\" is an entry of locale \"{}\": list it under [home.{}], or feature the {locale} entry instead", e.locale, e.locale)),
                    None if self.failed.contains(id) => {} // reported in its own file
                    None => {
                        let hint = entries
                            .iter()
                            .find(|e| &e.locale == locale && (e.id.ends_with(&format!("/{id}")) || id.ends_with(&format!("/{}", stem(&e.path)))))
                            .map(|e| format!(" (did you mean \"{}\"?)", e.id))
                            .unwrap_or_default();
                        self.error(&path, line, format!("[home.{locale}] featured: unknown id \"{id}\"{hint}: ids are written <locale>/<slug>"));
                    }
                }
            }
            home.featured = kept;
        }
    }

    /// `hotline.toml`, if present: a knowledge base without it has no channels.
    fn hotline(&mut self, site: &Site) -> Option<super::hotline::Hotline> {
        let path = self.dir.join("hotline.toml");
        if !path.is_file() {
            return None;
        }
        let text = self.read(&path)?;
        if let Ok(table) = toml::from_str::<toml::Table>(&text) {
            self.controls_in(&path, &text, &table);
        }
        super::hotline::parse(&path, &text, site, &mut self.diags)
    }

    fn synonyms(&mut self, site: &Site) -> BTreeMap<String, Vec<Vec<String>>> {
        let path = self.dir.join("synonyms.toml");
        let mut out = BTreeMap::new();
        if !path.is_file() {
            return out;
        }
        let Some(text) = self.read(&path) else {
            return out;
        };
        if let Ok(table) = toml::from_str::<toml::Table>(&text) {
            self.controls_in(&path, &text, &table);
        }
        let Some(raw) =
            self.parse_toml::<BTreeMap<String, SynonymsToml>>(&path, &text, 1, "synonyms.toml")
        else {
            return out;
        };
        for (locale, table) in raw {
            if !site.locales.contains(&locale) {
                let line = text
                    .lines()
                    .position(|l| l.trim() == format!("[{locale}]"))
                    .map_or(1, |i| i + 1);
                self.error(
                    &path,
                    line,
                    format!(
                        "unknown locale \"{locale}\": site.toml lists {:?}",
                        site.locales
                    ),
                );
                continue;
            }
            if table.groups.len() > MAX_SYNONYM_GROUPS {
                let at = line_of(&text, table.groups[MAX_SYNONYM_GROUPS].span().start);
                self.error(&path, at, format!("[{locale}] has {} synonym groups, more than {MAX_SYNONYM_GROUPS}: every query expands through them; keep the groups visitors need", table.groups.len()));
                continue;
            }
            let mut groups = Vec::new();
            for group in table.groups {
                if group.get_ref().len() > MAX_SYNONYM_WORDS {
                    self.error(&path, line_of(&text, group.span().start), format!("a synonym group of {} words, more than {MAX_SYNONYM_WORDS}: split it into groups of words that really mean the same", group.get_ref().len()));
                    continue;
                }
                let gline = line_of(&text, group.span().start);
                let words: Vec<String> = group
                    .get_ref()
                    .iter()
                    .map(|w| w.get_ref().trim().to_string())
                    .collect();
                if let Some(empty) = group
                    .get_ref()
                    .iter()
                    .find(|w| w.get_ref().trim().is_empty())
                {
                    self.error(
                        &path,
                        line_of(&text, empty.span().start),
                        "empty word in a synonym group: remove it",
                    );
                    continue;
                }
                if words.len() < 2 {
                    self.error(
                        &path,
                        gline,
                        format!("synonym group {words:?} needs at least two words"),
                    );
                    continue;
                }
                groups.push(words);
            }
            out.insert(locale, groups);
        }
        out
    }

    /// Lengths and counts of an entry's front matter, and no control
    /// characters in it; false if there was a problem.
    fn check_front(&mut self, path: &Path, raw: &EntryToml, front: &str, first: usize) -> bool {
        let line_at = |offset: usize| line_of(front, offset) + first - 1;
        let key = |k: &str| key_line(front, k).map_or(first, |l| l + first - 1);
        let mut problems: Vec<(usize, String)> = Vec::new();
        if let Some(q) = &raw.question {
            let n = q.get_ref().trim().chars().count();
            if n > MAX_QUESTION_CHARS {
                problems.push((line_at(q.span().start), format!("the question has {n} characters, more than {MAX_QUESTION_CHARS}: ask it as a visitor would, in a line; put the rest in the answer")));
            }
        }
        if raw.aliases.len() > MAX_ALIASES {
            problems.push((key("aliases"), format!("{} aliases, more than {MAX_ALIASES}: keep the ways visitors really ask; synonyms.toml covers single words", raw.aliases.len())));
        }
        if let Some(a) = raw
            .aliases
            .iter()
            .find(|a| a.chars().count() > MAX_ALIAS_CHARS)
        {
            problems.push((key("aliases"), format!("an alias of {} characters (\"{}…\"), more than {MAX_ALIAS_CHARS}: an alias is a short question or phrase", a.chars().count(), a.chars().take(20).collect::<String>())));
        }
        if raw.tags.len() > MAX_TAGS {
            problems.push((
                key("tags"),
                format!("{} tags, more than {MAX_TAGS}", raw.tags.len()),
            ));
        }
        if let Some(t) = raw.tags.iter().find(|t| t.chars().count() > MAX_TAG_CHARS) {
            problems.push((
                key("tags"),
                format!(
                    "a tag of {} characters, more than {MAX_TAG_CHARS}: a tag is a word or two",
                    t.chars().count()
                ),
            ));
        }
        if raw.category.chars().count() > MAX_TAG_CHARS {
            problems.push((key("category"), format!("the category has {} characters, more than {MAX_TAG_CHARS}: it is a topic's name", raw.category.chars().count())));
        }
        if raw.related.len() > MAX_RELATED {
            problems.push((line_at(raw.related[MAX_RELATED].span().start), format!("{} related entries, more than {MAX_RELATED}: each is a button under the answer; keep the closest few", raw.related.len())));
        }
        for (i, r) in raw.related.iter().enumerate() {
            if raw.related[..i]
                .iter()
                .any(|o| o.get_ref().trim() == r.get_ref().trim())
            {
                problems.push((
                    line_at(r.span().start),
                    format!("related lists \"{}\" twice: remove one", r.get_ref().trim()),
                ));
            }
        }
        let texts = raw
            .question
            .iter()
            .map(|q| (q.get_ref().as_str(), line_at(q.span().start)))
            .chain(raw.aliases.iter().map(|a| (a.as_str(), key("aliases"))))
            .chain(raw.tags.iter().map(|t| (t.as_str(), key("tags"))))
            .chain([(raw.category.as_str(), key("category"))]);
        for (text, line) in texts {
            if let Some(c) = text.chars().find(|c| is_control(*c)) {
                problems.push((line, format!("front matter: the control character U+{:04X} (written as an escape): remove it", u32::from(c))));
            }
        }
        let ok = problems.is_empty();
        for (line, message) in problems {
            self.error(path, line, message);
        }
        ok
    }

    /// The rendered HTML's size and nesting; false if over a limit.
    fn check_rendered(&mut self, path: &Path, body_line: usize, r: &Rendered) -> bool {
        let mut ok = true;
        if r.html.len() > MAX_HTML_BYTES {
            self.error(path, body_line, format!("the answer renders to {} kB of HTML, more than {} kB: deeply nested quotes or lists, or many links, multiply it; simplify or split the text", r.html.len().div_ceil(1024), MAX_HTML_BYTES / 1024));
            ok = false;
        }
        let depth = html_depth(&r.html);
        if depth > MAX_HTML_DEPTH {
            self.error(path, body_line, format!("quotes and lists nest {depth} levels deep, more than {MAX_HTML_DEPTH}: flatten the text"));
            ok = false;
        }
        ok
    }

    /// Reports every string of a settings file that holds a control
    /// character written as an escape (`"\u0000"`), at its key's line.
    fn controls_in(&mut self, path: &Path, text: &str, table: &toml::Table) {
        fn walk(key: &str, v: &toml::Value, found: &mut Vec<(String, char)>) {
            match v {
                toml::Value::String(s) => {
                    if let Some(c) = s.chars().find(|c| is_control(*c)) {
                        found.push((key.to_string(), c));
                    }
                }
                toml::Value::Array(a) => a.iter().for_each(|v| walk(key, v, found)),
                toml::Value::Table(t) => t.iter().for_each(|(k, v)| walk(k, v, found)),
                _ => {}
            }
        }
        let mut found = Vec::new();
        for (k, v) in table {
            walk(k, v, &mut found);
        }
        for (key, c) in found {
            let line = key_line(text, &key).unwrap_or(1);
            self.error(
                path,
                line,
                format!(
                    "{key}: the control character U+{:04X} (written as an escape): remove it",
                    u32::from(c)
                ),
            );
        }
    }

    /// Whether `dir` (in the kb root) holds the logo site.toml names.
    fn holds_logo(&self, dir: &Path) -> bool {
        let real = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        self.logo_named
            .as_deref()
            .is_some_and(|l| real(l).starts_with(real(dir)))
    }

    /// Whether `file` is the logo: the one site.toml names (valid or not),
    /// or any image while site.toml cannot be read.
    fn is_logo_file(&self, site: Option<&Site>, file: &Path) -> bool {
        let real = |p: &Path| p.canonicalize().ok();
        let named = self
            .logo_named
            .as_deref()
            .is_some_and(|l| real(l).is_some() && real(l) == real(file));
        let image = file.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            super::site_toml::LOGO_TYPES.contains(&e.to_ascii_lowercase().as_str())
        });
        is_logo(site, file) || named || (self.site_unreadable && image)
    }

    /// Splits `+++` front matter from the body.
    fn split<'t>(&mut self, path: &Path, text: &'t str) -> Option<Split<'t>> {
        let mut lines = text.split_inclusive('\n');
        let first = lines.next().unwrap_or("");
        if first.trim_end() != "+++" {
            self.error(path, 1, "missing front matter: start the file with a line +++, then question = \"...\", then a line +++");
            return None;
        }
        let mut at = first.len();
        for (line, l) in (2..).zip(lines) {
            if l.trim_end() == "+++" {
                return Some(Split {
                    front: &text[first.len()..at],
                    front_line: 2,
                    body: &text[at + l.len()..],
                    body_line: line + 1,
                });
            }
            at += l.len();
        }
        self.error(
            path,
            1,
            "front matter is not closed: add a line +++ after the last front matter line",
        );
        None
    }

    /// Reports every word longer than an index term may be and a body over
    /// [`MAX_ANSWER_BYTES`]; false if there was any.
    fn check_sizes(&mut self, path: &Path, text: &str, split: &Split<'_>) -> bool {
        let mut ok = true;
        let mut run = (0, 0); // (start, characters)
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            if is_mark(c) && run.1 > 0 {
                continue; // part of the letter before it
            }
            if c.is_alphanumeric() {
                run = if run.1 == 0 {
                    (i, 1)
                } else {
                    (run.0, run.1 + 1)
                };
                continue;
            }
            if run.1 > MAX_WORD_CHARS {
                let preview: String = text[run.0..].chars().take(12).collect();
                self.error(path, line_of(text, run.0), format!("a word of {} characters (\"{preview}…\") is longer than the {MAX_WORD_CHARS} a search term may have: break it up, or leave it out if it is a code or pasted data", run.1));
                ok = false;
            }
            run.1 = 0;
        }
        if split.body.len() > MAX_ANSWER_BYTES {
            self.error(path, split.body_line, format!("the text is {} kB, more than the {} kB an answer or notice may have: split it into several entries", split.body.len().div_ceil(1024), MAX_ANSWER_BYTES / 1024));
            ok = false;
        }
        ok
    }

    fn entry(&mut self, path: &Path, locale: &str) -> Option<Entry> {
        let text = self.read(path)?;
        let slug = stem(path);
        if !is_slug(&slug) {
            let example = match crate::url::slug(&slug) {
                s if s.is_empty() => "meter-reading".to_string(),
                s => s,
            };
            self.error(path, 0, format!("file name \"{slug}\" is not a slug: use lower-case letters, digits and hyphens, e.g. \"{example}\""));
        }
        let split = self.split(path, &text)?;
        if !self.check_sizes(path, &text, &split) {
            return None;
        }
        if split.front.len() > MAX_FRONT_MATTER_BYTES {
            self.error(path, split.front_line, format!("the front matter is {} kB, more than the {} kB it may have: it holds the question, a few aliases and tags; move text into the answer", split.front.len().div_ceil(1024), MAX_FRONT_MATTER_BYTES / 1024));
            return None;
        }
        let raw: EntryToml =
            self.parse_toml(path, split.front, split.front_line, "front matter")?;
        let fl = |offset: usize| line_of(split.front, offset) + split.front_line - 1;
        if !self.check_front(path, &raw, split.front, split.front_line) {
            return None;
        }
        let question = match &raw.question {
            Some(q) if !q.get_ref().trim().is_empty() => q.get_ref().trim().to_string(),
            Some(q) => {
                self.error(path, fl(q.span().start), "front matter: \"question\" is empty: write the question as a visitor would ask it");
                return None;
            }
            None => {
                self.error(path, 1, "front matter: missing \"question\": add question = \"...\" between the +++ lines");
                return None;
            }
        };
        let id = match &raw.id {
            Some(id) => {
                let v = id.get_ref().trim().to_string();
                if !crate::url::is_entry_id(&v) {
                    self.error(path, fl(id.span().start), format!("front matter: id \"{v}\" may only use the letters a-z and A-Z, digits, '-', '_', '.', '~' and '/' (not first), which a deep link #help/<id> carries, e.g. \"{locale}/{slug}\""));
                    return None;
                }
                v
            }
            None => format!("{locale}/{slug}"),
        };
        if split.body.trim().is_empty() {
            self.error(
                path,
                split.body_line,
                "empty answer: write the answer in Markdown below the closing +++",
            );
            return None;
        }
        let answer = match render(split.body, self.remote_images) {
            Ok(r) => r,
            Err(refused) => {
                for u in refused {
                    let line = line_of(split.body, u.offset) + split.body_line - 1;
                    self.error(path, line, format!("unsafe link \"{}\": {}", u.url, u.fix));
                }
                return None;
            }
        };
        if !self.check_rendered(path, split.body_line, &answer) {
            return None;
        }
        // Related ids are checked once all entries are known; keep their lines.
        let related = raw
            .related
            .iter()
            .map(|r| format!("{}\u{0}{}", r.get_ref(), fl(r.span().start)))
            .collect();
        Some(Entry {
            id,
            locale: locale.to_string(),
            path: path.to_path_buf(),
            question,
            aliases: raw
                .aliases
                .into_iter()
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect(),
            category: raw.category.trim().to_string(),
            tags: raw.tags,
            related,
            answer,
        })
    }

    /// Orders entries, and checks ids for duplicates and related ids for targets.
    fn check_entries(&mut self, site: &Site, entries: &mut [Entry]) {
        let order = |l: &str| {
            site.locales
                .iter()
                .position(|x| x == l)
                .unwrap_or(usize::MAX)
        };
        entries.sort_by(|a, b| {
            (order(&a.locale), &a.id, &a.path).cmp(&(order(&b.locale), &b.id, &b.path))
        });
        let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
        for e in entries.iter() {
            if let Some(first) = seen.get(&e.id) {
                let first = first.clone();
                self.error(&e.path, 1, format!("duplicate id \"{}\", also used by {}: give one of them another id or file name", e.id, first.display()));
            } else {
                seen.insert(e.id.clone(), e.path.clone());
            }
        }
        for e in entries.iter_mut() {
            let mut resolved = Vec::new();
            for r in &e.related {
                let (target, line) = r.split_once('\u{0}').unwrap_or((r, "1"));
                let line = line.parse().unwrap_or(1);
                if !seen.contains_key(target) && self.failed.iter().any(|f| f == target) {
                    // The target's own error is the cause; it is reported there.
                } else if !seen.contains_key(target) {
                    let hint = seen
                        .keys()
                        .find(|k| k.ends_with(&format!("/{target}")))
                        .map(|k| format!(" (did you mean \"{k}\"?)"))
                        .unwrap_or_default();
                    self.diags.push(Diagnostic::new(&e.path, line, format!("related: unknown id \"{target}\"{hint}: ids are written <locale>/<slug>")));
                } else if target == e.id {
                    self.diags.push(Diagnostic::new(
                        &e.path,
                        line,
                        "related: an entry cannot be related to itself",
                    ));
                } else {
                    resolved.push(target.to_string());
                }
            }
            e.related = resolved;
        }
    }

    fn notice(&mut self, path: &Path, site: Option<&Site>) -> Option<Notice> {
        let text = self.read(path)?;
        let split = self.split(path, &text)?;
        if !self.check_sizes(path, &text, &split) {
            return None;
        }
        if split.front.len() > MAX_FRONT_MATTER_BYTES {
            self.error(
                path,
                split.front_line,
                format!(
                    "the front matter is {} kB, more than the {} kB it may have",
                    split.front.len().div_ceil(1024),
                    MAX_FRONT_MATTER_BYTES / 1024
                ),
            );
            return None;
        }
        let raw: NoticeToml =
            self.parse_toml(path, split.front, split.front_line, "notice front matter")?;
        let fl = |offset: usize| line_of(split.front, offset) + split.front_line - 1;
        let mut ok = true;
        let title_chars = raw.title.get_ref().chars().count();
        if title_chars > MAX_QUESTION_CHARS {
            self.error(path, fl(raw.title.span().start), format!("the title has {title_chars} characters, more than {MAX_QUESTION_CHARS}: a title is one line; put the rest in the text"));
            ok = false;
        }
        if let Some(c) = raw.title.get_ref().chars().find(|c| is_control(*c)) {
            self.error(
                path,
                fl(raw.title.span().start),
                format!(
                    "the title has the control character U+{:04X}: remove it",
                    u32::from(c)
                ),
            );
            ok = false;
        }
        let locale = raw.locale.get_ref().clone();
        if let Some(site) = site {
            if !site.locales.contains(&locale) {
                self.error(
                    path,
                    fl(raw.locale.span().start),
                    format!(
                        "unknown locale \"{locale}\": site.toml lists {:?}",
                        site.locales
                    ),
                );
                ok = false;
            }
        }
        if raw.title.get_ref().trim().is_empty() {
            self.error(path, fl(raw.title.span().start), "notice title is empty");
            ok = false;
        }
        let instant = |v: &Spanned<toml::Value>, key: &str, this: &mut Self| -> Option<i64> {
            let s = match v.get_ref() {
                toml::Value::String(s) => s.clone(),
                toml::Value::Datetime(d) => d.to_string(),
                _ => String::new(),
            };
            let parsed = parse_rfc3339_ms(&s);
            if parsed.is_none() {
                this.error(path, fl(v.span().start), format!("{key}: \"{s}\" is not a date-time with offset; write e.g. {key} = \"2026-11-01T08:00:00+01:00\""));
            }
            parsed
        };
        let from = instant(&raw.from, "from", self);
        let until = instant(&raw.until, "until", self);
        let (Some(from_ms), Some(until_ms)) = (from, until) else {
            return None;
        };
        if until_ms <= from_ms {
            self.error(path, fl(raw.until.span().start), "until must be after from");
            ok = false;
        }
        if split.body.trim().is_empty() {
            self.error(
                path,
                split.body_line,
                "empty notice: write the text in Markdown below the closing +++",
            );
            ok = false;
        }
        let body = match render(split.body, self.remote_images) {
            Ok(r) => r,
            Err(refused) => {
                for u in refused {
                    self.error(
                        path,
                        line_of(split.body, u.offset) + split.body_line - 1,
                        format!("unsafe link \"{}\": {}", u.url, u.fix),
                    );
                }
                return None;
            }
        };
        if !self.check_rendered(path, split.body_line, &body) {
            return None;
        }
        ok.then(|| Notice {
            path: path.to_path_buf(),
            locale,
            title: raw.title.into_inner().trim().to_string(),
            from_ms,
            until_ms,
            body,
        })
    }
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A character no text of the knowledge base may hold: a control character
/// other than tab and line breaks.
fn is_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Hidden files and editor backups are not part of the knowledge base.
fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.starts_with('#')
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// Line of the table header `[name]` (spaces inside the brackets allowed).
fn header_line(text: &str, name: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            l.trim()
                .strip_prefix('[')
                .and_then(|r| r.split(']').next())
                .is_some_and(|h| h.trim() == name)
        })
        .map(|i| i + 1)
}

fn is_locale_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Milliseconds since the epoch of an RFC 3339 date-time with offset.
pub fn parse_rfc3339_ms(s: &str) -> Option<i64> {
    chrono::DateTime::parse_from_rfc3339(s.trim())
        .ok()
        .map(|d| d.timestamp_millis())
}

/// The logo file `name` names, relative to the kb folder of `site_toml`:
/// an image of a known type, inside the kb (no `..`, no symlink out), at
/// most [`super::site_toml::MAX_LOGO_BYTES`]; else what is wrong and the fix.
fn checked_logo(site_toml: &Path, name: &str) -> Result<PathBuf, String> {
    use super::site_toml::{LOGO_TYPES, MAX_LOGO_BYTES};
    let kb = site_toml.parent().unwrap_or(Path::new("."));
    let relative = Path::new(name);
    if name.trim().is_empty()
        || relative.is_absolute()
        || relative
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)))
    {
        return Err("name a file inside the kb folder, e.g. logo = \"logo.svg\"".into());
    }
    let ext = relative
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if !LOGO_TYPES.contains(&ext.as_str()) {
        return Err(format!(
            "a logo must be one of {}: convert it, or leave logo out",
            LOGO_TYPES.join(", ")
        ));
    }
    let file = kb.join(relative);
    let (Ok(real), Ok(root)) = (file.canonicalize(), kb.canonicalize()) else {
        return Err(format!(
            "there is no such file in {}: put the image there, or fix the name",
            kb.display()
        ));
    };
    if !real.starts_with(&root) {
        return Err("it leads out of the kb folder (a symlink): copy the image into kb/".into());
    }
    let size = std::fs::metadata(&real).map(|m| m.len()).unwrap_or(0);
    if !real.is_file() || size == 0 {
        return Err("it is not an image file: name the image itself".into());
    }
    if size > MAX_LOGO_BYTES {
        return Err(format!(
            "it is {} kB, over the {} kB every visitor would load: make it smaller (an SVG, or a PNG of the size shown, 32 px high)",
            size.div_ceil(1024),
            MAX_LOGO_BYTES / 1024
        ));
    }
    Ok(real)
}

fn is_svg(file: &Path) -> bool {
    file.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"))
}

/// Whether `file` is the logo site.toml names (it may sit in the kb root).
fn is_logo(site: Option<&Site>, file: &Path) -> bool {
    let logo = site.and_then(|s| s.logo.as_ref());
    logo.is_some_and(|l| file.canonicalize().is_ok_and(|f| &f == l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_with_offset_is_converted_to_utc_milliseconds() {
        assert_eq!(parse_rfc3339_ms("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339_ms("1970-01-01T01:00:00+01:00"), Some(0));
        assert_eq!(
            parse_rfc3339_ms("2024-02-29T12:00:00.5Z"),
            Some(1_709_208_000_500)
        );
    }

    #[test]
    fn rfc3339_without_offset_or_with_impossible_dates_is_refused() {
        for s in [
            "2026-11-01T08:00:00",
            "2026-02-30T08:00:00Z",
            "2026-13-01T08:00:00Z",
            "tomorrow",
            "2026-11-01T25:00:00Z",
        ] {
            assert_eq!(parse_rfc3339_ms(s), None, "{s}");
        }
    }

    #[test]
    fn a_slug_is_lower_case_letters_digits_and_hyphens_and_every_suggestion_is_one() {
        assert!(is_slug("meter-reading"));
        assert!(!is_slug("Meter Reading"));
        for name in ["Meter Reading", "Café Crème", "Zählerstand!"] {
            assert!(is_slug(&crate::url::slug(name)), "{name}");
        }
    }
}
