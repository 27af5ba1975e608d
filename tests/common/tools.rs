//! The outside tools some tests need (tj3, tmux, vim, git, pytest,
//! cargo-nextest, Python's jsonschema and duckdb, node, man, groff, the shells, gcc, lcov and Taskwarrior), and the one rule for
//! when one is missing: on a developer's machine the test skips with a loud
//! notice naming the install command; under CI (`CI` set and not empty, as
//! `.ci/run` exports it) a missing tool fails the test, since CI installs
//! every one of them.
//!
//! Include with `#[path = "common/tools.rs"] mod tools;` and start a test
//! with `if tools::missing(&[&tools::TJ3]) { return; }`.

#![allow(dead_code)]

use std::io::Write as _;
use std::sync::Mutex;

/// A program a test runs, how to tell it is there, and how to install it.
pub struct Tool {
    pub name: &'static str,
    /// The command that succeeds when the tool is usable.
    pub probe: &'static [&'static str],
    pub install: &'static str,
    /// Installed in the developer's own toolchain (pip, cargo install): run
    /// with [`crate::hermetic::toolchain`], else [`crate::hermetic::command`].
    pub toolchain: bool,
}

pub const TJ3: Tool = tool(
    "tj3 (TaskJuggler)",
    &["tj3", "--version"],
    "apt-get install -y tj3",
);
pub const TMUX: Tool = tool("tmux", &["tmux", "-V"], "apt-get install -y tmux");
pub const VIM: Tool = tool("vim", &["vim", "--version"], "apt-get install -y vim");
pub const GIT: Tool = tool("git", &["git", "--version"], "apt-get install -y git");
pub const PYTEST: Tool = toolchain_tool(
    "pytest",
    &["python3", "-m", "pytest", "--version"],
    "python3 -m pip install pytest",
);
pub const NEXTEST: Tool = toolchain_tool(
    "cargo-nextest",
    &["cargo", "nextest", "--version"],
    "cargo install --locked cargo-nextest",
);
pub const JSONSCHEMA: Tool = toolchain_tool(
    "Python's jsonschema",
    &["python3", "-c", "import jsonschema"],
    "python3 -m pip install jsonschema",
);
pub const DUCKDB: Tool = toolchain_tool(
    "DuckDB's Python package",
    &["python3", "-c", "import duckdb"],
    "python3 -m pip install duckdb",
);
pub const TAPLO: Tool = toolchain_tool(
    "taplo",
    &["taplo", "--version"],
    "python3 -m pip install taplo",
);
pub const MAN: Tool = tool(
    "man (man-db and groff)",
    &["man", "--version"],
    "apt-get install -y man-db groff",
);
pub const NODE: Tool = tool(
    "node (Node.js)",
    &["node", "--version"],
    "apt-get install -y nodejs",
);
pub const GROFF: Tool = tool("groff", &["groff", "--version"], "apt-get install -y groff");
pub const TASKWARRIOR: Tool = tool(
    "Taskwarrior",
    &["task", "--version"],
    "apt-get install -y taskwarrior",
);
pub const BASH: Tool = tool("bash", &["bash", "--version"], "apt-get install -y bash");
pub const ZSH: Tool = tool("zsh", &["zsh", "--version"], "apt-get install -y zsh");
pub const FISH: Tool = tool("fish", &["fish", "--version"], "apt-get install -y fish");
pub const GCC: Tool = tool("gcc", &["gcc", "--version"], "apt-get install -y gcc");
pub const LCOV: Tool = tool("lcov", &["lcov", "--version"], "apt-get install -y lcov");

pub const fn tool(
    name: &'static str,
    probe: &'static [&'static str],
    install: &'static str,
) -> Tool {
    Tool {
        name,
        probe,
        install,
        toolchain: false,
    }
}

/// A tool of the developer's own toolchain (pip, cargo install).
pub const fn toolchain_tool(
    name: &'static str,
    probe: &'static [&'static str],
    install: &'static str,
) -> Tool {
    Tool {
        toolchain: true,
        ..tool(name, probe, install)
    }
}

/// `tool`'s program, in the environment its probe ran in.
pub fn command(tool: &Tool) -> std::process::Command {
    if tool.toolchain {
        crate::hermetic::toolchain(tool.probe[0])
    } else {
        crate::hermetic::command(tool.probe[0])
    }
}

/// Whether `tool` runs here.
pub fn present(tool: &Tool) -> bool {
    command(tool)
        .args(&tool.probe[1..])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether the test must skip for want of one of `tools`. Under CI a
/// missing tool fails the test instead. The notice goes straight to the
/// terminal, past the test harness's capture, so a skip is never silent.
#[track_caller]
pub fn missing(tools: &[&Tool]) -> bool {
    let absent: Vec<&&Tool> = tools.iter().filter(|t| !present(t)).collect();
    if absent.is_empty() {
        return false;
    }
    let test = std::thread::current()
        .name()
        .unwrap_or("this test")
        .to_owned();
    let names: Vec<&str> = absent.iter().map(|t| t.name).collect();
    let installs: Vec<&str> = absent.iter().map(|t| t.install).collect();
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
    assert!(
        !ci,
        "{test} needs {} and CI is set, where every tool must be installed: {} (.ci/run does it)",
        names.join(", "),
        installs.join("; ")
    );
    // One line per skipped test, written whole, to the real stderr.
    static LOCK: Mutex<()> = Mutex::new(());
    let _guard = LOCK.lock();
    #[allow(clippy::disallowed_methods)] // test output, not the product's
    let _ = writeln!(
        std::io::stderr(),
        "\n*** SKIPPED {test}: needs {} — install: {}\n",
        names.join(", "),
        installs.join("; ")
    );
    true
}
