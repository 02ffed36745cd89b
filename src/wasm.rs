//! The JavaScript boundary: thin wrappers that turn engine values into plain
//! JS objects. Everything behind it is plain Rust, tested natively.

use crate::engine;
use crate::json::{list, Json};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
fn start() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
}

/// JSON text written by [`Json`] as a JS value (one string across the
/// boundary instead of a crossing per field, and no serde code in the Wasm).
fn parse(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap_or(JsValue::NULL)
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// Ranked hits for `query` in `locale` (default: the knowledge base's), at
/// most `limit`: 10 if missing or NaN, none if 0 or less, at most 50.
#[wasm_bindgen]
pub fn search(query: &str, locale: Option<String>, limit: Option<f64>) -> JsValue {
    let bundle = crate::knowledge();
    let locale = locale.unwrap_or_default();
    let limit = engine::js_count(limit, engine::DEFAULT_LIMIT, engine::search::MAX_LIMIT);
    let hits = engine::search(bundle, query, &locale, limit);
    // A hit as JS sees it: { id, question, category, snippet, highlights:
    // [[start, end], …] in UTF-16 code units (as `String.prototype.slice`
    // counts), segments: the snippet windowed on its first match as the
    // panel's rows show it ([{ text, mark }]; `drawHit` in
    // help-widget-panel.mjs), score }.
    let mut j = Json::new();
    list(&mut j, &hits, |j, h| {
        j.raw("{\"id\":");
        j.str(&h.id);
        j.key("question");
        j.str(&h.question);
        j.key("category");
        j.str(&h.category);
        j.key("snippet");
        j.str(&h.snippet);
        j.key("highlights");
        list(j, &h.highlights, |j, &(s, e)| {
            j.byte(b'[');
            j.int(utf16_len(&h.snippet[..s]) as i64);
            j.byte(b',');
            j.int(utf16_len(&h.snippet[..e]) as i64);
            j.byte(b']');
        });
        j.key("segments");
        let segments =
            crate::widget::app::one_line(crate::widget::app::segments(&h.snippet, &h.highlights));
        list(j, &segments, |j, part| {
            j.raw("{\"text\":");
            j.str(&part.text);
            j.key("mark");
            j.bool(part.mark);
            j.byte(b'}');
        });
        j.byte(b'}');
    });
    let js = parse(&j.finish());
    // The score is set on the parsed hits: written as JSON text it would
    // bring core's float formatting into the Wasm.
    let score = JsValue::from_str("score");
    for (i, h) in hits.iter().enumerate() {
        let hit = js_sys::Reflect::get_u32(&js, i as u32).unwrap_or(JsValue::NULL);
        let _ = js_sys::Reflect::set(&hit, &score, &JsValue::from_f64(f64::from(h.score)));
    }
    js
}

/// Up to `n` completions of the word being typed, as whole queries: 5 if
/// missing or NaN, none if 0 or less, at most 10.
#[cfg(feature = "demo")]
#[wasm_bindgen]
pub fn complete(query: &str, locale: Option<String>, n: Option<f64>) -> Vec<String> {
    let locale = locale.unwrap_or_default();
    let n = engine::js_count(n, 5, engine::MAX_COMPLETIONS);
    engine::complete(crate::knowledge(), query, &locale, n)
}

/// The query with unknown words corrected, or `undefined` when there is nothing to correct.
#[cfg(feature = "demo")]
#[wasm_bindgen]
pub fn did_you_mean(query: &str, locale: Option<String>) -> Option<String> {
    let locale = locale.unwrap_or_default();
    engine::did_you_mean(crate::knowledge(), query, &locale)
}

/// The answer for entry `id` with related entries, or `null`.
#[wasm_bindgen]
pub fn answer(id: &str) -> JsValue {
    let Some(a) = engine::answer(crate::knowledge(), id) else {
        return JsValue::NULL;
    };
    // { id, locale, category, question, html, related: [{ id, question }] }
    let mut j = Json::new();
    j.raw("{\"id\":");
    j.str(&a.id);
    j.key("locale");
    j.str(&a.locale);
    j.key("category");
    j.str(&a.category);
    j.key("question");
    j.str(&a.question);
    j.key("html");
    j.str(&a.html);
    j.key("related");
    list(&mut j, &a.related, |j, (id, question)| {
        j.raw("{\"id\":");
        j.str(id);
        j.key("question");
        j.str(question);
        j.byte(b'}');
    });
    j.byte(b'}');
    parse(&j.finish())
}

/// Version, counts and build time of the embedded knowledge base.
#[cfg(feature = "demo")]
#[wasm_bindgen]
pub fn bundle_info() -> JsValue {
    let b = crate::knowledge();
    let m = &b.meta;
    // { format_version, site_name, locales, default_locale, entries,
    //   entries_per_locale, bytes, built_at, content_hash }
    let mut j = Json::new();
    j.raw("{\"format_version\":");
    j.int(i64::from(crate::format::VERSION));
    j.key("site_name");
    j.str(m.site_name);
    j.key("locales");
    list(&mut j, &m.locales, |j, l| j.str(l));
    j.key("default_locale");
    j.str(m.locales[usize::from(m.default_locale)]);
    j.key("entries");
    j.int(b.doc_count() as i64);
    j.key("entries_per_locale");
    list(&mut j, 0..m.locales.len() as u16, |j, l| {
        j.int(b.locale(l).map_or(0, |i| i.docs.len()) as i64)
    });
    j.key("bytes");
    j.int(b.size() as i64);
    j.key("built_at");
    j.int(m.built_at as i64);
    j.key("content_hash");
    j.str(&format!("{:08x}", m.content_hash));
    j.byte(b'}');
    parse(&j.finish())
}

/// Makes `bytes`, a kit's knowledge file (`kb-<locale>.<hash>.hwkb`), the
/// knowledge the widget and these functions answer from. Once per page.
#[wasm_bindgen]
pub fn install_kb(bytes: Vec<u8>) -> Result<(), JsValue> {
    // A fixed sentence: FormatError's Display would bring formatting into the Wasm.
    crate::install(Box::leak(bytes.into_boxed_slice())).map_err(|_| {
        JsValue::from_str("help-widget: the knowledge file is damaged or of another version")
    })
}

/// Takes a part of the installed knowledge by the name `missed_parts`
/// gave it (a byte range of a pack, unpacked); false when the name or the
/// bytes belong to no part of it.
#[wasm_bindgen]
pub fn add_part(name: &str, bytes: Vec<u8>) -> bool {
    let knowledge = crate::knowledge();
    knowledge
        .part_key(name)
        .is_some_and(|key| knowledge.add_part(key, Box::leak(bytes.into_boxed_slice())))
}

/// The parts that calls since the last one wanted and did not have:
/// fetch them, `add_part` each, and ask again.
#[wasm_bindgen]
pub fn missed_parts() -> Vec<String> {
    let knowledge = crate::knowledge();
    knowledge
        .take_missed()
        .into_iter()
        .filter_map(|key| knowledge.part_name(key))
        .collect()
}

#[wasm_bindgen]
extern "C" {
    /// `hostPage` of www/help-widget-panel.mjs: the host page's storage,
    /// address bar and history, which the widget reads and writes as a
    /// [`HostPage`](crate::widget::host_page::HostPage).
    pub type Page;
    #[wasm_bindgen(method, js_name = stored)]
    fn js_stored(this: &Page, key: &str) -> Option<String>;
    #[wasm_bindgen(method, js_name = store)]
    fn js_store(this: &Page, key: &str, value: &str);
    #[wasm_bindgen(method, js_name = path)]
    fn js_path(this: &Page) -> String;
    #[wasm_bindgen(method, js_name = search)]
    fn js_search(this: &Page) -> String;
    #[wasm_bindgen(method, js_name = hash)]
    fn js_hash(this: &Page) -> String;
    #[wasm_bindgen(method, js_name = pushMarked)]
    fn js_push_marked(this: &Page, mark: &str);
    #[wasm_bindgen(method, js_name = marked)]
    fn js_marked(this: &Page, mark: &str) -> bool;
    #[wasm_bindgen(method, js_name = back)]
    fn js_back(this: &Page);
    #[wasm_bindgen(method, js_name = replaceUrl)]
    fn js_replace_url(this: &Page, url: &str);
    #[wasm_bindgen(method, js_name = matches)]
    fn js_matches(this: &Page, query: &str) -> bool;
}

impl crate::widget::host_page::HostPage for Page {
    fn stored(&self, key: &str) -> Option<String> {
        self.js_stored(key)
    }
    fn store(&self, key: &str, value: &str) {
        self.js_store(key, value)
    }
    fn path(&self) -> String {
        self.js_path()
    }
    fn search(&self) -> String {
        self.js_search()
    }
    fn hash(&self) -> String {
        self.js_hash()
    }
    fn push_marked(&self, mark: &str) {
        self.js_push_marked(mark)
    }
    fn marked(&self, mark: &str) -> bool {
        self.js_marked(mark)
    }
    fn back(&self) {
        self.js_back()
    }
    fn replace_url(&self, url: &str) {
        self.js_replace_url(url)
    }
    fn matches(&self, query: &str) -> bool {
        self.js_matches(query)
    }
}

/// A mounted help widget; `free()` (or dropping it) detaches its listeners.
#[wasm_bindgen]
pub struct Widget(crate::widget::dom::Mounted<Page>);

/// Starts the widget on the panel the loader drew: `locale` the visitor's
/// tag (the loader's `preferredTag`), `inline`, `open` and `typed` the
/// loader's panel as it stands, `hash` false for `data-hash="off"`,
/// `need(names)` fetches part files, `draw(patch)` is
/// help-widget-panel.mjs' renderer; `emit(name, detail)` receives the
/// widget's events; `clock` and `page` are help-widget-panel.mjs'
/// `wallClock` and `hostPage`. Plain arguments, not an options object: reading one
/// field by field through `Reflect.get` cost the fixed code more.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn mount_widget(
    locale: Option<String>,
    inline: bool,
    open: bool,
    typed: String,
    hash: bool,
    need: Option<js_sys::Function>,
    draw: js_sys::Function,
    emit: js_sys::Function,
    clock: js_sys::Function,
    page: Page,
) -> Result<Widget, JsValue> {
    let options = crate::widget::dom::Options {
        locale: locale.filter(|l| !l.is_empty()),
        inline,
        open,
        hash,
        need,
        draw,
        clock,
        page: std::rc::Rc::new(page),
        typed,
    };
    crate::widget::dom::Mounted::mount(options, emit).map(Widget)
}

