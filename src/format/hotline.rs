//! HOTLINE: the contact channels' schedules, pre-expanded at build time into
//! per-day tables whose minutes already count from each local day's UTC
//! start, so the DST gap and overlap are resolved by the compiler.
//!
//! The runtime reads the section in place ([`Hotline`]): fixed-width
//! records, no decoding pass, no allocation, and no tz database, holiday
//! calendar or opening_hours parser in the Wasm.

use super::Writer;

/// `Span::kind` of a closed span (also the state of any minute no span covers).
pub const SPAN_CLOSED: u8 = 0;
/// `Span::kind` of an open span.
pub const SPAN_OPEN: u8 = 1;
/// `Span::kind` of a span whose state the editors marked `unknown`.
pub const SPAN_UNKNOWN: u8 = 2;

/// Channel kinds, in their wire order.
pub const CHANNEL_KINDS: [&str; 5] = ["phone", "chat", "callback", "email", "form"];

/// Bytes of the fixed header.
const HEADER_LEN: usize = 48;
/// Bytes of one channel record.
const CHANNEL_LEN: usize = 80;
/// Bytes of one span.
const SPAN_LEN: usize = 8;

/// Minutes `[start, end)` after the UTC instant a local day starts, with one
/// state. `comment` is a text index + 1, 0 for none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    pub start_min: u16,
    pub end_min: u16,
    pub kind: u8,
    pub comment: u16,
}

/// One channel, as the compiler writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelTable<'a> {
    pub id: &'a str,
    /// Index into [`CHANNEL_KINDS`].
    pub kind: u8,
    /// Text index of the label.
    pub label: u32,
    pub href: &'a str,
    /// Distinct day patterns: spans sorted by start; minutes no span covers are closed.
    pub patterns: Vec<Vec<Span>>,
    /// Pattern of each ISO weekday (Monday first) unless an exception says otherwise.
    pub week: [u16; 7],
    /// (day of the horizon, pattern) for days that differ from `week`, ascending.
    pub exceptions: Vec<(u16, u16)>,
    /// (day of the horizon, text) naming why a day is special (holiday,
    /// closure), ascending.
    pub day_notes: Vec<(u16, u16)>,
    /// Hours of the week (0 = Monday 00:00 local) when waits are usually short.
    pub quiet: Vec<u8>,
}

/// The HOTLINE section, as the compiler writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HotlineTables<'a> {
    /// IANA name of the centre's zone.
    pub zone: &'a str,
    /// First local day of the horizon, in days since 1970-01-01.
    pub first_day: i32,
    /// Number of local days in the horizon (at most `u16::MAX`).
    pub days: u16,
    /// (day of the horizon, minutes m) from which on a local day `d` starts
    /// at UTC minute `d · 1440 − m` (m is the UTC offset at local midnight,
    /// or where midnight falls in a gap, the offset that makes it the
    /// gap's end), ascending, first at day 0.
    pub midnights: Vec<(u16, i16)>,
    /// Texts, each with one string per bundle locale (in META's order).
    pub texts: Vec<Vec<&'a str>>,
    pub channels: Vec<ChannelTable<'a>>,
}

