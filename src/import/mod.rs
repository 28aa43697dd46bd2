//! Importers: turn a path (file, folder or `.zip`) or bytes into an [`Export`].
//! Each parser is pure over bytes; `load` (with the folder and ZIP readers of [`archive`] it
//! calls) is the only place that reads the file system, and it only ever reads. Every error names the file, the line (and column for JSON) and what was
//! expected.

pub mod archive;
mod chunked;
pub mod demo;
pub mod enrich;
pub mod export_files;
mod fast;
pub mod json;
pub mod linkedin_csv;
mod table;

use std::fmt;
use std::fs::File;
use std::io::{self, BufReader, Cursor, Read, Seek, SeekFrom};
use std::path::Path;

use crate::model::Export;

pub use linkedin_csv::{parse_invitations_csv, read_invitations_csv};

/// Options that change how input is read.
#[derive(Debug, Clone, Copy)]
pub struct ImportOptions {
    /// The zone `Sent At` values are in. LinkedIn's look like US Pacific time.
    pub tz: chrono_tz::Tz,
    /// The most bytes one file (or one ZIP entry, once inflated) may hold.
    pub max_entry_size: u64,
    /// The most bytes all the files of one export may hold together, once inflated.
    pub max_total_size: u64,
    /// The most a ZIP entry may inflate, as inflated bytes per compressed byte.
    pub max_zip_ratio: u64,
}

/// Real exports are tens of MB in all; the largest file seen (messages.csv) is far below
/// this. These bound the memory a hostile file can make a load use (docs/SECURITY-import.md):
/// 64 MiB of Invitations.csv rows hold about 1.2 million invitations, under 1 GB in memory.
pub const DEFAULT_MAX_ENTRY_SIZE: u64 = 64 * 1024 * 1024;
pub const DEFAULT_MAX_TOTAL_SIZE: u64 = 256 * 1024 * 1024;
/// CSV text deflates about 4 to 10 to 1; deflate cannot do better than about 1030 to 1, which
/// only a file of repeated bytes reaches.
pub const DEFAULT_MAX_ZIP_RATIO: u64 = 100;
/// The ratio check starts once an entry has inflated this far, so small files of repeated
/// rows (tests, tiny exports) are never refused for it.
const RATIO_FLOOR: u64 = 8 * 1024 * 1024;

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            tz: chrono_tz::America::Los_Angeles,
            max_entry_size: DEFAULT_MAX_ENTRY_SIZE,
            max_total_size: DEFAULT_MAX_TOTAL_SIZE,
            max_zip_ratio: DEFAULT_MAX_ZIP_RATIO,
        }
    }
}

/// `1048576` as `1 MiB`, for messages about limits.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (unit, size) in UNITS {
        if bytes >= size && bytes % size == 0 {
            return format!("{} {unit}", bytes / size);
        }
        if bytes >= size {
            return format!("{:.1} {unit}", bytes as f64 / size as f64);
        }
    }
    format!("{bytes} bytes")
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
                // File names and quoted values in messages are untrusted: clean them on the
                // way out, whatever built the message.
                write!(f, "{}", crate::sanitize::clean(file))?;
                if let Some(l) = line {
                    write!(f, ":{l}")?;
                    if let Some(c) = column {
                        write!(f, ":{c}")?;
                    }
                }
                write!(f, ": {}", crate::sanitize::lines(problem))
            }
            ImportError::Cancelled => f.write_str("loading cancelled"),
        }
    }
}

impl std::error::Error for ImportError {}

/// Progress callback for long loads: called with (bytes done, bytes total) now and then.
/// Returning `false` cancels the load with [`ImportError::Cancelled`].
pub type ProgressFn<'a> = &'a mut dyn FnMut(u64, u64) -> bool;

/// A first look at a long load: once `rows` rows of Invitations.csv are read, `hand` gets an
/// export of those rows alone while the load goes on, so a front-end can show them early.
/// Called at most once: never for a file of fewer rows (it loads fast whole), and only for
/// Invitations.csv (alone, or in a folder or ZIP). The rows' profile URLs are vetted as the whole export's are; they are
/// not yet joined to the export's other files (connections, messages), and what the import
/// warns of is reported with the whole export only.
pub struct FirstRows<'a> {
    rows: usize,
    source: String,
    hand: &'a mut dyn FnMut(Export),
}

impl<'a> FirstRows<'a> {
    pub fn new(rows: usize, hand: &'a mut dyn FnMut(Export)) -> Self {
        FirstRows {
            rows: rows.max(1),
            source: String::new(),
            hand,
        }
    }

