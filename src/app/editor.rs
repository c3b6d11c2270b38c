//! The event editor in the side panel: title, start and end typed as
//! dates with a live reading of what was typed, category, tags, summary,
//! links, and the evidence list. Each field is applied when the user
//! leaves it or presses Enter, as one undoable edit ([`Command::EditEvent`]);
//! what is being typed is kept in egui's memory until then, keyed by the
//! field's value, so an undo shows the value it brings back.

use egui::{RichText, Ui};

use super::Command;
use super::editing::Pending;
use crate::model::{Date, Document, Event, EventRef};

/// The editor on shown event `index`.
pub fn show(
    ui: &mut Ui,
    doc: &Document,
    index: usize,
    event: &EventRef<'_>,
    focus: u64,
    out: &mut Vec<Command>,
) {
    let base: &Event = event;
    let edit = |out: &mut Vec<Command>, event: Event| {
        out.push(Command::EditEvent {
            index,
            event: Box::new(event),
            label: "edit of",
        });
    };
    ui.horizontal(|ui| {
        ui.heading("Edit event");
        if ui
            .small_button("Done")
            .on_hover_text("Close the editor (Esc)")
            .clicked()
        {
            out.push(Command::OpenEditor(false));
        }
    });
    egui::Grid::new(("editor", &base.id))
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| fields(ui, doc, base, focus, &mut |e| edit(out, e)));
    evidence_list(ui, doc, base, out);
    ui.horizontal(|ui| {
        if ui.button("Duplicate").clicked() {
            out.push(Command::DuplicateSelected);
        }
        if ui.button("Delete event").on_hover_text("Delete").clicked() {
            out.push(Command::DeleteSelected);
        }
    });
}

/// The editor's fields; `edit` takes the event with a field changed.
fn fields(ui: &mut Ui, doc: &Document, base: &Event, focus: u64, edit: &mut dyn FnMut(Event)) {
    if let Some(title) = text_field(ui, "Title", &base.title, focus) {
        edit(Event {
            title,
            ..base.clone()
        });
    }
    ui.end_row();
    if let Some(DateEntry::Date(start)) = date_field(ui, "Start", Some(&base.start), true) {
        edit(Event {
            start,
            ..base.clone()
        });
    }
    ui.end_row();
    if let Some(entry) = date_field(ui, "End", base.end.as_ref(), false) {
        let end = match entry {
            DateEntry::Date(end) => Some(end),
            DateEntry::Cleared => None,
        };
        edit(Event {
            end,
            ..base.clone()
        });
    }
    ui.end_row();
    let category = base.category.clone().unwrap_or_default();
    if let Some(category) = category_field(ui, doc, &category) {
        let category = Some(category.trim().to_owned()).filter(|c| !c.is_empty());
        edit(Event {
            category,
            ..base.clone()
        });
    }
    ui.end_row();
    if let Some(tags) = text_field(ui, "Tags", &base.tags.join(", "), 0) {
        let tags = tags
            .split(',')
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        edit(Event {
            tags,
            ..base.clone()
        });
    }
    ui.end_row();
    let summary = base.summary.clone().unwrap_or_default();
    if let Some(summary) = multiline_field(ui, "Summary", &summary) {
        let summary = Some(summary.trim().to_owned()).filter(|s| !s.is_empty());
        edit(Event {
            summary,
            ..base.clone()
        });
    }
    ui.end_row();
    let links: Vec<&str> = base
        .url
        .iter()
        .chain(&base.links)
        .map(String::as_str)
        .collect();
    if let Some(links) = multiline_field(ui, "Links", &links.join("\n")) {
        let mut links: Vec<String> = links
            .lines()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect();
        let url = (!links.is_empty()).then(|| links.remove(0));
        edit(Event {
            url,
            links,
            ..base.clone()
        });
    }
    ui.end_row();
}

/// The event's quotes: found in their source or not, each removable; the
/// selected passage added as another.
fn evidence_list(ui: &mut Ui, doc: &Document, event: &Event, out: &mut Vec<Command>) {
    ui.add_space(4.0);
    ui.strong("Evidence");
    for (i, ev) in event.evidence.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            let found = ev.location.is_some() || ev.quote.trim().is_empty();
            let mark = if found { "found:" } else { "not found:" };
            ui.weak(mark);
            let source = doc.sources.get(ev.source).map_or("", |s| s.title.as_str());
            let quote: String = ev.quote.chars().take(90).collect();
            ui.label(format!("“{quote}” — {source}"));
            if ui
                .small_button("Remove")
                .on_hover_text("Remove this quote")
                .clicked()
            {
                out.push(Command::RemoveQuote(i));
            }
        });
    }
    if event.evidence.is_empty() {
        ui.weak("No quote yet.");
    }
    if ui
        .small_button("Add the selected passage as a quote")
        .on_hover_text("Select a passage in the source text below first")
        .clicked()
    {
        out.push(Command::AddQuote);
    }
}

