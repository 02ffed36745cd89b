//! Hotline availability at run time: is each contact channel open now, why,
//! when that changes, and today's and the coming week's hours.
//!
//! Everything here reads the HOTLINE section's pre-expanded tables (see
//! [`crate::format::HotlineTables`]); no tz database, holiday calendar or
//! opening_hours parser is needed. Beyond the compiled horizon the state is
//! `unknown`, never a guess. The DST policy is in [`clock`].

pub mod clock;

use crate::engine::Bundle;
use crate::format::{
    ChannelTable, HotlineTables, Span, CHANNEL_KINDS, SPAN_CLOSED, SPAN_OPEN, SPAN_UNKNOWN,
};
use clock::{iso_date, weekday, Zone, DAY_MS};
use serde::Serialize;

/// Whether a channel is reachable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Open,
    Closed,
    /// The editors marked the time `unknown`, or it lies beyond the horizon.
    Unknown,
}

/// Every channel's status at one instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HotlineStatus {
    /// The centre's IANA zone; `None` when the kb has no hotline.
    pub zone: Option<String>,
    pub channels: Vec<ChannelStatus>,
}

/// One channel's status; instants are UTC milliseconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChannelStatus {
    pub id: String,
    pub kind: &'static str,
    pub label: String,
    pub href: String,
    pub state: State,
    /// Comment, holiday name or closure reason of the current state.
    pub reason: Option<String>,
    /// Next change between open, closed and unknown.
    pub next_change_ms: Option<i64>,
    /// Next opening, when not open now.
    pub next_open_ms: Option<i64>,
    /// Open intervals of the centre's local day containing now.
    pub today: Vec<[i64; 2]>,
    /// Today and the next six local days, as far as the horizon reaches.
    pub week: Vec<DayHours>,
    /// Hours (centre's local time) when waits are usually short.
    pub quiet: Vec<QuietHour>,
}

/// The open intervals of one local day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayHours {
    /// The centre's local date, `YYYY-MM-DD`.
    pub date: String,
    /// Open intervals starting on this day (or continuing into it from the
    /// day before); one that runs past midnight keeps its real end if it
    /// closes during the next day.
    pub intervals: Vec<[i64; 2]>,
    /// Why the day has no open interval (holiday, closure, comment).
    pub closed_reason: Option<String>,
}

/// An hour of the week in the centre's local time; `weekday` 1 = Monday … 7 = Sunday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct QuietHour {
    pub weekday: u8,
    pub hour: u8,
}

/// The status of every channel at `now_utc_ms`, with texts in `locale`
/// (falling back to the knowledge base's default locale).
pub fn status(bundle: &Bundle<'_>, now_utc_ms: i64, locale: &str) -> HotlineStatus {
    let Some(tables) = bundle
        .hotline_section()
        .and_then(|b| HotlineTables::decode(b).ok())
    else {
        return HotlineStatus {
            zone: None,
            channels: Vec::new(),
        };
    };
    let texts = Texts {
        tables: &tables,
        locale: usize::from(bundle.locale_no(locale)),
        fallback: usize::from(bundle.meta.default_locale),
    };
    let mut channels = Vec::with_capacity(tables.channels.len());
    for c in &tables.channels {
        channels.push(Channel::new(&tables, c).status(now_utc_ms, &texts));
    }
    HotlineStatus {
        zone: Some(tables.zone.to_string()),
        channels,
    }
}

/// Texts of the section in the requested locale.
struct Texts<'t, 'a> {
    tables: &'t HotlineTables<'a>,
    locale: usize,
    fallback: usize,
}

impl Texts<'_, '_> {
    fn get(&self, index: u32) -> Option<String> {
        let t = self.tables.texts.get(index as usize)?;
        t.get(self.locale)
            .or_else(|| t.get(self.fallback))
            .map(|s| s.to_string())
    }
}

/// A stretch of UTC time with one non-closed state; the gaps are closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    start: i64,
    end: i64,
    kind: u8,
}

/// The unknown state's span covering a day beyond the horizon.
const WHOLE_DAY_UNKNOWN: [Span; 1] = [Span {
    start_min: 0,
    end_min: 1440,
    kind: SPAN_UNKNOWN,
    comment: 0,
}];

