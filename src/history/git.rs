//! The `git` command line, for the manifest's past versions. Every command
//! runs in the manifest's folder with the file's own name, so the path within
//! the repository never has to be worked out; `--follow` tracks the file
//! across renames, and each commit reports the file's name in it.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use chrono::NaiveDate;

/// Settings of the repository's config that would make git start a program
/// or fetch, overridden on the command line (`-c` beats every config file).
const HARDENING: &[&str] = &[
    "core.fsmonitor=false",
    "core.untrackedCache=false",
    "core.hooksPath=/dev/null",
    "core.pager=cat",
    "core.sshCommand=false",
    "core.gitProxy=",
    "core.askPass=",
    "core.alternateRefsCommand=",
    "credential.helper=",
    "log.showSignature=false",
    "pager.log=false",
    "pager.cat-file=false",
    "pager.rev-parse=false",
    "protocol.allow=never",
    "gc.auto=0",
    "maintenance.auto=false",
    "diff.external=",
];

/// Why there is no history to read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GitError {
    #[error("git is not installed")]
    NotInstalled,
    #[error("{} is not in a git repository", .0.display())]
    NotARepository(PathBuf),
    #[error("git failed: {0}")]
    Failed(String),
}

/// One commit of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub commit: String,
    /// The file's path in that commit, relative to the repository's top
    /// (empty when git did not say, e.g. for a merge).
    pub path: String,
    /// Committer time, seconds since the epoch.
    pub time: i64,
    /// The committer's date, in the committer's own time zone.
    pub date: NaiveDate,
}

/// The manifest's folder and file name, the way every command is run.
#[derive(Debug, Clone)]
pub struct File {
    dir: PathBuf,
    name: String,
}