impl<'a> HotlineTables<'a> {
    /// ```text
    /// HOTLINE   (all u32 little-endian unless noted; offsets from the section start)
    /// 0   first_day (i32)      4   days               8   zone string
    /// 12  locales              16  midnights m        20  offset of m × { u16 day, i16 minutes }
    /// 24  strings s            28  offset of (s+1) × u32 pool offsets, then the UTF-8 pool
    /// 32  texts t              36  offset of t × locales × u32 string
    /// 40  channels c           44  offset of c × 80-byte channel records:
    ///     id string | href string | label text | kind | 7 × weekday pattern (Monday first)
    ///     | patterns p | offset of (p+1) × u32 first span | offset of spans × 8 bytes
    ///       { u16 start minute, u16 end minute, u16 comment text+1, u8 kind, u8 0 }
    ///     | exceptions e | offset of e × { u16 day, u16 pattern }
    ///     | notes n | offset of n × { u16 day, u16 text } | quiet q | offset of q × u8 hour
    /// ```
    pub fn encode(&self) -> Vec<u8> {
        let mut strings: Vec<&str> = Vec::new();
        let string_no = |s: &'a str, strings: &mut Vec<&'a str>| -> u32 {
            strings.push(s);
            (strings.len() - 1) as u32
        };
        let zone = string_no(self.zone, &mut strings);
        let locales = self.texts.first().map_or(0, Vec::len);
        let text_strings: Vec<u32> = self
            .texts
            .iter()
            .flat_map(|t| t.iter().copied())
            .map(|s| string_no(s, &mut strings))
            .collect();
        let channel_strings: Vec<(u32, u32)> = self
            .channels
            .iter()
            .map(|c| {
                (
                    string_no(c.id, &mut strings),
                    string_no(c.href, &mut strings),
                )
            })
            .collect();

        let mut body = Writer::new();
        let at = |w: &Writer| (HEADER_LEN + w.len()) as u32;
        let midnights_at = at(&body);
        for &(day, min) in &self.midnights {
            body.u16(day);
            body.u16(min as u16);
        }
        let strings_at = at(&body);
        let mut offset = 0u32;
        for s in &strings {
            body.u32(offset);
            offset += s.len() as u32;
        }
        body.u32(offset);
        for s in &strings {
            body.buf.extend_from_slice(s.as_bytes());
        }
        let texts_at = at(&body);
        for &s in &text_strings {
            body.u32(s);
        }
        // Channel records come next; their tables after them.
        let channels_at = at(&body);
        let mut tables = Writer::new();
        let tables_base = channels_at as usize + self.channels.len() * CHANNEL_LEN;
        let table_at = |w: &Writer| (tables_base + w.len()) as u32;
        for (c, &(id, href)) in self.channels.iter().zip(&channel_strings) {
            for v in [id, href, c.label, u32::from(c.kind)] {
                body.u32(v);
            }
            for p in c.week {
                body.u32(u32::from(p));
            }
            body.u32(c.patterns.len() as u32);
            body.u32(table_at(&tables));
            let mut first = 0u32;
            for p in &c.patterns {
                tables.u32(first);
                first += p.len() as u32;
            }
            tables.u32(first);
            body.u32(table_at(&tables));
            for s in c.patterns.iter().flatten() {
                tables.u16(s.start_min);
                tables.u16(s.end_min);
                tables.u16(s.comment);
                tables.u8(s.kind);
                tables.u8(0);
            }
            body.u32(c.exceptions.len() as u32);
            body.u32(table_at(&tables));
            for &(day, p) in &c.exceptions {
                tables.u16(day);
                tables.u16(p);
            }
            body.u32(c.day_notes.len() as u32);
            body.u32(table_at(&tables));
            for &(day, t) in &c.day_notes {
                tables.u16(day);
                tables.u16(t);
            }
            body.u32(c.quiet.len() as u32);
            body.u32(table_at(&tables));
            tables.buf.extend_from_slice(&c.quiet);
        }
        let mut w = Writer::new();
        for v in [
            self.first_day as u32,
            u32::from(self.days),
            zone,
            locales as u32,
            self.midnights.len() as u32,
            midnights_at,
            strings.len() as u32,
            strings_at,
            self.texts.len() as u32,
            texts_at,
            self.channels.len() as u32,
            channels_at,
        ] {
            w.u32(v);
        }
        w.buf.extend_from_slice(&body.buf);
        w.buf.extend_from_slice(&tables.buf);
        w.buf
    }
}

/// The HOTLINE section read in place. Reads outside the section give 0 or
/// "", never a panic: a corrupt section yields wrong hours, not a crash.
#[derive(Debug, Clone, Copy)]
pub struct Hotline<'a> {
    bytes: &'a [u8],
}

