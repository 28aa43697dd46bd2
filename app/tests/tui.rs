//! Snapshots of the app's screens on a fixed-size test terminal, a render of every small size,
//! and a check that nothing from the model reaches the screen as a control character.

use invitriage::store::Store;
use invitriage_app::tui::action::Action;
use invitriage_app::tui::fixture;
use invitriage_app::tui::state::State;
use invitriage_app::tui::theme::Theme;
use invitriage_app::tui::{update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn draw(state: &State, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| view::render(f, state, &Theme::default()))
        .unwrap();
    t
}

fn at(w: u16, h: u16, actions: &[Action]) -> State {
    let mut s = fixture::state((w, h));
    for a in actions {
        update(&mut s, a.clone(), fixture::now());
    }
    s
}

fn snap(name: &str, w: u16, h: u16, actions: &[Action]) {
    let s = at(w, h, actions);
    let t = draw(&s, w, h);
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
}

#[test]
fn main_screen() {
    for (w, h) in [(80, 24), (120, 40), (40, 10), (40, 12)] {
        snap("main", w, h, &[]);
    }
}

/// One action, with the effects run against a real store as the event loop runs them, and the
/// actions they answer with fed back.
fn drive(
    s: &mut State,
    store: &mut Store,
    opener: &mut invitriage_app::tui::persist::RecordingOpener,
    action: Action,
) {
    let mut queue = vec![action];
    while let Some(a) = queue.pop() {
        for e in update(s, a, fixture::now()) {
            if let Some(b) =
                invitriage_app::tui::persist::run_effect(&e, store, opener, fixture::now())
            {
                queue.push(b);
            }
        }
    }
}

#[test]
fn main_screen_with_decisions_marks_and_search() {
    let s = {
        let mut s = at(
            120,
            40,
            &[Action::NextTab, Action::NextTab, Action::NextTab],
        );
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("state.sqlite3")).unwrap();
        let mut opener = invitriage_app::tui::persist::RecordingOpener::default();
        for a in [
            Action::ToggleConnected,
            Action::Top,
            Action::Accept,
            Action::MoveDown,
            Action::Ignore,
            Action::ToggleMark,
            Action::SearchStart,
            Action::SearchInput('s'),
            Action::SearchInput('a'),
            Action::SearchInput('m'),
            Action::SearchSubmit,
        ] {
            drive(&mut s, &mut store, &mut opener, a);
        }
        s
    };
    insta::assert_snapshot!("all_tab_busy_120x40", draw(&s, 120, 40).backend());
}

#[test]
fn profile_popup() {
    for (w, h) in [(80, 24), (120, 40), (40, 12)] {
        snap("profile", w, h, &[Action::OpenProfile]);
    }
    // Rich sender: profile fields, endorsements, shared employer.
    snap(
        "profile_farid",
        120,
        40,
        &[Action::MoveDown, Action::OpenProfile],
    );
}

#[test]
fn help_popup() {
    for (w, h) in [(80, 24), (120, 40), (40, 12)] {
        snap("help", w, h, &[Action::Help]);
    }
    let search: Vec<Action> = [Action::Help, Action::SearchStart]
        .into_iter()
        .chain("undo".chars().map(Action::SearchInput))
        .collect();
    snap("help_search", 80, 24, &search);
}

#[test]
fn command_palette() {
    for (w, h) in [(80, 24), (40, 12), (120, 40)] {
        snap("palette", w, h, &[Action::OpenPalette]);
    }
    snap(
        "palette_search",
        80,
        24,
        &[
            Action::OpenPalette,
            Action::SearchInput('u'),
            Action::SearchInput('n'),
            Action::MoveDown,
        ],
    );
}

#[test]
fn confirm_dialog() {
    for (w, h) in [(80, 24), (120, 40)] {
        snap("confirm", w, h, &[Action::NextTab, Action::IgnoreAll]);
    }
}

