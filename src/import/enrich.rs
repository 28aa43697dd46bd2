//! Pure: pending inference and enrichment. Joins each invitation's other party to the rest of
//! the export (`Connections.csv`, `messages.csv`, endorsements, recommendations) and fills
//! [`Invitation::relationship`].
//!
//! The join is on the normalised profile URL (`Connections.csv` percent-encodes non-ASCII
//! slugs, `Invitations.csv` writes them raw), falling back to the normalised name. Two people
//! who share a name but both have profile URLs that differ are never joined.

use std::collections::HashMap;

use crate::import::export_files::{Contact, PeopleIndex};
use crate::model::{Connection, Invitations, normalize_name, normalize_profile_url};

/// What the export's other files say, ready to be joined.
#[derive(Debug, Default)]
pub struct Extras<'a> {
    pub connections: &'a [Connection],
    pub messages: Option<&'a PeopleIndex<Contact>>,
    pub endorsements: Option<&'a PeopleIndex<u32>>,
    pub recommendations: Option<&'a PeopleIndex<u32>>,
}

struct ConnectionIndex<'a> {
    connections: &'a [Connection],
    by_url: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
}

impl<'a> ConnectionIndex<'a> {
    fn new(connections: &'a [Connection]) -> Self {
        let mut by_url = HashMap::with_capacity(connections.len());
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::with_capacity(connections.len());
        for (i, c) in connections.iter().enumerate() {
            if let Some(u) = c
                .profile_url
                .as_deref()
                .map(normalize_profile_url)
                .filter(|u| !u.is_empty())
            {
                by_url.entry(u).or_insert(i);
            }
            let name = normalize_name(&c.full_name());
            if !name.is_empty() {
                by_name.entry(name).or_default().push(i);
            }
        }
        ConnectionIndex {
            connections,
            by_url,
            by_name,
        }
    }

    fn find(&self, url: Option<&str>, name: &str) -> Option<&'a Connection> {
        let url = url.map(normalize_profile_url).filter(|u| !u.is_empty());
        if let Some(u) = &url
            && let Some(&i) = self.by_url.get(u)
        {
            return Some(&self.connections[i]);
        }
        let candidates = self.by_name.get(&normalize_name(name))?;
        candidates
            .iter()
            .map(|&i| &self.connections[i])
            .find(|c| url.is_none() || c.profile_url.as_deref().is_none_or(|u| u.trim().is_empty()))
    }
}

/// Fill `relationship` on every invitation from the other files of the export.
pub fn enrich(invitations: &mut Invitations, extras: &Extras<'_>) {
    let connections = ConnectionIndex::new(extras.connections);
    let mut found = Vec::new();
    for (i, inv) in invitations.iter().enumerate() {
        let url = inv.counterpart_url();
        let name = inv.counterpart_name();
        let mut rel = inv.relationship.clone();
        if let Some(c) = connections.find(url, name) {
            rel.connected = true;
            rel.connected_on = c.connected_on;
            rel.company = c.company.clone();
            rel.position = c.position.clone();
        }
        if let Some(contact) = extras.messages.and_then(|m| m.get(url, name)) {
            rel.messages = contact.messages;
            rel.last_message = contact.last.clone();
        }
        if let Some(&n) = extras.endorsements.and_then(|e| e.get(url, name)) {
            rel.endorsements = n;
        }
        if let Some(&n) = extras.recommendations.and_then(|r| r.get(url, name)) {
            rel.recommendations = n;
        }
        if rel != *inv.relationship {
            found.push((i, rel));
        }
    }
    for (i, rel) in found {
        invitations.set_relationship(i, rel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{ImportOptions, linkedin_csv};

    fn invitations() -> Invitations {
        let csv = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n\
            José Niño,Sam Demo,\"2/12/26, 11:44 AM\",,INCOMING,https://www.linkedin.com/in/josé-niño-demo,https://www.linkedin.com/in/sam-demo\n\
            Ana Alvarez,Sam Demo,\"2/11/26, 11:44 AM\",,INCOMING,https://www.linkedin.com/in/ana-alvarez-demo,https://www.linkedin.com/in/sam-demo\n\
            Bo Chen,Sam Demo,\"2/10/26, 11:44 AM\",,INCOMING,,\n\
            Sam Demo,Kai Park,\"2/9/26, 11:44 AM\",,OUTGOING,https://www.linkedin.com/in/sam-demo,https://www.linkedin.com/in/kai-park-demo\n";
        linkedin_csv::parse_invitations_csv(
            csv.as_bytes(),
            "Invitations.csv",
            &ImportOptions::default(),
        )
        .unwrap()
    }

    fn conn(first: &str, last: &str, url: Option<&str>) -> Connection {
        Connection {
            first_name: first.into(),
            last_name: last.into(),
            profile_url: url.map(Into::into),
            ..Connection::default()
        }
    }

    #[test]
    fn joins_on_percent_encoded_url_then_name() {
        let mut invs = invitations();
        let conns = [
            conn(
                "José",
                "Niño",
                Some("https://www.linkedin.com/in/jos%C3%A9-ni%C3%B1o-demo/"),
            ),
            // Same name as an incoming sender but a different profile: not the same person.
            conn(
                "Ana",
                "Alvarez",
                Some("https://www.linkedin.com/in/ana-alvarez-other-demo"),
            ),
            conn("Bo", "Chen", None),
            conn(
                "Kai",
                "Park",
                Some("https://www.linkedin.com/in/kai-park-demo"),
            ),
        ];
        enrich(
            &mut invs,
            &Extras {
                connections: &conns,
                ..Extras::default()
            },
        );
        let pending: Vec<bool> = invs.iter().map(|i| i.is_pending()).collect();
        assert_eq!(pending, [false, true, false, false]);
        assert!(invs.at(3).relationship.connected, "outgoing accepted");
    }

    #[test]
    fn without_connections_every_incoming_is_pending() {
        let mut invs = invitations();
        enrich(&mut invs, &Extras::default());
        assert_eq!(invs.iter().filter(|i| i.is_pending()).count(), 3);
    }
}
