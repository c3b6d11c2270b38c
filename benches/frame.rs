//! Frame benchmark: `cargo bench --bench frame`.
//!
//! Runs the whole app without a window (`app::headless`: the app's code,
//! egui's pass and tessellation, 1920×1080 points) over fixed scenarios —
//! zoomed all the way out, zoomed to one day, and panning one point per
//! frame — at 10 thousand, 1 million and 10 million generated events, and
//! reports the median and 95th percentile CPU time per frame and the
//! vertices drawn. `CHRONOSCOPE_BENCH_SIZES=10000,1000000` changes the sizes.
//! Method and results: BENCHMARKS.md.

// A benchmark that cannot set itself up should stop loudly.
#![allow(clippy::expect_used)]

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chronoscope::app::headless::{FrameStats, Headless};

use chronoscope::formats;
use chronoscope::generate;
use chronoscope::time_axis::TimeAxis;

const FRAMES: usize = 120;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn report(events: usize, scenario: &str, frames: &[FrameStats]) {
    let mut cpu: Vec<Duration> = frames.iter().map(|f| f.cpu).collect();
    cpu.sort();
    let vertices = frames.iter().map(|f| f.vertices).max().unwrap_or(0);
    let shapes = frames.iter().map(|f| f.shapes).max().unwrap_or(0);
    println!(
        "{events:>10} events  {scenario:<27} p50 {:>6.2} ms  p95 {:>6.2} ms  {vertices:>7} vertices  {shapes:>5} shapes",
        percentile(&cpu, 0.5).as_secs_f64() * 1e3,
        percentile(&cpu, 0.95).as_secs_f64() * 1e3,
    );
}

fn run(h: &mut Headless, view: Option<TimeAxis>, pan: bool) -> Vec<FrameStats> {
    h.app.view.axis = view;
    for _ in 0..5 {
        h.frame(Vec::new()); // settle
    }
    (0..FRAMES)
        .map(|_| {
            if pan && let Some(v) = h.app.view.axis {
                h.app.view.axis = Some(v.pan(1.0));
            }
            h.frame(Vec::new())
        })
        .collect()
}

fn main() {
    let sizes: Vec<usize> = std::env::var("CHRONOSCOPE_BENCH_SIZES").ok().map_or_else(
        || vec![10_000, 1_000_000, 10_000_000],
        |v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect(),
    );
    println!("chronoscope frame benchmark, 1920x1080, {FRAMES} frames per scenario");
    for events in sizes {
        let started = Instant::now();
        let doc = generate::document(events, 1);
        let built = started.elapsed();
        println!(
            "{events:>10} events  generated and indexed in {:.2} s",
            built.as_secs_f64()
        );
        scenarios(events, "", doc);
        // Spreadsheets keep their events as rows of the text, read when
        // drawn: the same events from CSV (up to a few million rows).
        if events <= 2_000_000 {
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
            scenarios(events, "CSV, ", doc);
        }
    }
}

/// Every scenario for one document; `kind` prefixes the scenario names.
fn scenarios(events: usize, kind: &str, doc: chronoscope::model::Document) {
    let mut h = Headless::new(doc, egui::vec2(1920.0, 1080.0));
    let whole = h.app.view.axis.expect("a fitted view");
    let mid = whole.start() + whole.span() / 2.0;
    let day = TimeAxis::new(whole.x_left(), whole.width(), mid, mid + 86_400.0);
    // A week of a million events over twenty years: lanes of single
    // labelled events, the most titles drawn.
    let week = TimeAxis::new(whole.x_left(), whole.width(), mid, mid + 7.0 * 86_400.0);
    let name = |s: &str| format!("{kind}{s}");
    report(
        events,
        &name("zoomed out"),
        &run(&mut h, Some(whole), false),
    );
    report(events, &name("one week"), &run(&mut h, Some(week), false));
    report(events, &name("one day"), &run(&mut h, Some(day), false));
    report(
        events,
        &name("zoomed out, panning"),
        &run(&mut h, Some(whole), true),
    );
    report(
        events,
        &name("one week, panning"),
        &run(&mut h, Some(week), true),
    );
    report(
        events,
        &name("one day, panning"),
        &run(&mut h, Some(day), true),
    );
    // Hover hit-testing is part of each frame; measure the pointer over
    // the lanes, moving one point per frame.
    h.app.view.axis = Some(whole);
    let hover: Vec<FrameStats> = (0..FRAMES)
        .map(|i| {
            let pos = egui::pos2(300.0 + i as f32, 160.0);
            h.frame(vec![egui::Event::PointerMoved(pos)])
        })
        .collect();
    report(events, &name("zoomed out, hovering"), &hover);
    hover_cost(events, &name("zoomed out"), &mut h);
    map_scenarios(events, &name("map: "), &mut h, (whole, week));
}

