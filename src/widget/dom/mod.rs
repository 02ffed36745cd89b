//! The browser side (wasm32 only): runs the [`App`] for the loader's panel.
//! It builds no DOM: after every message it hands the loader's renderer
//! (`panelView` in www/help-widget-panel.mjs) what changed in the view, as a
//! [`Patch`](crate::widget::view::Patch) (see [`crate::widget::view`] for
//! why JS draws), and the renderer's listeners send the panel's clicks,
//! typing and keys back as calls ([`Mounted::act`], [`Mounted::input`],
//! [`Mounted::key`]). The page's own events (pagehide, popstate,
//! hashchange) are listened to here, by RAII [`listener::Listener`]s;
//! they and the timers (gloo `Timeout`) are owned by [`Mounted`]: dropping
//! it detaches them and cancels pending timers.

pub mod clock;
pub mod listener;
pub mod options;

use crate::widget::app::{App, Effect, HostEvent, Msg, Start, View};
use crate::widget::deep_link::{parse_hash, HASH_PREFIX};
use crate::widget::fetching::{split_missed, ANSWERS_PAUSE_MS};
use crate::widget::host_page::HostPage;
use crate::widget::hotline_words::StatusSource;
use crate::widget::i18n::preferred_tag;
use crate::widget::keys::Key;
use crate::widget::pause::{Fired, Pause};
use crate::widget::view::diff;
use clock::WallClock;
use gloo_timers::callback::{Interval, Timeout};
use listener::Listener;
pub use options::Options;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::{Rc, Weak};
use wasm_bindgen::JsValue;

/// The global window (the widget never runs in a worker).
fn window() -> Result<web_sys::Window, JsValue> {
    web_sys::window().ok_or_else(|| JsValue::from_str("help-widget needs a window"))
}

/// A widget mounted on the loader's panel; `P` is the host page (the
/// loader's `hostPage`, bound in src/wasm.rs; generic, not `dyn`: one
/// page type, called directly, 0.2 kB less of fixed code).
pub struct Mounted<P: HostPage + 'static> {
    shared: Rc<Shared<P>>,
    _listeners: Vec<Listener>,
    _refresh: Interval,
}

/// The widget's state and a queue of messages, so a host listener that calls
/// back into the API while an event is being emitted is handled after the
/// current message instead of re-entering it.
struct Shared<P: HostPage + 'static> {
    ui: RefCell<Ui<P>>,
    queue: RefCell<VecDeque<Msg>>,
    busy: Cell<bool>,
    emit: js_sys::Function,
    /// `draw(patch)`: the loader's renderer of the panel.
    draw: js_sys::Function,
    /// Fetches part files (a core bundle's index and answers).
    need: Option<js_sys::Function>,
    /// A result list's answer parts, asked for once typing pauses
    /// ([`crate::widget::fetching`]); a newer render drops (cancels) it.
    answers_later: RefCell<Option<Timeout>>,
}

struct Ui<P: HostPage + 'static> {
    app: App<'static>,
    /// The view drawn last, to send only what changes.
    last: Option<View>,
    clock: WallClock,
    /// Asked by the [`App`] once a minute (it keeps the one cache).
    status: Box<dyn StatusSource>,
    /// The pause typing awaits ([`Pause`]) ...
    pause: Pause,
    /// ... and its one timer, which sends [`Msg::Paused`] when it is over.
    settle: Option<Timeout>,
    /// The host page's storage, address bar and history.
    page: Rc<P>,
    /// Deep links are read and written (`data-hash="off"` turns them off).
    hash: bool,
    /// An answer shown on a phone added a history entry: system Back
    /// returns to the results, then closes the panel (the loader's entry).
    answer_entry: bool,
    me: Weak<Shared<P>>,
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

