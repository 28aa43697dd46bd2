//! Pure: no I/O. What changed between two exports of the same account, matched by the
//! identity the decision store uses ([`Invitation::key`]), so a URL written raw in one file
//! and percent-encoded in the other is the same invitation.

use std::collections::HashSet;

use crate::import::enrich::{Extras, enrich};
use crate::model::{Export, Invitation, Invitations, Relationship};

/// The three lists `diff` reports. Each keeps its export's file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diff {
    /// In NEW, not in OLD.
    pub new: Invitations,
    /// Incoming and pending in OLD, and the sender is a connection in NEW. The record is
    /// OLD's, with what NEW's `Connections.csv` says about the sender.
    pub connected_since: Invitations,
    /// In OLD, no longer in NEW. (LinkedIn drops an invitation once answered, so an accepted
    /// one is usually in `connected_since` too.)
    pub gone: Invitations,
}

/// Compare two exports.
pub fn diff(old: &Export, new: &Export) -> Diff {
    let old_keys: HashSet<String> = old.invitations.iter().map(Invitation::key).collect();
    let new_keys: HashSet<String> = new.invitations.iter().map(Invitation::key).collect();
    let new_rows = table(
        new.invitations
            .iter()
            .filter(|i| !old_keys.contains(&i.key())),
    );
    let gone = table(
        old.invitations
            .iter()
            .filter(|i| !new_keys.contains(&i.key())),
    );
    // Join OLD's pending senders to NEW's connections with the importer's own join, so
    // "connected" means the same thing here as in `list --pending`.
    let none = Relationship::default();
    let mut pending =
        table(
            old.invitations
                .iter()
                .filter(|i| i.is_pending())
                .map(|i| Invitation {
                    relationship: &none,
                    ..i
                }),
        );
    enrich(
        &mut pending,
        &Extras {
            connections: &new.connections,
            ..Extras::default()
        },
    );
    let connected_since = table(pending.iter().filter(|i| i.relationship.connected));
    Diff {
        new: new_rows,
        connected_since,
        gone,
    }
}

/// A table of some rows of another, in order.
fn table<'a>(rows: impl Iterator<Item = Invitation<'a>>) -> Invitations {
    let mut out = Invitations::new();
    for inv in rows {
        // A subset of a table that exists fits in one.
        let _ = out.push(&inv);
    }
    out.shrink();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{ImportOptions, load_files};

    const HEADER: &str = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n";
    const CONN_HEADER: &str =
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";

    fn export(name: &str, rows: &str, connections: Option<&str>) -> Export {
        let inv = format!("{HEADER}{rows}");
        let conn = connections.map(|c| format!("{CONN_HEADER}{c}"));
        let mut files: Vec<(&str, &[u8])> = vec![("Invitations.csv", inv.as_bytes())];
        if let Some(c) = &conn {
            files.push(("Connections.csv", c.as_bytes()));
        }
        load_files(name, &files, &ImportOptions::default()).unwrap()
    }

    #[test]
    fn new_gone_and_connected_by_identity() {
        let old = export(
            "old",
            "José Niño,Sam Demo,\"10/1/26, 9:00 AM\",Hola,INCOMING,https://www.linkedin.com/in/josé-niño-demo,\n\
             Ana Alvarez,Sam Demo,\"10/2/26, 9:00 AM\",,INCOMING,https://www.linkedin.com/in/ana-alvarez-demo,\n\
             Bo Chen,Sam Demo,\"10/3/26, 9:00 AM\",,INCOMING,https://www.linkedin.com/in/bo-chen-demo,\n",
            Some(""),
        );
        let new = export(
            "new",
            // José's URL is percent-encoded this time: still the same invitation.
            "José Niño,Sam Demo,\"10/1/26, 9:00 AM\",Hola,INCOMING,https://www.linkedin.com/in/jos%C3%A9-ni%C3%B1o-demo/,\n\
             Cy Dorn,Sam Demo,\"11/2/26, 9:00 AM\",,INCOMING,https://www.linkedin.com/in/cy-dorn-demo,\n",
            Some("Ana,Alvarez,https://www.linkedin.com/in/ana-alvarez-demo,,,,3 Nov 2026\n"),
        );
        let d = diff(&old, &new);
        let names = |v: &Invitations| -> Vec<String> {
            v.iter().map(|i| i.sender.name.to_string()).collect()
        };
        assert_eq!(names(&d.new), ["Cy Dorn"]);
        assert_eq!(names(&d.gone), ["Ana Alvarez", "Bo Chen"]);
        assert_eq!(names(&d.connected_since), ["Ana Alvarez"]);
        assert!(!d.connected_since.at(0).is_pending());
        assert_eq!(
            d.connected_since.at(0).relationship.connected_on,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 3)
        );
    }

    #[test]
    fn an_export_against_itself_has_no_changes() {
        let e = export(
            "x",
            "Ana Alvarez,Sam Demo,\"10/2/26, 9:00 AM\",,INCOMING,,\n\
             Sam Demo,Kai Park,\"10/3/26, 9:00 AM\",,OUTGOING,,https://www.linkedin.com/in/kai-park-demo\n",
            None,
        );
        assert_eq!(diff(&e, &e), Diff::default());
    }
}
