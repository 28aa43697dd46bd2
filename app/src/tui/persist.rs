//! The decision log the event loop writes through: the SQLite store in the app, a memory log
//! in tests. [`run_effect`] turns one [`Effect`] into the action fed back to `update`.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::action::{
    Action, AppliedChange, Change, Effect, HistoryOutcome, PendingEvent, SavedDecision, SavedEvent,
};
use invitriage::model::Class;

/// Current decisions and classification overrides, by invitation key.
pub type Snapshot = (HashMap<String, SavedDecision>, HashMap<String, Class>);

/// What the app needs from the decision store.
pub trait DecisionLog {
    /// Commit `events` as one undo group; return only once they are durable.
    fn record(
        &mut self,
        events: &[PendingEvent],
        export: &str,
        at: DateTime<Utc>,
    ) -> Result<(), String>;
    /// Revert the last group; `None` when there is nothing to undo.
    fn undo(&mut self, at: DateTime<Utc>) -> Result<Option<AppliedChange>, String>;
    /// Re-apply the last undone group; `None` when there is nothing to redo.
    fn redo(&mut self, at: DateTime<Utc>) -> Result<Option<AppliedChange>, String>;
    /// Current decisions and classification overrides by invitation key.
    fn snapshot(&self) -> Result<Snapshot, String>;
    /// Remember the identities of a loaded export as shown; say which were never shown
    /// before and when the previous load was. A log that keeps no history (tests) has seen
    /// nothing and no earlier load.
    fn record_load(
        &mut self,
        keys: &[String],
        export: &str,
        at: DateTime<Utc>,
    ) -> Result<invitriage::store::LoadSeen, String> {
        let _ = (keys, export, at);
        Ok(invitriage::store::LoadSeen::default())
    }
}

/// What the loop does with URLs (a thread running the browser in the app; a list in tests).
pub trait UrlOpener {
    fn open(&mut self, url: &str);
}

/// Carry out one effect. Returns the action to feed back, if any. `Quit` is the caller's.
pub fn run_effect(
    effect: &Effect,
    log: &mut dyn DecisionLog,
    opener: &mut dyn UrlOpener,
    export: &str,
    now: DateTime<Utc>,
) -> Option<Action> {
    match effect {
        Effect::Persist(events) => Some(match log.record(events, export, now) {
            Ok(()) => Action::Persisted(
                events
                    .iter()
                    .map(|e| SavedEvent {
                        event: e.clone(),
                        at: now,
                    })
                    .collect(),
            ),
            Err(error) => Action::PersistFailed {
                events: events.clone(),
                error,
            },
        }),
        Effect::Undo | Effect::Redo => {
            let redo = *effect == Effect::Redo;
            let r = if redo { log.redo(now) } else { log.undo(now) };
            Some(match r {
                Ok(applied) => Action::HistoryApplied(HistoryOutcome { redo, applied }),
                Err(error) => Action::HistoryFailed { redo, error },
            })
        }
        Effect::OpenUrl(url) => {
            opener.open(url);
            None
        }
        Effect::Quit => None,
    }
}

/// An in-memory log with the store's semantics (groups, undo, redo), for tests.
#[derive(Debug, Default)]
pub struct MemoryLog {
    /// Applied groups, oldest first.
    done: Vec<Vec<(PendingEvent, DateTime<Utc>)>>,
    undone: Vec<Vec<(PendingEvent, DateTime<Utc>)>>,
    /// When set, `record` fails with this message.
    pub fail: Option<String>,
}

impl MemoryLog {
    fn applied(&self, group: &[(PendingEvent, DateTime<Utc>)]) -> AppliedChange {
        let (decisions, overrides) = self.snapshot().expect("memory never fails");
        let keys: Vec<&String> = group.iter().map(|(e, _)| &e.key).collect();
        let change = group[0].0.change.clone();
        let reclass = matches!(change, Change::Reclassify(_));
        AppliedChange {
            names: group.iter().map(|(e, _)| e.name.clone()).collect(),
            decisions: if reclass {
                Vec::new()
            } else {
                keys.iter()
                    .map(|k| ((*k).clone(), decisions.get(*k).copied()))
                    .collect()
            },
            overrides: if reclass {
                keys.iter()
                    .map(|k| ((*k).clone(), overrides.get(*k).copied()))
                    .collect()
            } else {
                Vec::new()
            },
            change,
        }
    }
}

impl DecisionLog for MemoryLog {
    fn record(
        &mut self,
        events: &[PendingEvent],
        _export: &str,
        at: DateTime<Utc>,
    ) -> Result<(), String> {
        if let Some(e) = &self.fail {
            return Err(e.clone());
        }
        if !events.is_empty() {
            self.done
                .push(events.iter().map(|e| (e.clone(), at)).collect());
            self.undone.clear();
        }
        Ok(())
    }

    fn undo(&mut self, _at: DateTime<Utc>) -> Result<Option<AppliedChange>, String> {
        let Some(g) = self.done.pop() else {
            return Ok(None);
        };
        let out = self.applied(&g);
        self.undone.push(g);
        Ok(Some(out))
    }

