//! The view model → DOM inside the shadow root, on the chrome the loader
//! drew. Re-renders only the parts whose view model changed, so typing
//! touches the listbox and little else. The listbox's rows are the loader's
//! (`drawHit`, shared with the contact form's suggestions): they get the
//! serialised rows in one call per change, where building them here cost a
//! crossing into the browser per node and attribute. Decides nothing: every
//! click target carries a `data-act` that the event layer maps to a message.

use crate::widget::app::{Content, NoticeView, View};
use crate::widget::contact::ChannelRow;
use crate::widget::i18n::Strings;
use serde::Serialize as _;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement, HtmlInputElement, ShadowRoot};

/// The elements the renderer updates.
pub struct Skeleton {
    pub wrap: Element,
    pub launcher: HtmlElement,
    pub panel: Element,
    pub input: HtmlInputElement,
    pub listbox: Element,
    pub notices: Element,
    pub correction: Element,
    pub scroll: Element,
    pub live: Element,
    pub content: Element,
    pub contact: Element,
    /// `hits(rows, active)`: the loader's renderer of the listbox's rows
    /// (`drawPanel`'s `showHits`); `rows` undefined keeps the rows and
    /// moves the selection only.
    hits: js_sys::Function,
    /// The visitor has scrolled the results (kept by a scroll listener), so
    /// new content must scroll back to the top. Setting `scrollTop` forces a
    /// synchronous layout, which cost more than everything else a keystroke
    /// does; it is done only when needed.
    pub scrolled: std::cell::Cell<bool>,
    doc: Document,
    last: Option<View>,
}

pub fn el(doc: &Document, tag: &str, attrs: &[(&str, &str)]) -> Result<Element, JsValue> {
    let e = doc.create_element(tag)?;
    for (k, v) in attrs {
        e.set_attribute(k, v)?;
    }
    Ok(e)
}

fn text(doc: &Document, tag: &str, attrs: &[(&str, &str)], s: &str) -> Result<Element, JsValue> {
    let e = el(doc, tag, attrs)?;
    e.set_text_content(Some(s));
    Ok(e)
}

fn set_flag(e: &Element, name: &str, on: bool) -> Result<(), JsValue> {
    e.set_attribute(name, if on { "true" } else { "false" })
}

fn set_hidden(e: &Element, hidden: bool) -> Result<(), JsValue> {
    if hidden {
        e.set_attribute("hidden", "")
    } else {
        e.remove_attribute("hidden")
    }
}

impl Skeleton {
    /// Takes over the launcher and panel chrome that the loader
    /// (`www/help-widget.mjs`) drew under `root` before the Wasm arrived: the
    /// input keeps the visitor's text and focus, and nothing flickers.
    pub fn adopt(
        root: &ShadowRoot,
        doc: &Document,
        hits: js_sys::Function,
    ) -> Result<Self, JsValue> {
        let find = |selector: &str| {
            root.query_selector(selector)?.ok_or_else(|| {
                JsValue::from_str(&format!("help-widget: the panel has no {selector}"))
            })
        };
        Ok(Self {
            wrap: find(".hw")?,
            launcher: find(".launcher")?.unchecked_into(),
            panel: find("#hw-panel")?,
            input: find("#hw-q")?.unchecked_into(),
            listbox: find("#hw-list")?,
            notices: find(".notices-slot")?,
            correction: find(".dym")?,
            scroll: find(".scroll")?,
            live: find("[role=status]")?,
            content: find(".content")?,
            contact: find(".contact")?,
            hits,
            scrolled: std::cell::Cell::new(false),
            doc: doc.clone(),
            last: None,
        })
    }

