//! A source's properties in the side panel: title, publisher, author,
//! publication date and URL, each applied when the user leaves the field
//! ([`Command::EditSource`], one undoable step). The publication date is
//! what relative dates in the text ("last week") refer to.

use egui::Ui;

use super::Command;
use crate::model::{Date, Document, Source};

/// The form of shown source `index`.
pub fn show(ui: &mut Ui, doc: &Document, index: usize, out: &mut Vec<Command>) {
    let Some(source) = doc.sources.get(index) else {
        return;
    };
    let mut changed = None;
    egui::Grid::new(("source_form", index))
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| changed = fields(ui, source));
    if let Some(changed) = changed {
        out.push(Command::EditSource(index, Box::new(changed)));
    }
}

/// The form's fields: the source with the field left changed, if any.
fn fields(ui: &mut Ui, source: &Source) -> Option<Source> {
    let mut changed = None;
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    if let Some(title) = field(ui, "Source title", &source.title) {
        changed = Some(Source {
            title,
            ..source.clone()
        });
    }
    ui.end_row();
    if let Some(p) = field(ui, "Publisher", &text(&source.publisher)) {
        changed = Some(Source {
            publisher: non_empty(&p),
            ..source.clone()
        });
    }
    ui.end_row();
    if let Some(a) = field(ui, "Author", &text(&source.author)) {
        changed = Some(Source {
            author: non_empty(&a),
            ..source.clone()
        });
    }
    ui.end_row();
    if let Some(published) = published_field(ui, source) {
        changed = Some(Source {
            published,
            ..source.clone()
        });
    }
    if let Some(u) = field(ui, "URL", &text(&source.url)) {
        changed = Some(Source {
            url: non_empty(&u),
            ..source.clone()
        });
    }
    ui.end_row();
    changed
}

/// The publication date and what it reads as; the date it was left with
/// (`Some(None)`: emptied), when readable and changed.
#[allow(clippy::option_option)] // none typed, cleared, or a date
fn published_field(ui: &mut Ui, source: &Source) -> Option<Option<Date>> {
    let written = source
        .published
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    let left = field(ui, "Published", &written);
    ui.end_row();
    ui.label("");
    ui.weak(published_reading(ui, &written));
    ui.end_row();
    match left?.trim() {
        "" => Some(None),
        typed => Date::parse(typed).ok().map(Some),
    }
}

/// What the publication date being typed reads as.
fn published_reading(ui: &Ui, written: &str) -> String {
    let id = egui::Id::unique(("source_field", "Published", written));
    let typed = ui
        .data(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| written.to_owned());
    match typed.trim() {
        "" => "No publication date: relative dates cannot be resolved.".to_owned(),
        text => match Date::parse(text) {
            Ok(d) => format!("{}: relative dates refer to it", d.human()),
            Err(e) => e.to_string(),
        },
    }
}

fn non_empty(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// A one-line field showing `value`; the text when left changed.
fn field(ui: &mut Ui, name: &str, value: &str) -> Option<String> {
    let id = egui::Id::unique(("source_field", name, value));
    let (response, text) = super::editor::line_field(ui, name, value, id);
    (response.lost_focus() && text != value).then_some(text)
}
