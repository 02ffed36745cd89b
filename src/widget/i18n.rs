//! The widget's own words in German and English, and which language a
//! visitor gets. Knowledge-base content has its own locales; these are only
//! the strings around it (buttons, labels, announcements).
//!
//! An engine built with one language's cargo feature (`lang-de` or
//! `lang-en`, see `crate::analysis`) carries that language's words alone
//! and speaks it to every visitor, as its kit's shell does.

use crate::analysis::{ENGLISH, GERMAN};
use crate::digits::{decimal, grouped};

/// A language the widget's interface speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UiLang {
    De,
    En,
}

impl UiLang {
    /// The interface language for a BCP 47 tag (`de-AT` → German), if
    /// this build speaks it.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = crate::analysis::primary_subtag(tag.trim());
        if GERMAN && primary.eq_ignore_ascii_case("de") {
            Some(Self::De)
        } else if ENGLISH && primary.eq_ignore_ascii_case("en") {
            Some(Self::En)
        } else {
            None
        }
    }

    /// `self` if this build speaks it, else the language it speaks: a
    /// constant in a one-language build, so the other's words are not in it.
    fn built(self) -> Self {
        match self {
            Self::De if GERMAN => Self::De,
            Self::En if ENGLISH => Self::En,
            _ if ENGLISH => Self::En,
            _ => Self::De,
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Self::De => "de",
            Self::En => "en",
        }
    }

    pub fn strings(self) -> &'static Strings {
        match self.built() {
            Self::De => &DE,
            Self::En => &EN,
        }
    }

    pub fn loader_strings(self) -> &'static LoaderStrings {
        match self.built() {
            Self::De => &LOADER_DE,
            Self::En => &LOADER_EN,
        }
    }

    /// "3 Antworten gefunden": what the live region announces after typing.
    pub fn result_count(self, n: usize) -> String {
        match (self.built(), n) {
            (Self::De, 0) => "Keine passende Antwort gefunden".into(),
            (Self::De, 1) => "1 Antwort gefunden".into(),
            (Self::De, n) => decimal(n as u64, 0) + " Antworten gefunden",
            (Self::En, 0) => "No matching answer found".into(),
            (Self::En, 1) => "1 answer found".into(),
            (Self::En, n) => decimal(n as u64, 0) + " answers found",
        }
    }

    /// The line under a topic's list that shows `shown` of its `total` entries.
    pub fn first_of(self, shown: usize, total: usize) -> String {
        let lang = self.built();
        let sep = match lang {
            Self::De => '.',
            Self::En => ',',
        };
        let (shown, total) = (grouped(shown as u64, sep), grouped(total as u64, sep));
        let words = match lang {
            Self::De => [
                "Die ersten ",
                " von ",
                " Einträgen; die Suche findet jeden.",
            ],
            Self::En => [
                "The first ",
                " of ",
                " entries; the search finds any of them.",
            ],
        };
        crate::utf8::concat(&[words[0], &shown, words[1], &total, words[2]])
    }
}

/// The visitor's preferred language tag: the first non-empty of the embed's
/// `data-locale`, the page's `<html lang>` and the browser's languages.
pub fn preferred_tag<'a>(candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(str::trim)
        .find(|t| !t.is_empty())
}

/// The interface language for the visitor's tag; English for any language
/// the widget has no strings for, German only when asked for (in a
/// one-language build, its language for every tag).
pub fn ui_lang(tag: Option<&str>) -> UiLang {
    tag.and_then(UiLang::from_tag)
        .unwrap_or(if ENGLISH { UiLang::En } else { UiLang::De })
}

/// The interface languages of a kit for knowledge-base `locales`: German
/// alone when every locale is German, English alone when none is (English
/// speaks to the visitors of other languages too), else both. The kit
/// ships the engine of each (cargo features `lang-de`, `lang-en`;
/// `src/kit.rs`) and a shell with their words; a visitor loads their
/// locale's engine, and it and the loader speak its language.
pub fn kit_languages<'a>(locales: impl IntoIterator<Item = &'a str>) -> &'static [UiLang] {
    let (mut german, mut other) = (false, false);
    for locale in locales {
        match crate::analysis::Lang::from_locale(locale) {
            crate::analysis::Lang::German => german = true,
            _ => other = true,
        }
    }
    match (german, other) {
        (true, false) => &[UiLang::De],
        (false, _) => &[UiLang::En],
        (true, true) => &[UiLang::De, UiLang::En],
    }
}

