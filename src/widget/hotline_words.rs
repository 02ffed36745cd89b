//! Live hotline status → the words a visitor reads ("Open now until 20:00",
//! "Closed · opens Monday 08:00"), in the visitor's time zone, plus the
//! service centre's time when the two differ.
//!
//! The schedule itself is computed by the hotline module; this module only
//! describes it. [`StatusSource`] is the seam where that module plugs in, and
//! [`Clock`] is the seam to the browser's `Intl` (see `dom::clock::WallClock`), so
//! everything here runs natively with fixed instants.

use super::i18n::UiLang;
use crate::digits::decimal;
use crate::hotline::{ChannelStatus, HotlineStatus, State, Weekday};

/// Supplies live status ([`crate::hotline::status`]); the widget works
/// (showing contacts without hours) when there is none.
pub trait StatusSource {
    fn status(&self, now_ms: i64, locale: &str) -> Option<HotlineStatus<'static>>;
}

/// Any `Fn(now_ms, locale) -> Option<HotlineStatus>` is a source, e.g. a
/// closure over `hotline::status` of the embedded bundle.
impl<F: Fn(i64, &str) -> Option<HotlineStatus<'static>>> StatusSource for F {
    fn status(&self, now_ms: i64, locale: &str) -> Option<HotlineStatus<'static>> {
        self(now_ms, locale)
    }
}

/// A source that knows no hours (a knowledge base without hotline.toml).
pub struct NoLiveStatus;

impl StatusSource for NoLiveStatus {
    fn status(&self, _now_ms: i64, _locale: &str) -> Option<HotlineStatus<'static>> {
        None
    }
}

/// A wall-clock reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalTime {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub weekday: Weekday,
    pub hour: u8,
    pub minute: u8,
}

/// Converts instants to wall-clock time in a named zone.
pub trait Clock {
    /// `ms` since the epoch in `zone`, or in the visitor's zone for `None`.
    fn local(&self, ms: i64, zone: Option<&str>) -> Option<LocalTime>;
    /// The visitor's IANA zone name.
    fn visitor_zone(&self) -> String;
}

