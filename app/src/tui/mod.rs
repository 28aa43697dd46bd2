//! The interactive triage app, Elm style: `update` is pure (time passed in), `view` draws a
//! function of the state, the keymap is one data table, and the event loop in `run` is the only
//! code that touches the terminal, the disk and the browser.
//!
//! - [`state`]: the app state and its derived (cached) view lists; [`tab`]: its tabs.
//! - [`action`]: `Action` (what can happen) and `Effect` (what the loop must do).
//! - [`update`]: the pure state machine, routed by what has the keyboard.
//! - [`input`]: the text input behind both the list search and the help search.
//! - [`events`]: terminal events to actions, one at a time against the current mode.
//! - [`term`]: the backend wrapper that keeps uncertain-width graphemes from leaving stale cells.
//! - [`keymap`]: the key table behind dispatch, footer, help, docs and config.
//! - [`config`], [`theme`]: the config file and every style.
//! - [`layout`]: where each region of the screen is (pure geometry, no state).
//! - [`view`]: drawing (one function per region).
//! - [`persist`]: carries out effects on the decision store (a real `Store`, in tests too).
//! - [`run`]: the event loop.

pub mod action;
pub mod config;
pub mod events;
#[doc(hidden)]
pub mod fixture;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod persist;
pub mod run;
pub mod state;
pub mod tab;
pub mod term;
pub mod theme;
pub mod update;
pub mod view;

use std::io::Write;

use crate::launch::Launch;
use invitriage::error::Error;

pub use action::{Action, Effect};
pub use state::State;
pub use update::update;

/// Start the interactive app on the launch's input.
pub fn launch(launch: &Launch, out: &mut dyn Write) -> Result<(), Error> {
    run::run(launch, out)
}
