//! The drop-in widget: launcher, panel, search-as-you-type, answers,
//! deflection to contact channels.
//!
//! Everything that decides something is plain Rust with native tests:
//! [`app`] (state machine and view model), [`keys`], [`link`] (deep links,
//! saved state), [`i18n`], [`contact`] and [`status`]. Only [`dom`]
//! (wasm32) touches the browser: it renders the view model into a shadow
//! root and turns DOM events into messages.

pub mod app;
pub mod contact;
#[cfg(target_arch = "wasm32")]
pub mod dom;
pub mod i18n;
pub mod intent;
pub mod keys;
pub mod link;
pub mod shell;
pub mod status;
