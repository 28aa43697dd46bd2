//! The state machine. Pure: `update` does no I/O and reads no clock (time is passed in); it
//! returns the effects the event loop must carry out.

use chrono::{DateTime, Utc};

use super::action::{Action, Effect, HistoryOutcome};
use super::keymap::Context;
use super::state::{BulkConfirm, Mode, State, Status, Tab, kind_label, next_kind_filter};
use super::view;
use invitriage::model::{Class, Verdict};
use invitriage::store::{self, Decision, NewEvent, Subject};

/// LinkedIn's page for pending invitations.
pub const INVITATION_MANAGER_URL: &str = "https://www.linkedin.com/mynetwork/invitation-manager/";
/// LinkedIn's page for the invitations the user sent, where they are withdrawn.
pub const SENT_INVITATIONS_URL: &str =
    "https://www.linkedin.com/mynetwork/invitation-manager/sent/";

/// How many names a confirmation dialog or status line lists before "and N more".
const NAMES_SHOWN: usize = 3;

/// Apply one action at time `now`.
pub fn update(state: &mut State, action: Action, now: DateTime<Utc>) -> Vec<Effect> {
    state.now = now;
    match action {
        Action::MoveDown => scroll_or_move(state, 1),
        Action::MoveUp => scroll_or_move(state, -1),
        Action::PageDown => {
            let page = page_size(state);
            scroll_or_move(state, page)
        }
        Action::PageUp => {
            let page = page_size(state);
            scroll_or_move(state, -page)
        }
        Action::Top => {
            if in_list(state) {
                select(state, 0);
            }
        }
        Action::Bottom => {
            if in_list(state) {
                select(state, state.visible().len().saturating_sub(1));
            }
        }
        Action::NextTab | Action::PrevTab => {
            if in_list(state) {
                state.tab = if action == Action::NextTab {
                    state.tab.next()
                } else {
                    state.tab.prev()
                };
                refilter_keep_or_top(state);
            }
        }
        Action::Accept | Action::Ignore | Action::Withdraw => {
            let verdict = match action {
                Action::Accept => Verdict::Accept,
                Action::Ignore => Verdict::Ignore,
                _ => Verdict::Withdraw,
            };
            if matches!(state.mode, Mode::Normal | Mode::Profile { .. }) {
                state.mode = Mode::Normal;
                if let Some(text) = wrong_direction(state, state.selected_row(), verdict) {
                    info(state, text);
                    return Vec::new();
                }
                return decide_selected(state, verdict);
            }
        }
        Action::WithdrawAll => {
            if state.mode == Mode::Normal {
                if state.tab != Tab::Sent {
                    let text = format!(
                        "{} marks requests you sent: see the Sent tab ({})",
                        key(state, "withdraw_all"),
                        key(state, "next_tab")
                    );
                    info(state, text);
                } else {
                    ask_bulk(state, Verdict::Withdraw);
                }
            }
        }
        Action::ToggleNewOnly => {
            if state.mode == Mode::Normal {
                if state.insight.previous_load.is_none() {
                    info(
                        state,
                        "Nothing is new: this is the first time this state has seen an export"
                            .to_string(),
                    );
                } else {
                    state.only_new = !state.only_new;
                    refilter_keep_or_top(state);
                    let text = if state.only_new {
                        format!(
                            "Showing only what is new ({} to show everything)",
                            key(state, "only_new")
                        )
                    } else {
                        "Showing everything".to_string()
                    };
                    info(state, text);
                }
            }
        }
        Action::ToggleOverview => match state.mode {
            Mode::Normal => state.mode = Mode::Overview { cluster: 0 },
            Mode::Overview { .. } => state.mode = Mode::Normal,
            _ => {}
        },
        Action::FilterCluster => {
            if let Mode::Overview { cluster } = state.mode {
                match state.insight.monthly.clusters.get(cluster) {
                    Some(c) => {
                        let (rank, size) = (c.rank, c.size);
                        state.cluster_filter = Some(rank);
                        state.mode = Mode::Normal;
                        // The cluster's rows are incoming: show them wherever they are.
                        if state.tab == Tab::Sent {
                            state.tab = Tab::All;
                        }
                        refilter_keep_or_top(state);
                        let text = format!(
                            "Showing template cluster #{rank} ({size} invitations); {} clears",
                            key(state, "clear")
                        );
                        info(state, text);
                    }
                    None => info(state, "No template clusters in this export".to_string()),
                }
            }
        }
        Action::OpenProfile => {
            if state.mode == Mode::Normal {
                if state.selected_row().is_some() {
                    state.mode = Mode::Profile { scroll: 0 };
                } else {
                    info(state, "Nothing selected".to_string());
                }
            }
        }
        Action::Undo | Action::Redo => {
            if state.mode == Mode::Normal {
                let redo = action == Action::Redo;
                info(
                    state,
                    if redo { "Redoing…" } else { "Undoing…" }.to_string(),
                );
                return vec![if redo { Effect::Redo } else { Effect::Undo }];
            }
        }
        Action::ToggleMark => {
            if state.mode == Mode::Normal
                && let Some(row) = state.selected_row()
            {
                if !state.marks.remove(&row) {
                    state.marks.insert(row);
                }
                let n = state.marks.len();
                info(
                    state,
                    format!(
                        "{n} marked: {} / {} to decide them",
                        key(state, "accept_all"),
                        key(state, "ignore_all")
                    ),
                );
                move_by(state, 1);
            }
        }
        Action::AcceptAll | Action::IgnoreAll => {
            if state.mode == Mode::Normal {
                let verdict = if action == Action::AcceptAll {
                    Verdict::Accept
                } else {
                    Verdict::Ignore
                };
                ask_bulk(state, verdict);
            }
        }
        Action::Confirm => {
            if let Mode::Confirm(bulk) = &state.mode {
                let bulk = bulk.clone();
                state.mode = Mode::Normal;
                return confirm_bulk(state, bulk);
            }
        }
        Action::Cancel => match &state.mode {
            Mode::Confirm(_) => {
                state.mode = Mode::Normal;
                info(state, "Cancelled: nothing decided".to_string());
            }
            Mode::Profile { .. } | Mode::Help { .. } | Mode::Overview { .. } => {
                state.mode = Mode::Normal
            }
            Mode::Search => clear_search(state),
            Mode::Normal => {}
        },
        Action::Reclassify => {
            if state.mode == Mode::Normal {
                return reclassify_selected(state);
            }
        }
        Action::SearchStart => match &mut state.mode {
            Mode::Normal => {
                state.mode = Mode::Search;
                state.search.clear();
                state.rematch();
            }
            Mode::Help {
                query,
                typing,
                scroll,
            } => {
                query.clear();
                *typing = true;
                *scroll = 0;
            }
            _ => {}
        },
        Action::SearchInput(c) => match &mut state.mode {
            Mode::Search => {
                state.search.push(c);
                search_changed(state);
            }
            Mode::Help {
                query,
                typing: true,
                scroll,
            } => {
                query.push(c);
                *scroll = 0;
            }
            _ => {}
        },
        Action::SearchBackspace => match &mut state.mode {
            Mode::Search => {
                state.search.pop();
                search_changed(state);
            }
            Mode::Help {
                query,
                typing: true,
                scroll,
            } => {
                query.pop();
                *scroll = 0;
            }
            _ => {}
        },
        Action::SearchSubmit => match &mut state.mode {
            Mode::Search => {
                state.mode = Mode::Normal;
                if state.search.is_empty() {
                    state.status = None;
                } else {
                    let n = state.matches().len();
                    info(
                        state,
                        format!(
                            "{n} match{} for \"{}\": {} / {} to jump, {} to clear",
                            if n == 1 { "" } else { "es" },
                            state.search,
                            key(state, "next_match"),
                            key(state, "prev_match"),
                            key(state, "clear"),
                        ),
                    );
                }
            }
            Mode::Help { typing, .. } => *typing = false,
            _ => {}
        },
        Action::SearchClear => match &mut state.mode {
            Mode::Normal if state.search.is_empty() && state.cluster_filter.is_some() => {
                state.cluster_filter = None;
                refilter_keep_or_top(state);
                info(state, "Showing every cluster".to_string());
            }
            Mode::Search | Mode::Normal => clear_search(state),
            Mode::Help {
                query,
                typing,
                scroll,
            } => {
                query.clear();
                *typing = false;
                *scroll = 0;
            }
            _ => {}
        },
        Action::NextMatch | Action::PrevMatch => {
            if matches!(state.mode, Mode::Normal | Mode::Search) {
                jump_match(state, action == Action::NextMatch);
            }
        }
        Action::FilterKind => {
            if state.mode == Mode::Normal {
                state.kind_filter = next_kind_filter(state.kind_filter);
                refilter_keep_or_top(state);
                let text = match state.kind_filter {
                    Some(k) => format!("Showing only: {}", kind_label(k)),
                    None => "Showing every kind".to_string(),
                };
                info(state, text);
            }
        }
        Action::CycleSort => {
            if state.mode == Mode::Normal {
                state.sort = state.sort.next();
                state.resort();
                let text = format!("Sorted by {}", state.sort.label());
                info(state, text);
            }
        }
        Action::OpenInBrowser => {
            if matches!(state.mode, Mode::Normal | Mode::Profile { .. })
                && let Some(row) = state.selected_row()
            {
                let inv = &state.rows[row].inv;
                return match inv.counterpart_url() {
                    Some(url) => {
                        let url = url.to_string();
                        info(state, format!("Opening {url}"));
                        vec![Effect::OpenUrl(url)]
                    }
                    None => {
                        let text = format!(
                            "This export has no profile URL for {}; {} opens the invitation manager",
                            inv.counterpart_name(),
                            key(state, "open_invitation_manager")
                        );
                        error(state, text);
                        vec![]
                    }
                };
            }
        }
        Action::OpenInvitationManager => {
            if state.mode == Mode::Normal {
                let url = if state.tab == Tab::Sent {
                    SENT_INVITATIONS_URL
                } else {
                    INVITATION_MANAGER_URL
                };
                info(state, format!("Opening {url}"));
                return vec![Effect::OpenUrl(url.to_string())];
            }
        }
        Action::ToggleConnected => {
            if state.mode == Mode::Normal {
                state.show_connected = !state.show_connected;
                refilter_keep_or_top(state);
                let n = state.counts().connected;
                let text = if state.show_connected {
                    format!("Showing {n} from people already connected")
                } else {
                    format!("Hiding {n} from people already connected")
                };
                info(state, text);
            }
        }
        Action::DetailDown => state.detail_scroll = state.detail_scroll.saturating_add(3),
        Action::DetailUp => state.detail_scroll = state.detail_scroll.saturating_sub(3),
        Action::Help => {
            state.mode = match state.mode {
                Mode::Help { .. } => Mode::Normal,
                _ => Mode::Help {
                    query: String::new(),
                    typing: false,
                    scroll: 0,
                },
            }
        }
        Action::Quit => return vec![Effect::Quit],
        Action::Click { column, row } => click(state, column, row),
        Action::Wheel { down, column, row } => wheel(state, down, column, row),
        Action::Resize { width, height } => {
            state.size = (width, height);
            state.clamp_scroll();
        }
        Action::Persisted(saved) => persisted(state, saved),
        Action::PersistFailed { events, error: e } => {
            for ev in &events {
                if state.saving.get(&ev.subject.key) == Some(ev) {
                    state.saving.remove(&ev.subject.key);
                }
            }
            error(state, format!("Not saved, nothing changed: {e}"));
        }
        Action::HistoryApplied(outcome) => history_applied(state, outcome),
        Action::HistoryFailed { redo, error: e } => {
            let what = if redo { "Redo" } else { "Undo" };
            error(state, format!("{what} failed, nothing changed: {e}"));
        }
        Action::StoreBusy { path, wait_secs } => {
            info(
                state,
                format!(
                    "Waiting for another invitriage process to finish writing {path} \
                     (gives up after {wait_secs}s)…"
                ),
            );
        }
        Action::BrowserFailed { url, error: e } => {
            error(state, format!("Could not open a browser for {url}: {e}"));
        }
    }
    Vec::new()
}

