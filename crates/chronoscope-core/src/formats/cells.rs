//! Tables that do not come as text — JSON records, spreadsheet sheets — read
//! by the CSV importer.
//!
//! Column recognition, `--map`, day/month order, ids, categories and every
//! warning about a row are the CSV importer's; a format whose events are
//! rows of cells only has to hand over its headers and rows. [`Rows`] writes
//! them as a CSV text (quoted where needed, so any cell survives), has the
//! CSV importer read it, then moves every location from that text back to
//! where the row came from: a record's line:column in a JSON file, a cell's
//! row:column in a sheet.

use std::path::Path;
use std::sync::Arc;

use super::import::{Input, Report};
use super::{ImportOptions, LoadError, Progress, csv};
use crate::model::{Document, Location};

/// Where a row came from: the row itself, and each of its cells (by column)
/// where known.
#[derive(Clone, Debug, Default)]
pub struct Origin {
    pub row: Location,
    pub cells: Vec<Option<Location>>,
}

/// A table being made: its headers and rows.
pub struct Rows {
    headers: Vec<String>,
    writer: ::csv::Writer<Vec<u8>>,
    /// CSV lines written so far.
    lines: usize,
    /// The first CSV line of each row, and where the row came from.
    origins: Vec<(usize, Origin)>,
    /// What the format counted before the table (items that are no rows,
    /// the sheet read): the CSV importer adds the rows' counts to it.
    report: Report,
}

impl Rows {
    /// A table with these column names.
    pub fn new(headers: Vec<String>) -> Result<Self, ::csv::Error> {
        let mut writer = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        writer.write_record(&headers)?;
        let lines = 1 + headers
            .iter()
            .map(|h| h.matches('\n').count())
            .sum::<usize>();
        Ok(Self {
            headers,
            writer,
            lines,
            origins: Vec::new(),
            report: Report::new("row"),
        })
    }

    /// Adds a row: one cell per column (fewer: the rest are empty).
    pub fn push<S: AsRef<str>>(&mut self, origin: Origin, cells: &[S]) -> Result<(), ::csv::Error> {
        self.origins.push((self.lines + 1, origin));
        let width = self.headers.len();
        let line_breaks: usize = cells.iter().map(|c| c.as_ref().matches('\n').count()).sum();
        self.lines += 1 + line_breaks;
        let cells = cells
            .iter()
            .map(AsRef::as_ref)
            .chain(std::iter::repeat(""))
            .take(width);
        self.writer.write_record(cells)
    }

    /// The table as CSV text, header first (what the import dialog shows).
    #[must_use]
    pub fn into_text(self) -> String {
        let bytes = self
            .writer
            .into_inner()
            .unwrap_or_else(|e| e.into_inner().get_ref().clone());
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// How many rows were added.
    #[must_use]
    pub fn len(&self) -> usize {
        self.origins.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.origins.is_empty()
    }

    /// The report the table's notes are written from: a format counts in it
    /// what it left out before the table, in the shared words.
    pub fn report(&mut self) -> &mut Report {
        &mut self.report
    }

    /// The events of the table, read by the CSV importer, as a document of
    /// `format`; its warnings and errors are located where their rows
    /// came from (`header` for the header row).
    pub fn read(
        self,
        path: &Path,
        options: &ImportOptions,
        progress: &Progress,
        format: &str,
        header: Location,
    ) -> Result<Document, LoadError> {
        let Self {
            headers,
            writer,
            origins,
            report,
            ..
        } = self;
        let bytes = writer.into_inner().map_err(|e| LoadError::Invalid {
            path: path.to_path_buf(),
            location: header,
            field: String::new(),
            message: format!("cannot make a table of the rows: {e}"),
        })?;
        // The csv writer writes the UTF-8 it is given.
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let relocate = |location: Location, field: &str| -> Location {
            let i = origins.partition_point(|(line, _)| *line <= location.line);
            let Some((_, origin)) = i.checked_sub(1).and_then(|i| origins.get(i)) else {
                return header;
            };
            headers
                .iter()
                .position(|h| h == field)
                .and_then(|c| origin.cells.get(c).copied().flatten())
                .unwrap_or(origin.row)
        };
        let text = Arc::new(text);
        let input = Input::new(&text, path, options, progress);
        let mut doc = match csv::read_table(&input, report) {
            Ok(doc) => doc,
            Err(LoadError::Invalid {
                path,
                location,
                field,
                message,
            }) => {
                return Err(LoadError::Invalid {
                    path,
                    location: relocate(location, &field),
                    field,
                    message,
                });
            }
            Err(other) => return Err(other),
        };
        for warning in &mut doc.warnings {
            warning.location = relocate(warning.location, &warning.field);
        }
        // The CSV importer names the delimiter of a text that the file
        // never had.
        for note in &mut doc.notes {
            if let Some(rest) = note.strip_prefix("comma-separated, ") {
                *note = rest.to_owned();
                break;
            }
        }
        format.clone_into(&mut doc.format);
        Ok(doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_read_by_the_csv_importer_and_located_at_their_origin() {
        let at = |line, column| Location { line, column };
        let mut rows = Rows::new(vec!["date".into(), "title".into()]).unwrap();
        rows.push(
            Origin {
                row: at(10, 1),
                cells: vec![Some(at(10, 5)), Some(at(10, 20))],
            },
            &["2024-06-19", "Treaty, \"signed\"\nin Pyongyang"],
        )
        .unwrap();
        rows.push(
            Origin {
                row: at(20, 1),
                cells: vec![Some(at(20, 7)), None],
            },
            &["not a date"],
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        let doc = rows
            .read(
                Path::new("t"),
                &ImportOptions::default(),
                &Progress::default(),
                "Test table",
                at(1, 1),
            )
            .unwrap();
        assert_eq!(doc.format, "Test table");
        assert!(
            doc.notes[0].starts_with("2 columns and 2 data rows"),
            "{:?}",
            doc.notes
        );
        assert_eq!(doc.event_count(), 1);
        // Titles are one line, as the CSV importer makes them.
        assert_eq!(
            doc.event(0).unwrap().title,
            "Treaty, \"signed\" in Pyongyang"
        );
        assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
        assert_eq!(doc.warnings[0].location, at(20, 7), "{:?}", doc.warnings);
    }
}
