//! Opening the store: read-write (creating, upgrading and checking the file) or read-only,
//! with a busy handler that waits for another process's write lock and says so.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::error::not_writable;
use super::files::{
    create_private_dir, create_private_file, exposure, immutable_uri, parent_dir,
    refuse_non_database, sidecar, sync_dir,
};
use super::{Cache, OpenOptions, Store, StoreError, schema};

/// After this long blocked on a lock, the wait notice fires.
const NOTICE_AFTER: Duration = Duration::from_millis(250);

impl Store {
    /// Open the store at `path` for reading and writing: create its directory and file if
    /// missing, and upgrade an older schema.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_with(path, OpenOptions::default())
    }

    /// [`Store::open`] with lock-wait behaviour.
    pub fn open_with(path: &Path, opts: OpenOptions) -> Result<Store, StoreError> {
        refuse_non_database(path)?;
        let existed = path.exists();
        let dir = parent_dir(path);
        // Directories about to be created, whose names must be made durable too.
        let new_dirs: Vec<PathBuf> = dir
            .ancestors()
            .take_while(|d| !d.as_os_str().is_empty() && !d.exists())
            .map(Path::to_path_buf)
            .collect();
        create_private_dir(&dir).map_err(|e| {
            StoreError::user(
                path,
                format!(
                    "cannot create the directory {} ({e}). Make it writable, or keep your \
                     decisions elsewhere with --state PATH or $INVITRIAGE_STATE",
                    crate::sanitize::path(&dir)
                ),
            )
        })?;
        if !existed {
            // Created by us, owner-only, before SQLite sees it: SQLite gives the `-wal` and
            // `-shm` files the database file's permissions, so they are owner-only too.
            create_private_file(path).map_err(|e| {
                StoreError::user(path, not_writable(path, "creating the state file", &e))
            })?;
        }
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::sql(path, "opening", e))?;
        install_busy_handler(&mut conn, path, opts)?;
        let mut found = schema::inspect(&conn).map_err(|e| StoreError::sql(path, "reading", e))?;
        if found == schema::Found::Foreign {
            // Another invitriage may be creating this very file: look again once any writer
            // is done (a write lock, taken and released without writing anything).
            found = settled_identity(&mut conn).map_err(|e| StoreError::sql(path, "reading", e))?;
        }
        check_identity(path, found)?;
        // Switching a new file to WAL needs an exclusive lock, and SQLite answers BUSY at once
        // (without the busy handler) when another process is creating the same file: retry.
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        let mode: String = loop {
            match conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0)) {
                Err(e)
                    if matches!(
                        e.sqlite_error_code(),
                        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
                    ) && std::time::Instant::now() < deadline =>
                {
                    std::thread::sleep(Duration::from_millis(10));
                }
                other => {
                    break other.map_err(|e| StoreError::sql(path, "switching to WAL mode", e))?;
                }
            }
        };
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::other(
                path,
                format!(
                    "SQLite refused WAL mode (got {mode:?}); is the file on a network file system?"
                ),
            ));
        }
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(|e| StoreError::sql(path, "setting synchronous=FULL", e))?;
        quick_check(&conn, path)?;
        match found {
            schema::Found::Ours(v) if v == schema::CURRENT_VERSION => {}
            schema::Found::Ours(v) => schema::migrate(&mut conn, v)
                .map_err(|e| StoreError::sql(path, &format!("upgrading from schema v{v}"), e))?,
            _ => schema::migrate(&mut conn, 0)
                .map_err(|e| StoreError::sql(path, "creating the schema", e))?,
        }
        if !existed {
            // SQLite syncs the directory when it creates the -wal file, but not for the
            // database file itself: make the new file's name durable too.
            for d in std::iter::once(dir.clone()).chain(new_dirs.iter().map(|d| parent_dir(d))) {
                sync_dir(&d).map_err(|e| {
                    StoreError::other(path, format!("syncing {}: {e}", crate::sanitize::path(&d)))
                })?;
            }
        }
        Ok(Store::wrap(
            path,
            conn,
            schema::group_column(schema::CURRENT_VERSION),
            false,
        ))
    }

    /// Open an existing store without changing anything (no schema upgrade, no new file):
    /// `Ok(None)` when there is no state file yet. Writes fail.
    pub fn open_read_only(path: &Path) -> Result<Option<Store>, StoreError> {
        // `exists()` would call a file behind an unreadable directory "missing" and report no
        // decisions; only a real NotFound means there is no state yet.
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            _ => refuse_non_database(path)?,
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let attempt = |conn: rusqlite::Result<Connection>| {
            let conn = conn?;
            let found = schema::inspect(&conn)?;
            Ok::<_, rusqlite::Error>((conn, found))
        };
        let (mut conn, found) = match attempt(Connection::open_with_flags(path, flags)) {
            Ok(ok) => ok,
            // A WAL file can only be read with its `-shm` index, which SQLite can't create in a
            // read-only directory. Without a `-wal` file no writer is active (none could be,
            // in a directory it can't write), so the file alone is the whole state: read it as
            // immutable.
            Err(e)
                if matches!(
                    e.sqlite_error_code(),
                    Some(ErrorCode::CannotOpen | ErrorCode::ReadOnly)
                ) && !sidecar(path, "-wal").exists() =>
            {
                attempt(Connection::open_with_flags(
                    immutable_uri(path),
                    flags | OpenFlags::SQLITE_OPEN_URI,
                ))
                .map_err(|e| StoreError::sql(path, "reading", e))?
            }
            Err(e) => return Err(StoreError::sql(path, "reading", e)),
        };
        install_busy_handler(&mut conn, path, OpenOptions::default())?;
        check_identity(path, found)?;
        quick_check(&conn, path)?;
        match found {
            schema::Found::Ours(v) => {
                Ok(Some(Store::wrap(path, conn, schema::group_column(v), true)))
            }
            // An empty file: nothing decided yet.
            _ => Ok(None),
        }
    }

    fn wrap(path: &Path, conn: Connection, group_col: &'static str, read_only: bool) -> Store {
        Store {
            path: path.to_path_buf(),
            conn,
            group_col,
            read_only,
            cache: RefCell::new(Cache::default()),
            warnings: exposure(path),
        }
    }

    /// `~/.local/share/invitriage/state.sqlite3` on Linux, the platform's data dir elsewhere.
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "invitriage")
            .map(|d| d.data_dir().join("state.sqlite3"))
    }

    /// The state file to use: `--state` (or `$INVITRIAGE_STATE`, which clap reads into the
    /// same argument), else [`Store::default_path`].
    pub fn resolve(state: Option<&Path>) -> Result<PathBuf, StoreError> {
        match state {
            Some(p) if !p.as_os_str().is_empty() => Ok(p.to_path_buf()),
            _ => Store::default_path().ok_or_else(|| {
                StoreError::user(
                    Path::new("(no data directory)"),
                    "cannot find a data directory for the decision store (is $HOME set?); \
                     choose a file with --state PATH or $INVITRIAGE_STATE",
                )
            }),
        }
    }
}

