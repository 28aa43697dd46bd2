//! Every fixture under fixtures/ loads, or fails with an error that names the file, the line
//! and what was expected; the export folder and its ZIP load the same; no input panics.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use invitriage::import::{
    self, ImportError, ImportOptions, export_files, load, load_bytes, load_files,
    load_with_progress, load_zip, parse_invitations_csv,
};
use invitriage::model::{Direction, Export, Invitation, Invitations};
use proptest::prelude::*;

const EXPORT_DIR: &str = "fixtures/export/Basic_LinkedInDataExport_11-20-2026";
const EXPORT_ZIP: &str = "fixtures/export/Basic_LinkedInDataExport_11-20-2026.zip";

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn opts() -> ImportOptions {
    ImportOptions::default()
}

fn load_fixture(rel: &str) -> Export {
    load(&fixture(rel), &opts()).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn by_name<'a>(export: &'a Export, name: &str) -> Invitation<'a> {
    export
        .invitations
        .iter()
        .find(|i| i.counterpart_name() == name)
        .unwrap_or_else(|| panic!("no invitation with {name}"))
}

#[test]
fn header_v1_lf_quotes_email_and_blank_notes() {
    let e = load_fixture("fixtures/invitations/v1_lf.csv");
    assert_eq!(e.invitations.len(), 6);
    assert_eq!(e.files.len(), 1);
    let dirs: Vec<Direction> = e.invitations.iter().map(|i| i.direction).collect();
    assert_eq!(dirs[..2], [Direction::Outgoing, Direction::Outgoing]);
    assert_eq!(
        e.invitations.at(1).recipient.name,
        "hello@fabrikam-demo.example"
    );
    let jane = by_name(&e, "Jane Roe, MBA");
    assert_eq!(
        jane.note,
        Some("Hi Mira, I'd like to join your LinkedIn network.")
    );
    let boss = by_name(&e, "The \"Boss\"");
    assert_eq!(
        boss.raw_note,
        Some("We met at \"Rust Nation\", remember?  Let's stay in touch.")
    );
    assert_eq!(boss.sent_at.to_rfc3339(), "2021-10-01T07:00:00+00:00");
    let ana = by_name(&e, "Ana Alvarez");
    assert_eq!((ana.note, ana.raw_note), (None, None));
    // Whitespace only: kept, so the classifier can call it no_note, but not "with a note".
    let daniel = by_name(&e, "Daniel Okoro");
    assert_eq!(daniel.note, Some("   "));
    assert!(!daniel.has_note());
    // No Connections.csv: every incoming invitation is pending.
    assert!(
        e.invitations
            .iter()
            .all(|i| i.is_pending() == (i.direction == Direction::Incoming))
    );
    assert!(e.invitations.iter().all(|i| i.sender.profile_url.is_none()));
    assert_eq!(ana.source.to_string(), format!("{}:4", e.files[0]));
}

#[test]
fn header_v2_urns_with_bom_and_crlf() {
    let e = load_fixture("fixtures/invitations/v2_urn_crlf_bom.csv");
    assert_eq!(e.invitations.len(), 3);
    let first = e.invitations.at(0);
    assert_eq!(first.sender.name, "Mira Castell", "BOM stripped");
    assert_eq!(first.recipient.profile_urn, Some("urn:li:member:900000002"));
    let kwame = by_name(&e, "Kwame Mensah");
    assert_eq!(kwame.sender.profile_urn, Some("urn:li:member:900000004"));
    assert!(e.invitations.iter().all(|i| {
        i.note.is_none_or(|n| !n.contains('\r'))
            && !i.recipient.profile_urn.unwrap_or("").contains('\r')
    }));
    assert_eq!(kwame.source.line, 4);
}

#[test]
fn header_v3_urls_raw_unicode_slug() {
    let e = load_fixture("fixtures/invitations/v3_url.csv");
    assert_eq!(e.invitations.len(), 4);
    let jose = by_name(&e, "José Niño");
    assert_eq!(
        jose.sender.profile_url,
        Some("https://www.linkedin.com/in/josé-niño-demo")
    );
    assert_eq!(by_name(&e, "Bo Chen").sender.profile_url, None);
    assert_eq!(
        e.invitations.at(0).recipient.profile_url,
        Some("https://www.linkedin.com/in/priya-raman-demo")
    );
}

