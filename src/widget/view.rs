//! The view as the panel's one renderer receives it: what changed between
//! two [`View`]s, as a [`Patch`] (JSON) that the renderer in
//! www/help-widget-panel.mjs (`panelView`) draws.
//!
//! Why the DOM is built in JavaScript and not here: the launcher and the
//! panel's chrome must be on screen before the Wasm arrives (it loads only
//! when a visitor reaches for the launcher), so JS draws them either way;
//! the contact form's suggestions draw hits in JS too. A second renderer in
//! Rust meant a DOM contract kept in two languages (elements found again by
//! selector, the same markup written twice) and a crossing into the browser
//! per node and attribute through web-sys. So Rust decides and JS draws, as
//! Pagefind splits its Wasm query side from its JS UI: [`App`] turns
//! messages into a [`View`], this module sends the parts that changed as
//! JSON text (one string across, written by [`crate::json`]: smaller code
//! than serde-wasm-bindgen setting each field through the boundary), and
//! the renderer touches only those (typing rewrites the query, the rows and
//! little else). Editors' text travels as text and is drawn with
//! `textContent`/`setAttribute`; only answer and notice HTML, sanitised
//! when the kb was compiled, is drawn as HTML.
//!
//! [`App`]: super::app::App

use super::app::{Content, NoticeView, Suggestion, View};
use super::contact::ChannelRow;
use super::i18n::UiLang;
use crate::json::{list, Json};

/// What the renderer must change: `None` fields are unchanged and left out
/// of the JSON ([`Patch::to_json`] documents its shape).
#[derive(Debug, Default)]
pub struct Patch<'a> {
    /// The interface language, whose fixed words go with it, when it changed.
    pub words: Option<UiLang>,
    pub open: Option<bool>,
    pub title: Option<&'a str>,
    /// Always sent: the search box is set only where it differs from it.
    pub query: &'a str,
    /// The listbox is shown (`aria-expanded`).
    pub expanded: Option<bool>,
    /// The result rows, when they changed (drawn by `drawHit`).
    pub rows: Option<&'a [Suggestion]>,
    /// The highlighted row (`Some(None)`: none), when it or the rows changed.
    pub active: Option<Option<usize>>,
    /// "Did you mean …?" (`Some(None)`: none), when it changed.
    pub correction: Option<Option<&'a str>>,
    pub notices: Option<&'a [NoticeView]>,
    pub content: Option<&'a Content>,
    /// The contact block comes first (the query asks for a person), sent
    /// with every new content too, as the renderer places the block then.
    pub contact_first: Option<bool>,
    /// The whole contact block (from this view), when more than its links
    /// changed.
    pub contact: Option<&'a View>,
    /// Only the channels' links changed (typing changes the e-mail link's
    /// prefilled question): the new `href`s are sent, in the channels' order.
    pub links: Option<&'a [ChannelRow]>,
    /// Where focus goes after drawing: `input`, `launcher`, `content` (the
    /// new content's heading) or `contact` (the contact block's heading).
    pub focus: Option<&'static str>,
    /// What the live region says now.
    pub announce: Option<&'a str>,
}

