//! The light theme in a real terminal, with and without 24-bit colour
//! (docs/dashboard.md, "The terminal"): the dashboard runs in a private
//! tmux server in the hermetic environment, every byte it writes is piped
//! out of the pane (`tmux pipe-pane`), and its colour sequences are counted.
//! RGB (`38;2;…`, `48;2;…`) only when `COLORTERM` is `truecolor` or
//! `24bit`; otherwise the 256-colour palette (`38;5;…`), with the same text.

#[path = "common/hermetic.rs"]
mod hermetic;
#[allow(dead_code)]
#[path = "common/tmux.rs"]
mod tmux;

use std::fs;
use std::path::Path;

use hermetic::BIN;
use tmux::{Tmux, poll};

/// The pane's shell prints this when the dashboard exits.
const EXITED: &str = "READINESS-EXITED=";
/// Leaves the alternate screen: the last thing the dashboard writes.
const LEAVE: &str = "\u{1b}[?1049l";

/// What the dashboard wrote: its bytes and the text of its frame.
struct Run {
    bytes: String,
    screen: String,
}

/// Runs `readiness --theme light` at 120×40 with `COLORTERM` as given (unset
/// for `None`), quits with `q`, and returns everything it wrote.
fn light_theme(colorterm: Option<&str>) -> Run {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    fs::copy(
        root.join("readiness.toml"),
        dir.path().join("readiness.toml"),
    )
    .expect("copy");
    let log = dir.path().join("out.log");
    let env = match colorterm {
        Some(value) => format!("env COLORTERM={value}"),
        None => "env -u COLORTERM".to_owned(),
    };
    let tmux = Tmux::new("colour-depth");
    // The dashboard starts on Enter, once the pipe is in place.
    let command = format!(
        "sh -c 'read go; exec {env} {BIN} --theme light readiness.toml --today 2026-11-23'; \
         echo {EXITED}$?; exec sleep 600"
    );
    tmux.session(dir.path(), &command, 120, 40);
    let pipe = format!("cat >> '{}'", log.display());
    assert!(
        tmux.run(&["pipe-pane", &pipe]).status.success(),
        "pipe-pane"
    );
    tmux.keys(&["Enter"]);
    // The whole frame, once the forecast's trials are in ("P50 …" before).
    let screen = tmux.wait_for("the frame with the forecast", |s| {
        s.contains("? help") && s.contains("Forecast P50 2")
    });
    tmux.keys(&["q"]);
    let exited = tmux.wait_for("the dashboard to exit", |s| s.contains(EXITED));
    assert!(exited.contains(&format!("{EXITED}0")), "{exited}");
    let bytes = poll("the piped output to end", || {
        let bytes = fs::read(&log).map_err(|e| e.to_string())?;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if text.contains(LEAVE) {
            Ok(text)
        } else {
            Err(format!("{} bytes so far", bytes.len()))
        }
    });
    Run { bytes, screen }
}

/// Colours set by the SGR sequences in `bytes` (`ESC [ … m`), as
/// (RGB, indexed): each `38`, `48` or `58` followed by `2;r;g;b` or `5;n`.
fn colours(bytes: &str) -> (Vec<String>, Vec<String>) {
    let (mut rgb, mut indexed) = (Vec::new(), Vec::new());
    for sgr in bytes.split("\u{1b}[").skip(1) {
        let Some((params, _)) = sgr.split_once('m') else {
            continue;
        };
        if !params.bytes().all(|b| b.is_ascii_digit() || b == b';') {
            continue;
        }
        let params: Vec<&str> = params.split(';').collect();
        let mut k = 0;
        while k < params.len() {
            match (params[k], params.get(k + 1)) {
                ("38" | "48" | "58", Some(&"2")) if k + 4 < params.len() => {
                    rgb.push(format!(
                        "{};2;{}",
                        params[k],
                        params[k + 2..k + 5].join(";")
                    ));
                    k += 5;
                }
                ("38" | "48" | "58", Some(&"5")) if k + 2 < params.len() => {
                    indexed.push(format!("{};5;{}", params[k], params[k + 2]));
                    k += 3;
                }
                _ => k += 1,
            }
        }
    }
    (rgb, indexed)
}

#[test]
fn the_light_theme_sends_24_bit_colour_only_to_a_terminal_that_has_it() {
    let plain = light_theme(None);
    let (rgb, indexed) = colours(&plain.bytes);
    assert_eq!(
        rgb.len(),
        0,
        "RGB sent without COLORTERM: {:?}",
        &rgb[..rgb.len().min(5)]
    );
    assert!(indexed.len() > 100, "{} 256-colour settings", indexed.len());
    // The light theme's paper (250, 250, 248) as the cube's white.
    assert!(
        indexed.iter().any(|c| c == "48;5;231"),
        "no paper at 256 colours"
    );
    for value in ["truecolor", "24bit"] {
        let true_colour = light_theme(Some(value));
        let (rgb, indexed) = colours(&true_colour.bytes);
        assert!(
            rgb.len() > 100,
            "COLORTERM={value}: {} RGB settings",
            rgb.len()
        );
        assert!(
            rgb.iter().any(|c| c == "48;2;250;250;248"),
            "COLORTERM={value}: no paper in RGB"
        );
        assert_eq!(true_colour.screen, plain.screen, "COLORTERM={value}");
        assert_eq!(indexed.len(), 0, "COLORTERM={value}: 256-colour settings");
    }
    // A value that does not announce 24-bit colour.
    let (rgb, _) = colours(&light_theme(Some("yes")).bytes);
    assert_eq!(rgb.len(), 0, "RGB sent with COLORTERM=yes");
}