#[wasm_bindgen]
impl Widget {
    pub fn open(&self) {
        self.0.send(crate::widget::app::Msg::Open);
    }

    pub fn close(&self) {
        self.0.send(crate::widget::app::Msg::Close);
    }

    /// Opens the panel with `query` typed in; returns the number of suggestions.
    pub fn search(&self, query: &str) -> usize {
        self.0.search(query)
    }

    /// Opens the answer `id` (with the kb's locale fallback).
    pub fn show(&self, id: &str) {
        self.0.send(crate::widget::app::Msg::Show(id.to_string()));
    }

    /// A click on a panel control with `data-act` `act` (and its
    /// `data-id`, `data-i`, `data-channel`, "" when absent).
    pub fn act(&self, act: &str, id: &str, i: &str, channel: &str) {
        self.0.act(act, id, i, channel);
    }

    /// The search box's text changed.
    pub fn input(&self, value: String) {
        self.0.input(value);
    }

    /// A key pressed in the panel (`KeyboardEvent.key`); true when the
    /// widget handles it (the caller prevents the default).
    pub fn key(&self, key: &str, in_search_box: bool) -> bool {
        self.0.key(key, in_search_box)
    }

    /// Asks again what was asked before parts arrived.
    pub fn refresh(&self) {
        self.0.send(crate::widget::app::Msg::Refresh);
    }

