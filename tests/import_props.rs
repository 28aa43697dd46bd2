//! Property tests over every importer: Invitations.csv, each other export file, the ZIP, JSON
//! and JSON Lines. 10,000 cases each by default (`PROPTEST_CASES` changes it), on small
//! inputs built to reach past the header into the rows, so each case is cheap. No input may
//! panic; what loads keeps its promises (file order, 1-based lines, sanitised text).

use std::io::{Cursor, Write};

use invitriage::import::{
    ImportOptions, export_files, json, load_bytes, load_zip, parse_invitations_csv,
};
use invitriage::model::Invitations;
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

fn opts() -> ImportOptions {
    ImportOptions::default()
}

/// A cell: ordinary, quoted, hostile, or a date in one of the forms the files use.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z ]{0,8}",
        "\\PC{0,6}",
        "[\u{0}-\u{1f}\u{7f}\u{9b}\u{202e}\u{200b}\"',\r\n ]{0,4}",
        Just("\"2/12/26, 11:44 AM\"".to_string()),
        Just("11/28/21".to_string()),
        Just("06-01-2021".to_string()),
        Just("Mar 25 2023 10:15 AM".to_string()),
        Just("INCOMING".to_string()),
        Just("OUTGOING".to_string()),
        Just("16 Dec 2024".to_string()),
        Just("2024-12-16 18:24:37 UTC".to_string()),
        Just("https://www.linkedin.com/in/ana-demo".to_string()),
        Just("\"a, \"\"b\"\"\"".to_string()),
    ]
}

/// A header line: the real one, reordered, trimmed, renamed, repeated or damaged.
fn header(columns: &'static [&'static str]) -> impl Strategy<Value = String> {
    let n = columns.len();
    prop_oneof![
        4 => Just(columns.join(",")),
        2 => Just(columns.to_vec()).prop_shuffle().prop_map(|c| c.join(",")),
        1 => proptest::sample::subsequence(columns, 0..=n).prop_map(|c| c.join(",")),
        1 => (0..n).prop_map(move |i| format!("{},{}", columns.join(","), columns[i])),
        1 => "[A-Za-z ,]{0,30}",
    ]
}

/// A small CSV file: maybe a BOM or preamble, a header, rows of cells with any field count.
fn csv_file(columns: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    (
        any::<bool>(),
        prop_oneof![Just(""), Just("Notes:\n\"x, y\"\n\n"), Just("\n")],
        header(columns),
        proptest::collection::vec(proptest::collection::vec(cell(), 0..8), 0..5),
        prop_oneof![Just("\n"), Just("\r\n")],
    )
        .prop_map(|(bom, preamble, header, rows, eol)| {
            let mut s = String::new();
            if bom {
                s.push('\u{feff}');
            }
            s.push_str(preamble);
            s.push_str(&header);
            s.push_str(eol);
            for r in rows {
                s.push_str(&r.join(","));
                s.push_str(eol);
            }
            s.into_bytes()
        })
}

const INVITATIONS: &[&str] = &[
    "From",
    "To",
    "Sent At",
    "Message",
    "Direction",
    "inviterProfileUrl",
];
const CONNECTIONS: &[&str] = &[
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
];
const MESSAGES: &[&str] = &[
    "CONVERSATION ID",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "RECIPIENT PROFILE URLS",
    "DATE",
    "CONTENT",
];
const ENDORSEMENTS: &[&str] = &[
    "Endorsement Date",
    "Skill Name",
    "Endorser First Name",
    "Endorser Last Name",
    "Endorser Public Url",
];
const RECOMMENDATIONS: &[&str] = &["First Name", "Last Name", "Company", "Text", "Status"];
const PROFILE: &[&str] = &["First Name", "Last Name", "Headline", "Geo Location"];
const POSITIONS: &[&str] = &["Company Name", "Title", "Started On", "Finished On"];
const EDUCATION: &[&str] = &["School Name", "Degree Name", "Notes"];

/// What every loaded invitation promises.
fn check_invitations(invs: &Invitations, lines: usize) -> Result<(), TestCaseError> {
    prop_assert!(invs.len() <= lines);
    let at: Vec<u64> = invs.iter().map(|i| i.source.line).collect();
    prop_assert!(at.windows(2).all(|w| w[0] < w[1]));
    for i in invs {
        prop_assert!(i.source.line >= 1);
        for text in [i.sender.name, i.recipient.name] {
            prop_assert!(!text.chars().any(|c| c.is_control()), "{text:?}");
        }
        if let Some(note) = i.note {
            prop_assert!(!note.chars().any(|c| c.is_control()), "{note:?}");
        }
        prop_assert!((1970..=9999).contains(&chrono::Datelike::year(&i.sent_at)));
    }
    Ok(())
}

fn line_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count() + 1
}

