//! Excel and `OpenDocument` spreadsheets (`.xlsx`, `.xlsm`, `.xls`, `.ods`), read
//! with `calamine`: one sheet becomes a table that the CSV importer reads
//! ([`super::cells`]), so columns are recognised and mapped as in a CSV
//! file, and warnings name the sheet's row:column.
//!
//! Cells: text as it is; dates and times (numbers the sheet formats as
//! dates, which is how spreadsheets store them) as ISO dates, `2024-06-19`
//! or `2024-06-19T14:30`; whole numbers without a decimal point; errors
//! (`#N/A`) as empty. The header is the sheet's first row with a value.
//!
//! Hostile input: a spreadsheet is a zip archive of XML, and a small file
//! can claim to hold a lot. The archive's entries may not claim more than
//! [`MAX_UNPACKED_BYTES`] in all, and an `.xlsx` sheet is read cell by cell
//! (never as the rectangle its first and last cells span, which two cells
//! far apart make billions of cells: calamine's `worksheet_range` does
//! that), with at most [`MAX_CELLS`] cells and [`MAX_COLUMNS`] columns. An
//! `.ods` sheet is read as calamine reads it, after a scan of its XML
//! counts the cells that reading makes, under the same limit. The older
//! binary `.xls` is read by calamine all at once, every sheet as that
//! rectangle, when it opens the file: its records are first walked and
//! counted ([`super::xls_bounds`]), and a file past the limits is refused
//! before calamine sees it. A text kept once but shown in many cells (a
//! shared string, a repeated cell) counts in each, up to [`MAX_TEXT_BYTES`].
//! calamine's readers run behind `catch_unwind`: a panic in them on a
//! damaged file (fuzzing found one in its cell references) is an error,
//! not a crash.

use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{Data, DataRef, Ods, Reader as _, Xls, Xlsx};

use super::cells::{Origin, Rows};
use super::{ImportOptions, LoadError, Progress};
use crate::model::{Document, Location};

/// The most a spreadsheet's archive may unpack to: 1 GiB.
pub const MAX_UNPACKED_BYTES: u64 = 1 << 30;
/// The most cells a sheet may have: 20 million.
pub const MAX_CELLS: usize = 20_000_000;
/// The most columns a sheet read as a table may have.
pub const MAX_COLUMNS: usize = 1_000;
/// Most bytes of text the cells of a spreadsheet may hold: a shared string
/// or a repeated cell is one piece of text in the file but a copy in every
/// cell that shows it.
pub const MAX_TEXT_BYTES: usize = 1 << 30;

/// The kinds of spreadsheet read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Xlsx,
    Ods,
    /// The binary Excel workbook of Excel 97–2003.
    Xls,
}

/// The kind of spreadsheet `bytes` is, by its content (a zip archive with a
/// workbook or an `OpenDocument` spreadsheet in it).
#[must_use]
pub fn sniff(bytes: &[u8]) -> Option<Kind> {
    if is_legacy_excel(bytes) {
        return Some(Kind::Xls);
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return None;
    }
    // An OpenDocument file starts with its uncompressed `mimetype` entry.
    if bytes.get(30..38) == Some(b"mimetype")
        && memchr::memmem::find(
            bytes.get(38..120).unwrap_or_default(),
            b"application/vnd.oasis.opendocument.spreadsheet",
        )
        .is_some()
    {
        return Some(Kind::Ods);
    }
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    archive
        .file_names()
        .any(|name| name.is_ok_and(|n| n == "xl/workbook.xml"))
        .then_some(Kind::Xlsx)
}

/// Whether `bytes` are an OLE compound file, as the old binary Excel
/// workbooks (`.xls`) are.
#[must_use]
pub fn is_legacy_excel(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// Refuses an `.xls` workbook whose sheets calamine would make more than
/// [`MAX_CELLS`] cells or [`MAX_TEXT_BYTES`] of text, counted from its
/// records before calamine reads them.
fn check_xls(bytes: &[u8], path: &Path) -> Result<(), LoadError> {
    let not = |e: &dyn std::fmt::Display| error(path, e.to_string());
    let stream =
        super::xls_bounds::workbook_stream(bytes, MAX_UNPACKED_BYTES).map_err(|e| not(&e))?;
    let cost = super::xls_bounds::cost(&stream).map_err(|e| not(&e))?;
    if cost.cells > MAX_CELLS as u64 {
        return Err(too_many_cells(path, None));
    }
    if cost.text > MAX_TEXT_BYTES as u64 {
        return Err(too_much_text(path, None));
    }
    Ok(())
}

/// Runs `read`, one of calamine's readers, turning a panic in it (on a
/// damaged file) into an error.
fn guarded<T>(path: &Path, read: impl FnOnce() -> Result<T, LoadError>) -> Result<T, LoadError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|_| {
        Err(error(
            path,
            "cannot read the spreadsheet: it is damaged (its reader stopped)".into(),
        ))
    })
}

