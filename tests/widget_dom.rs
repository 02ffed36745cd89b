//! The widget in headless Chromium, the Wasm running the panel the loader
//! draws (`drawPanel`) and its renderer draws into (`panelView`): mounting, the combobox, keyboard,
//! focus, events and the wall clock
//! (`wasm-pack test --headless --chrome -- --test widget_dom`).
#![cfg(target_arch = "wasm32")]

use help_widget::wasm::mount_widget;
use help_widget::widget::dom::clock::WallClock;
use help_widget::widget::hotline_words::Clock;
use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

/// The loader module (`www/help-widget.mjs`), imported from its source:
/// its `drawLauncher` and `drawPanel` draw the launcher and the chrome.
async fn loader() -> JsValue {
    import(include_str!("../www/help-widget.mjs")).await
}

/// The panel's renderer (`www/help-widget-panel.mjs`), which the loader
/// imports with the Wasm.
async fn renderer() -> JsValue {
    import(include_str!("../www/help-widget-panel.mjs")).await
}

/// Imports a module from its source text. (The test server would serve
/// the `.mjs` files with a MIME type browsers refuse for modules.)
async fn import(source: &str) -> JsValue {
    let import = Function::new_with_args(
        "src",
        "return import(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })))",
    );
    let promise = import.call1(&JsValue::NULL, &source.into()).unwrap();
    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise))
        .await
        .unwrap()
}

/// Calls `object`'s method `name` (the loader's exports, the widget's API) with `args`.
fn call(object: &JsValue, name: &str, args: &[&JsValue]) -> JsValue {
    let f: Function = Reflect::get(object, &name.into()).unwrap().unchecked_into();
    let list: Array = args.iter().copied().collect();
    f.apply(object, &list).unwrap()
}

fn draw_launcher(module: &JsValue, host: &HtmlElement, flags: &JsValue) -> JsValue {
    call(module, "drawLauncher", &[host, &words(), flags])
}

fn draw_panel(module: &JsValue, wrap: &JsValue, flags: &JsValue) -> JsValue {
    call(module, "drawPanel", &[wrap, &words(), flags])
}

/// The shell's words, as `help-widget shell` writes them (German).
fn words() -> JsValue {
    js_sys::JSON::parse(
        r#"{"launcher":"Hilfe","title":"Stadtwerke Lindenau","close":"Hilfe schließen",
        "searchLabel":"Wie können wir helfen?","placeholder":"Suchbegriff, z. B. Zählerstand",
        "suggestions":"Vorgeschlagene Antworten","loading":"…"}"#,
    )
    .unwrap()
}

struct Fixture {
    /// The widget as the loader holds it (`mount_widget`'s `Widget`).
    widget: JsValue,
    host: HtmlElement,
    root: ShadowRoot,
    events: Array,
}

impl Drop for Fixture {
    fn drop(&mut self) {
        self.host.remove();
        // Detaches the page listeners, so later tests' pages are their own.
        call(&self.widget, "free", &[]);
    }
}

/// The renderer's `wallClock`, the clock the loader hands the widget.
fn wall_clock(renderer: &JsValue) -> Function {
    Reflect::get(renderer, &"wallClock".into())
        .unwrap()
        .unchecked_into()
}

/// Starts the Wasm widget on a panel `drawPanel` drew (`panel`, its
/// answer) as the loader does: `mount_widget` with the renderer's `draw`,
/// then `connect`, which hands the panel's events to it.
async fn start(panel: &JsValue, locale: &str, inline: bool, open: bool, emit: Function) -> JsValue {
    let flags = Object::new();
    Reflect::set(&flags, &"inline".into(), &inline.into()).unwrap();
    let parts = Reflect::get(panel, &"parts".into()).unwrap();
    let renderer = renderer().await;
    let view = call(&renderer, "panelView", &[&parts, &flags]);
    let draw = Reflect::get(&view, &"draw".into()).unwrap();
    let typed = Reflect::get(panel, &"input".into())
        .unwrap()
        .unchecked_into::<HtmlInputElement>()
        .value();
    let widget: JsValue = mount_widget(
        Some(locale.to_string()),
        inline,
        open,
        typed,
        true,
        None,
        draw.unchecked_into(),
        emit,
        wall_clock(&renderer),
        Reflect::get(&renderer, &"hostPage".into())
            .unwrap()
            .unchecked_into(),
    )
    .unwrap()
    .into();
    call(&view, "connect", &[&widget]);
    widget
}

