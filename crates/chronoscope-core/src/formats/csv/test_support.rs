//! What the tests of the importer's parts share: the fixture tables of
//! `tests/data/csv` and helpers that load them and look at the result.

// What most tests name, in one glob import.
pub(super) use super::{parse, preview, sniff};
pub(super) use crate::formats::common::{DayMonthOrder, ImportOptions, head};
pub(super) use crate::model::{Date, Document, EventRef, Precision, Source};
pub(super) use std::path::Path;

pub(super) const MISSILES: &str =
    include_str!("../../../../../tests/data/csv/missile_launches.csv");
pub(super) const CONFLICTS: &str =
    include_str!("../../../../../tests/data/csv/conflict_events_semicolon.csv");
pub(super) const INCIDENTS: &str = include_str!("../../../../../tests/data/csv/incident_log.tsv");
pub(super) const TIMELINEJS: &str =
    include_str!("../../../../../tests/data/csv/timelinejs_template.csv");
pub(super) const AMBIGUOUS: &str =
    include_str!("../../../../../tests/data/csv/ambiguous_dates.csv");
pub(super) const PARTS: &str = include_str!("../../../../../tests/data/csv/year_month_day.csv");
pub(super) const NO_DATE: &str = include_str!("../../../../../tests/data/csv/no_date_column.csv");
pub(super) const RAGGED: &str = include_str!("../../../../../tests/data/csv/ragged.csv");
pub(super) const PLACES: &str = include_str!("../../../../../tests/data/csv/places.csv");
pub(super) const UCDP_LIKE: &str = include_str!("../../../../../tests/data/csv/ucdp_like.csv");

pub(super) fn load(text: &str, name: &str, options: &ImportOptions) -> Document {
    match parse(text, Path::new(name), options) {
        Ok(doc) => doc,
        Err(e) => panic!("{e}"),
    }
}

pub(super) fn load_default(text: &str, name: &str) -> Document {
    load(text, name, &ImportOptions::default())
}

pub(super) fn event<'d>(doc: &'d Document, id: &str) -> EventRef<'d> {
    match doc.event_by_id(id).and_then(|i| doc.event(i)) {
        Some(e) => e,
        None => panic!(
            "no event {id}: {:?}",
            doc.iter_events().map(|e| e.id.clone()).collect::<Vec<_>>()
        ),
    }
}

pub(super) fn source_of<'e>(doc: &'e Document, e: &'e EventRef<'_>) -> &'e Source {
    e.source(doc, &e.evidence[0]).unwrap()
}

pub(super) fn text_of(doc: &Document, e: &EventRef<'_>) -> String {
    e.evidence
        .first()
        .map_or(String::new(), |ev| e.source(doc, ev).unwrap().text.clone())
}

/// `(line, column, field, message)` of each warning.
pub(super) fn warnings(doc: &Document) -> Vec<(usize, usize, &str, &str)> {
    doc.warnings
        .iter()
        .map(|w| {
            (
                w.location.line,
                w.location.column,
                w.field.as_str(),
                w.message.as_str(),
            )
        })
        .collect()
}

pub(super) fn has_note(doc: &Document, note: &str) -> bool {
    doc.notes.iter().any(|n| n == note)
}

/// What `work` returns, when it finishes within `seconds`; else the test
/// fails then (the work goes on in its thread until the tests end), so that
/// a regression to quadratic time fails rather than hangs.
pub(super) fn finishes_within<T: Send + 'static>(
    seconds: u64,
    work: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        // The receiver is gone only when the test already failed.
        let _ = send.send(work());
    });
    match receive.recv_timeout(std::time::Duration::from_secs(seconds)) {
        Ok(result) => result,
        Err(e) => panic!("not finished within {seconds} s: {e}"),
    }
}