#[test]
fn unicode_names_and_notes_survive() {
    let e = load_fixture("fixtures/invitations/names_unicode.csv");
    let names: Vec<&str> = e.invitations.iter().map(|i| i.sender.name).collect();
    assert_eq!(
        names,
        [
            "Mira Castell",
            "عائشة الرحمن",
            "রোহন দাস",
            "山田 花子",
            "Zoë Ångström-Müller",
            "𝓐𝓷𝓪 𝓢𝓸𝓵 ✨",
            "Jane Roe, MBA",
            "The \"Boss\" 🚀",
            // Outer spaces trimmed, inner ones kept as written.
            "Extra   Spaces",
        ]
    );
    assert_eq!(
        e.invitations.at(0).recipient.name,
        "lena.vogel@example.invalid"
    );
    assert_eq!(
        by_name(&e, "রোহন দাস").note,
        Some("নমস্কার মিরা! আপনার লেখা পড়ে ভালো লাগলো।")
    );
    let jane = by_name(&e, "Jane Roe, MBA");
    // Leading/trailing and double spaces of a note stay (LinkedIn's flattened line breaks).
    assert_eq!(jane.note, Some("  Hi Mira 👩\u{200d}💻  loved your post  "));
    assert_eq!(by_name(&e, "The \"Boss\" 🚀").note, Some("."));
}

/// The hostile fixture loads, and the raw note is kept byte for byte for export.
#[test]
fn hostile_text_loads_and_raw_note_is_untouched() {
    let path = fixture("fixtures/invitations/hostile.csv");
    let e = load(&path, &opts()).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let mut rdr = csv::Reader::from_reader(bytes.as_slice());
    let raw: Vec<String> = rdr
        .records()
        .map(|r| r.unwrap().get(3).unwrap().to_string())
        .collect();
    assert_eq!(e.invitations.len(), raw.len());
    assert_eq!(e.invitations.len(), 11);
    for (inv, raw) in e.invitations.iter().zip(&raw) {
        assert_eq!(inv.raw_note, Some(raw.as_str()));
    }
}

fn is_forbidden(c: char) -> bool {
    let u = c as u32;
    (u < 0x20) // C0, ESC, BEL, NUL, and tab/newline (notes are single-line)
        || (0x7f..=0x9f).contains(&u) // DEL and C1 (CSI/OSC/ST as single bytes)
        || (0x202a..=0x202e).contains(&u) // bidi embeddings and overrides
        || (0x2066..=0x2069).contains(&u) // bidi isolates
        || matches!(u, 0x200b | 0x200e | 0x200f | 0x2060 | 0xfeff) // zero-width, marks
        || (0xe0000..=0xe007f).contains(&u) // tag characters
}

/// What the sanitiser (src/sanitize.rs) guarantees for every text field, seen through `load`:
/// proof that the importer sends names and notes through it.
#[test]
fn hostile_text_is_neutralised_by_the_sanitiser() {
    let e = load_fixture("fixtures/invitations/hostile.csv");
    for inv in &e.invitations {
        for text in [inv.sender.name, inv.note.unwrap_or("")] {
            assert!(!text.chars().any(is_forbidden), "{}: {text:?}", inv.source);
            // No run of combining marks taller than a sane stack.
            let mut run = 0;
            for c in text.chars() {
                run = if ('\u{300}'..='\u{36f}').contains(&c) {
                    run + 1
                } else {
                    0
                };
                assert!(run <= 8, "{}: combining stack of {run}", inv.source);
            }
        }
    }
    let zwj = by_name(&e, "ZeroWidthName");
    assert!(zwj.note.unwrap().contains("👩\u{200d}💻"), "emoji ZWJ kept");
    let spaces = by_name(&e, "Double Spaces");
    assert!(spaces.note.unwrap().contains("Mira,  first line  second"));
    let long = by_name(&e, "Very Long");
    assert!(long.note.unwrap().chars().count() < 5000, "length capped");
}

