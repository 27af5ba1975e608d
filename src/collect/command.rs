//! Running a gate's command (docs/manifest.md, "Gate criteria"): `sh -c` in the
//! manifest's folder, stdin closed, stdout and stderr captured together (only
//! the tail is kept), in a process group of its own so that a timeout kills the
//! whole group (`killpg`), children included. Whatever the group leaves behind
//! once the shell exits is killed too, so that no stray process outlives the
//! check or holds its output pipe open.

use std::collections::HashSet;
use std::io::Read;
use std::os::unix::process::{CommandExt as _, ExitStatusExt as _};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use crate::evidence::{CommandEvidence, CommandRun, Exit};
use crate::manifest::diagnostics::is_unsafe;

/// Output bytes kept, from the end, to find the last line.
const TAIL_BYTES: usize = 8 * 1024;
/// The longest last line shown, in characters.
const MAX_LINE_CHARS: usize = 200;
/// How long to wait for the output to close once the process group is gone.
const DRAIN: Duration = Duration::from_secs(1);

/// The process groups of running commands, so that they can all be killed
/// (when the dashboard quits).
#[derive(Debug, Clone, Default)]
pub struct Groups(Arc<Mutex<HashSet<i32>>>);

impl Groups {
    fn insert(&self, group: i32) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(group);
    }

    fn remove(&self, group: i32) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&group);
    }

    /// Kills every running command's process group.
    pub fn kill_all(&self) {
        for &group in self.0.lock().unwrap_or_else(PoisonError::into_inner).iter() {
            kill_group(group);
        }
    }
}

/// Sends SIGKILL to a process group. A group that is gone is no error.
fn kill_group(group: i32) {
    // SAFETY: killpg only sends a signal; `group` is the id of a group this
    // process created (the child's own pid, made a group leader at spawn),
    // and a pid is not reused while its process group still exists.
    unsafe {
        libc::killpg(group, libc::SIGKILL);
    }
}

/// Runs `command` and waits for it, at most `timeout`.
pub fn run(command: &str, dir: &Path, timeout: Duration) -> CommandEvidence {
    run_tracked(command, dir, timeout, &Groups::default())
}

/// [`run`], with the command's process group recorded in `groups` while it runs.
pub fn run_tracked(
    command: &str,
    dir: &Path,
    timeout: Duration,
    groups: &Groups,
) -> CommandEvidence {
    let started = Instant::now();
    // `exec 2>&1` sends the shell's stderr, and so every child's, into the
    // one pipe: the output reads in the order it was written.
    let spawned = Command::new("sh")
        .arg("-c")
        .arg(format!("exec 2>&1\n{command}"))
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) => return CommandEvidence::NotStarted(format!("sh in {}: {e}", dir.display())),
    };
    let Ok(group) = i32::try_from(child.id()) else {
        let _ = child.kill();
        return CommandEvidence::NotStarted("process id out of range".into());
    };
    groups.insert(group);
    let tail = Arc::new(Mutex::new(Vec::new()));
    let drained = read_tail(&mut child, &tail);
    let exit = wait(child, group, timeout);
    // Whatever the shell left running goes too; then the pipe closes.
    kill_group(group);
    groups.remove(group);
    if let Some(drained) = drained {
        let _ = drained.recv_timeout(DRAIN);
    }
    let output = tail.lock().unwrap_or_else(PoisonError::into_inner).clone();
    CommandEvidence::Ran(CommandRun {
        exit,
        last_line: last_line(&output),
        took: started.elapsed(),
        finished: SystemTime::now(),
    })
}

/// Reads the child's output on a thread, keeping its last [`TAIL_BYTES`];
/// the returned channel closes when the output does.
fn read_tail(child: &mut Child, tail: &Arc<Mutex<Vec<u8>>>) -> Option<mpsc::Receiver<()>> {
    let mut stdout = child.stdout.take()?;
    let tail = Arc::clone(tail);
    let (done, drained) = mpsc::channel();
    thread::Builder::new()
        .name("readiness-command-output".into())
        .spawn(move || {
            let _done = done;
            let mut chunk = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                let mut tail = tail.lock().unwrap_or_else(PoisonError::into_inner);
                tail.extend_from_slice(&chunk[..n]);
                if tail.len() > 2 * TAIL_BYTES {
                    let cut = tail.len() - TAIL_BYTES;
                    tail.drain(..cut);
                }
            }
        })
        .ok()?;
    Some(drained)
}

/// Waits for the shell, killing its group at the timeout.
fn wait(mut child: Child, group: i32, timeout: Duration) -> Exit {
    let (tx, rx) = mpsc::channel();
    let waiter = thread::Builder::new()
        .name("readiness-command-wait".into())
        .spawn(move || {
            let _ = tx.send(child.wait());
        });
    if waiter.is_err() {
        kill_group(group);
        return Exit::Signal(libc::SIGKILL);
    }
    let status = match rx.recv_timeout(timeout) {
        Ok(status) => status,
        Err(_) => {
            kill_group(group);
            let _ = rx.recv();
            return Exit::TimedOut(timeout);
        }
    };
    match status {
        Ok(status) => match (status.code(), status.signal()) {
            (Some(code), _) => Exit::Code(code),
            (None, Some(signal)) => Exit::Signal(signal),
            (None, None) => Exit::Code(-1),
        },
        Err(_) => Exit::Code(-1),
    }
}

/// The last line with something on it, escape sequences and control
/// characters removed, cut to [`MAX_LINE_CHARS`].
pub fn last_line(output: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(output);
    let line = text
        .split(['\n', '\r'])
        .map(strip_escapes)
        .rev()
        .find(|line| !line.trim().is_empty())?;
    let line = line.trim();
    let mut short: String = line.chars().take(MAX_LINE_CHARS).collect();
    if line.chars().count() > MAX_LINE_CHARS {
        short.push('…');
    }
    Some(short)
}

/// Removes ANSI escape sequences (colours), other control characters and
/// bidirectional controls ([`is_unsafe`]); tabs become spaces.
fn strip_escapes(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.peek() == Some(&'[') {
                chars.next();
                // Parameters and intermediates, then one final byte.
                for c in chars.by_ref() {
                    if ('\u{40}'..='\u{7e}').contains(&c) {
                        break;
                    }
                }
            } else {
                chars.next();
            }
        } else if c == '\t' {
            out.push(' ');
        } else if !is_unsafe(c) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_non_empty_line_without_colours() {
        assert_eq!(last_line(b"one\ntwo\n\n  \n"), Some("two".into()));
        assert_eq!(
            last_line(b"\x1b[32mok\x1b[0m: 3 passed\n"),
            Some("ok: 3 passed".into())
        );
        assert_eq!(
            last_line(b"progress 10%\rprogress 100%\n"),
            Some("progress 100%".into())
        );
        assert_eq!(last_line(b"\n\n"), None);
        let long = "x".repeat(500);
        assert_eq!(
            last_line(long.as_bytes()).map(|l| l.chars().count()),
            Some(201)
        );
    }

    #[test]
    fn bidirectional_controls_are_stripped_too() {
        assert_eq!(
            last_line("ok \u{202E}3 passed\u{2066}\t!\n".as_bytes()),
            Some("ok 3 passed !".into())
        );
    }
}
