//! The interactive triage app. `update` is pure; the event loop in `run` is the only code that
//! touches the terminal, the disk and the browser.

use std::io::Write;

use crate::cli::GlobalArgs;
use crate::error::Error;
use crate::model::Export;

/// Start the interactive app on a loaded export.
pub fn launch(export: Export, g: &GlobalArgs, out: &mut dyn Write) -> Result<(), Error> {
    let _ = (export, g, out);
    Err(Error::Other("the interactive app is not built yet".into()))
}

/// `invitriage config`.
pub fn config_command(print_default: bool, out: &mut dyn Write) -> Result<(), Error> {
    let _ = (print_default, out);
    Err(Error::Other("config: not built yet".into()))
}
