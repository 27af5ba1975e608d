//! Where a new entry goes in the manifest and how it is written, in the
//! file's own style. Shared by `readiness add` ([`super::add`]) and the
//! import's sync.
//!
//! - **Where.** After the last entry of its kind, with the comment lines
//!   that follow that entry up to a blank line (a comment right above the
//!   next header belongs to that header). A kind with no entry yet goes
//!   before the first section that comes after it in the usual order
//!   (project, calendar, team, person, metrics, component, task, gate) —
//!   above that section's own comment lines — else after the file's last
//!   line.
//! - **How.** Like the last entry of its kind (else like the last entry of
//!   any kind): its header as written (`[[task]]`, `[[ task ]]`), its key
//!   indentation and spacing around `=` (an aligned `=` column is kept),
//!   its key order (keys it lacks after, in the reference order), its
//!   quotes, its line ending (CRLF stays CRLF), and as many blank lines
//!   before the header as it has. A kind written as an inline array
//!   (`task = [{ … }]`) gets another inline table in it, on a line of its
//!   own when the elements are. A byte-order mark and a missing final
//!   newline stay as they are.

use std::ops::Range;

use toml_edit::{Document, Item, Value};

use super::locate::{self, Entry, Field};
use super::text::{LineStyle, Splice, comma_after, line_end, line_start};
use super::value::{NewValue, Quotes};
use crate::manifest::raw::{Keys, RawComponent, RawGate, RawPerson, RawTask};

/// The kinds of entry that can be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Person,
    Component,
    Task,
    Gate,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Person, Kind::Component, Kind::Task, Kind::Gate];

    /// The TOML key of the kind (`[[task]]` is `task`).
    pub fn key(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Component => "component",
            Kind::Task => "task",
            Kind::Gate => "gate",
        }
    }

    /// Its keys in the order of docs/manifest.md.
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            Kind::Person => RawPerson::KEYS,
            Kind::Component => RawComponent::KEYS,
            Kind::Task => RawTask::KEYS,
            Kind::Gate => RawGate::KEYS,
        }
    }

    /// The word for it in messages.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Component => "component",
            Kind::Task => "task",
            Kind::Gate => "gate",
        }
    }
}

/// The sections of a manifest in their usual order: a new kind goes
/// before the first of those after it.
const ORDER: [&str; 8] = [
    "project",
    "calendar",
    "team",
    "person",
    "metrics",
    "component",
    "task",
    "gate",
];

/// One entry to add.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEntry {
    pub kind: Kind,
    /// Its keys and values; written in the file's key order.
    pub keys: Vec<(&'static str, NewValue)>,
    /// Comment lines written after its keys (the text after `# `; one line
    /// each, already free of line breaks).
    pub notes: Vec<String>,
}

/// Why entries of a kind cannot be added in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unplaceable {
    pub kind: Kind,
    /// The 1-based line where the kind is written otherwise.
    pub line: Option<usize>,
}

/// The splices that add `entries` to `text` (parsed as `doc`), in the
/// order given within each kind. Splices at one place keep the order of
/// the kinds (people before components before tasks before gates).
///
/// # Errors
/// [`Unplaceable`] when a kind is written as something other than
/// `[[kind]]` tables or an array of inline tables (`task = "x"`).
pub fn insertions(
    text: &str,
    doc: &Document<&str>,
    entries: &[NewEntry],
) -> Result<Vec<Splice>, Unplaceable> {
    let mut splices = Vec::new();
    for kind in Kind::ALL {
        let mine: Vec<&NewEntry> = entries.iter().filter(|e| e.kind == kind).collect();
        if mine.is_empty() {
            continue;
        }
        let layout = Layout::of(text, doc, kind)?;
        splices.extend(layout.render(text, &mine));
    }
    Ok(splices)
}

/// How and where the entries of one kind are written.
struct Layout {
    kind: Kind,
    form: Form,
    style: LineStyle,
    quotes: Quotes,
    /// The keys in the order the file writes them.
    order: Vec<String>,
    /// Blank lines before a header.
    gap: usize,
}

/// Where the new entries go.
enum Form {
    /// `[[kind]]` tables inserted at a byte offset.
    Tables {
        header: String,
        at: usize,
        place: Place,
    },
    /// Another inline table in `kind = [ … ]`.
    Inline {
        /// The end of the last element (the offset right after `[` when the
        /// array is empty).
        last_end: usize,
        empty: bool,
        /// Elements on lines of their own: the indentation of the last.
        own_lines: Option<String>,
        /// Whether a comma follows the last element already.
        comma: bool,
        /// `{ ` or `{`.
        padded: bool,
    },
}

