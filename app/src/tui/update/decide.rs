//! Deciding, reclassifying and the store's answers: the part of `update` that turns a verdict
//! into events to persist and a saved or undone step into a status line. Pure, like its parent.

use super::*;

/// The event to store for `row`: the sender as a subject, stamped with the export and `now`.
fn pending(state: &State, row: usize, action: store::Action, class: Option<Class>) -> NewEvent {
    let r = state.row(row);
    NewEvent {
        subject: Subject {
            key: r.key.to_string(),
            name: r.inv.counterpart_name().to_string(),
            profile_url: r.inv.counterpart_url().map(str::to_string),
        },
        action,
        class,
        export: state.source().to_string(),
        at: state.now,
    }
}

fn past(v: Verdict) -> &'static str {
    match v {
        Verdict::Accept => "accepted",
        Verdict::Ignore => "ignored",
        Verdict::Withdraw => "marked to withdraw",
    }
}

/// Why `verdict` does not fit the row: accept and ignore are for requests others sent,
/// withdraw for the user's own.
fn wrong_direction(state: &State, row: Option<usize>, verdict: Verdict) -> Option<String> {
    let outgoing = state.is_outgoing(row?);
    match (verdict, outgoing) {
        (Verdict::Withdraw, false) => Some(format!(
            "{} marks a request you sent to withdraw: see the Sent tab",
            key(state, "withdraw")
        )),
        (Verdict::Accept | Verdict::Ignore, true) => Some(format!(
            "This is a request you sent: {} marks it to withdraw",
            key(state, "withdraw")
        )),
        _ => None,
    }
}

/// [`decide_selected`], refusing a verdict that does not fit the row's direction.
pub(super) fn decide_checked(state: &mut State, verdict: Verdict) -> Vec<Effect> {
    if let Some(text) = wrong_direction(state, state.selected_row(), verdict) {
        info(state, text);
        return Vec::new();
    }
    decide_selected(state, verdict)
}

fn decide_selected(state: &mut State, verdict: Verdict) -> Vec<Effect> {
    let Some(row) = state.selected_row() else {
        info(state, "Nothing to decide in this view".to_string());
        return Vec::new();
    };
    if state.is_saving(row) {
        return Vec::new();
    }
    if state.decision_of(row).map(|d| d.verdict) == Some(verdict) {
        let text = format!(
            "{} is already {}",
            state.inv(row).counterpart_name(),
            past(verdict)
        );
        info(state, text);
        advance_to_undecided(state);
        return Vec::new();
    }
    // While the export loads the class is not known yet: none is recorded.
    let class = (!state.is_pending()).then(|| state.class_of(row));
    let ev = pending(state, row, store::Action::Decide(verdict), class);
    state.start_saving(std::slice::from_ref(&ev));
    info(
        state,
        format!("Saving: {} {}…", verdict.as_str(), ev.subject.name),
    );
    advance_to_undecided(state);
    vec![Effect::Persist(vec![ev])]
}

/// Move to the next row without a decision (wrapping), or stay.
fn advance_to_undecided(state: &mut State) {
    let len = state.visible().len();
    let start = state.selected();
    let undecided = |s: &State, pos: usize| {
        let row = s.visible()[pos];
        s.decision_of(row).is_none() && !s.is_saving(row)
    };
    let next = (start + 1..len)
        .chain(0..start)
        .find(|p| undecided(state, *p));
    if let Some(p) = next {
        state.select(p);
    }
}

pub(super) fn reclassify_selected(state: &mut State) -> Vec<Effect> {
    let Some(row) = state.selected_row() else {
        info(state, "Nothing to reclassify in this view".to_string());
        return Vec::new();
    };
    if state.is_saving(row) {
        return Vec::new();
    }
    let to = state.class_of(row).flipped();
    let ev = pending(state, row, store::Action::Reclassify(to), Some(to));
    state.start_saving(std::slice::from_ref(&ev));
    info(
        state,
        format!("Saving: {} is {}…", ev.subject.name, to.as_str()),
    );
    vec![Effect::Persist(vec![ev])]
}

pub(super) fn ask_bulk(state: &mut State, verdict: Verdict) {
    let marked = !state.marks().is_empty();
    let candidates: Vec<usize> = if marked {
        state.marks().iter().copied().collect()
    } else {
        state.visible().to_vec()
    };
    let rows: Vec<usize> = candidates
        .into_iter()
        .filter(|r| {
            state.decision_of(*r).map(|d| d.verdict) != Some(verdict)
                && !state.is_saving(*r)
                && wrong_direction(state, Some(*r), verdict).is_none()
        })
        .collect();
    if rows.is_empty() {
        let text = if marked {
            format!("Every marked invitation is already {}", past(verdict))
        } else {
            format!("Nothing to {} in this view", verdict.as_str())
        };
        info(state, text);
        return;
    }
    state.mode = Mode::Confirm(BulkConfirm {
        verdict,
        rows,
        marked,
    });
}

