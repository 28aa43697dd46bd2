//! Pure: no I/O. The inbox per calendar month (UTC): incoming and outgoing by the
//! classifier's kind, how many carried a note, how many were accepted; the acceptance rate of
//! the user's own requests, the median time to acceptance where `Connections.csv` dates
//! allow it, and the largest clusters of identical template notes.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::has_connections;
use crate::classify::cluster::{self, Item};
use crate::classify::normalise::{Normalised, Token, name_parts, skeleton_of};
use crate::classify::stock::{GREETINGS, SIGN_OFFS};
use crate::model::{Classification, Direction, Export, Invitation, InvitationType, Kind};

/// Counts per [`Kind`], named for JSON and CSV.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct KindCounts {
    pub no_note: u64,
    pub default: u64,
    pub generic: u64,
    pub template: u64,
    pub personal: u64,
}

impl KindCounts {
    pub fn get(&self, k: Kind) -> u64 {
        match k {
            Kind::NoNote => self.no_note,
            Kind::Default => self.default,
            Kind::Generic => self.generic,
            Kind::Template => self.template,
            Kind::Personal => self.personal,
        }
    }

    fn add(&mut self, k: Kind) {
        let slot = match k {
            Kind::NoNote => &mut self.no_note,
            Kind::Default => &mut self.default,
            Kind::Generic => &mut self.generic,
            Kind::Template => &mut self.template,
            Kind::Personal => &mut self.personal,
        };
        *slot += 1;
    }
}

/// One calendar month (UTC) of the export.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MonthRow {
    /// `2026-11`.
    pub month: String,
    pub incoming: u64,
    pub incoming_with_note: u64,
    pub incoming_by_kind: KindCounts,
    /// Incoming whose sender is in `Connections.csv`.
    pub incoming_accepted: u64,
    pub outgoing: u64,
    pub outgoing_with_note: u64,
    pub outgoing_by_kind: KindCounts,
    /// Outgoing connection requests whose invitee is in `Connections.csv`.
    pub outgoing_accepted: u64,
}

/// A group of incoming notes the classifier calls templates and whose wording, once names,
/// greetings and sign-offs are set aside, is identical.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TemplateCluster {
    /// 1 for the largest; ties broken by the first member's position in the file.
    pub rank: usize,
    /// Invitations in the cluster.
    pub size: usize,
    /// The first member's note (sanitised at import).
    pub sample: String,
    /// Indices into [`Export::invitations`], in file order.
    #[serde(skip)]
    pub members: Vec<usize>,
}

/// Everything `stats --by month` and the Overview show.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Monthly {
    /// Every month from the first to the last invitation, empty months included, oldest first.
    pub months: Vec<MonthRow>,
    /// Whether `Connections.csv` was read; without it nothing is known to be accepted and the
    /// acceptance figures are `null`.
    pub has_connections: bool,
    /// Outgoing connection requests.
    pub sent: u64,
    pub sent_accepted: Option<u64>,
    /// `sent_accepted / sent`, 0 to 1.
    pub sent_acceptance_rate: Option<f64>,
    /// Median whole days from sending to `Connected On`, over accepted requests with a date
    /// not before the request (a date before it is a reconnection, not an answer).
    pub sent_median_days_to_accept: Option<f64>,
    /// How many accepted requests the median is over.
    pub sent_timed: u64,
    /// The same for incoming requests the user accepted.
    pub incoming_median_days_to_accept: Option<f64>,
    pub incoming_timed: u64,
    /// Template clusters of two or more invitations, largest first.
    pub clusters: Vec<TemplateCluster>,
}

/// The median of whole numbers; the mean of the middle two for an even count.
pub fn median(values: &mut [i64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2] as f64
    } else {
        (values[n / 2 - 1] as f64 + values[n / 2] as f64) / 2.0
    })
}

fn month_of(d: NaiveDate) -> (i32, u32) {
    (d.year(), d.month())
}

/// Days from sending to connecting, when the export knows both and they are in order.
fn days_to_accept(inv: &Invitation) -> Option<i64> {
    let on = inv.relationship.connected_on?;
    let days = (on - inv.sent_at.date_naive()).num_days();
    (days >= 0).then_some(days)
}

