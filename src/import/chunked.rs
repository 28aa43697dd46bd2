//! Pure over byte streams (no file system of its own): one Invitations.csv read in chunks on
//! several threads, giving exactly what reading it whole in one pass gives (rows in file order,
//! the same line numbers, the same first error).
//!
//! The file is cut after a line break near each of `chunks - 1` evenly spaced points. A line
//! break may lie inside a quoted field (a note spanning lines), so a cut is only a guess at
//! where a record starts. Every chunk is read on its own thread from its cut, and a chunk ends
//! where a record of it ends exactly at a later cut. The chunk read from the start of the file
//! is right by construction; a chunk that ends exactly at a cut proves that cut a record start,
//! so the chunk read from there is right too. Following that chain from the start gives the
//! whole file. A cut inside a quoted field is never ended on: the chunk before it reads on
//! past it (sequential work, still right), and the chunk guessed from it is dropped. Line
//! numbers are counted per chunk and shifted when the chunks are joined; an error in a chunk
//! is read again on the calling thread, counting the lines before it, so that its message names
//! the file's own line.

use std::io::{self, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use crate::import::fast::{self, Fast};
use crate::import::linkedin_csv::{Rows, SPEC, Warnings, column_warnings, respelled_warning};
use crate::import::table::{Columns, Table};
use crate::import::{DroppedUrl, FirstRows, ImportError, ImportOptions, Progress, Tracked};
use crate::model::Invitations;

/// A chunk smaller than this is not worth a thread of its own.
pub(crate) const MIN_CHUNK_BYTES: u64 = 4 * 1024 * 1024;
/// How far past a cut point a line break is looked for.
const MAX_SCAN: u64 = 1024 * 1024;

/// How many chunks to read a file of `len` bytes in: one per core, none smaller than
/// [`MIN_CHUNK_BYTES`].
pub(crate) fn chunks_for(len: u64) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let by_size = usize::try_from(len / MIN_CHUNK_BYTES).unwrap_or(usize::MAX);
    cores.min(by_size).max(1)
}

/// A chunk's reader: stops once the load is stopped, and counts the bytes it reads (up to the
/// chunk's own length, so a file is never counted past its size) for the progress gauge.
struct Counted<'s, R> {
    inner: R,
    budget: u64,
    read: &'s AtomicU64,
    stop: &'s AtomicBool,
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.stop.load(Ordering::Relaxed) {
            return Err(io::Error::other("loading stopped"));
        }
        let n = self.inner.read(buf)?;
        let counted = (n as u64).min(self.budget);
        self.budget -= counted;
        self.read.fetch_add(counted, Ordering::Relaxed);
        Ok(n)
    }
}

/// Where each chunk starts: `first` (where the records begin, past the header), then the byte
/// after the first line break at or after each cut point past it (strictly increasing; a cut
/// with no line break near it is left out).
fn starts<R: Read>(
    open_at: &impl Fn(u64) -> io::Result<R>,
    len: u64,
    chunks: usize,
    first: u64,
) -> Vec<u64> {
    let mut out = vec![first];
    for k in 1..chunks as u64 {
        let at = len / chunks as u64 * k;
        let mut buf = Vec::new();
        let Ok(r) = open_at(at) else { continue };
        if r.take(MAX_SCAN).read_to_end(&mut buf).is_err() {
            continue;
        }
        let Some(i) = buf.iter().position(|&b| b == b'\n') else {
            continue;
        };
        let start = at + i as u64 + 1;
        if start < len && out.last().is_some_and(|&last| start > last) {
            out.push(start);
        }
    }
    out
}

/// One chunk, read: its rows (line numbers `shift` short of the file's), the chunk it ended
/// at (an index into the starts, or their count at the end of the file), how many lines it
/// read, and the profile URLs its vetting dropped.
struct Chunk {
    rows: Rows,
    ended_at: usize,
    lines: u64,
    shift: u64,
    dropped: Vec<DroppedUrl>,
}

impl Chunk {
    /// A chunk read up to `ended_at`, its profile URLs vetted (not yet shifted into the file).
    fn vetted(
        mut rows: Rows,
        ended_at: usize,
        lines: u64,
        file: &str,
    ) -> Result<Chunk, ImportError> {
        let dropped = vet(&mut rows, file)?;
        Ok(Chunk {
            rows,
            ended_at,
            lines,
            shift: 0,
            dropped,
        })
    }
}

