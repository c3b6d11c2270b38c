//! What the fuzz targets in `fuzz/` run, shared with the test that replays
//! their corpora (`tests/fuzz_corpus.rs`), so that an input that once
//! crashed, hung or broke a round trip stays fixed without a fuzzer.
//!
//! Each target reads arbitrary bytes as one format and checks what must hold
//! for any input: no panic, and a document that loads is written as a
//! native file that reads back with the same events, written as CSV and
//! drawn; a native file that loads is patched (saved over itself) with no
//! change and with one. The date target checks that every date read is written as text
//! that reads back as the same date. The article target reads the bytes as a
//! saved web page, a Markdown file and a plain text, as Add source does, and
//! asks for passages of the texts it gets: their sentence, title and date,
//! and their temporal expressions and the events they propose.
//!
//! # Panics
//! Every target panics on a broken invariant: that is what a fuzzer finds.

// A panic is how a target reports a broken invariant to the fuzzer.
#![allow(clippy::missing_panics_doc)]

use std::path::Path;

use crate::formats::{self, ImportOptions, native};
use crate::model::{Date, Document};

/// A fuzz target's body: panics on what must never happen.
pub type Target = fn(&[u8]);

/// The fuzz targets by name (the names of `fuzz/fuzz_targets/*.rs`).
pub const TARGETS: &[(&str, Target)] = &[
    ("native", native_file),
    ("csv", csv),
    ("jsonl", jsonl),
    ("timelinejs", timelinejs),
    ("simile", simile),
    ("thetimelineproj", thetimelineproj),
    ("vis", vis),
    ("ical", ical),
    ("records", records),
    ("geojson", geojson),
    ("spreadsheet", spreadsheet),
    ("detect", detect),
    ("date", date),
    ("article", article),
];

/// Bytes as the text a loader is given (files that are not UTF-8 are refused
/// before any importer sees them; the lossy text still exercises them).
fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

fn no_files(_: &str) -> std::io::Result<String> {
    Err(std::io::Error::other("no files are read while fuzzing"))
}

/// What every document that loads must survive.
fn survive(doc: &Document) {
    let json = native::write::to_json(doc);
    match native::parse(&json, Path::new("round-trip.json"), &no_files) {
        Ok(again) => assert_eq!(
            again.event_count(),
            doc.event_count(),
            "written as native JSON, the events came back fewer or more"
        ),
        Err(e) => panic!("written as native JSON, it does not read back: {e}\n{json}"),
    }
    let mut table = Vec::new();
    let _ = formats::csv_write::write_csv(doc, &mut table, b',');
    if doc.event_count() <= 2_000
        && let Some((t0, t1)) = doc.time_range()
    {
        let (t0, t1) = crate::svg::with_margin(t0, t1);
        let _ = crate::svg::render(doc, t0, t1, 900.0, &[]);
    }
}

fn import(
    data: &[u8],
    name: &str,
    parse: fn(&str, &Path, &ImportOptions) -> Result<Document, formats::LoadError>,
) {
    if let Ok(doc) = parse(&text(data), Path::new(name), &ImportOptions::default()) {
        survive(&doc);
    }
}

pub fn native_file(data: &[u8]) {
    let text = text(data);
    if let Ok(doc) = native::parse(&text, Path::new("fuzz.json"), &no_files) {
        survive(&doc);
        patches(&text, &doc);
    }
}

/// What saving over the file a native document was read from must do:
/// give the text back when nothing changed, and a file that reads with the
/// change when something did.
fn patches(text: &str, doc: &Document) {
    match native::patch::patched(text, doc) {
        Ok(same) => assert!(same == text, "patched without a change, the text changed"),
        Err(e) => panic!("a file that reads cannot be patched: {e}"),
    }
    if doc.event_count() == 0 {
        return;
    }
    let mut edited = crate::model::DocumentBuilder {
        title: doc.title.clone(),
        description: doc.description.clone(),
        category_colors: doc.category_colors.clone(),
        periods: doc.periods.clone(),
        sources: doc.sources.clone(),
        events: doc.iter_events().map(|e| (*e).clone()).collect(),
        ..crate::model::DocumentBuilder::default()
    };
    edited.events[0].title.push_str(" (edited)");
    let edited = edited.build();
    let out = native::patch::patched(text, &edited)
        .unwrap_or_else(|e| panic!("an edited document cannot be patched: {e}"));
    match native::parse(&out, Path::new("patched.json"), &no_files) {
        Ok(again) => {
            assert_eq!(
                again.event_count(),
                doc.event_count(),
                "patched: events lost"
            );
            assert!(
                again.iter_events().any(|e| e.title.ends_with(" (edited)")),
                "patched: the change lost"
            );
        }
        Err(e) => panic!("patched, it does not read back: {e}\n{out}"),
    }
}

