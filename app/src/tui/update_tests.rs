//! Pure tests of `update`, one or more per action, on the hand-made fixture.

use super::*;
use crate::tui::fixture;
use crate::tui::persist::{RecordingOpener, run_effect};
use crate::tui::state::{Mode, SortOrder, State, Tab};
use invitriage::model::Kind;
use invitriage::store::{OpenOptions, Store, StoreError};

fn st() -> State {
    fixture::state((80, 24))
}

fn names(s: &State) -> Vec<&str> {
    s.visible().iter().map(|r| s.inv(*r).sender.name).collect()
}

fn selected_name(s: &State) -> &str {
    s.inv(s.selected_row().unwrap()).sender.name
}

fn go(s: &mut State, a: Action) -> Vec<Effect> {
    update(s, a, fixture::now())
}

/// The real decision store on a temporary file (kept while the directory lives).
struct TempStore {
    _dir: tempfile::TempDir,
    store: Store,
}

fn temp_store() -> TempStore {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("state.sqlite3")).unwrap();
    TempStore { _dir: dir, store }
}

/// A real error from the store: what opening a file that is not a database gives.
fn store_error() -> StoreError {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.sqlite3");
    std::fs::write(&path, "not a database, just text").unwrap();
    Store::open(&path).err().unwrap()
}

/// Carry out effects against the store, feeding results back, like the loop does.
fn drive(s: &mut State, log: &mut TempStore, a: Action) -> Vec<String> {
    let mut opener = RecordingOpener::default();
    let mut queue = vec![a];
    while let Some(a) = queue.pop() {
        for e in go(s, a) {
            if let Some(back) = run_effect(&e, &mut log.store, &mut opener, fixture::now()) {
                queue.push(back);
            }
        }
    }
    opener.0
}

fn status(s: &State) -> &str {
    s.status.as_ref().map(|x| x.text.as_str()).unwrap_or("")
}

#[test]
fn starts_on_personal_most_personal_first_connected_hidden() {
    let s = st();
    assert_eq!(s.tab(), Tab::Personal);
    assert_eq!(names(&s), ["Ana Alvarez", "Farid Haddad", "Hugo Brandt"]);
    let c = s.counts();
    assert_eq!(
        (c.personal, c.boilerplate, c.decided, c.all, c.connected),
        (3, 4, 0, 7, 1)
    );
    // The outgoing invitation is not triaged with the incoming ones (it may be on Sent).
    let mut all = s.clone();
    all.set_tab(Tab::All);
    assert!(
        all.visible()
            .iter()
            .all(|&r| all.inv(r).sender.name != "Sam Example")
    );
}

#[test]
fn move_down_up_top_bottom_page() {
    let mut s = st();
    go(&mut s, Action::MoveDown);
    assert_eq!(selected_name(&s), "Farid Haddad");
    go(&mut s, Action::MoveDown);
    go(&mut s, Action::MoveDown);
    assert_eq!(selected_name(&s), "Hugo Brandt", "stops at the end");
    go(&mut s, Action::MoveUp);
    assert_eq!(selected_name(&s), "Farid Haddad");
    go(&mut s, Action::Top);
    assert_eq!(s.selected(), 0);
    go(&mut s, Action::MoveUp);
    assert_eq!(s.selected(), 0, "stops at the top");
    go(&mut s, Action::Bottom);
    assert_eq!(s.selected(), 2);
    go(&mut s, Action::PageUp);
    assert_eq!(s.selected(), 0);
    go(&mut s, Action::PageDown);
    assert_eq!(s.selected(), 2);
}

#[test]
fn moves_keep_the_selection_in_the_window() {
    let mut s = fixture::state((40, 10));
    go(&mut s, Action::NextTab);
    go(&mut s, Action::NextTab);
    go(&mut s, Action::NextTab);
    assert_eq!(s.tab(), Tab::All);
    let h = s.list_height();
    assert!(
        h < s.visible().len(),
        "the test needs a list taller than the pane"
    );
    go(&mut s, Action::Bottom);
    assert!(s.selected() >= s.scroll() && s.selected() < s.scroll() + h);
    go(&mut s, Action::Top);
    assert_eq!(s.scroll(), 0);
}

#[test]
fn tabs_cycle_both_ways() {
    let mut s = st();
    go(&mut s, Action::NextTab);
    assert_eq!(s.tab(), Tab::Boilerplate);
    assert_eq!(
        names(&s),
        ["Eve Martin", "Dara Singh", "Chen Wei", "Ben Okafor"]
    );
    go(&mut s, Action::PrevTab);
    go(&mut s, Action::PrevTab);
    assert_eq!(s.tab(), Tab::Sent);
    go(&mut s, Action::PrevTab);
    assert_eq!(s.tab(), Tab::All);
    assert_eq!(s.visible().len(), 7);
    go(&mut s, Action::PrevTab);
    assert_eq!(s.tab(), Tab::Decided);
    assert!(s.visible().is_empty());
}

#[test]
fn accept_saves_first_and_shows_done_only_after_persisted() {
    let mut s = st();
    let fx = go(&mut s, Action::Accept);
    let [Effect::Persist(evs)] = fx.as_slice() else {
        panic!("{fx:?}")
    };
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0].subject.name, "Ana Alvarez");
    assert_eq!(evs[0].action, store::Action::Decide(Verdict::Accept));
    assert_eq!(evs[0].class, Some(Class::Personal));
    assert_eq!(evs[0].export, "fixtures/tui");
    assert_eq!(evs[0].at, fixture::now());
    assert_eq!(
        evs[0].subject.profile_url.as_deref(),
        Some("https://www.linkedin.com/in/ana-alvarez-demo")
    );
    // Not decided yet: saving, and the selection moved on to the next undecided.
    let ana = s.rows_of_key(&evs[0].subject.key)[0];
    assert!(s.is_saving(ana));
    assert_eq!(s.decision_of(ana), None);
    assert_eq!(selected_name(&s), "Farid Haddad");
    // A second press while saving does nothing to Ana.
    go(&mut s, Action::Persisted(vec![evs[0].clone()]));
    assert_eq!(s.decision_of(ana).map(|d| d.verdict), Some(Verdict::Accept));
    assert!(!s.is_saving(ana));
    assert_eq!(status(&s), "Accepted Ana Alvarez: u to undo");
    assert_eq!(names(&s), ["Farid Haddad", "Hugo Brandt"]);
    assert_eq!(selected_name(&s), "Farid Haddad");
    assert_eq!(s.counts().decided, 1);
}

#[test]
fn ignore_moves_to_the_next_undecided_in_all() {
    let mut s = st();
    s.set_tab(Tab::All);
    let mut log = temp_store();
    drive(&mut s, &mut log, Action::Accept); // Ana
    assert_eq!(selected_name(&s), "Farid Haddad");
    drive(&mut s, &mut log, Action::MoveUp);
    drive(&mut s, &mut log, Action::Ignore); // Ana again, now ignored
    assert_eq!(status(&s), "Ignored Ana Alvarez: u to undo");
    assert_eq!(selected_name(&s), "Farid Haddad", "skips decided rows");
    drive(&mut s, &mut log, Action::MoveUp);
    let fx = go(&mut s, Action::Ignore);
    assert!(fx.is_empty(), "already ignored: nothing to save");
    assert_eq!(status(&s), "Ana Alvarez is already ignored");
}

