//! The source panel: the selected event's details and the passage of the
//! source it rests on, scrolled to and highlighting the quote.

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Align, Color32, FontId, RichText, ScrollArea, Ui};

use super::ChronoscopeApp;
use crate::model::{Document, Event, EventRef, Evidence};

/// Shows the panel on the right of the window.
pub fn show(ui: &mut Ui, app: &mut ChronoscopeApp) {
    let mut copy_citation = false;
    egui::Panel::right("source_panel")
        .resizable(true)
        .default_size(460.0)
        .min_size(280.0)
        .max_size(ui.available_width() * 0.6)
        .show(ui, |ui| {
            // Long links and values wrap, even inside a word, instead of
            // widening the panel over the timeline.
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
            ui.add_space(6.0);
            let Some(doc) = app.doc.as_ref() else {
                ui.weak("No file is open.");
                return;
            };
            match app.selected.and_then(|i| doc.event(i).map(|e| (i, e))) {
                None => {
                    ScrollArea::vertical()
                        .id_salt("overview")
                        .show(ui, |ui| empty_state(ui, doc));
                }
                Some((index, event)) => {
                    let mut tab = app.evidence_tab;
                    let scroll = std::mem::take(&mut app.scroll_to_quote);
                    let zone = app.settings.zone;
                    copy_citation = selected_event(ui, doc, index, &event, &mut tab, scroll, zone);
                    if tab != app.evidence_tab {
                        app.evidence_tab = tab;
                        app.scroll_to_quote = true;
                    }
                }
            }
        });
    if copy_citation {
        app.push(super::Command::CopyCitation);
    }
}

fn empty_state(ui: &mut Ui, doc: &Document) {
    ui.heading("No event selected");
    ui.label("Click an event on the timeline to read the passage of the source it rests on, or press the Right arrow key to select the first event.");
    ui.add_space(12.0);
    if let Some(title) = &doc.title {
        ui.strong(title);
    }
    if let Some(description) = &doc.description {
        ui.label(description);
    }
    let events = super::chrome::plural(doc.event_count(), "event", "events");
    ui.weak(match doc.source_count() {
        0 => events,
        n => format!(
            "{events} from {}",
            super::chrome::plural(n, "source", "sources")
        ),
    });
    if !doc.format.is_empty() {
        ui.weak(format!("Format: {}", doc.format));
    }
    if !doc.notes.is_empty() {
        ui.add_space(8.0);
        egui::CollapsingHeader::new("How the file was read")
            .default_open(true)
            .show(ui, |ui| {
                for note in &doc.notes {
                    ui.label(note);
                }
            });
    }
    warnings_list(ui, doc, None);
}

/// How many warnings the side panel lists.
const SHOWN: usize = 100;

/// Lists the document's warnings, or those of one event.
pub fn warnings_list(ui: &mut Ui, doc: &Document, event: Option<usize>) {
    let warnings: Vec<_> = doc
        .warnings
        .iter()
        .filter(|w| event.is_none() || w.event == event)
        .collect();
    if warnings.is_empty() {
        return;
    }
    ui.add_space(8.0);
    ui.label(
        RichText::new(super::chrome::plural(warnings.len(), "warning", "warnings"))
            .color(ui.visuals().warn_fg_color),
    );
    for w in warnings.iter().take(SHOWN) {
        ui.label(format!("line {}: {}: {}", w.location, w.field, w.message));
    }
    if warnings.len() > SHOWN {
        ui.weak(format!(
            "… and {} more (`chronoscope check FILE` lists them all)",
            warnings.len() - SHOWN
        ));
    }
}

