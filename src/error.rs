//! The error type the binary reports, and the exit code each kind of failure maps to.

use crate::import::ImportError;
use crate::store::StoreError;

/// Exit code for bad input: an unreadable or malformed file, a bad config, a bad argument.
pub const EXIT_BAD_INPUT: i32 = 2;
/// Exit code for any other failure.
pub const EXIT_FAILURE: i32 = 1;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A bad argument or config value, already phrased for the user.
    #[error("{0}")]
    Usage(String),
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Other(String),
}

impl Error {
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Import(ImportError::Cancelled) => EXIT_FAILURE,
            Error::Import(_) | Error::Usage(_) => EXIT_BAD_INPUT,
            Error::Store(e) if e.is_bad_input() => EXIT_BAD_INPUT,
            _ => EXIT_FAILURE,
        }
    }
}

/// Turn a write error on the output into our error type, naming it.
pub fn io_err(e: std::io::Error) -> Error {
    Error::Io {
        context: "writing output".to_string(),
        source: e,
    }
}
