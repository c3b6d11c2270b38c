//! The source panel: the selected event's details and the passage of the
//! source it rests on, scrolled to and highlighting the quote.

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Align, Color32, FontId, RichText, ScrollArea, Ui};

use super::Command;
use super::selection::Selection;
use crate::formats::common::plural;
use crate::model::{Document, Event, EventRef, Evidence, Zone};

/// Shows the panel on the right of the window: the selected event of
/// `doc`, its times in `zone`.
pub fn show(
    ui: &mut Ui,
    doc: Option<&Document>,
    selection: &Selection,
    zone: Zone,
    out: &mut Vec<Command>,
) {
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
            let Some(doc) = doc else {
                ui.weak("No file is open.");
                return;
            };
            match selection.index.and_then(|i| doc.event(i).map(|e| (i, e))) {
                None => {
                    ScrollArea::vertical()
                        .id_salt("overview")
                        .show(ui, |ui| empty_state(ui, doc));
                }
                Some((index, event)) => {
                    let shown = Shown {
                        index,
                        tab: selection.evidence_tab,
                        scroll: scroll_once(ui, selection.quote_scrolls),
                        zone,
                    };
                    selected_event(ui, doc, &event, shown, out);
                }
            }
        });
}

/// Whether to scroll to the quote: once for each request
/// ([`Selection::quote_scrolls`]), remembered by the panel.
fn scroll_once(ui: &Ui, requests: u64) -> bool {
    let id = egui::Id::unique("source_panel_scrolled_for");
    let seen = ui.data(|d| d.get_temp::<u64>(id));
    ui.data_mut(|d| d.insert_temp(id, requests));
    seen != Some(requests)
}

/// How the selected event is shown.
#[derive(Clone, Copy)]
struct Shown {
    /// Its index in the document.
    index: usize,
    /// The evidence item shown.
    tab: usize,
    /// Scroll to the quote this frame.
    scroll: bool,
    zone: Zone,
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
    let events = plural(doc.event_count(), "event", "events");
    ui.weak(match doc.source_count() {
        0 => events,
        n => format!("{events} from {}", plural(n, "source", "sources")),
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
        RichText::new(plural(warnings.len(), "warning", "warnings"))
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

/// The selected event's details and evidence.
fn selected_event(
    ui: &mut Ui,
    doc: &Document,
    event: &EventRef<'_>,
    shown: Shown,
    out: &mut Vec<Command>,
) {
    ui.heading(&event.title);
    if ui
        .small_button("Copy citation")
        .on_hover_text("Title, date, source and quote as plain text (Ctrl+Shift+C)")
        .clicked()
    {
        out.push(Command::CopyCitation);
    }
    ui.add_space(4.0);
    details(ui, event, shown.zone);
    attributes(ui, event, shown.index);
    if let Some(summary) = &event.summary {
        ui.add_space(6.0);
        ui.label(summary);
    }
    warnings_list(ui, doc, Some(shown.index));
    ui.separator();
    evidence(ui, doc, event, shown, out);
}

/// The event's dates, category, tags and links.
fn details(ui: &mut Ui, event: &EventRef<'_>, zone: Zone) {
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
}

/// The event's other fields (imported columns).
fn attributes(ui: &mut Ui, event: &EventRef<'_>, index: usize) {
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
}

/// The evidence item shown (with tabs for the others): its source and
/// the source's text, scrolled to the quote.
fn evidence(
    ui: &mut Ui,
    doc: &Document,
    event: &EventRef<'_>,
    shown: Shown,
    out: &mut Vec<Command>,
) {
    if event.evidence.is_empty() {
        ui.weak("This event cites no evidence.");
        return;
    }
    let tab = shown.tab.min(event.evidence.len() - 1);
    if event.evidence.len() > 1 {
        ui.horizontal_wrapped(|ui| {
            ui.weak("Evidence:");
            for i in 0..event.evidence.len() {
                if ui
                    .selectable_label(tab == i, format!("Quote {}", i + 1))
                    .clicked()
                {
                    out.push(Command::ShowEvidence(i));
                }
            }
        });
    }
    let evidence = &event.evidence[tab];
    let Some(source) = event.source(doc, evidence) else {
        return;
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
    source_text(ui, &source.text, evidence, shown.scroll, (shown.index, tab));
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
