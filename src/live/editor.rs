//! `e`: the manifest in the user's editor at the selected item's line. The
//! editor is `$VISUAL`, else `$EDITOR`, else `vi`, run through `sh` (so an
//! `EDITOR="code -w"` with arguments works) with `+LINE` — which vi, vim,
//! neovim, emacs, nano, micro, helix and kakoune all read — and the file.
//! The dashboard gives the terminal back while it runs and reloads after.

use std::io;
use std::path::Path;
use std::process::{Command, ExitStatus};

/// The editor's command line for `file` at `line`.
pub fn command(file: &Path, line: Option<usize>) -> Command {
    let editor = ["VISUAL", "EDITOR"]
        .into_iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".to_owned());
    let mut cmd = Command::new("sh");
    // The editor's words as the user wrote them; the file as one argument.
    cmd.arg("-c")
        .arg(format!("{editor} \"$@\""))
        .arg("readiness");
    if let Some(line) = line {
        cmd.arg(format!("+{line}"));
    }
    cmd.arg(file);
    cmd
}

/// Runs the editor on the terminal and waits for it.
pub fn run(file: &Path, line: Option<usize>) -> io::Result<ExitStatus> {
    command(file, line).status()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_comes_before_the_file() {
        let cmd = command(Path::new("/tmp/a b/readiness.toml"), Some(12));
        let args: Vec<_> = cmd
            .get_args()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        assert_eq!(args[0], "-c");
        assert!(args[1].ends_with(" \"$@\""), "{args:?}");
        assert_eq!(&args[2..], ["readiness", "+12", "/tmp/a b/readiness.toml"]);
    }
}