impl Patch<'_> {
    /// The patch as the renderer reads it, keys present only when set:
    ///
    /// ```text
    /// { query: "zähler",
    ///   words: { lang, notices, topQuestions, categories, noResults, didYouMean,
    ///            back, related, helpful, yes, no, thanksYes, thanksNo },
    ///   open: bool, title: "…", expanded: bool,
    ///   rows: [{ id, question, segments: [{ text, mark }] }],
    ///   active: 2 | null, correction: "…" | null,
    ///   notices: [{ title, html }],
    ///   content: { kind: "home", greeting, top: [{ id, label }], topics: [{ name, count }] }
    ///          | { kind: "category", name, entries: [{ id, label }] }
    ///          | { kind: "results", none: bool }
    ///          | { kind: "answer", locale, category, question, html,
    ///              feedback: bool | null, related: [{ id, label }] },
    ///   contactFirst: bool,
    ///   contact: { title, intro, summary: "…" | null, channels: [{ id, action, label,
    ///              href, state: "open" | "closed" | "unknown", alert, external,
    ///              summarised, status: "…" | null, quiet: "…" | null }] },
    ///   links: ["mailto:…", …], focus: "input", announce: "…" }
    /// ```
    ///
    /// Editors' text travels as text, for `textContent`; `html` is the
    /// answer's and the notice's HTML, sanitised when the kb was compiled.
    pub fn to_json(&self) -> String {
        let mut j = Json::new();
        j.raw("{\"query\":");
        j.str(self.query);
        if let Some(lang) = self.words {
            j.key("words");
            words(&mut j, lang);
        }
        if let Some(open) = self.open {
            j.key("open");
            j.bool(open);
        }
        if let Some(title) = self.title {
            j.key("title");
            j.str(title);
        }
        if let Some(expanded) = self.expanded {
            j.key("expanded");
            j.bool(expanded);
        }
        if let Some(rows) = self.rows {
            j.key("rows");
            list(&mut j, rows, |j, r| {
                j.raw("{\"id\":");
                j.str(&r.id);
                j.key("question");
                j.str(&r.question);
                j.key("segments");
                list(j, &r.snippet, |j, part| {
                    j.raw("{\"text\":");
                    j.str(&part.text);
                    j.key("mark");
                    j.bool(part.mark);
                    j.byte(b'}');
                });
                j.byte(b'}');
            });
        }
        if let Some(active) = self.active {
            j.key("active");
            j.opt_int(active.map(|i| i as i64));
        }
        if let Some(correction) = self.correction {
            j.key("correction");
            j.opt_str(correction);
        }
        if let Some(notices) = self.notices {
            j.key("notices");
            list(&mut j, notices, |j, n| {
                j.raw("{\"title\":");
                j.str(&n.title);
                j.key("html");
                j.str(&n.html);
                j.byte(b'}');
            });
        }
        if let Some(c) = self.content {
            j.key("content");
            content(&mut j, c);
        }
        if let Some(first) = self.contact_first {
            j.key("contactFirst");
            j.bool(first);
        }
        if let Some(v) = self.contact {
            j.key("contact");
            contact(&mut j, v);
        }
        if let Some(channels) = self.links {
            j.key("links");
            list(&mut j, channels, |j, c| j.str(&c.href));
        }
        if let Some(focus) = self.focus {
            j.key("focus");
            j.str(focus);
        }
        if let Some(text) = self.announce {
            j.key("announce");
            j.str(text);
        }
        j.byte(b'}');
        j.finish()
    }
}

/// The interface's fixed words that the renderer draws around the content.
fn words(j: &mut Json, lang: UiLang) {
    let s = lang.strings();
    j.words(
        lang.tag(),
        &[
            ("notices", s.notices),
            ("topQuestions", s.top_questions),
            ("categories", s.categories),
            ("noResults", s.no_results),
            ("didYouMean", s.did_you_mean),
            ("back", s.back),
            ("related", s.related),
            ("helpful", s.helpful),
            ("yes", s.yes),
            ("no", s.no),
            ("thanksYes", s.thanks_yes),
            ("thanksNo", s.thanks_no),
        ],
    );
}

/// A list of questions: `[{ id, label }]`.
fn links(j: &mut Json, items: &[(String, String)]) {
    list(j, items, |j, (id, label)| {
        j.raw("{\"id\":");
        j.str(id);
        j.key("label");
        j.str(label);
        j.byte(b'}');
    });
}

fn content(j: &mut Json, c: &Content) {
    match c {
        Content::Home {
            greeting,
            top,
            categories,
        } => {
            j.raw("{\"kind\":\"home\",\"greeting\":");
            j.str(greeting);
            j.key("top");
            links(j, top);
            j.key("topics");
            list(j, categories, |j, (name, count)| {
                j.raw("{\"name\":");
                j.str(name);
                j.key("count");
                j.int(*count as i64);
                j.byte(b'}');
            });
        }
        Content::Category {
            name,
            entries,
            more,
        } => {
            j.raw("{\"kind\":\"category\",\"name\":");
            j.str(name);
            j.key("entries");
            links(j, entries);
            j.key("more");
            j.str(more);
        }
        Content::Results { none } => {
            j.raw("{\"kind\":\"results\",\"none\":");
            j.bool(*none);
        }
        Content::Answer { answer, feedback } => {
            j.raw("{\"kind\":\"answer\",\"locale\":");
            j.str(&answer.locale);
            j.key("category");
            j.str(&answer.category);
            j.key("question");
            j.str(&answer.question);
            j.key("html");
            j.str(&answer.html);
            j.key("feedback");
            match feedback {
                Some(helpful) => j.bool(*helpful),
                None => j.raw("null"),
            }
            j.key("related");
            links(j, &answer.related);
        }
    }
    j.byte(b'}');
}

