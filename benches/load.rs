//! Load and layout benchmarks: `cargo bench --bench load`.
//!
//! Generates synthetic conflict-shaped events (`chronoscope generate`'s
//! generator) in memory, then times reading them as CSV, JSON and JSON Lines
//! (MB/s and events/s, from text in memory to a sorted, indexed document)
//! and laying them out zoomed all the way out and zoomed to one day. Each
//! figure is the median of several runs. Set `CHRONOSCOPE_BENCH_EVENTS` to
//! change the size (default 100,000). When `../shared/data` holds the real
//! SIGACTS export, it is measured too. Method and results: BENCHMARKS.md.

// A benchmark that cannot set itself up should stop loudly.
#![allow(clippy::expect_used)]

use std::path::Path;
use std::time::{Duration, Instant};

use chronoscope::app::headless::Headless;
use chronoscope::formats::{self, ImportOptions};
use chronoscope::generate::{GenFormat, write};
use chronoscope::layout::{LayoutParams, layout};
use chronoscope::time_axis::TimeAxis;

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        drop(last.take()); // freeing the previous result is not part of a load
        let start = Instant::now();
        let result = f();
        times.push(start.elapsed());
        last = Some(result);
    }
    (median(times), last.expect("at least one run"))
}

/// The time from asking the app to open `text` saved as a file named
/// `name` to the first frame that shows its `events`: read on a worker
/// thread while the app runs a frame every few milliseconds, as a window
/// showing the progress bar would (median of three).
fn open_in_app(text: &str, name: &str, events: usize) -> Duration {
    let path =
        std::env::temp_dir().join(format!("chronoscope-bench-{}-{name}", std::process::id()));
    std::fs::write(&path, text).expect("write the file");
    let runs: Vec<Duration> = (0..3)
        .map(|_| {
            let started = Instant::now();
            let mut h = Headless::opening(
                vec![path.clone()],
                ImportOptions::default(),
                egui::vec2(1920.0, 1080.0),
            );
            loop {
                h.frame(Vec::new());
                if h.app.doc().is_some_and(|d| d.event_count() == events) {
                    break started.elapsed();
                }
                std::thread::sleep(Duration::from_millis(5));
            }
        })
        .collect();
    std::fs::remove_file(&path).expect("remove the file");
    median(runs)
}

/// Lanes by a field and filters by tag read every event: the time to read
/// a facet (on the app's background thread), and to rebuild the shown
/// document with its lanes.
fn facets(doc: &std::sync::Arc<chronoscope::model::Document>, runs: usize) {
    use chronoscope::facets::{Facet, FacetValues, Files};
    use std::sync::atomic::{AtomicBool, AtomicUsize};
    let names = [doc.name.clone()];
    let files = Files {
        names: &names,
        single: 0,
    };
    for facet in [Facet::Tag, Facet::Field("country".into())] {
        let (took, values) = time(runs, || {
            FacetValues::compute(
                doc,
                &facet,
                files,
                &AtomicBool::new(false),
                &AtomicUsize::new(0),
            )
            .expect("not cancelled")
        });
        let grouping = values.grouping(&facet, chronoscope::app::MAX_LANES);
        let (regroup, shown) = time(runs, || {
            chronoscope::model::Document::filtered(doc, &|_| true, Some(&grouping), &[])
        });
        println!(
            "  lanes by {:<8} read {:>7.3} s, shown with {} lanes in {:>7.3} s",
            facet.label(),
            took.as_secs_f64(),
            shown.lanes().len(),
            regroup.as_secs_f64()
        );
    }
}

fn main() {
    let events: usize = std::env::var("CHRONOSCOPE_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    // Fewer runs for large sizes: each takes seconds.
    let runs = if events >= 500_000 { 3 } else { 5 };
    println!("chronoscope benchmarks, {events} events, median of {runs} runs");
    let mut doc = None;
    for (format, name) in [
        (GenFormat::Csv, "events.csv"),
        (GenFormat::Json, "events.json"),
        (GenFormat::Jsonl, "events.jsonl"),
    ] {
        let mut bytes = Vec::new();
        write(&mut bytes, events, 1, format).expect("generate");
        // As the app reads a file: the text is handed to the document, which
        // may keep it (a CSV table's events stay rows of it).
        let text = std::sync::Arc::new(String::from_utf8(bytes).expect("utf-8"));
        let parse = |text: &std::sync::Arc<String>| {
            formats::parse_shared(
                text,
                Path::new(name),
                &ImportOptions::default(),
                &formats::Progress::default(),
            )
        };
        let (took, loaded) = time(runs, || parse(&text).expect("loads"));
        assert_eq!(loaded.event_count(), events);
        // The app loads on a worker thread: measure that too.
        let (worker, _) = time(runs, || {
            let text = std::sync::Arc::clone(&text);
            std::thread::spawn(move || parse(&text).map(|d| d.event_count()).expect("loads"))
                .join()
                .expect("the worker finishes")
        });
        let secs = took.as_secs_f64();
        println!(
            "load {name:<13} {:>8.1} MB  {:>8.3} s  {:>7.1} MB/s  {:>10.0} events/s",
            text.len() as f64 / 1e6,
            secs,
            text.len() as f64 / 1e6 / secs,
            events as f64 / secs
        );
        println!(
            "  on a worker thread (as the app loads): {:>8.3} s",
            worker.as_secs_f64()
        );
        if matches!(format, GenFormat::Csv | GenFormat::Json) {
            println!(
                "  opened in the app, to the first frame showing it: {:>8.3} s",
                open_in_app(&text, name, events).as_secs_f64()
            );
        }
        let loaded = std::sync::Arc::new(loaded);
        if matches!(format, GenFormat::Csv | GenFormat::Json) {
            facets(&loaded, runs);
        }
        doc = Some(loaded);
    }
    let sigacts =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/sigacts_iraq_2004_2007.csv");
    if let Ok(text) = std::fs::read_to_string(&sigacts).map(std::sync::Arc::new) {
        let options = ImportOptions {
            mapping: vec![("start".into(), "time".into())],
            ..ImportOptions::default()
        };
        let (took, loaded) = time(5, || {
            formats::parse_shared(&text, &sigacts, &options, &formats::Progress::default())
                .expect("SIGACTS loads")
        });
        let secs = took.as_secs_f64();
        println!(
            "load {:<13} {:>8.1} MB  {:>8.3} s  {:>7.1} MB/s  {:>10.0} events/s  ({} events)",
            "SIGACTS csv",
            text.len() as f64 / 1e6,
            secs,
            text.len() as f64 / 1e6 / secs,
            loaded.event_count() as f64 / secs,
            loaded.event_count()
        );
    }
    let doc = doc.expect("a document");
    let measure = |s: &str| s.chars().count() as f32 * 7.0;
    let params = LayoutParams {
        right: 1920.0,
        top: 40.0,
        max_rows: 3,
        ..LayoutParams::default()
    };
    let (t0, t1) = doc.time_range().expect("events");
    let whole = TimeAxis::fit(0.0, 1920.0, t0, t1, 56.0);
    let middle = t0 + (t1 - t0) / 2.0;
    let day = TimeAxis::new(0.0, 1920.0, middle, middle + 86_400.0);
    for (view, axis) in [("zoomed out", whole), ("one day", day)] {
        let (took, l) = time(5, || layout(&doc, &axis, &params, &measure));
        println!(
            "layout {view:<11} {:>8.2} ms  {} items",
            took.as_secs_f64() * 1e3,
            l.items.len()
        );
    }
}