/// How the insertion point sits among the lines.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// At the start of a line, with content after it: entries end with a
    /// line break and the gap.
    Before,
    /// After the last line, which ends with a line break: the gap, then
    /// each entry with its line break.
    After,
    /// At the very end of a file without a final line break.
    AfterUnterminated,
}

impl Layout {
    fn of(text: &str, doc: &Document<&str>, kind: Kind) -> Result<Layout, Unplaceable> {
        let own = locate::entries(doc, kind.key());
        let unplaceable = |item: &Item| Unplaceable {
            kind,
            line: item.span().map(|s| super::text::line_of(text, s.start)),
        };
        let inline = match doc.get(kind.key()) {
            None | Some(Item::ArrayOfTables(_)) => None,
            Some(Item::Value(Value::Array(array))) => {
                if array.iter().any(|v| v.as_inline_table().is_none()) {
                    return Err(unplaceable(doc.get(kind.key()).expect("present")));
                }
                Some(array)
            }
            Some(item) => return Err(unplaceable(item)),
        };
        // The entry to take the style from: the last of the kind, else the
        // last `[[…]]` table of any kind.
        let template = own.last().map(|&(_, e)| e).or_else(|| {
            Kind::ALL
                .iter()
                .filter_map(|k| locate::entries(doc, k.key()).last().map(|&(_, e)| e))
                .filter(|e| matches!(e, Entry::Table(_)))
                .max_by_key(|e| e.span().map_or(0, |s| s.start))
        });
        let fields = template.map(|e| e.fields()).unwrap_or_default();
        let anchor = fields.first();
        let style = match anchor {
            Some(anchor) => LineStyle::of(text, anchor),
            None => LineStyle {
                indent: String::new(),
                aligned: None,
                before_eq: " ".into(),
                after_eq: " ".into(),
                eol: if text.contains("\r\n") { "\r\n" } else { "\n" }.into(),
            },
        };
        let quotes = fields
            .iter()
            .filter(|f| f.parsed.as_str().is_some())
            .find_map(|f| Quotes::of(&text[f.value.clone()]))
            .unwrap_or(Quotes::Basic);
        let order = if own.is_empty() {
            Vec::new()
        } else {
            key_order(text, &fields)
        };
        let gap = template.map_or(1, |e| gap_before(text, e));
        let form = match (inline, own.last()) {
            (Some(array), _) => {
                let last = array.iter().last().and_then(Value::span);
                let open = array.span().map_or(0, |s| s.start + 1);
                let last_end = last.as_ref().map_or(open, |s| s.end);
                let own_lines = match array.iter().count() {
                    0 => None,
                    1 => last
                        .as_ref()
                        .filter(|s| text[open..s.start].contains('\n'))
                        .map(|s| indent_of(text, s.start)),
                    _ => {
                        let spans: Vec<Range<usize>> =
                            array.iter().filter_map(Value::span).collect();
                        let [.., a, b] = spans.as_slice() else {
                            unreachable!("two elements or more")
                        };
                        text[a.end..b.start]
                            .contains('\n')
                            .then(|| indent_of(text, b.start))
                    }
                };
                let padded = last
                    .as_ref()
                    .is_none_or(|s| text[s.start..].starts_with("{ "));
                Form::Inline {
                    last_end,
                    empty: last.is_none(),
                    own_lines,
                    comma: last.is_some() && comma_after(text, last_end).is_some(),
                    padded,
                }
            }
            (None, Some(&(_, last))) => {
                let header = header_of(text, last).unwrap_or_else(|| default_header(kind));
                let end = block_end(text, last);
                let place = if end == text.len() && !text.ends_with('\n') {
                    Place::AfterUnterminated
                } else {
                    Place::After
                };
                Form::Tables {
                    header,
                    at: end,
                    place,
                }
            }
            (None, None) => {
                let (at, place) = match first_section_after(text, doc, kind.key()) {
                    Some(at) => (at, Place::Before),
                    None => end_of_content(text),
                };
                Form::Tables {
                    header: default_header(kind),
                    at,
                    place,
                }
            }
        };
        Ok(Layout {
            kind,
            form,
            style,
            quotes,
            order,
            gap,
        })
    }

