//! The widget as a plain state machine: messages in (typing, keys, clicks),
//! effects out (events for the host page, focus moves, saving), and a view
//! model that the DOM layer renders without deciding anything itself.

use super::contact::{channels, shared_status, with_question, ChannelRow};
use super::deep_link::{resolve_id, Resolved};
use super::hotline_words::{Clock, StatusSource};
use super::i18n::{ui_lang, UiLang};
use super::keys::{navigate, Key, Nav};
use super::saved::Saved;
use crate::analysis::{self, Analyzer, Lang};
use crate::engine::{self, Answer, Bundle, Hit, Lookup};
use crate::event::EventKind;
use crate::json::Json;
use std::cell::RefCell;

/// Suggestions shown while typing.
pub const MAX_SUGGESTIONS: usize = 8;
/// Entries under "Frequently asked" in the empty state.
pub const TOP_QUESTIONS: usize = 5;
/// Most entries a topic's list shows: past a screenful a list is read by
/// nobody, and where the entries are in parts each one shown may cost a
/// fetch (man pages: 8,805 entries in "User commands (1)").
pub const TOPIC_ENTRIES: usize = 50;

/// Something that happened, for the host page's `on(event, fn)` listeners.
#[derive(Debug, Clone, PartialEq)]
pub enum HostEvent {
    Open {},
    Close {},
    Search { query: String, count: usize },
    NoResults { query: String },
    AnswerShown { id: String, question: String },
    Feedback { id: String, helpful: bool },
    ContactClicked { channel: String, query: String },
}

impl HostEvent {
    /// The event's name in the JS API (`HelpWidget.on(name, fn)`).
    pub fn name(&self) -> &'static str {
        self.kind().name()
    }

    /// Which of the vocabulary's kinds it is.
    pub fn kind(&self) -> EventKind {
        match self {
            Self::Open {} => EventKind::Open,
            Self::Close {} => EventKind::Close,
            Self::Search { .. } => EventKind::Search,
            Self::NoResults { .. } => EventKind::NoResults,
            Self::AnswerShown { .. } => EventKind::AnswerShown,
            Self::Feedback { .. } => EventKind::Feedback,
            Self::ContactClicked { .. } => EventKind::ContactClicked,
        }
    }

    /// The listeners' `detail`, as JSON text: its fields by name
    /// (`{ "query": "…", "count": 3 }`; `{}` for open and close).
    pub fn detail_json(&self) -> String {
        let mut j = Json::new();
        match self {
            Self::Open {} | Self::Close {} => j.byte(b'{'),
            Self::Search { query, count } => {
                j.raw("{\"query\":");
                j.str(query);
                j.key("count");
                j.int(*count as i64);
            }
            Self::NoResults { query } => {
                j.raw("{\"query\":");
                j.str(query);
            }
            Self::AnswerShown { id, question } => {
                j.raw("{\"id\":");
                j.str(id);
                j.key("question");
                j.str(question);
            }
            Self::Feedback { id, helpful } => {
                j.raw("{\"id\":");
                j.str(id);
                j.key("helpful");
                j.bool(*helpful);
            }
            Self::ContactClicked { channel, query } => {
                j.raw("{\"channel\":");
                j.str(channel);
                j.key("query");
                j.str(query);
            }
        }
        j.byte(b'}');
        j.finish()
    }
}

/// What the DOM layer must do after a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Emit(HostEvent),
    FocusInput,
    FocusLauncher,
    /// Focus the heading of the new content (answer or category).
    FocusContent,
    /// Show `#help/<id>` in the address bar, or remove it.
    Link(Option<String>),
    /// Bring the contact block into view and focus its heading.
    FocusContact,
    /// Store [`App::saved`] now (sessionStorage).
    Save,
    /// The visitor is typing: (re)start the pause after which the DOM layer
    /// sends [`Msg::Paused`] (the count is announced, the query reported and
    /// the state stored then). sessionStorage writes are synchronous, and
    /// would cost every keystroke.
    Settle,
    /// Say this in the live region (the number of suggestions).
    Announce(String),
}

/// What the widget starts from, gathered by the DOM layer before the first
/// render, applied as one message ([`Msg::Start`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Start {
    /// The record of an earlier page view in this tab, if it belongs here.
    pub saved: Option<Saved>,
    /// The host asked for an open panel (`data-open`).
    pub open: bool,
    /// What the visitor typed into the loader's box while the Wasm was on
    /// its way ("" for nothing).
    pub typed: String,
    /// The entry of a `#help/<id>` deep link; `Some("")` opens the panel.
    pub deep_link: Option<String>,
}

/// Input to the state machine.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// Mounting: restore, open, take the early text, follow the deep link.
    Start(Start),
    Open,
    Close,
    Toggle,
    Input(String),
    /// A key pressed in the search box.
    Key(Key),
    /// A key pressed elsewhere in the panel.
    PanelKey(Key),
    Choose(usize),
    Show(String),
    Back,
    Feedback(bool),
    Category(Option<String>),
    Contact(String),
    /// Accept the "did you mean" correction.
    Correct,
    /// The header's contact control: go to the contact block.
    ToContact,
    /// Part files of the index or answers arrived: ask again what was
    /// asked before they were here.
    Refresh,
    /// The live status source was replaced: the contact block's statuses
    /// are asked again.
    StatusChanged,
    /// Typing paused ([`Effect::Settle`]'s timer ran out).
    Paused,
    /// The page's `search(query)`: open, type `query` and settle at once,
    /// as an API call has no typing to wait for.
    Search(String),
    /// The page is being left (`pagehide`).
    Leave,
}

impl Msg {
    /// The message a click on a control of the panel means: its `data-act`
    /// (`act`) and, as the act needs, its `data-id` (`id`), `data-i` (`i`,
    /// a row's index) or `data-channel` (`channel`). `None` for an unknown
    /// act or a row index that is not a number.
    pub fn from_act(act: &str, id: &str, i: &str, channel: &str) -> Option<Self> {
        Some(match act {
            "toggle" => Self::Toggle,
            "close" => Self::Close,
            "choose" => Self::Choose(i.parse().ok()?),
            "show" => Self::Show(id.to_string()),
            "category" => Self::Category(Some(id.to_string())),
            "back" => Self::Back,
            "yes" => Self::Feedback(true),
            "no" => Self::Feedback(false),
            "contact" => Self::Contact(channel.to_string()),
            "correct" => Self::Correct,
            "to-contact" => Self::ToContact,
            _ => return None,
        })
    }
}

/// A piece of a snippet: plain or a matched word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnippetPart {
    pub text: String,
    pub mark: bool,
}

/// A result row; sent as the renderer's hit rows draw it (`drawHit` in
/// www/help-widget-panel.mjs; [`super::view`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub id: String,
    pub question: String,
    pub category: String,
    /// Sent as `segments`.
    pub snippet: Vec<SnippetPart>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeView {
    pub title: String,
    /// Safe HTML rendered at build time.
    pub html: String,
}

/// The main area below the search box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Nothing typed: the editors' greeting ("" for none), top questions, topics.
    Home {
        greeting: String,
        top: Vec<(String, String)>,
        categories: Vec<(String, usize)>,
    },
    /// One topic's questions.
    Category {
        name: String,
        entries: Vec<(String, String)>,
        /// Where the topic has more than [`TOPIC_ENTRIES`]: a line that
        /// says how many, and that the search finds them ("" otherwise).
        more: String,
    },
    /// Typing: the suggestions are in the listbox; `none` says there are none.
    Results { none: bool },
    Answer {
        answer: Answer,
        feedback: Option<bool>,
    },
}

/// Everything the DOM shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    pub lang: UiLang,
    pub open: bool,
    pub inline: bool,
    pub title: String,
    pub query: String,
    /// The listbox is shown (`aria-expanded`).
    pub expanded: bool,
    pub suggestions: Vec<Suggestion>,
    pub active: Option<usize>,
    /// "Did you mean …?": the query with misspelt words corrected.
    pub correction: Option<String>,
    /// Known-issue banner above everything: all active notices in the empty
    /// state, those matching the query while typing, none in an answer.
    pub notices: Vec<NoticeView>,
    pub content: Content,
    /// "Still need help?": never empty when site.toml has a contact.
    pub channels: Vec<ChannelRow>,
    /// The status that several closed channels share, said once for them
    /// ([`super::contact::shared_status`]).
    pub channel_summary: Option<String>,
    /// The contact block's heading and the line under it ("" for none):
    /// right after a visitor asked for a person it is no afterthought.
    pub contact_title: &'static str,
    pub contact_intro: &'static str,
    /// The query asks for a person ([`super::intent`]): the contact block
    /// comes first, above the answers.
    pub contact_first: bool,
}

