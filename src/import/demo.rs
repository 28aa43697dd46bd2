//! The synthetic demo export embedded in the binary (`--demo`). Pure: the bytes are compiled in.
//!
//! The files under `fixtures/demo/` form a full LinkedIn export of an invented user, Maya Okafor,
//! Staff Data Engineer at the invented Lumenfold Analytics, as of 2026-11-25: 65 invitations
//! (5 outgoing, 60 incoming, half of the incoming with a note: LinkedIn's stock texts in several
//! languages, content-free notes, mass pitches and ten personal notes), the connections that
//! make some of them no longer pending, prior messages with three senders, her profile,
//! positions and schools, endorsements and recommendations. One sender name and one note carry
//! terminal escape sequences as raw control bytes, to show the sanitiser at work. Every person,
//! company, school and profile slug in it is invented.

/// The demo export's files, as (name inside the export, bytes), in the order an export ZIP
/// lists them.
pub fn files() -> &'static [(&'static str, &'static [u8])] {
    const FILES: &[(&str, &[u8])] = &[
        (
            "Connections.csv",
            include_bytes!("../../fixtures/demo/Connections.csv"),
        ),
        (
            "Education.csv",
            include_bytes!("../../fixtures/demo/Education.csv"),
        ),
        (
            "Endorsement_Received_Info.csv",
            include_bytes!("../../fixtures/demo/Endorsement_Received_Info.csv"),
        ),
        (
            "Invitations.csv",
            include_bytes!("../../fixtures/demo/Invitations.csv"),
        ),
        (
            "messages.csv",
            include_bytes!("../../fixtures/demo/messages.csv"),
        ),
        (
            "Positions.csv",
            include_bytes!("../../fixtures/demo/Positions.csv"),
        ),
        (
            "Profile.csv",
            include_bytes!("../../fixtures/demo/Profile.csv"),
        ),
        (
            "Recommendations_Received.csv",
            include_bytes!("../../fixtures/demo/Recommendations_Received.csv"),
        ),
    ];
    FILES
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_has_the_files_an_export_needs() {
        let names: Vec<&str> = files().iter().map(|(n, _)| *n).collect();
        for needed in [
            "Invitations.csv",
            "Connections.csv",
            "messages.csv",
            "Positions.csv",
            "Education.csv",
        ] {
            assert!(names.contains(&needed), "{needed} missing from {names:?}");
        }
        assert!(files().iter().all(|(_, bytes)| !bytes.is_empty()));
    }

    #[test]
    fn demo_invitations_use_the_current_header_and_valid_utf8() {
        let (_, bytes) = files()
            .iter()
            .find(|(n, _)| *n == "Invitations.csv")
            .expect("Invitations.csv");
        let text = std::str::from_utf8(bytes).expect("UTF-8");
        let mut lines = text.lines();
        assert_eq!(
            lines.next(),
            Some("From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl")
        );
        // One record per line: notes carry no line breaks.
        assert_eq!(lines.count(), 65);
        // The hostile sender is there, with real escape bytes.
        assert!(text.contains("\u{1b}]8;;https://evil.example/claim\u{7}Chad Wright"));
    }

    #[test]
    fn demo_slugs_are_marked_as_invented() {
        for (name, bytes) in files() {
            let text = String::from_utf8_lossy(bytes);
            for (i, _) in text.match_indices("linkedin.com/in/") {
                let slug: String = text[i + "linkedin.com/in/".len()..]
                    .chars()
                    .take_while(|c| !matches!(c, ',' | '"' | '\n'))
                    .collect();
                assert!(slug.ends_with("-demo"), "{name}: slug {slug:?}");
            }
        }
    }
}
