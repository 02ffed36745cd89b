//! [`Clock`] on the browser's `Intl.DateTimeFormat`: the visitor's zone and
//! any IANA zone, with the browser's own time-zone database (no tz data in
//! the Wasm).

use crate::hotline::Weekday;
use crate::widget::hotline_words::{Clock, LocalTime};
use js_sys::{Array, Date, Function, Object, Reflect};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};

/// Caches one formatter per zone; creating them is the slow part. (The
/// panel reads the clock once a minute: `App` keeps the contact block's
/// texts for the minute, so typing asks nothing here.)
#[derive(Default)]
pub struct IntlClock {
    /// The visitor's zone when not the browser's (a page showing another visitor's view).
    visitor: Option<String>,
    formatters: RefCell<Vec<(Option<String>, JsValue)>>,
}

fn get(target: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(key))
        .ok()
        .filter(|v| !v.is_undefined())
}

/// `new Intl.DateTimeFormat("en-US", {timeZone, …})`, or `None` for an
/// unknown zone (the constructor throws a RangeError, caught here).
fn formatter(zone: Option<&str>) -> Option<JsValue> {
    let ctor: Function = get(&get(&js_sys::global(), "Intl")?, "DateTimeFormat")?
        .dyn_into()
        .ok()?;
    let options = Object::new();
    let set = |k: &str, v: &str| Reflect::set(&options, &k.into(), &v.into()).ok();
    for (k, v) in [
        ("hourCycle", "h23"),
        ("year", "numeric"),
        ("month", "numeric"),
        ("day", "numeric"),
        ("weekday", "short"),
        ("hour", "numeric"),
        ("minute", "numeric"),
    ] {
        set(k, v)?;
    }
    if let Some(z) = zone {
        set("timeZone", z)?;
    }
    let args = Array::of2(&Array::of1(&"en-US".into()), &options);
    Reflect::construct(&ctor, &args).ok()
}

impl IntlClock {
    /// A clock whose visitor lives in `zone` (an IANA name), not the browser's zone.
    pub fn for_visitor_in(zone: &str) -> Self {
        Self {
            visitor: Some(zone.to_string()),
            ..Self::default()
        }
    }

    fn cached(&self, zone: Option<&str>) -> Option<JsValue> {
        let mut cache = self.formatters.borrow_mut();
        if let Some((_, f)) = cache.iter().find(|(z, _)| z.as_deref() == zone) {
            return Some(f.clone());
        }
        let f = formatter(zone)?;
        cache.push((zone.map(str::to_string), f.clone()));
        Some(f)
    }
}

impl Clock for IntlClock {
    fn local(&self, ms: i64, zone: Option<&str>) -> Option<LocalTime> {
        self.read(ms, zone.or(self.visitor.as_deref()))
    }

    fn visitor_zone(&self) -> String {
        if let Some(zone) = &self.visitor {
            return zone.clone();
        }
        self.cached(None)
            .and_then(|f| {
                let resolved: Function = get(&f, "resolvedOptions")?.dyn_into().ok()?;
                get(&resolved.call0(&f).ok()?, "timeZone")?.as_string()
            })
            .unwrap_or_else(|| "UTC".into())
    }
}

impl IntlClock {
    fn read(&self, ms: i64, zone: Option<&str>) -> Option<LocalTime> {
        let f = self.cached(zone)?;
        let to_parts: Function = get(&f, "formatToParts")?.dyn_into().ok()?;
        let date = Date::new(&JsValue::from_f64(ms as f64));
        let parts: Array = to_parts.call1(&f, &date).ok()?.dyn_into().ok()?;
        let mut t = LocalTime {
            year: 0,
            month: 0,
            day: 0,
            weekday: Weekday::MONDAY,
            hour: 0,
            minute: 0,
        };
        for part in parts.iter() {
            let kind = get(&part, "type")?.as_string()?;
            let value = get(&part, "value")?.as_string()?;
            let num = || value.parse::<i32>().ok();
            match kind.as_str() {
                "year" => t.year = num()?,
                "month" => t.month = num()? as u8,
                "day" => t.day = num()? as u8,
                "hour" => t.hour = (num()? % 24) as u8,
                "minute" => t.minute = num()? as u8,
                "weekday" => {
                    t.weekday = Weekday::from_index(
                        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
                            .iter()
                            .position(|d| *d == value)?,
                    )?
                }
                _ => {}
            }
        }
        Some(t)
    }
}
