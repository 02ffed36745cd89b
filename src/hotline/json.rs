//! The status as JSON text, written by hand: the Wasm boundary hands it to
//! `JSON.parse`. Going through serde and `serde-wasm-bindgen` instead cost
//! about 0.4 KB more gzip in the Wasm (measured), of a 5 KB budget.

use super::{ChannelStatus, DayHours, HotlineStatus, State};

impl HotlineStatus<'_> {
    /// The JSON the `hotline_status` export returns (see `src/wasm.rs`).
    pub fn to_json(&self) -> String {
        let mut j = Json(Bytes(Vec::with_capacity(1024)));
        j.0.push_str("{\"zone\":");
        j.opt_str(self.zone);
        j.0.push_str(",\"channels\":[");
        for (i, c) in self.channels.iter().enumerate() {
            if i > 0 {
                j.0.push(b',');
            }
            j.channel(c);
        }
        j.0.push_str("]}");
        // Only whole UTF-8 strings and ASCII were written.
        String::from_utf8(j.0 .0).unwrap_or_default()
    }
}

/// A byte buffer: pushing bytes, not chars, keeps UTF-8 encoding code out.
struct Bytes(Vec<u8>);

// Not inlined: one call per literal beats a copy loop at each of them.
impl Bytes {
    #[inline(never)]
    fn push(&mut self, b: u8) {
        self.0.push(b);
    }

    #[inline(never)]
    fn push_str(&mut self, s: &str) {
        self.0.extend_from_slice(s.as_bytes());
    }
}

struct Json(Bytes);

impl Json {
    fn key(&mut self, k: &str) {
        self.0.push_str(",\"");
        self.0.push_str(k);
        self.0.push_str("\":");
    }

    fn str(&mut self, s: &str) {
        self.0.push(b'"');
        for b in s.bytes() {
            match b {
                b'"' | b'\\' => {
                    self.0.push(b'\\');
                    self.0.push(b);
                }
                0..=0x1f => {
                    self.0.push_str("\\u00");
                    self.0.push(b"0123456789abcdef"[usize::from(b >> 4)]);
                    self.0.push(b"0123456789abcdef"[usize::from(b & 15)]);
                }
                _ => self.0.push(b),
            }
        }
        self.0.push(b'"');
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.0.push_str("null"),
        }
    }

    fn int(&mut self, v: i64) {
        if v < 0 {
            self.0.push(b'-');
        }
        let mut digits = [0u8; 20];
        let (mut n, mut at) = (v.unsigned_abs(), digits.len());
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.0 .0.extend_from_slice(&digits[at..]);
    }

    fn opt_int(&mut self, v: Option<i64>) {
        match v {
            Some(v) => self.int(v),
            None => self.0.push_str("null"),
        }
    }

    fn intervals(&mut self, list: &[[i64; 2]]) {
        self.0.push(b'[');
        for (i, &[a, b]) in list.iter().enumerate() {
            self.0.push_str(if i > 0 { ",[" } else { "[" });
            self.int(a);
            self.0.push(b',');
            self.int(b);
            self.0.push(b']');
        }
        self.0.push(b']');
    }

    fn day(&mut self, d: &DayHours<'_>) {
        self.0.push_str("{\"date\":");
        self.str(d.date.as_str());
        self.key("intervals");
        self.intervals(&d.intervals);
        self.key("closed_reason");
        self.opt_str(d.closed_reason());
        self.key("note");
        self.opt_str(d.note);
        self.0.push(b'}');
    }

    fn channel(&mut self, c: &ChannelStatus<'_>) {
        self.0.push_str("{\"id\":");
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
        self.0.push(b'[');
        for (i, d) in c.week.iter().enumerate() {
            if i > 0 {
                self.0.push(b',');
            }
            self.day(d);
        }
        self.0.push(b']');
        self.key("quiet");
        self.0.push(b'[');
        for (i, q) in c.quiet_hours().enumerate() {
            self.0.push_str(if i > 0 {
                ",{\"weekday\":"
            } else {
                "{\"weekday\":"
            });
            self.int(i64::from(q.weekday.iso()));
            self.0.push_str(",\"hour\":");
            self.int(i64::from(q.hour));
            self.0.push(b'}');
        }
        self.0.push_str("]}");
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