impl<P: HostPage + 'static> Ui<P> {
    /// What changed in the view since the last patch, with where focus
    /// goes and what the live region says, as the JSON `draw` takes.
    fn patch(&mut self, focus: Option<&'static str>, announce: Option<&str>) -> String {
        let view = self.app.view(now_ms(), self.status.as_ref(), &self.clock);
        let mut patch = diff(self.last.as_ref(), &view);
        patch.focus = focus;
        patch.announce = announce;
        let json = patch.to_json();
        self.last = Some(view);
        json
    }

    /// Applies one message: update, carry out the effects that are not
    /// the renderer's; returns the patch to draw and the events to emit
    /// once the state is no longer borrowed.
    fn step(&mut self, msg: Msg) -> (String, Vec<HostEvent>) {
        if msg == Msg::Back && std::mem::take(&mut self.answer_entry) {
            // The in-panel Back leaves the answer's entry too (to the results').
            self.page.back();
        }
        let effects = self.app.update(msg);
        if self.app.shows_answer()
            && self.app.floating_open()
            && !self.answer_entry
            && self.page.covers_screen()
        {
            self.page.push_answer_entry();
            self.answer_entry = true;
        }
        let mut focus = None;
        let mut announce = None;
        let mut events = Vec::new();
        for fx in effects {
            match fx {
                Effect::Emit(e) => events.push(e),
                Effect::FocusInput => focus = Some("input"),
                Effect::FocusLauncher => focus = Some("launcher"),
                Effect::FocusContent => focus = Some("content"),
                Effect::FocusContact => focus = Some("contact"),
                Effect::Link(id) if self.hash => self.page.set_link(id.as_deref()),
                Effect::Link(_) => {}
                Effect::Save => self.page.save(&self.app.saved()),
                Effect::Settle => self.restart_settle(),
                Effect::Announce(text) => announce = Some(text),
            }
        }
        (self.patch(focus, announce.as_deref()), events)
    }

    /// A keystroke restarts the pause; a timer is set only when none runs.
    fn restart_settle(&mut self) {
        if let Some(ms) = self.pause.restart(now_ms()) {
            self.arm_settle(ms);
        }
    }

    /// Sets the pause timer (replacing the one that fired).
    fn arm_settle(&mut self, ms: u32) {
        let me = self.me.clone();
        self.settle = Some(Timeout::new(ms, move || {
            if let Some(shared) = me.upgrade() {
                shared.settle_fired();
            }
        }));
    }
}

impl<P: HostPage + 'static> Shared<P> {
    /// The pause timer fired: typing paused, or it sleeps for the rest.
    fn settle_fired(&self) {
        let fired = {
            let mut ui = self.ui.borrow_mut();
            let fired = ui.pause.fired(now_ms());
            if let Fired::Wait(ms) = fired {
                ui.arm_settle(ms);
            }
            fired
        };
        if fired == Fired::Paused {
            self.send(Msg::Paused);
        }
    }

    fn emit_all(&self, events: Vec<HostEvent>) {
        for e in events {
            let detail = js_sys::JSON::parse(&e.detail_json()).unwrap_or(JsValue::NULL);
            // A throwing host listener must not break the widget.
            let _ = self.emit.call2(&JsValue::NULL, &e.name().into(), &detail);
        }
    }

    /// Hands `patch` (JSON text, one string across) to the renderer.
    fn draw(&self, patch: &str) {
        if let Err(e) = self.draw.call1(&JsValue::NULL, &JsValue::from_str(patch)) {
            web_sys::console::error_2(&"help-widget: drawing the panel failed".into(), &e);
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
            let (patch, events) = self.ui.borrow_mut().step(msg);
            self.draw(&patch);
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
        let knowledge = crate::knowledge();
        let missed = knowledge.take_missed();
        // What this render missed replaces what the last one waited for.
        self.answers_later.borrow_mut().take();
        if missed.is_empty() {
            return;
        }
        let reading = self.ui.borrow().app.shows_answer();
        let (now, later) = split_missed(missed, |h| knowledge.is_answer_part(h), reading);
        let ask = |need: &js_sys::Function, keys: Vec<u64>| {
            let knowledge = crate::knowledge();
            let names: js_sys::Array = keys
                .into_iter()
                .filter_map(|k| knowledge.part_name(k))
                .map(JsValue::from)
                .collect();
            let _ = need.call1(&JsValue::NULL, &names);
        };
        if !now.is_empty() {
            ask(need, now);
        }
        if !later.is_empty() {
            let need = need.clone();
            let wait = Timeout::new(ANSWERS_PAUSE_MS, move || ask(&need, later));
            *self.answers_later.borrow_mut() = Some(wait);
        }
    }
}

