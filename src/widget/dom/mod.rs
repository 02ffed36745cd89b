//! The browser side (wasm32 only): mounts the widget in a shadow root under
//! a host element, turns DOM events into [`Msg`]s for the [`App`], renders
//! its view and carries out its effects. Listeners ([`listener::Listener`])
//! and timers (gloo `Timeout`) are RAII handles owned by [`Mounted`]:
//! dropping it detaches everything and cancels pending timers.

pub mod clock;
pub mod listener;
pub mod options;
mod page;
pub mod render;

use crate::widget::app::{App, Effect, HostEvent, Msg, Start};
use crate::widget::deep_link::{parse_hash, HASH_PREFIX};
use crate::widget::hotline_words::StatusSource;
use crate::widget::i18n::preferred_tag;
use crate::widget::keys::{wrap_tab, Key};
use clock::IntlClock;
use gloo_timers::callback::{Interval, Timeout};
use listener::Listener;
pub use options::Options;
use page::{history_back, on_answer_entry, push_answer_entry, save, saved, set_link, window};
use render::Skeleton;
use serde::Serialize as _;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::{Rc, Weak};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, KeyboardEvent, ShadowRoot};

/// How long typing must pause before the result count is announced and the
/// `search` event is sent.
pub const SETTLE_MS: u32 = 600;

/// A widget mounted under a host element.
pub struct Mounted {
    shared: Rc<Shared>,
    _listeners: Vec<Listener>,
    _refresh: Interval,
}

/// The widget's state and a queue of messages, so a host listener that calls
/// back into the API while an event is being emitted is handled after the
/// current message instead of re-entering it.
struct Shared {
    ui: RefCell<Ui>,
    queue: RefCell<VecDeque<Msg>>,
    busy: Cell<bool>,
    emit: js_sys::Function,
    /// Fetches part files (a core bundle's index and answers).
    need: Option<js_sys::Function>,
}

struct Ui {
    app: App<'static>,
    root: ShadowRoot,
    dom: Skeleton,
    clock: IntlClock,
    /// Asked by the [`App`] once a minute (it keeps the one cache).
    status: Box<dyn StatusSource>,
    settle: Option<Timeout>,
    /// Deep links are read and written (`data-hash="off"` turns them off).
    hash: bool,
    /// An answer shown on a phone added a history entry: system Back
    /// returns to the results, then closes the panel (the loader's entry).
    answer_entry: bool,
    me: Weak<Shared>,
}

/// Where live hotline status comes from: the hotline tables in the embedded bundle.
fn live_status_source() -> Box<dyn StatusSource> {
    Box::new(|now: i64, locale: &str| {
        Some(crate::hotline::status(crate::knowledge(), now, locale)).filter(|s| s.zone.is_some())
    })
}

/// How often an open panel refreshes the contact status ("open until 20:00"
/// must turn into "closed" without a reload).
pub const STATUS_REFRESH_MS: u32 = 60_000;

fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

impl Ui {
    fn render(&mut self) {
        let view = self.app.view(now_ms(), self.status.as_ref(), &self.clock);
        let key = Skeleton::focused_key(&self.root);
        if let Err(e) = self.dom.render(view, key) {
            web_sys::console::error_2(&"help-widget: render failed".into(), &e);
        }
    }

    /// Applies one message: update, render, carry out the effects; returns
    /// the element to focus and the events to emit once the state is no
    /// longer borrowed.
    fn step(&mut self, msg: Msg) -> (Option<HtmlElement>, Vec<HostEvent>) {
        if msg == Msg::Back && std::mem::take(&mut self.answer_entry) {
            // The in-panel Back leaves the answer's entry too.
            history_back();
        }
        let effects = self.app.update(msg);
        if self.app.shows_answer()
            && self.app.floating_open()
            && !self.answer_entry
            && narrow_screen()
        {
            push_answer_entry();
            self.answer_entry = true;
        }
        self.render();
        let mut focus = None;
        let mut events = Vec::new();
        for fx in effects {
            match fx {
                Effect::Emit(e) => events.push(e),
                Effect::FocusInput => focus = Some(self.dom.input.clone().unchecked_into()),
                Effect::FocusLauncher => focus = Some(self.dom.launcher.clone()),
                Effect::FocusContent => focus = self.dom.content_heading(),
                Effect::FocusContact => focus = self.dom.contact_heading(),
                Effect::Link(id) if self.hash => set_link(id.as_deref()),
                Effect::Link(_) => {}
                Effect::Save => save(&self.app.saved()),
                Effect::Settle => self.restart_settle(),
                Effect::Announce(text) => self.dom.announce(&text),
            }
        }
        (focus, events)
    }

    /// (Re)starts the pause timer; dropping the old `Timeout` cancels it.
    fn restart_settle(&mut self) {
        let me = self.me.clone();
        self.settle = Some(Timeout::new(SETTLE_MS, move || {
            if let Some(shared) = me.upgrade() {
                shared.send(Msg::Paused);
            }
        }));
    }
}