// ---------------------------------------------------------------------------------------
// The full export: folder and ZIP

fn check_full_export(e: &Export) {
    assert_eq!(e.invitations.len(), 12);
    assert_eq!(e.files.len(), 8, "{:?}", e.files);
    let incoming = e
        .invitations
        .iter()
        .filter(|i| i.direction == Direction::Incoming)
        .count();
    assert_eq!(incoming, 10);
    let pending: Vec<&str> = e
        .invitations
        .iter()
        .filter(|i| i.is_pending())
        .map(|i| i.sender.name)
        .collect();
    assert_eq!(
        pending,
        [
            "عائشة الرحمن",
            "Jane Roe, MBA",
            "Lena Vogel",
            "Kwame Mensah",
            "রোহন দাস",
            "Grace Lee",
            "Daniel Okoro"
        ]
    );

    // Joined on the percent-encoded slug in Connections.csv; messages both ways.
    let jose = &by_name(e, "José Niño").relationship;
    assert!(jose.connected);
    assert_eq!(jose.connected_on, NaiveDate::from_ymd_opt(2026, 11, 20));
    assert_eq!(jose.company.as_deref(), Some("Contoso Demo"));
    assert_eq!(jose.position.as_deref(), Some("Director, Platform"));
    assert_eq!(jose.messages, 2);
    let last = jose.last_message.as_ref().unwrap();
    assert!(!last.from_them);
    assert_eq!(last.snippet, "Sure, Tuesday works. The usual place?");
    assert_eq!(last.at.to_rfc3339(), "2026-11-20T10:01:44+00:00");

    // Connections.csv has no URL for Bo Chen: joined by name. Endorsed twice.
    let bo = &by_name(e, "Bo Chen").relationship;
    assert!(bo.connected);
    assert_eq!(bo.endorsements, 2);

    // Joined by URL to a differently ordered name (花子 山田 in Connections.csv).
    assert!(by_name(e, "山田 花子").relationship.connected);

    let kwame = &by_name(e, "Kwame Mensah").relationship;
    assert!(!kwame.connected);
    assert_eq!(kwame.messages, 1);
    let last = kwame.last_message.as_ref().unwrap();
    assert!(last.from_them);
    assert!(last.snippet.starts_with("Hi Mira, are you coming"));
    assert!(last.snippet.chars().count() <= export_files::SNIPPET_CHARS + 1);

    // Outgoing: the counterpart is the recipient.
    let tomasz = &by_name(e, "Tomasz Wrona").relationship;
    assert!(tomasz.connected);
    assert_eq!(tomasz.recommendations, 1);

    let owner = e.owner.as_ref().unwrap();
    assert_eq!(
        (owner.first_name.as_str(), owner.last_name.as_str()),
        ("Mira", "Castell")
    );
    assert_eq!(owner.location.as_deref(), Some("Lisbon, Portugal"));
    let orgs: Vec<&str> = e.own_organisations().collect();
    assert_eq!(
        orgs,
        [
            "Northwind Demo Labs",
            "Contoso Demo",
            "Demo State University"
        ]
    );
    assert_eq!(e.connections.len(), 5);
}

/// The parts of an export that do not depend on where it was read from.
fn without_locations(mut e: Export) -> Export {
    e.source.clear();
    e.files = e
        .files
        .iter()
        .map(|f| f.rsplit(['/', '!']).next().unwrap().to_string())
        .collect();
    let mut records = e.invitations.to_records();
    for inv in &mut records {
        inv.source.file = "x".into();
    }
    e.invitations = Invitations::from_records(&records);
    e
}

#[test]
fn export_folder_loads_everything() {
    let e = load_fixture(EXPORT_DIR);
    check_full_export(&e);
    assert!(e.files[0].ends_with("Invitations.csv"));
    assert!(
        e.invitations
            .at(0)
            .source
            .to_string()
            .ends_with("Invitations.csv:2")
    );
}

#[test]
fn export_zip_loads_the_same_as_the_folder() {
    let zip = load_fixture(EXPORT_ZIP);
    check_full_export(&zip);
    assert!(
        zip.invitations
            .at(2)
            .source
            .to_string()
            .ends_with(".zip!Invitations.csv:4")
    );
    let folder = load_fixture(EXPORT_DIR);
    assert_eq!(without_locations(zip), without_locations(folder));
}

