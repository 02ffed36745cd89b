//! The report as one self-contained HTML page: inline CSS, charts as inline
//! SVG, no script and nothing loaded from anywhere. Every text from the
//! logs or the knowledge base is escaped.

use super::suggest::{Entries, Found};
use super::text::{form_line, percent, question, TOP_ANSWERS, TOP_FEEDBACK, TOP_GAPS};
use super::{total, Report, Week};
use std::fmt::Write;

use crate::escape::html as escape;

const STYLE: &str = "
body{font:16px/1.5 system-ui,sans-serif;color:#1c1f24;background:#fff;max-width:60rem;margin:0 auto;padding:1rem 1.5rem 3rem}
h1{font-size:1.6rem}h2{margin-top:2.5rem;border-top:1px solid #ccd;padding-top:1rem}h3{font-size:1.05rem;margin-bottom:.3rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #dde;vertical-align:top}
td{overflow-wrap:anywhere}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.note{color:#4a5260}figure{margin:1rem 0}figcaption{font-weight:600}
svg text{font:12px system-ui,sans-serif;fill:#1c1f24}
.legend span{display:inline-block;margin-right:1rem}.swatch{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:-.1rem}
.s0{background:#0b5cad}.s1{background:#b3261e}
";

/// Series colours, distinguishable and dark enough on white (`.s0`, `.s1` in STYLE).
const COLOURS: [&str; 2] = ["#0b5cad", "#b3261e"];

/// The whole page.
pub fn render(r: &Report, kb: &Entries<'_>, site_name: &str) -> String {
    let weeks: Vec<&Week> = r.weeks.values().collect();
    let mut out = String::new();
    let title = if site_name.is_empty() {
        "Deflection report".to_string()
    } else {
        format!("Deflection report: {}", escape(site_name))
    };
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n"
    );
    let _ = writeln!(
        out,
        "<p class=\"note\">{} lines read, {} events counted, {} malformed lines skipped, {} events of other kinds ignored.</p>",
        r.lines,
        r.events,
        r.malformed,
        r.ignored.ranked().iter().map(|(_, n)| **n).sum::<u64>()
    );
    if !r.malformed_lines.is_empty() {
        out.push_str("<details><summary>Malformed lines</summary><ul>");
        for m in &r.malformed_lines {
            let _ = write!(
                out,
                "<li>{}:{}: {}</li>",
                escape(&m.source),
                m.line,
                escape(&m.why)
            );
        }
        out.push_str("</ul></details>\n");
    }
    if weeks.is_empty() {
        out.push_str("<p>No events to report.</p>\n</main>\n</body>\n</html>\n");
        return out;
    }
    let labels: Vec<String> = weeks.iter().map(|w| w.label()).collect();
    let series = |f: &dyn Fn(&Week) -> f64| weeks.iter().map(|w| f(w)).collect::<Vec<f64>>();
    out.push_str(&bar_chart(
        "Searches per week, and those with no results",
        &labels,
        &[
            ("searches", series(&|w| w.searches as f64)),
            ("no results", series(&|w| w.no_results as f64)),
        ],
        false,
    ));
    out.push_str(&bar_chart(
        "Self-service rate per week: answers shown ÷ (answers shown + contact clicks)",
        &labels,
        &[(
            "self-service rate",
            series(&|w| w.self_service_rate().unwrap_or(0.0)),
        )],
        true,
    ));
    out.push_str(&bar_chart(
        "Contact clicks per week, after a search and without one",
        &labels,
        &[
            ("after a search", series(&|w| w.contact_after_search as f64)),
            (
                "without a search",
                series(&|w| w.contact_without_search as f64),
            ),
        ],
        false,
    ));
    if weeks.iter().any(|w| w.has_form()) {
        out.push_str(&bar_chart(
            "Contact form deflection rate per week: resolved by a suggested answer ÷ (resolved + forms sent)",
            &labels,
            &[(
                "form deflection rate",
                series(&|w| w.form_deflection_rate().unwrap_or(0.0)),
            )],
            true,
        ));
    }
    summary(&mut out, &weeks);
    for w in weeks.iter().rev() {
        week(&mut out, w, kb);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// A grouped bar chart with a y axis from 0, one group per week.
fn bar_chart(
    title: &str,
    labels: &[String],
    series: &[(&str, Vec<f64>)],
    percent_axis: bool,
) -> String {
    const W: f64 = 720.0;
    const H: f64 = 240.0;
    const LEFT: f64 = 48.0;
    const BOTTOM: f64 = 28.0;
    const TOP: f64 = 10.0;
    let max = series
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .fold(0.0_f64, f64::max);
    let top = if percent_axis { 1.0 } else { nice_ceiling(max) };
    let plot_h = H - BOTTOM - TOP;
    let group = (W - LEFT - 8.0) / labels.len().max(1) as f64;
    let bar = (group * 0.8 / series.len().max(1) as f64).min(40.0);
    let y = |v: f64| TOP + plot_h * (1.0 - v / top);
    let mut s = String::new();
    let _ = write!(
        s,
        "<figure>\n<figcaption>{}</figcaption>\n<svg viewBox=\"0 0 {W} {H}\" width=\"100%\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">\n",
        escape(title),
        escape(title)
    );
    for i in 0..=4 {
        let v = top * f64::from(i) / 4.0;
        let label = if percent_axis {
            format!("{:.0} %", v * 100.0)
        } else {
            format!("{v:.0}")
        };
        let _ = writeln!(
            s,
            "<line x1=\"{LEFT}\" x2=\"{W}\" y1=\"{0:.1}\" y2=\"{0:.1}\" stroke=\"#dde\"/><text x=\"{1}\" y=\"{2:.1}\" text-anchor=\"end\">{label}</text>",
            y(v),
            LEFT - 6.0,
            y(v) + 4.0
        );
    }
    // Show at most about twelve week labels.
    let every = labels.len().div_ceil(12).max(1);
    for (i, label) in labels.iter().enumerate() {
        let x0 = LEFT + 4.0 + group * i as f64 + (group - bar * series.len() as f64) / 2.0;
        for (k, (name, values)) in series.iter().enumerate() {
            let v = values.get(i).copied().unwrap_or(0.0);
            let shown = if percent_axis {
                percent(v)
            } else {
                format!("{v:.0}")
            };
            let _ = writeln!(
                s,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{bar:.1}\" height=\"{:.1}\" fill=\"{}\"><title>{} {}: {shown}</title></rect>",
                x0 + bar * k as f64,
                y(v),
                (y(0.0) - y(v)).max(0.0),
                COLOURS[k % COLOURS.len()],
                escape(label),
                escape(name)
            );
        }
        if i % every == 0 {
            let _ = writeln!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                LEFT + 4.0 + group * (i as f64 + 0.5),
                H - 8.0,
                escape(label)
            );
        }
    }
    s.push_str("</svg>\n<p class=\"legend\">");
    for (k, (name, _)) in series.iter().enumerate() {
        let _ = write!(
            s,
            "<span><span class=\"swatch s{}\"></span>{}</span>",
            k % COLOURS.len(),
            escape(name)
        );
    }
    s.push_str("</p>\n</figure>\n");
    s
}

/// The smallest of 1, 2, 5 × 10^k at or above `v` (at least 1).
fn nice_ceiling(v: f64) -> f64 {
    let mut step = 1.0;
    loop {
        for m in [1.0, 2.0, 5.0] {
            if m * step >= v {
                return m * step;
            }
        }
        step *= 10.0;
    }
}

fn summary(out: &mut String, weeks: &[&Week]) {
    out.push_str("<h2>Week by week</h2>\n<table>\n<thead><tr><th>week</th><th class=\"n\">searches</th><th class=\"n\">no results</th><th class=\"n\">answers shown</th><th class=\"n\">helpful yes / no</th><th class=\"n\">contact after a search / without</th><th class=\"n\">self-service rate</th></tr></thead>\n<tbody>\n");
    let row = |out: &mut String, label: &str, w: &Week| {
        let (yes, no) = w.helpful();
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{yes} / {no}</td><td class=\"n\">{} / {}</td><td class=\"n\">{}</td></tr>",
            escape(label),
            w.searches,
            w.no_results,
            w.answers_shown,
            w.contact_after_search,
            w.contact_without_search,
            w.self_service_rate().map_or("–".to_string(), percent)
        );
    };
    for w in weeks {
        row(out, &w.label(), w);
    }
    if weeks.len() > 1 {
        row(out, "all weeks", &total(weeks));
    }
    out.push_str("</tbody>\n</table>\n");
    let all = total(weeks);
    if all.has_form() {
        let _ = writeln!(
            out,
            "<p>Contact form, all weeks: {}.</p>",
            escape(&form_line(&all))
        );
    }
}

fn week(out: &mut String, w: &Week, kb: &Entries<'_>) {
    let (mon, sun) = w.dates();
    let _ = writeln!(
        out,
        "<section>\n<h2 id=\"{0}\">{0} <span class=\"note\">({1} to {2})</span></h2>",
        escape(&w.label()),
        mon.as_str(),
        sun.as_str()
    );
    let gaps = w.gaps.ranked();
    if !gaps.is_empty() {
        let _ = writeln!(out, "<h3>Content gaps: searches with no results (top {TOP_GAPS})</h3>\n<table><thead><tr><th class=\"n\">count</th><th>query</th><th>likely entry: add the query as an alias</th></tr></thead><tbody>");
        for (query, n) in gaps.iter().take(TOP_GAPS) {
            let hint = match kb.suggest(query) {
                Some(s) => format!(
                    "{} “{}” <span class=\"note\">({})</span>",
                    escape(&s.id),
                    escape(&s.question),
                    if s.found == Found::Search {
                        "search finds it today"
                    } else {
                        "similar words"
                    }
                ),
                None if kb.bundle.is_some() => {
                    "<span class=\"note\">no close entry: a topic to write?</span>".to_string()
                }
                None => String::new(),
            };
            let _ = writeln!(
                out,
                "<tr><td class=\"n\">{n}</td><td>{}</td><td>{hint}</td></tr>",
                escape(query)
            );
        }
        out.push_str("</tbody></table>\n");
    }
    let answers = w.answers.ranked();
    if !answers.is_empty() {
        let _ = writeln!(out, "<h3>Answers shown (top {TOP_ANSWERS})</h3>\n<table><thead><tr><th class=\"n\">count</th><th>entry</th><th>question</th></tr></thead><tbody>");
        for (id, n) in answers.iter().take(TOP_ANSWERS) {
            let _ = writeln!(
                out,
                "<tr><td class=\"n\">{n}</td><td>{}</td><td>{}</td></tr>",
                escape(id),
                escape(question(kb, id))
            );
        }
        out.push_str("</tbody></table>\n");
    }
    let rated = w.lowest_rated();
    if !rated.is_empty() {
        out.push_str("<h3>Helpful? Lowest rated first</h3>\n<table><thead><tr><th class=\"n\">yes</th><th class=\"n\">no</th><th class=\"n\">yes share</th><th>entry</th><th>question</th></tr></thead><tbody>\n");
        for (id, t) in rated.iter().take(TOP_FEEDBACK) {
            let _ = writeln!(
                out,
                "<tr><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td></tr>",
                t.yes,
                t.no,
                percent(t.rate()),
                escape(id),
                escape(question(kb, id))
            );
        }
        out.push_str("</tbody></table>\n");
    }
    let channels = w.channels.ranked();
    if !channels.is_empty() {
        let list: Vec<String> = channels
            .iter()
            .map(|(c, n)| format!("{} {n}", escape(c)))
            .collect();
        let _ = writeln!(
            out,
            "<p>Contact clicks: {} after a search, {} without one; by channel: {}.</p>",
            w.contact_after_search,
            w.contact_without_search,
            list.join(", ")
        );
    }
    if w.has_form() {
        let _ = writeln!(out, "<p>Contact form: {}.</p>", escape(&form_line(w)));
    }
    out.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_tops_are_round_numbers() {
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(7.0), 10.0);
        assert_eq!(nice_ceiling(812.0), 1000.0);
        assert_eq!(nice_ceiling(120.0), 200.0);
    }
}
