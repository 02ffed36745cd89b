//! TOML errors in an editor's words: what is wrong on the line and how to
//! write it instead, rather than the parser's grammar terms ("expected
//! literal string", "invalid type: map").
//!
//! Only the message changes; the line comes from the error's span as before.

use super::diag::{line_of, Diagnostic};
use std::path::Path;

/// `text` read as TOML: the contents of `path` from its line `first_line`
/// on (1 for a whole file; an entry's front matter starts lower). A syntax or
/// schema error becomes one diagnostic at its line, `what: plain words`.
pub fn from_str<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
    first_line: usize,
    what: &str,
) -> Result<T, Diagnostic> {
    toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |s| line_of(text, s.start)) + first_line - 1;
        Diagnostic::new(path, line, format!("{what}: {}", plain_message(&e, text)))
    })
}

/// The plain-words message for `e`, an error in `text`.
pub fn plain_message(e: &toml::de::Error, text: &str) -> String {
    let raw = e.message().trim().replace('\n', " ");
    let span = e.span().unwrap_or(0..0);
    let line = line_at(text, span.start);
    explain(&raw, line, text.get(span).unwrap_or(""))
}

/// The whole line containing byte `offset`.
fn line_at(text: &str, offset: usize) -> &str {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    text[start..end].trim_end_matches('\r')
}

/// `key` and `value` of a `key = value` line, if it is one.
fn key_value(line: &str) -> Option<(&str, &str)> {
    let (k, v) = line.split_once('=')?;
    let k = k.trim();
    (!k.is_empty() && !k.starts_with('[')).then_some((k, v.trim()))
}

/// Text between the first pair of backticks after `after` in `msg`.
fn quoted_after<'m>(msg: &'m str, after: &str) -> Option<&'m str> {
    let rest = &msg[msg.find(after)? + after.len()..];
    let start = rest.find('`')? + 1;
    let end = start + rest[start..].find('`')?;
    Some(&rest[start..end])
}

