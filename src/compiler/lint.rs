//! Warnings: what compiles but works against visitors.
//!
//! A visitor who types an entry's alias or question exactly gets that entry
//! first. When two entries of a locale claim the same phrase (the same
//! alias, or one's alias is the other's question), only one can be first:
//! the editors must decide which.

use super::diag::{key_line, Diagnostic};
use super::source::{Entry, KnowledgeBase};
use crate::analysis::Lang;
use crate::format::phrase_key;
use std::collections::BTreeMap;
use std::path::Path;

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
                            "{what} \"{phrase}\" is also the {other_what} of {} ({}): a visitor who types it should get one entry first; keep the phrase on one of them",
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
