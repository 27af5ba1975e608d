//! The manifest reference as data: the key tables of docs/manifest.md
//! ("Sections and keys"), read at compile time, so that the JSON Schema's
//! descriptions (`readiness schema`) and the readiness.toml(5) man page
//! (`readiness man --manifest`) say exactly what the documentation says.
//!
//! Each section is a `### \`[name]\`` heading, its first paragraph, and a
//! table `| key | type | default | allowed | meaning |`. Markdown is reduced
//! to plain text: code marks and emphasis dropped, a link to its text.

use std::sync::OnceLock;

/// docs/manifest.md, as built into the binary.
pub const MANIFEST_DOC: &str = include_str!("../docs/manifest.md");

/// One section of the manifest (`[project]`, `[[task]]`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// As written in TOML: `[project]`, `[[task]]`.
    pub header: String,
    /// The key of the section: `project`, `task`.
    pub name: String,
    /// The paragraph under the heading, as plain text.
    pub intro: String,
    pub keys: Vec<Key>,
}

/// One row of a section's key table, as plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub key: String,
    pub kind: String,
    pub default: String,
    pub allowed: String,
    pub meaning: String,
}

impl Section {
    pub fn key(&self, key: &str) -> Option<&Key> {
        self.keys.iter().find(|k| k.key == key)
    }
}

impl Key {
    /// One description: the meaning, then what is allowed and the default
    /// ("Allowed: 0–100. Default: 1.").
    pub fn description(&self) -> String {
        let required = self.default == "required";
        let mut out = if required {
            format!("Required. {}", self.meaning)
        } else {
            self.meaning.clone()
        };
        let mut add = |label: &str, value: &str| {
            if !value.is_empty() && value != "—" && value != "any" {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&format!("{label}: {value}."));
            }
        };
        add("Allowed", &self.allowed);
        if !required {
            add("Default", &self.default);
        }
        out.trim_end().to_owned()
    }
}

/// Every section of docs/manifest.md, in the order documented.
pub fn sections() -> &'static [Section] {
    static SECTIONS: OnceLock<Vec<Section>> = OnceLock::new();
    SECTIONS.get_or_init(|| parse(MANIFEST_DOC))
}

/// A section by its key (`task`).
pub fn section(name: &str) -> Option<&'static Section> {
    sections().iter().find(|s| s.name == name)
}

/// Reads the sections out of the reference's markdown.
pub fn parse(markdown: &str) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    let mut current: Option<Section> = None;
    let mut intro_done = false;
    let mut in_code = false;
    for line in markdown.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        if line.starts_with('#') {
            sections.extend(current.take());
            current = heading(line);
            intro_done = false;
            continue;
        }
        let Some(section) = current.as_mut() else {
            continue;
        };
        let trimmed = line.trim();
        if trimmed.starts_with('|') {
            intro_done = true;
            let cells = cells(trimmed);
            if let [key, kind, default, allowed, meaning] = cells.as_slice()
                && key.starts_with('`')
            {
                section.keys.push(Key {
                    key: plain(key),
                    kind: plain(kind),
                    default: plain(default),
                    allowed: plain(allowed),
                    meaning: plain(meaning),
                });
            }
        } else if trimmed.is_empty() {
            if !section.intro.is_empty() {
                intro_done = true;
            }
        } else if !intro_done {
            if !section.intro.is_empty() {
                section.intro.push(' ');
            }
            section.intro.push_str(&plain(trimmed));
        }
    }
    sections.extend(current);
    sections
}

/// A `### \`[name]\`` or `### \`[[name]]\`` heading; `None` for any other.
fn heading(line: &str) -> Option<Section> {
    let title = line.strip_prefix("### ")?.trim().trim_matches('`');
    let name = title.trim_start_matches('[').trim_end_matches(']');
    (title.starts_with('[') && !name.is_empty()).then(|| Section {
        header: title.to_owned(),
        name: name.to_owned(),
        intro: String::new(),
        keys: Vec::new(),
    })
}

/// The cells of a table row; `\|` is a pipe inside a cell.
fn cells(row: &str) -> Vec<String> {
    let row = row.replace("\\|", "\u{0}");
    let inner = row.trim().trim_start_matches('|').trim_end_matches('|');
    inner
        .split('|')
        .map(|c| c.trim().replace('\u{0}', "|"))
        .collect()
}

/// Markdown reduced to plain text: `code` and **bold** marks dropped,
/// `[text](link)` to its text.
pub fn plain(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find("](").and_then(|close| {
            let end = after[close..].find(')')? + close;
            Some((close, end))
        }) {
            // A link (not a `[section]` in code): keep its text.
            Some((close, end)) if !after[..close].contains('[') => {
                out.push_str(&after[..close]);
                rest = &after[end + 1..];
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace("**", "").replace('`', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_sections_and_their_keys() {
        let task = section("task").expect("[[task]] is documented");
        assert_eq!(task.header, "[[task]]");
        assert!(
            task.intro.starts_with("One table per task"),
            "{}",
            task.intro
        );
        let status = task.key("status").unwrap();
        assert_eq!(status.kind, "string");
        assert_eq!(status.default, "\"todo\"");
        assert!(
            status
                .allowed
                .contains("todo, doing, done, blocked, dropped")
        );
        let project = section("project").unwrap();
        assert_eq!(project.key("name").unwrap().default, "required");
        // [metrics] has no table, but is documented.
        assert!(section("metrics").unwrap().keys.is_empty());
    }

    #[test]
    fn markdown_becomes_plain_text() {
        assert_eq!(
            plain("see [Estimates](#estimates), **required**, `[[person]]` id"),
            "see Estimates, required, [[person]] id"
        );
        assert_eq!(cells("| a \\| b | c |"), ["a | b", "c"]);
    }

    #[test]
    fn descriptions_name_what_is_allowed_and_the_default() {
        let weight = section("component").unwrap().key("weight").unwrap();
        assert_eq!(
            weight.description(),
            "The component's share of overall completion. Allowed: more than 0, at most 1,000,000. Default: 1."
        );
    }
}