/// The selected event's details and evidence; true when the user asked to
/// copy its citation.
fn selected_event(
    ui: &mut Ui,
    doc: &Document,
    index: usize,
    event: &EventRef<'_>,
    tab: &mut usize,
    scroll: bool,
    zone: crate::model::Zone,
) -> bool {
    ui.heading(&event.title);
    let copy = ui
        .small_button("Copy citation")
        .on_hover_text("Title, date, source and quote as plain text (Ctrl+Shift+C)")
        .clicked();
    ui.add_space(4.0);
    egui::Grid::new("event_details")
        .num_columns(2)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            field_name(ui, "Date");
            ui.label(event.date_human_in(zone));
            ui.end_row();
            field_name(ui, "As written");
            ui.label(format!("{} ({})", event.date_text(), precision_text(event)));
            ui.end_row();
            field_name(ui, "Resolved");
            ui.label(format!(
                "{} – {}",
                format_instant(event.t0()),
                format_instant(event.t1())
            ));
            ui.end_row();
            if let Some(category) = &event.category {
                field_name(ui, "Category");
                ui.label(category);
                ui.end_row();
            }
            if !event.tags.is_empty() {
                field_name(ui, "Tags");
                ui.label(event.tags.join(", "));
                ui.end_row();
            }
            if let Some(url) = &event.url {
                field_name(ui, "Link");
                ui.hyperlink(url);
                ui.end_row();
            }
            for (i, link) in event.links.iter().enumerate() {
                field_name(ui, if i == 0 { "Links" } else { "" });
                ui.hyperlink(link);
                ui.end_row();
            }
        });
    if !event.attributes.is_empty() {
        egui::CollapsingHeader::new(format!("Other fields ({})", event.attributes.len()))
            .id_salt(("attributes", index))
            .default_open(event.attributes.len() <= 12)
            .show(ui, |ui| {
                egui::Grid::new(("attributes_grid", index))
                    .num_columns(2)
                    .spacing([12.0, 2.0])
                    .show(ui, |ui| {
                        for (key, value) in &event.attributes {
                            field_name(ui, key);
                            ui.add(egui::Label::new(value).wrap());
                            ui.end_row();
                        }
                    });
            });
    }
    if let Some(summary) = &event.summary {
        ui.add_space(6.0);
        ui.label(summary);
    }
    warnings_list(ui, doc, Some(index));
    ui.separator();

    if event.evidence.is_empty() {
        ui.weak("This event cites no evidence.");
        return copy;
    }
    *tab = (*tab).min(event.evidence.len() - 1);
    if event.evidence.len() > 1 {
        ui.horizontal_wrapped(|ui| {
            ui.weak("Evidence:");
            for i in 0..event.evidence.len() {
                if ui
                    .selectable_label(*tab == i, format!("Quote {}", i + 1))
                    .clicked()
                {
                    *tab = i;
                }
            }
        });
    }
    let evidence = &event.evidence[*tab];
    let Some(source) = event.source(doc, evidence) else {
        return copy;
    };
    ui.strong(&source.title);
    let mut meta = Vec::new();
    if let Some(p) = &source.publisher {
        meta.push(p.clone());
    }
    if let Some(d) = &source.published {
        meta.push(format!("published {}", d.human()));
    }
    if !meta.is_empty() {
        ui.weak(meta.join(" · "));
    }
    if let Some(url) = &source.url {
        ui.hyperlink(url);
    }
    if let Some(note) = &evidence.note {
        ui.label(RichText::new(note).italics());
    }
    if evidence.location.is_none() && !evidence.quote.trim().is_empty() {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "This quote was not found in the source text: “{}”",
                evidence.quote
            ),
        );
    }
    ui.add_space(4.0);
    source_text(ui, &source.text, evidence, scroll, (index, *tab));
    copy
}

fn precision_text(event: &Event) -> String {
    let mut s = format!("{} precision", event.start.precision.name());
    if event.start.approximate {
        s.push_str(", approximate");
    }
    if event.start.uncertain {
        s.push_str(", uncertain");
    }
    if let Some(end) = &event.end {
        s.push_str("; end: ");
        s.push_str(end.precision.name());
        s.push_str(" precision");
    }
    s
}

/// An axis time as a UTC timestamp for the "Resolved" line.
#[must_use]
pub fn format_instant(t: f64) -> String {
    let secs = t.floor();
    if let Some(dt) = chrono::DateTime::from_timestamp(secs as i64, 0).filter(|_| secs.abs() < 1e15)
    {
        return dt.format("%Y-%m-%d %H:%M:%S UTC").to_string();
    }
    let days = (secs / 86_400.0).floor() as i64;
    let (y, m, d) = crate::calendar::civil_from_days(days);
    format!("{y}-{m:02}-{d:02}")
}

/// The full source text with the quote highlighted, scrolled to it once.
fn source_text(ui: &mut Ui, text: &str, evidence: &Evidence, scroll: bool, id: (usize, usize)) {
    let frame = egui::Frame::group(ui.style()).fill(ui.visuals().extreme_bg_color);
    frame.show(ui, |ui| {
        ScrollArea::vertical()
            .id_salt(("source_text", id))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let font = FontId::proportional(14.0);
                let normal = TextFormat {
                    font_id: font.clone(),
                    color: ui.visuals().text_color(),
                    ..TextFormat::default()
                };
                let highlight = TextFormat {
                    font_id: font,
                    color: Color32::BLACK,
                    background: Color32::from_rgb(255, 221, 87),
                    ..TextFormat::default()
                };
                let mut job = LayoutJob::default();
                job.wrap.max_width = ui.available_width();
                let range = evidence.location.clone().filter(|r| {
                    text.is_char_boundary(r.start)
                        && text.is_char_boundary(r.end)
                        && r.end <= text.len()
                });
                match &range {
                    Some(r) => {
                        job.append(&text[..r.start], 0.0, normal.clone());
                        job.append(&text[r.clone()], 0.0, highlight);
                        job.append(&text[r.end..], 0.0, normal);
                    }
                    None => job.append(text, 0.0, normal),
                }
                let galley = ui.fonts_mut(|f| f.layout_job(job));
                let response = ui.add(egui::Label::new(galley.clone()).selectable(true));
                if let (true, Some(r)) = (scroll, range) {
                    let start = CCursor::new(text[..r.start].chars().count());
                    let end = CCursor::new(text[..r.end].chars().count());
                    let rect = galley
                        .pos_from_cursor(start)
                        .union(galley.pos_from_cursor(end))
                        .translate(response.rect.min.to_vec2());
                    ui.scroll_to_rect(rect, Some(Align::Center));
                }
            });
    });
}

/// The name column of a details grid: never wrapped, so values wrap instead.
fn field_name(ui: &mut Ui, name: &str) {
    ui.add(egui::Label::new(RichText::new(name).weak()).extend());
}
