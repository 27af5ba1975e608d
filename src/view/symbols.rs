//! The symbols that carry status without colour, and their legend (the help
//! lists it): a task's state, a gate's status. One table, so the panes, the
//! reports and the legend never disagree.

use super::Tone;
use crate::model::{GateStatus, TaskState};

/// A task state's symbol and tone: `⊘` blocked, `◷` waiting…
pub fn state(state: TaskState) -> (&'static str, Tone) {
    match state {
        TaskState::Done => ("✓", Tone::Good),
        TaskState::Doing => ("▶", Tone::Accent),
        TaskState::Todo => ("○", Tone::Plain),
        TaskState::Waiting => ("◷", Tone::Warn),
        TaskState::Blocked => ("⊘", Tone::Bad),
        TaskState::Dropped => ("–", Tone::Dim),
    }
}

/// `⊘ blocked`: the symbol and the word.
pub fn state_label(s: TaskState) -> String {
    format!("{} {}", state(s).0, s.as_str())
}

/// A gate status's symbol and tone: `✓` pass, `✗` fail, `?` unknown.
pub fn gate(status: GateStatus) -> (&'static str, Tone) {
    let tone = match status {
        GateStatus::Pass => Tone::Good,
        GateStatus::Fail => Tone::Bad,
        GateStatus::Unknown => Tone::Warn,
    };
    (status.symbol(), tone)
}

/// `✗ fail`: the symbol and the word.
pub fn gate_label(status: GateStatus) -> String {
    format!("{} {}", status.symbol(), status.as_str())
}

/// The mark of the bottleneck's row (the People pane, the reports).
pub const BOTTLENECK: &str = "◆";

/// A line of a chart: the glyph it is drawn with and its name in the
/// legend — the one table the chart draws from and the legend prints, so
/// the two never differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub glyph: char,
    pub name: &'static str,
}

/// The burn-up's done line (drawn in half blocks: `▄`, `▀`, `█`).
pub const DONE_LINE: Mark = Mark {
    glyph: '█',
    name: "done",
};
/// The burn-up's scope line.
pub const SCOPE_LINE: Mark = Mark {
    glyph: '•',
    name: "scope",
};
/// The burn-up's forecast cone (braille lines), each edge labelled with
/// its percentile where it ends.
pub const CONE_LINES: Mark = Mark {
    glyph: '⠒',
    name: "P50–P95",
};
/// Today, a dotted rule across a chart.
pub const TODAY_RULE: Mark = Mark {
    glyph: '┊',
    name: "today",
};
/// The target, a heavy rule across a chart.
pub const TARGET_RULE: Mark = Mark {
    glyph: '┃',
    name: "target",
};

/// The trend chart's P85 line: the answer, as forecast each day.
pub const P85_LINE: Mark = Mark {
    glyph: '•',
    name: "P85",
};
/// The trend chart's P50 line.
pub const P50_LINE: Mark = Mark {
    glyph: '·',
    name: "P50",
};
/// The target, a level across the trend chart.
pub const TARGET_LEVEL: Mark = Mark {
    glyph: '━',
    name: "target",
};
/// The trend chart's diagonal (braille): a forecast equal to its report
/// day, where the lines end when the work is done.
pub const DONE_DIAGONAL: Mark = Mark {
    glyph: '⠑',
    name: "done",
};

/// Every symbol the dashboard draws and what it means, for the help.
pub const LEGEND: &[(&str, &str)] = &[
    ("▶", "task doing"),
    ("○", "task to do"),
    ("◷", "task waiting on another"),
    ("⊘", "task blocked (or a component's blocked tasks)"),
    ("✓", "task done, gate passing"),
    ("–", "task dropped"),
    ("✗", "gate failing"),
    ("?", "gate unknown (no evidence yet)"),
    (
        BOTTLENECK,
        "the bottleneck: the person whose work ends last",
    ),
    ("→", "critical path: the next task depends on this one"),
    ("⇢", "critical path: the same person's next task"),
    (
        "!",
        "warnings or errors in the manifest (press ! to list them)",
    ),
];

/// The symbol of each task state, in [`LEGEND`] (checked by a test).
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_legend_names_every_symbol() {
        let states = [
            TaskState::Done,
            TaskState::Doing,
            TaskState::Todo,
            TaskState::Waiting,
            TaskState::Blocked,
            TaskState::Dropped,
        ];
        let gates = [GateStatus::Pass, GateStatus::Fail, GateStatus::Unknown];
        let symbols = states
            .iter()
            .map(|&s| state(s).0)
            .chain(gates.iter().map(|&g| gate(g).0));
        for symbol in symbols {
            assert!(
                LEGEND.iter().any(|(s, _)| *s == symbol),
                "{symbol} is not in the legend"
            );
        }
    }
}
