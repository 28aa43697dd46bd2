//! The app's Sent tab, new-since-last-load marker and Overview screen over the demo export:
//! snapshots at 80x24 and 120x40, and their behaviour through `update` with a real store.

use std::collections::{HashMap, HashSet};

use chrono::{TimeZone, Utc};
use invitriage::classify::classify_export;
use invitriage::import::{ImportOptions, load_demo};
use invitriage::model::{Direction, Verdict};
use invitriage::store::{Decision, Store};
use invitriage_app::tui::action::{Action, Effect};
use invitriage_app::tui::keymap::Keymap;
use invitriage_app::tui::persist::{RecordingOpener, run_effect};
use invitriage_app::tui::state::{Mode, State, Tab};
use invitriage_app::tui::theme::Theme;
use invitriage_app::tui::update::{INVITATION_MANAGER_URL, SENT_INVITATIONS_URL};
use invitriage_app::tui::{fixture, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn demo(size: (u16, u16), decisions: HashMap<String, Decision>) -> State {
    let export = load_demo(&ImportOptions::default()).unwrap();
    let classes = classify_export(&export, &Default::default());
    State::new(
        export,
        classes,
        decisions,
        Default::default(),
        Keymap::default(),
        fixture::now(),
        size,
    )
}

fn go(s: &mut State, a: Action) -> Vec<Effect> {
    update(s, a, fixture::now())
}

fn to_tab(s: &mut State, tab: Tab) {
    for _ in 0..Tab::ALL.len() {
        if s.tab() == tab {
            return;
        }
        go(s, Action::PrevTab);
    }
    assert_eq!(s.tab(), tab);
}

fn draw(state: &State, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(f, state, &Theme::default()))
        .unwrap();
    t
}

/// Run actions through `update`, carrying out effects on a real store, until quiet.
fn drive(s: &mut State, store: &mut Store, opener: &mut RecordingOpener, actions: Vec<Action>) {
    for a in actions {
        let mut queue = vec![a];
        while let Some(a) = queue.pop() {
            for e in update(s, a, fixture::now()) {
                if let Some(b) = run_effect(&e, store, opener, fixture::now()) {
                    queue.push(b);
                }
            }
        }
    }
}

/// A state that has seen an earlier export: every row but the two newest incoming ones was
/// loaded on 2026-10-03, and two are decided from back then.
fn seen_before(size: (u16, u16)) -> State {
    let probe = demo(size, HashMap::new());
    // Incoming rows shown by default (not from a connection) whose person sent only one.
    let mut incoming: Vec<usize> = (0..probe.rows().len())
        .filter(|&r| {
            let row = probe.row(r);
            row.inv.direction == Direction::Incoming
                && !row.inv.relationship.connected
                && probe.rows_of_key(row.key).len() == 1
        })
        .collect();
    incoming.sort_by_key(|&r| std::cmp::Reverse(probe.inv(r).sent_at));
    let new: HashSet<String> = incoming[..2]
        .iter()
        .map(|&r| probe.key(r).to_string())
        .collect();
    let decided: HashMap<String, Decision> = incoming[10..12]
        .iter()
        .map(|&r| {
            let row = probe.row(r);
            (
                row.key.to_string(),
                Decision {
                    key: row.key.to_string(),
                    name: row.inv.sender.name.to_string(),
                    profile_url: row.inv.sender.profile_url.map(str::to_string),
                    verdict: Verdict::Ignore,
                    decided_at: Utc.with_ymd_and_hms(2026, 10, 3, 9, 0, 0).unwrap(),
                    class: None,
                    export: "old.zip".into(),
                },
            )
        })
        .collect();
    let mut s = demo(size, decided);
    s.set_seen(
        new,
        Some(Utc.with_ymd_and_hms(2026, 10, 3, 8, 0, 0).unwrap()),
    );
    s
}

#[test]
fn sent_tab_snapshots() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut s = demo((w, h), HashMap::new());
        to_tab(&mut s, Tab::Sent);
        insta::assert_snapshot!(format!("sent_{w}x{h}"), draw(&s, w, h).backend());
    }
}

