//! Importers: turn a path (file, folder or `.zip`) or bytes into an [`Export`].
//! Each parser is pure over bytes; `load` is the only place that reads the file system, and it
//! only ever reads. Every error names the file, the line (and column for JSON) and what was
//! expected.

pub mod demo;
pub mod json;

use std::fmt;
use std::path::Path;

use crate::model::Export;

/// Options that change how input is read.
#[derive(Debug, Clone, Copy)]
pub struct ImportOptions {
    /// The zone `Sent At` values are in. LinkedIn's look like US Pacific time.
    pub tz: chrono_tz::Tz,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            tz: chrono_tz::America::Los_Angeles,
        }
    }
}

/// Why an input could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The input is wrong; `problem` says what was expected.
    Invalid {
        file: String,
        line: Option<u64>,
        column: Option<u64>,
        problem: String,
    },
    /// The user cancelled a load in progress.
    Cancelled,
}

impl ImportError {
    pub fn invalid(file: impl Into<String>, line: Option<u64>, problem: impl Into<String>) -> Self {
        ImportError::Invalid {
            file: file.into(),
            line,
            column: None,
            problem: problem.into(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Invalid {
                file,
                line,
                column,
                problem,
            } => {
                write!(f, "{file}")?;
                if let Some(l) = line {
                    write!(f, ":{l}")?;
                    if let Some(c) = column {
                        write!(f, ":{c}")?;
                    }
                }
                write!(f, ": {problem}")
            }
            ImportError::Cancelled => f.write_str("loading cancelled"),
        }
    }
}

impl std::error::Error for ImportError {}

/// Progress callback for long loads: called with (bytes done, bytes total) now and then.
/// Returning `false` cancels the load with [`ImportError::Cancelled`].
pub type ProgressFn<'a> = &'a mut dyn FnMut(u64, u64) -> bool;

/// Load a file, folder or ZIP.
pub fn load(path: &Path, opts: &ImportOptions) -> Result<Export, ImportError> {
    load_with_progress(path, opts, &mut |_, _| true)
}

/// [`load`] with a progress callback that can cancel.
pub fn load_with_progress(
    path: &Path,
    opts: &ImportOptions,
    progress: ProgressFn<'_>,
) -> Result<Export, ImportError> {
    let _ = (path, opts, progress);
    Err(ImportError::invalid(
        path.display().to_string(),
        None,
        "importer not built yet",
    ))
}

/// The synthetic demo export embedded in the binary.
pub fn load_demo(opts: &ImportOptions) -> Result<Export, ImportError> {
    let _ = opts;
    Err(ImportError::invalid("demo", None, "importer not built yet"))
}
