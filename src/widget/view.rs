//! The view as the panel's one renderer receives it: what changed between
//! two [`View`]s, as a serialisable [`Patch`] that `drawPanel`'s renderer
//! in www/help-widget.mjs draws.
//!
//! Why the DOM is built in JavaScript and not here: the launcher and the
//! panel's chrome must be on screen before the Wasm arrives (it loads only
//! when a visitor reaches for the launcher), so JS draws them either way;
//! the contact form's suggestions draw hits in JS too. A second renderer in
//! Rust meant a DOM contract kept in two languages (elements found again by
//! selector, the same markup written twice) and a crossing into the browser
//! per node and attribute through web-sys. So Rust decides and JS draws, as
//! Pagefind splits its Wasm query side from its JS UI: [`App`] turns
//! messages into a [`View`], this module sends the parts that changed, and
//! the renderer touches only those (typing rewrites the query, the rows and
//! little else). Editors' text travels as text and is drawn with
//! `textContent`/`setAttribute`; only answer and notice HTML, sanitised
//! when the kb was compiled, is drawn as HTML.
//!
//! [`App`]: super::app::App

use super::app::{Content, NoticeView, Suggestion, View};
use super::contact::ChannelRow;
use super::i18n::UiLang;
use serde::Serialize;

/// What the renderer must change, fields absent when unchanged (field
/// names in camelCase, as the renderer reads them).
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Patch<'a> {
    /// The interface language and its fixed words, when it changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub words: Option<Words>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<&'a str>,
    /// Always sent: the search box is set only where it differs from it.
    pub query: &'a str,
    /// The listbox is shown (`aria-expanded`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expanded: Option<bool>,
    /// The result rows, when they changed (drawn by `drawHit`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<&'a [Suggestion]>,
    /// The highlighted row (`null`: none), when it or the rows changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active: Option<Option<usize>>,
    /// "Did you mean …?" (`null`: none), when it changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correction: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notices: Option<&'a [NoticeView]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<ContentJs<'a>>,
    /// The contact block comes first (the query asks for a person), sent
    /// with every new content too, as the renderer places the block then.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_first: Option<bool>,
    /// The whole contact block, when more than its links changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<ContactJs<'a>>,
    /// Only the channels' links changed (typing changes the e-mail link's
    /// prefilled question): the new `href`s, in the channels' order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub links: Option<Vec<&'a str>>,
    /// Where focus goes after drawing: `input`, `launcher`, `content` (the
    /// new content's heading) or `contact` (the contact block's heading).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub focus: Option<&'static str>,
    /// What the live region says now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub announce: Option<&'a str>,
}

/// The interface's fixed words that the renderer draws around the content.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Words {
    pub lang: &'static str,
    pub notices: &'static str,
    pub top_questions: &'static str,
    pub categories: &'static str,
    pub no_results: &'static str,
    pub did_you_mean: &'static str,
    pub back: &'static str,
    pub related: &'static str,
    pub helpful: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub thanks_yes: &'static str,
    pub thanks_no: &'static str,
}

impl Words {
    fn of(lang: UiLang) -> Self {
        let s = lang.strings();
        Self {
            lang: lang.tag(),
            notices: s.notices,
            top_questions: s.top_questions,
            categories: s.categories,
            no_results: s.no_results,
            did_you_mean: s.did_you_mean,
            back: s.back,
            related: s.related,
            helpful: s.helpful,
            yes: s.yes,
            no: s.no,
            thanks_yes: s.thanks_yes,
            thanks_no: s.thanks_no,
        }
    }
}

/// An entry in a list of questions: its id and what the row says.
#[derive(Debug, Serialize)]
pub struct Link<'a> {
    pub id: &'a str,
    pub label: &'a str,
}

/// A topic of the empty state: its name and number of entries.
#[derive(Debug, Serialize)]
pub struct Topic<'a> {
    pub name: &'a str,
    pub count: usize,
}

