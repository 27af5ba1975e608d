//! Repositories whose own files are the attack, not their configuration:
//! a file git keeps small that never ends, never opens or is a sparse
//! giant; objects that inflate past the limit (a commit of 65 MiB, a small
//! version built on a 65 MiB delta base); and a `.git` that leads to
//! another repository, to show its history as this folder's. None may
//! hang, exhaust memory or read the other repository; the reason is given.
//!
//! The first two, run against a reader without the bounds, allocate until
//! memory runs out: run them under `ulimit -v` when checking that.

use std::fs;
use std::io::Write as _;
use std::os::unix::fs::symlink;
use std::path::Path;

use serde_json::Value;
use tempfile::TempDir;

use super::repos::{Repo, Traps, git_in};
use super::{TODAY, friday_and_monday};

/// A repository with the manifest committed on Friday and on Monday.
fn two_days() -> Repo {
    let repo = Repo::new();
    let (friday, monday) = friday_and_monday();
    repo.commit("readiness.toml", &friday, "2026-11-20");
    repo.commit("readiness.toml", &monday, "2026-11-23");
    repo
}

/// `report --format json` on `manifest`: its `since` and its whole output.
fn since_of(manifest: &Path) -> (Value, String) {
    let traps = Traps::new();
    let out = super::readiness(&traps, &[])
        .arg(manifest)
        .args(["report", "--format", "json", "--today", TODAY])
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(traps.left(), Vec::<String>::new());
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let json: Value = serde_json::from_str(&text).expect("JSON");
    (json["since"].clone(), text)
}

/// The history was not read, for a reason that says the file was not read
/// (not that the read was given up after its time bound, nor gix's own
/// "Could not read …: out of memory" after trying).
fn refused(manifest: &Path, what: &str) -> String {
    let (since, _) = since_of(manifest);
    assert_eq!(since["source"], "done_dates", "{what}: {since}");
    let note = since["note"].as_str().unwrap_or_default().to_owned();
    assert!(note.contains(": not read"), "{what}: {note}");
    for tried in ["given up", "out of memory", "Could not"] {
        assert!(!note.contains(tried), "{what}: {note}");
    }
    note
}

fn mkfifo(path: &Path) {
    let made = super::hermetic::command("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo");
    assert!(made.success());
}

/// How a file of the repository is replaced.
#[derive(Clone, Copy, Debug)]
enum Trap {
    /// A symlink to `/dev/zero`: reading it never ends.
    Zero,
    /// A named pipe with no writer: opening it never returns.
    Fifo,
    /// A sparse file of 4 GiB: read whole, it takes 4 GiB of memory.
    Sparse,
}

fn set_trap(path: &Path, trap: Trap) {
    if path.exists() || fs::symlink_metadata(path).is_ok() {
        fs::remove_file(path).expect("remove");
    }
    fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    match trap {
        Trap::Zero => symlink("/dev/zero", path).expect("symlink"),
        Trap::Fifo => mkfifo(path),
        Trap::Sparse => {
            let file = fs::File::create(path).expect("create");
            file.set_len(4 << 30).expect("sparse");
        }
    }
}

#[test]
fn files_git_keeps_small_that_never_end_are_refused_unread() {
    if super::tools_missing() {
        return;
    }
    let head_object = |repo: &Repo| {
        let id = repo.git(&["rev-parse", "HEAD"]);
        format!("objects/{}/{}", &id[..2], &id[2..])
    };
    for (file, trap) in [
        ("HEAD", Trap::Zero),
        ("HEAD", Trap::Sparse),
        ("refs/heads/main", Trap::Fifo),
        ("packed-refs", Trap::Zero),
        ("packed-refs", Trap::Fifo),
        ("packed-refs", Trap::Sparse),
        ("commondir", Trap::Zero),
        ("shallow", Trap::Fifo),
        ("shallow", Trap::Sparse),
        ("config", Trap::Fifo),
        ("config.worktree", Trap::Fifo),
        ("objects/info/alternates", Trap::Zero),
        ("objects/info/alternates", Trap::Sparse),
        ("objects/info/commit-graph", Trap::Fifo),
        ("pack index", Trap::Fifo),
        ("loose object", Trap::Fifo),
        (".git", Trap::Fifo),
        (".git", Trap::Zero),
    ] {
        let repo = two_days();
        if file == "packed-refs" {
            repo.git(&["pack-refs", "--all"]);
        }
        if file == "config.worktree" {
            repo.config("extensions.worktreeConfig", "true");
        }
        let path = match file {
            ".git" => {
                fs::rename(repo.path(".git"), repo.path("elsewhere")).expect("move");
                repo.path(".git")
            }
            "loose object" => repo.path(".git").join(head_object(&repo)),
            "pack index" => {
                // Every object in one pack, which gix must index to read.
                repo.git(&["repack", "-a", "-d", "-q"]);
                let pack = repo.path(".git/objects/pack");
                fs::read_dir(&pack)
                    .expect("pack folder")
                    .filter_map(|e| Some(e.ok()?.path()))
                    .find(|p| p.extension().is_some_and(|x| x == "idx"))
                    .expect("an index")
            }
            _ => repo.path(".git").join(file),
        };
        set_trap(&path, trap);
        let note = refused(&repo.path("readiness.toml"), &format!("{file} {trap:?}"));
        assert!(
            note.contains(".git"),
            "{file} {trap:?}: the file is named: {note}"
        );
    }
}