#[test]
fn confirm_dialog_names_the_kind_filter_it_applies_to() {
    let s = at(
        80,
        24,
        &[Action::NextTab, Action::FilterKind, Action::IgnoreAll],
    );
    let kind = s.kind_filter().expect("f sets a kind filter");
    let screen = format!("{:?}", draw(&s, 80, 24).backend());
    let want = format!(
        "view, only {}",
        invitriage_app::tui::state::kind_label(kind)
    );
    assert!(screen.contains(&want), "{screen}");
}

#[test]
fn loading_gauge() {
    let loading = view::Loading {
        source: "Basic_LinkedInDataExport_11-20-2026.zip".to_string(),
        done: 3 * 1024 * 1024,
        total: 8 * 1024 * 1024,
        phase: "Loading".to_string(),
    };
    let mut t = Terminal::new(TestBackend::new(80, 12)).unwrap();
    t.draw(|f| view::render_loading(f, &loading, &Theme::default()))
        .unwrap();
    insta::assert_snapshot!("loading_80x12", t.backend());
}

/// The list drawn from the first rows of an export still loading: classes pending, only All
/// counted, the gauge under it; then with the profile open, which says the same.
#[test]
fn the_list_while_the_export_loads() {
    use invitriage_app::tui::action::LoadProgress;
    let mut s = fixture::pending_state((80, 24));
    let p = LoadProgress {
        done: 57 * 1024 * 1024,
        total: 150 * 1024 * 1024,
        classifying: false,
    };
    update(&mut s, Action::LoadProgress(p), fixture::now());
    update(&mut s, Action::MoveDown, fixture::now());
    update(&mut s, Action::NextTab, fixture::now());
    insta::assert_snapshot!("pending_80x24", draw(&s, 80, 24).backend());
    // On a small terminal the gauge and the pending classes still fit.
    let mut small = fixture::pending_state((40, 10));
    update(&mut small, Action::LoadProgress(p), fixture::now());
    insta::assert_snapshot!("pending_40x10", draw(&small, 40, 10).backend());
    let classifying = LoadProgress {
        classifying: true,
        ..p
    };
    update(&mut s, Action::LoadProgress(classifying), fixture::now());
    update(&mut s, Action::OpenProfile, fixture::now());
    insta::assert_snapshot!("pending_profile_80x24", draw(&s, 80, 24).backend());
    // Further down, the classification says it is coming, not a verdict.
    let row = s.selected_row().unwrap();
    let text: String = view::profile_lines(&s, &Theme::default(), row)
        .iter()
        .map(|l| l.to_string() + "\n")
        .collect();
    assert!(
        text.contains("classifying: the class and its reasons come when every note is read"),
        "{text}"
    );
    assert!(!text.contains("score"), "{text}");
}

fn modes() -> Vec<Vec<Action>> {
    vec![
        vec![],
        vec![Action::OpenProfile],
        vec![Action::Help],
        vec![Action::Help, Action::SearchStart, Action::SearchInput('x')],
        vec![Action::IgnoreAll],
        vec![Action::SearchStart, Action::SearchInput('a')],
        vec![Action::NextTab, Action::NextTab],
        vec![Action::ToggleConnected, Action::Bottom],
    ]
}

#[test]
fn every_small_size_renders_without_panic() {
    for actions in modes() {
        for w in 1..=30 {
            for h in 1..=12 {
                let s = at(w, h, &actions);
                draw(&s, w, h);
                // And after resizing from another size.
                let mut s2 = at(120, 40, &actions);
                update(
                    &mut s2,
                    Action::Resize {
                        width: w,
                        height: h,
                    },
                    fixture::now(),
                );
                draw(&s2, w, h);
            }
        }
        // The list of an export still loading.
        for w in 1..=30 {
            for h in 1..=12 {
                let mut s = fixture::pending_state((w, h));
                for a in &actions {
                    update(&mut s, a.clone(), fixture::now());
                }
                draw(&s, w, h);
            }
        }
        // The loading screen too.
        for w in 1..=30 {
            for h in 1..=12 {
                let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
                let l = view::Loading {
                    source: "x".into(),
                    done: 1,
                    total: 3,
                    phase: "Loading".into(),
                };
                t.draw(|f| view::render_loading(f, &l, &Theme::default()))
                    .unwrap();
            }
        }
    }
}

