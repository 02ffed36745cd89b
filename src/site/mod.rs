//! The static help centre: the knowledge base as plain HTML pages that
//! search engines index and visitors read without JavaScript, with the
//! widget's tag on every page for those who have it.
//!
//! ```text
//! index.html                    the languages
//! <locale>/index.html           the locale's topics and questions
//! <locale>/<slug>/index.html    one entry: question, the same sanitized answer HTML
//!                               as the widget, related entries
//! <locale>/topics/<cat>/index.html   one category
//! sitemap.xml, robots.txt (only at a host's root), site.css
//! .help-widget-site             the files written, so a rerun replaces only those (see output)
//! widget/                       the widget's files, when copied from a build
//! ```
//!
//! Language versions of an entry share its file name (slug) and link to
//! each other with `hreflang` (the default locale's is `x-default`); every
//! page names its canonical URL under `--base-url`. No FAQPage structured
//! data: search engines no longer show FAQ rich results, and a page with
//! one question is not an FAQ page.

pub mod output;
pub mod page;
pub mod paths;

use crate::compiler::source::{Contact, Entry, KnowledgeBase};
use crate::escape::html as escape;
use page::{document, words, Head};
use paths::{relative, BaseUrl};
use std::collections::BTreeMap;
use std::fmt::Write;

pub use output::write;

/// The stylesheet's site path.
pub const STYLESHEET: &str = "site.css";
/// The widget loader's site path when its files are copied in.
pub const WIDGET_SCRIPT: &str = "widget/help-widget.js";

/// Where the pages load the widget from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Widget {
    /// Copied into `widget/` of the site.
    Copied,
    /// An existing installation, e.g. `/help/help-widget.js`.
    At(String),
}

/// Everything a page needs besides its entry.
#[derive(Debug, Clone)]
pub struct Options {
    pub base: BaseUrl,
    pub widget: Widget,
    pub site_name: String,
    pub contact: Contact,
    /// `YYYY-MM-DD` for the sitemap: the knowledge base's build date.
    pub lastmod: String,
}

/// One file of the site: its path inside the output folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Every page, the sitemap and the stylesheet for `kb`.
pub fn build(kb: &KnowledgeBase, opts: &Options) -> Vec<File> {
    let map = SiteMap::new(kb);
    let mut files = Vec::new();
    let mut html = |dir: &str, text: String| {
        files.push(File {
            path: format!("{dir}index.html"),
            bytes: text.into_bytes(),
        });
    };
    html("", root_page(kb, opts));
    for locale in &kb.site.locales {
        html(&format!("{locale}/"), locale_index(kb, &map, opts, locale));
        for (name, cat) in map.categories.get(locale.as_str()).into_iter().flatten() {
            html(&cat.dir, category_page(&map, opts, locale, name, cat));
        }
    }
    for e in &kb.entries {
        html(&map.dir(e), entry_page(&map, opts, e));
    }
    let pages: Vec<String> = files
        .iter()
        .map(|f| f.path.trim_end_matches("index.html").to_string())
        .collect();
    files.push(File {
        path: "sitemap.xml".into(),
        bytes: sitemap(opts, &pages).into_bytes(),
    });
    if opts.base.is_host_root() {
        files.push(File {
            path: "robots.txt".into(),
            bytes: format!(
                "User-agent: *\nAllow: /\nSitemap: {}\n",
                opts.base.url("sitemap.xml")
            )
            .into_bytes(),
        });
    }
    files.push(File {
        path: STYLESHEET.into(),
        bytes: STYLE.as_bytes().to_vec(),
    });
    files
}

/// A category of one locale: its page and its entries.
struct Category<'a> {
    dir: String,
    entries: Vec<&'a Entry>,
}

/// Where every entry and category lives, and which entries are language
/// versions of one another.
struct SiteMap<'a> {
    /// Per locale, category name → page, in name order.
    categories: BTreeMap<&'a str, BTreeMap<&'a str, Category<'a>>>,
    /// Slug → its language versions.
    versions: BTreeMap<String, Vec<&'a Entry>>,
    by_id: BTreeMap<&'a str, &'a Entry>,
    default_locale: &'a str,
}

