//! The keymap as one data table. Dispatch, the footer hints, the `?` help, docs/KEYMAP.md and
//! the `[keys]` section of the default config file are all generated from [`BINDINGS`].
//! Pure: no I/O.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;

/// Where a binding applies. The topmost layer (a popup or a search being typed) receives keys
/// first; [`Context::Global`] bindings apply everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Global,
    Normal,
    Search,
    Profile,
    Help,
    HelpSearch,
    Confirm,
    Overview,
    Palette,
}

impl Context {
    pub const ALL: [Context; 9] = [
        Context::Global,
        Context::Normal,
        Context::Search,
        Context::Profile,
        Context::Help,
        Context::HelpSearch,
        Context::Confirm,
        Context::Overview,
        Context::Palette,
    ];

    /// The config file section name (`[keys.<name>]`).
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Normal => "normal",
            Context::Search => "search",
            Context::Profile => "profile",
            Context::Help => "help",
            Context::HelpSearch => "help_search",
            Context::Confirm => "confirm",
            Context::Overview => "overview",
            Context::Palette => "palette",
        }
    }

    /// A heading for people.
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Normal => "Invitation list",
            Context::Search => "Typing a search",
            Context::Profile => "Profile popup",
            Context::Help => "Help",
            Context::HelpSearch => "Typing a help search",
            Context::Confirm => "Confirmation dialog",
            Context::Overview => "Overview screen",
            Context::Palette => "Command palette",
        }
    }

    pub fn parse(s: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == s)
    }

    /// Contexts where unbound printable keys are typed into a search.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Context::Search | Context::HelpSearch | Context::Palette
        )
    }
}

/// One row of the keymap table.
#[derive(Debug, Clone)]
pub struct Binding {
    pub context: Context,
    /// The action's config name, unique within its context.
    pub name: &'static str,
    pub action: Action,
    /// Default keys, in config spelling (see [`KeySpec::parse`]).
    pub keys: &'static [&'static str],
    /// Short label for the footer; `None` keeps it out of the footer (it is still in help).
    pub hint: Option<&'static str>,
    /// What it does, for help, docs and the config file.
    pub help: &'static str,
    pub group: &'static str,
}

const fn b(
    context: Context,
    name: &'static str,
    action: Action,
    keys: &'static [&'static str],
    hint: Option<&'static str>,
    help: &'static str,
    group: &'static str,
) -> Binding {
    Binding {
        context,
        name,
        action,
        keys,
        hint,
        help,
        group,
    }
}

use Context::*;

