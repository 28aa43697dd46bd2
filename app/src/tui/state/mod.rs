//! The app state and the views derived from it. Pure: no I/O, no clock.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};

use super::input::{Edit, TextInput};
use super::keymap::{Context, Keymap};
use super::layout::{self, Areas};
pub use super::tab::Tab;
use invitriage::insight::monthly::{Monthly, monthly};
use invitriage::insight::sent::{AgeSummary, is_pending_sent};
use invitriage::insight::{export_date, has_connections};
use invitriage::model::{
    Class, Classification, Direction, Export, Invitation, InvitationType, Invitations, Kind,
    Overrides, effective,
};
use invitriage::store::{self, Decision, NewEvent};

mod filter;
mod insight;
mod near;
mod pending;
mod texts;
mod view;

pub use filter::{SortOrder, kind_label, next_kind_filter};
pub use near::Classified;
pub use pending::import_warning;

/// "3 invitations", or "3 invitations from 2 people" when some people sent more than one (a
/// decision is about a person, so it covers each of their invitations).
pub fn invitations_phrase(invitations: usize, people: usize) -> String {
    let inv = format!(
        "{invitations} invitation{}",
        if invitations == 1 { "" } else { "s" }
    );
    if invitations == people {
        inv
    } else {
        format!(
            "{inv} from {people} {}",
            if people == 1 { "person" } else { "people" }
        )
    }
}

/// One invitation the user can triage. The invitation itself stays in the export's table:
/// read it with [`State::inv`] or [`State::row`].
#[derive(Debug, Clone)]
pub struct Row {
    /// Index in the export's [`Invitations`].
    index: u32,
    /// The classifier's own answer, without the user's override.
    pub auto: Classification,
}

/// Append `s` lowercased as [`str::to_lowercase`] does, without a String of its own when it
/// is ASCII (most names and notes).
fn lowercase_into(out: &mut String, s: &str) {
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        out[start..].make_ascii_lowercase();
    } else {
        out.push_str(&s.to_lowercase());
    }
}

/// A row and its invitation, as [`State::row`] gives it.
#[derive(Debug, Clone, Copy)]
pub struct RowRef<'a> {
    pub inv: Invitation<'a>,
    pub key: &'a str,
    /// The classifier's own answer, without the user's override.
    pub auto: &'a Classification,
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
    /// For sorting by date without reading the invitation.
    sent_at: DateTime<Utc>,
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
    /// The list (or, while [`State::search`] is typing, the list search).
    Normal,
    Profile {
        scroll: u16,
    },
    Help {
        /// The filter over the help, typed like the list search.
        query: TextInput,
        scroll: u16,
    },
    Confirm(BulkConfirm),
    /// The Overview screen; `cluster` is the selected template cluster (0-based).
    Overview {
        cluster: usize,
    },
    /// The command palette: every list action, filtered by what is typed.
    Palette {
        query: TextInput,
        /// Position in [`super::keymap::Keymap::palette`] for the query.
        selected: usize,
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

/// The whole app state. Everything the derived lists (sort order, visible rows, counts,
/// matches, selection window) depend on is private and changed only through methods that keep
/// those lists right. The public fields feed nothing derived: `update` sets them directly.
#[derive(Debug, Clone)]
pub struct State {
    /// What has the keyboard.
    pub mode: Mode,
    pub status: Option<Status>,
    /// How far the detail pane is scrolled (reset when the selection moves).
    pub detail_scroll: u16,
    /// How far the detail pane and the popup can scroll, as last measured by the view;
    /// `update` keeps every offset within them.
    pub scroll_limits: super::action::ScrollLimits,
    /// The time of the last action, for relative ages.
    pub now: DateTime<Utc>,
    /// What the header names: the path or `demo`.
    source: String,
    /// The files the export was read from (to tell "none found" from "file absent").
    files: Vec<String>,
    /// The export's invitations, every one (rows point into it).
    invitations: Invitations,
    rows: Vec<Row>,
    /// Each row's [`Invitation::key`].
    keys: texts::Texts,
    /// Each row's lowercased name and note, for search.
    haystacks: texts::Texts,
    /// Each row's [`invitriage::model::normalize_name`] of the sender, for sorting and
    /// same-person lookups.
    name_keys: texts::Texts,
    /// Rows by key, for other invitations from the same person and store feedback.
    by_key: texts::TextIndex,
    decisions: HashMap<String, Decision>,
    overrides: Overrides,
    /// Near-identical notes, and which follow a note the user reclassified.
    near: near::Near,
    /// Events sent to the store and not yet acknowledged, by key.
    saving: HashMap<String, NewEvent>,
    tab: Tab,
    sort: SortOrder,
    kind_filter: Option<Kind>,
    show_connected: bool,
    search: TextInput,
    /// Marked row indices.
    marks: BTreeSet<usize>,
    /// Position of the selection in `visible`.
    selected: usize,
    /// First visible position of the list.
    scroll: usize,
    /// Terminal size (columns, rows).
    size: (u16, u16),
    /// Where the regions are at `size`, kept up to date by [`State::resize`].
    areas: Areas,
    keymap: Keymap,
    insight: Insight,
    /// Show only rows new since the last load.
    only_new: bool,
    /// Show only the rows of this template cluster (its rank).
    cluster_filter: Option<usize>,
    facts: Vec<RowFacts>,
    /// Rows sorted by `sort` (all of them).
    order: Vec<usize>,
    /// Rows shown in the list, in order.
    visible: Vec<usize>,
    /// Positions in `visible` that match the search.
    matches: Vec<usize>,
    counts: Counts,
    /// Where each tab was left, for coming back to it.
    places: HashMap<Tab, TabPlace>,
    /// While the export still loads: the rows are its first chunk, their classes unknown.
    pending: Option<super::action::LoadProgress>,
}

/// Where a tab was left: the selected row, its position, the list scroll.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct TabPlace {
    row: Option<usize>,
    pos: usize,
    scroll: usize,
}