/// A located error about the file as a whole.
fn error(path: &Path, message: String) -> LoadError {
    LoadError::Invalid {
        path: path.to_path_buf(),
        location: Location { line: 1, column: 1 },
        field: String::new(),
        message,
    }
}

/// Refuses an archive whose entries claim to unpack to more than the limit.
fn check_archive(bytes: &[u8], path: &Path) -> Result<(), LoadError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        error(
            path,
            format!("not a readable spreadsheet (zip archive): {e}"),
        )
    })?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|e| {
            error(
                path,
                format!("not a readable spreadsheet (zip archive): {e}"),
            )
        })?;
        total = total.saturating_add(entry.size());
    }
    if total > MAX_UNPACKED_BYTES {
        return Err(error(
            path,
            format!(
                "the spreadsheet unpacks to {} MiB, more than the {} MiB Chronoscope reads",
                total >> 20,
                MAX_UNPACKED_BYTES >> 20
            ),
        ));
    }
    Ok(())
}

/// The names of the sheets of the spreadsheet `bytes`, in order.
pub fn sheet_names(bytes: &[u8], path: &Path) -> Result<Vec<String>, LoadError> {
    let kind =
        sniff(bytes).ok_or_else(|| error(path, "not an .xlsx, .xls or .ods spreadsheet".into()))?;
    if kind == Kind::Xls {
        check_xls(bytes, path)?;
    } else {
        check_archive(bytes, path)?;
    }
    let cannot =
        |e: &dyn std::fmt::Display| error(path, format!("cannot read the spreadsheet: {e}"));
    Ok(match kind {
        Kind::Xls => guarded(path, || {
            Ok(Xls::new(Cursor::new(bytes))
                .map_err(|e| cannot(&e))?
                .sheet_names())
        })?,
        Kind::Xlsx => guarded(path, || {
            Ok(Xlsx::new(Cursor::new(bytes))
                .map_err(|e| cannot(&e))?
                .sheet_names())
        })?,
        Kind::Ods => {
            check_ods_cells(bytes, path)?;
            guarded(path, || {
                Ok(Ods::new(Cursor::new(bytes))
                    .map_err(|e| cannot(&e))?
                    .sheet_names())
            })?
        }
    })
}

/// The sheets of the spreadsheet `bytes` at `path`, the one chosen
/// (`options.sheet`, by default the first with a value) and its cells with a
/// value: (row, column, text).
#[allow(clippy::type_complexity)] // one use, named by its doc
fn sheet_cells(
    bytes: &[u8],
    path: &Path,
    options: &ImportOptions,
) -> Result<(Vec<String>, String, Vec<(u32, u32, String)>), LoadError> {
    let kind =
        sniff(bytes).ok_or_else(|| error(path, "not an .xlsx, .xls or .ods spreadsheet".into()))?;
    if kind == Kind::Xls {
        check_xls(bytes, path)?;
    } else {
        check_archive(bytes, path)?;
    }
    let cannot =
        |e: &dyn std::fmt::Display| error(path, format!("cannot read the spreadsheet: {e}"));
    let (names, sheet, cells) = match kind {
        Kind::Xls => guarded(path, || {
            let mut book = Xls::new(Cursor::new(bytes)).map_err(|e| cannot(&e))?;
            let names = book.sheet_names();
            let (sheet, cells) = range_cells(&mut book, &names, options, path)?;
            Ok((names, sheet, cells))
        })?,
        Kind::Xlsx => guarded(path, || {
            let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| cannot(&e))?;
            let names = book.sheet_names();
            for name in wanted(&names, options, path)? {
                let cells = xlsx_cells(&mut book, &name, path)?;
                if !cells.is_empty() || options.sheet.is_some() {
                    return Ok((names, name, cells));
                }
            }
            Ok((names, String::new(), Vec::new()))
        })?,
        Kind::Ods => {
            check_ods_cells(bytes, path)?;
            guarded(path, || {
                let mut book = Ods::new(Cursor::new(bytes)).map_err(|e| cannot(&e))?;
                let names = book.sheet_names();
                let (sheet, cells) = range_cells(&mut book, &names, options, path)?;
                Ok((names, sheet, cells))
            })?
        }
    };
    Ok((names, sheet, cells))
}

