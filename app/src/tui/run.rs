//! The event loop: the only code of the app that does I/O. It sets up and restores the
//! terminal (on exit, error, panic, SIGTERM and SIGHUP), loads and classifies the export on a
//! background thread (a cancellable gauge until its first rows arrive, then the list from
//! those rows with the gauge under it, the rest coming to `update` as actions), persists each
//! decision before `update` may show it as done, and opens URLs on a spawned thread so the UI
//! never blocks.
//!
//! `INVITRIAGE_BROWSER=none` turns URL opening off (tests, CI); otherwise the `webbrowser`
//! crate picks the browser and honours `$BROWSER`.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Once, OnceLock};
use std::time::{Duration, Instant};

use chrono::Utc;
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyCode, KeyModifiers,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::action::{Action, Effect};
use super::config;
use super::events::{Incoming, handle_batch};
use super::persist::{UrlOpener, run_effect};
use super::state::State;
use super::term::{ClusterSafe, has_uncertain};
use super::update::update;
use super::view::{self, Loading};
use crate::launch::{Input, Launch};
use invitriage::error::Error;
use invitriage::import::{self, ImportError, ImportOptions};
use invitriage::model::Export;
use invitriage::store::Store;

type Term = Terminal<ClusterSafe<CrosstermBackend<std::io::Stdout>>>;

fn io_error(context: &str) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        context: context.to_string(),
        source,
    }
}

/// Run the app. Argument, config and store problems are reported before the terminal changes.
pub fn run(launch: &Launch, out: &mut dyn Write) -> Result<(), Error> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Error::Usage(
            "the interactive app needs a terminal; for scripts use `invitriage list`, `classify`, \
             `decide` or `decisions` (see --help)"
                .to_string(),
        ));
    }
    let config = config::load(config::no_color_requested())?;
    // One channel wakes the loop: terminal events, store results, browser failures, the loader.
    let (tx, rx) = channel::<Msg>();
    let notice = tx.clone();
    let (mut store, store_path) = super::persist::open_store(
        launch.state_path.as_deref(),
        Box::new(move |path: &Path, wait: Duration| {
            let _ = notice.send(Msg::Ui(Incoming::Back(Action::StoreBusy {
                path: invitriage::sanitize::path(path),
                wait_secs: wait.as_secs(),
            })));
        }),
    )?;
    let (decisions, overrides) = super::persist::snapshot(&store)?;

    let signals = Signals::install()?;
    let mut guard = TerminalGuard::enter()?;
    let loader = Loader::spawn(launch.input.clone(), launch.import, tx.clone());
    spawn_input(tx.clone());
    let mut early = Vec::new();
    let start = wait_for_rows(
        &mut guard.term,
        &launch.input.label(),
        &config.theme,
        &signals,
        &loader,
        &rx,
        &mut early,
    )?;
    let size = guard
        .term
        .size()
        .map_err(io_error("reading the terminal size"))?;
    let size = (size.width, size.height);
    let mut state = match start {
        // The first rows, their classes pending; the rest arrives as actions in the loop.
        Start::First(first, progress) => {
            let mut state =
                State::pending(first, decisions, overrides, config.keymap, Utc::now(), size);
            state.load_progress(progress);
            state
        }
        Start::Loaded(loaded) => {
            let super::action::Loaded {
                export,
                classes,
                near,
                ..
            } = loaded;
            // What the importer assumed goes to the status line (the terminal is the app's now).
            let warning = super::state::import_warning(&export);
            let mut state = State::new(
                export,
                (classes, near),
                decisions,
                overrides,
                config.keymap,
                Utc::now(),
                size,
            );
            // First sight: which of these invitations the store has never shown (the "new" marker).
            let seen = store.record_load(&state.row_keys(), state.source(), Utc::now());
            update(&mut state, Action::Seen(seen), Utc::now());
            if warning.is_some() {
                state.status = warning;
            }
            // How this export was last viewed (tab, sort, filters).
            if let Ok(Some(saved)) = store.view_settings(state.source()) {
                state.apply_view_settings(&saved);
            }
            state
        }
    };
    if launch.first_frame_exit {
        term_draw_once(&mut guard.term, &state, &config.theme)?;
        loader.cancel();
        return Ok(());
    }
    // How this export was last viewed, applied when its classes arrive.
    let saved_view = if state.is_pending() {
        store.view_settings(state.source()).ok().flatten()
    } else {
        None
    };
    let worker = StoreWorker::spawn(store, tx.clone());
    let mut opener = ThreadOpener {
        tx,
        disabled: std::env::var("INVITRIAGE_BROWSER").is_ok_and(|v| v == "none"),
    };
    let result = event_loop(
        &mut guard.term,
        &mut state,
        &config.theme,
        &worker,
        &mut opener,
        Inbox {
            rx: &rx,
            early,
            saved_view,
        },
        &signals,
    );
    // A load still going is not needed any more (quit, or an error).
    loader.cancel();
    // The terminal is the user's again at once; saves already asked for are then finished
    // before the app goes (they were never shown as done, but the user expects them kept),
    // and so is the record of what this load showed, which can take seconds on a large
    // export. The summary then reports what the store holds, not what the screen last knew.
    drop(guard);
    let store = worker.finish();
    result?;
    let held = match store {
        Some(mut store) => {
            // Remembered for the next start on this export; failing to is not worth an error.
            // A view left while the classes were pending is not the user's choice: not saved.
            if !state.is_pending() {
                let _ =
                    store.save_view_settings(state.source(), &state.view_settings(), Utc::now());
            }
            store.all().map_err(|e| Error::Other(e.to_string()))?.len()
        }
        None => return Err(Error::Other("the store thread panicked".to_string())),
    };
    let _ = writeln!(
        out,
        "{}",
        quit_summary(held, &store_path, launch.state_path.as_deref())
    );
    Ok(())
}