/// Writes `entries` as a version 2 pack file in the repository and indexes
/// it with git: each entry a blob (its bytes) or an offset delta on an
/// earlier entry.
fn write_pack(repo: &Repo, entries: &[PackEntry]) {
    fn header(kind: u8, mut size: usize, out: &mut Vec<u8>) {
        let mut byte = (kind << 4) | (size & 0x0f) as u8;
        size >>= 4;
        while size > 0 {
            out.push(byte | 0x80);
            byte = (size & 0x7f) as u8;
            size >>= 7;
        }
        out.push(byte);
    }
    fn deflate(bytes: &[u8]) -> Vec<u8> {
        let mut z =
            gix::zlib::stream::deflate::Write::new(Vec::new(), gix::zlib::Compression::default());
        z.write_all(bytes).expect("deflate");
        z.flush().expect("flush");
        z.into_inner()
    }
    let mut pack = b"PACK".to_vec();
    pack.extend_from_slice(&2u32.to_be_bytes());
    pack.extend_from_slice(&(entries.len() as u32).to_be_bytes());
    let mut offsets = Vec::new();
    for entry in entries {
        let at = pack.len();
        offsets.push(at);
        match entry {
            PackEntry::Blob(bytes) => {
                header(3, bytes.len(), &mut pack);
                pack.extend(deflate(bytes));
            }
            PackEntry::Delta { base, delta } => {
                header(6, delta.len(), &mut pack);
                // The distance back to the base, git's offset encoding.
                let mut distance = at - offsets[*base];
                let mut encoded = vec![(distance & 0x7f) as u8];
                distance >>= 7;
                while distance > 0 {
                    distance -= 1;
                    encoded.push(0x80 | (distance & 0x7f) as u8);
                    distance >>= 7;
                }
                encoded.reverse();
                pack.extend(encoded);
                pack.extend(deflate(delta));
            }
        }
    }
    let mut hasher = gix::hash::hasher(gix::hash::Kind::Sha1);
    hasher.update(&pack);
    let digest = hasher.try_finalize().expect("sha1");
    pack.extend_from_slice(digest.as_bytes());
    let dir = repo.path(".git/objects/pack");
    fs::create_dir_all(&dir).expect("pack dir");
    let path = dir.join("pack-bomb.pack");
    fs::write(&path, pack).expect("write pack");
    git_in(&dir, &["index-pack", &path.display().to_string()], None);
}

enum PackEntry {
    Blob(Vec<u8>),
    Delta { base: usize, delta: Vec<u8> },
}

/// A delta that builds `text` from a base of `base_size` bytes, copying
/// nothing from it.
fn delta_inserting(base_size: usize, text: &[u8]) -> Vec<u8> {
    fn size(mut n: usize, out: &mut Vec<u8>) {
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                out.push(byte);
                break;
            }
            out.push(byte | 0x80);
        }
    }
    let mut delta = Vec::new();
    size(base_size, &mut delta);
    size(text.len(), &mut delta);
    for chunk in text.chunks(127) {
        delta.push(chunk.len() as u8);
        delta.extend_from_slice(chunk);
    }
    delta
}

/// Commits `blob` (an id) as `readiness.toml` on `day`, the first commit,
/// without git reading the blob.
fn commit_blob(repo: &Repo, blob: &str, day: &str) {
    let listing = repo.path("tree-listing");
    fs::write(&listing, format!("100644 blob {blob}\treadiness.toml\n")).expect("listing");
    let tree = super::hermetic::command("git")
        .current_dir(repo.dir.path())
        .arg("mktree")
        .stdin(fs::File::open(&listing).expect("listing"))
        .output()
        .expect("mktree");
    assert!(tree.status.success(), "{tree:?}");
    fs::remove_file(&listing).expect("rm");
    let tree = String::from_utf8_lossy(&tree.stdout).trim().to_owned();
    let date = format!("{day}T12:00:00+0000");
    let commit = git_in(
        repo.dir.path(),
        &["commit-tree", &tree, "-m", "bomb"],
        Some(&date),
    );
    repo.git(&["update-ref", "refs/heads/main", &commit]);
}

