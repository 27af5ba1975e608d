//! `readiness render --format svg`: the picture parses as XML (quick-xml),
//! holds every line of the text frame at the same columns, and no manifest
//! text in it is markup (`<script>`, `]]>`, entities) or a control
//! character. A golden SVG of the showcase at 80×24 in the dark theme.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use quick_xml::Reader;
use quick_xml::events::Event;

#[path = "common/hermetic.rs"]
mod hermetic;

/// Pixels of a cell across and down, as `src/ui/svg.rs` draws them.
const CELL_W: f64 = 9.0;
const CELL_H: f64 = 17.0;

fn readiness() -> assert_cmd::Command {
    hermetic::readiness()
}

fn showcase() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("readiness.toml")).unwrap()
}

/// `text` as a manifest in a folder of its own (outside any git repository:
/// the frame does not depend on the project's own history).
fn manifest(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("readiness.toml");
    std::fs::write(&file, text).unwrap();
    (dir, file)
}

fn render(file: &Path, args: &[&str]) -> String {
    let out = readiness()
        .arg("render")
        .arg(file)
        .args(["--today", "2026-12-03"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// What a reader of the picture finds: each `<text>`'s row, column and
/// content, and the names of the elements.
struct Picture {
    runs: Vec<(usize, usize, String)>,
    elements: Vec<String>,
}

fn parse(svg: &str) -> Picture {
    let mut reader = Reader::from_str(svg);
    let mut runs = Vec::new();
    let mut elements = Vec::new();
    let mut open: Option<(usize, usize, String)> = None;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                if name == "text" {
                    let attr = |key: &str| -> f64 {
                        let a = e.try_get_attribute(key).unwrap().expect(key);
                        a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                            .unwrap()
                            .parse()
                            .unwrap()
                    };
                    let col = (attr("x") / CELL_W).round() as usize;
                    let row = (attr("y") / CELL_H).floor() as usize;
                    open = Some((row, col, String::new()));
                }
                elements.push(name);
            }
            Event::Text(t) => {
                if let Some((_, _, s)) = &mut open {
                    s.push_str(&t.decode().unwrap());
                }
            }
            Event::GeneralRef(r) => {
                let name = r.decode().unwrap();
                let c = quick_xml::escape::resolve_predefined_entity(&name)
                    .unwrap_or_else(|| panic!("entity &{name};"));
                if let Some((_, _, s)) = &mut open {
                    s.push_str(c);
                }
            }
            Event::CData(_) | Event::PI(_) | Event::DocType(_) | Event::Comment(_) => {
                panic!("no CDATA, processing instruction, doctype or comment")
            }
            Event::End(e) if e.name().as_ref() == b"text" => {
                runs.extend(open.take());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Picture { runs, elements }
}

/// The picture's text put back on a grid of `height` rows, each trimmed.
fn lines(picture: &Picture, height: usize) -> Vec<String> {
    let mut rows: BTreeMap<usize, Vec<(usize, &str)>> = BTreeMap::new();
    for (row, col, text) in &picture.runs {
        rows.entry(*row).or_default().push((*col, text));
    }
    (0..height)
        .map(|r| {
            let mut line = String::new();
            let mut at = 0;
            for (col, text) in rows.get(&r).into_iter().flatten() {
                assert!(*col >= at, "runs overlap on row {r}");
                line.push_str(&" ".repeat(col - at));
                line.push_str(text);
                at = col + unicode_width::UnicodeWidthStr::width(*text);
            }
            line.trim_end().to_owned()
        })
        .collect()
}

fn assert_holds_the_frame(file: &Path, args: &[&str], height: usize) -> Picture {
    let svg = render(file, &[args, &["--format", "svg"]].concat());
    let text = render(file, args);
    let picture = parse(&svg);
    // U+FFFF is text to a terminal but no character at all to XML 1.0.
    let expected: Vec<String> = text
        .lines()
        .map(|l| l.replace('\u{FFFF}', " ").trim_end().to_owned())
        .collect();
    assert_eq!(lines(&picture, height), expected, "{args:?}");
    for name in &picture.elements {
        assert!(
            ["svg", "style", "rect", "g", "text"].contains(&name.as_str()),
            "element <{name}>"
        );
    }
    picture
}

#[test]
fn the_showcase_as_svg_parses_and_holds_every_line_of_the_frame() {
    let (_dir, file) = manifest(&showcase());
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let size = [
            "--width".to_owned(),
            w.to_string(),
            "--height".to_owned(),
            h.to_string(),
        ];
        let size: Vec<&str> = size.iter().map(String::as_str).collect();
        for theme in ["dark", "light", "high-contrast"] {
            assert_holds_the_frame(&file, &[&size[..], &["--theme", theme]].concat(), h);
        }
        assert_holds_the_frame(&file, &[&size[..], &["--no-color"]].concat(), h);
        assert_holds_the_frame(&file, &[&size[..], &["--present"]].concat(), h);
    }
}

#[test]
fn the_svg_is_standalone_with_the_themes_colours() {
    let (_dir, file) = manifest(&showcase());
    let svg = render(&file, &["--format", "svg", "--theme", "light"]);
    assert!(svg.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1080\" height=\"680\""));
    assert!(
        svg.contains("font-family=\"ui-monospace,"),
        "a monospace stack"
    );
    assert!(svg.contains("monospace\""), "ending in the generic family");
    // The light theme's paper and ink; its red NOT READY badge.
    assert!(svg.contains("<rect width=\"1080\" height=\"680\" fill=\"#fafaf8\"/>"));
    assert!(svg.contains("fill=\"#1e1e1e\">"));
    assert!(svg.contains("fill=\"#b40000\"/>"));
    // No link, script, image or reference to anything outside.
    for word in [
        "href",
        "<script",
        "<image",
        "url(",
        "@import",
        "<foreignObject",
    ] {
        assert!(!svg.contains(word), "{word}");
    }
}

const HOSTILE: &str = r#"
[project]
name = "<script>alert(1)</script> ]]> <![CDATA[x]]> &amp; &#x1b; \"q\" 'a'"
target = 2026-12-18

[[component]]
id = "api"
name = "<!ENTITY x SYSTEM \"file:///etc/passwd\"> &x;"

[[task]]
id = "t1"
title = "Title \u001b]0;pwned\u0007 here <svg onload=alert(1)> \u202e reversed \u0000 nul \uffff"
component = "api"
estimate = "2-3d"
blocker = "</text></g></svg><script>alert(2)</script>"

[[task]]
id = "t2"
title = "Done ]]> & < >"
component = "api"
status = "done"
done = 2026-12-01
estimate = 1
"#;

#[test]
fn hostile_manifest_text_stays_inert_in_the_svg() {
    let (_dir, file) = manifest(HOSTILE);
    for args in [
        &["--width", "120", "--height", "40"][..],
        &["--width", "200", "--height", "60"],
        &["--width", "120", "--height", "40", "--present"],
    ] {
        let h: usize = args[3].parse().unwrap();
        let picture = assert_holds_the_frame(&file, args, h);
        let svg = render(&file, &[args, &["--format", "svg"]].concat());
        assert!(!svg.contains("<script"), "{svg}");
        assert!(!svg.contains("<svg onload"), "{svg}");
        assert!(!svg.contains("<![CDATA["), "{svg}");
        assert!(!svg.contains("<!ENTITY"), "{svg}");
        assert!(
            !svg.chars()
                .any(|c| (c.is_control() && c != '\n') || c == '\u{202E}' || c == '\u{FFFF}'),
            "a control character"
        );
        // The hostile text is there, as text.
        let all: String = picture.runs.iter().map(|r| r.2.as_str()).collect();
        assert!(all.contains("<script>alert(1)"), "{all}");
        assert!(all.contains("]]>"), "{all}");
    }
}

#[test]
fn golden_svg_of_the_showcase_at_80x24() {
    let (_dir, file) = manifest(&showcase());
    let svg = render(
        &file,
        &["--format", "svg", "--width", "80", "--height", "24"],
    );
    insta::assert_snapshot!("showcase_80x24_dark", svg);
}
