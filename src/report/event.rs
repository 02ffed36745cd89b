//! One line of the beacon log: the JSON object the widget posts,
//! `{"event": NAME, ...detail, "page": PATH, "at": MS}`.

use crate::event::EventKind;
use serde::Deserialize;

/// An event of the vocabulary ([`EventKind`]) with the detail the report
/// reads; a name outside the vocabulary is [`Parsed::Other`].
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Open,
    Close,
    Search {
        query: String,
        count: u64,
    },
    NoResults {
        query: String,
    },
    AnswerShown {
        id: String,
    },
    Feedback {
        id: String,
        helpful: bool,
    },
    ContactClicked {
        channel: String,
        after_search: bool,
    },
    /// Answers suggested beside the site's contact form.
    FormSuggestions,
    /// A suggested answer opened beside the form.
    FormAnswerOpened {
        id: String,
    },
    /// "That solved it" under a suggested answer: a form not sent.
    FormResolved,
    /// The form was sent all the same.
    FormSubmitted,
}

/// What a line holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    /// A known event at `at_ms` (UTC milliseconds).
    Known { event: Event, at_ms: i64 },
    /// A well-formed event of another kind (a newer widget's, say): ignored.
    Other { name: String },
}

/// Strings from visitors are cut to this many characters: enough for any
/// question, and a bound on memory per key.
pub const MAX_TEXT: usize = 200;

#[derive(Deserialize)]
struct Raw {
    event: Option<String>,
    at: Option<serde_json::Value>,
    query: Option<String>,
    count: Option<u64>,
    id: Option<String>,
    helpful: Option<bool>,
    channel: Option<String>,
}

/// Parses one line, or says in a few words why it is not an event.
pub fn parse(line: &str) -> Result<Parsed, String> {
    if !line.trim_start().starts_with('{') {
        return Err("not a JSON object".to_string());
    }
    let raw: Raw = serde_json::from_str(line).map_err(|e| {
        if e.is_data() {
            format!("a field has the wrong type ({e})")
        } else {
            "not a JSON object".to_string()
        }
    })?;
    let name = raw.event.ok_or("no \"event\"")?;
    let need = |v: Option<String>, field: &str| {
        v.map(|s| cut(&s))
            .ok_or(format!("{name} without \"{field}\""))
    };
    let Some(kind) = EventKind::from_name(&name) else {
        return Ok(Parsed::Other { name: cut(&name) });
    };
    // Every kind of the vocabulary is read: a new one fails to compile here.
    let event = match kind {
        EventKind::Open => Event::Open,
        EventKind::Close => Event::Close,
        EventKind::Search => Event::Search {
            query: need(raw.query, "query")?,
            count: raw.count.ok_or("search without \"count\"")?,
        },
        EventKind::NoResults => Event::NoResults {
            query: need(raw.query, "query")?,
        },
        EventKind::AnswerShown => Event::AnswerShown {
            id: need(raw.id, "id")?,
        },
        EventKind::Feedback => Event::Feedback {
            id: need(raw.id, "id")?,
            helpful: raw.helpful.ok_or("feedback without \"helpful\"")?,
        },
        EventKind::ContactClicked => Event::ContactClicked {
            channel: need(raw.channel, "channel")?,
            after_search: raw.query.is_some_and(|q| !q.trim().is_empty()),
        },
        EventKind::FormSuggestions => Event::FormSuggestions,
        EventKind::FormAnswerOpened => Event::FormAnswerOpened {
            id: need(raw.id, "id")?,
        },
        EventKind::FormResolved => Event::FormResolved,
        EventKind::FormSubmitted => Event::FormSubmitted,
    };
    let at_ms = match raw.at {
        Some(serde_json::Value::Number(n)) => n.as_f64().map(|f| f as i64),
        Some(serde_json::Value::String(s)) => chrono::DateTime::parse_from_rfc3339(&s)
            .ok()
            .map(|t| t.timestamp_millis()),
        _ => None,
    }
    .ok_or("no \"at\" time (milliseconds since 1970, or RFC 3339)")?;
    Ok(Parsed::Known { event, at_ms })
}

/// The first [`MAX_TEXT`] characters of `s`, printable (see [`printable`]).
fn cut(s: &str) -> String {
    let head: String = s.chars().take(MAX_TEXT).collect();
    printable(&head)
}

