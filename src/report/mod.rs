//! The deflection report: what the widget's own events (posted to
//! `data-beacon-url`, one JSON object per line) say about a help centre,
//! week by week: searches, the searches that found nothing (content gaps)
//! with an entry each most likely belongs to, answers shown, helpful votes,
//! contact clicks with and without a search, and the self-service rate.
//!
//! Logs of any size stream through in bounded memory: lines are read one at
//! a time (at most [`MAX_LINE`] bytes each) and every per-key table is a
//! [`counts::Bounded`]. Malformed lines are counted and skipped with their
//! line numbers; events of other kinds are counted and ignored. Nothing
//! about a visitor is kept: events carry no address or cookie, and queries
//! are shown with numbers and e-mail addresses masked.

pub mod counts;
pub mod event;
pub mod html;
pub mod suggest;
pub mod text;

use crate::hotline::clock::{weekday, IsoDate, DAY_MS};
use counts::{Bounded, Weight};
use event::{Event, Parsed};
use std::collections::BTreeMap;
use std::io::BufRead;

/// Longest line read; longer ones are malformed (and skipped without
/// holding them in memory).
pub const MAX_LINE: usize = 64 * 1024;
/// Distinct keys each per-week table keeps (see [`counts::Bounded`]).
pub const KEYS_PER_TABLE: usize = 20_000;
/// Malformed lines listed by number; the rest are only counted.
pub const MALFORMED_LISTED: usize = 20;
/// The earliest `at` read as a time (2025-01-01, before the widget sent
/// events); earlier ones, like those more than [`LATEST_AHEAD_MS`] after
/// the report's own clock, are malformed. The window bounds the number of
/// weeks, and so the memory, whatever times a log holds.
pub const EARLIEST_MS: i64 = 1_735_689_600_000;
/// How far past the report's clock an `at` may lie (a visitor's clock
/// slightly ahead).
pub const LATEST_AHEAD_MS: i64 = 2 * DAY_MS;

/// Helpful votes for one entry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub yes: u64,
    pub no: u64,
}

impl Weight for Tally {
    fn weight(&self) -> u64 {
        self.yes + self.no
    }
}

impl Tally {
    /// Share of "yes" votes.
    pub fn rate(&self) -> f64 {
        self.yes as f64 / (self.yes + self.no).max(1) as f64
    }
}

/// One week's figures (weeks run Monday to Sunday, UTC).
#[derive(Debug, Clone)]
pub struct Week {
    /// Day number (since 1970) of the week's Monday.
    pub monday: i64,
    pub opens: u64,
    pub searches: u64,
    pub no_results: u64,
    /// Normalised queries that found nothing, with counts.
    pub gaps: Bounded<u64>,
    pub answers_shown: u64,
    /// Entry id → times shown.
    pub answers: Bounded<u64>,
    /// Entry id → helpful yes / no.
    pub feedback: Bounded<Tally>,
    pub contact_after_search: u64,
    pub contact_without_search: u64,
    /// Channel → contact clicks.
    pub channels: Bounded<u64>,
    /// The site's contact form (`form-*` events): times answers were
    /// suggested, suggested answers opened, "that solved it", forms sent.
    pub form_suggestions: u64,
    pub form_answers_opened: u64,
    pub form_resolved: u64,
    pub form_submitted: u64,
}

impl Week {
    fn new(monday: i64) -> Self {
        Self {
            monday,
            opens: 0,
            searches: 0,
            no_results: 0,
            gaps: Bounded::new(KEYS_PER_TABLE),
            answers_shown: 0,
            answers: Bounded::new(KEYS_PER_TABLE),
            feedback: Bounded::new(KEYS_PER_TABLE),
            contact_after_search: 0,
            contact_without_search: 0,
            channels: Bounded::new(1_000),
            form_suggestions: 0,
            form_answers_opened: 0,
            form_resolved: 0,
            form_submitted: 0,
        }
    }

    /// The contact form's deflection rate: of the forms that ended, the
    /// share a suggested answer resolved rather than sent,
    /// `resolved / (resolved + submitted)`. `None` without either.
    pub fn form_deflection_rate(&self) -> Option<f64> {
        let total = self.form_resolved + self.form_submitted;
        (total > 0).then(|| self.form_resolved as f64 / total as f64)
    }

    /// Whether the week has any `form-*` event.
    pub fn has_form(&self) -> bool {
        self.form_suggestions + self.form_answers_opened + self.form_resolved + self.form_submitted
            > 0
    }