#[test]
fn accept_with_nothing_selected_says_so() {
    let mut s = st();
    s.set_tab(Tab::Decided);
    assert!(go(&mut s, Action::Accept).is_empty());
    assert_eq!(status(&s), "Nothing to decide in this view");
}

#[test]
fn profile_popup_opens_and_closes_and_decides() {
    let mut s = st();
    go(&mut s, Action::OpenProfile);
    assert_eq!(s.mode, Mode::Profile { scroll: 0 });
    go(&mut s, Action::MoveDown);
    assert_eq!(s.mode, Mode::Profile { scroll: 1 }, "j scrolls the popup");
    assert_eq!(selected_name(&s), "Ana Alvarez");
    go(&mut s, Action::Cancel);
    assert_eq!(s.mode, Mode::Normal);
    go(&mut s, Action::OpenProfile);
    let fx = go(&mut s, Action::Ignore);
    assert_eq!(s.mode, Mode::Normal);
    assert!(matches!(fx.as_slice(), [Effect::Persist(_)]));
}

#[test]
fn undo_and_redo_go_through_the_log() {
    let mut s = st();
    assert_eq!(go(&mut s, Action::Undo), vec![Effect::Undo]);
    assert_eq!(go(&mut s, Action::Redo), vec![Effect::Redo]);
    let mut log = temp_store();
    drive(&mut s, &mut log, Action::Undo);
    assert_eq!(status(&s), "Nothing to undo");
    drive(&mut s, &mut log, Action::Accept);
    assert_eq!(s.counts().decided, 1);
    drive(&mut s, &mut log, Action::Undo);
    assert_eq!(status(&s), "Undone: accept Ana Alvarez");
    assert_eq!(s.counts().decided, 0);
    assert_eq!(
        selected_name(&s),
        "Ana Alvarez",
        "the undone row is selected again"
    );
    drive(&mut s, &mut log, Action::Redo);
    assert_eq!(status(&s), "Redone: accept Ana Alvarez");
    assert_eq!(s.counts().decided, 1);
    drive(&mut s, &mut log, Action::Redo);
    assert_eq!(status(&s), "Nothing to redo");
}

#[test]
fn mark_then_bulk_accept_with_confirmation() {
    let mut s = st();
    go(&mut s, Action::ToggleMark);
    assert_eq!(selected_name(&s), "Farid Haddad", "marking moves down");
    go(&mut s, Action::MoveDown);
    go(&mut s, Action::ToggleMark);
    assert_eq!(s.marks().len(), 2);
    go(&mut s, Action::MoveUp);
    go(&mut s, Action::MoveUp);
    go(&mut s, Action::ToggleMark); // unmark Ana
    assert_eq!(s.marks().len(), 1);
    go(&mut s, Action::MoveUp);
    go(&mut s, Action::ToggleMark); // mark Ana again
    assert!(go(&mut s, Action::AcceptAll).is_empty());
    let Mode::Confirm(bulk) = &s.mode else {
        panic!("{:?}", s.mode)
    };
    assert!(bulk.marked);
    assert_eq!(bulk.rows.len(), 2);
    // The opening key does not confirm: the keymap has no A in the dialog.
    let a = crate::tui::keymap::KeySpec::parse("A").unwrap();
    assert_eq!(s.keymap().dispatch(s.context(), a), None);
    let fx = go(&mut s, Action::Confirm);
    let [Effect::Persist(evs)] = fx.as_slice() else {
        panic!("{fx:?}")
    };
    let got: Vec<&str> = evs.iter().map(|e| e.subject.name.as_str()).collect();
    assert_eq!(got, ["Ana Alvarez", "Hugo Brandt"]);
    assert!(s.marks().is_empty());
    assert_eq!(s.mode, Mode::Normal);
    let saved = evs.clone();
    go(&mut s, Action::Persisted(saved));
    assert_eq!(status(&s), "Accepted 2 invitations: u to undo");
}

#[test]
fn bulk_ignore_without_marks_takes_the_view_and_cancel_decides_nothing() {
    let mut s = st();
    go(&mut s, Action::NextTab);
    go(&mut s, Action::IgnoreAll);
    let Mode::Confirm(bulk) = &s.mode else {
        panic!("{:?}", s.mode)
    };
    assert!(!bulk.marked);
    assert_eq!(bulk.verdict, Verdict::Ignore);
    assert_eq!(bulk.rows.len(), 4);
    assert!(go(&mut s, Action::Cancel).is_empty());
    assert_eq!(s.mode, Mode::Normal);
    assert_eq!(status(&s), "Cancelled: nothing decided");
    assert!(!s.is_saving_any());
    s.set_tab(Tab::Decided);
    go(&mut s, Action::AcceptAll);
    assert_eq!(s.mode, Mode::Normal);
    assert_eq!(status(&s), "Nothing to accept in this view");
}

#[test]
fn reclassify_flips_after_persisting_and_explains() {
    let mut s = st();
    let mut log = temp_store();
    let fx = go(&mut s, Action::Reclassify);
    let [Effect::Persist(evs)] = fx.as_slice() else {
        panic!("{fx:?}")
    };
    assert_eq!(evs[0].action, store::Action::Reclassify(Class::Boilerplate));
    let ana = s.selected_row().unwrap();
    assert_eq!(s.class_of(ana), Class::Personal, "not before it is saved");
    assert!(s.is_saving(ana));
    assert!(
        go(&mut s, Action::Reclassify).is_empty(),
        "once while saving"
    );
    // The loop stores the event and feeds the answer back.
    let mut opener = RecordingOpener::default();
    let back = run_effect(&fx[0], &mut log.store, &mut opener, fixture::now()).unwrap();
    go(&mut s, back);
    assert_eq!(s.class_of(ana), Class::Boilerplate);
    assert!(s.is_overridden(ana));
    assert_eq!(status(&s), "Marked Ana Alvarez as boilerplate: u to undo");
    assert_eq!(names(&s), ["Farid Haddad", "Hugo Brandt"]);
    assert_eq!(s.counts().boilerplate, 5);
    drive(&mut s, &mut log, Action::Undo);
    assert_eq!(s.class_of(ana), Class::Personal);
    assert_eq!(status(&s), "Undone: mark Ana Alvarez as boilerplate");
}

#[test]
fn incremental_search_jumps_and_n_cycles() {
    let mut s = st();
    s.set_tab(Tab::All);
    go(&mut s, Action::SearchStart);
    assert_eq!(s.mode, Mode::Normal);
    assert!(s.search().is_typing());
    assert_eq!(s.context(), crate::tui::keymap::Context::Search);
    for c in "sam".chars() {
        go(&mut s, Action::SearchInput(c));
    }
    // Ana, Dara and Hugo write "Sam"; the first at or after the selection is picked.
    assert_eq!(s.matches().len(), 3);
    assert_eq!(selected_name(&s), "Ana Alvarez");
    go(&mut s, Action::SearchInput('x'));
    assert!(s.matches().is_empty());
    go(&mut s, Action::SearchBackspace);
    assert_eq!(s.matches().len(), 3);
    go(&mut s, Action::SearchSubmit);
    assert_eq!(s.mode, Mode::Normal);
    assert_eq!(
        status(&s),
        "3 matches for \"sam\": n / N to jump, esc to clear"
    );
    go(&mut s, Action::NextMatch);
    assert_eq!(selected_name(&s), "Hugo Brandt");
    assert_eq!(status(&s), "Match 2 of 3 for \"sam\"");
    go(&mut s, Action::NextMatch);
    assert_eq!(selected_name(&s), "Dara Singh");
    go(&mut s, Action::NextMatch);
    assert_eq!(selected_name(&s), "Ana Alvarez", "wraps");
    go(&mut s, Action::PrevMatch);
    assert_eq!(selected_name(&s), "Dara Singh", "wraps backwards");
    go(&mut s, Action::SearchClear);
    assert!(s.search().is_empty());
    assert!(s.matches().is_empty());
    go(&mut s, Action::NextMatch);
    assert_eq!(status(&s), "No search: / to search");
}

