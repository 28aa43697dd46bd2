//! The state machine. Pure: `update` does no I/O and reads no clock (time is passed in); it
//! returns the effects the event loop must carry out.
//!
//! `update` routes by mode first: results from the loop and a few keys mean the same
//! everywhere; everything else goes to the handler of whatever has the keyboard (the list,
//! the list search, the profile popup, the help, the confirmation dialog).

use chrono::{DateTime, Utc};

use super::action::{Action, Effect, HistoryOutcome};
use super::input::Edit;
use super::keymap::Context;
use super::state::{BulkConfirm, Mode, State, Status, Tab, invitations_phrase, kind_label};
use invitriage::model::{Class, Verdict};
use invitriage::store::{self, NewEvent, Subject};

mod decide;
use decide::{
    ask_bulk, confirm_bulk, decide_checked, history_applied, persisted, reclassify_selected,
};

/// LinkedIn's page for pending invitations.
pub const INVITATION_MANAGER_URL: &str = "https://www.linkedin.com/mynetwork/invitation-manager/";
/// LinkedIn's page for the invitations the user sent, where they are withdrawn.
pub const SENT_INVITATIONS_URL: &str =
    "https://www.linkedin.com/mynetwork/invitation-manager/sent/";

/// Apply one action at time `now`. Every scroll offset ends within its content.
pub fn update(state: &mut State, action: Action, now: DateTime<Utc>) -> Vec<Effect> {
    let effects = step(state, action, now);
    clamp_scrolls(state);
    effects
}

/// Keep the detail pane and popup offsets within what the view measured: scrolling past the
/// end would leave a blank pane and make the opposite key seem dead.
fn clamp_scrolls(state: &mut State) {
    let limits = state.scroll_limits;
    state.detail_scroll = state.detail_scroll.min(limits.detail);
    if let Mode::Profile { scroll } | Mode::Help { scroll, .. } = &mut state.mode {
        *scroll = (*scroll).min(limits.popup);
    }
}

fn step(state: &mut State, action: Action, now: DateTime<Utc>) -> Vec<Effect> {
    state.now = now;
    match action {
        // The same in every mode.
        Action::Quit => return vec![Effect::Quit],
        Action::Help => {
            state.mode = match state.mode {
                Mode::Help { .. } => Mode::Normal,
                _ => {
                    state.stop_search_typing();
                    Mode::Help {
                        query: Default::default(),
                        scroll: 0,
                    }
                }
            };
            return Vec::new();
        }
        Action::DetailDown => state.detail_scroll = state.detail_scroll.saturating_add(3),
        Action::DetailUp => state.detail_scroll = state.detail_scroll.saturating_sub(3),
        Action::Resize { width, height } => state.resize(width, height),
        Action::ScrollLimits(limits) => state.scroll_limits = limits,
        // What the loop feeds back after doing I/O.
        Action::Persisted(saved) => persisted(state, saved),
        Action::PersistFailed { events, error: e } => {
            state.save_failed(&events);
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
        Action::CopyProfileUrl if matches!(state.mode, Mode::Normal | Mode::Profile { .. }) => {
            return copy_profile_url(state);
        }
        Action::Copied { url, how } => info(state, format!("Copied {url} ({how})")),
        Action::CopyFailed { url, error: e } => error(state, format!("Not copied ({e}): {url}")),
        Action::BrowserFailed { url, error: e } => {
            // The reason first: a long URL is what gets cut on a narrow status line.
            error(state, format!("No browser opened ({e}): {url}"));
        }
        // The loader's news: how far it is, then the whole export with its classes.
        Action::LoadProgress(p) => state.load_progress(p),
        Action::Loaded(loaded) => {
            state.finish_loading(*loaded);
            // What is new since the last load is known once every row is.
            return vec![Effect::RecordLoad {
                keys: state.row_keys(),
                source: state.source().to_string(),
            }];
        }
        Action::Seen(Ok(seen)) => state.set_seen(seen.new, seen.previous_load),
        Action::Seen(Err(e)) => error(
            state,
            format!("Could not tell what is new since the last load: {e}"),
        ),
        action if state.is_pending() && waits_for_classes(&action).is_some() => {
            let what = waits_for_classes(&action).unwrap_or_default();
            info(
                state,
                format!(
                    "{what} waits for the classes; move, {}, {}, {}, {} work now",
                    key(state, "search"),
                    key(state, "profile"),
                    key(state, "accept"),
                    key(state, "ignore")
                ),
            );
        }
        // Everything else belongs to what has the keyboard.
        action => {
            return match &state.mode {
                Mode::Normal if state.search().is_typing() => list_search(state, action),
                Mode::Normal => list(state, action),
                Mode::Profile { .. } => profile(state, action),
                Mode::Help { .. } => help(state, action),
                Mode::Confirm(_) => confirm(state, action),
                Mode::Overview { .. } => overview(state, action),
                Mode::Palette { .. } => palette(state, action, now),
            };
        }
    }
    Vec::new()
}

/// What an action needs the rows' classes (or every row) for, named for the status line;
/// `None` when it works on the first rows while the export still loads. Marks and bulk
/// decisions wait too: a bulk decision covers a view the classes define.
pub fn waits_for_classes(action: &Action) -> Option<&'static str> {
    Some(match action {
        Action::NextTab | Action::PrevTab | Action::SelectTab(_) => "Switching tabs",
        Action::Reclassify => "Reclassifying",
        Action::FilterKind => "The kind filter",
        Action::CycleSort => "Sorting",
        Action::ToggleOverview | Action::FilterCluster => "The overview",
        Action::ToggleMark => "Marking",
        Action::AcceptAll | Action::IgnoreAll => "Deciding in bulk",
        Action::Withdraw | Action::WithdrawAll => "Withdrawing",
        Action::ToggleNewOnly => "Showing only what is new",
        Action::ToggleConnected => "Showing people already connected",
        _ => return None,
    })
}

