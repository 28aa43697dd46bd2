//! The app state and the views derived from it. Pure: no I/O, no clock.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};

use super::keymap::{Context, Keymap};
use invitriage::insight::monthly::{Monthly, monthly};
use invitriage::insight::sent::{AgeSummary, is_pending_sent};
use invitriage::insight::{export_date, has_connections};
use invitriage::model::{
    Class, Classification, Direction, Export, Invitation, InvitationType, Kind, Overrides,
    effective,
};
use invitriage::store::{Decision, NewEvent};

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

/// The badge of a kind, as shown in the list.
pub fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::NoNote => "no note",
        Kind::Default => "stock",
        Kind::Generic => "generic",
        Kind::Template => "pitch",
        Kind::Personal => "personal",
    }
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

/// One invitation the user can triage.
#[derive(Debug, Clone)]
pub struct Row {
    pub inv: Invitation,
    pub key: String,
    /// The classifier's own answer, without the user's override.
    pub auto: Classification,
    /// Lowercased name and note, for search.
    haystack: String,
    /// [`invitriage::model::normalize_name`] of the sender, for sorting and same-person lookups.
    name_key: String,
}

/// What filtering needs of a row, kept apart from the row for cache-friendly passes.
#[derive(Debug, Clone, Copy)]
struct RowFacts {
    connected: bool,
    kind: Kind,
    /// The classifier's class (and `kind` its kind); overrides are applied in `refilter`.
    class: Class,
    /// A request the user sent (shown only in the Sent tab).
    outgoing: bool,
}

/// A bulk decision waiting for confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkConfirm {
    pub verdict: invitriage::model::Verdict,
    /// Row indices.
    pub rows: Vec<usize>,
    /// True when the rows are the marked ones (else the whole view).
    pub marked: bool,
}

/// What has the keyboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Typing a list search.
    Search,
    Profile {
        scroll: u16,
    },
    Help {
        query: String,
        typing: bool,
        scroll: u16,
    },
    Confirm(BulkConfirm),
    /// The Overview screen; `cluster` is the selected template cluster (0-based).
    Overview {
        cluster: usize,
    },
}

/// The status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// Per-tab counts shown in the header.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub personal: usize,
    pub boilerplate: usize,
    pub decided: usize,
    pub all: usize,
    /// Rows hidden because the sender is already connected.
    pub connected: usize,
    /// Requests the user sent that are still pending.
    pub sent: usize,
}

impl Counts {
    pub fn of(&self, tab: Tab) -> usize {
        match tab {
            Tab::Personal => self.personal,
            Tab::Boilerplate => self.boilerplate,
            Tab::Decided => self.decided,
            Tab::All => self.all,
            Tab::Sent => self.sent,
        }
    }
}

/// What the app knows beyond the inbox: the monthly picture, the sent requests' ages, and
/// what is new since the last load. Computed once at load (first sight comes from the store).
#[derive(Debug, Clone, Default)]
pub struct Insight {
    pub monthly: Monthly,
    /// The export's own date (its name, else its newest Sent At): ages of sent requests
    /// count up to it, so an old export reads the same tomorrow.
    pub as_of: Option<NaiveDate>,
    /// False without Connections.csv: a pending request cannot be told from an accepted one.
    pub sent_known: bool,
    pub sent_summary: AgeSummary,
    /// Template cluster rank of each row that is in one.
    pub cluster_of_row: HashMap<usize, usize>,
    /// Keys loaded for the first time in this session (empty on the very first load).
    pub new_keys: HashSet<String>,
    /// When an export was loaded before this one.
    pub previous_load: Option<DateTime<Utc>>,
    /// Rows whose decision was already in the store when the app started.
    pub decided_earlier: usize,
}

/// The whole app state. Fields are public for the view; change them through `update`.
#[derive(Debug, Clone)]
pub struct State {
    /// What the header names: the path or `demo`.
    pub source: String,
    /// The files the export was read from (to tell "none found" from "file absent").
    pub files: Vec<String>,
    pub rows: Vec<Row>,
    /// Index of rows by key, for other invitations from the same person and store feedback.
    pub by_key: HashMap<String, Vec<usize>>,
    pub decisions: HashMap<String, Decision>,
    pub overrides: Overrides,
    /// Events sent to the store and not yet acknowledged, by key.
    pub saving: HashMap<String, NewEvent>,
    pub tab: Tab,
    pub sort: SortOrder,
    pub kind_filter: Option<Kind>,
    pub show_connected: bool,
    pub search: String,
    /// Marked row indices.
    pub marks: BTreeSet<usize>,
    /// Position of the selection in `visible`.
    pub selected: usize,
    /// First visible position of the list.
    pub scroll: usize,
    pub detail_scroll: u16,
    pub mode: Mode,
    pub status: Option<Status>,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// The time of the last action, for relative ages.
    pub now: DateTime<Utc>,
    pub keymap: Keymap,
    pub insight: Insight,
    /// Show only rows new since the last load.
    pub only_new: bool,
    /// Show only the rows of this template cluster (its rank).
    pub cluster_filter: Option<usize>,
    facts: Vec<RowFacts>,
    /// Rows sorted by `sort` (all of them).
    order: Vec<usize>,
    /// Rows shown in the list, in order.
    visible: Vec<usize>,
    /// Positions in `visible` that match the search.
    matches: Vec<usize>,
    counts: Counts,
}