/// The widget's state over one embedded bundle.
pub struct App<'b> {
    bundle: &'b Bundle<'b>,
    lang: UiLang,
    /// The knowledge-base locale searched (the visitor's, else the default).
    locale: String,
    locale_no: u16,
    inline: bool,
    open: bool,
    query: String,
    hits: Vec<Hit>,
    /// The engine's correction of the query, when it has one.
    correction: Option<String>,
    active: Option<usize>,
    answer: Option<Answer>,
    feedback: Option<bool>,
    category: Option<String>,
    /// The phrases of "I want a person" ([`super::intent`]): the kb's, else the defaults.
    person: Vec<super::intent::Phrases>,
    /// Whether the current query asks for a person: worked out once per
    /// query, as the view and the correction both need it.
    asks_person: bool,
    /// The contact block of the current minute, computed without the
    /// question (see [`with_question`]): the one cache of the live status,
    /// which only changes by the minute while typing re-renders the panel.
    channel_memo: RefCell<Option<ChannelMemo>>,
    /// Each notice's words (title and text, surface forms), in the order
    /// of [`Bundle::notices`]: matched against the query on every
    /// keystroke, tokenised once.
    notice_words: Vec<Vec<String>>,
    /// A pause timer runs ([`Effect::Settle`]): the query's announcement,
    /// events and saving wait for [`Msg::Paused`].
    typing: bool,
    /// An answer asked for before its entry's part of a core arrived:
    /// it follows on the [`Msg::Refresh`] that brings the part, unless
    /// the visitor moved on meanwhile.
    awaited: Option<Awaited>,
}

/// An answer waiting for its entry's part.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Awaited {
    /// Asked for (a link, a click): shown as [`Msg::Show`] shows it.
    Show(String),
    /// From the saved state: restored without events.
    Restore(String),
}

/// The minute the contact block's statuses were computed for, and the result.
struct ChannelMemo {
    minute: i64,
    channels: Vec<ChannelRow>,
    summary: Option<String>,
}

impl<'b> App<'b> {
    /// A closed widget for a visitor whose preferred tag is `tag` (see
    /// [`super::i18n::preferred_tag`]). Inline widgets are always open.
    pub fn new(bundle: &'b Bundle<'b>, tag: Option<&str>, inline: bool) -> Self {
        let locale_no = bundle.locale_no(tag.unwrap_or(""));
        let locale = bundle.meta.locales[usize::from(locale_no)].to_string();
        Self {
            bundle,
            lang: ui_lang(tag.or(Some(&locale))),
            locale,
            locale_no,
            inline,
            open: inline,
            query: String::new(),
            hits: Vec::new(),
            correction: None,
            active: None,
            answer: None,
            feedback: None,
            category: None,
            person: super::intent::phrase_lists(bundle.meta.locales.iter().enumerate().map(
                |(no, &locale)| {
                    let own = bundle.locale(no as u16).and_then(|l| l.person.clone());
                    (locale, own)
                },
            )),
            asks_person: false,
            channel_memo: RefCell::new(None),
            notice_words: notice_words(bundle),
            typing: false,
            awaited: None,
        }
    }