/// fixtures/make_fixtures.py builds the ZIP from the folder; this keeps them in sync.
#[test]
fn export_zip_matches_its_folder_byte_for_byte() {
    let file = std::fs::File::open(fixture(EXPORT_ZIP)).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut names = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
        let on_disk = std::fs::read(fixture(EXPORT_DIR).join(&name)).unwrap();
        assert!(
            bytes == on_disk,
            "{name} differs; rerun fixtures/make_fixtures.py"
        );
        names.push(name);
    }
    let mut folder: Vec<String> = std::fs::read_dir(fixture(EXPORT_DIR))
        .unwrap()
        .map(|d| d.unwrap().file_name().into_string().unwrap())
        .collect();
    folder.sort();
    names.sort();
    assert_eq!(names, folder);
}

fn zip_bytes(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        w.start_file(*name, options).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn export_files_in_memory(prefix: &str) -> Vec<(String, Vec<u8>)> {
    std::fs::read_dir(fixture(EXPORT_DIR))
        .unwrap()
        .map(|d| {
            let d = d.unwrap();
            (
                format!("{prefix}{}", d.file_name().into_string().unwrap()),
                std::fs::read(d.path()).unwrap(),
            )
        })
        .collect()
}

/// Users often zip the unpacked folder: the files then sit one folder down, and names may
/// differ in case.
#[test]
fn zipped_folder_one_level_down_and_in_memory() {
    let files = export_files_in_memory("Basic_LinkedInDataExport_11-20-2026/");
    let mut refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    refs.push((
        "__MACOSX/Basic_LinkedInDataExport_11-20-2026/._Invitations.csv",
        b"\0\x05\x16\x07",
    ));
    let bytes = zip_bytes(&refs);
    let from_zip = load_zip(Cursor::new(&bytes), "zipped-folder.zip", &opts()).unwrap();
    check_full_export(&from_zip);
    let via_bytes = load_bytes(&bytes, "zipped-folder.zip", &opts()).unwrap();
    assert_eq!(via_bytes, from_zip);
    let upper: Vec<(String, Vec<u8>)> = export_files_in_memory("")
        .into_iter()
        .map(|(n, b)| (n.to_uppercase(), b))
        .collect();
    let refs: Vec<(&str, &[u8])> = upper
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let mem = load_files("mem", &refs, &opts()).unwrap();
    check_full_export(&mem);
    assert_eq!(
        without_locations(mem).invitations,
        without_locations(from_zip).invitations
    );
}

/// A path is judged by its content first: renamed files load as what they are.
#[test]
fn format_is_detected_by_content_not_name() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("fixtures/json/invitations.json", "invitations.txt"),
        ("fixtures/json/invitations.jsonl", "invitations.csv"),
        (EXPORT_ZIP, "export.download"),
        ("fixtures/invitations/v3_url.csv", "Invitations.json"),
    ];
    for (original, renamed) in cases {
        let copy = dir.path().join(renamed);
        std::fs::copy(fixture(original), &copy).unwrap();
        let a = load_fixture(original);
        let b = load(&copy, &opts()).unwrap_or_else(|e| panic!("{renamed}: {e}"));
        assert_eq!(
            without_locations(a).invitations,
            without_locations(b).invitations,
            "{original} as {renamed}"
        );
    }
    // Broken JSON keeps its line and column.
    let e = load(&fixture("fixtures/json/broken.json"), &opts()).unwrap_err();
    assert!(
        matches!(
            e,
            ImportError::Invalid {
                line: Some(_),
                column: Some(_),
                ..
            }
        ),
        "{e}"
    );
}

#[test]
fn without_connections_every_incoming_is_pending() {
    let files: Vec<(String, Vec<u8>)> = export_files_in_memory("")
        .into_iter()
        .filter(|(n, _)| n != "Connections.csv")
        .collect();
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let e = load_files("mem", &refs, &opts()).unwrap();
    assert_eq!(e.invitations.iter().filter(|i| i.is_pending()).count(), 10);
}

