//! A task's `source` (docs/import.md): the item of an export that
//! `readiness import` made the task from. Not empty; two tasks with one
//! source is a warning, since a re-import updates only the first.

use std::collections::HashMap;

use super::super::raw::S;
use super::Validator;

impl Validator<'_, '_> {
    /// A task's `source` (docs/import.md): not empty; one the task shares
    /// with an earlier task is a warning (a re-import updates the first).
    pub(super) fn source(
        &mut self,
        id: &str,
        source: &S<String>,
        seen: &mut HashMap<String, String>,
    ) {
        let text = source.get_ref();
        if text.trim().is_empty() {
            self.error(format!("task `{id}` has an empty `source`"), source.span());
            return;
        }
        match seen.get(text.as_str()) {
            Some(first) => self.warning(
                format!(
                    "task `{id}` has the source \"{text}\" of task `{first}` too: a re-import updates only `{first}`"
                ),
                source.span(),
            ),
            None => {
                seen.insert(text.clone(), id.to_owned());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    const TEXT: &str = "[project]\nname = \"x\"\n[[component]]\nid = \"c\"\n[[task]]\nid = \"a\"\ntitle = \"A\"\ncomponent = \"c\"\nsource = \"gh-12\"\n[[task]]\nid = \"b\"\ntitle = \"B\"\ncomponent = \"c\"\nsource = \"gh-12\"\n";

    #[test]
    fn a_source_is_kept_and_a_shared_one_warned_about() {
        let checked = crate::manifest::load(TEXT).unwrap();
        assert_eq!(checked.manifest.tasks[0].source.as_deref(), Some("gh-12"));
        let messages: Vec<String> = checked.warnings.iter().map(|d| d.message.clone()).collect();
        assert_eq!(
            messages,
            ["task `b` has the source \"gh-12\" of task `a` too: a re-import updates only `a`"]
        );
        assert_eq!(checked.warnings[0].line, Some(14));
    }

    #[test]
    fn an_empty_source_is_an_error() {
        let errors = crate::manifest::load(&TEXT.replacen("\"gh-12\"", "\" \"", 1)).unwrap_err();
        assert!(
            errors
                .iter()
                .any(|d| d.is_error() && d.message == "task `a` has an empty `source`"),
            "{errors:?}"
        );
    }
}