/// The one table. Order is the order of footer hints and of help.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    b(Global, "quit", Action::Quit, &["ctrl-c"], None, "Quit at once, from anywhere", "App"),
    // The list. Help first, so its hint survives narrow footers.
    b(Normal, "help", Action::Help, &["?"], Some("help"), "Every key, searchable", "App"),
    b(Normal, "palette", Action::OpenPalette, &[":", "ctrl-p"], Some("commands"), "Command palette: every action, searchable; enter runs it", "App"),
    b(Normal, "accept", Action::Accept, &["a"], Some("accept"), "Accept the selected invitation, then move to the next undecided one", "Decide"),
    b(Normal, "ignore", Action::Ignore, &["i"], Some("ignore"), "Ignore the selected invitation, then move to the next undecided one", "Decide"),
    b(Normal, "profile", Action::OpenProfile, &["p", "enter"], Some("profile"), "Profile summary: everything the export knows about the sender", "Read"),
    b(Normal, "undo", Action::Undo, &["u"], Some("undo"), "Undo the last decision or reclassification (from the saved log)", "Decide"),
    b(Normal, "redo", Action::Redo, &["ctrl-r"], None, "Redo what was undone", "Decide"),
    b(Normal, "toggle_mark", Action::ToggleMark, &["space"], Some("mark"), "Mark or unmark the selected invitation for a bulk decision", "Bulk"),
    b(Normal, "accept_all", Action::AcceptAll, &["A"], None, "Accept all marked (or, with none marked, everything in the view), after confirmation", "Bulk"),
    b(Normal, "ignore_all", Action::IgnoreAll, &["I"], None, "Ignore all marked (or, with none marked, everything in the view), after confirmation", "Bulk"),
    b(Normal, "search", Action::SearchStart, &["/"], Some("search"), "Search names and notes as you type", "Find"),
    b(Normal, "next_tab", Action::NextTab, &["tab"], Some("next tab"), "Next tab: Personal, Boilerplate, Decided, All, Sent", "Find"),
    b(Normal, "prev_tab", Action::PrevTab, &["shift-tab"], None, "Previous tab", "Find"),
    b(Normal, "quit", Action::Quit, &["q"], Some("quit"), "Quit (every decision is already saved)", "App"),
    b(Normal, "move_down", Action::MoveDown, &["j", "down"], None, "Select the next invitation", "Move"),
    b(Normal, "move_up", Action::MoveUp, &["k", "up"], None, "Select the previous invitation", "Move"),
    b(Normal, "top", Action::Top, &["g", "home"], None, "Jump to the first invitation", "Move"),
    b(Normal, "bottom", Action::Bottom, &["G", "end"], None, "Jump to the last invitation", "Move"),
    b(Normal, "page_down", Action::PageDown, &["pgdn", "ctrl-d"], None, "Down one screen", "Move"),
    b(Normal, "page_up", Action::PageUp, &["pgup", "ctrl-u"], None, "Up one screen", "Move"),
    b(Normal, "detail_down", Action::DetailDown, &["J"], None, "Scroll the detail pane down", "Read"),
    b(Normal, "detail_up", Action::DetailUp, &["K"], None, "Scroll the detail pane up", "Read"),
    b(Normal, "reclassify", Action::Reclassify, &["r"], None, "Reclassify: personal <-> boilerplate, and near-identical notes with it (saved)", "Decide"),
    b(Normal, "next_match", Action::NextMatch, &["n"], None, "Next search match", "Find"),
    b(Normal, "prev_match", Action::PrevMatch, &["N"], None, "Previous search match", "Find"),
    b(Normal, "clear", Action::SearchClear, &["esc"], None, "Clear the search", "Find"),
    b(Normal, "filter_kind", Action::FilterKind, &["f"], None, "Filter by kind: all, no_note, default, generic, template, personal (the kinds of `classify`)", "Find"),
    b(Normal, "cycle_sort", Action::CycleSort, &["s"], None, "Sort: newest, oldest, most personal, name", "Find"),
    b(Normal, "toggle_connected", Action::ToggleConnected, &["c"], None, "Show or hide invitations from people you are already connected to", "Find"),
    b(Normal, "open_profile_url", Action::OpenInBrowser, &["o"], None, "Open the sender's LinkedIn profile in the browser", "LinkedIn"),
    b(Normal, "open_invitation_manager", Action::OpenInvitationManager, &["O"], None, "Open LinkedIn's invitation manager in the browser (on the Sent tab: its sent-invitations page)", "LinkedIn"),
    b(Normal, "copy_profile_url", Action::CopyProfileUrl, &["y"], None, "Copy the sender's LinkedIn profile URL (system clipboard; OSC 52 where the terminal takes it)", "LinkedIn"),
    b(Normal, "withdraw", Action::Withdraw, &["w"], None, "Sent tab: mark the selected request to withdraw (undo reverts it)", "Sent"),
    b(Normal, "withdraw_all", Action::WithdrawAll, &["W"], None, "Sent tab: mark all marked (or, with none marked, every request in the view) to withdraw, after confirmation", "Sent"),
    b(Normal, "only_new", Action::ToggleNewOnly, &["*"], None, "Show only invitations new since the last load, or everything again", "Find"),
    b(Normal, "overview", Action::ToggleOverview, &["v"], Some("overview"), "Overview: charts per month, acceptance, template clusters", "Read"),
    // Typing a search.
    b(Search, "submit", Action::SearchSubmit, &["enter"], Some("keep"), "Stop typing, keep the search (n/N jump between matches)", "Find"),
    b(Search, "clear", Action::SearchClear, &["esc"], Some("clear"), "Clear the search", "Find"),
    b(Search, "backspace", Action::SearchBackspace, &["backspace"], None, "Delete the last character", "Find"),
    b(Search, "next_match", Action::NextMatch, &["down", "ctrl-n"], Some("next"), "Next match", "Find"),
    b(Search, "prev_match", Action::PrevMatch, &["up", "ctrl-p"], Some("previous"), "Previous match", "Find"),
    // Profile popup.
    b(Profile, "close", Action::Cancel, &["esc", "q", "p", "enter"], Some("close"), "Close the popup", "Read"),
    b(Profile, "accept", Action::Accept, &["a"], Some("accept"), "Accept, close the popup and move to the next undecided one", "Decide"),
    b(Profile, "ignore", Action::Ignore, &["i"], Some("ignore"), "Ignore, close the popup and move to the next undecided one", "Decide"),
    b(Profile, "open_profile_url", Action::OpenInBrowser, &["o"], Some("open in browser"), "Open the profile in the browser", "LinkedIn"),
    b(Profile, "copy_profile_url", Action::CopyProfileUrl, &["y"], None, "Copy the profile URL", "LinkedIn"),
    b(Profile, "scroll_down", Action::MoveDown, &["j", "down"], Some("scroll"), "Scroll down", "Move"),
    b(Profile, "scroll_up", Action::MoveUp, &["k", "up"], None, "Scroll up", "Move"),
    // Help.
    b(Help, "close", Action::Cancel, &["esc", "q", "?"], Some("close"), "Close help", "App"),
    b(Help, "search", Action::SearchStart, &["/"], Some("search"), "Search the help", "Find"),
    b(Help, "scroll_down", Action::MoveDown, &["j", "down"], Some("scroll"), "Scroll down", "Move"),
    b(Help, "scroll_up", Action::MoveUp, &["k", "up"], None, "Scroll up", "Move"),
    b(Help, "page_down", Action::PageDown, &["pgdn", "space"], None, "Down one screen", "Move"),
    b(Help, "page_up", Action::PageUp, &["pgup"], None, "Up one screen", "Move"),
    b(HelpSearch, "submit", Action::SearchSubmit, &["enter"], Some("keep"), "Stop typing, keep the filter", "Find"),
    b(HelpSearch, "clear", Action::SearchClear, &["esc"], Some("clear"), "Clear the filter", "Find"),
    b(HelpSearch, "backspace", Action::SearchBackspace, &["backspace"], None, "Delete the last character", "Find"),
    // Confirmation dialog. Never the key that opened it.
    b(Confirm, "confirm", Action::Confirm, &["y", "enter"], Some("confirm"), "Confirm the bulk decision", "Bulk"),
    b(Palette, "run", Action::Confirm, &["enter"], Some("run"), "Run the selected action", "App"),
    b(Palette, "close", Action::Cancel, &["esc"], Some("close"), "Close the palette", "App"),
    b(Palette, "next", Action::MoveDown, &["down", "ctrl-n"], Some("next"), "Select the next action", "Move"),
    b(Palette, "previous", Action::MoveUp, &["up", "ctrl-p"], None, "Select the previous action", "Move"),
    b(Palette, "backspace", Action::SearchBackspace, &["backspace"], None, "Delete the last character", "Find"),
    b(Confirm, "cancel", Action::Cancel, &["n", "esc", "q"], Some("cancel"), "Cancel; nothing is decided", "Bulk"),
    // Overview screen.
    b(Overview, "close", Action::Cancel, &["esc", "q", "v"], Some("close"), "Back to the list", "Read"),
    b(Overview, "next_cluster", Action::MoveDown, &["j", "down"], Some("cluster"), "Select the next template cluster", "Move"),
    b(Overview, "prev_cluster", Action::MoveUp, &["k", "up"], None, "Select the previous template cluster", "Move"),
    b(Overview, "filter_cluster", Action::FilterCluster, &["enter"], Some("show cluster"), "Show only the selected cluster's invitations in the list (esc in the list clears it)", "Find"),
    b(Overview, "help", Action::Help, &["?"], Some("help"), "Every key, searchable", "App"),
];

