//! From what arrives at the event loop (terminal events, results of I/O) to `update`. Pure: no
//! I/O. Each terminal event is looked up in the keymap only after every earlier one has been
//! applied, so the layer that receives a key is the one the previous key opened: `/lena` typed
//! in one burst (or pasted) searches for "lena" instead of running `l`, `e`, `n`, `a` as list
//! commands.

use chrono::{DateTime, Utc};
use crossterm::event::{Event, MouseButton, MouseEventKind};

use super::action::{Action, Effect};
use super::keymap::KeySpec;
use super::state::State;
use super::update::update;
use super::view;

/// Something that wakes the event loop.
#[derive(Debug, Clone)]
pub enum Incoming {
    /// A key, the mouse, a resize.
    Term(Event),
    /// The result of I/O the loop did (a save, an undo, a browser failure).
    Back(Action),
}

/// Turn a terminal event into an action through the keymap of the state's current layer.
pub fn translate(state: &State, ev: Event) -> Option<Action> {
    match ev {
        Event::Key(k) => {
            let spec = KeySpec::from_event(&k)?;
            state.keymap().dispatch(state.context(), spec)
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                Some(view::click_action(state, m.column, m.row))
            }
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Action::Wheel {
                down: m.kind == MouseEventKind::ScrollDown,
                column: m.column,
                row: m.row,
            }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    }
}

/// Apply a batch of arrivals in order, translating each one against the state the previous
/// ones left. Returns the effects, stopping at (and including) the first `Quit`.
pub fn handle_batch(
    state: &mut State,
    batch: impl IntoIterator<Item = Incoming>,
    now: DateTime<Utc>,
) -> Vec<Effect> {
    let mut effects = Vec::new();
    for incoming in batch {
        let actions: Vec<Action> = match incoming {
            Incoming::Back(a) => vec![a],
            Incoming::Term(Event::Paste(text)) if state.context().takes_text() => text
                .chars()
                .filter(|c| !c.is_control())
                .map(Action::SearchInput)
                .collect(),
            Incoming::Term(ev) => translate(state, ev).into_iter().collect(),
        };
        for a in actions {
            for e in update(state, a, now) {
                let quit = e == Effect::Quit;
                effects.push(e);
                if quit {
                    return effects;
                }
            }
        }
    }
    effects
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::fixture;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn key(c: char) -> Incoming {
        Incoming::Term(Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )))
    }

    #[test]
    fn keys_typed_right_after_slash_reach_the_search() {
        let mut s = fixture::state((80, 24));
        let effects = handle_batch(&mut s, "/ana".chars().map(key), fixture::now());
        assert_eq!(s.search().text(), "ana");
        // `a` was typed, not run as "accept".
        assert!(effects.is_empty(), "{effects:?}");
    }

    #[test]
    fn keys_typed_right_after_help_search_reach_it() {
        let mut s = fixture::state((80, 24));
        handle_batch(&mut s, "?/undo".chars().map(key), fixture::now());
        match &s.mode {
            crate::tui::state::Mode::Help { query, .. } => assert_eq!(query.text(), "undo"),
            m => panic!("{m:?}"),
        }
    }

    #[test]
    fn a_paste_types_into_the_search_and_nothing_after_quit_runs() {
        let mut s = fixture::state((80, 24));
        handle_batch(
            &mut s,
            [key('/'), Incoming::Term(Event::Paste("ana\n".into()))],
            fixture::now(),
        );
        assert_eq!(s.search().text(), "ana");
        let mut s = fixture::state((80, 24));
        let effects = handle_batch(&mut s, [key('q'), key('a')], fixture::now());
        assert_eq!(effects, vec![Effect::Quit]);
    }
}
