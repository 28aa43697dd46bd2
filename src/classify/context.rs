//! Pure: no I/O. What the export says about the user, prepared once for matching against notes:
//! their own employers and schools, and their connections' names.

use std::collections::HashMap;

use super::hash::fx;
use super::normalise::{Normalised, fold, words};
use crate::model::Export;

/// Words that don't identify an organisation on their own ("Bank", "University of").
const ORG_GENERIC: &[&str] = &[
    "the",
    "of",
    "and",
    "de",
    "del",
    "la",
    "le",
    "du",
    "des",
    "der",
    "die",
    "das",
    "di",
    "da",
    "university",
    "universidad",
    "universite",
    "universitat",
    "universita",
    "universiteit",
    "universidade",
    "college",
    "school",
    "institute",
    "institut",
    "instituto",
    "academy",
    "bank",
    "group",
    "inc",
    "ltd",
    "llc",
    "gmbh",
    "ag",
    "sa",
    "sas",
    "bv",
    "nv",
    "spa",
    "srl",
    "corp",
    "corporation",
    "company",
    "co",
    "labs",
    "lab",
    "technologies",
    "technology",
    "tech",
    "solutions",
    "services",
    "systems",
    "software",
    "digital",
    "global",
    "international",
    "consulting",
    "partners",
    "holding",
    "holdings",
    "hochschule",
    "technische",
    "ecole",
    "escola",
    "scuola",
    "hogeschool",
    "state",
    "national",
    "new",
    "city",
];

/// One way to recognise one of the user's organisations in a note.
#[derive(Debug, Clone)]
pub struct OrgPattern {
    pub words: Vec<String>,
    /// As the user's files name it.
    pub display: String,
    pub is_school: bool,
}

/// Shared context prepared from an export, used for every note.
#[derive(Debug, Clone, Default)]
pub struct SharedContext {
    pub orgs: Vec<OrgPattern>,
    /// Folded "first last" name hash of each connection, to its display name.
    pub connections: HashMap<u64, String>,
}

impl SharedContext {
    pub fn from_export(export: &Export) -> SharedContext {
        let employers = export.positions.iter().map(|p| p.company.as_str());
        let schools = export.schools.iter().map(|s| s.name.as_str());
        let names = export
            .connections
            .iter()
            .map(|c| (c.first_name.as_str(), c.last_name.as_str()));
        SharedContext::new(employers, schools, names)
    }

    pub fn new<'a>(
        employers: impl IntoIterator<Item = &'a str>,
        schools: impl IntoIterator<Item = &'a str>,
        connections: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> SharedContext {
        let mut orgs = Vec::new();
        for (name, is_school) in employers
            .into_iter()
            .map(|n| (n, false))
            .chain(schools.into_iter().map(|n| (n, true)))
        {
            for words in org_variants(name) {
                if !orgs
                    .iter()
                    .any(|o: &OrgPattern| o.words == words && o.is_school == is_school)
                {
                    orgs.push(OrgPattern {
                        words,
                        display: name.trim().to_string(),
                        is_school,
                    });
                }
            }
        }
        let mut conns = HashMap::new();
        for (first, last) in connections {
            let f = fold(first);
            let l = fold(last);
            let fw: Vec<&str> = words(&f).collect();
            let lw: Vec<&str> = words(&l).collect();
            if let (Some(a), Some(b)) = (fw.first(), lw.last())
                && a.chars().count() >= 2
                && b.chars().count() >= 2
            {
                conns
                    .entry(pair_hash(a, b))
                    .or_insert_with(|| format!("{} {}", first.trim(), last.trim()));
            }
        }
        SharedContext {
            orgs,
            connections: conns,
        }
    }

    /// The first of the user's organisations the note names: (pattern, token range).
    pub fn find_org(&self, n: &Normalised) -> Option<(&OrgPattern, std::ops::Range<usize>)> {
        for org in &self.orgs {
            let k = org.words.len();
            if k == 0 || k > n.tokens.len() {
                continue;
            }
            for start in 0..=(n.tokens.len() - k) {
                if n.tokens[start..start + k]
                    .iter()
                    .zip(&org.words)
                    .all(|(t, w)| t.word == *w)
                {
                    return Some((org, start..start + k));
                }
            }
        }
        None
    }

    /// A connection of the user named in the note (first and last name next to each other),
    /// other than the sender and the recipient.
    pub fn find_connection(&self, n: &Normalised) -> Option<(&str, std::ops::Range<usize>)> {
        if self.connections.is_empty() {
            return None;
        }
        for (i, pair) in n.tokens.windows(2).enumerate() {
            if pair[0].is_name() && pair[1].is_name() {
                continue;
            }
            if let Some(name) = self
                .connections
                .get(&pair_hash(&pair[0].word, &pair[1].word))
            {
                return Some((name.as_str(), i..i + 2));
            }
        }
        None
    }
}

fn pair_hash(a: &str, b: &str) -> u64 {
    fx(&(a, b))
}

/// Word sequences that name an organisation: the full name, its first distinctive word
/// ("Helix" for "Helix Bank"), and for a short leading acronym the acronym plus the next
/// initial ("TUM" for "TU München").
fn org_variants(name: &str) -> Vec<Vec<String>> {
    let folded = fold(name);
    let all: Vec<String> = words(&folded).map(str::to_string).collect();
    let mut out = Vec::new();
    if all.is_empty() {
        return out;
    }
    out.push(all.clone());
    if let Some(w) = all
        .iter()
        .find(|w| w.chars().count() >= 4 && !ORG_GENERIC.contains(&w.as_str()))
        && all.len() > 1
    {
        out.push(vec![w.clone()]);
    }
    if all.len() >= 2 && all[0].chars().count() <= 3 && all[0].chars().all(char::is_alphabetic) {
        let mut acro = all[0].clone();
        if let Some(c) = all[1].chars().next() {
            acro.push(c);
        }
        out.push(vec![acro]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::normalise::name_parts;
    use super::*;

    #[test]
    fn organisations_match_by_full_name_distinctive_word_or_acronym() {
        let ctx = SharedContext::new(
            ["Helix Bank", "Northwind Labs"],
            ["TU München", "Universidad de Sevilla"],
            [],
        );
        let table = [
            ("we worked at Helix Bank", Some("Helix Bank")),
            ("the Helix payments team", Some("Helix Bank")),
            ("at Northwind in 2019", Some("Northwind Labs")),
            ("TUM robotics lab", Some("TU München")),
            ("studied at TU Munchen", Some("TU München")),
            ("my years in Sevilla", Some("Universidad de Sevilla")),
            ("a bank in Munich", None),
        ];
        for (note, want) in table {
            let n = Normalised::new(note, &[], &[]);
            assert_eq!(
                ctx.find_org(&n).map(|(o, _)| o.display.as_str()),
                want,
                "{note}"
            );
        }
    }

    #[test]
    fn connections_are_found_but_not_the_sender() {
        let ctx = SharedContext::new([], [], [("Marta", "Gil"), ("Tom", "Becker")]);
        let n = Normalised::new(
            "Marta Gil said I should write. - Tom Becker",
            &name_parts("Tom Becker"),
            &name_parts("Ana Alvarez"),
        );
        let (name, r) = ctx.find_connection(&n).unwrap();
        assert_eq!(name, "Marta Gil");
        assert_eq!(r, 0..2);
        let n = Normalised::new("- Tom Becker", &name_parts("Tom Becker"), &[]);
        assert!(ctx.find_connection(&n).is_none());
    }
}
