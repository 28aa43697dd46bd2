//! A small hand-made export with fixed classifications, for the app's tests and snapshots.
//! Pure: no I/O. The people and slugs are invented.

use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use invitriage::model::{
    Class, Classification, Direction, Export, InvitationRecord, InvitationType, Invitations, Kind,
    MessageRef, Reason, RecipientRecord, Relationship, SenderRecord, SourceLoc,
};

/// The fixed "now" of the fixture: 2026-11-25 12:00 UTC.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap()
}

struct Spec {
    name: &'static str,
    slug: Option<&'static str>,
    age_hours: i64,
    note: Option<&'static str>,
    kind: Kind,
    score: u8,
    /// (rule, message, weight, evidence text in the note)
    reasons: &'static [(&'static str, &'static str, i32, Option<&'static str>)],
}

fn reason(note: Option<&str>, r: &(&str, &str, i32, Option<&str>)) -> Reason {
    let span = r.3.and_then(|needle| {
        let n = note?;
        let at = n.find(needle)?;
        Some(at..at + needle.len())
    });
    Reason {
        rule: r.0.to_string().into(),
        message: r.1.to_string().into(),
        weight: r.2,
        span,
    }
}

const SPECS: &[Spec] = &[
    Spec {
        name: "Ana Alvarez",
        slug: Some("ana-alvarez-demo"),
        age_hours: 3 * 24 + 2,
        note: Some(
            "Hi Sam, we met at RustConf in Montreal. Your talk on async cancellation saved our team weeks of debugging. Would love to stay in touch!",
        ),
        kind: Kind::Personal,
        score: 88,
        reasons: &[
            (
                "context.event",
                "Mentions an event: RustConf",
                40,
                Some("RustConf"),
            ),
            (
                "personal.specific",
                "Refers to something you did: your talk",
                25,
                Some("Your talk on async cancellation"),
            ),
        ],
    },
    Spec {
        name: "Ben Okafor",
        slug: Some("ben-okafor-demo"),
        age_hours: 35 * 24,
        note: Some("I'd like to join your LinkedIn network."),
        kind: Kind::Default,
        score: 2,
        reasons: &[(
            "default.stock_text",
            "LinkedIn's stock invitation text",
            -60,
            Some("I'd like to join your LinkedIn network."),
        )],
    },
    Spec {
        name: "Chen Wei",
        slug: None,
        age_hours: 2 * 24,
        note: None,
        kind: Kind::NoNote,
        score: 5,
        reasons: &[("no_note", "No note at all", -50, None)],
    },
    Spec {
        name: "Dara Singh",
        slug: Some("dara-singh-demo"),
        age_hours: 6 * 24,
        note: Some(
            "Hi Sam, I help founders like you scale revenue 3x with our proven system. Open to a quick call this week?",
        ),
        kind: Kind::Template,
        score: 8,
        reasons: &[
            (
                "template.pitch",
                "Sales pitch: \"scale revenue\"",
                -45,
                Some("scale revenue 3x"),
            ),
            (
                "cluster.same_text",
                "Same text as 14 other invitations",
                -20,
                None,
            ),
        ],
    },
    Spec {
        name: "Eve Martin",
        slug: Some("eve-martin-demo"),
        age_hours: 12 * 24,
        note: Some("Let's connect!"),
        kind: Kind::Generic,
        score: 10,
        reasons: &[(
            "generic.content_free",
            "Content-free: \"Let's connect\"",
            -35,
            Some("Let's connect!"),
        )],
    },
    Spec {
        name: "Farid Haddad",
        slug: Some("farid-haddad-demo"),
        age_hours: 26,
        note: Some(
            "Fellow Acme alum here! We overlapped on the payments team in 2019 and I'm now hiring for a similar role.",
        ),
        kind: Kind::Personal,
        score: 81,
        reasons: &[(
            "context.shared_employer",
            "Mentions your employer Acme Corp",
            35,
            Some("Acme"),
        )],
    },
    Spec {
        name: "Gia Rossi",
        slug: Some("gia-rossi-demo"),
        age_hours: 20 * 24,
        note: Some("Great chatting at the meetup yesterday, Sam!"),
        kind: Kind::Personal,
        score: 74,
        reasons: &[(
            "context.event",
            "Mentions an event: the meetup",
            30,
            Some("the meetup"),
        )],
    },
    Spec {
        name: "Hugo Brandt",
        slug: Some("hugo-brandt-demo"),
        age_hours: 9 * 24,
        note: Some(
            "Hallo Sam,\n\tich habe deinen Vortrag über Tokio gesehen.\nGrüße aus Berlin! 🦀",
        ),
        kind: Kind::Personal,
        score: 70,
        reasons: &[(
            "personal.specific",
            "Refers to something you did: your talk",
            25,
            Some("deinen Vortrag über Tokio"),
        )],
    },
];