/// Reads the sheet `options.sheet` (by default the first with a value) of
/// the spreadsheet `bytes` at `path`.
pub fn parse(
    bytes: &[u8],
    path: &Path,
    options: &ImportOptions,
    progress: &Progress,
) -> Result<Document, LoadError> {
    let (names, sheet, cells) = sheet_cells(bytes, path, options)?;
    let (mut rows, header) = table(path, &sheet, cells)?;
    if names.len() > 1 {
        let names: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
        let note = format!(
            "Read the sheet {sheet:?} of {}: {}",
            names.len(),
            names.join(", ")
        );
        rows.report().note(&note);
    }
    let format = format!("Spreadsheet (sheet {sheet:?})");
    rows.read(path, options, progress, &format, header)
}

/// The sheets of the spreadsheet `bytes`, the one `sheet` names (by default
/// the first with a value), and that sheet as a CSV text: what the import
/// dialog shows and maps before the file is read.
pub fn table_text(
    bytes: &[u8],
    path: &Path,
    sheet: Option<&str>,
) -> Result<(Vec<String>, String, String), LoadError> {
    let options = ImportOptions {
        sheet: sheet.map(str::to_owned),
        ..ImportOptions::default()
    };
    let (names, sheet, cells) = sheet_cells(bytes, path, &options)?;
    let (rows, _) = table(path, &sheet, cells)?;
    Ok((names, sheet, rows.into_text()))
}