    /// Helpful votes of the week over all entries: (yes, no).
    pub fn helpful(&self) -> (u64, u64) {
        self.feedback
            .ranked()
            .iter()
            .fold((0, 0), |(y, n), (_, t)| (y + t.yes, n + t.no))
    }

    /// "2026-W48", the ISO week.
    pub fn label(&self) -> String {
        iso_week_label(self.monday)
    }

    /// Monday and Sunday of the week, `YYYY-MM-DD`.
    pub fn dates(&self) -> (IsoDate, IsoDate) {
        (
            IsoDate::of_day(self.monday),
            IsoDate::of_day(self.monday + 6),
        )
    }

    pub fn contacts(&self) -> u64 {
        self.contact_after_search + self.contact_without_search
    }

    /// The self-service rate: of the times the help centre ended a
    /// visitor's question, the share that was an answer read rather than a
    /// contact click, `answers shown / (answers shown + contact clicks)`.
    /// `None` without either.
    pub fn self_service_rate(&self) -> Option<f64> {
        let total = self.answers_shown + self.contacts();
        (total > 0).then(|| self.answers_shown as f64 / total as f64)
    }

    /// Entries with votes, lowest share of "yes" first, then most "no".
    pub fn lowest_rated(&self) -> Vec<(&str, Tally)> {
        let mut all: Vec<(&str, Tally)> = self
            .feedback
            .ranked()
            .into_iter()
            .map(|(k, v)| (k, *v))
            .collect();
        all.sort_by(|a, b| {
            a.1.rate()
                .total_cmp(&b.1.rate())
                .then(b.1.no.cmp(&a.1.no))
                .then(a.0.cmp(b.0))
        });
        all
    }

    fn add(&mut self, e: Event) {
        match e {
            Event::Open => self.opens += 1,
            Event::Close => {}
            Event::Search { .. } => self.searches += 1,
            Event::NoResults { query } => {
                self.no_results += 1;
                let q = normalise(&query);
                if !q.is_empty() {
                    *self.gaps.entry(&q) += 1;
                }
            }
            Event::AnswerShown { id } => {
                self.answers_shown += 1;
                *self.answers.entry(&id) += 1;
            }
            Event::Feedback { id, helpful } => {
                let t = self.feedback.entry(&id);
                if helpful {
                    t.yes += 1;
                } else {
                    t.no += 1;
                }
            }
            Event::ContactClicked {
                channel,
                after_search,
            } => {
                if after_search {
                    self.contact_after_search += 1;
                } else {
                    self.contact_without_search += 1;
                }
                *self.channels.entry(&channel) += 1;
            }
            Event::FormSuggestions => self.form_suggestions += 1,
            Event::FormAnswerOpened { .. } => self.form_answers_opened += 1,
            Event::FormResolved => self.form_resolved += 1,
            Event::FormSubmitted => self.form_submitted += 1,
        }
    }
}

/// A skipped line: where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    pub source: String,
    pub line: u64,
    pub why: String,
}

/// Everything read from the event logs.
#[derive(Debug, Clone)]
pub struct Report {
    /// Keyed by the week's Monday.
    pub weeks: BTreeMap<i64, Week>,
    pub lines: u64,
    pub events: u64,
    pub malformed: u64,
    /// The first [`MALFORMED_LISTED`] malformed lines.
    pub malformed_lines: Vec<Malformed>,
    /// Events of other kinds, by name: ignored.
    pub ignored: Bounded<u64>,
    /// Events before `--since`.
    pub before_since: u64,
}

/// Reads event logs into a [`Report`], one line at a time.
pub struct Reader {
    report: Report,
    since_ms: Option<i64>,
    /// Times outside `[EARLIEST_MS, now + LATEST_AHEAD_MS]` are malformed.
    latest_ms: i64,
}

impl Reader {
    /// `since_ms`: events before this instant are skipped; `now_ms`: the
    /// report's clock, which no event's time may be much later than.
    pub fn new(since_ms: Option<i64>, now_ms: i64) -> Self {
        Self {
            report: Report {
                weeks: BTreeMap::new(),
                lines: 0,
                events: 0,
                malformed: 0,
                malformed_lines: Vec::new(),
                ignored: Bounded::new(100),
                before_since: 0,
            },
            since_ms,
            latest_ms: now_ms.saturating_add(LATEST_AHEAD_MS),
        }
    }

