//! Where a task and its keys are written: the `[[task]]` tables (or the
//! inline tables of `task = [{ … }]`) of a parsed document, and the byte
//! spans of each key and value, so that an edit can splice the text.

use std::ops::Range;

use toml_edit::{Document, InlineTable, Item, Table, Value};

/// One task as written: a `[[task]]` table or an inline table.
#[derive(Debug, Clone, Copy)]
pub enum Entry<'d> {
    Table(&'d Table),
    Inline(&'d InlineTable),
}

/// One `key = value` of an entry, with its spans in the text.
#[derive(Debug, Clone)]
pub struct Field<'d> {
    /// The whole key as written (`status`, `"status"`, `a.b`).
    pub key: Range<usize>,
    pub value: Range<usize>,
    pub parsed: &'d Value,
}

/// Why a key cannot be edited in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAValue {
    pub key: String,
    pub span: Option<Range<usize>>,
}

/// Every task entry of the document, in file order, with its `id` when it
/// is a string.
pub fn tasks<'d>(doc: &'d Document<&str>) -> Vec<(Option<&'d str>, Entry<'d>)> {
    entries(doc, "task")
}

/// Every entry of one kind (`task`, `component`, `person`, `gate`): the
/// `[[kind]]` tables, or the inline tables of `kind = [{ … }]`, in file
/// order, each with its `id` when it is a string.
pub fn entries<'d>(doc: &'d Document<&str>, kind: &str) -> Vec<(Option<&'d str>, Entry<'d>)> {
    let entries: Vec<Entry<'d>> = match doc.get(kind) {
        Some(Item::ArrayOfTables(array)) => array.iter().map(Entry::Table).collect(),
        Some(Item::Value(Value::Array(array))) => array
            .iter()
            .filter_map(Value::as_inline_table)
            .map(Entry::Inline)
            .collect(),
        _ => Vec::new(),
    };
    entries
        .into_iter()
        .map(|entry| {
            let id = match entry.item("id") {
                Some(Item::Value(v)) => v.as_str(),
                _ => None,
            };
            (id, entry)
        })
        .collect()
}

impl<'d> Entry<'d> {
    fn item(&self, key: &str) -> Option<&'d Item> {
        match self {
            Entry::Table(t) => t.get(key),
            Entry::Inline(t) => t.get_key_value(key).map(|(_, item)| item),
        }
    }

    /// The key's field; `Ok(None)` when the entry has no such key, `Err`
    /// when it is written as a table (`status.x = …`), which no edit touches.
    pub fn field(&self, key: &str) -> Result<Option<Field<'d>>, NotAValue> {
        let found = match self {
            Entry::Table(t) => t.get_key_value(key),
            Entry::Inline(t) => t.get_key_value(key),
        };
        let Some((k, item)) = found else {
            return Ok(None);
        };
        match (item, k.span(), item.span()) {
            (Item::Value(parsed), Some(key), Some(value)) => Ok(Some(Field { key, value, parsed })),
            _ => Err(NotAValue {
                key: key.to_owned(),
                span: k.span(),
            }),
        }
    }

    /// Every value written in the entry (dotted keys included), in text order.
    pub fn fields(&self) -> Vec<Field<'d>> {
        let values = match self {
            Entry::Table(t) => t.get_values(),
            Entry::Inline(t) => t.get_values(),
        };
        let mut fields: Vec<Field<'d>> = values
            .into_iter()
            .filter_map(|(path, parsed)| {
                let first = path.first()?.span()?;
                let last = path.last()?.span()?;
                Some(Field {
                    key: first.start..last.end,
                    value: parsed.span()?,
                    parsed,
                })
            })
            .collect();
        fields.sort_by_key(|f| f.key.start);
        fields
    }

    /// The entry's span: a `[[task]]` header, or the inline table.
    pub fn span(&self) -> Option<Range<usize>> {
        match self {
            Entry::Table(t) => t.span(),
            Entry::Inline(t) => t.span(),
        }
    }
}
