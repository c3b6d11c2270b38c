//! The native event file format, loaded from the fixtures in `tests/data`:
//! what loads, what it becomes, and the located errors for what does not.

// Test helpers unwrap too: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use chronoscope::formats::{LoadError, load_file};
use chronoscope::model::{Extent, Location, Precision};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// Loads a fixture that must fail and returns (location, field, message, full text).
fn error_of(name: &str) -> (Location, String, String, String) {
    match load_file(&data(name)) {
        Ok(_) => panic!("{name} loaded but should not"),
        Err(e @ LoadError::Invalid { .. }) => {
            let text = e.to_string();
            let LoadError::Invalid {
                location,
                field,
                message,
                ..
            } = e
            else {
                unreachable!()
            };
            assert!(text.contains(name), "error names the file: {text}");
            (location, field, message, text)
        }
        Err(e) => panic!("{name}: unexpected error {e}"),
    }
}

#[test]
fn fixture_loads_with_precision_sources_and_sorted_events() {
    let doc = load_file(&data("siege.json")).unwrap();
    assert_eq!(doc.title.as_deref(), Some("A test chronology"));
    assert_eq!(doc.sources.len(), 2);
    assert_eq!(
        doc.sources[0].text_file.as_deref(),
        Some("siege-chronicle.txt")
    );
    assert!(doc.sources[0].text.contains("twins"));
    let ids: Vec<String> = doc.iter_events().map(|e| e.id.clone()).collect();
    assert_eq!(ids, ["founding", "siege", "fall", "treaty"]);

    let founding = doc.event(0).unwrap();
    assert_eq!(founding.start.year, -752);
    assert_eq!(founding.start.precision, Precision::Year);
    assert!(founding.start.approximate);
    assert_eq!(founding.start.human(), "c. 753 BCE");
    assert_eq!(founding.extent(), Extent::Imprecise);

    let siege = doc.event(1).unwrap();
    assert_eq!(siege.extent(), Extent::Range);
    assert_eq!(siege.date_text(), "2000-03/2000-05-10");

    let fall = doc.event(2).unwrap();
    assert_eq!(fall.start.precision, Precision::Minute);
    assert_eq!(fall.start.offset_minutes, Some(120));
    // 05:30 at +02:00 is 03:30 UTC.
    assert!((fall.t0() - 957_929_400.0).abs() < 1e-6);

    assert!(doc.event(3).unwrap().start.uncertain);
    assert_eq!(doc.lanes(), ["politics", "war"]);
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn quotes_are_located_across_line_breaks_inside_words() {
    let doc = load_file(&data("siege.json")).unwrap();
    let siege = doc.event(1).unwrap();
    let ev = &siege.evidence[0];
    let text = &doc.sources[ev.source].text;
    assert_eq!(
        &text[ev.location.clone().unwrap()],
        "The siege be\ngan in March"
    );
    let founding_event = doc.event(0).unwrap();
    let founding = &founding_event.evidence[0];
    assert_eq!(founding.note.as_deref(), Some("Legendary."));
    assert_eq!(
        &doc.sources[0].text[founding.location.clone().unwrap()],
        "the city was\nfounded"
    );
}

#[test]
fn syntax_error_is_located() {
    let (loc, _, message, _) = error_of("broken-syntax.json");
    assert_eq!(loc.line, 6);
    assert!(message.contains("expected"), "{message}");
}

#[test]
fn bad_date_names_line_field_and_what_was_expected() {
    let (loc, field, message, text) = error_of("bad-date.json");
    assert_eq!((loc.line, loc.column), (6, 16));
    assert_eq!(field, "events[1].start");
    assert!(message.contains("month"), "{message}");
    assert!(message.contains("expected an EDTF date"), "{message}");
    assert!(
        text.contains("bad-date.json:6:16: events[1].start:"),
        "{text}"
    );
}

#[test]
fn duplicate_id_points_at_the_second_use() {
    let (loc, field, message, _) = error_of("duplicate-id.json");
    assert_eq!(loc.line, 6);
    assert_eq!(field, "events[2].id");
    assert!(message.contains("duplicate event id \"same\""), "{message}");
    assert!(message.contains("line 4:13"), "{message}");
}

#[test]
fn wrong_type_says_what_was_expected() {
    let (loc, field, message, _) = error_of("wrong-type.json");
    assert_eq!((loc.line, loc.column), (4, 27));
    assert_eq!(field, "events[0].title");
    assert!(
        message.contains("invalid type: integer `42`, expected a string"),
        "{message}"
    );
}

#[test]
fn missing_field_is_reported_at_its_object() {
    let (loc, field, message, _) = error_of("missing-start.json");
    assert_eq!((loc.line, loc.column), (5, 5));
    assert_eq!(field, "events[1].start");
    assert!(message.contains("missing field"), "{message}");
}

#[test]
fn unknown_source_lists_the_known_ones() {
    let (_, field, message, _) = error_of("unknown-source.json");
    assert_eq!(field, "events[0].evidence[0].source");
    assert!(message.contains("unknown source \"papr\""), "{message}");
    assert!(message.contains("paper"), "{message}");
}

#[test]
fn other_errors_are_located_too() {
    let (_, field, message, _) = error_of("wrong-version.json");
    assert_eq!(field, "chronoscope");
    assert!(message.contains("version 4"), "{message}");
    assert!(message.contains("reads versions 1, 2 and 3"), "{message}");
    let (_, field, message, _) = error_of("missing-text-file.json");
    assert_eq!(field, "sources[0].text_file");
    assert!(message.contains("no-such-file.txt"), "{message}");
    let (_, field, message, _) = error_of("end-before-start.json");
    assert_eq!(field, "events[0].end");
    assert!(message.contains("before the start"), "{message}");
}

#[test]
fn quote_not_found_is_a_warning_naming_event_and_quote() {
    let doc = load_file(&data("quote-not-found.json")).unwrap();
    assert_eq!(doc.event_count(), 1);
    let event = doc.event(0).unwrap();
    assert_eq!(event.evidence.len(), 2);
    assert!(event.evidence[0].location.is_some());
    assert!(event.evidence[1].location.is_none());
    assert_eq!(doc.warnings.len(), 1);
    let w = &doc.warnings[0];
    assert_eq!(w.event, Some(0));
    assert_eq!(w.field, "events[0].evidence[1].quote");
    assert_eq!(w.location.line, 8);
    assert!(w.message.contains("\"speech\""), "{}", w.message);
    assert!(
        w.message.contains("The president resigned"),
        "{}",
        w.message
    );
}

#[test]
fn missing_file_and_invalid_utf8_are_errors_not_panics() {
    assert!(matches!(
        load_file(&data("does-not-exist.json")),
        Err(LoadError::Io { .. })
    ));
    let dir = std::env::temp_dir().join(format!("chronoscope-utf8-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("latin1.json");
    std::fs::write(&path, b"{\"chronoscope\": 1, \"title\": \"caf\xe9\"}").unwrap();
    let err = load_file(&path).unwrap_err();
    assert!(err.to_string().contains("not valid UTF-8"), "{err}");
    assert_eq!(err.location().map(|l| l.column), Some(33));
}

#[test]
fn garbage_inputs_never_panic() {
    let inputs = [
        "",
        "null",
        "[]",
        "{",
        "{\"chronoscope\": 1}",
        "{\"chronoscope\": \"1\", \"events\": []}",
        "{\"chronoscope\": 1, \"events\": {}}",
        "{\"chronoscope\": 1, \"events\": [1, 2]}",
        "{\"chronoscope\": 1, \"events\": [{\"id\": \"\", \"title\": \"t\", \"start\": \"2024\"}]}",
        "{\"chronoscope\": 1, \"events\": [{\"id\": \"a\", \"title\": \"t\", \"start\": \"2024\", \"evidence\": 5}]}",
        "\u{feff}{\"chronoscope\": 1, \"events\": []}",
    ];
    for (i, input) in inputs.iter().enumerate() {
        let result =
            chronoscope::formats::native::parse(input, std::path::Path::new("x.json"), &|_| {
                Err(std::io::Error::other("no files"))
            });
        // Only the last (a BOM before a valid document) loads.
        assert_eq!(
            result.is_ok(),
            i == inputs.len() - 1,
            "{input:?}: {result:?}"
        );
    }
}

#[test]
fn bundled_example_has_every_quote_located() {
    let doc = chronoscope::example::load().unwrap();
    assert_eq!(doc.event_count(), 7);
    assert_eq!(doc.sources.len(), 1);
    assert!(doc.warnings.is_empty(), "{:#?}", doc.warnings);
    for event in doc.iter_events() {
        assert!(!event.evidence.is_empty(), "{} cites nothing", event.id);
        for ev in &event.evidence {
            assert!(ev.location.is_some(), "{}: {}", event.id, ev.quote);
        }
    }
    let treaty = doc.event(doc.event_by_id("treaty").unwrap()).unwrap();
    assert_eq!(treaty.date_text(), "2024-06-19");
    assert_eq!(doc.lanes(), ["military", "diplomacy", "statements"]);
    assert_eq!(doc.date_span_text().as_deref(), Some("2022-09~ – 2024-10"));
}

#[test]
fn version_2_reads_authors_and_the_occurrence_at_a_hint() {
    let doc = load_file(&data("unknown-fields.json")).unwrap();
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    let chronicle = &doc.sources[0];
    assert_eq!(chronicle.author.as_deref(), Some("An Annalist"));
    assert_eq!(chronicle.text_file.as_deref(), Some("siege-chronicle.txt"));
    let walls = doc.event(doc.event_by_id("walls").unwrap()).unwrap();
    let ev = &walls.evidence[0];
    let text = &doc.sources[ev.source].text;
    // "walls fell" twice; `at` 27 is nearest the second, at character 28.
    let second = text.rfind("walls fell").unwrap();
    assert_eq!(ev.location.as_ref().map(|r| r.start), Some(second));
    assert_eq!(ev.at, Some(28));
    // Version 1 still reads; the example is of version 1.
    let example = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/nk-troops.json"),
    )
    .unwrap();
    assert!(example.contains("\"chronoscope\": 1,"));
    assert_eq!(chronoscope::example::load().unwrap().event_count(), 7);
}