#[test]
fn search_is_case_insensitive_over_names_and_notes() {
    let mut s = st();
    s.set_tab(Tab::All);
    go(&mut s, Action::SearchStart);
    for c in "ACME".chars() {
        go(&mut s, Action::SearchInput(c));
    }
    assert_eq!(selected_name(&s), "Farid Haddad");
    go(&mut s, Action::Cancel);
    assert!(s.search().is_empty(), "esc while typing clears");
    go(&mut s, Action::SearchStart);
    for c in "okafor".chars() {
        go(&mut s, Action::SearchInput(c));
    }
    assert_eq!(selected_name(&s), "Ben Okafor");
}

#[test]
fn kind_filter_cycles_through_every_kind() {
    let mut s = st();
    s.set_tab(Tab::All);
    let mut seen = Vec::new();
    for _ in 0..6 {
        go(&mut s, Action::FilterKind);
        seen.push((s.kind_filter(), s.visible().len()));
    }
    assert_eq!(
        seen,
        [
            (Some(Kind::NoNote), 1),
            (Some(Kind::Default), 1),
            (Some(Kind::Generic), 1),
            (Some(Kind::Template), 1),
            (Some(Kind::Personal), 3),
            (None, 7),
        ]
    );
    assert_eq!(status(&s), "Showing every kind");
}

#[test]
fn sort_cycles_newest_oldest_most_personal_name() {
    let mut s = st();
    s.set_tab(Tab::All);
    go(&mut s, Action::CycleSort);
    assert_eq!(s.sort(), SortOrder::Name);
    assert_eq!(names(&s)[0], "Ana Alvarez");
    assert_eq!(names(&s)[6], "Hugo Brandt");
    go(&mut s, Action::CycleSort);
    assert_eq!(s.sort(), SortOrder::Newest);
    assert_eq!(names(&s)[0], "Farid Haddad");
    go(&mut s, Action::CycleSort);
    assert_eq!(s.sort(), SortOrder::Oldest);
    assert_eq!(names(&s)[0], "Ben Okafor");
    go(&mut s, Action::CycleSort);
    assert_eq!(s.sort(), SortOrder::MostPersonal);
    assert_eq!(status(&s), "Sorted by most personal");
}

#[test]
fn open_in_browser_and_invitation_manager() {
    let mut s = st();
    assert_eq!(
        go(&mut s, Action::OpenInBrowser),
        vec![Effect::OpenUrl(
            "https://www.linkedin.com/in/ana-alvarez-demo".into()
        )]
    );
    assert_eq!(
        go(&mut s, Action::OpenInvitationManager),
        vec![Effect::OpenUrl(INVITATION_MANAGER_URL.into())]
    );
    // Chen Wei has no URL in the export.
    s.set_tab(Tab::Boilerplate);
    let chen = s
        .visible()
        .iter()
        .position(|r| s.inv(*r).sender.name == "Chen Wei")
        .unwrap();
    s.select(chen);
    assert!(go(&mut s, Action::OpenInBrowser).is_empty());
    assert!(s.status.as_ref().unwrap().error);
    assert!(status(&s).contains("no profile URL for Chen Wei"));
}

#[test]
fn open_in_browser_opens_only_https_linkedin_profiles() {
    // A state whose every sender has `url`, as if an importer had let it through.
    let with_url = |url: &str| {
        let (mut export, classes) = fixture::export();
        export
            .invitations
            .edit_each(|inv| inv.sender.profile_url = Some(url.to_string()));
        fixture::state_of(export, classes, (80, 24))
    };
    for hostile in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "http://www.linkedin.com/in/ana-alvarez-demo",
        "data:text/html,hi",
        "https://linkedin.com.evil.example/in/eve",
        "https://evil-linkedin.com/in/eve",
        "https://xn--linkedn-ejg.com/in/eve",
        "https://linkedin.com@evil.example/in/eve",
        "https://www.linkedin.com:8080/in/eve",
    ] {
        let mut s = with_url(hostile);
        assert!(go(&mut s, Action::OpenInBrowser).is_empty(), "{hostile}");
        assert!(s.status.as_ref().unwrap().error, "{hostile}");
        assert!(status(&s).contains("Not opening"), "{hostile}");
    }
    // What opens is the URL as checked: no query to carry tracking or tricks.
    let mut s = with_url("https://www.linkedin.com/in/ana-alvarez-demo?x=1#y");
    assert_eq!(
        go(&mut s, Action::OpenInBrowser),
        vec![Effect::OpenUrl(
            "https://www.linkedin.com/in/ana-alvarez-demo".into()
        )]
    );
}

#[test]
fn connected_senders_toggle() {
    let mut s = st();
    go(&mut s, Action::ToggleConnected);
    assert!(s.show_connected());
    assert_eq!(
        names(&s),
        ["Ana Alvarez", "Farid Haddad", "Gia Rossi", "Hugo Brandt"]
    );
    assert_eq!(status(&s), "Showing 1 from people already connected");
    go(&mut s, Action::ToggleConnected);
    assert_eq!(s.visible().len(), 3);
    assert_eq!(s.counts().connected, 1);
}

#[test]
fn detail_scrolls_and_resets_on_move() {
    let mut s = st();
    go(&mut s, Action::DetailDown);
    assert_eq!(s.detail_scroll, 3);
    go(&mut s, Action::DetailUp);
    go(&mut s, Action::DetailUp);
    assert_eq!(s.detail_scroll, 0);
    go(&mut s, Action::DetailDown);
    go(&mut s, Action::MoveDown);
    assert_eq!(s.detail_scroll, 0);
}

#[test]
fn help_opens_searches_and_closes() {
    let mut s = st();
    go(&mut s, Action::Help);
    assert!(matches!(s.mode, Mode::Help { .. }));
    go(&mut s, Action::SearchStart);
    go(&mut s, Action::SearchInput('u'));
    go(&mut s, Action::SearchInput('n'));
    go(&mut s, Action::SearchBackspace);
    let help = |s: &State| match &s.mode {
        Mode::Help { query, scroll } => (query.text().to_string(), query.is_typing(), *scroll),
        other => panic!("{other:?}"),
    };
    assert_eq!(help(&s), ("u".to_string(), true, 0));
    go(&mut s, Action::SearchSubmit);
    go(&mut s, Action::MoveDown);
    assert_eq!(help(&s), ("u".to_string(), false, 1));
    assert!(
        s.search().is_empty(),
        "help search leaves the list search alone"
    );
    go(&mut s, Action::Help);
    assert_eq!(s.mode, Mode::Normal);
    go(&mut s, Action::Help);
    go(&mut s, Action::Cancel);
    assert_eq!(s.mode, Mode::Normal);
}

