//! [`Clock`] on the browser's time-zone data: the visitor's zone and any
//! IANA zone, read by `wallClock` in www/help-widget-panel.mjs (no tz data
//! in the Wasm). The JS side answers with one number, a zone's UTC offset
//! at an instant, and the wall time is worked out here as for a fixed
//! offset: reading `Intl.DateTimeFormat`'s parts through the boundary
//! (`Reflect` per part and field) was 1.2 kB of brotli in the Wasm and its
//! glue (node scripts/engine-size.mjs), `wallClock` 0.2 kB.

use crate::widget::hotline_words::{wall_time, Clock, LocalTime};
use wasm_bindgen::JsValue;

/// The browser's wall clock through `wallClock(ms, zone)` (a zone's offset
/// in minutes, NaN for a zone the browser does not know) and `wallClock()`
/// (the visitor's zone name). The JS side keeps one formatter per zone:
/// creating them is the slow part. (The panel reads the clock once a
/// minute: `App` keeps the contact block's texts for the minute, so typing
/// asks nothing here.)
pub struct WallClock {
    read: js_sys::Function,
    /// The visitor's zone when not the browser's (a page showing another visitor's view).
    visitor: Option<String>,
}

impl WallClock {
    /// The clock `read` (www/help-widget-panel.mjs `wallClock`) gives, for
    /// a visitor in `visitor` (an IANA name; `None`: the browser's zone).
    pub fn new(read: js_sys::Function, visitor: Option<String>) -> Self {
        Self { read, visitor }
    }
}

impl Clock for WallClock {
    fn local(&self, ms: i64, zone: Option<&str>) -> Option<LocalTime> {
        let zone = zone.or(self.visitor.as_deref()).unwrap_or("");
        let offset = self
            .read
            .call2(
                &JsValue::NULL,
                &JsValue::from_f64(ms as f64),
                &JsValue::from_str(zone),
            )
            .ok()?
            .as_f64()
            .filter(|m| m.is_finite())?;
        Some(wall_time(ms, offset as i64))
    }

    fn visitor_zone(&self) -> String {
        if let Some(zone) = &self.visitor {
            return zone.clone();
        }
        self.read
            .call0(&JsValue::NULL)
            .ok()
            .and_then(|z| z.as_string())
            .unwrap_or_else(|| "UTC".into())
    }
}