/// The main area below the search box ([`Content`]), tagged by `kind`.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ContentJs<'a> {
    Home {
        /// The editors' line ("" for none).
        greeting: &'a str,
        top: Vec<Link<'a>>,
        topics: Vec<Topic<'a>>,
    },
    Category {
        name: &'a str,
        entries: Vec<Link<'a>>,
    },
    Results {
        none: bool,
    },
    Answer {
        locale: &'a str,
        category: &'a str,
        question: &'a str,
        /// Safe HTML rendered at build time.
        html: &'a str,
        /// `null` until the visitor answered "Was this helpful?".
        feedback: Option<bool>,
        related: Vec<Link<'a>>,
    },
}

fn links(items: &[(String, String)]) -> Vec<Link<'_>> {
    items.iter().map(|(id, label)| Link { id, label }).collect()
}

impl<'a> ContentJs<'a> {
    fn of(c: &'a Content) -> Self {
        match c {
            Content::Home {
                greeting,
                top,
                categories,
            } => Self::Home {
                greeting,
                top: links(top),
                topics: categories
                    .iter()
                    .map(|(name, count)| Topic {
                        name,
                        count: *count,
                    })
                    .collect(),
            },
            Content::Category { name, entries } => Self::Category {
                name,
                entries: links(entries),
            },
            Content::Results { none } => Self::Results { none: *none },
            Content::Answer { answer, feedback } => Self::Answer {
                locale: &answer.locale,
                category: &answer.category,
                question: &answer.question,
                html: &answer.html,
                feedback: *feedback,
                related: links(&answer.related),
            },
        }
    }
}

/// The contact block: heading, the line under it, the status several
/// closed channels share, and the channels.
#[derive(Debug, Serialize)]
pub struct ContactJs<'a> {
    pub title: &'static str,
    /// "" for none.
    pub intro: &'static str,
    pub summary: Option<&'a str>,
    pub channels: Vec<ChannelJs<'a>>,
}

/// One channel's card.
#[derive(Debug, Serialize)]
pub struct ChannelJs<'a> {
    pub id: &'a str,
    /// What the link does ("Anrufen") and what it reaches ("" for nothing).
    pub action: &'a str,
    pub label: &'a str,
    pub href: &'a str,
    /// `open`, `closed` or `unknown`.
    pub state: &'static str,
    /// Closed by a closure or outage, not the usual hours: the one status
    /// shown in red.
    pub alert: bool,
    /// Opens in a new tab (another site).
    pub external: bool,
    /// The contact block's shared status line describes it.
    pub summarised: bool,
    pub status: Option<&'a str>,
    pub quiet: Option<&'a str>,
}

fn contact(v: &View) -> ContactJs<'_> {
    let summary = v.channel_summary.as_deref();
    ContactJs {
        title: v.contact_title,
        intro: v.contact_intro,
        summary,
        channels: v
            .channels
            .iter()
            .map(|ch| ChannelJs {
                id: &ch.id,
                action: &ch.action,
                label: &ch.label,
                href: &ch.href,
                state: match ch.open {
                    Some(true) => "open",
                    Some(false) => "closed",
                    None => "unknown",
                },
                alert: ch.alert,
                external: crate::url::is_external(&ch.href),
                summarised: ch.open == Some(false) && ch.status.is_none() && summary.is_some(),
                status: ch.status.as_deref(),
                quiet: ch.quiet.as_deref(),
            })
            .collect(),
    }
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
                && x.href.split(':').next() == y.href.split(':').next()
        })
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
        p.words = Some(Words::of(v.lang));
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
        p.content = Some(ContentJs::of(&v.content));
    }
    if content_changed || changed(&|l| l.contact_first != v.contact_first) {
        p.contact_first = Some(v.contact_first);
    }
    if heading_changed || changed(&|l| l.channels != v.channels) {
        let before = last.map_or(&[][..], |l| &l.channels[..]);
        if !heading_changed && same_but_links(before, &v.channels) {
            p.links = Some(v.channels.iter().map(|c| c.href.as_str()).collect());
        } else {
            p.contact = Some(contact(v));
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
        serde_json::to_value(p).unwrap()
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