    /// The entry's keys in the file's order, rendered.
    fn pairs(&self, entry: &NewEntry) -> Vec<(&'static str, String)> {
        let rank = |key: &str| {
            self.order.iter().position(|k| k == key).unwrap_or(
                self.order.len() + 1 + self.kind.keys().iter().position(|k| *k == key).unwrap_or(0),
            )
        };
        let mut keys: Vec<&(&'static str, NewValue)> = entry.keys.iter().collect();
        keys.sort_by_key(|(key, _)| rank(key));
        keys.into_iter()
            .map(|(key, value)| (*key, value.render(self.quotes)))
            .collect()
    }

    fn render(&self, text: &str, entries: &[&NewEntry]) -> Vec<Splice> {
        let eol = self.style.eol.as_str();
        match &self.form {
            Form::Tables { header, at, place } => {
                let blank = eol.repeat(self.gap);
                let mut out = String::new();
                for entry in entries {
                    let mut lines = vec![header.clone()];
                    for (key, value) in self.pairs(entry) {
                        lines.push(format!(
                            "{}{}",
                            self.style.indent,
                            self.style.pair(key, &value)
                        ));
                    }
                    for note in &entry.notes {
                        lines.push(format!("{}# {note}", self.style.indent));
                    }
                    let body = lines.join(eol);
                    match place {
                        Place::Before => {
                            out.push_str(&body);
                            out.push_str(eol);
                            out.push_str(&blank);
                        }
                        Place::After => {
                            out.push_str(&blank);
                            out.push_str(&body);
                            out.push_str(eol);
                        }
                        Place::AfterUnterminated => {
                            out.push_str(eol);
                            out.push_str(&blank);
                            out.push_str(&body);
                        }
                    }
                }
                vec![(*at..*at, out)]
            }
            Form::Inline {
                last_end,
                empty,
                own_lines,
                comma,
                padded,
            } => {
                let tables: Vec<String> = entries
                    .iter()
                    .map(|entry| {
                        let pairs: Vec<String> = self
                            .pairs(entry)
                            .into_iter()
                            .map(|(key, value)| self.style.pair(key, &value))
                            .collect();
                        if *padded {
                            format!("{{ {} }}", pairs.join(", "))
                        } else {
                            format!("{{{}}}", pairs.join(", "))
                        }
                    })
                    .collect();
                match own_lines {
                    Some(indent) => {
                        // A line per element, after the last element's line
                        // (its comment stays with it).
                        let at = line_end(text, *last_end);
                        let eol = if text[..at].ends_with('\r') {
                            "\r\n"
                        } else {
                            "\n"
                        };
                        let at = if eol == "\r\n" { at - 1 } else { at };
                        let mut out = String::new();
                        for (i, table) in tables.iter().enumerate() {
                            out.push_str(eol);
                            out.push_str(indent);
                            out.push_str(table);
                            if *comma || i + 1 < tables.len() {
                                out.push(',');
                            }
                        }
                        let mut splices = vec![(at..at, out)];
                        if !comma {
                            splices.push((*last_end..*last_end, ",".to_owned()));
                        }
                        splices
                    }
                    None => {
                        let separator = if *empty { "" } else { ", " };
                        let at = if *comma {
                            comma_after(text, *last_end).map_or(*last_end, |c| c + 1)
                        } else {
                            *last_end
                        };
                        let lead = if *comma { " " } else { separator };
                        let out = format!("{lead}{}", tables.join(", "));
                        vec![(at..at, out)]
                    }
                }
            }
        }
    }
}

/// `[[kind]]`.
fn default_header(kind: Kind) -> String {
    format!("[[{}]]", kind.key())
}

/// The header line of a `[[kind]]` table as written, without its comment.
fn header_of(text: &str, entry: Entry<'_>) -> Option<String> {
    let Entry::Table(_) = entry else {
        return None;
    };
    let span = entry.span()?;
    let start = line_start(text, span.start);
    let end = text[span.start..line_end(text, span.start)]
        .find("]]")
        .map(|i| span.start + i + 2)?;
    let header = &text[start..end];
    header
        .trim_start()
        .starts_with("[[")
        .then(|| header.to_owned())
}

/// The keys of an entry in text order (a dotted key by its first part).
fn key_order(text: &str, fields: &[Field<'_>]) -> Vec<String> {
    let mut order: Vec<String> = Vec::new();
    for field in fields {
        let key = &text[field.key.clone()];
        let first = key
            .split('.')
            .next()
            .unwrap_or(key)
            .trim()
            .trim_matches(['"', '\'']);
        if !order.iter().any(|k| k == first) {
            order.push(first.to_owned());
        }
    }
    order
}

/// The blank lines above an entry's header (past the comment lines right
/// above it); at most 3.
fn gap_before(text: &str, entry: Entry<'_>) -> usize {
    let Some(span) = entry.span() else {
        return 1;
    };
    if !matches!(entry, Entry::Table(_)) {
        return 1;
    }
    let mut lines = text[..line_start(text, span.start)]
        .lines()
        .rev()
        .peekable();
    while lines.next_if(|l| l.trim_start().starts_with('#')).is_some() {}
    let blanks = lines.take_while(|l| l.trim().is_empty()).count();
    blanks.min(3)
}

/// The indentation of the line holding `pos`, up to `pos`.
fn indent_of(text: &str, pos: usize) -> String {
    let start = line_start(text, pos);
    text[start..pos]
        .chars()
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect()
}

/// The offset right after a `[[kind]]` table: past its last key's line and
/// the comment lines that follow it up to a blank line or the end (comment
/// lines that run into the next header are that header's).
fn block_end(text: &str, entry: Entry<'_>) -> usize {
    let last = entry
        .fields()
        .iter()
        .map(|f| f.value.end)
        .chain(entry.span().map(|s| s.end))
        .max()
        .unwrap_or(0);
    let mut end = line_end(text, last);
    let mut probe = end;
    while probe < text.len() {
        let next = probe + 1;
        let next_end = line_end(text, next);
        let line = text[next..next_end].trim();
        if line.starts_with('#') {
            probe = next_end;
            continue;
        }
        if line.is_empty() {
            end = probe;
        }
        break;
    }
    if probe >= text.len() {
        // Comment lines to the end of the file are the entry's.
        end = probe;
    }
    if end < text.len() { end + 1 } else { end }
}

/// The splice that adds a `[key]` table holding `pairs` (rendered values)
/// to a manifest that has none (the import's `[team]`): where a new kind
/// goes — before the first section after it in [`ORDER`], else after the
/// file's last line — one blank line from its neighbours, in the file's
/// line endings.
pub fn new_table(text: &str, doc: &Document<&str>, key: &str, pairs: &[(&str, String)]) -> Splice {
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut lines = vec![format!("[{key}]")];
    lines.extend(pairs.iter().map(|(k, v)| format!("{k} = {v}")));
    let body = lines.join(eol);
    let (at, place) = match first_section_after(text, doc, key) {
        Some(at) => (at, Place::Before),
        None => end_of_content(text),
    };
    let out = match place {
        Place::Before => format!("{body}{eol}{eol}"),
        Place::After => format!("{eol}{body}{eol}"),
        Place::AfterUnterminated if at == 0 => body,
        Place::AfterUnterminated => format!("{eol}{eol}{body}"),
    };
    (at..at, out)
}

/// The start of the first section after `key` in [`ORDER`] that is written
/// as a table, above the comment lines right over its header.
fn first_section_after(text: &str, doc: &Document<&str>, key: &str) -> Option<usize> {
    let after = ORDER.iter().position(|k| *k == key)? + 1;
    let header = ORDER[after..]
        .iter()
        .filter_map(|key| match doc.get(key)? {
            Item::Table(t) => t.span(),
            Item::ArrayOfTables(a) => a.iter().filter_map(|t| t.span()).min_by_key(|s| s.start),
            _ => None,
        })
        .map(|s| s.start)
        .min()?;
    let mut at = line_start(text, header);
    while at > 0 {
        let above = line_start(text, at - 1);
        if text[above..at].trim_start().starts_with('#') {
            at = above;
        } else {
            break;
        }
    }
    Some(at)
}

/// After the file's last line that is not blank.
fn end_of_content(text: &str) -> (usize, Place) {
    let trimmed = text.trim_end();
    if trimmed.len() == text.len() {
        return (text.len(), Place::AfterUnterminated);
    }
    let end = line_end(text, trimmed.len());
    if end < text.len() {
        (end + 1, Place::After)
    } else {
        (end, Place::AfterUnterminated)
    }
}