    /// Reads every line of `input`, named `source` in messages. Where
    /// `input` fails (a truncated or damaged .gz, a read error), the rest of
    /// it counts as one malformed line, and the report goes on.
    pub fn read(&mut self, source: &str, mut input: impl BufRead) {
        let mut buf = Vec::with_capacity(1024);
        let mut line_no = 0u64;
        loop {
            buf.clear();
            let (read, too_long) = match read_line(&mut input, &mut buf) {
                Ok(r) => r,
                Err(e) => {
                    let why = format!("the file cannot be read on from here ({e}): truncated or damaged? The lines before it are counted");
                    self.malformed(source, line_no + 1, why);
                    return;
                }
            };
            if read == 0 {
                return;
            }
            line_no += 1;
            self.report.lines += 1;
            let line = match (too_long, std::str::from_utf8(&buf)) {
                (true, _) => Err(format!("longer than {} kB", MAX_LINE / 1024)),
                (false, Ok(s)) => Ok(s.trim()),
                (false, Err(_)) => Err("not UTF-8".to_string()),
            };
            match line {
                Ok("") => {}
                Ok(text) => self.line(source, line_no, text),
                Err(why) => self.malformed(source, line_no, why),
            }
        }
    }

    fn line(&mut self, source: &str, line_no: u64, text: &str) {
        match event::parse(text) {
            Ok(Parsed::Known { event, at_ms }) => {
                if !(EARLIEST_MS..=self.latest_ms).contains(&at_ms) {
                    let when = if at_ms < EARLIEST_MS {
                        "before 2025"
                    } else {
                        "in the future"
                    };
                    return self.malformed(
                        source,
                        line_no,
                        format!("\"at\" {at_ms} is {when}: not a time the widget sent"),
                    );
                }
                if self.since_ms.is_some_and(|s| at_ms < s) {
                    self.report.before_since += 1;
                    return;
                }
                self.report.events += 1;
                let monday = monday_of(at_ms);
                self.report
                    .weeks
                    .entry(monday)
                    .or_insert_with(|| Week::new(monday))
                    .add(event);
            }
            Ok(Parsed::Other { name }) => *self.report.ignored.entry(&name) += 1,
            Err(why) => self.malformed(source, line_no, why),
        }
    }

    fn malformed(&mut self, source: &str, line: u64, why: String) {
        self.report.malformed += 1;
        if self.report.malformed_lines.len() < MALFORMED_LISTED {
            self.report.malformed_lines.push(Malformed {
                source: event::printable(source),
                line,
                why: event::printable(&why),
            });
        }
    }

    pub fn finish(self) -> Report {
        self.report
    }
}

/// Reads up to and including the next `\n` into `buf`, keeping at most
/// [`MAX_LINE`] bytes: (bytes consumed, whether the line was longer).
fn read_line(input: &mut impl BufRead, buf: &mut Vec<u8>) -> std::io::Result<(usize, bool)> {
    let (mut consumed, mut too_long) = (0, false);
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            return Ok((consumed, too_long));
        }
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let content = &chunk[..if done { take - 1 } else { take }];
        if buf.len() + content.len() > MAX_LINE {
            too_long = true;
        } else {
            buf.extend_from_slice(content);
        }
        input.consume(take);
        consumed += take;
        if done {
            return Ok((consumed, too_long));
        }
    }
}

/// Day number of the Monday of the (UTC) week containing `ms`.
pub fn monday_of(ms: i64) -> i64 {
    let day = ms.div_euclid(DAY_MS);
    day - weekday(day) as i64
}

/// The ISO 8601 week of the week starting on Monday `monday`: "2026-W48".
pub fn iso_week_label(monday: i64) -> String {
    // The ISO year is the year of the week's Thursday.
    let thursday = monday + 3;
    let (year, _, _) = crate::hotline::clock::civil_from_days(thursday);
    let jan1 = crate::hotline::clock::days_from_civil(year, 1, 1);
    let week = (thursday - jan1) / 7 + 1;
    format!("{year}-W{week:02}")
}

/// A query as a content gap is counted: lower case, single spaces, no
/// punctuation around words, and nothing personal: a word with five or
/// more digits becomes `<number>`, one with an `@` becomes `<e-mail>`.
pub fn normalise(query: &str) -> String {
    let mut out = String::with_capacity(query.len());
    for word in query.split_whitespace() {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        if word.contains('@') {
            out.push_str("<e-mail>");
        } else if word.chars().filter(char::is_ascii_digit).count() >= 5 {
            out.push_str("<number>");
        } else {
            out.extend(word.chars().flat_map(char::to_lowercase));
        }
    }
    out
}