    fn redo(&mut self, _at: DateTime<Utc>) -> Result<Option<AppliedChange>, String> {
        let Some(g) = self.undone.pop() else {
            return Ok(None);
        };
        self.done.push(g.clone());
        Ok(Some(self.applied(&g)))
    }

    fn snapshot(&self) -> Result<Snapshot, String> {
        let mut d = HashMap::new();
        let mut o = HashMap::new();
        for (e, at) in self.done.iter().flatten() {
            match e.change {
                Change::Decide(verdict) => {
                    d.insert(e.key.clone(), SavedDecision { verdict, at: *at });
                }
                Change::Reclassify(c) => {
                    o.insert(e.key.clone(), c);
                }
            }
        }
        Ok((d, o))
    }
}

/// Collects URLs instead of opening them.
#[derive(Debug, Default)]
pub struct RecordingOpener(pub Vec<String>);

impl UrlOpener for RecordingOpener {
    fn open(&mut self, url: &str) {
        self.0.push(url.to_string());
    }
}

/// Open the decision store for the app: `--state`, `$INVITRIAGE_STATE`, or the data dir.
/// `on_wait` is told when another process holds the write lock, so the app can say why a
/// save is slow.
pub fn open_store(
    g: &crate::cli::GlobalArgs,
    on_wait: invitriage::store::WaitNotice,
) -> Result<(Box<dyn DecisionLog + Send>, std::path::PathBuf), invitriage::Error> {
    store_log::open(g, on_wait)
}

mod store_log {
    use super::*;
    use invitriage::store::{self, NewEvent, OpenOptions, Store, Subject, WaitNotice};

    pub fn open(
        g: &crate::cli::GlobalArgs,
        on_wait: WaitNotice,
    ) -> Result<(Box<dyn DecisionLog + Send>, std::path::PathBuf), invitriage::Error> {
        let path = Store::resolve(g.state.as_deref())?;
        let store = Store::open_with(
            &path,
            OpenOptions {
                on_wait: Some(on_wait),
                ..OpenOptions::default()
            },
        )?;
        Ok((Box::new(store), path))
    }

    fn applied(s: &Store, change: store::Change) -> Result<AppliedChange, String> {
        let keys: Vec<String> = change.subjects.iter().map(|x| x.key.clone()).collect();
        let names = change.subjects.iter().map(|x| x.name.clone()).collect();
        let (change, decisions, overrides) = match change.action {
            store::Action::Decide(v) => {
                let mut d = Vec::new();
                for k in &keys {
                    let cur = s
                        .current(k)
                        .map_err(|e| e.to_string())?
                        .map(|d| SavedDecision {
                            verdict: d.verdict,
                            at: d.decided_at,
                        });
                    d.push((k.clone(), cur));
                }
                (Change::Decide(v), d, Vec::new())
            }
            store::Action::Reclassify(c) => {
                let all = s.overrides().map_err(|e| e.to_string())?;
                let o = keys
                    .iter()
                    .map(|k| (k.clone(), all.get(k).copied()))
                    .collect();
                (Change::Reclassify(c), Vec::new(), o)
            }
        };
        Ok(AppliedChange {
            change,
            names,
            decisions,
            overrides,
        })
    }

    impl DecisionLog for Store {
        fn record(
            &mut self,
            events: &[PendingEvent],
            export: &str,
            at: DateTime<Utc>,
        ) -> Result<(), String> {
            let evs: Vec<NewEvent> = events
                .iter()
                .map(|e| NewEvent {
                    subject: Subject {
                        key: e.key.clone(),
                        name: e.name.clone(),
                        profile_url: e.profile_url.clone(),
                    },
                    action: match e.change {
                        Change::Decide(v) => store::Action::Decide(v),
                        Change::Reclassify(c) => store::Action::Reclassify(c),
                    },
                    class: e.class,
                    export: export.to_string(),
                    at,
                })
                .collect();
            self.record_many(&evs)
                .map(|_| ())
                .map_err(|e| e.to_string())
        }

        fn undo(&mut self, at: DateTime<Utc>) -> Result<Option<AppliedChange>, String> {
            match Store::undo(self, at).map_err(|e| e.to_string())? {
                Some(c) => applied(self, c).map(Some),
                None => Ok(None),
            }
        }

        fn redo(&mut self, at: DateTime<Utc>) -> Result<Option<AppliedChange>, String> {
            match Store::redo(self, at).map_err(|e| e.to_string())? {
                Some(c) => applied(self, c).map(Some),
                None => Ok(None),
            }
        }

        fn record_load(
            &mut self,
            keys: &[String],
            export: &str,
            at: DateTime<Utc>,
        ) -> Result<store::LoadSeen, String> {
            Store::record_load(self, keys, export, at).map_err(|e| e.to_string())
        }

        fn snapshot(&self) -> Result<Snapshot, String> {
            let d = self
                .all()
                .map_err(|e| e.to_string())?
                .into_iter()
                .map(|d| {
                    (
                        d.key,
                        SavedDecision {
                            verdict: d.verdict,
                            at: d.decided_at,
                        },
                    )
                })
                .collect();
            let o = self
                .overrides()
                .map_err(|e| e.to_string())?
                .into_iter()
                .collect();
            Ok((d, o))
        }
    }
}