impl State {
    /// Build the state for an export and its classifications (same order as the
    /// invitations) with, where given, its near-identical notes (see [`Classified`]). Only
    /// incoming connection requests are triaged.
    pub fn new(
        export: Export,
        classified: impl Into<Classified>,
        decisions: HashMap<String, Decision>,
        overrides: Overrides,
        keymap: Keymap,
        now: DateTime<Utc>,
        size: (u16, u16),
    ) -> State {
        let Classified {
            classes: classifications,
            near,
        } = classified.into();
        let (mut near, near_slots) = near::Near::new(&export, &near);
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
        let mut keys = texts::Texts::default();
        let mut haystacks = texts::Texts::default();
        let mut name_keys = texts::Texts::default();
        let mut haystack = String::new();
        for (i, (inv, auto)) in export.invitations.iter().zip(classifications).enumerate() {
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
            if let Some(&slot) = near_slots.get(&i) {
                near.place(slot, rows.len());
            }
            haystack.clear();
            lowercase_into(&mut haystack, inv.counterpart_name());
            haystack.push('\n');
            if let Some(n) = inv.note {
                lowercase_into(&mut haystack, n);
            }
            haystacks.push(&haystack);
            name_keys.push(&invitriage::model::normalize_name(inv.counterpart_name()));
            keys.push(&inv.key());
            rows.push(Row {
                // The table holds at most u32::MAX rows.
                index: i as u32,
                auto,
            });
        }
        for t in [&mut keys, &mut haystacks, &mut name_keys] {
            t.shrink();
        }
        let by_key = texts::TextIndex::new(&keys, rows.len());
        let inv = |r: &Row| export.invitations.at(r.index as usize);
        let facts = rows
            .iter()
            .map(|r| RowFacts {
                connected: inv(r).relationship.connected,
                kind: r.auto.kind,
                class: r.auto.class,
                outgoing: inv(r).direction == Direction::Outgoing,
                sent_at: inv(r).sent_at,
            })
            .collect();
        let sent_summary = match as_of {
            Some(d) => AgeSummary::of(
                rows.iter()
                    .map(inv)
                    .filter(|i| i.direction == Direction::Outgoing)
                    .map(|i| i.sent_at.date_naive()),
                d,
            ),
            None => AgeSummary::default(),
        };
        let decided_earlier = rows
            .iter()
            .enumerate()
            .filter(|(i, _)| decisions.contains_key(keys.get(*i)))
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
        near.follow_all(&overrides);
        let mut s = State {
            near,
            facts,
            source: export.source,
            files: export.files,
            invitations: export.invitations,
            rows,
            keys,
            haystacks,
            name_keys,
            by_key,
            decisions,
            overrides,
            saving: HashMap::new(),
            tab: Tab::Personal,
            sort: SortOrder::MostPersonal,
            kind_filter: None,
            show_connected: false,
            search: TextInput::default(),
            marks: BTreeSet::new(),
            selected: 0,
            scroll: 0,
            detail_scroll: 0,
            scroll_limits: Default::default(),
            mode: Mode::Normal,
            status: None,
            size,
            areas: layout::layout(ratatui::layout::Rect::new(0, 0, size.0, size.1)),
            now,
            keymap,
            insight,
            only_new: false,
            cluster_filter: None,
            order: Vec::new(),
            visible: Vec::new(),
            matches: Vec::new(),
            counts: Counts::default(),
            places: HashMap::new(),
            pending: None,
        };
        s.resort();
        // Open on the tab with work in it.
        if s.counts.personal == 0 && s.counts.boilerplate > 0 {
            s.tab = Tab::Boilerplate;
            s.refilter();
        }
        s
    }