impl Shared {
    fn emit_all(&self, events: Vec<HostEvent>) {
        for e in events {
            let detail = e
                .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
                .unwrap_or(JsValue::NULL);
            // A throwing host listener must not break the widget.
            let _ = self.emit.call2(&JsValue::NULL, &e.name().into(), &detail);
        }
    }

    /// Runs `msg` and any message queued meanwhile, one at a time.
    fn send(&self, msg: Msg) {
        self.queue.borrow_mut().push_back(msg);
        if self.busy.replace(true) {
            return;
        }
        loop {
            let next = self.queue.borrow_mut().pop_front();
            let Some(msg) = next else { break };
            let (focus, events) = self.ui.borrow_mut().step(msg);
            if let Some(el) = focus {
                let _ = el.focus();
            }
            self.emit_all(events);
        }
        self.busy.set(false);
        self.ask_for_parts();
    }

    /// Asks the loader for the part files the last messages wanted and did
    /// not have; it calls `refresh()` when they are in. What is known is
    /// already on screen: typing never waits on the network.
    fn ask_for_parts(&self) {
        let Some(need) = &self.need else { return };
        let missed = crate::knowledge().take_missed();
        if missed.is_empty() {
            return;
        }
        let names: js_sys::Array = missed
            .into_iter()
            .map(|h| JsValue::from(crate::format::pool::part_name(h)))
            .collect();
        let _ = need.call1(&JsValue::NULL, &names);
    }
}

/// Narrow screens get a full-screen panel (see help-widget.css).
const FULL_SCREEN_QUERY: &str = "(max-width: 480px)";