#[test]
fn quit_from_any_mode() {
    let mut s = st();
    assert_eq!(go(&mut s, Action::Quit), vec![Effect::Quit]);
    go(&mut s, Action::Help);
    assert_eq!(go(&mut s, Action::Quit), vec![Effect::Quit]);
}

#[test]
fn clicks_select_tabs_and_rows() {
    let mut s = st();
    let tabs = crate::tui::view::tab_labels(&s, 80);
    let (_, x, _, _) = tabs.iter().find(|t| t.0 == Tab::All).unwrap();
    // The loop asks the view what is under the mouse; a tab becomes SelectTab.
    let click = crate::tui::view::click_action(&s, *x + 1, 0);
    assert_eq!(click, Action::SelectTab(Tab::All));
    go(&mut s, click);
    assert_eq!(s.tab(), Tab::All);
    let gap = crate::tui::view::click_action(&s, 79, 0);
    assert_eq!(gap, Action::Click { column: 79, row: 0 });
    go(&mut s, gap);
    assert_eq!(s.tab(), Tab::All, "a click beside the tabs changes nothing");
    let areas = crate::tui::view::layout(ratatui::layout::Rect::new(0, 0, 80, 24));
    go(
        &mut s,
        Action::Click {
            column: 5,
            row: areas.list.y + 2,
        },
    );
    assert_eq!(s.selected(), 2);
    // Below the last row: nothing changes.
    go(
        &mut s,
        Action::Click {
            column: 5,
            row: areas.list.y + 9,
        },
    );
    assert_eq!(s.selected(), 2);
}

#[test]
fn wheel_scrolls_list_detail_and_popups() {
    let mut s = st();
    s.set_tab(Tab::All);
    let areas = crate::tui::view::layout(ratatui::layout::Rect::new(0, 0, 80, 24));
    go(
        &mut s,
        Action::Wheel {
            down: true,
            column: 1,
            row: areas.list.y,
        },
    );
    assert_eq!(s.selected(), 3);
    go(
        &mut s,
        Action::Wheel {
            down: false,
            column: 1,
            row: areas.list.y,
        },
    );
    assert_eq!(s.selected(), 0);
    let d = areas.detail.unwrap();
    go(
        &mut s,
        Action::Wheel {
            down: true,
            column: 1,
            row: d.y + 1,
        },
    );
    assert_eq!(s.detail_scroll, 3);
    go(&mut s, Action::OpenProfile);
    go(
        &mut s,
        Action::Wheel {
            down: true,
            column: 1,
            row: 1,
        },
    );
    assert_eq!(s.mode, Mode::Profile { scroll: 3 });
}

#[test]
fn resize_keeps_the_selection_visible() {
    let mut s = fixture::state((120, 40));
    s.set_tab(Tab::All);
    go(&mut s, Action::Bottom);
    assert_eq!(s.scroll(), 0);
    go(
        &mut s,
        Action::Resize {
            width: 40,
            height: 10,
        },
    );
    assert_eq!(s.size(), (40, 10));
    let h = s.list_height();
    assert!(s.selected() >= s.scroll() && s.selected() < s.scroll() + h);
    go(
        &mut s,
        Action::Resize {
            width: 1,
            height: 1,
        },
    );
    go(
        &mut s,
        Action::Resize {
            width: 0,
            height: 0,
        },
    );
}

#[test]
fn persist_failure_changes_nothing_and_says_so() {
    let mut s = st();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.sqlite3");
    let store = Store::open_with(
        &path,
        OpenOptions {
            lock_wait: std::time::Duration::ZERO,
            on_wait: None,
        },
    )
    .unwrap();
    let mut log = TempStore { _dir: dir, store };
    // Another process holds the write lock; this store gives up at once.
    let holder = rusqlite::Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    drive(&mut s, &mut log, Action::Accept);
    assert!(s.decisions().is_empty());
    assert!(!s.is_saving_any());
    let st = s.status.clone().unwrap();
    assert!(st.error);
    let want = format!(
        "Not saved, nothing changed: {}: in use while ",
        path.display()
    );
    assert!(st.text.starts_with(&want), "{}", st.text);
    holder.execute_batch("ROLLBACK").unwrap();
    assert!(log.store.all().unwrap().is_empty());
}

#[test]
fn history_and_browser_failures_are_reported() {
    let mut s = st();
    let error = store_error();
    let text = error.to_string();
    go(&mut s, Action::HistoryFailed { redo: false, error });
    assert_eq!(status(&s), format!("Undo failed, nothing changed: {text}"));
    go(
        &mut s,
        Action::BrowserFailed {
            url: "https://x.test".into(),
            error: "no browser".into(),
        },
    );
    assert_eq!(status(&s), "No browser opened (no browser): https://x.test");
    assert!(s.status.as_ref().unwrap().error);
}

#[test]
fn history_applied_from_another_export_updates_decisions() {
    // Two decisions in one group made elsewhere (the CLI on another export), undone here.
    let mut log = temp_store();
    let (ana, ben) = {
        let s = st();
        (s.key(0).to_string(), s.key(1).to_string())
    };
    let event = |key: &str, name: &str| store::NewEvent {
        subject: Subject {
            key: key.to_string(),
            name: name.to_string(),
            profile_url: None,
        },
        action: store::Action::Decide(Verdict::Ignore),
        class: None,
        export: "elsewhere.zip".to_string(),
        at: fixture::now(),
    };
    log.store
        .record_many(&[event(&ana, "A"), event(&ben, "B")])
        .unwrap();
    let (decisions, overrides) = crate::tui::persist::snapshot(&log.store).unwrap();
    let (export, classes) = fixture::export();
    let mut s = State::new(
        export,
        classes,
        decisions,
        overrides,
        Default::default(),
        fixture::now(),
        (80, 24),
    );
    assert_eq!(s.counts().decided, 2);
    drive(&mut s, &mut log, Action::Undo);
    assert!(s.decisions().is_empty());
    assert_eq!(status(&s), "Undone: ignore 2 invitations (A, B)");
}

#[test]
fn persisted_ignores_unknown_keys_safely() {
    let mut s = st();
    let ev = store::NewEvent {
        subject: Subject {
            key: "in:url:nowhere".into(),
            name: "Nobody".into(),
            profile_url: None,
        },
        action: store::Action::Decide(Verdict::Accept),
        class: None,
        export: "fixtures/tui".into(),
        at: fixture::now(),
    };
    go(&mut s, Action::Persisted(vec![ev]));
    assert_eq!(s.counts().decided, 0);
}

#[test]
fn a_busy_store_says_why_saving_waits() {
    let mut s = st();
    go(
        &mut s,
        Action::StoreBusy {
            path: "/tmp/s.sqlite3".into(),
            wait_secs: 30,
        },
    );
    assert_eq!(
        status(&s),
        "Waiting for another invitriage process to finish writing /tmp/s.sqlite3 (gives up after 30s)…"
    );
    assert!(!s.status.as_ref().unwrap().error);
}

