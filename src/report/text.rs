//! The report as plain text, for a terminal or an e-mail.

use super::suggest::{Entries, Found};
use super::{total, Report, Week};
use std::fmt::Write;

/// Content gaps listed per week.
pub const TOP_GAPS: usize = 20;
/// Answers listed per week.
pub const TOP_ANSWERS: usize = 10;
/// Entries with votes listed per week.
pub const TOP_FEEDBACK: usize = 10;

pub fn percent(share: f64) -> String {
    format!("{:.1} %", share * 100.0)
}

fn share(part: u64, whole: u64) -> String {
    if whole == 0 {
        "–".to_string()
    } else {
        percent(part as f64 / whole as f64)
    }
}

/// The question of entry `id`, or why it is missing.
pub fn question<'a>(kb: &'a Entries<'_>, id: &str) -> &'a str {
    match (kb.bundle, kb.question(id)) {
        (_, Some(q)) => q,
        (Some(_), None) => "(not in this knowledge base)",
        (None, None) => "",
    }
}

/// The whole report.
pub fn render(r: &Report, kb: &Entries<'_>) -> String {
    let mut out = String::new();
    let weeks: Vec<&Week> = r.weeks.values().collect();
    let span = match (weeks.first(), weeks.last()) {
        (Some(a), Some(b)) if a.monday != b.monday => format!(", {} to {}", a.label(), b.label()),
        (Some(a), _) => format!(", {}", a.label()),
        _ => String::new(),
    };
    let _ = writeln!(
        out,
        "Deflection report: {} lines, {} events{span}",
        r.lines, r.events
    );
    header_notes(&mut out, r);
    if weeks.is_empty() {
        let _ = writeln!(out, "\nNo events to report.");
        return out;
    }
    out.push('\n');
    summary_table(&mut out, &weeks);
    for w in &weeks {
        out.push('\n');
        week(&mut out, w, kb);
    }
    out
}

fn header_notes(out: &mut String, r: &Report) {
    if r.before_since > 0 {
        let _ = writeln!(out, "{} events before --since left out", r.before_since);
    }
    if r.malformed > 0 {
        let _ = writeln!(out, "{} malformed line(s) skipped:", r.malformed);
        for m in &r.malformed_lines {
            let _ = writeln!(out, "  {}:{}: {}", m.source, m.line, m.why);
        }
        if r.malformed > r.malformed_lines.len() as u64 {
            let _ = writeln!(
                out,
                "  … and {} more",
                r.malformed - r.malformed_lines.len() as u64
            );
        }
    }
    if !r.ignored.is_empty() {
        let kinds: Vec<String> = r
            .ignored
            .ranked()
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        let n: u64 = r.ignored.ranked().iter().map(|(_, n)| **n).sum();
        let _ = writeln!(
            out,
            "{n} event(s) of other kinds ignored: {}",
            kinds.join(", ")
        );
    }
}

fn summary_table(out: &mut String, weeks: &[&Week]) {
    let _ = writeln!(
        out,
        "{:<10} {:>9} {:>18} {:>8} {:>12} {:>15} {:>13}",
        "week",
        "searches",
        "no results",
        "answers",
        "helpful y/n",
        "contact s/no s",
        "self-service"
    );
    let mut line = |label: &str, w: &Week| {
        let (yes, no) = w.helpful();
        let _ = writeln!(
            out,
            "{label:<10} {:>9} {:>18} {:>8} {:>12} {:>15} {:>13}",
            w.searches,
            format!("{} ({})", w.no_results, share(w.no_results, w.searches)),
            w.answers_shown,
            format!("{yes} / {no}"),
            format!("{} / {}", w.contact_after_search, w.contact_without_search),
            w.self_service_rate().map_or("–".to_string(), percent),
        );
    };
    for w in weeks {
        line(&w.label(), w);
    }
    if weeks.len() > 1 {
        line("all weeks", &total(weeks));
    }
    let _ = writeln!(
        out,
        "(contact s/no s: contact clicks after a search / without one; self-service: answers shown ÷ (answers shown + contact clicks))"
    );
    let all = total(weeks);
    if all.has_form() {
        let _ = writeln!(out, "\nContact form, all weeks: {}", form_line(&all));
    }
}

/// The contact form's figures of `w` in one line.
pub fn form_line(w: &Week) -> String {
    format!(
        "answers suggested {} times, {} opened, {} resolved (\"that solved it\"), {} forms sent; form deflection rate {} (resolved ÷ (resolved + sent))",
        w.form_suggestions,
        w.form_answers_opened,
        w.form_resolved,
        w.form_submitted,
        w.form_deflection_rate().map_or("–".to_string(), percent)
    )
}

fn week(out: &mut String, w: &Week, kb: &Entries<'_>) {
    let (mon, sun) = w.dates();
    let _ = writeln!(
        out,
        "== {} ({} to {}) ==",
        w.label(),
        mon.as_str(),
        sun.as_str()
    );
    let _ = writeln!(
        out,
        "{} searches, {} with no results ({}); {} answers shown; {} contact clicks ({} after a search, {} without); self-service rate {}",
        w.searches,
        w.no_results,
        share(w.no_results, w.searches),
        w.answers_shown,
        w.contacts(),
        w.contact_after_search,
        w.contact_without_search,
        w.self_service_rate().map_or("–".to_string(), percent)
    );

    let gaps = w.gaps.ranked();
    if !gaps.is_empty() {
        let approx = if w.gaps.is_approximate() {
            ", approximate: very many distinct queries"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "\nContent gaps: searches with no results (top {TOP_GAPS}{approx}), and the entry each likely belongs to:"
        );
        for (query, n) in gaps.iter().take(TOP_GAPS) {
            let hint = match kb.suggest(query) {
                Some(s) => {
                    let how = match s.found {
                        Found::Search => "search finds it today",
                        Found::Similar => "similar words",
                    };
                    format!("→ add as alias to {} \"{}\" ({how})", s.id, s.question)
                }
                None if kb.bundle.is_some() => "→ no close entry: a topic to write?".to_string(),
                None => String::new(),
            };
            let line = format!("  {n:>6}  {:<30} {hint}", format!("\"{query}\""));
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }

    let answers = w.answers.ranked();
    if !answers.is_empty() {
        let _ = writeln!(out, "\nAnswers shown (top {TOP_ANSWERS}):");
        for (id, n) in answers.iter().take(TOP_ANSWERS) {
            let q = question(kb, id);
            let _ = writeln!(out, "  {n:>6}  {id}  {q}");
        }
    }

    let rated = w.lowest_rated();
    if !rated.is_empty() {
        let _ = writeln!(out, "\nHelpful? yes / no per entry, lowest rated first:");
        for (id, t) in rated.iter().take(TOP_FEEDBACK) {
            let q = question(kb, id);
            let _ = writeln!(
                out,
                "  {:>4} / {:<4} {:>7} yes  {id}  {q}",
                t.yes,
                t.no,
                percent(t.rate())
            );
        }
    }

    let channels = w.channels.ranked();
    if !channels.is_empty() {
        let list: Vec<String> = channels.iter().map(|(c, n)| format!("{c} {n}")).collect();
        let _ = writeln!(out, "\nContact clicks by channel: {}", list.join(", "));
    }
    if w.has_form() {
        let _ = writeln!(out, "\nContact form: {}", form_line(w));
    }
}
