//! Edit benchmark: `cargo bench --bench edit`.
//!
//! The time from an edit to the frame that shows it, in the whole app
//! without a window (`app::headless`, 1920×1080 points): an event moved by
//! a day, an event's date typed anew (a month later, at month precision),
//! and a new event made at a time on the timeline. Each is a command given
//! to the app; it is applied at the end of the frame it is given in, and
//! the next frame draws the result, so the figure is those two frames,
//! measured from the command to the end of the second. At 10 thousand and
//! 1 million generated events, held in memory and as the rows of a CSV
//! table. `CHRONOSCOPE_BENCH_SIZES=10000,1000000` changes the sizes.
//! Method and results: BENCHMARKS.md.

// A benchmark that cannot set itself up should stop loudly.
#![allow(clippy::expect_used)]

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chronoscope::app::Command;
use chronoscope::app::headless::Headless;
use chronoscope::formats;
use chronoscope::generate;
use chronoscope::model::{Date, Document, Precision};

/// Edits of each kind measured.
const EDITS: usize = 40;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn report(events: usize, scenario: &str, mut times: Vec<Duration>) {
    times.sort();
    println!(
        "{events:>10} events  {scenario:<32} p50 {:>7.2} ms  p95 {:>7.2} ms  max {:>7.2} ms",
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.95).as_secs_f64() * 1e3,
        times.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    );
}

/// Gives `command` and runs the frame that applies it and the frame that
/// shows it; the time both took.
fn edit(h: &mut Headless, command: Command) -> Duration {
    let started = Instant::now();
    h.app.push(command);
    h.frame(Vec::new());
    h.frame(Vec::new());
    started.elapsed()
}

/// A date `days` after `date`, at day precision.
fn days_later(date: &Date, days: i64) -> Date {
    let t = date.start_seconds() + days as f64 * 86_400.0;
    let parts = chronoscope::model::DateParts::from_unix_millis((t * 1000.0) as i64);
    Date::from_parts(parts).expect("a date")
}

fn scenarios(events: usize, kind: &str, doc: Document) {
    let mut h = Headless::new(doc, egui::vec2(1920.0, 1080.0));
    for _ in 0..5 {
        h.frame(Vec::new());
    }
    let count = h.app.doc().expect("a document").event_count();
    let name = |s: &str| format!("{kind}{s}");

    // Move: the event in the middle of the file, a day later each time.
    let mut moves = Vec::new();
    for n in 0..EDITS {
        let index = (count / 2 + n * 7919) % count;
        let doc = h.app.doc().expect("a document");
        let mut event = (*doc.event(index).expect("an event")).clone();
        event.start = days_later(&event.start, 1);
        event.end = None;
        moves.push(edit(
            &mut h,
            Command::EditEvent {
                index,
                event: Box::new(event),
                label: "move of",
            },
        ));
    }
    report(events, &name("move by a day"), moves);

    // A date typed: a month precision date, a month later.
    let mut typed = Vec::new();
    for n in 0..EDITS {
        let index = (count / 3 + n * 104_729) % count;
        let doc = h.app.doc().expect("a document");
        let mut event = (*doc.event(index).expect("an event")).clone();
        let mut start = days_later(&event.start, 31);
        start.precision = Precision::Month;
        start.day = 1;
        event.start = Date::parse(&start.to_string()).expect("a month");
        event.end = None;
        typed.push(edit(
            &mut h,
            Command::EditEvent {
                index,
                event: Box::new(event),
                label: "edit of",
            },
        ));
    }
    report(events, &name("date typed"), typed);

    // New events on the timeline.
    let axis = h.app.view.axis.expect("a view");
    let mut created = Vec::new();
    for n in 0..EDITS {
        let t = axis.start() + axis.span() * (n as f64 + 0.5) / EDITS as f64;
        created.push(edit(&mut h, Command::NewEventAt(t)));
    }
    let shown = h.app.doc().expect("a document").event_count();
    assert_eq!(shown, count + EDITS, "every new event is shown");
    report(events, &name("new event"), created);

    // Undo, one step at a time.
    let mut undone = Vec::new();
    for _ in 0..EDITS {
        undone.push(edit(&mut h, Command::Undo));
    }
    report(events, &name("undo"), undone);
}

fn main() {
    let sizes: Vec<usize> = std::env::var("CHRONOSCOPE_BENCH_SIZES").ok().map_or_else(
        || vec![10_000, 1_000_000],
        |v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect(),
    );
    println!("chronoscope edit benchmark: an edit to the frame that shows it, 1920x1080");
    for events in sizes {
        scenarios(events, "", generate::document(events, 1));
        let mut bytes = Vec::new();
        generate::write(&mut bytes, events, 1, generate::GenFormat::Csv).expect("generate");
        let text = Arc::new(String::from_utf8(bytes).expect("utf-8"));
        let doc = formats::parse_shared(
            &text,
            Path::new("events.csv"),
            &formats::ImportOptions::default(),
            &formats::Progress::default(),
        )
        .expect("loads");
        scenarios(events, "CSV rows, ", doc);
    }
}
