//! Warnings for a knowledge base that compiles: things an editor most likely
//! did not mean, which still give a working bundle.
//!
//! - a topic that exists in one locale but not in another (same slug);
//! - a category spelled almost like another one of the same locale, which
//!   would quietly become a topic of its own ("Energie und Wasser" beside
//!   "Energie & Wasser");
//! - a phrase two entries of a locale claim (the same alias, or one's alias
//!   is the other's question): a visitor who types it exactly gets one entry
//!   first, so the editors must decide which.

use super::diag::{edit_distance, key_line, Diagnostic};
use super::source::{stem, Entry, KnowledgeBase};
use crate::analysis::Lang;
use crate::format::phrase_key;
use std::collections::BTreeMap;
use std::path::Path;

/// Every warning for `kb`, sorted by file and line. Messages start with
/// `warning:` so they read apart from errors in the same output.
pub fn warnings(kb: &KnowledgeBase) -> Vec<Diagnostic> {
    let mut out = missing_translations(kb);
    out.extend(near_duplicate_categories(kb));
    out.extend(shared_phrases(kb));
    out.sort();
    out
}

/// One warning per (slug, missing locale), at the default locale's version
/// if there is one, else at the first locale's.
fn missing_translations(kb: &KnowledgeBase) -> Vec<Diagnostic> {
    let locales = &kb.site.locales;
    let mut by_slug: BTreeMap<String, Vec<&Entry>> = BTreeMap::new();
    for e in &kb.entries {
        by_slug.entry(stem(&e.path)).or_default().push(e);
    }
    let mut out = Vec::new();
    for (slug, versions) in by_slug {
        let present = |l: &str| versions.iter().any(|e| e.locale == l);
        let at = versions
            .iter()
            .find(|e| e.locale == kb.site.default_locale)
            .unwrap_or(&versions[0]);
        for missing in locales.iter().filter(|l| !present(l)) {
            let kb_dir = at.path.parent().and_then(Path::parent);
            let want = kb_dir.map_or_else(
                || format!("{missing}/{slug}.md"),
                |d| {
                    d.join(missing)
                        .join(format!("{slug}.md"))
                        .display()
                        .to_string()
                },
            );
            out.push(Diagnostic::new(
                &at.path,
                0,
                format!(
                    "warning: no \"{missing}\" version of this entry: visitors reading \"{missing}\" will not find it; add {want} (same file name), or ignore this if the topic does not apply to them"
                ),
            ));
        }
    }
    out
}

/// Categories of one locale that are the same after ignoring case, spacing,
/// punctuation and "&"/"und"/"and", or one or two typing mistakes apart.
fn near_duplicate_categories(kb: &KnowledgeBase) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for locale in &kb.site.locales {
        // category → entries using it, in entry order.
        let mut uses: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
        for e in kb.entries.iter().filter(|e| &e.locale == locale) {
            if !e.category.is_empty() {
                uses.entry(e.category.as_str()).or_default().push(e);
            }
        }
        let names: Vec<&str> = uses.keys().copied().collect();
        for (i, a) in names.iter().enumerate() {
            for b in &names[i + 1..] {
                if !similar_categories(a, b) {
                    continue;
                }
                // Warn where the rarer spelling is used: that is the likely slip.
                let (rare, common) = if uses[a].len() <= uses[b].len() {
                    (a, b)
                } else {
                    (b, a)
                };
                let n = uses[common].len();
                for e in &uses[rare] {
                    out.push(Diagnostic::new(
                        &e.path,
                        category_line(&e.path),
                        format!(
                            "warning: category \"{rare}\" differs only slightly from \"{common}\" ({n} {}): write it the same way, or visitors see two separate topics",
                            if n == 1 { "entry" } else { "entries" }
                        ),
                    ));
                }
            }
        }
    }
    out
}

fn category_line(path: &Path) -> usize {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|t| key_line(&t, "category"))
        .unwrap_or(0)
}

/// Words that join two names of a category and carry no meaning of their own.
const JOINERS: [&str; 7] = ["und", "and", "et", "y", "e", "u", "&"];

