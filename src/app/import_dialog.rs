//! The import dialog for tables (CSV, TSV, Excel and `OpenDocument` sheets,
//! JSON records, and GeoJSON features when none has a date property the
//! importer knows): one clear mapping step.
//!
//! It shows the columns the importer recognised for each field (start, title,
//! text, …, a place's latitude, longitude and name), lets the user choose others, the sheet of a spreadsheet, and how
//! to read numeric dates, and previews the events those choices give, read by
//! the real importer from the first rows. Import loads the whole file with
//! the same choices.

use std::path::PathBuf;
use std::sync::Arc;

use egui::{ComboBox, Grid, RichText, ScrollArea, Ui};

use super::Command;
use crate::formats::csv::{self, CsvPreview};
use crate::formats::{self, DayMonthOrder, ImportOptions};
use crate::model::Document;

/// Rows of the raw table and events of the result shown.
const PREVIEW_ROWS: usize = 8;
/// How much of the file the result preview reads.
const PREVIEW_BYTES: usize = 64 * 1024;

/// The fields a user can map, with what they mean.
pub const FIELDS: &[(&str, &str)] = &[
    ("start", "Start date"),
    ("end", "End date"),
    ("title", "Title"),
    ("description", "Text"),
    ("category", "Category (lane)"),
    ("tags", "Tags"),
    ("url", "Link"),
    ("source", "Sources (URLs become links)"),
    ("id", "Id"),
    ("lat", "Latitude (or WKT points)"),
    ("lon", "Longitude (or WKT points)"),
    ("place", "Place name"),
    ("precision", "Place precision"),
];

/// What a table to import comes as.
#[derive(Clone, Debug)]
pub enum TableFile {
    /// A CSV or TSV text.
    Text(String),
    /// A JSON list of records.
    Records(String),
    /// A GeoJSON file whose features' date property is to be chosen.
    Features(String),
    /// An Excel or `OpenDocument` spreadsheet's bytes.
    Sheets(Arc<Vec<u8>>),
}

/// An import in progress.
pub struct ImportDialog {
    pub path: PathBuf,
    file: TableFile,
    /// The table as CSV text: the file itself, or its records or chosen
    /// sheet written as CSV, for the preview.
    text: Arc<String>,
    /// A spreadsheet's sheets.
    pub sheets: Vec<String>,
    pub options: ImportOptions,
    table: Result<CsvPreview, String>,
    result: Result<Document, String>,
}

impl ImportDialog {
    #[must_use]
    pub fn new(path: PathBuf, file: TableFile, options: ImportOptions) -> Self {
        let mut dialog = Self {
            path,
            file,
            text: Arc::new(String::new()),
            sheets: Vec::new(),
            options,
            table: Err(String::new()),
            result: Err(String::new()),
        };
        dialog.read_table();
        dialog
    }

    /// The table's text as CSV (for a CSV file, the file itself).
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The CSV text to import, shared with the thread that imports it;
    /// `None` when the file is read again with the choices made (records
    /// and sheets, whose warnings then name their place in the file).
    #[must_use]
    pub fn shared_text(&self) -> Option<Arc<String>> {
        matches!(self.file, TableFile::Text(_)).then(|| Arc::clone(&self.text))
    }

    /// Reads the sheet `name` of a spreadsheet instead.
    pub fn set_sheet(&mut self, name: String) {
        if self.options.sheet.as_ref() != Some(&name) {
            self.options.sheet = Some(name);
            // Another sheet has other columns.
            self.options.mapping.clear();
            self.read_table();
        }
    }

    /// Makes the table's CSV text from the file, then the preview.
    fn read_table(&mut self) {
        let text = match &self.file {
            TableFile::Text(text) => Ok(text.clone()),
            TableFile::Records(json) => formats::records::table_text(json, &self.path),
            TableFile::Features(json) => formats::geojson::table_text(json, &self.path),
            TableFile::Sheets(bytes) => {
                formats::spreadsheet::table_text(bytes, &self.path, self.options.sheet.as_deref())
                    .map(|(names, chosen, text)| {
                        self.sheets = names;
                        self.options.sheet = Some(chosen);
                        text
                    })
            }
        };
        match text {
            Ok(text) => {
                self.text = Arc::new(text);
                self.refresh();
            }
            Err(e) => {
                self.table = Err(e.to_string());
                self.result = Err(e.to_string());
            }
        }
    }

