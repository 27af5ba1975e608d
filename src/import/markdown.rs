//! Markdown (docs/import.md, "Markdown"): GitHub task lists (`- [ ]`,
//! `- [x]`, `* [ ]`, nested; GitHub Flavored Markdown, "Task list items"),
//! status reports whose bullets start or end with a status marker (✅ ⏳ 🔄
//! 🟡 🟢 🟠 🔴 ⚠️ ❌ …), and spec-kit `tasks.md` files (`- [ ] T001 [P]
//! [US1] …` under `## Phase N: …` headings).
//!
//! Each item's component is the nearest heading above it; a heading with a
//! marker whose section holds no item is an item itself. A nested item's
//! parent waits for it (`depends_on`); under phase headings, each item
//! waits for the items of the phase before. An estimate written in the
//! text ("(2-3 hours)", "~2d", "[3h]", "Estimated Time: 2-3 days") becomes
//! the estimate; `@name` the owner. Tables and code blocks are not read.
//! The markers as a UTF-8 file read as Windows-1252 or Mac Roman shows them
//! (`âœ…`, `‚úÖ`) are read as the markers.

use super::words::{estimate_in, slug};
use super::{Effort, Export, Format, Group, Item, Malformed, Place, Skip};
use crate::manifest::Status;

/// The markers and the status each stands for when no word after it says
/// otherwise (docs/import.md, "Markers").
pub const MARKERS: &[(&str, Status)] = &[
    ("✅", Status::Done),
    ("✔️", Status::Done),
    ("✔", Status::Done),
    ("☑️", Status::Done),
    ("🟢", Status::Done),
    ("⏳", Status::Doing),
    ("🔄", Status::Doing),
    ("🟡", Status::Doing),
    ("🟠", Status::Doing),
    ("🚧", Status::Doing),
    ("⚠️", Status::Blocked),
    ("🔴", Status::Blocked),
    ("❌", Status::Todo),
    ("⬜", Status::Todo),
];

/// Words after a marker (or in a heading's brackets) that decide the
/// status over the marker's own.
const WORDS: &[(&str, Status)] = &[
    ("not started", Status::Todo),
    ("todo", Status::Todo),
    ("to do", Status::Todo),
    ("pending", Status::Todo),
    ("planned", Status::Todo),
    ("in progress", Status::Doing),
    ("started", Status::Doing),
    ("partial", Status::Doing),
    ("ongoing", Status::Doing),
    ("wip", Status::Doing),
    ("complete", Status::Done),
    ("completed", Status::Done),
    ("done", Status::Done),
    ("passed", Status::Done),
    ("finished", Status::Done),
    ("blocked", Status::Blocked),
];

/// Whether the text has a heading, a task-list box or a status marker.
pub fn looks_like(text: &str) -> bool {
    text.lines().take(2000).any(|line| {
        let line = repair(line);
        let t = line.trim_start();
        (t.starts_with('#') && t.trim_start_matches('#').starts_with(' '))
            || bullet(&line)
                .is_some_and(|(_, rest)| box_status(rest).is_some() || marker(rest).is_some())
    })
}

/// Reads a markdown file. Never malformed: text that holds no item gives
/// no items.
///
/// # Errors
/// None today; the signature is the readers' own.
pub fn read(text: &str) -> Result<Export, Malformed> {
    let mut reader = Reader::default();
    let mut fence: Option<&str> = None;
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let trimmed = raw.trim_start();
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            reader.last = None;
            continue;
        }
        let line = repair(raw);
        reader.line(&line, line_no);
    }
    Ok(reader.finish())
}

/// A heading as read.
#[derive(Debug)]
struct Heading {
    level: usize,
    group: Group,
    line: usize,
    /// The status its marker gives, when it has one.
    status: Option<Status>,
    title: String,
    /// An estimate written in its section ("Estimated Time: 2-3 days").
    estimate: Option<Effort>,
    phase: Option<usize>,
}

