//! Public holidays of a German state (ISO 3166-2 code such as `DE-BE`),
//! year by year, with their names per language.
//!
//! `holiday_de` knows movable feasts and one-off days (Berlin 8 May 2025,
//! 17 June 2028; Mecklenburg-Vorpommern 8 March from 2023); it has no data
//! before 1995.

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
            .flat_map(|y| self.state.holiday_dates_in_year(y))
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
