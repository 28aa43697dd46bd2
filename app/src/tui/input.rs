//! A line of text the user types: the list search and the help search are both one of these,
//! driven by the same search actions. Pure data: no I/O.

use super::action::Action;

/// What a search action did to a [`TextInput`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Typing began on an empty text.
    Started,
    /// The text changed while typing.
    Changed,
    /// Typing stopped; the text stays.
    Submitted,
    /// The text was cleared and typing stopped.
    Cleared,
}

/// Text being typed (or kept after typing), such as a search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    typing: bool,
}

impl TextInput {
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// True while keys go into the text.
    pub fn is_typing(&self) -> bool {
        self.typing
    }

    /// Stop typing, keeping the text.
    pub fn stop_typing(&mut self) {
        self.typing = false;
    }

    /// Apply a search action (`SearchStart`, `SearchInput`, `SearchBackspace`, `SearchSubmit`,
    /// `SearchClear`); `None` for any other action, or for typing when not typing.
    pub fn apply(&mut self, action: &Action) -> Option<Edit> {
        match action {
            Action::SearchStart => {
                self.text.clear();
                self.typing = true;
                Some(Edit::Started)
            }
            Action::SearchInput(c) if self.typing => {
                self.text.push(*c);
                Some(Edit::Changed)
            }
            Action::SearchBackspace if self.typing => {
                self.text.pop();
                Some(Edit::Changed)
            }
            Action::SearchSubmit => {
                self.typing = false;
                Some(Edit::Submitted)
            }
            Action::SearchClear => {
                self.text.clear();
                self.typing = false;
                Some(Edit::Cleared)
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_edits_only_between_start_and_submit() {
        let mut t = TextInput::default();
        assert_eq!(t.apply(&Action::SearchInput('x')), None, "not typing yet");
        assert_eq!(t.apply(&Action::SearchStart), Some(Edit::Started));
        for c in "abc".chars() {
            assert_eq!(t.apply(&Action::SearchInput(c)), Some(Edit::Changed));
        }
        assert_eq!(t.apply(&Action::SearchBackspace), Some(Edit::Changed));
        assert_eq!((t.text(), t.is_typing()), ("ab", true));
        assert_eq!(t.apply(&Action::SearchSubmit), Some(Edit::Submitted));
        assert_eq!(t.apply(&Action::SearchInput('z')), None);
        assert_eq!((t.text(), t.is_typing()), ("ab", false));
        assert_eq!(t.apply(&Action::SearchStart), Some(Edit::Started));
        assert!(t.is_empty(), "a new search starts empty");
        t.apply(&Action::SearchInput('q'));
        assert_eq!(t.apply(&Action::SearchClear), Some(Edit::Cleared));
        assert_eq!((t.text(), t.is_typing()), ("", false));
        assert_eq!(t.apply(&Action::MoveDown), None);
    }
}
