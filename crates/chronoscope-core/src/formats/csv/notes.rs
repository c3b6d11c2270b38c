//! What the notes say about a table: the mapping used, then the shared
//! [`Report`] (rows made events, skipped, untitled, renamed, and what was
//! counted on the way), then what the dates showed of their day/month
//! order. [`Counts`] is added up across the readers of a large table's
//! parts, so that nothing is dropped or changed without the user being told.

use super::columns::{Coordinates, FIELDS, PLACE_FIELDS};
use super::day_month::{self, Evidence, Orders, Side};
use super::table::Table;
use crate::formats::common::plural;
use crate::formats::import::Report;
use crate::model::DocumentBuilder;

/// Rows without a title whose title is the start of their text.
pub(super) const TITLE_FROM_TEXT: &str = "titles taken from the start of the text";
/// Rows whose end is their start.
pub(super) const END_EQUAL: &str = "ends equal to the start read as single dates";
/// Rows with no cell that is not blank: nothing to warn about.
pub(super) const EMPTY_ROWS: &str = "empty rows skipped";
/// Cells past the header's last column.
pub(super) const EXTRA_CELLS: &str =
    "cells beyond the header's columns kept as attributes \"column N\"";
/// `TimelineJS` rows of Type `era`.
pub(super) const ERAS: &str = "eras become periods";
/// `TimelineJS` negative years.
pub(super) const TIMELINEJS_BCE: &str =
    "TimelineJS years below 0 read as BCE: Year -500 is 500 BCE (astronomical year -499)";
/// A `TimelineJS` row of Type `title` that gave the document its title.
pub(super) const TITLE_ROW: &str = "the row of Type \"title\" gives the title and description";

/// What happened to the rows, for the notes.
pub(super) struct Counts {
    /// Rows made events, skipped, untitled, renamed; and the counted notes.
    pub(super) report: Report,
    /// Rows skipped for a date that could be day/month or month/day.
    pub(super) ambiguous: usize,
    pub(super) ambiguous_example: Option<String>,
    /// What the dates of the start and end columns showed of their
    /// day/month order.
    pub(super) dates: [Evidence; 2],
    pub(super) chosen: usize,
    pub(super) chosen_example: Option<String>,
}

impl Default for Counts {
    fn default() -> Self {
        Self {
            report: Report::new("row"),
            ambiguous: 0,
            ambiguous_example: None,
            dates: [Evidence::default(), Evidence::default()],
            chosen: 0,
            chosen_example: None,
        }
    }
}

impl Counts {
    /// Adds the counts of rows read after these.
    pub(super) fn add(&mut self, later: Counts) {
        self.report.merge(later.report);
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
    }
}

/// One line per mapping, the report of the `rows` data rows, and what the
/// dates showed, for the user.
pub(super) fn write_notes(
    doc: &mut DocumentBuilder,
    table: &Table<'_>,
    c: &Counts,
    orders: Orders,
    rows: usize,
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
        plural(rows, "data row", "data rows")
    ));
    let mut missing = Vec::new();
    // The place's fields are said only of a table with one of them.
    let places = PLACE_FIELDS
        .iter()
        .any(|f| plan.describe(f, &table.headers).is_some());
    let point = matches!(plan.coordinates(), Some(Coordinates::Point(_)));
    for field in FIELDS {
        if PLACE_FIELDS.contains(&field) && !places || point && field == "lon" {
            continue;
        }
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
        let field = if point && field == "lat" {
            "lat and lon"
        } else {
            field
        };
        let mut line = format!("{field} from {what} {}", quoted.join(", "));
        if plan
            .user
            .iter()
            .any(|f| field.split(" and ").any(|part| f == part))
        {
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
        } else if field == "lat and lon" {
            line.push_str(" (WKT points: POINT(longitude latitude))");
        } else if field == "precision" {
            line.push_str(
                " (exact, town, region or country; UCDP's codes 1 exact, 2 town, 3 to 5 region, 6 and 7 country)",
            );
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
    c.report.write(rows, notes);
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
}
