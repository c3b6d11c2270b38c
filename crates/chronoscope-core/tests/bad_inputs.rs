//! The corpus of hostile and malformed inputs in `tests/data/bad/`: every
//! file there goes through detection, the importer, the native writer (and
//! back), the CSV writer and the SVG drawing, and must give the located
//! message its `.expect` file names — never a panic, a hang or silent loss.
//!
//! Each `NAME.expect` beside `NAME` holds lines of:
//! - `error: TEXT` — loading fails and the error's text contains TEXT;
//! - `warning: TEXT` — it loads and one warning, as `check` prints it
//!   (`line:column: field: message`), contains TEXT;
//! - `events: N` — it loads with N events;
//! - `title: TEXT` — one event's title is TEXT;
//! - `no-warning: TEXT` — no warning contains TEXT;
//! - `order: month-first` / `order: day-first` — the import option to use;
//! - `# …` — why the file is there.
//!
//! Files whose name starts with `_` are helpers the others refer to (a
//! `text_file`, say) and have no `.expect`.

// Test helpers unwrap too: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use chronoscope_core::formats::native::write as native_write;
use chronoscope_core::formats::{self, DayMonthOrder, ImportOptions, csv_write};
use chronoscope_core::model::Document;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/bad")
}

/// What one `.expect` file asks.
#[derive(Default)]
struct Expect {
    errors: Vec<String>,
    warnings: Vec<String>,
    no_warnings: Vec<String>,
    titles: Vec<String>,
    events: Option<usize>,
    options: ImportOptions,
}

fn read_expect(path: &Path) -> Expect {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: every bad input needs an .expect: {e}", path.display()));
    let mut expect = Expect::default();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = line
            .split_once(':')
            .unwrap_or_else(|| panic!("{}: `{line}` is not `key: value`", path.display()));
        let value = value.trim().to_owned();
        match key {
            "error" => expect.errors.push(value),
            "warning" => expect.warnings.push(value),
            "no-warning" => expect.no_warnings.push(value),
            "title" => expect.titles.push(value),
            "events" => expect.events = Some(value.parse().unwrap()),
            "order" => {
                expect.options.day_month_order = match value.as_str() {
                    "month-first" => DayMonthOrder::MonthFirst,
                    "day-first" => DayMonthOrder::DayFirst,
                    other => panic!("{}: unknown order {other}", path.display()),
                }
            }
            other => panic!("{}: unknown key {other}", path.display()),
        }
    }
    assert!(
        !(expect.errors.is_empty() && expect.warnings.is_empty() && expect.events.is_none()),
        "{}: says nothing to check",
        path.display()
    );
    expect
}

/// Warnings as `check` prints them, less the file name.
fn warnings(doc: &Document) -> Vec<String> {
    doc.warnings
        .iter()
        .map(|w| format!("{}: {}: {}", w.location, w.field, w.message))
        .collect()
}

/// What every loaded document must survive: written as native JSON and read
/// back, written as CSV, drawn.
fn round_trips(doc: &Document, path: &Path) {
    let json = native_write::to_json(doc);
    let again = formats::parse(
        &json,
        &path.with_extension("out.json"),
        &ImportOptions::default(),
    )
    .unwrap_or_else(|e| {
        panic!(
            "{}: written as native JSON, it does not read back: {e}",
            path.display()
        )
    });
    assert_eq!(again.event_count(), doc.event_count(), "{}", path.display());
    let mut csv = Vec::new();
    csv_write::write_csv(doc, &mut csv, b',').unwrap();
    if let Some((t0, t1)) = doc.time_range() {
        let (t0, t1) = chronoscope_core::svg::with_margin(t0, t1);
        let svg = chronoscope_core::svg::render(doc, t0, t1, 1200.0, &[]);
        assert!(svg.starts_with("<svg"), "{}", path.display());
    }
}

fn check_one(path: &Path, expect: &Expect) -> Result<(), String> {
    let shown = path.file_name().unwrap().to_string_lossy().into_owned();
    match formats::load_file_with(path, &expect.options) {
        Err(e) => {
            let text = e.to_string();
            if expect.errors.is_empty() {
                return Err(format!("{shown}: should load, failed: {text}"));
            }
            for wanted in &expect.errors {
                if !text.contains(wanted.as_str()) {
                    return Err(format!("{shown}: error `{text}` lacks `{wanted}`"));
                }
            }
        }
        Ok(doc) => {
            if !expect.errors.is_empty() {
                return Err(format!(
                    "{shown}: should fail with `{}`, loaded {} events",
                    expect.errors.join("`, `"),
                    doc.event_count()
                ));
            }
            let said = warnings(&doc);
            for wanted in &expect.warnings {
                if !said.iter().any(|w| w.contains(wanted.as_str())) {
                    return Err(format!(
                        "{shown}: no warning has `{wanted}`; warnings: {said:#?}"
                    ));
                }
            }
            for unwanted in &expect.no_warnings {
                if let Some(w) = said.iter().find(|w| w.contains(unwanted.as_str())) {
                    return Err(format!("{shown}: warned `{w}`"));
                }
            }
            if let Some(n) = expect.events
                && n != doc.event_count()
            {
                return Err(format!(
                    "{shown}: {} events, expected {n}",
                    doc.event_count()
                ));
            }
            let titles: Vec<String> = doc.iter_events().map(|e| e.title.clone()).collect();
            for wanted in &expect.titles {
                if !titles.contains(wanted) {
                    return Err(format!(
                        "{shown}: no event titled `{wanted}`; titles: {titles:?}"
                    ));
                }
            }
            round_trips(&doc, path);
        }
    }
    Ok(())
}

#[test]
fn every_bad_input_gives_its_located_message() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            p.is_file() && !name.ends_with(".expect") && !name.starts_with('_')
        })
        .collect();
    files.sort();
    assert!(files.len() >= 5, "the corpus has {} files", files.len());
    let failures: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let mut expect_path = path.clone().into_os_string();
            expect_path.push(".expect");
            check_one(path, &read_expect(Path::new(&expect_path))).err()
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} bad inputs:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

#[test]
fn every_expect_file_has_its_input() {
    for entry in std::fs::read_dir(corpus()).unwrap() {
        let path = entry.unwrap().path();
        if let Some(name) = path.to_str().and_then(|p| p.strip_suffix(".expect")) {
            assert!(
                Path::new(name).is_file(),
                "{} has no input beside it",
                path.display()
            );
        }
    }
}