/// Whether the screen is narrow enough for the full-screen panel (a phone).
pub fn narrow_screen() -> bool {
    window()
        .ok()
        .and_then(|w| w.match_media(FULL_SCREEN_QUERY).ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Keeps Tab inside an open floating panel while it fills the screen.
fn trap_tab(s: &Shared, e: &KeyboardEvent) {
    let ui = s.ui.borrow();
    if !ui.app.floating_open() {
        return;
    }
    if !narrow_screen() {
        return;
    }
    let Ok(list) = ui
        .dom
        .panel
        .query_selector_all("button:not([hidden]), a[href], input, [tabindex=\"0\"]")
    else {
        return;
    };
    let items: Vec<HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into().ok())
        .collect();
    let active = ui.root.active_element();
    let focused = active.and_then(|a| items.iter().position(|i| i.is_same_node(Some(&a))));
    if let Some(next) = wrap_tab(focused, items.len(), e.shift_key()) {
        e.prevent_default();
        let _ = items[next].focus();
    }
}

/// The message a click on `target` means, from its nearest `data-act`.
fn click_msg(target: &Element) -> Option<Msg> {
    let act_el = target.closest("[data-act]").ok()??;
    let attr = |name: &str| act_el.get_attribute(name).unwrap_or_default();
    Some(match attr("data-act").as_str() {
        "toggle" => Msg::Toggle,
        "close" => Msg::Close,
        "choose" => Msg::Choose(attr("data-i").parse().ok()?),
        "show" => Msg::Show(attr("data-id")),
        "category" => Msg::Category(Some(attr("data-id"))),
        "back" => Msg::Back,
        "yes" => Msg::Feedback(true),
        "no" => Msg::Feedback(false),
        "contact" => Msg::Contact(attr("data-channel")),
        "correct" => Msg::Correct,
        "to-contact" => Msg::ToContact,
        _ => return None,
    })
}

impl Mounted {
    /// Takes over the chrome the loader drew in `host`'s shadow root (see
    /// [`Skeleton::adopt`]). `emit` is called as `emit(name, detail)` for
    /// every [`HostEvent`].
    pub fn mount(
        host: &HtmlElement,
        options: Options,
        emit: js_sys::Function,
    ) -> Result<Self, JsValue> {
        let w = window()?;
        let doc = w.document().ok_or("no document")?;
        let tag = preferred_tag(
            options
                .locale
                .iter()
                .chain(options.page_lang.iter())
                .chain(options.browser_langs.iter())
                .map(String::as_str),
        );
        let app = App::new(crate::knowledge(), tag, options.inline);
        let root = host
            .shadow_root()
            .ok_or("help-widget: mount_widget needs the loader's shadow root")?;
        let hits = options
            .hits
            .clone()
            .ok_or("help-widget: mount_widget needs options.hits (drawPanel's showHits)")?;
        let dom = Skeleton::adopt(&root, &doc, hits)?;
        let start = Start {
            saved: saved(),
            open: options.open,
            typed: dom.input.value(),
            deep_link: options
                .hash
                .then(|| parse_hash(&w.location().hash().unwrap_or_default()))
                .flatten(),
        };
        let shared = Rc::new_cyclic(|me| Shared {
            ui: RefCell::new(Ui {
                app,
                root: root.clone(),
                dom,
                clock: IntlClock::default(),
                status: live_status_source(),
                settle: None,
                hash: options.hash,
                answer_entry: false,
                me: me.clone(),
            }),
            queue: RefCell::new(VecDeque::new()),
            busy: Cell::new(false),
            emit,
            need: options.need.clone(),
        });
        let listeners = Self::listen(&shared, &w, options.hash)?;
        shared.send(Msg::Start(start));
        let me = Rc::downgrade(&shared);
        let refresh = Interval::new(STATUS_REFRESH_MS, move || {
            if let Some(s) = me.upgrade() {
                if let Ok(mut ui) = s.ui.try_borrow_mut() {
                    if ui.app.is_open() {
                        ui.render();
                    }
                }
            }
        });
        Ok(Self {
            shared,
            _listeners: listeners,
            _refresh: refresh,
        })
    }

    fn listen(
        shared: &Rc<Shared>,
        w: &web_sys::Window,
        hash: bool,
    ) -> Result<Vec<Listener>, JsValue> {
        let (wrap, input) = {
            let ui = shared.ui.borrow();
            (ui.dom.wrap.clone(), ui.dom.input.clone())
        };
        let weak = |s: &Rc<Shared>| Rc::downgrade(s);
        let mut out = Vec::new();
        let me = weak(shared);
        out.push(Listener::new(&wrap, "click", move |e| {
            let target = e.target().and_then(|t| t.dyn_into::<Element>().ok());
            if let (Some(s), Some(msg)) = (me.upgrade(), target.as_ref().and_then(click_msg)) {
                s.send(msg);
            }
        }));
        let me = weak(shared);
        let input_el = input.clone();
        out.push(Listener::new(&input, "input", move |_| {
            if let Some(s) = me.upgrade() {
                s.send(Msg::Input(input_el.value()));
            }
        }));
        let me = weak(shared);
        out.push(Listener::new(&wrap, "keydown", move |e| {
            let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                return;
            };
            let Some(s) = me.upgrade() else { return };
            if e.key() == "Tab" {
                trap_tab(&s, e);
                return;
            }
            let Some(key) = Key::from_dom(&e.key()) else {
                return;
            };
            let in_input = e
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .is_some_and(|t| t.id() == "hw-q");
            if e.is_composing() || e.alt_key() || e.ctrl_key() || e.meta_key() {
                return;
            }
            if s.ui.borrow().app.claims_key(key, in_input) {
                e.prevent_default();
            }
            s.send(if in_input {
                Msg::Key(key)
            } else {
                Msg::PanelKey(key)
            });
        }));
        let me = weak(shared);
        out.push(Listener::new(w, "pagehide", move |_| {
            if let Some(s) = me.upgrade() {
                s.send(Msg::Leave);
            }
        }));
        let me = weak(shared);
        out.push(Listener::new(w, "popstate", move |_| {
            let Some(s) = me.upgrade() else { return };
            let left = {
                let Ok(mut ui) = s.ui.try_borrow_mut() else {
                    return;
                };
                ui.answer_entry && !on_answer_entry() && {
                    ui.answer_entry = false;
                    true
                }
            };
            if left {
                s.send(Msg::Back);
            }
        }));
        let me = weak(shared);
        let scroll = shared.ui.borrow().dom.scroll.clone();
        out.push(Listener::new(&scroll.clone(), "scroll", move |_| {
            if let Some(s) = me.upgrade() {
                if let Ok(ui) = s.ui.try_borrow() {
                    ui.dom.scrolled.set(scroll.scroll_top() > 0);
                }
            }
        }));
        if !hash {
            return Ok(out);
        }
        let me = weak(shared);
        out.push(Listener::new(w, "hashchange", move |_| {
            let Some(s) = me.upgrade() else { return };
            let hash = web_sys::window()
                .and_then(|w| w.location().hash().ok())
                .unwrap_or_default();
            if !hash.starts_with(HASH_PREFIX.trim_end_matches('/')) {
                return;
            }
            match parse_hash(&hash) {
                Some(id) if id.is_empty() => s.send(Msg::Open),
                Some(id) => s.send(Msg::Show(id)),
                None => {}
            }
        }));
        Ok(out)
    }

    pub fn send(&self, msg: Msg) {
        self.shared.send(msg);
    }

    /// Types `query` as if the visitor had, opens the panel, and reports the
    /// number of suggestions (events are sent at once, without the pause:
    /// [`Msg::Search`]).
    pub fn search(&self, query: &str) -> usize {
        self.send(Msg::Search(query.to_string()));
        self.shared.ui.borrow().app.hit_count()
    }

    /// Replaces the live status source (the hotline module connects here).
    pub fn set_status_source(&self, source: Box<dyn StatusSource>) {
        self.shared.ui.borrow_mut().status = source;
        self.send(Msg::StatusChanged);
    }

    /// The interface language chosen for the visitor (`de` or `en`).
    pub fn lang(&self) -> &'static str {
        self.shared.ui.borrow().app.lang().tag()
    }
}