/// One key with its modifiers, as written in the config (`a`, `A`, `ctrl-r`, `shift-tab`,
/// `enter`, `space`, `pgdn`, ...). Shift is part of the character for printable keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeySpec {
    pub code: KeyCode,
    /// Only CONTROL and ALT; SHIFT is folded into `code`.
    pub mods: KeyModifiers,
}

const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("shift-tab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("space", KeyCode::Char(' ')),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pgup", KeyCode::PageUp),
    ("pgdn", KeyCode::PageDown),
    ("insert", KeyCode::Insert),
];

impl KeySpec {
    /// Parse config spelling. Errors say what is accepted.
    pub fn parse(s: &str) -> Result<KeySpec, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-").filter(|r| !r.is_empty()) {
                mods |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-").filter(|r| !r.is_empty()) {
                mods |= KeyModifiers::ALT;
                rest = r;
            } else {
                break;
            }
        }
        if let Some((_, code)) = NAMED.iter().find(|(n, _)| *n == rest) {
            return Ok(KeySpec { code: *code, mods });
        }
        if let Some(n) = rest
            .strip_prefix('f')
            .and_then(|n| n.parse::<u8>().ok())
            .filter(|n| (1..=12).contains(n))
        {
            return Ok(KeySpec {
                code: KeyCode::F(n),
                mods,
            });
        }
        let mut chars = rest.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => {
                // Terminals report ctrl-R as ctrl-r.
                let c = if mods.contains(KeyModifiers::CONTROL) {
                    c.to_ascii_lowercase()
                } else {
                    c
                };
                Ok(KeySpec {
                    code: KeyCode::Char(c),
                    mods,
                })
            }
            _ => Err(format!(
                "unknown key {s:?}: use one character (a, A, ?, /), a name ({}, f1..f12), \
                 optionally prefixed with ctrl- or alt-",
                NAMED.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
            )),
        }
    }

    /// The key a terminal event stands for, or `None` for releases and repeats of nothing.
    pub fn from_event(ev: &KeyEvent) -> Option<KeySpec> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        let mods = ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        let code = match ev.code {
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            KeyCode::Tab if ev.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            other => other,
        };
        Some(KeySpec { code, mods })
    }
}

