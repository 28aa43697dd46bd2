//! Pure: no I/O. The user's own connection requests that are still pending: outgoing, a
//! connection request, and the invitee is not in `Connections.csv`. These are the withdraw
//! candidates; LinkedIn caps how many invitations a member may have out.

use chrono::{Months, NaiveDate};

use super::has_connections;
use crate::model::{Direction, Export, Invitation, InvitationType};

/// Why the pending requests cannot be listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SentError {
    /// Without `Connections.csv` an accepted request looks exactly like a pending one.
    NoConnections,
}

impl std::fmt::Display for SentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SentError::NoConnections => f.write_str(
                "this input has no Connections.csv, so a request that was accepted cannot be told \
                 from one still pending; give the whole export (folder or .zip), which includes it",
            ),
        }
    }
}

impl std::error::Error for SentError {}

/// One request the user sent that nobody has answered yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PendingSent<'a> {
    /// Index in [`Export::invitations`].
    pub index: usize,
    pub invitation: Invitation<'a>,
    /// Whole days from the day it was sent (UTC) to the as-of date; 0 if sent later.
    pub age_days: i64,
}

/// True for an outgoing connection request whose invitee is not a connection.
pub fn is_pending_sent(inv: &Invitation<'_>) -> bool {
    inv.direction == Direction::Outgoing
        && inv.kind == InvitationType::Connection
        && !inv.relationship.connected
}

/// Whole days between sending and `as_of`.
pub fn age_days(inv: &Invitation, as_of: NaiveDate) -> i64 {
    (as_of - inv.sent_at.date_naive()).num_days().max(0)
}

/// The pending requests, oldest first (ties keep file order).
pub fn pending_sent(export: &Export, as_of: NaiveDate) -> Result<Vec<PendingSent<'_>>, SentError> {
    if !has_connections(export) {
        return Err(SentError::NoConnections);
    }
    let mut rows: Vec<PendingSent<'_>> = export
        .invitations
        .iter()
        .enumerate()
        .filter(|(_, inv)| is_pending_sent(inv))
        .map(|(index, invitation)| PendingSent {
            index,
            invitation,
            age_days: age_days(&invitation, as_of),
        })
        .collect();
    rows.sort_by_key(|r| r.invitation.sent_at);
    Ok(rows)
}

/// How many pending requests are older than 1, 3 and 6 calendar months as of a date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct AgeSummary {
    pub total: usize,
    pub older_than_1_month: usize,
    pub older_than_3_months: usize,
    pub older_than_6_months: usize,
}

impl AgeSummary {
    pub fn of(sent_dates: impl IntoIterator<Item = NaiveDate>, as_of: NaiveDate) -> Self {
        let cut = |m| as_of.checked_sub_months(Months::new(m));
        let (c1, c3, c6) = (cut(1), cut(3), cut(6));
        let older = |d: NaiveDate, c: Option<NaiveDate>| c.is_some_and(|c| d < c);
        let mut s = AgeSummary::default();
        for d in sent_dates {
            s.total += 1;
            s.older_than_1_month += usize::from(older(d, c1));
            s.older_than_3_months += usize::from(older(d, c3));
            s.older_than_6_months += usize::from(older(d, c6));
        }
        s
    }

    /// "14 pending · 9 older than 1 month · 5 older than 3 · 2 older than 6"
    pub fn describe(&self) -> String {
        format!(
            "{} pending · {} older than 1 month · {} older than 3 · {} older than 6",
            self.total, self.older_than_1_month, self.older_than_3_months, self.older_than_6_months
        )
    }
}

/// [`AgeSummary`] of the rows [`pending_sent`] returned.
pub fn summary(rows: &[PendingSent<'_>], as_of: NaiveDate) -> AgeSummary {
    AgeSummary::of(
        rows.iter().map(|r| r.invitation.sent_at.date_naive()),
        as_of,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{ImportOptions, load_files};

    const INVITATIONS: &str = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n\
        Sam Demo,Old Pending,\"1/10/26, 9:00 AM\",Hi there,OUTGOING,https://www.linkedin.com/in/sam-demo,https://www.linkedin.com/in/old-pending-demo\n\
        Sam Demo,Accepted One,\"2/10/26, 9:00 AM\",,OUTGOING,https://www.linkedin.com/in/sam-demo,https://www.linkedin.com/in/accepted-one-demo\n\
        Sam Demo,Recent Pending,\"11/01/26, 9:00 AM\",,OUTGOING,https://www.linkedin.com/in/sam-demo,https://www.linkedin.com/in/recent-pending-demo\n\
        Sam Demo,Mid Pending,\"7/15/26, 9:00 AM\",Read your post,OUTGOING,https://www.linkedin.com/in/sam-demo,https://www.linkedin.com/in/mid-pending-demo\n\
        Ana Incoming,Sam Demo,\"3/10/26, 9:00 AM\",,INCOMING,https://www.linkedin.com/in/ana-incoming-demo,https://www.linkedin.com/in/sam-demo\n";
    const CONNECTIONS: &str = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
        Accepted,One,https://www.linkedin.com/in/accepted-one-demo,,,,12 Feb 2026\n";

    fn export(with_connections: bool) -> Export {
        let mut files: Vec<(&str, &[u8])> = vec![("Invitations.csv", INVITATIONS.as_bytes())];
        if with_connections {
            files.push(("Connections.csv", CONNECTIONS.as_bytes()));
        }
        load_files(
            "Basic_LinkedInDataExport_11-20-2026",
            &files,
            &ImportOptions::default(),
        )
        .unwrap()
    }

    #[test]
    fn lists_unanswered_outgoing_oldest_first_with_age() {
        let e = export(true);
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let rows = pending_sent(&e, as_of).unwrap();
        let names: Vec<&str> = rows.iter().map(|r| r.invitation.recipient.name).collect();
        assert_eq!(names, ["Old Pending", "Mid Pending", "Recent Pending"]);
        // 2026-01-10 to 2026-11-20: 21 days left in January, then Feb..Oct (28+31+30+31+30+31+31+30+31), then 20.
        let jan_to_nov = 21 + (28 + 31 + 30 + 31 + 30 + 31 + 31 + 30 + 31) + 20;
        assert_eq!(rows[0].age_days, jan_to_nov);
        assert_eq!(rows[2].age_days, 19);
        let s = summary(&rows, as_of);
        assert_eq!(
            s,
            AgeSummary {
                total: 3,
                older_than_1_month: 2,
                older_than_3_months: 2,
                older_than_6_months: 1,
            }
        );
    }

    #[test]
    fn without_connections_pending_is_unknowable() {
        let e = export(false);
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        assert_eq!(pending_sent(&e, as_of), Err(SentError::NoConnections));
    }

    #[test]
    fn month_boundaries_are_calendar_months() {
        let as_of = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        // One month before 31 March is 28 February: the 28th itself is not older.
        let s = AgeSummary::of([d(2, 28), d(2, 27)], as_of);
        assert_eq!(s.older_than_1_month, 1);
    }
}
