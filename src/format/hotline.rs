//! HOTLINE: the contact channels' schedules, pre-expanded at build time into
//! per-day tables in the centre's local time, plus the zone's UTC offsets.
//!
//! The runtime needs no tz database, holiday calendar or opening_hours
//! parser: everything that needs them was evaluated by the compiler.

use super::{FormatError, Reader, Writer};

/// `Span::kind` of a closed span (also the state of any minute no span covers).
pub const SPAN_CLOSED: u8 = 0;
/// `Span::kind` of an open span.
pub const SPAN_OPEN: u8 = 1;
/// `Span::kind` of a span whose state the editors marked `unknown`.
pub const SPAN_UNKNOWN: u8 = 2;

/// Channel kinds, in their wire order.
pub const CHANNEL_KINDS: [&str; 5] = ["phone", "chat", "callback", "email", "form"];

/// Minutes `[start, end)` of one local day with one state. `comment` is a
/// text index + 1, 0 for none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    pub start_min: u16,
    pub end_min: u16,
    pub kind: u8,
    pub comment: u32,
}

/// One channel's tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelTable<'a> {
    pub id: &'a str,
    /// Index into [`CHANNEL_KINDS`].
    pub kind: u8,
    /// Text index of the label.
    pub label: u32,
    pub href: &'a str,
    /// Distinct day patterns: the non-default spans of one local day, sorted.
    /// Minutes no span covers are closed without comment.
    pub patterns: Vec<Vec<Span>>,
    /// Pattern of each ISO weekday (Monday first) unless an exception says otherwise.
    pub week: [u16; 7],
    /// (day of the horizon, pattern) for days that differ from `week`, ascending.
    pub exceptions: Vec<(u32, u16)>,
    /// (day of the horizon, text index) naming why a day is special
    /// (holiday name or closure reason), ascending.
    pub day_notes: Vec<(u32, u32)>,
    /// Hours of the week (0 = Monday 00:00 local) when waits are usually short.
    pub quiet: Vec<u8>,
}

/// The HOTLINE section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HotlineTables<'a> {
    /// IANA name of the centre's zone.
    pub zone: &'a str,
    /// First local day of the horizon, in days since 1970-01-01.
    pub first_day: i64,
    /// Number of local days in the horizon.
    pub days: u32,
    /// UTC offset (seconds) before the first transition.
    pub initial_offset_s: i32,
    /// (UTC instant in ms, offset in seconds from then on), ascending.
    pub transitions: Vec<(i64, i32)>,
    /// Texts, each with one string per bundle locale (in META's order).
    pub texts: Vec<Vec<&'a str>>,
    pub channels: Vec<ChannelTable<'a>>,
}

impl<'a> HotlineTables<'a> {
    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer::new();
        w.str(self.zone);
        w.i64(self.first_day);
        w.varint(u64::from(self.days));
        w.u32(self.initial_offset_s as u32);
        w.varint(self.transitions.len() as u64);
        for &(at, off) in &self.transitions {
            w.i64(at);
            w.u32(off as u32);
        }
        w.varint(self.texts.len() as u64);
        for t in &self.texts {
            w.varint(t.len() as u64);
            for s in t {
                w.str(s);
            }
        }
        w.varint(self.channels.len() as u64);
        for c in &self.channels {
            c.encode(&mut w);
        }
        w.buf
    }

    pub fn decode(bytes: &'a [u8]) -> Result<Self, FormatError> {
        let mut r = Reader::new(bytes);
        let max = bytes.len();
        let zone = text(&mut r, "hotline zone")?;
        let first_day = r.i64("hotline first day")?;
        let days = count(&mut r, u32::MAX as usize, "hotline days")? as u32;
        let initial_offset_s = r.u32("hotline offset")? as i32;
        let n = count(&mut r, max, "transition count")?;
        let mut transitions = Vec::with_capacity(n);
        for _ in 0..n {
            transitions.push((r.i64("transition")?, r.u32("transition offset")? as i32));
        }
        let n = count(&mut r, max, "hotline text count")?;
        let mut texts = Vec::with_capacity(n);
        for _ in 0..n {
            let k = count(&mut r, max, "hotline text locales")?;
            let mut per_locale = Vec::with_capacity(k);
            for _ in 0..k {
                per_locale.push(text(&mut r, "hotline text")?);
            }
            texts.push(per_locale);
        }
        // Plain loops rather than `collect::<Result<_, _>>()`: this runs in
        // the Wasm, where every iterator adapter costs code size.
        let n = count(&mut r, max, "channel count")?;
        let mut channels = Vec::with_capacity(n);
        for _ in 0..n {
            channels.push(ChannelTable::decode(&mut r, texts.len())?);
        }
        Ok(Self {
            zone,
            first_day,
            days,
            initial_offset_s,
            transitions,
            texts,
            channels,
        })
    }
}

