//! The view model → DOM inside the shadow root. Builds the skeleton once and
//! re-renders only the parts whose view model changed, so typing touches the
//! listbox and little else. Decides nothing: every click target carries a
//! `data-act` that the event layer maps to a message.

use crate::widget::app::{Content, NoticeView, Suggestion, View};
use crate::widget::contact::ChannelView;
use crate::widget::i18n::Strings;
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
    /// Builds the launcher and panel under `root`; the wrapper stays hidden
    /// until the stylesheet at `css_url` has loaded (no flash of unstyled
    /// content).
    pub fn build(
        root: &ShadowRoot,
        doc: &Document,
        css_url: &str,
        s: &Strings,
        inline: bool,
        left: bool,
    ) -> Result<(Self, Element), JsValue> {
        let link = el(doc, "link", &[("rel", "stylesheet"), ("href", css_url)])?;
        root.append_child(&link)?;
        let wrap = el(
            doc,
            "div",
            &[
                ("class", "hw"),
                ("data-mode", if inline { "inline" } else { "floating" }),
                ("data-position", if left { "left" } else { "right" }),
                ("hidden", ""),
            ],
        )?;
        let launcher = el(
            doc,
            "button",
            &[
                ("type", "button"),
                ("class", "launcher"),
                ("data-act", "toggle"),
                ("aria-controls", "hw-panel"),
                ("aria-expanded", "false"),
            ],
        )?;
        launcher.append_child(&*text(
            doc,
            "span",
            &[("class", "icon"), ("aria-hidden", "true")],
            "?",
        )?)?;
        launcher.append_child(&*text(doc, "span", &[("class", "label")], s.launcher)?)?;
        let panel = el(
            doc,
            "section",
            &[
                ("class", "panel"),
                ("id", "hw-panel"),
                ("role", if inline { "region" } else { "dialog" }),
                ("aria-labelledby", "hw-title"),
            ],
        )?;
        let head = el(doc, "div", &[("class", "head")])?;
        head.append_child(&*text(doc, "h2", &[("id", "hw-title")], s.title)?)?;
        if !inline {
            let close = el(
                doc,
                "button",
                &[
                    ("type", "button"),
                    ("class", "close"),
                    ("data-act", "close"),
                    ("aria-label", s.close),
                ],
            )?;
            close.append_child(&*text(doc, "span", &[("aria-hidden", "true")], "×")?)?;
            head.append_child(&close)?;
        }
        let search = el(doc, "div", &[("class", "search")])?;
        search.append_child(&*text(doc, "label", &[("for", "hw-q")], s.search_label)?)?;
        let input = el(
            doc,
            "input",
            &[
                ("id", "hw-q"),
                ("type", "text"),
                ("role", "combobox"),
                ("aria-autocomplete", "list"),
                ("aria-expanded", "false"),
                ("aria-controls", "hw-list"),
                ("autocomplete", "off"),
                ("spellcheck", "false"),
                ("enterkeyhint", "search"),
                ("placeholder", s.search_placeholder),
            ],
        )?;
        search.append_child(&input)?;
        let live = el(
            doc,
            "div",
            &[
                ("class", "sr-only"),
                ("role", "status"),
                ("aria-live", "polite"),
                ("aria-atomic", "true"),
            ],
        )?;
        let scroll = el(doc, "div", &[("class", "scroll")])?;
        let listbox = el(
            doc,
            "ul",
            &[
                ("id", "hw-list"),
                ("role", "listbox"),
                ("aria-label", s.suggestions),
                ("hidden", ""),
            ],
        )?;
        let notices = el(doc, "div", &[("class", "notices-slot")])?;
        let correction = el(doc, "p", &[("class", "dym"), ("hidden", "")])?;
        let content = el(doc, "div", &[("class", "content")])?;
        let contact = el(
            doc,
            "section",
            &[
                ("class", "contact"),
                ("aria-labelledby", "hw-contact-title"),
            ],
        )?;
        scroll.append_child(&notices)?;
        scroll.append_child(&correction)?;
        scroll.append_child(&listbox)?;
        scroll.append_child(&content)?;
        scroll.append_child(&contact)?;
        for child in [&head, &search, &live, &scroll] {
            panel.append_child(child)?;
        }
        if inline {
            set_hidden(&launcher, true)?;
        }
        wrap.append_child(&launcher)?;
        wrap.append_child(&panel)?;
        root.append_child(&wrap)?;
        Ok((
            Self {
                wrap,
                launcher: launcher.unchecked_into(),
                panel,
                input: input.unchecked_into(),
                listbox,
                notices,
                correction,
                scroll,
                live,
                content,
                contact,
                doc: doc.clone(),
                last: None,
            },
            link,
        ))
    }

    /// Brings the DOM in line with `v`.
    pub fn render(&mut self, v: &View, focused_key: Option<String>) -> Result<(), JsValue> {
        let s = v.lang.strings();
        let last = self.last.take();
        let changed = |f: &dyn Fn(&View) -> bool| last.as_ref().is_none_or(f);
        // The widget's language may differ from the page's (WCAG 3.1.2).
        self.wrap.set_attribute("lang", v.lang.tag())?;
        set_flag(&self.launcher, "aria-expanded", v.open)?;
        if v.open {
            self.wrap.set_attribute("data-open", "")?;
        } else {
            self.wrap.remove_attribute("data-open")?;
        }
        set_hidden(&self.panel, !v.open)?;
        if changed(&|l| l.title != v.title) {
            if let Some(h) = self.panel.query_selector("#hw-title")? {
                h.set_text_content(Some(&v.title));
            }
        }
        if self.input.value() != v.query {
            self.input.set_value(&v.query);
        }
        set_flag(&self.input, "aria-expanded", v.expanded)?;
        match v.active {
            Some(i) => self
                .input
                .set_attribute("aria-activedescendant", &format!("hw-opt-{i}"))?,
            None => self.input.remove_attribute("aria-activedescendant")?,
        }
        if changed(&|l| l.suggestions != v.suggestions) {
            self.suggestions(&v.suggestions)?;
        }
        set_hidden(&self.listbox, !v.expanded)?;
        let options = self.listbox.children();
        for i in 0..options.length() {
            if let Some(o) = options.item(i) {
                set_flag(&o, "aria-selected", v.active == Some(i as usize))?;
            }
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
            self.scroll.set_scroll_top(0);
        }
        if changed(&|l| l.content != v.content) {
            self.content(&v.content, s)?;
            self.refocus(focused_key)?;
        }
        if changed(&|l| l.channels != v.channels) {
            self.contact(&v.channels, s)?;
        }
        self.last = Some(v.clone());
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

    fn refocus(&self, key: Option<String>) -> Result<(), JsValue> {
        if let Some(key) = key {
            if let Some(e) = self
                .content
                .query_selector(&format!("[data-key=\"{key}\"]"))?
            {
                e.unchecked_into::<HtmlElement>().focus()?;
            }
        }
        Ok(())
    }

    fn suggestions(&self, list: &[Suggestion]) -> Result<(), JsValue> {
        self.listbox.set_text_content(None);
        for (i, sug) in list.iter().enumerate() {
            let id = format!("hw-opt-{i}");
            let index = i.to_string();
            let li = el(
                &self.doc,
                "li",
                &[
                    ("role", "option"),
                    ("id", &id),
                    ("data-act", "choose"),
                    ("data-i", &index),
                    ("aria-selected", "false"),
                ],
            )?;
            li.append_child(&*text(&self.doc, "span", &[("class", "q")], &sug.question)?)?;
            let snip = el(&self.doc, "span", &[("class", "snip")])?;
            for seg in &sug.snippet {
                if seg.mark {
                    snip.append_child(&*text(&self.doc, "mark", &[], &seg.text)?)?;
                } else {
                    snip.append_child(&self.doc.create_text_node(&seg.text))?;
                }
            }
            li.append_child(&snip)?;
            self.listbox.append_child(&li)?;
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
        for n in notices {
            let item = el(&self.doc, "div", &[("class", "notice")])?;
            item.append_child(&*text(
                &self.doc,
                "p",
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
            Content::Home { top, categories } => {
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
                if !answer.related.is_empty() {
                    root.append_child(&*text(doc, "h4", &[], s.related)?)?;
                    root.append_child(&*self.links(&answer.related, "show")?)?;
                }
            }
        }
        Ok(())
    }

    fn contact(&self, channels: &[ChannelView], s: &Strings) -> Result<(), JsValue> {
        let root = &self.contact;
        root.set_text_content(None);
        set_hidden(root, channels.is_empty())?;
        let doc = &self.doc;
        root.append_child(&*text(
            doc,
            "h3",
            &[("id", "hw-contact-title")],
            s.still_need_help,
        )?)?;
        root.append_child(&*text(
            doc,
            "p",
            &[("class", "intro")],
            s.still_need_help_intro,
        )?)?;
        let ul = el(doc, "ul", &[("class", "channels")])?;
        for ch in channels {
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
            if let Some(status) = &ch.status {
                li.append_child(&*text(doc, "p", &[("class", "status")], status)?)?;
            }
            if let Some(quiet) = &ch.quiet {
                li.append_child(&*text(doc, "p", &[("class", "quiet")], quiet)?)?;
            }
            ul.append_child(&li)?;
        }
        root.append_child(&ul)?;
        Ok(())
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
