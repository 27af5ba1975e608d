//! The `readiness` binary: the command line of [`readiness::cli`].

use std::process::ExitCode;

fn main() -> ExitCode {
    readiness::cli::main()
}