    /// What the header names: the path or `demo`.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The files the export was read from.
    pub fn files(&self) -> &[String] {
        &self.files
    }

    /// Every triaged row, in export order; row indices point here.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The invitation of a row, borrowed from the export's table.
    pub fn inv(&self, row: usize) -> Invitation<'_> {
        self.invitations.at(self.rows[row].index as usize)
    }

    /// A row with its invitation.
    pub fn row(&self, row: usize) -> RowRef<'_> {
        let r = &self.rows[row];
        RowRef {
            inv: self.invitations.at(r.index as usize),
            key: self.keys.get(row),
            auto: &r.auto,
        }
    }

    /// The rows of one invitation key (the same sender may appear twice in an export).
    pub fn rows_of_key(&self, key: &str) -> Vec<usize> {
        self.key_rows(key).collect()
    }

    /// [`State::rows_of_key`] without collecting.
    fn key_rows<'a>(&'a self, key: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.by_key.rows(&self.keys, key)
    }

    /// The [`Invitation::key`] of a row: the person a decision is about.
    pub fn key(&self, row: usize) -> &str {
        self.keys.get(row)
    }

    /// The distinct people (keys) among `rows`, in order, and how many invitations a decision
    /// about them covers (every invitation of each person, shown or not).
    pub fn people_of(&self, rows: &[usize]) -> (Vec<usize>, usize) {
        let mut seen = std::collections::HashSet::new();
        let people: Vec<usize> = rows
            .iter()
            .copied()
            .filter(|r| *r < self.rows.len() && seen.insert(self.key(*r)))
            .collect();
        let invitations = people
            .iter()
            .map(|r| self.key_rows(self.key(*r)).count().max(1))
            .sum();
        (people, invitations)
    }

    /// The decisions in effect, by invitation key.
    pub fn decisions(&self) -> &HashMap<String, Decision> {
        &self.decisions
    }

    /// True while some events wait for the store's acknowledgement.
    pub fn is_saving_any(&self) -> bool {
        !self.saving.is_empty()
    }

    pub fn tab(&self) -> Tab {
        self.tab
    }

    pub fn sort(&self) -> SortOrder {
        self.sort
    }

    pub fn kind_filter(&self) -> Option<Kind> {
        self.kind_filter
    }

    pub fn show_connected(&self) -> bool {
        self.show_connected
    }

    /// The list search (its text, and whether it is being typed).
    pub fn search(&self) -> &TextInput {
        &self.search
    }

    /// Marked row indices.
    pub fn marks(&self) -> &BTreeSet<usize> {
        &self.marks
    }

    /// Position of the selection in [`State::visible`].
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// First visible position of the list.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// Terminal size (columns, rows).
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// Show `tab`, back where it was left: each tab remembers its selected row (or, when that
    /// row has left the tab, its position) and its scroll, like lazygit's panels.
    pub fn set_tab(&mut self, tab: Tab) {
        if tab == self.tab {
            self.refilter_keep_or_top();
            return;
        }
        self.places.insert(
            self.tab,
            TabPlace {
                row: self.selected_row(),
                pos: self.selected,
                scroll: self.scroll,
            },
        );
        self.tab = tab;
        self.refilter();
        let place = self.places.get(&tab).copied().unwrap_or_default();
        let last = self.visible.len().saturating_sub(1);
        self.selected = place
            .row
            .and_then(|r| self.visible.iter().position(|v| *v == r))
            .unwrap_or(place.pos)
            .min(last);
        self.scroll = place.scroll;
        self.detail_scroll = 0;
        self.clamp_scroll();
    }

    /// The next kind filter of the `f` cycle.
    pub fn cycle_kind_filter(&mut self) {
        self.kind_filter = next_kind_filter(self.kind_filter);
        self.refilter_keep_or_top();
    }

    /// Show or hide invitations from people already connected.
    pub fn toggle_connected(&mut self) {
        self.show_connected = !self.show_connected;
        self.refilter_keep_or_top();
    }

    /// The next sort order of the `s` cycle.
    pub fn cycle_sort(&mut self) {
        self.sort = self.sort.next();
        self.resort();
    }

    /// Apply a search action to the list search and update the matches; `None` when the
    /// action does not edit the search.
    pub fn edit_search(&mut self, action: &super::action::Action) -> Option<Edit> {
        let edit = self.search.apply(action)?;
        self.rematch();
        Some(edit)
    }

    /// Stop typing the list search, keeping its text.
    pub fn stop_search_typing(&mut self) {
        self.search.stop_typing();
    }

    /// Mark `row`, or unmark it when marked.
    pub fn toggle_mark(&mut self, row: usize) {
        if !self.marks.remove(&row) {
            self.marks.insert(row);
        }
    }

    pub fn clear_marks(&mut self) {
        self.marks.clear();
    }

    /// Select position `pos` of the visible list (clamped), scrolling it into view; the detail
    /// pane goes back to its top when the selection moves.
    pub fn select(&mut self, pos: usize) {
        let pos = pos.min(self.visible.len().saturating_sub(1));
        if pos != self.selected {
            self.detail_scroll = 0;
        }
        self.selected = pos;
        self.clamp_scroll();
    }

    /// Events sent to the store: shown as saving until it answers.
    pub fn start_saving(&mut self, events: &[NewEvent]) {
        for ev in events {
            self.saving.insert(ev.subject.key.clone(), ev.clone());
        }
    }

    /// The store answered for `events` (durable or failed): no longer saving, unless a newer
    /// event for the same key was sent since.
    fn stop_saving(&mut self, events: &[NewEvent]) {
        for ev in events {
            if self.saving.get(&ev.subject.key) == Some(ev) {
                self.saving.remove(&ev.subject.key);
            }
        }
    }

    /// The store could not commit `events`: nothing changed but the saving marks.
    pub fn save_failed(&mut self, events: &[NewEvent]) {
        self.stop_saving(events);
    }

    /// The store committed `events`: they are decisions and overrides now.
    pub fn saved(&mut self, events: &[NewEvent]) {
        self.stop_saving(events);
        let mut reclassified = false;
        for ev in events {
            match ev.action {
                store::Action::Decide(verdict) => {
                    // What the store's replay derives for this event.
                    let decision = Decision {
                        key: ev.subject.key.clone(),
                        name: ev.subject.name.clone(),
                        profile_url: ev.subject.profile_url.clone(),
                        verdict,
                        decided_at: ev.at,
                        class: self.overrides.get(&ev.subject.key).copied().or(ev.class),
                        export: ev.export.clone(),
                    };
                    self.decisions.insert(ev.subject.key.clone(), decision);
                }
                store::Action::Reclassify(class) => {
                    self.overrides.insert(ev.subject.key.clone(), class);
                    reclassified = true;
                }
            }
        }
        if reclassified {
            let keys = events
                .iter()
                .filter(|e| matches!(e.action, store::Action::Reclassify(_)))
                .map(|e| e.subject.key.as_str());
            self.near.follow_keys(keys, &self.overrides);
            self.resort();
        } else {
            self.refilter();
        }
    }

    /// An undo or redo changed these subjects: take the store's state for them.
    pub fn history_changed(
        &mut self,
        decisions: Vec<(String, Option<Decision>)>,
        overrides: Vec<(String, Option<Class>)>,
    ) {
        for (key, d) in decisions {
            match d {
                Some(d) => self.decisions.insert(key, d),
                None => self.decisions.remove(&key),
            };
        }
        let reclassified = !overrides.is_empty();
        for (key, c) in &overrides {
            match c {
                Some(c) => self.overrides.insert(key.clone(), *c),
                None => self.overrides.remove(key),
            };
        }
        if reclassified {
            self.near
                .follow_keys(overrides.iter().map(|(k, _)| k.as_str()), &self.overrides);
            self.resort();
        } else {
            self.refilter();
        }
    }

    /// The class and kind in effect for a row ([`effective`]: the user's override wins, then
    /// the override of a near-identical note, as `classify_export` applies them).
    fn effective_of(&self, row: usize) -> (Class, Kind) {
        let r = &self.rows[row];
        let user = self.overrides.get(self.key(row)).copied();
        effective(
            &r.auto,
            user.or_else(|| self.near.followed(row).map(|f| f.0)),
        )
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
            .get(self.key(row))
            .is_some_and(|c| *c != r.auto.class)
    }

    /// The class of the near-identical note the user reclassified that this row follows, and
    /// whose note that was (`classify` gives the row the reason "You marked a near-identical
    /// note …" then, even when the class is the classifier's own).
    pub fn followed(&self, row: usize) -> Option<(Class, &str)> {
        self.near.followed(row)
    }

    /// [`State::followed`], when that moved the row to the other class.
    pub fn moved_with(&self, row: usize) -> Option<(Class, &str)> {
        self.followed(row)
            .filter(|(c, _)| *c != self.rows[row].auto.class)
    }

    /// True when the user's reclassification, of this note or of a near-identical one, moved
    /// the row to the other class.
    pub fn is_reclassified(&self, row: usize) -> bool {
        self.is_overridden(row) || self.moved_with(row).is_some()
    }

    /// True when the user's class applies to the row (its own override or a near-identical
    /// note's), whatever the classifier said: the classifier is then never "unsure" of it, as
    /// `classify::is_unsure` sees it.
    pub fn has_user_class(&self, row: usize) -> bool {
        self.overrides.contains_key(self.key(row)) || self.near.followed(row).is_some()
    }

    /// The other rows whose notes are near-identical to `row`'s (they follow its
    /// reclassification).
    pub fn near_identical(&self, row: usize) -> Vec<usize> {
        self.near.others(row)
    }

    pub fn decision_of(&self, row: usize) -> Option<&Decision> {
        self.decisions.get(self.key(row))
    }

    pub fn is_saving(&self, row: usize) -> bool {
        self.saving.contains_key(self.key(row))
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
            && self
                .haystacks
                .get(row)
                .contains(&self.search.text().to_lowercase())
    }

    /// Which keymap layer receives keys now.
    pub fn context(&self) -> Context {
        match &self.mode {
            Mode::Normal if self.search.is_typing() => Context::Search,
            Mode::Normal => Context::Normal,
            Mode::Profile { .. } => Context::Profile,
            Mode::Help { query, .. } if query.is_typing() => Context::HelpSearch,
            Mode::Help { .. } => Context::Help,
            Mode::Confirm(_) => Context::Confirm,
            Mode::Overview { .. } => Context::Overview,
            Mode::Palette { .. } => Context::Palette,
        }
    }

    /// The terminal has a new size: lay the screen out again and keep the selection in view.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        self.areas = layout::layout(ratatui::layout::Rect::new(0, 0, width, height));
        self.clamp_scroll();
    }

    /// Where each region of the screen is at the current size.
    pub fn areas(&self) -> &Areas {
        &self.areas
    }

    /// Rows of the list pane at the current size.
    pub fn list_height(&self) -> usize {
        self.areas.list.height as usize
    }

    /// Lines a big popup (profile, help) shows at once at the current size.
    pub fn popup_height(&self) -> u16 {
        layout::popup_height(self.size)
    }

    /// Keep the selection inside the list window.
    fn clamp_scroll(&mut self) {
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
        let name = self.name_keys.get(row);
        let mut out: Vec<usize> = self
            .key_rows(self.key(row))
            .chain((0..self.rows.len()).filter(|&i| self.name_keys.get(i) == name))
            .filter(|i| *i != row)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}
