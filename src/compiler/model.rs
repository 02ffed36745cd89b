//! The site's settings (`kb/site.toml`): what both the knowledge base reader
//! (`source`) and the hotline compiler (`hotline`) need, in a module of its
//! own so neither depends on the other.

use serde::Deserialize;

/// `kb/site.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub name: String,
    pub locales: Vec<String>,
    pub default_locale: String,
    pub contact: Contact,
    /// Whether answers may show images from other sites (`allow_remote_images`).
    pub allow_remote_images: bool,
}

/// Contact channels shown to visitors.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub phone: Option<String>,
    pub email: Option<String>,
    pub url: Option<String>,
}