impl State {
    /// Build the state for an export and its classifications (same order as the
    /// invitations). Only incoming connection requests are triaged.
    pub fn new(
        export: Export,
        classifications: Vec<Classification>,
        decisions: HashMap<String, Decision>,
        overrides: Overrides,
        keymap: Keymap,
        now: DateTime<Utc>,
        size: (u16, u16),
    ) -> State {
        let sent_known = has_connections(&export);
        let as_of = export_date(&export).map(|(d, _)| d);
        let monthly = monthly(&export, &classifications);
        let mut cluster_of_inv: HashMap<usize, usize> = HashMap::new();
        for c in &monthly.clusters {
            for &m in &c.members {
                cluster_of_inv.insert(m, c.rank);
            }
        }
        let mut cluster_of_row = HashMap::new();
        let mut rows = Vec::new();
        for (i, (inv, auto)) in export
            .invitations
            .into_iter()
            .zip(classifications)
            .enumerate()
        {
            let incoming =
                inv.direction == Direction::Incoming && inv.kind == InvitationType::Connection;
            // Without Connections.csv every sent request looks pending: none are listed.
            let sent = sent_known && is_pending_sent(&inv);
            if !incoming && !sent {
                continue;
            }
            if let Some(&rank) = cluster_of_inv.get(&i) {
                cluster_of_row.insert(rows.len(), rank);
            }
            let mut haystack = inv.counterpart_name().to_lowercase();
            haystack.push('\n');
            if let Some(n) = &inv.note {
                haystack.push_str(&n.to_lowercase());
            }
            rows.push(Row {
                name_key: invitriage::model::normalize_name(inv.counterpart_name()),
                key: inv.key(),
                inv,
                auto,
                haystack,
            });
        }
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, r) in rows.iter().enumerate() {
            by_key.entry(r.key.clone()).or_default().push(i);
        }
        let facts = rows
            .iter()
            .map(|r| RowFacts {
                connected: r.inv.relationship.connected,
                kind: r.auto.kind,
                class: r.auto.class,
                outgoing: r.inv.direction == Direction::Outgoing,
            })
            .collect();
        let sent_summary = match as_of {
            Some(d) => AgeSummary::of(
                rows.iter()
                    .filter(|r| r.inv.direction == Direction::Outgoing)
                    .map(|r| r.inv.sent_at.date_naive()),
                d,
            ),
            None => AgeSummary::default(),
        };
        let decided_earlier = rows
            .iter()
            .filter(|r| decisions.contains_key(&r.key))
            .count();
        let insight = Insight {
            monthly,
            as_of,
            sent_known,
            sent_summary,
            cluster_of_row,
            decided_earlier,
            ..Insight::default()
        };
        let mut s = State {
            facts,
            source: export.source,
            files: export.files,
            rows,
            by_key,
            decisions,
            overrides,
            saving: HashMap::new(),
            tab: Tab::Personal,
            sort: SortOrder::MostPersonal,
            kind_filter: None,
            show_connected: false,
            search: String::new(),
            marks: BTreeSet::new(),
            selected: 0,
            scroll: 0,
            detail_scroll: 0,
            mode: Mode::Normal,
            status: None,
            size,
            now,
            keymap,
            insight,
            only_new: false,
            cluster_filter: None,
            order: Vec::new(),
            visible: Vec::new(),
            matches: Vec::new(),
            counts: Counts::default(),
        };
        s.resort();
        // Open on the tab with work in it.
        if s.counts.personal == 0 && s.counts.boilerplate > 0 {
            s.tab = Tab::Boilerplate;
            s.refilter();
        }
        s
    }

    /// The class and kind in effect for a row ([`effective`]: the user's override wins).
    fn effective_of(&self, row: usize) -> (Class, Kind) {
        let r = &self.rows[row];
        effective(&r.auto, self.overrides.get(&r.key).copied())
    }

    /// The effective class of a row: the user's override, else the classifier's.
    pub fn class_of(&self, row: usize) -> Class {
        self.effective_of(row).0
    }

    /// The effective kind of a row, as the kind filter and `decide --kind` see it.
    pub fn kind_of(&self, row: usize) -> Kind {
        self.effective_of(row).1
    }

    /// True when the user's override differs from the classifier.
    pub fn is_overridden(&self, row: usize) -> bool {
        let r = &self.rows[row];
        self.overrides
            .get(&r.key)
            .is_some_and(|c| *c != r.auto.class)
    }

    pub fn decision_of(&self, row: usize) -> Option<&Decision> {
        self.decisions.get(&self.rows[row].key)
    }

    pub fn is_saving(&self, row: usize) -> bool {
        self.saving.contains_key(&self.rows[row].key)
    }

    /// Rows shown in the list, in order.
    pub fn visible(&self) -> &[usize] {
        &self.visible
    }

    /// Positions in [`State::visible`] matching the search.
    pub fn matches(&self) -> &[usize] {
        &self.matches
    }

    pub fn counts(&self) -> Counts {
        self.counts
    }

    /// The selected row index, if the list is not empty.
    pub fn selected_row(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    pub fn is_match(&self, row: usize) -> bool {
        !self.search.is_empty()
            && self.rows[row]
                .haystack
                .contains(&self.search.to_lowercase())
    }

    /// Which keymap layer receives keys now.
    pub fn context(&self) -> Context {
        match &self.mode {
            Mode::Normal => Context::Normal,
            Mode::Search => Context::Search,
            Mode::Profile { .. } => Context::Profile,
            Mode::Help { typing: true, .. } => Context::HelpSearch,
            Mode::Help { .. } => Context::Help,
            Mode::Confirm(_) => Context::Confirm,
            Mode::Overview { .. } => Context::Overview,
        }
    }

    /// Re-sort every row (on sort change), then refilter.
    pub(crate) fn resort(&mut self) {
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
                let cls: Vec<Class> = (0..rows.len()).map(|i| self.class_of(i)).collect();
                order.sort_by(|a, b| {
                    let rank = |i: usize| (cls[i] == Class::Personal, rows[i].auto.score);
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

    /// Recompute the visible list, the counts and the matches in one O(n) pass over the sorted
    /// order, keeping the selected row selected when it is still shown.
    pub(crate) fn refilter(&mut self) {
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
    pub(crate) fn rematch(&mut self) {
        self.matches.clear();
        if self.search.is_empty() {
            return;
        }
        let q = self.search.to_lowercase();
        for (pos, &i) in self.visible.iter().enumerate() {
            if self.rows[i].haystack.contains(&q) {
                self.matches.push(pos);
            }
        }
    }

    /// Rows of the list pane at the current size.
    pub fn list_height(&self) -> usize {
        let areas = super::view::layout(ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1));
        areas.list.height as usize
    }

    /// Keep the selection inside the list window.
    pub(crate) fn clamp_scroll(&mut self) {
        let h = self.list_height().max(1);
        let len = self.visible.len();
        if self.selected < self.scroll {
            self.scroll = self.selected;
        } else if self.selected >= self.scroll + h {
            self.scroll = self.selected + 1 - h;
        }
        // No empty space below the last row when the list could fill the pane.
        self.scroll = self.scroll.min(len.saturating_sub(h));
    }

    /// Other rows of the same person (same key or same name), for the profile popup.
    pub fn same_person(&self, row: usize) -> Vec<usize> {
        let r = &self.rows[row];
        let name = &r.name_key;
        let mut out: Vec<usize> = self
            .by_key
            .get(&r.key)
            .into_iter()
            .flatten()
            .copied()
            .chain(
                self.rows
                    .iter()
                    .enumerate()
                    .filter_map(|(i, o)| (o.name_key == *name).then_some(i)),
            )
            .filter(|i| *i != row)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

impl State {
    /// Every row's identity, for the store's first-sight record.
    pub fn row_keys(&self) -> Vec<String> {
        self.rows.iter().map(|r| r.key.clone()).collect()
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
        self.insight.new_keys.contains(&self.rows[row].key)
    }

    /// "12 new since 2026-10-03 · 240 decided earlier", or `None` on a first load with no
    /// earlier decisions.
    pub fn since_line(&self) -> Option<String> {
        let new = self
            .rows
            .iter()
            .filter(|r| self.insight.new_keys.contains(&r.key))
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