#[test]
fn time_zone_is_an_option() {
    let la = load_fixture("fixtures/invitations/v3_url.csv");
    let paris = load(
        &fixture("fixtures/invitations/v3_url.csv"),
        &ImportOptions {
            tz: chrono_tz::Europe::Paris,
            ..ImportOptions::default()
        },
    )
    .unwrap();
    // 2/12/26 11:44 AM: PST is UTC-8, CET is UTC+1.
    assert_eq!(
        la.invitations.at(1).sent_at.to_rfc3339(),
        "2026-02-12T19:44:00+00:00"
    );
    assert_eq!(
        paris.invitations.at(1).sent_at.to_rfc3339(),
        "2026-02-12T10:44:00+00:00"
    );
}

// ---------------------------------------------------------------------------------------
// Bad input

/// (fixture, line in the message, words the message must hold)
const MALFORMED: &[(&str, Option<u64>, &[&str])] = &[
    (
        "unknown_header.csv",
        Some(1),
        &[
            "unknown header",
            "Name,Company,Date",
            "From,To,Sent At,Message,Direction",
        ],
    ),
    (
        "missing_column.csv",
        Some(1),
        &["missing the column", "\"Direction\""],
    ),
    (
        "renamed_column.csv",
        Some(1),
        &["missing the column", "\"Sent At\"", "\"When\""],
    ),
    (
        "repeated_column.csv",
        Some(1),
        &["\"Message\" twice", "columns 4 and 6"],
    ),
    (
        "day_first_dates.csv",
        Some(2),
        &["\"28/11/2021\"", "day first", "M/D/YY, h:mm AM"],
    ),
    (
        "bad_date.csv",
        Some(3),
        &["Sent At", "\"06-01-2021\"", "ambiguous", "M/D/YY, h:mm AM"],
    ),
    (
        "unknown_direction.csv",
        Some(3),
        &["Direction", "\"RECEIVED\"", "INCOMING or OUTGOING"],
    ),
    ("ragged_row.csv", Some(4), &["6 fields", "header has 5"]),
    ("unclosed_quote.csv", Some(3), &["unclosed quote"]),
    ("binary_garbage.csv", None, &["binary data"]),
    (
        "empty.csv",
        Some(1),
        &["empty", "From,To,Sent At,Message,Direction"],
    ),
    (
        "no_invitations.zip",
        None,
        &["no Invitations.csv", "Connections.csv"],
    ),
    ("truncated.zip", None, &["not a readable ZIP"]),
];

#[test]
fn every_malformed_fixture_fails_clearly() {
    for (name, line, words) in MALFORMED {
        let path = fixture(&format!("fixtures/malformed/{name}"));
        let err = load(&path, &opts()).expect_err(name);
        let ImportError::Invalid {
            file, line: got, ..
        } = &err
        else {
            panic!("{name}: {err:?}");
        };
        assert_eq!(file, &path.display().to_string(), "{name}");
        assert_eq!(got, line, "{name}: {err}");
        let msg = err.to_string();
        let prefix = match line {
            Some(l) => format!("{}:{l}: ", path.display()),
            None => format!("{}: ", path.display()),
        };
        assert!(msg.starts_with(&prefix), "{name}: {msg}");
        for w in *words {
            assert!(msg.contains(w), "{name}: {msg:?} lacks {w:?}");
        }
    }
}

