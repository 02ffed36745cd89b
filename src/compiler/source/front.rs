//! A Markdown file of the kb split at its `+++` front matter, and the size
//! limits every such file (entry or notice) is held to.

use super::*;

/// A Markdown file split at its front matter.
pub(super) struct Split<'a> {
    pub(super) front: &'a str,
    /// Line of the first front matter line.
    pub(super) front_line: usize,
    pub(super) body: &'a str,
    pub(super) body_line: usize,
}

impl Loader {
    /// Splits `+++` front matter from the body.
    pub(super) fn split<'t>(&mut self, path: &Path, text: &'t str) -> Option<Split<'t>> {
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
    pub(super) fn check_sizes(&mut self, path: &Path, text: &str, split: &Split<'_>) -> bool {
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
}