/// Read records into `rows` until one ends exactly at a later chunk's start (its index is
/// returned) or the file ends (`starts.len()`). `base` is the file offset of the reader's
/// first byte.
fn read_until<R: Read>(
    t: &mut Table<R>,
    rows: &mut Rows,
    file: &str,
    starts: &[u64],
    k: usize,
    base: u64,
    mut first: Option<&mut FirstRows<'_>>,
) -> Result<usize, ImportError> {
    let later = &starts[k + 1..];
    loop {
        let at = base + t.byte_offset();
        if let Some(j) = later.iter().position(|&s| s == at) {
            return Ok(k + 1 + j);
        }
        if !t.next()? {
            return Ok(starts.len());
        }
        rows.read(t, file)?;
        if let Some(f) = first.as_deref_mut()
            && rows.out.len() == f.rows
        {
            f.hand(file, &rows.out);
        }
    }
}

/// Vet a chunk's profile URLs (see [`crate::import::vet_profile_urls`]).
fn vet(rows: &mut Rows, file: &str) -> Result<Vec<DroppedUrl>, ImportError> {
    crate::import::vet_urls(&mut rows.out)
        .map_err(|e| ImportError::invalid(file, None, format!("{e}; split the file")))
}

/// Where chunk `k` is read from, and how.
struct Source<'a, F> {
    open_at: &'a F,
    len: u64,
    starts: &'a [u64],
    columns: &'a Columns,
    file: &'a str,
    opts: &'a ImportOptions,
}

impl<F> Source<'_, F> {
    /// A reader of chunk `k`, from its start to the end of the file.
    fn open<R: Read>(&self, k: usize) -> Result<io::Take<R>, ImportError>
    where
        F: Fn(u64) -> io::Result<R>,
    {
        let start = self.starts[k];
        let inner = (self.open_at)(start).map_err(|e| {
            ImportError::invalid(self.file, None, format!("could not read the file: {e}"))
        })?;
        Ok(inner.take(self.len - start))
    }

    /// Read chunk `k`, `lines_before` lines into the file, its reads counted by `meter`: on the
    /// fast path ([`fast`]), or, where it declines, again with the csv path.
    fn read<R: Read>(
        &self,
        k: usize,
        lines_before: u64,
        meter: &mut Meter<'_, '_>,
        mut first: Option<&mut FirstRows<'_>>,
    ) -> Result<Chunk, ImportError>
    where
        F: Fn(u64) -> io::Result<R>,
    {
        let (file, start) = (self.file, self.starts[k]);
        let mut rows = Rows::new(self.opts);
        let handed = match fast::read_until(
            meter.reader(self.open(k)?),
            self.columns,
            &mut rows,
            file,
            self.starts,
            k,
            start,
            lines_before,
            first.as_deref_mut(),
        ) {
            Fast::Read { ended_at, lines } => {
                return Chunk::vetted(rows, ended_at, lines, file);
            }
            Fast::Declined { handed } => handed,
        };
        let mut t = Table::resume(
            meter.reader(self.open(k)?),
            file,
            self.columns,
            lines_before,
        );
        let mut rows = Rows::new(self.opts);
        let first = if handed { None } else { first };
        let ended_at = read_until(&mut t, &mut rows, file, self.starts, k, start, first)?;
        Chunk::vetted(rows, ended_at, t.lines_read(), file)
    }

    /// Read chunk `k` (not the first) on a thread of its own, `lines_before` lines into the
    /// file, counting its bytes in `read` and stopping once `stop` is set.
    fn read_counted<R: Read>(
        &self,
        k: usize,
        lines_before: u64,
        read: &AtomicU64,
        stop: &AtomicBool,
    ) -> Result<Chunk, ImportError>
    where
        F: Fn(u64) -> io::Result<R>,
    {
        let end = self.starts.get(k + 1).copied().unwrap_or(self.len);
        let budget = end - self.starts[k];
        let mut meter = Meter::Shared { read, stop, budget };
        self.read(k, lines_before, &mut meter, None)
    }
}

/// How a chunk's reads are counted.
enum Meter<'m, 'p> {
    /// The calling thread's chunk: in the load's progress, which reports it and can cancel it.
    Progress(&'m mut Progress<'p>),
    /// Another thread's chunk: into `read` (up to `budget` bytes), stopped once `stop` is set.
    Shared {
        read: &'m AtomicU64,
        stop: &'m AtomicBool,
        budget: u64,
    },
}

