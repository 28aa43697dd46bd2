//! The state's view of what the app knows beyond the inbox: the insight, the only-new and
//! cluster filters, and first sight (which rows are new since the previous load).

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use super::{Insight, State};

impl State {
    /// What the app knows beyond the inbox (monthly picture, sent ages, first sight).
    pub fn insight(&self) -> &Insight {
        &self.insight
    }

    /// True while only rows new since the last load are shown.
    pub fn only_new(&self) -> bool {
        self.only_new
    }

    /// Show only rows new since the last load, or everything again.
    pub fn toggle_only_new(&mut self) {
        self.only_new = !self.only_new;
        self.refilter_keep_or_top();
    }

    /// The template cluster (its rank) the list is filtered to, if any.
    pub fn cluster_filter(&self) -> Option<usize> {
        self.cluster_filter
    }

    /// Filter the list to one template cluster, or (`None`) show every row again.
    pub fn set_cluster_filter(&mut self, rank: Option<usize>) {
        self.cluster_filter = rank;
        self.refilter_keep_or_top();
    }

    /// Every row's identity, for the store's first-sight record.
    pub fn row_keys(&self) -> Vec<String> {
        (0..self.rows.len())
            .map(|r| self.key(r).to_string())
            .collect()
    }

    /// Take what the store says was never shown before. On the very first load nothing is
    /// marked new: everything would be.
    pub fn set_seen(&mut self, new_keys: HashSet<String>, previous_load: Option<DateTime<Utc>>) {
        self.insight.new_keys = if previous_load.is_some() {
            new_keys
        } else {
            HashSet::new()
        };
        self.insight.previous_load = previous_load;
        self.refilter();
    }

    /// True when the row appeared for the first time in this session.
    pub fn is_new(&self, row: usize) -> bool {
        self.insight.new_keys.contains(self.key(row))
    }

    /// "12 new since 2026-10-03 · 240 decided earlier", or `None` on a first load with no
    /// earlier decisions.
    pub fn since_line(&self) -> Option<String> {
        let new = self
            .rows
            .iter()
            .enumerate()
            .filter(|(i, _)| self.insight.new_keys.contains(self.key(*i)))
            .count();
        let earlier = self.insight.decided_earlier;
        match self.insight.previous_load {
            Some(at) => Some(format!(
                "{new} new since {} · {earlier} decided earlier",
                at.format("%Y-%m-%d")
            )),
            None if earlier > 0 => Some(format!("{earlier} decided earlier")),
            None => None,
        }
    }

    /// True for a request the user sent.
    pub fn is_outgoing(&self, row: usize) -> bool {
        self.facts[row].outgoing
    }
}