impl<'a> SiteMap<'a> {
    fn new(kb: &'a KnowledgeBase) -> Self {
        let mut categories: BTreeMap<&str, BTreeMap<&str, Category>> = BTreeMap::new();
        let mut versions: BTreeMap<String, Vec<&Entry>> = BTreeMap::new();
        for e in &kb.entries {
            versions.entry(entry_slug(e)).or_default().push(e);
            if !e.category.is_empty() {
                categories
                    .entry(e.locale.as_str())
                    .or_default()
                    .entry(e.category.as_str())
                    .or_insert_with(|| Category {
                        dir: String::new(),
                        entries: Vec::new(),
                    })
                    .entries
                    .push(e);
            }
        }
        // Two names with one slug ("Umzug", "Umzug!") get -2, -3, … in name order.
        for (locale, cats) in categories.iter_mut() {
            let mut taken = std::collections::BTreeSet::new();
            for (name, cat) in cats.iter_mut() {
                let base = category_dir(name);
                let mut s = base.clone();
                let mut n = 2;
                while !taken.insert(s.clone()) {
                    s = format!("{base}-{n}");
                    n += 1;
                }
                cat.dir = format!("{locale}/topics/{s}/");
                cat.entries.sort_by(|a, b| a.question.cmp(&b.question));
            }
        }
        Self {
            categories,
            versions,
            by_id: kb.entries.iter().map(|e| (e.id.as_str(), e)).collect(),
            default_locale: kb.site.default_locale.as_str(),
        }
    }

    fn dir(&self, e: &Entry) -> String {
        format!("{}/{}/", e.locale, entry_slug(e))
    }

    fn category_dir(&self, e: &Entry) -> Option<&str> {
        self.categories
            .get(e.locale.as_str())?
            .get(e.category.as_str())
            .map(|c| c.dir.as_str())
    }

    /// (hreflang, path) of every language version of `e`, then `x-default`.
    fn alternates(&self, e: &Entry) -> Vec<(String, String)> {
        let versions = &self.versions[&entry_slug(e)];
        let mut out: Vec<(String, String)> = versions
            .iter()
            .map(|v| (v.locale.clone(), self.dir(v)))
            .collect();
        if let Some(d) = versions.iter().find(|v| v.locale == self.default_locale) {
            out.push(("x-default".into(), self.dir(d)));
        }
        out
    }
}

/// A category's folder under `topics/`: its name's slug, or "topic" for a
/// name without a letter or digit.
fn category_dir(name: &str) -> String {
    match crate::url::slug(name) {
        s if s.is_empty() => "topic".to_string(),
        s => s,
    }
}

fn entry_slug(e: &Entry) -> String {
    e.path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The first words of the answer, for the meta description (about 155 characters).
fn description(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= 155 {
        return text;
    }
    let cut: String = text.chars().take(155).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end_matches([',', ';', ':', '.']))
}

fn locale_alternates(
    kb: &KnowledgeBase,
    locale_dir: impl Fn(&str) -> String,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = kb
        .site
        .locales
        .iter()
        .map(|l| (l.clone(), locale_dir(l)))
        .collect();
    out.push(("x-default".into(), String::new()));
    out
}

fn root_page(kb: &KnowledgeBase, opts: &Options) -> String {
    let lang = kb.site.default_locale.as_str();
    let mut main = String::new();
    let _ = writeln!(
        main,
        "<h1>{}</h1>\n<ul class=\"locales\">",
        escape(&opts.site_name)
    );
    for l in &kb.site.locales {
        let _ = writeln!(
            main,
            "<li><a href=\"{}\" hreflang=\"{1}\" lang=\"{1}\">{2}: {3}</a></li>",
            escape(&relative("", &format!("{l}/"))),
            escape(l),
            escape(page::language_name(l)),
            escape(words(l).ui.title)
        );
    }
    main.push_str("</ul>\n");
    let head = Head {
        lang,
        title: opts.site_name.clone(),
        description: None,
        dir: "",
        alternates: locale_alternates(kb, |l| format!("{l}/")),
        home: String::new(),
    };
    document(opts, &head, &main)
}