/// The event made from a passage without a date: it waits for one.
pub fn pending(ui: &mut Ui, doc: &Document, pending: &Pending, focus: u64, out: &mut Vec<Command>) {
    let event = &pending.event;
    ui.heading("New event");
    ui.colored_label(
        ui.visuals().warn_fg_color,
        "No date was found in the passage: type when it happened to place the event.",
    );
    let mut placed = None;
    let mut title = event.title.clone();
    egui::Grid::new("pending_editor")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            if let Some(t) = text_field(ui, "Title", &event.title, focus) {
                title = t;
            }
            ui.end_row();
            if let Some(DateEntry::Date(start)) = date_field(ui, "Start", None, true) {
                placed = Some(start);
            }
            ui.end_row();
        });
    // The title typed so far is kept in memory by its field; read it.
    let typed = ui.data(|d| d.get_temp::<String>(field_id("Title", &event.title)));
    if let Some(start) = placed {
        let title = typed.filter(|t| !t.trim().is_empty()).unwrap_or(title);
        out.push(Command::PlacePending(Box::new(Event {
            title,
            start,
            ..(**event).clone()
        })));
    }
    if ui
        .button("Discard")
        .on_hover_text("Forget this event")
        .clicked()
    {
        out.push(Command::DiscardPending);
    }
    if let Some(ev) = event.evidence.first()
        && let Some(source) = doc.sources.get(ev.source)
    {
        ui.separator();
        ui.strong(&source.title);
        let view = super::source_panel::TextView {
            source: ev.source,
            text: &source.text,
            quote: ev.location.clone(),
            passage: None,
            scroll: false,
            event_selected: false,
            id: (usize::MAX - 1, ev.source),
            timexes: None,
        };
        super::source_panel::source_text(ui, &view, out);
    }
}

/// Where a focused field of the editor tells whether its text is still
/// the value it shows (so that Ctrl+Z undoes the last step, not typing).
#[must_use]
pub fn unchanged_id() -> egui::Id {
    egui::Id::unique("editor_field_unchanged")
}

/// Tells the app, while `response`'s field has the focus, whether its text
/// is `unchanged`.
pub fn note_focus(ui: &Ui, response: &egui::Response, unchanged: bool) {
    if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(unchanged_id(), unchanged));
    }
}

/// The memory id of a field showing `value`.
fn field_id(name: &str, value: &str) -> egui::Id {
    egui::Id::unique(("editor_field", name, value))
}

/// A one-line field showing `value`: the text typed when the user leaves
/// it or presses Enter and it differs. Takes the focus when `focus` is a
/// request not yet served.
fn text_field(ui: &mut Ui, name: &str, value: &str, focus: u64) -> Option<String> {
    let (response, text) = line_field(ui, name, value, field_id(name, value));
    if focus > 0 {
        let served = egui::Id::unique("editor_focus_served");
        if ui.data(|d| d.get_temp::<u64>(served)) != Some(focus) {
            ui.data_mut(|d| d.insert_temp(served, focus));
            response.request_focus();
        }
    }
    let done = response.lost_focus() && text != value;
    done.then(|| text.trim().to_owned())
        .filter(|t| !t.is_empty())
}

/// A labelled one-line field showing `value`, what is typed in it kept in
/// egui's memory at `id` until it is applied: its response and text.
pub fn line_field(ui: &mut Ui, name: &str, value: &str, id: egui::Id) -> (egui::Response, String) {
    let label = ui.add(egui::Label::new(name).extend());
    let mut text = ui
        .data(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| value.to_owned());
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut text)
                .id(id.with("edit"))
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    ui.data_mut(|d| d.insert_temp(id, text.clone()));
    note_focus(ui, &response, text == value);
    (response, text)
}