/// Moving in the list, in the list and while typing its search alike.
fn navigate(state: &mut State, action: &Action) {
    match *action {
        Action::MoveDown => move_by(state, 1),
        Action::MoveUp => move_by(state, -1),
        Action::PageDown => move_by(state, page_size(state.list_height())),
        Action::PageUp => move_by(state, -page_size(state.list_height())),
        Action::Top => state.select(0),
        Action::Bottom => state.select(state.visible().len().saturating_sub(1)),
        Action::NextTab => state.set_tab(state.tab().next()),
        Action::PrevTab => state.set_tab(state.tab().prev()),
        Action::SelectTab(tab) => state.set_tab(tab),
        Action::NextMatch => jump_match(state, true),
        Action::PrevMatch => jump_match(state, false),
        Action::Click { column, row } => click(state, column, row),
        Action::Wheel { down, column, row } => wheel_list(state, down, column, row),
        _ => {}
    }
}

/// The list has the keyboard.
fn list(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Accept => return decide_checked(state, Verdict::Accept),
        Action::Ignore => return decide_checked(state, Verdict::Ignore),
        Action::Withdraw => return decide_checked(state, Verdict::Withdraw),
        Action::WithdrawAll => {
            if state.tab() == Tab::Sent {
                ask_bulk(state, Verdict::Withdraw);
            } else {
                let text = format!(
                    "{} marks requests you sent: see the Sent tab ({})",
                    key(state, "withdraw_all"),
                    key(state, "next_tab")
                );
                info(state, text);
            }
        }
        Action::ToggleNewOnly => {
            if state.insight().previous_load.is_none() {
                info(
                    state,
                    "Nothing is new: this is the first time this state has seen an export"
                        .to_string(),
                );
            } else {
                state.toggle_only_new();
                let text = if state.only_new() {
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
        Action::ToggleOverview => {
            state.stop_search_typing();
            state.mode = Mode::Overview { cluster: 0 };
        }
        Action::OpenPalette => {
            let mut query = crate::tui::input::TextInput::default();
            query.apply(&Action::SearchStart);
            state.mode = Mode::Palette { query, selected: 0 };
        }
        Action::OpenProfile => {
            if state.selected_row().is_some() {
                state.mode = Mode::Profile { scroll: 0 };
            } else {
                info(state, "Nothing selected".to_string());
            }
        }
        Action::Undo => {
            info(state, "Undoing…".to_string());
            return vec![Effect::Undo];
        }
        Action::Redo => {
            info(state, "Redoing…".to_string());
            return vec![Effect::Redo];
        }
        Action::ToggleMark => {
            if let Some(row) = state.selected_row() {
                state.toggle_mark(row);
                let n = state.marks().len();
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
        Action::AcceptAll => ask_bulk(state, Verdict::Accept),
        Action::IgnoreAll => ask_bulk(state, Verdict::Ignore),
        Action::Reclassify => return reclassify_selected(state),
        Action::SearchStart => {
            state.edit_search(&action);
        }
        Action::SearchClear if state.search().is_empty() && state.cluster_filter().is_some() => {
            state.set_cluster_filter(None);
            info(state, "Showing every cluster".to_string());
        }
        Action::SearchClear => clear_search(state),
        Action::FilterKind => {
            state.cycle_kind_filter();
            let text = match state.kind_filter() {
                Some(k) => format!("Showing only: {}", kind_label(k)),
                None => "Showing every kind".to_string(),
            };
            info(state, text);
        }
        Action::CycleSort => {
            state.cycle_sort();
            let text = format!("Sorted by {}", state.sort().label());
            info(state, text);
        }
        Action::OpenInBrowser => return open_in_browser(state),
        Action::OpenInvitationManager => {
            let url = if state.tab() == Tab::Sent {
                SENT_INVITATIONS_URL
            } else {
                INVITATION_MANAGER_URL
            };
            info(state, format!("Opening {url}"));
            return vec![Effect::OpenUrl(url.to_string())];
        }
        Action::ToggleConnected => {
            state.toggle_connected();
            let n = state.counts().connected;
            let text = if state.show_connected() {
                format!("Showing {n} from people already connected")
            } else {
                format!("Hiding {n} from people already connected")
            };
            info(state, text);
        }
        other => navigate(state, &other),
    }
    Vec::new()
}

/// The list search is being typed.
fn list_search(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Cancel | Action::SearchClear => clear_search(state),
        Action::SearchInput(_) | Action::SearchBackspace => {
            if state.edit_search(&action) == Some(Edit::Changed) {
                // Incremental: the first match at or after the selection.
                let sel = state.selected();
                let m = state.matches();
                if let Some(&p) = m.iter().find(|p| **p >= sel).or(m.first()) {
                    state.select(p);
                }
            }
        }
        Action::SearchSubmit => {
            state.edit_search(&action);
            if state.search().is_empty() {
                state.status = None;
            } else {
                let n = state.matches().len();
                info(
                    state,
                    format!(
                        "{n} match{} for \"{}\": {} / {} to jump, {} to clear",
                        if n == 1 { "" } else { "es" },
                        state.search().text(),
                        key(state, "next_match"),
                        key(state, "prev_match"),
                        key(state, "clear"),
                    ),
                );
            }
        }
        other => navigate(state, &other),
    }
    Vec::new()
}

/// The profile popup is open.
fn profile(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Accept | Action::Ignore => {
            state.mode = Mode::Normal;
            let verdict = if action == Action::Accept {
                Verdict::Accept
            } else {
                Verdict::Ignore
            };
            return decide_checked(state, verdict);
        }
        Action::OpenInBrowser => return open_in_browser(state),
        Action::Cancel => state.mode = Mode::Normal,
        other => scroll_popup(state, &other),
    }
    Vec::new()
}

/// The help is open (and its filter perhaps being typed).
fn help(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Cancel => state.mode = Mode::Normal,
        Action::SearchStart
        | Action::SearchInput(_)
        | Action::SearchBackspace
        | Action::SearchSubmit
        | Action::SearchClear => {
            if let Mode::Help { query, scroll } = &mut state.mode
                && let Some(edit) = query.apply(&action)
                && edit != Edit::Submitted
            {
                *scroll = 0;
            }
        }
        other => scroll_popup(state, &other),
    }
    Vec::new()
}

/// The command palette is open: typing filters, up/down select, enter runs the action as if
/// its key had been pressed in the list.
fn palette(state: &mut State, action: Action, now: DateTime<Utc>) -> Vec<Effect> {
    let Mode::Palette { query, selected } = &state.mode else {
        return Vec::new();
    };
    let (mut query, selected) = (query.clone(), *selected);
    let entries: Vec<Action> = state
        .keymap()
        .palette(query.text())
        .into_iter()
        .map(|(b, _)| b.action.clone())
        .collect();
    let selected = match action {
        Action::SearchInput(_) | Action::SearchBackspace => {
            query.apply(&action);
            0
        }
        Action::MoveDown => (selected + 1).min(entries.len().saturating_sub(1)),
        Action::MoveUp => selected.saturating_sub(1),
        Action::Confirm => {
            state.mode = Mode::Normal;
            return match entries.get(selected) {
                Some(a) => step(state, a.clone(), now),
                None => Vec::new(),
            };
        }
        Action::Cancel => {
            state.mode = Mode::Normal;
            return Vec::new();
        }
        _ => selected,
    };
    state.mode = Mode::Palette { query, selected };
    Vec::new()
}

/// The bulk confirmation dialog is open.
fn confirm(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Confirm => {
            if let Mode::Confirm(bulk) = std::mem::replace(&mut state.mode, Mode::Normal) {
                return confirm_bulk(state, bulk);
            }
        }
        Action::Cancel => {
            state.mode = Mode::Normal;
            info(state, "Cancelled: nothing decided".to_string());
        }
        _ => {}
    }
    Vec::new()
}