#[test]
fn no_colour_theme_still_shows_the_selection() {
    let s = at(80, 24, &[]);
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| view::render(f, &s, &Theme::no_color())).unwrap();
    let buf = t.backend().buffer();
    let list_y = view::layout(buf.area).list.y;
    let cell = &buf[(4, list_y)];
    assert!(
        cell.modifier.contains(ratatui::style::Modifier::REVERSED),
        "{cell:?}"
    );
    for c in buf.content() {
        assert_eq!(c.fg, ratatui::style::Color::Reset);
        assert_eq!(c.bg, ratatui::style::Color::Reset);
    }
}

#[test]
fn model_text_never_reaches_the_screen_as_control_characters() {
    // The sanitiser (another module) removes escapes at import; what can still be in clean
    // text is layout: tabs, newlines, carriage returns. None may reach a cell as a control
    // character, in any pane or popup.
    let (mut export, mut classes) = fixture::export();
    let hostile = "Hi\tSam\r\nline two\u{7}\u{1b}]52;c;aGVsbG8=\u{7} end\u{1b}[2J";
    export.invitations.edit_each(|inv| {
        inv.note = Some(hostile.to_string());
        inv.sender.name = format!("Name\t{}\u{1b}[31m", inv.sender.name);
        inv.sender.headline = Some("Head\u{8}line\n2".to_string());
    });
    for c in classes.iter_mut() {
        for r in c.reasons.iter_mut() {
            r.span = Some(0..hostile.len() + 10);
            r.message = "evidence\u{1b}[0m\ttab".into();
        }
    }
    for actions in modes() {
        for (w, h) in [(80, 24), (120, 40), (40, 10)] {
            let mut s = fixture::state_of(export.clone(), classes.clone(), (w, h));
            for a in &actions {
                update(&mut s, a.clone(), fixture::now());
            }
            update(&mut s, Action::ToggleConnected, fixture::now());
            let t = draw(&s, w, h);
            for cell in t.backend().buffer().content() {
                assert!(
                    !cell
                        .symbol()
                        .chars()
                        .any(|c| (c as u32) < 0x20 || c == '\u{7f}'),
                    "control character in cell {:?} ({actions:?} at {w}x{h})",
                    cell.symbol()
                );
            }
        }
    }
}

#[test]
fn evidence_spans_are_highlighted_in_the_detail_pane() {
    let s = at(80, 24, &[]);
    let t = draw(&s, 80, 24);
    let buf = t.backend().buffer();
    let theme = Theme::default();
    let detail = view::layout(buf.area).detail.unwrap();
    // Find "RustConf" in the detail pane and check its cells carry the evidence style, while
    // the word before it does not.
    let mut found = false;
    for y in detail.y..detail.bottom() {
        let line: String = (0..80).map(|x| buf[(x, y)].symbol().to_string()).collect();
        if let Some(x) = line.find("RustConf") {
            let x = x as u16;
            assert_eq!(buf[(x, y)].bg, theme.evidence.bg.unwrap());
            assert_eq!(buf[(x + 7, y)].bg, theme.evidence.bg.unwrap());
            assert_ne!(buf[(x.saturating_sub(2), y)].bg, theme.evidence.bg.unwrap());
            found = true;
            break;
        }
    }
    assert!(found, "RustConf not in the detail pane:\n{}", t.backend());
}

/// Ivo Petrov's note marked boilerplate with `r` in All: Jun Park's near-identical note moved
/// with it (the star, the class and the reason), and the counts followed.
#[test]
fn a_near_duplicate_moved_with_a_reclassification() {
    let mut s = fixture::near_duplicates_state((80, 24));
    let row = |s: &State, name: &str| {
        let r = (0..s.rows().len())
            .position(|r| s.inv(r).sender.name == name)
            .unwrap();
        s.visible().iter().position(|v| *v == r).unwrap()
    };
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("state.sqlite3")).unwrap();
    let mut opener = invitriage_app::tui::persist::RecordingOpener::default();
    s.set_tab(invitriage_app::tui::state::Tab::All);
    s.select(row(&s, "Ivo Petrov"));
    drive(&mut s, &mut store, &mut opener, Action::Reclassify);
    s.select(row(&s, "Jun Park"));
    insta::assert_snapshot!("near_duplicate_moved_80x24", draw(&s, 80, 24).backend());
}