    /// Brings the DOM in line with `view`, which it keeps (moved, not
    /// copied) to compare the next view with.
    pub fn render(&mut self, view: View, focused_key: Option<String>) -> Result<(), JsValue> {
        let v = &view;
        let s = v.lang.strings();
        let last = self.last.take();
        let changed = |f: &dyn Fn(&View) -> bool| last.as_ref().is_none_or(f);
        // Each DOM call crosses from the Wasm into the browser: only what
        // changed is written.
        if changed(&|l| l.lang != v.lang) {
            // The widget's language may differ from the page's (WCAG 3.1.2).
            self.wrap.set_attribute("lang", v.lang.tag())?;
        }
        if changed(&|l| l.open != v.open) {
            set_flag(&self.launcher, "aria-expanded", v.open)?;
            if v.open {
                self.wrap.set_attribute("data-open", "")?;
            } else {
                self.wrap.remove_attribute("data-open")?;
            }
            set_hidden(&self.panel, !v.open)?;
        }
        if changed(&|l| l.title != v.title) {
            if let Some(h) = self.panel.query_selector("#hw-title")? {
                h.set_text_content(Some(&v.title));
            }
        }
        if self.input.value() != v.query {
            self.input.set_value(&v.query);
        }
        if changed(&|l| l.expanded != v.expanded) {
            set_flag(&self.input, "aria-expanded", v.expanded)?;
            set_hidden(&self.listbox, !v.expanded)?;
        }
        if changed(&|l| l.active != v.active) {
            match v.active {
                Some(i) => self
                    .input
                    .set_attribute("aria-activedescendant", &format!("hw-opt-{i}"))?,
                None => self.input.remove_attribute("aria-activedescendant")?,
            }
        }
        // The result rows are drawn by the loader's `drawHit`, the code that
        // draws the contact form's suggestions too (see `hits`). Rows are
        // handed over only when they changed; a move of the highlight hands
        // over the selection alone.
        let rows_changed = changed(&|l| l.suggestions != v.suggestions);
        if rows_changed || changed(&|l| l.active != v.active) {
            let rows = if rows_changed {
                v.suggestions
                    .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
                    .unwrap_or(JsValue::UNDEFINED)
            } else {
                JsValue::UNDEFINED
            };
            let active = v.active.map_or(JsValue::NULL, |i| JsValue::from(i as u32));
            self.hits.call2(&JsValue::NULL, &rows, &active)?;
        }
        if changed(&|l| l.notices != v.notices) {
            self.notices.set_text_content(None);
            self.notice_banner(&v.notices, s)?;
        }
        if changed(&|l| l.correction != v.correction) {
            self.correction.set_text_content(None);
            set_hidden(&self.correction, v.correction.is_none())?;
            if let Some(fixed) = &v.correction {
                self.correction
                    .append_child(&self.doc.create_text_node(&format!("{} ", s.did_you_mean)))?;
                self.correction.append_child(&*text(
                    &self.doc,
                    "button",
                    &[("type", "button"), ("data-act", "correct")],
                    fixed,
                )?)?;
            }
        }
        if changed(&|l| l.content != v.content || l.suggestions != v.suggestions) {
            // New results or a new answer start at the top.
            if self.scrolled.replace(false) {
                self.scroll.set_scroll_top(0);
            }
        }
        if changed(&|l| l.content != v.content) {
            self.content(&v.content, s)?;
            self.refocus(focused_key)?;
        }
        if changed(&|l| l.content != v.content || l.contact_first != v.contact_first) {
            self.place_contact(v)?;
        }
        let heading_changed = changed(&|l| {
            l.contact_title != v.contact_title || l.channel_summary != v.channel_summary
        });
        if heading_changed || changed(&|l| l.channels != v.channels) {
            let before = last.as_ref().map_or(&[][..], |l| &l.channels[..]);
            if !heading_changed && same_but_links(before, &v.channels) {
                // Typing changes only the e-mail link's prefilled question.
                self.relink(&v.channels)?;
            } else {
                self.contact(v)?;
            }
        }
        self.last = Some(view);
        Ok(())
    }

    /// Puts the announcement into the polite live region (done once typing
    /// pauses, so screen readers are not flooded).
    pub fn announce(&self, message: &str) {
        self.live.set_text_content(Some(message));
    }

    /// The `data-key` of the focused element, to restore focus after a re-render.
    pub fn focused_key(root: &ShadowRoot) -> Option<String> {
        root.active_element()?.get_attribute("data-key")
    }

    /// Moves focus back to the element with data-key `key` after a
    /// re-render. Keys hold kb values (ids, category names), so they are
    /// compared as strings, never put into a selector.
    fn refocus(&self, key: Option<String>) -> Result<(), JsValue> {
        let Some(key) = key else { return Ok(()) };
        let keyed = self.content.query_selector_all("[data-key]")?;
        let found = (0..keyed.length())
            .filter_map(|i| keyed.item(i)?.dyn_into::<HtmlElement>().ok())
            .find(|e| e.get_attribute("data-key").as_deref() == Some(key.as_str()));
        if let Some(e) = found {
            e.focus()?;
        }
        Ok(())
    }

    fn notice_banner(&self, notices: &[NoticeView], s: &Strings) -> Result<(), JsValue> {
        let parent = &self.notices;
        if notices.is_empty() {
            return Ok(());
        }
        let box_ = el(
            &self.doc,
            "section",
            &[("class", "notices"), ("aria-label", s.notices)],
        )?;
        // Each notice is a disclosure, one line that expands: open, it would
        // push the featured questions and the results down.
        for n in notices {
            let item = el(&self.doc, "details", &[("class", "notice")])?;
            item.append_child(&*text(
                &self.doc,
                "summary",
                &[("class", "notice-title")],
                &n.title,
            )?)?;
            let body = el(&self.doc, "div", &[("class", "notice-body")])?;
            body.set_inner_html(&n.html); // sanitized when the kb was compiled
            item.append_child(&body)?;
            box_.append_child(&item)?;
        }
        parent.append_child(&box_)?;
        Ok(())
    }