    /// Whether the knowledge has hotline hours, so the contact block shows
    /// each channel's live status.
    #[wasm_bindgen(getter)]
    pub fn has_live_status(&self) -> bool {
        crate::hotline::status(crate::knowledge(), js_sys::Date::now() as i64, "")
            .zone
            .is_some()
    }

    /// The interface language chosen for the visitor.
    #[wasm_bindgen(getter)]
    pub fn lang(&self) -> String {
        self.0.lang().to_string()
    }
}

/// Availability of the contact channels at `now_ms` (ms since the epoch,
/// e.g. `Date.now()`), with labels and reasons in `locale` (default: the
/// knowledge base's default locale). All instants are UTC milliseconds;
/// format them in the visitor's zone with `Intl.DateTimeFormat`, and with
/// `timeZone: zone` for the centre's local time.
///
/// ```text
/// { zone: "Europe/Berlin",            // the centre's IANA zone; null without hotline.toml
///   channels: [ {                     // [] without hotline.toml
///     id: "phone",
///     kind: "phone" | "chat" | "callback" | "email" | "form",
///     label: "Telefon-Hotline",       // in `locale`, else the default locale
///     href: "tel:+493055501234",      // tel:, mailto:, https:, http: or relative
///     state: "open" | "closed" | "unknown",   // unknown beyond the compiled horizon
///     reason: "Heiligabend" | null,   // comment; when closed: holiday name or closure reason first
///     next_change_ms: number | null,  // next change of state (null: none before the horizon ends)
///     next_open_ms: number | null,    // next opening, when not open now
///     today: [[open_ms, close_ms], …],// open intervals of the centre's local day containing now;
///                                     // one running past midnight keeps its real end
///     week: [ { date: "2026-11-23",   // today and the next 6 local days (fewer at the horizon)
///               intervals: [[ms, ms], …],
///               closed_reason: string | null,   // why a day has no opening
///               note: string | null } ],        // holiday, closure or comment, open or not
///     quiet: [ { weekday: 1, hour: 10 } ]  // usually short waits; centre's local time,
///   } ] }                                  // weekday 1 = Monday … 7 = Sunday; may be []
/// ```
///
/// DST: a channel is open exactly when the centre's wall clock shows a time
/// inside its hours (boundaries in the spring-forward gap take effect at the
/// transition; the fall-back overlap's repeated hour counts twice).
#[cfg(feature = "demo")]
#[wasm_bindgen]
pub fn hotline_status(now_ms: f64, locale: Option<String>) -> JsValue {
    let locale = locale.as_deref().unwrap_or("");
    let status = crate::hotline::status(crate::knowledge(), now_ms as i64, locale);
    parse(&status.to_json())
}

