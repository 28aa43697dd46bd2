//! The interactive triage app, Elm style: `update` is pure (time passed in), `view` draws a
//! function of the state, the keymap is one data table, and the event loop in `run` is the only
//! code that touches the terminal, the disk and the browser.
//!
//! - [`state`]: the app state and its derived (cached) view lists.
//! - [`action`]: `Action` (what can happen) and `Effect` (what the loop must do).
//! - [`update`]: the pure state machine.
//! - [`keymap`]: the key table behind dispatch, footer, help, docs and config.
//! - [`config`], [`theme`]: the config file and every style.
//! - [`view`]: drawing (one function per region).
//! - [`persist`]: the decision log the loop writes through (the store, or memory in tests).
//! - [`run`]: the event loop.

pub mod action;
pub mod config;
#[doc(hidden)]
pub mod fixture;
pub mod keymap;
pub mod persist;
pub mod run;
pub mod state;
pub mod theme;
pub mod update;
pub mod view;

use std::io::Write;
use std::path::Path;

use crate::cli::GlobalArgs;
use invitriage::error::Error;

pub use action::{Action, Effect};
pub use state::State;
pub use update::update;

/// Start the interactive app on PATH (or the demo with `--demo`).
pub fn launch(path: Option<&Path>, g: &GlobalArgs, out: &mut dyn Write) -> Result<(), Error> {
    run::run(path, g, out)
}

/// `invitriage config`: with `--print-default`, the full default config file; otherwise where
/// the config file is and whether it parses.
pub fn config_command(print_default: bool, out: &mut dyn Write) -> Result<(), Error> {
    let io = crate::cli::io_err;
    if print_default {
        return out.write_all(config::default_toml().as_bytes()).map_err(io);
    }
    let path = config::path();
    let shown = path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "(no config directory on this platform)".to_string());
    config::load(config::no_color_requested())?;
    let exists = path.as_ref().is_some_and(|p| p.exists());
    writeln!(
        out,
        "config file: {shown} ({})\n`invitriage config --print-default > {shown}` writes every default to edit.",
        if exists { "valid" } else { "not present: using the defaults" }
    )
    .map_err(io)
}
