//! The state file's place on disk: refusing what is clearly not a database, creating its
//! directory and file private to the user, warning when others can read it, and the paths
//! and URIs of the file and its SQLite sidecars. No SQL.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::StoreError;

#[cfg(unix)]
pub(super) fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
pub(super) fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

/// `state.sqlite3-wal` for `state.sqlite3`.
pub(super) fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// An SQLite URI opening `path` read-only as immutable (no locks, no `-shm`).
pub(super) fn immutable_uri(path: &Path) -> String {
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'/')
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().replace('\\', "/").into_bytes();
    let enc = percent_encoding::percent_encode(&bytes, KEEP);
    format!("file:{enc}?immutable=1")
}

pub(super) fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Refuse early, with our own words, a path that is a directory or a file that is clearly not
/// SQLite (an export ZIP or CSV given as `--state` by mistake). An empty file is fine: SQLite
/// treats it as a new database.
pub(super) fn refuse_non_database(path: &Path) -> Result<(), StoreError> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return Err(StoreError::user(
                path,
                format!("cannot read the state file: {e}"),
            ));
        }
    };
    if meta.is_dir() {
        return Err(StoreError::user(
            path,
            "is a directory; --state takes the path of a state file, e.g. DIR/state.sqlite3",
        ));
    }
    // A FIFO would block the first read forever, and SQLite would create `-journal` files
    // next to a device (`/dev/null-journal`): only a regular file is a state file. The same
    // holds for the `-wal` and `-shm` files SQLite opens next to it.
    for (p, what) in [
        (path.to_path_buf(), "the state file"),
        (sidecar(path, "-wal"), "its -wal file"),
        (sidecar(path, "-shm"), "its -shm file"),
    ] {
        match std::fs::metadata(&p) {
            Ok(m) if !m.is_file() => {
                return Err(StoreError::user(
                    path,
                    format!(
                        "{what} {} is {}, not a regular file. --state takes the path of a \
                         state file (invitriage writes only that file and its -wal and -shm \
                         files next to it), e.g. DIR/state.sqlite3",
                        crate::sanitize::path(&p),
                        file_kind(&m)
                    ),
                ));
            }
            _ => {}
        }
    }
    let mut head = [0u8; 16];
    let n = std::fs::File::open(path)
        .and_then(|mut f| read_up_to(&mut f, &mut head))
        .map_err(|e| {
            StoreError::user(
                path,
                format!(
                    "cannot read the state file: {e}. Check its permissions (it is yours and \
                     holds your decisions), or choose another file with --state PATH"
                ),
            )
        })?;
    if n > 0 && head[..n] != b"SQLite format 3\0"[..n] {
        return Err(StoreError::sql(
            path,
            "opening",
            rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_NOTADB),
                None,
            ),
        ));
    }
    Ok(())
}

/// "a named pipe (FIFO)", "a socket", "a device", for a path that is not a regular file.
fn file_kind(m: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = m.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    if m.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

/// Create `dir` and its missing parents, each readable by its owner only.
pub(super) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir)
}

/// Create an empty state file readable by its owner only; one that appeared meanwhile (another
/// process creating the same state) is left as it is.
pub(super) fn create_private_file(path: &Path) -> std::io::Result<()> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    match o.open(path) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        other => other.map(drop),
    }
}

/// Warnings for a state file, `-wal` or `-shm` that users other than its owner may read or
/// write: they hold the name and profile of everyone who invited the user, and the verdicts.
pub(super) fn exposure(path: &Path) -> Vec<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let open: Vec<PathBuf> = [
            path.to_path_buf(),
            sidecar(path, "-wal"),
            sidecar(path, "-shm"),
        ]
        .into_iter()
        .filter(|p| {
            std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o077 != 0)
        })
        .collect();
        if open.is_empty() {
            return Vec::new();
        }
        let names: Vec<String> = open.iter().map(crate::sanitize::path).collect();
        vec![format!(
            "{} can be read by other users of this machine; it holds the names and profiles \
             of everyone who invited you, and your verdicts. Make it yours alone: chmod 600 {}",
            names.join(", "),
            names
                .iter()
                .map(|n| format!("'{n}'"))
                .collect::<Vec<_>>()
                .join(" ")
        )]
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Vec::new()
    }
}

fn read_up_to(f: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}
