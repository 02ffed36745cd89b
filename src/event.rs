//! The event vocabulary: the names of what the widget tells the page
//! (`HelpWidget.on`, `help-widget:<name>` DOM events) and the beacon log,
//! which `help-widget report` reads. The Wasm widget emits the first seven,
//! the contact-form module (`www/help-widget-form.mjs`) the `form-*` ones.
//! `www/help-widget.mjs` `EVENTS` and `www/help-widget.d.ts`
//! `HelpWidgetEvent` list the same names in the same order (`tests/events.rs`).

/// One kind of event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventKind {
    Open,
    Close,
    /// Typing paused: the query and its number of suggestions.
    Search,
    NoResults,
    AnswerShown,
    Feedback,
    ContactClicked,
    /// Answers suggested beside the site's contact form.
    FormSuggestions,
    /// A suggested answer opened beside the form.
    FormAnswerOpened,
    /// "That solved it" under a suggested answer: a form not sent.
    FormResolved,
    /// The form was sent all the same.
    FormSubmitted,
}

impl EventKind {
    /// Every kind, in the order the JS list and the types name them.
    pub const ALL: [EventKind; 11] = [
        Self::Open,
        Self::Close,
        Self::Search,
        Self::NoResults,
        Self::AnswerShown,
        Self::Feedback,
        Self::ContactClicked,
        Self::FormSuggestions,
        Self::FormAnswerOpened,
        Self::FormResolved,
        Self::FormSubmitted,
    ];

    /// The name on the wire and in the JS API.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Close => "close",
            Self::Search => "search",
            Self::NoResults => "no-results",
            Self::AnswerShown => "answer-shown",
            Self::Feedback => "feedback",
            Self::ContactClicked => "contact-clicked",
            Self::FormSuggestions => "form-suggestions",
            Self::FormAnswerOpened => "form-answer-opened",
            Self::FormResolved => "form-resolved",
            Self::FormSubmitted => "form-submitted",
        }
    }

    /// The kind named `name`, if it is one.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::EventKind;

    #[test]
    fn every_kind_is_listed_once_and_read_back_from_its_name() {
        for (i, k) in EventKind::ALL.iter().enumerate() {
            assert_eq!(EventKind::from_name(k.name()), Some(*k));
            assert!(!EventKind::ALL[..i].contains(k), "{k:?} twice");
        }
        assert_eq!(EventKind::from_name("Open"), None);
    }
}
