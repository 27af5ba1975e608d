//! Repositories whose configuration names a program in every way git allows.
//! Each program only creates a marker file; every command and the dashboard
//! run in each repository, and no marker may appear. A `git` first on the
//! `PATH` that marks too proves no `git` process is started at all.

use std::fs;
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use serde_json::Value;
use tempfile::TempDir;

use super::{BASE, TODAY, friday_and_monday, run_everything, tmux_dashboard};

/// Where the programs leave their marks, and the programs.
pub struct Traps {
    dir: TempDir,
}

impl Traps {
    pub fn new() -> Traps {
        let traps = Traps {
            dir: TempDir::new().expect("temp dir"),
        };
        fs::create_dir(traps.marks()).expect("marks");
        fs::create_dir(traps.bin()).expect("bin");
        // A `git` that marks, first on the PATH readiness runs with.
        traps.program_at(&traps.bin().join("git"), "git-on-path");
        traps
    }

    /// The folder the marks are written to.
    pub fn marks(&self) -> PathBuf {
        self.dir.path().join("marks")
    }

    /// The folder put first on the `PATH`.
    pub fn bin(&self) -> PathBuf {
        self.dir.path().join("bin")
    }

    /// A script that creates the mark `name` (and reads and discards its
    /// input, as a filter or a pager would).
    pub fn program(&self, name: &str) -> String {
        let path = self.dir.path().join(format!("{name}.sh"));
        self.program_at(&path, name);
        path.display().to_string()
    }

    fn program_at(&self, path: &Path, name: &str) {
        let mark = self.marks().join(name);
        fs::write(
            path,
            format!("#!/bin/sh\ntouch '{}'\nexit 0\n", mark.display()),
        )
        .expect("write program");
        fs::set_permissions(path, fs::Permissions::from_mode(0o755)).expect("chmod");
    }

    /// The marks left so far.
    pub fn left(&self) -> Vec<String> {
        let mut marks: Vec<String> = fs::read_dir(self.marks())
            .expect("marks")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        marks.sort();
        marks
    }

    /// The `PATH` with the marking `git` first.
    pub fn path_var(&self) -> String {
        format!(
            "{}:{}",
            self.bin().display(),
            std::env::var("PATH").unwrap_or_default()
        )
    }
}

/// A throw-away repository (built with the real git, before any trap is set).
pub struct Repo {
    pub dir: TempDir,
}

