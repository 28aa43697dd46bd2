//! `decide`, `decisions` and `undo`: scripted triage through the decision store.

use std::io::Write;

use super::{Format, GlobalArgs};
use crate::error::Error;
use crate::model::{Class, Export, Kind, Verdict};

/// Which invitations `decide` acts on, and how.
#[derive(Debug, Clone)]
#[allow(dead_code)] // read once `decide` lands
pub struct DecideFilter {
    pub verdict: Verdict,
    pub class: Option<Class>,
    pub kinds: Vec<Kind>,
    pub from: Option<String>,
    pub dry_run: bool,
}

pub fn decide(
    g: &GlobalArgs,
    export: &Export,
    filter: &DecideFilter,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let _ = (g, export, filter, out);
    Err(Error::Other("decide: not built yet".into()))
}

pub fn decisions(
    g: &GlobalArgs,
    format: Format,
    verdict: Option<Verdict>,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let _ = (g, format, verdict, out);
    Err(Error::Other("decisions: not built yet".into()))
}

pub fn undo(g: &GlobalArgs, out: &mut dyn Write) -> Result<(), Error> {
    let _ = (g, out);
    Err(Error::Other("undo: not built yet".into()))
}
