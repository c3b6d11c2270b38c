//! CSV and TSV tables of events: spreadsheet exports, data sets, and
//! `TimelineJS3`'s spreadsheet template saved as CSV.
//!
//! Why: most event data that is not in a timeline tool lives in tables. This
//! importer turns one row into one event without asking questions when the
//! column names say what they hold, and lets the user override any choice
//! with a mapping (`start=launch_time,title=missile_name`).
//!
//! Conventions:
//! - The delimiter is a comma, semicolon or tab, whichever the header line
//!   has most of outside quotes. Quoted fields may span lines (`"` doubled
//!   inside quotes, as RFC 4180 writes it); a quote that does not close and
//!   would swallow the rows after it is read as a character when the next
//!   line reads as a row (`quotes.rs`), always with a warning at the quote;
//!   a UTF-8 byte order mark is ignored. Rows may have fewer or more fields than the header: missing
//!   ones are empty, extra ones are kept as attributes `column N`.
//! - Columns are recognised by their header, compared case-insensitively
//!   with spaces and dashes read as `_` (see [`FIELDS`] and the name lists
//!   below): the start date, end date, title, description texts, category,
//!   tags, url, sources and id. Separate year / month / day (/ time) columns
//!   are combined when there is no date column; a time column beside a date
//!   column (`date` + `time`, `event_date` + `event_time`) is joined to it. Every other non-empty cell
//!   becomes an attribute of the event (column name becomes value).
//! - Dates are read by [`parse_loose`](super::dates::parse_loose) at the
//!   precision written; times without an offset stay as written. An
//!   all-numeric date whose day and month could be swapped is read in the
//!   order the user chose ([`DayMonthOrder`](super::DayMonthOrder)), else in
//!   the order its column's other dates prove (`day_month.rs`: the table is
//!   then read twice); otherwise the row is skipped with a warning.
//! - When several description columns exist, the event's text joins them as
//!   `column: value` paragraphs; the text becomes the event's source
//!   ("Row 12 of file.csv"). HTML in a description (tags such as `<p>`) is
//!   turned into text and its links go to the event's links.
//! - Coordinates give the event a place (`place.rs`): `latitude` and
//!   `longitude` (or `lat` with `lon`/`lng`/`long`; `y` with `x`; a WKT
//!   `geom_wkt` point), with the place's name (`where_coordinates`,
//!   `location`, `place`) and precision (`place_precision`, UCDP's
//!   `where_prec`). Coordinates that cannot be a place are a warning at
//!   their cell, and the event is kept without a place.
//! - A `sources` column is split at `;`: URLs become links, the rest is kept
//!   as the attribute `sources`. Tags split at `;` (or `,` when there is no
//!   `;`).
//! - A title-less table with an `event_type` column (military incident logs)
//!   gets titles made of the type and the `target` / `city` / `location` /
//!   `place` columns ("IED – Coalition Forces, Baghdad"), and the type is
//!   also the category so that each type gets its own lane.
//! - UCDP's `type_of_violence` codes 1, 2, 3 become "state-based conflict",
//!   "non-state conflict" and "one-sided violence" (the UCDP codebook).
//! - `TimelineJS3`'s template (Year, Month, Day, Time, End Year, …, Headline,
//!   Text, Media, …, Type, Group, Background) is recognised by its headers:
//!   the row of Type `title` gives the document title and description, rows
//!   of Type `era` become periods, Text and Headline are HTML, Group is the
//!   category, and the media and display columns are attributes.
//!   `TimelineJS` counts years before 1 as BCE without a year zero, as
//!   historians do: Year `-500` is 500 BCE, which is astronomical year -499
//!   in Chronoscope. Year `0` does not exist there: its row is skipped with
//!   the warning the `TimelineJS` JSON importer gives.
//! - Rows that cannot be used (no start date, an unreadable date, an end
//!   before the start) are skipped with a warning at the record's line, the
//!   column's 1-based index and its name. Nothing else is dropped silently.
//!
//! Where each part is (in `csv/`): `delimiter` (which separator; format
//! detection), `headers` (every column a name), `columns` (which column
//! feeds which field; the mapping), `table` (opening a table), `split`
//! (records as slices of the text), `quotes` (broken quotes), `reader` (the
//! whole table, in parts on the cores), `rows` (scanning a row),
//! `date_cells` (its dates), `ids`, `event` (the event made from a row when
//! looked at), `place` (a row's place), `row_events` (the document's reader
//! of rows), `timelinejs_sheet`, `ucdp`, `text` (cell helpers), `notes` and
//! `preview` (the import dialog).

mod columns;
mod date_cells;
mod day_month;
mod delimiter;
mod event;
mod headers;
mod ids;
mod notes;
mod place;
mod preview;
mod quotes;
mod reader;
mod row_events;
mod rows;
mod split;
mod table;
mod text;
mod timelinejs_sheet;
mod ucdp;

#[cfg(test)]
mod test_support;

pub use columns::{FIELDS, parse_mapping};
pub use delimiter::sniff;
pub use preview::{CsvPreview, preview};
pub use reader::parse;

use super::detect::Probe;
use super::import::{Confidence, Importer, Input, Report};
use super::{Format, LoadError};
use crate::model::Document;

/// The CSV / TSV importer.
pub struct Csv;

impl Importer for Csv {
    const FORMAT: Format = Format::Csv;

    /// A first line of delimited fields (possible), or a `.csv`, `.tsv` or
    /// `.tab` name on text that is not XML.
    fn sniff(probe: &Probe<'_>) -> Confidence {
        if sniff(probe.body()) {
            Confidence::Possible
        } else if matches!(probe.extension(), "csv" | "tsv" | "tab") && probe.xml_root().is_none() {
            Confidence::Extension
        } else {
            Confidence::No
        }
    }

    fn parse(input: &Input<'_>) -> Result<Document, LoadError> {
        reader::read(input, None, Report::new("row"))
    }
}

/// Reads the table of `input` for a format whose items are rows of a table
/// ([`super::cells`]), adding the rows' counts to `report`, which counts
/// what that format left out before making the table.
pub(super) fn read_table(input: &Input<'_>, report: Report) -> Result<Document, LoadError> {
    reader::read(input, None, report)
}
