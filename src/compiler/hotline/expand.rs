//! Expands a validated hotline into the HOTLINE tables: every local day of
//! the horizon is evaluated by the `opening-hours` crate with the region's
//! holidays, one-off closures replace whole days, each day's local spans
//! are placed on the UTC axis by the DST policy in [`zone`], and identical
//! days share one pattern.

use super::zone::{Offsets, DAY_MS};
use super::{holidays, Hotline, Localized};
use crate::compiler::site_toml::Site;
use crate::format::{ChannelTable, HotlineTables, Span, SPAN_CLOSED, SPAN_OPEN, SPAN_UNKNOWN};
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, TimeZone};
use compact_calendar::CompactCalendar;
use opening_hours::{Context, ContextHolidays, OpeningHours, RuleKind};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Years before this are never in a horizon: bundles built with a
/// `SOURCE_DATE_EPOCH` of 0 still get useful tables.
pub const EARLIEST_DEFAULT_YEAR: i32 = 2000;

/// The horizon's local dates `[first, end)`.
pub fn horizon(h: &Hotline, built_at: u64) -> (NaiveDate, NaiveDate) {
    let build_year =
        DateTime::from_timestamp(built_at as i64, 0).map_or(EARLIEST_DEFAULT_YEAR, |t| t.year());
    let first_year = h
        .first_year
        .unwrap_or(build_year.max(EARLIEST_DEFAULT_YEAR));
    let first = NaiveDate::from_ymd_opt(first_year, 1, 1).expect("validated year");
    let end = NaiveDate::from_ymd_opt(first_year + h.years as i32, 1, 1).expect("validated year");
    (first, end)
}

/// Texts deduplicated, each with one string per locale.
struct Texts {
    list: Vec<Vec<String>>,
    index: HashMap<Vec<String>, u16>,
}

impl Texts {
    fn add(&mut self, per_locale: Vec<String>) -> u16 {
        if let Some(&i) = self.index.get(&per_locale) {
            return i;
        }
        let i = u16::try_from(self.list.len()).expect("fewer than 65,536 hotline texts");
        self.list.push(per_locale.clone());
        self.index.insert(per_locale, i);
        i
    }
}

/// The region's public holidays as the opening-hours crate's context.
pub fn context(holiday_dates: &[(NaiveDate, holiday_de::GermanHoliday)]) -> Context {
    let mut public = CompactCalendar::default();
    for (d, _) in holiday_dates {
        public.insert(*d);
    }
    Context::default().with_holidays(ContextHolidays::new(
        Arc::new(public),
        Arc::new(CompactCalendar::default()),
    ))
}

/// The spans of local day `date` as the crate evaluates `oh`: closed
/// stretches without comment are left out, neighbours with equal state merged.
pub fn day_spans(
    oh: &OpeningHours,
    date: NaiveDate,
    mut comment: impl FnMut(&str) -> u16,
) -> Vec<Span> {
    let start = date.and_time(NaiveTime::MIN);
    let end = start + TimeDelta::days(1);
    let mut out: Vec<Span> = Vec::new();
    for r in oh.iter_range(start, end) {
        let kind = match r.kind {
            RuleKind::Open => SPAN_OPEN,
            RuleKind::Closed => SPAN_CLOSED,
            RuleKind::Unknown => SPAN_UNKNOWN,
        };
        let text = if r.comment.is_empty() {
            0
        } else {
            comment(&r.comment) + 1
        };
        if kind == SPAN_CLOSED && text == 0 {
            continue;
        }
        let span = Span {
            start_min: (r.range.start - start).num_minutes() as u16,
            end_min: (r.range.end - start).num_minutes() as u16,
            kind,
            comment: text,
        };
        match out.last_mut() {
            Some(l) if l.end_min == span.start_min && l.kind == kind && l.comment == text => {
                l.end_min = span.end_min;
            }
            _ => out.push(span),
        }
    }
    out
}

