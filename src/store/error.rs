//! `StoreError`: what went wrong with the state file and whether the user can fix it, in
//! words for the user. Builds messages only; touches nothing but a metadata read.

use std::fmt;
use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

use super::files::parent_dir;

/// Why the store could not be opened, read or written. Plain data, so a front-end can carry
/// it in its own messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError {
    pub path: PathBuf,
    /// What went wrong and what the user can do about it.
    pub problem: String,
    bad_input: bool,
}

impl StoreError {
    /// A problem with the file or its place that the user must fix (exit code 2).
    pub(super) fn user(path: &Path, problem: impl Into<String>) -> Self {
        StoreError {
            path: path.to_path_buf(),
            problem: problem.into(),
            bad_input: true,
        }
    }

    /// Anything else: a failed fsync, a bug (exit code 1).
    pub(super) fn other(path: &Path, problem: impl Into<String>) -> Self {
        StoreError {
            path: path.to_path_buf(),
            problem: problem.into(),
            bad_input: false,
        }
    }

    /// True for problems the user must fix (corrupt file, read-only dir, a lock held too long,
    /// a full disk), as opposed to bugs.
    pub fn is_bad_input(&self) -> bool {
        self.bad_input
    }

    /// Phrase an SQLite failure for the user: what happened to which file, and what to do.
    pub(super) fn sql(path: &Path, doing: &str, e: rusqlite::Error) -> Self {
        let file = crate::sanitize::path(path);
        match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => StoreError::user(
                path,
                format!(
                    "not an SQLite database, so not an invitriage state file (or its first page is damaged). \
                     It was left untouched. If it is your state, move it aside (`mv '{file}' '{file}.broken'`) \
                     and try `sqlite3 '{file}.broken' .recover | sqlite3 '{file}'`; to start afresh, move it aside \
                     or choose another file with --state PATH"
                ),
            ),
            Some(ErrorCode::DatabaseCorrupt) => StoreError::user(
                path,
                format!(
                    "the state file is damaged ({doing}: {e}). It was left untouched and your decisions are \
                     still in it: move it aside (`mv '{file}' '{file}.broken'`), then rescue them with \
                     `sqlite3 '{file}.broken' .recover | sqlite3 '{file}'`"
                ),
            ),
            Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
                StoreError::user(path, not_writable(path, doing, &e))
            }
            // A held lock and a full disk are the user's to fix, like a read-only directory:
            // exit code 2, as documented in docs/STORE.md.
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::user(
                path,
                format!(
                    "in use while {doing}: another process held its write lock too long (another \
                     invitriage, or a sqlite3 shell with an open transaction?). Close it and try again"
                ),
            ),
            Some(ErrorCode::DiskFull) => StoreError::user(
                path,
                format!(
                    "{doing}: the disk is full; nothing was recorded. Free some space and try again"
                ),
            ),
            _ => StoreError::other(path, format!("{doing}: {e}")),
        }
    }
}

/// Explain a refused write: a read-only directory or file is the usual cause.
pub(super) fn not_writable(path: &Path, doing: &str, e: &dyn fmt::Display) -> String {
    let dir = parent_dir(path);
    let ro = |p: &Path| std::fs::metadata(p).is_ok_and(|m| m.permissions().readonly());
    let why = if ro(path) {
        "the file is read-only".to_string()
    } else if ro(&dir) {
        format!("its directory {} is read-only", crate::sanitize::path(&dir))
    } else {
        format!("{e}")
    };
    format!(
        "cannot write the state file ({doing}: {why}). invitriage needs to write the file and \
         create `-wal` and `-shm` files next to it. Make {} writable, or keep your decisions \
         elsewhere with --state PATH or $INVITRIAGE_STATE",
        crate::sanitize::path(&dir)
    )
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", crate::sanitize::path(&self.path), self.problem)
    }
}

impl std::error::Error for StoreError {}