impl fmt::Display for KeySpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        if let Some((n, _)) = NAMED.iter().find(|(_, c)| *c == self.code) {
            return f.write_str(n);
        }
        match self.code {
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "f{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// The bindings in effect: the table with the user's remaps applied.
#[derive(Debug, Clone)]
pub struct Keymap {
    entries: Vec<(Binding, Vec<KeySpec>)>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            entries: BINDINGS
                .iter()
                .map(|b| {
                    let keys = b
                        .keys
                        .iter()
                        .map(|k| KeySpec::parse(k).expect("default keys parse"))
                        .collect();
                    (b.clone(), keys)
                })
                .collect(),
        }
    }
}

impl Keymap {
    /// Replace the keys of the binding `name` in `context`.
    pub fn remap(
        &mut self,
        context: Context,
        name: &str,
        keys: Vec<KeySpec>,
    ) -> Result<(), String> {
        match self
            .entries
            .iter_mut()
            .find(|(b, _)| b.context == context && b.name == name)
        {
            Some((_, k)) => {
                *k = keys;
                Ok(())
            }
            None => Err(format!(
                "no action {name:?} in [keys.{}]; expected one of: {}",
                context.name(),
                self.entries
                    .iter()
                    .filter(|(b, _)| b.context == context)
                    .map(|(b, _)| b.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }

    /// A key bound twice in one context (or in a context and Global), as an error message.
    pub fn conflict(&self) -> Option<String> {
        for (i, (b1, k1)) in self.entries.iter().enumerate() {
            for (b2, k2) in self.entries.iter().skip(i + 1) {
                let overlap = b1.context == b2.context
                    || b1.context == Context::Global
                    || b2.context == Context::Global;
                if !overlap {
                    continue;
                }
                if let Some(k) = k1.iter().find(|k| k2.contains(k)) {
                    return Some(format!(
                        "key {k} is bound to both {}.{} and {}.{}",
                        b1.context.name(),
                        b1.name,
                        b2.context.name(),
                        b2.name
                    ));
                }
            }
        }
        None
    }

    /// The action for a key in a context: the context's own bindings first, then Global, then
    /// (in search contexts) the character typed.
    pub fn dispatch(&self, context: Context, key: KeySpec) -> Option<Action> {
        let find = |ctx: Context| {
            self.entries
                .iter()
                .find(|(b, keys)| b.context == ctx && keys.contains(&key))
                .map(|(b, _)| b.action.clone())
        };
        if let Some(a) = find(context).or_else(|| find(Context::Global)) {
            return Some(a);
        }
        match key.code {
            KeyCode::Char(c) if context.takes_text() && key.mods.is_empty() => {
                Some(Action::SearchInput(c))
            }
            _ => None,
        }
    }

    /// Bindings of a context, in table order, with their keys.
    pub fn bindings(&self, context: Context) -> impl Iterator<Item = (&Binding, &[KeySpec])> {
        self.entries
            .iter()
            .filter(move |(b, _)| b.context == context)
            .map(|(b, k)| (b, k.as_slice()))
    }

    /// Every binding with its keys, in table order.
    pub fn all(&self) -> impl Iterator<Item = (&Binding, &[KeySpec])> {
        self.entries.iter().map(|(b, k)| (b, k.as_slice()))
    }

    /// The first key bound to `name` in `context`, for messages like "u to undo".
    pub fn key_for(&self, context: Context, name: &str) -> Option<KeySpec> {
        self.entries
            .iter()
            .find(|(b, _)| b.context == context && b.name == name)
            .and_then(|(_, k)| k.first().copied())
    }

    /// [`Keymap::key_for`] as text ("u"), for messages and hints.
    pub fn key_label(&self, context: Context, name: &str) -> Option<String> {
        self.key_for(context, name).map(|k| k.to_string())
    }

    /// The palette's entries for `query`: every action of the list and of everywhere (the
    /// palette itself aside), matched like the help (keys, name, description, group).
    pub fn palette(&self, query: &str) -> Vec<(&Binding, &[KeySpec])> {
        let q = query.to_lowercase();
        self.entries
            .iter()
            .filter(|(b, _)| {
                matches!(b.context, Context::Normal | Context::Global) && b.name != "palette"
            })
            .filter(|(b, k)| {
                q.is_empty()
                    || keys_text(k).to_lowercase().contains(&q)
                    || b.name.contains(&q)
                    || b.help.to_lowercase().contains(&q)
                    || b.group.to_lowercase().contains(&q)
            })
            .map(|(b, k)| (b, k.as_slice()))
            .collect()
    }

    /// Footer hints for a context: (keys, label), in table order.
    pub fn hints(&self, context: Context) -> Vec<(String, &'static str)> {
        self.bindings(context)
            .filter_map(|(b, keys)| {
                let label = b.hint?;
                let first = keys.first()?;
                Some((first.to_string(), label))
            })
            .collect()
    }
}

/// Every key of a binding, for help and docs: `j, down`.
pub fn keys_text(keys: &[KeySpec]) -> String {
    if keys.is_empty() {
        return "(unbound)".to_string();
    }
    keys.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// docs/KEYMAP.md, generated from the default table.
pub fn markdown() -> String {
    let km = Keymap::default();
    let mut s = String::from(
        "# invitriage keymap\n\n\
         Generated from the keymap table in `app/src/tui/keymap.rs` (the same table drives the\n\
         footer hints, the `?` help and `invitriage config --print-default`); a test keeps this\n\
         file in sync. Every key can be remapped in `~/.config/invitriage/config.toml`, in the\n\
         `[keys.<context>]` section, by the action name shown here.\n\n\
         `invitriage config --print-default` prints the full default file; `NO_COLOR=1` turns\n\
         colours off; `INVITRIAGE_CONFIG` names another config file; `INVITRIAGE_BROWSER=none`\n\
         stops `o`/`O` from starting a browser (tests, CI; otherwise `$BROWSER` is honoured).\n\n\
         Mouse: a click selects a row or a tab; the wheel scrolls the list, the detail pane\n\
         (over it) or the open popup. Each tab remembers its selection and scroll; the tab,\n\
         sort, kind filter and connected toggle are kept per export in the state file.\n\n\
         `y` copies the profile URL (never anything a sender wrote) to the system clipboard;\n\
         without one (a headless box, ssh) it uses OSC 52 inside tmux or in a terminal known\n\
         to take it; `INVITRIAGE_OSC52=1` or `0` decides for others.\n",
    );
    for ctx in Context::ALL {
        s.push_str(&format!(
            "\n## {} (`[keys.{}]`)\n\n| key | action | what it does |\n|---|---|---|\n",
            ctx.title(),
            ctx.name()
        ));
        for (b, keys) in km.bindings(ctx) {
            let keys = keys
                .iter()
                .map(|k| format!("`{}`", k.to_string().replace('|', "\\|")))
                .collect::<Vec<_>>()
                .join(" ");
            s.push_str(&format!("| {keys} | `{}` | {} |\n", b.name, b.help));
        }
        if ctx.takes_text() {
            s.push_str("| any other character | | typed into the search |\n");
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_key_parses_and_round_trips() {
        for b in BINDINGS {
            for k in b.keys {
                let spec = KeySpec::parse(k).unwrap();
                assert_eq!(spec.to_string(), *k);
            }
        }
    }

    #[test]
    fn names_are_unique_per_context_and_keys_do_not_clash() {
        let km = Keymap::default();
        assert_eq!(km.conflict(), None);
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                assert!(!(a.context == b.context && a.name == b.name), "{}", a.name);
            }
        }
    }

    #[test]
    fn dispatch_prefers_the_context_then_global_then_text() {
        let km = Keymap::default();
        let key = |s: &str| KeySpec::parse(s).unwrap();
        assert_eq!(km.dispatch(Normal, key("a")), Some(Action::Accept));
        assert_eq!(km.dispatch(Normal, key("ctrl-c")), Some(Action::Quit));
        assert_eq!(
            km.dispatch(Search, key("a")),
            Some(Action::SearchInput('a'))
        );
        assert_eq!(
            km.dispatch(Search, key("q")),
            Some(Action::SearchInput('q'))
        );
        assert_eq!(km.dispatch(Search, key("ctrl-c")), Some(Action::Quit));
        assert_eq!(km.dispatch(Confirm, key("A")), None);
        assert_eq!(km.dispatch(Confirm, key("y")), Some(Action::Confirm));
        assert_eq!(km.dispatch(Normal, key("x")), None);
    }

    #[test]
    fn terminal_events_map_to_specs() {
        let ev = KeyEvent::new(KeyCode::Char('A'), KeyModifiers::SHIFT);
        assert_eq!(KeySpec::from_event(&ev), Some(KeySpec::parse("A").unwrap()));
        let ev = KeyEvent::new(
            KeyCode::Char('R'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        );
        assert_eq!(
            KeySpec::from_event(&ev),
            Some(KeySpec::parse("ctrl-r").unwrap())
        );
        let ev = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(
            KeySpec::from_event(&ev),
            Some(KeySpec::parse("shift-tab").unwrap())
        );
    }

    #[test]
    fn bad_keys_say_what_is_accepted() {
        let e = KeySpec::parse("hyper-x").unwrap_err();
        assert!(e.contains("ctrl-"), "{e}");
        assert!(KeySpec::parse("").is_err());
    }

    #[test]
    fn remap_replaces_keys_and_rejects_unknown_names() {
        let mut km = Keymap::default();
        km.remap(Normal, "accept", vec![KeySpec::parse("y").unwrap()])
            .unwrap();
        assert_eq!(
            km.dispatch(Normal, KeySpec::parse("y").unwrap()),
            Some(Action::Accept)
        );
        assert_eq!(km.dispatch(Normal, KeySpec::parse("a").unwrap()), None);
        assert!(
            km.remap(Normal, "nope", vec![])
                .unwrap_err()
                .contains("accept")
        );
    }

    #[test]
    fn keymap_doc_is_in_sync() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/KEYMAP.md");
        let want = markdown();
        if std::env::var_os("UPDATE_KEYMAP").is_some() {
            std::fs::write(path, &want).unwrap();
        }
        let have = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            have == want,
            "docs/KEYMAP.md is out of date; run `UPDATE_KEYMAP=1 cargo test -p invitriage-app --lib keymap`"
        );
    }
}
