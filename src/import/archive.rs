//! Reads only, never writes: a LinkedIn export as a set of files, from an unpacked folder, the
//! ZIP read in place (zip crate, nothing unpacked to disk), or files held in memory (the demo).
//! The only I/O is reading the folder or ZIP the caller named.
//!
//! The export's CSV files sit at the root, or one folder down when the user zipped the
//! unpacked folder. File names are matched without regard to case.

use std::fs;
use std::io::{Read, Seek};
use std::path::{Path, PathBuf};

use zip::ZipArchive;

use crate::import::enrich::{self, Extras};
use crate::import::export_files as files;
use crate::import::linkedin_csv;
use crate::import::{ImportError, ImportOptions, Progress, Tracked};
use crate::model::Export;

/// One file in a container: its path inside it (`/`-separated) and its size in bytes.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub name: String,
    /// As the container says: a ZIP entry's declared size may lie, so reads count too.
    pub size: u64,
    /// A ZIP entry's compressed size, for the inflation-ratio check.
    pub compressed: Option<u64>,
}

/// Something that holds the files of an export.
pub(crate) trait Container {
    /// "ZIP" or "folder", for messages.
    fn what(&self) -> &'static str;
    fn entries(&self) -> &[Entry];
    fn open(&mut self, index: usize) -> Result<Box<dyn Read + '_>, ImportError>;
    /// How an entry is named in errors and in each record's source.
    fn label(&self, name: &str) -> String;
    /// The container itself, for messages.
    fn name(&self) -> &str;
    /// Entries left unread because their names are unsafe (absolute, or leading out with `..`).
    fn refused(&self) -> &[String] {
        &[]
    }
}

/// The file names an export may hold, lowercased, in the order they are read.
pub(crate) const KNOWN: [&str; 8] = [
    "invitations.csv",
    "connections.csv",
    "messages.csv",
    "endorsement_received_info.csv",
    "recommendations_received.csv",
    "profile.csv",
    "positions.csv",
    "education.csv",
];

fn split(name: &str) -> (&str, &str) {
    match name.rfind('/') {
        Some(i) => (&name[..i], &name[i + 1..]),
        None => ("", name),
    }
}

/// Entries worth looking at: at most one folder deep, not macOS resource forks.
fn visible(name: &str) -> bool {
    let (dir, base) = split(name);
    !dir.contains('/')
        && !base.starts_with("._")
        && !dir.eq_ignore_ascii_case("__MACOSX")
        && !base.is_empty()
}

/// For each of [`KNOWN`], the index of the entry to read, if present. More than one
/// Invitations.csv (in two folders, or twice under one name in a ZIP) is refused, naming them
/// all: picking one would silently read the wrong export. So is a second copy of another
/// known file beside the chosen Invitations.csv.
fn select(c: &dyn Container) -> Result<[Option<usize>; 8], ImportError> {
    let entries = c.entries();
    let invitations: Vec<usize> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| visible(&e.name) && split(&e.name).1.eq_ignore_ascii_case(KNOWN[0]))
        .map(|(i, _)| i)
        .collect();
    let chosen = match invitations.as_slice() {
        [one] => *one,
        [] => return Err(no_invitations(c)),
        many => {
            let names: Vec<&str> = many.iter().map(|&i| entries[i].name.as_str()).collect();
            return Err(ImportError::invalid(
                c.name(),
                None,
                format!(
                    "this {} holds {} Invitations.csv files ({}), as if several exports; give \
                     one export, with one Invitations.csv",
                    c.what(),
                    names.len(),
                    names.join(", ")
                ),
            ));
        }
    };
    let dir = split(&entries[chosen].name).0;
    let mut picked = [None; 8];
    picked[0] = Some(chosen);
    for (slot, known) in picked.iter_mut().zip(KNOWN).skip(1) {
        let same: Vec<usize> = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                let (d, base) = split(&e.name);
                d == dir && base.eq_ignore_ascii_case(known) && visible(&e.name)
            })
            .map(|(i, _)| i)
            .collect();
        if let [first, second, ..] = same.as_slice() {
            return Err(ImportError::invalid(
                c.name(),
                None,
                format!(
                    "this {} holds {known:?} twice ({}, {}); give an export with one of each file",
                    c.what(),
                    entries[*first].name,
                    entries[*second].name
                ),
            ));
        }
        *slot = same.first().copied();
    }
    Ok(picked)
}

