//! The size bound of a markdown report (docs/trust.md, "Report size"): at
//! most [`MAX_CHARS`] characters, so it can be posted as a pull-request or
//! issue comment (GitHub refuses a body over 65,536 characters) and
//! appended to `$GITHUB_STEP_SUMMARY` (1 MiB per step). A report is built
//! as fixed text and lists; when it is too long, the longest list loses its
//! last item (lists are in rank order, so the least important go first)
//! until the report fits, and each cut list ends with a note saying how
//! many items were left out and which command shows them all.

/// The most characters (Unicode scalar values, as GitHub counts a comment's
/// length) a markdown report holds: GitHub's 65,536-character comment limit
/// less room for the lines a workflow puts around it. At most 4 bytes a
/// character, that is under 240 KB, far under the job summary's 1 MiB.
pub const MAX_CHARS: usize = 60_000;

/// Where the whole of a cut list can be read.
pub const SEE_ALL: &str = "readiness report --format text";

/// A piece of a report.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// Text that is always kept (headings, the verdict, the forecast).
    Fixed(String),
    /// Lines that may be cut from the end, each ending with a newline;
    /// `what` names the items in the plural ("blockers").
    List {
        what: &'static str,
        lines: Vec<String>,
    },
}

/// The note after a list of which `left_out` items were cut: a paragraph
/// of its own (a blank line ends a table or list before it).
pub fn note(left_out: usize, what: &str) -> String {
    format!("\n_… {left_out} more {what}: `{SEE_ALL}`_\n")
}

/// The parts joined, with lists cut as the module says so that the result
/// holds at most `max` characters. Fixed text longer than that on its own
/// is cut at the last line that fits, with a note.
pub fn fit(parts: Vec<Part>, max: usize) -> String {
    let mut lists: Vec<Cut> = parts
        .iter()
        .filter_map(|p| match p {
            Part::List { what, lines } => Some(Cut::new(what, lines)),
            Part::Fixed(_) => None,
        })
        .collect();
    let fixed: usize = parts
        .iter()
        .map(|p| match p {
            Part::Fixed(text) => chars(text),
            Part::List { .. } => 0,
        })
        .sum();
    let mut total = fixed + lists.iter().map(Cut::size).sum::<usize>();
    while total > max {
        // The longest list with a line left; the first of equals.
        let longest = lists
            .iter_mut()
            .rev()
            .filter(|l| l.kept > 0)
            .max_by_key(|l| l.lines);
        let Some(list) = longest else { break };
        total -= list.size();
        list.drop_last();
        total += list.size();
    }
    let mut out = String::new();
    let mut cuts = lists.iter();
    for part in parts {
        match part {
            Part::Fixed(text) => out.push_str(&text),
            Part::List { what, lines } => {
                let kept = cuts.next().map_or(lines.len(), |c| c.kept);
                let left_out = lines.len() - kept;
                for line in lines.into_iter().take(kept) {
                    out.push_str(&line);
                }
                if left_out > 0 {
                    out.push_str(&note(left_out, what));
                }
            }
        }
    }
    if total > max {
        clamp(&mut out, max);
    }
    out
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// How much of a list is kept, in characters.
struct Cut<'a> {
    what: &'a str,
    /// Each line's characters.
    each: Vec<usize>,
    kept: usize,
    /// The kept lines' characters.
    lines: usize,
    /// The note's characters (0 while nothing is cut).
    note: usize,
}

impl<'a> Cut<'a> {
    fn new(what: &'a str, lines: &[String]) -> Cut<'a> {
        let each: Vec<usize> = lines.iter().map(|l| chars(l)).collect();
        let lines = each.iter().sum();
        Cut {
            what,
            kept: each.len(),
            each,
            lines,
            note: 0,
        }
    }

    fn size(&self) -> usize {
        self.lines + self.note
    }

    fn drop_last(&mut self) {
        self.kept -= 1;
        self.lines -= self.each[self.kept];
        self.note = chars(&note(self.each.len() - self.kept, self.what));
    }
}

/// Cuts `out` at the last line break that leaves room for the note.
fn clamp(out: &mut String, max: usize) {
    let tail = format!("\n_… cut at {max} characters: `{SEE_ALL}`_\n");
    let room = max.saturating_sub(tail.chars().count());
    let end = out.char_indices().nth(room).map_or(out.len(), |(i, _)| i);
    let end = out[..end].rfind('\n').map_or(0, |i| i + 1);
    out.truncate(end);
    out.push_str(&tail);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(what: &'static str, n: usize, width: usize) -> Part {
        Part::List {
            what,
            lines: (0..n).map(|k| format!("{k:0width$}\n")).collect(),
        }
    }

    #[test]
    fn a_report_that_fits_is_unchanged() {
        let parts = vec![Part::Fixed("# t\n".into()), list("blockers", 3, 3)];
        assert_eq!(fit(parts, 100), "# t\n000\n001\n002\n");
    }

    #[test]
    fn the_longest_list_is_cut_first_and_says_so() {
        // 4 + 10×10 + 2×10 = 124 characters; the bound is 90.
        let parts = vec![
            Part::Fixed("# t\n".into()),
            list("blockers", 10, 9),
            list("gates", 2, 9),
        ];
        let out = fit(parts, 90);
        assert!(out.chars().count() <= 90, "{}", out.chars().count());
        assert_eq!(
            out,
            "# t\n000000000\n\n_… 9 more blockers: `readiness report --format text`_\n\
             000000000\n000000001\n"
        );
    }

    #[test]
    fn lists_are_cut_evenly_once_as_long_as_each_other() {
        let parts = vec![list("blockers", 50, 9), list("components", 50, 9)];
        let out = fit(parts, 400);
        assert!(out.chars().count() <= 400);
        let blockers = out.find("more blockers").expect("blockers note");
        let components = out.find("more components").expect("components note");
        assert!(blockers < components);
        // Each keeps the same number of lines (within one).
        let kept: Vec<usize> = out
            .split("more ")
            .take(2)
            .map(|s| s.lines().filter(|l| l.len() == 9).count())
            .collect();
        assert!(kept[0].abs_diff(kept[1]) <= 1, "{kept:?}");
    }

    #[test]
    fn fixed_text_too_long_alone_is_cut_at_a_line() {
        let parts = vec![Part::Fixed("é\n".repeat(100))];
        let out = fit(parts, 100);
        assert!(out.chars().count() <= 100, "{}", out.chars().count());
        assert!(out.starts_with("é\né\n") && out.ends_with("`_\n"), "{out}");
    }
}
