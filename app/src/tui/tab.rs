//! The tabs the list is split into. Pure data, imported by actions and the state alike.

/// The tabs of the header, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    /// Undecided invitations classified personal.
    Personal,
    /// Undecided invitations classified boilerplate.
    Boilerplate,
    /// Invitations with a saved decision.
    Decided,
    /// Everything.
    All,
    /// Requests the user sent that are still pending: withdraw candidates.
    Sent,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Personal,
        Tab::Boilerplate,
        Tab::Decided,
        Tab::All,
        Tab::Sent,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Tab::Personal => "Personal",
            Tab::Boilerplate => "Boilerplate",
            Tab::Decided => "Decided",
            Tab::All => "All",
            Tab::Sent => "Sent",
        }
    }

    pub fn short_label(self) -> &'static str {
        match self {
            Tab::Personal => "Pers",
            Tab::Boilerplate => "Boil",
            Tab::Decided => "Done",
            Tab::All => "All",
            Tab::Sent => "Sent",
        }
    }

    fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    pub fn next(self) -> Tab {
        Tab::ALL[(self.index() + 1) % Tab::ALL.len()]
    }

    pub fn prev(self) -> Tab {
        Tab::ALL[(self.index() + Tab::ALL.len() - 1) % Tab::ALL.len()]
    }
}