/// A small ZIP (stored, so building it costs little) of generated files, sometimes damaged.
fn zip_file() -> impl Strategy<Value = Vec<u8>> {
    (
        csv_file(INVITATIONS),
        proptest::option::of(csv_file(CONNECTIONS)),
        proptest::option::of(csv_file(MESSAGES)),
        prop_oneof![Just(""), Just("Export/"), Just("../"), Just("a/b/")],
        proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..3),
    )
        .prop_map(|(inv, conn, msgs, dir, damage)| {
            let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
            let o = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            let mut add = |name: String, bytes: &[u8]| {
                if w.start_file(name, o).is_ok() {
                    let _ = w.write_all(bytes);
                }
            };
            add(format!("{dir}Invitations.csv"), &inv);
            if let Some(c) = conn {
                add(format!("{dir}Connections.csv"), &c);
            }
            if let Some(m) = msgs {
                add(format!("{dir}messages.csv"), &m);
            }
            let mut bytes = w.finish().unwrap().into_inner();
            for (at, b) in damage {
                let i = at.index(bytes.len());
                bytes[i] = b;
            }
            bytes
        })
}

/// A JSON value for one invitation field: right, wrong type, or hostile.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    prop_oneof![
        "\\PC{0,8}".prop_map(Value::from),
        "[\u{0}-\u{1f}\u{1b}\u{202e} a]{0,4}".prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (0i64..4_000_000_000_000).prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        Just(Value::Null),
        Just(Value::Bool(true)),
        Just(Value::from("2026-11-20T09:14:00-08:00")),
        Just(Value::from("9999-12-31T23:59:59-23:59")),
        Just(Value::from("incoming")),
        Just(Value::from("outgoing")),
        Just(serde_json::json!({"name": "Ana", "profile_url": "https://www.linkedin.com/in/ana"})),
        Just(serde_json::json!({"first_name": "\u{1b}[2J", "last_name": ""})),
        Just(serde_json::json!([1, 2])),
    ]
}

fn json_invitation() -> impl Strategy<Value = serde_json::Value> {
    const KEYS: &[&str] = &[
        "direction",
        "type",
        "from",
        "to",
        "from_profile_url",
        "sent_at",
        "sentTime",
        "message",
        "pending",
        "version",
        "x",
    ];
    proptest::collection::vec((proptest::sample::select(KEYS), json_value()), 0..7).prop_map(
        |fields| {
            serde_json::Value::Object(
                fields
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v))
                    .collect(),
            )
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn invitations_csv(bytes in csv_file(INVITATIONS)) {
        if let Ok(invs) = parse_invitations_csv(&bytes, "Invitations.csv", &opts()) {
            check_invitations(&invs, line_count(&bytes))?;
        }
    }

    #[test]
    fn connections_csv(bytes in csv_file(CONNECTIONS)) {
        if let Ok(c) = export_files::read_connections(&bytes[..], "Connections.csv") {
            prop_assert!(c.len() <= line_count(&bytes));
        }
    }

    #[test]
    fn messages_csv(bytes in csv_file(MESSAGES)) {
        if let Ok(idx) = export_files::read_messages(&bytes[..], "messages.csv") {
            let total: u64 = idx.by_name.values().map(|c| u64::from(c.messages)).sum();
            prop_assert!(total <= 2 * line_count(&bytes) as u64);
        }
    }

    #[test]
    fn endorsements_csv(bytes in csv_file(ENDORSEMENTS)) {
        let _ = export_files::read_endorsements(&bytes[..], "Endorsement_Received_Info.csv");
    }

    #[test]
    fn recommendations_csv(bytes in csv_file(RECOMMENDATIONS)) {
        let _ = export_files::read_recommendations(&bytes[..], "Recommendations_Received.csv");
    }

    #[test]
    fn profile_csv(bytes in csv_file(PROFILE)) {
        if let Ok(Some(p)) = export_files::read_profile(&bytes[..], "Profile.csv") {
            prop_assert!(!p.first_name.chars().any(|c| c.is_control()));
        }
    }

    #[test]
    fn positions_csv(bytes in csv_file(POSITIONS)) {
        if let Ok(p) = export_files::read_positions(&bytes[..], "Positions.csv") {
            prop_assert!(p.iter().all(|p| !p.company.is_empty()));
        }
    }

    #[test]
    fn education_csv(bytes in csv_file(EDUCATION)) {
        if let Ok(s) = export_files::read_education(&bytes[..], "Education.csv") {
            prop_assert!(s.iter().all(|s| !s.name.is_empty()));
        }
    }

    #[test]
    fn zip(bytes in zip_file()) {
        if let Ok(e) = load_zip(Cursor::new(&bytes), "x.zip", &opts()) {
            check_invitations(&e.invitations, usize::MAX)?;
            prop_assert!(!e.files.is_empty());
        }
        // The same bytes told apart by content, as `load` does for a path.
        let _ = load_bytes(&bytes, "x.zip", &opts());
    }

    #[test]
    fn json_document(items in proptest::collection::vec(json_invitation(), 0..4), version in json_value()) {
        let doc = serde_json::json!({"version": version, "invitations": items}).to_string();
        if let Ok(invs) = json::parse(doc.as_bytes(), "x.json", &opts()) {
            prop_assert_eq!(invs.len(), items.len());
            check_invitations(&invs, usize::MAX)?;
        }
    }

    #[test]
    fn json_lines(items in proptest::collection::vec(json_invitation(), 0..4), crlf in any::<bool>()) {
        let lines: Vec<String> = items.iter().map(|v| v.to_string()).collect();
        let text = lines.join(if crlf { "\r\n" } else { "\n" });
        if let Ok(invs) = json::parse(text.as_bytes(), "x.jsonl", &opts()) {
            check_invitations(&invs, line_count(text.as_bytes()))?;
        }
    }
}
