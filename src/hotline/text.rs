//! The hotline status as an editor reads it in a terminal (the CLI's
//! `hotline` command): each channel's state, reason, next change and the
//! week's hours at one instant, on the centre's clock and on a visitor's.
//!
//! It formats what [`super::status`] computes from the bundle, the same
//! runtime the widget runs; only the time-zone names need chrono-tz, which
//! is why this lives behind the `compiler` feature.

use super::{status, ChannelStatus, State};
pub use crate::compiler::hotline::zone::parse as zone;
use crate::engine::Bundle;
use chrono::{DateTime, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use std::fmt::Write;

/// An instant: RFC 3339 with offset (`2026-12-24T13:00:00+01:00`), or a
/// date-time without offset read on `centre`'s clock (`2026-12-24T13:00`).
pub fn parse_instant(text: &str, centre: Tz) -> Result<i64, String> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.timestamp_millis());
    }
    let naive = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .ok_or_else(|| {
            format!("--at {text}: write a date-time such as 2026-12-24T13:00:00+01:00, or 2026-12-24T13:00 on the centre's clock")
        })?;
    centre
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.timestamp_millis())
        .ok_or_else(|| {
            format!("--at {text}: the clocks in {} skip this time (daylight saving time starts); pick a time outside the gap", centre.name())
        })
}

/// The clocks an instant is shown on: the centre's, and a visitor's if it differs.
#[derive(Debug, Clone, Copy)]
pub struct Clocks {
    pub centre: Tz,
    pub visitor: Option<Tz>,
}

impl Clocks {
    fn at(tz: Tz, ms: i64) -> DateTime<Tz> {
        tz.timestamp_millis_opt(ms)
            .single()
            .unwrap_or_else(|| tz.timestamp_millis_opt(0).unwrap())
    }

    /// "Thu 2026-12-24 13:00 CET", then " = 07:00 EST (America/New_York)"
    /// when the visitor's clock differs (with its date if that differs too).
    fn instant(&self, ms: i64) -> String {
        let c = Self::at(self.centre, ms);
        let mut out = c.format("%a %Y-%m-%d %H:%M %Z").to_string();
        if let Some(v) = self.visitor_differs() {
            let v = Self::at(v, ms);
            let fmt = if v.date_naive() == c.date_naive() {
                "%H:%M %Z"
            } else {
                "%a %Y-%m-%d %H:%M %Z"
            };
            let _ = write!(out, " = {} ({})", v.format(fmt), v.timezone().name());
        }
        out
    }

    fn visitor_differs(&self) -> Option<Tz> {
        self.visitor.filter(|v| v != &self.centre)
    }

    /// An open interval on one clock: "08:00–12:00", an end at the next
    /// midnight as "24:00", and the weekday of an end on another day than
    /// `day` ("22:00–Sat 02:00").
    fn interval(tz: Tz, [from, to]: [i64; 2], day: chrono::NaiveDate) -> String {
        let (a, b) = (Self::at(tz, from), Self::at(tz, to));
        let side = |t: &DateTime<Tz>| {
            if t.date_naive() == day {
                t.format("%H:%M").to_string()
            } else if t.time() == chrono::NaiveTime::MIN && day.succ_opt() == Some(t.date_naive()) {
                "24:00".to_string()
            } else {
                t.format("%a %H:%M").to_string()
            }
        };
        format!("{}–{}", side(&a), side(&b))
    }
}

fn state_word(s: State) -> &'static str {
    match s {
        State::Open => "open",
        State::Closed => "closed",
        State::Unknown => "unknown",
    }
}

/// The whole report for `at_ms`, texts in `locale`; `None` when the
/// knowledge base has no hotline.toml.
pub fn describe(
    bundle: &Bundle<'_>,
    at_ms: i64,
    locale: &str,
    visitor: Option<Tz>,
) -> Option<String> {
    let now = status(bundle, at_ms, locale);
    let centre = zone(now.zone?).ok()?;
    let clocks = Clocks { centre, visitor };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: contact channels at {}",
        bundle.meta.site_name,
        clocks.instant(at_ms)
    );
    let _ = writeln!(out, "(centre's clock: {})", centre.name());
    for c in &now.channels {
        out.push('\n');
        channel(&mut out, bundle, c, locale, clocks);
    }
    Some(out)
}

