//! invitriage's library core: load LinkedIn exports, classify invitation notes, and keep the
//! user's decisions. Nothing here touches the terminal; the TUI in [`tui`] is a thin shell.
//!
//! Module map:
//! - [`model`]: the domain types (pure data).
//! - [`sanitize`]: the one gate every piece of untrusted text passes at import (pure).
//! - [`import`]: parsers for Invitations.csv, export folders and ZIPs, and invitriage JSON
//!   (pure over bytes; the only file reads are in `import::load`).
//! - [`classify`]: boilerplate vs personal, with reasons (pure, deterministic).
//! - [`store`]: the SQLite decision log that survives crashes.
//! - [`insight`]: sent requests still pending, what changed between exports, counts per month (pure).
//! - [`cli`]: the non-interactive subcommands.
//! - [`tui`]: the interactive app (Elm style: pure update, I/O only in its event loop).

pub mod classify;
pub mod cli;
pub mod error;
pub mod import;
pub mod insight;
pub mod model;
pub mod sanitize;
pub mod store;
pub mod tui;

pub use error::Error;