/// Objects that inflate past the 64 MiB limit are refused from their
/// header, never held: a commit whose message is 65 MiB (compressed to
/// almost nothing), and a version of the manifest of a few hundred bytes
/// stored as a delta on a 65 MiB base — the base would be inflated to build
/// it.
#[test]
fn no_object_over_the_limit_is_inflated() {
    if super::tools_missing() {
        return;
    }
    let limit = 64 << 20;
    // The commit.
    let repo = two_days();
    let tree = repo.git(&["rev-parse", "HEAD^{tree}"]);
    let parent = repo.git(&["rev-parse", "HEAD"]);
    let mut object = format!(
        "tree {tree}\nparent {parent}\nauthor t <t@example.com> 1795435200 +0000\n\
         committer t <t@example.com> 1795435200 +0000\n\n"
    )
    .into_bytes();
    object.resize(limit + (1 << 20), b'x');
    repo.commit_raw(&object);
    let (since, _) = since_of(&repo.path("readiness.toml"));
    assert_eq!(since["source"], "done_dates", "{since}");
    let note = since["note"].as_str().unwrap_or_default();
    assert!(
        note.contains("allocation limit of 67108864 bytes"),
        "{note}"
    );

    // The delta base: Friday's version is a delta on 65 MiB of `#`.
    let repo = Repo::new();
    let (friday, monday) = friday_and_monday();
    let base = vec![b'#'; limit + (1 << 20)];
    write_pack(
        &repo,
        &[
            PackEntry::Blob(base.clone()),
            PackEntry::Delta {
                base: 0,
                delta: delta_inserting(base.len(), friday.as_bytes()),
            },
        ],
    );
    let path = repo.path("friday");
    fs::write(&path, &friday).expect("write");
    let friday_blob = repo.git(&["hash-object", &path.display().to_string()]);
    fs::remove_file(&path).expect("rm");
    commit_blob(&repo, &friday_blob, "2026-11-20");
    repo.commit("readiness.toml", &monday, "2026-11-23");
    let (since, _) = since_of(&repo.path("readiness.toml"));
    assert_eq!(since["source"], "done_dates", "{since}");
    // gix's words for its allocation limit on a delta's base.
    let note = since["note"].as_str().unwrap_or_default();
    assert!(note.contains("Entry too large to fit in memory"), "{note}");
}

/// `.git` names another repository — a `gitdir:` file, a symlink, or a
/// `.git` folder of the folder's own whose `commondir` is the other's —
/// and the other repository's history must not be shown as this folder's:
/// the git directory does not name this folder back, so it is not read. A
/// linked work tree and a submodule, whose git directories do name theirs,
/// are read as before.
#[test]
fn a_git_naming_another_repository_is_not_followed() {
    if super::tools_missing() {
        return;
    }
    let other = two_days();
    let other_git = other.path(".git");
    let other_commits = other.git(&["rev-list", "HEAD"]);
    let (_, monday) = friday_and_monday();
    let folder = |setup: &dyn Fn(&Path)| {
        let dir = TempDir::new().expect("temp dir");
        fs::write(dir.path().join("readiness.toml"), &monday).expect("write");
        setup(dir.path());
        dir
    };
    let cases: [(&str, TempDir); 3] = [
        (
            "gitdir file",
            folder(&|d| {
                fs::write(d.join(".git"), format!("gitdir: {}\n", other_git.display()))
                    .expect("write");
            }),
        ),
        (
            "symlink",
            folder(&|d| symlink(&other_git, d.join(".git")).expect("symlink")),
        ),
        (
            "commondir",
            folder(&|d| {
                let git = d.join(".git");
                fs::create_dir_all(git.join("refs")).expect("mkdir");
                fs::write(git.join("HEAD"), "ref: refs/heads/main\n").expect("HEAD");
                fs::write(git.join("commondir"), format!("{}\n", other_git.display()))
                    .expect("commondir");
                fs::write(git.join("gitdir"), format!("{}\n", git.display())).expect("gitdir");
            }),
        ),
    ];
    for (what, dir) in &cases {
        let manifest = dir.path().join("readiness.toml");
        let note = refused(&manifest, what);
        assert!(note.contains("not read"), "{what}: {note}");
        let (_, text) = since_of(&manifest);
        for commit in other_commits.lines() {
            assert!(!text.contains(&commit[..10]), "{what}: {commit} shown");
        }
    }

    // A linked work tree and a submodule are still read.
    let main = two_days();
    let parent = TempDir::new().expect("temp dir");
    let linked = parent.path().join("linked");
    main.git(&["worktree", "add", "-q", &linked.display().to_string()]);
    let (since_linked, _) = since_of(&linked.join("readiness.toml"));
    assert_eq!(since_linked["source"], "git", "{since_linked}");
    let superproject = Repo::new();
    git_in(
        superproject.dir.path(),
        &[
            "-c",
            "protocol.file.allow=always",
            "submodule",
            "add",
            "-q",
            &main.dir.path().display().to_string(),
            "sub",
        ],
        None,
    );
    assert!(
        fs::metadata(superproject.path("sub/.git"))
            .expect(".git")
            .is_file()
    );
    let (since_sub, _) = since_of(&superproject.path("sub/readiness.toml"));
    assert_eq!(since_sub["source"], "git", "{since_sub}");
}
