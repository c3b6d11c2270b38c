//! The `chronoscope` binary: parses the command line and either runs a
//! command-line tool (`check`) or opens the window.

use std::process::ExitCode;

fn main() -> ExitCode {
    chronoscope::cli::main()
}