impl Meter<'_, '_> {
    /// `inner`, its reads counted (a chunk read a second time is counted again: the progress
    /// never passes the file's size, see `Progress::advance`).
    fn reader<'s, R: Read + 's>(&'s mut self, inner: R) -> Box<dyn Read + 's> {
        match self {
            Meter::Progress(progress) => Box::new(Tracked::new(inner, progress)),
            Meter::Shared { read, stop, budget } => Box::new(Counted {
                inner,
                budget: *budget,
                read,
                stop,
            }),
        }
    }
}

/// Read Invitations.csv in `chunks` chunks (see the module's doc), its profile URLs vetted:
/// the rows and the warnings, as [`super::linkedin_csv::read_invitations_csv_first`] and then
/// [`super::vet_profile_urls`] give them. `first_reader` reads the file from its first byte
/// (counted by `progress`); `open_at(offset)` gives another reader from `offset` on; `len` is
/// the file's length.
#[allow(clippy::too_many_arguments)]
pub(crate) fn read_invitations_csv_chunked<R0, R, F>(
    first_reader: R0,
    open_at: F,
    len: u64,
    chunks: usize,
    file: &str,
    opts: &ImportOptions,
    progress: &mut Progress<'_>,
    first: Option<&mut FirstRows<'_>>,
) -> Result<(Invitations, Warnings), ImportError>
where
    R0: Read,
    R: Read,
    F: Fn(u64) -> io::Result<R> + Sync,
{
    read_chunks(
        first_reader,
        open_at,
        len,
        chunks,
        file,
        opts,
        progress,
        first,
    )
    .map(|(out, warnings, _)| (out, warnings))
}

/// [`read_invitations_csv_chunked`], also telling how many chunks were joined (1: the file
/// was read in one pass after all).
#[allow(clippy::too_many_arguments)]
fn read_chunks<R0, R, F>(
    first_reader: R0,
    open_at: F,
    len: u64,
    chunks: usize,
    file: &str,
    opts: &ImportOptions,
    progress: &mut Progress<'_>,
    mut first: Option<&mut FirstRows<'_>>,
) -> Result<(Invitations, Warnings, usize), ImportError>
where
    R0: Read,
    R: Read,
    F: Fn(u64) -> io::Result<R> + Sync,
{
    let read = Arc::new(AtomicU64::new(0));
    progress.others = Some(Arc::clone(&read));
    let stop = AtomicBool::new(false);
    let t = Table::open(Tracked::new(first_reader, progress), file, &SPEC)?;
    let columns = t.columns();
    let mut warnings = Warnings::new();
    column_warnings(&t, file, &mut warnings);
    // The records are read from past the header on, by readers of their own.
    let (header_end, header_lines) = (t.byte_offset(), t.lines_read());
    drop(t);
    let starts = starts(&open_at, len, chunks, header_end);
    let source = Source {
        open_at: &open_at,
        len,
        starts: &starts,
        columns: &columns,
        file,
        opts,
    };

    let (head, rest) = std::thread::scope(|s| {
        let handles: Vec<_> = (1..starts.len())
            .map(|k| {
                let (source, read, stop) = (&source, &*read, &stop);
                s.spawn(move || source.read_counted(k, 0, read, stop))
            })
            .collect();
        let head = source.read(
            0,
            header_lines,
            &mut Meter::Progress(progress),
            first.as_deref_mut(),
        );
        if head.as_ref().is_ok_and(|h| h.ended_at < starts.len()) {
            // Keep the gauge moving (and the load cancellable) while the other chunks finish.
            while !handles.iter().all(|h| h.is_finished()) {
                if !progress.advance(0) {
                    stop.store(true, Ordering::Relaxed);
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        }
        // Past the end of the chunks needed (or failed): the others stop early.
        if !head.as_ref().is_ok_and(|h| h.ended_at < starts.len()) {
            stop.store(true, Ordering::Relaxed);
        }
        let rest: Vec<Option<Result<Chunk, ImportError>>> =
            handles.into_iter().map(|h| h.join().ok()).collect();
        stop.store(true, Ordering::Relaxed);
        if progress.cancelled {
            return (Err(ImportError::Cancelled), Vec::new());
        }
        (head, rest)
    });
    progress.others = None;
    let head = head?;
    let mut rest: Vec<Option<Result<Chunk, ImportError>>> = rest;

    // Join the chain of chunks that starts at the beginning of the file.
    let chunk0_rows = head.rows.out.len();
    let mut respelled = head.rows.respelled;
    let mut out = head.rows.out;
    let mut dropped: Vec<String> = head.dropped.iter().map(|d| d.warning(0)).collect();
    let mut lines_at = header_lines + head.lines;
    let mut cur = head.ended_at;
    let mut joined = 1;
    while cur < starts.len() {
        let chunk = match rest[cur - 1].take() {
            Some(Ok(c)) => Chunk {
                shift: lines_at,
                ..c
            },
            // Read it again here, counting the lines before it: the error names its line.
            _ => source.read_counted(cur, lines_at, &AtomicU64::new(0), &AtomicBool::new(false))?,
        };
        out.append_shifted(&chunk.rows.out, chunk.shift)
            .map_err(|e| ImportError::invalid(file, None, format!("{e}; split the file")))?;
        for (form, n) in chunk.rows.respelled {
            *respelled.entry(form).or_default() += n;
        }
        dropped.extend(chunk.dropped.iter().map(|d| d.warning(chunk.shift)));
        lines_at += chunk.lines;
        cur = chunk.ended_at;
        joined += 1;
    }
    // A first chunk shorter than the first rows asked for: hand them over now.
    if let Some(f) = first
        && chunk0_rows < f.rows
        && out.len() >= f.rows
    {
        let mut firsts = Invitations::new();
        for inv in out.iter().take(f.rows) {
            firsts
                .push(&inv)
                .map_err(|e| ImportError::invalid(file, None, format!("{e}; split the file")))?;
        }
        f.hand(file, &firsts);
    }
    respelled_warning(&respelled, out.len(), file, opts, &mut warnings);
    warnings.extend(dropped);
    Ok((out, warnings, joined))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::import::linkedin_csv::read_invitations_csv_warned;

    const FILE: &str = "Invitations.csv";

    /// The one-pass read and its vetting, as `load` does it for a small file.
    fn one_pass(csv: &[u8]) -> Result<(Invitations, Warnings), String> {
        let opts = ImportOptions::default();
        let mut warnings = Warnings::new();
        let mut out = read_invitations_csv_warned(csv, FILE, &opts, &mut warnings)
            .map_err(|e| e.to_string())?;
        crate::import::vet_profile_urls(&mut out, &mut warnings).map_err(|e| e.to_string())?;
        Ok((out, warnings))
    }

    fn in_chunks(csv: &[u8], chunks: usize) -> Result<(Invitations, Warnings, usize), String> {
        let opts = ImportOptions::default();
        let mut cb = |_: u64, _: u64| true;
        let mut progress = Progress::new(&mut cb, &opts);
        progress.begin_entry(FILE, false);
        read_chunks(
            csv,
            |offset| Ok(&csv[offset as usize..]),
            csv.len() as u64,
            chunks,
            FILE,
            &opts,
            &mut progress,
            None,
        )
        .map_err(|e| e.to_string())
    }

    fn row(i: usize, note: &str) -> String {
        format!(
            "\"Person {i}, Jr\",Sam Demo,\"2/12/26, 11:44 AM\",\"{}\",INCOMING,https://www.linkedin.com/in/p{i}\n",
            note.replace('"', "\"\"")
        )
    }

    fn file(rows: &[String]) -> String {
        format!(
            "From,To,Sent At,Message,Direction,inviterProfileUrl\n{}",
            rows.concat()
        )
    }

    #[test]
    fn chunks_join_into_the_one_pass_table() {
        let rows: Vec<String> = (0..400)
            .map(|i| row(i, &format!("note {i}\nsecond line, with \"quotes\"")))
            .collect();
        let csv = file(&rows);
        let want = one_pass(csv.as_bytes()).unwrap();
        for chunks in 1..9 {
            let (out, warnings, joined) = in_chunks(csv.as_bytes(), chunks).unwrap();
            assert_eq!((&out, &warnings), (&want.0, &want.1), "{chunks} chunks");
            assert_eq!(out.at(399).source.line, 800);
            // Cuts land in notes half the time: at least one is a record start.
            if chunks > 2 {
                assert!(joined > 1, "{chunks} chunks: read in one pass");
            }
        }
    }

    #[test]
    fn a_cut_inside_a_quoted_field_is_read_past() {
        // Every line break but the records' is inside a note: a cut after any of them is
        // wrong, so the chunk before it reads on.
        let note = "x\n".repeat(200);
        let rows: Vec<String> = (0..6).map(|i| row(i, &note)).collect();
        let csv = file(&rows);
        let want = one_pass(csv.as_bytes()).unwrap();
        for chunks in 2..6 {
            let (out, warnings, _) = in_chunks(csv.as_bytes(), chunks).unwrap();
            assert_eq!((out, warnings), want, "{chunks} chunks");
        }
    }

    #[test]
    fn a_bad_row_late_in_the_file_names_its_own_line() {
        let mut rows: Vec<String> = (0..300).map(|i| row(i, "a\nb")).collect();
        rows[290] = "Eve,Sam Demo,not a date,\"x\ny\",INCOMING,\n".to_string();
        rows[10] = "Bob,Sam,\"2/12/26, 11:44 AM\",hi,INCOMING,javascript:alert(1)\n".to_string();
        let csv = file(&rows);
        let want = one_pass(csv.as_bytes()).unwrap_err();
        assert!(want.starts_with("Invitations.csv:581:"), "{want}");
        for chunks in 2..6 {
            assert_eq!(in_chunks(csv.as_bytes(), chunks).unwrap_err(), want);
        }
        // Without the bad row, the dropped URL is named at its line too.
        rows[290] = row(290, "fine");
        let csv = file(&rows);
        let want = one_pass(csv.as_bytes()).unwrap();
        assert!(want.1[0].starts_with("Invitations.csv:22:"), "{:?}", want.1);
        for chunks in 2..6 {
            let (out, warnings, _) = in_chunks(csv.as_bytes(), chunks).unwrap();
            assert_eq!((out, warnings), want);
        }
    }

    #[test]
    fn a_row_past_the_cap_in_a_chunk_fails_as_in_one_pass() {
        let mut rows: Vec<String> = (0..200).map(|i| row(i, "fine")).collect();
        // An unclosed quote late in the file swallows 2 MiB without a line break.
        rows[150] = format!("Eve,Sam,\"2/12/26, 11:44 AM\",\"{}", "x".repeat(2 << 20));
        let csv = file(&rows[..151]);
        let want = one_pass(csv.as_bytes()).unwrap_err();
        assert!(want.contains("longer than 1 MiB"), "{want}");
        for chunks in 2..5 {
            assert_eq!(in_chunks(csv.as_bytes(), chunks).unwrap_err(), want);
        }
    }

    /// A field as a spreadsheet or LinkedIn might write it: quoted when it must be, or now and
    /// then as a careless hand wrote it (quotes not doubled, or none where they were needed).
    fn cell() -> impl Strategy<Value = String> {
        let parts = prop::sample::select(vec![
            "a", "é", " ", ",", "\"", "\"\"", "\n", "\r\n", "\r", "Zoë", "x", "\t", "\u{feff}",
            "\0",
        ]);
        (prop::collection::vec(parts, 0..12), 0u8..12).prop_map(|(parts, style)| {
            let s = parts.concat();
            match style {
                0 => s,
                1 => format!("\"{s}\""),
                _ if s.contains([',', '"', '\n', '\r']) => {
                    format!("\"{}\"", s.replace('"', "\"\""))
                }
                _ => s,
            }
        })
    }

    /// A row: mostly good, sometimes a blank line, a bad date, a bad direction, a dropped URL,
    /// or a stray quote.
    fn any_row() -> impl Strategy<Value = String> {
        (cell(), cell(), 0u8..40, any::<bool>()).prop_map(|(name, note, kind, crlf)| {
            let end = if crlf { "\r\n" } else { "\n" };
            let name = if name.is_empty() { "N".to_string() } else { name };
            match kind {
                0 => end.to_string(),
                1 => format!("{name},To,not a date,{note},INCOMING,{end}"),
                2 => format!("{name},To,\"2/12/26, 11:44 AM\",{note},SIDEWAYS,{end}"),
                3 => format!("{name},To,\"2/12/26, 11:44 AM\",{note},INCOMING,javascript:x{end}"),
                4 => format!("{name},To,\"2/12/26, 11:44 AM\",\"{note},INCOMING,{end}"),
                _ => format!(
                    "{name},To,\"2/12/26, 11:44 AM\",{note},OUTGOING,https://www.linkedin.com/in/x{kind}{end}"
                ),
            }
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Read in chunks, any file gives what one pass gives: the same table (rows, order,
        /// line numbers), the same warnings, or the same error.
        #[test]
        fn chunks_read_as_one_pass(rows in prop::collection::vec(any_row(), 0..40), chunks in 2usize..7) {
            let csv = format!("From,To,Sent At,Message,Direction,inviterProfileUrl\n{}", rows.concat());
            let want = one_pass(csv.as_bytes());
            let got = in_chunks(csv.as_bytes(), chunks).map(|(out, warnings, _)| (out, warnings));
            prop_assert_eq!(got, want);
        }
    }
}
