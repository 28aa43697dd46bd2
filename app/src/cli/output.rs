//! The one output writer every subcommand uses for records: JSON, JSON lines and CSV. Every
//! write failure becomes [`Error::Io`] with its `io::ErrorKind` kept, so a closed pipe
//! (`… | head`) is the same `BrokenPipe` whatever the format, and `main` ends quietly on it.
//! Writes only to the given output.

use std::io::Write;

use serde::Serialize;

use invitriage::error::Error;

pub(crate) use invitriage::error::io_err;

/// A serde_json failure: an I/O error stays one (so EPIPE is recognised), anything else is
/// a bug in what we serialise.
fn json_err(e: serde_json::Error) -> Error {
    if e.is_io() {
        io_err(e.into())
    } else {
        Error::Other(format!("writing JSON: {e}"))
    }
}

fn csv_err(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => io_err(e),
        other => Error::Other(format!("writing CSV: {other:?}")),
    }
}

/// One pretty-printed JSON value and a newline.
pub(crate) fn json<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> Result<(), Error> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(json_err)?;
    writeln!(out).map_err(io_err)
}

/// One compact JSON value on one line.
pub(crate) fn json_line<T: Serialize + ?Sized>(
    out: &mut dyn Write,
    value: &T,
) -> Result<(), Error> {
    serde_json::to_writer(&mut *out, value).map_err(json_err)?;
    writeln!(out).map_err(io_err)
}

/// Plain text, written as it is.
pub(crate) fn text(out: &mut dyn Write, s: &str) -> Result<(), Error> {
    out.write_all(s.as_bytes()).map_err(io_err)
}

/// A CSV table: the header is written first, even when no row follows.
pub(crate) struct Csv<'a> {
    w: csv::Writer<&'a mut dyn Write>,
}

impl<'a> Csv<'a> {
    pub(crate) fn new(out: &'a mut dyn Write, header: &[&str]) -> Result<Self, Error> {
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(out);
        w.write_record(header).map_err(csv_err)?;
        Ok(Csv { w })
    }

    pub(crate) fn row<I, T>(&mut self, fields: I) -> Result<(), Error>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<[u8]>,
    {
        self.w.write_record(fields).map_err(csv_err)
    }

    /// Flush, reporting a failure (dropping the writer would swallow it).
    pub(crate) fn finish(mut self) -> Result<(), Error> {
        self.w.flush().map_err(io_err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::ErrorKind;

    /// A writer whose reader went away.
    struct ClosedPipe;

    impl Write for ClosedPipe {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Err(ErrorKind::BrokenPipe.into())
        }
    }

    fn is_broken_pipe(r: Result<(), Error>) -> bool {
        matches!(r, Err(Error::Io { source, .. }) if source.kind() == ErrorKind::BrokenPipe)
    }

    #[test]
    fn a_closed_pipe_is_the_same_error_in_every_format() {
        let value = vec!["a"; 10_000];
        assert!(is_broken_pipe(json(&mut ClosedPipe, &value)));
        assert!(is_broken_pipe(json_line(&mut ClosedPipe, &value)));
        assert!(is_broken_pipe(text(&mut ClosedPipe, "x")));
        let mut pipe = ClosedPipe;
        let r = Csv::new(&mut pipe, &["a", "b"]).and_then(|mut c| {
            for _ in 0..10_000 {
                c.row(["x", "y"])?;
            }
            c.finish()
        });
        assert!(is_broken_pipe(r));
    }
}
