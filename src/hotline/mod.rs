//! Hotline availability at run time: is each contact channel open now, why,
//! when that changes, and today's and the coming week's hours.
//!
//! Everything here reads the HOTLINE section in place (see
//! [`crate::format::Hotline`]); no tz database, holiday calendar or
//! opening_hours parser is needed. Beyond the compiled horizon the state is
//! `unknown`, never a guess.
//!
//! DST policy ("wall-clock semantics", applied by the compiler): a channel
//! is open at an instant exactly when the centre's wall clock shows a time
//! inside its hours. A boundary in the spring-forward gap takes effect at
//! the transition; in the fall-back overlap the repeated hour counts twice.

pub mod clock;
mod json;
#[cfg(feature = "compiler")]
pub mod text;

use crate::engine::Bundle;
use crate::format::{ChannelView, Hotline, SPAN_CLOSED, SPAN_OPEN, SPAN_UNKNOWN};
pub use clock::Weekday;
use clock::{weekday, IsoDate, DAY_MS};

/// Whether a channel is reachable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Open,
    Closed,
    /// The editors marked the time `unknown`, or it lies beyond the horizon.
    Unknown,
}

/// Every channel's status at one instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HotlineStatus<'a> {
    /// The centre's IANA zone; `None` when the kb has no hotline.
    pub zone: Option<&'a str>,
    pub channels: Vec<ChannelStatus<'a>>,
}

/// One channel's status; instants are UTC milliseconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelStatus<'a> {
    pub id: &'a str,
    pub kind: &'static str,
    pub label: &'a str,
    pub href: &'a str,
    pub state: State,
    /// Comment, holiday name or closure reason of the current state.
    pub reason: Option<&'a str>,
    /// Next change between open, closed and unknown.
    pub next_change_ms: Option<i64>,
    /// Next opening, when not open now.
    pub next_open_ms: Option<i64>,
    /// Today and the next six local days, as far as the horizon reaches.
    pub week: Vec<DayHours<'a>>,
    /// Hours when waits are usually short, as hours of the week in the
    /// centre's local time (0 = Monday 00:00), in week order; see [`ChannelStatus::quiet_hours`].
    pub quiet: &'a [u8],
}

impl ChannelStatus<'_> {
    /// Open intervals of the centre's local day containing now (the first
    /// day of `week`; none beyond the horizon).
    pub fn today(&self) -> &[[i64; 2]] {
        self.week.first().map_or(&[], |d| &d.intervals)
    }

    /// The quiet hours as weekday and hour.
    pub fn quiet_hours(&self) -> impl Iterator<Item = QuietHour> + '_ {
        self.quiet.iter().filter_map(|&h| {
            Some(QuietHour {
                weekday: Weekday::from_index(usize::from(h / 24))?,
                hour: h % 24,
            })
        })
    }
}

/// The open intervals of one local day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayHours<'a> {
    /// The centre's local date, `YYYY-MM-DD`.
    pub date: IsoDate,
    /// Open intervals starting on this day (or continuing into it from the
    /// day before); one that runs past midnight keeps its real end if it
    /// closes during the next day.
    pub intervals: Vec<[i64; 2]>,
    /// What makes the day special, open or not: its holiday or closure
    /// name, else the comment of its hours ("Heiligabend" on a short day).
    pub note: Option<&'a str>,
}

impl<'a> DayHours<'a> {
    /// Why the day has no open interval: its note, on a day without one.
    pub fn closed_reason(&self) -> Option<&'a str> {
        self.note.filter(|_| self.intervals.is_empty())
    }
}

/// An hour of the week in the centre's local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHour {
    pub weekday: Weekday,
    pub hour: u8,
}

