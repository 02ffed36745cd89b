//! Answers are rendered from Markdown to HTML at build time, so no Markdown
//! parser ships to the browser, and sanitized by construction: the renderer
//! only emits what CommonMark itself produces, raw HTML is shown as text, and
//! every link and image URL must pass the one URL policy ([`crate::url`]).

use crate::escape::html as escape;
use crate::url::{classify, is_external, Kind};
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

/// An answer ready for the bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// Safe HTML: no scripts, no event handlers, no `javascript:` URLs.
    pub html: String,
    /// Plain text for indexing and snippets.
    pub text: String,
}

/// A URL the renderer refused, with its byte offset in the Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsafeUrl {
    pub offset: usize,
    pub url: String,
    /// What is wrong and how to fix it.
    pub fix: String,
}

/// Renders `markdown`; refused URLs are reported, all of them. Images from
/// other sites are refused unless `remote_images` (site.toml's
/// `allow_remote_images`): every visitor's browser would contact that site.
pub fn render(markdown: &str, remote_images: bool) -> Result<Rendered, Vec<UnsafeUrl>> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut refused = Vec::new();
    let mut text = String::new();
    let mut events = Vec::new();
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        match &event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock,
            ) if !text.ends_with([' ', '\n']) && !text.is_empty() => {
                text.push(if matches!(event, Event::End(TagEnd::TableCell)) {
                    ' '
                } else {
                    '\n'
                });
            }
            _ => {}
        }
        let event = match event {
            // Raw HTML from editors is shown, never interpreted.
            Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
            Event::Start(Tag::Link {
                dest_url, title, ..
            }) => {
                if let Err(why) = classify(&dest_url) {
                    refused.push(UnsafeUrl {
                        offset: range.start,
                        url: dest_url.to_string(),
                        fix: why.fix(),
                    });
                }
                Event::Html(CowStr::from(link_open(&dest_url, &title)))
            }
            Event::End(TagEnd::Link) => Event::Html(CowStr::Borrowed("</a>")),
            Event::Start(Tag::Image { ref dest_url, .. }) => {
                let fix = match classify(dest_url) {
                    Err(why) => Some(why.fix()),
                    Ok(Kind::External) if !remote_images => Some("an image from another site makes every visitor's browser contact it: put it on this site and use a relative path, or set allow_remote_images = true in site.toml".into()),
                    Ok(Kind::Mail | Kind::Tel) => Some("an image needs a relative or https:// address".into()),
                    Ok(_) => None,
                };
                if let Some(fix) = fix {
                    refused.push(UnsafeUrl {
                        offset: range.start,
                        url: dest_url.to_string(),
                        fix,
                    });
                    continue;
                }
                event
            }
            other => other,
        };
        events.push(event);
    }
    if !refused.is_empty() {
        return Err(refused);
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Ok(Rendered {
        html: html.trim_end().to_string(),
        text: text.trim().to_string(),
    })
}

/// The opening tag of a link; external links open in a new tab without
/// giving the target page a handle on ours.
fn link_open(url: &str, title: &str) -> String {
    let mut tag = format!("<a href=\"{}\"", escape(url));
    if !title.is_empty() {
        tag.push_str(&format!(" title=\"{}\"", escape(title)));
    }
    if is_external(url) {
        tag.push_str(" target=\"_blank\" rel=\"noopener noreferrer\"");
    }
    tag.push('>');
    tag
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_(markdown: &str) -> Result<Rendered, Vec<UnsafeUrl>> {
        render(markdown, false)
    }

    #[test]
    fn external_links_in_any_spelling_open_in_a_new_tab_without_a_handle() {
        let r = render_("[a](HTTPS://x.example/) [b](Http://y.example)").unwrap();
        assert_eq!(
            r.html
                .matches("target=\"_blank\" rel=\"noopener noreferrer\"")
                .count(),
            2
        );
    }

    #[test]
    fn protocol_relative_and_backslash_links_are_refused_with_the_fix() {
        for url in ["//x.example/a", "\\\\x.example", "/\\x.example"] {
            let err = render_(&format!("[x](<{url}>)")).unwrap_err();
            assert!(
                err[0].fix.contains("https://") || err[0].fix.contains("backslash"),
                "{url}: {}",
                err[0].fix
            );
        }
    }

    #[test]
    fn remote_images_are_refused_unless_the_site_allows_them() {
        let md = "![Logo](https://cdn.example/logo.png) ![Local](/img/a.png)";
        let err = render_(md).unwrap_err();
        assert_eq!(err.len(), 1);
        assert!(err[0].fix.contains("allow_remote_images = true"));
        let ok = render(md, true).unwrap();
        assert!(ok.html.contains("src=\"https://cdn.example/logo.png\""));
        assert!(render_("![Local](/img/a.png)")
            .unwrap()
            .html
            .contains("<img src=\"/img/a.png\""));
    }

    #[test]
    fn markdown_becomes_html_and_plain_text() {
        let r = render_("Call **us**:\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |").unwrap();
        assert!(r.html.contains("<strong>us</strong>"));
        assert!(r.html.contains("<table>"));
        assert_eq!(r.text, "Call us:\none\ntwo\na b 1 2");
    }

    #[test]
    fn raw_html_is_escaped_not_rendered() {
        let r = render_("Hi <script>alert(1)</script> <img src=x onerror=alert(1)>").unwrap();
        assert!(!r.html.contains("<script"));
        assert!(!r.html.contains("<img"));
        assert!(r.html.contains("&lt;script&gt;"));
    }

    #[test]
    fn javascript_links_are_refused_in_any_spelling() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:x",
            "java\tscript:x",
            "data:text/html,x",
            "vbscript:x",
        ] {
            let md = format!("[x](<{url}>)");
            assert!(render_(&md).is_err(), "{url} was accepted");
        }
    }

    #[test]
    fn safe_links_get_safe_attributes() {
        let r = render_("[Portal](https://portal.example/a?b=\"c\") [mail](mailto:a@b.example) [top](#x) [p](/kontakt)").unwrap();
        assert!(r.html.contains("href=\"https://portal.example/a?b=&quot;c&quot;\" target=\"_blank\" rel=\"noopener noreferrer\""));
        assert!(r.html.contains("href=\"mailto:a@b.example\">"));
        assert!(r.html.contains("href=\"/kontakt\">"));
    }

    #[test]
    fn refused_urls_report_where_they_are() {
        let err = render_("ok\n\n[bad](javascript:x)").unwrap_err();
        assert_eq!(err[0].offset, 4);
        assert_eq!(err[0].url, "javascript:x");
    }
}
