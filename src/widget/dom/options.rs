//! The embed's options as the JS loader hands them over (`data-*`
//! attributes and page facts), read into plain Rust.

use wasm_bindgen::{JsCast, JsValue};

/// The embed's options, as the loader passes them (camelCase from JS).
#[derive(Debug)]
pub struct Options {
    /// `data-locale`.
    pub locale: Option<String>,
    /// Render in place (`data-mount`) instead of a floating launcher.
    pub inline: bool,
    /// The loader's panel is open (a click, a deep link, `data-open`, a
    /// saved open panel): the widget takes over open, without a second
    /// `open` event.
    pub open: bool,
    /// `data-hash="off"`: leave the host's URL fragment alone (no deep
    /// links read or written), for single-page apps that route by hash.
    pub hash: bool,
    /// `need(names)`: fetches the named part files of a core bundle
    /// (see [`crate::format::pool`]) and calls `refresh()` once they are in.
    pub need: Option<js_sys::Function>,
    /// `draw(patch)`: the panel's renderer (`panelView` in
    /// www/help-widget-panel.mjs), which draws each [`crate::widget::view::Patch`].
    pub draw: Option<js_sys::Function>,
    /// What the visitor typed into the loader's search box before the Wasm
    /// arrived.
    pub typed: String,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            locale: None,
            inline: false,
            open: false,
            hash: true,
            need: None,
            draw: None,
            typed: String::new(),
        }
    }
}

impl Options {
    /// Reads the loader's options object; missing or mistyped fields take
    /// their defaults. (Read by hand: serde's deserializer would pull float
    /// formatting for its error messages into the Wasm, about 25 kB.)
    pub fn from_js(value: &JsValue) -> Self {
        let get = |key: &str| {
            js_sys::Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
        };
        let string = |key: &str| get(key).as_string().filter(|s| !s.is_empty());
        let flag = |key: &str| get(key).as_bool().unwrap_or(false);
        Self {
            locale: string("locale"),
            inline: flag("inline"),
            open: flag("open"),
            hash: get("hash").as_bool().unwrap_or(true),
            need: get("need").dyn_into().ok(),
            draw: get("draw").dyn_into().ok(),
            typed: get("typed").as_string().unwrap_or_default(),
        }
    }
}
