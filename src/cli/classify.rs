//! `classify` and `eval`: the classifier's verdicts and its scores on a labeled set.

use std::io::Write;
use std::path::Path;

use super::{Format, GlobalArgs};
use crate::error::Error;
use crate::model::Export;

pub fn classify(
    g: &GlobalArgs,
    export: &Export,
    format: Format,
    incoming: bool,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let _ = (g, export, format, incoming, out);
    Err(Error::Other("classify: not built yet".into()))
}

pub fn eval(labeled: &Path, out: &mut dyn Write) -> Result<(), Error> {
    let _ = (labeled, out);
    Err(Error::Other("eval: not built yet".into()))
}