impl<'a> ChannelTable<'a> {
    fn encode(&self, w: &mut Writer) {
        w.str(self.id);
        w.u8(self.kind);
        w.varint(u64::from(self.label));
        w.str(self.href);
        w.varint(self.patterns.len() as u64);
        for p in &self.patterns {
            w.varint(p.len() as u64);
            for s in p {
                w.varint(u64::from(s.start_min));
                w.varint(u64::from(s.end_min));
                w.u8(s.kind);
                w.varint(u64::from(s.comment));
            }
        }
        for &p in &self.week {
            w.varint(u64::from(p));
        }
        let mut prev = 0;
        w.varint(self.exceptions.len() as u64);
        for &(day, p) in &self.exceptions {
            w.varint(u64::from(day - prev));
            prev = day;
            w.varint(u64::from(p));
        }
        let mut prev = 0;
        w.varint(self.day_notes.len() as u64);
        for &(day, t) in &self.day_notes {
            w.varint(u64::from(day - prev));
            prev = day;
            w.varint(u64::from(t));
        }
        w.bytes(&self.quiet);
    }

    fn decode(r: &mut Reader<'a>, texts: usize) -> Result<Self, FormatError> {
        let id = text(r, "channel id")?;
        let at = r.pos();
        let kind = r.u8("channel kind")?;
        if usize::from(kind) >= CHANNEL_KINDS.len() {
            return Err(FormatError::Corrupt {
                what: "channel kind",
                offset: at,
            });
        }
        let label = count(r, texts.saturating_sub(1), "channel label")? as u32;
        let href = text(r, "channel href")?;
        let n = count(r, u16::MAX as usize, "pattern count")?;
        let mut patterns = Vec::with_capacity(n);
        for _ in 0..n {
            let k = count(r, 1440, "pattern spans")?;
            let mut spans = Vec::with_capacity(k);
            for _ in 0..k {
                let at = r.pos();
                let span = Span {
                    start_min: count(r, 1440, "span start")? as u16,
                    end_min: count(r, 1440, "span end")? as u16,
                    kind: r.u8("span kind")?,
                    comment: count(r, texts, "span comment")? as u32,
                };
                if span.start_min >= span.end_min || span.kind > SPAN_UNKNOWN {
                    return Err(FormatError::Corrupt {
                        what: "span",
                        offset: at,
                    });
                }
                spans.push(span);
            }
            patterns.push(spans);
        }
        let last = n.saturating_sub(1);
        let mut week = [0u16; 7];
        for p in &mut week {
            *p = count(r, last, "week pattern")? as u16;
        }
        let k = count(r, u32::MAX as usize, "exception count")?;
        let mut exceptions = Vec::new();
        let mut day = 0u32;
        for _ in 0..k {
            day = day.saturating_add(count(r, u32::MAX as usize, "exception day")? as u32);
            exceptions.push((day, count(r, last, "exception pattern")? as u16));
        }
        let k = count(r, u32::MAX as usize, "day note count")?;
        let mut day_notes = Vec::new();
        let mut day = 0u32;
        for _ in 0..k {
            day = day.saturating_add(count(r, u32::MAX as usize, "day note day")? as u32);
            day_notes.push((
                day,
                count(r, texts.saturating_sub(1), "day note text")? as u32,
            ));
        }
        let quiet = r.bytes("quiet hours")?.to_vec();
        Ok(Self {
            id,
            kind,
            label,
            href,
            patterns,
            week,
            exceptions,
            day_notes,
            quiet,
        })
    }
}

// One shared copy of each read: inlined at every call site, the varint
// loop and its error path would cost kilobytes of Wasm.
#[inline(never)]
fn count(r: &mut Reader<'_>, max: usize, what: &'static str) -> Result<usize, FormatError> {
    r.count(max, what)
}

#[inline(never)]
fn text<'a>(r: &mut Reader<'a>, what: &'static str) -> Result<&'a str, FormatError> {
    r.str(what)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> HotlineTables<'static> {
        HotlineTables {
            zone: "Europe/Berlin",
            first_day: 20_454,
            days: 3653,
            initial_offset_s: 3600,
            transitions: vec![(1_774_746_000_000, 7200), (1_792_890_000_000, 3600)],
            texts: vec![
                vec!["Telefon", "Phone"],
                vec!["Heiligabend", "Christmas Eve"],
            ],
            channels: vec![ChannelTable {
                id: "phone",
                kind: 0,
                label: 0,
                href: "tel:+49305550",
                patterns: vec![
                    vec![],
                    vec![Span {
                        start_min: 480,
                        end_min: 1200,
                        kind: SPAN_OPEN,
                        comment: 0,
                    }],
                    vec![Span {
                        start_min: 480,
                        end_min: 720,
                        kind: SPAN_OPEN,
                        comment: 2,
                    }],
                ],
                week: [1, 1, 1, 1, 1, 0, 0],
                exceptions: vec![(5, 2), (300, 0)],
                day_notes: vec![(5, 1), (300, 1)],
                quiet: vec![10, 34],
            }],
        }
    }

    #[test]
    fn hotline_tables_round_trip() {
        let t = sample();
        assert_eq!(HotlineTables::decode(&t.encode()).unwrap(), t);
    }

    #[test]
    fn every_truncation_of_hotline_tables_is_an_error_not_a_panic() {
        let bytes = sample().encode();
        for len in 0..bytes.len() {
            assert!(
                HotlineTables::decode(&bytes[..len]).is_err(),
                "length {len}"
            );
        }
    }

    #[test]
    fn a_week_pattern_beyond_the_pattern_list_is_rejected() {
        let mut t = sample();
        t.channels[0].week[0] = 3;
        assert!(HotlineTables::decode(&t.encode()).is_err());
    }
}