#[test]
fn the_kind_filter_sees_an_override_as_decide_kind_does() {
    let mut s = st();
    let mut log = temp_store();
    s.set_tab(Tab::All);
    let eve = s
        .rows()
        .iter()
        .enumerate()
        .position(|(i, _)| s.inv(i).sender.name == "Eve Martin")
        .unwrap();
    assert_eq!(s.rows()[eve].auto.kind, Kind::Generic);
    s.select(s.visible().iter().position(|r| *r == eve).unwrap());
    drive(&mut s, &mut log, Action::Reclassify);
    assert_eq!(s.class_of(eve), Class::Personal);
    // The CLI applies the override with `Classification::with_override`; the app agrees.
    let cli = s.rows()[eve]
        .auto
        .clone()
        .with_override(Some(Class::Personal));
    assert_eq!(s.kind_of(eve), cli.kind);
    while s.kind_filter() != Some(Kind::Personal) {
        go(&mut s, Action::FilterKind);
    }
    assert!(names(&s).contains(&"Eve Martin"), "{:?}", names(&s));
    while s.kind_filter() != Some(Kind::Generic) {
        go(&mut s, Action::FilterKind);
    }
    assert!(!names(&s).contains(&"Eve Martin"), "{:?}", names(&s));
}

/// Notes the classifier is unsure about lead the Personal tab, marked "unsure".
#[test]
fn unsure_notes_lead_personal_with_a_marker() {
    let (export, mut classes) = fixture::export();
    let personal: Vec<usize> = (0..classes.len())
        .filter(|&i| classes[i].class == invitriage::model::Class::Personal)
        .collect();
    let last = *personal.last().expect("the fixture has personal notes");
    classes[last].score = invitriage::classify::UNSURE_LOW;
    let s = fixture::state_of(export.clone(), classes.clone(), (80, 24));
    assert_eq!(s.tab(), Tab::Personal);
    assert_eq!(s.sort(), SortOrder::MostPersonal);
    let first = s.visible()[0];
    assert_eq!(
        s.inv(first).sender.name,
        export.invitations.at(last).sender.name
    );
    assert_eq!(crate::tui::view::list::badge(&s, first).0, "unsure");
    let other = s.visible()[1];
    assert_ne!(crate::tui::view::list::badge(&s, other).0, "unsure");
}

/// The fixture with a second, older invitation from the first sender (same profile URL).
fn with_second_invitation() -> (State, String) {
    let (mut export, mut classes) = fixture::export();
    let mut again = export.invitations.at(0).to_record();
    again.sent_at -= chrono::Duration::days(40);
    again.note = Some("Hi again, following up on my earlier note".to_string());
    let name = again.sender.name.clone();
    export.invitations.push_record(&again).unwrap();
    classes.push(classes[0].clone());
    let s = fixture::state_of(export, classes, (80, 24));
    (s, name)
}

#[test]
fn deciding_a_person_says_it_covers_their_other_invitation() {
    let (mut s, name) = with_second_invitation();
    let mut log = temp_store();
    while selected_name(&s) != name {
        go(&mut s, Action::MoveDown);
    }
    let before = s.counts().decided;
    drive(&mut s, &mut log, Action::Accept);
    assert_eq!(s.counts().decided, before + 2);
    let status = s.status.clone().unwrap().text;
    assert_eq!(
        status,
        format!("Accepted {name} and their 1 other invitation: u to undo")
    );
}

#[test]
fn bulk_counts_name_invitations_and_people_alike_before_and_after() {
    let (mut s, name) = with_second_invitation();
    let mut log = temp_store();
    while s.tab() != Tab::All {
        go(&mut s, Action::NextTab);
    }
    go(&mut s, Action::ToggleConnected);
    go(&mut s, Action::IgnoreAll);
    let Mode::Confirm(bulk) = s.mode.clone() else {
        panic!("no confirmation: {:?}", s.mode)
    };
    // The dialog counts the same way.
    let lines = crate::tui::view::confirm_lines(&s, &Default::default(), &bulk);
    let title: String = lines[0]
        .spans
        .iter()
        .map(|x| x.content.to_string())
        .collect();
    let (people, invitations) = s.people_of(&bulk.rows);
    assert_eq!(
        title,
        format!(
            "Ignore {invitations} invitations from {} people?",
            people.len()
        )
    );
    assert_eq!(invitations, people.len() + 1, "{name} sent two");
    drive(&mut s, &mut log, Action::Confirm);
    let status = s.status.clone().unwrap().text;
    assert_eq!(
        status,
        format!(
            "Ignored {invitations} invitations from {} people: u to undo",
            people.len()
        )
    );
}

#[test]
fn scrolling_never_goes_past_the_end_of_its_content() {
    use crate::tui::action::ScrollLimits;
    let mut s = st();
    go(
        &mut s,
        Action::ScrollLimits(ScrollLimits {
            detail: 5,
            popup: 12,
        }),
    );
    for _ in 0..30 {
        go(&mut s, Action::DetailDown);
    }
    assert_eq!(s.detail_scroll, 5);
    // One key back is one step back, not 24 presses of nothing.
    go(&mut s, Action::DetailUp);
    assert_eq!(s.detail_scroll, 2);
    for _ in 0..10 {
        let (w, h) = s.size();
        go(
            &mut s,
            Action::Wheel {
                down: true,
                column: w - 1,
                row: h - 5,
            },
        );
    }
    assert!(s.detail_scroll <= 5);

    go(&mut s, Action::Help);
    for _ in 0..10 {
        go(&mut s, Action::PageDown);
    }
    let Mode::Help { scroll, .. } = s.mode else {
        panic!()
    };
    assert_eq!(scroll, 12);
    go(&mut s, Action::PageUp);
    let Mode::Help { scroll, .. } = s.mode else {
        panic!()
    };
    assert!(scroll < 12, "PageUp moved: {scroll}");
    go(&mut s, Action::Cancel);

    go(&mut s, Action::OpenProfile);
    for _ in 0..60 {
        go(&mut s, Action::MoveDown);
    }
    go(&mut s, Action::MoveUp);
    assert_eq!(s.mode, Mode::Profile { scroll: 11 });

    // New limits (a resize, another row) clamp what is already scrolled.
    go(
        &mut s,
        Action::ScrollLimits(ScrollLimits {
            detail: 1,
            popup: 3,
        }),
    );
    assert_eq!(s.mode, Mode::Profile { scroll: 3 });
    assert_eq!(s.detail_scroll, 1);
}

#[test]
fn each_tab_remembers_its_selection_and_scroll() {
    let mut s = fixture::state((80, 14));
    while s.tab() != Tab::All {
        go(&mut s, Action::NextTab);
    }
    go(&mut s, Action::ToggleConnected);
    go(&mut s, Action::Bottom);
    let (row, scroll) = (s.selected_row(), s.scroll());
    assert!(scroll > 0, "the fixture list scrolls at this size");
    go(&mut s, Action::NextTab);
    assert_eq!(s.tab(), Tab::Sent, "the Sent tab follows All");
    go(&mut s, Action::NextTab);
    assert_eq!(s.tab(), Tab::Personal);
    go(&mut s, Action::MoveDown);
    let personal_row = s.selected_row();
    go(&mut s, Action::PrevTab);
    go(&mut s, Action::PrevTab);
    assert_eq!(
        (s.selected_row(), s.scroll()),
        (row, scroll),
        "All as it was left"
    );
    go(&mut s, Action::SelectTab(Tab::Personal));
    assert_eq!(s.selected_row(), personal_row, "Personal as it was left");
}