pub fn csv(data: &[u8]) {
    import(data, "fuzz.csv", formats::csv::parse);
}

pub fn jsonl(data: &[u8]) {
    import(data, "fuzz.jsonl", formats::jsonl::parse);
}

pub fn timelinejs(data: &[u8]) {
    import(data, "fuzz.json", formats::timelinejs::parse);
}

pub fn simile(data: &[u8]) {
    import(data, "fuzz.xml", formats::simile::parse);
}

pub fn thetimelineproj(data: &[u8]) {
    import(data, "fuzz.timeline", formats::thetimelineproj::parse);
}

pub fn vis(data: &[u8]) {
    import(data, "fuzz.json", formats::vis::parse);
}

pub fn ical(data: &[u8]) {
    import(data, "fuzz.ics", formats::ical::parse);
}

pub fn records(data: &[u8]) {
    import(data, "fuzz.json", formats::records::parse);
}

pub fn geojson(data: &[u8]) {
    import(data, "fuzz.geojson", formats::geojson::parse);
}

/// libFuzzer's panic hook aborts at once, before a panic can unwind; the
/// spreadsheet reader catches panics in calamine (a damaged file is an
/// error), so for the targets that reach it the hook only reports. A panic
/// anywhere else still reaches libFuzzer, which counts it as a crash.
fn let_caught_panics_unwind() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| std::panic::set_hook(Box::new(|info| eprintln!("{info}"))));
}

/// A spreadsheet's bytes (a zip archive of XML, or an `.xls` compound file).
pub fn spreadsheet(data: &[u8]) {
    let_caught_panics_unwind();
    let options = ImportOptions::default();
    let progress = formats::Progress::default();
    if let Ok(doc) = formats::spreadsheet::parse(data, Path::new("fuzz.xlsx"), &options, &progress)
    {
        survive(&doc);
    }
}

/// Detection and whichever importer it picks, as opening a file does.
pub fn detect(data: &[u8]) {
    let_caught_panics_unwind();
    let _ = formats::detect(&text(data), Path::new("fuzz"));
    let options = ImportOptions::default();
    let progress = formats::Progress::default();
    if let Ok(doc) = formats::parse_bytes(data.to_vec(), Path::new("fuzz"), &options, &progress) {
        survive(&doc);
    }
}

/// A date read from text is written as text that reads back as itself.
pub fn date(data: &[u8]) {
    let text = text(data);
    if let Ok(date) = Date::parse(&text) {
        let written = date.to_string();
        match Date::parse(&written) {
            Ok(again) => assert_eq!(again, date, "{text:?} was written as {written:?}"),
            Err(e) => panic!("{text:?} was written as {written:?}, which does not read: {e}"),
        }
    }
}

/// Bytes as a source added by the user (a saved web page, Markdown, plain
/// text), and passages of what it gives: no panic; a passage's sentence
/// holds the passage and lies on character boundaries.
pub fn article(data: &[u8]) {
    let text = text(data);
    let page = crate::article::from_html(&text);
    let markdown = crate::article::from_markdown(&text);
    let plain = crate::article::from_text(&text);
    for t in [&page.text, &markdown.text, &plain.text] {
        let at = |byte: u8| {
            let mut i = usize::from(byte) * t.len() / 256;
            while !t.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let (a, b) = (
            at(data.first().copied().unwrap_or(0)),
            at(data.last().copied().unwrap_or(0)),
        );
        let range = a.min(b)..a.max(b);
        let sentence = crate::passage::sentence_around(t, range.clone());
        assert!(
            sentence.start <= range.start && sentence.end >= range.end,
            "the sentence {sentence:?} does not hold the passage {range:?}"
        );
        assert!(t.is_char_boundary(sentence.start) && t.is_char_boundary(sentence.end));
        let _ = crate::passage::title_from(&t[sentence]);
        let _ = crate::passage::date_for(t, range, page.published.as_ref());
        timexes(t, page.published.as_ref());
    }
}

/// The temporal expressions of `text`: in order, apart, on character
/// boundaries; each one's dates and description made; the proposals'
/// sentences inside the text.
fn timexes(text: &str, published: Option<&Date>) {
    let options = crate::timex::Options {
        published: published.cloned(),
        ..crate::timex::Options::default()
    };
    let found = crate::timex::tag(text, &options);
    let mut after = 0;
    for t in &found {
        assert!(
            after <= t.span.start && t.span.start < t.span.end && t.span.end <= text.len(),
            "{:?} after {after} in a text of {}",
            t.span,
            text.len()
        );
        assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        after = t.span.end;
        let _ = t.dates();
        let _ = t.describe();
    }
    for p in crate::timex::propose(text, &options) {
        assert!(text.get(p.sentence.clone()).is_some(), "{:?}", p.sentence);
    }
}
