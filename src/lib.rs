//! invitriage's library core: load LinkedIn exports, classify invitation notes, and keep the
//! user's decisions. Nothing here touches the terminal or parses a command line, so a second
//! front-end could use it as it is; the CLI and the interactive app live in the `invitriage-app`
//! package (`app/`).
//!
//! Module map:
//! - [`model`]: the domain types (pure data).
//! - [`sanitize`]: the one gate every piece of untrusted text passes at import (pure).
//! - [`import`]: parsers for Invitations.csv, export folders and ZIPs, and invitriage JSON
//!   (pure over bytes; the only file reads are in `import::load`).
//! - [`classify`]: boilerplate vs personal, with reasons (pure, deterministic).
//! - [`store`]: the SQLite decision log that survives crashes.
//! - [`insight`]: sent requests still pending, what changed between exports, counts per month (pure).
//! - [`error`]: the error type front-ends report, and its exit codes.

pub mod classify;
pub mod error;
pub mod import;
pub mod insight;
pub mod model;
pub mod sanitize;
pub mod store;

pub use error::Error;