fn in_list(state: &State) -> bool {
    matches!(state.mode, Mode::Normal | Mode::Search)
}

fn key(state: &State, name: &str) -> String {
    state
        .keymap
        .key_for(Context::Normal, name)
        .map(|k| k.to_string())
        .unwrap_or_else(|| format!("({name} is unbound)"))
}

fn info(state: &mut State, text: String) {
    state.status = Some(Status { text, error: false });
}

fn error(state: &mut State, text: String) {
    state.status = Some(Status { text, error: true });
}

fn page_size(state: &State) -> isize {
    let h = match state.mode {
        Mode::Help { .. } | Mode::Profile { .. } => view::popup_height(state) as usize,
        _ => state.list_height(),
    };
    h.saturating_sub(1).max(1) as isize
}

fn scroll_or_move(state: &mut State, delta: isize) {
    match &mut state.mode {
        Mode::Normal | Mode::Search => move_by(state, delta),
        Mode::Profile { scroll } | Mode::Help { scroll, .. } => {
            *scroll = if delta < 0 {
                scroll.saturating_sub(delta.unsigned_abs() as u16)
            } else {
                scroll.saturating_add(delta as u16)
            }
        }
        Mode::Overview { cluster } => {
            let last = state.insight.monthly.clusters.len().saturating_sub(1);
            *cluster = if delta < 0 {
                cluster.saturating_sub(delta.unsigned_abs())
            } else {
                cluster.saturating_add(delta as usize).min(last)
            };
        }
        Mode::Confirm(_) => {}
    }
}