    /// Re-reads the preview after the user changed a choice.
    fn refresh(&mut self) {
        self.table =
            csv::preview(&self.text, &self.options, PREVIEW_ROWS).map_err(|e| e.to_string());
        let head = head(&self.text, PREVIEW_BYTES);
        self.result = csv::parse(head, &self.path, &self.options).map_err(|e| e.to_string());
    }

    /// The column chosen for `field`, if any.
    fn chosen(&self, field: &str) -> Option<String> {
        self.table
            .as_ref()
            .ok()?
            .mapping
            .iter()
            .find(|(f, _)| f == field)
            .and_then(|(_, c)| c.clone())
    }

    /// Reads `field` from `column`, or from none.
    pub fn set(&mut self, field: &str, column: Option<String>) {
        self.options.mapping.retain(|(f, _)| f != field);
        self.options
            .mapping
            .push((field.to_owned(), column.unwrap_or_default()));
        self.refresh();
    }

    /// Reads all-numeric dates in `order`.
    pub fn set_order(&mut self, order: DayMonthOrder) {
        if order != self.options.day_month_order {
            self.options.day_month_order = order;
            self.refresh();
        }
    }

    /// Shows the dialog; returns the command the user chose, if any.
    pub fn show(&self, ctx: &egui::Context) -> Option<Command> {
        let mut command = None;
        let title = format!(
            "Import {}",
            self.path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        );
        let mut open = true;
        egui::Window::new(title)
            .id(egui::Id::unique("import_dialog"))
            .open(&mut open)
            .default_width(760.0)
            .collapsible(false)
            .show(ctx, |ui| command = self.contents(ui));
        if !open {
            command = Some(Command::CancelImport);
        }
        command
    }

    fn contents(&self, ui: &mut Ui) -> Option<Command> {
        // The sheet stays choosable when one cannot be read as a table.
        let mut command = self.sheet_choice(ui);
        let table = match &self.table {
            Ok(table) => table,
            Err(message) => {
                ui.colored_label(ui.visuals().error_fg_color, message);
                let cancel = ui.button("Cancel").clicked();
                return command.or(cancel.then_some(Command::CancelImport));
            }
        };
        let columns = match &self.file {
            TableFile::Text(_) => format!(
                "{} columns, separated by {}",
                table.columns.len(),
                match table.delimiter {
                    b'\t' => "tabs".to_owned(),
                    b';' => "semicolons".to_owned(),
                    b',' => "commas".to_owned(),
                    d => format!("'{}'", char::from(d)),
                }
            ),
            TableFile::Records(_) => format!("{} keys", table.columns.len()),
            TableFile::Features(_) => format!("{} properties", table.columns.len()),
            TableFile::Sheets(_) => format!("{} columns", table.columns.len()),
        };
        ui.label(format!("{columns}. Choose which column holds each field:"));
        ui.add_space(4.0);
        command = command.or(self.mapping(ui, &table.columns));
        ui.separator();
        ui.strong("Preview");
        self.result_preview(ui);
        ui.separator();
        ui.horizontal(|ui| {
            let can_import = self.chosen("start").is_some();
            if ui
                .add_enabled(can_import, egui::Button::new("Import"))
                .on_disabled_hover_text("Choose the column with the start date first")
                .clicked()
            {
                command = Some(Command::ConfirmImport);
            }
            if ui.button("Cancel").clicked() {
                command = Some(Command::CancelImport);
            }
        });
        command
    }

    /// The sheet of a spreadsheet of several; the command of a new choice.
    fn sheet_choice(&self, ui: &mut Ui) -> Option<Command> {
        if self.sheets.len() < 2 {
            return None;
        }
        let chosen = self.options.sheet.clone().unwrap_or_default();
        let mut command = None;
        ui.horizontal(|ui| {
            let label = ui.label("Sheet");
            ComboBox::from_id_salt("import_sheet")
                .selected_text(&chosen)
                .show_ui(ui, |ui| {
                    for name in &self.sheets {
                        if ui.selectable_label(*name == chosen, name).clicked() && *name != chosen {
                            command = Some(Command::SetImportSheet(name.clone()));
                        }
                    }
                })
                .response
                .labelled_by(label.id);
        });
        command
    }

