//! Pure: folds the event log into the current decisions, the classification overrides and
//! the undo/redo stacks. No I/O; the store feeds it rows in id order.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::{Action, Change, Decision, EventId, Subject};
use crate::model::Overrides;
use crate::model::{Class, Verdict};

/// One row of the log, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Event {
    pub id: EventId,
    /// The undo group: the id of the first event of the transaction that wrote it.
    pub grp: EventId,
    pub at: DateTime<Utc>,
    pub export: Option<String>,
    pub kind: EventKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum EventKind {
    /// Accept or ignore; `class` is the classifier's class when the user decided.
    Decide {
        subject: Subject,
        verdict: Verdict,
        class: Option<Class>,
    },
    /// The user moved an invitation to `to`; `class` is what the classifier had said.
    Reclassify {
        subject: Subject,
        to: Class,
        class: Option<Class>,
    },
    /// Reverts the group with this id.
    Undo(EventId),
    /// Re-applies the group with this id.
    Redo(EventId),
}

impl EventKind {
    fn subject_action(&self) -> Option<(&Subject, Action)> {
        match self {
            EventKind::Decide {
                subject, verdict, ..
            } => Some((subject, Action::Decide(*verdict))),
            EventKind::Reclassify { subject, to, .. } => Some((subject, Action::Reclassify(*to))),
            EventKind::Undo(_) | EventKind::Redo(_) => None,
        }
    }
}

/// A run of decision events written in one transaction.
#[derive(Debug, Clone)]
struct Group {
    grp: EventId,
    /// Index of its first event in `Log::events`.
    first: usize,
    len: usize,
    active: bool,
}

/// The log as read so far, with the undo state it implies.
#[derive(Debug, Clone, Default)]
pub(crate) struct Log {
    events: Vec<Event>,
    groups: Vec<Group>,
    by_grp: HashMap<EventId, usize>,
    /// Undone groups that `redo` may re-apply, most recent last. Cleared by any new decision.
    redo: Vec<EventId>,
}

/// Everything derived from the log that readers ask for.
#[derive(Debug, Clone, Default)]
pub(crate) struct State {
    /// Oldest decision first.
    pub decisions: Vec<Decision>,
    pub index: HashMap<String, usize>,
    pub overrides: Overrides,
}

impl Log {
    /// The id of the newest event folded in, or 0.
    pub fn last_id(&self) -> EventId {
        self.events.last().map_or(0, |e| e.id)
    }

    /// Fold in the next event. Events must arrive in id order.
    pub fn push(&mut self, ev: Event) {
        let idx = self.events.len();
        match ev.kind {
            EventKind::Decide { .. } | EventKind::Reclassify { .. } => {
                match self.groups.last_mut() {
                    Some(g) if g.grp == ev.grp && g.first + g.len == idx => g.len += 1,
                    _ => {
                        self.by_grp.insert(ev.grp, self.groups.len());
                        self.groups.push(Group {
                            grp: ev.grp,
                            first: idx,
                            len: 1,
                            active: true,
                        });
                        self.redo.clear();
                    }
                }
            }
            // A log written by a correct store never undoes an unknown or inactive group;
            // if one does, the event changes nothing rather than failing the whole read.
            EventKind::Undo(target) => {
                if let Some(g) = self.group_mut(target).filter(|g| g.active) {
                    g.active = false;
                    self.redo.push(target);
                }
            }
            EventKind::Redo(target) => {
                if let Some(g) = self.group_mut(target).filter(|g| !g.active) {
                    g.active = true;
                    self.redo.retain(|&t| t != target);
                }
            }
        }
        self.events.push(ev);
    }

    fn group_mut(&mut self, grp: EventId) -> Option<&mut Group> {
        let i = *self.by_grp.get(&grp)?;
        self.groups.get_mut(i)
    }

    /// The newest group that is in effect: what `undo` reverts.
    pub fn undo_target(&self) -> Option<EventId> {
        self.groups.iter().rev().find(|g| g.active).map(|g| g.grp)
    }

    /// The most recently undone group, if nothing was decided since: what `redo` re-applies.
    pub fn redo_target(&self) -> Option<EventId> {
        self.redo.last().copied()
    }

    /// Who and what a group is about, for "Undid: accept Ana Alvarez".
    pub fn change(&self, grp: EventId) -> Option<Change> {
        let g = &self.groups[*self.by_grp.get(&grp)?];
        let mut subjects = Vec::with_capacity(g.len);
        let mut action = None;
        for ev in &self.events[g.first..g.first + g.len] {
            if let Some((s, a)) = ev.kind.subject_action() {
                subjects.push(s.clone());
                action.get_or_insert(a);
            }
        }
        Some(Change {
            subjects,
            action: action?,
        })
    }

