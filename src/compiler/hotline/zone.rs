//! The centre's wall clock over the horizon: UTC offset transitions of an
//! IANA zone from the tz database in `chrono-tz` (pinned by Cargo.lock;
//! build side only), and local time ranges turned into UTC instants.
//!
//! DST policy ("wall-clock semantics"): a channel is open at an instant
//! exactly when the centre's wall clock at that instant shows a time inside
//! its hours. So a boundary in the spring-forward gap takes effect at the
//! transition instant (the gap's times never show), and in the fall-back
//! overlap the repeated hour is evaluated twice, as the clock shows it twice.

use chrono::{DateTime, Offset, TimeZone};
use chrono_tz::Tz;

/// The IANA zone named `name`, or what is wrong in an editor's words, with
/// the right spelling when only the case differs: the one reading of a zone
/// name (hotline.toml's `zone`, the CLI's `--tz`).
pub fn parse(name: &str) -> Result<Tz, String> {
    let name = name.trim();
    name.parse::<Tz>().map_err(|_| {
        let hint = chrono_tz::TZ_VARIANTS
            .iter()
            .find(|z| z.name().eq_ignore_ascii_case(name))
            .map_or(
                " such as \"Europe/Berlin\" or \"America/New_York\"".to_string(),
                |z| format!("; did you mean \"{}\"?", z.name()),
            );
        format!("\"{name}\" is not an IANA time zone{hint}")
    })
}

fn offset_s(tz: Tz, utc_s: i64) -> i32 {
    let t = DateTime::from_timestamp(utc_s, 0).expect("instant in chrono's range");
    tz.offset_from_utc_datetime(&t.naive_utc())
        .fix()
        .local_minus_utc()
}

/// (offset in seconds at `from_s`, [(UTC ms of a transition, offset after it)])
/// for the UTC seconds `from_s..to_s`. Sampled hourly, then each change is
/// narrowed to the second: no zone changes its offset twice within an hour.
pub fn transitions(tz: Tz, from_s: i64, to_s: i64) -> (i32, Vec<(i64, i32)>) {
    const STEP: i64 = 3600;
    let initial = offset_s(tz, from_s);
    let mut out = Vec::new();
    let (mut t, mut prev) = (from_s, initial);
    while t < to_s {
        let next = (t + STEP).min(to_s);
        let o = offset_s(tz, next);
        if o != prev {
            // The first second with the new offset lies in (t, next].
            let (mut lo, mut hi) = (t, next);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if offset_s(tz, mid) == prev {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            out.push((hi * 1000, o));
            prev = o;
        }
        t = next;
    }
    (initial, out)
}

/// Milliseconds per day.
pub const DAY_MS: i64 = 86_400_000;

/// A zone's offsets over a stretch of time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offsets {
    pub initial_s: i32,
    /// (UTC ms, offset s from then on), ascending.
    pub transitions: Vec<(i64, i32)>,
}

impl Offsets {
    /// The offsets of `tz` between the UTC seconds `from_s` and `to_s`.
    pub fn new(tz: Tz, from_s: i64, to_s: i64) -> Self {
        let (initial_s, transitions) = transitions(tz, from_s, to_s);
        Self {
            initial_s,
            transitions,
        }
    }

    /// Offset (ms) of segment `k`: before transition `k`, after transition `k - 1`.
    fn segment_offset_ms(&self, k: usize) -> i64 {
        i64::from(match k {
            0 => self.initial_s,
            _ => self.transitions[k - 1].1,
        }) * 1000
    }

    /// The UTC instants at which the wall clock reads a local time (ms since
    /// 1970-01-01 local) in `[start, end)`, as ascending, disjoint,
    /// non-touching intervals. Empty for a range inside a spring-forward
    /// gap; two intervals when a fall-back overlap shows part of it twice.
    pub fn to_utc(&self, start: i64, end: i64) -> Vec<(i64, i64)> {
        let mut out: Vec<(i64, i64)> = Vec::new();
        let n = self.transitions.len();
        let mut k = self
            .transitions
            .partition_point(|&(at, _)| at <= start.saturating_sub(2 * DAY_MS));
        while k <= n {
            let seg_start = if k == 0 {
                i64::MIN
            } else {
                self.transitions[k - 1].0
            };
            if seg_start > end.saturating_add(2 * DAY_MS) {
                break;
            }
            let seg_end = if k == n {
                i64::MAX
            } else {
                self.transitions[k].0
            };
            let o = self.segment_offset_ms(k);
            let a = start.max(seg_start.saturating_add(o));
            let b = end.min(seg_end.saturating_add(o));
            if a < b {
                let (a, b) = (a - o, b - o);
                match out.last_mut() {
                    Some(last) if last.1 == a => last.1 = b,
                    _ => out.push((a, b)),
                }
            }
            k += 1;
        }
        out
    }

