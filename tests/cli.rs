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

/// `chronoscope render` of the example to `out`, with `more` arguments.
fn render_example(out: &std::path::Path, more: &[&str]) -> Output {
    let out = out.to_str().unwrap();
    let mut args = vec!["render", "assets/nk-troops.json", "-o", out];
    args.extend_from_slice(more);
    chronoscope(&args)
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
fn check_counts_the_events_with_a_place() {
    let out = chronoscope(&[
        "check",
        "tests/data/places.json",
        "tests/data/csv/places.csv",
        "tests/data/csv/ucdp_like.csv",
        "tests/data/siege.json",
    ]);
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with("  ")).collect();
    assert_eq!(
        lines,
        [
            "tests/data/places.json: 5 events, 4 with a place, 0 sources, 2022-09-06 – 2022-09-12, 0 warnings",
            "tests/data/csv/places.csv: 6 events, 5 with a place, 0 sources, 2022-09-06 – 2022-09-11, 0 warnings",
            "tests/data/csv/ucdp_like.csv: 5 events, 5 with a place, 0 sources, 2014-08-24 – 2015-02-18, 1 warning",
            // No place: nothing said of places.
            "tests/data/siege.json: 4 events, 2 sources, -0752~ – 2000-06-01?, 0 warnings",
        ]
    );
    let out = chronoscope(&[
        "check",
        "--json",
        "tests/data/bad/csv-latitude-out-of-range.csv",
        "tests/data/siege.json",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report[0]["events"], 4);
    assert_eq!(report[0]["places"], 0);
    assert_eq!(report[0]["warnings"].as_array().map(Vec::len), Some(4));
    assert_eq!(
        report[0]["warnings"][0]["text"],
        "tests/data/bad/csv-latitude-out-of-range.csv:2:3: warning: Latitude: row 1: latitude 95.5 is outside -90 to 90; kept without a place"
    );
    assert_eq!(report[1]["places"], 0);
    // A mapping names the place's columns.
    let out = chronoscope(&[
        "check",
        "--json",
        "--map",
        "lat=",
        "tests/data/csv/places.csv",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report[0]["places"], 0);
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

/// The parts of a document that a conversion must keep.
fn comparable(doc: chronoscope::model::Document) -> chronoscope::model::Document {
    // Events kept as rows compare as the events they are read into.
    let mut doc = if doc.rows().is_some() {
        doc.materialized()
    } else {
        doc
    };
    doc.path = None;
    doc.name = String::new();
    doc.format = String::new();
    doc.notes.clear();
    for s in &mut doc.sources {
        s.text_file = None;
    }
    doc
}

fn convert_and_reload(
    input: &str,
    extra: &[&str],
) -> (
    chronoscope::model::Document,
    chronoscope::model::Document,
    String,
) {
    let dir = std::env::temp_dir().join(format!(
        "chronoscope-convert-{}-{}",
        std::process::id(),
        input.replace('/', "_")
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("out.json");
    let mut args = vec!["convert", input, "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let result = chronoscope(&args);
    assert!(result.status.success(), "{result:?}");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let options = chronoscope::formats::ImportOptions {
        mapping: Vec::new(),
        day_month_order: if extra.contains(&"--day-first") {
            chronoscope::formats::DayMonthOrder::DayFirst
        } else {
            chronoscope::formats::DayMonthOrder::Ask
        },
        sheet: None,
    };
    let original = chronoscope::formats::load_file_with(&root.join(input), &options).unwrap();
    let converted = chronoscope::formats::load_file(&out).unwrap();
    assert_eq!(converted.format, "Chronoscope JSON");
    std::fs::remove_dir_all(&dir).unwrap();
    (original, converted, stdout(&result))
}

#[test]
fn a_native_file_converted_to_native_comes_back_value_identical() {
    let (original, converted, said) = convert_and_reload("tests/data/siege.json", &[]);
    assert!(said.contains("(Chronoscope JSON)"), "{said}");
    assert_eq!(comparable(converted), comparable(original));
}

#[test]
fn imported_formats_convert_without_losing_what_native_holds() {
    for input in [
        "tests/data/timelinejs/ancient-rome.json",
        "tests/data/simile/assassination.xml",
        "tests/data/thetimelineproj/project.timeline",
        "tests/data/vis/launch-schedule.json",
        "tests/data/ical/field-season.ics",
        "tests/data/jsonl/events.jsonl",
        "tests/data/csv/missile_launches.csv",
    ] {
        let (original, converted, said) = convert_and_reload(input, &[]);
        assert!(
            said.contains(&format!("{} events", original.event_count())),
            "{input}: {said}"
        );
        let (mut a, b) = (comparable(original), comparable(converted));
        // Warnings describe the source file, not the converted one.
        a.warnings.clear();
        assert_eq!(b, a, "{input}");
    }
}

#[test]
fn convert_reports_a_located_error_and_writes_nothing() {
    let out = std::env::temp_dir().join(format!(
        "chronoscope-convert-fail-{}.json",
        std::process::id()
    ));
    let result = chronoscope(&[
        "convert",
        "tests/data/bad-date.json",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(result.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&result.stderr).contains("bad-date.json:6:16"));
    assert!(!out.exists());
}

#[test]
fn check_reads_every_format_and_takes_a_mapping() {
    let out = chronoscope(&[
        "check",
        "tests/data/timelinejs/ancient-rome.json",
        "tests/data/ical/field-season.ics",
    ]);
    let text = stdout(&out);
    assert!(text.contains("ancient-rome.json: "), "{text}");
    assert!(text.contains("field-season.ics: "), "{text}");
    let mapped = chronoscope(&[
        "check",
        "--json",
        "--map",
        "title=facility_name",
        "tests/data/csv/missile_launches.csv",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&mapped.stdout).unwrap();
    assert_eq!(report[0]["ok"], true, "{report}");
    let bad = chronoscope(&[
        "check",
        "--map",
        "title=no_such_column",
        "tests/data/csv/missile_launches.csv",
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stdout(&bad).contains("no_such_column"), "{}", stdout(&bad));
}

#[test]
fn export_writes_a_table_by_the_output_name_and_refuses_an_unknown_one() {
    let dir = std::env::temp_dir().join(format!("chronoscope-export-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("launches.csv");
    let out = chronoscope(&[
        "export",
        "tests/data/csv/missile_launches.csv",
        "-o",
        csv.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{out:?}");
    assert!(stdout(&out).contains("4 events"), "{}", stdout(&out));
    let original = chronoscope::formats::load_file(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/csv/missile_launches.csv"
    )))
    .unwrap();
    let again = chronoscope::formats::load_file(&csv).unwrap();
    let titles = |d: &chronoscope::model::Document| -> Vec<String> {
        d.iter_events().map(|e| e.title.clone()).collect()
    };
    assert_eq!(titles(&again), titles(&original));
    assert!(again.warnings.is_empty(), "{:?}", again.warnings);

    let tsv = dir.join("launches.tsv");
    let out = chronoscope(&[
        "export",
        "tests/data/csv/missile_launches.csv",
        "-o",
        tsv.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{out:?}");
    assert!(
        std::fs::read_to_string(&tsv)
            .unwrap()
            .starts_with("id\tstart\tend\t")
    );

    let json = dir.join("launches.json");
    let out = chronoscope(&[
        "export",
        "tests/data/csv/missile_launches.csv",
        "-o",
        json.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        chronoscope::formats::load_file(&json)
            .unwrap()
            .event_count(),
        4
    );

    let out = chronoscope(&["export", "assets/nk-troops.json", "-o", "x.xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(".csv, .tsv or .json"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn render_draws_the_whole_span_or_the_dates_asked_for_as_svg() {
    let dir = std::env::temp_dir().join(format!("chronoscope-render-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let whole = dir.join("whole.svg");
    let out = render_example(&whole, &[]);
    assert!(out.status.success(), "{out:?}");
    let svg = std::fs::read_to_string(&whole).unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1600\""));
    assert_eq!(svg.matches("<g class=\"event\"").count(), 7);

    let october = dir.join("october.svg");
    let out = render_example(
        &october,
        &["--from", "2024-10", "--to", "2024-10", "--width", "900"],
    );
    assert!(out.status.success(), "{out:?}");
    let svg = std::fs::read_to_string(&october).unwrap();
    assert!(svg.contains("width=\"900\""));
    assert!(svg.contains("data-id=\"strike\""));
    assert!(
        !svg.contains("data-id=\"treaty\""),
        "June is outside October"
    );

    let out = chronoscope(&["render", "assets/nk-troops.json", "-o", "x.pdf"]);
    assert_eq!(out.status.code(), Some(2));
    let out = render_example(&october, &["--from", "June"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--from \"June\""));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn render_draws_a_png_and_groups_lanes_by_a_field() {
    let dir = std::env::temp_dir().join(format!("chronoscope-render-png-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let png = dir.join("tags.png");
    let out = render_example(&png, &["--width", "700", "--lanes-by", "tag"]);
    assert!(out.status.success(), "{out:?}");
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    // Two pixels per point.
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    assert_eq!(width, 1400);

    let svg = dir.join("tags.svg");
    let out = render_example(&svg, &["--lanes-by", "tag"]);
    assert!(out.status.success(), "{out:?}");
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains(">South Korea</text>"), "a lane per tag");
    assert!(!text.contains(">military</text>"));

    let out = render_example(&svg, &["--lanes-by", "colour"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no event has the field \"colour\""));

    // Only some events: each --only must hold.
    let out = render_example(
        &svg,
        &["--only", "category=military", "--only", "tag=Ukraine"],
    );
    assert!(out.status.success(), "{out:?}");
    let text = std::fs::read_to_string(&svg).unwrap();
    assert_eq!(text.matches("<g class=\"event\"").count(), 2);
    assert!(text.contains("data-id=\"strike\"") && text.contains("data-id=\"battalion-report\""));
    let out = render_example(&svg, &["--only", "category=sports"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("its values include: military"), "{stderr}");
    let out = render_example(&svg, &["--only", "military"]);
    assert_eq!(out.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn regression_convert_to_its_own_input_rewrites_the_input() {
    let dir = std::env::temp_dir().join(format!("chronoscope-cli-self-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("d")).unwrap();
    let input = dir.join("d/events.json");
    let original = std::fs::read_to_string("tests/data/siege.json").unwrap();
    std::fs::write(&input, &original).unwrap();
    std::fs::write(dir.join("d/siege-chronicle.txt"), "The chronicle.").unwrap();
    let same = [
        input.clone(),
        dir.join("d/./events.json"),
        dir.join("d/../d/events.json"),
    ];
    for output in &same {
        for command in ["convert", "export"] {
            let out = chronoscope(&[
                command,
                input.to_str().unwrap(),
                "-o",
                output.to_str().unwrap(),
            ]);
            assert_eq!(
                out.status.code(),
                Some(2),
                "{command} {}: {out:?}",
                output.display()
            );
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains("is the input file"), "{err}");
        }
    }
    let out = chronoscope(&[
        "render",
        input.to_str().unwrap(),
        "-o",
        input.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert_eq!(
        std::fs::read_to_string(&input).unwrap(),
        original,
        "the input is untouched"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn regression_writing_to_dev_null_replaces_the_device() {
    for args in [
        &["convert", "assets/nk-troops.json", "-o", "/dev/null"][..],
        &["generate", "--events", "10", "-o", "/dev/null"][..],
        &["render", "assets/nk-troops.json", "-o", "/tmp"][..],
    ] {
        let out = chronoscope(args);
        assert!(!out.status.success(), "{args:?}: {out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("not a regular file") || err.contains("SVG or PNG"),
            "{args:?}: {err}"
        );
    }
    assert!(
        std::fs::metadata("/dev/null").is_ok_and(|m| !m.is_file()),
        "/dev/null is still a device"
    );
}

#[cfg(unix)]
#[test]
fn regression_check_dev_zero_aborts() {
    let out = chronoscope(&["check", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        stdout(&out).contains("not a regular file"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn regression_render_width_and_negative_years_are_taken_as_given() {
    let dir = std::env::temp_dir().join(format!("chronoscope-cli-width-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out_svg = dir.join("out.svg");
    for width in ["0", "4294967295", "199", "20001"] {
        let out = render_example(&out_svg, &["--width", width]);
        assert_eq!(out.status.code(), Some(2), "--width {width}: {out:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("200..=20000"),
            "{out:?}"
        );
    }
    let out = render_example(&out_svg, &["--from", "-13000000000", "--to", "2025"]);
    assert!(out.status.success(), "{out:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A folder of its own under the target directory for a test's files.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const TIMEML: &str = "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>X1</DOCID>\n<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2024-10-16\" functionInDocument=\"CREATION_TIME\">2024-10-16</TIMEX3></DCT>\n<TEXT>\nTroops <EVENT eid=\"e1\" class=\"OCCURRENCE\">arrived</EVENT> <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2024-W41\">last week</TIMEX3> &amp; stayed for three days.\n</TEXT>\n</TimeML>\n";

#[test]
fn timex_tags_timeml_documents_and_score_measures_them() {
    let dir = scratch("timex-cli");
    let gold = dir.join("gold");
    std::fs::create_dir_all(gold.join("News")).unwrap();
    std::fs::write(gold.join("News/x1.tml"), TIMEML).unwrap();
    let out = dir.join("out");
    let o = chronoscope(&[
        "timex",
        gold.join("News/x1.tml").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{o:?}");
    let tagged = std::fs::read_to_string(out.join("x1.tml")).unwrap();
    assert!(tagged.contains("<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2024-W41\">last week</TIMEX3> &amp; stayed for <TIMEX3 tid=\"t2\" type=\"DURATION\" value=\"P3D\">three days</TIMEX3>."), "{tagged}");
    assert!(tagged.starts_with("<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>X1</DOCID>\n<DCT>"));
    let o = chronoscope(&["score", gold.to_str().unwrap(), out.to_str().unwrap()]);
    assert!(o.status.success(), "{o:?}");
    let text = stdout(&o);
    assert!(text.contains("| News | 1 | 2 | 50.00 | 100.00 | 66.67 | 50.00 | 100.00 | 66.67 | 100.00 | 66.67 | 100.00 | 66.67 | 1 |"), "{text}");
    assert!(
        text.contains("| 1 | spurious DURATION \"three days\" |"),
        "{text}"
    );
    // Never over an input file.
    let o = chronoscope(&[
        "timex",
        gold.join("News/x1.tml").to_str().unwrap(),
        "-o",
        gold.join("News").to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("is one of the input files"),
        "{o:?}"
    );
    assert_eq!(
        std::fs::read_to_string(gold.join("News/x1.tml")).unwrap(),
        TIMEML
    );
    // An output that is a file, not a folder: refused, left as it was.
    let file = dir.join("not-a-folder");
    std::fs::write(&file, "kept").unwrap();
    let o = chronoscope(&[
        "timex",
        gold.join("News/x1.tml").to_str().unwrap(),
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("it is not a folder"),
        "{o:?}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "kept");
}

#[test]
fn extract_proposes_draft_events_from_an_article() {
    let dir = scratch("extract-cli");
    let out = dir.join("drafts.json");
    let o = chronoscope(&[
        "extract",
        "assets/nk-troops-article.txt",
        "--published",
        "2024-10-16",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{o:?}");
    assert!(
        stdout(&o).ends_with("drafts.json: 4 draft events\n"),
        "{o:?}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let events = json["events"].as_array().unwrap();
    let starts: Vec<&str> = events
        .iter()
        .map(|e| e["start"].as_str().unwrap())
        .collect();
    assert_eq!(
        starts,
        ["2024-06", "2024-10-01~", "2024-10-07", "2024-10-16"]
    );
    assert!(events.iter().all(|e| e["tags"][0] == "draft"));
    let check = chronoscope(&["check", out.to_str().unwrap()]);
    assert!(check.status.success(), "{check:?}");
    assert!(stdout(&check).contains("4 events, 1 source"), "{check:?}");
    // A date that does not parse is refused.
    let o = chronoscope(&[
        "extract",
        "assets/nk-troops-article.txt",
        "--published",
        "Oct 16",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
}

#[test]
fn render_view_map_draws_the_places_of_a_file_or_of_the_dates_asked_for() {
    let dir = std::env::temp_dir().join(format!("chronoscope-render-map-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let svg = dir.join("places.svg");
    let out = chronoscope(&[
        "render",
        "tests/data/csv/places.csv",
        "--view",
        "map",
        "-o",
        svg.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{out:?}");
    assert!(
        stdout(&out).contains("5 events with a place drawn"),
        "{}",
        stdout(&out)
    );
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg"));
    assert!(text.contains("<path d=\"M"), "the basemap");
    assert!(text.contains("Natural Earth"));
    // Santiago stands alone at this scale: its event is its tooltip.
    assert!(text.contains("Statement from the south"), "{text:.300}");
    // The dates asked for: one day, one event.
    let out = chronoscope(&[
        "render",
        "tests/data/csv/places.csv",
        "--view",
        "map",
        "--from",
        "2022-09-07",
        "--to",
        "2022-09-07",
        "-o",
        svg.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{out:?}");
    assert!(
        stdout(&out).contains("1 event with a place drawn"),
        "{}",
        stdout(&out)
    );
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("Bridge damaged"));
    assert!(!text.contains("Statement from the south"));
    // A picture too.
    let png = dir.join("places.png");
    let out = chronoscope(&[
        "render",
        "tests/data/csv/places.csv",
        "--view",
        "map",
        "-o",
        png.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{out:?}");
    assert!(
        std::fs::read(&png)
            .unwrap()
            .starts_with(b"\x89PNG\r\n\x1a\n")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
