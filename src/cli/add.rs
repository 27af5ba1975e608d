//! `readiness add [FILE] task|component|person|gate ID …`: the command line
//! of [`crate::edit::add`] — arguments, the line the entry went on, exit
//! status. The file is read and written by [`crate::edit_file::add`].

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};

use super::render_diagnostics;
use super::set::{StatusArg, new_warnings, print_invalid, print_syntax};
use crate::edit::add::{self, NewComponent, NewGate, NewPerson, NewTask, Refusal};
use crate::edit_file::{self, AddError};
use crate::exit;
use crate::manifest::{Priority, Severity};
use crate::manifest_file::DEFAULT_FILE;

/// `add`'s arguments.
#[derive(Debug, Args)]
#[command(override_usage = "readiness add [FILE] <task|component|person|gate> ID [OPTIONS]")]
pub struct AddArgs {
    /// The manifest [default: ./readiness.toml]
    #[arg(value_name = "FILE")]
    file: Option<PathBuf>,

    #[command(subcommand)]
    what: What,
}

/// The kinds of entry.
#[derive(Debug, Subcommand)]
enum What {
    /// A task, after the last task
    Task {
        /// Its id: letters, digits, '-', '_', '.'
        id: String,
        /// What it is
        #[arg(long, value_name = "TEXT")]
        title: String,
        /// The id of its component
        #[arg(long, value_name = "ID")]
        component: String,
        /// Days (2.5) or a range with a unit ("2-3d", "4h", "1 week")
        #[arg(long, value_name = "E", allow_hyphen_values = true)]
        estimate: Option<String>,
        /// The one person who will do it
        #[arg(long, value_name = "ID")]
        owner: Option<String>,
        /// Its priority [default: P2]
        #[arg(long, value_enum)]
        priority: Option<PriorityArg>,
        /// A task that must finish first (repeat for several)
        #[arg(long = "depends-on", value_name = "ID")]
        depends_on: Vec<String>,
        /// Its status [default: todo]; done also writes `done` = today
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
    },
    /// A component, after the last component
    Component {
        /// Its id: letters, digits, '-', '_', '.'
        id: String,
        /// Its name in reports [default: the id]
        #[arg(long, value_name = "TEXT")]
        name: Option<String>,
        /// Its share of overall completion [default: 1]
        #[arg(long, value_name = "N")]
        weight: Option<f64>,
        /// Who answers for it (shown only)
        #[arg(long, value_name = "TEXT")]
        owner: Option<String>,
        /// Its completion while it has no tasks, in percent
        #[arg(long, value_name = "N")]
        progress: Option<f64>,
    },
    /// A person who does the work, after the last person
    Person {
        /// Their id, which a task's `owner` names
        id: String,
        /// Their name in reports [default: the id]
        #[arg(long, value_name = "TEXT")]
        name: Option<String>,
        /// Days of estimate delivered per working day (0 < focus <= 1)
        #[arg(long, value_name = "N")]
        focus: Option<f64>,
    },
    /// A gate, after the last gate: exactly one criterion
    Gate(GateArgs),
}