/// A list of links to entries.
fn entry_list(out: &mut String, from: &str, entries: &[&Entry], map: &SiteMap<'_>) {
    out.push_str("<ul class=\"questions\">\n");
    for e in entries {
        let _ = writeln!(
            out,
            "<li><a href=\"{}\">{}</a></li>",
            escape(&relative(from, &map.dir(e))),
            escape(&e.question)
        );
    }
    out.push_str("</ul>\n");
}

fn locale_index(kb: &KnowledgeBase, map: &SiteMap<'_>, opts: &Options, locale: &str) -> String {
    let w = words(locale);
    let dir = format!("{locale}/");
    let mut main = format!(
        "<h1>{} – {}</h1>\n",
        escape(w.ui.title),
        escape(&opts.site_name)
    );
    if let Some(cats) = map.categories.get(locale) {
        let _ = writeln!(main, "<h2>{}</h2>", escape(w.ui.categories));
        for (name, cat) in cats {
            let _ = writeln!(
                main,
                "<section>\n<h3><a href=\"{}\">{}</a></h3>",
                escape(&relative(&dir, &cat.dir)),
                escape(name)
            );
            entry_list(&mut main, &dir, &cat.entries, map);
            main.push_str("</section>\n");
        }
    }
    let mut loose: Vec<&Entry> = kb
        .entries
        .iter()
        .filter(|e| e.locale == locale && e.category.is_empty())
        .collect();
    if !loose.is_empty() {
        loose.sort_by(|a, b| a.question.cmp(&b.question));
        let _ = writeln!(main, "<h2>{}</h2>", escape(w.more_questions));
        entry_list(&mut main, &dir, &loose, map);
    }
    let head = Head {
        lang: locale,
        title: format!("{} – {}", w.ui.title, opts.site_name),
        description: None,
        dir: &dir,
        alternates: locale_alternates(kb, |l| format!("{l}/")),
        home: dir.clone(),
    };
    document(opts, &head, &main)
}

fn breadcrumb(out: &mut String, from: &str, locale: &str, trail: &[(String, &str)]) {
    let w = words(locale);
    let _ = write!(
        out,
        "<nav class=\"breadcrumb\" aria-label=\"{}\"><ol>",
        escape(w.breadcrumb)
    );
    let _ = write!(
        out,
        "<li><a href=\"{}\">{}</a></li>",
        escape(&relative(from, &format!("{locale}/"))),
        escape(w.ui.title)
    );
    for (dir, name) in trail {
        let _ = write!(
            out,
            "<li><a href=\"{}\">{}</a></li>",
            escape(&relative(from, dir)),
            escape(name)
        );
    }
    out.push_str("</ol></nav>\n");
}

fn category_page(
    map: &SiteMap<'_>,
    opts: &Options,
    locale: &str,
    name: &str,
    cat: &Category<'_>,
) -> String {
    let mut main = String::new();
    breadcrumb(&mut main, &cat.dir, locale, &[]);
    let _ = writeln!(main, "<h1>{}</h1>\n<ul class=\"teasers\">", escape(name));
    for e in &cat.entries {
        let _ = writeln!(
            main,
            "<li><a href=\"{}\">{}</a><p>{}</p></li>",
            escape(&relative(&cat.dir, &map.dir(e))),
            escape(&e.question),
            escape(&description(&e.answer.text))
        );
    }
    main.push_str("</ul>\n");
    let head = Head {
        lang: locale,
        title: format!("{name} – {}", opts.site_name),
        description: None,
        dir: &cat.dir,
        alternates: Vec::new(),
        home: format!("{locale}/"),
    };
    document(opts, &head, &main)
}

