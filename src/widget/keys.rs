//! Keyboard navigation in the search combobox (WAI-ARIA combobox pattern):
//! the caret stays in the input while ↑/↓ move a highlighted option.

/// A key the combobox reacts to, from `KeyboardEvent.key`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Up,
    Down,
    Home,
    End,
    Enter,
    Escape,
}

impl Key {
    pub fn from_dom(key: &str) -> Option<Self> {
        Some(match key {
            "ArrowUp" | "Up" => Self::Up,
            "ArrowDown" | "Down" => Self::Down,
            "Home" => Self::Home,
            "End" => Self::End,
            "Enter" => Self::Enter,
            "Escape" | "Esc" => Self::Escape,
            _ => return None,
        })
    }
}

/// What a key does, given the highlighted option and the number of options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// Highlight this option (or none: back to the input).
    Highlight(Option<usize>),
    /// Open the answer of this option.
    Choose(usize),
    /// Drop the highlight first; a second Escape closes.
    Unhighlight,
    /// Close the panel (floating) or clear the query (inline).
    Dismiss,
    /// Leave the key to the browser (caret movement, form behaviour).
    Ignore,
}

/// ↑/↓ wrap around through "no highlight"; Home/End only act while an option
/// is highlighted so they still move the caret in the text; Enter without a
/// highlight chooses the best match.
pub fn navigate(active: Option<usize>, len: usize, key: Key) -> Nav {
    match (key, active) {
        (Key::Escape, Some(_)) => Nav::Unhighlight,
        (Key::Escape, None) => Nav::Dismiss,
        (_, _) if len == 0 => Nav::Ignore,
        (Key::Down, None) => Nav::Highlight(Some(0)),
        (Key::Down, Some(i)) if i + 1 >= len => Nav::Highlight(None),
        (Key::Down, Some(i)) => Nav::Highlight(Some(i + 1)),
        (Key::Up, None) => Nav::Highlight(Some(len - 1)),
        (Key::Up, Some(0)) => Nav::Highlight(None),
        (Key::Up, Some(i)) => Nav::Highlight(Some(i.min(len) - 1)),
        (Key::Home, Some(_)) => Nav::Highlight(Some(0)),
        (Key::End, Some(_)) => Nav::Highlight(Some(len - 1)),
        (Key::Home | Key::End, None) => Nav::Ignore,
        (Key::Enter, Some(i)) => Nav::Choose(i.min(len - 1)),
        (Key::Enter, None) => Nav::Choose(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrow_down_walks_the_options_and_wraps_back_to_the_input() {
        assert_eq!(navigate(None, 3, Key::Down), Nav::Highlight(Some(0)));
        assert_eq!(navigate(Some(1), 3, Key::Down), Nav::Highlight(Some(2)));
        assert_eq!(navigate(Some(2), 3, Key::Down), Nav::Highlight(None));
    }

    #[test]
    fn arrow_up_from_the_input_highlights_the_last_option() {
        assert_eq!(navigate(None, 3, Key::Up), Nav::Highlight(Some(2)));
        assert_eq!(navigate(Some(0), 3, Key::Up), Nav::Highlight(None));
    }

    #[test]
    fn enter_opens_the_highlighted_option_or_else_the_best_match() {
        assert_eq!(navigate(Some(2), 3, Key::Enter), Nav::Choose(2));
        assert_eq!(navigate(None, 3, Key::Enter), Nav::Choose(0));
    }

    #[test]
    fn escape_first_drops_the_highlight_then_dismisses() {
        assert_eq!(navigate(Some(1), 3, Key::Escape), Nav::Unhighlight);
        assert_eq!(navigate(None, 3, Key::Escape), Nav::Dismiss);
        assert_eq!(navigate(None, 0, Key::Escape), Nav::Dismiss);
    }

    #[test]
    fn without_options_arrows_and_enter_are_left_to_the_browser() {
        for key in [Key::Up, Key::Down, Key::Enter, Key::Home] {
            assert_eq!(navigate(None, 0, key), Nav::Ignore);
        }
    }

    #[test]
    fn home_and_end_move_the_caret_unless_an_option_is_highlighted() {
        assert_eq!(navigate(None, 3, Key::Home), Nav::Ignore);
        assert_eq!(navigate(Some(1), 3, Key::End), Nav::Highlight(Some(2)));
        assert_eq!(navigate(Some(1), 3, Key::Home), Nav::Highlight(Some(0)));
    }

    #[test]
    fn dom_key_names_map_to_keys() {
        assert_eq!(Key::from_dom("ArrowDown"), Some(Key::Down));
        assert_eq!(Key::from_dom("Esc"), Some(Key::Escape));
        assert_eq!(Key::from_dom("a"), None);
    }
}