    /// Hand over a copy of `read`, the rows of `file` read so far.
    fn hand(&mut self, file: &str, read: &crate::model::Invitations) {
        let mut invitations = read.clone();
        if vet_profile_urls(&mut invitations, &mut Vec::new()).is_err() {
            return;
        }
        invitations.shrink();
        (self.hand)(Export {
            source: self.source.clone(),
            files: vec![file.to_string()],
            invitations,
            ..Export::default()
        });
    }
}

/// Report progress about every this many bytes.
const PROGRESS_STEP: u64 = 256 * 1024;
/// How much of a file is looked at to tell its format.
const SNIFF_BYTES: u64 = 8 * 1024;

/// Progress over the bytes of every file a load reads, with cancellation, and the size
/// limits of [`ImportOptions`] checked on every read: bytes are counted as they are read, so
/// a ZIP entry that lies about its size is stopped all the same.
pub(crate) struct Progress<'p> {
    cb: ProgressFn<'p>,
    pub(crate) total: u64,
    done: u64,
    reported: u64,
    cancelled: bool,
    limits: ImportOptions,
    /// The file being read: its label, bytes read so far, and whether it is a ZIP entry.
    entry: Option<(String, u64, bool)>,
    /// Set when a limit was passed; reported instead of the parser's own error.
    exceeded: Option<ImportError>,
    /// Who wants the first rows of Invitations.csv early (taken by the reader).
    pub(crate) first: Option<FirstRows<'p>>,
    /// Bytes other threads read for this load (chunks of one file), not yet counted.
    pub(crate) others: Option<std::sync::Arc<std::sync::atomic::AtomicU64>>,
}

impl<'p> Progress<'p> {
    pub(crate) fn new(cb: ProgressFn<'p>, limits: &ImportOptions) -> Self {
        Progress {
            cb,
            total: 0,
            done: 0,
            reported: 0,
            cancelled: false,
            limits: *limits,
            entry: None,
            exceeded: None,
            first: None,
            others: None,
        }
    }

    /// Start reading one file: limits per file count from here.
    pub(crate) fn begin_entry(&mut self, label: &str, in_zip: bool) {
        self.entry = Some((label.to_string(), 0, in_zip));
    }

    /// Count `n` more bytes; false once the user has cancelled or a limit was passed.
    fn advance(&mut self, n: u64) -> bool {
        if self.cancelled || self.exceeded.is_some() {
            return false;
        }
        let others = self
            .others
            .as_ref()
            .map(|o| o.swap(0, std::sync::atomic::Ordering::Relaxed));
        let n = n + others.unwrap_or(0);
        self.done = self.done.saturating_add(n);
        if let Some(entry) = &mut self.entry {
            entry.1 = entry.1.saturating_add(n);
        }
        // A file read in chunks (its size checked against the limits before, every reader
        // bounded by it): a chunk that reads on past its end counts bytes another chunk
        // counted too, which must not add up to a limit the file does not pass.
        if others.is_some() {
            self.done = self.done.min(self.total);
            if let Some(entry) = &mut self.entry {
                entry.1 = entry.1.min(self.total);
            }
        }
        if let Some(e) = self.limit_passed() {
            self.exceeded = Some(e);
            return false;
        }
        if self.done.saturating_sub(self.reported) >= PROGRESS_STEP {
            self.reported = self.done;
            let total = self.total.max(self.done);
            if !(self.cb)(self.done, total) {
                self.cancelled = true;
            }
        }
        !self.cancelled
    }

    fn limit_passed(&self) -> Option<ImportError> {
        let (label, read, in_zip) = self.entry.as_ref()?;
        let l = &self.limits;
        if *read > l.max_entry_size {
            return Some(too_big(label, l.max_entry_size, *in_zip));
        }
        if self.done > l.max_total_size {
            return Some(ImportError::invalid(
                label.as_str(),
                None,
                format!(
                    "reading this file takes the export past {}, the most all its files may \
                     hold together (real LinkedIn exports are tens of MB; a ZIP bomb?); if the \
                     export is genuine, raise the limit with --max-total-size",
                    human_size(l.max_total_size)
                ),
            ));
        }
        // The inflation ratio is checked on declared sizes before reading
        // ([`too_inflated`]): the zip crate refuses an entry that inflates past its declared
        // size, so the declaration cannot lie.
        None
    }

