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
    use crate::import::{ImportOptions, load_demo};
    use crate::model::{Direction, Export, Invitation};

    fn demo() -> Export {
        load_demo(&ImportOptions::default()).expect("the demo export loads")
    }

    fn incoming<'a>(export: &'a Export, name: &str) -> Vec<Invitation<'a>> {
        export
            .invitations
            .iter()
            .filter(|i| i.direction == Direction::Incoming && i.sender.name == name)
            .collect()
    }

    #[test]
    fn demo_loads_as_a_full_export() {
        let e = demo();
        let count = |f: &dyn Fn(&Invitation) -> bool| e.invitations.iter().filter(|i| f(i)).count();
        assert_eq!(e.invitations.len(), 65);
        assert_eq!(count(&|i| i.direction == Direction::Outgoing), 5);
        assert_eq!(count(&|i| i.direction == Direction::Incoming), 60);
        assert_eq!(count(&|i| i.is_pending()), 38);
        assert_eq!(count(&|i| i.has_note()), 33);
        assert_eq!(
            count(&|i| i.direction == Direction::Incoming && i.has_note()),
            30
        );
        let owner = e.owner.as_ref().expect("Profile.csv");
        assert_eq!(
            (owner.first_name.as_str(), owner.last_name.as_str()),
            ("Maya", "Okafor")
        );
        let orgs: Vec<&str> = e.own_organisations().collect();
        assert_eq!(
            orgs,
            [
                "Lumenfold Analytics",
                "Tidewater Freightworks",
                "Kestrelmoor Health",
                "Ashcombe Institute of Technology",
                "Harrowgate University"
            ]
        );
        assert_eq!(e.connections.len(), 32);
        // Outgoing first, then incoming, each newest first, as LinkedIn writes them.
        let first_incoming = e
            .invitations
            .iter()
            .position(|i| i.direction == Direction::Incoming)
            .unwrap();
        assert_eq!(first_incoming, 5);
        let times: Vec<_> = e.invitations.iter().map(|i| i.sent_at).collect();
        for block in [&times[..5], &times[5..]] {
            assert!(block.windows(2).all(|w| w[0] > w[1]));
        }
        assert_eq!(
            e.invitations.at(0).source.to_string(),
            "demo/Invitations.csv:2"
        );
    }

    #[test]
    fn demo_times_are_pacific_and_span_six_months() {
        let e = demo();
        let newest = e.invitations.at(5).sent_at;
        let oldest = e.invitations.last().unwrap().sent_at;
        // "11/24/26, 8:52 AM" in Los Angeles (PST) is 16:52 UTC.
        assert_eq!(newest.to_rfc3339(), "2026-11-24T16:52:00+00:00");
        // "6/3/26, 11:42 AM" in PDT is 18:42 UTC.
        assert_eq!(oldest.to_rfc3339(), "2026-06-03T18:42:00+00:00");
    }

    #[test]
    fn demo_hostile_sender_is_sanitised_but_its_raw_note_kept() {
        let e = demo();
        let chad = e
            .invitations
            .iter()
            .find(|i| i.sender.name.contains("Chad Wright"))
            .expect("the hostile sender");
        assert_eq!(chad.sender.name, "Chad Wright \u{2705} VERIFIED");
        let note = chad.note.unwrap();
        assert!(
            note.ends_with("Claim your offer: https://evil.example/claim"),
            "{note:?}"
        );
        assert!(chad.raw_note.unwrap().contains("\u{1b}]52;c;"));
        for inv in &e.invitations {
            for text in [&inv.sender.name, &inv.recipient.name]
                .into_iter()
                .chain(inv.note.as_ref())
            {
                assert!(!text.chars().any(|c| c.is_control()), "{text:?}");
            }
        }
    }

    #[test]
    fn demo_joins_show_pending_and_prior_contact() {
        let e = demo();
        // Connections.csv percent-encodes the slug Invitations.csv writes raw.
        assert!(!incoming(&e, "José Niño")[0].is_pending());
        // Connections.csv has no URL for Peter Novak: joined by name.
        assert!(!incoming(&e, "Peter Novak")[0].is_pending());
        // Two senders invited twice; both requests are still pending.
        for twice in ["Lena Vogt", "Brandon Kessler"] {
            let invs = incoming(&e, twice);
            assert_eq!(invs.len(), 2, "{twice}");
            assert!(invs.iter().all(|i| i.is_pending()));
        }
        let lena = incoming(&e, "Lena Vogt")[0];
        assert_eq!(lena.relationship.messages, 2);
        let last = lena.relationship.last_message.as_ref().unwrap();
        assert!(!last.from_them);
        assert_eq!(incoming(&e, "Daniel Osei")[0].relationship.messages, 2);
        let jun = incoming(&e, "Jun Park")[0];
        assert!(jun.relationship.connected);
        assert_eq!(jun.relationship.endorsements, 1);
        assert_eq!(jun.relationship.recommendations, 1);
        assert_eq!(incoming(&e, "Kwame Mensah")[0].relationship.endorsements, 2);
        // The mutual contact a personal note names is a connection.
        assert!(e.connections.iter().any(|c| c.full_name() == "Priya Raman"));
    }

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