mod cli {
    use assert_cmd::Command;
    use predicates::prelude::*;

    fn bin() -> Command {
        let mut c = Command::cargo_bin("invitriage").unwrap();
        c.env_remove("NO_COLOR");
        c
    }

    #[test]
    fn print_default_writes_a_config_that_loads() {
        let out = bin()
            .args(["config", "--print-default"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("[keys.normal]") && text.contains("accept = [\"a\"]"));
        assert!(text.contains("[theme]"));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, &text).unwrap();
        bin()
            .arg("config")
            .env("INVITRIAGE_CONFIG", &path)
            .assert()
            .success()
            .stdout(predicate::str::contains("(valid)"));
    }

    #[test]
    fn a_bad_config_names_the_line_and_exits_2() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(
            &path,
            "[theme]\naccept = \"green\"\n\n[keys.normal]\naccept = \"hyper-a\"\n",
        )
        .unwrap();
        bin()
            .arg("config")
            .env("INVITRIAGE_CONFIG", &path)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!("{}:5:", path.display())))
            .stderr(predicate::str::contains("unknown key \"hyper-a\""));
    }

    #[test]
    fn the_app_refuses_both_path_and_demo_before_touching_the_terminal() {
        bin()
            .args(["--demo", "fixtures/tui/Invitations.csv"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("not both"));
    }
}

fn rows_of(t: &Terminal<TestBackend>) -> Vec<String> {
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect()
        })
        .collect()
}

/// WCAG relative luminance of a colour as xterm draws it by default; `None` for colours a
/// test cannot know (the terminal's own default is taken as white on black by the caller).
fn luminance(c: ratatui::style::Color) -> Option<f64> {
    use ratatui::style::Color::*;
    let (r, g, b) = match c {
        Black => (0, 0, 0),
        Red => (205, 0, 0),
        Green => (0, 205, 0),
        Yellow => (205, 205, 0),
        Blue => (0, 0, 238),
        Magenta => (205, 0, 205),
        Cyan => (0, 205, 205),
        Gray => (229, 229, 229),
        DarkGray => (127, 127, 127),
        LightRed => (255, 0, 0),
        LightGreen => (0, 255, 0),
        LightYellow => (255, 255, 0),
        LightBlue => (92, 92, 255),
        LightMagenta => (255, 0, 255),
        LightCyan => (0, 255, 255),
        White => (255, 255, 255),
        Rgb(r, g, b) => (r, g, b),
        _ => return None,
    };
    let lin = |v: u8| {
        let v = v as f64 / 255.0;
        if v <= 0.03928 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    Some(0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b))
}

#[test]
fn every_drawn_character_has_readable_contrast_in_the_default_theme() {
    use ratatui::style::Color;
    // Screens that between them use every style of the default theme.
    let screens: Vec<State> = vec![
        at(120, 40, &[]),
        at(
            120,
            40,
            &[Action::NextTab, Action::ToggleMark, Action::MoveDown],
        ),
        at(120, 40, &[Action::SearchStart, Action::SearchInput('s')]),
        at(80, 24, &[Action::Help]),
        at(80, 24, &[Action::OpenProfile]),
        at(80, 24, &[Action::NextTab, Action::IgnoreAll]),
    ];
    for s in &screens {
        let t = draw(s, s.size().0, s.size().1);
        for (i, cell) in t.backend().buffer().content().iter().enumerate() {
            if cell.symbol().trim().is_empty() {
                continue;
            }
            let fg = if cell.fg == Color::Reset {
                Color::White
            } else {
                cell.fg
            };
            let bg = if cell.bg == Color::Reset {
                Color::Black
            } else {
                cell.bg
            };
            let (Some(a), Some(b)) = (luminance(fg), luminance(bg)) else {
                continue;
            };
            let ratio = (a.max(b) + 0.05) / (a.min(b) + 0.05);
            assert!(
                ratio >= 3.0,
                "{:?} in {fg:?} on {bg:?} (cell {i}) has contrast {ratio:.2}, under 3:1",
                cell.symbol()
            );
        }
    }
}