#[derive(Debug, Default)]
struct Reader {
    items: Vec<Item>,
    headings: Vec<Heading>,
    /// The open list items: (bullet indentation, index in `items`).
    stack: Vec<(usize, usize)>,
    /// The item a continuation line extends.
    last: Option<(usize, usize)>,
    phase: Option<usize>,
    /// The items of each phase.
    phases: Vec<Vec<usize>>,
    renamed: Vec<Skip>,
    skipped: Vec<Skip>,
}

impl Reader {
    fn line(&mut self, line: &str, no: usize) {
        let t = line.trim_start();
        if t.starts_with('|') {
            self.last = None;
            return;
        }
        if let Some(level) = heading_level(t) {
            self.heading(level, &t[level..], no);
            return;
        }
        if let Some((indent, rest)) = bullet(line) {
            self.bullet(indent, rest, no);
            return;
        }
        if t.is_empty() {
            self.last = None;
            return;
        }
        // A wrapped item's next line.
        let indent = line.len() - t.len();
        if let Some((bullet_indent, i)) = self.last
            && indent > bullet_indent
        {
            let item = &mut self.items[i];
            item.title = format!("{} {}", item.title, t.trim());
            return;
        }
        self.last = None;
        if let Some(heading) = self.headings.last_mut()
            && heading.estimate.is_none()
            && let Some((effort, _)) = estimate_in(t)
            && t.to_ascii_lowercase().contains("estimate")
        {
            heading.estimate = Some(effort);
        }
    }

