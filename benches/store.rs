//! What the decision store costs: a durable `record` (one fsync'd commit per keypress in the
//! app), opening and replaying a large log, and the per-row `current` lookup the app makes.

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use invitriage::model::{Class, Verdict};
use invitriage::store::{Action, NewEvent, Store, Subject};

fn event(i: usize) -> NewEvent {
    NewEvent {
        subject: Subject {
            key: format!("in:url:linkedin.com/in/person-{i}-demo"),
            name: format!("Person {i}"),
            profile_url: Some(format!("https://www.linkedin.com/in/person-{i}-demo")),
        },
        action: Action::Decide(if i % 3 == 0 {
            Verdict::Accept
        } else {
            Verdict::Ignore
        }),
        class: Some(Class::Boilerplate),
        export: "Basic_LinkedInDataExport_11-20-2026.zip".into(),
        at: Utc.with_ymd_and_hms(2026, 11, 21, 9, 0, 0).unwrap(),
    }
}

fn bench(c: &mut Criterion) {
    // On the target dir's disk, not tmpfs, so fsync is real.
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();

    let path = dir.path().join("record.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let mut i = 0;
    c.bench_function("record one decision (durable commit)", |b| {
        b.iter(|| {
            i += 1;
            store.record(&event(i)).unwrap()
        })
    });

    // A heavy user's log: 10,000 decisions in 100 bulk steps, a few undone.
    let path = dir.path().join("big.sqlite3");
    {
        let mut store = Store::open(&path).unwrap();
        for step in 0..100 {
            let evs: Vec<NewEvent> = (0..100).map(|j| event(step * 100 + j)).collect();
            store.record_many(&evs).unwrap();
            if step % 10 == 9 {
                store.undo(Utc::now()).unwrap();
            }
        }
    }
    c.bench_function("open and list 10k-event log", |b| {
        b.iter(|| Store::open(&path).unwrap().all().unwrap().len())
    });
    let store = Store::open(&path).unwrap();
    store.all().unwrap();
    c.bench_function("current(key) on a warm 10k-event store", |b| {
        b.iter(|| {
            store
                .current("in:url:linkedin.com/in/person-4242-demo")
                .unwrap()
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
