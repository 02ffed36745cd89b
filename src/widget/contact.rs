//! The "Still need help?" block: every contact channel of site.toml, always
//! shown, with live status added when a [`StatusSource`] knows it.
//!
//! Deflection means offering answers first, never hiding the way to a
//! person: a channel closed right now is still listed with its action.

use super::hotline_words::{quiet_line, status_line, Clock};
use super::i18n::UiLang;
use super::percent::percent_encode;
use crate::format::Meta;
use crate::hotline::{ChannelStatus, HotlineStatus, State};

/// One contact option as the panel shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelRow {
    /// Stable name for events and tests: `phone`, `email`, `contact-page` or a live channel's id.
    pub id: String,
    /// One of [`crate::format::CHANNEL_KINDS`], as the hotline tables name it.
    pub kind: &'static str,
    /// What the link does ("Call", "Send an e-mail").
    pub action: String,
    /// What it reaches (the number, the address).
    pub label: String,
    pub href: String,
    /// What the channel is called in a shared status line ("Live-Chat").
    pub name: String,
    /// `Some(true)` open, `Some(false)` closed, `None` unknown.
    pub open: Option<bool>,
    /// Closed for a reason of the day (a closure, an outage, a holiday), not
    /// by the usual hours: the one state shown in an alarm colour.
    pub alert: bool,
    pub status: Option<String>,
    pub quiet: Option<String>,
}

/// The status line that two or more closed channels share ("Geschlossen ·
/// öffnet heute 08:00 Uhr"), said once for all of them: the channels that
/// share it lose their own, and the line names them. Five cards repeating
/// one sentence read as an alarm; one line reads as a routine state.
pub fn shared_status(channels: &mut [ChannelRow], lang: UiLang) -> Option<String> {
    let shared = channels.iter().enumerate().find_map(|(i, c)| {
        let status = c
            .status
            .as_ref()
            .filter(|_| c.open == Some(false) && !c.alert)?;
        channels[i + 1..]
            .iter()
            .any(|d| d.open == Some(false) && d.status.as_ref() == Some(status))
            .then(|| status.clone())
    })?;
    let mut names = Vec::new();
    for c in channels.iter_mut() {
        if c.open == Some(false) && c.status.as_ref() == Some(&shared) {
            c.status = None;
            names.push(c.name.as_str());
        }
    }
    let and = match lang {
        UiLang::De => " und ",
        UiLang::En => " and ",
    };
    let (last, rest) = names.split_last()?;
    // (A loop, as `crate::utf8::concat`: no `join` code in the Wasm.)
    let mut line = String::new();
    for (i, name) in rest.iter().enumerate() {
        if i > 0 {
            line.push_str(", ");
        }
        line.push_str(name);
    }
    if !line.is_empty() {
        line.push_str(and);
    }
    line.push_str(last);
    line.push_str(": ");
    line.push_str(&shared);
    Some(line)
}

/// `mailto:` URL with the visitor's question (and the answer they read, if
/// any) as the body, so the service team sees what was already tried.
pub fn mailto_href(email: &str, question: &str, answer: Option<&str>, lang: UiLang) -> String {
    let s = lang.strings();
    let question = question.trim();
    let mut href = crate::utf8::concat(&[
        "mailto:",
        email.trim(),
        "?subject=",
        &percent_encode(s.email_subject),
    ]);
    let mut body = String::new();
    if !question.is_empty() {
        body.push_str(&crate::utf8::concat(&[
            s.email_body_intro,
            "\n",
            question,
            "\n\n",
        ]));
    }
    if let Some(title) = answer {
        body.push_str(&crate::utf8::concat(&[
            s.email_answer_read,
            "\n",
            title,
            "\n\n",
        ]));
    }
    if !body.is_empty() {
        href.push_str("&body=");
        href.push_str(&percent_encode(&body));
    }
    href
}

/// Whether a live channel's link may be rendered: the compiler's URL policy.
fn safe_href(href: &str) -> bool {
    !href.trim().is_empty() && crate::url::classify(href).is_ok()
}

