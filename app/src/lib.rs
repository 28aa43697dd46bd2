//! invitriage's front-ends over the core library (`invitriage`): the command line and the
//! interactive app. The core never imports from here.
//!
//! - [`cli`]: argument definitions and the non-interactive subcommands; the only module that
//!   knows clap.
//! - [`cells`]: fitting text into terminal cells, for both front-ends.
//! - [`warn`]: warnings both front-ends print on stderr.
//! - [`launch`]: the plain values the CLI hands the app (input, import options, state path).
//! - [`tui`]: the interactive app (Elm style: pure update, I/O only in its event loop).

pub mod cells;
pub mod cli;
pub mod launch;
pub mod tui;
pub mod warn;
