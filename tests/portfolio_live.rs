//! The portfolio's dashboard driven for real in tmux (docs/portfolio.md,
//! "The dashboard"): a folder opens on a row per project, `Enter` opens the
//! selected project's own dashboard and `Esc` comes back, a save in one
//! project recomputes its row, `q` quits with 0.

use std::fs;

#[path = "common/hermetic.rs"]
mod hermetic;
#[path = "common/tmux.rs"]
mod tmux;
#[path = "common/tools.rs"]
mod tools;

use tmux::Tmux;

const TODAY: &str = "2026-11-23";

fn manifest(name: &str, estimate: &str) -> String {
    format!(
        "[project]\nname = \"{name}\"\ntarget = 2026-12-18\n[[component]]\nid = \"c\"\n\
         [[task]]\nid = \"t\"\ntitle = \"T\"\ncomponent = \"c\"\nestimate = \"{estimate}\"\n"
    )
}

#[test]
fn enter_opens_a_project_esc_comes_back_and_a_save_recomputes_its_row() {
    if tools::missing(&[&tools::TMUX]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (folder, name) in [("alpha", "Alpha"), ("beta", "Beta"), ("gamma", "Gamma")] {
        fs::create_dir(dir.path().join(folder)).unwrap();
        let text = manifest(name, "2-3d");
        fs::write(dir.path().join(folder).join("readiness.toml"), text).unwrap();
    }
    let tmux = Tmux::new("portfolio");
    let command = format!(
        "{} . --today {TODAY}; echo EXIT $?; exec sleep 600",
        hermetic::BIN
    );
    tmux.session(dir.path(), &command, 120, 30);
    let screen = tmux.wait_for("the three rows", |s| {
        s.contains("Portfolio · 3 projects") && s.contains("Gamma") && !s.contains("computing")
    });
    assert!(screen.contains("› Alpha"), "{screen}");
    tmux.keys(&["j", "Enter"]);
    tmux.wait_for("Beta's own dashboard", |s| {
        s.contains("Beta  as of") && s.contains("Components")
    });
    tmux.keys(&["Escape"]);
    tmux.wait_for("the portfolio again", |s| {
        s.contains("Portfolio · 3 projects") && s.contains("› Beta")
    });
    // Beta grows to ten days: its row, and its row alone, moves.
    let beta = dir.path().join("beta/readiness.toml");
    fs::write(&beta, manifest("Beta", "10d")).unwrap();
    tmux.wait_for("Beta's new P85", |s| {
        s.lines()
            .any(|l| l.contains("Beta") && l.contains("2026-12-04"))
    });
    tmux.keys(&["q"]);
    tmux.wait_for("the exit status", |s| s.contains("EXIT 0"));
}

/// `name`'s manifest with one task of sam's (`estimate`), or `bad` lines.
fn shared(name: &str, estimate: &str) -> String {
    format!(
        "[project]\nname = \"{name}\"\n[[person]]\nid = \"sam\"\n[[component]]\nid = \"c\"\n\
         [[task]]\nid = \"t\"\ntitle = \"T\"\ncomponent = \"c\"\nowner = \"sam\"\nestimate = \"{estimate}\"\n"
    )
}

#[test]
fn a_bad_member_shows_in_its_row_and_a_save_moves_the_projects_sharing_a_person() {
    if tools::missing(&[&tools::TMUX]) {
        return;
    }
    // Alpha (5 d) and Beta (10 d) share sam: Beta ends on day 15 (Fri
    // 11 Dec). Gamma does not load.
    let dir = tempfile::tempdir().unwrap();
    for (folder, text) in [
        ("alpha", shared("Alpha", "5d")),
        ("beta", shared("Beta", "10d")),
        (
            "gamma",
            "[project]\nname = \"Gamma\"\nbogus = 1\n".to_owned(),
        ),
    ] {
        fs::create_dir(dir.path().join(folder)).unwrap();
        fs::write(dir.path().join(folder).join("readiness.toml"), text).unwrap();
    }
    let tmux = Tmux::new("portfolio-shared");
    let command = format!(
        "{} . --today {TODAY}; echo EXIT $?; exec sleep 600",
        hermetic::BIN
    );
    tmux.session(dir.path(), &command, 120, 30);
    // The whole frame: a capture can land while a frame is half written
    // (the rows drawn, the selected project's pane not yet), so the wait
    // is for the pane's line too.
    let screen = tmux.wait_for("the rows, Gamma invalid, Alpha's pane", |s| {
        s.contains("Portfolio · 3 projects")
            && !s.contains("computing")
            && s.contains("sam also works on Beta")
    });
    let row = |s: &str, name: &str| {
        s.lines()
            .find(|l| l.starts_with('┃') && l.contains(name))
            .unwrap_or("")
            .to_owned()
    };
    // A member that does not load is named by its folder.
    assert!(row(&screen, "gamma").contains("invalid"), "{screen}");
    assert!(row(&screen, "Beta").contains("2026-12-11"), "{screen}");
    // Alpha is selected: its shared person's other work is named.
    assert!(screen.contains("sam also works on Beta: 10 d"), "{screen}");
    tmux.keys(&["j"]);
    tmux.wait_for("Beta's shared line", |s| {
        s.contains("sam also works on Alpha: 5 d (Alpha first)")
    });
    // Alpha grows to 8 d: Beta, which waits for it, moves to Wed 16 Dec.
    fs::write(
        dir.path().join("alpha/readiness.toml"),
        shared("Alpha", "8d"),
    )
    .unwrap();
    tmux.wait_for("Beta after Alpha's save", |s| {
        row(s, "Beta").contains("2026-12-16")
    });
    // Gamma fixed: its row computes.
    fs::write(
        dir.path().join("gamma/readiness.toml"),
        shared("Gamma", "1d"),
    )
    .unwrap();
    tmux.wait_for("Gamma computed", |s| {
        !row(s, "Gamma").contains("invalid") && row(s, "Gamma").contains("NOT READY")
    });
    tmux.keys(&["q"]);
    tmux.wait_for("the exit status", |s| s.contains("EXIT 0"));
}