/// The status of every channel at `now_utc_ms`, with texts in `locale`
/// (falling back to the knowledge base's default locale).
pub fn status<'a>(bundle: &Bundle<'a>, now_utc_ms: i64, locale: &str) -> HotlineStatus<'a> {
    let Some(bytes) = bundle.hotline_section() else {
        return HotlineStatus {
            zone: None,
            channels: Vec::new(),
        };
    };
    let h = Hotline::new(bytes);
    let locale = usize::from(bundle.locale_no(locale));
    let mut channels = Vec::with_capacity(h.channel_count());
    for i in 0..h.channel_count() {
        channels.push(Channel::new(h, i).status(now_utc_ms, locale));
    }
    HotlineStatus {
        zone: Some(h.zone()),
        channels,
    }
}

/// A stretch of UTC time with one non-closed state; the gaps are closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    start: i64,
    end: i64,
    kind: u8,
}

/// One channel's tables, answering questions about instants.
#[derive(Debug, Clone, Copy)]
pub struct Channel<'a> {
    h: Hotline<'a>,
    c: ChannelView<'a>,
}

impl<'a> Channel<'a> {
    /// Channel number `i` of the section.
    pub fn new(h: Hotline<'a>, i: usize) -> Self {
        Self { h, c: h.channel(i) }
    }

    /// Day of the horizon, if local day `day` (since 1970) lies in it.
    fn horizon_day(&self, day: i64) -> Option<u32> {
        let rel = day.checked_sub(self.h.first_day())?;
        (0..i64::from(self.h.days()))
            .contains(&rel)
            .then_some(rel as u32)
    }

    /// The UTC instant (ms) local day `day` starts at.
    #[inline(never)]
    fn start(&self, day: i64) -> i64 {
        let off = self.h.midnight_offset(day - self.h.first_day());
        (day * 1440 - off) * 60_000
    }

    /// The local day containing the UTC instant `utc`: offsets stay below
    /// a day, so it is the UTC day or a neighbour.
    #[inline(never)]
    fn day_of(&self, utc: i64) -> i64 {
        let d = utc.div_euclid(DAY_MS);
        (d - 1..=d + 1)
            .find(|&day| self.start(day) <= utc && utc < self.start(day + 1))
            .unwrap_or(d)
    }

    /// The pattern of local day `day`; `None` beyond the horizon.
    #[inline(never)]
    fn pattern(&self, day: i64) -> Option<u32> {
        Some(self.c.pattern(self.horizon_day(day)?, weekday(day)))
    }

    /// The holiday or closure named for local day `day`.
    #[inline(never)]
    fn note(&self, day: i64) -> Option<u32> {
        self.c.day_note(self.horizon_day(day)?)
    }

    /// State at `utc` and its text: the span's comment, or for a closed
    /// state first the day's holiday or closure name.
    pub fn state_at(&self, utc: i64) -> (State, Option<u32>) {
        let day = self.day_of(utc);
        let Some(p) = self.pattern(day) else {
            return (State::Unknown, None);
        };
        let minute = (utc - self.start(day)).div_euclid(60_000);
        let (mut kind, mut comment) = (SPAN_CLOSED, None);
        for i in self.c.span_range(p) {
            let s = self.c.span(i);
            if i64::from(s.start_min) <= minute && minute < i64::from(s.end_min) {
                (kind, comment) = (s.kind, u32::from(s.comment).checked_sub(1));
            }
        }
        match kind {
            SPAN_OPEN => (State::Open, comment),
            SPAN_UNKNOWN => (State::Unknown, comment),
            _ => (State::Closed, self.note(day).or(comment)),
        }
    }

    /// Appends the open and unknown stretches of local days `[from, to)` to
    /// `out`, in order and merged across midnight; days beyond the horizon
    /// are unknown.
    fn segments(&self, from: i64, to: i64, out: &mut Vec<Segment>) {
        let mut push = |seg: Segment| match out.last_mut() {
            Some(l) if l.end == seg.start && l.kind == seg.kind => l.end = seg.end,
            _ => out.push(seg),
        };
        for day in from..to {
            let start = self.start(day);
            let Some(p) = self.pattern(day) else {
                push(Segment {
                    start,
                    end: self.start(day + 1),
                    kind: SPAN_UNKNOWN,
                });
                continue;
            };
            for i in self.c.span_range(p) {
                let s = self.c.span(i);
                if s.kind == SPAN_CLOSED {
                    continue;
                }
                push(Segment {
                    start: start + i64::from(s.start_min) * 60_000,
                    end: start + i64::from(s.end_min) * 60_000,
                    kind: s.kind,
                });
            }
        }
    }

