//! The event vocabulary is one Rust enum (`help_widget::event::EventKind`);
//! the loader's `EVENTS` list and the `HelpWidgetEvent` type spell the
//! same names in the same order, and every name a JS module emits is one.

use help_widget::event::EventKind;
use std::path::Path;

fn www(file: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("www").join(file)).unwrap()
}

/// The single-quoted strings of `text` between `start` and the next `end`.
fn quoted_between(text: &str, start: &str, end: &str) -> Vec<String> {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start:?}")) + start.len();
    let to = from
        + text[from..]
            .find(end)
            .unwrap_or_else(|| panic!("no {end:?} after {start:?}"));
    text[from..to]
        .split('\'')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

fn vocabulary() -> Vec<String> {
    EventKind::ALL
        .iter()
        .map(|k| k.name().to_string())
        .collect()
}

#[test]
fn the_loaders_events_list_is_the_rust_vocabulary_in_order() {
    let mjs = www("help-widget.mjs");
    assert_eq!(
        quoted_between(&mjs, "export const EVENTS = Object.freeze([", "]);"),
        vocabulary()
    );
}

#[test]
fn the_typescript_event_type_and_its_details_are_the_rust_vocabulary() {
    let dts = www("help-widget.d.ts");
    assert_eq!(
        quoted_between(&dts, "export type HelpWidgetEvent =", ";"),
        vocabulary()
    );
    // Each name has its detail type: `open: {}` or `'no-results': {…}`.
    let details = &dts[dts.find("export interface HelpWidgetEventDetail").unwrap()..];
    let details = &details[..details.find("\n}").unwrap()];
    for name in vocabulary() {
        let key = if name.contains('-') {
            format!("'{name}':")
        } else {
            format!("{name}:")
        };
        assert!(details.contains(&key), "HelpWidgetEventDetail has no {key}");
    }
}

#[test]
fn every_event_a_js_module_emits_is_in_the_vocabulary() {
    let mut seen = 0;
    for file in ["help-widget.mjs", "help-widget-form.mjs"] {
        let text = www(file);
        for call in text.split("emit('").skip(1) {
            let name = &call[..call.find('\'').unwrap()];
            assert!(
                EventKind::from_name(name).is_some(),
                "{file} emits {name:?}, which is not an EventKind"
            );
            seen += 1;
        }
    }
    assert!(
        seen >= 4,
        "found only {seen} emit('…') calls: has the code changed shape?"
    );
}