/// The channels for the deflection block: site.toml's phone, e-mail and
/// contact page, each with live status when `live` has a channel of that
/// kind, followed by live-only channels (chat, callback).
pub fn channels(
    meta: &Meta<'_>,
    question: &str,
    lang: UiLang,
    live: Option<&HotlineStatus<'_>>,
    now_ms: i64,
    clock: &dyn Clock,
) -> Vec<ChannelRow> {
    let s = lang.strings();
    let mut out = Vec::new();
    if !meta.phone.is_empty() {
        out.push(site_channel(
            "phone",
            "phone",
            s.call,
            meta.phone,
            crate::url::tel(meta.phone),
        ));
    }
    if !meta.email.is_empty() {
        let href = mailto_href(meta.email, question, None, lang);
        out.push(site_channel(
            "email",
            "email",
            s.write_email,
            meta.email,
            href,
        ));
    }
    if !meta.contact_url.is_empty() {
        // After the scheme's "://" (found byte by byte: a &str pattern
        // brings core's two-way searcher to the Wasm).
        let bytes = meta.contact_url.as_bytes();
        let label = (0..bytes.len())
            .find(|&i| bytes[i..].starts_with(b"://"))
            .map_or(meta.contact_url, |i| &meta.contact_url[i + 3..]);
        // The page, without the placeholders of its query.
        let label = crate::utf8::split_once_byte(label, b'?').map_or(label, |(page, _)| page);
        let url = contact_page_href(meta.contact_url, question, None);
        out.push(site_channel(
            "contact-page",
            "form",
            s.contact_page,
            label,
            url,
        ));
    }
    let Some((live, zone)) = live.and_then(|l| Some((l, l.zone?))) else {
        return out;
    };
    let mut used = vec![false; live.channels.len()];
    for ch in &mut out {
        if let Some(i) =
            (0..live.channels.len()).find(|&i| !used[i] && live.channels[i].kind == ch.kind)
        {
            used[i] = true;
            describe(ch, &live.channels[i], zone, now_ms, clock, lang);
        }
    }
    for (i, lc) in live.channels.iter().enumerate() {
        if used[i] || !safe_href(lc.href) {
            continue;
        }
        let mut ch = site_channel(lc.id, lc.kind, lc.label, "", lc.href.to_string());
        describe(&mut ch, lc, zone, now_ms, clock, lang);
        out.push(ch);
    }
    out
}