    /// The first UTC instant (ms) whose local time is on or after the start
    /// of local day `day` (days since 1970-01-01).
    pub fn day_start(&self, day: i64) -> i64 {
        match self.to_utc(day * DAY_MS, (day + 1) * DAY_MS).first() {
            Some(&(start, _)) => start,
            // A day skipped entirely (Samoa, 30 December 2011) starts where the next does.
            None => self.day_start(day + 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: i64 = 3_600_000;
    const MIN: i64 = 60_000;
    /// Berlin 2026: CET → CEST at 01:00 UTC on 29 March, back at 01:00 UTC on 25 October.
    const SPRING: i64 = 1_774_746_000_000;
    const AUTUMN: i64 = 1_792_890_000_000;
    /// Days since 1970 of 29 March and 25 October 2026.
    const SPRING_DAY: i64 = 20_541;
    const AUTUMN_DAY: i64 = 20_751;

    fn berlin() -> Offsets {
        Offsets {
            initial_s: 3600,
            transitions: vec![(SPRING, 7200), (AUTUMN, 3600)],
        }
    }

    fn local(day: i64, hour: i64, min: i64) -> i64 {
        day * DAY_MS + hour * H + min * MIN
    }

    #[test]
    fn a_range_in_the_spring_forward_gap_has_no_instants() {
        let d = SPRING_DAY;
        assert!(berlin().to_utc(local(d, 2, 0), local(d, 3, 0)).is_empty());
    }

    #[test]
    fn a_boundary_in_the_spring_forward_gap_takes_effect_at_the_transition() {
        let d = SPRING_DAY;
        assert_eq!(
            berlin().to_utc(local(d, 2, 30), local(d, 6, 0)),
            vec![(SPRING, SPRING + 3 * H)]
        );
        assert_eq!(
            berlin().to_utc(local(d, 1, 0), local(d, 2, 30)),
            vec![(SPRING - H, SPRING)]
        );
    }

    #[test]
    fn the_fall_back_overlap_shows_a_range_twice() {
        let d = AUTUMN_DAY;
        // 02:15–02:45 happens at 00:15 UTC (CEST) and again at 01:15 UTC (CET).
        assert_eq!(
            berlin().to_utc(local(d, 2, 15), local(d, 2, 45)),
            vec![
                (AUTUMN - 45 * MIN, AUTUMN - 15 * MIN),
                (AUTUMN + 15 * MIN, AUTUMN + 45 * MIN)
            ]
        );
        // A range covering the whole overlap is one interval of 3 + 1 hours.
        assert_eq!(
            berlin().to_utc(local(d, 1, 0), local(d, 4, 0)),
            vec![(AUTUMN - 2 * H, AUTUMN + 2 * H)]
        );
    }

    #[test]
    fn local_days_start_at_their_local_midnight_in_utc() {
        let z = berlin();
        assert_eq!(z.day_start(SPRING_DAY), SPRING - 2 * H);
        assert_eq!(z.day_start(SPRING_DAY + 1), SPRING + 21 * H);
        assert_eq!(
            z.day_start(AUTUMN_DAY + 1) - z.day_start(AUTUMN_DAY),
            25 * H
        );
    }

    #[test]
    fn berlin_changes_twice_a_year_at_one_utc() {
        let tz = parse("Europe/Berlin").unwrap();
        // 2026-01-01 .. 2027-01-01 UTC
        let (initial, t) = transitions(tz, 1_767_225_600, 1_798_761_600);
        assert_eq!(initial, 3600);
        assert_eq!(
            t,
            vec![(1_774_746_000_000, 7200), (1_792_890_000_000, 3600)]
        );
    }

    #[test]
    fn zone_names_are_exact_with_a_suggestion_for_case() {
        assert!(parse("Europe/Berlin").is_ok());
        assert_eq!(
            parse(" europe/berlin").unwrap_err(),
            "\"europe/berlin\" is not an IANA time zone; did you mean \"Europe/Berlin\"?"
        );
        assert_eq!(
            parse("Europe/Lindenau").unwrap_err(),
            "\"Europe/Lindenau\" is not an IANA time zone such as \"Europe/Berlin\" or \"America/New_York\""
        );
    }
}