    fn links(&self, items: &[(String, String)], act: &str) -> Result<Element, JsValue> {
        let ul = el(&self.doc, "ul", &[("class", "links")])?;
        for (id, label) in items {
            let li = el(&self.doc, "li", &[])?;
            let b = text(
                &self.doc,
                "button",
                &[
                    ("type", "button"),
                    ("data-act", act),
                    ("data-id", id),
                    ("data-key", &format!("{act}:{id}")),
                ],
                label,
            )?;
            li.append_child(&b)?;
            ul.append_child(&li)?;
        }
        Ok(ul)
    }

    fn back(&self, s: &Strings) -> Result<Element, JsValue> {
        text(
            &self.doc,
            "button",
            &[
                ("type", "button"),
                ("class", "back"),
                ("data-act", "back"),
                ("data-key", "back"),
            ],
            &format!("← {}", s.back),
        )
    }

    fn content(&self, c: &Content, s: &Strings) -> Result<(), JsValue> {
        let root = &self.content;
        root.set_text_content(None);
        let doc = &self.doc;
        match c {
            Content::Home {
                greeting,
                top,
                categories,
            } => {
                if !greeting.is_empty() {
                    // A text node: the editors' line is never read as HTML.
                    root.append_child(&*text(doc, "p", &[("class", "greeting")], greeting)?)?;
                }
                if !top.is_empty() {
                    root.append_child(&*text(doc, "h3", &[], s.top_questions)?)?;
                    root.append_child(&*self.links(top, "show")?)?;
                }
                if !categories.is_empty() {
                    root.append_child(&*text(doc, "h3", &[], s.categories)?)?;
                    let items: Vec<(String, String)> = categories
                        .iter()
                        .map(|(name, n)| (name.clone(), format!("{name} ({n})")))
                        .collect();
                    let ul = self.links(&items, "category")?;
                    ul.set_attribute("class", "links topics")?;
                    root.append_child(&ul)?;
                }
            }
            Content::Category { name, entries } => {
                root.append_child(&*self.back(s)?)?;
                root.append_child(&*text(
                    doc,
                    "h3",
                    &[("tabindex", "-1"), ("data-focus", "")],
                    name,
                )?)?;
                root.append_child(&*self.links(entries, "show")?)?;
            }
            Content::Results { none } => {
                if *none {
                    root.append_child(&*text(doc, "p", &[("class", "none")], s.no_results)?)?;
                }
            }
            Content::Answer { answer, feedback } => {
                root.append_child(&*self.back(s)?)?;
                let art = el(
                    doc,
                    "article",
                    &[
                        ("class", "answer"),
                        ("aria-labelledby", "hw-answer-title"),
                        ("lang", &answer.locale),
                    ],
                )?;
                if !answer.category.is_empty() {
                    art.append_child(&*text(
                        doc,
                        "p",
                        &[("class", "category")],
                        &answer.category,
                    )?)?;
                }
                art.append_child(&*text(
                    doc,
                    "h3",
                    &[
                        ("id", "hw-answer-title"),
                        ("tabindex", "-1"),
                        ("data-focus", ""),
                    ],
                    &answer.question,
                )?)?;
                let body = el(doc, "div", &[("class", "answer-body")])?;
                body.set_inner_html(&answer.html); // sanitized when the kb was compiled
                art.append_child(&body)?;
                root.append_child(&art)?;
                let fb = el(doc, "div", &[("class", "feedback")])?;
                match feedback {
                    None => {
                        fb.append_child(&*text(doc, "p", &[("id", "hw-fb")], s.helpful)?)?;
                        let group = el(
                            doc,
                            "div",
                            &[("role", "group"), ("aria-labelledby", "hw-fb")],
                        )?;
                        for (act, label) in [("yes", s.yes), ("no", s.no)] {
                            group.append_child(&*text(
                                doc,
                                "button",
                                &[
                                    ("type", "button"),
                                    ("data-act", act),
                                    ("data-key", "feedback"),
                                ],
                                label,
                            )?)?;
                        }
                        fb.append_child(&group)?;
                    }
                    Some(helpful) => {
                        let msg = if *helpful { s.thanks_yes } else { s.thanks_no };
                        fb.append_child(&*text(
                            doc,
                            "p",
                            &[
                                ("class", "thanks"),
                                ("tabindex", "-1"),
                                ("data-key", "feedback"),
                            ],
                            msg,
                        )?)?;
                    }
                }
                root.append_child(&fb)?;
                if *feedback == Some(false) {
                    root.append_child(&self.contact)?;
                }
                if !answer.related.is_empty() {
                    root.append_child(&*text(doc, "h4", &[], s.related)?)?;
                    root.append_child(&*self.links(&answer.related, "show")?)?;
                }
            }
        }
        Ok(())
    }