/// Why there is nothing to read: what the container holds instead, or that its only
/// entries have unsafe names.
fn no_invitations(c: &dyn Container) -> ImportError {
    let entries = c.entries();
    let mut found: Vec<&str> = entries
        .iter()
        .filter(|e| visible(&e.name))
        .map(|e| e.name.as_str())
        .collect();
    found.sort_unstable();
    let refused = c.refused();
    let shown = if found.is_empty() && !refused.is_empty() {
        let more = refused.len().saturating_sub(12);
        let mut s = format!(
            "its only entries have unsafe names (absolute, or leading out of the {} with ..), \
             and were not read: {}",
            c.what(),
            refused[..refused.len().min(12)].join(", ")
        );
        if more > 0 {
            s.push_str(&format!(" and {more} more"));
        }
        s
    } else if found.is_empty() {
        format!("the {} holds no files", c.what())
    } else {
        let more = found.len().saturating_sub(12);
        let mut s = format!("found {}", found[..found.len().min(12)].join(", "));
        if more > 0 {
            s.push_str(&format!(" and {more} more"));
        }
        s
    };
    let zip_hint = if found
        .iter()
        .any(|n| n.to_ascii_lowercase().ends_with(".zip"))
    {
        "; to read an export ZIP, give the path of the .zip itself"
    } else {
        ""
    };
    ImportError::invalid(
        c.name(),
        None,
        format!(
            "no Invitations.csv in this {} (looked at the top level and one folder down); \
             {shown}. invitriage needs the Invitations.csv of a LinkedIn data export{zip_hint}",
            c.what()
        ),
    )
}

/// Read every known file of a container into an [`Export`] and join them.
pub(crate) fn assemble(
    c: &mut dyn Container,
    source: String,
    opts: &ImportOptions,
    progress: &mut Progress<'_>,
) -> Result<Export, ImportError> {
    let picked = select(c)?;
    progress.start(
        picked
            .iter()
            .flatten()
            .map(|&i| c.entries()[i].size)
            .fold(0u64, u64::saturating_add),
    )?;
    let mut export = Export {
        source,
        ..Export::default()
    };
    let mut messages = None;
    let mut endorsements = None;
    let mut recommendations = None;
    let mut first = progress.first.take();
    for (slot, &index) in picked.iter().enumerate() {
        let Some(index) = index else { continue };
        let entry = &c.entries()[index];
        let label = c.label(&entry.name);
        // A declared size past the limit is refused before a byte is inflated; a size that
        // lies is caught by counting what is read.
        if entry.size > opts.max_entry_size {
            return Err(super::too_big(
                &label,
                opts.max_entry_size,
                entry.compressed.is_some(),
            ));
        }
        if let Some(compressed) = entry.compressed
            && let Some(e) = super::too_inflated(&label, entry.size, compressed, opts)
        {
            return Err(e);
        }
        progress.begin_entry(&label, entry.compressed.is_some());
        let result = {
            let reader = c.open(index)?;
            let r = Tracked::new(reader, progress);
            match slot {
                0 => linkedin_csv::read_invitations_csv_first(
                    r,
                    &label,
                    opts,
                    &mut export.warnings,
                    first.as_mut(),
                )
                .map(|v| export.invitations = v),
                1 => files::read_connections(r, &label).map(|v| export.connections = v),
                2 => files::read_messages(r, &label).map(|v| messages = Some(v)),
                3 => files::read_endorsements(r, &label).map(|v| endorsements = Some(v)),
                4 => files::read_recommendations(r, &label).map(|v| recommendations = Some(v)),
                5 => files::read_profile(r, &label).map(|v| export.owner = v),
                6 => files::read_positions(r, &label).map(|v| export.positions = v),
                _ => files::read_education(r, &label).map(|v| export.schools = v),
            }
        };
        progress.check(result)?;
        export.files.push(label);
    }
    super::vet_profile_urls(&mut export.invitations, &mut export.warnings).map_err(|e| {
        ImportError::invalid(export.source.clone(), None, format!("{e}; split the file"))
    })?;
    enrich::enrich(
        &mut export.invitations,
        &Extras {
            connections: &export.connections,
            messages: messages.as_ref(),
            endorsements: endorsements.as_ref(),
            recommendations: recommendations.as_ref(),
        },
    );
    export.invitations.shrink();
    progress.finish();
    Ok(export)
}

