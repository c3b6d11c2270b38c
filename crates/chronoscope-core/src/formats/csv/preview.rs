//! What the import dialog shows before a table is imported: its columns,
//! its first rows and the column chosen for each field.

use std::path::Path;

use super::columns::FIELDS;
use super::split::Record;
use super::table::Table;
use crate::formats::LoadError;
use crate::formats::common::ImportOptions;

/// What the import dialog shows before importing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvPreview {
    pub delimiter: u8,
    pub columns: Vec<String>,
    /// The first data rows, as many cells as each has.
    pub rows: Vec<Vec<String>>,
    /// Every field of [`FIELDS`] becomes the column chosen by recognition or by
    /// `options.mapping`; combined columns are written `Year + Month + Day`.
    pub mapping: Vec<(String, Option<String>)>,
}

/// The columns, the first `rows` data rows and the mapping that
/// [`parse`](super::parse) would use, for an import dialog. A table without a recognised
/// date column previews with `start` unmapped; errors (no header, a mapping
/// naming a column that does not exist) have an empty path.
pub fn preview(text: &str, options: &ImportOptions, rows: usize) -> Result<CsvPreview, LoadError> {
    let table = Table::open(text, Path::new(""), options, false)?;
    let mut records = table.data();
    let mut record = Record::new(table.body);
    let mut out = Vec::new();
    while out.len() < rows && records.read(&mut record) {
        out.push(record.iter().map(str::to_owned).collect());
    }
    Ok(CsvPreview {
        delimiter: table.delimiter,
        columns: table.headers.clone(),
        rows: out,
        mapping: FIELDS
            .iter()
            .map(|&f| ((*f).to_owned(), table.plan.describe(f, &table.headers)))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn preview_shows_columns_rows_and_mapping() {
        let p = match preview(MISSILES, &ImportOptions::default(), 2) {
            Ok(p) => p,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(p.delimiter, b',');
        assert_eq!(p.columns.len(), 9);
        assert_eq!(p.columns[0], "launch_time");
        assert_eq!(p.rows.len(), 2);
        assert_eq!(p.rows[1][1], "Scud-C");
        let get = |f: &str| {
            p.mapping
                .iter()
                .find(|(field, _)| field == f)
                .and_then(|(_, c)| c.clone())
        };
        assert_eq!(p.mapping.len(), FIELDS.len());
        assert_eq!(get("start").as_deref(), Some("launch_time"));
        assert_eq!(get("title").as_deref(), Some("missile_name"));
        assert_eq!(get("end"), None);

        let p = match preview(TIMELINEJS, &ImportOptions::default(), 100) {
            Ok(p) => p,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(p.rows.len(), 10);
        assert_eq!(p.mapping[0].1.as_deref(), Some("Year + Month + Day + Time"));
        let p = match preview(INCIDENTS, &ImportOptions::default(), 0) {
            Ok(p) => p,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(p.delimiter, b'\t');
        assert!(p.rows.is_empty());
        assert_eq!(
            p.mapping[2].1.as_deref(),
            Some("event_type + target + city")
        );
    }
}