/// `--first-frame-exit`: the frame the user would see first, drawn once.
fn term_draw_once(
    term: &mut Term,
    state: &State,
    theme: &super::theme::Theme,
) -> Result<(), Error> {
    term.draw(|f| view::render(f, state, theme))
        .map_err(io_error("drawing"))?;
    Ok(())
}

/// The last gate before the browser: an https LinkedIn profile URL exactly as checked, or
/// the invitation manager (`O`). Nothing else is ever handed to the browser.
fn may_open(url: &str) -> bool {
    url == super::update::INVITATION_MANAGER_URL
        || invitriage::sanitize::profile_url(url).as_deref() == Ok(url)
}

/// The line printed on quit: how many decisions the store holds, where, and the command that
/// lists them, with the `--state` in use when it is not the default.
pub fn quit_summary(held: usize, store_path: &Path, explicit: Option<&Path>) -> String {
    let command = match explicit {
        Some(p) => format!(
            "invitriage decisions --state {}",
            shell_quote(&invitriage::sanitize::path(p))
        ),
        None => "invitriage decisions".to_string(),
    };
    format!(
        "{held} decision{} saved in {}; `{command}` lists them.",
        if held == 1 { "" } else { "s" },
        invitriage::sanitize::path(store_path)
    )
}

/// Quote a path for a POSIX shell when it needs it.
fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+:@%,=".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// What wakes the event loop: what `update` takes, and the loader's news.
enum Msg {
    Ui(Incoming),
    Load(LoadMsg),
}

/// Reads terminal events on its own thread, so the loop can also wake for store results.
fn spawn_input(tx: Sender<Msg>) {
    std::thread::spawn(move || {
        while let Ok(ev) = event::read() {
            if tx.send(Msg::Ui(Incoming::Term(ev))).is_err() {
                break;
            }
        }
    });
}

/// Runs store effects in order on its own thread, so a slow disk or another process holding
/// the lock never freezes the screen; results come back as actions.
struct StoreWorker {
    jobs: Sender<Effect>,
    handle: std::thread::JoinHandle<Store>,
}

struct NoOpener;

impl UrlOpener for NoOpener {
    fn open(&mut self, _url: &str) {}
}