fn io_problem(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied: cannot read it".to_string(),
        _ => format!("cannot read it: {e}"),
    }
}

pub(crate) fn io_error(path: &Path, e: &std::io::Error) -> ImportError {
    ImportError::invalid(crate::sanitize::path(path), None, io_problem(e))
}

// ---------------------------------------------------------------------------------------

/// An unpacked export folder.
pub(crate) struct Folder {
    root: PathBuf,
    name: String,
    entries: Vec<Entry>,
}

impl Folder {
    pub fn open(root: &Path) -> Result<Self, ImportError> {
        let mut entries = Vec::new();
        let top = fs::read_dir(root).map_err(|e| io_error(root, &e))?;
        for item in top.flatten() {
            let Ok(name) = item.file_name().into_string() else {
                continue;
            };
            let Ok(meta) = fs::metadata(item.path()) else {
                continue;
            };
            if meta.is_file() {
                entries.push(Entry {
                    name,
                    size: meta.len(),
                    compressed: None,
                });
            } else if meta.is_dir() && !name.eq_ignore_ascii_case("__MACOSX") {
                let Ok(sub) = fs::read_dir(item.path()) else {
                    continue;
                };
                for inner in sub.flatten() {
                    let Ok(inner_name) = inner.file_name().into_string() else {
                        continue;
                    };
                    if let Ok(m) = fs::metadata(inner.path())
                        && m.is_file()
                    {
                        entries.push(Entry {
                            name: format!("{name}/{inner_name}"),
                            size: m.len(),
                            compressed: None,
                        });
                    }
                }
            }
        }
        // read_dir order is the file system's; sort so results never depend on it.
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(Folder {
            root: root.to_path_buf(),
            name: crate::sanitize::path(root),
            entries,
        })
    }
}

impl Container for Folder {
    fn what(&self) -> &'static str {
        "folder"
    }
    fn entries(&self) -> &[Entry] {
        &self.entries
    }
    fn open(&mut self, index: usize) -> Result<Box<dyn Read + '_>, ImportError> {
        let path = self.root.join(&self.entries[index].name);
        let f = fs::File::open(&path).map_err(|e| io_error(&path, &e))?;
        Ok(Box::new(f))
    }
    fn label(&self, name: &str) -> String {
        crate::sanitize::path(self.root.join(name))
    }
    fn name(&self) -> &str {
        &self.name
    }
}

// ---------------------------------------------------------------------------------------

/// The export ZIP, read in place.
pub(crate) struct Zip<R: Read + Seek> {
    archive: ZipArchive<R>,
    name: String,
    entries: Vec<Entry>,
    refused: Vec<String>,
    /// Entry index in `entries` to index in the archive.
    index: Vec<usize>,
}

impl<R: Read + Seek> Zip<R> {
    pub fn open(reader: R, name: &str) -> Result<Self, ImportError> {
        let archive = ZipArchive::new(reader).map_err(|e| {
            ImportError::invalid(
                name,
                None,
                format!("not a readable ZIP archive ({e}); expected a LinkedIn data export .zip"),
            )
        })?;
        // The zip crate keeps one entry per name, so a name listed twice would silently
        // read one copy (which one the archive's maker chose to hide is unknowable).
        if archive.has_duplicate_names() {
            return Err(ImportError::invalid(
                name,
                None,
                "this ZIP lists an entry name twice (two files under one name: a damaged or \
                 hostile archive), so which copy to read is unclear; expected a LinkedIn data \
                 export .zip as LinkedIn made it",
            ));
        }
        let mut entries = Vec::new();
        let mut index = Vec::new();
        let mut refused = Vec::new();
        for i in 0..archive.len() {
            let Ok(data) = archive.by_index_data(i) else {
                continue;
            };
            if data.is_dir() {
                continue;
            }
            let Ok(entry_name) = data.name() else {
                continue;
            };
            let normal = entry_name.replace('\\', "/");
            // Nothing is unpacked, but a name that leads out of the archive is a sign of a
            // hostile one, and would show as a path outside it.
            if data.enclosed_name().is_none() || normal.split('/').any(|part| part == "..") {
                refused.push(entry_name.into_owned());
                continue;
            }
            let entry_name = normal;
            let entry_name = entry_name.trim_start_matches("./").trim_start_matches('/');
            entries.push(Entry {
                name: entry_name.to_string(),
                size: data.size(),
                compressed: Some(data.compressed_size()),
            });
            index.push(i);
        }
        Ok(Zip {
            archive,
            name: name.to_string(),
            entries,
            refused,
            index,
        })
    }
}

