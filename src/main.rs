use std::process::ExitCode;

fn main() -> ExitCode {
    readiness::cli::main()
}