impl StoreWorker {
    fn spawn(mut store: Store, back: Sender<Msg>) -> Self {
        let (jobs, rx) = channel::<Effect>();
        let handle = std::thread::spawn(move || {
            for effect in rx {
                if let Some(a) = run_effect(&effect, &mut store, &mut NoOpener, Utc::now()) {
                    let _ = back.send(Msg::Ui(Incoming::Back(a)));
                }
            }
            store
        });
        StoreWorker { jobs, handle }
    }

    fn send(&self, effect: Effect) {
        let _ = self.jobs.send(effect);
    }

    /// Finish every queued job, then stop, handing the store back (`None` if its thread
    /// panicked).
    fn finish(self) -> Option<Store> {
        drop(self.jobs);
        self.handle.join().ok()
    }
}

/// What the event loop reads: the channel, arrivals the wait for the first rows kept for
/// it, and the saved view to apply when the classes arrive.
struct Inbox<'a> {
    rx: &'a Receiver<Msg>,
    early: Vec<Incoming>,
    saved_view: Option<String>,
}

fn event_loop(
    term: &mut Term,
    state: &mut State,
    theme: &super::theme::Theme,
    worker: &StoreWorker,
    opener: &mut ThreadOpener,
    mut inbox: Inbox<'_>,
    signals: &Signals,
) -> Result<(), Error> {
    let mut clipboard = Clipboard::new();
    // Whether the last frame showed a grapheme whose width the terminal may see otherwise.
    let mut uncertain = false;
    let mut waiting = std::mem::take(&mut inbox.early);
    loop {
        draw(term, state, theme, &mut uncertain)?;
        // Tell `update` how far the panes can scroll as drawn now (after a resize, a new
        // selection, a popup), so no offset stays past the end.
        let limits = view::scroll_limits(state, theme);
        if limits != state.scroll_limits {
            update(state, Action::ScrollLimits(limits), Utc::now());
        }
        // Block until something happens; the timeout only notices SIGTERM.
        let first = if waiting.is_empty() {
            loop {
                if signals.caught() {
                    return Ok(());
                }
                match inbox.rx.recv_timeout(Duration::from_millis(250)) {
                    Ok(m) => break Some(m),
                    Err(RecvTimeoutError::Timeout) => continue,
                    Err(RecvTimeoutError::Disconnected) => return Ok(()),
                }
            }
        } else {
            None
        };
        // Take everything already waiting before drawing again; each key is looked up in the
        // keymap only after the previous one is applied (a burst like `/lena` searches).
        for m in first.into_iter().chain(inbox.rx.try_iter()) {
            match m {
                Msg::Ui(incoming) => waiting.push(incoming),
                Msg::Load(news) => {
                    if let Some(a) = load_action(news, &mut inbox.saved_view)? {
                        waiting.push(Incoming::Back(a));
                    }
                }
            }
        }
        let batch = std::mem::take(&mut waiting);
        for effect in handle_batch(state, batch, Utc::now()) {
            match effect {
                Effect::Quit => return Ok(()),
                Effect::OpenUrl(url) => opener.open(&url),
                Effect::Copy(url) => {
                    let back = clipboard.copy(&url);
                    update(state, back, Utc::now());
                }
                // Persist, Undo, Redo, RecordLoad: in order, on the store thread. `update`
                // shows a decision as done only when `Persisted` comes back.
                store_job => worker.send(store_job),
            }
        }
    }
}

/// The action a piece of the loader's news is for `update`; a failed load ends the app with
/// its error (the caller first finishes the saves already asked for).
fn load_action(news: LoadMsg, view: &mut Option<String>) -> Result<Option<Action>, Error> {
    Ok(match news {
        LoadMsg::Progress(p) => Some(Action::LoadProgress(p)),
        // Only the wait for the first rows looks at them.
        LoadMsg::First(_) => None,
        LoadMsg::Done(result) => {
            let mut loaded = (*result)?;
            loaded.view = view.take();
            Some(Action::Loaded(Box::new(loaded)))
        }
    })
}