/// The contact block: heading, the line under it, the status several
/// closed channels share, and each channel's card.
fn contact(j: &mut Json, v: &View) {
    let summary = v.channel_summary.as_deref();
    j.raw("{\"title\":");
    j.str(v.contact_title);
    j.key("intro");
    j.str(v.contact_intro);
    j.key("summary");
    j.opt_str(summary);
    j.key("channels");
    list(j, &v.channels, |j, ch| {
        j.raw("{\"id\":");
        j.str(&ch.id);
        j.key("action");
        j.str(&ch.action);
        j.key("label");
        j.str(&ch.label);
        j.key("href");
        j.str(&ch.href);
        j.key("state");
        j.str(match ch.open {
            Some(true) => "open",
            Some(false) => "closed",
            None => "unknown",
        });
        // Closed by a closure or outage, not the usual hours: the one
        // status shown in red.
        j.key("alert");
        j.bool(ch.alert);
        j.key("external");
        j.bool(crate::url::is_external(&ch.href));
        // The shared status line describes it.
        j.key("summarised");
        j.bool(ch.open == Some(false) && ch.status.is_none() && summary.is_some());
        j.key("status");
        j.opt_str(ch.status.as_deref());
        j.key("quiet");
        j.opt_str(ch.quiet.as_deref());
        j.byte(b'}');
    });
    j.byte(b'}');
}

/// Whether two channel lists differ at most in their links (and not in
/// their scheme).
fn same_but_links(a: &[ChannelRow], b: &[ChannelRow]) -> bool {
    a.len() == b.len()
        && !a.is_empty()
        && a.iter().zip(b).all(|(x, y)| {
            x.id == y.id
                && x.action == y.action
                && x.label == y.label
                && x.open == y.open
                && x.status == y.status
                && x.quiet == y.quiet
                && scheme(&x.href) == scheme(&y.href)
        })
}

/// A link's scheme (`mailto` of `mailto:…`), or the whole link without one.
/// Found by byte: `split(':')` was code of its own in the Wasm.
fn scheme(href: &str) -> &str {
    &href[..href.bytes().position(|b| b == b':').unwrap_or(href.len())]
}

