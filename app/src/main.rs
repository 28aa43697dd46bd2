//! The binary: parse the command line, run, and map failures to exit codes
//! (2 for bad input, 1 otherwise).

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use invitriage_app::cli::{self, Cli};

fn main() -> ExitCode {
    // Unexpected failures (bugs) get color-eyre's report; expected ones are printed plainly.
    let _ = color_eyre::install();
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = cli::run(cli, &mut out);
    let _ = out.flush();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(invitriage::Error::Io { source, .. })
            if source.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", cli::error_line(&e));
            ExitCode::from(e.exit_code() as u8)
        }
    }
}
