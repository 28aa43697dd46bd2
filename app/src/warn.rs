//! Warnings the CLI and the app both print on stderr (the app before it takes the terminal).
//! Writes to stderr only.

use invitriage::store::Store;

/// Say on stderr what the store found worth a warning (a state other users can read).
pub fn warn_store(store: &Store) {
    for w in store.warnings() {
        eprintln!("invitriage: warning: {}", invitriage::sanitize::lines(w));
    }
}
