//! How well the calibrated percentiles cover real work (docs/forecast.md,
//! *Checking the calibration*): reads a CSV of `developer,order,estimate,
//! actual` (scripts/calibration_csv.py makes one from each public data
//! set, docs/forecast.md) and prints, for batches of 5, 10 and 20 consecutive tasks, the
//! share of batches within P50, P85 and P95 and the median P95/P50.
//!
//! cargo run --release --example calibration_eval -- FILE.csv [--model M] [--trials N]
//!
//! M: `chosen` (the product's, default), `independent` (uniform, no shared
//! draw, no winsorising), or `h=H,shared=S,min=M,winsor=W` changing the
//! product's (H a bandwidth in ln units or `chosen` or `uniform`; W spreads,
//! `inf` for none). FILE `synthetic` uses the test's synthetic record.

use std::process::ExitCode;

use readiness::forecast::coverage::{Row, coverage, synthetic};
use readiness::forecast::draws::{Bandwidth, Settings};
use readiness::sink;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            sink::stderr_line(&format!("calibration_eval: {e}"));
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let mut file = None;
    let mut settings = Settings::CHOSEN;
    let mut trials = 1000;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--model" => settings = model(it.next().ok_or("--model needs a value")?)?,
            "--trials" => {
                trials = it
                    .next()
                    .and_then(|t| t.parse().ok())
                    .ok_or("--trials needs a count")?
            }
            _ => file = Some(a.clone()),
        }
    }
    let file = file.ok_or("usage: calibration_eval FILE.csv [--model M] [--trials N]")?;
    let rows = if file == "synthetic" {
        synthetic(12, 120, 17)
    } else {
        read(&file)?
    };
    sink::stdout_line(&format!(
        "{} tasks · model {settings:?} · {trials} trials",
        rows.len()
    ));
    sink::stdout_line(" k  batches   P50    P85    P95   P95/P50");
    for k in [5, 10, 20] {
        let c = coverage(&rows, k, trials, settings);
        sink::stdout_line(&format!(
            "{k:>2}  {:>7}  {:.3}  {:.3}  {:.3}  {:.2}",
            c.batches, c.p50, c.p85, c.p95, c.width
        ));
    }
    Ok(())
}

fn model(text: &str) -> Result<Settings, String> {
    match text {
        "chosen" => return Ok(Settings::CHOSEN),
        "independent" => return Ok(Settings::INDEPENDENT),
        _ => {}
    }
    let mut s = Settings::CHOSEN;
    for part in text.split(',') {
        let (key, value) = part
            .split_once('=')
            .ok_or(format!("bad model part {part:?}"))?;
        let number = || {
            value
                .parse::<f64>()
                .map_err(|_| format!("bad number {value:?}"))
        };
        match key {
            "h" => {
                s.bandwidth = match value {
                    "chosen" => Bandwidth::Chosen,
                    "uniform" => Bandwidth::Uniform,
                    _ => Bandwidth::Fixed(number()?),
                }
            }
            "shared" => s.shared = number()?,
            "min" => s.min_effective = number()?,
            "winsor" => s.winsor = number()?,
            _ => return Err(format!("unknown model key {key:?}")),
        }
    }
    Ok(s)
}

/// `developer,order,estimate,actual` with a header; rows sorted by
/// developer and order.
fn read(path: &str) -> Result<Vec<Row>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut rows: Vec<(String, u64, f64, f64)> = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let bad = || format!("{path}:{}: expected developer,order,estimate,actual", n + 1);
        if f.len() != 4 {
            return Err(bad());
        }
        let order = f[1].parse().map_err(|_| bad())?;
        let estimate: f64 = f[2].parse().map_err(|_| bad())?;
        let actual: f64 = f[3].parse().map_err(|_| bad())?;
        if estimate > 0.0 && actual > 0.0 {
            rows.push((f[0].to_owned(), order, estimate, actual));
        }
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    Ok(rows
        .into_iter()
        .map(|(developer, _, estimate, actual)| Row {
            developer,
            estimate,
            actual,
        })
        .collect())
}
