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

mod entry;
mod front;
mod logo;
mod notice;
mod site;

use logo::{checked_logo, is_svg};

pub use crate::compiler::site_toml::{Contact, HomeSettings, Site};
use crate::compiler::site_toml::{
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
    pub hotline: Option<crate::compiler::hotline::Hotline>,
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

impl Loader {
    pub(super) fn error(&mut self, file: &Path, line: usize, message: impl Into<String>) {
        self.diags.push(Diagnostic::new(file, line, message));
    }

    /// Sorted directory listing, skipping hidden and editor backup files.
    pub(super) fn list(&mut self, dir: &Path) -> Vec<PathBuf> {
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

    pub(super) fn markdown_files(&mut self, dir: &Path) -> Vec<PathBuf> {
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
    pub(super) fn inside(&mut self, path: &Path) -> bool {
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
    pub(super) fn read(&mut self, path: &Path) -> Option<String> {
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
    pub(super) fn parse_toml<T: serde::de::DeserializeOwned>(
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
}

/// A file's name without its extension: an entry's key across locales
/// (`de/strom.md` and `en/strom.md` are one entry in two languages).
pub(crate) fn stem(p: &Path) -> String {
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
