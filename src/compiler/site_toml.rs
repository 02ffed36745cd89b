//! The site's settings (`kb/site.toml`): what both the knowledge base reader
//! (`source`) and the hotline compiler (`hotline`) need, in a module of its
//! own so neither depends on the other.

use serde::Deserialize;
use std::collections::BTreeMap;

/// Longest greeting, in characters: one line in a 360 px panel, twice.
pub const MAX_GREETING_CHARS: usize = 120;
/// Longest search placeholder, in characters: it must fit the search box
/// of a phone (about 40 characters) without being cut.
pub const MAX_PLACEHOLDER_CHARS: usize = 40;
/// Most featured entries per locale: a list a visitor takes in at a glance.
pub const MAX_FEATURED: usize = 8;
/// Longest "I want a person" phrase, in characters: a few words.
pub const MAX_PERSON_PHRASE_CHARS: usize = 60;
/// Most person phrases per locale: each is matched on every keystroke.
pub const MAX_PERSON_PHRASES: usize = 100;

/// `kb/site.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub name: String,
    pub locales: Vec<String>,
    pub default_locale: String,
    pub contact: Contact,
    /// Whether answers may show images from other sites (`allow_remote_images`).
    pub allow_remote_images: bool,
    /// Per locale, what the empty state shows (`[home.<locale>]`).
    pub home: BTreeMap<String, HomeSettings>,
    /// Per locale, the phrases that ask for a person (`[person]`); a locale
    /// not named keeps the widget's defaults.
    pub person: BTreeMap<String, Vec<String>>,
    /// The site's logo (`logo`), a checked image file inside the kb: shown in
    /// the panel's header, served next to the widget (never fetched from
    /// elsewhere).
    pub logo: Option<std::path::PathBuf>,
    /// How a kit ships the knowledge (`delivery`); `None`: chosen by size.
    pub delivery: Option<Delivery>,
}

/// How a kit ships the knowledge beside the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// In the `.wasm` (a custom section): one file, no extra request.
    Embedded,
    /// One data file per locale: a visitor fetches only their language.
    Locales,
    /// Per locale a core file, and the index and answers in part files
    /// fetched as queries need them.
    Parts,
}

impl Delivery {
    /// The names site.toml and `--delivery` take.
    pub const NAMES: [(&'static str, Delivery); 3] = [
        ("embedded", Delivery::Embedded),
        ("locales", Delivery::Locales),
        ("parts", Delivery::Parts),
    ];

    pub fn parse(name: &str) -> Option<Self> {
        Self::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, d)| d)
    }

    pub fn name(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(_, d)| *d == self)
            .map_or("", |(n, _)| n)
    }
}

/// Largest logo file accepted, in bytes: it is loaded when the panel opens.
pub const MAX_LOGO_BYTES: u64 = 64 * 1024;
/// Image types a logo may be, by file extension.
pub const LOGO_TYPES: [&str; 5] = ["svg", "png", "webp", "jpg", "jpeg"];

/// The editors' empty state of one locale, as site.toml says it (the bundle
/// stores it as `format::Home`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HomeSettings {
    /// One plain-text line; empty for none.
    pub greeting: String,
    /// Entry ids of this locale, in the order shown.
    pub featured: Vec<String>,
    /// The search box's placeholder; empty for the widget's neutral one.
    pub placeholder: String,
}

/// Contact channels shown to visitors.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub phone: Option<String>,
    pub email: Option<String>,
    pub url: Option<String>,
}