#[test]
fn the_position_counter_stays_beside_a_status_message() {
    let mut s = at(80, 24, &[Action::MoveDown]);
    s.status = Some(invitriage_app::tui::state::Status {
        text: "Accepted Ana Alvarez: u to undo".to_string(),
        error: false,
    });
    update(&mut s, Action::MoveDown, fixture::now());
    let rows = rows_of(&draw(&s, 80, 24));
    let status = &rows[22];
    assert!(status.trim_end().ends_with("3/3 in Personal"), "{status:?}");
    // A message too long for both is cut with an ellipsis, the counter kept.
    s.status = Some(invitriage_app::tui::state::Status {
        text: "Could not open a browser for https://www.linkedin.com/in/ana-alvarez-demo: \
               no browser found on this system"
            .to_string(),
        error: true,
    });
    let rows = rows_of(&draw(&s, 60, 20));
    let status = rows[18].trim_end().to_string();
    assert!(status.ends_with("3/3 in Personal"), "{status:?}");
    assert!(status.contains('…'), "{status:?}");
}

#[test]
fn cut_text_always_ends_with_an_ellipsis() {
    // The 40-column header keeps the connected count whole or marks the cut.
    let rows = rows_of(&draw(&at(40, 12, &[]), 40, 12));
    let header = rows[0].trim_end();
    assert!(
        header.ends_with('…') || header.contains("+1 (c)"),
        "{header:?}"
    );
    // Help wraps its key column: a long key list never runs into its description.
    let mut km = invitriage_app::tui::keymap::Keymap::default();
    let keys = ["esc", "q", "p", "enter", "ctrl-x"]
        .iter()
        .map(|k| invitriage_app::tui::keymap::KeySpec::parse(k).unwrap())
        .collect();
    km.remap(invitriage_app::tui::keymap::Context::Profile, "close", keys)
        .unwrap();
    let (export, classes) = fixture::export();
    let s = State::new(
        export,
        classes,
        Default::default(),
        Default::default(),
        km,
        fixture::now(),
        (80, 24),
    );
    let lines = view::help_lines(&s, &Theme::default(), "popup", 60);
    let text: Vec<String> = lines
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.to_string()).collect())
        .collect();
    let first = text
        .iter()
        .position(|l| l.contains("esc, q, p,"))
        .unwrap_or_else(|| panic!("{text:#?}"));
    assert!(text[first].contains("esc, q, p,") && !text[first].contains("ctrl-x"));
    assert!(
        text[first + 1].trim_start().starts_with("enter, ctrl-x"),
        "{text:#?}"
    );
    for l in &text {
        assert!(l.chars().count() <= 60, "{l:?}");
    }
}

#[test]
fn a_date_in_the_future_reads_as_such_and_the_row_is_marked() {
    let (mut export, classes) = fixture::export();
    let mut first = true;
    export.invitations.edit_each(|inv| {
        if std::mem::take(&mut first) {
            inv.sent_at = fixture::now() + chrono::Duration::days(28);
        }
    });
    let name = export.invitations.at(0).sender.name.to_string();
    let mut s = fixture::state_of(export, classes, (80, 24));
    for _ in 0..3 {
        update(&mut s, Action::NextTab, fixture::now());
    }
    let pos = s
        .visible()
        .iter()
        .position(|r| s.inv(*r).sender.name == name)
        .unwrap();
    for _ in 0..pos {
        update(&mut s, Action::MoveDown, fixture::now());
    }
    let t = draw(&s, 80, 24);
    let rows = rows_of(&t);
    let screen = rows.join("\n");
    assert!(!screen.contains("now ago"), "{screen}");
    assert!(screen.contains("in 4w: dated in the future"), "{screen}");
    let y = rows
        .iter()
        .position(|r| r.contains(&name) && r.contains("+4w"))
        .unwrap();
    let col = rows[y].chars().position(|c| c == '+').unwrap() as u16;
    let cell = &t.backend().buffer()[(col, y as u16)];
    assert_eq!(cell.bg, Theme::default().odd.bg.unwrap());
}