/// One channel's tables with the zone, answering questions about instants.
pub struct Channel<'t, 'a> {
    tables: &'t HotlineTables<'a>,
    table: &'t ChannelTable<'a>,
    zone: Zone<'t>,
}

impl<'t, 'a> Channel<'t, 'a> {
    pub fn new(tables: &'t HotlineTables<'a>, table: &'t ChannelTable<'a>) -> Self {
        Self {
            tables,
            table,
            zone: Zone {
                initial_offset_s: tables.initial_offset_s,
                transitions: &tables.transitions,
            },
        }
    }

    /// Day number within the horizon, if `day` (since 1970) lies in it.
    fn horizon_day(&self, day: i64) -> Option<u32> {
        let rel = day.checked_sub(self.tables.first_day)?;
        (0..i64::from(self.tables.days))
            .contains(&rel)
            .then_some(rel as u32)
    }

    /// The spans of local day `day`; `None` beyond the horizon.
    fn pattern(&self, day: i64) -> Option<&'t [Span]> {
        let rel = self.horizon_day(day)?;
        let t = self.table;
        let p = match t.exceptions.binary_search_by_key(&rel, |e| e.0) {
            Ok(i) => t.exceptions[i].1,
            Err(_) => t.week[weekday(day)],
        };
        t.patterns.get(usize::from(p)).map(Vec::as_slice)
    }

    /// The holiday or closure named for local day `day`.
    fn day_note(&self, day: i64) -> Option<u32> {
        let rel = self.horizon_day(day)?;
        let notes = &self.table.day_notes;
        notes
            .binary_search_by_key(&rel, |n| n.0)
            .ok()
            .map(|i| notes[i].1)
    }

    /// State at `utc`, its text index (comment, else for a closed state the
    /// day's holiday or closure) and the local day.
    pub fn state_at(&self, utc: i64) -> (State, Option<u32>) {
        let local = self.zone.local(utc);
        let day = local.div_euclid(DAY_MS);
        let minute = (local.rem_euclid(DAY_MS) / 60_000) as u16;
        let Some(spans) = self.pattern(day) else {
            return (State::Unknown, None);
        };
        let span = spans
            .iter()
            .find(|s| s.start_min <= minute && minute < s.end_min);
        let comment = span.and_then(|s| s.comment.checked_sub(1));
        match span.map_or(SPAN_CLOSED, |s| s.kind) {
            SPAN_OPEN => (State::Open, comment),
            SPAN_UNKNOWN => (State::Unknown, comment),
            _ => (State::Closed, self.day_note(day).or(comment)),
        }
    }

    /// Open and unknown stretches of local days `[from, to)`, ascending and
    /// merged. UTC images of disjoint local ranges are disjoint, so sorting
    /// is enough.
    fn segments(&self, from: i64, to: i64) -> Vec<Segment> {
        let mut out = Vec::new();
        for day in from..to {
            let spans = self.pattern(day).unwrap_or(&WHOLE_DAY_UNKNOWN);
            for s in spans.iter().filter(|s| s.kind != SPAN_CLOSED) {
                let base = day * DAY_MS;
                let (a, b) = (
                    base + i64::from(s.start_min) * 60_000,
                    base + i64::from(s.end_min) * 60_000,
                );
                for (start, end) in self.zone.to_utc(a, b) {
                    out.push(Segment {
                        start,
                        end,
                        kind: s.kind,
                    });
                }
            }
        }
        // Insertion sort: the list is nearly sorted (only fall-back nights
        // interleave), and the library sorts would cost kilobytes of Wasm.
        let mut merged: Vec<Segment> = Vec::with_capacity(out.len());
        for s in out {
            let at = merged.partition_point(|m| m.start < s.start);
            merged.insert(at, s);
        }
        merged.dedup_by(|next, prev| {
            let joins = prev.end == next.start && prev.kind == next.kind;
            if joins {
                prev.end = next.end;
            }
            joins
        });
        merged
    }

    /// The next instant after `utc` where the state changes, and the next
    /// opening if not open at `utc`. Looks a week ahead first, then further,
    /// up to just past the horizon.
    pub fn next_changes(&self, utc: i64) -> (Option<i64>, Option<i64>) {
        let day = self.zone.local(utc).div_euclid(DAY_MS);
        let first = self.tables.first_day;
        let last = first + i64::from(self.tables.days) + 2;
        // Every day before the horizon is unknown: start the window just
        // before it, with one unknown segment standing for the days skipped.
        let from = (day - 1).max(first - 1);
        let mut span = 10;
        loop {
            let to = (from + span).min(last.max(day + 2));
            let mut segs = self.segments(from, to);
            if from > day - 1 {
                let start = self.zone.to_utc(from * DAY_MS, (from + 1) * DAY_MS);
                let end = start.first().map_or(i64::MIN, |s| s.0);
                match segs.first_mut() {
                    Some(s) if s.kind == SPAN_UNKNOWN && s.start == end => s.start = i64::MIN,
                    _ => segs.insert(
                        0,
                        Segment {
                            start: i64::MIN,
                            end,
                            kind: SPAN_UNKNOWN,
                        },
                    ),
                }
            }
            // Instants from here on may belong to days the window lacks.
            let safe = self
                .zone
                .to_utc((to - 1) * DAY_MS, to * DAY_MS)
                .first()
                .map_or(i64::MAX, |s| s.0);
            let found = |x: Option<i64>| x.filter(|&x| x < safe);
            let current = segs.iter().find(|s| s.start <= utc && utc < s.end);
            let change = found(match current {
                Some(s) => Some(s.end),
                None => segs.iter().find(|s| s.start > utc).map(|s| s.start),
            });
            let open_now = current.is_some_and(|s| s.kind == SPAN_OPEN);
            let open = if open_now {
                None
            } else {
                found(
                    segs.iter()
                        .find(|s| s.kind == SPAN_OPEN && s.start > utc)
                        .map(|s| s.start),
                )
            };
            if to >= last || (change.is_some() && (open_now || open.is_some())) {
                return (change, open);
            }
            span *= 4;
        }
    }

    /// Open intervals of local day `day` from `segs` (covering the day and the next).
    fn day_intervals(&self, day: i64, segs: &[Segment]) -> Vec<[i64; 2]> {
        let image = |d: i64| self.zone.to_utc(d * DAY_MS, (d + 1) * DAY_MS);
        let (Some(first), Some(last), Some(next_end)) = (
            image(day).first().map(|s| s.0),
            image(day).last().map(|s| s.1),
            image(day + 1).last().map(|s| s.1),
        ) else {
            return Vec::new();
        };
        segs.iter()
            .filter(|s| s.kind == SPAN_OPEN && s.end > first && s.start < last)
            .map(|s| {
                let end = if s.end <= next_end { s.end } else { last };
                [s.start.max(first), end]
            })
            .collect()
    }

    fn status(&self, now: i64, texts: &Texts<'_, '_>) -> ChannelStatus {
        let t = self.table;
        let (state, reason) = self.state_at(now);
        let (next_change_ms, next_open_ms) = self.next_changes(now);
        let today = self.zone.local(now).div_euclid(DAY_MS);
        let segs = self.segments(today - 1, today + 9);
        let mut week = Vec::with_capacity(7);
        for day in today..today + 7 {
            let Some(spans) = self.pattern(day) else {
                break;
            };
            let intervals = self.day_intervals(day, &segs);
            let mut closed_reason = None;
            if intervals.is_empty() {
                let comment = spans.iter().find(|s| s.comment > 0).map(|s| s.comment - 1);
                closed_reason = self.day_note(day).or(comment).and_then(|i| texts.get(i));
            }
            week.push(DayHours {
                date: iso_date(day),
                intervals,
                closed_reason,
            });
        }
        let mut quiet = Vec::with_capacity(t.quiet.len());
        for &h in &t.quiet {
            quiet.push(QuietHour {
                weekday: h / 24 + 1,
                hour: h % 24,
            });
        }
        ChannelStatus {
            id: t.id.to_string(),
            kind: CHANNEL_KINDS[usize::from(t.kind)],
            label: texts.get(t.label).unwrap_or_default(),
            href: t.href.to_string(),
            state,
            reason: reason.and_then(|i| texts.get(i)),
            next_change_ms,
            next_open_ms,
            today: match week.first() {
                Some(d) => d.intervals.clone(),
                None => Vec::new(),
            },
            week,
            quiet,
        }
    }
}