fn invitation(spec: &Spec, line: u64) -> InvitationRecord {
    let file: Arc<str> = Arc::from("Invitations.csv");
    let mut rel = Relationship::default();
    let mut sender = SenderRecord {
        name: spec.name.to_string(),
        profile_url: spec
            .slug
            .map(|s| format!("https://www.linkedin.com/in/{s}")),
        ..SenderRecord::default()
    };
    match spec.name {
        "Ana Alvarez" => {
            rel.messages = 2;
            rel.last_message = Some(MessageRef {
                at: now() - Duration::days(4),
                from_them: true,
                snippet: "Loved the talk, here are the slides I mentioned".to_string(),
            });
        }
        "Farid Haddad" => {
            sender.headline = Some("Engineering Manager, Payments".to_string());
            sender.company = Some("Globex".to_string());
            sender.location = Some("Lisbon, Portugal".to_string());
            sender.mutual_connections = Some(12);
            rel.endorsements = 3;
        }
        "Gia Rossi" => {
            rel.connected = true;
            rel.connected_on = NaiveDate::from_ymd_opt(2026, 11, 10);
            rel.company = Some("Initech".to_string());
        }
        _ => {}
    }
    InvitationRecord {
        direction: Direction::Incoming,
        kind: InvitationType::Connection,
        sender,
        recipient: RecipientRecord {
            name: "Sam Example".to_string(),
            ..RecipientRecord::default()
        },
        sent_at: now() - Duration::hours(spec.age_hours),
        note: spec.note.map(str::to_string),
        raw_note: spec.note.map(str::to_string),
        source: SourceLoc { file, line },
        relationship: rel,
    }
}

/// The fixture export and its classifications, in the same order.
pub fn export() -> (Export, Vec<Classification>) {
    let mut invitations = Vec::new();
    let mut classes = Vec::new();
    for (i, spec) in SPECS.iter().enumerate() {
        let inv = invitation(spec, i as u64 + 2);
        classes.push(Classification {
            class: spec.kind.class(),
            kind: spec.kind,
            score: spec.score,
            reasons: spec.reasons.iter().map(|r| reason(spec.note, r)).collect(),
        });
        invitations.push(inv);
    }
    // An outgoing invitation: kept by the import, not triaged by the app.
    let mut out = invitation(&SPECS[4], 99);
    out.direction = Direction::Outgoing;
    out.sender.name = "Sam Example".to_string();
    out.recipient.name = "Ivy Chen".to_string();
    invitations.push(out);
    classes.push(Classification {
        class: Class::Boilerplate,
        kind: Kind::Generic,
        score: 10,
        reasons: Vec::new(),
    });
    let export = Export {
        source: "fixtures/tui".to_string(),
        files: vec![
            "Invitations.csv".to_string(),
            "Connections.csv".to_string(),
            "messages.csv".to_string(),
        ],
        invitations: Invitations::from_records(&invitations),
        ..Export::default()
    };
    (export, classes)
}

/// A state over the fixture at `size`, with no decisions.
pub fn state(size: (u16, u16)) -> super::State {
    let (export, classes) = export();
    state_of(export, classes, size)
}