/// The Overview screen is open: move between template clusters, show one in the list.
fn overview(state: &mut State, action: Action) -> Vec<Effect> {
    let Mode::Overview { cluster } = state.mode else {
        return Vec::new();
    };
    let last = state.insight().monthly.clusters.len().saturating_sub(1);
    match action {
        Action::Cancel | Action::ToggleOverview => state.mode = Mode::Normal,
        Action::MoveDown | Action::Wheel { down: true, .. } => {
            state.mode = Mode::Overview {
                cluster: (cluster + 1).min(last),
            }
        }
        Action::MoveUp | Action::Wheel { down: false, .. } => {
            state.mode = Mode::Overview {
                cluster: cluster.saturating_sub(1),
            }
        }
        Action::FilterCluster => match state.insight().monthly.clusters.get(cluster) {
            Some(c) => {
                let (rank, size) = (c.rank, c.size);
                state.mode = Mode::Normal;
                // The cluster's rows are incoming: show them wherever they are.
                if state.tab() == Tab::Sent {
                    state.set_tab(Tab::All);
                }
                state.set_cluster_filter(Some(rank));
                let text = format!(
                    "Showing template cluster #{rank} ({size} invitations); {} clears",
                    key(state, "clear")
                );
                info(state, text);
            }
            None => info(state, "No template clusters in this export".to_string()),
        },
        _ => {}
    }
    Vec::new()
}

