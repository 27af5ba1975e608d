//! The view model and the frames drawn from it (docs/dashboard.md): building
//! the view of a snapshot (off the UI thread, once per load) and drawing a
//! whole dashboard frame from it (on the UI thread, per redraw), on the
//! generated plans of 1k and 10k tasks. Run with `cargo bench --bench view`.

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use readiness::app::{App, AppOptions, LoadOutcome};
use readiness::ui::render::render_buffer;
use readiness::view::View;

#[path = "support/generate.rs"]
mod generate;

fn bench(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let mut group = c.benchmark_group("view");
    group.measurement_time(Duration::from_secs(6));
    group.sample_size(20);
    for tasks in generate::sizes(&[1_000, 10_000]) {
        let text = generate::manifest(tasks);
        let snapshot = Arc::new(
            readiness::evaluate_with(&text, today, readiness::Options::exact_trials(1))
                .expect("valid"),
        );
        group.bench_with_input(BenchmarkId::new("build", tasks), &snapshot, |b, s| {
            b.iter(|| black_box(View::build(Arc::clone(s), None, Some(&text))))
        });
        let mut app = App::new(PathBuf::from("readiness.toml"), AppOptions::default());
        app.on_load(LoadOutcome::loaded(
            (*snapshot).clone(),
            &text,
            today.and_hms_opt(9, 0, 0).expect("time"),
        ));
        group.bench_with_input(BenchmarkId::new("frame_200x60", tasks), &app, |b, app| {
            b.iter(|| black_box(render_buffer(app, 200, 60)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
