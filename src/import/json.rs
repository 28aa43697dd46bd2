//! invitriage's own JSON format (docs/FORMATS.md): a versioned document or JSON Lines of
//! invitation objects. Pure over bytes.

use crate::import::{ImportError, ImportOptions};
use crate::model::Invitation;

/// Parse a JSON document `{"version": 1, "invitations": [...]}` or JSON Lines of invitation
/// objects. `file` names the input in errors.
pub fn parse(
    bytes: &[u8],
    file: &str,
    opts: &ImportOptions,
) -> Result<Vec<Invitation>, ImportError> {
    let _ = (bytes, opts);
    Err(ImportError::invalid(
        file,
        None,
        "JSON importer not built yet",
    ))
}