#[test]
fn search_shows_and_highlights_the_match_in_the_list_and_the_detail_pane() {
    let actions: Vec<Action> = std::iter::once(Action::SearchStart)
        .chain("DEBUGGING".chars().map(Action::SearchInput))
        .chain([Action::SearchSubmit])
        .collect();
    let s = at(80, 24, &actions);
    let t = draw(&s, 80, 24);
    let rows = rows_of(&t);
    let buf = t.backend().buffer();
    let hl = Theme::default().search_match.bg.unwrap();
    // In the list, the row shows the note around the match, which alone is highlighted.
    let list = view::layout(buf.area).list;
    let y = (list.y..list.bottom())
        .find(|y| rows[*y as usize].contains("debugging"))
        .unwrap_or_else(|| panic!("the match is not in the list:\n{}", rows.join("\n")));
    let line = &rows[y as usize];
    assert!(line.contains('…'), "{line}");
    let x = line.find("debugging").unwrap();
    let col = line[..x].chars().count() as u16;
    assert_eq!(buf[(col, y)].bg, hl);
    assert_ne!(buf[(2, y)].bg, hl, "the name is not a match");
    // In the detail pane, the match is highlighted where it appears in the note.
    let detail = view::layout(buf.area).detail.unwrap();
    let y = (detail.y..detail.bottom())
        .find(|y| rows[*y as usize].contains("debugging"))
        .unwrap();
    let line = &rows[y as usize];
    let col = line[..line.find("debugging").unwrap()].chars().count() as u16;
    assert_eq!(buf[(col, y)].bg, hl);
    assert_eq!(buf[(col + 8, y)].bg, hl);
}

/// What the event loop does after drawing: tell `update` how far the panes can scroll.
fn settle(s: &mut State) {
    let limits = view::scroll_limits(s, &Theme::default());
    update(
        s,
        invitriage_app::tui::action::Action::ScrollLimits(limits),
        fixture::now(),
    );
}

#[test]
fn scroll_offsets_are_clamped_to_content_as_drawn_and_on_resize() {
    // The detail pane: 30 presses down at 80x24, then the last line of the pane is text.
    let mut s = at(80, 24, &[]);
    settle(&mut s);
    for _ in 0..30 {
        update(&mut s, Action::DetailDown, fixture::now());
    }
    let limit = s.scroll_limits.detail;
    assert!(limit > 0 && limit < 30, "{limit}");
    assert_eq!(s.detail_scroll, limit);
    let rows = rows_of(&draw(&s, 80, 24));
    let detail = view::layout(ratatui::layout::Rect::new(0, 0, 80, 24))
        .detail
        .unwrap();
    let last = rows[(detail.bottom() - 1) as usize].trim().to_string();
    assert!(
        !last.is_empty(),
        "the pane ends on text:\n{}",
        rows.join("\n")
    );
    update(&mut s, Action::DetailUp, fixture::now());
    assert_eq!(s.detail_scroll, limit.saturating_sub(3));

    // Help scrolled to its end at 80x24, then the terminal grows: the offset shrinks with it.
    let mut s = at(80, 24, &[Action::Help]);
    settle(&mut s);
    for _ in 0..10 {
        update(&mut s, Action::PageDown, fixture::now());
    }
    let at_80 = s.scroll_limits.popup;
    update(
        &mut s,
        Action::Resize {
            width: 120,
            height: 40,
        },
        fixture::now(),
    );
    settle(&mut s);
    let invitriage_app::tui::state::Mode::Help { scroll, .. } = s.mode else {
        panic!()
    };
    assert!(s.scroll_limits.popup < at_80);
    assert_eq!(scroll, s.scroll_limits.popup);
}