fn move_by(state: &mut State, delta: isize) {
    let len = state.visible().len();
    if len == 0 {
        return;
    }
    let pos = if delta < 0 {
        state.selected.saturating_sub(delta.unsigned_abs())
    } else {
        state.selected.saturating_add(delta as usize)
    };
    select(state, pos.min(len - 1));
}

fn select(state: &mut State, pos: usize) {
    let pos = pos.min(state.visible().len().saturating_sub(1));
    if pos != state.selected {
        state.detail_scroll = 0;
    }
    state.selected = pos;
    state.clamp_scroll();
}

/// Refilter after a tab/filter change: keep the selected row if it is still shown, else go to
/// the top.
fn refilter_keep_or_top(state: &mut State) {
    let keep = state.selected_row();
    state.refilter();
    if state.selected_row() != keep || keep.is_none() {
        state.selected = 0;
        state.scroll = 0;
        state.detail_scroll = 0;
        state.clamp_scroll();
    }
}

/// The event to store for `row`: the sender as a subject, stamped with the export and `now`.
fn pending(state: &State, row: usize, action: store::Action, class: Option<Class>) -> NewEvent {
    let inv = &state.rows[row].inv;
    NewEvent {
        subject: Subject {
            key: state.rows[row].key.clone(),
            name: inv.counterpart_name().to_string(),
            profile_url: inv.counterpart_url().map(str::to_string),
        },
        action,
        class,
        export: state.source.clone(),
        at: state.now,
    }
}

