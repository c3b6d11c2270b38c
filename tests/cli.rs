//! The command line as a user runs it: `chronoscope check` on fixtures, its
//! text and JSON reports, and its exit codes.

// Test helpers unwrap too: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::{Command, Output};

fn chronoscope(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chronoscope"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn check_prints_a_summary_line_per_file_and_succeeds() {
    let out = chronoscope(&["check", "assets/nk-troops.json", "tests/data/siege.json"]);
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "assets/nk-troops.json: 7 events, 1 source, 2022-09~ – 2024-10, 0 warnings",
            "tests/data/siege.json: 4 events, 2 sources, -0752~ – 2000-06-01?, 0 warnings",
        ]
    );
}

#[test]
fn check_lists_warnings_with_their_location() {
    let out = chronoscope(&["check", "tests/data/quote-not-found.json"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.starts_with("tests/data/quote-not-found.json: 1 event, 1 source, 2024-06-18 – 2024-06-18, 1 warning\n"), "{text}");
    assert!(text.contains("  tests/data/quote-not-found.json:8:39: warning: events[0].evidence[1].quote: event \"speech\": quote not found"), "{text}");
}

#[test]
fn check_fails_on_errors_and_still_reports_every_file() {
    let out = chronoscope(&[
        "check",
        "tests/data/bad-date.json",
        "assets/nk-troops.json",
        "tests/data/broken-syntax.json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("tests/data/bad-date.json: error\n  tests/data/bad-date.json:6:16: error: events[1].start: month 13"), "{text}");
    assert!(text.contains("assets/nk-troops.json: 7 events"), "{text}");
    assert!(
        text.contains("tests/data/broken-syntax.json:6:5: error: expected"),
        "{text}"
    );
}

#[test]
fn check_json_reports_the_same() {
    let out = chronoscope(&[
        "check",
        "--json",
        "tests/data/duplicate-id.json",
        "tests/data/quote-not-found.json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report[0]["ok"], false);
    assert_eq!(report[0]["errors"][0]["line"], 6);
    assert_eq!(report[0]["errors"][0]["field"], "events[2].id");
    assert_eq!(report[1]["ok"], true);
    assert_eq!(report[1]["events"], 1);
    assert_eq!(report[1]["warnings"][0]["line"], 8);
}

#[test]
fn missing_file_is_an_error_not_a_crash() {
    let out = chronoscope(&["check", "tests/data/nope.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("nope.json: error: cannot read the file"),
        "{out:?}"
    );
}

#[test]
fn bad_arguments_are_refused_with_usage() {
    let out = chronoscope(&["check"]);
    assert_eq!(out.status.code(), Some(2));
    let out = chronoscope(&["--size", "huge", "--screenshot", "x.png"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("WIDTHxHEIGHT"));
}
