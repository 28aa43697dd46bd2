//! What the command line hands the front-ends: plain values, no clap. The CLI builds a
//! [`Launch`] once from its arguments; the app and the subcommands take it from there.

use std::path::PathBuf;

use invitriage::error::Error;
use invitriage::import::{self, ImportOptions};
use invitriage::model::Export;

/// What to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Invitations.csv, an export folder or .zip, or invitriage JSON.
    Path(PathBuf),
    /// The synthetic demo export built into the binary.
    Demo,
}

impl Input {
    /// PATH or `--demo`: exactly one of them.
    pub fn from_args(path: Option<PathBuf>, demo: bool) -> Result<Input, Error> {
        match (path, demo) {
            (Some(_), true) => Err(Error::Usage(
                "give either PATH or --demo, not both".to_string(),
            )),
            (Some(p), false) => Ok(Input::Path(p)),
            (None, true) => Ok(Input::Demo),
            (None, false) => Err(Error::Usage(
                "no input: give PATH (Invitations.csv, an export folder or .zip, or JSON) or --demo"
                    .to_string(),
            )),
        }
    }

    /// What the header and messages call it: the path, or `demo`.
    pub fn label(&self) -> String {
        match self {
            Input::Path(p) => invitriage::sanitize::path(p),
            Input::Demo => "demo".to_string(),
        }
    }
}

/// Everything a front-end needs to start: the input, how to read it, and where the decisions
/// are kept.
#[derive(Debug, Clone)]
pub struct Launch {
    pub input: Input,
    pub import: ImportOptions,
    /// The state file given with `--state` or `$INVITRIAGE_STATE`; `None` means the default
    /// location ([`invitriage::store::Store::resolve`]).
    pub state_path: Option<PathBuf>,
    /// Hidden `--first-frame-exit`: draw the first list frame and exit (for timing,
    /// scripts/bench-compare.sh). On a large export that is the list of its first rows, drawn
    /// while the rest still loads; on a small one (loaded within 100 ms) the whole list.
    pub first_frame_exit: bool,
}

impl Launch {
    /// Read the whole export at once (the app loads behind a progress gauge instead). What
    /// the importer assumed is told on stderr, so stdout stays the command's output.
    pub fn load(&self) -> Result<Export, Error> {
        let export = match &self.input {
            Input::Path(p) => import::load(p, &self.import)?,
            Input::Demo => import::load_demo(&self.import)?,
        };
        for w in &export.warnings {
            eprintln!("invitriage: warning: {}", invitriage::sanitize::lines(w));
        }
        Ok(export)
    }
}