/// Scroll the open popup (profile or help) by keys or the wheel.
fn scroll_popup(state: &mut State, action: &Action) {
    let page = page_size(state.popup_height() as usize);
    let delta = match *action {
        Action::MoveDown => 1,
        Action::MoveUp => -1,
        Action::PageDown => page,
        Action::PageUp => -page,
        Action::Wheel { down: true, .. } => 3,
        Action::Wheel { down: false, .. } => -3,
        _ => return,
    };
    if let Mode::Profile { scroll } | Mode::Help { scroll, .. } = &mut state.mode {
        *scroll = if delta < 0 {
            scroll.saturating_sub(delta.unsigned_abs() as u16)
        } else {
            scroll.saturating_add(delta as u16)
        };
    }
}

fn key(state: &State, name: &str) -> String {
    // In a status line an unbound action still needs a name, unlike in the footer.
    state
        .keymap()
        .key_label(Context::Normal, name)
        .unwrap_or_else(|| format!("({name} is unbound)"))
}

fn info(state: &mut State, text: String) {
    state.status = Some(Status { text, error: false });
}

fn error(state: &mut State, text: String) {
    state.status = Some(Status { text, error: true });
}

/// One screenful of `height` lines, keeping one line of context.
fn page_size(height: usize) -> isize {
    height.saturating_sub(1).max(1) as isize
}