    /// Applies `msg`; returns what the DOM must do, saving included: typing
    /// saves once it pauses ([`Effect::Settle`], then [`Msg::Paused`]),
    /// anything else at once, leaving the page too.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        let keeps = match &msg {
            Msg::Input(_) => Some(Effect::Settle),
            Msg::Start(start) if start.deep_link.is_some() => Some(Effect::Save),
            Msg::Start(start) if self.typed_early(start) => Some(Effect::Settle),
            Msg::Paused if !self.typing => None,
            Msg::Start(_) | Msg::Refresh | Msg::StatusChanged => None,
            _ => Some(Effect::Save),
        };
        let mut fx = self.apply(msg);
        self.typing |= keeps == Some(Effect::Settle);
        fx.extend(keeps);
        fx
    }

    /// Whether `start` carries text typed before the engine arrived that
    /// differs from the restored query.
    fn typed_early(&self, start: &Start) -> bool {
        let restored = start.saved.as_ref().map_or("", |s| s.query.as_str());
        !start.typed.is_empty() && start.typed != restored
    }

    /// Whether a key pressed in the search box (`in_search_box`) or elsewhere
    /// in the panel is the widget's, so the browser's default is prevented:
    /// Escape and Enter always, Up and Down while there are suggestions to
    /// move through; outside the box only Escape (it closes the panel).
    pub fn claims_key(&self, key: Key, in_search_box: bool) -> bool {
        if !in_search_box {
            return key == Key::Escape;
        }
        matches!(key, Key::Escape | Key::Enter)
            || (!self.hits.is_empty() && matches!(key, Key::Up | Key::Down))
    }

    fn apply(&mut self, msg: Msg) -> Vec<Effect> {
        // Anything the visitor does but a refresh drops an awaited answer.
        if !matches!(
            msg,
            Msg::Refresh | Msg::StatusChanged | Msg::Paused | Msg::Leave | Msg::Start(_)
        ) {
            self.awaited = None;
        }
        match msg {
            Msg::Start(start) => {
                let typed = self.typed_early(&start);
                if let Some(saved) = &start.saved {
                    self.restore(saved);
                }
                self.open |= start.open;
                let mut fx = Vec::new();
                if typed {
                    fx.extend(self.apply(Msg::Input(start.typed)));
                }
                match start.deep_link {
                    Some(id) if id.is_empty() => fx.extend(self.apply(Msg::Open)),
                    Some(id) => fx.extend(self.apply(Msg::Show(id))),
                    None => {}
                }
                fx
            }
            Msg::StatusChanged => {
                self.channel_memo.replace(None);
                vec![]
            }
            Msg::Paused if !self.typing => vec![],
            Msg::Paused => self.settle(),
            Msg::Search(q) => {
                let mut fx = self.apply(Msg::Open);
                fx.extend(self.apply(Msg::Input(q)));
                fx.extend(self.settle());
                fx
            }
            Msg::Leave => vec![],
            Msg::PanelKey(Key::Escape) => self.apply(Msg::Close),
            Msg::PanelKey(_) => vec![],
            Msg::Open if self.open => vec![Effect::FocusInput],
            Msg::Open => {
                self.open = true;
                vec![Effect::Emit(HostEvent::Open {}), Effect::FocusInput]
            }
            Msg::Close if !self.open || self.inline => vec![],
            Msg::Close => {
                self.open = false;
                self.active = None;
                vec![Effect::Emit(HostEvent::Close {}), Effect::FocusLauncher]
            }
            Msg::Toggle => self.apply(if self.open { Msg::Close } else { Msg::Open }),
            Msg::Refresh => {
                let active = self.active;
                if !self.query.is_empty() {
                    self.set_query(self.query.clone());
                    self.active = active.filter(|&i| i < self.hits.len());
                }
                if let Some(id) = self
                    .answer
                    .as_ref()
                    .filter(|a| a.pending)
                    .map(|a| a.id.clone())
                {
                    self.answer = engine::answer(self.bundle, &id);
                }
                match self.awaited.take() {
                    Some(Awaited::Show(id)) => {
                        let mut fx = self.apply(Msg::Show(id));
                        if !fx.is_empty() {
                            fx.push(Effect::Save);
                        }
                        fx
                    }
                    Some(Awaited::Restore(id)) => {
                        self.restore_answer(&id);
                        vec![]
                    }
                    None => vec![],
                }
            }
            Msg::Input(q) => {
                let had_answer = self.answer.is_some();
                self.set_query(q);
                self.answer = None;
                self.category = None;
                if had_answer {
                    vec![Effect::Link(None)]
                } else {
                    vec![]
                }
            }
            Msg::Key(key) => self.key(key),
            Msg::Choose(i) => match self.hits.get(i) {
                Some(hit) => {
                    let id = hit.id.clone();
                    self.apply(Msg::Show(id))
                }
                None => vec![],
            },
            Msg::Show(requested) => {
                let lookup = |id: &str| self.bundle.lookup_id(id);
                let default =
                    self.bundle.meta.locales[usize::from(self.bundle.meta.default_locale)];
                let (id, n) = match resolve_id(&requested, &self.locale, default, lookup) {
                    Resolved::Found(id, n) => (id, n),
                    Resolved::Waiting => {
                        self.awaited = Some(Awaited::Show(requested));
                        return vec![];
                    }
                    Resolved::Absent => return vec![],
                };
                let Some(answer) = engine::answer_of(self.bundle, n) else {
                    // Its record's part has not arrived (it is noted).
                    self.awaited = Some(Awaited::Show(requested));
                    return vec![];
                };
                let event = HostEvent::AnswerShown {
                    id: answer.id.clone(),
                    question: answer.question.clone(),
                };
                self.answer = Some(answer);
                self.feedback = None;
                self.active = None;
                let mut fx = vec![
                    Effect::Emit(event),
                    Effect::Link(Some(id)),
                    Effect::FocusContent,
                ];
                if !self.open {
                    self.open = true;
                    fx.insert(0, Effect::Emit(HostEvent::Open {}));
                }
                fx
            }
            Msg::Back => {
                let was_answer = self.answer.take().is_some();
                if !was_answer {
                    self.category = None;
                }
                vec![Effect::Link(None), Effect::FocusInput]
            }
            Msg::Feedback(helpful) => match &self.answer {
                Some(a) if self.feedback.is_none() => {
                    self.feedback = Some(helpful);
                    let mut fx = vec![Effect::Emit(HostEvent::Feedback {
                        id: a.id.clone(),
                        helpful,
                    })];
                    // "No": the way to a person comes next, not more reading.
                    if !helpful {
                        fx.push(Effect::FocusContact);
                    }
                    fx
                }
                _ => vec![],
            },
            Msg::ToContact => vec![Effect::FocusContact],
            Msg::Category(name) => {
                self.category = name;
                self.answer = None;
                vec![Effect::FocusContent]
            }
            Msg::Contact(channel) => vec![Effect::Emit(HostEvent::ContactClicked {
                channel,
                query: self.query.clone(),
            })],
            Msg::Correct => match self.correction.clone() {
                Some(q) => {
                    let mut fx = self.apply(Msg::Input(q));
                    fx.push(Effect::FocusInput);
                    fx
                }
                None => vec![],
            },
        }
    }

    /// The one place a query enters the state: cut at the engine's limit first.
    fn set_query(&mut self, mut q: String) {
        q.truncate(engine::cut_query(&q).len());
        let (hits, fixed) =
            engine::search_correcting(self.bundle, &q, &self.locale, MAX_SUGGESTIONS);
        self.hits = hits;
        self.asks_person = self.asks_for_person(&q);
        self.correction = self.correct(&q, fixed);
        self.query = q;
        self.active = None;
    }

    fn key(&mut self, key: Key) -> Vec<Effect> {
        let len = if self.answer.is_none() {
            self.hits.len()
        } else {
            0
        };
        match navigate(self.active, len, key) {
            Nav::Highlight(i) => {
                self.active = i;
                vec![]
            }
            Nav::Choose(i) => self.apply(Msg::Choose(i)),
            Nav::Unhighlight => {
                self.active = None;
                vec![]
            }
            Nav::Dismiss if self.inline => self.apply(Msg::Input(String::new())),
            Nav::Dismiss => self.apply(Msg::Close),
            Nav::Ignore => vec![],
        }
    }

    /// The engine's "did you mean" for `q` (`fixed`), if it changes the query. A
    /// query that asks for a person gets none: the contact block answers
    /// it, and its other words are often of another language than the
    /// page's, which a correction would turn into an unrelated topic
    /// ("talk to a human" on a German page is no "kalk to a human").
    fn correct(&self, q: &str, fixed: Option<String>) -> Option<String> {
        if self.asks_person {
            return None;
        }
        fixed.filter(|fixed| fixed.trim() != q.trim())
    }

    /// Whether `q` asks for a person (see [`super::intent`]).
    fn asks_for_person(&self, q: &str) -> bool {
        super::intent::wants_person(q, &self.person, |word| {
            self.bundle
                .locale(self.locale_no)
                .is_some_and(|l| l.terms.contains_key(word))
        })
    }

    /// The interface language chosen for the visitor.
    pub fn lang(&self) -> UiLang {
        self.lang
    }

    /// Whether the panel floats over the page and is open now (not inline):
    /// Tab is kept inside it on a phone, and an answer there gets a history
    /// entry.
    pub fn floating_open(&self) -> bool {
        self.open && !self.inline
    }

    /// Whether the panel is open.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Whether an answer is shown.
    pub fn shows_answer(&self) -> bool {
        self.answer.is_some()
    }

    /// The number of suggestions for the current query.
    pub fn hit_count(&self) -> usize {
        self.hits.len()
    }

    /// What a pause in typing brings: the count in the live region and the
    /// query's events (once per pause, not per keystroke).
    fn settle(&mut self) -> Vec<Effect> {
        self.typing = false;
        let mut fx = vec![Effect::Announce(self.announcement())];
        fx.extend(self.settled().into_iter().map(Effect::Emit));
        fx
    }

    /// The analytics events of the current query, sent once typing pauses
    /// (not per keystroke).
    fn settled(&self) -> Vec<HostEvent> {
        let query = self.query.trim().to_string();
        if query.is_empty() {
            return vec![];
        }
        let count = self.hits.len();
        let mut events = vec![HostEvent::Search {
            query: query.clone(),
            count,
        }];
        if count == 0 {
            events.push(HostEvent::NoResults { query });
        }
        events
    }

    /// What the live region says about the current query: the number of
    /// suggestions while typing, nothing otherwise; asked once typing
    /// pauses, not in every keystroke's view.
    fn announcement(&self) -> String {
        if self.answer.is_none() && !self.query.trim().is_empty() {
            self.lang.result_count(self.hits.len())
        } else {
            String::new()
        }
    }

    /// What to store in sessionStorage (the DOM layer adds the page).
    pub fn saved(&self) -> Saved {
        Saved {
            open: self.open && !self.inline,
            query: self.query.clone(),
            answer: self.answer.as_ref().map(|a| a.id.clone()),
            category: self.category.clone(),
            path: String::new(),
        }
    }

    /// Restores a saved state without emitting events.
    fn restore(&mut self, saved: &Saved) {
        self.open = self.inline || saved.open;
        self.set_query(saved.query.clone());
        self.category = saved.category.clone();
        if let Some(id) = &saved.answer {
            self.restore_answer(id);
        }
    }

    /// The saved answer `id`, or, while its part has not arrived, the wait for it.
    fn restore_answer(&mut self, id: &str) {
        let found = self.bundle.lookup_id(id);
        self.answer = match found {
            Lookup::Found(n) => engine::answer_of(self.bundle, n),
            Lookup::Absent | Lookup::Waiting => None,
        };
        if self.answer.is_none() && found != Lookup::Absent {
            self.awaited = Some(Awaited::Restore(id.to_string()));
        }
    }

    /// The view model at instant `now_ms`, with live contact status from
    /// `status` (asked once a minute).
    pub fn view(&self, now_ms: i64, status: &dyn StatusSource, clock: &dyn Clock) -> View {
        let typing = !self.query.trim().is_empty();
        let content = if let Some(answer) = &self.answer {
            Content::Answer {
                answer: answer.clone(),
                feedback: self.feedback,
            }
        } else if typing {
            Content::Results {
                none: self.hits.is_empty(),
            }
        } else if let Some(name) = &self.category {
            {
                let topics = self.bundle.topics(self.locale_no);
                let docs = topics
                    .iter()
                    .find(|t| t.name == name)
                    .map_or(&[][..], |t| &t.docs[..]);
                let shown = docs.len().min(TOPIC_ENTRIES);
                Content::Category {
                    name: name.clone(),
                    entries: self.entries(&docs[..shown]),
                    more: match shown < docs.len() {
                        true => self.lang.first_of(shown, docs.len()),
                        false => String::new(),
                    },
                }
            }
        } else {
            self.home()
        };
        let contact_first = typing && self.answer.is_none() && self.asks_person;
        let s = self.lang.strings();
        let (contact_title, contact_intro) = if contact_first {
            (s.talk_to_us, "")
        } else {
            (s.still_need_help, s.still_need_help_intro)
        };
        let (channels, channel_summary) = self.channels(status, now_ms, clock);
        let expanded = self.answer.is_none() && typing && !self.hits.is_empty();
        let notices = match content {
            Content::Home { .. } => self.notices(now_ms, None),
            Content::Results { .. } => self.notices(now_ms, Some(&self.query)),
            Content::Category { .. } | Content::Answer { .. } => vec![],
        };
        View {
            lang: self.lang,
            open: self.open,
            inline: self.inline,
            title: panel_title(self.lang, self.bundle.meta.site_name),
            query: self.query.clone(),
            expanded,
            suggestions: if expanded {
                self.hits.iter().map(suggestion).collect()
            } else {
                vec![]
            },
            active: self.active.filter(|_| expanded),
            correction: self
                .correction
                .clone()
                .filter(|_| typing && self.answer.is_none()),
            notices,
            content,
            channels,
            channel_summary,
            contact_title,
            contact_intro,
            contact_first,
        }
    }

    /// The contact block for the current query, its statuses computed once
    /// a minute (they have minute resolution).
    fn channels(
        &self,
        status: &dyn StatusSource,
        now_ms: i64,
        clock: &dyn Clock,
    ) -> (Vec<ChannelRow>, Option<String>) {
        let minute = now_ms.div_euclid(60_000);
        let mut memo = self.channel_memo.borrow_mut();
        if memo.as_ref().is_none_or(|m| m.minute != minute) {
            let live = status.status(now_ms, &self.locale);
            let mut list = channels(
                &self.bundle.meta,
                "",
                self.lang,
                live.as_ref(),
                now_ms,
                clock,
            );
            let summary = shared_status(&mut list, self.lang);
            *memo = Some(ChannelMemo {
                minute,
                channels: list,
                summary,
            });
        }
        let (base, summary) = memo
            .as_ref()
            .map(|m| (m.channels.clone(), m.summary.clone()))
            .unwrap_or_default();
        let read = self.answer.as_ref().map(|a| a.question.as_str());
        let list = with_question(base, &self.bundle.meta, &self.query, read, self.lang);
        (list, summary)
    }

    /// (id, question) of `docs`' entries whose records are at hand (the
    /// others' parts are noted, and a refresh brings them).
    fn entries(&self, docs: &[u32]) -> Vec<(String, String)> {
        docs.iter()
            .filter_map(|&n| self.bundle.doc(n))
            .map(|rec| (rec.id.to_string(), rec.question.to_string()))
            .collect()
    }

    /// The empty state: the editors' greeting and featured entries
    /// (site.toml's `[home.<locale>]`). Without featured entries, "top
    /// questions" is the first entry of each topic, in the editors' order.
    fn home(&self) -> Content {
        let topics = match self.bundle.locale(self.locale_no) {
            Some(_) => self.bundle.topics(self.locale_no),
            None => Vec::new(),
        };
        let firsts: Vec<u32> = topics
            .iter()
            .take(TOP_QUESTIONS)
            .filter_map(|t| t.docs.first().copied())
            .collect();
        let mut categories: Vec<(String, usize)> = topics
            .iter()
            .map(|t| (t.name.to_string(), t.docs.len()))
            .collect();
        categories.retain(|(c, _)| !c.is_empty());
        let home = self
            .bundle
            .locale(self.locale_no)
            .and_then(|l| l.home.as_ref());
        let wanted = home.map(|h| h.featured.as_slice()).unwrap_or_default();
        let records: Vec<_> = wanted.iter().filter_map(|&n| self.bundle.doc(n)).collect();
        // Records still on their way are featured entries, not none.
        let waiting = records.len() < wanted.len();
        let featured: Vec<(String, String)> = records
            .into_iter()
            .filter(|d| d.locale == self.locale_no)
            .map(|d| (d.id.to_string(), d.question.to_string()))
            .collect();
        Content::Home {
            greeting: home.map_or("", |h| h.greeting).to_string(),
            top: if featured.is_empty() && !waiting {
                self.entries(&firsts)
            } else {
                featured
            },
            categories,
        }
    }

    /// Active notices of the visitor's locale; with a query, only those
    /// sharing a word (or a typed word's prefix of at least four letters)
    /// with it, so "internet" finds the fibre maintenance notice.
    fn notices(&self, now_ms: i64, query: Option<&str>) -> Vec<NoticeView> {
        // Surface words only: stemming every notice's text cost each keystroke.
        let analyzer = Analyzer::without_stems(Lang::from_locale(&self.locale));
        let words: Vec<String> = query
            .map(|q| analyzer.tokenize(q).into_iter().map(|t| t.term).collect())
            .unwrap_or_default();
        let mut out = Vec::new();
        for (n, terms) in self.bundle.notices().into_iter().zip(&self.notice_words) {
            // A prefix of four letters or more, or a whole word: "weg"
            // is not about "Wegen des Ausbaus".
            let about = |t: &String| {
                words.iter().any(|w| {
                    (analysis::char_count(w) >= 4 && t.starts_with(w.as_str()))
                        || (w.len() >= 3 && t == w)
                })
            };
            if n.is_active(self.locale_no, now_ms) && (query.is_none() || terms.iter().any(about)) {
                out.push(NoticeView {
                    title: n.title.to_string(),
                    html: n.html.to_string(),
                });
            }
        }
        out
    }
}