impl<R: Read + Seek> Container for Zip<R> {
    fn what(&self) -> &'static str {
        "ZIP"
    }
    fn entries(&self) -> &[Entry] {
        &self.entries
    }
    fn open(&mut self, index: usize) -> Result<Box<dyn Read + '_>, ImportError> {
        let label = self.label(&self.entries[index].name);
        let file = self.archive.by_index(self.index[index]).map_err(|e| {
            ImportError::invalid(label, None, format!("cannot read this ZIP entry: {e}"))
        })?;
        Ok(Box::new(file))
    }
    fn label(&self, name: &str) -> String {
        crate::sanitize::clean(&format!("{}!{}", self.name, name)).into_owned()
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn refused(&self) -> &[String] {
        &self.refused
    }
}

// ---------------------------------------------------------------------------------------

/// Files held in memory, e.g. the demo export embedded in the binary.
pub(crate) struct Memory<'a> {
    name: String,
    files: &'a [(&'a str, &'a [u8])],
    entries: Vec<Entry>,
}

impl<'a> Memory<'a> {
    pub fn new(name: &str, files: &'a [(&'a str, &'a [u8])]) -> Self {
        let entries = files
            .iter()
            .map(|(n, b)| Entry {
                name: n.replace('\\', "/"),
                size: b.len() as u64,
                compressed: None,
            })
            .collect();
        Memory {
            name: name.to_string(),
            files,
            entries,
        }
    }
}

impl Container for Memory<'_> {
    fn what(&self) -> &'static str {
        "export"
    }
    fn entries(&self) -> &[Entry] {
        &self.entries
    }
    fn open(&mut self, index: usize) -> Result<Box<dyn Read + '_>, ImportError> {
        Ok(Box::new(self.files[index].1))
    }
    fn label(&self, name: &str) -> String {
        crate::sanitize::clean(&format!("{}/{}", self.name, name)).into_owned()
    }
    fn name(&self) -> &str {
        &self.name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INV: &[u8] = b"From,To,Sent At,Message,Direction\nAna Alvarez,Sam Demo,\"2/12/26, 11:44 AM\",,INCOMING\n";
    const CONN: &[u8] = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAna,Alvarez,,,,,16 Dec 2024\n";

    fn load(files: &[(&str, &[u8])]) -> Result<Export, ImportError> {
        let mut m = Memory::new("mem", files);
        let mut cb = |_: u64, _: u64| true;
        let mut p = Progress::new(&mut cb, &ImportOptions::default());
        assemble(&mut m, "mem".into(), &ImportOptions::default(), &mut p)
    }

    #[test]
    fn one_folder_deep_and_case_insensitive() {
        let e = load(&[
            ("Export/INVITATIONS.CSV", INV),
            ("Export/connections.csv", CONN),
            ("__MACOSX/Export/._Invitations.csv", b"\0\0"),
            ("Other/Connections.csv", b"garbage"),
        ])
        .unwrap();
        assert_eq!(e.invitations.len(), 1);
        assert!(!e.invitations.at(0).is_pending());
        assert_eq!(
            e.files,
            ["mem/Export/INVITATIONS.CSV", "mem/Export/connections.csv"]
        );
    }

    #[test]
    fn missing_or_ambiguous_invitations() {
        let e = load(&[("Connections.csv", CONN)]).unwrap_err().to_string();
        assert!(
            e.contains("no Invitations.csv") && e.contains("Connections.csv"),
            "{e}"
        );
        let e = load(&[("a/Invitations.csv", INV), ("b/Invitations.csv", INV)])
            .unwrap_err()
            .to_string();
        assert!(e.contains("several exports"), "{e}");
        let e = load(&[("a/b/Invitations.csv", INV)])
            .unwrap_err()
            .to_string();
        assert!(e.contains("no Invitations.csv"), "{e}");
    }

    #[test]
    fn errors_in_other_files_name_them() {
        let e = load(&[
            ("Invitations.csv", INV),
            ("Connections.csv", b"First Name,Last Name\nA,B,C\n"),
        ])
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("mem/Connections.csv:2:"), "{e}");
    }
}