fn move_by(state: &mut State, delta: isize) {
    let len = state.visible().len();
    if len == 0 {
        return;
    }
    let sel = state.selected();
    let pos = if delta < 0 {
        sel.saturating_sub(delta.unsigned_abs())
    } else {
        sel.saturating_add(delta as usize)
    };
    state.select(pos.min(len - 1));
}

/// True for an https LinkedIn profile URL with nothing else in it: the only text the app puts
/// on the clipboard (never a name or a note a sender wrote).
pub fn is_profile_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host_ok = host == "linkedin.com" || host.ends_with(".linkedin.com");
    host_ok
        && path.starts_with("in/")
        && url.len() < 512
        && url.chars().all(|c| c.is_ascii_graphic())
}

fn copy_profile_url(state: &mut State) -> Vec<Effect> {
    let Some(row) = state.selected_row() else {
        return Vec::new();
    };
    let inv = state.inv(row);
    match inv.counterpart_url() {
        Some(url) if is_profile_url(url) => vec![Effect::Copy(url.to_string())],
        _ => {
            let text = format!(
                "No LinkedIn profile URL for {} in this export: nothing copied",
                inv.sender.name
            );
            info(state, text);
            Vec::new()
        }
    }
}

fn open_in_browser(state: &mut State) -> Vec<Effect> {
    let Some(row) = state.selected_row() else {
        return Vec::new();
    };
    let inv = state.inv(row);
    // Checked again here, whatever the import did: only an https LinkedIn profile URL may
    // reach the browser, and what opens is the URL as checked.
    match inv.counterpart_url().map(invitriage::sanitize::profile_url) {
        Some(Ok(url)) => {
            info(state, format!("Opening {url}"));
            vec![Effect::OpenUrl(url)]
        }
        Some(Err(problem)) => {
            let text = format!(
                "Not opening the profile URL of {}: {problem}, not an https linkedin.com \
                 profile; {} opens the invitation manager",
                invitriage::sanitize::clean(inv.sender.name),
                key(state, "open_invitation_manager")
            );
            error(state, text);
            vec![]
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
    }
}

fn clear_search(state: &mut State) {
    state.edit_search(&Action::SearchClear);
    state.status = None;
}

fn jump_match(state: &mut State, forward: bool) {
    if state.search().is_empty() {
        let text = format!("No search: {} to search", key(state, "search"));
        info(state, text);
        return;
    }
    let m = state.matches();
    if m.is_empty() {
        let text = format!("No match for \"{}\"", state.search().text());
        error(state, text);
        return;
    }
    let sel = state.selected();
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
    state.select(target);
    info(
        state,
        format!("Match {n} of {total} for \"{}\"", state.search().text()),
    );
}

fn click(state: &mut State, column: u16, row: u16) {
    let l = state.areas().list;
    if column >= l.x && column < l.right() && row >= l.y && row < l.bottom() {
        let pos = state.scroll() + (row - l.y) as usize;
        if pos < state.visible().len() {
            state.select(pos);
        }
    }
}

/// The wheel over the list moves the selection; over the detail pane it scrolls the pane.
fn wheel_list(state: &mut State, down: bool, column: u16, row: u16) {
    let over_detail = state
        .areas()
        .detail
        .is_some_and(|d| column >= d.x && column < d.right() && row >= d.y && row < d.bottom());
    if over_detail {
        state.detail_scroll = if down {
            state.detail_scroll.saturating_add(3)
        } else {
            state.detail_scroll.saturating_sub(3)
        };
    } else {
        move_by(state, if down { 3 } else { -3 });
    }
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