/// Draw a frame. While a grapheme of uncertain width is (or just was) on screen, repaint in
/// full: the terminal may have drawn it wider or narrower than ratatui's diff assumes, and a
/// cell the diff skips would keep a stale piece of it.
fn draw(
    term: &mut Term,
    state: &State,
    theme: &super::theme::Theme,
    uncertain: &mut bool,
) -> Result<(), Error> {
    if *uncertain {
        term.clear().map_err(io_error("drawing"))?;
    }
    let shows = {
        let frame = term
            .draw(|f| view::render(f, state, theme))
            .map_err(io_error("drawing"))?;
        has_uncertain(frame.buffer)
    };
    if shows && !*uncertain {
        // It just appeared: this frame was a diff against a clean screen; draw it whole.
        term.clear().map_err(io_error("drawing"))?;
        term.draw(|f| view::render(f, state, theme))
            .map_err(io_error("drawing"))?;
    }
    *uncertain = shows;
    Ok(())
}

/// How many rows of Invitations.csv the list is first drawn from while the rest loads: a few
/// screens' worth, read in milliseconds. A smaller export is only ever shown whole.
const FIRST_ROWS: usize = 5_000;
/// A load that ends this soon after it starts is shown whole, never its first rows alone.
const SHOW_AFTER: Duration = Duration::from_millis(100);

/// What the loader thread tells the loop.
enum LoadMsg {
    Progress(super::action::LoadProgress),
    /// The first rows of Invitations.csv, to draw while the rest loads.
    First(Box<Export>),
    /// The whole export, classified (its `view` still to fill), or why it failed.
    Done(Box<Result<super::action::Loaded, Error>>),
}

/// The loader thread: loads and classifies the export, reporting through the loop's channel.
struct Loader {
    cancel: Arc<AtomicBool>,
}

impl Loader {
    fn spawn(input: Input, opts: ImportOptions, tx: Sender<Msg>) -> Loader {
        let cancel = Arc::new(AtomicBool::new(false));
        let stop = cancel.clone();
        std::thread::spawn(move || {
            let send = |m: LoadMsg| {
                let _ = tx.send(Msg::Load(m));
            };
            let work =
                std::panic::AssertUnwindSafe(|| load_and_classify(input, &opts, &stop, &send));
            let result = std::panic::catch_unwind(work)
                .unwrap_or_else(|_| Err(Error::Other("the loader thread panicked".to_string())));
            send(LoadMsg::Done(Box::new(result)));
        });
        Loader { cancel }
    }

