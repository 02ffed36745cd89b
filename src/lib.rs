//! help-widget: a help widget with an offline knowledge base.
//!
//! ```text
//! kb/ ──► compiler (build.rs) ──► format (one bundle) ──► engine (query side) ──► wasm ──► www/
//!              └────────── analysis (shared by both sides) ──────────┘
//! ```
//!
//! - [`analysis`]: text → terms, the same at build and query time.
//! - [`format`]: the bundle's byte layout, writer and reader.
//! - `compiler` (feature `compiler`): kb/ → bundle, used by build.rs and the CLI.
//! - [`engine`]: opens the bundle in place; search, ranking, answers.
//! - [`widget`]: the drop-in help widget (UI logic native; its DOM is drawn
//!   by the JS loader from the view the widget serialises).
//! - `eval` (feature `compiler`): answer quality on labelled queries.
//! - `sizes` (feature `cli`): what a visitor downloads, measured raw, gzip and brotli.
//! - [`hotline`]: contact channels open now, next change, the week's hours.
//! - [`utf8`]: UTF-8 bytes as text, invalid sequences replaced.
//! - [`url`]: the one URL policy of answers, site.toml, hotline and panel links;
//!   the one `tel:` URL and slug.
//! - [`event`]: the event vocabulary the widget writes and the report reads.
//! - [`idf`]: the idf formula the compiler and the engine share.
//! - [`json`]: JSON text written by hand for what the Wasm hands to JS.
//! - [`heap`]: the Wasm's memory allocator.
//! - `escape` (feature `compiler`): the one HTML escaping of the build side.
//! - `kit` (feature `cli`): the delivery kit from the engine this binary carries.
//! - `report` (feature `cli`): the deflection report from the widget's events.
//! - `site` (feature `cli`): the static help centre, one page per entry.
//! - `wasm` (wasm32 only): the thin `#[wasm_bindgen]` boundary.

pub mod analysis;
#[cfg(feature = "compiler")]
pub mod compiler;
pub mod digits;
pub mod engine;
#[cfg(feature = "compiler")]
pub mod escape;
#[cfg(feature = "compiler")]
pub mod eval;
pub mod event;
pub mod format;
pub mod heap;
pub mod hotline;
pub mod idf;
pub mod json;
#[cfg(feature = "cli")]
pub mod kit;
#[cfg(feature = "cli")]
pub mod report;
#[cfg(feature = "cli")]
pub mod site;
#[cfg(feature = "cli")]
pub mod sizes;
pub mod url;
pub mod utf8;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
pub mod widget;

use std::sync::OnceLock;

/// The bundle compiled from kb/ (or `HELP_WIDGET_KB`) by build.rs.
pub static EMBEDDED_BUNDLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/kb.bundle"));

/// The embedded bundle, opened once.
pub fn embedded() -> &'static engine::Bundle<'static> {
    static BUNDLE: OnceLock<engine::Bundle<'static>> = OnceLock::new();
    BUNDLE.get_or_init(|| {
        // Not `expect`: it would format the error with `Debug` on the Wasm path.
        engine::Bundle::open(EMBEDDED_BUNDLE)
            .unwrap_or_else(|_| panic!("build.rs wrote a bundle of this version"))
    })
}

static INSTALLED: OnceLock<engine::Bundle<'static>> = OnceLock::new();

/// Makes `bytes` (a kit's data file, checksum verified) the knowledge the
/// widget and the API answer from, in place of the embedded bundle. Once
/// per page: a second call is refused.
pub fn install(bytes: &'static [u8]) -> Result<(), format::FormatError> {
    let bundle = engine::Bundle::open_verified(bytes)?;
    INSTALLED
        .set(bundle)
        .map_err(|_| format::FormatError::corrupt("second knowledge base", 0))
}

/// The knowledge the page answers from: the installed data, else the
/// embedded bundle.
pub fn knowledge() -> &'static engine::Bundle<'static> {
    INSTALLED.get().unwrap_or_else(embedded)
}
