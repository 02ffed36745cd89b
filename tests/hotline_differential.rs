//! Differential test: the compiled HOTLINE tables, read by the runtime,
//! agree with the `opening-hours` crate's own evaluation of the same
//! expressions at every probed instant (random with a fixed seed, every DST
//! night, every public holiday of the horizon).
//!
//! The reference is built here independently of the compiler: the crate
//! parses each expression, `holiday_de` gives the holidays, `chrono-tz`
//! turns each UTC probe into the centre's wall-clock time.
#![cfg(feature = "compiler")]

mod common;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Offset, TimeDelta, TimeZone};
use chrono_tz::Tz;
use common::{copy_of, fixture};
use compact_calendar::CompactCalendar;
use help_widget::compiler::compile_dir;
use help_widget::engine::Bundle;
use help_widget::format::Hotline;
use help_widget::hotline::{status, Channel, State};
use holiday_de::{GermanHoliday, GermanRegion};
use opening_hours::{Context, ContextHolidays, OpeningHours, RuleKind};
use std::collections::BTreeMap;
use std::sync::Arc;

const FIRST_YEAR: i32 = 2026;
const YEARS: i32 = 10;
/// Random instants per centre.
const RANDOM_PROBES: [usize; 2] = [10_000, 4_000];

/// A centre: zone, holiday region, channels (id, hours), closures (from, until, reason, channel).
struct Centre {
    zone: &'static str,
    region: Option<(&'static str, GermanRegion)>,
    channels: &'static [(&'static str, &'static str)],
    closures: &'static [(&'static str, &'static str, &'static str, &'static str)],
}

const BERLIN: Centre = Centre {
    zone: "Europe/Berlin",
    region: Some(("DE-BB", GermanRegion::Brandenburg)),
    channels: &[
        (
            "phone",
            r#"Mo-Fr 08:00-20:00; Sa 09:00-14:00; PH off; Dec 24 08:00-12:00 "Heiligabend"; Dec 31 off"#,
        ),
        (
            "chat",
            r#"Mo-Fr 08:00-22:00; Sa,Su 10:00-18:00; PH 10:00-14:00 "Feiertagsdienst"; Dec 25-26 off "Weihnachten""#,
        ),
        (
            "callback",
            "Mo-Th 08:00-12:00,13:00-17:00; Fr 08:00-12:00,13:00-15:00; PH off",
        ),
        ("late", "Fr 22:00-02:00; Sa 23:30-03:15"),
        ("night", "Mo-Su 00:00-02:30; Mo-Su 02:45-03:10"),
        (
            "dawn",
            r#"Mo-Su 02:30-06:00; Su 07:00-09:00 unknown "nach Bedarf""#,
        ),
        (
            "alternate",
            "week 01-53/2 Mo-Fr 09:00-12:00; week 02-52/2 Mo-Fr 14:00-18:00; PH off",
        ),
        (
            "seasonal",
            "Jan-Mar Mo-Fr 10:00-16:00; Apr-Dec Mo-Sa 08:00-18:00; easter off",
        ),
    ],
    closures: &[
        ("2026-12-28", "2026-12-30", "Umzug", "phone"),
        ("2027-03-01", "2027-03-01", "Betriebsversammlung", "chat"),
        ("2031-07-14", "2031-07-18", "Wartung", "callback"),
    ],
};

const SYDNEY: Centre = Centre {
    zone: "Australia/Sydney",
    region: None,
    channels: &[
        ("phone", "Mo-Fr 08:30-17:30; Sa 09:00-12:00"),
        ("night", "Mo-Su 00:00-02:30; Mo-Su 02:45-03:10"),
        ("dawn", "Mo-Su 02:30-06:00"),
        ("late", "Fr 22:00-02:00"),
    ],
    closures: &[("2026-12-24", "2027-01-02", "Summer break", "phone")],
};

fn hotline_toml(c: &Centre) -> String {
    let mut s = format!(
        "zone = \"{}\"\nfirst_year = {FIRST_YEAR}\nhorizon_years = {YEARS}\n",
        c.zone
    );
    if let Some((code, _)) = c.region {
        s += &format!("region = \"{code}\"\n");
    }
    for (id, hours) in c.channels {
        s += &format!(
            "[[channels]]\nid = \"{id}\"\nkind = \"phone\"\nlabel = \"{id}\"\nhref = \"tel:1\"\nhours = '{hours}'\n"
        );
    }
    for (from, until, reason, channel) in c.closures {
        s += &format!(
            "[[closures]]\nfrom = {from}\nuntil = {until}\nreason = \"{reason}\"\nchannels = [\"{channel}\"]\n"
        );
    }
    s
}

/// A small deterministic generator (xorshift64*), so the probes never change.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// What the reference says at one instant.
#[derive(Debug, PartialEq, Eq, Clone)]
struct Expected {
    state: State,
    reason: Option<String>,
}

type Closure = (NaiveDate, NaiveDate, &'static str);

struct Reference {
    tz: Tz,
    holidays: BTreeMap<NaiveDate, &'static str>,
    /// Per channel: the parsed hours and its closures (from, until, reason).
    channels: Vec<(OpeningHours, Vec<Closure>)>,
}

impl Reference {
    fn new(c: &Centre) -> Self {
        let tz: Tz = c.zone.parse().unwrap();
        let mut holidays = BTreeMap::new();
        let mut public = CompactCalendar::default();
        if let Some((_, region)) = c.region {
            for y in FIRST_YEAR - 1..=FIRST_YEAR + YEARS {
                let mut days = region.holiday_dates_in_year(y);
                // holiday_de leaves out days that always fall on a Sunday;
                // Brandenburg's law (FTG Bbg § 2) names two of them.
                if region == GermanRegion::Brandenburg {
                    for h in [GermanHoliday::Ostersonntag, GermanHoliday::Pfingstsonntag] {
                        days.extend(h.date(y).map(|d| (d, h)));
                    }
                }
                for (d, h) in days {
                    holidays.insert(d, h.description());
                    public.insert(d);
                }
            }
        }
        let ctx = Context::default().with_holidays(ContextHolidays::new(
            Arc::new(public),
            Arc::new(CompactCalendar::default()),
        ));
        let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let channels = c
            .channels
            .iter()
            .map(|(id, hours)| {
                let oh = hours
                    .parse::<OpeningHours>()
                    .unwrap()
                    .with_context(ctx.clone());
                let closures = c
                    .closures
                    .iter()
                    .filter(|cl| cl.3 == *id)
                    .map(|cl| (date(cl.0), date(cl.1), cl.2))
                    .collect();
                (oh, closures)
            })
            .collect();
        Self {
            tz,
            holidays,
            channels,
        }
    }

    fn local(&self, utc_ms: i64) -> NaiveDateTime {
        let t = DateTime::from_timestamp_millis(utc_ms).unwrap();
        self.tz.from_utc_datetime(&t.naive_utc()).naive_local()
    }

    fn offset_s(&self, utc_ms: i64) -> i32 {
        let t = DateTime::from_timestamp_millis(utc_ms).unwrap();
        self.tz
            .offset_from_utc_datetime(&t.naive_utc())
            .fix()
            .local_minus_utc()
    }

    /// Kind and comment per the crate, with one-off closures on top.
    fn crate_state(
        &self,
        channel: usize,
        local: NaiveDateTime,
    ) -> (State, String, Option<&'static str>) {
        let (oh, closures) = &self.channels[channel];
        let day = local.date();
        if let Some(c) = closures.iter().find(|c| c.0 <= day && day <= c.1) {
            return (State::Closed, String::new(), Some(c.2));
        }
        let (kind, comment) = oh.state(local);
        let state = match kind {
            RuleKind::Open => State::Open,
            RuleKind::Closed => State::Closed,
            RuleKind::Unknown => State::Unknown,
        };
        (state, comment.to_string(), None)
    }

    /// The documented reason policy: comment; when closed, the closure or
    /// holiday name of the day first.
    fn expected(&self, channel: usize, utc_ms: i64) -> Expected {
        let local = self.local(utc_ms);
        if !in_horizon(local.date()) {
            return Expected {
                state: State::Unknown,
                reason: None,
            };
        }
        let (state, comment, closure) = self.crate_state(channel, local);
        let comment = (!comment.is_empty()).then_some(comment);
        let reason = match state {
            State::Closed => closure
                .map(str::to_string)
                .or_else(|| self.holidays.get(&local.date()).map(|h| h.to_string()))
                .or(comment),
            _ => comment,
        };
        Expected { state, reason }
    }

    /// The crate's next change of state (not of comment) after local time
    /// `from`; the end of the horizon counts as a change to unknown.
    fn next_local_change(&self, channel: usize, from: NaiveDateTime) -> Option<NaiveDateTime> {
        let now = self.crate_state(channel, from).0;
        let horizon_end =
            NaiveDate::from_ymd_opt(FIRST_YEAR + YEARS, 1, 1)?.and_hms_opt(0, 0, 0)?;
        let mut t = from;
        while t < horizon_end {
            let next = self.channels[channel].0.next_change(t)?;
            // Closures are whole days: step through them day by day.
            let midnight = (t.date() + TimeDelta::days(1)).and_hms_opt(0, 0, 0)?;
            let next = next.min(midnight).min(horizon_end);
            if next < horizon_end && self.crate_state(channel, next).0 != now {
                return Some(next);
            }
            t = next;
        }
        (now != State::Unknown).then_some(horizon_end)
    }
}

/// Whether the tables cover local date `d`; beyond, "unknown" is right.
fn in_horizon(d: NaiveDate) -> bool {
    (FIRST_YEAR..FIRST_YEAR + YEARS).contains(&d.year())
}

/// UTC ms of the zone's offset changes within the horizon, found hourly then narrowed.
fn transitions(r: &Reference, from: i64, to: i64) -> Vec<i64> {
    let mut out = Vec::new();
    let mut t = from;
    while t < to {
        let next = t + 3_600_000;
        if r.offset_s(t) != r.offset_s(next) {
            let (mut lo, mut hi) = (t, next);
            while hi - lo > 1000 {
                let mid = lo + (hi - lo) / 2;
                if r.offset_s(mid) == r.offset_s(t) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            out.push(hi);
        }
        t = next;
    }
    out
}

#[derive(Default)]
struct Tally {
    instants: usize,
    probes: usize,
    next_change_checks: usize,
    exact_next_change_checks: usize,
    disagreements: Vec<String>,
}

fn run(centre: &Centre, random_probes: usize, tally: &mut Tally) {
    let kb = copy_of(&fixture("mini-kb"));
    std::fs::write(kb.path().join("hotline.toml"), hotline_toml(centre)).unwrap();
    let bytes = compile_dir(kb.path(), Some(0))
        .unwrap_or_else(|d| panic!("{d:?}"))
        .bytes;
    let bundle = Bundle::open(&bytes).unwrap();
    let tables = Hotline::new(bundle.hotline_section().unwrap());
    let channels: Vec<Channel> = (0..tables.channel_count())
        .map(|i| Channel::new(tables, i))
        .collect();
    let text = |i: u32| tables.text(i, 0).to_string();
    let r = Reference::new(centre);

    let utc_of = |d: NaiveDate| {
        r.tz.from_local_datetime(&d.and_hms_opt(12, 0, 0).unwrap())
            .unwrap()
            .timestamp_millis()
            - 12 * 3_600_000
    };
    let start = utc_of(NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 2).unwrap());
    let end = utc_of(NaiveDate::from_ymd_opt(FIRST_YEAR + YEARS - 1, 12, 30).unwrap());
    let mut probes: Vec<i64> = Vec::new();
    let mut rng = Rng(0x5eed_2026_1123);
    for _ in 0..random_probes {
        let minute = (rng.next() % ((end - start) / 60_000) as u64) as i64;
        let jitter = [-1, 0, 0, 1, 29_999][(rng.next() % 5) as usize];
        probes.push(start + minute * 60_000 + jitter);
    }
    let dst = transitions(&r, start, end);
    for &t in &dst {
        probes.extend((-36..=36).map(|k| t + k * 5 * 60_000));
    }
    for &d in r.holidays.keys() {
        if d.year() >= FIRST_YEAR && d.year() < FIRST_YEAR + YEARS {
            let midnight = utc_of(d);
            probes.extend((0..48).map(|k| midnight + k * 30 * 60_000 + 60_000));
        }
    }

    for (n, &t) in probes.iter().enumerate() {
        tally.instants += 1;
        for (ci, ch) in channels.iter().enumerate() {
            tally.probes += 1;
            let want = r.expected(ci, t);
            let (state, reason) = ch.state_at(t);
            let got = Expected {
                state,
                reason: reason.map(text),
            };
            if got != want {
                tally.disagreements.push(format!(
                    "{} {} at {t} (local {}): tables {got:?}, crate {want:?}",
                    centre.zone,
                    centre.channels[ci].0,
                    r.local(t)
                ));
                continue;
            }
            // The next change must be a real change, with none before it
            // (every other instant: this is the slow part in debug builds).
            if n % 2 == 1 {
                continue;
            }
            let (next, _) = ch.next_changes(t);
            if let Some(nc) = next {
                tally.next_change_checks += 1;
                let at_change = r.expected(ci, nc).state;
                let just_before = r.expected(ci, nc - 1).state;
                if at_change == want.state || just_before != want.state {
                    tally.disagreements.push(format!(
                        "{} {} at {t}: next change {nc} is not a change ({just_before:?} → {at_change:?})",
                        centre.zone, centre.channels[ci].0
                    ));
                }
                // Without an offset change in between, the wall clock runs
                // straight and the crate's next change is exactly ours.
                if n % 6 == 0 && r.offset_s(t) == r.offset_s(nc) && nc - t < 90 * 86_400_000 {
                    tally.exact_next_change_checks += 1;
                    let local_nc = r.next_local_change(ci, r.local(t));
                    if local_nc != Some(r.local(nc)) {
                        tally.disagreements.push(format!(
                            "{} {} at {t}: next change {} by the tables, {local_nc:?} by the crate",
                            centre.zone,
                            centre.channels[ci].0,
                            r.local(nc)
                        ));
                    }
                }
            }
        }
        // The whole status agrees with the channel tables (sampled).
        if n % 97 == 0 {
            let s = status(&bundle, t, "de");
            for (ci, c) in s.channels.iter().enumerate() {
                let (state, reason) = channels[ci].state_at(t);
                assert_eq!(
                    (c.state, c.reason.map(str::to_string)),
                    (state, reason.map(text))
                );
            }
        }
    }
    println!(
        "{}: {} instants ({} random, {} around {} DST transitions, holidays: the rest) × {} channels",
        centre.zone,
        probes.len(),
        random_probes,
        dst.len() * 73,
        dst.len(),
        channels.len()
    );
}

#[test]
fn compiled_tables_agree_with_the_opening_hours_crate_at_every_probe() {
    let mut tally = Tally::default();
    run(&BERLIN, RANDOM_PROBES[0], &mut tally);
    run(&SYDNEY, RANDOM_PROBES[1], &mut tally);
    println!(
        "differential: {} instants, {} probes (instant × channel), {} next-change checks ({} exact), {} disagreements",
        tally.instants,
        tally.probes,
        tally.next_change_checks,
        tally.exact_next_change_checks,
        tally.disagreements.len()
    );
    for d in tally.disagreements.iter().take(20) {
        println!("  {d}");
    }
    assert!(tally.instants >= 10_000);
    assert!(
        tally.disagreements.is_empty(),
        "{} disagreements",
        tally.disagreements.len()
    );
}
