//! Opening a table: its delimiter, its header line and the [`Plan`] made
//! from it, kept as a [`Spec`] that every reader of its rows shares; and the
//! located errors about the table as a whole (no header, no date column, a
//! mapping naming a column that does not exist).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::columns::{Plan, START_NAMES, normalise, recognise};
use super::delimiter::detect_delimiter;
use super::headers::unique_headers;
use crate::formats::LoadError;
use crate::formats::common::{ImportOptions, head};
use crate::model::Location;

/// What reading a table's header taught: its delimiter, headers and plan.
/// Kept (shared) by the [`CsvRows`](super::row_events::CsvRows) that reads its rows again.
#[derive(Debug)]
pub(super) struct Spec {
    pub(super) path: PathBuf,
    /// Bytes of the byte order mark before the body (0 or 3).
    pub(super) bom: usize,
    pub(super) delimiter: u8,
    pub(super) headers: Vec<String>,
    pub(super) plan: Plan,
    /// Byte offset in the body just after the header record.
    pub(super) data_start: usize,
    /// `\n` bytes before `data_start`.
    pub(super) data_newlines: usize,
}

/// An opened table: its text (without a byte order mark) and its [`Spec`].
pub(super) struct Table<'a> {
    pub(super) body: &'a str,
    pub(super) spec: Arc<Spec>,
}

impl std::ops::Deref for Table<'_> {
    type Target = Spec;

    fn deref(&self) -> &Spec {
        &self.spec
    }
}

impl<'a> Table<'a> {
    /// Reads the header and plans the columns; without a start column this
    /// is an error only when `need_start` (the import dialog previews such
    /// tables so that the user can choose one).
    pub(super) fn open(
        text: &'a str,
        path: &Path,
        options: &ImportOptions,
        need_start: bool,
    ) -> Result<Self, LoadError> {
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        let delimiter = detect_delimiter(head(body, 1 << 20));
        let mut table = Spec {
            path: path.to_path_buf(),
            bom: text.len() - body.len(),
            delimiter,
            headers: Vec::new(),
            plan: Plan::default(),
            data_start: 0,
            data_newlines: 0,
        };
        let mut reader = reader_of(body, delimiter);
        let mut record = ::csv::StringRecord::new();
        let found = reader
            .read_record(&mut record)
            .map_err(|e| table.csv_error(&e))?;
        if !found || record.iter().all(|h| h.trim().is_empty()) {
            return Err(table.invalid(
                Location { line: 1, column: 1 },
                "",
                "no header line: expected a first line naming the columns, such as date,title,description".to_owned(),
            ));
        }
        let position = reader.position();
        table.data_start = position.byte() as usize;
        table.data_newlines = (position.line() as usize).saturating_sub(1);
        table.headers = unique_headers(record.iter());
        table.plan = recognise(&table.headers);
        table.apply_mapping(&options.mapping)?;
        if need_start && table.plan.start.is_none() {
            return Err(table.invalid(
                Location { line: 1, column: 1 },
                "",
                format!(
                    "no date column: expected a column named {} (or year, month, day columns); the columns are {}; choose one with a mapping such as start=COLUMN",
                    START_NAMES.join(", "),
                    table.column_list()
                ),
            ));
        }
        table.plan.attributes = table.attribute_columns();
        let mut order: Vec<usize> = table
            .plan
            .attributes
            .iter()
            .copied()
            .chain(table.plan.source)
            .collect();
        order.sort_by(|&a, &b| table.headers[a].cmp(&table.headers[b]));
        table.plan.attribute_name_bytes = order.iter().map(|&c| table.headers[c].len()).sum();
        table.plan.attribute_order = order;
        Ok(Table {
            body,
            spec: Arc::new(table),
        })
    }

    pub(super) fn reader(&self) -> ::csv::Reader<&'a [u8]> {
        reader_of(self.body, self.delimiter)
    }
}

/// The `csv` crate's reader of `body` as the importer configures it.
pub(super) fn reader_of(body: &str, delimiter: u8) -> ::csv::Reader<&[u8]> {
    ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(body.as_bytes())
}

impl Spec {
    pub(super) fn invalid(&self, location: Location, field: &str, message: String) -> LoadError {
        LoadError::Invalid {
            path: self.path.clone(),
            location,
            field: field.to_owned(),
            message,
        }
    }

    pub(super) fn csv_error(&self, e: &::csv::Error) -> LoadError {
        let line = e.position().map_or(1, |p| p.line() as usize);
        self.invalid(
            Location { line, column: 1 },
            "",
            format!("cannot read the table: {e}"),
        )
    }

    pub(super) fn column_list(&self) -> String {
        self.headers.join(", ")
    }

    /// The column named `name`: exactly, else after normalising.
    pub(super) fn column(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        self.headers.iter().position(|h| h == name).or_else(|| {
            let n = normalise(name);
            self.headers.iter().position(|h| normalise(h) == n)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn file_level_errors() {
        let Err(e) = parse(NO_DATE, Path::new("n.csv"), &ImportOptions::default()) else {
            panic!("no date column is an error");
        };
        let text = e.to_string();
        assert!(
            text.starts_with("n.csv:1:1: no date column: expected a column named date, start,"),
            "{text}"
        );
        assert!(text.contains("the columns are name, city, notes"), "{text}");
        for empty in ["", "\u{feff}", "\n\n", ",,\n"] {
            let Err(e) = parse(empty, Path::new("e.csv"), &ImportOptions::default()) else {
                panic!("{empty:?} has no header");
            };
            assert!(e.to_string().contains("no header line"), "{e}");
        }
    }
}
