//! What can happen to the app (`Action`) and what the app asks the outside world to do
//! (`Effect`). Pure data: no I/O.

use invitriage::classify::NearDuplicates;
use invitriage::model::{Class, Classification, Export};
use invitriage::store::{self, Decision, LoadSeen, NewEvent, StoreError};

/// Everything that can change the app state: user intents (from the keymap and the mouse) and
/// results the event loop feeds back after doing I/O.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Select the next row (or scroll the open popup down).
    MoveDown,
    /// Select the previous row (or scroll the open popup up).
    MoveUp,
    /// Jump to the first row.
    Top,
    /// Jump to the last row.
    Bottom,
    /// Move down by one screenful.
    PageDown,
    /// Move up by one screenful.
    PageUp,
    /// Show the next tab (Personal, Boilerplate, Decided, All).
    NextTab,
    /// Show the previous tab.
    PrevTab,
    /// Accept the selected invitation, then move to the next undecided one.
    Accept,
    /// Ignore the selected invitation, then move to the next undecided one.
    Ignore,
    /// Mark the selected request the user sent to be withdrawn (Sent tab).
    Withdraw,
    /// Ask to mark every marked request (or the whole Sent view) to be withdrawn.
    WithdrawAll,
    /// Show only invitations new since the last load, or everything again.
    ToggleNewOnly,
    /// Open or close the Overview screen.
    ToggleOverview,
    /// Filter the list to the template cluster selected on the Overview.
    FilterCluster,
    /// Open the profile summary popup of the selected sender.
    OpenProfile,
    /// Revert the last decision event through the store's log.
    Undo,
    /// Re-apply the last undone event.
    Redo,
    /// Mark or unmark the selected invitation for a bulk decision.
    ToggleMark,
    /// Ask to accept every marked invitation (or the whole filtered view).
    AcceptAll,
    /// Ask to ignore every marked invitation (or the whole filtered view).
    IgnoreAll,
    /// Confirm the open confirmation dialog.
    Confirm,
    /// Close the open popup, dialog or search.
    Cancel,
    /// Flip the selected invitation between personal and boilerplate (saved as an override).
    Reclassify,
    /// Start typing a search (over names and notes, or over the help when help is open).
    SearchStart,
    /// Add a character to the search being typed.
    SearchInput(char),
    /// Delete the last character of the search being typed.
    SearchBackspace,
    /// Stop typing and keep the search.
    SearchSubmit,
    /// Clear the search.
    SearchClear,
    /// Jump to the next search match.
    NextMatch,
    /// Jump to the previous search match.
    PrevMatch,
    /// Cycle the kind filter: all, no_note, default, generic, template, personal.
    FilterKind,
    /// Cycle the sort order: newest, oldest, most personal, name.
    CycleSort,
    /// Open the selected sender's profile in the browser.
    OpenInBrowser,
    /// Copy the selected sender's LinkedIn profile URL to the clipboard.
    CopyProfileUrl,
    /// The loop copied this URL to the clipboard, by this means.
    Copied { url: String, how: String },
    /// The loop could not copy this URL.
    CopyFailed { url: String, error: String },
    /// Open LinkedIn's invitation manager in the browser.
    OpenInvitationManager,
    /// Show or hide invitations from people already connected.
    ToggleConnected,
    /// Scroll the detail pane down.
    DetailDown,
    /// Scroll the detail pane up.
    DetailUp,
    /// Open the command palette: every action, searchable, run with enter.
    OpenPalette,
    /// Open or close the help.
    Help,
    /// Leave the app.
    Quit,
    /// A mouse click at a cell of the list.
    Click { column: u16, row: u16 },
    /// A click on a tab of the header (the loop finds which tab is under the mouse).
    SelectTab(super::tab::Tab),
    /// A mouse wheel turn at a cell.
    Wheel { down: bool, column: u16, row: u16 },
    /// How far the scrollable panes can scroll now (measured by the view after drawing; the
    /// loop sends it when it changes, e.g. after a resize or a new selection).
    ScrollLimits(ScrollLimits),
    /// The terminal has a new size.
    Resize { width: u16, height: u16 },
    /// The loop committed these events to the store.
    Persisted(Vec<NewEvent>),
    /// The loop could not commit these events; nothing changed.
    PersistFailed {
        events: Vec<NewEvent>,
        error: StoreError,
    },
    /// The loop ran an undo or redo through the store.
    HistoryApplied(HistoryOutcome),
    /// Undo or redo failed in the store.
    HistoryFailed { redo: bool, error: StoreError },
    /// The browser could not be started.
    BrowserFailed { url: String, error: String },
    /// Another process holds the store's write lock; saving waits (up to `wait_secs`).
    StoreBusy { path: String, wait_secs: u64 },
    /// The loader read further into the export, or started classifying it.
    LoadProgress(LoadProgress),
    /// The whole export, classified: the rows' classes, the tabs and the counts fill in.
    Loaded(Box<Loaded>),
    /// The store recorded which invitations this load shows for the first time.
    Seen(Result<LoadSeen, StoreError>),
}

/// How far a load in progress is: bytes read of the total (0 when unknown, as for a pipe),
/// then classifying.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadProgress {
    pub done: u64,
    pub total: u64,
    pub classifying: bool,
}

/// A finished load: the export, the classifier's verdicts (in export order, no overrides)
/// with its near-identical notes, and how this export was last viewed (the store's JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub export: Export,
    pub classes: Vec<Classification>,
    pub near: NearDuplicates,
    pub view: Option<String>,
}

/// What an undo or redo did, with the store's resulting state for the subjects it touched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryOutcome {
    pub redo: bool,
    /// What was reverted or re-applied; `None` when there was nothing to undo (or redo).
    pub change: Option<store::Change>,
    /// The decision now in effect for every subject of a decision change.
    pub decisions: Vec<(String, Option<Decision>)>,
    /// The override now in effect for every subject of a reclassification.
    pub overrides: Vec<(String, Option<Class>)>,
}

/// What `update` asks the event loop to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Record these events in the store as one undo group, then feed back
    /// [`Action::Persisted`] or [`Action::PersistFailed`].
    Persist(Vec<NewEvent>),
    /// Undo the last event group, then feed back [`Action::HistoryApplied`].
    Undo,
    /// Redo the last undone group, then feed back [`Action::HistoryApplied`].
    Redo,
    /// Put this LinkedIn profile URL on the clipboard (never sender text), then feed back
    /// [`Action::Copied`] or [`Action::CopyFailed`].
    Copy(String),
    /// Open this URL in the browser without blocking.
    OpenUrl(String),
    /// Record that the export of `source` was loaded with these row keys (what is new since
    /// the last load), then feed back [`Action::Seen`].
    RecordLoad { keys: Vec<String>, source: String },
    /// Restore the terminal and exit.
    Quit,
}

/// The furthest each scrollable pane can scroll: lines of content beyond its height.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScrollLimits {
    pub detail: u16,
    /// The open popup (profile or help).
    pub popup: u16,
}

impl Default for ScrollLimits {
    /// Unmeasured: no limit yet (the view still never draws past the end).
    fn default() -> Self {
        ScrollLimits {
            detail: u16::MAX,
            popup: u16::MAX,
        }
    }
}