#[test]
fn new_marker_snapshots() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut s = seen_before((w, h));
        to_tab(&mut s, Tab::All);
        // Most personal -> name -> newest: the new rows on top.
        go(&mut s, Action::CycleSort);
        go(&mut s, Action::CycleSort);
        insta::assert_snapshot!(format!("new_marker_{w}x{h}"), draw(&s, w, h).backend());
    }
    let mut s = seen_before((80, 24));
    to_tab(&mut s, Tab::All);
    go(&mut s, Action::ToggleNewOnly);
    insta::assert_snapshot!("new_only_80x24", draw(&s, 80, 24).backend());
}

#[test]
fn overview_snapshots() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut s = demo((w, h), HashMap::new());
        go(&mut s, Action::ToggleOverview);
        insta::assert_snapshot!(format!("overview_{w}x{h}"), draw(&s, w, h).backend());
    }
}

#[test]
fn the_sent_tab_lists_pending_requests_oldest_first_and_counts_their_ages() {
    let mut s = demo((120, 40), HashMap::new());
    to_tab(&mut s, Tab::Sent);
    let names: Vec<&str> = s
        .visible()
        .iter()
        .map(|&r| s.inv(r).counterpart_name())
        .collect();
    // The demo's five requests: two are in Connections.csv (accepted), three are pending.
    assert_eq!(
        names,
        [
            "Olivia Grant",
            "r.costa.demo@example.com",
            "Hannah Lindqvist"
        ]
    );
    assert_eq!(s.counts().sent, 3);
    let summary = s.insight().sent_summary;
    assert_eq!(
        (
            summary.total,
            summary.older_than_1_month,
            summary.older_than_3_months,
            summary.older_than_6_months
        ),
        (3, 2, 2, 0)
    );
    // No incoming row is on the Sent tab, and no sent one elsewhere.
    assert!(s.visible().iter().all(|&r| s.is_outgoing(r)));
    to_tab(&mut s, Tab::All);
    assert!(s.visible().iter().all(|&r| !s.is_outgoing(r)));
}

#[test]
fn w_marks_withdraw_in_the_store_and_undo_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.sqlite3")).unwrap();
    let mut opener = RecordingOpener::default();
    let mut s = demo((120, 40), HashMap::new());

    // Accept and ignore are for incoming requests; w is refused off the Sent tab.
    to_tab(&mut s, Tab::Personal);
    assert!(go(&mut s, Action::Withdraw).is_empty());
    to_tab(&mut s, Tab::Sent);
    assert!(
        go(&mut s, Action::Accept).is_empty(),
        "no accept on a sent request"
    );

    drive(
        &mut s,
        &mut store,
        &mut opener,
        vec![Action::Top, Action::Withdraw],
    );
    let all = store.all().unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].verdict, Verdict::Withdraw);
    assert_eq!(all[0].name, "Olivia Grant");
    assert!(all[0].key.starts_with("out:"), "{}", all[0].key);
    let olivia = s.visible()[0];
    assert_eq!(
        s.decision_of(olivia).map(|d| d.verdict),
        Some(Verdict::Withdraw)
    );
    // Still listed (it is still pending on LinkedIn until withdrawn there).
    assert_eq!(s.visible().len(), 3);

    drive(&mut s, &mut store, &mut opener, vec![Action::Undo]);
    assert!(store.all().unwrap().is_empty());
    assert_eq!(s.decision_of(olivia), None);

    // Bulk: with nothing marked, W asks about the whole Sent view.
    drive(&mut s, &mut store, &mut opener, vec![Action::WithdrawAll]);
    match &s.mode {
        Mode::Confirm(b) => assert_eq!((b.verdict, b.rows.len()), (Verdict::Withdraw, 3)),
        other => panic!("expected a confirmation, got {other:?}"),
    }
    drive(&mut s, &mut store, &mut opener, vec![Action::Confirm]);
    let all = store.all().unwrap();
    assert_eq!(all.len(), 3);
    assert!(all.iter().all(|d| d.verdict == Verdict::Withdraw));
    // Marked rows: only the marked one.
    drive(
        &mut s,
        &mut store,
        &mut opener,
        vec![
            Action::Undo,
            Action::Top,
            Action::ToggleMark,
            Action::WithdrawAll,
        ],
    );
    match &s.mode {
        Mode::Confirm(b) => assert_eq!(b.rows.len(), 1),
        other => panic!("expected a confirmation, got {other:?}"),
    }
}

