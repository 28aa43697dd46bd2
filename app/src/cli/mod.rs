//! The command line: argument definitions (clap) and dispatch to the subcommands. Subcommands
//! write to the given output; only `main` decides exit codes.

mod classify;
mod decide;
mod insight;
mod inspect;
mod output;

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::launch::{Input, Launch};
use crate::tui::config;
use invitriage::error::Error;
use invitriage::import::ImportOptions;
use invitriage::model::{Class, Export, Kind, Overrides, Verdict};
use invitriage::store::Store;

const EXAMPLES: &str = "\
Examples:
  invitriage --demo                                   triage the built-in demo export
  invitriage ~/Downloads/Basic_LinkedInDataExport_11-20-2026.zip
  invitriage stats export-folder/ --json              counts as one JSON object
  invitriage list Invitations.csv --pending --format csv
  invitriage classify --demo --format table --incoming
  invitriage decide export.zip --ignore --class boilerplate --dry-run
  invitriage decisions --verdict accept --format csv   the hand-off list
  invitriage sent export.zip --older-than 90          your requests nobody answered
  invitriage diff old-export.zip new-export.zip       what is new since the last export
  invitriage stats export.zip --by month --format csv

PATH may be Invitations.csv, an unpacked export folder, the export .zip, or invitriage JSON/JSONL.";

/// Triage LinkedIn connection requests: sort boilerplate from personal notes, see why, decide.
#[derive(Debug, Parser)]
#[command(
    name = "invitriage",
    version,
    // Not the package description (that one describes the crate, not the program).
    about = "Triage LinkedIn connection requests: sort boilerplate from personal notes, see why, decide.",
    after_help = EXAMPLES,
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// The export to triage interactively: Invitations.csv, a folder, a .zip, or JSON.
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,

    #[command(flatten)]
    pub global: GlobalArgs,
}