/// Totals over several weeks (for the summary line and the HTML's heading).
pub fn total(weeks: &[&Week]) -> Week {
    let mut t = Week::new(weeks.first().map_or(0, |w| w.monday));
    for w in weeks {
        t.opens += w.opens;
        t.searches += w.searches;
        t.no_results += w.no_results;
        t.answers_shown += w.answers_shown;
        t.contact_after_search += w.contact_after_search;
        t.contact_without_search += w.contact_without_search;
        t.form_suggestions += w.form_suggestions;
        t.form_answers_opened += w.form_answers_opened;
        t.form_resolved += w.form_resolved;
        t.form_submitted += w.form_submitted;
        t.gaps.merge(&w.gaps, |a, b| *a += b);
        t.answers.merge(&w.answers, |a, b| *a += b);
        t.channels.merge(&w.channels, |a, b| *a += b);
        t.feedback.merge(&w.feedback, |a, b| {
            a.yes += b.yes;
            a.no += b.no;
        });
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The report's clock in these tests: 2026-12-31.
    const NOW: i64 = 1_798_675_200_000;

    fn read(text: &str, since_ms: Option<i64>) -> Report {
        let mut r = Reader::new(since_ms, NOW);
        r.read("events.jsonl", text.as_bytes());
        r.finish()
    }

    /// 2026-11-23 (a Monday) 10:00 UTC plus `days`.
    fn at(days: i64) -> i64 {
        let monday = crate::hotline::clock::days_from_civil(2026, 11, 23);
        (monday + days) * DAY_MS + 10 * 3_600_000
    }

    #[test]
    fn weeks_are_iso_weeks_from_monday() {
        assert_eq!(iso_week_label(monday_of(at(0))), "2026-W48");
        assert_eq!(
            monday_of(at(6)),
            monday_of(at(0)),
            "Sunday is in Monday's week"
        );
        assert_ne!(monday_of(at(7)), monday_of(at(0)));
        // 2027-01-01 is a Friday: it belongs to 2026's week 53.
        let new_year = crate::hotline::clock::days_from_civil(2027, 1, 1) * DAY_MS;
        assert_eq!(iso_week_label(monday_of(new_year)), "2026-W53");
    }

    #[test]
    fn events_are_counted_in_their_week() {
        let log = [
            format!(r#"{{"event":"search","query":"Zähler","count":2,"page":"/","at":{}}}"#, at(0)),
            format!(r#"{{"event":"search","query":"wärmepumpe","count":0,"page":"/","at":{}}}"#, at(1)),
            format!(r#"{{"event":"no-results","query":"Wärmepumpe?","page":"/","at":{}}}"#, at(1)),
            format!(r#"{{"event":"answer-shown","id":"de/meter-reading","question":"?","page":"/","at":{}}}"#, at(1)),
            format!(r#"{{"event":"feedback","id":"de/meter-reading","helpful":false,"page":"/","at":{}}}"#, at(2)),
            format!(r#"{{"event":"contact-clicked","channel":"phone","query":"wärmepumpe","page":"/","at":{}}}"#, at(2)),
            format!(r#"{{"event":"contact-clicked","channel":"email","query":"","page":"/","at":{}}}"#, at(9)),
        ]
        .join("\n");
        let r = read(&log, None);
        assert_eq!(r.weeks.len(), 2);
        let w = &r.weeks[&monday_of(at(0))];
        assert_eq!((w.searches, w.no_results, w.answers_shown), (2, 1, 1));
        assert_eq!(w.gaps.ranked(), [("wärmepumpe", &1)]);
        assert_eq!(
            w.feedback.get("de/meter-reading"),
            Some(&Tally { yes: 0, no: 1 })
        );
        assert_eq!((w.contact_after_search, w.contact_without_search), (1, 0));
        assert_eq!(w.self_service_rate(), Some(0.5));
        let next = &r.weeks[&monday_of(at(7))];
        assert_eq!(
            (next.contact_after_search, next.contact_without_search),
            (0, 1)
        );
        assert_eq!(next.self_service_rate(), Some(0.0));
    }

    #[test]
    fn malformed_lines_are_counted_with_their_numbers_and_unknown_events_ignored() {
        let log = format!(
            "{{\"event\":\"open\",\"at\":{}}}\nnot json\n\n{{\"event\":\"widget-v9\",\"at\":1}}\n{{\"event\":\"search\",\"at\":1}}\n",
            at(0)
        );
        let r = read(&log, None);
        assert_eq!((r.lines, r.events, r.malformed), (5, 1, 2));
        let where_: Vec<u64> = r.malformed_lines.iter().map(|m| m.line).collect();
        assert_eq!(where_, [2, 5]);
        assert_eq!(r.malformed_lines[1].why, "search without \"query\"");
        assert_eq!(r.ignored.ranked(), [("widget-v9", &1)]);
    }

    #[test]
    fn times_outside_the_plausible_window_are_malformed_and_make_no_weeks() {
        let mut log = String::new();
        for i in 0..10_000i64 {
            // Far in the past and far in the future: 20,000 distinct weeks.
            let past = -i * 7 * DAY_MS;
            let future = NOW + (i + 1) * 7 * DAY_MS;
            log.push_str(&format!(
                "{{\"event\":\"open\",\"at\":{past}}}\n{{\"event\":\"open\",\"at\":{future}}}\n"
            ));
        }
        log.push_str(&format!("{{\"event\":\"open\",\"at\":{}}}\n", at(0)));
        log.push_str("{\"event\":\"open\",\"at\":1e300}\n");
        let r = read(&log, None);
        assert_eq!((r.events, r.malformed, r.weeks.len()), (1, 20_001, 1));
        assert!(
            r.malformed_lines[0].why.contains("before 2025"),
            "{:?}",
            r.malformed_lines[0]
        );
        assert!(
            r.malformed_lines[1].why.contains("in the future"),
            "{:?}",
            r.malformed_lines[1]
        );
    }

    #[test]
    fn a_truncated_gzip_counts_as_malformed_from_where_it_breaks_and_the_next_file_is_read() {
        use std::io::Write;
        let mut log = String::new();
        for _ in 0..2_000 {
            log.push_str(&format!("{{\"event\":\"open\",\"at\":{}}}\n", at(0)));
        }
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(log.as_bytes()).unwrap();
        let gz = gz.finish().unwrap();
        let cut = &gz[..gz.len() / 2];
        let mut damaged = gz.clone();
        let middle = damaged.len() / 2;
        damaged[middle..middle + 8].fill(0xff);
        let mut r = Reader::new(None, NOW);
        for (name, bytes) in [("cut.gz", cut), ("damaged.gz", &damaged[..])] {
            let decoder = flate2::read::MultiGzDecoder::new(bytes);
            r.read(name, std::io::BufReader::new(decoder));
        }
        r.read(
            "next.jsonl",
            format!("{{\"event\":\"open\",\"at\":{}}}\n", at(1)).as_bytes(),
        );
        let r = r.finish();
        assert_eq!(r.malformed, 2, "{:?}", r.malformed_lines);
        assert!(r
            .malformed_lines
            .iter()
            .all(|m| m.why.contains("cannot be read on")));
        assert_eq!(r.malformed_lines[0].source, "cut.gz");
        assert!(r.events > 1 && r.events < 4_001, "{}", r.events);
    }

    #[test]
    fn an_overlong_line_is_malformed_and_the_next_line_still_read() {
        let log = format!(
            "{}\n{{\"event\":\"open\",\"at\":{}}}\n",
            "x".repeat(MAX_LINE * 3),
            at(0)
        );
        let r = read(&log, None);
        assert_eq!((r.malformed, r.events), (1, 1));
        assert!(r.malformed_lines[0].why.starts_with("longer than"));
    }

    #[test]
    fn events_before_since_are_skipped() {
        let log = format!(
            "{{\"event\":\"open\",\"at\":{}}}\n{{\"event\":\"open\",\"at\":{}}}",
            at(0),
            at(8)
        );
        let r = read(&log, Some(at(7)));
        assert_eq!((r.events, r.before_since, r.weeks.len()), (1, 1, 1));
    }

    #[test]
    fn queries_are_normalised_without_personal_data() {
        assert_eq!(
            normalise("  Wärmepumpe   Förderung? "),
            "wärmepumpe förderung"
        );
        assert_eq!(normalise("Kundennummer 1234567"), "kundennummer <number>");
        assert_eq!(normalise("max@example.org kündigen"), "<e-mail> kündigen");
        assert_eq!(normalise("PLZ 10115 tarif 2026"), "plz <number> tarif 2026");
    }

    #[test]
    fn the_lowest_rated_entry_comes_first() {
        let mut w = Week::new(0);
        for (id, helpful) in [
            ("a", true),
            ("a", true),
            ("b", false),
            ("b", true),
            ("c", false),
        ] {
            w.add(Event::Feedback {
                id: id.into(),
                helpful,
            });
        }
        let order: Vec<&str> = w.lowest_rated().into_iter().map(|(id, _)| id).collect();
        assert_eq!(order, ["c", "b", "a"]);
    }
}
