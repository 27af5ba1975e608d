//! Faults the end-to-end tests inject to check what a panic does
//! (tests/live.rs): `READINESS_TEST_PANIC=main` panics on the event loop
//! after the first frame, `thread` on a thread of its own then, `input` on
//! the input thread at the first key, and `loader` inside every evaluation
//! of the manifest (caught: the banner shows it). `READINESS_TEST_EDIT_RACE=1`
//! makes the edit worker save the manifest (a task appended) between
//! reading it and writing an edit, as another editor would. Compiled only with the
//! `test-hooks` feature, which `cargo test` turns on and a release build
//! never has: in the product these calls are empty.

/// Where a fault can be injected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Main,
    Thread,
    Input,
    Loader,
}

#[cfg(feature = "test-hooks")]
impl Place {
    fn name(self) -> &'static str {
        match self {
            Place::Main => "main",
            Place::Thread => "thread",
            Place::Input => "input",
            Place::Loader => "loader",
        }
    }
}

/// Whether a fault is asked for at `place`.
#[cfg(feature = "test-hooks")]
pub fn armed(place: Place) -> bool {
    static ASKED: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    ASKED
        .get_or_init(|| std::env::var("READINESS_TEST_PANIC").ok())
        .as_deref()
        == Some(place.name())
}

/// Never: the product has no faults to inject.
#[cfg(not(feature = "test-hooks"))]
pub fn armed(_place: Place) -> bool {
    false
}

/// Panics at `place` when asked to; `Thread` panics on a thread of its own.
pub fn fault(place: Place) {
    if !armed(place) {
        return;
    }
    match place {
        Place::Thread => {
            let _ = std::thread::Builder::new()
                .name("readiness-test-panic".into())
                .spawn(|| {
                    panic!("READINESS_TEST_PANIC=thread: panicking on purpose on a worker thread")
                });
        }
        Place::Main => {
            panic!("READINESS_TEST_PANIC=main: panicking on purpose to test terminal restoration")
        }
        Place::Input => panic!("READINESS_TEST_PANIC=input: panicking on purpose on input"),
        Place::Loader => {
            panic!("READINESS_TEST_PANIC=loader: panicking on purpose in the loader")
        }
    }
}

/// With `READINESS_TEST_EDIT_RACE=1`, another "editor" saves `file` now.
#[cfg(feature = "test-hooks")]
pub fn edit_race(file: &std::path::Path) {
    if std::env::var("READINESS_TEST_EDIT_RACE").as_deref() == Ok("1") {
        use std::io::Write as _;
        if let Ok(mut f) = std::fs::OpenOptions::new().append(true).open(file) {
            let _ = f.write_all(
                b"# saved by another editor\n[[task]]\nid = \"gamma\"\ntitle = \"Gamma work\"\ncomponent = \"core\"\n",
            );
        }
    }
}

/// Nothing: the product has no faults to inject.
#[cfg(not(feature = "test-hooks"))]
pub fn edit_race(_file: &std::path::Path) {}
