//! End to end: the real binary opens a real window (under Xvfb in CI), renders
//! the bundled example fitted to the window, saves it with `--screenshot`,
//! and exits. Needs a display, so it is `#[ignore]`d in a plain `cargo test`;
//! `.ci/run` runs it under `xvfb-run` with `-- --ignored`.

// Test helpers unwrap too: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

use image::Rgba;

/// Lane colours of the example's three lanes (military, diplomacy, statements).
const LANE_COLOURS: [[u8; 3]; 3] = [[31, 119, 180], [214, 39, 40], [44, 160, 44]];

fn close(a: Rgba<u8>, b: [u8; 3]) -> bool {
    a.0.iter().zip(b).all(|(&x, y)| x.abs_diff(y) <= 6)
}

#[test]
#[ignore = "needs a display: run under xvfb-run with --ignored (see .ci/run)"]
fn screenshot_of_the_example_shows_its_events() {
    let dir = std::env::temp_dir().join(format!("chronoscope-e2e-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let png = dir.join("example.png");
    let output = Command::new(env!("CARGO_BIN_EXE_chronoscope"))
        .args(["--screenshot", png.to_str().unwrap(), "--size", "1200x800"])
        .output()
        .expect("the binary runs");
    assert!(
        output.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let image = image::open(&png).expect("a PNG was written").to_rgba8();
    assert_eq!(image.dimensions(), (1200, 800), "the requested size");

    // Not blank: many distinct colours.
    let mut colours: Vec<[u8; 4]> = image.pixels().map(|p| p.0).collect();
    colours.sort_unstable();
    colours.dedup();
    assert!(colours.len() > 50, "only {} colours: blank?", colours.len());

    // Each lane's colour appears inside the timeline area (left of the source
    // panel, below the menu bar and ruler): the events are drawn.
    for colour in LANE_COLOURS {
        let count = image
            .enumerate_pixels()
            .filter(|(x, y, p)| *x < 700 && (70..760).contains(y) && close(**p, colour))
            .count();
        assert!(count > 40, "{count} pixels of lane colour {colour:?}");
    }
}

#[test]
#[ignore = "needs a display: run under xvfb-run with --ignored (see .ci/run)"]
fn a_generated_large_file_loads_in_the_background_and_is_drawn_as_counts() {
    let dir = std::env::temp_dir().join(format!("chronoscope-e2e-large-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("events.csv");
    let png = dir.join("large.png");
    let bin = env!("CARGO_BIN_EXE_chronoscope");
    let generated = Command::new(bin)
        .args([
            "generate",
            "--events",
            "100000",
            "-o",
            csv.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(generated.status.success(), "{generated:?}");
    // The screenshot waits for the background load to finish.
    let output = Command::new(bin)
        .args(["--map", "start=event_date", csv.to_str().unwrap()])
        .args(["--screenshot", png.to_str().unwrap(), "--size", "1200x800"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "exit {:?}\nstderr: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let image = image::open(&png).expect("a PNG was written").to_rgba8();
    // Dense lanes are drawn: every lane colour of the six event types fills
    // many pixels of its density strip.
    // The bars are the lane colour at 70% over the dark background.
    let bar = |c: [u8; 3]| c.map(|v| (f32::from(v) * 0.7 + 10.0 * 0.3).round() as u8);
    for colour in LANE_COLOURS {
        let count = image
            .enumerate_pixels()
            .filter(|(x, y, p)| {
                *x < 700
                    && (70..760).contains(y)
                    && p.0
                        .iter()
                        .zip(bar(colour))
                        .all(|(&a, b)| a.abs_diff(b) <= 12)
            })
            .count();
        assert!(count > 400, "{count} pixels of lane colour {colour:?}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
