//! `kb/hotline.toml`: the contact centre's zone, holiday region, channels
//! with OSM `opening_hours` expressions, one-off closures and load profiles.
//! Read and validated here (every problem reported with its line), then
//! expanded into the HOTLINE tables by [`expand`].

pub mod expand;
pub mod holidays;
pub mod zone;

use super::diag::{line_of, Diagnostic};
use super::site_toml::Site;
use crate::format::CHANNEL_KINDS;
use chrono::NaiveDate;
use holidays::Region;
use opening_hours::OpeningHours;
use opening_hours_syntax::rules::day::{HolidayKind, WeekDayRange};
use opening_hours_syntax::rules::time::{Time, TimeSelector};
use opening_hours_syntax::rules::{RuleKind, RuleOperator};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// Default number of years the tables cover.
pub const DEFAULT_YEARS: u32 = 10;
/// Most years a horizon may cover.
pub const MAX_YEARS: u32 = 30;

/// A text per locale, as the editors wrote it.
pub type Localized = BTreeMap<String, String>;

/// A validated hotline.toml.
#[derive(Debug, Clone)]
pub struct Hotline {
    pub path: PathBuf,
    pub zone: chrono_tz::Tz,
    /// Public holidays (`PH`); without a region, `PH` is refused.
    pub region: Option<Region>,
    /// First year of the horizon; default: the build year.
    pub first_year: Option<i32>,
    pub years: u32,
    pub channels: Vec<Channel>,
    pub closures: Vec<Closure>,
}

/// One contact channel.
#[derive(Debug, Clone)]
pub struct Channel {
    pub id: String,
    /// Index into [`CHANNEL_KINDS`].
    pub kind: u8,
    pub label: Localized,
    pub href: String,
    /// An OSM opening_hours expression, checked to parse.
    pub hours: String,
    /// Typical load per ISO weekday (Monday first) and local hour.
    pub load: Option<[[f64; 24]; 7]>,
}