/// Why `verdict` does not fit the row: accept and ignore are for requests others sent,
/// withdraw for the user's own.
fn wrong_direction(state: &State, row: Option<usize>, verdict: Verdict) -> Option<String> {
    let row = row?;
    let outgoing = state.is_outgoing(row);
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

fn past(v: Verdict) -> &'static str {
    match v {
        Verdict::Accept => "accepted",
        Verdict::Ignore => "ignored",
        Verdict::Withdraw => "marked to withdraw",
    }
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
            state.rows[row].inv.counterpart_name(),
            past(verdict)
        );
        info(state, text);
        advance_to_undecided(state);
        return Vec::new();
    }
    let ev = pending(
        state,
        row,
        store::Action::Decide(verdict),
        Some(state.class_of(row)),
    );
    state.saving.insert(ev.subject.key.clone(), ev.clone());
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
    let start = state.selected;
    let undecided = |s: &State, pos: usize| {
        let row = s.visible()[pos];
        s.decision_of(row).is_none() && !s.is_saving(row)
    };
    let next = (start + 1..len)
        .chain(0..start)
        .find(|p| undecided(state, *p));
    if let Some(p) = next {
        select(state, p);
    }
}

fn reclassify_selected(state: &mut State) -> Vec<Effect> {
    let Some(row) = state.selected_row() else {
        info(state, "Nothing to reclassify in this view".to_string());
        return Vec::new();
    };
    if state.is_saving(row) {
        return Vec::new();
    }
    let to = state.class_of(row).flipped();
    let ev = pending(state, row, store::Action::Reclassify(to), Some(to));
    state.saving.insert(ev.subject.key.clone(), ev.clone());
    info(
        state,
        format!("Saving: {} is {}…", ev.subject.name, to.as_str()),
    );
    vec![Effect::Persist(vec![ev])]
}