impl<'a> Hotline<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Self { bytes }
    }

    #[inline(never)]
    fn u32(&self, at: usize) -> u32 {
        match self.bytes.get(at..).and_then(|b| b.get(..4)) {
            Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]),
            _ => 0,
        }
    }

    #[inline(never)]
    fn u16(&self, at: usize) -> u16 {
        match self.bytes.get(at..).and_then(|b| b.get(..2)) {
            Some(&[a, b]) => u16::from_le_bytes([a, b]),
            _ => 0,
        }
    }

    /// `u32` number `i` of the table at byte `table`.
    fn word(&self, table: usize, i: usize) -> u32 {
        self.u32(table.saturating_add(i.saturating_mul(4)))
    }

    pub fn first_day(&self) -> i64 {
        i64::from(self.u32(0) as i32)
    }

    pub fn days(&self) -> u32 {
        self.u32(4)
    }

    pub fn zone(&self) -> &'a str {
        self.string(self.u32(8))
    }

    pub fn locales(&self) -> usize {
        self.u32(12) as usize
    }

    /// String number `i` of the pool.
    #[inline(never)]
    fn string(&self, i: u32) -> &'a str {
        let n = self.u32(24);
        if i >= n {
            return "";
        }
        let table = self.u32(28) as usize;
        let pool = table + (n as usize + 1) * 4;
        let (a, b) = (
            self.word(table, i as usize) as usize,
            self.word(table, i as usize + 1) as usize,
        );
        self.bytes
            .get(pool.saturating_add(a)..pool.saturating_add(b))
            .and_then(|s| std::str::from_utf8(s).ok())
            .unwrap_or("")
    }

    /// Text `t` in locale number `locale` (every locale is filled at build time).
    pub fn text(&self, t: u32, locale: usize) -> &'a str {
        if t >= self.u32(32) {
            return "";
        }
        let locales = self.locales();
        let locale = locale.min(locales.saturating_sub(1));
        self.string(self.word(self.u32(36) as usize, t as usize * locales + locale))
    }

    /// Minutes to subtract from `day · 1440` for the UTC start of horizon
    /// day `day` (days outside the horizon take the nearest entry's).
    #[inline(never)]
    pub fn midnight_offset(&self, day: i64) -> i64 {
        let (n, at) = (self.u32(16) as usize, self.u32(20) as usize);
        let mut off = 0;
        for i in 0..n {
            let entry = at + i * 4;
            if i > 0 && i64::from(self.u16(entry)) > day {
                break;
            }
            off = i64::from(self.u16(entry + 2) as i16);
        }
        off
    }

    pub fn channel_count(&self) -> usize {
        self.u32(40) as usize
    }

    pub fn channel(&self, i: usize) -> ChannelView<'a> {
        ChannelView {
            h: *self,
            at: (self.u32(44) as usize).saturating_add(i.saturating_mul(CHANNEL_LEN)),
        }
    }
}

/// One channel's record, read in place.
#[derive(Debug, Clone, Copy)]
pub struct ChannelView<'a> {
    h: Hotline<'a>,
    at: usize,
}

impl<'a> ChannelView<'a> {
    fn field(&self, n: usize) -> u32 {
        self.h.u32(self.at + n * 4)
    }

