//! The state while the export still loads: built from the export's first chunk of rows with
//! their classes pending (the classifier needs every note: clusters, word rarity), then rebuilt
//! in place when the whole classified export arrives, keeping what the user did meanwhile
//! (decisions, saves in flight, the search, the selected person). Pure, like the rest.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::super::action::{LoadProgress, Loaded};
use super::super::keymap::Keymap;
use super::{Classified, Mode, SortOrder, State, Status, Tab};
use invitriage::model::{Class, Classification, Export, Kind, Overrides};
use invitriage::store::Decision;

/// What the importer assumed (a missing column, dates a spreadsheet rewrote), for the status
/// line: the first warning, and how many more there are.
pub fn import_warning(export: &Export) -> Option<Status> {
    let first = export.warnings.first()?;
    let more = export.warnings.len() - 1;
    let more = if more > 0 {
        format!(" (and {more} more warnings: run `invitriage stats` to see them)")
    } else {
        String::new()
    };
    Some(Status {
        text: format!("warning: {first}{more}"),
        error: false,
    })
}

impl State {
    /// The state for the first rows of an export that is still loading: every incoming
    /// request among them listed in All, newest first, each row's class pending. Tabs, sorting
    /// and filters wait for the classes (`update` refuses them); moving, searching, opening a
    /// profile and deciding one row work on these rows as on any.
    pub fn pending(
        first: Export,
        decisions: HashMap<String, Decision>,
        overrides: Overrides,
        keymap: Keymap,
        now: DateTime<Utc>,
        size: (u16, u16),
    ) -> State {
        // Never shown: the view draws a pending row's class as pending.
        let unknown = Classification {
            class: Class::Boilerplate,
            kind: Kind::NoNote,
            score: 0,
            reasons: Vec::new(),
        };
        let n = first.invitations.len();
        let mut s = State::new(
            first,
            vec![unknown; n],
            decisions,
            overrides,
            keymap,
            now,
            size,
        );
        s.pending = Some(LoadProgress::default());
        s.tab = Tab::All;
        s.sort = SortOrder::Newest;
        s.resort();
        s
    }

    /// How far the load is while the rows' classes are pending; `None` once loaded.
    pub fn pending_load(&self) -> Option<LoadProgress> {
        self.pending
    }

    /// True while the export loads and the rows' classes are unknown.
    pub fn is_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// The loader read further, or started classifying (the bytes read are kept then).
    pub fn load_progress(&mut self, progress: LoadProgress) {
        match &mut self.pending {
            Some(p) if progress.classifying => p.classifying = true,
            Some(p) => *p = progress,
            None => {}
        }
    }

    /// The whole export arrived, classified: the rows, their classes, the tabs and the counts
    /// are the export's now (its saved view applied, as at a normal start). Kept from the
    /// pending state: decisions and overrides (with any made meanwhile), saves in flight, the
    /// search, what has the keyboard, and the selected person when the tab shown lists them
    /// (otherwise a profile open on them closes, rather than show someone else).
    pub fn finish_loading(&mut self, loaded: Loaded) {
        let Loaded {
            export,
            classes,
            near,
            view,
        } = loaded;
        let warning = import_warning(&export);
        let selected = self.selected_row().map(|r| self.key(r).to_string());
        let mut next = State::new(
            export,
            Classified { classes, near },
            std::mem::take(&mut self.decisions),
            std::mem::take(&mut self.overrides),
            self.keymap.clone(),
            self.now,
            self.size,
        );
        if let Some(v) = view {
            next.apply_view_settings(&v);
        }
        next.saving = std::mem::take(&mut self.saving);
        next.scroll_limits = self.scroll_limits;
        next.search = std::mem::take(&mut self.search);
        next.refilter();
        let kept = selected.and_then(|k| {
            next.key_rows(&k)
                .find_map(|r| next.visible.iter().position(|v| *v == r))
        });
        next.mode = match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Profile { .. } if kept.is_none() => Mode::Normal,
            // Nothing else needs classes or rows that move; bulk and the Overview are refused
            // while pending.
            m
            @ (Mode::Normal | Mode::Profile { .. } | Mode::Help { .. } | Mode::Palette { .. }) => m,
            Mode::Confirm(_) | Mode::Overview { .. } => Mode::Normal,
        };
        if let Some(p) = kept {
            next.select(p);
        }
        let c = next.counts;
        next.status = warning.or(Some(Status {
            text: format!(
                "Classified {}: {} personal, {} boilerplate; tabs, sorting and filters work now",
                super::invitations_phrase(next.rows.len(), next.rows.len()),
                c.personal,
                c.boilerplate
            ),
            error: false,
        }));
        *self = next;
    }
}