/// A freshly mounted widget: no saved state, no deep link, events recorded.
/// No saved state and no deep link from an earlier test.
fn fresh_page() -> web_sys::Document {
    let w = web_sys::window().unwrap();
    w.session_storage().unwrap().unwrap().clear().unwrap();
    let path = w.location().pathname().unwrap();
    w.history()
        .unwrap()
        .replace_state_with_url(&JsValue::NULL, "", Some(&path))
        .unwrap();
    w.document().unwrap()
}

async fn mount(locale: &str, inline: bool) -> Fixture {
    let module = loader().await;
    let doc = fresh_page();
    let host: HtmlElement = doc.create_element("help-widget").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&host).unwrap();
    let events = Array::new();
    let record = Function::new_with_args("name, detail", "this.push([name, detail])");
    let emit: Function = record.bind0(&events);
    let flags = Object::new();
    Reflect::set(&flags, &"inline".into(), &inline.into()).unwrap();
    let drawn = draw_launcher(&module, &host, &flags);
    let wrap = Reflect::get(&drawn, &"wrap".into()).unwrap();
    let panel = draw_panel(&module, &wrap, &flags);
    // The loader removes its loading line and shows the wrapper once its
    // stylesheet is there; do the same.
    Reflect::get(&panel, &"panel".into())
        .unwrap()
        .unchecked_into::<Element>()
        .query_selector(".loading")
        .unwrap()
        .unwrap()
        .remove();
    wrap.unchecked_ref::<Element>()
        .remove_attribute("hidden")
        .unwrap();
    let widget = start(&panel, locale, inline, inline, emit).await;
    let root = host.shadow_root().unwrap();
    Fixture {
        widget,
        host,
        root,
        events,
    }
}

impl Fixture {
    /// Calls the widget's API method `name` (`open`, `search`, `show`, …).
    fn api(&self, name: &str, args: &[&JsValue]) -> JsValue {
        call(&self.widget, name, args)
    }

    fn open(&self) {
        self.api("open", &[]);
    }

    fn q(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).unwrap()
    }

    fn all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into().ok())
            .collect()
    }

    fn input(&self) -> HtmlInputElement {
        self.q("#hw-q").unwrap().unchecked_into()
    }

    fn type_text(&self, text: &str) {
        let input = self.input();
        input.set_value(text);
        let event = web_sys::Event::new("input").unwrap();
        input.dispatch_event(&event).unwrap();
    }

    fn key(&self, target: &Element, key: &str) {
        let ctor: Function = Reflect::get(&js_sys::global(), &"KeyboardEvent".into())
            .unwrap()
            .unchecked_into();
        let init = Object::new();
        Reflect::set(&init, &"key".into(), &key.into()).unwrap();
        Reflect::set(&init, &"bubbles".into(), &true.into()).unwrap();
        Reflect::set(&init, &"cancelable".into(), &true.into()).unwrap();
        let event: web_sys::Event =
            Reflect::construct(&ctor, &Array::of2(&"keydown".into(), &init))
                .unwrap()
                .unchecked_into();
        target.dispatch_event(&event).unwrap();
    }

    fn focused(&self) -> Option<String> {
        let el = self.root.active_element()?;
        Some(el.get_attribute("data-act").unwrap_or_else(|| el.id()))
    }

    fn event_names(&self) -> Vec<String> {
        self.events
            .iter()
            .map(|pair| Array::from(&pair).get(0).as_string().unwrap())
            .collect()
    }
}

