//! What the page shows before (or without) the Wasm: the launcher, the
//! panel's fixed chrome and the site's contact channels without live
//! status, and the words around answers suggested on the site's own
//! contact form. The loader (`www/help-widget.mjs`) reads it as
//! `pkg/help_widget_shell.json`, written from the same bundle and the same
//! strings the Wasm uses (`help-widget shell --out FILE`), so a visitor
//! whose browser blocks the Wasm still learns how to reach a person.

use super::contact::{channels, ChannelRow};
use super::hotline_words::Clock;
use super::i18n::UiLang;
use crate::engine::Bundle;
use serde::Serialize;

/// The shell's data: the site and, per interface language, its words and
/// contact channels.
#[derive(Debug, Serialize)]
pub struct Shell {
    /// Bumped when the loader must read fields differently.
    pub version: u32,
    pub site: String,
    /// The site's logo, a file beside the shell (`help_widget_logo.svg`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    /// The words of each language the kit speaks (its engine's, see
    /// [`super::i18n::kit_languages`]): the loader shows a visitor's
    /// language when it is here, else the one that is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub de: Option<ShellLang>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub en: Option<ShellLang>,
    /// Where the knowledge is when it is not in the `.wasm`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<ShellData>,
    /// The engine of each locale's language, when the kit ships one per
    /// language (a kb in German and another language, `src/kit.rs`): a
    /// visitor loads their locale's alone. Without it, the module's one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engines: Option<LocaleFiles>,
}

/// The kit's knowledge files: the loader fetches the visitor's locale's
/// file while the engine loads.
#[derive(Debug, Serialize)]
pub struct ShellData {
    /// `locales` or `parts`.
    pub delivery: &'static str,
    #[serde(flatten)]
    pub by_locale: LocaleFiles,
}

/// Files by locale, beside the shell; the loader takes a visitor's by the
/// rule of `Meta::locale_no` (`visitorFile` in `www/help-widget.mjs`).
#[derive(Debug, Serialize)]
pub struct LocaleFiles {
    /// The locale of visitors whose language the kb lacks.
    pub default: String,
    /// Locale → its file.
    pub files: std::collections::BTreeMap<String, String>,
}

/// The words of the chrome and the contact channels in one language.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShellLang {
    pub launcher: &'static str,
    /// The panel's heading, as the Wasm renders it.
    pub title: String,
    pub close: &'static str,
    /// The header's control that leads to the contact block.
    pub contact_short: &'static str,
    pub search_label: &'static str,
    /// site.toml's `[home.<locale>] placeholder` of the locale in this
    /// language, else the widget's neutral one.
    pub placeholder: String,
    pub suggestions: &'static str,
    pub loading: &'static str,
    pub unavailable: &'static str,
    pub still_need_help: &'static str,
    pub still_need_help_intro: &'static str,
    pub form_title: &'static str,
    pub form_resolved: &'static str,
    pub form_thanks: &'static str,
    /// "3 Antworten gefunden", for the form suggestions' live region: the
    /// counts 0 to 3 (the most a form shows).
    pub form_counts: Vec<String>,
    pub channels: Vec<ShellChannel>,
}

/// A contact channel of site.toml, as a plain link.
#[derive(Debug, Serialize)]
pub struct ShellChannel {
    pub id: String,
    pub action: String,
    pub label: String,
    pub href: String,
}

/// No live status is shown in the shell, so no clock is ever asked.
struct NoClock;

impl Clock for NoClock {
    fn local(&self, _ms: i64, _zone: Option<&str>) -> Option<super::hotline_words::LocalTime> {
        None
    }
    fn visitor_zone(&self) -> String {
        String::new()
    }
}

impl Shell {
    /// The shell of the kb in `bundle`, in both languages.
    pub fn new(bundle: &Bundle<'_>) -> Self {
        Self::of(std::slice::from_ref(bundle), &[UiLang::De, UiLang::En]).expect("one bundle")
    }

    /// The shell of a kb whose locales are in one bundle or several (a
    /// kit's `locales` and `parts` deliveries): the site from the first
    /// (every bundle's META is the same), each language's placeholder from
    /// the bundle that holds its locale; the words of `langs` alone. `None`
    /// without a bundle.
    pub fn of(bundles: &[Bundle<'_>], langs: &[UiLang]) -> Option<Self> {
        let bundle = bundles.first()?;
        let lang = |lang: UiLang| {
            // The loader's own words, and the Wasm's that it shows too.
            let (s, w) = (lang.loader_strings(), lang.strings());
            let channels = channels(&bundle.meta, "", lang, None, 0, &NoClock)
                .into_iter()
                .map(|c: ChannelRow| ShellChannel {
                    id: c.id,
                    action: c.action,
                    label: c.label,
                    href: c.href,
                })
                .collect();
            ShellLang {
                launcher: s.launcher,
                title: super::app::panel_title(lang, bundle.meta.site_name),
                close: s.close,
                contact_short: s.contact_short,
                search_label: s.search_label,
                placeholder: placeholder(bundles, lang),
                suggestions: w.suggestions,
                loading: s.loading,
                unavailable: s.unavailable,
                still_need_help: w.still_need_help,
                still_need_help_intro: w.still_need_help_intro,
                form_title: s.form_title,
                form_resolved: s.form_resolved,
                form_thanks: s.form_thanks,
                form_counts: (0..=3).map(|n| lang.result_count(n)).collect(),
                channels,
            }
        };
        Some(Self {
            version: 1,
            data: None,
            engines: None,
            site: bundle.meta.site_name.to_string(),
            logo: None,
            de: langs.contains(&UiLang::De).then(|| lang(UiLang::De)),
            en: langs.contains(&UiLang::En).then(|| lang(UiLang::En)),
        })
    }
}

/// The editors' placeholder for the first kb locale in `lang`, if any.
fn placeholder(bundles: &[Bundle<'_>], lang: UiLang) -> String {
    let editors = bundles
        .iter()
        .flat_map(|b| {
            (0..b.meta.locales.len())
                .filter(move |&no| UiLang::from_tag(b.meta.locales[no]) == Some(lang))
                .map(move |no| (b, no))
        })
        .find_map(|(b, no)| b.locale(no as u16)?.home.as_ref().map(|h| h.placeholder))
        .filter(|p| !p.is_empty());
    editors
        .unwrap_or(lang.loader_strings().search_placeholder)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shell_offers_the_sites_contact_channels_in_both_languages() {
        let shell = Shell::new(crate::embedded());
        assert_eq!(shell.site, "Stadtwerke Lindenau");
        let (de, en) = (shell.de.unwrap(), shell.en.unwrap());
        let ids: Vec<_> = de.channels.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["phone", "email", "contact-page"]);
        assert!(de.channels[0].href.starts_with("tel:+49"));
        assert_eq!(en.channels[1].action, "Send an e-mail");
        assert_eq!(de.launcher, "Hilfe");
        assert_eq!(en.title, "Stadtwerke Lindenau");
    }

    #[test]
    fn a_one_language_shell_carries_that_languages_words_alone() {
        let shell = Shell::of(std::slice::from_ref(crate::embedded()), &[UiLang::De]).unwrap();
        assert_eq!(shell.de.unwrap().launcher, "Hilfe");
        assert!(shell.en.is_none());
    }

    #[test]
    fn the_search_placeholder_is_the_editors_per_locale_or_a_neutral_default() {
        let shell = Shell::new(crate::embedded());
        assert_eq!(
            shell.de.unwrap().placeholder,
            "Suchbegriff, z. B. Zählerstand"
        );
        assert_eq!(shell.en.unwrap().placeholder, "Search for answers");
    }
}