/// What changed from `last` (`None`: nothing drawn yet) to `v`.
pub fn diff<'a>(last: Option<&View>, v: &'a View) -> Patch<'a> {
    let changed = |f: &dyn Fn(&View) -> bool| last.is_none_or(f);
    let rows_changed = changed(&|l| l.suggestions != v.suggestions);
    let content_changed = changed(&|l| l.content != v.content);
    let heading_changed =
        changed(&|l| l.contact_title != v.contact_title || l.channel_summary != v.channel_summary);
    let mut p = Patch {
        query: &v.query,
        ..Patch::default()
    };
    if changed(&|l| l.lang != v.lang) {
        // The widget's language may differ from the page's (WCAG 3.1.2).
        p.words = Some(v.lang);
    }
    if changed(&|l| l.open != v.open) {
        p.open = Some(v.open);
    }
    if changed(&|l| l.title != v.title) {
        p.title = Some(&v.title);
    }
    if changed(&|l| l.expanded != v.expanded) {
        p.expanded = Some(v.expanded);
    }
    if rows_changed {
        p.rows = Some(&v.suggestions);
    }
    if rows_changed || changed(&|l| l.active != v.active) {
        p.active = Some(v.active);
    }
    if changed(&|l| l.correction != v.correction) {
        p.correction = Some(v.correction.as_deref());
    }
    if changed(&|l| l.notices != v.notices) {
        p.notices = Some(&v.notices);
    }
    if content_changed {
        p.content = Some(&v.content);
    }
    if content_changed || changed(&|l| l.contact_first != v.contact_first) {
        p.contact_first = Some(v.contact_first);
    }
    if heading_changed || changed(&|l| l.channels != v.channels) {
        let before = last.map_or(&[][..], |l| &l.channels[..]);
        if !heading_changed && same_but_links(before, &v.channels) {
            p.links = Some(&v.channels);
        } else {
            p.contact = Some(v);
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::widget::app::SnippetPart;
    use serde_json::{json, Value};

    fn channel(id: &str, href: &str) -> ChannelRow {
        ChannelRow {
            id: id.into(),
            kind: "email",
            action: "Write".into(),
            label: "help@example.org".into(),
            href: href.into(),
            name: "E-mail".into(),
            open: None,
            alert: false,
            status: None,
            quiet: None,
        }
    }

    fn view() -> View {
        View {
            lang: UiLang::En,
            open: true,
            inline: false,
            title: "Help".into(),
            query: String::new(),
            expanded: false,
            suggestions: vec![],
            active: None,
            correction: None,
            notices: vec![],
            content: Content::Home {
                greeting: "<b>Hi</b>".into(),
                top: vec![("en/a".into(), "A?".into())],
                categories: vec![("Bills".into(), 2)],
            },
            channels: vec![channel("email", "mailto:help@example.org")],
            channel_summary: None,
            contact_title: "Still need help?",
            contact_intro: "",
            contact_first: false,
        }
    }

    fn json(p: &Patch) -> Value {
        serde_json::from_str(&p.to_json()).unwrap()
    }

    fn typed(v: &View, query: &str, ids: &[&str]) -> View {
        View {
            query: query.into(),
            expanded: true,
            suggestions: ids
                .iter()
                .map(|id| Suggestion {
                    id: (*id).into(),
                    question: format!("{id}?"),
                    category: String::new(),
                    snippet: vec![SnippetPart {
                        text: query.into(),
                        mark: true,
                    }],
                })
                .collect(),
            content: Content::Results {
                none: ids.is_empty(),
            },
            channels: vec![channel(
                "email",
                &format!("mailto:help@example.org?body={query}"),
            )],
            ..v.clone()
        }
    }

    #[test]
    fn the_first_patch_draws_every_part_with_the_interface_words() {
        let v = view();
        let p = json(&diff(None, &v));
        assert_eq!(p["words"]["lang"], "en");
        assert_eq!(p["words"]["topQuestions"], "Frequently asked");
        assert_eq!(p["open"], true);
        assert_eq!(p["rows"], json!([]));
        assert_eq!(p["active"], Value::Null);
        assert_eq!(p["correction"], Value::Null);
        assert_eq!(p["contactFirst"], false);
        assert_eq!(
            p["content"],
            json!({ "kind": "home", "greeting": "<b>Hi</b>",
                    "top": [{ "id": "en/a", "label": "A?" }],
                    "topics": [{ "name": "Bills", "count": 2 }] }),
            "editors' text travels as text, for textContent"
        );
        assert_eq!(p["contact"]["channels"][0]["state"], "unknown");
        assert_eq!(p["contact"]["channels"][0]["external"], false);
    }

    #[test]
    fn an_unchanged_view_sends_only_the_query() {
        let v = view();
        assert_eq!(json(&diff(Some(&v), &v)), json!({ "query": "" }));
    }

    #[test]
    fn a_keystroke_sends_the_rows_and_only_the_links_of_the_contact_block() {
        let before = typed(&view(), "meter", &["en/a", "en/b"]);
        let after = typed(&view(), "meter r", &["en/a"]);
        let p = json(&diff(Some(&before), &after));
        let keys: Vec<&str> = p.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["active", "links", "query", "rows"], "{p}");
        assert_eq!(
            p["rows"][0]["segments"][0],
            json!({ "text": "meter r", "mark": true })
        );
        assert_eq!(p["links"], json!(["mailto:help@example.org?body=meter r"]));
    }

    #[test]
    fn moving_the_highlight_sends_the_highlight_alone() {
        let before = typed(&view(), "meter", &["en/a", "en/b"]);
        let after = View {
            active: Some(1),
            ..before.clone()
        };
        assert_eq!(
            json(&diff(Some(&before), &after)),
            json!({ "query": "meter", "active": 1 })
        );
    }

    #[test]
    fn a_new_heading_redraws_the_whole_contact_block() {
        let before = typed(&view(), "meter", &["en/a"]);
        let after = View {
            contact_title: "Talk to us",
            contact_first: true,
            ..typed(&view(), "person", &["en/a"])
        };
        let p = json(&diff(Some(&before), &after));
        assert_eq!(p["contact"]["title"], "Talk to us");
        assert_eq!(p["contactFirst"], true);
        assert!(p.get("links").is_none());
    }

    #[test]
    fn a_closed_channel_without_its_own_status_is_described_by_the_shared_line() {
        let mut v = view();
        v.channels[0].open = Some(false);
        v.channel_summary = Some("Chat and phone: closed".into());
        let p = json(&diff(None, &v));
        assert_eq!(p["contact"]["summary"], "Chat and phone: closed");
        assert_eq!(p["contact"]["channels"][0]["state"], "closed");
        assert_eq!(p["contact"]["channels"][0]["summarised"], true);
    }
}