/// A state over any export at `size`, at [`now`], with no decisions, no overrides and the
/// default keymap: what every test and bench that builds its own export starts from.
pub fn state_of(
    export: Export,
    classified: impl Into<super::state::Classified>,
    size: (u16, u16),
) -> super::State {
    super::State::new(
        export,
        classified,
        Default::default(),
        Default::default(),
        super::keymap::Keymap::default(),
        now(),
        size,
    )
}

/// The notes of [`near_duplicates`]: one recruiter's circle pitch from three senders, a word
/// apart, that the fixture classifies personal (as a classifier that misreads it would).
const CIRCLE: [(&str, i64, &str); 3] = [
    (
        "Ivo Petrov",
        4,
        "Hi Sam, I came across your profile and was impressed by your work on async Rust. We are building a small circle of senior engineers in Europe and would love to have you in it.",
    ),
    (
        "Jun Park",
        5,
        "Hello Sam, I came across your profile and was impressed by your work on async Rust. We are building a small circle of senior engineers in Europe and would love to have you in it!",
    ),
    (
        "Kai Berg",
        7,
        "Hi Sam, I came across your profile and was really impressed by your work on async Rust. We are building a small circle of senior engineers in Europe and would love to have you in it.",
    ),
];

/// The fixture plus three near-identical notes (the same pitch from Ivo Petrov, Jun Park and
/// Kai Berg), with the core's groups of near-identical notes over the whole export.
pub fn near_duplicates() -> (Export, super::state::Classified) {
    let (mut export, mut classes) = export();
    for (i, (name, days, note)) in CIRCLE.into_iter().enumerate() {
        let spec = Spec {
            name,
            slug: None,
            age_hours: days * 24,
            note: Some(note),
            kind: Kind::Personal,
            score: 62,
            reasons: &[(
                "personal.specific",
                "Refers to something you did: your work",
                25,
                Some("your work on async Rust"),
            )],
        };
        let mut inv = invitation(&spec, 20 + i as u64);
        inv.sender.profile_url = Some(format!(
            "https://www.linkedin.com/in/{}-demo",
            name.to_lowercase().replace(' ', "-")
        ));
        classes.push(Classification {
            class: Class::Personal,
            kind: spec.kind,
            score: spec.score,
            reasons: spec.reasons.iter().map(|r| reason(spec.note, r)).collect(),
        });
        export.invitations.push_record(&inv).unwrap();
    }
    let (_, near) = invitriage::classify::classify_export_grouped(&export, &Default::default());
    (export, (classes, near).into())
}

/// A state over [`near_duplicates`] at `size`, with no decisions.
pub fn near_duplicates_state(size: (u16, u16)) -> super::State {
    let (export, classified) = near_duplicates();
    state_of(export, classified, size)
}

/// How many of the fixture's rows [`pending_state`] starts from.
pub const FIRST_ROWS: usize = 6;

/// The fixture's first [`FIRST_ROWS`] rows, as the importer hands them over while the rest
/// loads: no relationships (the other files are not read yet), no warnings.
pub fn first_rows() -> Export {
    let (export, _) = export();
    let mut first = Invitations::new();
    for inv in export.invitations.iter().take(FIRST_ROWS) {
        let mut record = inv.to_record();
        record.relationship = Relationship::default();
        first.push_record(&record).unwrap();
    }
    Export {
        source: export.source,
        files: vec!["Invitations.csv".to_string()],
        invitations: first,
        ..Export::default()
    }
}

/// A state over the fixture's first rows at `size`, their classes pending (the export still
/// loading), with no decisions.
pub fn pending_state(size: (u16, u16)) -> super::State {
    super::State::pending(
        first_rows(),
        Default::default(),
        Default::default(),
        super::keymap::Keymap::default(),
        now(),
        size,
    )
}

/// The whole fixture, classified, as the loader hands it over when it is done.
pub fn loaded(view: Option<&str>) -> super::action::Loaded {
    let (export, classes) = export();
    super::action::Loaded {
        export,
        classes,
        near: Default::default(),
        view: view.map(str::to_string),
    }
}
