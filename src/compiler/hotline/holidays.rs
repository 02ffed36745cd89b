//! Public holidays of a German state (ISO 3166-2 code such as `DE-BE`),
//! year by year, with their names per language.
//!
//! `holiday_de` knows movable feasts and one-off days (Berlin 8 May 2025,
//! 17 June 2028; Mecklenburg-Vorpommern 8 March from 2023); it has no data
//! before 1995. It leaves out holidays that always fall on a Sunday; the
//! one state whose law names such days, Brandenburg (Easter Sunday and
//! Whit Sunday, FTG Bbg § 2), gets them back here, since a channel open on
//! Sundays still closes on them with `PH off`.
//!
//! A region is the state's statutory holidays only: days kept in some
//! municipalities (Corpus Christi in parts of Saxony and Thuringia,
//! Augsburg's 8 August, Assumption Day where Bavaria's Protestants are the
//! majority) are not included; such a centre writes them as closures.

use chrono::NaiveDate;
use holiday_de::{GermanHoliday, GermanRegion};

/// First year with holiday data.
pub const FIRST_YEAR: i32 = 1995;

/// Supported region codes and their states.
pub const REGIONS: [(&str, GermanRegion); 16] = [
    ("DE-BW", GermanRegion::BadenWuerttemberg),
    ("DE-BY", GermanRegion::Bayern),
    ("DE-BE", GermanRegion::Berlin),
    ("DE-BB", GermanRegion::Brandenburg),
    ("DE-HB", GermanRegion::Bremen),
    ("DE-HH", GermanRegion::Hamburg),
    ("DE-HE", GermanRegion::Hessen),
    ("DE-MV", GermanRegion::MechlenburgVorpommern),
    ("DE-NI", GermanRegion::Niedersachsen),
    ("DE-NW", GermanRegion::NordrheinWestfalen),
    ("DE-RP", GermanRegion::RheinlandPfalz),
    ("DE-SL", GermanRegion::Saarland),
    ("DE-SN", GermanRegion::Sachsen),
    ("DE-ST", GermanRegion::SachsenAnhalt),
    ("DE-SH", GermanRegion::SchleswigHolstein),
    ("DE-TH", GermanRegion::Thueringen),
];

/// A holiday region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub code: &'static str,
    state: GermanRegion,
}

impl Region {
    /// The region of an ISO 3166-2 code (case-insensitive).
    pub fn from_code(code: &str) -> Option<Self> {
        REGIONS
            .iter()
            .find(|(c, _)| c.eq_ignore_ascii_case(code.trim()))
            .map(|&(code, state)| Self { code, state })
    }

    /// The region's public holidays in `years`, ascending.
    pub fn holidays(&self, years: std::ops::Range<i32>) -> Vec<(NaiveDate, GermanHoliday)> {
        years
            .flat_map(|y| {
                let mut days = self.state.holiday_dates_in_year(y);
                if self.state == GermanRegion::Brandenburg {
                    let sundays = [GermanHoliday::Ostersonntag, GermanHoliday::Pfingstsonntag];
                    days.extend(sundays.into_iter().filter_map(|h| Some((h.date(y)?, h))));
                    days.sort_unstable_by_key(|&(d, _)| d);
                }
                days
            })
            .collect()
    }
}