/// A multi-line field; its text when left and changed.
fn multiline_field(ui: &mut Ui, name: &str, value: &str) -> Option<String> {
    let label = ui.add(egui::Label::new(name).extend());
    let id = field_id(name, value);
    let mut text = ui
        .data(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| value.to_owned());
    let response = ui
        .add(
            egui::TextEdit::multiline(&mut text)
                .id(id.with("edit"))
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    ui.data_mut(|d| d.insert_temp(id, text.clone()));
    note_focus(ui, &response, text == value);
    (response.lost_focus() && text != value).then_some(text)
}

/// The category: typed, or one of the document's picked from the list.
fn category_field(ui: &mut Ui, doc: &Document, value: &str) -> Option<String> {
    let label = ui.add(egui::Label::new("Category").extend());
    let id = field_id("Category", value);
    let mut text = ui
        .data(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| value.to_owned());
    let mut picked = None;
    let response = ui
        .horizontal(|ui| {
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut text)
                        .id(id.with("edit"))
                        .desired_width(160.0),
                )
                .labelled_by(label.id);
            ui.menu_button("Choose", |ui| {
                for lane in doc.lanes() {
                    if lane != crate::model::UNCATEGORISED && ui.button(lane).clicked() {
                        picked = Some(lane.clone());
                        ui.close();
                    }
                }
            });
            r
        })
        .inner;
    ui.data_mut(|d| d.insert_temp(id, text.clone()));
    note_focus(ui, &response, text == value);
    picked.or_else(|| (response.lost_focus() && text != value).then_some(text))
}

/// What a date field was left with.
enum DateEntry {
    Date(Date),
    /// An optional date emptied.
    Cleared,
}

/// A date field showing `value` as written, with a reading of what is
/// typed below it ("June 2024 — a month") or what cannot be read; what it
/// was left with when that is readable and differs from `value`.
fn date_field(ui: &mut Ui, name: &str, value: Option<&Date>, required: bool) -> Option<DateEntry> {
    let written = value.map(ToString::to_string).unwrap_or_default();
    let label = ui.add(egui::Label::new(name).extend());
    let id = field_id(name, &written);
    let mut text = ui
        .data(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| written.clone());
    let mut result = None;
    ui.vertical(|ui| {
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut text)
                    .id(id.with("edit"))
                    .hint_text(if required {
                        "2024-10-16, 2024-06, 500 BCE…"
                    } else {
                        "none"
                    })
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        let typed = text.trim();
        let reading = if typed.is_empty() {
            Ok(None)
        } else {
            Date::parse(&bce(typed)).map(Some)
        };
        match &reading {
            Ok(Some(date)) => {
                ui.weak(format!("{} — {}", date.human(), precision_words(date)));
            }
            Ok(None) if required => {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "A date is needed to place the event.",
                );
            }
            Ok(None) => {}
            Err(e) => {
                let at = unreadable_from(&bce(typed));
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    RichText::new(format!("at character {at}: {}", e.reason)).small(),
                );
            }
        }
        note_focus(ui, &response, typed == written);
        let left = response.lost_focus() && typed != written;
        if left {
            result = match reading {
                Ok(Some(date)) => Some(DateEntry::Date(date)),
                Ok(None) if !required => Some(DateEntry::Cleared),
                _ => None,
            };
        }
    });
    ui.data_mut(|d| d.insert_temp(id, text));
    result
}

/// Where a date that cannot be read goes wrong: the character (from 1)
/// after the longest start of it that reads as a date.
fn unreadable_from(text: &str) -> usize {
    let good = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .rev()
        .find(|&end| end > 0 && Date::parse(&text[..end]).is_ok())
        .unwrap_or(0);
    text[..good].chars().count() + 1
}

/// "500 BCE" → "-0499" (astronomical years), other text as it is.
fn bce(text: &str) -> String {
    let upper = text.to_uppercase();
    let number = upper
        .strip_suffix("BCE")
        .or_else(|| upper.strip_suffix("BC"))
        .map(str::trim)
        .and_then(|n| n.parse::<i64>().ok());
    match number {
        Some(n) if n > 0 => format!("-{:04}", n - 1),
        _ => text.to_owned(),
    }
}

/// "a day", "a month, approximate".
fn precision_words(date: &Date) -> String {
    let mut s = format!("a {}", date.precision.name());
    if date.approximate {
        s.push_str(", approximate");
    }
    if date.uncertain {
        s.push_str(", uncertain");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unreadable_date_is_located_after_its_longest_readable_start() {
        assert_eq!(unreadable_from("2024-13"), 5);
        assert_eq!(unreadable_from("2024-06-31"), 8);
        assert_eq!(unreadable_from("June"), 1);
    }

    #[test]
    fn years_before_the_common_era_are_read_as_astronomical_years() {
        assert_eq!(bce("500 BCE"), "-0499");
        assert_eq!(bce("1 BC"), "-0000");
        assert_eq!(bce("2024-06"), "2024-06");
    }
}