#[test]
fn capital_o_opens_the_sent_page_on_the_sent_tab() {
    let mut s = demo((120, 40), HashMap::new());
    assert_eq!(
        go(&mut s, Action::OpenInvitationManager),
        [Effect::OpenUrl(INVITATION_MANAGER_URL.to_string())]
    );
    to_tab(&mut s, Tab::Sent);
    assert_eq!(
        go(&mut s, Action::OpenInvitationManager),
        [Effect::OpenUrl(SENT_INVITATIONS_URL.to_string())]
    );
    assert_eq!(
        SENT_INVITATIONS_URL,
        "https://www.linkedin.com/mynetwork/invitation-manager/sent/"
    );
}

#[test]
fn new_rows_are_marked_filtered_and_counted_in_the_header() {
    let mut s = seen_before((120, 40));
    assert_eq!(
        s.since_line().as_deref(),
        Some("2 new since 2026-10-03 · 2 decided earlier")
    );
    to_tab(&mut s, Tab::All);
    let before = s.visible().len();
    go(&mut s, Action::ToggleNewOnly);
    assert!(s.only_new());
    assert_eq!(s.visible().len(), 2);
    assert!(s.visible().iter().all(|&r| s.is_new(r)));
    go(&mut s, Action::ToggleNewOnly);
    assert_eq!(s.visible().len(), before);

    // On a first load nothing is new, and the filter says why it does nothing.
    let mut first = demo((120, 40), HashMap::new());
    let keys: HashSet<String> = first.row_keys().into_iter().collect();
    first.set_seen(keys, None);
    assert!(
        first
            .rows()
            .iter()
            .enumerate()
            .all(|(r, _)| !first.is_new(r))
    );
    go(&mut first, Action::ToggleNewOnly);
    assert!(!first.only_new());
    assert_eq!(first.since_line(), None);
}

#[test]
fn overview_enter_filters_the_list_to_one_template_cluster_and_esc_clears_it() {
    let mut s = demo((120, 40), HashMap::new());
    assert!(
        !s.insight().monthly.clusters.is_empty(),
        "the demo has a cluster"
    );
    go(&mut s, Action::ToggleOverview);
    assert!(matches!(s.mode, Mode::Overview { cluster: 0 }));
    go(&mut s, Action::FilterCluster);
    assert_eq!(s.mode, Mode::Normal);
    assert_eq!(s.cluster_filter(), Some(1));
    let mut names: Vec<&str> = s.visible().iter().map(|&r| s.inv(r).sender.name).collect();
    // Whatever tab the user was on, the cluster's rows are where it shows them.
    if names.is_empty() {
        to_tab(&mut s, Tab::Boilerplate);
        names = s.visible().iter().map(|&r| s.inv(r).sender.name).collect();
    }
    names.sort_unstable();
    assert_eq!(names, ["Derek Olsen, MBA", "Vikram Nair"]);
    go(&mut s, Action::SearchClear);
    assert_eq!(s.cluster_filter(), None);
    // v closes the Overview as well as opening it.
    go(&mut s, Action::ToggleOverview);
    go(&mut s, Action::Cancel);
    assert_eq!(s.mode, Mode::Normal);
}

#[test]
fn every_small_size_renders_the_new_screens() {
    let mut screens = Vec::new();
    let mut s = seen_before((1, 1));
    to_tab(&mut s, Tab::Sent);
    screens.push(s.clone());
    go(&mut s, Action::ToggleOverview);
    screens.push(s);
    for s in &screens {
        for w in 1..=50u16 {
            for h in 1..=20u16 {
                let mut s = s.clone();
                go(
                    &mut s,
                    Action::Resize {
                        width: w,
                        height: h,
                    },
                );
                draw(&s, w, h);
            }
        }
    }
}