    /// Stop reading at the next progress report (classification runs to its end, unwatched).
    fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// Load and classify, sending progress (at most every 50 ms) and the first rows on the way.
fn load_and_classify(
    input: Input,
    opts: &ImportOptions,
    stop: &AtomicBool,
    send: &dyn Fn(LoadMsg),
) -> Result<super::action::Loaded, Error> {
    // The first report (the total) and the last go out at once.
    let mut last: Option<Instant> = None;
    let mut progress = |done: u64, total: u64| {
        if last.is_none_or(|t| t.elapsed() >= Duration::from_millis(50)) || done == total {
            last = Some(Instant::now());
            send(LoadMsg::Progress(super::action::LoadProgress {
                done,
                total,
                classifying: false,
            }));
        }
        !stop.load(Ordering::Relaxed)
    };
    let mut hand = |first: Export| send(LoadMsg::First(Box::new(first)));
    let export = match input {
        Input::Demo => import::load_demo(opts)?,
        Input::Path(p) => import::load_with_first_rows(
            &p,
            opts,
            &mut progress,
            Some(import::FirstRows::new(FIRST_ROWS, &mut hand)),
        )?,
    };
    if stop.load(Ordering::Relaxed) {
        return Err(Error::Import(ImportError::Cancelled));
    }
    send(LoadMsg::Progress(super::action::LoadProgress {
        done: 0,
        total: 0,
        classifying: true,
    }));
    // Overrides are applied by the app, so the classifier's own verdict stays visible; the
    // groups of near-identical notes let them follow the user's overrides there.
    let (classes, near) =
        invitriage::classify::classify_export_grouped(&export, &Default::default());
    Ok(super::action::Loaded {
        export,
        classes,
        near,
        view: None,
    })
}

/// How the app starts: from the first rows of an export still loading (and how far the load
/// is), or from all of it.
enum Start {
    First(Export, super::action::LoadProgress),
    Loaded(super::action::Loaded),
}

/// Draw a gauge until the loader hands over the first rows or the whole export; Esc, `q` or
/// Ctrl-c cancels. Other arrivals meanwhile (a store notice, a resize) are kept in `early`
/// for the event loop; keys pressed before the list shows are dropped.
fn wait_for_rows(
    term: &mut Term,
    source: &str,
    theme: &super::theme::Theme,
    signals: &Signals,
    loader: &Loader,
    rx: &Receiver<Msg>,
    early: &mut Vec<Incoming>,
) -> Result<Start, Error> {
    let started = Instant::now();
    let mut loading = Loading {
        source: source.to_string(),
        done: 0,
        total: 0,
        phase: "Loading".to_string(),
    };
    let mut first = None;
    loop {
        if signals.caught() {
            loader.cancel();
            return Err(Error::Import(ImportError::Cancelled));
        }
        // The first rows wait until a gauge would show: a small export loads whole before.
        if started.elapsed() >= SHOW_AFTER {
            if let Some(first) = first.take() {
                let progress = super::action::LoadProgress {
                    done: loading.done,
                    total: loading.total,
                    classifying: loading.phase == "Classifying",
                };
                return Ok(Start::First(first, progress));
            }
            term.draw(|f| view::render_loading(f, &loading, theme))
                .map_err(io_error("drawing"))?;
        }
        // Wake at the 100 ms mark, then every 50 ms to redraw the gauge.
        let wait = match SHOW_AFTER.checked_sub(started.elapsed()) {
            Some(left) if !left.is_zero() => left.min(Duration::from_millis(50)),
            _ => Duration::from_millis(50),
        };
        let m = match rx.recv_timeout(wait) {
            Ok(m) => m,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => {
                return Err(Error::Other("the loader thread ended".to_string()));
            }
        };
        match m {
            Msg::Load(LoadMsg::Progress(p)) if p.classifying => {
                loading.phase = "Classifying".to_string();
            }
            Msg::Load(LoadMsg::Progress(p)) => {
                loading.done = p.done;
                loading.total = p.total;
            }
            Msg::Load(LoadMsg::First(rows)) => first = Some(*rows),
            Msg::Load(LoadMsg::Done(result)) => return Ok(Start::Loaded((*result)?)),
            Msg::Ui(Incoming::Term(Event::Key(k))) => {
                let ctrl_c =
                    k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL);
                if k.code == KeyCode::Esc || k.code == KeyCode::Char('q') || ctrl_c {
                    // The reader stops at its next progress call; classification can't be
                    // interrupted, so don't wait for it: the thread ends with the process.
                    loader.cancel();
                    return Err(Error::Import(ImportError::Cancelled));
                }
            }
            Msg::Ui(Incoming::Term(_)) => {}
            Msg::Ui(back) => early.push(back),
        }
    }
}

/// The system clipboard (arboard), opened on first use and kept open (on X11 the copied text
/// lives as long as the clipboard owner does); OSC 52 through the terminal when there is no
/// system clipboard (a headless box, ssh) and the terminal is known to take it. Only profile
/// URLs reach it (`update` checks).
struct Clipboard {
    system: Option<arboard::Clipboard>,
    tried: bool,
}

impl Clipboard {
    fn new() -> Clipboard {
        Clipboard {
            system: None,
            tried: false,
        }
    }

