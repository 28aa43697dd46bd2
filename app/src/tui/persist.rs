//! The I/O behind the app's effects: [`run_effect`] carries out one [`Effect`] on the decision
//! store (and the browser) and returns the action fed back to `update`. The store is the real
//! one in the app and in tests (on a temporary file), so the app never re-implements its
//! undo groups.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::action::{Action, Effect, HistoryOutcome};
use invitriage::model::Class;
use invitriage::store::{self, Decision, OpenOptions, Store, StoreError, WaitNotice};

/// Current decisions and classification overrides, by invitation key: what the app starts
/// from.
pub type Snapshot = (
    std::collections::HashMap<String, Decision>,
    invitriage::model::Overrides,
);

/// What the loop does with URLs (a thread running the browser in the app; a list in tests).
pub trait UrlOpener {
    fn open(&mut self, url: &str);
}

/// Carry out one effect. Returns the action to feed back, if any. `Quit` is the caller's.
pub fn run_effect(
    effect: &Effect,
    store: &mut Store,
    opener: &mut dyn UrlOpener,
    now: DateTime<Utc>,
) -> Option<Action> {
    match effect {
        Effect::Persist(events) => Some(match store.record_many(events) {
            Ok(_) => Action::Persisted(events.clone()),
            Err(error) => Action::PersistFailed {
                events: events.clone(),
                error,
            },
        }),
        Effect::Undo | Effect::Redo => {
            let redo = *effect == Effect::Redo;
            let r = if redo {
                store.redo(now)
            } else {
                store.undo(now)
            };
            Some(match r.and_then(|change| outcome(store, redo, change)) {
                Ok(outcome) => Action::HistoryApplied(outcome),
                Err(error) => Action::HistoryFailed { redo, error },
            })
        }
        Effect::RecordLoad { keys, source } => {
            Some(Action::Seen(store.record_load(keys, source, now)))
        }
        Effect::OpenUrl(url) => {
            opener.open(url);
            None
        }
        // The clipboard belongs to the event loop (it writes to the terminal).
        Effect::Copy(_) | Effect::Quit => None,
    }
}

/// The store's state, after an undo or redo, for the subjects the change touched.
fn outcome(
    s: &Store,
    redo: bool,
    change: Option<store::Change>,
) -> Result<HistoryOutcome, StoreError> {
    let mut decisions = Vec::new();
    let mut overrides: Vec<(String, Option<Class>)> = Vec::new();
    if let Some(change) = &change {
        let keys = change.subjects.iter().map(|x| x.key.clone());
        match change.action {
            store::Action::Decide(_) => {
                for k in keys {
                    let now = s.current(&k)?;
                    decisions.push((k, now));
                }
            }
            store::Action::Reclassify(_) => {
                let all = s.overrides()?;
                overrides = keys.map(|k| (k.clone(), all.get(&k).copied())).collect();
            }
        }
    }
    Ok(HistoryOutcome {
        redo,
        change,
        decisions,
        overrides,
    })
}

/// The decisions and overrides in the store now.
pub fn snapshot(store: &Store) -> Result<Snapshot, StoreError> {
    let decisions = store
        .all()?
        .into_iter()
        .map(|d| (d.key.clone(), d))
        .collect();
    Ok((decisions, store.overrides()?))
}

/// Collects URLs instead of opening them.
#[derive(Debug, Default)]
pub struct RecordingOpener(pub Vec<String>);

impl UrlOpener for RecordingOpener {
    fn open(&mut self, url: &str) {
        self.0.push(url.to_string());
    }
}

/// Open the decision store for the app: `state` (from `--state` or `$INVITRIAGE_STATE`), or
/// the data dir. `on_wait` is told when another process holds the write lock, so the app can
/// say why a save is slow.
pub fn open_store(
    state: Option<&Path>,
    on_wait: WaitNotice,
) -> Result<(Store, PathBuf), StoreError> {
    let path = Store::resolve(state)?;
    let store = Store::open_with(
        &path,
        OpenOptions {
            on_wait: Some(on_wait),
            ..OpenOptions::default()
        },
    )?;
    // Before the app takes the screen; the terminal shows it again when the app ends.
    crate::warn::warn_store(&store);
    Ok((store, path))
}