/// The words of every notice of `bundle` (see [`App::notice_words`]), each
/// analysed in its own locale's language.
fn notice_words(bundle: &Bundle<'_>) -> Vec<Vec<String>> {
    bundle
        .notices()
        .iter()
        .map(|n| {
            let locale = bundle.meta.locales.get(usize::from(n.locale)).copied();
            let analyzer = Analyzer::without_stems(Lang::from_locale(locale.unwrap_or("")));
            let text = crate::utf8::concat(&[n.title, " ", n.text]);
            analyzer
                .tokenize(&text)
                .into_iter()
                .map(|t| t.term)
                .collect()
        })
        .collect()
}

/// The panel's heading, one line beside contact and close: the site's
/// name ("Stadtwerke Lindenau"), or "Hilfe" for a kb without one.
pub fn panel_title(lang: UiLang, site_name: &str) -> String {
    match site_name.trim() {
        "" => lang.strings().title.to_string(),
        name => name.to_string(),
    }
}

fn suggestion(hit: &Hit) -> Suggestion {
    Suggestion {
        id: hit.id.clone(),
        question: hit.question.clone(),
        category: hit.category.clone(),
        snippet: one_line(segments(&hit.snippet, &hit.highlights)),
    }
}

/// Characters of a result's snippet kept before its first matched word.
pub const SNIPPET_LEAD: usize = 18;
/// Characters a result's snippet keeps in all: two lines of a phone's row
/// (about 48 each), so the browser never has to clip it, and a highlight
/// is never cut by an ellipsis.
pub const SNIPPET_LINE: usize = 80;

/// Windows a snippet on its first matched word: at most [`SNIPPET_LEAD`]
/// characters before it (from a word start, after "…") and
/// [`SNIPPET_LINE`] in all, cut at a word's end and never inside a
/// highlight (a highlight that does not fit is left out whole).
pub fn one_line(mut segs: Vec<SnippetPart>) -> Vec<SnippetPart> {
    if let Some(first) = segs.first_mut().filter(|s| !s.mark) {
        let chars = analysis::char_count(&first.text);
        if chars > SNIPPET_LEAD && segs.len() > 1 {
            let first = &mut segs[0];
            let skip = chars - SNIPPET_LEAD;
            let (at, _) = first.text.char_indices().nth(skip).unwrap_or((0, ' '));
            let rest = &first.text[at..];
            let word = crate::utf8::find_byte(rest, b' ').map_or(rest, |i| &rest[i + 1..]);
            first.text = crate::utf8::concat(&["… ", word.trim_start()]);
        }
    }
    let mut left = SNIPPET_LINE;
    let mut out: Vec<SnippetPart> = Vec::with_capacity(segs.len());
    for mut seg in segs {
        let n = analysis::char_count(&seg.text);
        if n <= left {
            left -= n;
            out.push(seg);
            continue;
        }
        if !seg.mark {
            let (at, _) = seg
                .text
                .char_indices()
                .nth(left)
                .unwrap_or((seg.text.len(), ' '));
            // At the end of the last whole word that fits.
            // (Found by byte: a reverse `char` search was code of its own in the Wasm.)
            let at = seg.text.as_bytes()[..at]
                .iter()
                .rposition(|&b| b == b' ')
                .unwrap_or(0);
            seg.text.truncate(at);
            seg.text.truncate(seg.text.trim_end().len());
            if !seg.text.is_empty() {
                out.push(seg);
            }
        }
        match out.last_mut() {
            Some(last) if !last.mark => last.text.push('…'),
            _ => out.push(SnippetPart {
                text: " …".into(),
                mark: false,
            }),
        }
        break;
    }
    out
}

