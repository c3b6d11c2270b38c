//! What the notes say about a table: the mapping used and a count of every
//! kind of row that was read, skipped or changed ([`Counts`], added up
//! across the readers of a large table), so that nothing is dropped or
//! changed without the user being told.

use super::columns::FIELDS;
use super::day_month::{self, Evidence, Orders, Side};
use super::table::Table;
use crate::formats::common::plural;
use crate::model::DocumentBuilder;

/// What happened to the rows, for the notes.
#[derive(Default)]
pub(super) struct Counts {
    pub(super) rows: usize,
    pub(super) events: usize,
    pub(super) empty: usize,
    pub(super) no_start: usize,
    /// Rows without a date that repeat the column names.
    pub(super) header_rows: usize,
    pub(super) ambiguous: usize,
    pub(super) ambiguous_example: Option<String>,
    /// What the dates of the start and end columns showed of their
    /// day/month order.
    pub(super) dates: [Evidence; 2],
    pub(super) chosen: usize,
    pub(super) chosen_example: Option<String>,
    pub(super) bad_end: usize,
    pub(super) end_equal: usize,
    pub(super) title_from_text: usize,
    pub(super) untitled: usize,
    pub(super) renamed: usize,
    pub(super) eras: usize,
    pub(super) eras_skipped: usize,
    pub(super) title_rows: usize,
    pub(super) timelinejs_bce: bool,
    pub(super) extra_fields: usize,
}

impl Counts {
    /// Adds the counts of rows read after these.
    pub(super) fn add(&mut self, later: Counts) {
        self.rows += later.rows;
        self.events += later.events;
        self.empty += later.empty;
        self.no_start += later.no_start;
        self.header_rows += later.header_rows;
        self.ambiguous += later.ambiguous;
        if self.ambiguous_example.is_none() {
            self.ambiguous_example = later.ambiguous_example;
        }
        let [start, end] = later.dates;
        self.dates[0].add(start);
        self.dates[1].add(end);
        self.chosen += later.chosen;
        if self.chosen_example.is_none() {
            self.chosen_example = later.chosen_example;
        }
        self.bad_end += later.bad_end;
        self.end_equal += later.end_equal;
        self.title_from_text += later.title_from_text;
        self.untitled += later.untitled;
        self.renamed += later.renamed;
        self.eras += later.eras;
        self.eras_skipped += later.eras_skipped;
        self.title_rows += later.title_rows;
        self.timelinejs_bce |= later.timelinejs_bce;
        self.extra_fields += later.extra_fields;
    }
}