fn entry_page(map: &SiteMap<'_>, opts: &Options, e: &Entry) -> String {
    let dir = map.dir(e);
    let mut main = String::new();
    let trail: Vec<(String, &str)> = map
        .category_dir(e)
        .map(|d| (d.to_string(), e.category.as_str()))
        .into_iter()
        .collect();
    breadcrumb(&mut main, &dir, &e.locale, &trail);
    let _ = writeln!(
        main,
        "<article>\n<h1>{}</h1>\n<div class=\"answer\">\n{}</div>\n</article>",
        escape(&e.question),
        e.answer.html
    );
    let related: Vec<&Entry> = e
        .related
        .iter()
        .filter_map(|id| map.by_id.get(id.as_str()).copied())
        .collect();
    if !related.is_empty() {
        let _ = writeln!(
            main,
            "<aside aria-labelledby=\"related\">\n<h2 id=\"related\">{}</h2>",
            escape(words(&e.locale).ui.related)
        );
        entry_list(&mut main, &dir, &related, map);
        main.push_str("</aside>\n");
    }
    let head = Head {
        lang: &e.locale,
        title: format!("{} – {}", e.question, opts.site_name),
        description: Some(description(&e.answer.text)),
        dir: &dir,
        alternates: map.alternates(e),
        home: format!("{}/", e.locale),
    };
    document(opts, &head, &main)
}

/// `sitemap.xml` listing every page (site paths of directories).
fn sitemap(opts: &Options, pages: &[String]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for p in pages {
        let _ = writeln!(
            out,
            "<url><loc>{}</loc><lastmod>{}</lastmod></url>",
            escape(&opts.base.url(p)),
            escape(&opts.lastmod)
        );
    }
    out.push_str("</urlset>\n");
    out
}

/// Readable on any screen, light and dark, without web fonts.
const STYLE: &str = "\
:root{color-scheme:light dark;--fg:#1c1f24;--bg:#fff;--muted:#4a5260;--line:#d5d9e0;--link:#0b5cad}
@media (prefers-color-scheme:dark){:root{--fg:#e8eaed;--bg:#1c1f24;--muted:#b4bac4;--line:#3a404a;--link:#8cc4ff}}
*{box-sizing:border-box}
body{margin:0;font:1.0625rem/1.6 system-ui,-apple-system,\"Segoe UI\",sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--link)}
header.site,main,footer.site{max-width:46rem;margin:0 auto;padding:0 1.25rem}
header.site{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem;padding-top:1rem;padding-bottom:1rem;border-bottom:1px solid var(--line)}
header.site .home{font-weight:600;text-decoration:none;color:var(--fg)}
header.site .home span{color:var(--muted);font-weight:400}
nav ul,nav ol{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.breadcrumb{margin:1rem 0 0;font-size:.9375rem}
.breadcrumb li+li::before{content:\"›\";margin-right:.5rem;color:var(--muted)}
h1{font-size:1.75rem;line-height:1.25;margin:1rem 0}
h2{font-size:1.25rem;margin-top:2rem}h3{font-size:1.0625rem;margin-bottom:.25rem}
.answer table{border-collapse:collapse;display:block;overflow-x:auto}
.answer th,.answer td{border:1px solid var(--line);padding:.375rem .625rem;text-align:left}
.locales{padding-left:1.25rem}.locales li{margin:.25rem 0}
.questions,.teasers{list-style:none;padding:0;margin:.5rem 0;border-top:1px solid var(--line)}
.questions li,.teasers li{border-bottom:1px solid var(--line)}
.questions a,.teasers a{display:flex;justify-content:space-between;gap:1rem;padding:.625rem .25rem;color:var(--fg);text-decoration:none}
.questions a::after,.teasers a::after{content:\"›\";color:var(--muted)}
.questions a:hover,.teasers a:hover{background:color-mix(in srgb,var(--link) 8%,transparent)}
.teasers li{padding-bottom:.5rem}.teasers p{margin:-.25rem .25rem 0;color:var(--muted)}
aside{border-top:1px solid var(--line);margin-top:2rem}
footer.site{border-top:1px solid var(--line);margin-top:3rem;padding-bottom:6rem}
footer.site ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem}
";

#[cfg(test)]
mod tests {
    #[test]
    fn a_category_folder_is_its_names_slug_and_never_empty() {
        assert_eq!(super::category_dir("Störungen"), "stoerungen");
        assert_eq!(super::category_dir("???"), "topic");
    }

    use super::*;

    #[test]
    fn descriptions_end_at_a_word_within_155_characters() {
        let long = "Wort ".repeat(60);
        let d = description(&long);
        assert!(d.chars().count() <= 156 && d.ends_with("Wort…"), "{d}");
        assert_eq!(description("Kurz  und\nklar."), "Kurz und klar.");
    }
}