    fn contact(&self, v: &View) -> Result<(), JsValue> {
        let channels = &v.channels;
        let root = &self.contact;
        root.set_text_content(None);
        set_hidden(root, channels.is_empty())?;
        let doc = &self.doc;
        root.append_child(&*text(
            doc,
            "h3",
            &[("id", "hw-contact-title"), ("tabindex", "-1")],
            v.contact_title,
        )?)?;
        if !v.contact_intro.is_empty() {
            root.append_child(&*text(doc, "p", &[("class", "intro")], v.contact_intro)?)?;
        }
        const SUMMARY: &str = "hw-channel-summary";
        if let Some(line) = &v.channel_summary {
            root.append_child(&*text(
                doc,
                "p",
                &[("class", "summary"), ("id", SUMMARY)],
                line,
            )?)?;
        }
        let ul = el(doc, "ul", &[("class", "channels")])?;
        // The `li` is the card: the link, then what the status says about
        // it, which the link names as its description for screen readers.
        for (i, ch) in channels.iter().enumerate() {
            let state = match ch.open {
                Some(true) => "open",
                Some(false) => "closed",
                None => "unknown",
            };
            let li = el(
                doc,
                "li",
                &[
                    ("class", "channel"),
                    ("data-state", state),
                    ("data-channel", &ch.id),
                ],
            )?;
            if ch.alert {
                // A closure, not the usual hours: the one status in red.
                li.set_attribute("data-alert", "")?;
            }
            let a = el(
                doc,
                "a",
                &[
                    ("class", "action"),
                    ("href", &ch.href),
                    ("data-act", "contact"),
                    ("data-channel", &ch.id),
                ],
            )?;
            if crate::url::is_external(&ch.href) {
                a.set_attribute("target", "_blank")?;
                a.set_attribute("rel", "noopener noreferrer")?;
            }
            a.append_child(&*text(doc, "span", &[("class", "verb")], &ch.action)?)?;
            if !ch.label.is_empty() {
                a.append_child(&*text(doc, "span", &[("class", "target")], &ch.label)?)?;
            }
            li.append_child(&a)?;
            let mut described = Vec::new();
            if ch.open == Some(false) && ch.status.is_none() && v.channel_summary.is_some() {
                described.push(SUMMARY.to_string());
            }
            for (class, line) in [("status", &ch.status), ("quiet", &ch.quiet)] {
                if let Some(line) = line {
                    let id = format!("hw-channel-{i}-{class}");
                    li.append_child(&*text(doc, "p", &[("class", class), ("id", &id)], line)?)?;
                    described.push(id);
                }
            }
            if !described.is_empty() {
                a.set_attribute("aria-describedby", &described.join(" "))?;
            }
            ul.append_child(&li)?;
        }
        root.append_child(&ul)?;
        Ok(())
    }

    /// Updates the channels' links in place (same channels, same order).
    fn relink(&self, channels: &[ChannelRow]) -> Result<(), JsValue> {
        let links = self.contact.query_selector_all("a.action")?;
        for (i, ch) in channels.iter().enumerate() {
            if let Some(a) = links
                .item(i as u32)
                .and_then(|n| n.dyn_into::<Element>().ok())
            {
                a.set_attribute("href", &ch.href)?;
            }
        }
        Ok(())
    }

    /// Where the contact block goes (moved, never rebuilt): first when the
    /// query asks for a person, right after the feedback after "No" on an
    /// answer (put there by [`Self::content`]), else after the content.
    fn place_contact(&self, v: &View) -> Result<(), JsValue> {
        let after_no = matches!(
            v.content,
            Content::Answer {
                feedback: Some(false),
                ..
            }
        );
        if v.contact_first {
            if self.scroll.first_element_child().as_ref() != Some(&self.contact) {
                self.scroll.prepend_with_node_1(&self.contact)?;
            }
        } else if !after_no && self.content.next_element_sibling().as_ref() != Some(&self.contact) {
            self.content.after_with_node_1(&self.contact)?;
        }
        Ok(())
    }

    /// The contact block's heading, to focus (which scrolls it into view).
    pub fn contact_heading(&self) -> Option<HtmlElement> {
        self.contact
            .query_selector("#hw-contact-title")
            .ok()
            .flatten()
            .map(JsCast::unchecked_into)
    }

    /// The element to focus for "focus the new content": its heading.
    pub fn content_heading(&self) -> Option<HtmlElement> {
        self.content
            .query_selector("[data-focus]")
            .ok()
            .flatten()
            .map(JsCast::unchecked_into)
    }
}

/// Whether two channel lists differ at most in their links.
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
