//! What a keypress costs in the app on a large export (100,000 incoming invitations): moving
//! (no recompute), switching tabs and typing a search (one O(n) pass over the cached sort
//! order), a persisted decision (one O(n) refilter), and drawing one frame (visible rows only).
//!
//! On the 2-core dev box (release): move 40 ns, switch tab 0.7 ms, persisted decision 0.7 ms,
//! one search keystroke 7 ms, one 120x40 frame 0.5 ms, building the state 0.75 s (once,
//! behind the loading screen). Before the per-row facts were split out of `Row`, a persisted
//! decision took 45 ms: the refilter pass missed the cache on every row. A persisted
//! reclassification re-sorts every row (65 ms under a load of 7), 90 ms when 11,111
//! near-identical notes move with it (docs/PERFORMANCE.md).

use chrono::{DateTime, Utc};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use invitriage::model::{Class, Invitations, Verdict};
use invitriage::store::{self, NewEvent, Subject};
use invitriage_app::tui::action::Action;
use invitriage_app::tui::state::State;
use invitriage_app::tui::theme::Theme;
use invitriage_app::tui::{fixture, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const ROWS: usize = 100_000;

/// The fixture's rows repeated to `ROWS`, each from its own sender: every note is sent by
/// thousands of people, so each forms a group of near-identical notes.
fn big_export() -> (
    invitriage::model::Export,
    Vec<invitriage::model::Classification>,
) {
    let (base, base_classes) = fixture::export();
    let mut export = base.clone();
    export.invitations = Invitations::new();
    let mut classes = Vec::new();
    for i in 0..ROWS {
        let j = i % base.invitations.len();
        let mut inv = base.invitations.at(j).to_record();
        inv.sender.name = format!("{} {i}", inv.sender.name);
        inv.sender.profile_url = Some(format!("https://www.linkedin.com/in/person-{i}-demo"));
        inv.sent_at -= chrono::Duration::minutes(i as i64);
        export.invitations.push(&inv.view()).unwrap();
        classes.push(base_classes[j].clone());
    }
    export.invitations.shrink();
    (export, classes)
}

fn big_state() -> State {
    let (export, classes) = big_export();
    fixture::state_of(export, classes, (120, 40))
}

/// [`big_state`] with the core's groups of near-identical notes (the fixture's classes).
fn big_grouped_state() -> State {
    let (export, classes) = big_export();
    let (_, near) = invitriage::classify::classify_export_grouped(&export, &Default::default());
    State::new(
        export,
        (classes, near),
        Default::default(),
        Default::default(),
        Default::default(),
        fixture::now(),
        (120, 40),
    )
}

/// A reclassification of `row`, to `class`, as the store hands it back.
fn reclassified(s: &State, row: usize, class: Class, now: DateTime<Utc>) -> Action {
    Action::Persisted(vec![NewEvent {
        subject: Subject {
            key: s.key(row).to_string(),
            name: "Bench".into(),
            profile_url: None,
        },
        action: store::Action::Reclassify(class),
        class: Some(class),
        export: "bench".into(),
        at: now,
    }])
}

fn bench(c: &mut Criterion) {
    let now = fixture::now();
    c.bench_function("build the state from an export (100k rows)", |b| {
        b.iter(big_state)
    });
    let mut s = big_state();
    c.bench_function("move down (100k rows)", |b| {
        b.iter(|| update(&mut s, Action::MoveDown, now))
    });
    c.bench_function("switch tab (100k rows)", |b| {
        b.iter(|| update(&mut s, Action::NextTab, now))
    });
    c.bench_function("type one search character (100k rows)", |b| {
        b.iter_batched(
            || {
                let mut s = s.clone();
                update(&mut s, Action::SearchStart, now);
                s
            },
            // Return the state so dropping 100k rows is not timed.
            |mut s| {
                update(&mut s, Action::SearchInput('a'), now);
                s
            },
            BatchSize::LargeInput,
        )
    });
    let key = s.key(0).to_string();
    let mut flip = false;
    c.bench_function("a decision comes back persisted (100k rows)", |b| {
        b.iter(|| {
            flip = !flip;
            let event = NewEvent {
                subject: Subject {
                    key: key.clone(),
                    name: "Bench".into(),
                    profile_url: None,
                },
                action: store::Action::Decide(if flip {
                    Verdict::Accept
                } else {
                    Verdict::Ignore
                }),
                class: None,
                export: "bench".into(),
                at: now,
            };
            update(&mut s, Action::Persisted(vec![event]), now)
        })
    });
    // A reclassification re-sorts every row; with groups it also moves the note's
    // near-identical notes (recomputing that group only) and counts them for the status line.
    for mut s in [big_state(), big_grouped_state()] {
        let moving = s.near_identical(0).len();
        let mut flip = false;
        c.bench_function(
            &format!(
                "a reclassification comes back persisted, {moving} near-identical notes move (100k rows)"
            ),
            |b| {
                b.iter(|| {
                    flip = !flip;
                    let class = if flip {
                        Class::Boilerplate
                    } else {
                        Class::Personal
                    };
                    let back = reclassified(&s, 0, class, now);
                    update(&mut s, back, now)
                })
            },
        );
    }
    let theme = Theme::default();
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    c.bench_function("draw one 120x40 frame (100k rows)", |b| {
        b.iter(|| term.draw(|f| view::render(f, &s, &theme)).unwrap().area)
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