    /// Report the start (0 of `total`), so a gauge knows the size at once.
    pub(crate) fn start(&mut self, total: u64) -> Result<(), ImportError> {
        self.total = total;
        if !(self.cb)(self.done.min(total), total) {
            self.cancelled = true;
            return Err(ImportError::Cancelled);
        }
        Ok(())
    }

    /// A parse that failed because the user cancelled is reported as cancelled, one that
    /// failed because a limit was passed as that limit.
    pub(crate) fn check<T>(&self, r: Result<T, ImportError>) -> Result<T, ImportError> {
        if let Some(e) = &self.exceeded {
            Err(e.clone())
        } else if self.cancelled {
            Err(ImportError::Cancelled)
        } else {
            r
        }
    }

    pub(crate) fn finish(&mut self) {
        let total = self.total.max(self.done);
        (self.cb)(total, total);
    }
}

/// The error for a ZIP entry of `compressed` bytes that inflates to `inflated` bytes, when
/// that is more than the ratio allows (and past [`RATIO_FLOOR`]).
pub(crate) fn too_inflated(
    label: &str,
    inflated: u64,
    compressed: u64,
    limits: &ImportOptions,
) -> Option<ImportError> {
    if inflated <= RATIO_FLOOR || inflated / compressed.max(1) < limits.max_zip_ratio {
        return None;
    }
    Some(ImportError::invalid(
        label,
        None,
        format!(
            "this ZIP entry inflates more than {} to 1 ({} from {} compressed), which \
             LinkedIn's CSV files never do: a ZIP bomb? if the export is genuine, raise the \
             limit with --max-zip-ratio",
            limits.max_zip_ratio,
            human_size(inflated),
            human_size(compressed),
        ),
    ))
}

/// The error for a file larger than `limit`, before or while it is read.
pub(crate) fn too_big(label: &str, limit: u64, in_zip: bool) -> ImportError {
    let what = if in_zip {
        "this ZIP entry inflates to more than"
    } else {
        "this file is larger than"
    };
    ImportError::invalid(
        label,
        None,
        format!(
            "{what} {}, the most one file may hold (real LinkedIn exports are tens of MB; a \
             ZIP bomb, or not an export?); if the file is genuine, raise the limit with \
             --max-entry-size",
            human_size(limit)
        ),
    )
}

/// A reader that feeds a [`Progress`] and stops with an error once cancelled or past a limit.
pub(crate) struct Tracked<'a, 'p, R> {
    inner: R,
    progress: &'a mut Progress<'p>,
}

impl<'a, 'p, R: Read> Tracked<'a, 'p, R> {
    pub(crate) fn new(inner: R, progress: &'a mut Progress<'p>) -> Self {
        Tracked { inner, progress }
    }
}

impl<R: Read> Read for Tracked<'_, '_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.progress.exceeded.is_some() {
            return Err(io::Error::other("size limit passed"));
        }
        if self.progress.cancelled {
            return Err(io::Error::other("loading cancelled"));
        }
        let n = self.inner.read(buf)?;
        if !self.progress.advance(n as u64) {
            return Err(io::Error::other("loading stopped"));
        }
        Ok(n)
    }
}

/// What a file is, judged by its first bytes and then its name.
#[derive(Debug, PartialEq, Eq)]
enum Sniffed {
    Zip,
    Json,
    Invitations,
    Refused(String),
}