/// The fixed strings the Wasm draws: the panel's content, the contact
/// block and the hotline's status (the loader shows a few of them too,
/// from the shell).
#[derive(Debug)]
pub struct Strings {
    pub title: &'static str,
    pub suggestions: &'static str,
    pub notices: &'static str,
    pub top_questions: &'static str,
    pub categories: &'static str,
    pub no_results: &'static str,
    pub did_you_mean: &'static str,
    pub back: &'static str,
    pub related: &'static str,
    pub helpful: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub thanks_yes: &'static str,
    pub thanks_no: &'static str,
    pub still_need_help: &'static str,
    pub still_need_help_intro: &'static str,
    /// The contact block's heading right after a visitor asked for a person.
    pub talk_to_us: &'static str,
    pub call: &'static str,
    pub write_email: &'static str,
    pub contact_page: &'static str,
    pub email_subject: &'static str,
    pub email_body_intro: &'static str,
    /// Before the title of the answer the visitor read, in an e-mail.
    pub email_answer_read: &'static str,
    pub open_now: &'static str,
    pub open_until: &'static str,
    pub opens: &'static str,
    pub closed: &'static str,
    pub today: &'static str,
    pub tomorrow: &'static str,
    pub local_time_in: &'static str,
    pub short_waits: &'static str,
    pub o_clock: &'static str,
    /// Monday first.
    pub weekdays: [&'static str; 7],
    pub weekdays_short: [&'static str; 7],
}

/// The fixed strings the loader draws before the Wasm arrives (or without
/// it: the launcher, the panel's chrome, the site's contact form), carried
/// by the shell (`super::shell`). Apart from [`Strings`] so that the
/// Wasm, which never draws them, does not carry them.
#[derive(Debug)]
pub struct LoaderStrings {
    pub launcher: &'static str,
    pub close: &'static str,
    pub search_label: &'static str,
    /// The search box's placeholder when site.toml's `[home.<locale>]`
    /// sets none: neutral, as any site's help has answers.
    pub search_placeholder: &'static str,
    /// Shown in the panel while the search engine is still arriving.
    pub loading: &'static str,
    /// Shown when the search engine cannot load (blocked, offline, old browser).
    pub unavailable: &'static str,
    /// Heading of the answers suggested beside the site's own contact form.
    pub form_title: &'static str,
    /// The button that says a suggested answer made the message unnecessary.
    pub form_resolved: &'static str,
    /// Shown after it: the visitor may leave without sending.
    pub form_thanks: &'static str,
    /// The header's control that leads to the contact block.
    pub contact_short: &'static str,
}

static DE: Strings = Strings {
    title: "Hilfe",
    suggestions: "Vorgeschlagene Antworten",
    notices: "Aktuelle Hinweise",
    top_questions: "Häufige Fragen",
    categories: "Themen",
    no_results: "Dazu haben wir leider keine Antwort gefunden. Versuchen Sie andere Wörter oder wenden Sie sich direkt an uns.",
    did_you_mean: "Meinten Sie:",
    back: "Zurück",
    related: "Verwandte Fragen",
    helpful: "War diese Antwort hilfreich?",
    yes: "Ja",
    no: "Nein",
    thanks_yes: "Danke für Ihre Rückmeldung!",
    thanks_no: "Danke für Ihre Rückmeldung. Wir helfen Ihnen gern persönlich weiter.",
    still_need_help: "Noch Fragen?",
    still_need_help_intro: "So erreichen Sie uns:",
    talk_to_us: "So erreichen Sie uns",
    call: "Anrufen",
    write_email: "E-Mail schreiben",
    contact_page: "Kontaktseite",
    email_subject: "Frage an den Kundenservice",
    email_body_intro: "Meine Frage:",
    email_answer_read: "Gelesene Antwort:",
    open_now: "Jetzt geöffnet",
    open_until: "Jetzt geöffnet bis",
    opens: "öffnet",
    closed: "Geschlossen",
    today: "heute",
    tomorrow: "morgen",
    local_time_in: "Ortszeit",
    short_waits: "Kurze Wartezeiten",
    o_clock: " Uhr",
    weekdays: [
        "Montag",
        "Dienstag",
        "Mittwoch",
        "Donnerstag",
        "Freitag",
        "Samstag",
        "Sonntag",
    ],
    weekdays_short: ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"],
};

static EN: Strings = Strings {
    title: "Help",
    suggestions: "Suggested answers",
    notices: "Current notices",
    top_questions: "Frequently asked",
    categories: "Topics",
    no_results: "We could not find an answer to that. Try other words or contact us directly.",
    did_you_mean: "Did you mean:",
    back: "Back",
    related: "Related questions",
    helpful: "Was this helpful?",
    yes: "Yes",
    no: "No",
    thanks_yes: "Thank you for your feedback!",
    thanks_no: "Thank you for your feedback. We are happy to help you in person.",
    still_need_help: "Still need help?",
    still_need_help_intro: "How to reach us:",
    talk_to_us: "How to reach us",
    call: "Call",
    write_email: "Send an e-mail",
    contact_page: "Contact page",
    email_subject: "Question for customer service",
    email_body_intro: "My question:",
    email_answer_read: "Answer I read:",
    open_now: "Open now",
    open_until: "Open now until",
    opens: "opens",
    closed: "Closed",
    today: "today",
    tomorrow: "tomorrow",
    local_time_in: "time in",
    short_waits: "Short waits",
    o_clock: "",
    weekdays: [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ],
    weekdays_short: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
};

static LOADER_DE: LoaderStrings = LoaderStrings {
    launcher: "Hilfe",
    close: "Hilfe schließen",
    search_label: "Wie können wir helfen?",
    search_placeholder: "Suchen Sie nach Antworten",
    loading: "Die Suche wird geladen …",
    unavailable:
        "Die Suche kann gerade nicht geladen werden. Wir helfen Ihnen gern persönlich weiter.",
    form_title: "Diese Antworten könnten helfen",
    form_resolved: "Das hat geholfen",
    form_thanks: "Schön, dass wir helfen konnten. Sie müssen das Formular nicht mehr absenden.",
    contact_short: "Kontakt",
};

static LOADER_EN: LoaderStrings = LoaderStrings {
    launcher: "Help",
    close: "Close help",
    search_label: "How can we help?",
    search_placeholder: "Search for answers",
    loading: "Loading the search …",
    unavailable: "The search cannot be loaded right now. We are happy to help you in person.",
    form_title: "These answers might help",
    form_resolved: "That solved it",
    form_thanks: "Glad we could help. You do not need to send the form.",
    contact_short: "Contact",
};

/// The words of the demo's hours page (www/hotline.html, through the
/// `demo` export `hotline_words`) that the widget itself never shows; its
/// state and status words are the widget's own ([`Strings`]).
#[cfg(feature = "demo")]
#[derive(Debug)]
pub struct HoursPageWords {
    pub title: &'static str,
    /// A channel's state beyond the compiled horizon.
    pub unknown: &'static str,
    pub no_hours: &'static str,
    /// Before the visitor's date and time.
    pub now: &'static str,
    pub no_channels: &'static str,
}

#[cfg(feature = "demo")]
impl UiLang {
    pub fn hours_page(self) -> &'static HoursPageWords {
        match self {
            Self::De => &HoursPageWords {
                title: "Erreichbarkeit",
                unknown: "Unbekannt",
                no_hours: "Für diesen Zeitraum liegen keine Zeiten vor.",
                now: "Jetzt",
                no_channels: "Keine Kanäle hinterlegt.",
            },
            Self::En => &HoursPageWords {
                title: "Contact hours",
                unknown: "Unknown",
                no_hours: "No hours are known for this period.",
                now: "Now",
                no_channels: "No channels configured.",
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embed_locale_wins_over_the_page_and_the_browser() {
        assert_eq!(preferred_tag(["de", "en", "fr"]), Some("de"));
        assert_eq!(preferred_tag(["", " en-GB ", "de"]), Some("en-GB"));
        assert_eq!(preferred_tag(["", ""]), None);
    }

    #[test]
    fn regional_tags_get_their_language_and_unknown_languages_get_english() {
        assert_eq!(ui_lang(Some("de-AT")), UiLang::De);
        assert_eq!(ui_lang(Some("en_US")), UiLang::En);
        assert_eq!(ui_lang(Some("fr")), UiLang::En);
        assert_eq!(ui_lang(None), UiLang::En);
    }

    #[test]
    fn a_kit_speaks_german_alone_only_when_every_locale_is_german() {
        assert_eq!(kit_languages(["de", "de-AT"]), [UiLang::De]);
        assert_eq!(kit_languages(["en-GB"]), [UiLang::En]);
        assert_eq!(kit_languages(["fr", "en"]), [UiLang::En]);
        assert_eq!(kit_languages(["de", "fr"]), [UiLang::De, UiLang::En]);
        assert_eq!(kit_languages(["en", "de"]), [UiLang::De, UiLang::En]);
    }

    #[test]
    fn result_counts_are_announced_in_words_with_correct_plural() {
        assert_eq!(UiLang::De.result_count(1), "1 Antwort gefunden");
        assert_eq!(UiLang::De.result_count(4), "4 Antworten gefunden");
        assert_eq!(UiLang::En.result_count(0), "No matching answer found");
    }

    #[test]
    fn a_cut_topic_list_says_how_many_entries_it_holds() {
        assert_eq!(
            UiLang::En.first_of(50, 8805),
            "The first 50 of 8,805 entries; the search finds any of them."
        );
        assert!(UiLang::De.first_of(50, 8805).contains("50 von 8.805"));
    }
}
