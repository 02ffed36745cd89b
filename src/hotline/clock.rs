//! Civil dates for the centre's local days. Which UTC instant each local
//! day starts at was worked out by the compiler (see the HOTLINE section);
//! the DST policy lives with it, in `compiler::hotline::zone`.

/// Milliseconds per day.
pub const DAY_MS: i64 = 86_400_000;

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

/// ISO weekday of a day number, 0 = Monday (the index of [`Weekday::of_day`]).
pub fn weekday(day: i64) -> usize {
    Weekday::of_day(day).index()
}

/// A day of the week, the one weekday convention of the crate: its index
/// counts from Monday = 0, its ISO number (written in JSON) from Monday = 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Weekday(u8);

impl Weekday {
    pub const MONDAY: Self = Self(0);
    pub const SUNDAY: Self = Self(6);

    /// The weekday of a day number since 1970-01-01 (a Thursday).
    pub fn of_day(day: i64) -> Self {
        Self((day + 3).rem_euclid(7) as u8)
    }

    /// The weekday at `index` (0 = Monday … 6 = Sunday); `None` past Sunday.
    pub fn from_index(index: usize) -> Option<Self> {
        (index < 7).then_some(Self(index as u8))
    }

    /// 0 = Monday … 6 = Sunday: the position in Monday-first tables.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// ISO 8601 number: 1 = Monday … 7 = Sunday.
    pub fn iso(self) -> u8 {
        self.0 + 1
    }
}

/// A local date written `YYYY-MM-DD`, without allocating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IsoDate([u8; 10]);

impl IsoDate {
    /// The date of a day number (years 0–9999).
    pub fn of_day(day: i64) -> Self {
        let (y, m, d) = civil_from_days(day);
        let y = y.clamp(0, 9999) as u32;
        let mut out = [b'-'; 10];
        for (at, v) in [(0, y / 100), (2, y % 100), (5, m), (8, d)] {
            out[at] = b'0' + (v / 10) as u8;
            out[at + 1] = b'0' + (v % 10) as u8;
        }
        Self(out)
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_round_trip_over_four_centuries() {
        for z in (-200_000..200_000).step_by(7) {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(IsoDate::of_day(0).as_str(), "1970-01-01");
        assert_eq!(IsoDate::of_day(20_780).as_str(), "2026-11-23");
        assert_eq!(weekday(0), 3, "1970-01-01 was a Thursday");
    }

    #[test]
    fn a_weekday_counts_from_monday_as_index_zero_and_iso_one() {
        // 2026-11-23 was a Monday, 2026-11-29 a Sunday.
        let monday = Weekday::of_day(days_from_civil(2026, 11, 23));
        assert_eq!(monday, Weekday::MONDAY);
        assert_eq!((monday.index(), monday.iso()), (0, 1));
        let sunday = Weekday::of_day(days_from_civil(2026, 11, 29));
        assert_eq!((sunday.index(), sunday.iso()), (6, 7));
        assert_eq!(Weekday::from_index(6), Some(Weekday::SUNDAY));
        assert_eq!(Weekday::from_index(7), None);
    }
}