/// Whole days (inclusive) on which channels are closed.
#[derive(Debug, Clone)]
pub struct Closure {
    pub from: NaiveDate,
    pub until: NaiveDate,
    pub reason: Localized,
    /// Channel ids; empty for all channels.
    pub channels: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HotlineToml {
    zone: Spanned<String>,
    region: Option<Spanned<String>>,
    horizon_years: Option<Spanned<i64>>,
    first_year: Option<Spanned<i64>>,
    #[serde(default)]
    channels: Vec<ChannelToml>,
    #[serde(default)]
    closures: Vec<ClosureToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChannelToml {
    id: Spanned<String>,
    kind: Spanned<String>,
    label: Spanned<LocalizedToml>,
    href: Spanned<String>,
    hours: Spanned<String>,
    load: Option<Spanned<LoadToml>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum LocalizedToml {
    One(String),
    PerLocale(BTreeMap<String, String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LoadToml {
    #[serde(rename = "Mo")]
    mo: Vec<f64>,
    #[serde(rename = "Tu")]
    tu: Vec<f64>,
    #[serde(rename = "We")]
    we: Vec<f64>,
    #[serde(rename = "Th")]
    th: Vec<f64>,
    #[serde(rename = "Fr")]
    fr: Vec<f64>,
    #[serde(rename = "Sa")]
    sa: Vec<f64>,
    #[serde(rename = "Su")]
    su: Vec<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClosureToml {
    from: Spanned<toml::Value>,
    until: Spanned<toml::Value>,
    reason: Spanned<LocalizedToml>,
    #[serde(default)]
    channels: Vec<Spanned<String>>,
}

/// Reads `text` (the contents of `path`), pushing every problem to `diags`.
pub fn parse(path: &Path, text: &str, site: &Site, diags: &mut Vec<Diagnostic>) -> Option<Hotline> {
    let raw: HotlineToml = match super::toml_error::from_str(path, text, 1, "hotline.toml") {
        Ok(v) => v,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let before = diags.len();
    let mut err = |span: std::ops::Range<usize>, msg: String| {
        diags.push(Diagnostic::new(path, line_of(text, span.start), msg));
    };

    let zone = match zone::parse(raw.zone.get_ref()) {
        Ok(z) => Some(z),
        Err(why) => {
            err(raw.zone.span(), format!("zone {why}"));
            None
        }
    };
    // A misspelt region is reported once, not again at every PH.
    let region_written = raw.region.is_some();
    let region = match &raw.region {
        Some(r) => {
            let region = Region::from_code(r.get_ref());
            if region.is_none() {
                let codes: Vec<&str> = holidays::REGIONS.iter().map(|r| r.0).collect();
                err(
                    r.span(),
                    format!(
                        "region \"{}\" is not a supported holiday region; use a German state code: {}",
                        r.get_ref(),
                        codes.join(", ")
                    ),
                );
            }
            region
        }
        None => None,
    };
    let years = match &raw.horizon_years {
        Some(y) if !(1..=i64::from(MAX_YEARS)).contains(y.get_ref()) => {
            err(
                y.span(),
                format!("horizon_years must be between 1 and {MAX_YEARS}"),
            );
            DEFAULT_YEARS
        }
        Some(y) => *y.get_ref() as u32,
        None => DEFAULT_YEARS,
    };
    let first_year = match &raw.first_year {
        Some(y) if !(i64::from(holidays::FIRST_YEAR)..=2200).contains(y.get_ref()) => {
            err(
                y.span(),
                format!(
                    "first_year must be between {} (first year with holiday data) and 2200",
                    holidays::FIRST_YEAR
                ),
            );
            None
        }
        other => other.as_ref().map(|y| *y.get_ref() as i32),
    };

    if raw.channels.is_empty() {
        diags.push(Diagnostic::new(
            path,
            1,
            "no channels: add at least one [[channels]] table with id, kind, label, href and hours (see docs/editors.md), or delete hotline.toml",
        ));
    }
    use super::limits::{nth_header_line, MAX_CHANNELS, MAX_CLOSURES};
    if raw.channels.len() > MAX_CHANNELS {
        diags.push(Diagnostic::new(
            path,
            nth_header_line(text, "channels", MAX_CHANNELS + 1),
            format!("{} channels, more than {MAX_CHANNELS}: a visitor chooses among a few; keep the ones your centre staffs", raw.channels.len()),
        ));
        return None;
    }
    if raw.closures.len() > MAX_CLOSURES {
        diags.push(Diagnostic::new(
            path,
            nth_header_line(text, "closures", MAX_CLOSURES + 1),
            format!("{} closures, more than {MAX_CLOSURES}: delete the past ones, or write regular closed days into the hours (e.g. \"PH off\")", raw.closures.len()),
        ));
        return None;
    }
    let ids: Vec<String> = raw
        .channels
        .iter()
        .map(|c| c.id.get_ref().trim().to_string())
        .collect();
    let mut channels = Vec::new();
    for c in raw.channels {
        if let Some(c) = channel(path, text, c, site, region_written, diags) {
            if channels.iter().any(|o: &Channel| o.id == c.id) {
                diags.push(Diagnostic::new(
                    path,
                    1,
                    format!("channel id \"{}\" is used twice", c.id),
                ));
            }
            channels.push(c);
        }
    }
    let mut closures = Vec::new();
    for c in raw.closures {
        if let Some(c) = closure(path, text, c, site, &ids, diags) {
            closures.push(c);
        }
    }
    if diags.len() > before {
        return None;
    }
    Some(Hotline {
        path: path.to_path_buf(),
        zone: zone?,
        region,
        first_year,
        years,
        channels,
        closures,
    })
}

fn localized(
    path: &Path,
    text: &str,
    key: &str,
    v: Spanned<LocalizedToml>,
    site: &Site,
    diags: &mut Vec<Diagnostic>,
) -> Option<Localized> {
    let line = line_of(text, v.span().start);
    let map = match v.into_inner() {
        LocalizedToml::One(s) => BTreeMap::from([(site.default_locale.clone(), s)]),
        LocalizedToml::PerLocale(m) => m,
    };
    let mut ok = true;
    for (locale, s) in &map {
        if !site.locales.contains(locale) {
            diags.push(Diagnostic::new(
                path,
                line,
                format!(
                    "{key}: unknown locale \"{locale}\": site.toml lists {:?}",
                    site.locales
                ),
            ));
            ok = false;
        }
        if s.trim().is_empty() {
            diags.push(Diagnostic::new(
                path,
                line,
                format!("{key}: the \"{locale}\" text is empty"),
            ));
            ok = false;
        }
    }
    if !map.contains_key(&site.default_locale) {
        diags.push(Diagnostic::new(
            path,
            line,
            format!(
                "{key}: missing the default locale \"{0}\": write {key} = {{ {0} = \"…\" }}",
                site.default_locale
            ),
        ));
        ok = false;
    }
    ok.then_some(map)
}

fn channel(
    path: &Path,
    text: &str,
    c: ChannelToml,
    site: &Site,
    has_region: bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<Channel> {
    let before = diags.len();
    let at = |s: std::ops::Range<usize>| line_of(text, s.start);
    let id = c.id.get_ref().trim().to_string();
    if id.is_empty()
        || !id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        diags.push(Diagnostic::new(
            path,
            at(c.id.span()),
            format!("channel id \"{id}\" must be lower-case letters, digits and hyphens, e.g. \"phone\""),
        ));
    }
    let kind = CHANNEL_KINDS.iter().position(|k| k == c.kind.get_ref());
    if kind.is_none() {
        diags.push(Diagnostic::new(
            path,
            at(c.kind.span()),
            format!(
                "kind \"{}\" is not one of {}",
                c.kind.get_ref(),
                CHANNEL_KINDS.join(", ")
            ),
        ));
    }
    let href = c.href.get_ref().trim().to_string();
    let problem = match crate::url::classify(&href) {
        Err(why) => Some(why.fix()),
        Ok(crate::url::Kind::Relative) if !href.starts_with('/') => {
            Some("a channel's href starts with tel:, mailto:, https://, http:// or /, e.g. \"tel:+493055501234\"".into())
        }
        Ok(_) if href.chars().any(char::is_whitespace) => Some("remove the spaces".into()),
        Ok(crate::url::Kind::Mail) if !is_mailto_address(&href) => Some(
            "write mailto: and a plain address like service@example.org, optionally ?subject=…"
                .into(),
        ),
        Ok(_) => None,
    };
    if let Some(fix) = problem {
        diags.push(Diagnostic::new(
            path,
            at(c.href.span()),
            format!("href \"{href}\": {fix}"),
        ));
    }
    let hours = c.hours.get_ref().trim().to_string();
    let hours_line = at(c.hours.span());
    match check_hours(&hours) {
        Err(msg) => diags.push(Diagnostic::new(path, hours_line, format!("hours: {msg}"))),
        Ok(oh) if !has_region && uses_public_holidays(&oh) => diags.push(Diagnostic::new(
            path,
            hours_line,
            "hours: PH (public holidays) needs the holiday region: add e.g. region = \"DE-BE\" at the top of hotline.toml",
        )),
        Ok(_) => {}
    }
    let load = c.load.and_then(|l| {
        let line = at(l.span());
        let l = l.into_inner();
        let days = [l.mo, l.tu, l.we, l.th, l.fr, l.sa, l.su];
        let mut out = [[0.0; 24]; 7];
        let mut ok = true;
        for (d, (name, v)) in ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
            .iter()
            .zip(days)
            .enumerate()
        {
            if v.len() != 24 || v.iter().any(|x| !x.is_finite() || *x < 0.0) {
                diags.push(Diagnostic::new(
                    path,
                    line,
                    format!("load.{name} must list 24 non-negative numbers, one per hour from 00:00 (it has {})", v.len()),
                ));
                ok = false;
            } else {
                out[d].copy_from_slice(&v);
            }
        }
        ok.then_some(out)
    });
    let label = localized(path, text, "label", c.label, site, diags);
    if diags.len() > before {
        return None;
    }
    Some(Channel {
        id,
        kind: kind? as u8,
        label: label?,
        href,
        hours,
        load,
    })
}

/// Parses an opening_hours expression and refuses forms that parse but
/// rarely mean what was meant, or that need data the build does not have.
pub fn check_hours(hours: &str) -> Result<OpeningHours, String> {
    if hours.is_empty() {
        return Err("empty: write e.g. hours = \"Mo-Fr 08:00-18:00; PH off\"".into());
    }
    let oh = hours.parse::<OpeningHours>().map_err(|e| {
        format!(
            "\"{hours}\" is not a valid opening_hours expression: {}",
            parser_message(hours, &e.to_string())
        )
    })?;
    let expr = oh.get_expression();
    for (i, rule) in expr.rules.iter().enumerate() {
        let next_additional = expr
            .rules
            .get(i + 1)
            .is_some_and(|r| r.operator == RuleOperator::Additional);
        if next_additional
            && rule.time_selector == TimeSelector::default()
            && rule.kind == RuleKind::Open
            && rule.comment.is_empty()
            && !rule.day_selector.is_empty()
        {
            let fixed = hours.replace(", ", ",");
            return Err(format!(
                "\"{hours}\": \", \" starts a new rule in the strict opening_hours grammar, so \"{}\" alone means open all day; to list days, write them without a space: \"{fixed}\"",
                rule.day_selector
            ));
        }
        for wd in &rule.day_selector.weekday {
            if let WeekDayRange::Holiday {
                kind: HolidayKind::School,
                ..
            } = wd
            {
                return Err(format!("\"{hours}\" uses SH (school holidays), for which the build has no data; list the dates instead, or add a [[closures]] entry"));
            }
        }
        let variable = rule.time_selector.spans.iter().any(|s| {
            matches!(s.range.start, Time::Variable(_)) || matches!(s.range.end, Time::Variable(_))
        });
        if variable {
            return Err(format!("\"{hours}\" uses sunrise, sunset, dawn or dusk, which depend on coordinates the build does not have; write fixed times"));
        }
    }
    Ok(oh)
}

fn uses_public_holidays(oh: &OpeningHours) -> bool {
    oh.get_expression().rules.iter().any(|r| {
        r.day_selector.weekday.iter().any(|w| {
            matches!(
                w,
                WeekDayRange::Holiday {
                    kind: HolidayKind::Public,
                    ..
                }
            )
        })
    })
}

/// The parser's multi-line report as one line: where, what was expected.
fn parser_message(hours: &str, report: &str) -> String {
    let column = report
        .split_once("-->")
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .and_then(|pos| pos.split_once(':'))
        .and_then(|(_, col)| col.parse::<usize>().ok());
    let expected = report
        .lines()
        .find_map(|l| l.trim().strip_prefix("= "))
        .map(|e| e.replace('_', " "));
    match (column, expected) {
        (Some(col), Some(exp)) => {
            let rest: String = hours.chars().skip(col - 1).take(12).collect();
            format!("at column {col} (\"{rest}\"): {exp}; e.g. \"Mo-Fr 08:00-18:00; Dec 24,Dec 31 off\"")
        }
        _ => report.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

fn date_of(v: &toml::Value) -> Option<NaiveDate> {
    let s = match v {
        toml::Value::Datetime(d) if d.time.is_none() && d.offset.is_none() => d.to_string(),
        toml::Value::String(s) => s.clone(),
        _ => return None,
    };
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

fn closure(
    path: &Path,
    text: &str,
    c: ClosureToml,
    site: &Site,
    ids: &[String],
    diags: &mut Vec<Diagnostic>,
) -> Option<Closure> {
    let before = diags.len();
    let mut date = |v: &Spanned<toml::Value>, key: &str| {
        let d = date_of(v.get_ref());
        if d.is_none() {
            diags.push(Diagnostic::new(
                path,
                line_of(text, v.span().start),
                format!("closures: {key} must be a date like {key} = 2026-12-28"),
            ));
        }
        d
    };
    let from = date(&c.from, "from");
    let until = date(&c.until, "until");
    if let (Some(f), Some(u)) = (from, until) {
        if u < f {
            diags.push(Diagnostic::new(
                path,
                line_of(text, c.until.span().start),
                "closures: until is before from (both days are included)",
            ));
        }
    }
    for id in &c.channels {
        if !ids.contains(id.get_ref()) {
            diags.push(Diagnostic::new(
                path,
                line_of(text, id.span().start),
                format!("closures: unknown channel \"{}\"", id.get_ref()),
            ));
        }
    }
    let reason = localized(path, text, "reason", c.reason, site, diags);
    if diags.len() > before {
        return None;
    }
    Some(Closure {
        from: from?,
        until: until?,
        reason: reason?,
        channels: c.channels.into_iter().map(Spanned::into_inner).collect(),
    })
}

/// Whether a `mailto:` href names one plain address (before any `?subject=`).
fn is_mailto_address(href: &str) -> bool {
    let address = href.get("mailto:".len()..).unwrap_or("");
    crate::url::is_email(address.split('?').next().unwrap_or(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comma_and_space_between_days_is_refused_with_the_fix() {
        let e = check_hours("Mo, Tu 08:00-18:00").unwrap_err();
        assert!(e.contains("\"Mo\" alone means open all day"), "{e}");
        assert!(e.contains("\"Mo,Tu 08:00-18:00\""), "{e}");
        assert!(check_hours("Mo,Tu 08:00-18:00").is_ok());
    }

    #[test]
    fn additional_rules_with_their_own_times_are_accepted() {
        assert!(check_hours("Mo 08:00-12:00, Tu 14:00-18:00").is_ok());
        assert!(check_hours("Mo-Fr 08:00-12:00,13:00-17:00; PH off").is_ok());
    }

    #[test]
    fn school_holidays_and_sun_times_are_refused() {
        assert!(check_hours("Mo-Fr 08:00-18:00; SH off")
            .unwrap_err()
            .contains("SH"));
        assert!(check_hours("Mo-Fr sunrise-18:00")
            .unwrap_err()
            .contains("sunrise"));
    }

    #[test]
    fn garbage_is_refused_with_the_parser_message() {
        let e = check_hours("Mo-Fr 8 to 6").unwrap_err();
        assert!(e.contains("not a valid opening_hours expression"), "{e}");
        assert!(check_hours("").is_err());
    }
}