    fn copy(&mut self, url: &str) -> Action {
        if !self.tried {
            self.tried = true;
            self.system = arboard::Clipboard::new().ok();
        }
        let mut why = "no system clipboard".to_string();
        if let Some(c) = &mut self.system {
            match c.set_text(url.to_string()) {
                Ok(()) => {
                    return Action::Copied {
                        url: url.to_string(),
                        how: "system clipboard".to_string(),
                    };
                }
                Err(e) => why = e.to_string(),
            }
        }
        if osc52_allowed(|k| std::env::var(k).ok()) {
            let mut out = std::io::stdout();
            let sent = execute!(
                out,
                crossterm::clipboard::CopyToClipboard::to_clipboard_from(url)
            );
            return match sent {
                Ok(()) => Action::Copied {
                    url: url.to_string(),
                    how: "OSC 52, via the terminal".to_string(),
                },
                Err(e) => Action::CopyFailed {
                    url: url.to_string(),
                    error: e.to_string(),
                },
            };
        }
        Action::CopyFailed {
            url: url.to_string(),
            error: format!("{why}; INVITRIAGE_OSC52=1 lets the terminal copy it"),
        }
    }
}

/// Whether to copy through the terminal (OSC 52): `INVITRIAGE_OSC52=1`/`0` decides; otherwise
/// only inside tmux or in a terminal known to accept it, since elsewhere the sequence is
/// silently dropped and "copied" would be a lie.
pub fn osc52_allowed(env: impl Fn(&str) -> Option<String>) -> bool {
    match env("INVITRIAGE_OSC52").as_deref() {
        Some("1") => return true,
        Some("0") => return false,
        _ => {}
    }
    if env("TMUX").is_some_and(|v| !v.is_empty()) {
        return true;
    }
    let program = env("TERM_PROGRAM").unwrap_or_default();
    let term = env("TERM").unwrap_or_default();
    ["iTerm.app", "WezTerm", "ghostty", "vscode"].contains(&program.as_str())
        || [
            "xterm-kitty",
            "alacritty",
            "foot",
            "wezterm",
            "xterm-ghostty",
        ]
        .iter()
        .any(|t| term.starts_with(t))
}

/// Opens URLs on a spawned thread; failures come back as actions.
struct ThreadOpener {
    tx: Sender<Msg>,
    disabled: bool,
}

impl UrlOpener for ThreadOpener {
    fn open(&mut self, url: &str) {
        if self.disabled {
            // Say so: "Opening …" would be a lie.
            let _ = self.tx.send(Msg::Ui(Incoming::Back(Action::BrowserFailed {
                url: url.to_string(),
                error: "turned off by INVITRIAGE_BROWSER=none".to_string(),
            })));
            return;
        }
        if !may_open(url) {
            let _ = self.tx.send(Msg::Ui(Incoming::Back(Action::BrowserFailed {
                url: invitriage::sanitize::clean(url).into_owned(),
                error: "not an https LinkedIn profile URL; invitriage opens nothing else"
                    .to_string(),
            })));
            return;
        }
        let tx = self.tx.clone();
        let url = url.to_string();
        std::thread::spawn(move || {
            if let Err(e) = webbrowser::open(&url) {
                let _ = tx.send(Msg::Ui(Incoming::Back(Action::BrowserFailed {
                    url,
                    error: e.to_string(),
                })));
            }
        });
    }
}

/// SIGTERM and SIGINT set a flag the loops check (within 250 ms), so the terminal is restored
/// normally; should the loop not get there in two seconds, the watcher exits anyway. SIGHUP
/// exits at once: the terminal is gone (and crossterm's poll spins on a hung-up tty, so the loop
/// would never look at a flag). Every decision shown as done is already committed, so exiting
/// loses nothing. The watcher never writes to the terminal: `main` holds the stdout lock.
struct Signals(Arc<AtomicBool>);

