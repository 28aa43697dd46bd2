//! What the list shows and in which order: the sort orders and kind labels, and the pass
//! that re-sorts, refilters (tab, kind, connected, only-new, cluster) and rematches the
//! search over the rows. Pure, like the rest of the state.

use invitriage::model::{Class, Kind, effective};

use super::{Counts, State, Tab};

/// List order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortOrder {
    Newest,
    Oldest,
    /// Highest personal score first, then newest. The default: personal notes first.
    MostPersonal,
    Name,
}

impl SortOrder {
    pub fn label(self) -> &'static str {
        match self {
            SortOrder::Newest => "newest",
            SortOrder::Oldest => "oldest",
            SortOrder::MostPersonal => "most personal",
            SortOrder::Name => "name",
        }
    }

    /// The cycle of the `s` key: newest, oldest, most personal, name.
    pub fn next(self) -> SortOrder {
        match self {
            SortOrder::Newest => SortOrder::Oldest,
            SortOrder::Oldest => SortOrder::MostPersonal,
            SortOrder::MostPersonal => SortOrder::Name,
            SortOrder::Name => SortOrder::Newest,
        }
    }
}

/// The name of a kind, as the app shows it: the very word `classify` prints and
/// `decide --kind` takes, so what the user reads in one place they can type in the other.
pub fn kind_label(kind: Kind) -> &'static str {
    kind.as_str()
}

/// The next kind filter in the `f` cycle (`None` is "all kinds").
pub fn next_kind_filter(k: Option<Kind>) -> Option<Kind> {
    match k {
        None => Some(Kind::ALL[0]),
        Some(k) => {
            let i = Kind::ALL.iter().position(|x| *x == k).unwrap_or(0);
            Kind::ALL.get(i + 1).copied()
        }
    }
}

impl State {
    /// Re-sort every row (on sort change), then refilter.
    pub(super) fn resort(&mut self) {
        let mut order: Vec<usize> = (0..self.rows.len()).collect();
        let rows = &self.rows;
        match self.sort {
            SortOrder::Newest => {
                order.sort_by(|a, b| rows[*b].inv.sent_at.cmp(&rows[*a].inv.sent_at))
            }
            SortOrder::Oldest => {
                order.sort_by(|a, b| rows[*a].inv.sent_at.cmp(&rows[*b].inv.sent_at))
            }
            SortOrder::MostPersonal => {
                // The user's override counts: a row marked personal sorts with the personal ones.
                // Unsure rows lead the personal ones, so a reader of Personal sees them first.
                let cls: Vec<Class> = (0..rows.len()).map(|i| self.class_of(i)).collect();
                let unsure: Vec<bool> = (0..rows.len())
                    .map(|i| {
                        !self.has_user_class(i) && invitriage::classify::is_unsure(&rows[i].auto)
                    })
                    .collect();
                order.sort_by(|a, b| {
                    let rank =
                        |i: usize| (cls[i] == Class::Personal, unsure[i], rows[i].auto.score);
                    rank(*b)
                        .cmp(&rank(*a))
                        .then(rows[*b].inv.sent_at.cmp(&rows[*a].inv.sent_at))
                });
            }
            SortOrder::Name => {
                order.sort_by(|a, b| rows[*a].name_key.cmp(&rows[*b].name_key).then(a.cmp(b)));
            }
        }
        self.order = order;
        self.refilter();
    }

    /// Refilter after a tab/filter change: keep the selected row if it is still shown, else go
    /// to the top.
    pub(super) fn refilter_keep_or_top(&mut self) {
        let keep = self.selected_row();
        self.refilter();
        if self.selected_row() != keep || keep.is_none() {
            self.selected = 0;
            self.scroll = 0;
            self.detail_scroll = 0;
            self.clamp_scroll();
        }
    }

    /// Recompute the visible list, the counts and the matches in one O(n) pass over the sorted
    /// order, keeping the selected row selected when it is still shown.
    pub(super) fn refilter(&mut self) {
        let keep = self.selected_row();
        let old_pos = self.selected;
        let mut counts = Counts::default();
        let mut visible = Vec::new();
        // Small per-row arrays, not the rows themselves: the loop walks rows in sort order,
        // and touching each big Row would be a cache miss per row on large exports.
        let n = self.rows.len();
        let mut decided = vec![false; n];
        for k in self.decisions.keys() {
            for &r in self.by_key.get(k).into_iter().flatten() {
                decided[r] = true;
            }
        }
        let mut new = vec![false; n];
        for k in &self.insight.new_keys {
            for &r in self.by_key.get(k).into_iter().flatten() {
                new[r] = true;
            }
        }
        let mut sent_visible = Vec::new();
        let mut classes: Vec<(Class, Kind)> =
            self.facts.iter().map(|f| (f.class, f.kind)).collect();
        for (k, c) in &self.overrides {
            for &r in self.by_key.get(k).into_iter().flatten() {
                classes[r] = effective(&self.rows[r].auto, Some(*c));
            }
        }
        for (r, c) in self.near.followers() {
            classes[r] = effective(&self.rows[r].auto, Some(c));
        }
        for &i in &self.order {
            let f = self.facts[i];
            if self.only_new && !new[i] {
                continue;
            }
            if f.outgoing {
                counts.sent += 1;
                if self.tab == Tab::Sent {
                    sent_visible.push(i);
                }
                continue;
            }
            if self
                .cluster_filter
                .is_some_and(|c| self.insight.cluster_of_row.get(&i) != Some(&c))
            {
                continue;
            }
            if f.connected && !self.show_connected {
                counts.connected += 1;
                continue;
            }
            let (class, kind) = classes[i];
            if self.kind_filter.is_some_and(|k| k != kind) {
                continue;
            }
            let decided = decided[i];
            counts.all += 1;
            if decided {
                counts.decided += 1;
            } else if class == Class::Personal {
                counts.personal += 1;
            } else {
                counts.boilerplate += 1;
            }
            let shown = match self.tab {
                Tab::All => true,
                Tab::Decided => decided,
                Tab::Personal => !decided && class == Class::Personal,
                Tab::Boilerplate => !decided && class == Class::Boilerplate,
                Tab::Sent => false,
            };
            if shown {
                visible.push(i);
            }
        }
        if self.show_connected {
            counts.connected = self.facts.iter().filter(|f| f.connected).count();
        }
        if self.tab == Tab::Sent {
            // "Most personal" means nothing for the user's own notes: oldest first, the
            // order to withdraw in.
            if self.sort == SortOrder::MostPersonal {
                let rows = &self.rows;
                sent_visible.sort_by_key(|&i| rows[i].inv.sent_at);
            }
            visible = sent_visible;
        }
        self.visible = visible;
        self.counts = counts;
        self.selected = keep
            .and_then(|k| self.visible.iter().position(|r| *r == k))
            .unwrap_or(old_pos)
            .min(self.visible.len().saturating_sub(1));
        self.rematch();
        self.clamp_scroll();
    }

    /// Recompute the search matches over the visible rows.
    pub(super) fn rematch(&mut self) {
        self.matches.clear();
        if self.search.is_empty() {
            return;
        }
        let q = self.search.text().to_lowercase();
        for (pos, &i) in self.visible.iter().enumerate() {
            if self.rows[i].haystack.contains(&q) {
                self.matches.push(pos);
            }
        }
    }
}