/// Compute the monthly view. `verdicts` is [`crate::classify::classify_export`] of `export`,
/// one per invitation in order.
pub fn monthly(export: &Export, verdicts: &[Classification]) -> Monthly {
    let known = has_connections(export);
    let mut by_month: BTreeMap<(i32, u32), MonthRow> = BTreeMap::new();
    let mut sent = 0u64;
    let mut sent_accepted = 0u64;
    let mut sent_days = Vec::new();
    let mut incoming_days = Vec::new();
    for (i, inv) in export.invitations.iter().enumerate() {
        let kind = verdicts.get(i).map_or(Kind::NoNote, |c| c.kind);
        let row = by_month
            .entry(month_of(inv.sent_at.date_naive()))
            .or_default();
        let connection = inv.kind == InvitationType::Connection;
        let accepted = known && connection && inv.relationship.connected;
        match inv.direction {
            Direction::Incoming => {
                row.incoming += 1;
                row.incoming_with_note += u64::from(inv.has_note());
                row.incoming_by_kind.add(kind);
                row.incoming_accepted += u64::from(accepted);
                if accepted {
                    incoming_days.extend(days_to_accept(&inv));
                }
            }
            Direction::Outgoing => {
                row.outgoing += 1;
                row.outgoing_with_note += u64::from(inv.has_note());
                row.outgoing_by_kind.add(kind);
                row.outgoing_accepted += u64::from(accepted);
                if connection {
                    sent += 1;
                    sent_accepted += u64::from(accepted);
                }
                if accepted {
                    sent_days.extend(days_to_accept(&inv));
                }
            }
        }
    }
    // Fill the gaps so a chart's bars are evenly spaced months.
    let mut months = Vec::new();
    if let (Some(&first), Some(&last)) = (by_month.keys().next(), by_month.keys().next_back()) {
        let (mut y, mut m) = first;
        while (y, m) <= last {
            let mut row = by_month.remove(&(y, m)).unwrap_or_default();
            row.month = format!("{y:04}-{m:02}");
            months.push(row);
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
    }
    Monthly {
        months,
        has_connections: known,
        sent,
        sent_accepted: known.then_some(sent_accepted),
        sent_acceptance_rate: (known && sent > 0).then(|| sent_accepted as f64 / sent as f64),
        sent_median_days_to_accept: median(&mut sent_days),
        sent_timed: sent_days.len() as u64,
        incoming_median_days_to_accept: median(&mut incoming_days),
        incoming_timed: incoming_days.len() as u64,
        clusters: template_clusters(export, verdicts),
    }
}

/// Group incoming template notes that are the same or nearly the same once names, greetings
/// and sign-offs are set aside, with the classifier's own clustering
/// ([`crate::classify::cluster::clusters`]: MinHash over word 3-shingles, Jaccard >= 0.6).
pub fn template_clusters(export: &Export, verdicts: &[Classification]) -> Vec<TemplateCluster> {
    let mut rows: Vec<usize> = Vec::new();
    let mut words: Vec<Vec<String>> = Vec::new();
    let mut recipient_parts: HashMap<&str, Vec<String>> = HashMap::new();
    for (i, inv) in export.invitations.iter().enumerate() {
        let is_template = verdicts.get(i).is_some_and(|c| c.kind == Kind::Template);
        if inv.direction != Direction::Incoming || !is_template || !inv.has_note() {
            continue;
        }
        let recipient = recipient_parts
            .entry(inv.recipient.name)
            .or_insert_with(|| name_parts(inv.recipient.name));
        let n = Normalised::new(
            inv.note.unwrap_or(""),
            &name_parts(inv.sender.name),
            recipient,
        );
        // Every word of the sender's name counts as a name here, even the ones the classifier
        // keeps ("Di" in "Di Eng"), so a signature never splits a template in two.
        let sender_words = skeleton_of(inv.sender.name);
        let sender_words: Vec<&str> = sender_words.split(' ').collect();
        let is_name = |t: &Token| t.is_name() || sender_words.contains(&t.text());
        let toks = &n.tokens;
        let (mut a, mut b) = (0, toks.len());
        while a < b && (is_name(&toks[a]) || GREETINGS.contains(&toks[a].text())) {
            a += 1;
        }
        while b > a && (is_name(&toks[b - 1]) || SIGN_OFFS.contains(&toks[b - 1].text())) {
            b -= 1;
        }
        rows.push(i);
        words.push(
            toks[a..b]
                .iter()
                .filter(|t| !is_name(t))
                .map(|t| t.text().to_string())
                .collect(),
        );
    }
    let items: Vec<Item<'_>> = words
        .iter()
        .zip(&rows)
        .map(|(w, &i)| Item {
            words: w.iter().map(String::as_str).collect(),
            sender: i as u64,
        })
        .collect();
    let mut by_group: HashMap<u32, Vec<usize>> = HashMap::new();
    for (g, &i) in cluster::clusters(&items).group.into_iter().zip(&rows) {
        if let Some(g) = g {
            by_group.entry(g).or_default().push(i);
        }
    }
    let mut groups: Vec<Vec<usize>> = by_group.into_values().filter(|g| g.len() >= 2).collect();
    // Largest first; among equals, the one seen first in the file.
    groups.sort_by_key(|g| (std::cmp::Reverse(g.len()), g[0]));
    groups
        .into_iter()
        .enumerate()
        .map(|(rank, members)| TemplateCluster {
            rank: rank + 1,
            size: members.len(),
            sample: export
                .invitations
                .at(members[0])
                .note
                .unwrap_or_default()
                .to_string(),
            members,
        })
        .collect()
}

/// The invitation indices of every cluster, for a filter: which cluster each row is in.
pub fn cluster_of(clusters: &[TemplateCluster]) -> HashMap<usize, usize> {
    let mut out = HashMap::new();
    for c in clusters {
        for &m in &c.members {
            out.insert(m, c.rank);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::{Overrides, classify_export};
    use crate::import::{ImportOptions, load_files};

    #[test]
    fn medians() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [5, 1, 3]), Some(3.0));
        assert_eq!(median(&mut [4, 1, 3, 10]), Some(3.5));
    }

    fn load(inv: &str, conn: Option<&str>) -> Export {
        let mut files: Vec<(&str, &[u8])> = vec![("Invitations.csv", inv.as_bytes())];
        if let Some(c) = conn {
            files.push(("Connections.csv", c.as_bytes()));
        }
        load_files("t", &files, &ImportOptions::default()).unwrap()
    }

    #[test]
    fn months_are_contiguous_and_acceptance_is_counted() {
        let inv = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n\
            Sam Demo,Kai Park,\"1/10/26, 9:00 AM\",,OUTGOING,,https://www.linkedin.com/in/kai-park-demo\n\
            Sam Demo,Lee Moss,\"1/20/26, 9:00 AM\",Hi Lee,OUTGOING,,https://www.linkedin.com/in/lee-moss-demo\n\
            Sam Demo,Max Roe,\"3/5/26, 9:00 AM\",,OUTGOING,,https://www.linkedin.com/in/max-roe-demo\n\
            Ana Alvarez,Sam Demo,\"3/6/26, 9:00 AM\",,INCOMING,https://www.linkedin.com/in/ana-alvarez-demo,\n";
        let conn = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
            Kai,Park,https://www.linkedin.com/in/kai-park-demo,,,,14 Jan 2026\n\
            Max,Roe,https://www.linkedin.com/in/max-roe-demo,,,,15 Mar 2026\n\
            Ana,Alvarez,https://www.linkedin.com/in/ana-alvarez-demo,,,,6 Mar 2026\n";
        let e = load(inv, Some(conn));
        let m = monthly(&e, &classify_export(&e, &Overrides::new()));
        let months: Vec<&str> = m.months.iter().map(|r| r.month.as_str()).collect();
        assert_eq!(months, ["2026-01", "2026-02", "2026-03"]);
        assert_eq!(
            (m.months[0].outgoing, m.months[0].outgoing_accepted),
            (2, 1)
        );
        assert_eq!(m.months[0].outgoing_with_note, 1);
        assert_eq!(
            m.months[1],
            MonthRow {
                month: "2026-02".into(),
                ..MonthRow::default()
            }
        );
        assert_eq!(
            (m.months[2].incoming, m.months[2].incoming_accepted),
            (1, 1)
        );
        assert_eq!((m.sent, m.sent_accepted), (3, Some(2)));
        assert_eq!(m.sent_acceptance_rate, Some(2.0 / 3.0));
        // Kai: 4 days, Max: 10 days.
        assert_eq!(m.sent_median_days_to_accept, Some(7.0));
        assert_eq!(m.incoming_median_days_to_accept, Some(0.0));

        let bare = load(inv, None);
        let m = monthly(&bare, &classify_export(&bare, &Overrides::new()));
        assert_eq!(m.sent_accepted, None);
        assert_eq!(m.sent_acceptance_rate, None);
        assert_eq!(m.months[0].outgoing_accepted, 0);
    }

    #[test]
    fn template_clusters_group_identical_wording_largest_first() {
        let mut inv = String::from("From,To,Sent At,Message,Direction\n");
        let pitch = |name: &str| {
            format!(
                "Hi Sam, I help SaaS founders like you scale outbound pipeline with done-for-you campaigns. Open to a quick call this week? Best, {name}"
            )
        };
        let other = "Hello Sam, we are hiring senior engineers for remote contract roles with top pay and full benefits from day one. Interested? Let me know.";
        for (i, n) in ["Ana Alvarez", "Bo Chen", "Cy Dorn", "Di Eng"]
            .iter()
            .enumerate()
        {
            inv.push_str(&format!(
                "{n},Sam Demo,\"3/{}/26, 9:00 AM\",\"{}\",INCOMING\n",
                i + 1,
                pitch(n)
            ));
        }
        for (i, n) in ["Ed Fox", "Flo Gunn", "Gus Hart"].iter().enumerate() {
            inv.push_str(&format!(
                "{n},Sam Demo,\"4/{}/26, 9:00 AM\",\"{other}\",INCOMING\n",
                i + 1
            ));
        }
        inv.push_str("Hal Ives,Sam Demo,\"4/9/26, 9:00 AM\",\"Sam, thanks for the Rust talk in Lisbon on Tuesday\",INCOMING\n");
        let e = load(&inv, None);
        let verdicts = classify_export(&e, &Overrides::new());
        let templates: Vec<usize> = (0..e.invitations.len())
            .filter(|&i| verdicts[i].kind == Kind::Template)
            .collect();
        assert_eq!(templates, [0, 1, 2, 3, 4, 5, 6], "{verdicts:#?}");
        let clusters = template_clusters(&e, &verdicts);
        let shape: Vec<(usize, usize, Vec<usize>)> = clusters
            .iter()
            .map(|c| (c.rank, c.size, c.members.clone()))
            .collect();
        assert_eq!(shape, [(1, 4, vec![0, 1, 2, 3]), (2, 3, vec![4, 5, 6])]);
        assert!(clusters[0].sample.contains("done-for-you"));
    }
}