impl Signals {
    fn install() -> Result<Signals, Error> {
        let flag = Arc::new(AtomicBool::new(false));
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
            let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])
                .map_err(io_error("installing signal handlers"))?;
            let flag = flag.clone();
            std::thread::spawn(move || {
                if let Some(sig) = signals.forever().next() {
                    if sig != SIGHUP {
                        flag.store(true, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_secs(2));
                    }
                    std::process::exit(128 + sig);
                }
            });
        }
        Ok(Signals(flag))
    }

    fn caught(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

static TERMINAL_ACTIVE: AtomicBool = AtomicBool::new(false);
static PANIC_HOOK: Once = Once::new();
/// The thread that owns the terminal. Only it restores from the panic hook: `main` holds the
/// stdout lock, so another thread writing there would deadlock (and the owner restores anyway
/// when it sees the other thread's failure).
static UI_THREAD: OnceLock<std::thread::ThreadId> = OnceLock::new();

/// Put the terminal back: leave the alternate screen, stop mouse capture, cooked mode,
/// cursor shown. Safe to call more than once.
fn restore_terminal() {
    if TERMINAL_ACTIVE.swap(false, Ordering::SeqCst) {
        let mut out = std::io::stdout();
        let _ = execute!(
            out,
            DisableMouseCapture,
            DisableBracketedPaste,
            LeaveAlternateScreen,
            crossterm::cursor::Show
        );
        let _ = disable_raw_mode();
        let _ = out.flush();
    }
}

/// Owns the terminal while the app runs; dropping it restores the terminal.
struct TerminalGuard {
    term: Term,
}

impl TerminalGuard {
    fn enter() -> Result<TerminalGuard, Error> {
        let _ = UI_THREAD.set(std::thread::current().id());
        PANIC_HOOK.call_once(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                if UI_THREAD.get() == Some(&std::thread::current().id()) {
                    restore_terminal();
                }
                previous(info);
            }));
        });
        enable_raw_mode().map_err(io_error("setting up the terminal"))?;
        TERMINAL_ACTIVE.store(true, Ordering::SeqCst);
        let mut out = std::io::stdout();
        if let Err(e) = execute!(
            out,
            EnterAlternateScreen,
            EnableMouseCapture,
            EnableBracketedPaste
        ) {
            restore_terminal();
            return Err(io_error("setting up the terminal")(e));
        }
        let term = Terminal::new(ClusterSafe::new(CrosstermBackend::new(std::io::stdout())))
            .map_err(|e| {
                restore_terminal();
                io_error("setting up the terminal")(e)
            })?;
        Ok(TerminalGuard { term })
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

#[cfg(test)]
mod gate_tests {
    use super::may_open;

    #[test]
    fn only_profiles_and_the_invitation_manager_reach_the_browser() {
        assert!(may_open("https://www.linkedin.com/in/ana-alvarez-demo"));
        assert!(may_open(super::super::update::INVITATION_MANAGER_URL));
        for url in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "http://www.linkedin.com/in/ana",
            "data:text/html,x",
            "https://linkedin.com.evil.example/in/eve",
            "https://linkedin.com@evil.example/in/eve",
            "https://www.linkedin.com/in/ana?next=https://evil.example",
            "https://www.linkedin.com/feed/",
        ] {
            assert!(!may_open(url), "{url}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_only_where_the_terminal_takes_it() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert!(osc52_allowed(env(&[("TMUX", "/tmp/tmux-0/default,1,0")])));
        assert!(osc52_allowed(env(&[("TERM", "xterm-kitty")])));
        assert!(!osc52_allowed(env(&[("TERM", "xterm-256color")])));
        assert!(!osc52_allowed(env(&[("TERM", "linux")])));
        assert!(osc52_allowed(env(&[("INVITRIAGE_OSC52", "1")])));
        assert!(!osc52_allowed(env(&[
            ("INVITRIAGE_OSC52", "0"),
            ("TMUX", "x")
        ])));
    }

    #[test]
    fn the_quit_summary_names_the_state_in_use() {
        let p = Path::new("/tmp/my state.sqlite3");
        assert_eq!(
            quit_summary(2, p, Some(p)),
            "2 decisions saved in /tmp/my state.sqlite3; \
             `invitriage decisions --state '/tmp/my state.sqlite3'` lists them."
        );
        assert_eq!(
            quit_summary(1, Path::new("/d/state.sqlite3"), None),
            "1 decision saved in /d/state.sqlite3; `invitriage decisions` lists them."
        );
    }
}