/// The file's identity read under a write lock, so no other process is half-way through
/// creating it; the transaction is rolled back, so nothing is written.
fn settled_identity(conn: &mut rusqlite::Connection) -> rusqlite::Result<schema::Found> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let found = schema::inspect(&tx)?;
    tx.rollback()?;
    Ok(found)
}

fn check_identity(path: &Path, found: schema::Found) -> Result<(), StoreError> {
    match found {
        schema::Found::Foreign => Err(StoreError::user(
            path,
            "an SQLite database, but not an invitriage state file; it was left untouched. \
             Choose another file with --state PATH",
        )),
        schema::Found::Ours(v) if v > schema::CURRENT_VERSION => Err(StoreError::user(
            path,
            format!(
                "written by a newer invitriage (schema v{v}; this one knows up to v{}). It was \
                 left untouched: upgrade invitriage, or use another file with --state PATH",
                schema::CURRENT_VERSION
            ),
        )),
        _ => Ok(()),
    }
}

fn quick_check(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let verdict: String = conn
        .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
        .map_err(|e| StoreError::sql(path, "checking", e))?;
    if verdict == "ok" {
        return Ok(());
    }
    Err(StoreError::sql(
        path,
        &format!("checking ({verdict})"),
        rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
            Some(verdict),
        ),
    ))
}

/// Wait for another process's write lock, telling `on_wait` once per wait, up to `lock_wait`.
fn install_busy_handler(
    conn: &mut Connection,
    path: &Path,
    opts: OpenOptions,
) -> Result<(), StoreError> {
    let OpenOptions {
        lock_wait,
        mut on_wait,
    } = opts;
    let shown = path.to_path_buf();
    let mut started = Instant::now();
    let mut told = false;
    conn.busy_handler(Some(move |count: i32| {
        if count == 0 {
            started = Instant::now();
            told = false;
        }
        let waited = started.elapsed();
        if waited >= lock_wait {
            return false;
        }
        if !told && waited >= NOTICE_AFTER {
            told = true;
            if let Some(f) = on_wait.as_mut() {
                f(&shown, lock_wait);
            }
        }
        std::thread::sleep(Duration::from_millis(5 * (count.clamp(0, 10) as u64 + 1)));
        true
    }))
    .map_err(|e| StoreError::sql(path, "opening", e))
}