#[test]
fn y_copies_only_a_linkedin_profile_url() {
    let mut s = st();
    let url = s
        .inv(s.selected_row().unwrap())
        .counterpart_url()
        .unwrap()
        .to_string();
    assert_eq!(
        go(&mut s, Action::CopyProfileUrl),
        vec![Effect::Copy(url.clone())]
    );
    go(
        &mut s,
        Action::Copied {
            url: url.clone(),
            how: "system clipboard".into(),
        },
    );
    assert_eq!(
        s.status.clone().unwrap().text,
        format!("Copied {url} (system clipboard)")
    );
    // From the profile popup too.
    go(&mut s, Action::OpenProfile);
    assert_eq!(go(&mut s, Action::CopyProfileUrl), vec![Effect::Copy(url)]);
    // Never anything else: not a LinkedIn profile, not https, not with text around it.
    assert!(is_profile_url(
        "https://www.linkedin.com/in/ana-alvarez-demo"
    ));
    for bad in [
        "http://www.linkedin.com/in/ana",
        "https://evil.example/in/ana",
        "https://www.linkedin.com.evil.example/in/ana",
        "https://www.linkedin.com/in/ana\u{1b}]52;c;x\u{7}",
        "https://www.linkedin.com/in/ana hello",
        "https://www.linkedin.com/feed/",
    ] {
        assert!(!is_profile_url(bad), "{bad}");
    }
}

#[test]
fn the_palette_lists_every_list_action_and_runs_the_chosen_one() {
    let mut s = st();
    go(&mut s, Action::OpenPalette);
    assert_eq!(s.context(), crate::tui::keymap::Context::Palette);
    // Every action of the list (and of everywhere) is there, the palette itself aside.
    let all = s.keymap().palette("");
    let list_actions = crate::tui::keymap::BINDINGS
        .iter()
        .filter(|b| {
            matches!(
                b.context,
                crate::tui::keymap::Context::Normal | crate::tui::keymap::Context::Global
            ) && b.name != "palette"
        })
        .count();
    assert_eq!(all.len(), list_actions);
    // Typing searches; enter runs the selected entry as if its key was pressed.
    for c in "sort".chars() {
        go(&mut s, Action::SearchInput(c));
    }
    let before = s.sort();
    go(&mut s, Action::Confirm);
    assert_eq!(s.mode, Mode::Normal);
    assert_ne!(s.sort(), before, "the sort action ran");
    // Moving then running another; esc closes without running anything.
    go(&mut s, Action::OpenPalette);
    for c in "tab".chars() {
        go(&mut s, Action::SearchInput(c));
    }
    go(&mut s, Action::MoveDown);
    let Mode::Palette { selected, .. } = s.mode.clone() else {
        panic!()
    };
    assert_eq!(selected, 1);
    go(&mut s, Action::Cancel);
    assert_eq!(s.mode, Mode::Normal);
}