#[wasm_bindgen_test]
async fn mounting_draws_on_the_loaders_launcher_and_hidden_panel() {
    let f = mount("de", false).await;
    let launcher = f.q(".launcher").unwrap();
    assert_eq!(
        f.q(".launcher .label").unwrap().text_content().unwrap(),
        "Hilfe"
    );
    // Its open state's words (shown by the launcher stylesheet while open).
    assert_eq!(
        f.q(".launcher .sr-only.when-open")
            .unwrap()
            .text_content()
            .unwrap(),
        "Hilfe schließen"
    );
    assert_eq!(
        launcher.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert!(f.q(".panel").unwrap().has_attribute("hidden"));
    assert_eq!(f.all(".panel").len(), 1, "drawn once, by the loader");
    assert!(f.all("[style]").is_empty(), "no inline styles (strict CSP)");
}

#[wasm_bindgen_test]
async fn typing_on_keeps_the_rows_of_results_that_stay_listed() {
    let f = mount("de", false).await;
    f.open();
    f.type_text("zählerstan");
    let first = f.q("[role=option][data-id='de/meter-reading']").unwrap();
    f.type_text("zählerstand");
    let again = f.q("[role=option][data-id='de/meter-reading']").unwrap();
    assert!(
        first.is_same_node(Some(&again)),
        "the row was kept, not rebuilt"
    );
    let ids: Vec<String> = f.all("[role=option]").iter().map(|o| o.id()).collect();
    let expected: Vec<String> = (0..ids.len()).map(|i| format!("hw-opt-{i}")).collect();
    assert_eq!(ids, expected, "option ids follow the order");
}

#[wasm_bindgen_test]
async fn text_typed_before_the_engine_arrived_is_searched_when_it_takes_over() {
    let doc = fresh_page();
    let host: HtmlElement = doc.create_element("help-widget").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&host).unwrap();
    let module = loader().await;
    let drawn = draw_launcher(&module, &host, &Object::new());
    let wrap = Reflect::get(&drawn, &"wrap".into()).unwrap();
    let panel = draw_panel(&module, &wrap, &Object::new());
    Reflect::get(&panel, &"input".into())
        .unwrap()
        .unchecked_into::<HtmlInputElement>()
        .set_value("abschlag");
    let emit = Function::new_no_args("");
    let _widget = start(&panel, "de", false, true, emit).await;
    let root = host.shadow_root().unwrap();
    assert!(!root
        .query_selector(".panel")
        .unwrap()
        .unwrap()
        .has_attribute("hidden"));
    assert!(root.query_selector_all("[role=option]").unwrap().length() > 0);
    host.remove();
}

#[wasm_bindgen_test]
async fn the_launcher_opens_the_panel_and_focuses_the_search_box() {
    let f = mount("de", false).await;
    f.q(".launcher")
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    assert!(!f.q(".panel").unwrap().has_attribute("hidden"));
    assert_eq!(f.focused().as_deref(), Some("hw-q"));
    assert_eq!(f.event_names(), ["open"]);
}