fn explain(raw: &str, line: &str, spanned: &str) -> String {
    let key = key_value(line).map(|(k, _)| k);
    let value = key_value(line).map(|(_, v)| v).unwrap_or("");
    let named = key.map_or("this setting".to_string(), |k| format!("\"{k}\""));
    let k = key.unwrap_or("name");

    if raw.starts_with("string values must be quoted") {
        if value.starts_with('[') {
            return format!(
                "every word in a list needs quotes: write {k} = [\"first\", \"second\"]"
            );
        }
        let v = value.trim_matches(|c| c == '"' || c == '\'');
        return format!("text must be in double quotes: write {k} = \"{v}\"");
    }
    if raw.starts_with("invalid basic string") || raw.starts_with("invalid multi-line basic string")
    {
        return format!("the text of {named} is not closed: end it with \" on the same line (write \\\" for a quote inside the text)");
    }
    if raw.starts_with("invalid literal string")
        || raw.starts_with("invalid multi-line literal string")
    {
        return format!("the text of {named} is not closed: end it with ' on the same line, or use double quotes");
    }
    if raw.starts_with("duplicate key") {
        let dup = spanned.trim().trim_matches('"');
        let dup = if dup.is_empty() { k } else { dup };
        return format!("\"{dup}\" is set twice: keep one of the two lines");
    }
    if raw.starts_with("unknown field") {
        let field = quoted_after(raw, "unknown field").unwrap_or(k);
        let allowed: Vec<&str> = raw
            .split_once("expected")
            .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        let closest = allowed
            .iter()
            .copied()
            .min_by_key(|a| super::diag::edit_distance(&a.to_lowercase(), &field.to_lowercase()))
            .filter(|a| super::diag::edit_distance(&a.to_lowercase(), &field.to_lowercase()) <= 3);
        let hint = closest.map_or(String::new(), |c| format!("did you mean \"{c}\"? "));
        return if allowed.is_empty() {
            format!("unknown setting \"{field}\": remove it")
        } else {
            format!(
                "unknown setting \"{field}\": {hint}allowed here: {}",
                allowed.join(", ")
            )
        };
    }
    if raw.starts_with("missing field") {
        let field = quoted_after(raw, "missing field").unwrap_or("?");
        return format!("missing setting \"{field}\": add a line {field} = …");
    }
    if raw.starts_with("unclosed array") {
        return format!("the list of {named} is not closed: add ] after the last item");
    }
    if raw.starts_with("missing comma between array elements") {
        return format!(
            "a comma is missing between the items of {named}: write [\"first\", \"second\"]"
        );
    }
    if raw.starts_with("key with no value") {
        let bare = line.trim();
        return match bare.split_once(':') {
            Some((name, v)) => format!(
                "write = instead of : after the name: {} = {}",
                name.trim(),
                v.trim()
            ),
            None => format!("\"{bare}\" has no value: write {bare} = \"…\""),
        };
    }
    if raw.starts_with("unexpected key or value") {
        let after = spanned.trim_start();
        return if line.trim_end().ends_with(',') {
            "remove the comma at the end of the line: settings are one per line, without commas"
                .to_string()
        } else if value.starts_with('\'') {
            format!("the ' inside the text of {named} ends it early: put the text in double quotes, {k} = \"…\"")
        } else if after.is_empty() || value.starts_with('"') {
            format!("unexpected text after the value of {named}: one setting per line, and text in quotes (write \\\" for a quote inside it)")
        } else {
            "unexpected text: write one setting per line, as name = \"value\"".to_string()
        };
    }
    if raw.starts_with("missing escaped value") || raw.starts_with("invalid escape") {
        return format!("a \\ in the text of {named} starts an escape: write \\\\ for a backslash, or put the text in single quotes");
    }
    if raw.starts_with("unquoted keys cannot be empty") {
        return "a line starts without a name: write name = value".to_string();
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let what = match expected {
            e if e.contains("sequence") => format!("a list: write {k} = [\"…\", \"…\"]"),
            e if e.contains("string") => {
                if found.starts_with("map") {
                    return format!(
                        "\"{}\" starts a table, but {named} is text: write {k} = \"…\"",
                        line.trim()
                    );
                }
                if found.starts_with("sequence") {
                    format!("one text, not a list: write {k} = \"…\"")
                } else {
                    let v = value.trim_matches(|c| c == '"' || c == '\'');
                    format!("text in double quotes: write {k} = \"{v}\"")
                }
            }
            e if e.contains("boolean") => format!("true or false: write {k} = true"),
            e if e.contains("integer") || e.contains("number") => {
                format!("a number without quotes: write {k} = 10")
            }
            e if e.contains("map") || e.contains("struct") => {
                format!("a table: write [{k}] on its own line, then its settings below")
            }
            e => e.to_string(),
        };
        return format!("{named} must be {what}");
    }
    format!("{raw} (TOML syntax: see docs/editors.md for how this file is written)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Front {
        question: Option<String>,
        #[serde(default)]
        aliases: Vec<String>,
        #[serde(default)]
        category: String,
    }

    fn message(text: &str) -> String {
        let e = toml::from_str::<Front>(text).unwrap_err();
        plain_message(&e, text)
    }

    #[test]
    fn unquoted_text_is_explained_with_the_quoted_line() {
        assert_eq!(
            message("question = Wie geht das?"),
            "text must be in double quotes: write question = \"Wie geht das?\""
        );
        assert!(message("question = \"a\"\naliases = [a, b]")
            .contains("every word in a list needs quotes"));
    }

    #[test]
    fn a_mistyped_setting_is_named_with_the_closest_allowed_one() {
        let m = message("question = \"a\"\ncategroy = \"x\"");
        assert!(
            m.starts_with("unknown setting \"categroy\": did you mean \"category\"?"),
            "{m}"
        );
    }

    #[test]
    fn unclosed_text_and_lists_say_what_to_add() {
        assert!(message("question = \"Wie geht das?").contains("is not closed: end it with \""));
        assert!(message("question = \"a\"\naliases = [\"x\", \"y\"")
            .contains("add ] after the last item"));
    }

    #[test]
    fn a_colon_instead_of_equals_is_explained() {
        assert_eq!(
            message("question: \"a\""),
            "write = instead of : after the name: question = \"a\""
        );
    }

    #[test]
    fn wrong_kinds_of_value_say_which_kind_is_wanted() {
        assert!(message("question = \"a\"\naliases = \"x\"").contains("\"aliases\" must be a list"));
        assert!(message("question = 5").contains("\"question\" must be text in double quotes"));
        assert!(message("question = \"a\"\nquestion = \"b\"").contains("\"question\" is set twice"));
        assert!(message("question = \"a\",").contains("remove the comma"));
        assert!(message("question = 'it's'").contains("put the text in double quotes"));
    }

    #[test]
    fn no_message_keeps_parser_jargon() {
        for text in [
            "question = Wie",
            "question = \"a",
            "question: \"a\"",
            "question = \"a\"\naliases = [\"x\" \"y\"]",
            "[question]",
            "question = \"a \\q\"",
        ] {
            let m = message(text);
            for jargon in [
                "expected literal",
                "invalid type",
                "basic string",
                "map,",
                "sequence",
            ] {
                assert!(!m.contains(jargon), "{text:?} → {m}");
            }
        }
    }
}
