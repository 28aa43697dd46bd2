//! The synthetic demo export embedded in the binary (`--demo`). Every person in it is invented.

/// The demo export's files, as (name inside the export, bytes).
pub fn files() -> &'static [(&'static str, &'static [u8])] {
    &[]
}