    /// The current decisions and overrides: the events of every group in effect, in order,
    /// the later event for a key winning. A user override of the class wins over the class
    /// recorded with the decision.
    pub fn state(&self) -> State {
        let mut latest: HashMap<&str, usize> = HashMap::new();
        let mut overrides = Overrides::new();
        for g in self.groups.iter().filter(|g| g.active) {
            for (i, ev) in self.events[g.first..g.first + g.len].iter().enumerate() {
                match &ev.kind {
                    EventKind::Decide { subject, .. } => {
                        latest.insert(subject.key.as_str(), g.first + i);
                    }
                    EventKind::Reclassify { subject, to, .. } => {
                        overrides.insert(subject.key.clone(), *to);
                    }
                    EventKind::Undo(_) | EventKind::Redo(_) => {}
                }
            }
        }
        let mut order: Vec<usize> = latest.into_values().collect();
        order.sort_unstable();
        let mut decisions = Vec::with_capacity(order.len());
        let mut index = HashMap::with_capacity(order.len());
        for i in order {
            let ev = &self.events[i];
            if let EventKind::Decide {
                subject,
                verdict,
                class,
            } = &ev.kind
            {
                index.insert(subject.key.clone(), decisions.len());
                decisions.push(Decision {
                    key: subject.key.clone(),
                    name: subject.name.clone(),
                    profile_url: subject.profile_url.clone(),
                    verdict: *verdict,
                    decided_at: ev.at,
                    class: overrides.get(&subject.key).copied().or(*class),
                    export: ev.export.clone().unwrap_or_default(),
                });
            }
        }
        State {
            decisions,
            index,
            overrides,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 20, 9, min, 0).unwrap()
    }

    fn subject(key: &str) -> Subject {
        Subject {
            key: key.to_string(),
            name: key.to_uppercase(),
            profile_url: None,
        }
    }

    fn decide(id: EventId, grp: EventId, key: &str, verdict: Verdict) -> Event {
        Event {
            id,
            grp,
            at: t(id as u32),
            export: Some("export.zip".into()),
            kind: EventKind::Decide {
                subject: subject(key),
                verdict,
                class: Some(Class::Boilerplate),
            },
        }
    }

    fn op(id: EventId, kind: EventKind) -> Event {
        Event {
            id,
            grp: id,
            at: t(id as u32),
            export: None,
            kind,
        }
    }

    fn verdicts(log: &Log) -> Vec<(String, Verdict)> {
        log.state()
            .decisions
            .into_iter()
            .map(|d| (d.key, d.verdict))
            .collect()
    }

    #[test]
    fn later_decision_for_a_key_wins_and_moves_to_the_end() {
        let mut log = Log::default();
        log.push(decide(1, 1, "a", Verdict::Accept));
        log.push(decide(2, 2, "b", Verdict::Ignore));
        log.push(decide(3, 3, "a", Verdict::Ignore));
        assert_eq!(
            verdicts(&log),
            vec![("b".into(), Verdict::Ignore), ("a".into(), Verdict::Ignore)]
        );
        assert_eq!(log.state().decisions[1].decided_at, t(3));
    }

    #[test]
    fn undo_reverts_a_whole_group_and_restores_the_earlier_decision() {
        let mut log = Log::default();
        log.push(decide(1, 1, "a", Verdict::Accept));
        log.push(decide(2, 2, "a", Verdict::Ignore));
        log.push(decide(3, 2, "b", Verdict::Ignore));
        assert_eq!(log.undo_target(), Some(2));
        let change = log.change(2).unwrap();
        assert_eq!(change.action, Action::Decide(Verdict::Ignore));
        assert_eq!(change.subjects, vec![subject("a"), subject("b")]);
        log.push(op(4, EventKind::Undo(2)));
        assert_eq!(verdicts(&log), vec![("a".into(), Verdict::Accept)]);
        assert_eq!(log.undo_target(), Some(1));
        assert_eq!(log.redo_target(), Some(2));
    }

    #[test]
    fn redo_reapplies_in_stack_order_until_something_new_is_decided() {
        let mut log = Log::default();
        log.push(decide(1, 1, "a", Verdict::Accept));
        log.push(decide(2, 2, "b", Verdict::Accept));
        log.push(op(3, EventKind::Undo(2)));
        log.push(op(4, EventKind::Undo(1)));
        assert!(verdicts(&log).is_empty());
        assert_eq!(log.redo_target(), Some(1));
        log.push(op(5, EventKind::Redo(1)));
        assert_eq!(log.redo_target(), Some(2));
        assert_eq!(verdicts(&log), vec![("a".into(), Verdict::Accept)]);
        log.push(decide(6, 6, "c", Verdict::Ignore));
        assert_eq!(
            log.redo_target(),
            None,
            "a new decision ends the redo chain"
        );
        assert_eq!(log.undo_target(), Some(6));
    }

    #[test]
    fn reclassify_is_an_override_that_wins_and_can_be_undone() {
        let mut log = Log::default();
        log.push(decide(1, 1, "a", Verdict::Ignore));
        log.push(op(
            2,
            EventKind::Reclassify {
                subject: subject("a"),
                to: Class::Personal,
                class: Some(Class::Boilerplate),
            },
        ));
        let state = log.state();
        assert_eq!(state.overrides.get("a"), Some(&Class::Personal));
        assert_eq!(state.decisions[0].class, Some(Class::Personal));
        assert_eq!(
            log.change(2).unwrap().action,
            Action::Reclassify(Class::Personal)
        );
        log.push(op(3, EventKind::Undo(2)));
        let state = log.state();
        assert!(state.overrides.is_empty());
        assert_eq!(state.decisions[0].class, Some(Class::Boilerplate));
    }

    #[test]
    fn undo_of_unknown_or_inactive_groups_changes_nothing() {
        let mut log = Log::default();
        log.push(decide(1, 1, "a", Verdict::Accept));
        log.push(op(2, EventKind::Undo(99)));
        log.push(op(3, EventKind::Redo(1)));
        assert_eq!(verdicts(&log), vec![("a".into(), Verdict::Accept)]);
        assert_eq!(log.redo_target(), None);
        assert_eq!(log.last_id(), 3);
    }
}