impl Repo {
    pub fn new() -> Repo {
        let repo = Repo {
            dir: TempDir::new().expect("temp dir"),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        repo
    }

    /// A repository in a new folder under `parent`.
    pub fn new_in(parent: &Path) -> Repo {
        let repo = Repo {
            dir: TempDir::new_in(parent).expect("temp dir"),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        repo
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn git(&self, args: &[&str]) -> String {
        git_in(self.dir.path(), args, None)
    }

    /// Writes `object` as a commit as it is (git checks nothing of it) and
    /// points `main` at it.
    pub fn commit_raw(&self, object: &[u8]) {
        let path = self.path("commit-object");
        fs::write(&path, object).expect("write object");
        let id = self.git(&[
            "hash-object",
            "-t",
            "commit",
            "-w",
            "--literally",
            &path.display().to_string(),
        ]);
        fs::remove_file(&path).expect("remove object file");
        self.git(&["update-ref", "refs/heads/main", &id]);
    }

    /// Writes `name` and commits it at noon UTC on `day`.
    pub fn commit(&self, name: &str, text: &str, day: &str) {
        fs::write(self.path(name), text).expect("write");
        self.git(&["add", name]);
        let date = format!("{day}T12:00:00+0000");
        git_in(
            self.dir.path(),
            &["commit", "-q", "-m", &format!("{name} on {day}")],
            Some(&date),
        );
    }

    /// Sets `key` to `value` in the repository's own config.
    pub fn config(&self, key: &str, value: &str) {
        self.git(&["config", "--add", key, value]);
    }
}

/// Runs the real git (never the marking one) in the hermetic environment
/// (a fixed identity, no config but the repository's), with no signing and
/// no hooks.
pub fn git_in(dir: &Path, args: &[&str], date: Option<&str>) -> String {
    let mut c = super::hermetic::git(dir);
    c.args(["-c", "core.hooksPath=/dev/null"])
        .args(args)
        .stdin(Stdio::null());
    if let Some(date) = date {
        c.env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date);
    }
    let out = c.output().expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// Every setting git reads that starts a program, each naming a trap.
fn program_settings(traps: &Traps) -> Vec<(String, String)> {
    let mut settings = Vec::new();
    let mut set = |key: &str, name: &str| {
        settings.push((key.to_owned(), traps.program(name)));
    };
    set("gpg.program", "gpg-program");
    set("gpg.openpgp.program", "gpg-openpgp-program");
    set("gpg.x509.program", "gpg-x509-program");
    set("gpg.ssh.program", "gpg-ssh-program");
    set("gpg.ssh.defaultKeyCommand", "gpg-ssh-default-key-command");
    set("core.fsmonitor", "core-fsmonitor");
    set("core.sshCommand", "core-ssh-command");
    set("core.pager", "core-pager");
    set("core.editor", "core-editor");
    set("core.askPass", "core-askpass");
    set("core.gitProxy", "core-git-proxy");
    set("core.alternateRefsCommand", "core-alternate-refs-command");
    set("sequence.editor", "sequence-editor");
    set("pager.log", "pager-log");
    set("pager.cat-file", "pager-cat-file");
    set("pager.show", "pager-show");
    set("diff.external", "diff-external");
    set("diff.evil.textconv", "diff-textconv");
    set("diff.evil.command", "diff-command");
    set("filter.evil.clean", "filter-clean");
    set("filter.evil.smudge", "filter-smudge");
    set("filter.evil.process", "filter-process");
    set("merge.evil.driver", "merge-driver");
    set("uploadpack.packObjectsHook", "upload-pack-objects-hook");
    set("remote.origin.uploadpack", "remote-uploadpack");
    set("remote.origin.receivepack", "remote-receivepack");
    set("web.browser", "web-browser");
    set("browser.evil.cmd", "browser-cmd");
    set("difftool.evil.cmd", "difftool-cmd");
    set("mergetool.evil.cmd", "mergetool-cmd");
    set("sendemail.sendmailCmd", "sendemail-cmd");
    let alias = format!("!{}", traps.program("alias"));
    settings.push(("alias.log".into(), alias.clone()));
    settings.push(("alias.cat-file".into(), alias));
    let helper = format!("!{}", traps.program("credential-helper"));
    settings.push(("credential.helper".into(), helper));
    for (key, value) in [
        ("log.showSignature", "true"),
        ("filter.evil.required", "true"),
        ("gpg.format", "openpgp"),
        ("core.fsmonitorHookVersion", "2"),
        ("core.untrackedCache", "true"),
        ("protocol.allow", "always"),
        ("protocol.ext.allow", "always"),
        ("maintenance.auto", "true"),
        ("gc.auto", "1"),
        ("log.mailmap", "true"),
    ] {
        settings.push((key.into(), value.into()));
    }
    settings
}

/// Hooks under every name git knows, in `dir`.
fn hooks(traps: &Traps, dir: &Path) {
    fs::create_dir_all(dir).expect("hooks dir");
    for name in [
        "applypatch-msg",
        "pre-applypatch",
        "post-applypatch",
        "pre-commit",
        "pre-merge-commit",
        "prepare-commit-msg",
        "commit-msg",
        "post-commit",
        "pre-rebase",
        "post-checkout",
        "post-merge",
        "pre-push",
        "pre-receive",
        "update",
        "proc-receive",
        "post-receive",
        "post-update",
        "reference-transaction",
        "push-to-checkout",
        "pre-auto-gc",
        "post-rewrite",
        "sendemail-validate",
        "fsmonitor-watchman",
        "p4-changelist",
        "p4-prepare-changelist",
        "p4-post-changelist",
        "p4-pre-submit",
        "post-index-change",
    ] {
        let path = dir.join(name);
        traps.program_at(&path, &format!("hook-{name}"));
    }
}

/// A commit carrying a `gpgsig` header on top of `HEAD`, written as a raw
/// object (so no signing program runs to make it).
fn signed_commit(repo: &Repo, text: &str, day: &str) {
    fs::write(repo.path("readiness.toml"), text).expect("write");
    repo.git(&["add", "readiness.toml"]);
    let tree = repo.git(&["write-tree"]);
    let parent = repo.git(&["rev-parse", "HEAD"]);
    let when = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .expect("day")
        .and_hms_opt(12, 0, 0)
        .expect("noon")
        .and_utc()
        .timestamp();
    let object = format!(
        "tree {tree}\nparent {parent}\nauthor t <t@example.com> {when} +0000\n\
         committer t <t@example.com> {when} +0000\n\
         gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEEevil\n =evil\n -----END PGP SIGNATURE-----\n\
         mergetag object {parent}\n type commit\n tag evil\n\nsigned on {day}\n"
    );
    repo.commit_raw(object.as_bytes());
    repo.git(&["reset", "-q", "--hard", "main"]);
}

/// Friday's and Monday's manifests, the Monday commit signed, and every
/// program-naming setting, hook, attribute and include in place.
fn hostile_repo(traps: &Traps) -> Repo {
    let repo = Repo::new();
    let (friday, monday) = friday_and_monday();
    fs::write(
        repo.path(".gitattributes"),
        "* filter=evil diff=evil merge=evil\n*.toml filter=evil diff=evil merge=evil text\n",
    )
    .expect("attributes");
    fs::write(
        repo.path(".mailmap"),
        "Evil <e@example.com> <t@example.com>\n",
    )
    .expect("mailmap");
    repo.git(&["add", ".gitattributes", ".mailmap"]);
    repo.commit("readiness.toml", &friday, "2026-11-20");
    signed_commit(&repo, &monday, "2026-11-23");
    // Now the traps: nothing below may ever run.
    for (key, value) in program_settings(traps) {
        repo.config(&key, &value);
    }
    // Includes: a file that names the same programs, included plainly and
    // conditionally.
    let included = repo.path("included.gitconfig");
    let mut text = String::new();
    for (key, value) in program_settings(traps) {
        let (section, name) = key.rsplit_once('.').expect("section.key");
        let section = match section.split_once('.') {
            Some((s, sub)) => format!("{s} \"{sub}\""),
            None => section.to_owned(),
        };
        text.push_str(&format!("[{section}]\n\t{name} = {value}\n"));
    }
    fs::write(&included, text).expect("included config");
    repo.config("include.path", &included.display().to_string());
    let dir = repo.dir.path().display().to_string();
    repo.config(
        &format!("includeIf.gitdir:{dir}/.git.path"),
        &included.display().to_string(),
    );
    repo.config(
        "includeIf.onbranch:main.path",
        &included.display().to_string(),
    );
    hooks(traps, &repo.path(".git/hooks"));
    let hooks_path = repo.path("evil-hooks");
    hooks(traps, &hooks_path);
    repo.config("core.hooksPath", &hooks_path.display().to_string());
    repo.config(
        "remote.origin.url",
        "ext::sh -c touch% /tmp/readiness-hostile-ext",
    );
    repo
}

/// The git that made the repositories reads the history itself, with the
/// traps set, to prove they are live: the same `git log` the old reader ran
/// starts the signature program.
fn traps_are_live(repo: &Repo, traps: &Traps) {
    let out = super::hermetic::command("git")
        .current_dir(repo.dir.path())
        .args(["log", "--follow", "--format=%H", "--", "readiness.toml"])
        .stdin(Stdio::null())
        .output()
        .expect("git log");
    assert!(out.status.success(), "{out:?}");
    let left = traps.left();
    assert!(
        left.iter().any(|m| m.starts_with("gpg")),
        "the signature trap must be live for the test to mean anything: {left:?}"
    );
    for mark in left {
        fs::remove_file(traps.marks().join(mark)).expect("clear mark");
    }
}

#[test]
fn no_program_named_by_a_repository_runs() {
    if super::tools_missing() {
        return;
    }
    let traps = Traps::new();
    let repo = hostile_repo(&traps);
    traps_are_live(&repo, &traps);
    let json = run_everything(&repo.path("readiness.toml"), &traps, &[]);
    assert_eq!(traps.left(), Vec::<String>::new());
    // The history was read (the signed Monday commit and Friday's before
    // it), so nothing passed by not reading it.
    let since = &json["since"];
    assert_eq!(since["source"], "git", "{since}");
    assert_eq!(since["commit_date"], "2026-11-20", "{since}");
    assert_eq!(since["new_blockers"], serde_json::json!(["e"]), "{since}");
    tmux_dashboard(&repo.path("readiness.toml"), &traps, &[]);
    assert_eq!(traps.left(), Vec::<String>::new());
    assert!(!Path::new("/tmp/readiness-hostile-ext").exists());
}

#[test]
fn git_environment_variables_are_not_followed() {
    if super::tools_missing() {
        return;
    }
    let traps = Traps::new();
    let repo = Repo::new();
    let (friday, monday) = friday_and_monday();
    repo.commit("readiness.toml", &friday, "2026-11-20");
    repo.commit("readiness.toml", &monday, "2026-11-23");
    // A second repository with its own history, that GIT_DIR points to.
    let other = Repo::new();
    other.commit("readiness.toml", BASE, "2026-11-23");
    let trace = traps.marks().join("git-trace");
    let trace2 = traps.marks().join("git-trace2");
    let env: Vec<(String, String)> = vec![
        ("GIT_PAGER".into(), traps.program("env-git-pager")),
        ("PAGER".into(), traps.program("env-pager")),
        (
            "GIT_EXTERNAL_DIFF".into(),
            traps.program("env-external-diff"),
        ),
        ("GIT_SSH_COMMAND".into(), traps.program("env-ssh-command")),
        ("GIT_SSH".into(), traps.program("env-ssh")),
        ("GIT_ASKPASS".into(), traps.program("env-askpass")),
        ("SSH_ASKPASS".into(), traps.program("env-ssh-askpass")),
        ("GIT_EDITOR".into(), traps.program("env-git-editor")),
        ("GIT_PROXY_COMMAND".into(), traps.program("env-proxy")),
        ("GIT_TRACE".into(), trace.display().to_string()),
        ("GIT_TRACE2".into(), trace2.display().to_string()),
        ("GIT_TRACE2_EVENT".into(), trace2.display().to_string()),
        (
            "GIT_CONFIG_PARAMETERS".into(),
            format!("'core.pager'='{}'", traps.program("env-config-parameters")),
        ),
        ("GIT_CONFIG_COUNT".into(), "2".into()),
        ("GIT_CONFIG_KEY_0".into(), "log.showSignature".into()),
        ("GIT_CONFIG_VALUE_0".into(), "true".into()),
        ("GIT_CONFIG_KEY_1".into(), "gpg.program".into()),
        (
            "GIT_CONFIG_VALUE_1".into(),
            traps.program("env-config-count"),
        ),
        ("GIT_DIR".into(), other.path(".git").display().to_string()),
        (
            "GIT_WORK_TREE".into(),
            other.dir.path().display().to_string(),
        ),
        (
            "GIT_CONFIG_GLOBAL".into(),
            other.path("global").display().to_string(),
        ),
    ];
    fs::write(
        other.path("global"),
        format!("[core]\n\tpager = {}\n", traps.program("env-global-config")),
    )
    .expect("global");
    let json = run_everything(&repo.path("readiness.toml"), &traps, &env);
    assert_eq!(traps.left(), Vec::<String>::new());
    // The manifest's own repository was read, not GIT_DIR's.
    assert_eq!(json["since"]["source"], "git", "{}", json["since"]);
    assert_eq!(json["since"]["commit_date"], "2026-11-20");
    tmux_dashboard(&repo.path("readiness.toml"), &traps, &env);
    assert_eq!(traps.left(), Vec::<String>::new());
}

/// A partial clone whose old versions of the manifest are missing: git
/// would fetch them from the promisor remote, through `core.sshCommand`
/// (ssh), an `ext::` command or the remote's `uploadpack` (a local path).
#[test]
fn a_partial_clone_never_fetches() {
    if super::tools_missing() {
        return;
    }
    let traps = Traps::new();
    let origin = Repo::new();
    let (friday, monday) = friday_and_monday();
    origin.commit("readiness.toml", &friday, "2026-11-20");
    origin.commit("readiness.toml", &monday, "2026-11-23");
    origin.config("uploadpack.allowFilter", "true");
    let parent = TempDir::new().expect("temp dir");
    let url = format!("file://{}", origin.dir.path().display());
    git_in(
        parent.path(),
        &["clone", "-q", "--filter=blob:none", &url, "clone"],
        None,
    );
    let clone_dir = parent.path().join("clone");
    // Friday's blob is missing from the clone: the promisor would fetch it.
    let missing = git_in(
        &clone_dir,
        &["rev-list", "--objects", "--missing=print", "HEAD"],
        None,
    );
    assert!(missing.lines().any(|l| l.starts_with('?')), "{missing}");
    let set = |key: &str, value: &str| {
        git_in(&clone_dir, &["config", key, value], None);
    };
    set("core.sshCommand", &traps.program("promisor-ssh-command"));
    set(
        "remote.origin.uploadpack",
        &traps.program("promisor-uploadpack"),
    );
    set("protocol.allow", "always");
    set(
        "credential.helper",
        &format!("!{}", traps.program("promisor-credential")),
    );
    for (url, name) in [
        ("ssh://example.invalid/repo.git", "ssh"),
        (&format!("ext::{} %S", traps.program("promisor-ext")), "ext"),
        (&url, "file"),
    ] {
        set("remote.origin.url", url);
        if name == "ssh" {
            // Live: the git that made the clone fetches Friday's version
            // through the trap.
            let _ = super::hermetic::command("git")
                .current_dir(&clone_dir)
                .args(["cat-file", "blob", "HEAD~1:readiness.toml"])
                .stdin(Stdio::null())
                .output()
                .expect("git cat-file");
            assert_eq!(
                traps.left(),
                ["promisor-ssh-command"],
                "the trap must be live"
            );
            fs::remove_file(traps.marks().join("promisor-ssh-command")).expect("clear");
        }
        let json = run_everything(&clone_dir.join("readiness.toml"), &traps, &[]);
        assert_eq!(traps.left(), Vec::<String>::new(), "promisor over {name}");
        // Friday's version is not there, and is not fetched: the reason says so.
        let since = &json["since"];
        assert_eq!(since["source"], "done_dates", "{name}: {since}");
        assert!(since["note"].is_string(), "{name}: {since}");
    }
    tmux_dashboard(&clone_dir.join("readiness.toml"), &traps, &[]);
    assert_eq!(traps.left(), Vec::<String>::new());
}

/// A version of the manifest over 64 MiB in the history is skipped with a
/// note, never inflated.
#[test]
fn a_huge_version_in_history_is_skipped_with_a_note() {
    if super::tools_missing() {
        return;
    }
    let repo = Repo::new();
    let (_, monday) = friday_and_monday();
    // 65 MiB of comment: compresses to almost nothing, so the object is
    // cheap to store and only its header tells the size.
    let mut huge = String::with_capacity(65 << 20);
    huge.push_str(BASE);
    let line = format!("# {}\n", "x".repeat(1021));
    while huge.len() <= 64 << 20 {
        huge.push_str(&line);
    }
    repo.commit("readiness.toml", &huge, "2026-11-20");
    repo.commit("readiness.toml", &monday, "2026-11-23");
    let traps = Traps::new();
    let out = super::readiness(&traps, &[])
        .arg(repo.path("readiness.toml"))
        .args(["report", "--format", "json", "--today", TODAY])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let json: Value = serde_json::from_slice(&out.stdout).expect("json");
    let since = &json["since"];
    assert_eq!(since["source"], "done_dates", "{since}");
    let note = since["note"].as_str().unwrap_or_default();
    assert!(note.contains("over the 67108864 byte limit"), "{note}");
}