/// The sheets to try, in order: the one asked for, or all.
fn wanted(
    names: &[String],
    options: &ImportOptions,
    path: &Path,
) -> Result<Vec<String>, LoadError> {
    match &options.sheet {
        None => Ok(names.to_vec()),
        Some(asked) if names.contains(asked) => Ok(vec![asked.clone()]),
        Some(asked) => Err(error(
            path,
            format!(
                "no sheet {asked:?}: expected one of {}",
                names
                    .iter()
                    .map(|n| format!("{n:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

/// The sheet `options.sheet` (else the first with a value) of a workbook
/// that calamine reads whole (`.ods`, `.xls`), and its cells with a value:
/// (row, column, text).
#[allow(clippy::type_complexity)] // named by its doc
fn range_cells<'b, R>(
    book: &mut R,
    names: &[String],
    options: &ImportOptions,
    path: &Path,
) -> Result<(String, Vec<(u32, u32, String)>), LoadError>
where
    R: calamine::Reader<Cursor<&'b [u8]>>,
    R::Error: std::fmt::Display,
{
    for name in wanted(names, options, path)? {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| error(path, format!("cannot read the sheet {name:?}: {e}")))?;
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let cells: Vec<(u32, u32, String)> = range
            .cells()
            .filter(|(_, _, d)| !matches!(d, Data::Empty))
            .map(|(r, c, d)| (row0 + r as u32, col0 + c as u32, data_text(d)))
            .filter(|(_, _, t)| !t.is_empty())
            .collect();
        if !cells.is_empty() || options.sheet.is_some() {
            return Ok((name, cells));
        }
    }
    Ok(Default::default())
}

/// The cells with a value of an `.xlsx` sheet, read one by one: (row,
/// column, text), at most [`MAX_CELLS`].
fn xlsx_cells(
    book: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    path: &Path,
) -> Result<Vec<(u32, u32, String)>, LoadError> {
    let cannot =
        |e: &dyn std::fmt::Display| error(path, format!("cannot read the sheet {name:?}: {e}"));
    let mut reader = book.worksheet_cells_reader(name).map_err(|e| cannot(&e))?;
    let mut cells = Vec::new();
    let mut text_bytes: usize = 0;
    while let Some(cell) = reader.next_cell().map_err(|e| cannot(&e))? {
        let (row, column) = cell.get_position();
        // Weighed before it is copied: a shared string is kept once but
        // copied into every cell that shows it.
        if let DataRef::SharedString(s) = cell.get_value() {
            text_bytes = text_bytes.saturating_add(s.len());
            if text_bytes > MAX_TEXT_BYTES {
                return Err(too_much_text(path, Some(name)));
            }
        }
        let text = data_ref_text(cell.get_value());
        if text.is_empty() {
            continue;
        }
        if cells.len() == MAX_CELLS {
            return Err(too_many_cells(path, Some(name)));
        }
        cells.push((row, column, text));
    }
    Ok(cells)
}

fn too_many_cells(path: &Path, sheet: Option<&str>) -> LoadError {
    let what = sheet.map_or_else(
        || "the spreadsheet".to_owned(),
        |s| format!("the sheet {s:?}"),
    );
    error(
        path,
        format!("{what} has more than {MAX_CELLS} cells, more than Chronoscope reads"),
    )
}

fn too_much_text(path: &Path, sheet: Option<&str>) -> LoadError {
    let what = sheet.map_or_else(
        || "the spreadsheet's cells hold".to_owned(),
        |s| format!("the cells of the sheet {s:?} hold"),
    );
    error(
        path,
        format!(
            "{what} more than {} MiB of text (a shared or repeated text counts in every cell that shows it), more than Chronoscope reads",
            MAX_TEXT_BYTES >> 20
        ),
    )
}

/// Counts the cells calamine makes of an `.ods` file's rows, and the text
/// they hold, and refuses the file past [`MAX_CELLS`] or
/// [`MAX_TEXT_BYTES`]: calamine copies a cell repeated N times across
/// (`number-columns-repeated`) N times, and a row repeated down
/// (`number-rows-repeated`) with all its cells, so a few bytes of XML can
/// ask for gigabytes.
fn check_ods_cells(bytes: &[u8], path: &Path) -> Result<(), LoadError> {
    use quick_xml::events::Event;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| error(path, format!("not a readable spreadsheet: {e}")))?;
    let content = archive.by_name("content.xml").map_err(|e| {
        error(
            path,
            format!("not a readable spreadsheet: content.xml: {e}"),
        )
    })?;
    let mut xml =
        quick_xml::Reader::from_reader(std::io::BufReader::new(content.take(MAX_UNPACKED_BYTES)));
    let mut buf = Vec::new();
    let (mut total, mut total_text) = (0_usize, 0_usize);
    // The row: its repeats, its cells so far, those that count (up to the
    // last with a value) and their text; the cell: its repeats and text.
    let mut row = OdsRow::default();
    let mut cell: Option<(usize, usize)> = None;
    loop {
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.name().as_ref() == b"table:table-row" => {
                row = OdsRow {
                    repeats: repeats(&e, b"table:number-rows-repeated", 1 << 20),
                    ..OdsRow::default()
                };
            }
            Ok(Event::End(e)) if e.name().as_ref() == b"table:table-row" => {
                total = total.saturating_add(row.counted.saturating_mul(row.repeats));
                total_text = total_text.saturating_add(row.text.saturating_mul(row.repeats));
                if total > MAX_CELLS {
                    return Err(too_many_cells(path, None));
                }
                if total_text > MAX_TEXT_BYTES {
                    return Err(too_much_text(path, None));
                }
            }
            Ok(Event::Start(e)) if is_cell(e.name().as_ref()) => {
                cell = Some((row.cell(&e), 0));
            }
            Ok(Event::Empty(e)) if is_cell(e.name().as_ref()) => {
                row.cell(&e);
            }
            Ok(Event::Text(t)) => {
                if let Some((_, text)) = &mut cell {
                    *text = text.saturating_add(t.len());
                }
            }
            Ok(Event::End(e)) if is_cell(e.name().as_ref()) => {
                if let Some((n, text)) = cell.take() {
                    row.text = row.text.saturating_add(text.saturating_mul(n));
                }
            }
            Ok(Event::Eof) => return Ok(()),
            Err(e) => return Err(error(path, format!("cannot read the spreadsheet: {e}"))),
            Ok(_) => {}
        }
        buf.clear();
    }
}

/// Whether an element of `content.xml` is a cell of a table row.
fn is_cell(name: &[u8]) -> bool {
    matches!(name, b"table:table-cell" | b"table:covered-table-cell")
}

/// The number an attribute `name` gives as a count of repeats, at most `max`.
fn repeats(e: &quick_xml::events::BytesStart<'_>, name: &[u8], max: usize) -> usize {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| std::str::from_utf8(&a.value).ok()?.parse::<usize>().ok())
        .unwrap_or(1)
        .min(max)
}

/// What [`check_ods_cells`] knows of the row it is in.
#[derive(Default)]
struct OdsRow {
    /// How many times the row is repeated down.
    repeats: usize,
    /// Cells so far, counting repeats across.
    cells: usize,
    /// Cells up to the last with a value: what calamine keeps.
    counted: usize,
    /// Bytes of text in the row's cells, counting repeats across.
    text: usize,
}

impl OdsRow {
    /// Counts the cell `e` (with its repeats across, which it returns) and
    /// the values in its attributes.
    fn cell(&mut self, e: &quick_xml::events::BytesStart<'_>) -> usize {
        let n = repeats(e, b"table:number-columns-repeated", 16_384);
        self.cells = self.cells.saturating_add(n);
        if e.try_get_attribute(b"office:value-type")
            .ok()
            .flatten()
            .is_some()
        {
            self.counted = self.cells;
        }
        // A value in an attribute (a number, a date, a string value) is
        // text calamine keeps too.
        let attributes: usize = e.attributes().flatten().map(|a| a.value.len()).sum();
        self.text = self.text.saturating_add(attributes.saturating_mul(n));
        n
    }
}

/// The table of a sheet's cells (the first row with a value is the header),
/// and where its header is.
fn table(
    path: &Path,
    sheet: &str,
    mut cells: Vec<(u32, u32, String)>,
) -> Result<(Rows, Location), LoadError> {
    cells.sort_unstable_by_key(|&(r, c, _)| (r, c));
    let Some(&(header_row, ..)) = cells.first() else {
        return Err(error(
            path,
            format!("the sheet {sheet:?} is empty: expected a header row and rows of events"),
        ));
    };
    let first_column = cells.iter().map(|&(_, c, _)| c).min().unwrap_or(0);
    let last_column = cells.iter().map(|&(_, c, _)| c).max().unwrap_or(0);
    let width = (last_column - first_column) as usize + 1;
    if width > MAX_COLUMNS {
        return Err(error(
            path,
            format!(
                "the sheet {sheet:?} spans {width} columns, more than the {MAX_COLUMNS} a table may have"
            ),
        ));
    }
    let at = |row: u32, column: u32| Location {
        line: row as usize + 1,
        column: column as usize + 1,
    };
    let mut rows_of = cells.chunk_by(|a, b| a.0 == b.0);
    let header = rows_of.next().unwrap_or_default();
    let mut headers = vec![String::new(); width];
    for (_, c, text) in header {
        headers[(c - first_column) as usize].clone_from(text);
    }
    let table_error =
        |e: ::csv::Error| error(path, format!("cannot make a table of the sheet: {e}"));
    let mut rows = Rows::new(headers).map_err(table_error)?;
    let mut line = vec![String::new(); width];
    for row in rows_of {
        line.iter_mut().for_each(String::clear);
        let r = row[0].0;
        let mut origin = Origin {
            row: at(r, first_column),
            cells: vec![None; width],
        };
        for (_, c, text) in row {
            let i = (c - first_column) as usize;
            line[i].clone_from(text);
            origin.cells[i] = Some(at(r, *c));
        }
        rows.push(origin, &line).map_err(table_error)?;
    }
    Ok((rows, at(header_row, first_column)))
}

/// A cell's text, as a CSV cell would hold it.
fn data_text(data: &Data) -> String {
    match data {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => date_text(d),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

fn data_ref_text(data: &DataRef<'_>) -> String {
    match data {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => float_text(*f),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) => date_text(d),
        DataRef::Error(_) | DataRef::Empty => String::new(),
    }
}

/// `12` for 12.0, else the number as Rust writes it (shortest exact).
fn float_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{f:.0}")
    } else {
        f.to_string()
    }
}

/// A date the sheet stores as a serial number: `2024-06-19`, or with its
/// time of day `2024-06-19T14:30` (`:05` when it has seconds).
fn date_text(d: &calamine::ExcelDateTime) -> String {
    if d.is_duration() {
        return float_text(d.as_f64());
    }
    match d.as_datetime() {
        Some(t) if t.time() == chrono::NaiveTime::MIN => t.format("%Y-%m-%d").to_string(),
        Some(t) if chrono::Timelike::second(&t) == 0 => t.format("%Y-%m-%dT%H:%M").to_string(),
        Some(t) => t.format("%Y-%m-%dT%H:%M:%S").to_string(),
        None => float_text(d.as_f64()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_become_cells() {
        assert_eq!(float_text(12.0), "12");
        assert_eq!(float_text(-3.5), "-3.5");
        assert_eq!(float_text(1e20), "100000000000000000000");
        assert_eq!(data_text(&Data::Bool(true)), "true");
        assert_eq!(data_text(&Data::Empty), "");
    }

    fn fixture(name: &str) -> (Vec<u8>, std::path::PathBuf) {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/data")
            .join(name);
        (std::fs::read(&path).unwrap(), path)
    }

    fn read(name: &str, sheet: Option<&str>) -> Result<Document, LoadError> {
        let (bytes, path) = fixture(name);
        let options = ImportOptions {
            sheet: sheet.map(str::to_owned),
            ..ImportOptions::default()
        };
        parse(&bytes, &path, &options, &Progress::default())
    }

    #[test]
    fn an_xlsx_sheet_is_a_table_with_its_dates_read_from_serial_numbers() {
        let (bytes, path) = fixture("spreadsheet/events.xlsx");
        assert_eq!(sniff(&bytes), Some(Kind::Xlsx));
        assert_eq!(
            sheet_names(&bytes, &path).unwrap(),
            ["Notes", "Events", "Sources"]
        );
        // The first sheet with a value is "Events" ("Notes" is empty).
        let doc = read("spreadsheet/events.xlsx", None).unwrap();
        assert_eq!(doc.format, "Spreadsheet (sheet \"Events\")");
        let starts: Vec<String> = doc.iter_events().map(|e| e.start.to_string()).collect();
        assert_eq!(starts, ["2024-06-19", "2024-10-03", "2024-10-16T14:30"]);
        assert_eq!(doc.event(1).unwrap().category.as_deref(), Some("military"));
        assert!(
            doc.notes
                .iter()
                .any(|n| n.contains("Read the sheet \"Events\" of 3")),
            "{:?}",
            doc.notes
        );
        // The undated row is a warning at its row in the sheet, in the date column.
        assert_eq!(doc.warnings.len(), 1);
        assert_eq!(doc.warnings[0].location, Location { line: 5, column: 1 });
    }

    #[test]
    fn an_xls_workbook_is_read_with_its_dates_and_sheets() {
        let (bytes, path) = fixture("spreadsheet/events.xls");
        assert_eq!(sniff(&bytes), Some(Kind::Xls));
        assert_eq!(sheet_names(&bytes, &path).unwrap(), ["Events", "Sources"]);
        let doc = read("spreadsheet/events.xls", None).unwrap();
        assert_eq!(doc.format, "Spreadsheet (sheet \"Events\")");
        let events: Vec<(String, String)> = doc
            .iter_events()
            .map(|e| (e.start.to_string(), e.title.clone()))
            .collect();
        assert_eq!(
            events,
            [
                (
                    "2024-06-19".to_owned(),
                    "Putin and Kim sign a treaty in Pyongyang".to_owned()
                ),
                (
                    "2024-10-03T14:30".to_owned(),
                    "Strike near Donetsk kills North Korean officers".to_owned()
                ),
                (
                    "2024-10-24".to_owned(),
                    "Minister briefs on troops in Russia".to_owned()
                ),
            ]
        );
        assert_eq!(doc.event(1).unwrap().category.as_deref(), Some("strike"));
        assert_eq!(
            doc.event(1).unwrap().attributes.get("casualties"),
            Some("6")
        );
        let sources = read("spreadsheet/events.xls", Some("Sources"));
        assert!(sources.is_err() || sources.unwrap().event_count() == 0);
    }

    #[test]
    fn an_ods_sheet_is_a_table() {
        let (bytes, _) = fixture("spreadsheet/events.ods");
        assert_eq!(sniff(&bytes), Some(Kind::Ods));
        let doc = read("spreadsheet/events.ods", Some("Events")).unwrap();
        assert_eq!(doc.event_count(), 3);
        assert_eq!(
            doc.event(0).unwrap().title,
            "Putin and Kim sign a partnership treaty"
        );
    }

    #[test]
    fn the_sheet_asked_for_is_read_or_named_as_missing() {
        let e = read("spreadsheet/events.xlsx", Some("Sources"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("no date column"), "{e}");
        let e = read("spreadsheet/events.xlsx", Some("Nope"))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("no sheet \"Nope\": expected one of \"Notes\", \"Events\", \"Sources\""),
            "{e}"
        );
    }

    #[test]
    fn not_a_spreadsheet() {
        assert_eq!(sniff(b"date,title\n"), None);
        assert_eq!(sniff(b"PK\x03\x04garbage"), None);
        let e = parse(
            b"PK\x03\x04garbage",
            Path::new("x.xlsx"),
            &ImportOptions::default(),
            &Progress::default(),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("not an .xlsx, .xls or .ods spreadsheet"), "{e}");
    }
}
