//! The HTML around every page of the help centre: head (title, description,
//! canonical URL, language alternates, stylesheet, the widget's tag),
//! header with the language switch, footer with the contact channels.
//!
//! Every value from the knowledge base goes through [`escape`]; URLs come
//! from [`super::paths`]. Pages have no inline script or style, so they work
//! under the strict Content-Security-Policy the widget documents.

use super::paths::{mailto, relative};
use super::Options;
use crate::compiler::source::Contact;
use crate::escape::html as escape;
use crate::url::tel;
use crate::widget::i18n::{ui_lang, Strings, UiLang};
use std::fmt::Write;

/// The words of the pages: the widget's own (its title, "Themen", the
/// contact channels, …), so a page and the widget on it say the same, and
/// the few only pages have.
pub struct Words {
    pub ui: &'static Strings,
    pub more_questions: &'static str,
    pub languages: &'static str,
    pub breadcrumb: &'static str,
}

/// The words for a page in `locale`, in the interface language the widget
/// picks for it: German for `de…`, English for every other.
pub fn words(locale: &str) -> Words {
    match ui_lang(Some(locale)) {
        UiLang::De => Words {
            ui: UiLang::De.strings(),
            more_questions: "Weitere Fragen",
            languages: "Sprachen",
            breadcrumb: "Sie sind hier",
        },
        UiLang::En => Words {
            ui: UiLang::En.strings(),
            more_questions: "More questions",
            languages: "Languages",
            breadcrumb: "You are here",
        },
    }
}

/// The language's own name, for the language switch.
pub fn language_name(tag: &str) -> &str {
    match tag.split('-').next().unwrap_or(tag) {
        "de" => "Deutsch",
        "en" => "English",
        "fr" => "Français",
        "it" => "Italiano",
        "es" => "Español",
        "nl" => "Nederlands",
        "pl" => "Polski",
        "tr" => "Türkçe",
        _ => tag,
    }
}

/// What a page says about itself in its head.
pub struct Head<'a> {
    pub lang: &'a str,
    pub title: String,
    pub description: Option<String>,
    /// The page's site path ("de/meter-reading/").
    pub dir: &'a str,
    /// (hreflang, site path) of every language version, this one included;
    /// `x-default` among them if there is one.
    pub alternates: Vec<(String, String)>,
    /// Site path of the locale's index, for the header's home link.
    pub home: String,
}

/// The whole document: head, header, `main`, footer.
pub fn document(opts: &Options, head: &Head<'_>, main: &str) -> String {
    let mut out = String::with_capacity(main.len() + 4096);
    let _ = writeln!(
        out,
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>",
        escape(head.lang),
        escape(&head.title)
    );
    if let Some(d) = &head.description {
        let _ = writeln!(out, "<meta name=\"description\" content=\"{}\">", escape(d));
    }
    let _ = writeln!(
        out,
        "<link rel=\"canonical\" href=\"{}\">",
        escape(&opts.base.url(head.dir))
    );
    if head.alternates.len() > 1 {
        for (lang, path) in &head.alternates {
            let _ = writeln!(
                out,
                "<link rel=\"alternate\" hreflang=\"{}\" href=\"{}\">",
                escape(lang),
                escape(&opts.base.url(path))
            );
        }
    }
    let _ = writeln!(
        out,
        "<link rel=\"stylesheet\" href=\"{}\">",
        escape(&relative(head.dir, super::STYLESHEET))
    );
    let widget = match &opts.widget {
        super::Widget::Copied => relative(head.dir, super::WIDGET_SCRIPT),
        super::Widget::At(url) => url.clone(),
    };
    let _ = writeln!(
        out,
        "<script src=\"{}\" defer data-locale=\"{}\"></script>\n</head>\n<body>",
        escape(&widget),
        escape(head.lang)
    );
    header(&mut out, opts, head);
    let _ = writeln!(out, "<main id=\"main\">\n{main}</main>");
    footer(&mut out, &opts.contact, head.lang);
    out.push_str("</body>\n</html>\n");
    out
}

fn header(out: &mut String, opts: &Options, head: &Head<'_>) {
    let w = words(head.lang);
    let _ = writeln!(
        out,
        "<header class=\"site\">\n<a class=\"home\" href=\"{}\">{} <span>{}</span></a>",
        escape(&relative(head.dir, &head.home)),
        escape(&opts.site_name),
        escape(w.ui.title)
    );
    let others: Vec<&(String, String)> = head
        .alternates
        .iter()
        .filter(|(l, _)| l != "x-default" && l != head.lang)
        .collect();
    if !others.is_empty() {
        let _ = write!(
            out,
            "<nav class=\"languages\" aria-label=\"{}\"><ul>",
            escape(w.languages)
        );
        for (lang, path) in others {
            let _ = write!(
                out,
                "<li><a href=\"{}\" hreflang=\"{1}\" lang=\"{1}\">{2}</a></li>",
                escape(&relative(head.dir, path)),
                escape(lang),
                escape(language_name(lang))
            );
        }
        out.push_str("</ul></nav>\n");
    }
    out.push_str("</header>\n");
}

fn footer(out: &mut String, contact: &Contact, lang: &str) {
    let w = words(lang);
    let mut links = Vec::new();
    if let Some(phone) = &contact.phone {
        links.push(format!(
            "<a href=\"{}\">{}: {}</a>",
            escape(&tel(phone)),
            escape(w.ui.call),
            escape(phone)
        ));
    }
    if let Some(email) = &contact.email {
        links.push(format!(
            "<a href=\"{}\">{}: {}</a>",
            escape(&mailto(email)),
            escape(w.ui.write_email),
            escape(email)
        ));
    }
    if let Some(url) = &contact.url {
        links.push(format!(
            "<a href=\"{}\">{}</a>",
            escape(url),
            escape(w.ui.contact_page)
        ));
    }
    if links.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<footer class=\"site\">\n<h2>{}</h2>\n<ul><li>{}</li></ul>\n</footer>",
        escape(w.ui.still_need_help),
        links.join("</li><li>")
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_footer_says_what_the_widgets_contact_block_says() {
        for (lang, ui) in [
            ("de", UiLang::De),
            ("en-GB", UiLang::En),
            ("fr", UiLang::En),
        ] {
            let contact = Contact {
                phone: Some("+49 30 5550 1234".into()),
                email: Some("hilfe@example.org".into()),
                url: Some("https://example.org/kontakt".into()),
            };
            let mut out = String::new();
            footer(&mut out, &contact, lang);
            let s = ui.strings();
            for words in [s.still_need_help, s.call, s.write_email, s.contact_page] {
                assert!(
                    out.contains(&escape(words)),
                    "{lang}: {words:?} missing in {out}"
                );
            }
        }
    }
}
