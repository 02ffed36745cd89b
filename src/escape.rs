//! Text from editors and visitors made safe inside HTML and XML: the one
//! escaping function of everything generated on the build side (answers'
//! link attributes, the eval corpus' answers, the report, the static help
//! centre).

/// `s` safe as HTML or XML text and as a quoted attribute value. Control
/// characters other than tab and line breaks, which HTML and XML do not
/// allow (NUL, ESC, …), become U+FFFD.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_cannot_become_markup() {
        assert_eq!(
            super::html("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }

    #[test]
    fn control_characters_never_reach_a_page() {
        assert_eq!(
            super::html("a\u{0}b\u{1b}[2J\u{85}c\td\n"),
            "a\u{fffd}b\u{fffd}[2J\u{fffd}c\td\n"
        );
    }
}
