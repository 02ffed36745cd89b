//! The drop-in widget: launcher, panel, search-as-you-type, answers,
//! deflection to contact channels.
//!
//! Everything that decides something is plain Rust with native tests:
//! [`app`] (state machine and view model), [`keys`], [`deep_link`],
//! [`saved`] (the record that survives a reload), [`pause`] (when typing
//! has paused), [`percent`], [`i18n`],
//! [`contact`], [`hotline_words`] (the hotline status in words),
//! [`host_page`] (what the widget reads and writes of the host page) and
//! [`fetching`] (when missed part files are fetched). Only [`dom`]
//! (wasm32) touches the browser, and builds no DOM: [`view`] serialises
//! what changed in the view model for the loader's renderer
//! (www/help-widget.mjs), which draws it and turns DOM events into messages.

pub mod app;
pub mod contact;
pub mod deep_link;
#[cfg(target_arch = "wasm32")]
pub mod dom;
pub mod fetching;
pub mod host_page;
pub mod hotline_words;
pub mod i18n;
pub mod intent;
pub mod keys;
pub mod pause;
pub mod percent;
pub mod saved;
pub mod shell;
pub mod view;
