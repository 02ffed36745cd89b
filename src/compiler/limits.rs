//! The knowledge base's size limits, in one place. Each is far above what a
//! real help centre writes (the sample kb's largest values are noted), so a
//! kb meets one only by a mistake: a pasted document, a generated file, a
//! runaway loop. Without them such input would make every visitor's
//! download, every keystroke's search or the editors' `check` slow, or a
//! build read gigabytes. Each is reported with `file:line` and the fix; the
//! kb reference in docs/editors.md lists them.

/// Largest entry or notice file, checked before it is read (answer limit
/// plus generous front matter). Sample: 3 kB.
pub const MAX_MARKDOWN_FILE_BYTES: u64 = 64 * 1024;
/// Largest `site.toml`, `synonyms.toml` or `hotline.toml`, checked before
/// it is read. Sample: 6 kB.
pub const MAX_TOML_FILE_BYTES: u64 = 1024 * 1024;
/// Longest front matter of an entry or notice, in bytes. Sample: 400 B.
pub const MAX_FRONT_MATTER_BYTES: usize = 16 * 1024;
/// Longest question or notice title, in characters. Sample: 70; a public
/// COVID FAQ (deepset-covid-faq) has questions of 317.
pub const MAX_QUESTION_CHARS: usize = 500;
/// Aliases of one entry. Sample: 9.
pub const MAX_ALIASES: usize = 100;
/// Longest alias, in characters. Sample: 50.
pub const MAX_ALIAS_CHARS: usize = 200;
/// Tags of one entry. Sample: 4.
pub const MAX_TAGS: usize = 50;
/// Longest tag or category name, in characters. Sample: 30; the same
/// public FAQ has a category of 139.
pub const MAX_TAG_CHARS: usize = 200;
/// Related entries of one entry (each a button under the answer). Sample: 3.
pub const MAX_RELATED: usize = 20;
/// Largest rendered answer or notice HTML, in bytes (Markdown can amplify:
/// nested quotes, reference links). Sample: 5 kB.
pub const MAX_HTML_BYTES: usize = 128 * 1024;
/// Deepest nesting of elements in a rendered answer (quotes in lists in
/// quotes …). Sample: 4.
pub const MAX_HTML_DEPTH: usize = 32;
/// Contact channels in `hotline.toml`. Sample: 4.
pub const MAX_CHANNELS: usize = 50;
/// `[[closures]]` in `hotline.toml`. Sample: 3.
pub const MAX_CLOSURES: usize = 1_000;
/// Synonym groups of one locale. Sample: 40.
pub const MAX_SYNONYM_GROUPS: usize = 5_000;
/// Words or phrases in one synonym group. Sample: 5.
pub const MAX_SYNONYM_WORDS: usize = 50;
/// Notice files. Sample: 1.
pub const MAX_NOTICES: usize = 100;

/// Deepest element nesting of `html` as the renderer writes it (every
/// element closed, void elements without a closing tag).
pub fn html_depth(html: &str) -> usize {
    const VOID: [&str; 4] = ["br", "hr", "img", "input"];
    let (mut depth, mut max) = (0usize, 0usize);
    let mut rest = html;
    while let Some(p) = rest.find('<') {
        rest = &rest[p + 1..];
        if let Some(r) = rest.strip_prefix('/') {
            depth = depth.saturating_sub(1);
            rest = r;
            continue;
        }
        let name_end = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let name = &rest[..name_end];
        if name.is_empty() || VOID.contains(&name) {
            continue;
        }
        depth += 1;
        max = max.max(depth);
    }
    max
}

/// The `n`th (from 1) line of `text` that is the table-array header
/// `[[name]]`, or line 1.
pub fn nth_header_line(text: &str, name: &str, n: usize) -> usize {
    let header = format!("[[{name}]]");
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == header)
        .nth(n.saturating_sub(1))
        .map_or(1, |(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_open_elements_and_skips_void_ones() {
        assert_eq!(html_depth("<p>a<br>b</p>"), 1);
        assert_eq!(
            html_depth("<blockquote>\n<blockquote>\n<p>x</p>\n</blockquote>\n</blockquote>"),
            3
        );
        assert_eq!(
            html_depth("<ul><li>a</li><li>b<ul><li>c</li></ul></li></ul>"),
            4
        );
        assert_eq!(html_depth("1 &lt; 2"), 0);
    }
}