fn channel(
    out: &mut String,
    bundle: &Bundle<'_>,
    c: &ChannelStatus<'_>,
    locale: &str,
    clocks: Clocks,
) {
    let _ = writeln!(out, "{} ({}, id \"{}\") {}", c.label, c.kind, c.id, c.href);
    let reason = c.reason.map_or(String::new(), |r| format!(": {r}"));
    let _ = writeln!(out, "  now:          {}{reason}", state_word(c.state));
    match c.next_change_ms {
        Some(t) => {
            // The state after the change, as the widget will show it then.
            let then = status(bundle, t, locale)
                .channels
                .into_iter()
                .find(|x| x.id == c.id);
            let what = then.map_or(String::new(), |x| {
                let reason = x.reason.map_or(String::new(), |r| format!(": {r}"));
                format!("{}{reason}", state_word(x.state))
            });
            let _ = writeln!(out, "  next change:  {} → {what}", clocks.instant(t));
        }
        None => {
            let _ = writeln!(out, "  next change:  none within the compiled horizon");
        }
    }
    if let (Some(open), false) = (c.next_open_ms, c.next_open_ms == c.next_change_ms) {
        let _ = writeln!(out, "  next opening: {}", clocks.instant(open));
    }
    if c.week.is_empty() {
        let _ = writeln!(
            out,
            "  hours:        unknown: this date lies beyond the compiled horizon; rebuild the knowledge base"
        );
        return;
    }
    let visitor = clocks.visitor_differs();
    let head = match visitor {
        Some(v) => format!(
            "  {:<53}| on {}'s clock",
            "the week on the centre's clock",
            v.name()
        ),
        None => "  the week on the centre's clock:".to_string(),
    };
    let _ = writeln!(out, "{head}");
    for d in &c.week {
        let date =
            chrono::NaiveDate::parse_from_str(d.date.as_str(), "%Y-%m-%d").unwrap_or_default();
        let day = date.format("%a %Y-%m-%d");
        let hours = if d.intervals.is_empty() {
            format!(
                "closed{}",
                d.closed_reason()
                    .map_or(String::new(), |r| format!(": {r}"))
            )
        } else {
            let hours = d
                .intervals
                .iter()
                .map(|&i| Clocks::interval(clocks.centre, i, date))
                .collect::<Vec<_>>()
                .join(", ");
            // A short or special day says why, as the widget does.
            match d.note {
                Some(note) => format!("{hours} ({note})"),
                None => hours,
            }
        };
        let there = match visitor {
            Some(v) if !d.intervals.is_empty() => {
                let shown: Vec<String> = d
                    .intervals
                    .iter()
                    .map(|&i| {
                        let start = Clocks::at(v, i[0]).date_naive();
                        let s = Clocks::interval(v, i, start);
                        if start == date {
                            s
                        } else {
                            format!("{} {s}", start.format("%a"))
                        }
                    })
                    .collect();
                format!(" | {}", shown.join(", "))
            }
            _ => String::new(),
        };
        let line = format!("    {day}  {hours:<34}{there}");
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn berlin() -> Tz {
        zone("Europe/Berlin").unwrap()
    }

    #[test]
    fn an_instant_without_offset_is_read_on_the_centres_clock() {
        let with = parse_instant("2026-12-24T13:00:00+01:00", berlin()).unwrap();
        let without = parse_instant("2026-12-24T13:00", berlin()).unwrap();
        assert_eq!(with, without);
        assert!(parse_instant("2027-03-28T02:30", berlin())
            .unwrap_err()
            .contains("skip this time"));
        assert!(parse_instant("Christmas", berlin()).is_err());
    }

    #[test]
    fn a_zone_written_in_the_wrong_case_is_suggested() {
        assert!(zone("europe/berlin")
            .unwrap_err()
            .contains("did you mean \"Europe/Berlin\"?"));
    }

    #[test]
    fn christmas_eve_shows_the_short_day_and_its_reason_on_both_clocks() {
        let at = parse_instant("2026-12-24T13:00", berlin()).unwrap();
        let text = describe(
            crate::embedded(),
            at,
            "de",
            Some(zone("America/New_York").unwrap()),
        )
        .unwrap();
        assert!(
            text.contains(
                "contact channels at Thu 2026-12-24 13:00 CET = 07:00 EST (America/New_York)"
            ),
            "{text}"
        );
        // The phone closed at noon on Christmas Eve, and the day is named.
        let phone = &text[text.find("Telefon-Hotline").unwrap()..];
        assert!(phone.contains("now:          closed"), "{phone}");
        assert!(
            phone.contains("Thu 2026-12-24  08:00–12:00 (Heiligabend)"),
            "{phone}"
        );
        assert!(phone.contains("| 02:00–06:00"), "{phone}");
        assert!(
            phone.contains("Fri 2026-12-25  closed: Erster Weihnachtsfeiertag"),
            "{phone}"
        );
    }

    #[test]
    fn the_next_change_says_what_the_state_becomes() {
        // A Monday morning before opening: the phone opens at 08:00.
        let at = parse_instant("2026-11-23T07:30", berlin()).unwrap();
        let text = describe(crate::embedded(), at, "en", None).unwrap();
        let phone = &text[text.find("Phone hotline").unwrap()..];
        assert!(phone.contains("now:          closed"), "{phone}");
        assert!(
            phone.contains("next change:  Mon 2026-11-23 08:00 CET → open"),
            "{phone}"
        );
        assert!(
            !text.contains(" = ") && !text.contains(" | "),
            "no visitor zone was given: {text}"
        );
    }
}