/// The interface language for `locale` (the kb's default locale when empty).
#[cfg(feature = "demo")]
fn ui_lang_of(locale: &str) -> crate::widget::i18n::UiLang {
    let meta = &crate::knowledge().meta;
    let default = meta.locales[usize::from(meta.default_locale)];
    crate::widget::i18n::ui_lang(Some(if locale.is_empty() { default } else { locale }))
}

/// The fixed words a page showing the hours needs, in the interface
/// language of `locale` (as [`hotline_texts`] chooses it): `{ lang, title,
/// open, closed, unknown, noHours, now, noChannels }`. The state words are
/// the widget's own, so a page and the widget never word a state twice.
#[cfg(feature = "demo")]
#[wasm_bindgen]
pub fn hotline_words(locale: Option<String>) -> JsValue {
    let lang = ui_lang_of(locale.as_deref().unwrap_or(""));
    let (ui, page) = (lang.strings(), lang.hours_page());
    let mut j = Json::new();
    // open, closed, unknown: keyed by [`hotline_status`]'s `state` values.
    j.words(
        lang.tag(),
        &[
            ("title", page.title),
            ("open", ui.open_now),
            ("closed", ui.closed),
            ("unknown", page.unknown),
            ("noHours", page.no_hours),
            ("now", page.now),
            ("noChannels", page.no_channels),
        ],
    );
    parse(&j.finish())
}

/// The texts the widget's contact block shows for each channel of
/// [`hotline_status`] at `now_ms`, in the interface language of `locale`:
/// `[{ id, status: "Jetzt geöffnet bis 20:00 Uhr" | null, quiet: "Kurze
/// Wartezeiten: …" | null }]`, times in the visitor's zone (`visitor_zone`,
/// an IANA name; default: the browser's), read by `clock`
/// (help-widget-panel.mjs' `wallClock`). Pages that show hours use these
/// instead of wording the status again.
#[cfg(feature = "demo")]
#[wasm_bindgen]
pub fn hotline_texts(
    now_ms: f64,
    locale: Option<String>,
    visitor_zone: Option<String>,
    clock: js_sys::Function,
) -> JsValue {
    use crate::widget::{dom::clock::WallClock, hotline_words};
    let locale = locale.as_deref().unwrap_or("");
    let now = now_ms as i64;
    let live = crate::hotline::status(crate::knowledge(), now, locale);
    let clock = WallClock::new(clock, visitor_zone);
    let lang = ui_lang_of(locale);
    let zone = live.zone.unwrap_or("");
    let mut j = Json::new();
    list(&mut j, &live.channels, |j, c| {
        j.raw("{\"id\":");
        j.str(c.id);
        j.key("status");
        j.opt_str(hotline_words::status_line(c, zone, now, &clock, lang).as_deref());
        j.key("quiet");
        j.opt_str(hotline_words::quiet_line(c, zone, now, &clock, lang).as_deref());
        j.byte(b'}');
    });
    parse(&j.finish())
}