#[wasm_bindgen_test]
async fn every_keystroke_fills_the_listbox_with_highlighted_options() {
    let f = mount("de", false).await;
    f.open();
    f.type_text("zähl");
    let options = f.all("[role=option]");
    assert!(!options.is_empty());
    assert_eq!(
        f.input().get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert!(!f.all("[role=option] mark").is_empty());
    assert!(!f.q("#hw-list").unwrap().has_attribute("hidden"));
}

#[wasm_bindgen_test]
async fn arrow_keys_move_the_active_descendant_and_enter_opens_the_answer() {
    let f = mount("de", false).await;
    f.open();
    f.type_text("zählerstand");
    let input: Element = f.input().unchecked_into();
    f.key(&input, "ArrowDown");
    f.key(&input, "ArrowDown");
    assert_eq!(
        input.get_attribute("aria-activedescendant").as_deref(),
        Some("hw-opt-1")
    );
    assert_eq!(
        f.q("#hw-opt-1")
            .unwrap()
            .get_attribute("aria-selected")
            .as_deref(),
        Some("true")
    );
    let question = f.q("#hw-opt-1 .q").unwrap().text_content().unwrap();
    f.key(&input, "Enter");
    assert_eq!(
        f.q("#hw-answer-title").unwrap().text_content().unwrap(),
        question
    );
    assert_eq!(f.focused().as_deref(), Some("hw-answer-title"));
    assert!(f.q("#hw-list").unwrap().has_attribute("hidden"));
}

#[wasm_bindgen_test]
async fn escape_closes_the_panel_and_returns_focus_to_the_launcher() {
    let f = mount("en", false).await;
    f.open();
    f.key(&f.input().unchecked_into(), "Escape");
    assert!(f.q(".panel").unwrap().has_attribute("hidden"));
    assert_eq!(f.focused().as_deref(), Some("toggle"));
    assert_eq!(f.event_names(), ["open", "close"]);
}

#[wasm_bindgen_test]
async fn the_answer_view_offers_feedback_once_and_keeps_focus_on_the_thanks() {
    let f = mount("de", false).await;
    f.api("show", &[&"de/meter-reading".into()]);
    assert!(
        f.q(".answer-body ol").is_some(),
        "build-time HTML is rendered"
    );
    f.q("[data-act=no]")
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
    assert!(f.q("[data-act=yes]").is_none());
    assert!(f
        .q(".thanks")
        .unwrap()
        .text_content()
        .unwrap()
        .contains("Danke"));
    assert_eq!(f.event_names(), ["open", "answer-shown", "feedback"]);
}

#[wasm_bindgen_test]
async fn the_contact_block_lists_every_channel_even_without_results() {
    let f = mount("en", false).await;
    assert_eq!(f.api("search", &[&"qqqxxyz".into()]).as_f64(), Some(0.0));
    let hrefs: Vec<String> = f
        .all(".channel a")
        .iter()
        .map(|a| a.get_attribute("href").unwrap())
        .collect();
    // The hotline's phone, chat and callback, then e-mail and the contact page.
    assert_eq!(hrefs.len(), 5, "{hrefs:?}");
    assert!(hrefs.iter().any(|h| h.starts_with("tel:")), "{hrefs:?}");
    let mail = hrefs
        .iter()
        .find(|h| h.starts_with("mailto:"))
        .expect("an e-mail link");
    assert!(
        mail.contains("qqqxxyz"),
        "the visitor's question is prefilled: {mail}"
    );
    assert_eq!(
        f.q("[role=status]").unwrap().text_content().unwrap(),
        "No matching answer found"
    );
    assert_eq!(f.event_names(), ["open", "search", "no-results"]);
}

#[wasm_bindgen_test]
async fn an_inline_widget_has_no_launcher_and_cannot_be_closed() {
    let f = mount("de", true).await;
    assert!(f.q(".launcher").unwrap().has_attribute("hidden"));
    f.api("close", &[]);
    assert!(!f.q(".panel").unwrap().has_attribute("hidden"));
    assert_eq!(
        f.q(".panel").unwrap().get_attribute("role").as_deref(),
        Some("region")
    );
}

#[wasm_bindgen_test]
async fn the_state_is_saved_to_session_storage() {
    let f = mount("de", false).await;
    f.api("search", &[&"abschlag".into()]);
    let saved = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap()
        .get_item(help_widget::widget::saved::STORAGE_KEY)
        .unwrap()
        .unwrap();
    assert!(saved.starts_with("o=1&q=abschlag&p=%2F"), "{saved}");
}

#[wasm_bindgen_test]
async fn the_wall_clock_reads_berlin_wall_time_on_both_sides_of_the_spring_dst_change() {
    let clock = WallClock::new(wall_clock(&renderer().await), None);
    // 29 March 2026: clocks go from 02:00 CET to 03:00 CEST at 01:00 UTC.
    let before = clock
        .local(1_774_744_200_000, Some("Europe/Berlin"))
        .unwrap(); // 00:30 UTC
    let after = clock
        .local(1_774_747_800_000, Some("Europe/Berlin"))
        .unwrap(); // 01:30 UTC
    assert_eq!(
        (
            before.day,
            before.weekday.index(),
            before.hour,
            before.minute
        ),
        (29, 6, 1, 30),
        "29 March 2026 was a Sunday (index 6)"
    );
    assert_eq!((after.day, after.hour, after.minute), (29, 3, 30));
    let ny = clock
        .local(1_774_747_800_000, Some("America/New_York"))
        .unwrap();
    assert_eq!((ny.day, ny.weekday.index(), ny.hour), (28, 5, 21));
    let kolkata = clock
        .local(1_774_747_800_000, Some("Asia/Kolkata"))
        .unwrap();
    assert_eq!(
        (kolkata.hour, kolkata.minute),
        (7, 0),
        "an offset of half an hour"
    );
    assert!(clock.local(0, Some("Not/A_Zone")).is_none());
    assert!(!clock.visitor_zone().is_empty());
    let in_tokyo = WallClock::new(wall_clock(&renderer().await), Some("Asia/Tokyo".into()));
    let t = in_tokyo.local(1_774_747_800_000, None).unwrap();
    assert_eq!((t.day, t.hour, t.minute), (29, 10, 30));
    assert_eq!(in_tokyo.visitor_zone(), "Asia/Tokyo");
}

#[wasm_bindgen_test]
async fn a_misspelling_shows_a_correction_button_that_replaces_the_query() {
    let f = mount("de", false).await;
    f.open();
    f.type_text("abschlg");
    let button = f.q(".dym button").unwrap();
    assert!(!f.q(".dym").unwrap().has_attribute("hidden"));
    button.unchecked_into::<HtmlElement>().click();
    assert_eq!(f.input().value(), "abschlag");
    assert!(f.q(".dym").unwrap().has_attribute("hidden"));
    assert_eq!(f.focused().as_deref(), Some("hw-q"));
}

/// `Date.now()`, which the widget reads for notices and live status, fixed
/// at an instant until dropped.
struct FrozenClock {
    date: Object,
    real: JsValue,
}

impl FrozenClock {
    fn at(ms: f64) -> Self {
        let date: Object = Reflect::get(&js_sys::global(), &"Date".into())
            .unwrap()
            .unchecked_into();
        let real = Reflect::get(&date, &"now".into()).unwrap();
        let fixed = Function::new_no_args(&format!("return {ms};"));
        Reflect::set(&date, &"now".into(), &fixed).unwrap();
        Self { date, real }
    }
}

impl Drop for FrozenClock {
    fn drop(&mut self) {
        Reflect::set(&self.date, &"now".into(), &self.real).unwrap();
    }
}

#[wasm_bindgen_test]
async fn the_notice_banner_shows_in_the_empty_state_and_for_matching_queries_only() {
    // The sample kb's fibre notice runs from 2026-11-01 08:00 +01:00 to
    // 2027-03-31 18:00 +02:00; 2026-12-01 12:00 UTC is inside.
    let clock = FrozenClock::at(1_796_126_400_000.0);
    let f = mount("de", false).await;
    f.open();
    assert_eq!(f.all(".notices-slot .notice").len(), 1);
    f.type_text("glasfaser");
    assert_eq!(f.all(".notices-slot .notice").len(), 1);
    f.type_text("rechnung");
    assert!(f.all(".notices-slot .notice").is_empty());
    drop(clock);
    // 2027-04-01 12:00 UTC: over, so not even a matching query shows it.
    let _clock = FrozenClock::at(1_806_580_800_000.0);
    f.type_text("glasfaser");
    assert!(f.all(".notices-slot .notice").is_empty());
}

#[wasm_bindgen_test]
async fn the_empty_state_greets_and_lists_the_sites_featured_questions_first() {
    let f = mount("en", true).await;
    // The sample kb's site.toml: [home.en].
    let greeting = f.q(".greeting").expect("a greeting");
    assert_eq!(
        greeting.text_content().unwrap(),
        "Welcome to Stadtwerke Lindenau customer service – how can we help?"
    );
    let first = f.q("[data-act=show]").expect("a featured question");
    assert_eq!(first.get_attribute("data-id").unwrap(), "en/meter-reading");
    f.type_text("meter");
    assert!(f.q(".greeting").is_none(), "only the empty state greets");
}

#[wasm_bindgen_test]
async fn the_loader_reopens_from_the_record_the_widget_saves_and_only_on_its_page() {
    use help_widget::widget::saved::{Saved, STORAGE_KEY};
    let module = loader().await;
    let window = web_sys::window().unwrap();
    let storage = window.session_storage().unwrap().unwrap();
    let history = window.history().unwrap();
    let was = window.location().href().unwrap();
    // A path whose '+' and escapes the two readers could take differently.
    history
        .replace_state_with_url(&JsValue::NULL, "", Some("/hilfe+faq/z%C3%A4hler%20stand/"))
        .unwrap();
    let path = window.location().pathname().unwrap();
    let record = |open: bool, path: &str| {
        Saved {
            open,
            query: "a+b & c=50 % ü".into(),
            answer: Some("de/meter-reading".into()),
            category: Some("Zähler & Co".into()),
            path: path.into(),
        }
        .encode()
    };
    for (saved, want) in [
        (record(true, &path), true),
        (record(false, &path), false),
        (record(true, "/hilfe faq/"), false),
        (record(true, ""), true),
    ] {
        storage.set_item(STORAGE_KEY, &saved).unwrap();
        let open = call(&module, "savedOpen", &[]).as_bool();
        assert_eq!(open, Some(want), "{saved} on {path}");
    }
    storage.remove_item(STORAGE_KEY).unwrap();
    history
        .replace_state_with_url(&JsValue::NULL, "", Some(&was))
        .unwrap();
}
