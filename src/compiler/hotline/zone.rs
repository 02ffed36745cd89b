//! UTC offset transitions of an IANA zone over the horizon, taken from the
//! tz database in `chrono-tz` (pinned by Cargo.lock; build side only).

use chrono::{DateTime, Offset, TimeZone};
use chrono_tz::Tz;

/// The zone named `name`, or a suggestion when only the case differs.
pub fn parse(name: &str) -> Result<Tz, Option<&'static str>> {
    name.parse::<Tz>().map_err(|_| {
        chrono_tz::TZ_VARIANTS
            .iter()
            .find(|z| z.name().eq_ignore_ascii_case(name.trim()))
            .map(|z| z.name())
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

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(parse("europe/berlin").unwrap_err(), Some("Europe/Berlin"));
        assert_eq!(parse("Europe/Lindenau").unwrap_err(), None);
    }
}
