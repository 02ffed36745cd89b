//! The embed's options as the JS loader hands them over (`data-*`
//! attributes and page facts), as `mount_widget`'s arguments.

/// The embed's options, as the loader passes them.
pub struct Options<P> {
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
    pub draw: js_sys::Function,
    /// `wallClock` (www/help-widget-panel.mjs): zones' offsets and the
    /// visitor's zone, from the browser's time-zone data.
    pub clock: js_sys::Function,
    /// `hostPage` (www/help-widget-panel.mjs): the page's storage, address
    /// bar and history.
    pub page: std::rc::Rc<P>,
    /// What the visitor typed into the loader's search box before the Wasm
    /// arrived.
    pub typed: String,
}