#[test]
fn the_view_settings_round_trip_for_the_next_start() {
    let mut s = st();
    go(&mut s, Action::CycleSort);
    go(&mut s, Action::FilterKind);
    go(&mut s, Action::ToggleConnected);
    go(&mut s, Action::SelectTab(Tab::All));
    let saved = s.view_settings();
    let mut fresh = st();
    assert_ne!(fresh.tab(), Tab::All);
    fresh.apply_view_settings(&saved);
    assert_eq!(
        (
            fresh.tab(),
            fresh.sort(),
            fresh.kind_filter(),
            fresh.show_connected()
        ),
        (s.tab(), s.sort(), s.kind_filter(), s.show_connected())
    );
    assert_eq!(fresh.visible(), s.visible());
    // Garbage or a newer app's fields change nothing and never panic.
    let mut other = st();
    let before = (other.tab(), other.sort());
    other.apply_view_settings("not json");
    other.apply_view_settings(r#"{"tab":"Archive","sort":"loudest","kind":7}"#);
    assert_eq!((other.tab(), other.sort()), before);
    // The Sent tab is a tab like the others: a restart reopens it.
    other.apply_view_settings(r#"{"tab":"Sent"}"#);
    assert_eq!(other.tab(), Tab::Sent);
}

#[test]
fn the_palette_reaches_the_overview_and_the_sent_tab_actions() {
    let mut s = st();
    let names: Vec<&str> = s.keymap().palette("").iter().map(|(b, _)| b.name).collect();
    for name in ["overview", "withdraw", "withdraw_all", "only_new"] {
        assert!(names.contains(&name), "{name} is in the palette");
    }
    go(&mut s, Action::OpenPalette);
    for c in "charts per month".chars() {
        go(&mut s, Action::SearchInput(c));
    }
    go(&mut s, Action::Confirm);
    assert_eq!(s.mode, Mode::Overview { cluster: 0 });
}

/// The row of the sender `name`.
fn row_named(s: &State, name: &str) -> usize {
    (0..s.rows().len())
        .position(|r| s.inv(r).sender.name == name)
        .unwrap()
}

/// Select `row` in the current view.
fn select_row(s: &mut State, row: usize) {
    let pos = s.visible().iter().position(|r| *r == row).unwrap();
    s.select(pos);
}

/// `r` on one of three near-identical notes moves the other two with it, visibly and in the
/// counts, says so, and stores only the user's own reclassification; undo moves them back.
#[test]
fn near_duplicates_follow_a_reclassification_and_its_undo() {
    let mut s = fixture::near_duplicates_state((80, 24));
    let mut log = temp_store();
    let [ivo, jun, kai] = ["Ivo Petrov", "Jun Park", "Kai Berg"].map(|n| row_named(&s, n));
    assert_eq!(s.near_identical(ivo), [jun, kai]);
    assert_eq!(
        s.near_identical(row_named(&s, "Ana Alvarez")),
        [] as [usize; 0]
    );
    let before = s.counts();
    assert_eq!((before.personal, before.boilerplate), (6, 4));

    select_row(&mut s, ivo);
    drive(&mut s, &mut log, Action::Reclassify);
    for row in [ivo, jun, kai] {
        assert_eq!(s.class_of(row), Class::Boilerplate);
        assert!(s.is_reclassified(row));
    }
    assert!(s.is_overridden(ivo) && !s.is_overridden(jun));
    assert_eq!(s.moved_with(jun), Some((Class::Boilerplate, "Ivo Petrov")));
    assert_eq!(s.moved_with(ivo), None);
    assert_eq!(
        (s.counts().personal, s.counts().boilerplate),
        (before.personal - 3, before.boilerplate + 3)
    );
    assert_eq!(
        status(&s),
        "Marked Ivo Petrov as boilerplate; 2 near-identical notes moved with it: u to undo"
    );
    assert!(!names(&s).contains(&"Jun Park"), "{:?}", names(&s));
    // Only the user's own reclassification is stored: the others follow it on every load.
    let stored = log.store.overrides().unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored.get(s.key(ivo)), Some(&Class::Boilerplate));

    drive(&mut s, &mut log, Action::Undo);
    for row in [ivo, jun, kai] {
        assert_eq!(s.class_of(row), Class::Personal);
        assert!(!s.is_reclassified(row));
    }
    assert_eq!(s.counts(), before);
    assert_eq!(
        status(&s),
        "Undone: mark Ivo Petrov as boilerplate; 2 near-identical notes moved back"
    );
    drive(&mut s, &mut log, Action::Redo);
    assert_eq!(s.class_of(kai), Class::Boilerplate);
    assert_eq!(
        status(&s),
        "Redone: mark Ivo Petrov as boilerplate; 2 near-identical notes moved with it"
    );
}

/// A note the user reclassified keeps its own class; the others follow the first one the user
/// reclassified, and reclassifying a follower back says only what moved.
#[test]
fn a_near_duplicate_the_user_reclassified_keeps_its_own_class() {
    let mut s = fixture::near_duplicates_state((80, 24));
    let mut log = temp_store();
    let [ivo, jun, kai] = ["Ivo Petrov", "Jun Park", "Kai Berg"].map(|n| row_named(&s, n));
    select_row(&mut s, jun);
    drive(&mut s, &mut log, Action::Reclassify);
    assert_eq!(s.moved_with(ivo), Some((Class::Boilerplate, "Jun Park")));
    // Kai moved to Boilerplate with Jun: `r` on Kai marks it personal, and moves nobody.
    s.set_tab(Tab::Boilerplate);
    select_row(&mut s, kai);
    drive(&mut s, &mut log, Action::Reclassify);
    assert_eq!(s.class_of(kai), Class::Personal);
    assert!(
        !s.is_reclassified(kai),
        "marked personal, as the classifier said"
    );
    assert_eq!(status(&s), "Marked Kai Berg as personal: u to undo");
    assert_eq!(s.class_of(ivo), Class::Boilerplate);
    assert_eq!(s.class_of(jun), Class::Boilerplate);
}

/// The app applies overrides as `classify_export` does: on the real classifier's verdicts and
/// groups, every row's class and kind, and who moved with whom, agree with the CLI's.
#[test]
fn the_app_moves_the_same_rows_as_classify_export() {
    use invitriage::classify::{classify_export, classify_export_grouped};
    let (export, _) = fixture::near_duplicates();
    let key = |name: &str| {
        export
            .invitations
            .iter()
            .find(|i| i.sender.name == name)
            .unwrap()
            .key()
    };
    let cases: Vec<Vec<(&str, Class)>> = vec![
        vec![],
        vec![("Jun Park", Class::Personal)],
        vec![("Jun Park", Class::Boilerplate)],
        vec![
            ("Kai Berg", Class::Boilerplate),
            ("Jun Park", Class::Personal),
        ],
        vec![("Ana Alvarez", Class::Boilerplate)],
    ];
    let mut moved_any = false;
    for marks in cases {
        let overrides: invitriage::model::Overrides =
            marks.iter().map(|(n, c)| (key(n), *c)).collect();
        let cli = classify_export(&export, &overrides);
        let s = State::new(
            export.clone(),
            classify_export_grouped(&export, &Default::default()),
            Default::default(),
            overrides,
            Default::default(),
            fixture::now(),
            (80, 24),
        );
        for row in 0..s.rows().len() {
            let r = s.row(row);
            let i = export
                .invitations
                .iter()
                .position(|inv| inv.source.line == r.inv.source.line)
                .unwrap();
            let want = &cli[i];
            assert_eq!(
                (s.class_of(row), s.kind_of(row)),
                (want.class, want.kind),
                "{} under {marks:?}",
                r.inv.sender.name
            );
            assert_eq!(
                crate::tui::view::list::badge(&s, row).0 == "unsure",
                invitriage::classify::is_unsure(want),
                "{} under {marks:?}",
                r.inv.sender.name
            );
            let followed = want
                .reasons
                .first()
                .filter(|x| x.rule == "user.near_duplicate");
            // The reason the detail pane shows is the one `classify` gives.
            assert_eq!(
                s.followed(row)
                    .map(|(c, from)| invitriage::classify::near_duplicate_message(c, from)),
                followed.map(|x| x.message.to_string()),
                "{} under {marks:?}",
                r.inv.sender.name
            );
            moved_any |= s.moved_with(row).is_some();
        }
    }
    assert!(moved_any, "some case moves a near-duplicate");
}

/// Near-identical notes the classifier split: Ivo's boilerplate, Jun's and Kai's personal but
/// unsure. Marking Ivo's personal moves no one, yet the user has vouched for the class of all
/// three: Jun and Kai lose the "unsure" marker, as `classify` reports them.
#[test]
fn near_duplicates_of_the_users_class_are_no_longer_unsure() {
    use crate::tui::view::list::badge;
    let (export, mut classified) = fixture::near_duplicates();
    let i = export
        .invitations
        .iter()
        .position(|inv| inv.sender.name == "Ivo Petrov")
        .unwrap();
    classified.classes[i] = invitriage::model::Classification {
        class: Class::Boilerplate,
        kind: Kind::Generic,
        score: 12,
        reasons: Vec::new(),
    };
    let mut s = fixture::state_of(export, classified, (80, 24));
    let mut log = temp_store();
    let [ivo, jun, kai] = ["Ivo Petrov", "Jun Park", "Kai Berg"].map(|n| row_named(&s, n));
    assert_eq!(badge(&s, jun).0, "unsure");
    s.set_tab(Tab::Boilerplate);
    select_row(&mut s, ivo);
    drive(&mut s, &mut log, Action::Reclassify);
    assert_eq!(status(&s), "Marked Ivo Petrov as personal: u to undo");
    for row in [jun, kai] {
        assert_eq!(s.class_of(row), Class::Personal);
        assert_eq!(s.moved_with(row), None, "the class did not change");
        assert_eq!(badge(&s, row).0, "personal");
    }
    // The detail pane says why, as `classify` does.
    s.set_tab(Tab::Personal);
    select_row(&mut s, jun);
    let theme = crate::tui::theme::Theme::default();
    let why: Vec<String> = crate::tui::view::detail_lines(&s, &theme, jun)
        .iter()
        .map(|l| l.spans.iter().map(|x| x.content.as_ref()).collect())
        .collect();
    assert!(
        why.iter()
            .any(|l| l.ends_with("You marked a near-identical note personal (from Ivo Petrov)")),
        "{why:#?}"
    );
    drive(&mut s, &mut log, Action::Undo);
    assert_eq!(badge(&s, kai).0, "unsure");
}

// While the export loads: the list from its first rows, classes pending.

fn pending() -> State {
    fixture::pending_state((80, 24))
}

#[test]
fn the_first_chunk_lists_its_rows_newest_first_with_classes_pending() {
    let s = pending();
    assert!(s.is_pending());
    assert_eq!(s.tab(), Tab::All);
    assert_eq!(s.sort(), SortOrder::Newest);
    assert_eq!(s.visible().len(), fixture::FIRST_ROWS);
    let ages: Vec<_> = s.visible().iter().map(|r| s.inv(*r).sent_at).collect();
    assert!(ages.windows(2).all(|w| w[0] >= w[1]), "{ages:?}");
    assert_eq!(s.counts().all, fixture::FIRST_ROWS);
    assert_eq!(s.pending_load(), Some(Default::default()));
}

#[test]
fn progress_moves_the_gauge_and_nothing_else() {
    let mut s = pending();
    let before = names(&s).join(",");
    let p = crate::tui::action::LoadProgress {
        done: 40,
        total: 100,
        classifying: false,
    };
    assert!(go(&mut s, Action::LoadProgress(p)).is_empty());
    assert_eq!(s.pending_load(), Some(p));
    assert_eq!(names(&s).join(","), before);
    // Progress that arrives late, after the load, changes nothing.
    let mut done = st();
    go(&mut done, Action::LoadProgress(p));
    assert_eq!(done.pending_load(), None);
}

#[test]
fn keys_that_need_classes_are_refused_while_pending_and_say_why() {
    for (action, what) in [
        (Action::NextTab, "Switching tabs"),
        (Action::PrevTab, "Switching tabs"),
        (Action::SelectTab(Tab::Personal), "Switching tabs"),
        (Action::Reclassify, "Reclassifying"),
        (Action::FilterKind, "The kind filter"),
        (Action::CycleSort, "Sorting"),
        (Action::ToggleOverview, "The overview"),
        (Action::ToggleMark, "Marking"),
        (Action::AcceptAll, "Deciding in bulk"),
        (Action::IgnoreAll, "Deciding in bulk"),
        (Action::WithdrawAll, "Withdrawing"),
        (Action::ToggleNewOnly, "only what is new"),
        (Action::ToggleConnected, "already connected"),
    ] {
        let mut s = pending();
        go(&mut s, Action::MoveDown);
        let effects = go(&mut s, action.clone());
        assert!(effects.is_empty(), "{action:?}: {effects:?}");
        assert!(
            status(&s).contains(what) && status(&s).contains("waits for the classes"),
            "{action:?}: {}",
            status(&s)
        );
        assert_eq!(s.tab(), Tab::All, "{action:?}");
        assert_eq!(s.sort(), SortOrder::Newest, "{action:?}");
        assert_eq!(s.kind_filter(), None, "{action:?}");
        assert!(s.marks().is_empty(), "{action:?}");
        assert_eq!(s.mode, Mode::Normal, "{action:?}");
        assert_eq!(s.selected(), 1, "{action:?}: the selection stays");
    }
    // The palette runs actions through the same gate.
    let mut s = pending();
    go(&mut s, Action::OpenPalette);
    for c in "sort".chars() {
        go(&mut s, Action::SearchInput(c));
    }
    let effects = go(&mut s, Action::Confirm);
    assert!(effects.is_empty(), "{effects:?}");
    assert!(status(&s).contains("Sorting waits"), "{}", status(&s));
    assert_eq!(s.sort(), SortOrder::Newest);
}

#[test]
fn moving_searching_the_profile_and_deciding_work_while_pending() {
    let mut s = pending();
    go(&mut s, Action::Bottom);
    assert_eq!(s.selected(), fixture::FIRST_ROWS - 1);
    go(&mut s, Action::Top);
    for a in [
        Action::SearchStart,
        Action::SearchInput('d'),
        Action::SearchInput('a'),
        Action::SearchInput('r'),
        Action::SearchInput('a'),
        Action::SearchSubmit,
    ] {
        go(&mut s, a);
    }
    assert_eq!(s.matches().len(), 1);
    assert_eq!(selected_name(&s), "Dara Singh");
    go(&mut s, Action::OpenProfile);
    assert_eq!(s.mode, Mode::Profile { scroll: 0 });
    go(&mut s, Action::Cancel);
    let effects = go(&mut s, Action::Accept);
    let [Effect::Persist(events)] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(events[0].subject.name, "Dara Singh");
    assert_eq!(events[0].class, None, "no class is known to record");
    let ev = events[0].clone();
    go(&mut s, Action::Persisted(vec![ev]));
    assert!(
        status(&s).starts_with("Accepted Dara Singh"),
        "{}",
        status(&s)
    );
}

#[test]
fn the_classes_fill_in_keeping_decisions_saves_search_and_the_person() {
    let mut log = temp_store();
    let mut s = pending();
    // A decision made and saved while pending, and one still on its way to the store.
    let ana = names(&s).iter().position(|n| *n == "Ana Alvarez").unwrap();
    s.select(ana);
    drive(&mut s, &mut log, Action::Ignore);
    let ben = names(&s).iter().position(|n| *n == "Ben Okafor").unwrap();
    s.select(ben);
    let saving = go(&mut s, Action::Accept);
    assert_eq!(saving.len(), 1);
    // Farid is personal: he stays selected on the Personal tab the classes open on.
    let farid = names(&s).iter().position(|n| *n == "Farid Haddad").unwrap();
    s.select(farid);
    go(&mut s, Action::OpenProfile);

    let effects = go(&mut s, Action::Loaded(Box::new(fixture::loaded(None))));
    assert!(!s.is_pending());
    let [Effect::RecordLoad { keys, source }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(keys.len(), s.rows().len());
    assert_eq!(source, s.source());
    assert_eq!(s.tab(), Tab::Personal);
    assert_eq!(s.sort(), SortOrder::MostPersonal);
    // Every row of the export now, with its class; connected people hidden again.
    let c = s.counts();
    // Ana's ignore counts as decided; Ben's accept only once the store answers.
    assert_eq!((c.personal, c.boilerplate, c.decided), (2, 4, 1));
    assert!(
        s.decision_of(s.rows_of_key(&log.store.all().unwrap()[0].key)[0])
            .is_some()
    );
    let ben_row = (0..s.rows().len()).find(|r| s.inv(*r).sender.name == "Ben Okafor");
    assert!(
        s.is_saving(ben_row.unwrap()),
        "the save in flight is still shown"
    );
    assert_eq!(selected_name(&s), "Farid Haddad");
    assert_eq!(s.mode, Mode::Profile { scroll: 0 });
    assert!(status(&s).starts_with("Classified"), "{}", status(&s));

    // Now what needed the classes works.
    go(&mut s, Action::Cancel);
    go(&mut s, Action::NextTab);
    assert_eq!(s.tab(), Tab::Boilerplate);
}

#[test]
fn a_profile_open_on_someone_the_tab_does_not_list_closes_when_the_classes_arrive() {
    let mut s = pending();
    let ben = names(&s).iter().position(|n| *n == "Ben Okafor").unwrap();
    s.select(ben);
    go(&mut s, Action::OpenProfile);
    go(&mut s, Action::Loaded(Box::new(fixture::loaded(None))));
    // Ben is boilerplate; the list opens on Personal.
    assert_eq!(s.mode, Mode::Normal);
    assert_ne!(selected_name(&s), "Ben Okafor");
}

#[test]
fn the_saved_view_and_what_is_new_apply_once_the_classes_arrive() {
    let mut s = pending();
    let view = r#"{"tab":"Boilerplate","sort":"name"}"#;
    go(
        &mut s,
        Action::Loaded(Box::new(fixture::loaded(Some(view)))),
    );
    assert_eq!((s.tab(), s.sort()), (Tab::Boilerplate, SortOrder::Name));
    let key = s.key(s.selected_row().unwrap()).to_string();
    let seen = invitriage::store::LoadSeen {
        new: [key].into_iter().collect(),
        previous_load: Some(fixture::now()),
    };
    go(&mut s, Action::Seen(Ok(seen)));
    assert!(s.is_new(s.selected_row().unwrap()));
    go(&mut s, Action::Seen(Err(store_error())));
    assert!(
        status(&s).starts_with("Could not tell what is new"),
        "{}",
        status(&s)
    );
}

#[test]
fn what_is_new_is_recorded_in_the_store_once_every_row_is_known() {
    let mut log = temp_store();
    let mut s = pending();
    drive(
        &mut s,
        &mut log,
        Action::Loaded(Box::new(fixture::loaded(None))),
    );
    // The first load: everything is recorded as shown, nothing is marked new.
    assert_eq!(log.store.seen_count().unwrap() as usize, s.rows().len());
    assert!(s.insight().previous_load.is_none());
    // The next load of the same export through the same path: a previous load, nothing new.
    let mut again = pending();
    drive(
        &mut again,
        &mut log,
        Action::Loaded(Box::new(fixture::loaded(None))),
    );
    assert!(again.insight().previous_load.is_some());
    assert!(again.insight().new_keys.is_empty());
}