/// A gate's keys (docs/manifest.md, "Gate criteria").
#[derive(Debug, Args)]
struct GateArgs {
    /// Its id: letters, digits, '-', '_', '.'
    id: String,
    /// Its name in reports [default: the id]
    #[arg(long, value_name = "TEXT")]
    name: Option<String>,
    /// hard gates decide READY [default: hard]
    #[arg(long, value_enum)]
    severity: Option<SeverityArg>,
    /// Criterion: these tasks are done or dropped (comma-separated)
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    tasks: Vec<String>,
    /// Criterion: every task this urgent or more is done or dropped
    #[arg(long, value_enum)]
    priority: Option<PriorityArg>,
    /// Criterion: every task of these components is done (comma-separated)
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    components: Vec<String>,
    /// Criterion: a [metrics] value within --min/--max
    #[arg(long, value_name = "NAME")]
    metric: Option<String>,
    /// The lowest passing value (with --metric or --coverage)
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    min: Option<f64>,
    /// The highest passing value (with --metric)
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    max: Option<f64>,
    /// Criterion: a sign-off
    #[arg(long, value_enum)]
    status: Option<GateStatusArg>,
    /// The last day a pass holds (with --status)
    #[arg(long, value_name = "YYYY-MM-DD")]
    expires: Option<NaiveDate>,
    /// Criterion: JUnit XML results (a path or glob)
    #[arg(long, value_name = "GLOB")]
    junit: Option<String>,
    /// The fewest test cases that pass (with --junit)
    #[arg(long, value_name = "N")]
    min_tests: Option<u64>,
    /// The lowest passing percent (with --junit)
    #[arg(long, value_name = "N")]
    min_pass_rate: Option<f64>,
    /// Criterion: an LCOV or Cobertura report, with --min
    #[arg(long, value_name = "PATH")]
    coverage: Option<String>,
    /// Criterion: a command that exits 0 (runs only with --allow-commands)
    #[arg(long, value_name = "CMD", allow_hyphen_values = true)]
    command: Option<String>,
    /// Seconds the command may run (with --command)
    #[arg(long, value_name = "S")]
    timeout: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum PriorityArg {
    #[value(name = "P0", alias = "p0")]
    P0,
    #[value(name = "P1", alias = "p1")]
    P1,
    #[value(name = "P2", alias = "p2")]
    P2,
    #[value(name = "P3", alias = "p3")]
    P3,
}

impl From<PriorityArg> for Priority {
    fn from(p: PriorityArg) -> Priority {
        match p {
            PriorityArg::P0 => Priority::P0,
            PriorityArg::P1 => Priority::P1,
            PriorityArg::P2 => Priority::P2,
            PriorityArg::P3 => Priority::P3,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SeverityArg {
    Hard,
    Soft,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GateStatusArg {
    Pass,
    Fail,
    Pending,
}

/// Runs `add`; prints where the entry went, or why nothing was written.
pub fn run(args: &AddArgs, top: Option<PathBuf>, today: NaiveDate) -> u8 {
    let path = args
        .file
        .clone()
        .or(top)
        .unwrap_or_else(|| PathBuf::from(DEFAULT_FILE));
    let result = match &args.what {
        What::Task {
            id,
            title,
            component,
            estimate,
            owner,
            priority,
            depends_on,
            status,
        } => {
            let new = NewTask {
                id: id.clone(),
                title: title.clone(),
                component: component.clone(),
                estimate: estimate.clone(),
                owner: owner.clone(),
                priority: priority.map(Priority::from),
                depends_on: depends_on.clone(),
                status: status.map(Into::into),
            };
            edit_file::add(&path, |text| add::task(text, &new, today))
        }
        What::Component {
            id,
            name,
            weight,
            owner,
            progress,
        } => {
            let new = NewComponent {
                id: id.clone(),
                name: name.clone(),
                weight: *weight,
                owner: owner.clone(),
                progress: *progress,
            };
            edit_file::add(&path, |text| add::component(text, &new))
        }
        What::Person { id, name, focus } => {
            let new = NewPerson {
                id: id.clone(),
                name: name.clone(),
                focus: *focus,
            };
            edit_file::add(&path, |text| add::person(text, &new))
        }
        What::Gate(gate) => {
            let new = gate.new_gate();
            edit_file::add(&path, |text| add::gate(text, &new))
        }
    };
    match result {
        Ok(outcome) => {
            let added = &outcome.added;
            crate::sink::stdout_line(&format!(
                "{}: added {} `{}` on line {}",
                path.display(),
                added.kind.noun(),
                added.id,
                added.line
            ));
            let new = new_warnings(&outcome.original.text, &added.warnings);
            if !new.is_empty() {
                crate::sink::stderr(&render_diagnostics(&path, &added.text, &new));
            }
            exit::OK
        }
        Err(AddError::File(error)) => {
            crate::sink::stderr_line(&format!("error: {error}"));
            exit::ERROR
        }
        Err(AddError::Refused(refusal)) => {
            crate::sink::stderr_line(&format!("error: {}: {refusal}", path.display()));
            match &refusal {
                Refusal::Syntax(diagnostics) => print_syntax(&path, diagnostics),
                Refusal::Invalid {
                    text, diagnostics, ..
                } => print_invalid(&path, text, diagnostics),
                _ => {}
            }
            exit::ERROR
        }
    }
}

impl GateArgs {
    fn new_gate(&self) -> NewGate {
        NewGate {
            id: self.id.clone(),
            name: self.name.clone(),
            severity: self.severity.map(|s| match s {
                SeverityArg::Hard => Severity::Hard,
                SeverityArg::Soft => Severity::Soft,
            }),
            tasks: self.tasks.clone(),
            priority: self.priority.map(Priority::from),
            components: self.components.clone(),
            metric: self.metric.clone(),
            min: self.min,
            max: self.max,
            status: self.status.map(|s| {
                match s {
                    GateStatusArg::Pass => "pass",
                    GateStatusArg::Fail => "fail",
                    GateStatusArg::Pending => "pending",
                }
                .to_owned()
            }),
            expires: self.expires,
            junit: self.junit.clone(),
            min_tests: self.min_tests,
            min_pass_rate: self.min_pass_rate,
            coverage: self.coverage.clone(),
            command: self.command.clone(),
            timeout: self.timeout,
        }
    }
}
