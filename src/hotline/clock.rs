//! The centre's wall clock: UTC ↔ local time through the offset transitions
//! the compiler took from the tz database, and civil dates.
//!
//! DST policy ("wall-clock semantics"): a channel is open at an instant
//! exactly when the centre's wall clock at that instant shows a time inside
//! its hours. So a boundary in the spring-forward gap takes effect at the
//! transition instant (the gap's times never show), and in the fall-back
//! overlap the repeated hour is evaluated twice, as the clock shows it twice.

/// Milliseconds per day.
pub const DAY_MS: i64 = 86_400_000;

/// UTC offsets of one zone over the horizon.
#[derive(Debug, Clone, Copy)]
pub struct Zone<'a> {
    pub initial_offset_s: i32,
    /// (UTC ms, offset s from then on), ascending.
    pub transitions: &'a [(i64, i32)],
}

impl Zone<'_> {
    /// Offset in ms in force at the UTC instant `utc`.
    pub fn offset_ms(&self, utc: i64) -> i64 {
        let k = self.transitions.partition_point(|&(at, _)| at <= utc);
        i64::from(self.segment_offset(k)) * 1000
    }

    /// The wall-clock reading at `utc`, as ms since 1970-01-01 local.
    pub fn local(&self, utc: i64) -> i64 {
        utc + self.offset_ms(utc)
    }

    /// Offset (s) of segment `k`: before transition `k`, after transition `k - 1`.
    fn segment_offset(&self, k: usize) -> i32 {
        match k {
            0 => self.initial_offset_s,
            _ => self.transitions[k - 1].1,
        }
    }

    /// The UTC instants at which the wall clock reads a time in the local
    /// range `[start, end)`, as ascending, disjoint, non-touching intervals.
    /// Empty for a range inside a spring-forward gap; two intervals when a
    /// fall-back overlap shows part of the range twice.
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
            let o = i64::from(self.segment_offset(k)) * 1000;
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
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let (m, d) = (i64::from(m), i64::from(d));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// (year, month, day) of a day number since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// ISO weekday of a day number, 0 = Monday.
pub fn weekday(day: i64) -> usize {
    (day + 3).rem_euclid(7) as usize
}

/// `YYYY-MM-DD` of a day number.
pub fn iso_date(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    // By hand: `format!` with widths pulls integer formatting into the Wasm.
    let mut out = String::with_capacity(10);
    for (value, digits) in [(y.clamp(0, 9999) as u32, 4), (m, 2), (d, 2)] {
        if !out.is_empty() {
            out.push('-');
        }
        for p in (0..digits).rev() {
            out.push(char::from(b'0' + (value / 10u32.pow(p) % 10) as u8));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: i64 = 3_600_000;
    /// Berlin 2026: CET → CEST at 01:00 UTC on 29 March, back at 01:00 UTC on 25 October.
    const SPRING: i64 = 1_774_746_000_000;
    const AUTUMN: i64 = 1_792_890_000_000;

    fn berlin() -> Zone<'static> {
        Zone {
            initial_offset_s: 3600,
            transitions: &[(SPRING, 7200), (AUTUMN, 3600)],
        }
    }

    fn local_of(day: i64, hour: i64, min: i64) -> i64 {
        day * DAY_MS + hour * H + min * 60_000
    }

    #[test]
    fn civil_dates_round_trip_over_four_centuries() {
        for z in (-200_000..200_000).step_by(7) {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(iso_date(0), "1970-01-01");
        assert_eq!(weekday(0), 3, "1970-01-01 was a Thursday");
    }

    #[test]
    fn a_range_in_the_spring_forward_gap_has_no_instants() {
        let day = days_from_civil(2026, 3, 29);
        assert!(berlin()
            .to_utc(local_of(day, 2, 0), local_of(day, 3, 0))
            .is_empty());
    }

    #[test]
    fn a_boundary_in_the_spring_forward_gap_takes_effect_at_the_transition() {
        let day = days_from_civil(2026, 3, 29);
        assert_eq!(
            berlin().to_utc(local_of(day, 2, 30), local_of(day, 6, 0)),
            vec![(SPRING, SPRING + 3 * H)]
        );
        assert_eq!(
            berlin().to_utc(local_of(day, 1, 0), local_of(day, 2, 30)),
            vec![(SPRING - H, SPRING)]
        );
    }

    #[test]
    fn the_fall_back_overlap_shows_a_range_twice() {
        let day = days_from_civil(2026, 10, 25);
        // 02:15–02:45 happens at 00:15 UTC (CEST) and again at 01:15 UTC (CET).
        assert_eq!(
            berlin().to_utc(local_of(day, 2, 15), local_of(day, 2, 45)),
            vec![
                (AUTUMN - 45 * 60_000, AUTUMN - 15 * 60_000),
                (AUTUMN + 15 * 60_000, AUTUMN + 45 * 60_000)
            ]
        );
        // A range covering the whole overlap is one interval of 3 + 1 hours.
        assert_eq!(
            berlin().to_utc(local_of(day, 1, 0), local_of(day, 4, 0)),
            vec![(AUTUMN - 2 * H, AUTUMN + 2 * H)]
        );
    }

    #[test]
    fn local_time_follows_the_offset_in_force() {
        let z = berlin();
        assert_eq!(z.local(SPRING - 1), SPRING - 1 + H);
        assert_eq!(z.local(SPRING), SPRING + 2 * H);
        assert_eq!(z.local(AUTUMN), AUTUMN + H);
    }
}