impl<P: HostPage + 'static> Mounted<P> {
    /// Starts the widget on the panel the loader drew: `options.draw` draws
    /// each patch, starting from `options.typed`, what the visitor typed
    /// before the Wasm arrived. `emit` is called as `emit(name, detail)`
    /// for every [`HostEvent`].
    pub fn mount(options: Options<P>, emit: js_sys::Function) -> Result<Self, JsValue> {
        let w = window()?;
        let tag = preferred_tag(options.locale.iter().map(String::as_str));
        let app = App::new(crate::knowledge(), tag, options.inline);
        let draw = options.draw.clone();
        let start = Start {
            saved: options.page.saved(),
            open: options.open,
            typed: options.typed.clone(),
            deep_link: options
                .hash
                .then(|| parse_hash(&options.page.hash()))
                .flatten(),
        };
        let shared = Rc::new_cyclic(|me| Shared {
            ui: RefCell::new(Ui {
                app,
                last: None,
                clock: WallClock::new(options.clock.clone(), None),
                status: live_status_source(),
                pause: Pause::default(),
                settle: None,
                page: options.page.clone(),
                hash: options.hash,
                answer_entry: false,
                me: me.clone(),
            }),
            queue: RefCell::new(VecDeque::new()),
            busy: Cell::new(false),
            emit,
            draw,
            need: options.need.clone(),
            answers_later: RefCell::new(None),
        });
        let listeners = Self::listen(&shared, &w, &options.page, options.hash);
        shared.send(Msg::Start(start));
        let me = Rc::downgrade(&shared);
        let refresh = Interval::new(STATUS_REFRESH_MS, move || {
            let Some(s) = me.upgrade() else { return };
            let patch = match s.ui.try_borrow_mut() {
                Ok(mut ui) if ui.app.is_open() => ui.patch(None, None),
                _ => return,
            };
            s.draw(&patch);
        });
        Ok(Self {
            shared,
            _listeners: listeners,
            _refresh: refresh,
        })
    }

    /// The page's events the widget follows.
    fn listen(
        shared: &Rc<Shared<P>>,
        w: &web_sys::Window,
        page: &Rc<P>,
        hash: bool,
    ) -> Vec<Listener> {
        let weak = |s: &Rc<Shared<P>>| Rc::downgrade(s);
        let mut out = Vec::new();
        let me = weak(shared);
        out.push(Listener::new(w, "pagehide", move |_| {
            if let Some(s) = me.upgrade() {
                s.send(Msg::Leave);
            }
        }));
        let me = weak(shared);
        let at = page.clone();
        out.push(Listener::new(w, "popstate", move |_| {
            let Some(s) = me.upgrade() else { return };
            let left = {
                let Ok(mut ui) = s.ui.try_borrow_mut() else {
                    return;
                };
                ui.answer_entry && !at.on_answer_entry() && {
                    ui.answer_entry = false;
                    true
                }
            };
            if left {
                s.send(Msg::Back);
            }
        }));
        if !hash {
            return out;
        }
        let me = weak(shared);
        let at = page.clone();
        out.push(Listener::new(w, "hashchange", move |_| {
            let Some(s) = me.upgrade() else { return };
            let hash = at.hash();
            if !hash.starts_with(HASH_PREFIX.trim_end_matches('/')) {
                return;
            }
            match parse_hash(&hash) {
                Some(id) if id.is_empty() => s.send(Msg::Open),
                Some(id) => s.send(Msg::Show(id)),
                None => {}
            }
        }));
        out
    }

    pub fn send(&self, msg: Msg) {
        self.shared.send(msg);
    }

    /// A click on a control of the panel: its `data-act` and, as the act
    /// needs, its `data-id`, `data-i` and `data-channel`
    /// ([`Msg::from_act`]).
    pub fn act(&self, act: &str, id: &str, i: &str, channel: &str) {
        if let Some(msg) = Msg::from_act(act, id, i, channel) {
            self.send(msg);
        }
    }

    /// The search box's text changed (an `input` event).
    pub fn input(&self, value: String) {
        self.send(Msg::Input(value));
    }

    /// A key pressed in the panel (`KeyboardEvent.key`), in the search box
    /// or elsewhere; true when the widget handles it, so the renderer
    /// prevents the browser's default (the caret jumping on arrow keys).
    pub fn key(&self, key: &str, in_search_box: bool) -> bool {
        let Some(key) = Key::from_dom(key) else {
            return false;
        };
        let claims = self
            .shared
            .ui
            .try_borrow()
            .is_ok_and(|ui| ui.app.claims_key(key, in_search_box));
        self.send(if in_search_box {
            Msg::Key(key)
        } else {
            Msg::PanelKey(key)
        });
        claims
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