/// Options every subcommand takes.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Use the synthetic demo export built into the binary instead of PATH.
    #[arg(long, global = true)]
    pub demo: bool,

    /// Time zone of `Sent At` in Invitations.csv (an IANA name).
    #[arg(
        long,
        global = true,
        value_name = "ZONE",
        default_value = "America/Los_Angeles"
    )]
    pub tz: String,

    /// The most one file of an export (a ZIP entry once inflated) may hold: bytes, or with a
    /// unit (KiB, MiB, GiB; K, M, G mean the same).
    #[arg(long, global = true, value_name = "SIZE", value_parser = parse_size,
          default_value = "64MiB")]
    pub max_entry_size: u64,

    /// The most all the files of one export may hold together, once inflated.
    #[arg(long, global = true, value_name = "SIZE", value_parser = parse_size,
          default_value = "256MiB")]
    pub max_total_size: u64,

    /// The most a ZIP entry may inflate, in bytes per compressed byte (checked past 8 MiB).
    #[arg(long, global = true, value_name = "RATIO", default_value_t = invitriage::import::DEFAULT_MAX_ZIP_RATIO,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_zip_ratio: u64,

    /// The decision store [default: the platform data dir, e.g. ~/.local/share/invitriage/state.sqlite3].
    #[arg(long, global = true, value_name = "PATH", env = "INVITRIAGE_STATE")]
    pub state: Option<PathBuf>,

    /// Draw the first list frame and exit (of a large export, the list of its first rows,
    /// drawn while the rest loads): for timing (scripts/bench-compare.sh).
    #[arg(long, hide = true)]
    pub first_frame_exit: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Count invitations: incoming, outgoing, pending, with a note, boilerplate, personal.
    Stats {
        #[arg(value_name = "PATH")]
        path: Option<PathBuf>,
        /// Print exactly one JSON object.
        #[arg(long)]
        json: bool,
        /// Counts per calendar month (UTC): incoming and outgoing by kind, acceptance, and
        /// the top template clusters.
        #[arg(long, value_enum, value_name = "PERIOD")]
        by: Option<Period>,
        /// With --by: table, json (one object) or csv (one row per month).
        #[arg(long, value_enum, requires = "by")]
        format: Option<Format>,
    },
    /// Requests you sent that are still pending (invitee not in Connections.csv), oldest
    /// first: the candidates to withdraw.
    Sent {
        #[arg(value_name = "PATH")]
        path: Option<PathBuf>,
        /// Only requests at least DAYS whole days old.
        #[arg(long, value_name = "DAYS")]
        older_than: Option<u32>,
        /// Count ages up to this day (YYYY-MM-DD) [default: the date in the export's name,
        /// else its newest Sent At].
        #[arg(long, value_name = "DATE", value_parser = insight::parse_date)]
        as_of: Option<chrono::NaiveDate>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// What changed between two exports: new invitations, senders who became connections,
    /// invitations gone.
    Diff {
        /// The earlier export (any input invitriage reads).
        #[arg(value_name = "OLD")]
        old: PathBuf,
        /// The later export.
        #[arg(value_name = "NEW")]
        new: PathBuf,
        /// table, or json (one object: new, connected_since, gone).
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// One record per invitation, in file order.
    List {
        #[arg(value_name = "PATH")]
        path: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        #[command(flatten)]
        filter: DirectionFilter,
    },
    /// Classify every note as boilerplate or personal, with the reasons.
    Classify {
        #[arg(value_name = "PATH")]
        path: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Only incoming invitations.
        #[arg(long)]
        incoming: bool,
    },
    /// Score the classifier on a labeled file: confusion matrix, precision and recall. With
    /// --overrides, on your own reclassifications instead.
    Eval {
        /// A labeled file or folder (see fixtures/labeled/README.md); with --overrides, the
        /// export whose reclassifications to score.
        #[arg(value_name = "LABELED_FILE|PATH")]
        labeled: Option<PathBuf>,
        /// Score the classifier against the reclassifications you saved (`r` in the app): how
        /// far to trust it on your own notes.
        #[arg(long)]
        overrides: bool,
    },
    /// Decide in bulk: the pending, undecided, incoming invitations that match.
    Decide {
        #[arg(value_name = "PATH")]
        path: Option<PathBuf>,
        #[command(flatten)]
        verdict: VerdictArg,
        /// Only invitations of this class.
        #[arg(long, value_enum)]
        class: Option<ClassArg>,
        /// Only these kinds (comma-separated).
        #[arg(long, value_enum, value_delimiter = ',')]
        kind: Vec<KindArg>,
        /// Only senders whose name contains TEXT (case-insensitive).
        #[arg(long, value_name = "TEXT")]
        from: Option<String>,
        /// Print what would be decided; change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// The decisions made so far: the hand-off list.
    Decisions {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        #[arg(long, value_enum)]
        verdict: Option<VerdictValue>,
    },
    /// Revert the last decision event.
    Undo,
    /// Configuration file helpers.
    Config {
        /// Write the full default config file to stdout.
        #[arg(long)]
        print_default: bool,
    },
    /// Print a shell completion script (generated from these very definitions).
    ///
    /// bash: `invitriage completions bash > ~/.local/share/bash-completion/completions/invitriage`;
    /// zsh: into a directory on `$fpath` as `_invitriage`;
    /// fish: `> ~/.config/fish/completions/invitriage.fish`.
    Completions {
        #[arg(value_enum)]
        shell: ShellArg,
    },
    /// Print the man page (roff): `invitriage man > invitriage.1`, or `invitriage man | man -l -`.
    Man,
}

/// The shells `invitriage completions` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShellArg {
    Bash,
    Zsh,
    Fish,
}

#[derive(Debug, Clone, Copy, Args)]
#[group(multiple = false)]
pub struct DirectionFilter {
    /// Only incoming invitations.
    #[arg(long)]
    pub incoming: bool,
    /// Only outgoing invitations.
    #[arg(long)]
    pub outgoing: bool,
    /// Only pending incoming invitations (sender not in Connections.csv).
    #[arg(long)]
    pub pending: bool,
}

#[derive(Debug, Clone, Copy, Args)]
#[group(required = true, multiple = false)]
pub struct VerdictArg {
    /// Accept the matching invitations.
    #[arg(long)]
    pub accept: bool,
    /// Ignore the matching invitations.
    #[arg(long)]
    pub ignore: bool,
}

impl VerdictArg {
    pub fn verdict(self) -> Verdict {
        if self.accept {
            Verdict::Accept
        } else {
            Verdict::Ignore
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Jsonl,
    Csv,
}

/// How `stats --by` groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Period {
    Month,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClassArg {
    Boilerplate,
    Personal,
}

impl From<ClassArg> for Class {
    fn from(c: ClassArg) -> Class {
        match c {
            ClassArg::Boilerplate => Class::Boilerplate,
            ClassArg::Personal => Class::Personal,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum KindArg {
    NoNote,
    Default,
    Generic,
    Template,
    Personal,
}

impl From<KindArg> for Kind {
    fn from(k: KindArg) -> Kind {
        match k {
            KindArg::NoNote => Kind::NoNote,
            KindArg::Default => Kind::Default,
            KindArg::Generic => Kind::Generic,
            KindArg::Template => Kind::Template,
            KindArg::Personal => Kind::Personal,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VerdictValue {
    Accept,
    Ignore,
    Withdraw,
}

impl From<VerdictValue> for Verdict {
    fn from(v: VerdictValue) -> Verdict {
        match v {
            VerdictValue::Accept => Verdict::Accept,
            VerdictValue::Ignore => Verdict::Ignore,
            VerdictValue::Withdraw => Verdict::Withdraw,
        }
    }
}

impl GlobalArgs {
    pub fn import_options(&self) -> Result<ImportOptions, Error> {
        let tz = self.tz.parse::<chrono_tz::Tz>().map_err(|_| {
            Error::Usage(format!(
                "--tz: unknown time zone {:?}; expected an IANA name such as America/Los_Angeles or Europe/Paris",
                self.tz
            ))
        })?;
        Ok(ImportOptions {
            tz,
            max_entry_size: self.max_entry_size,
            max_total_size: self.max_total_size,
            max_zip_ratio: self.max_zip_ratio,
        })
    }

    /// The arguments as a plain value for the app and the subcommands: checks `--tz`, then
    /// PATH against `--demo`.
    pub fn launch(&self, path: Option<PathBuf>) -> Result<Launch, Error> {
        let import = self.import_options()?;
        Ok(Launch {
            input: Input::from_args(path, self.demo)?,
            import,
            state_path: self.state.clone(),
            first_frame_exit: self.first_frame_exit,
        })
    }

    /// Load PATH, or the demo export with `--demo`.
    pub fn load(&self, path: Option<&PathBuf>) -> Result<Export, Error> {
        self.launch(path.cloned())?.load()
    }
}

/// The user's reclassifications from the decision store, read without creating or upgrading
/// it; empty when there is no state yet.
pub fn saved_overrides(state: Option<&Path>) -> Result<Overrides, Error> {
    let path = Store::resolve(state)?;
    Ok(match Store::open_read_only(&path)? {
        Some(store) => {
            warn_store(&store);
            store.overrides()?
        }
        None => Overrides::new(),
    })
}

/// `invitriage config`: with `--print-default`, the full default config file; otherwise where
/// the config file is and whether it parses.
fn config_command(print_default: bool, out: &mut dyn Write) -> Result<(), Error> {
    if print_default {
        return out
            .write_all(config::default_toml().as_bytes())
            .map_err(io_err);
    }
    let path = config::path();
    let shown = path
        .as_ref()
        .map(invitriage::sanitize::path)
        .unwrap_or_else(|| "(no config directory on this platform)".to_string());
    config::load(config::no_color_requested())?;
    let exists = path.as_ref().is_some_and(|p| p.exists());
    writeln!(
        out,
        "config file: {shown} ({})\n`invitriage config --print-default > {shown}` writes every default to edit.",
        if exists { "valid" } else { "not present: using the defaults" }
    )
    .map_err(io_err)
}

impl Command {
    /// The command classifies notes (so the classifier's tables are worth building early).
    fn classifies(&self) -> bool {
        matches!(
            self,
            Command::Stats { .. }
                | Command::Diff { .. }
                | Command::List { .. }
                | Command::Classify { .. }
                | Command::Eval { .. }
                | Command::Decide { .. }
        )
    }
}

/// A size such as `300MiB`, `1G` or `1048576`.
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, unit) = t.split_at(split);
    let n: u64 = digits.parse().map_err(|_| {
        format!("{s:?} is not a size; expected bytes, or a number with KiB, MiB or GiB")
    })?;
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        "t" | "tb" | "tib" => 40,
        other => {
            return Err(format!(
                "unknown unit {other:?}; expected KiB, MiB, GiB or TiB"
            ));
        }
    };
    n.checked_mul(1u64 << shift)
        .filter(|&b| b > 0)
        .ok_or_else(|| format!("{s:?} is not a size greater than 0 that fits in 64 bits"))
}

/// Run the parsed command line, writing results to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<(), Error> {
    let g = &cli.global;
    if cli.command.as_ref().is_none_or(Command::classifies) {
        // The classifier's tables are built while the export is read, on another core.
        std::thread::spawn(invitriage::classify::prepare);
    }
    match cli.command {
        // The app loads the export itself, behind a cancellable progress gauge.
        None => crate::tui::launch(&g.launch(cli.path)?, out),
        Some(Command::Stats {
            path,
            json,
            by: Some(Period::Month),
            format,
        }) => {
            let format = format.unwrap_or(if json { Format::Json } else { Format::Table });
            insight::stats_by_month(
                &g.load(path.as_ref())?,
                &saved_overrides(g.state.as_deref())?,
                format,
                out,
            )
        }
        Some(Command::Stats { path, json, .. }) => {
            let export = g.load(path.as_ref())?;
            let result = inspect::stats(&export, &saved_overrides(g.state.as_deref())?, json, out);
            // The process ends after this command: freeing a million invitations one
            // allocation at a time would add a tenth to the run for nothing.
            std::mem::forget(export);
            result
        }
        Some(Command::Sent {
            path,
            older_than,
            as_of,
            format,
        }) => insight::sent(&g.load(path.as_ref())?, older_than, as_of, format, out),
        Some(Command::Diff { old, new, format }) => {
            if g.demo {
                return Err(Error::Usage(
                    "diff compares two inputs: give OLD and NEW, not --demo".to_string(),
                ));
            }
            let opts = g.import_options()?;
            let old = invitriage::import::load(&old, &opts)?;
            let new = invitriage::import::load(&new, &opts)?;
            let d = invitriage::insight::diff::diff(&old, &new);
            insight::diff(&old, &new, &d, format, out)
        }
        Some(Command::List {
            path,
            format,
            filter,
        }) => inspect::list(&g.load(path.as_ref())?, format, filter, out),
        Some(Command::Classify {
            path,
            format,
            incoming,
        }) => classify::classify(g, &g.load(path.as_ref())?, format, incoming, out),
        Some(Command::Eval {
            labeled,
            overrides: true,
        }) => classify::eval_overrides(
            &g.load(labeled.as_ref())?,
            &saved_overrides(g.state.as_deref())?,
            out,
        ),
        Some(Command::Eval {
            labeled: Some(labeled),
            overrides: false,
        }) => classify::eval(&labeled, out),
        Some(Command::Eval { labeled: None, .. }) => Err(Error::Usage(
            "eval needs a labeled file or folder (see fixtures/labeled/README.md), or --overrides"
                .to_string(),
        )),
        Some(Command::Decide {
            path,
            verdict,
            class,
            kind,
            from,
            dry_run,
        }) => {
            let export = g.load(path.as_ref())?;
            let filter = decide::DecideFilter {
                verdict: verdict.verdict(),
                class: class.map(Into::into),
                kinds: kind.into_iter().map(Into::into).collect(),
                from,
                dry_run,
            };
            decide::decide(g, &export, &filter, out)
        }
        Some(Command::Decisions { format, verdict }) => {
            decide::decisions(g, format, verdict.map(Into::into), out)
        }
        Some(Command::Undo) => decide::undo(g, out),
        Some(Command::Config { print_default }) => config_command(print_default, out),
        Some(Command::Completions { shell }) => completions(shell, out),
        Some(Command::Man) => man_page(out),
    }
}

/// `invitriage completions SHELL`: clap_complete over the same `Cli` the parser uses, so the
/// script never lists a flag the binary does not take.
fn completions(shell: ShellArg, out: &mut dyn Write) -> Result<(), Error> {
    use clap::CommandFactory;
    use clap_complete::Shell;
    let shell = match shell {
        ShellArg::Bash => Shell::Bash,
        ShellArg::Zsh => Shell::Zsh,
        ShellArg::Fish => Shell::Fish,
    };
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "invitriage", &mut buf);
    out.write_all(&buf).map_err(io_err)
}

/// `invitriage man`: the man page, from the same definitions (clap_mangen), one page with every
/// subcommand.
fn man_page(out: &mut dyn Write) -> Result<(), Error> {
    use clap::CommandFactory;
    let mut buf = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut buf)
        .map_err(io_err)?;
    out.write_all(&buf).map_err(io_err)
}

pub(crate) use output::io_err;

pub(crate) use crate::warn::warn_store;

/// The line `main` prints for a failure. Messages quote file names and values from the
/// input, so the whole text is cleaned (line breaks kept), whatever built it.
pub fn error_line(e: &Error) -> String {
    format!(
        "invitriage: error: {}",
        invitriage::sanitize::lines(&e.to_string())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_line_holds_no_escape_sequence() {
        let e = Error::Other(
            "reading dir\u{1b}]52;c;ZWNobw==\u{7}/x.csv:\nfound a\u{1b}[2Jb".to_string(),
        );
        assert_eq!(
            error_line(&e),
            "invitriage: error: reading dir/x.csv:\nfound ab"
        );
    }
}