/// Local spans of day `day` (since 1970) as minutes after the day's UTC
/// start, sorted, with touching equal neighbours merged.
pub fn utc_spans(offsets: &Offsets, day: i64, local: &[Span]) -> Vec<Span> {
    const MIN: i64 = 60_000;
    let start = offsets.day_start(day);
    let mut out: Vec<Span> = Vec::new();
    for s in local {
        let (a, b) = (
            day * DAY_MS + i64::from(s.start_min) * MIN,
            day * DAY_MS + i64::from(s.end_min) * MIN,
        );
        for (x, y) in offsets.to_utc(a, b) {
            out.push(Span {
                start_min: ((x - start) / MIN) as u16,
                end_min: ((y - start) / MIN) as u16,
                ..*s
            });
        }
    }
    out.sort_by_key(|s| s.start_min);
    let mut merged: Vec<Span> = Vec::with_capacity(out.len());
    for s in out {
        match merged.last_mut() {
            Some(l) if l.end_min == s.start_min && l.kind == s.kind && l.comment == s.comment => {
                l.end_min = s.end_min;
            }
            _ => merged.push(s),
        }
    }
    merged
}

/// The HOTLINE section for `h`, with texts in the site's locales.
pub fn tables(h: &Hotline, site: &Site, built_at: u64) -> Vec<u8> {
    let (first, end) = horizon(h, built_at);
    let days = (end - first).num_days();
    let first_day = (first - NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch")).num_days();
    let offsets = Offsets::new(
        h.zone,
        utc_seconds(h.zone, first) - 2 * 86_400,
        utc_seconds(h.zone, end) + 2 * 86_400,
    );
    let mut texts = Texts {
        list: Vec::new(),
        index: HashMap::new(),
    };
    let per_locale = |m: &Localized| -> Vec<String> {
        site.locales
            .iter()
            .map(|l| {
                m.get(l)
                    .or_else(|| m.get(&site.default_locale))
                    .cloned()
                    .unwrap_or_default()
            })
            .collect()
    };
    let lang = |l: &str| l.split('-').next().unwrap_or("").to_string();
    // Neighbouring years too: `PH +1 day` may look across the horizon's edges.
    let holiday_dates = h
        .region
        .map(|r| r.holidays(first.year() - 1..end.year() + 1))
        .unwrap_or_default();
    let holiday_names: BTreeMap<NaiveDate, Vec<String>> = holiday_dates
        .iter()
        .map(|&(d, hol)| {
            let names = site
                .locales
                .iter()
                .map(|l| {
                    holidays::name(hol, &lang(l))
                        .or_else(|| holidays::name(hol, &lang(&site.default_locale)))
                        .unwrap_or(hol.description())
                        .to_string()
                })
                .collect();
            (d, names)
        })
        .collect();
    let ctx = context(&holiday_dates);

    let mut channels = Vec::new();
    for c in &h.channels {
        let oh = c
            .hours
            .parse::<OpeningHours>()
            .expect("checked when loading")
            .with_context(ctx.clone());
        let closures: Vec<(NaiveDate, NaiveDate, Vec<String>)> = h
            .closures
            .iter()
            .filter(|cl| cl.channels.is_empty() || cl.channels.contains(&c.id))
            .map(|cl| (cl.from, cl.until, per_locale(&cl.reason)))
            .collect();
        let mut patterns: Vec<Vec<Span>> = Vec::new();
        let mut pattern_no: HashMap<Vec<Span>, u16> = HashMap::new();
        let mut by_day = Vec::with_capacity(days as usize);
        let mut day_notes = Vec::new();
        for (i, date) in first.iter_days().take(days as usize).enumerate() {
            let closure = closures.iter().find(|(f, u, _)| *f <= date && date <= *u);
            let (spans, note) = match closure {
                Some((_, _, reason)) => (Vec::new(), Some(texts.add(reason.clone()))),
                None => {
                    let local = day_spans(&oh, date, |s| {
                        texts.add(vec![s.to_string(); site.locales.len()])
                    });
                    let spans = utc_spans(&offsets, first_day + i as i64, &local);
                    let note = holiday_names.get(&date).map(|n| texts.add(n.clone()));
                    (spans, note)
                }
            };
            if let Some(n) = note {
                day_notes.push((i as u16, n));
            }
            let next = patterns.len() as u16;
            let p = *pattern_no.entry(spans.clone()).or_insert_with(|| {
                patterns.push(spans);
                next
            });
            by_day.push((date.weekday().num_days_from_monday() as usize, p));
        }
        let week = usual_week(&by_day);
        let exceptions = by_day
            .iter()
            .enumerate()
            .filter(|(_, &(wd, p))| week[wd] != p)
            .map(|(i, &(_, p))| (i as u16, p))
            .collect();
        let quiet = c
            .load
            .as_ref()
            .map(|load| quiet_hours(load, &week, &patterns))
            .unwrap_or_default();
        channels.push(ChannelTable {
            id: &c.id,
            kind: c.kind,
            label: u32::from(texts.add(per_locale(&c.label))),
            href: &c.href,
            patterns,
            week,
            exceptions,
            day_notes,
            quiet,
        });
    }

    let mut midnights: Vec<(u16, i16)> = Vec::new();
    for i in 0..=days {
        let day = first_day + i;
        let off = (day * 1440 - offsets.day_start(day) / 60_000) as i16;
        if midnights.last().is_none_or(|&(_, o)| o != off) {
            midnights.push((i as u16, off));
        }
    }
    let tables = HotlineTables {
        zone: h.zone.name(),
        first_day: first_day as i32,
        days: days as u16,
        midnights,
        texts: texts
            .list
            .iter()
            .map(|t| t.iter().map(String::as_str).collect())
            .collect(),
        channels,
    };
    tables.encode()
}

/// UTC seconds of local midnight starting `date` (roughly; for bounds only).
fn utc_seconds(tz: chrono_tz::Tz, date: NaiveDate) -> i64 {
    let noon = date.and_time(NaiveTime::from_hms_opt(12, 0, 0).expect("noon"));
    tz.from_local_datetime(&noon)
        .earliest()
        .map_or_else(|| noon.and_utc().timestamp(), |t| t.timestamp())
        - 12 * 3600
}

/// The most frequent pattern of each ISO weekday (ties: the lower number).
fn usual_week(by_day: &[(usize, u16)]) -> [u16; 7] {
    let mut counts: [BTreeMap<u16, usize>; 7] = Default::default();
    for &(wd, p) in by_day {
        *counts[wd].entry(p).or_default() += 1;
    }
    let mut week = [0u16; 7];
    for (wd, c) in counts.iter().enumerate() {
        week[wd] = c
            .iter()
            .max_by_key(|&(&p, &n)| (n, std::cmp::Reverse(p)))
            .map_or(0, |(&p, _)| p);
    }
    week
}

/// Hours of the usual week that are open throughout and whose load is in
/// the lowest third of those hours: when waits are usually short.
fn quiet_hours(load: &[[f64; 24]; 7], week: &[u16; 7], patterns: &[Vec<Span>]) -> Vec<u8> {
    let open_hour = |wd: usize, h: u16| {
        patterns[usize::from(week[wd])]
            .iter()
            .any(|s| s.kind == SPAN_OPEN && s.start_min <= h * 60 && h * 60 + 60 <= s.end_min)
    };
    let open: Vec<(u8, f64)> = (0..7)
        .flat_map(|wd| (0..24u16).map(move |h| (wd, h)))
        .filter(|&(wd, h)| open_hour(wd, h))
        .map(|(wd, h)| ((wd * 24 + usize::from(h)) as u8, load[wd][usize::from(h)]))
        .collect();
    if open.is_empty() {
        return Vec::new();
    }
    let mut loads: Vec<f64> = open.iter().map(|o| o.1).collect();
    loads.sort_by(f64::total_cmp);
    let threshold = loads[(loads.len() - 1) / 3];
    open.iter()
        .filter(|o| o.1 <= threshold)
        .map(|o| o.0)
        .collect()
}