    fn heading(&mut self, level: usize, text: &str, no: usize) {
        self.stack.clear();
        self.last = None;
        let (status, text) = strip_marker(text);
        let title = clean(&text);
        let lower = title.to_ascii_lowercase();
        if lower.starts_with("phase")
            && lower[5..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
        {
            self.phase = Some(self.phases.len());
            self.phases.push(Vec::new());
        }
        self.headings.push(Heading {
            level,
            group: Group {
                id: slug(&title).unwrap_or_else(|| "tasks".into()),
                name: if title.is_empty() {
                    "Tasks".into()
                } else {
                    title.clone()
                },
            },
            line: no,
            status,
            title,
            estimate: None,
            phase: self.phase,
        });
    }

    fn bullet(&mut self, indent: usize, rest: &str, no: usize) {
        while self.stack.last().is_some_and(|&(i, _)| i >= indent) {
            self.stack.pop();
        }
        let (status, text) = match box_status(rest) {
            Some((checked, after)) => {
                let (marked, text) = strip_marker(after);
                let status = match (checked, marked) {
                    (Status::Todo, Some(m)) => m,
                    (checked, _) => checked,
                };
                (status, text)
            }
            None => match strip_marker(rest) {
                (Some(status), text) => (status, text),
                (None, _) => {
                    self.last = None;
                    return;
                }
            },
        };
        let parent = self.stack.last().map(|&(_, i)| i);
        let i = self.push(status, &text, no, None);
        if let Some(parent) = parent {
            let child = self.items[i].source.clone();
            self.items[parent].depends_on.push(child);
        }
        self.stack.push((indent, i));
        self.last = Some((indent, i));
    }

    /// Adds an item; its index.
    fn push(&mut self, status: Status, text: &str, no: usize, group: Option<Group>) -> usize {
        let mut text = text.trim().to_owned();
        let mut id = None;
        // spec-kit: `T001 [P] [US1] …`
        if let Some(word) = text.split_whitespace().next()
            && word.len() >= 4
            && word.starts_with('T')
            && word[1..].bytes().all(|b| b.is_ascii_digit())
        {
            id = Some(word.to_owned());
            text = text[word.len()..].trim_start().to_owned();
            if let Some(rest) = text.strip_prefix("[P]") {
                text = rest.trim_start().to_owned();
            }
        }
        let mut owner = None;
        let words: Vec<&str> = text.split_whitespace().collect();
        if let Some(at) = words.iter().find(|w| w.starts_with('@') && w.len() > 1) {
            let name = at[1..].trim_end_matches(['.', ',', ';', ':', ')']);
            owner = Some(Group::named(name));
            text = words
                .iter()
                .filter(|w| !w.starts_with('@'))
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
        }
        let (estimate, text) = match estimate_in(&text) {
            Some((effort, rest)) => (Some(effort), rest),
            None => (None, text),
        };
        let title = clean(&text);
        let group = group.unwrap_or_else(|| {
            self.headings
                .last()
                .map_or_else(|| Group::named("tasks"), |h| h.group.clone())
        });
        let wanted = id.unwrap_or_else(|| slug(&title).unwrap_or_else(|| format!("item-{no}")));
        let mut id = wanted.clone();
        let mut n = 1;
        while self.items.iter().any(|item| item.id == id) {
            n += 1;
            id = format!("{wanted}-{n}");
        }
        if n > 1 {
            self.renamed.push(Skip {
                at: Place::Line(no),
                why: format!("`{wanted}` again: imported as `{id}`"),
            });
        }
        let i = self.items.len();
        self.items.push(Item {
            source: format!("md-{id}"),
            id,
            title,
            group,
            status,
            priority: None,
            owner,
            estimate,
            actual: None,
            started: None,
            done: None,
            depends_on: Vec::new(),
            notes: Vec::new(),
            at: Place::Line(no),
        });
        if let Some(phase) = self.phase {
            self.phases[phase].push(i);
        }
        i
    }

    fn finish(mut self) -> Export {
        // A heading with a marker and no item in its section is an item.
        let headings = std::mem::take(&mut self.headings);
        for (h, heading) in headings.iter().enumerate() {
            let Some(status) = heading.status else {
                continue;
            };
            let end = headings[h + 1..]
                .iter()
                .find(|next| next.level <= heading.level)
                .map_or(usize::MAX, |next| next.line);
            let inside = |line: usize| line > heading.line && line < end;
            let has_items = self
                .items
                .iter()
                .any(|item| matches!(item.at, Place::Line(l) if inside(l)))
                || headings[h + 1..]
                    .iter()
                    .any(|other| inside(other.line) && other.status.is_some());
            if has_items || heading.title.is_empty() {
                continue;
            }
            let parent = headings[..h]
                .iter()
                .rev()
                .find(|p| p.level < heading.level)
                .map(|p| p.group.clone());
            self.phase = heading.phase;
            let i = self.push(
                status,
                &heading.title,
                heading.line,
                Some(parent.unwrap_or_else(|| Group::named("tasks"))),
            );
            if self.items[i].estimate.is_none() {
                self.items[i].estimate = heading.estimate.clone();
            }
        }
        // Each phase waits for the one before.
        for k in 1..self.phases.len() {
            let before: Vec<String> = self.phases[k - 1]
                .iter()
                .map(|&i| self.items[i].source.clone())
                .collect();
            if before.len() > 100 {
                self.skipped.push(Skip {
                    at: Place::Line(1),
                    why: format!(
                        "phase {}: {} items, too many to make each of the next phase wait for (write those dependencies by hand)",
                        k,
                        before.len()
                    ),
                });
                continue;
            }
            for &i in &self.phases[k].clone() {
                for source in &before {
                    if !self.items[i].depends_on.contains(source) {
                        self.items[i].depends_on.push(source.clone());
                    }
                }
            }
        }
        self.items.sort_by_key(|item| match item.at {
            Place::Line(l) | Place::Element(l) => l,
        });
        let mut skipped = self.renamed;
        skipped.extend(self.skipped);
        Export {
            format: Format::Markdown,
            items: self.items,
            skipped,
        }
    }
}

/// `#` to `######` then a space: the level.
fn heading_level(t: &str) -> Option<usize> {
    let level = t.len() - t.trim_start_matches('#').len();
    ((1..=6).contains(&level) && t[level..].starts_with([' ', '\t'])).then_some(level)
}

/// A list item: its bullet's indentation and the text after the bullet.
fn bullet(line: &str) -> Option<(usize, &str)> {
    let t = line.trim_start();
    let indent: usize = line[..line.len() - t.len()]
        .chars()
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum();
    let rest = if let Some(rest) = t.strip_prefix(['-', '*', '+']) {
        rest
    } else {
        let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 || digits > 9 {
            return None;
        }
        t[digits..].strip_prefix(['.', ')'])?
    };
    rest.starts_with([' ', '\t'])
        .then(|| (indent, rest.trim_start()))
}

/// A task-list box: `[ ]` todo, `[x]` done, `[~]` or `[/]` doing, `[-]`
/// dropped; and the text after it.
fn box_status(rest: &str) -> Option<(Status, &str)> {
    let status = match rest.get(..3)? {
        "[ ]" => Status::Todo,
        "[x]" | "[X]" => Status::Done,
        "[~]" | "[/]" => Status::Doing,
        "[-]" => Status::Dropped,
        _ => return None,
    };
    Some((status, rest[3..].trim_start()))
}

/// The marker at the start or the end of the text.
fn marker(text: &str) -> Option<(Status, &'static str)> {
    let t = text.trim().trim_start_matches("**").trim_start();
    let end = text.trim().trim_end_matches("**").trim_end();
    MARKERS
        .iter()
        .find(|(m, _)| t.starts_with(m) || end.ends_with(m))
        .or_else(|| {
            // A marker followed by status words at the end: `✅ COMPLETE`.
            MARKERS.iter().find(|(m, _)| {
                end.rfind(m).is_some_and(|at| {
                    let after = end[at + m.len()..]
                        .trim()
                        .trim_matches(['*', '(', ')', ' ']);
                    after.split_whitespace().count() <= 2 && word_status(after).is_some()
                })
            })
        })
        .map(|&(m, status)| (status, m))
}

/// The status and the text without its marker and status words.
fn strip_marker(text: &str) -> (Option<Status>, String) {
    let Some((status, m)) = marker(text) else {
        // A heading's "(IN PROGRESS)" decides without a marker too.
        return (None, text.to_owned());
    };
    let at = text.find(m).unwrap_or(0);
    let (before, after) = (&text[..at], &text[at + m.len()..]);
    let after = after.trim_start_matches('\u{fe0f}');
    let words = after.trim().trim_matches(['*', ' ']);
    let decided = word_status(words.trim_matches(['(', ')'])).or_else(|| {
        // `(IN PROGRESS)` elsewhere in the text.
        text.rfind('(')
            .and_then(|o| text[o + 1..].split(')').next().and_then(word_status))
    });
    let text = if before.trim().is_empty() {
        after.to_owned()
    } else if word_status(words.trim_matches(['(', ')'])).is_some() || words.is_empty() {
        before.to_owned()
    } else {
        format!("{before} {after}")
    };
    (Some(decided.unwrap_or(status)), text)
}

/// The status a few words name (`COMPLETE`, `in progress`, `TODO`).
fn word_status(words: &str) -> Option<Status> {
    let words = words.trim().to_ascii_lowercase();
    WORDS
        .iter()
        .find(|(w, _)| words == *w)
        .map(|&(_, status)| status)
}

/// Emphasis, stray markers and a trailing status in brackets removed.
fn clean(text: &str) -> String {
    let mut t = text.replace("**", "").replace("__", "").replace('`', "");
    for (m, _) in MARKERS {
        t = t.replace(m, "");
    }
    if let Some(open) = t.rfind('(')
        && t.trim_end().ends_with(')')
        && word_status(t[open + 1..].trim_end().trim_end_matches(')')).is_some()
    {
        t.truncate(open);
    }
    let joined: Vec<&str> = t.split_whitespace().collect();
    joined
        .join(" ")
        .trim_matches([' ', '-', '–', '—', ':'])
        .to_owned()
}

/// The line with the markers a mis-decoded UTF-8 file shows put back.
fn repair(line: &str) -> std::borrow::Cow<'_, str> {
    if line.is_ascii() || !MOJIBAKE.iter().any(|(bad, _)| line.contains(bad)) {
        return std::borrow::Cow::Borrowed(line);
    }
    let mut out = line.to_owned();
    for (bad, good) in MOJIBAKE {
        out = out.replace(bad, good);
    }
    std::borrow::Cow::Owned(out)
}