    pub fn id(&self) -> &'a str {
        self.h.string(self.field(0))
    }

    pub fn href(&self) -> &'a str {
        self.h.string(self.field(1))
    }

    pub fn label(&self) -> u32 {
        self.field(2)
    }

    /// The kind's name ("phone", …).
    pub fn kind(&self) -> &'static str {
        CHANNEL_KINDS
            .get(self.field(3) as usize)
            .copied()
            .unwrap_or("phone")
    }

    /// Pattern of horizon day `day`, an ISO `weekday` (0 = Monday).
    pub fn pattern(&self, day: u32, weekday: usize) -> u32 {
        let (n, at) = (self.field(14) as usize, self.field(15) as usize);
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let d = u32::from(self.h.u16(at + mid * 4));
            if d == day {
                return u32::from(self.h.u16(at + mid * 4 + 2));
            }
            if d < day {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        self.field(4 + weekday.min(6))
    }

    /// Numbers of the spans of pattern `p` (ascending in time), for [`Self::span`].
    pub fn span_range(&self, p: u32) -> std::ops::Range<u32> {
        if p >= self.field(11) {
            return 0..0;
        }
        let table = self.field(12) as usize;
        let (first, end) = (
            self.h.word(table, p as usize),
            self.h.word(table, p as usize + 1),
        );
        first..end.max(first)
    }

    /// Span number `i`.
    pub fn span(&self, i: u32) -> Span {
        let at = (self.field(13) as usize).saturating_add(i as usize * SPAN_LEN);
        Span {
            start_min: self.h.u16(at),
            end_min: self.h.u16(at + 2),
            comment: self.h.u16(at + 4),
            kind: self.h.bytes.get(at + 6).copied().unwrap_or(SPAN_CLOSED),
        }
    }

    /// The text naming horizon day `day` (holiday, closure), if any.
    pub fn day_note(&self, day: u32) -> Option<u32> {
        let (n, at) = (self.field(16) as usize, self.field(17) as usize);
        (0..n)
            .find(|&i| u32::from(self.h.u16(at + i * 4)) == day)
            .map(|i| u32::from(self.h.u16(at + i * 4 + 2)))
    }

    /// Hours of the week (0 = Monday 00:00 local) when waits are usually short.
    pub fn quiet(&self) -> &'a [u8] {
        let (n, at) = (self.field(18) as usize, self.field(19) as usize);
        self.h.bytes.get(at..at.saturating_add(n)).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> HotlineTables<'static> {
        let open = |start_min, end_min, comment| Span {
            start_min,
            end_min,
            kind: SPAN_OPEN,
            comment,
        };
        HotlineTables {
            zone: "Europe/Berlin",
            first_day: 20_454,
            days: 3653,
            midnights: vec![(0, 60), (87, 120), (297, 60)],
            texts: vec![
                vec!["Telefon", "Phone"],
                vec!["Heiligabend", "Christmas Eve"],
            ],
            channels: vec![
                ChannelTable {
                    id: "phone",
                    kind: 0,
                    label: 0,
                    href: "tel:+49305550",
                    patterns: vec![vec![], vec![open(480, 1200, 0)], vec![open(480, 720, 2)]],
                    week: [1, 1, 1, 1, 1, 0, 0],
                    exceptions: vec![(5, 2), (300, 0)],
                    day_notes: vec![(5, 1), (300, 1)],
                    quiet: vec![10, 34],
                },
                ChannelTable {
                    id: "chat",
                    kind: 1,
                    label: 0,
                    href: "/chat",
                    patterns: vec![vec![open(0, 60, 0), open(120, 1500, 1)]],
                    week: [0; 7],
                    exceptions: vec![],
                    day_notes: vec![],
                    quiet: vec![],
                },
            ],
        }
    }

    #[test]
    fn hotline_tables_read_back_in_place() {
        let t = sample();
        let bytes = t.encode();
        let h = Hotline::new(&bytes);
        assert_eq!(
            (h.first_day(), h.days(), h.zone()),
            (20_454, 3653, "Europe/Berlin")
        );
        assert_eq!(
            (h.text(1, 1), h.text(1, 0), h.text(1, 9)),
            ("Christmas Eve", "Heiligabend", "Christmas Eve")
        );
        assert_eq!(
            (
                h.midnight_offset(0),
                h.midnight_offset(86),
                h.midnight_offset(87)
            ),
            (60, 60, 120)
        );
        assert_eq!((h.midnight_offset(-5), h.midnight_offset(9999)), (60, 60));
        assert_eq!(h.channel_count(), 2);
        for (i, c) in t.channels.iter().enumerate() {
            let v = h.channel(i);
            assert_eq!(
                (v.id(), v.href(), v.label(), v.kind()),
                (c.id, c.href, c.label, CHANNEL_KINDS[usize::from(c.kind)])
            );
            for (p, spans) in c.patterns.iter().enumerate() {
                let read: Vec<Span> = v.span_range(p as u32).map(|i| v.span(i)).collect();
                assert_eq!(&read, spans);
            }
            assert_eq!(v.quiet(), &c.quiet[..]);
        }
        let phone = h.channel(0);
        assert_eq!(
            (
                phone.pattern(5, 0),
                phone.pattern(6, 0),
                phone.pattern(6, 5)
            ),
            (2, 1, 0)
        );
        assert_eq!((phone.day_note(300), phone.day_note(301)), (Some(1), None));
    }

    #[test]
    fn every_truncation_of_hotline_tables_reads_without_panicking() {
        let bytes = sample().encode();
        for len in 0..bytes.len() {
            let h = Hotline::new(&bytes[..len]);
            let _ = (h.zone(), h.text(1, 1), h.midnight_offset(100));
            for i in 0..h.channel_count().min(4) {
                let c = h.channel(i);
                let _ = (
                    c.id(),
                    c.href(),
                    c.kind(),
                    c.pattern(5, 3),
                    c.day_note(5),
                    c.quiet(),
                );
                for i in c.span_range(1) {
                    let _ = c.span(i);
                }
            }
        }
    }
}
