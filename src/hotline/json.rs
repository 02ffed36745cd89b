//! The status as JSON text, written by hand ([`crate::json`]): the Wasm
//! boundary hands it to `JSON.parse`. Going through serde and
//! `serde-wasm-bindgen` instead cost about 0.4 KB more gzip in the Wasm
//! (measured), of a 5 KB budget.

use super::{ChannelStatus, DayHours, HotlineStatus, State};
use crate::json::Json;

impl HotlineStatus<'_> {
    /// The JSON the `hotline_status` export returns (see `src/wasm.rs`).
    pub fn to_json(&self) -> String {
        let mut j = Json::new();
        j.raw("{\"zone\":");
        j.opt_str(self.zone);
        j.raw(",\"channels\":[");
        for (i, c) in self.channels.iter().enumerate() {
            if i > 0 {
                j.byte(b',');
            }
            j.channel(c);
        }
        j.raw("]}");
        j.finish()
    }
}

impl Json {
    fn intervals(&mut self, list: &[[i64; 2]]) {
        self.byte(b'[');
        for (i, &[a, b]) in list.iter().enumerate() {
            self.raw(if i > 0 { ",[" } else { "[" });
            self.int(a);
            self.byte(b',');
            self.int(b);
            self.byte(b']');
        }
        self.byte(b']');
    }

    fn day(&mut self, d: &DayHours<'_>) {
        self.raw("{\"date\":");
        self.str(d.date.as_str());
        self.key("intervals");
        self.intervals(&d.intervals);
        self.key("closed_reason");
        self.opt_str(d.closed_reason());
        self.key("note");
        self.opt_str(d.note);
        self.byte(b'}');
    }

    fn channel(&mut self, c: &ChannelStatus<'_>) {
        self.raw("{\"id\":");
        self.str(c.id);
        self.key("kind");
        self.str(c.kind);
        self.key("label");
        self.str(c.label);
        self.key("href");
        self.str(c.href);
        self.key("state");
        self.str(match c.state {
            State::Open => "open",
            State::Closed => "closed",
            State::Unknown => "unknown",
        });
        self.key("reason");
        self.opt_str(c.reason);
        self.key("next_change_ms");
        self.opt_int(c.next_change_ms);
        self.key("next_open_ms");
        self.opt_int(c.next_open_ms);
        self.key("today");
        self.intervals(c.today());
        self.key("week");
        self.byte(b'[');
        for (i, d) in c.week.iter().enumerate() {
            if i > 0 {
                self.byte(b',');
            }
            self.day(d);
        }
        self.byte(b']');
        self.key("quiet");
        self.byte(b'[');
        for (i, q) in c.quiet_hours().enumerate() {
            self.raw(if i > 0 {
                ",{\"weekday\":"
            } else {
                "{\"weekday\":"
            });
            self.int(i64::from(q.weekday.iso()));
            self.raw(",\"hour\":");
            self.int(i64::from(q.hour));
            self.byte(b'}');
        }
        self.raw("]}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_is_written_as_the_documented_json() {
        let s = HotlineStatus {
            zone: Some("Europe/Berlin"),
            channels: vec![ChannelStatus {
                id: "phone",
                kind: "phone",
                label: "Telefon \"24/7\"\\\n",
                href: "tel:+49",
                state: State::Closed,
                reason: None,
                next_change_ms: Some(1_763_900_000_000),
                next_open_ms: Some(-5),
                week: vec![DayHours {
                    date: crate::hotline::clock::IsoDate::of_day(20_780),
                    intervals: vec![[0, 10], [20, 30]],
                    note: Some("Heiligabend"),
                }],
                quiet: &[10, 6 * 24 + 9],
            }],
        };
        assert_eq!(
            s.to_json(),
            r#"{"zone":"Europe/Berlin","channels":[{"id":"phone","kind":"phone","label":"Telefon \"24/7\"\\\u000a","href":"tel:+49","state":"closed","reason":null,"next_change_ms":1763900000000,"next_open_ms":-5,"today":[[0,10],[20,30]],"week":[{"date":"2026-11-23","intervals":[[0,10],[20,30]],"closed_reason":null,"note":"Heiligabend"}],"quiet":[{"weekday":1,"hour":10},{"weekday":7,"hour":9}]}]}"#
        );
    }

    #[test]
    fn no_hotline_is_a_null_zone_and_no_channels() {
        let s = HotlineStatus {
            zone: None,
            channels: vec![],
        };
        assert_eq!(s.to_json(), r#"{"zone":null,"channels":[]}"#);
    }
}