#[test]
fn the_malformed_set_covers_every_fixture() {
    let mut on_disk: Vec<String> = std::fs::read_dir(fixture("fixtures/malformed"))
        .unwrap()
        .map(|d| d.unwrap().file_name().into_string().unwrap())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = MALFORMED.iter().map(|m| m.0.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

#[test]
fn unclosed_quote_at_the_end_of_the_file() {
    let csv = "From,To,Sent At,Message,Direction\n\
               Ana,Mira,\"2/12/26, 11:44 AM\",,INCOMING\n\
               Bo,Mira,\"2/11/26, 9:00 AM\",\"Hi Mira,INCOMING\n";
    let e = parse_invitations_csv(csv.as_bytes(), "Invitations.csv", &opts())
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("Invitations.csv:3: unclosed quote") && e.contains("end of the file"),
        "{e}"
    );
}

#[test]
fn damaged_enrichment_files_name_themselves() {
    let mut files = export_files_in_memory("");
    for (name, bytes) in &mut files {
        if name == "messages.csv" {
            *bytes = b"CONVERSATION ID,FROM,TO\nc1,Ana,Mira\n".to_vec();
        }
    }
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let e = load_files("mem", &refs, &opts()).unwrap_err().to_string();
    assert!(
        e.starts_with("mem/messages.csv:1:") && e.contains("\"DATE\""),
        "{e}"
    );
}

#[test]
fn unreadable_paths() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.zip");
    let e = load(&missing, &opts()).unwrap_err().to_string();
    assert!(e.contains("nope.zip") && e.contains("no such file"), "{e}");
    // A path through a regular file cannot be read, even by root.
    let file = dir.path().join("Invitations.csv");
    std::fs::write(&file, "From,To,Sent At,Message,Direction\n").unwrap();
    let through = file.join("child.csv");
    let e = load(&through, &opts()).unwrap_err().to_string();
    assert!(e.contains("child.csv") && e.contains("cannot read"), "{e}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::read(&file).is_err() {
            let e = load(&file, &opts()).unwrap_err().to_string();
            assert!(e.contains("permission denied"), "{e}");
        } else {
            eprintln!("running with privileges that ignore file modes; chmod case not checked");
        }
    }
}

// ---------------------------------------------------------------------------------------
// Progress and cancellation

fn big_export(dir: &Path, rows: usize) -> PathBuf {
    let root = dir.join("export");
    std::fs::create_dir(&root).unwrap();
    let mut csv = String::from("From,To,Sent At,Message,Direction\n");
    for i in 0..rows {
        csv.push_str(&format!(
            "Sender {i},Mira Castell,\"2/12/26, 11:44 AM\",Note number {i},INCOMING\n"
        ));
    }
    std::fs::write(root.join("Invitations.csv"), csv).unwrap();
    std::fs::write(
        root.join("Connections.csv"),
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nSender,7,,,,,16 Dec 2024\n",
    )
    .unwrap();
    root
}

#[test]
fn progress_counts_bytes_and_can_cancel() {
    let dir = tempfile::tempdir().unwrap();
    let root = big_export(dir.path(), 40_000);
    let mut seen = Vec::new();
    let e = load_with_progress(&root, &opts(), &mut |done, total| {
        seen.push((done, total));
        true
    })
    .unwrap();
    assert_eq!(e.invitations.len(), 40_000);
    assert_eq!(
        e.invitations.iter().filter(|i| i.is_pending()).count(),
        39_999
    );
    assert!(seen.len() > 3, "{seen:?}");
    assert_eq!(
        seen[0].0, 0,
        "the first report is the start, with the total"
    );
    assert_eq!(seen[0].1, seen.last().unwrap().1);
    assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0));
    assert!(seen.iter().all(|(d, t)| d <= t));
    let (done, total) = *seen.last().unwrap();
    assert_eq!(done, total);
    let on_disk: u64 = ["Invitations.csv", "Connections.csv"]
        .iter()
        .map(|f| std::fs::metadata(root.join(f)).unwrap().len())
        .sum();
    assert_eq!(total, on_disk);

    let mut calls = 0;
    let r = load_with_progress(&root, &opts(), &mut |_, _| {
        calls += 1;
        calls < 3
    });
    assert_eq!(r.unwrap_err(), ImportError::Cancelled);
    // A single file is tracked too.
    let r = load_with_progress(&root.join("Invitations.csv"), &opts(), &mut |_, _| false);
    assert_eq!(r.unwrap_err(), ImportError::Cancelled);

    // And a ZIP, by uncompressed bytes.
    let inv = std::fs::read(root.join("Invitations.csv")).unwrap();
    let zip_path = dir.path().join("big.zip");
    std::fs::write(&zip_path, zip_bytes(&[("Invitations.csv", &inv)])).unwrap();
    let mut last = (0, 0);
    let e = load_with_progress(&zip_path, &opts(), &mut |d, t| {
        last = (d, t);
        true
    })
    .unwrap();
    assert_eq!(e.invitations.len(), 40_000);
    assert_eq!(last, (inv.len() as u64, inv.len() as u64));
    let r = load_with_progress(&zip_path, &opts(), &mut |_, _| false);
    assert_eq!(r.unwrap_err(), ImportError::Cancelled);
}