pub(super) fn confirm_bulk(state: &mut State, bulk: BulkConfirm) -> Vec<Effect> {
    let mut seen = std::collections::HashSet::new();
    let mut events = Vec::new();
    for &row in &bulk.rows {
        if row >= state.rows().len() || !seen.insert(state.key(row).to_string()) {
            continue;
        }
        events.push(pending(
            state,
            row,
            store::Action::Decide(bulk.verdict),
            Some(state.class_of(row)),
        ));
    }
    state.start_saving(&events);
    if bulk.marked {
        state.clear_marks();
    }
    let (people, invitations) = state.people_of(&bulk.rows);
    info(
        state,
        format!(
            "Saving: {} {}…",
            bulk.verdict.as_str(),
            invitations_phrase(invitations, people.len())
        ),
    );
    vec![Effect::Persist(events)]
}

/// The rows near-identical to the rows of `keys` (not of `keys` themselves) and their class
/// now: compared after a reclassification, they tell how many moved with it.
fn near_identical_classes<'a>(
    state: &State,
    keys: impl IntoIterator<Item = &'a str>,
) -> Vec<(usize, Class)> {
    let keys: std::collections::HashSet<&str> = keys.into_iter().collect();
    let mut rows: Vec<usize> = keys
        .iter()
        .flat_map(|k| state.rows_of_key(k))
        .flat_map(|r| state.near_identical(r))
        .filter(|&r| !keys.contains(state.key(r)))
        .collect();
    rows.sort_unstable();
    rows.dedup();
    rows.into_iter().map(|r| (r, state.class_of(r))).collect()
}

/// "; 3 near-identical notes moved with it", or nothing when none changed class since `before`.
fn moved_phrase(state: &State, before: &[(usize, Class)], how: &str) -> String {
    match before
        .iter()
        .filter(|(r, c)| state.class_of(*r) != *c)
        .count()
    {
        0 => String::new(),
        1 => format!("; 1 near-identical note moved {how}"),
        n => format!("; {n} near-identical notes moved {how}"),
    }
}

pub(super) fn persisted(state: &mut State, saved: Vec<NewEvent>) {
    let reclassified = saved
        .iter()
        .filter(|e| matches!(e.action, store::Action::Reclassify(_)))
        .map(|e| e.subject.key.as_str());
    let near = near_identical_classes(state, reclassified);
    state.saved(&saved);
    let how = if saved.len() == 1 {
        "with it"
    } else {
        "with them"
    };
    let moved = moved_phrase(state, &near, how);
    let undo = key(state, "undo");
    // Every invitation of a person follows the decision: say so, or the counts jump unexplained.
    let covered = |key: &str| state.rows_of_key(key).len().max(1);
    let invitations: usize = saved.iter().map(|e| covered(&e.subject.key)).sum();
    let text = match saved.as_slice() {
        [] => return,
        [one] => match one.action {
            store::Action::Decide(v) => match covered(&one.subject.key) {
                1 => format!("{} {}: {undo} to undo", capital(past(v)), one.subject.name),
                n => format!(
                    "{} {} and their {} other invitation{}: {undo} to undo",
                    capital(past(v)),
                    one.subject.name,
                    n - 1,
                    if n == 2 { "" } else { "s" }
                ),
            },
            store::Action::Reclassify(c) => {
                format!(
                    "Marked {} as {}{moved}: {undo} to undo",
                    one.subject.name,
                    c.as_str()
                )
            }
        },
        many => match many[0].action {
            store::Action::Decide(v) => {
                format!(
                    "{} {}: {undo} to undo",
                    capital(past(v)),
                    invitations_phrase(invitations, many.len())
                )
            }
            store::Action::Reclassify(c) => {
                format!(
                    "Marked {} invitations as {}{moved}: {undo} to undo",
                    many.len(),
                    c.as_str()
                )
            }
        },
    };
    info(state, text);
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub(super) fn history_applied(state: &mut State, outcome: HistoryOutcome) {
    let HistoryOutcome {
        redo,
        change,
        decisions,
        overrides,
    } = outcome;
    let Some(change) = change else {
        let text = if redo {
            "Nothing to redo"
        } else {
            "Nothing to undo"
        };
        info(state, text.to_string());
        return;
    };
    let near = near_identical_classes(state, overrides.iter().map(|(k, _)| k.as_str()));
    state.history_changed(decisions, overrides);
    let how = match (redo, change.subjects.len()) {
        (false, _) => "back",
        (true, 1) => "with it",
        (true, _) => "with them",
    };
    let moved = moved_phrase(state, &near, how);
    // Show the row the change was about, if it is in this view.
    if let Some(pos) = change
        .subjects
        .iter()
        .flat_map(|s| state.rows_of_key(&s.key))
        .find_map(|r| state.visible().iter().position(|v| *v == r))
    {
        state.select(pos);
    }
    let done = if redo { "Redone" } else { "Undone" };
    info(state, format!("{done}: {}{moved}", change.describe()));
}
