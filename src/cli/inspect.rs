//! `stats` and `list`: read-only views of an export.

use std::io::Write;

use super::{DirectionFilter, Format};
use crate::error::Error;
use crate::model::Export;

pub fn stats(export: &Export, json: bool, out: &mut dyn Write) -> Result<(), Error> {
    let _ = (export, json, out);
    Err(Error::Other("stats: not built yet".into()))
}

pub fn list(
    export: &Export,
    format: Format,
    filter: DirectionFilter,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let _ = (export, format, filter, out);
    Err(Error::Other("list: not built yet".into()))
}