/// The holiday's name in `lang` ("de" or "en"); `None` for other languages.
pub fn name(h: GermanHoliday, lang: &str) -> Option<&'static str> {
    use GermanHoliday::*;
    match lang {
        "de" => Some(h.description()),
        "en" => Some(match h {
            Neujahr => "New Year's Day",
            HeiligeDreiKoenige => "Epiphany",
            Frauentag => "International Women's Day",
            Faschingsdienstag => "Shrove Tuesday",
            Aschermittwoch => "Ash Wednesday",
            Gruendonnerstag => "Maundy Thursday",
            Karfreitag => "Good Friday",
            Ostersonntag => "Easter Sunday",
            Ostermontag => "Easter Monday",
            ErsterMai => "Labour Day",
            TagDerBefreiung => "Liberation Day",
            ChristiHimmelfahrt => "Ascension Day",
            Pfingstsonntag => "Whit Sunday",
            Pfingstmontag => "Whit Monday",
            SiebzehnterJuni => "17 June Uprising Memorial Day",
            Fronleichnam => "Corpus Christi",
            AugsburgerFriedensfest => "Augsburg Peace Festival",
            MariaeHimmelfahrt => "Assumption Day",
            Weltkindertag => "World Children's Day",
            TagDerDeutschenEinheit => "Day of German Unity",
            Reformationstag => "Reformation Day",
            Allerheiligen => "All Saints' Day",
            BussUndBettag => "Day of Prayer and Repentance",
            Heiligabend => "Christmas Eve",
            ErsterWeihnachtsfeiertag => "Christmas Day",
            ZweiterWeihnachtsfeiertag => "Boxing Day",
            Silvester => "New Year's Eve",
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(code: &str, year: i32) -> Vec<NaiveDate> {
        Region::from_code(code)
            .unwrap()
            .holidays(year..year + 1)
            .into_iter()
            .map(|(d, _)| d)
            .collect()
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn reformation_day_is_a_holiday_in_brandenburg_not_in_bavaria() {
        assert!(dates("DE-BB", 2026).contains(&ymd(2026, 10, 31)));
        assert!(!dates("DE-BY", 2026).contains(&ymd(2026, 10, 31)));
        assert!(dates("DE-BY", 2026).contains(&ymd(2026, 11, 1)));
    }

    #[test]
    fn berlin_had_a_one_off_holiday_on_8_may_2025_only() {
        assert!(dates("de-be", 2025).contains(&ymd(2025, 5, 8)));
        assert!(!dates("DE-BE", 2026).contains(&ymd(2026, 5, 8)));
    }

    #[test]
    fn movable_feasts_follow_easter() {
        // Easter Sunday 2026 is 5 April.
        let d = dates("DE-BE", 2026);
        for day in [
            ymd(2026, 4, 3),
            ymd(2026, 4, 6),
            ymd(2026, 5, 14),
            ymd(2026, 5, 25),
        ] {
            assert!(d.contains(&day), "{day}");
        }
    }

    /// Easter Sunday (Gregorian, anonymous algorithm), independent of `holiday_de`.
    fn easter(y: i32) -> NaiveDate {
        let (a, b, c) = (y % 19, y / 100, y % 100);
        let (d, e) = (b / 4, b % 4);
        let g = (8 * b + 13) / 25;
        let h = (19 * a + b - d - g + 15) % 30;
        let (i, k) = (c / 4, c % 4);
        let l = (32 + 2 * e + 2 * i - h - k) % 7;
        let m = (a + 11 * h + 19 * l) / 433;
        let month = (h + l - 7 * m + 90) / 25;
        let day = (h + l - 7 * m + 33 * month + 19) % 32;
        ymd(y, month as u32, day as u32)
    }

    /// The holidays each state's holiday law names for `y` (2018 on), written
    /// from the statutes, not from `holiday_de`.
    fn statute(code: &str, y: i32) -> Vec<NaiveDate> {
        let e = easter(y);
        let after_easter = |days: i64| e + chrono::Duration::days(days);
        let (epiphany, womens_day, corpus_christi) = (ymd(y, 1, 6), ymd(y, 3, 8), after_easter(60));
        let (assumption, reformation, all_saints) = (ymd(y, 8, 15), ymd(y, 10, 31), ymd(y, 11, 1));
        // Buß- und Bettag: the Wednesday before 23 November.
        let repentance = (16..=22)
            .map(|d| ymd(y, 11, d))
            .find(|d| chrono::Datelike::weekday(d) == chrono::Weekday::Wed)
            .unwrap();
        let mut days = vec![
            ymd(y, 1, 1),
            after_easter(-2),
            after_easter(1),
            ymd(y, 5, 1),
            after_easter(39),
            after_easter(50),
            ymd(y, 10, 3),
            ymd(y, 12, 25),
            ymd(y, 12, 26),
        ];
        days.extend(match code {
            "DE-BW" => vec![epiphany, corpus_christi, all_saints],
            // Augsburg's 8 August is the city's, not the state's.
            "DE-BY" => vec![epiphany, corpus_christi, assumption, all_saints],
            "DE-BE" => {
                let mut be = vec![womens_day];
                if y == 2020 || y == 2025 {
                    be.push(ymd(y, 5, 8));
                }
                if y == 2028 {
                    be.push(ymd(y, 6, 17));
                }
                if y < 2019 {
                    be.clear();
                }
                be
            }
            "DE-BB" => vec![e, after_easter(49), reformation],
            "DE-HB" | "DE-HH" | "DE-NI" | "DE-SH" => vec![reformation],
            "DE-HE" => vec![corpus_christi],
            "DE-MV" if y >= 2023 => vec![womens_day, reformation],
            "DE-MV" => vec![reformation],
            "DE-NW" | "DE-RP" => vec![corpus_christi, all_saints],
            "DE-SL" => vec![corpus_christi, assumption, all_saints],
            // Corpus Christi only in some municipalities of Saxony and Thuringia.
            "DE-SN" => vec![reformation, repentance],
            "DE-ST" => vec![epiphany, reformation],
            "DE-TH" if y >= 2019 => vec![ymd(y, 9, 20), reformation],
            "DE-TH" => vec![reformation],
            _ => unreachable!("{code}"),
        });
        days.sort();
        days
    }

    #[test]
    fn every_state_has_the_holidays_its_law_names_from_2018_to_2035() {
        for (code, _) in REGIONS {
            for y in 2018..=2035 {
                assert_eq!(dates(code, y), statute(code, y), "{code} {y}");
            }
        }
    }

    #[test]
    fn brandenburg_keeps_easter_sunday_and_whit_sunday() {
        let d = dates("DE-BB", 2026);
        assert!(d.contains(&ymd(2026, 4, 5)) && d.contains(&ymd(2026, 5, 24)));
        let names: Vec<_> = Region::from_code("DE-BB").unwrap().holidays(2026..2027);
        let easter = names.iter().find(|(d, _)| *d == ymd(2026, 4, 5)).unwrap();
        assert_eq!(name(easter.1, "de"), Some("Ostersonntag"));
    }

    #[test]
    fn unknown_region_codes_are_refused() {
        assert!(Region::from_code("DE-XX").is_none());
        assert!(Region::from_code("Berlin").is_none());
    }

    #[test]
    fn every_holiday_has_an_english_name() {
        for (_, h) in Region::from_code("DE-BY").unwrap().holidays(2020..2030) {
            assert!(name(h, "en").is_some_and(|n| !n.is_empty()));
        }
    }
}
