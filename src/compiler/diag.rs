//! Diagnostics: what is wrong in which file and line, and how to fix it.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in the knowledge base, printed as `file:line: message`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub file: PathBuf,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    pub message: String,
}

impl Diagnostic {
    pub fn new(file: &Path, line: usize, message: impl Into<String>) -> Self {
        Self {
            file: display_path(file),
            line,
            message: message.into(),
        }
    }
}

/// One line, whatever the file name or message holds: control and bidi
/// characters from editors' text are escaped (`\n`, `\u{1b}`), so an ESC
/// sequence cannot drive the terminal nor a newline split a diagnostic.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = escape_controls(&self.file.display().to_string());
        let message = escape_controls(&self.message);
        if self.line == 0 {
            write!(f, "{file}: {message}")
        } else {
            write!(f, "{file}:{}: {message}", self.line)
        }
    }
}

/// `s` with control characters and invisible direction marks written as
/// escapes; everything else unchanged.
pub fn escape_controls(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let invisible = matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}');
        if c.is_control() || invisible {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// The path relative to the working directory when it lies below it, so
/// messages read `kb/de/moving-house.md:3` rather than an absolute path.
fn display_path(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

/// 1-based line of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// 1-based line (within `text`) of the first line assigning `key`, if any.
pub fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}

/// Levenshtein distance in characters (small strings: a full table is
/// fine): how near a misspelt key or category is to the one meant.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (diag + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_characters_not_bytes() {
        assert_eq!(edit_distance("zähler", "zahler"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn lines_are_counted_from_one() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 99), 3);
    }

    #[test]
    fn key_line_finds_the_assignment_not_a_prefix_of_another_key() {
        let text = "relatedness = 1\n  related = []\n";
        assert_eq!(key_line(text, "related"), Some(2));
        assert_eq!(key_line(text, "missing"), None);
    }

    #[test]
    fn control_characters_in_a_diagnostic_are_escaped_onto_one_line() {
        let d = Diagnostic::new(
            Path::new("/kb/de/x\u{1b}]0;owned\u{7}.md"),
            3,
            "unsafe link \"java\nscript:\u{1b}[2J\u{202e}x\"",
        );
        let shown = d.to_string();
        assert!(
            !shown.chars().any(|c| c.is_control() || c == '\u{202e}'),
            "{shown}"
        );
        assert!(
            shown.contains("java\\nscript:\\u{1b}[2J\\u{202e}x"),
            "{shown}"
        );
        assert_eq!(shown.lines().count(), 1);
    }

    #[test]
    fn a_diagnostic_without_a_line_prints_only_the_file() {
        let d = Diagnostic::new(Path::new("/nowhere/x.md"), 0, "cannot read");
        assert_eq!(d.to_string(), "/nowhere/x.md: cannot read");
    }
}