/// A clock with fixed UTC offsets per zone: for tests and for places where
/// `Intl` is unavailable. `zones` maps IANA names to offsets in minutes.
pub struct FixedClock {
    pub visitor: (&'static str, i32),
    pub zones: Vec<(&'static str, i32)>,
}

impl Clock for FixedClock {
    fn local(&self, ms: i64, zone: Option<&str>) -> Option<LocalTime> {
        let offset = match zone {
            None => self.visitor.1,
            Some(z) if z == self.visitor.0 => self.visitor.1,
            Some(z) => self.zones.iter().find(|(n, _)| *n == z)?.1,
        };
        Some(wall_time(ms, i64::from(offset)))
    }

    fn visitor_zone(&self) -> String {
        self.visitor.0.to_string()
    }
}

/// The wall time of instant `ms` (since the epoch) in a zone that is
/// `offset` minutes ahead of UTC at that instant, as every [`Clock`] here
/// works it out.
pub fn wall_time(ms: i64, offset: i64) -> LocalTime {
    let ms = ms + offset * 60_000;
    let days = ms.div_euclid(86_400_000);
    let mins = ms.rem_euclid(86_400_000) / 60_000;
    let (year, month, day) = crate::hotline::clock::civil_from_days(days);
    let (year, month, day) = (year as i32, month as u8, day as u8);
    LocalTime {
        year,
        month,
        day,
        weekday: Weekday::of_day(days),
        hour: (mins / 60) as u8,
        minute: (mins % 60) as u8,
    }
}

/// Days from `a` to `b` by calendar date (not by 24-hour periods).
fn day_distance(a: &LocalTime, b: &LocalTime) -> i64 {
    let ord = |t: &LocalTime| {
        let (y, m) = if t.month <= 2 {
            (i64::from(t.year) - 1, i64::from(t.month) + 9)
        } else {
            (i64::from(t.year), i64::from(t.month) - 3)
        };
        365 * y + y.div_euclid(4) - y.div_euclid(100)
            + y.div_euclid(400)
            + (153 * m + 2) / 5
            + i64::from(t.day)
    };
    ord(b) - ord(a)
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `n` as "8"; [`two`]: as "08".
fn num(n: u8) -> String {
    decimal(u64::from(n), 0)
}

fn two(n: u8) -> String {
    decimal(u64::from(n), 2)
}

fn hhmm(t: &LocalTime, lang: UiLang) -> String {
    crate::utf8::concat(&[&two(t.hour), ":", &two(t.minute), lang.strings().o_clock])
}

/// "20:00", "tomorrow 08:00", "Monday 08:00" or "on 2 Jan 08:00", relative
/// to `now` (both in the same zone).
fn when(now: &LocalTime, t: &LocalTime, lang: UiLang) -> String {
    let s = lang.strings();
    let time = hhmm(t, lang);
    match day_distance(now, t) {
        0 => crate::utf8::concat(&[s.today, " ", &time]),
        1 => crate::utf8::concat(&[s.tomorrow, " ", &time]),
        2..=6 => crate::utf8::concat(&[s.weekdays[t.weekday.index()], " ", &time]),
        _ => match lang {
            UiLang::De => {
                crate::utf8::concat(&["am ", &num(t.day), ".", &num(t.month), ". ", &time])
            }
            UiLang::En => crate::utf8::concat(&[
                "on ",
                &num(t.day),
                " ",
                MONTHS_EN[usize::from(t.month.clamp(1, 12)) - 1],
                " ",
                &time,
            ]),
        },
    }
}

/// The centre city of an IANA zone: `Europe/Berlin` → `Berlin`.
pub fn zone_city(zone: &str) -> String {
    let city = crate::utf8::after_last_byte(zone, b'/');
    let mut out = String::with_capacity(city.len());
    crate::utf8::push_replacing(&mut out, city, b'_', ' ');
    out
}

/// One channel's status line, or `None` when the state is unknown.
pub fn status_line(
    ch: &ChannelStatus<'_>,
    centre_zone: &str,
    now_ms: i64,
    clock: &dyn Clock,
    lang: UiLang,
) -> Option<String> {
    let s = lang.strings();
    let now = clock.local(now_ms, None)?;
    // Why an open channel closes early or runs special hours ("Heiligabend"),
    // or what is special about the day a closed one opens on.
    let mut open_note = String::new();
    let (head, at) = match ch.state {
        State::Unknown => return None,
        State::Open => {
            if let Some(r) = ch.reason.filter(|r| !r.is_empty()) {
                open_note = crate::utf8::concat(&[" · ", r]);
            }
            (s.open_until.to_string(), ch.next_change_ms)
        }
        State::Closed => {
            let why = match ch.reason {
                Some(r) if !r.is_empty() => Some(r.to_string()),
                _ => special_day(ch.week.first(), clock, lang),
            };
            let head = match why {
                Some(r) => crate::utf8::concat(&[s.closed, " (", &r, ")"]),
                None => {
                    // Today is ordinary: is the day it opens on special?
                    let opens_on = ch.next_open_ms.and_then(|t| {
                        ch.week
                            .iter()
                            .find(|d| d.intervals.iter().any(|i| i[0] == t))
                    });
                    if let Some(note) = special_day(opens_on, clock, lang) {
                        open_note = crate::utf8::concat(&[" · ", &note]);
                    }
                    s.closed.to_string()
                }
            };
            match ch.next_open_ms {
                Some(t) => (crate::utf8::concat(&[&head, " · ", s.opens]), Some(t)),
                None => return Some(head),
            }
        }
    };
    let Some(at) = at else {
        return Some(crate::utf8::concat(&[s.open_now, &open_note]));
    };
    let visitor = clock.local(at, None)?;
    let mut time = when(&now, &visitor, lang);
    if ch.state == State::Open && day_distance(&now, &visitor) == 0 {
        time = hhmm(&visitor, lang);
    }
    let mut line = crate::utf8::concat(&[&head, " ", &time]);
    if clock.visitor_zone() != centre_zone {
        if let Some(centre) = clock.local(at, Some(centre_zone)) {
            if centre != visitor {
                let city = zone_city(centre_zone);
                let centre_time = hhmm(&centre, lang);
                line.push_str(&crate::utf8::concat(&[
                    " (",
                    &centre_time,
                    " ",
                    s.local_time_in,
                    " ",
                    &city,
                    ")",
                ]));
            }
        }
    }
    line.push_str(&open_note);
    Some(line)
}

/// A time as a day's hours are read: "12 Uhr", "12:30 Uhr"; "12:00" in English.
fn hour(t: &LocalTime, lang: UiLang) -> String {
    match (lang, t.minute) {
        (UiLang::De, 0) => num(t.hour) + " Uhr",
        (UiLang::De, m) => crate::utf8::concat(&[&num(t.hour), ":", &two(m), " Uhr"]),
        (UiLang::En, m) => crate::utf8::concat(&[&two(t.hour), ":", &two(m)]),
    }
}

/// "Heiligabend: bis 12 Uhr": a day of special hours, from its note: why a
/// channel is closed after (or before) today's short hours, whose closed
/// state has no reason of its own, or what the day it opens on holds.
fn special_day(
    day: Option<&crate::hotline::DayHours<'_>>,
    clock: &dyn Clock,
    lang: UiLang,
) -> Option<String> {
    let day = day?;
    let note = day.note.filter(|n| !n.is_empty())?;
    let end = clock.local(day.intervals.last()?[1], None)?;
    Some(match lang {
        UiLang::De => crate::utf8::concat(&[note, ": bis ", &hour(&end, lang)]),
        UiLang::En => crate::utf8::concat(&[note, ": until ", &hour(&end, lang)]),
    })
}

/// "Kurze Wartezeiten: Mo 18–20 Uhr, Di 17–20 Uhr" from the load profile:
/// consecutive hours of a day merged into one range, in the centre's time.
/// Only ranges the coming week really opens for are named (a short or
/// closed day drops or trims its own), the next first, at most three; so a
/// channel that does not open within the next 7 days has none.
pub fn quiet_line(
    ch: &ChannelStatus<'_>,
    centre_zone: &str,
    now_ms: i64,
    clock: &dyn Clock,
    lang: UiLang,
) -> Option<String> {
    // (weekday, first hour, hour after the last)
    let mut usual: Vec<(Weekday, u8, u8)> = Vec::new();
    for q in ch.quiet_hours().filter(|q| q.hour < 24) {
        match usual.last_mut() {
            Some(r) if r.0 == q.weekday && r.2 == q.hour => r.2 += 1,
            _ => usual.push((q.weekday, q.hour, q.hour + 1)),
        }
    }
    let now = clock.local(now_ms, Some(centre_zone))?;
    let mut ranges = Vec::new();
    // The week's days in order, today first: the next ranges come first.
    for (i, day) in ch.week.iter().enumerate() {
        for &[a, b] in &day.intervals {
            let (Some(open), Some(close)) = (
                clock.local(a, Some(centre_zone)),
                clock.local(b, Some(centre_zone)),
            ) else {
                continue;
            };
            // Whole hours of the centre's day inside the interval.
            let first = open.hour + u8::from(open.minute > 0);
            let end = if (close.year, close.month, close.day) == (open.year, open.month, open.day) {
                close.hour
            } else {
                24
            };
            for &(wd, from, to) in usual.iter().filter(|r| r.0 == open.weekday) {
                let (from, to) = (from.max(first), to.min(end));
                if from < to && (i > 0 || to > now.hour) {
                    ranges.push((wd, from, to));
                }
            }
        }
    }
    if ranges.is_empty() {
        return None;
    }
    let s = lang.strings();
    let shown: Vec<String> = ranges
        .iter()
        .take(3)
        .map(|&(wd, from, to)| {
            let day = s.weekdays_short[wd.index()];
            match lang {
                UiLang::De => crate::utf8::concat(&[day, " ", &num(from), "–", &num(to), " Uhr"]),
                UiLang::En => crate::utf8::concat(&[day, " ", &two(from), ":00–", &two(to), ":00"]),
            }
        })
        .collect();
    let mut line = crate::utf8::concat(&[s.short_waits, ": "]);
    // (A loop, as `crate::utf8::concat`: no `join` code in the Wasm.)
    for (i, range) in shown.iter().enumerate() {
        if i > 0 {
            line.push_str(", ");
        }
        line.push_str(range);
    }
    if clock.visitor_zone() != centre_zone {
        line.push_str(&crate::utf8::concat(&[
            " (",
            s.local_time_in,
            " ",
            &zone_city(centre_zone),
            ")",
        ]));
    }
    Some(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Monday 23 November 2026, 10:00 in Berlin (UTC+1).
    const MON_10_BERLIN: i64 = 1_795_424_400_000;
    const HOUR: i64 = 3_600_000;

    fn berlin() -> FixedClock {
        FixedClock {
            visitor: ("Europe/Berlin", 60),
            zones: vec![],
        }
    }

    fn london() -> FixedClock {
        FixedClock {
            visitor: ("Europe/London", 0),
            zones: vec![("Europe/Berlin", 60)],
        }
    }

    fn phone(
        state: State,
        next_change: Option<i64>,
        next_open: Option<i64>,
    ) -> ChannelStatus<'static> {
        ChannelStatus {
            id: "phone",
            kind: "phone",
            label: "Hotline",
            href: "tel:+493055501234",
            state,
            reason: None,
            next_change_ms: next_change,
            next_open_ms: next_open,
            week: vec![],
            quiet: &[],
        }
    }

    #[test]
    fn the_fixed_instant_is_monday_ten_oclock_in_berlin() {
        let t = berlin().local(MON_10_BERLIN, None).unwrap();
        assert_eq!(
            (t.year, t.month, t.day, t.weekday, t.hour, t.minute),
            (2026, 11, 23, Weekday::MONDAY, 10, 0)
        );
    }

    #[test]
    fn an_open_channel_says_until_when_in_the_visitors_time() {
        let ch = phone(State::Open, Some(MON_10_BERLIN + 10 * HOUR), None);
        let line = status_line(&ch, "Europe/Berlin", MON_10_BERLIN, &berlin(), UiLang::De);
        assert_eq!(line.as_deref(), Some("Jetzt geöffnet bis 20:00 Uhr"));
        let line = status_line(&ch, "Europe/Berlin", MON_10_BERLIN, &berlin(), UiLang::En);
        assert_eq!(line.as_deref(), Some("Open now until 20:00"));
    }

    #[test]
    fn a_closed_channel_names_the_next_opening_by_day() {
        let clock = berlin();
        let at = |h: i64| {
            let ch = phone(State::Closed, None, Some(MON_10_BERLIN + h * HOUR));
            status_line(&ch, "Europe/Berlin", MON_10_BERLIN, &clock, UiLang::De).unwrap()
        };
        assert_eq!(at(4), "Geschlossen · öffnet heute 14:00 Uhr");
        assert_eq!(at(22), "Geschlossen · öffnet morgen 08:00 Uhr");
        assert_eq!(at(4 * 24 - 2), "Geschlossen · öffnet Freitag 08:00 Uhr");
        assert_eq!(at(9 * 24 - 2), "Geschlossen · öffnet am 2.12. 08:00 Uhr");
    }

    #[test]
    fn a_holiday_reason_is_shown_with_the_next_opening() {
        let mut ch = phone(State::Closed, None, Some(MON_10_BERLIN + 22 * HOUR));
        ch.reason = Some("Holiday");
        let line = status_line(&ch, "Europe/Berlin", MON_10_BERLIN, &berlin(), UiLang::En);
        assert_eq!(
            line.as_deref(),
            Some("Closed (Holiday) · opens tomorrow 08:00")
        );
    }

    #[test]
    fn a_visitor_in_another_zone_also_sees_the_centres_time() {
        let ch = phone(State::Open, Some(MON_10_BERLIN + 10 * HOUR), None);
        let line = status_line(&ch, "Europe/Berlin", MON_10_BERLIN, &london(), UiLang::En);
        assert_eq!(
            line.as_deref(),
            Some("Open now until 19:00 (20:00 time in Berlin)")
        );
    }

    #[test]
    fn an_unknown_state_says_nothing_and_a_closed_one_without_hours_says_closed() {
        let ch = phone(State::Unknown, None, None);
        assert_eq!(
            status_line(&ch, "Europe/Berlin", 0, &berlin(), UiLang::De),
            None
        );
        let ch = phone(State::Closed, None, None);
        let line = status_line(&ch, "Europe/Berlin", MON_10_BERLIN, &berlin(), UiLang::De);
        assert_eq!(line.as_deref(), Some("Geschlossen"));
    }

    /// Hour of the week from Monday 00:00.
    const fn how(weekday: u8, hour: u8) -> u8 {
        weekday * 24 + hour
    }

    /// The seven days from Monday 23 November 2026, open 08:00–20:00 in
    /// Berlin except on the days listed in `closed` (0 = today).
    fn week(closed: &[usize]) -> Vec<crate::hotline::DayHours<'static>> {
        let midnight = MON_10_BERLIN - 10 * HOUR;
        (0..7)
            .map(|i| {
                let start = midnight + i as i64 * 24 * HOUR;
                crate::hotline::DayHours {
                    date: crate::hotline::clock::IsoDate::of_day(20_780 + i as i64),
                    intervals: if closed.contains(&i) {
                        vec![]
                    } else {
                        vec![[start + 8 * HOUR, start + 20 * HOUR]]
                    },
                    note: None,
                }
            })
            .collect()
    }

    const QUIET: &[u8] = &[
        how(0, 18),
        how(0, 19),
        how(1, 17),
        how(1, 18),
        how(1, 19),
        how(5, 9),
        how(5, 12),
        how(5, 13),
    ];

    #[test]
    fn quiet_hours_are_ranges_of_consecutive_hours_the_next_first() {
        let mut ch = phone(State::Open, None, None);
        ch.quiet = QUIET;
        ch.week = week(&[]);
        let line = |ch: &ChannelStatus<'_>, now: i64, clock: &FixedClock, lang: UiLang| {
            quiet_line(ch, "Europe/Berlin", now, clock, lang).unwrap()
        };
        assert_eq!(
            line(&ch, MON_10_BERLIN, &berlin(), UiLang::De),
            "Kurze Wartezeiten: Mo 18–20 Uhr, Di 17–20 Uhr, Sa 9–10 Uhr"
        );
        assert_eq!(
            line(&ch, MON_10_BERLIN, &london(), UiLang::En),
            "Short waits: Mon 18:00–20:00, Tue 17:00–20:00, Sat 09:00–10:00 (time in Berlin)"
        );
        // Tuesday 18:00, its week starting then: the range under way comes first.
        ch.week.remove(0);
        assert_eq!(
            line(&ch, MON_10_BERLIN + 32 * HOUR, &berlin(), UiLang::De),
            "Kurze Wartezeiten: Di 17–20 Uhr, Sa 9–10 Uhr, Sa 12–14 Uhr"
        );
        ch.quiet = &[];
        assert_eq!(
            quiet_line(&ch, "Europe/Berlin", MON_10_BERLIN, &berlin(), UiLang::En),
            None
        );
    }

    #[test]
    fn quiet_hours_on_monday_and_sunday_keep_their_weekday() {
        let mut ch = phone(State::Open, None, None);
        ch.week = week(&[]);
        const MON_8_AND_SUN_10: &[u8] = &[how(0, 8), how(6, 10)];
        ch.quiet = MON_8_AND_SUN_10;
        // Monday 07:00: Monday's hour is next, then Sunday's.
        let line = quiet_line(
            &ch,
            "Europe/Berlin",
            MON_10_BERLIN - 3 * HOUR,
            &berlin(),
            UiLang::En,
        );
        assert_eq!(
            line.as_deref(),
            Some("Short waits: Mon 08:00–09:00, Sun 10:00–11:00")
        );
    }

    #[test]
    fn quiet_hours_are_named_only_where_the_coming_week_opens() {
        let quiet = |closed: &[usize]| {
            let mut ch = phone(State::Closed, None, None);
            ch.quiet = QUIET;
            ch.week = week(closed);
            quiet_line(&ch, "Europe/Berlin", MON_10_BERLIN, &berlin(), UiLang::De)
        };
        // Tuesday (day 1) closed: its range is left out, not promised.
        assert_eq!(
            quiet(&[1]).as_deref(),
            Some("Kurze Wartezeiten: Mo 18–20 Uhr, Sa 9–10 Uhr, Sa 12–14 Uhr")
        );
        // Closed all week: no quiet hours for a channel that does not open.
        assert_eq!(quiet(&[0, 1, 2, 3, 4, 5, 6]), None);
    }

    #[test]
    fn a_short_day_trims_its_quiet_range_to_its_hours() {
        let mut ch = phone(State::Open, None, None);
        ch.quiet = QUIET;
        ch.week = week(&[]);
        // Monday closes at 19:00 instead of 20:00.
        ch.week[0].intervals[0][1] -= HOUR;
        let line = quiet_line(&ch, "Europe/Berlin", MON_10_BERLIN, &berlin(), UiLang::De);
        assert_eq!(
            line.as_deref(),
            Some("Kurze Wartezeiten: Mo 18–19 Uhr, Di 17–20 Uhr, Sa 9–10 Uhr")
        );
    }

    #[test]
    fn a_channel_closed_after_a_short_day_says_which_day_it_was() {
        use crate::hotline::{clock::IsoDate, DayHours};
        let mut ch = phone(State::Closed, None, Some(MON_10_BERLIN + 22 * HOUR));
        // Today ran 08:00–12:00 "Heiligabend"; now it is 13:00.
        ch.week = vec![DayHours {
            date: IsoDate::of_day(20_780),
            intervals: vec![[MON_10_BERLIN - 2 * HOUR, MON_10_BERLIN + 2 * HOUR]],
            note: Some("Heiligabend"),
        }];
        let line = status_line(
            &ch,
            "Europe/Berlin",
            MON_10_BERLIN + 3 * HOUR,
            &berlin(),
            UiLang::De,
        );
        assert_eq!(
            line.as_deref(),
            Some("Geschlossen (Heiligabend: bis 12 Uhr) · öffnet morgen 08:00 Uhr")
        );
        // Open on the short day: the note says why it closes early.
        ch.state = State::Open;
        ch.reason = Some("Christmas Eve");
        ch.next_change_ms = Some(MON_10_BERLIN + 2 * HOUR);
        let line = status_line(&ch, "Europe/Berlin", MON_10_BERLIN, &berlin(), UiLang::En);
        assert_eq!(
            line.as_deref(),
            Some("Open now until 12:00 · Christmas Eve")
        );
    }

    #[test]
    fn a_closure_is_a_status_source_and_the_default_source_knows_nothing() {
        let source = |now: i64, _: &str| {
            Some(HotlineStatus {
                zone: Some(if now == 7 { "Europe/Berlin" } else { "UTC" }),
                channels: vec![],
            })
        };
        assert_eq!(source.status(7, "de").unwrap().zone, Some("Europe/Berlin"));
        assert_eq!(NoLiveStatus.status(7, "de"), None);
    }
}