/// The category's letters and digits, lower-cased, without joining words.
fn category_key(name: &str) -> String {
    name.to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '&')
        .flat_map(|w| w.split_inclusive('&'))
        .map(|w| w.trim_end_matches('&'))
        .filter(|w| !w.is_empty() && !JOINERS.contains(w))
        .collect()
}

/// Whether two distinct category names are most likely meant to be one.
pub fn similar_categories(a: &str, b: &str) -> bool {
    let (ka, kb) = (category_key(a), category_key(b));
    if ka.is_empty() || kb.is_empty() {
        return false;
    }
    let shorter = ka.chars().count().min(kb.chars().count());
    let allowed = match shorter {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    };
    edit_distance(&ka, &kb) <= allowed
}

/// One warning per phrase that a later entry shares with an earlier one,
/// at the later entry's line, naming the earlier one's file and line.
pub fn shared_phrases(kb: &KnowledgeBase) -> Vec<Diagnostic> {
    let mut first: BTreeMap<(&str, String), (&Entry, &str, usize)> = BTreeMap::new();
    let mut out = Vec::new();
    for e in &kb.entries {
        let lang = Lang::from_locale(&e.locale);
        let text = std::fs::read_to_string(&e.path).unwrap_or_default();
        let mut seen_here = Vec::new();
        let phrases = std::iter::once((&e.question, "question"))
            .chain(e.aliases.iter().map(|a| (a, "alias")));
        for (phrase, what) in phrases {
            let key = phrase_key(phrase, lang);
            if key.trim().is_empty() || seen_here.contains(&key) {
                continue;
            }
            seen_here.push(key.clone());
            let line = phrase_line(&text, phrase, what);
            match first.get(&(e.locale.as_str(), key.clone())) {
                Some(&(other, other_what, other_line))
                    if what == "alias" || other_what == "alias" =>
                {
                    out.push(Diagnostic::new(
                        &e.path,
                        line,
                        format!(
                            "warning: {what} \"{phrase}\" is also the {other_what} of {} ({}): a visitor who types it should get one entry first; keep the phrase on one of them",
                            other.id,
                            position(&other.path, other_line),
                        ),
                    ));
                }
                Some(_) => {}
                None => {
                    first.insert((e.locale.as_str(), key), (e, what, line));
                }
            }
        }
    }
    out
}

/// The line of the front matter that holds `phrase`: the first line with
/// it quoted, else the line of its key.
fn phrase_line(text: &str, phrase: &str, what: &str) -> usize {
    let key = if what == "alias" {
        "aliases"
    } else {
        "question"
    };
    text.lines()
        .position(|l| l.contains(&format!("\"{phrase}\"")) || l.contains(&format!("'{phrase}'")))
        .map(|i| i + 1)
        .or_else(|| key_line(text, key))
        .unwrap_or(1)
}

/// `file:line` as diagnostics print it.
fn position(file: &Path, line: usize) -> String {
    let d = Diagnostic::new(file, line, "");
    format!("{}:{}", d.file.display(), d.line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_that_differ_in_joining_word_or_case_are_similar() {
        assert!(similar_categories("Energie und Wasser", "Energie & Wasser"));
        assert!(similar_categories("Energie&Wasser", "Energie & Wasser"));
        assert!(similar_categories(
            "billing & payment",
            "Billing and Payment"
        ));
    }

    #[test]
    fn categories_with_a_typo_or_plural_are_similar() {
        assert!(similar_categories("Rechnung", "Rechnungen"));
        assert!(similar_categories("Störungen", "Stöorungen"));
        assert!(similar_categories("Kundenportal", "Kundenprotal"));
    }

    #[test]
    fn distinct_short_or_different_categories_are_not_similar() {
        assert!(!similar_categories("Gas", "Glas"));
        assert!(!similar_categories("Umzug", "Zähler & Ablesung"));
        assert!(!similar_categories("Strom", "Sturm"));
        assert!(!similar_categories("Rechnung & Zahlung", "Vertrag & Tarif"));
    }
}