/// Splits `text` at the byte ranges of matched words; ranges that overlap,
/// run backwards or cut a character are skipped rather than trusted.
pub fn segments(text: &str, ranges: &[(usize, usize)]) -> Vec<SnippetPart> {
    let mut out = Vec::new();
    let mut at = 0;
    for &(start, end) in ranges {
        if start < at || end <= start || end > text.len() {
            continue;
        }
        if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        if start > at {
            out.push(SnippetPart {
                text: text[at..start].to_string(),
                mark: false,
            });
        }
        out.push(SnippetPart {
            text: text[start..end].to_string(),
            mark: true,
        });
        at = end;
    }
    if at < text.len() {
        out.push(SnippetPart {
            text: text[at..].to_string(),
            mark: false,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::widget::hotline_words::{FixedClock, NoLiveStatus};

    #[test]
    fn a_click_means_the_message_of_its_controls_act_with_the_argument_it_needs() {
        assert_eq!(
            Msg::from_act("choose", "de/x", "2", ""),
            Some(Msg::Choose(2))
        );
        assert_eq!(Msg::from_act("choose", "de/x", "", ""), None);
        assert_eq!(
            Msg::from_act("show", "de/x", "", ""),
            Some(Msg::Show("de/x".into()))
        );
        assert_eq!(
            Msg::from_act("category", "Rechnung", "", ""),
            Some(Msg::Category(Some("Rechnung".into())))
        );
        assert_eq!(
            Msg::from_act("contact", "", "", "phone"),
            Some(Msg::Contact("phone".into()))
        );
        assert_eq!(Msg::from_act("no", "", "", ""), Some(Msg::Feedback(false)));
        assert_eq!(Msg::from_act("zoom", "", "", ""), None);
    }

    /// 23 November 2026: the sample kb's fibre notice is active.
    const NOW: i64 = 1_795_424_400_000;

    fn clock() -> FixedClock {
        FixedClock {
            visitor: ("Europe/Berlin", 60),
            zones: vec![],
        }
    }

    fn app(tag: &str) -> App<'static> {
        App::new(crate::embedded(), Some(tag), false)
    }

    fn view(a: &App<'_>) -> View {
        a.view(NOW, &NoLiveStatus, &clock())
    }

    #[test]
    fn opening_emits_open_and_moves_focus_into_the_search_box() {
        let mut a = app("de");
        assert_eq!(
            a.apply(Msg::Open),
            [Effect::Emit(HostEvent::Open {}), Effect::FocusInput]
        );
        assert!(a.open);
        assert_eq!(a.apply(Msg::Open), [Effect::FocusInput]);
    }

    #[test]
    fn closing_returns_focus_to_the_launcher_but_an_inline_panel_never_closes() {
        let mut a = app("de");
        a.apply(Msg::Open);
        assert_eq!(
            a.apply(Msg::Close),
            [Effect::Emit(HostEvent::Close {}), Effect::FocusLauncher]
        );
        let mut inline = App::new(crate::embedded(), Some("de"), true);
        assert!(inline.open);
        assert!(inline.apply(Msg::Close).is_empty());
        assert!(inline.open);
    }

    #[test]
    fn every_keystroke_updates_the_suggestions_with_highlighted_words() {
        let mut a = app("de");
        a.apply(Msg::Open);
        a.apply(Msg::Input("zählerst".into()));
        let v = view(&a);
        assert!(v.expanded);
        assert_eq!(v.suggestions[0].id, "de/meter-reading");
        assert!(v
            .suggestions
            .iter()
            .any(|s| s.snippet.iter().any(|g| g.mark)));
        assert_eq!(
            a.announcement(),
            format!("{} Antworten gefunden", v.suggestions.len())
        );
    }

    #[test]
    fn arrow_down_and_enter_open_the_highlighted_answer() {
        let mut a = app("de");
        a.apply(Msg::Input("zählerstand".into()));
        a.apply(Msg::Key(Key::Down));
        a.apply(Msg::Key(Key::Down));
        assert_eq!(view(&a).active, Some(1));
        let second = a.hits[1].id.clone();
        let fx = a.apply(Msg::Key(Key::Enter));
        assert!(fx.contains(&Effect::FocusContent));
        assert!(fx.contains(&Effect::Link(Some(second.clone()))));
        match view(&a).content {
            Content::Answer { answer, .. } => assert_eq!(answer.id, second),
            other => panic!("{other:?}"),
        }
        assert!(!view(&a).expanded);
    }

    #[test]
    fn escape_drops_the_highlight_then_closes_the_floating_panel() {
        let mut a = app("en");
        a.apply(Msg::Open);
        a.apply(Msg::Input("cancel".into()));
        a.apply(Msg::Key(Key::Down));
        assert!(a.apply(Msg::Key(Key::Escape)).is_empty());
        assert!(a.open);
        a.apply(Msg::Key(Key::Escape));
        assert!(!a.open);
    }

    #[test]
    fn escape_in_an_inline_panel_clears_the_query() {
        let mut a = App::new(crate::embedded(), Some("en"), true);
        a.apply(Msg::Input("cancel".into()));
        a.apply(Msg::Key(Key::Escape));
        assert_eq!(a.query, "");
        assert!(a.open);
    }

    #[test]
    fn each_event_detail_is_a_json_object_of_its_fields_by_name() {
        let detail =
            |e: HostEvent| -> serde_json::Value { serde_json::from_str(&e.detail_json()).unwrap() };
        assert_eq!(detail(HostEvent::Open {}), serde_json::json!({}));
        assert_eq!(detail(HostEvent::Close {}), serde_json::json!({}));
        assert_eq!(
            detail(HostEvent::Search {
                query: "zähler \"neu\"".into(),
                count: 3
            }),
            serde_json::json!({ "query": "zähler \"neu\"", "count": 3 })
        );
        assert_eq!(
            detail(HostEvent::NoResults { query: "x".into() }),
            serde_json::json!({ "query": "x" })
        );
        assert_eq!(
            detail(HostEvent::AnswerShown {
                id: "de/a".into(),
                question: "A?".into()
            }),
            serde_json::json!({ "id": "de/a", "question": "A?" })
        );
        assert_eq!(
            detail(HostEvent::Feedback {
                id: "de/a".into(),
                helpful: false
            }),
            serde_json::json!({ "id": "de/a", "helpful": false })
        );
        assert_eq!(
            detail(HostEvent::ContactClicked {
                channel: "phone".into(),
                query: "strom".into()
            }),
            serde_json::json!({ "channel": "phone", "query": "strom" })
        );
    }

    #[test]
    fn a_query_without_answers_says_so_and_still_offers_every_contact() {
        let mut a = app("de");
        a.apply(Msg::Input("qqqxxyz".into()));
        let v = view(&a);
        assert_eq!(v.content, Content::Results { none: true });
        assert!(v.notices.is_empty());
        assert_eq!(a.announcement(), "Keine passende Antwort gefunden");
        assert_eq!(v.channels.len(), 3);
        assert!(v.channels[1].href.contains("qqqxxyz"));
        let names: Vec<_> = a.settled().iter().map(HostEvent::name).collect();
        assert_eq!(names, ["search", "no-results"]);
    }

    #[test]
    fn the_empty_state_lists_active_notices_top_questions_and_topics() {
        let a = app("de");
        let v = view(&a);
        assert_eq!(v.notices.len(), 1, "only the fibre notice is active");
        assert!(v.notices[0].title.contains("Glasfaser"));
        match v.content {
            Content::Home {
                top, categories, ..
            } => {
                assert!(!top.is_empty());
                assert!(top.iter().all(|(id, _)| id.starts_with("de/")));
                assert!(categories.len() >= 3);
            }
            other => panic!("{other:?}"),
        }
    }

    /// A core of the sample kb's German entries with their records in parts.
    #[cfg(feature = "compiler")]
    mod records_in_parts {
        use super::*;
        use crate::compiler::bundle::{build_with, Cutting, Options};
        use crate::format::pool::parse_packed_part_name;

        /// The core, and its packs by hash (parts stored as they are).
        fn core() -> (Bundle<'static>, Vec<(u64, Vec<u8>)>) {
            let kb = crate::compiler::source::load(
                &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("kb"),
            )
            .unwrap();
            let options = Options {
                locale: Some("de".into()),
                parts: Some(Cutting {
                    part_bytes: 1024,
                    docs_whole_bytes: 0,
                    compress: <[u8]>::to_vec,
                }),
            };
            let built = build_with(&kb, 0, &options);
            let bytes: &'static [u8] = Box::leak(built.bundle.into_boxed_slice());
            (Bundle::open(bytes).unwrap(), built.parts)
        }

        /// Hands the bundle every part it missed; false if it missed none.
        fn deliver(bundle: &Bundle<'static>, packs: &[(u64, Vec<u8>)]) -> bool {
            let missed = bundle.take_missed();
            for &key in &missed {
                let name = bundle.part_name(key).unwrap();
                let (hash, at, len) = parse_packed_part_name(&name).unwrap();
                let pack = &packs.iter().find(|(h, _)| *h == hash).unwrap().1;
                let part = pack[at as usize..(at + len) as usize].to_vec();
                assert!(bundle.add_part(key, Box::leak(part.into_boxed_slice())));
            }
            !missed.is_empty()
        }

        #[test]
        fn a_link_to_an_entry_whose_part_has_not_arrived_opens_it_once_the_part_is_in() {
            let (bundle, packs) = core();
            let mut app = App::new(&bundle, Some("de"), false);
            assert!(app.apply(Msg::Show("de/meter-reading".into())).is_empty());
            assert!(app.answer.is_none(), "not known yet");
            let mut fx = Vec::new();
            while deliver(&bundle, &packs) {
                fx.extend(app.update(Msg::Refresh));
            }
            let answer = app.answer.as_ref().expect("shown once its parts arrived");
            assert_eq!(answer.id, "de/meter-reading");
            assert!(!answer.pending && !answer.html.is_empty());
            assert!(app.open);
            assert!(fx.contains(&Effect::Save), "{fx:?}");
            assert!(
                fx.iter()
                    .any(|f| matches!(f, Effect::Emit(HostEvent::AnswerShown { .. }))),
                "{fx:?}"
            );
        }

        #[test]
        fn typing_while_an_entry_s_part_is_on_its_way_drops_the_wait() {
            let (bundle, packs) = core();
            let mut app = App::new(&bundle, Some("de"), false);
            app.apply(Msg::Show("de/meter-reading".into()));
            app.apply(Msg::Input("umzug".into()));
            while deliver(&bundle, &packs) {
                app.update(Msg::Refresh);
            }
            assert!(app.answer.is_none());
            assert!(!app.hits.is_empty(), "the query's hits came instead");
        }

        #[test]
        fn the_home_lists_each_topic_with_its_count_from_the_core_alone() {
            let (bundle, packs) = core();
            let app = App::new(&bundle, Some("de"), false);
            let Content::Home { categories, .. } = app.home() else {
                panic!("home");
            };
            assert!(categories.len() > 1 && categories.iter().all(|(_, n)| *n > 0));
            let total: usize = categories.iter().map(|(_, n)| n).sum();
            assert!(total <= bundle.doc_count());
            // The first entries' records come in parts, then show.
            while deliver(&bundle, &packs) {}
            let Content::Home { top, .. } = app.home() else {
                panic!("home");
            };
            assert!(!top.is_empty());
        }
    }

    /// The editors' home, on bundles compiled from the sample kb's entries.
    #[cfg(feature = "compiler")]
    mod editors_site {
        use super::*;

        /// The view of a widget in `tag`, after `query`, on a bundle compiled
        /// from the sample kb's entries with `site_toml` as its site.toml.
        fn view_with(site_toml: &str, tag: &str, query: &str) -> View {
            let kb = tempfile::tempdir().unwrap();
            let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("kb");
            for sub in ["de", "en"] {
                std::fs::create_dir(kb.path().join(sub)).unwrap();
                for f in std::fs::read_dir(sample.join(sub)).unwrap() {
                    let f = f.unwrap().path();
                    std::fs::copy(&f, kb.path().join(sub).join(f.file_name().unwrap())).unwrap();
                }
            }
            std::fs::write(kb.path().join("site.toml"), site_toml).unwrap();
            let bytes = crate::compiler::compile_dir(kb.path(), Some(0))
                .unwrap()
                .bytes;
            let bundle = Bundle::open(&bytes).unwrap();
            let mut app = App::new(&bundle, Some(tag), false);
            app.apply(Msg::Input(query.into()));
            app.view(NOW, &NoLiveStatus, &clock())
        }

        fn home_with(site_toml: &str, tag: &str) -> Content {
            view_with(site_toml, tag, "").content
        }

        const SITE: &str = "name = \"S\"\nlocales = [\"de\", \"en\"]\ndefault_locale = \"de\"\n";

        #[test]
        fn the_empty_state_shows_the_editors_greeting_and_featured_entries_in_their_order() {
            let site = format!(
                "{SITE}[home.en]\ngreeting = \"Hi there!\"\nfeatured = [\"en/power-outage\", \"en/meter-reading\"]\n"
            );
            match home_with(&site, "en") {
                Content::Home { greeting, top, .. } => {
                    assert_eq!(greeting, "Hi there!");
                    let ids: Vec<&str> = top.iter().map(|(id, _)| id.as_str()).collect();
                    assert_eq!(ids, ["en/power-outage", "en/meter-reading"]);
                }
                other => panic!("{other:?}"),
            }
        }

        #[test]
        fn the_kbs_person_phrases_replace_the_defaults_of_their_locale() {
            let site = format!("{SITE}[person]\nde = [\"störungsstelle\", \"jemand echtes\"]\n");
            assert!(view_with(&site, "de", "Störungsstelle anrufen").contact_first);
            assert!(view_with(&site, "de", "kann ich jemand Echtes sprechen").contact_first);
            assert!(!view_with(&site, "de", "Telefonnummer").contact_first);
            assert!(view_with(&site, "de", "talk to a human").contact_first);
            assert!(view_with(SITE, "de", "Telefonnummer").contact_first);
        }

        #[test]
        fn without_featured_entries_the_empty_state_lists_the_first_of_each_topic() {
            let site = format!(
                "{SITE}[home.en]\ngreeting = \"Hi\"\n[home.de]\nfeatured = [\"de/gas-smell\"]\n"
            );
            match home_with(&site, "en") {
                Content::Home { greeting, top, .. } => {
                    assert_eq!(greeting, "Hi");
                    assert_eq!(top.len(), TOP_QUESTIONS);
                    assert!(top.iter().all(|(id, _)| id.starts_with("en/")));
                }
                other => panic!("{other:?}"),
            }
            match home_with(SITE, "de") {
                Content::Home { greeting, top, .. } => {
                    assert_eq!(greeting, "");
                    assert_eq!(top.len(), TOP_QUESTIONS);
                }
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn a_notice_is_found_by_a_word_of_its_text() {
        let mut a = app("en");
        a.apply(Msg::Input("fibre".into()));
        assert_eq!(view(&a).notices.len(), 1);
        a.apply(Msg::Input("rechnung".into()));
        assert!(view(&a).notices.is_empty());
        let mut de = app("de");
        de.apply(Msg::Input("strom weg".into()));
        assert!(
            view(&de).notices.is_empty(),
            "\"weg\" is no prefix of \"Wegen\""
        );
        de.apply(Msg::Input("glasf".into()));
        assert_eq!(view(&de).notices.len(), 1);
        a.apply(Msg::Show("en/meter-reading".into()));
        assert!(view(&a).notices.is_empty(), "no banner over an answer");
    }

    #[test]
    fn choosing_a_topic_lists_its_questions() {
        let mut a = app("de");
        a.apply(Msg::Category(Some("Zähler & Ablesung".into())));
        match view(&a).content {
            Content::Category { entries, .. } => {
                assert!(entries.iter().any(|(id, _)| id == "de/meter-reading"))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn feedback_is_recorded_once_per_answer() {
        let mut a = app("de");
        a.apply(Msg::Show("de/meter-reading".into()));
        assert_eq!(
            a.apply(Msg::Feedback(false)),
            [
                Effect::Emit(HostEvent::Feedback {
                    id: "de/meter-reading".into(),
                    helpful: false
                }),
                Effect::FocusContact
            ]
        );
        assert!(a.apply(Msg::Feedback(true)).is_empty());
    }

    #[test]
    fn after_no_the_email_link_carries_the_question_and_the_answer_read() {
        let mut a = app("de");
        a.apply(Msg::Input("zählerstand".into()));
        a.apply(Msg::Choose(0));
        a.apply(Msg::Feedback(false));
        let v = view(&a);
        let email = v.channels.iter().find(|c| c.id == "email").unwrap();
        assert!(email.href.contains("z%C3%A4hlerstand"), "{}", email.href);
        assert!(email.href.contains("Gelesene%20Antwort"), "{}", email.href);
        assert_eq!(a.apply(Msg::ToContact), [Effect::FocusContact]);
    }

    #[test]
    fn showing_an_answer_opens_the_panel_and_falls_back_to_the_default_locale() {
        let mut a = app("en");
        let fx = a.apply(Msg::Show("fr/meter-reading".into()));
        assert_eq!(fx[0], Effect::Emit(HostEvent::Open {}));
        assert_eq!(a.answer.as_ref().unwrap().id, "en/meter-reading");
        assert!(a.apply(Msg::Show("en/no-such-entry".into())).is_empty());
    }

    #[test]
    fn back_from_an_answer_returns_to_the_results_and_removes_the_link() {
        let mut a = app("de");
        a.apply(Msg::Input("abschlag".into()));
        a.apply(Msg::Choose(0));
        assert_eq!(a.apply(Msg::Back), [Effect::Link(None), Effect::FocusInput]);
        assert!(view(&a).expanded);
    }

    #[test]
    fn a_pasted_megabyte_query_is_cut_at_the_engines_limit_before_storage_links_and_events() {
        let mut a = app("de");
        a.apply(Msg::Open);
        let pasted = format!("zählerstand {}", "ö".repeat(1 << 19));
        a.apply(Msg::Input(pasted));
        let limit = crate::engine::bounds::MAX_QUERY_BYTES;
        assert!(a.query.len() <= limit && a.query.len() > limit - 2);
        assert!(a.query.starts_with("zählerstand"));
        assert!(a.saved().query.len() <= limit);
        assert!(a.settled().iter().all(|e| match e {
            HostEvent::Search { query, .. } | HostEvent::NoResults { query } =>
                query.len() <= limit,
            _ => true,
        }));
        // The mailto: link percent-encodes the query: at most three bytes each.
        assert!(view(&a)
            .channels
            .iter()
            .all(|c| c.href.len() < 3 * limit + 500));
        let fx = a.apply(Msg::Contact("email".into()));
        assert!(
            matches!(&fx[..], [Effect::Emit(HostEvent::ContactClicked { query, .. })] if query.len() <= limit)
        );
    }

    #[test]
    fn the_saved_state_restores_query_and_answer() {
        let mut a = app("de");
        a.apply(Msg::Open);
        a.apply(Msg::Input("zählerstand".into()));
        a.apply(Msg::Choose(0));
        let saved = a.saved();
        let mut b = app("de");
        b.restore(&saved);
        assert!(b.open);
        assert_eq!(b.query, "zählerstand");
        assert_eq!(b.answer, a.answer);
    }

    #[test]
    fn contact_clicks_report_the_channel_and_the_query() {
        let mut a = app("de");
        a.apply(Msg::Input("rechnung".into()));
        assert_eq!(
            a.apply(Msg::Contact("phone".into())),
            [Effect::Emit(HostEvent::ContactClicked {
                channel: "phone".into(),
                query: "rechnung".into()
            })]
        );
    }

    #[test]
    fn the_interface_speaks_the_visitors_language_and_unknown_ones_get_the_default_kb() {
        let a = app("fr-FR");
        assert_eq!(a.lang, UiLang::En);
        assert_eq!(a.locale, "de");
        assert_eq!(app("en-GB").locale, "en");
    }

    #[test]
    fn a_misspelt_word_offers_a_correction_that_replaces_the_query() {
        let mut a = app("de");
        a.apply(Msg::Input("abschlg".into()));
        assert_eq!(view(&a).correction.as_deref(), Some("abschlag"));
        let fx = a.apply(Msg::Correct);
        assert_eq!(fx.last(), Some(&Effect::FocusInput));
        assert_eq!(a.query, "abschlag");
        assert_eq!(view(&a).correction, None);
    }

    #[test]
    fn a_person_intent_query_shows_no_did_you_mean_into_an_unrelated_word() {
        let mut a = app("de");
        // Without the intent, the English words would be "corrected".
        assert!(
            engine::did_you_mean(a.bundle, "talk to a human", "de").is_some(),
            "the engine alone corrects it"
        );
        for q in [
            "talk to a human",
            "I need a real person",
            "Mitarbieter anrufen",
        ] {
            a.apply(Msg::Input(q.into()));
            let v = view(&a);
            assert!(v.contact_first, "{q}");
            assert_eq!(v.correction, None, "{q}");
        }
        a.apply(Msg::Input("abschlg".into()));
        assert_eq!(view(&a).correction.as_deref(), Some("abschlag"));
    }

    #[test]
    fn the_start_of_a_known_word_is_not_corrected_while_typing() {
        let mut a = app("de");
        for q in ["zählerst", "strom ausf", "kündig"] {
            a.apply(Msg::Input(q.into()));
            assert_eq!(view(&a).correction, None, "{q}");
        }
    }

    #[test]
    fn a_results_snippet_is_one_line_that_starts_shortly_before_its_first_match() {
        let plain = |t: &str| SnippetPart {
            text: t.into(),
            mark: false,
        };
        let mark = |t: &str| SnippetPart {
            text: t.into(),
            mark: true,
        };
        let long_lead =
            "Sie können uns Ihren aktuellen Stand jederzeit mitteilen, am einfachsten über den ";
        let line = one_line(vec![
            plain(long_lead),
            mark("Zählerstand"),
            plain(&" und noch mehr Text".repeat(10)),
        ]);
        assert!(line[0].text.starts_with("… "), "{:?}", line[0].text);
        assert!(line[0].text.chars().count() <= SNIPPET_LEAD + 2);
        assert!(
            long_lead.ends_with(&line[0].text[4..]),
            "cut at a word start"
        );
        assert_eq!(line[1], mark("Zählerstand"));
        let total: usize = line.iter().map(|s| s.text.chars().count()).sum();
        assert!(total <= SNIPPET_LINE + 1 + 2, "{total}");
        assert!(
            line.last().unwrap().text.ends_with(" Text…"),
            "cut at a word end"
        );
        // A highlight that does not fit is left out whole, never cut.
        let late = one_line(vec![
            mark("Zähler"),
            plain(&"x ".repeat(SNIPPET_LINE / 2 - 4)),
            mark("Zählerstandsmeldung"),
        ]);
        assert_eq!(late.len(), 2, "{late:?}");
        assert!(late[1].text.ends_with('…') && !late[1].mark);
        let short = vec![plain("Der "), mark("Abschlag")];
        assert_eq!(
            one_line(short.clone()),
            short,
            "short snippets stay as they are"
        );
    }

    #[test]
    fn asking_for_a_person_puts_the_contact_block_first() {
        let mut a = app("de");
        a.apply(Msg::Input("mit einem Mitarbeiter sprechen".into()));
        assert!(view(&a).contact_first);
        a.apply(Msg::Input("zählerstand".into()));
        assert!(!view(&a).contact_first);
        let mut en = app("en");
        en.apply(Msg::Input("talk to a human".into()));
        assert!(view(&en).contact_first);
    }

    #[test]
    fn segments_mark_the_ranges_and_skip_broken_ones() {
        let s = segments("Zählerstand melden", &[(0, 12), (5, 7), (13, 19)]);
        assert_eq!(s.len(), 3);
        assert!(s[0].mark && s[0].text == "Zählerstand");
        assert!(!s[1].mark && s[2].mark && s[2].text == "melden");
        assert_eq!(segments("äb", &[(1, 2)]).len(), 1);
    }

    #[test]
    fn typing_saves_once_it_pauses_and_every_other_message_saves_at_once() {
        let mut a = app("de");
        assert_eq!(
            a.update(Msg::Input("zähler".into())).last(),
            Some(&Effect::Settle)
        );
        assert!(!a
            .update(Msg::Input("zählerstand".into()))
            .contains(&Effect::Save));
        assert_eq!(a.update(Msg::Open).last(), Some(&Effect::Save));
        assert_eq!(a.update(Msg::Choose(0)).last(), Some(&Effect::Save));
        assert_eq!(a.update(Msg::Back).last(), Some(&Effect::Save));
    }

    #[test]
    fn a_typing_pause_announces_the_count_reports_the_query_and_saves_once() {
        let mut a = app("de");
        a.update(Msg::Open);
        a.update(Msg::Input("zählerstand".into()));
        let count = a.hit_count();
        assert!(count > 1);
        assert_eq!(
            a.update(Msg::Paused),
            [
                Effect::Announce(format!("{count} Antworten gefunden")),
                Effect::Emit(HostEvent::Search {
                    query: "zählerstand".into(),
                    count
                }),
                Effect::Save,
            ]
        );
        assert_eq!(a.update(Msg::Paused), [], "a second pause has nothing new");
        a.update(Msg::Input("xqzvw".into()));
        let fx = a.update(Msg::Paused);
        assert!(fx.contains(&Effect::Emit(HostEvent::NoResults {
            query: "xqzvw".into()
        })));
    }

    #[test]
    fn a_search_from_the_page_opens_reports_and_saves_at_once_without_a_pause() {
        let mut a = app("de");
        a.update(Msg::Input("abschl".into()));
        let fx = a.update(Msg::Search("zählerstand".into()));
        assert_eq!(fx[0], Effect::Emit(HostEvent::Open {}));
        let count = a.hit_count();
        assert!(count > 0 && a.is_open());
        assert!(fx.contains(&Effect::Announce(format!("{count} Antworten gefunden"))));
        assert!(fx.contains(&Effect::Emit(HostEvent::Search {
            query: "zählerstand".into(),
            count
        })));
        assert!(!fx.contains(&Effect::Settle), "{fx:?}");
        assert_eq!(fx.last(), Some(&Effect::Save));
        assert_eq!(
            a.update(Msg::Paused),
            [],
            "a pause timer of earlier typing reports nothing again"
        );
    }

    #[test]
    fn leaving_the_page_saves_the_state_as_it_is() {
        let mut a = app("de");
        a.update(Msg::Open);
        a.update(Msg::Input("abschlag".into()));
        let before = a.saved();
        assert_eq!(a.update(Msg::Leave), [Effect::Save]);
        assert_eq!(a.saved(), before);
        assert_eq!(a.saved().query, "abschlag");
    }

    #[test]
    fn a_part_file_arriving_or_a_new_status_source_saves_nothing() {
        let mut a = app("de");
        a.update(Msg::Input("zähler".into()));
        assert_eq!(a.update(Msg::Refresh), []);
        assert_eq!(a.update(Msg::StatusChanged), []);
    }

    #[test]
    fn the_search_box_claims_up_and_down_only_while_there_are_suggestions() {
        let mut a = app("de");
        assert!(!a.claims_key(Key::Down, true), "nothing to move through");
        assert!(a.claims_key(Key::Enter, true));
        assert!(a.claims_key(Key::Escape, true));
        a.update(Msg::Input("zählerstand".into()));
        assert!(a.hit_count() > 0);
        assert!(a.claims_key(Key::Down, true));
        assert!(a.claims_key(Key::Up, true));
    }

    #[test]
    fn outside_the_search_box_only_escape_is_the_widgets_and_it_closes_the_panel() {
        let mut a = app("de");
        a.update(Msg::Open);
        assert!(!a.claims_key(Key::Enter, false));
        assert!(!a.claims_key(Key::Down, false));
        assert!(a.claims_key(Key::Escape, false));
        assert_eq!(a.update(Msg::PanelKey(Key::Enter)), [Effect::Save]);
        assert!(a.is_open());
        let fx = a.update(Msg::PanelKey(Key::Escape));
        assert_eq!(fx[0], Effect::Emit(HostEvent::Close {}));
        assert!(!a.is_open());
    }

    #[test]
    fn starting_from_a_saved_state_restores_it_without_events_or_saving() {
        let mut a = app("de");
        let saved = Saved {
            open: true,
            query: "abschlag".into(),
            ..Saved::default()
        };
        let fx = a.update(Msg::Start(Start {
            saved: Some(saved.clone()),
            typed: "abschlag".into(),
            ..Start::default()
        }));
        assert_eq!(fx, [], "the loader's box holds the restored query");
        assert!(a.is_open());
        assert_eq!(a.query, "abschlag");
        assert_eq!(a.saved(), saved);
    }

    #[test]
    fn text_typed_before_the_engine_arrived_is_searched_and_saved_once_typing_pauses() {
        let mut a = app("de");
        let fx = a.update(Msg::Start(Start {
            saved: Some(Saved {
                query: "abschlag".into(),
                ..Saved::default()
            }),
            typed: "zählerstand".into(),
            ..Start::default()
        }));
        assert_eq!(fx, [Effect::Settle]);
        assert_eq!(a.query, "zählerstand");
        assert!(a.hit_count() > 0);
    }

    #[test]
    fn a_deep_link_at_start_opens_the_answer_with_its_events_and_saves_it() {
        let mut a = app("de");
        let fx = a.update(Msg::Start(Start {
            deep_link: Some("de/meter-reading".into()),
            ..Start::default()
        }));
        assert_eq!(fx[0], Effect::Emit(HostEvent::Open {}));
        assert!(
            matches!(&fx[1], Effect::Emit(HostEvent::AnswerShown { id, .. }) if id == "de/meter-reading")
        );
        assert_eq!(fx.last(), Some(&Effect::Save));
        assert!(a.is_open() && a.shows_answer());
    }

    #[test]
    fn a_bare_help_fragment_at_start_opens_the_panel_and_data_open_opens_it_quietly() {
        let mut a = app("de");
        let fx = a.update(Msg::Start(Start {
            deep_link: Some(String::new()),
            ..Start::default()
        }));
        assert_eq!(
            fx,
            [
                Effect::Emit(HostEvent::Open {}),
                Effect::FocusInput,
                Effect::Save
            ]
        );
        let mut b = app("de");
        let fx = b.update(Msg::Start(Start {
            open: true,
            ..Start::default()
        }));
        assert_eq!(fx, []);
        assert!(b.is_open());
    }

    /// Counts how often the live status is asked.
    struct Counting(std::cell::Cell<usize>);

    impl StatusSource for Counting {
        fn status(
            &self,
            _now_ms: i64,
            _locale: &str,
        ) -> Option<crate::hotline::HotlineStatus<'static>> {
            self.0.set(self.0.get() + 1);
            None
        }
    }

    #[test]
    fn the_live_status_is_asked_once_a_minute_however_often_the_panel_renders() {
        let mut a = app("de");
        let source = Counting(Default::default());
        let minute = NOW - NOW.rem_euclid(60_000);
        a.view(minute, &source, &clock());
        a.update(Msg::Input("zähler".into()));
        a.view(minute + 30_000, &source, &clock());
        a.view(minute + 59_999, &source, &clock());
        assert_eq!(source.0.get(), 1);
        a.view(minute + 60_000, &source, &clock());
        assert_eq!(source.0.get(), 2);
    }

    #[test]
    fn a_new_status_source_is_asked_at_the_next_render_within_the_same_minute() {
        let mut a = app("de");
        let old = Counting(Default::default());
        let new = Counting(Default::default());
        a.view(NOW, &old, &clock());
        a.update(Msg::StatusChanged);
        a.view(NOW, &new, &clock());
        assert_eq!((old.0.get(), new.0.get()), (1, 1));
    }
}
