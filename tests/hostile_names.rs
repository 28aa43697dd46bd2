//! File, folder and ZIP entry names are untrusted text: the importer cleans every label it
//! builds from them (the export's source, the files read, each record's source, every
//! error), so nothing downstream can print an escape sequence from a name.

use std::io::Write;

use invitriage::import::{self, ImportOptions};

const EVIL: &str = "\u{1b}[2J\u{1b}]52;c;ZWNobyBwd25lZA==\u{7}\u{9b}31m";
const CSV: &[u8] =
    b"From,To,Sent At,Message,Direction\nAna Alvarez,Sam Demo,\"2/12/26, 11:44 AM\",,INCOMING\n";

fn clean(what: &str, s: &str) {
    assert!(
        !s.contains(['\u{1b}', '\u{7}', '\u{9b}']),
        "{what} holds an escape sequence: {s:?}"
    );
}

fn zip_bytes(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, bytes) in files {
        w.start_file(*name, options).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn labels_built_from_names_are_cleaned() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join(format!("dir{EVIL}"));
    std::fs::create_dir_all(folder.join(format!("Export{EVIL}"))).unwrap();
    std::fs::write(folder.join(format!("Export{EVIL}/Invitations.csv")), CSV).unwrap();
    let zip = dir.path().join(format!("export{EVIL}.zip"));
    let entry = format!("Export{EVIL}/Invitations.csv");
    std::fs::write(&zip, zip_bytes(&[(&entry, CSV)])).unwrap();
    let bare = folder.join(format!("Export{EVIL}/Invitations.csv"));
    for path in [&folder, &zip, &bare] {
        let e = import::load(path, &ImportOptions::default()).unwrap();
        clean("source", &e.source);
        for f in &e.files {
            clean("a file read", f);
        }
        for inv in &e.invitations {
            clean("a record's source", &inv.source.to_string());
        }
        assert!(e.source.contains("dir") || e.source.contains("export"));
    }
}

#[test]
fn errors_naming_hostile_files_are_cleaned() {
    let dir = tempfile::tempdir().unwrap();
    let no_export = dir.path().join(format!("empty{EVIL}"));
    std::fs::create_dir(&no_export).unwrap();
    std::fs::write(no_export.join(format!("notes{EVIL}.csv")), "a\n").unwrap();
    let zip = dir.path().join("other.zip");
    std::fs::write(
        &zip,
        zip_bytes(&[(&format!("Connections{EVIL}.csv"), b"a\n")]),
    )
    .unwrap();
    let two = dir.path().join("two.zip");
    std::fs::write(
        &two,
        zip_bytes(&[
            (&format!("a{EVIL}/Invitations.csv"), CSV),
            (&format!("b{EVIL}/Invitations.csv"), CSV),
        ]),
    )
    .unwrap();
    let bad_csv = dir.path().join(format!("bad{EVIL}.csv"));
    std::fs::write(
        &bad_csv,
        "From,To,Sent At,Message,Direction\nA,B,never,,INCOMING\n",
    )
    .unwrap();
    for path in [
        no_export,
        zip,
        two,
        bad_csv,
        dir.path().join(format!("missing{EVIL}")),
    ] {
        let err = import::load(&path, &ImportOptions::default())
            .unwrap_err()
            .to_string();
        clean("an error", &err);
    }
}