/// The same frames with the map open beside the timeline (View > Map):
/// the whole world and a region, the timeline still or panning, once the
/// places are read (on a thread, as in the window).
fn map_scenarios(events: usize, name: &str, h: &mut Headless, (whole, week): (TimeAxis, TimeAxis)) {
    use chronoscope::app::Command;
    use chronoscope_geo::{LonLat, MapView, projection::mercator};
    h.app.push(Command::ToggleMap);
    h.frame(Vec::new());
    let started = Instant::now();
    while h.app.jobs.places.get().is_none() && started.elapsed() < Duration::from_mins(2) {
        std::thread::sleep(Duration::from_millis(20));
        h.frame(Vec::new());
    }
    let with_place = h.app.jobs.places.get().map_or(0, |p| p.count());
    println!(
        "{events:>10} events  {name}places read in {:.2} s ({with_place} with a place)",
        started.elapsed().as_secs_f64()
    );
    let mut at = |view: MapView| {
        h.app.push(Command::MapView(view));
        h.frame(Vec::new());
    };
    at(MapView::default());
    report(
        events,
        &format!("{name}world, zoomed out"),
        &run(h, Some(whole), false),
    );
    report(
        events,
        &format!("{name}world, panning"),
        &run(h, Some(whole), true),
    );
    let region = MapView {
        center: mercator(LonLat::new(30.0, 48.0)),
        zoom: 5.0,
    };
    let mut at = |view: MapView| {
        h.app.push(Command::MapView(view));
        h.frame(Vec::new());
    };
    at(region);
    report(
        events,
        &format!("{name}region, zoomed out"),
        &run(h, Some(whole), false),
    );
    // The map itself dragged, a point a frame, the whole span in view.
    h.app.view.axis = Some(whole);
    let dragged: Vec<FrameStats> = (0..FRAMES)
        .map(|k| {
            let view = region.panned(f64::from(u32::try_from(k).unwrap_or(0)), 0.0);
            h.app.push(Command::MapView(view));
            h.frame(Vec::new())
        })
        .collect();
    report(events, &format!("{name}region, map dragged"), &dragged);
    // Zoomed, a fiftieth of a zoom level a frame (a wheel turning).
    let zoomed: Vec<FrameStats> = (0..FRAMES)
        .map(|k| {
            let view = MapView {
                zoom: region.zoom + f64::from(u32::try_from(k).unwrap_or(0)) * 0.02,
                ..region
            };
            h.app.push(Command::MapView(view));
            h.frame(Vec::new())
        })
        .collect();
    report(events, &format!("{name}region, map zoomed"), &zoomed);
    report(
        events,
        &format!("{name}region, one week panning"),
        &run(h, Some(week), true),
    );
    h.app.push(Command::ToggleMap);
    h.frame(Vec::new());
}

/// What the pointer costs a frame, zoomed out: the mean CPU time of frames
/// with the pointer moving over the lanes (egui's hit test over every
/// interactive item, hover highlights, tooltips), moving over an empty
/// part of the timeline (the hit test alone, finding nothing) and with no
/// pointer, each minus the last. Blocks of the three are interleaved, 40
/// blocks of 30 frames each, so that drift affects all alike.
fn hover_cost(events: usize, scenario: &str, h: &mut Headless) {
    let (mut over, mut empty, mut gone) = (Vec::new(), Vec::new(), Vec::new());
    for block in 0..40 {
        for i in 0..30 {
            let x = 300.0 + f32::from(u8::try_from((block * 30 + i) % 200).unwrap_or(0));
            over.push(
                h.frame(vec![egui::Event::PointerMoved(egui::pos2(x, 130.0))])
                    .cpu,
            );
        }
        for i in 0..30 {
            let x = 300.0 + f32::from(u8::try_from((block * 30 + i) % 200).unwrap_or(0));
            empty.push(
                h.frame(vec![egui::Event::PointerMoved(egui::pos2(x, 900.0))])
                    .cpu,
            );
        }
        for _ in 0..30 {
            gone.push(h.frame(vec![egui::Event::PointerGone]).cpu);
        }
    }
    let mean = |v: &[Duration]| v.iter().map(Duration::as_secs_f64).sum::<f64>() / v.len() as f64;
    let (over, empty, gone) = (mean(&over), mean(&empty), mean(&gone));
    println!(
        "{events:>10} events  {scenario:<27} pointer: hit test finding nothing {:>+6.1} µs, hovering items {:>+6.1} µs (means of 1,200 frames)",
        (empty - gone) * 1e6,
        (over - gone) * 1e6,
    );
}