/// The markers' UTF-8 bytes read as Windows-1252 (its five undefined bytes
/// kept as C1 controls, or dropped) and as Mac Roman, longest first.
const MOJIBAKE: &[(&str, &str)] = &[
    ("\u{E2}\u{153}\u{201D}\u{EF}\u{B8}\u{8F}", "✔️"),
    ("\u{201A}\u{FA}\u{EE}\u{D4}\u{220F}\u{E8}", "✔️"),
    ("\u{E2}\u{2DC}\u{2018}\u{EF}\u{B8}\u{8F}", "☑️"),
    ("\u{201A}\u{F2}\u{EB}\u{D4}\u{220F}\u{E8}", "☑️"),
    ("\u{E2}\u{161}\u{A0}\u{EF}\u{B8}\u{8F}", "⚠️"),
    ("\u{201A}\u{F6}\u{2020}\u{D4}\u{220F}\u{E8}", "⚠️"),
    ("\u{E2}\u{153}\u{201D}\u{EF}\u{B8}", "✔️"),
    ("\u{E2}\u{2DC}\u{2018}\u{EF}\u{B8}", "☑️"),
    ("\u{E2}\u{161}\u{A0}\u{EF}\u{B8}", "⚠️"),
    ("\u{F0}\u{178}\u{178}\u{A2}", "🟢"),
    ("\u{F8FF}\u{FC}\u{FC}\u{A2}", "🟢"),
    ("\u{F0}\u{178}\u{201D}\u{201E}", "🔄"),
    ("\u{F8FF}\u{FC}\u{EE}\u{D1}", "🔄"),
    ("\u{F0}\u{178}\u{178}\u{A1}", "🟡"),
    ("\u{F8FF}\u{FC}\u{FC}\u{B0}", "🟡"),
    ("\u{F0}\u{178}\u{178}\u{A0}", "🟠"),
    ("\u{F8FF}\u{FC}\u{FC}\u{2020}", "🟠"),
    ("\u{F0}\u{178}\u{161}\u{A7}", "🚧"),
    ("\u{F8FF}\u{FC}\u{F6}\u{DF}", "🚧"),
    ("\u{F0}\u{178}\u{201D}\u{B4}", "🔴"),
    ("\u{F8FF}\u{FC}\u{EE}\u{A5}", "🔴"),
    ("\u{E2}\u{153}\u{2026}", "✅"),
    ("\u{201A}\u{FA}\u{D6}", "✅"),
    ("\u{E2}\u{153}\u{201D}", "✔"),
    ("\u{201A}\u{FA}\u{EE}", "✔"),
    ("\u{E2}\u{8F}\u{B3}", "⏳"),
    ("\u{201A}\u{E8}\u{2265}", "⏳"),
    ("\u{E2}\u{9D}\u{152}", "❌"),
    ("\u{201A}\u{F9}\u{E5}", "❌"),
    ("\u{E2}\u{AC}\u{153}", "⬜"),
    ("\u{201A}\u{A8}\u{FA}", "⬜"),
    ("\u{E2}\u{B3}", "⏳"),
    ("\u{E2}\u{152}", "❌"),
];