// ---------------------------------------------------------------------------------------
// No input panics

fn valid_invitations() -> Vec<u8> {
    std::fs::read(fixture("fixtures/invitations/names_unicode.csv")).unwrap()
}

fn valid_zip() -> Vec<u8> {
    std::fs::read(fixture(EXPORT_ZIP)).unwrap()
}

#[derive(Debug, Clone)]
enum Edit {
    Replace(usize, u8),
    Insert(usize, u8),
    Delete(usize),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let interesting = prop_oneof![
        Just(b'"'),
        Just(b','),
        Just(b'\n'),
        Just(b'\r'),
        Just(0u8),
        Just(0xffu8),
        Just(0xe2u8),
        any::<u8>()
    ];
    let edit = prop_oneof![
        (any::<usize>(), interesting.clone()).prop_map(|(i, b)| Edit::Replace(i, b)),
        (any::<usize>(), interesting).prop_map(|(i, b)| Edit::Insert(i, b)),
        any::<usize>().prop_map(Edit::Delete),
    ];
    proptest::collection::vec(edit, 1..12)
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let n = bytes.len().max(1);
        match *e {
            Edit::Replace(i, b) if !bytes.is_empty() => bytes[i % n] = b,
            Edit::Insert(i, b) => bytes.insert(i % (bytes.len() + 1), b),
            Edit::Delete(i) if !bytes.is_empty() => {
                bytes.remove(i % n);
            }
            _ => {}
        }
    }
    bytes
}

/// Every parser over the same bytes. Errors are fine; panics are not.
fn feed_everything(bytes: &[u8]) {
    let o = opts();
    let _ = parse_invitations_csv(bytes, "Invitations.csv", &o);
    let _ = export_files::read_connections(bytes, "Connections.csv");
    let _ = export_files::read_messages(bytes, "messages.csv");
    let _ = export_files::read_endorsements(bytes, "Endorsement_Received_Info.csv");
    let _ = export_files::read_recommendations(bytes, "Recommendations_Received.csv");
    let _ = export_files::read_profile(bytes, "Profile.csv");
    let _ = export_files::read_positions(bytes, "Positions.csv");
    let _ = export_files::read_education(bytes, "Education.csv");
    let _ = load_zip(Cursor::new(bytes), "x.zip", &o);
    let _ = load_bytes(bytes, "input", &o);
    let _ = load_files(
        "mem",
        &[
            ("Invitations.csv", bytes),
            ("Connections.csv", bytes),
            ("messages.csv", bytes),
        ],
        &o,
    );
}

proptest! {
    // 256 cases by default; PROPTEST_CASES=20000 for a longer hunt.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
    ))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        feed_everything(&bytes);
    }

    #[test]
    fn mutated_invitations_never_panic(e in edits()) {
        let bytes = apply(valid_invitations(), &e);
        feed_everything(&bytes);
        // Whatever still parses keeps file order and 1-based lines.
        if let Ok(invs) = parse_invitations_csv(&bytes, "x", &opts()) {
            let at: Vec<u64> = invs.iter().map(|i| i.source.line).collect();
            prop_assert!(at.windows(2).all(|w| w[0] < w[1]));
        }
    }

    #[test]
    fn mutated_zips_never_panic(e in edits()) {
        let bytes = apply(valid_zip(), &e);
        let _ = load_zip(Cursor::new(&bytes), "x.zip", &opts());
        let _ = load_bytes(&bytes, "x.zip", &opts());
    }

    #[test]
    fn any_sent_at_text_never_panics(s in "\\PC{0,40}") {
        let _ = import::linkedin_csv::parse_sent_at(&s);
        let _ = export_files::parse_connected_on(&s);
        let _ = export_files::parse_message_date(&s);
        let _ = export_files::snippet(&s);
    }
}
