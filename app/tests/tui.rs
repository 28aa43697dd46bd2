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
    for (w, h) in [(80, 24), (120, 40), (40, 10)] {
        snap("main", w, h, &[]);
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
            let mut queue = vec![a];
            while let Some(a) = queue.pop() {
                for e in update(&mut s, a, fixture::now()) {
                    if let Some(b) = invitriage_app::tui::persist::run_effect(
                        &e,
                        &mut store,
                        &mut opener,
                        fixture::now(),
                    ) {
                        queue.push(b);
                    }
                }
            }
        }
        s
    };
    insta::assert_snapshot!("all_tab_busy_120x40", draw(&s, 120, 40).backend());
}

#[test]
fn profile_popup() {
    for (w, h) in [(80, 24), (120, 40)] {
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
    for (w, h) in [(80, 24), (120, 40)] {
        snap("help", w, h, &[Action::Help]);
    }
    let search: Vec<Action> = [Action::Help, Action::SearchStart]
        .into_iter()
        .chain("undo".chars().map(Action::SearchInput))
        .collect();
    snap("help_search", 80, 24, &search);
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
    for inv in export.invitations.iter_mut() {
        inv.note = Some(hostile.to_string());
        inv.sender.name = format!("Name\t{}\u{1b}[31m", inv.sender.name);
        inv.sender.headline = Some("Head\u{8}line\n2".to_string());
    }
    for c in classes.iter_mut() {
        for r in c.reasons.iter_mut() {
            r.span = Some(0..hostile.len() + 10);
            r.message = "evidence\u{1b}[0m\ttab".to_string();
        }
    }
    for actions in modes() {
        for (w, h) in [(80, 24), (120, 40), (40, 10)] {
            let mut s = State::new(
                export.clone(),
                classes.clone(),
                Default::default(),
                Default::default(),
                Default::default(),
                fixture::now(),
                (w, h),
            );
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