/// The contact page's URL with the visitor's `question` and the title of
/// the `answer` they read where the editors wrote `{question}` and
/// `{answer}` (percent-encoded; empty when there is none), so the site's
/// own form opens prefilled: `https://example.org/kontakt?betreff={question}`.
/// Without placeholders, the URL as written.
pub fn contact_page_href(url: &str, question: &str, answer: Option<&str>) -> String {
    let question = percent_encode(question.trim());
    let answer = percent_encode(answer.unwrap_or("").trim());
    // Found by their `{` (a &str pattern would bring core's two-way
    // searcher to the Wasm); the values, percent-encoded, hold no `{`.
    let mut out = String::with_capacity(url.len());
    let mut rest = url;
    while let Some(i) = crate::utf8::find_byte(rest, b'{') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let placeholders = [("{question}", &question), ("{answer}", &answer)];
        match placeholders
            .into_iter()
            .find(|(key, _)| rest.starts_with(key))
        {
            Some((key, value)) => {
                out.push_str(value);
                rest = &rest[key.len()..];
            }
            None => {
                out.push('{');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `channels` (computed for an empty question) with the visitor's
/// `question` and the title of the `answer` they read in the e-mail link:
/// typing changes nothing else in the block, so the panel computes the
/// statuses once a minute, not per key.
pub fn with_question(
    mut channels: Vec<ChannelRow>,
    meta: &Meta<'_>,
    question: &str,
    answer: Option<&str>,
    lang: UiLang,
) -> Vec<ChannelRow> {
    if let Some(email) = channels.iter_mut().find(|c| c.id == "email") {
        email.href = mailto_href(meta.email, question, answer, lang);
    }
    if let Some(page) = channels.iter_mut().find(|c| c.id == "contact-page") {
        page.href = contact_page_href(meta.contact_url, question, answer);
    }
    channels
}

fn site_channel(
    id: &str,
    kind: &'static str,
    action: &str,
    label: &str,
    href: String,
) -> ChannelRow {
    ChannelRow {
        id: id.to_string(),
        kind,
        action: action.to_string(),
        label: label.to_string(),
        href,
        name: action.to_string(),
        open: None,
        alert: false,
        status: None,
        quiet: None,
    }
}

fn describe(
    ch: &mut ChannelRow,
    lc: &ChannelStatus<'_>,
    zone: &str,
    now_ms: i64,
    clock: &dyn Clock,
    lang: UiLang,
) {
    ch.open = match lc.state {
        State::Open => Some(true),
        State::Closed => Some(false),
        State::Unknown => None,
    };
    ch.alert = lc.state == State::Closed && lc.reason.is_some_and(|r| !r.is_empty());
    if !lc.label.is_empty() {
        ch.name = lc.label.to_string();
    }
    ch.status = status_line(lc, zone, now_ms, clock, lang);
    ch.quiet = quiet_line(lc, zone, now_ms, clock, lang);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::widget::hotline_words::FixedClock;

    fn meta() -> Meta<'static> {
        Meta {
            site_name: "Stadtwerke Testhausen",
            locales: vec!["de", "en"],
            default_locale: 0,
            phone: "+49 (30) 5550-1234",
            email: "hilfe@testhausen.example",
            contact_url: "https://testhausen.example/kontakt",
            built_at: 0,
            content_hash: 0,
            doc_count: 0,
        }
    }

    fn clock() -> FixedClock {
        FixedClock {
            visitor: ("Europe/Berlin", 60),
            zones: vec![],
        }
    }

    fn live(channels: Vec<ChannelStatus<'static>>) -> HotlineStatus<'static> {
        HotlineStatus {
            zone: Some("Europe/Berlin"),
            channels,
        }
    }

    fn lc(
        id: &'static str,
        kind: &'static str,
        state: State,
        href: &'static str,
    ) -> ChannelStatus<'static> {
        ChannelStatus {
            id,
            kind,
            label: "label",
            href,
            state,
            reason: None,
            next_change_ms: None,
            next_open_ms: None,
            week: vec![],
            quiet: &[],
        }
    }

    #[test]
    fn without_live_status_every_site_channel_is_offered() {
        let c = channels(&meta(), "", UiLang::De, None, 0, &clock());
        let ids: Vec<_> = c.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["phone", "email", "contact-page"]);
        assert_eq!(c[0].href, "tel:+493055501234");
        assert_eq!(c[2].label, "testhausen.example/kontakt");
        assert!(c.iter().all(|c| c.open.is_none() && c.status.is_none()));
    }

    #[test]
    fn adding_the_question_later_gives_the_channels_computed_with_it() {
        let m = meta();
        let with = channels(&m, "mein zähler", UiLang::De, None, 0, &clock());
        let later = with_question(
            channels(&m, "", UiLang::De, None, 0, &clock()),
            &m,
            "mein zähler",
            None,
            UiLang::De,
        );
        assert_eq!(later, with);
        let read = with_question(
            later,
            &m,
            "mein zähler",
            Some("Zählerstand melden"),
            UiLang::De,
        );
        let email = read.iter().find(|c| c.id == "email").unwrap();
        assert!(
            email
                .href
                .contains("Gelesene%20Antwort%3A%0AZ%C3%A4hlerstand%20melden"),
            "{}",
            email.href
        );
    }

    #[test]
    fn the_contact_page_is_prefilled_where_the_editors_put_placeholders() {
        let mut m = meta();
        m.contact_url = "https://testhausen.example/kontakt?betreff={question}&zu={answer}";
        let chans = channels(&m, "Zähler & Stand", UiLang::De, None, 0, &clock());
        let page = chans.iter().find(|c| c.id == "contact-page").unwrap();
        assert_eq!(
            page.href,
            "https://testhausen.example/kontakt?betreff=Z%C3%A4hler%20%26%20Stand&zu="
        );
        assert_eq!(
            page.label, "testhausen.example/kontakt",
            "no placeholders shown"
        );
        let read = with_question(chans, &m, "x", Some("Zählerstand melden"), UiLang::De);
        let page = read.iter().find(|c| c.id == "contact-page").unwrap();
        assert!(
            page.href
                .ends_with("betreff=x&zu=Z%C3%A4hlerstand%20melden"),
            "{}",
            page.href
        );
        assert_eq!(
            contact_page_href("https://a.example/kontakt", "frage", Some("t")),
            "https://a.example/kontakt",
            "without placeholders the URL stays as written"
        );
    }

    #[test]
    fn the_contact_pages_label_is_its_address_without_scheme_or_query() {
        for (url, label) in [
            (
                "https://testhausen.example/kontakt?betreff={question}",
                "testhausen.example/kontakt",
            ),
            ("http://testhausen.example", "testhausen.example"),
            ("/kontakt?thema=strom", "/kontakt"),
            ("/kontakt", "/kontakt"),
        ] {
            let mut m = meta();
            m.contact_url = url;
            let chans = channels(&m, "", UiLang::De, None, 0, &clock());
            let page = chans.iter().find(|c| c.id == "contact-page").unwrap();
            assert_eq!(page.label, label, "{url}");
        }
    }

    #[test]
    fn every_placeholder_is_filled_and_other_braces_stay_as_written() {
        let url = "/kontakt?a={answer}&q={question}&q2={question}&x={other}&y={&z={answer";
        assert_eq!(
            contact_page_href(url, " Zähler {answer} ", Some("Strom weg")),
            "/kontakt?a=Strom%20weg&q=Z%C3%A4hler%20%7Banswer%7D&q2=Z%C3%A4hler%20%7Banswer%7D\
             &x={other}&y={&z={answer"
        );
        assert_eq!(contact_page_href("/kontakt", "x", None), "/kontakt");
        assert_eq!(contact_page_href("/k?q={question}{", "", None), "/k?q={");
    }

    #[test]
    fn the_email_link_carries_the_visitors_question() {
        let href = mailto_href("a@b.example", "Zählerstand & Abschlag?", None, UiLang::De);
        assert!(href.starts_with("mailto:a@b.example?subject=Frage%20an"));
        assert!(href.contains("&body=Meine%20Frage%3A%0AZ%C3%A4hlerstand%20%26%20Abschlag%3F"));
        assert!(!mailto_href("a@b.example", "  ", None, UiLang::En).contains("body="));
    }

    #[test]
    fn a_closed_hotline_is_still_listed_with_its_call_action() {
        let l = live(vec![lc("hotline", "phone", State::Closed, "tel:+49")]);
        let c = channels(&meta(), "", UiLang::En, Some(&l), 0, &clock());
        assert_eq!(c[0].id, "phone");
        assert_eq!(c[0].href, "tel:+493055501234");
        assert_eq!(c[0].open, Some(false));
        assert_eq!(c[0].status.as_deref(), Some("Closed"));
    }

    #[test]
    fn closed_channels_that_say_the_same_are_summarised_in_one_line_and_a_closure_keeps_its_own() {
        let mut closure = lc("callback", "callback", State::Closed, "https://cb.example/");
        closure.reason = Some("Umstellung");
        let l = live(vec![
            ChannelStatus {
                label: "Telefon-Hotline",
                ..lc("hotline", "phone", State::Closed, "tel:+49")
            },
            ChannelStatus {
                label: "Live-Chat",
                ..lc("chat", "chat", State::Closed, "https://chat.example/")
            },
            closure,
        ]);
        let mut c = channels(&meta(), "", UiLang::De, Some(&l), 0, &clock());
        let line = shared_status(&mut c, UiLang::De);
        assert_eq!(
            line.as_deref(),
            Some("Telefon-Hotline und Live-Chat: Geschlossen")
        );
        let statuses: Vec<_> = c.iter().map(|c| c.status.as_deref()).collect();
        assert_eq!(
            statuses,
            [None, None, None, None, Some("Geschlossen (Umstellung)")]
        );
        assert!(c[4].alert && !c[0].alert);
        let mut one = channels(
            &meta(),
            "",
            UiLang::De,
            Some(&live(vec![lc(
                "hotline",
                "phone",
                State::Closed,
                "tel:+49",
            )])),
            0,
            &clock(),
        );
        assert_eq!(shared_status(&mut one, UiLang::De), None);
        assert_eq!(one[0].status.as_deref(), Some("Geschlossen"));
    }

    #[test]
    fn live_only_channels_are_appended_and_unsafe_links_dropped() {
        let l = live(vec![
            lc("chat", "chat", State::Open, "https://chat.example/"),
            lc("evil", "callback", State::Open, "javascript:alert(1)"),
            lc("callback", "callback", State::Unknown, "/rueckruf"),
        ]);
        let c = channels(&meta(), "", UiLang::En, Some(&l), 0, &clock());
        let ids: Vec<_> = c.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["phone", "email", "contact-page", "chat", "callback"]);
        assert_eq!(c[3].action, "label");
        assert_eq!(c[3].status.as_deref(), Some("Open now"));
    }

    #[test]
    fn live_links_to_other_sites_written_like_paths_are_dropped() {
        let l = live(vec![
            lc("a", "chat", State::Open, "//evil.example/"),
            lc("b", "chat", State::Open, "/\\evil.example"),
            lc("c", "chat", State::Open, "HTTPS://chat.example/"),
        ]);
        let c = channels(&meta(), "", UiLang::En, Some(&l), 0, &clock());
        let ids: Vec<_> = c.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["phone", "email", "contact-page", "c"]);
        assert!(crate::url::is_external(&c[3].href));
    }
}