/// One line per mapping and per count, for the user.
pub(super) fn write_notes(
    doc: &mut DocumentBuilder,
    table: &Table<'_>,
    c: &Counts,
    orders: Orders,
) {
    let plan = &table.plan;
    let notes = &mut doc.notes;
    let delimiter = match table.delimiter {
        b'\t' => "tab",
        b';' => "semicolon",
        _ => "comma",
    };
    if plan.timelinejs.is_some() {
        notes
            .push("recognised the TimelineJS3 spreadsheet template by its column names".to_owned());
    }
    notes.push(format!(
        "{}-separated, {} and {}",
        delimiter,
        plural(table.headers.len(), "column", "columns"),
        plural(c.rows, "data row", "data rows")
    ));
    let mut missing = Vec::new();
    for field in FIELDS {
        let Some(columns) = plan.describe(field, &table.headers) else {
            missing.push(field);
            continue;
        };
        let quoted: Vec<String> = columns.split(" + ").map(|s| format!("{s:?}")).collect();
        let what = if quoted.len() == 1 {
            "column"
        } else {
            "columns"
        };
        let mut line = format!("{field} from {what} {}", quoted.join(", "));
        if plan.user.iter().any(|f| f == field) {
            line.push_str(" (your mapping)");
        } else if field == "title" && !plan.title_extras.is_empty() {
            line.push_str(" (joined as \"type – target, city\")");
        } else if field == "description" && quoted.len() > 1 {
            line.push_str(" (joined as \"column: value\" paragraphs)");
        } else if field == "category" && plan.violence_codes {
            line.push_str(
                " (UCDP codes 1, 2, 3 read as state-based conflict, non-state conflict, one-sided violence)",
            );
        } else if field == "source" {
            line.push_str(" (split at \";\": URLs become links)");
        }
        notes.push(line);
    }
    if !missing.is_empty() {
        notes.push(format!("no column for: {}", missing.join(", ")));
    }
    if plan.id.is_none() {
        notes.push("ids are row-N, N counting data rows from 1".to_owned());
    }
    if !plan.attributes.is_empty() {
        let names: Vec<&str> = plan
            .attributes
            .iter()
            .map(|&i| table.headers[i].as_str())
            .collect();
        notes.push(format!(
            "attributes from {}: {}",
            plural(names.len(), "other column", "other columns"),
            names.join(", ")
        ));
    }
    notes.push(plural(c.events, "event imported", "events imported"));
    if c.no_start > 0 {
        notes.push(format!(
            "skipped {} without a usable start date (see warnings)",
            plural(c.no_start, "row", "rows")
        ));
    }
    if c.header_rows > 0 {
        notes.push(format!(
            "skipped {} the column names without a date, like page headers (see warnings)",
            plural(c.header_rows, "row that repeats", "rows that repeat")
        ));
    }
    if c.ambiguous > 0 {
        let example = c.ambiguous_example.as_deref().unwrap_or("03/04/2024");
        let evident = {
            let ((d0, m0), (d1, m1)) = (c.dates[0].evident(), c.dates[1].evident());
            (d0 + d1, m0 + m1)
        };
        let hint = match evident {
            (d, 0) if d > 0 => format!(
                "; {} in the file put the day first",
                plural(d, "other date", "other dates")
            ),
            (0, m) if m > 0 => format!(
                "; {} in the file put the month first",
                plural(m, "other date", "other dates")
            ),
            _ => String::new(),
        };
        notes.push(format!(
            "skipped {} whose dates could be day/month or month/day (such as {example:?}): choose day first or month first (on the command line or in the import dialog) to read them{hint}",
            plural(c.ambiguous, "row", "rows")
        ));
    }
    if c.chosen > 0 {
        notes.push(format!(
            "{} read in the order you chose, e.g. {}",
            plural(
                c.chosen,
                "ambiguous day/month date",
                "ambiguous day/month dates"
            ),
            c.chosen_example.as_deref().unwrap_or_default()
        ));
    }
    for (side, seen, cols) in [
        (Side::Start, &c.dates[0], &plan.start),
        (Side::End, &c.dates[1], &plan.end),
    ] {
        let header = cols
            .as_ref()
            .and_then(|d| table.headers.get(d.first()))
            .map_or("?", String::as_str);
        notes.extend(day_month::note(orders.of(side), seen, header));
    }
    if c.bad_end > 0 {
        notes.push(format!(
            "skipped {} with an unreadable end date or an end before the start (see warnings)",
            plural(c.bad_end, "row", "rows")
        ));
    }
    if c.end_equal > 0 {
        notes.push(format!(
            "{} an end equal to the start: read as single dates",
            plural(c.end_equal, "row has", "rows have")
        ));
    }
    if c.empty > 0 {
        notes.push(format!(
            "skipped {}",
            plural(c.empty, "empty row", "empty rows")
        ));
    }
    if c.title_from_text > 0 {
        notes.push(format!(
            "{} taken from the start of the text",
            plural(c.title_from_text, "title", "titles")
        ));
    }
    if c.untitled > 0 {
        notes.push(format!(
            "{} no title or text: shown as \"(untitled)\" (see warnings)",
            plural(c.untitled, "row has", "rows have")
        ));
    }
    if c.renamed > 0 {
        notes.push(format!(
            "{} renamed with a suffix (see warnings)",
            plural(c.renamed, "duplicate id", "duplicate ids")
        ));
    }
    if c.extra_fields > 0 {
        notes.push(format!(
            "{} beyond the header's columns kept as attributes \"column N\"",
            plural(c.extra_fields, "cell", "cells")
        ));
    }
    if c.title_rows > 0 && doc.title.is_some() {
        notes.push("the row of Type \"title\" gives the title and description".to_owned());
    }
    if c.eras_skipped > 0 {
        notes.push(format!(
            "skipped {} without a usable start and end (see warnings)",
            plural(c.eras_skipped, "era", "eras")
        ));
    }
    if c.eras > 0 {
        notes.push(format!(
            "{} imported as periods",
            plural(c.eras, "era", "eras")
        ));
    }
    if c.timelinejs_bce {
        notes.push(
            "TimelineJS years below 0 read as BCE: Year -500 is 500 BCE (astronomical year -499)"
                .to_owned(),
        );
    }
}