    /// The column chosen for each field, from `columns`, and the order of
    /// numeric dates; the command of a new choice.
    fn mapping(&self, ui: &mut Ui, columns: &[String]) -> Option<Command> {
        let mut command = None;
        Grid::new("import_fields")
            .num_columns(2)
            .spacing([12.0, 4.0])
            .show(ui, |ui| {
                for &(field, name) in FIELDS {
                    let label = ui.label(name);
                    let chosen = self.chosen(field);
                    let shown = chosen.clone().unwrap_or_else(|| "(none)".to_owned());
                    ComboBox::from_id_salt(("field", field))
                        .selected_text(shown)
                        .width(260.0)
                        .show_ui(ui, |ui| {
                            let set = |column: Option<&String>| Command::SetImportColumn {
                                field: field.to_owned(),
                                column: column.cloned(),
                            };
                            if ui.selectable_label(chosen.is_none(), "(none)").clicked() {
                                command = Some(set(None));
                            }
                            for column in columns {
                                let is = chosen.as_deref() == Some(column.as_str());
                                if ui.selectable_label(is, column).clicked() {
                                    command = Some(set(Some(column)));
                                }
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();
                }
                ui.label("Dates like 03/04/2024");
                ui.horizontal(|ui| {
                    let mut order = self.options.day_month_order;
                    ui.radio_value(&mut order, DayMonthOrder::Ask, "ask (skip ambiguous rows)");
                    ui.radio_value(&mut order, DayMonthOrder::MonthFirst, "month first");
                    ui.radio_value(&mut order, DayMonthOrder::DayFirst, "day first");
                    if order != self.options.day_month_order {
                        command = Some(Command::SetImportDateOrder(order));
                    }
                });
                ui.end_row();
            });
        command
    }

    fn result_preview(&self, ui: &mut Ui) {
        let doc = match &self.result {
            Ok(doc) => doc,
            Err(message) => {
                ui.colored_label(ui.visuals().error_fg_color, message);
                return;
            }
        };
        let events: Vec<_> = doc.iter_events().take(PREVIEW_ROWS).collect();
        // A place column only when the choices give places.
        let places = events.iter().any(|e| e.place.is_some());
        ScrollArea::both()
            .max_height(240.0)
            .id_salt("import_preview")
            .show(ui, |ui| {
                Grid::new("import_result")
                    .striped(true)
                    .num_columns(if places { 4 } else { 3 })
                    .show(ui, |ui| {
                        ui.strong("Start");
                        ui.strong("Title");
                        ui.strong("Category");
                        if places {
                            ui.strong("Place");
                        }
                        ui.end_row();
                        for event in &events {
                            ui.label(event.date_text());
                            ui.label(&event.title);
                            ui.label(event.category.as_deref().unwrap_or(""));
                            if places {
                                ui.label(
                                    event
                                        .place
                                        .as_deref()
                                        .map_or_else(String::new, crate::model::Place::describe),
                                );
                            }
                            ui.end_row();
                        }
                    });
            });
        if doc.event_count() == 0 {
            ui.label(
                RichText::new("No events in the first rows with these choices.")
                    .color(ui.visuals().warn_fg_color),
            );
        }
        for w in doc.warnings.iter().take(3) {
            ui.label(
                RichText::new(format!(
                    "line {}: {}: {}",
                    w.location.line, w.field, w.message
                ))
                .color(ui.visuals().warn_fg_color),
            );
        }
        if doc.warnings.len() > 3 {
            ui.weak(format!(
                "and {} more warnings in the first rows",
                doc.warnings.len() - 3
            ));
        }
    }
}

/// The first `max` bytes of `text`, cut after a line break.
fn head(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end]
        .rfind('\n')
        .map_or(&text[..end], |i| &text[..=i])
}
