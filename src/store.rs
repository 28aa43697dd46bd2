//! The decision store: an append-only SQLite log of decision events (WAL, synchronous=FULL).
//! `record` returns only after the event is durable.

use std::fmt;
use std::path::{Path, PathBuf};

/// Why the store could not be opened or written.
#[derive(Debug)]
pub struct StoreError {
    pub path: PathBuf,
    pub problem: String,
    bad_input: bool,
}

impl StoreError {
    /// True for problems the user must fix (corrupt file, read-only dir), as opposed to bugs.
    pub fn is_bad_input(&self) -> bool {
        self.bad_input
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.problem)
    }
}

impl std::error::Error for StoreError {}

/// The open decision store.
pub struct Store {
    path: PathBuf,
}

impl Store {
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Ok(Store {
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}