    /// The next instant after `utc` where the state changes, and the next
    /// opening if not open at `utc`. Looks ten days ahead first, then
    /// further, up to just past the horizon.
    pub fn next_changes(&self, utc: i64) -> (Option<i64>, Option<i64>) {
        let day = self.day_of(utc);
        let first = self.h.first_day();
        let last = first + i64::from(self.h.days()) + 2;
        // Every day before the horizon is unknown: start the window just
        // before it, with one unknown segment standing for the days skipped.
        let from = (day - 1).max(first - 1);
        let mut span = 10;
        loop {
            let to = (from + span).min(last.max(day + 2));
            let mut segs = Vec::new();
            if from > day - 1 {
                segs.push(Segment {
                    start: i64::MIN,
                    end: self.start(from),
                    kind: SPAN_UNKNOWN,
                });
            }
            self.segments(from, to, &mut segs);
            // Instants from here on may belong to days the window lacks.
            let safe = self.start(to - 1);
            let (mut change, mut open, mut open_now) = (None, None, false);
            for s in &segs {
                if s.start <= utc && utc < s.end {
                    change = Some(s.end);
                    open_now = s.kind == SPAN_OPEN;
                } else if s.start > utc {
                    change = change.or(Some(s.start));
                    if s.kind == SPAN_OPEN && open.is_none() {
                        open = Some(s.start);
                    }
                }
            }
            let change = change.filter(|&x| x < safe);
            let open = open.filter(|&x| x < safe && !open_now);
            if to >= last || (change.is_some() && (open_now || open.is_some())) {
                return (change, open);
            }
            span *= 4;
        }
    }

    /// Open intervals of local day `day` from `segs` (covering it and the
    /// next day): clipped to the day, except that one running past midnight
    /// keeps its end if it closes during the next day.
    fn day_intervals(&self, day: i64, segs: &[Segment]) -> Vec<[i64; 2]> {
        let (first, last, next_end) = (self.start(day), self.start(day + 1), self.start(day + 2));
        let mut out = Vec::new();
        for s in segs {
            if s.kind == SPAN_OPEN && s.end > first && s.start < last {
                let end = if s.end <= next_end { s.end } else { last };
                out.push([s.start.max(first), end]);
            }
        }
        out
    }

    fn status(&self, now: i64, locale: usize) -> ChannelStatus<'a> {
        let text = |i: u32| Some(self.h.text(i, locale));
        let (state, reason) = self.state_at(now);
        let (next_change_ms, next_open_ms) = self.next_changes(now);
        let today = self.day_of(now);
        let mut segs = Vec::new();
        self.segments(today - 1, today + 9, &mut segs);
        let mut week = Vec::with_capacity(7);
        for day in today..today + 7 {
            let Some(p) = self.pattern(day) else {
                break;
            };
            let mut comment = None;
            for i in self.c.span_range(p).rev() {
                comment = u32::from(self.c.span(i).comment).checked_sub(1).or(comment);
            }
            week.push(DayHours {
                date: IsoDate::of_day(day),
                intervals: self.day_intervals(day, &segs),
                note: self.note(day).or(comment).and_then(text),
            });
        }
        ChannelStatus {
            id: self.c.id(),
            kind: self.c.kind(),
            label: self.h.text(self.c.label(), locale),
            href: self.c.href(),
            state,
            reason: reason.and_then(text),
            next_change_ms,
            next_open_ms,
            week,
            quiet: self.c.quiet(),
        }
    }
}