/// `s` with every control character (ESC, BEL, NUL, line breaks …) and
/// every bidirectional override written as `\u{…}`: text from a beacon
/// cannot drive a terminal, start a line of its own or reorder a line.
pub fn printable(s: &str) -> String {
    if !s.chars().any(is_unprintable) {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if is_unprintable(c) {
                format!("\\u{{{:x}}}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn is_unprintable(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(line: &str) -> Event {
        match parse(line) {
            Ok(Parsed::Known { event, .. }) => event,
            other => panic!("{line}: {other:?}"),
        }
    }

    #[test]
    fn the_widgets_events_are_read_with_their_detail() {
        assert_eq!(
            known(r#"{"event":"search","query":"zähler","count":3,"page":"/","at":1764000000000}"#),
            Event::Search {
                query: "zähler".into(),
                count: 3
            }
        );
        assert_eq!(
            known(r#"{"event":"feedback","id":"de/x","helpful":false,"page":"/","at":1}"#),
            Event::Feedback {
                id: "de/x".into(),
                helpful: false
            }
        );
        assert_eq!(
            known(r#"{"event":"contact-clicked","channel":"phone","query":"","at":1}"#),
            Event::ContactClicked {
                channel: "phone".into(),
                after_search: false
            }
        );
        assert_eq!(
            known(r#"{"event":"contact-clicked","channel":"phone","query":"abschlag","at":1}"#),
            Event::ContactClicked {
                channel: "phone".into(),
                after_search: true
            }
        );
    }

    #[test]
    fn an_rfc3339_time_is_accepted_too() {
        let p = parse(r#"{"event":"open","at":"1970-01-01T00:00:01Z"}"#).unwrap();
        assert_eq!(
            p,
            Parsed::Known {
                event: Event::Open,
                at_ms: 1000
            }
        );
    }

    #[test]
    fn every_kind_of_the_vocabulary_is_read_as_known() {
        for kind in EventKind::ALL {
            let line = format!(
                r#"{{"event":"{}","query":"q","count":1,"id":"de/x","helpful":true,"channel":"phone","at":1}}"#,
                kind.name()
            );
            assert!(
                matches!(parse(&line), Ok(Parsed::Known { .. })),
                "{line}: {:?}",
                parse(&line)
            );
        }
    }

    #[test]
    fn unknown_events_are_other_not_errors() {
        assert_eq!(
            parse(r#"{"event":"widget-v9-thing","x":1,"at":1}"#).unwrap(),
            Parsed::Other {
                name: "widget-v9-thing".into()
            }
        );
    }

    #[test]
    fn the_contact_forms_events_are_read() {
        assert_eq!(
            known(r#"{"event":"form-submitted","ids":["de/x"],"at":1}"#),
            Event::FormSubmitted
        );
        assert_eq!(
            known(r#"{"event":"form-answer-opened","id":"de/x","at":1}"#),
            Event::FormAnswerOpened { id: "de/x".into() }
        );
        assert_eq!(
            known(r#"{"event":"form-resolved","ids":["de/x"],"at":1}"#),
            Event::FormResolved
        );
    }

    #[test]
    fn terminal_control_sequences_from_a_beacon_are_written_out_not_kept() {
        let e = known(
            r#"{"event":"no-results","query":"\u001b]0;owned\u0007\u001b[2Jx\u202ey\nz","at":1}"#,
        );
        let Event::NoResults { query } = e else {
            panic!("{e:?}")
        };
        assert_eq!(query, r"\u{1b}]0;owned\u{7}\u{1b}[2Jx\u{202e}y\u{a}z");
    }

    #[test]
    fn broken_lines_say_why() {
        assert_eq!(parse("{\"event\":").unwrap_err(), "not a JSON object");
        assert_eq!(parse("[1,2]").unwrap_err(), "not a JSON object");
        assert_eq!(parse(r#"{"at":1}"#).unwrap_err(), "no \"event\"");
        assert_eq!(
            parse(r#"{"event":"search","at":1,"count":1}"#).unwrap_err(),
            "search without \"query\""
        );
        assert!(parse(r#"{"event":"open"}"#)
            .unwrap_err()
            .starts_with("no \"at\""));
        assert!(parse(r#"{"event":"search","query":5,"count":1,"at":1}"#)
            .unwrap_err()
            .contains("wrong type"));
    }

    #[test]
    fn long_texts_are_cut() {
        let q = "a".repeat(5000);
        let line = format!(r#"{{"event":"no-results","query":"{q}","at":1}}"#);
        assert_eq!(
            known(&line),
            Event::NoResults {
                query: "a".repeat(MAX_TEXT)
            }
        );
    }
}