fn ask_bulk(state: &mut State, verdict: Verdict) {
    let marked = !state.marks.is_empty();
    let candidates: Vec<usize> = if marked {
        state.marks.iter().copied().collect()
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

/// "Ana Alvarez, Ben Okafor, Chen Wei and 9 more".
pub fn names_preview<'a>(names: impl Iterator<Item = &'a str>, total: usize) -> String {
    let shown: Vec<&str> = names.take(NAMES_SHOWN).collect();
    let mut s = shown.join(", ");
    if total > shown.len() {
        s.push_str(&format!(" and {} more", total - shown.len()));
    }
    s
}

fn confirm_bulk(state: &mut State, bulk: BulkConfirm) -> Vec<Effect> {
    let mut seen = std::collections::HashSet::new();
    let mut events = Vec::new();
    for &row in &bulk.rows {
        if row >= state.rows.len() || !seen.insert(state.rows[row].key.clone()) {
            continue;
        }
        events.push(pending(
            state,
            row,
            store::Action::Decide(bulk.verdict),
            Some(state.class_of(row)),
        ));
    }
    for ev in &events {
        state.saving.insert(ev.subject.key.clone(), ev.clone());
    }
    if bulk.marked {
        state.marks.clear();
    }
    info(
        state,
        format!(
            "Saving: {} {} invitations…",
            bulk.verdict.as_str(),
            events.len()
        ),
    );
    vec![Effect::Persist(events)]
}

fn clear_search(state: &mut State) {
    state.search.clear();
    state.mode = Mode::Normal;
    state.rematch();
    state.status = None;
}

fn search_changed(state: &mut State) {
    state.rematch();
    // Incremental: the first match at or after the selection.
    let sel = state.selected;
    let m = state.matches();
    if let Some(&p) = m.iter().find(|p| **p >= sel).or(m.first()) {
        select(state, p);
    }
}

fn jump_match(state: &mut State, forward: bool) {
    if state.search.is_empty() {
        let text = format!("No search: {} to search", key(state, "search"));
        info(state, text);
        return;
    }
    let m = state.matches();
    if m.is_empty() {
        let text = format!("No match for \"{}\"", state.search);
        error(state, text);
        return;
    }
    let sel = state.selected;
    let target = if forward {
        m.iter().copied().find(|p| *p > sel).unwrap_or(m[0])
    } else {
        m.iter()
            .rev()
            .copied()
            .find(|p| *p < sel)
            .unwrap_or(m[m.len() - 1])
    };
    let n = m.iter().position(|p| *p == target).unwrap_or(0) + 1;
    let total = m.len();
    select(state, target);
    info(
        state,
        format!("Match {n} of {total} for \"{}\"", state.search),
    );
}

fn click(state: &mut State, column: u16, row: u16) {
    if !in_list(state) {
        return;
    }
    let areas = view::layout(ratatui::layout::Rect::new(0, 0, state.size.0, state.size.1));
    if row == areas.tabs.y && areas.tabs.height > 0 {
        if let Some(tab) = view::tab_at(state, areas.tabs, column) {
            state.tab = tab;
            refilter_keep_or_top(state);
        }
        return;
    }
    let l = areas.list;
    if column >= l.x && column < l.right() && row >= l.y && row < l.bottom() {
        let pos = state.scroll + (row - l.y) as usize;
        if pos < state.visible().len() {
            select(state, pos);
        }
    }
}

fn wheel(state: &mut State, down: bool, column: u16, row: u16) {
    let step: isize = if down { 3 } else { -3 };
    match state.mode {
        Mode::Profile { .. } | Mode::Help { .. } => scroll_or_move(state, step),
        Mode::Overview { .. } => scroll_or_move(state, step.signum()),
        Mode::Normal | Mode::Search => {
            let areas = view::layout(ratatui::layout::Rect::new(0, 0, state.size.0, state.size.1));
            let over_detail = areas.detail.is_some_and(|d| {
                column >= d.x && column < d.right() && row >= d.y && row < d.bottom()
            });
            if over_detail {
                state.detail_scroll = if down {
                    state.detail_scroll.saturating_add(3)
                } else {
                    state.detail_scroll.saturating_sub(3)
                };
            } else {
                move_by(state, step);
            }
        }
        Mode::Confirm(_) => {}
    }
}

fn persisted(state: &mut State, saved: Vec<NewEvent>) {
    let mut reclassified = false;
    for ev in &saved {
        if state.saving.get(&ev.subject.key) == Some(ev) {
            state.saving.remove(&ev.subject.key);
        }
        match ev.action {
            store::Action::Decide(verdict) => {
                // What the store's replay derives for this event.
                let decision = Decision {
                    key: ev.subject.key.clone(),
                    name: ev.subject.name.clone(),
                    profile_url: ev.subject.profile_url.clone(),
                    verdict,
                    decided_at: ev.at,
                    class: state.overrides.get(&ev.subject.key).copied().or(ev.class),
                    export: ev.export.clone(),
                };
                state.decisions.insert(ev.subject.key.clone(), decision);
            }
            store::Action::Reclassify(class) => {
                state.overrides.insert(ev.subject.key.clone(), class);
                reclassified = true;
            }
        }
    }
    if reclassified {
        state.resort();
    } else {
        state.refilter();
    }
    let undo = key(state, "undo");
    let text = match saved.as_slice() {
        [] => return,
        [one] => match one.action {
            store::Action::Decide(v) => {
                format!("{} {}: {undo} to undo", capital(past(v)), one.subject.name)
            }
            store::Action::Reclassify(c) => {
                format!(
                    "Marked {} as {}: {undo} to undo",
                    one.subject.name,
                    c.as_str()
                )
            }
        },
        many => match many[0].action {
            store::Action::Decide(v) => {
                format!(
                    "{} {} invitations: {undo} to undo",
                    capital(past(v)),
                    many.len()
                )
            }
            store::Action::Reclassify(c) => {
                format!(
                    "Marked {} invitations as {}: {undo} to undo",
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

fn history_applied(state: &mut State, outcome: HistoryOutcome) {
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
    for (key, d) in decisions.iter().cloned() {
        match d {
            Some(d) => state.decisions.insert(key, d),
            None => state.decisions.remove(&key),
        };
    }
    for (key, c) in &overrides {
        match c {
            Some(c) => state.overrides.insert(key.clone(), *c),
            None => state.overrides.remove(key),
        };
    }
    if matches!(change.action, store::Action::Reclassify(_)) {
        state.resort();
    } else {
        state.refilter();
    }
    // Show the row the change was about, if it is in this view.
    if let Some(pos) = change
        .subjects
        .iter()
        .filter_map(|s| state.by_key.get(&s.key))
        .flatten()
        .find_map(|r| state.visible().iter().position(|v| v == r))
    {
        select(state, pos);
    }
    let done = if redo { "Redone" } else { "Undone" };
    info(state, format!("{done}: {}", change.describe()));
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