impl File {
    /// A manifest path; `NotARepository` when git is there but the folder is
    /// not in a work tree.
    pub fn open(path: &Path) -> Result<File, GitError> {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| GitError::Failed(format!("{} has no file name", path.display())))?
            .to_owned();
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
            _ => PathBuf::from("."),
        };
        let file = File { dir, name };
        match file.run(&["rev-parse", "--is-inside-work-tree"]) {
            Ok(out) if out.trim() == "true" => Ok(file),
            Ok(_) | Err(GitError::Failed(_)) => Err(GitError::NotARepository(file.dir.clone())),
            Err(e) => Err(e),
        }
    }

    fn command(&self) -> Command {
        let mut c = Command::new("git");
        c.current_dir(&self.dir);
        // Nothing of ours leaks in: no inherited GIT_* variable (GIT_DIR,
        // GIT_CONFIG_PARAMETERS, GIT_EXTERNAL_DIFF, GIT_SSH_COMMAND, …).
        for (name, _) in std::env::vars_os() {
            if name.to_string_lossy().starts_with("GIT_") {
                c.env_remove(name);
            }
        }
        c.env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_NO_LAZY_FETCH", "1")
            .env("GIT_ALLOW_PROTOCOL", "")
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("GIT_OPTIONAL_LOCKS", "0")
            .env("GIT_PAGER", "cat")
            .env("GIT_NO_REPLACE_OBJECTS", "1")
            .args(["--no-pager", "--no-lazy-fetch", "--no-replace-objects"]);
        for setting in HARDENING {
            c.args(["-c", setting]);
        }
        c.stdin(Stdio::null());
        c
    }

    fn run(&self, args: &[&str]) -> Result<String, GitError> {
        let out = self.command().args(args).output().map_err(spawn_error)?;
        if !out.status.success() {
            let err = String::from_utf8_lossy(&out.stderr);
            return Err(GitError::Failed(
                err.lines().next().unwrap_or("no message").to_owned(),
            ));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// `HEAD`'s commit, to tell when the history may have changed.
    pub fn head(&self) -> Option<String> {
        self.run(&["rev-parse", "-q", "--verify", "HEAD"])
            .ok()
            .map(|s| s.trim().to_owned())
    }

    /// The last commit touching the file at or before `end` (seconds since
    /// the epoch, inclusive), following renames.
    ///
    /// Not `git log --before`: with `--follow`, git drops the commits after
    /// the date before it looks at their renames, so a file renamed since
    /// would not be found under its old name. The whole log is read instead
    /// (a few ms per thousand commits) and the date compared here.
    pub fn last_before(&self, end: i64) -> Result<Option<Version>, GitError> {
        Ok(last_before(&self.versions()?, end).cloned())
    }

    /// Every commit touching the file, newest first (by history, not by
    /// date), following renames.
    pub fn versions(&self) -> Result<Vec<Version>, GitError> {
        Ok(parse_log(&self.log()?))
    }

    fn log(&self) -> Result<String, GitError> {
        let args = [
            "log",
            "--no-show-signature",
            "--no-ext-diff",
            "--no-textconv",
            "--no-color",
            "--follow",
            "--format=%x1e%H %ct %cI",
            "--name-only",
            "--",
            &self.name,
        ];
        match self.run(&args) {
            // A repository without a commit yet.
            Err(GitError::Failed(m)) if m.contains("does not have any commits") => {
                Ok(String::new())
            }
            other => other,
        }
    }

    /// `sha:path` for a version: the path it had then, or today's name
    /// relative to the folder when git did not say.
    fn object(&self, v: &Version) -> String {
        if v.path.is_empty() {
            format!("{}:./{}", v.commit, self.name)
        } else {
            format!("{}:{}", v.commit, v.path)
        }
    }

    /// The file's text in one version.
    pub fn text(&self, v: &Version) -> Result<String, GitError> {
        self.run(&["cat-file", "blob", &self.object(v)])
    }

    /// The texts of many versions through one `git cat-file --batch`; a
    /// version git cannot find gives `None`.
    pub fn texts(&self, versions: &[Version]) -> Result<Vec<Option<String>>, GitError> {
        let mut child = self
            .command()
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(spawn_error)?;
        let input: String = versions.iter().map(|v| self.object(v) + "\n").collect();
        let mut stdin = child.stdin.take().ok_or_else(|| failed("no stdin"))?;
        // Write on a thread: git's answers fill its stdout while we write.
        let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
        let stdout = child.stdout.take().ok_or_else(|| failed("no stdout"))?;
        let mut reader = BufReader::new(stdout);
        let mut texts = Vec::with_capacity(versions.len());
        let mut header = String::new();
        for _ in versions {
            header.clear();
            if reader.read_line(&mut header).map_err(io_error)? == 0 {
                break;
            }
            // `<oid> blob <size>`, or `<object> missing`.
            let size = match header.trim_end().rsplit_once(' ') {
                Some((kind, size)) if kind.ends_with(" blob") => size.parse::<usize>().ok(),
                _ => None,
            };
            let Some(size) = size else {
                texts.push(None);
                continue;
            };
            let mut body = vec![0; size + 1];
            reader.read_exact(&mut body).map_err(io_error)?;
            body.truncate(size);
            texts.push(String::from_utf8(body).ok());
        }
        let _ = writer.join();
        let _ = child.wait();
        texts.resize(versions.len(), None);
        Ok(texts)
    }
}

/// [`File::last_before`] among versions already read (newest first).
pub fn last_before(versions: &[Version], end: i64) -> Option<&Version> {
    versions.iter().find(|v| v.time <= end)
}

fn spawn_error(e: std::io::Error) -> GitError {
    if e.kind() == std::io::ErrorKind::NotFound {
        GitError::NotInstalled
    } else {
        GitError::Failed(e.to_string())
    }
}

fn io_error(e: std::io::Error) -> GitError {
    GitError::Failed(e.to_string())
}

fn failed(what: &str) -> GitError {
    GitError::Failed(what.to_owned())
}

/// `git log --format=%x1e%H %ct %cI --name-only` records.
fn parse_log(out: &str) -> Vec<Version> {
    out.split('\x1e')
        .filter_map(|record| {
            let mut lines = record.lines();
            let mut head = lines.next()?.split(' ');
            let commit = head.next()?.to_owned();
            let time = head.next()?.parse().ok()?;
            let date = head.next()?.get(..10)?.parse().ok()?;
            let path = lines
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .to_owned();
            Some(Version {
                commit,
                path,
                time,
                date,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_records_parse_with_and_without_a_path() {
        let out = "\x1eaaa 1763658000 2026-11-20T17:00:00+01:00\n\nplan/readiness.toml\n\x1ebbb 1763600000 2026-11-19T23:30:00-05:00\n";
        let v = parse_log(out);
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].path, "plan/readiness.toml");
        assert_eq!(
            v[0].date,
            NaiveDate::from_ymd_opt(2026, 11, 20).expect("date")
        );
        assert_eq!(v[1].path, "");
        assert_eq!(
            v[1].date,
            NaiveDate::from_ymd_opt(2026, 11, 19).expect("date")
        );
    }
}