fn sniff(prefix: &[u8], path: &Path) -> Sniffed {
    if [b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"]
        .iter()
        .any(|m| prefix.starts_with(*m))
    {
        return Sniffed::Zip;
    }
    let body = prefix.strip_prefix("\u{feff}".as_bytes()).unwrap_or(prefix);
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    if matches!(first, Some(b'{' | b'[')) {
        return Sniffed::Json;
    }
    if prefix.starts_with(&[0xff, 0xfe]) || prefix.starts_with(&[0xfe, 0xff]) {
        return Sniffed::Refused(
            "this is UTF-16 text (a spreadsheet's \"Unicode text\"); LinkedIn exports are \
             UTF-8: export it again, or save it as \"CSV UTF-8\""
                .to_string(),
        );
    }
    let text = match std::str::from_utf8(prefix) {
        Ok(t) => t,
        // A multi-byte character cut by the prefix is fine; an invalid byte is not.
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(&prefix[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => {
            let first_line = prefix.split(|&b| b == b'\n').next().unwrap_or_default();
            let text_like = first_line
                .iter()
                .all(|&b| b == b'\t' || b == b'\r' || (b' '..=b'~').contains(&b) || b >= 0x80);
            if text_like && !first_line.is_empty() {
                return Sniffed::Refused(
                    "this text is not UTF-8 (a spreadsheet may have saved it as Windows-1252 or \
                     Latin-1); LinkedIn exports are UTF-8: export it again, or save it as \
                     \"CSV UTF-8\""
                        .to_string(),
                );
            }
            return Sniffed::Refused(binary_problem());
        }
    };
    // NUL in the first line: binary. Later ones are left to the sanitiser, so one hostile
    // byte in a note cannot make a whole export unreadable.
    if text.lines().next().is_some_and(|l| l.contains('\0')) {
        return Sniffed::Refused(binary_problem());
    }
    let header = text
        .lines()
        .find(|l| l.contains(','))
        .unwrap_or_default()
        .to_ascii_lowercase();
    if header.contains("sent at") || header.contains("direction") {
        return Sniffed::Invitations;
    }
    // Content decides first; the name only when the content is not recognisable.
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if [".json", ".jsonl", ".ndjson"]
        .iter()
        .any(|e| name.ends_with(e))
    {
        return Sniffed::Json;
    }
    if name.ends_with(".zip") {
        return Sniffed::Refused(
            "not a ZIP archive: it does not start with the ZIP signature (an incomplete \
             download?); expected a LinkedIn data export .zip"
                .to_string(),
        );
    }
    let other = if archive::KNOWN[1..].contains(&name.as_str()) {
        path.file_name().map(|n| n.to_string_lossy().into_owned())
    } else if header.contains("first name") && header.contains("connected on") {
        Some("Connections.csv".to_string())
    } else if header.contains("conversation id") {
        Some("messages.csv".to_string())
    } else {
        None
    };
    match other {
        Some(other) => Sniffed::Refused(format!(
            "this looks like {other}, not Invitations.csv; give Invitations.csv, or the whole \
             export folder or .zip (then {other} is used too)"
        )),
        None => Sniffed::Invitations,
    }
}

fn binary_problem() -> String {
    "this is binary data (or text that is not UTF-8), not CSV or JSON; expected \
     Invitations.csv, a LinkedIn data export (.zip or folder), or invitriage JSON"
        .to_string()
}

/// An export of one Invitations.csv: no Connections.csv, so every incoming one is pending.
fn single_file(
    label: String,
    mut invitations: crate::model::Invitations,
    mut warnings: Vec<String>,
) -> Result<Export, ImportError> {
    vet_profile_urls(&mut invitations, &mut warnings)
        .map_err(|e| ImportError::invalid(label.clone(), None, format!("{e}; split the file")))?;
    invitations.shrink();
    Ok(export_of(label, invitations, warnings))
}

/// The export of one invitriage JSON file, its profile URLs vetted as it is parsed.
fn json_file(bytes: &[u8], label: String, opts: &ImportOptions) -> Result<Export, ImportError> {
    let (mut invitations, warnings) = json::parse_vetted(bytes, &label, opts)?;
    invitations.shrink();
    Ok(export_of(label, invitations, warnings))
}

/// The export of one file's invitations, vetted.
fn export_of(
    label: String,
    invitations: crate::model::Invitations,
    warnings: Vec<String>,
) -> Export {
    Export {
        source: label.clone(),
        files: vec![label],
        invitations,
        warnings,
        ..Export::default()
    }
}

/// Keep only profile URLs that may be opened ([`crate::sanitize::profile_url`]: https on
/// linkedin.com with a profile path), as the parsed form; drop any other with a warning that
/// names its row. A sender chooses their URL, and `o` hands it to the browser.
pub(crate) fn vet_profile_urls(
    invitations: &mut crate::model::Invitations,
    warnings: &mut Vec<String>,
) -> Result<(), crate::model::TooLarge> {
    for d in vet_urls(invitations)? {
        warnings.push(d.warning(0));
    }
    Ok(())
}

/// A profile URL [`vet_urls`] dropped: the row's file and line, whose it was, the URL, why.
#[derive(Debug, Clone)]
pub(crate) struct DroppedUrl {
    file: String,
    line: u64,
    who: String,
    raw: String,
    problem: crate::sanitize::UrlProblem,
}

impl DroppedUrl {
    /// The warning, for a row `lines_before` lines further down the file than the table
    /// says (a chunk read on its own).
    pub(crate) fn warning(&self, lines_before: u64) -> String {
        let source = crate::model::Source {
            file: &self.file,
            line: self.line + lines_before,
        };
        format!(
            "{}: dropped the profile URL of {} ({}): only https \
             linkedin.com profile URLs are kept, so `o` never opens anything else; \
             it was {:?}",
            crate::sanitize::clean(&source.to_string()),
            crate::sanitize::clean(&self.who),
            self.problem,
            crate::sanitize::clean(&self.raw),
        )
    }
}

/// [`vet_profile_urls`], returning what was dropped.
pub(crate) fn vet_urls(
    invitations: &mut crate::model::Invitations,
) -> Result<Vec<DroppedUrl>, crate::model::TooLarge> {
    let mut dropped = Vec::new();
    invitations.vet_profile_urls(
        crate::sanitize::kept_profile_url,
        |source, who, raw, problem| {
            dropped.push(DroppedUrl {
                file: source.file.to_string(),
                line: source.line,
                who: who.to_string(),
                raw: raw.to_string(),
                problem: *problem,
            });
        },
    )?;
    Ok(dropped)
}

/// Load a file, folder or ZIP.
pub fn load(path: &Path, opts: &ImportOptions) -> Result<Export, ImportError> {
    load_with_progress(path, opts, &mut |_, _| true)
}

/// [`load`] with a progress callback that can cancel. Progress counts the bytes of every
/// file read (uncompressed, for a ZIP).
pub fn load_with_progress(
    path: &Path,
    opts: &ImportOptions,
    progress: ProgressFn<'_>,
) -> Result<Export, ImportError> {
    load_with_first_rows(path, opts, progress, None)
}

/// [`load_with_progress`], handing the first rows of Invitations.csv to `first` while the
/// rest loads (see [`FirstRows`]; not for invitriage JSON, which is parsed whole).
pub fn load_with_first_rows<'a>(
    path: &Path,
    opts: &ImportOptions,
    progress: ProgressFn<'a>,
    first: Option<FirstRows<'a>>,
) -> Result<Export, ImportError> {
    let mut progress = Progress::new(progress, opts);
    // A file name is untrusted text too (whoever made the ZIP or folder chose it).
    let label = crate::sanitize::path(path);
    progress.first = first.map(|f| FirstRows {
        source: label.clone(),
        ..f
    });
    let meta = std::fs::metadata(path).map_err(|e| archive::io_error(path, &e))?;
    if meta.is_dir() {
        let mut folder = archive::Folder::open(path)?;
        return archive::assemble(&mut folder, label, opts, &mut progress);
    }
    let mut file = File::open(path).map_err(|e| archive::io_error(path, &e))?;
    let mut prefix = Vec::with_capacity(SNIFF_BYTES as usize);
    (&mut file)
        .take(SNIFF_BYTES)
        .read_to_end(&mut prefix)
        .map_err(|e| archive::io_error(path, &e))?;
    match sniff(&prefix, path) {
        Sniffed::Zip => {
            file.seek(SeekFrom::Start(0))
                .map_err(|e| archive::io_error(path, &e))?;
            let mut zip = archive::Zip::open(BufReader::new(file), &label)?;
            archive::assemble(&mut zip, label, opts, &mut progress)
        }
        Sniffed::Json => {
            // JSON is parsed whole, so its size is checked before a byte is held.
            if meta.len() > opts.max_entry_size {
                return Err(too_big(&label, opts.max_entry_size, false));
            }
            progress.start(meta.len())?;
            progress.begin_entry(&label, false);
            let mut bytes = Vec::with_capacity(meta.len() as usize);
            let read = Tracked::new(Cursor::new(prefix).chain(file), &mut progress)
                .read_to_end(&mut bytes)
                .map_err(|e| archive::io_error(path, &e));
            progress.check(read)?;
            let export = json_file(&bytes, label, opts)?;
            progress.finish();
            Ok(export)
        }
        Sniffed::Invitations => {
            if meta.len() > opts.max_entry_size {
                return Err(too_big(&label, opts.max_entry_size, false));
            }
            progress.start(meta.len())?;
            progress.begin_entry(&label, false);
            let mut first = progress.first.take();
            let len = meta.len();
            let chunks = chunked::chunks_for(len);
            // In chunks on every core, unless the file is small or the total limit would
            // stop it (the one-pass read reports that where it happens).
            if chunks > 1 && len <= opts.max_total_size {
                let open_at = |offset: u64| -> io::Result<File> {
                    let mut f = File::open(path)?;
                    f.seek(SeekFrom::Start(offset))?;
                    Ok(f)
                };
                let parsed = chunked::read_invitations_csv_chunked(
                    Cursor::new(prefix).chain(file).take(len),
                    open_at,
                    len,
                    chunks,
                    &label,
                    opts,
                    &mut progress,
                    first.as_mut(),
                );
                let (mut invitations, warnings) = progress.check(parsed)?;
                progress.finish();
                invitations.shrink();
                return Ok(export_of(label, invitations, warnings));
            }
            let reader = Tracked::new(Cursor::new(prefix).chain(file), &mut progress);
            let mut warnings = Vec::new();
            let parsed = linkedin_csv::read_invitations_csv_first(
                reader,
                &label,
                opts,
                &mut warnings,
                first.as_mut(),
            );
            let invitations = progress.check(parsed)?;
            progress.finish();
            single_file(label, invitations, warnings)
        }
        Sniffed::Refused(problem) => Err(ImportError::invalid(label, None, problem)),
    }
}

/// Load an input held in memory, telling its format the way [`load`] does for a file:
/// a ZIP, invitriage JSON, or Invitations.csv. `name` is what errors call it.
pub fn load_bytes(bytes: &[u8], name: &str, opts: &ImportOptions) -> Result<Export, ImportError> {
    let prefix = &bytes[..bytes.len().min(SNIFF_BYTES as usize)];
    match sniff(prefix, Path::new(name)) {
        Sniffed::Zip => load_zip(Cursor::new(bytes), name, opts),
        Sniffed::Json => json_file(bytes, name.to_string(), opts),
        Sniffed::Invitations => {
            let mut warnings = Vec::new();
            let invitations =
                linkedin_csv::read_invitations_csv_warned(bytes, name, opts, &mut warnings)?;
            single_file(name.to_string(), invitations, warnings)
        }
        Sniffed::Refused(problem) => Err(ImportError::invalid(name, None, problem)),
    }
}

/// Load a LinkedIn export ZIP from any seekable reader, without unpacking it.
pub fn load_zip<R: Read + Seek>(
    reader: R,
    name: &str,
    opts: &ImportOptions,
) -> Result<Export, ImportError> {
    let mut zip = archive::Zip::open(reader, name)?;
    let mut cb = |_: u64, _: u64| true;
    let mut progress = Progress::new(&mut cb, opts);
    archive::assemble(&mut zip, name.to_string(), opts, &mut progress)
}

/// Build an export from files held in memory, as (path inside the export, bytes): the same
/// rules as a folder (files at the top or one folder down, names matched without case).
pub fn load_files(
    name: &str,
    files: &[(&str, &[u8])],
    opts: &ImportOptions,
) -> Result<Export, ImportError> {
    let mut memory = archive::Memory::new(name, files);
    let mut cb = |_: u64, _: u64| true;
    let mut progress = Progress::new(&mut cb, opts);
    archive::assemble(&mut memory, name.to_string(), opts, &mut progress)
}

/// The synthetic demo export embedded in the binary.
pub fn load_demo(opts: &ImportOptions) -> Result<Export, ImportError> {
    load_files("demo", demo::files(), opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_content_before_name() {
        let p = Path::new("x.csv");
        assert_eq!(sniff(b"PK\x03\x04rest", p), Sniffed::Zip);
        assert_eq!(sniff(b"\xef\xbb\xbf  {\"version\":1}", p), Sniffed::Json);
        assert_eq!(sniff(b"{\"a\":1}\n{\"a\":2}\n", p), Sniffed::Json);
        // Recognisable content wins over a misleading name.
        assert_eq!(
            sniff(b"From,To,Sent At,Message,Direction\n", Path::new("a.zip")),
            Sniffed::Invitations
        );
        assert_eq!(
            sniff(b"From,To,Sent At,Message,Direction\n", Path::new("a.json")),
            Sniffed::Invitations
        );
        assert!(
            matches!(sniff(b"", Path::new("a.zip")), Sniffed::Refused(m) if m.contains("not a ZIP"))
        );
        assert!(
            matches!(sniff(b"hello", Path::new("a.ZIP")), Sniffed::Refused(m) if m.contains("not a ZIP"))
        );
        assert_eq!(sniff(b"", Path::new("a.jsonl")), Sniffed::Json);
        assert_eq!(
            sniff(
                b"From,To,Sent At,Message,Direction\n",
                Path::new("renamed.txt")
            ),
            Sniffed::Invitations
        );
        assert!(matches!(sniff(b"a\0b", p), Sniffed::Refused(m) if m.contains("binary")));
        assert!(
            matches!(sniff(b"\x01\xc3\x28abc", p), Sniffed::Refused(m) if m.contains("binary"))
        );
        assert!(matches!(
            sniff(b"From,To,Sent At,Message,Direction\nJos\xe9,Mira,\"2/12/26, 1:00 PM\",,INCOMING\n", p),
            Sniffed::Refused(m) if m.contains("Windows-1252")
        ));
        assert!(matches!(sniff(b"\xff\xfeF\0r\0", p), Sniffed::Refused(m) if m.contains("UTF-16")));
        // A character cut in half at the end of the sniffed prefix is not binary.
        assert_eq!(
            sniff(
                "From,To,Sent At,Message,Direction\nJos\u{e9}"
                    .as_bytes()
                    .split_last()
                    .unwrap()
                    .1,
                p
            ),
            Sniffed::Invitations
        );
        assert!(matches!(
            sniff(b"Notes:\n\"x\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n", p),
            Sniffed::Refused(m) if m.contains("Connections.csv")
        ));
    }

    /// `n` incoming rows; row 3 has a profile URL the vetting must drop.
    fn rows_csv(n: usize) -> String {
        let mut csv = String::from("From,To,Sent At,Message,Direction,inviterProfileUrl\n");
        for i in 0..n {
            let url = if i == 2 {
                "javascript:alert(1)".to_string()
            } else {
                format!("https://www.linkedin.com/in/p{i}")
            };
            csv.push_str(&format!(
                "Person {i},Sam Demo,\"2/12/26, 11:44 AM\",note {i},INCOMING,{url}\n"
            ));
        }
        csv
    }

    /// Load `path` asking for the first `rows`; what was handed over, and the whole export.
    fn first_of(path: &Path, rows: usize) -> (Vec<Export>, Export) {
        let mut handed = Vec::new();
        let mut hand = |e: Export| handed.push(e);
        let whole = load_with_first_rows(
            path,
            &ImportOptions::default(),
            &mut |_, _| true,
            Some(FirstRows::new(rows, &mut hand)),
        )
        .unwrap();
        (handed, whole)
    }

    #[test]
    fn the_first_rows_are_handed_over_once_as_the_whole_load_reads_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Invitations.csv");
        std::fs::write(&path, rows_csv(50)).unwrap();
        let (handed, whole) = first_of(&path, 10);
        assert_eq!(handed.len(), 1);
        let first = &handed[0];
        assert_eq!(first.source, whole.source);
        assert_eq!(first.files, whole.files);
        assert_eq!(first.invitations.len(), 10);
        assert_eq!(whole.invitations.len(), 50);
        // The same rows, vetted the same way: the hostile URL is gone from both.
        for i in 0..10 {
            assert_eq!(first.invitations.at(i), whole.invitations.at(i), "row {i}");
        }
        assert_eq!(first.invitations.at(2).sender.profile_url, None);
        assert!(
            first.warnings.is_empty(),
            "warnings come with the whole export"
        );

        // A file of fewer rows than asked for loads whole first.
        let (handed, whole) = first_of(&path, 80);
        assert!(handed.is_empty());
        assert_eq!(whole.invitations.len(), 50);
        // Exactly as many: handed over at the last row.
        let (handed, whole) = first_of(&path, 50);
        assert_eq!(handed[0].invitations, whole.invitations);
    }

    /// A file large enough to be read in chunks on two cores: what `load` gives is what the
    /// one-pass read of the same bytes gives, and the first rows come from its start.
    #[test]
    fn a_large_file_loads_in_chunks_as_in_one_pass() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Invitations.csv");
        let mut csv = rows_csv(80_000);
        // Notes that span lines, so some cuts fall inside a quoted field.
        csv.push_str(
            &"Pat,Sam Demo,\"2/12/26, 11:44 AM\",\"a\nb, \"\"c\"\"\",INCOMING,\n".repeat(40_000),
        );
        assert!(
            csv.len() as u64 > 2 * chunked::MIN_CHUNK_BYTES,
            "{}",
            csv.len()
        );
        std::fs::write(&path, &csv).unwrap();
        let one_pass = load_bytes(
            csv.as_bytes(),
            &crate::sanitize::path(&path),
            &ImportOptions::default(),
        )
        .unwrap();
        let (handed, whole) = first_of(&path, 10);
        assert_eq!(whole, one_pass);
        assert_eq!(whole.invitations.len(), 120_000);
        assert_eq!(handed.len(), 1);
        for i in 0..10 {
            assert_eq!(
                handed[0].invitations.at(i),
                whole.invitations.at(i),
                "row {i}"
            );
        }

        // A bad row near the end is named by its own line, as in one pass.
        csv.push_str("Eve,Sam Demo,not a date,,INCOMING,\n");
        std::fs::write(&path, &csv).unwrap();
        let err = load(&path, &ImportOptions::default()).unwrap_err();
        match err {
            ImportError::Invalid { line, problem, .. } => {
                assert_eq!(line, Some(160_002));
                assert!(problem.contains("expected M/D/YY"), "{problem}");
            }
            e => panic!("{e:?}"),
        }
    }

    /// Cuts inside quoted notes make a chunk read on past its end: the bytes two chunks read
    /// are not counted twice against the size limits.
    #[test]
    fn a_file_at_the_size_limit_loads_in_chunks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Invitations.csv");
        let mut csv = String::from("From,To,Sent At,Message,Direction\n");
        let note = "line\n".repeat(2_000);
        while (csv.len() as u64) < 2 * chunked::MIN_CHUNK_BYTES + 100_000 {
            csv.push_str(&format!(
                "Pat,Sam Demo,\"2/12/26, 11:44 AM\",\"{note}\",INCOMING\n"
            ));
        }
        std::fs::write(&path, &csv).unwrap();
        let len = csv.len() as u64;
        let opts = ImportOptions {
            max_entry_size: len,
            max_total_size: len,
            ..ImportOptions::default()
        };
        let whole = load(&path, &opts).unwrap();
        assert_eq!(
            whole,
            load_bytes(csv.as_bytes(), &crate::sanitize::path(&path), &opts).unwrap()
        );
    }

    #[test]
    fn a_zip_hands_over_its_first_invitations_too() {
        use std::io::Write as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.zip");
        let mut zip = zip::ZipWriter::new(File::create(&path).unwrap());
        zip.start_file("Invitations.csv", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(rows_csv(30).as_bytes()).unwrap();
        zip.finish().unwrap();
        let (handed, whole) = first_of(&path, 7);
        assert_eq!(handed.len(), 1);
        assert_eq!(handed[0].invitations.len(), 7);
        assert_eq!(handed[0].source, whole.source);
        assert_eq!(handed[0].invitations.at(6), whole.invitations.at(6));
    }

    #[test]
    fn an_error_after_the_first_rows_still_fails_the_load() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Invitations.csv");
        let mut csv = rows_csv(20);
        csv.push_str("Eve,Sam Demo,not a date,,INCOMING,\n");
        std::fs::write(&path, csv).unwrap();
        let mut handed = 0;
        let mut hand = |_: Export| handed += 1;
        let err = load_with_first_rows(
            &path,
            &ImportOptions::default(),
            &mut |_, _| true,
            Some(FirstRows::new(5, &mut hand)),
        )
        .unwrap_err();
        assert_eq!(handed, 1);
        match err {
            ImportError::Invalid { line, problem, .. } => {
                assert_eq!(line, Some(22));
                assert!(problem.contains("expected M/D/YY"), "{problem}");
            }
            e => panic!("{e:?}"),
        }
    }

    #[test]
    fn progress_reports_and_cancels() {
        let mut csv = String::from("From,To,Sent At,Message,Direction\n");
        for _ in 0..20_000 {
            csv.push_str("Ana Alvarez,Sam Demo,\"2/12/26, 11:44 AM\",,INCOMING\n");
        }
        let mut calls = Vec::new();
        let mut cb = |d: u64, t: u64| {
            calls.push((d, t));
            true
        };
        let mut p = Progress::new(&mut cb, &ImportOptions::default());
        p.total = csv.len() as u64;
        let r = Tracked::new(csv.as_bytes(), &mut p);
        let invs = read_invitations_csv(r, "x", &ImportOptions::default()).unwrap();
        p.finish();
        assert_eq!(invs.len(), 20_000);
        assert!(calls.len() >= 3, "{calls:?}");
        assert!(calls.windows(2).all(|w| w[0].0 <= w[1].0));
        assert_eq!(calls.last(), Some(&(csv.len() as u64, csv.len() as u64)));

        let mut cancel = |_: u64, _: u64| false;
        let mut p = Progress::new(&mut cancel, &ImportOptions::default());
        let r = Tracked::new(csv.as_bytes(), &mut p);
        let res = read_invitations_csv(r, "x", &ImportOptions::default());
        assert_eq!(p.check(res), Err(ImportError::Cancelled));
    }
}
