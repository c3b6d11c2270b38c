//! Opening a table: its delimiter, its header line and the [`Plan`] made
//! from it, kept as a [`Spec`] that every reader of its rows shares; and the
//! located errors about the table as a whole (no header, no date column, a
//! mapping naming a column that does not exist).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::columns::{Plan, START_NAMES, normalise, recognise};
use super::delimiter::detect_delimiter;
use super::headers::unique_headers;
use super::quotes::QuoteProblem;
use super::split::{Record, Records, Recovery};
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
    /// Broken quotes in the header line.
    pub(super) header_problems: Vec<QuoteProblem>,
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
            header_problems: Vec::new(),
        };
        let mut records = Records::new(body, 0, 0, delimiter, Recovery::Header);
        let mut record = Record::new(body);
        let found = records.read(&mut record);
        if !found || record.iter().all(|h| h.trim().is_empty()) {
            return Err(table.invalid(
                Location { line: 1, column: 1 },
                "",
                "no header line: expected a first line naming the columns, such as date,title,description".to_owned(),
            ));
        }
        table.data_start = records.position();
        table.data_newlines = records.newlines();
        table.headers = unique_headers(record.iter());
        table.header_problems = record.problems;
        table.plan = recognise(&table.headers);
        table.apply_mapping(&options.mapping)?;
        table.plan.recognise_place_details(&table.headers);
        table.plan.join_time_columns(&table.headers);
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

    /// A reader of the table's data records.
    pub(super) fn data(&self) -> Records<'a> {
        self.records(self.body, self.data_start, self.data_newlines)
    }
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

    pub(super) fn column_list(&self) -> String {
        self.headers.join(", ")
    }

    /// A reader of the table's records from byte `start` of `body` (the text
    /// without its byte order mark), just after a record's end, with
    /// `newlines` line breaks before it.
    pub(super) fn records<'b>(&self, body: &'b str, start: usize, newlines: usize) -> Records<'b> {
        Records::new(
            body,
            start,
            newlines,
            self.delimiter,
            Recovery::Columns(self.headers.len()),
        )
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
