//! The source panel: the selected event's details and the passage of the
//! source it rests on, scrolled to and highlighting the quote.

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Align, Color32, FontId, RichText, ScrollArea, Ui};

use super::editing::Passage;
use super::{ChronoscopeApp, Command};
use crate::formats::common::plural;
use crate::model::{Document, Event, EventRef, Evidence, Zone};

/// Shows the panel on the right of the window: the selected event of the
/// shown document (or the editor on it, or the event waiting for a
/// date), else the source picked, else the chronology's overview.
pub fn show(ui: &mut Ui, app: &ChronoscopeApp, out: &mut Vec<Command>) {
    let doc = app.doc().map(AsRef::as_ref);
    let selection = &app.selection;
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
            if let Some(pending) = &app.panels.pending {
                super::editor::pending(ui, doc, pending, app.panels.focus_title, out);
                return;
            }
            if let Some((drafts, n, text)) = selected_draft(app) {
                ScrollArea::vertical().id_salt("draft").show(ui, |ui| {
                    super::drafts_panel::selected(ui, drafts, n, text, out);
                });
                return;
            }
            match selection.index.and_then(|i| doc.event(i).map(|e| (i, e))) {
                None => match selection.source.filter(|&s| s < doc.sources.len()) {
                    Some(source) => {
                        if ui.small_button("Back to the overview").clicked() {
                            out.push(Command::ShowSource(None));
                        }
                        drafting(ui, app, source, out);
                        source_view(ui, doc, source, selection.passage.as_ref(), out);
                    }
                    None => {
                        ScrollArea::vertical().id_salt("overview").show(ui, |ui| {
                            if let Some(drafts) = &app.layers.drafts {
                                super::drafts_panel::list(ui, drafts, out);
                            }
                            empty_state(ui, doc, out);
                        });
                    }
                },
                Some((index, event)) => {
                    let shown = Shown {
                        index,
                        tab: selection.evidence_tab,
                        scroll: scroll_once(ui, selection.quote_scrolls),
                        zone: app.settings.zone,
                        passage: selection.passage.as_ref(),
                        editing: app.panels.editor,
                        focus_title: app.panels.focus_title,
                    };
                    selected_event(ui, doc, &event, shown, out);
                }
            }
        });
}

/// The selected event when it is a draft: the drafts, its proposal and its
/// source's text.
fn selected_draft(app: &ChronoscopeApp) -> Option<(&super::drafts::Drafts, usize, &str)> {
    let i = app.selection.index?;
    let drafts = app.layers.drafts.as_ref()?;
    if app.layers.layer_of(i) != app.layers.drafts_layer() {
        return None;
    }
    let n = super::drafts::Drafts::proposal_of(&app.doc()?.event(i)?.id)?;
    let text = &app
        .layers
        .files
        .get(drafts.layer)?
        .doc
        .sources
        .get(drafts.source)?
        .text;
    Some((drafts, n, text.as_str()))
}

/// Drafting the shown source's events: the button, the choice to draft
/// every new source, and the drafts waiting when they are this source's.
fn drafting(ui: &mut Ui, app: &ChronoscopeApp, source: usize, out: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Draft events")
            .on_hover_text("Propose an event for each sentence holding a date the text resolves")
            .clicked()
        {
            out.push(Command::DraftEvents(source));
        }
        let mut auto = app.settings.draft_new_sources;
        if ui.checkbox(&mut auto, "for every source added").changed() {
            out.push(Command::SetDraftNewSources(auto));
        }
    });
    let mine = app
        .layers
        .drafts
        .as_ref()
        .filter(|d| app.layers.shown_source(d.layer, d.source) == Some(source));
    if let Some(drafts) = mine {
        super::drafts_panel::list(ui, drafts, out);
        ui.separator();
    }
}

/// A source shown without an event: its properties and its text, whose
/// passages can be made events.
fn source_view(
    ui: &mut Ui,
    doc: &Document,
    index: usize,
    passage: Option<&Passage>,
    out: &mut Vec<Command>,
) {
    let Some(source) = doc.sources.get(index) else {
        return;
    };
    super::source_form::show(ui, doc, index, out);
    ui.weak("Select a passage, then New event from selection (Ctrl+E).");
    ui.add_space(4.0);
    let view = TextView {
        source: index,
        text: &source.text,
        quote: None,
        passage: passage.filter(|p| p.source == index),
        scroll: false,
        event_selected: false,
        id: (usize::MAX, index),
        timexes: timexes_of(ui, &source.text, source.published.as_ref()),
    };
    source_text(ui, &view, out);
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
struct Shown<'a> {
    /// Its index in the document.
    index: usize,
    /// The evidence item shown.
    tab: usize,
    /// Scroll to the quote this frame.
    scroll: bool,
    zone: Zone,
    /// The passage selected in the source text.
    passage: Option<&'a Passage>,
    /// The editor is open on it.
    editing: bool,
    /// The editor's request for the focus in its title.
    focus_title: u64,
}

impl Shown<'_> {
    /// The source `evidence` cites as an index of the shown document's
    /// sources (a table row's own text is none of them: `usize::MAX`).
    fn source_index(doc: &Document, evidence: &Evidence) -> usize {
        if evidence.source < doc.sources.len() {
            evidence.source
        } else {
            usize::MAX
        }
    }
}

fn empty_state(ui: &mut Ui, doc: &Document, out: &mut Vec<Command>) {
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
    sources_list(ui, doc, out);
    warnings_list(ui, doc, None);
}

/// The chronology's sources, each opened in the panel by a click.
fn sources_list(ui: &mut Ui, doc: &Document, out: &mut Vec<Command>) {
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        ui.strong(plural(doc.sources.len(), "source", "sources"));
        if ui.small_button("Add source…").clicked() {
            out.push(Command::AddSourceDialog);
        }
        if ui.small_button("Paste as new source").clicked() {
            out.push(Command::PasteSource);
        }
    });
    for (i, source) in doc.sources.iter().enumerate().take(SHOWN) {
        let mut line = source.title.clone();
        if let Some(d) = &source.published {
            line = format!("{line} ({})", d.human());
        }
        if ui
            .link(line)
            .on_hover_text("Read it and make events of its passages")
            .clicked()
        {
            out.push(Command::ShowSource(Some(i)));
        }
    }
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
    shown: Shown<'_>,
    out: &mut Vec<Command>,
) {
    if shown.editing {
        super::editor::show(ui, doc, shown.index, event, shown.focus_title, out);
        ui.separator();
        evidence(ui, doc, event, shown, out);
        return;
    }
    ui.heading(&event.title);
    ui.horizontal(|ui| {
        if ui
            .small_button("Edit")
            .on_hover_text("Edit the event (Enter, or double-click it)")
            .clicked()
        {
            out.push(Command::OpenEditor(true));
        }
        if ui
            .small_button("Copy citation")
            .on_hover_text("Title, date, source and quote as plain text (Ctrl+Shift+C)")
            .clicked()
        {
            out.push(Command::CopyCitation);
        }
    });
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
            if let Some(place) = &event.place {
                field_name(ui, "Place");
                ui.label(place.describe());
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
    shown: Shown<'_>,
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
    let view = TextView {
        source: Shown::source_index(doc, evidence),
        text: &source.text,
        quote: evidence.location.clone(),
        passage: shown.passage,
        scroll: shown.scroll,
        event_selected: true,
        id: (shown.index, tab),
        timexes: timexes_of(ui, &source.text, source.published.as_ref()),
    };
    source_text(ui, &view, out);
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

/// How a source's text is shown: which source (of the shown document),
/// what to highlight, the passage selected, and where to scroll.
pub struct TextView<'a> {
    pub source: usize,
    pub text: &'a str,
    /// The quote to highlight (a byte range).
    pub quote: Option<std::ops::Range<usize>>,
    /// The passage selected now (this source's).
    pub passage: Option<&'a Passage>,
    /// Scroll to the quote this frame.
    pub scroll: bool,
    /// Whether an event is selected (its quote can be added to).
    pub event_selected: bool,
    pub id: (usize, usize),
    /// The temporal expressions of the text, underlined, their reading
    /// told on hover.
    pub timexes: Option<std::sync::Arc<Vec<crate::timex::Timex>>>,
}

/// Texts longer than this are not read for dates as they are shown.
const TAGGED_BYTES: usize = 4 << 20;

/// The temporal expressions of `text` published `published`, read once and
/// kept in egui's memory while the text is shown.
#[must_use]
pub fn timexes_of(
    ui: &Ui,
    text: &str,
    published: Option<&crate::model::Date>,
) -> Option<std::sync::Arc<Vec<crate::timex::Timex>>> {
    if text.len() > TAGGED_BYTES {
        return None;
    }
    let key = egui::Id::unique((
        "timexes",
        text.as_ptr() as usize,
        text.len(),
        published.map(ToString::to_string),
    ));
    let options = crate::timex::Options {
        published: published.cloned(),
        ..crate::timex::Options::default()
    };
    Some(ui.data_mut(|d| {
        d.get_temp_mut_or_insert_with(key, || {
            std::sync::Arc::new(crate::timex::tag(text, &options))
        })
        .clone()
    }))
}

/// The full source text, its quote highlighted and scrolled to once; its
/// text can be selected, and the passage selected made an event.
pub fn source_text(ui: &mut Ui, view: &TextView<'_>, out: &mut Vec<Command>) {
    let frame = egui::Frame::group(ui.style()).fill(ui.visuals().extreme_bg_color);
    frame.show(ui, |ui| {
        ScrollArea::vertical()
            .id_salt(("source_text", view.id))
            .auto_shrink([false, false])
            .show(ui, |ui| text_area(ui, view, out));
    });
}

fn text_area(ui: &mut Ui, view: &TextView<'_>, out: &mut Vec<Command>) {
    let text = view.text;
    let range = view.quote.clone().filter(|r| {
        r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end)
    });
    let normal = TextFormat {
        font_id: FontId::proportional(14.0),
        color: ui.visuals().text_color(),
        ..TextFormat::default()
    };
    let highlight = TextFormat {
        color: Color32::BLACK,
        background: Color32::from_rgb(255, 221, 87),
        ..normal.clone()
    };
    let underline = egui::Stroke::new(1.0, ui.visuals().hyperlink_color);
    let spans: Vec<std::ops::Range<usize>> = view
        .timexes
        .as_ref()
        .map(|t| t.iter().map(|t| t.span.clone()).collect())
        .unwrap_or_default();
    let mut layouter = |ui: &Ui, _buf: &dyn egui::TextBuffer, wrap: f32| {
        let mut job = LayoutJob::default();
        job.wrap.max_width = wrap;
        for (part, quoted, dated) in segments(text, range.as_ref(), &spans) {
            let mut format = if quoted {
                highlight.clone()
            } else {
                normal.clone()
            };
            if dated {
                format.underline = underline;
            }
            job.append(part, 0.0, format);
        }
        ui.fonts_mut(|f| f.layout_job(job))
    };
    let mut shown: &str = text;
    let output = egui::TextEdit::multiline(&mut shown)
        .id_salt(("source_text_edit", view.source))
        .desired_width(f32::INFINITY)
        .frame(egui::Frame::NONE)
        .layouter(&mut layouter)
        .show(ui);
    // The selection, as a byte range, told to the app when it changes.
    let selected = output.cursor_range.and_then(|c| {
        let chars = c.as_sorted_char_range();
        let start = byte_of(text, chars.start.0);
        let end = byte_of(text, chars.end.0);
        (end > start).then_some(Passage {
            source: view.source,
            range: start..end,
        })
    });
    if selected.as_ref() != view.passage && (selected.is_some() || output.response.clicked()) {
        out.push(Command::SelectPassage(selected.clone()));
    }
    passage_menu(&output.response, view, out);
    hover_reading(ui, &output, view);
    if let Some(passage) = view.passage {
        selection_button(ui, &output, text, passage, view.event_selected, out);
    }
    if let (true, Some(r)) = (view.scroll, range) {
        let start = CCursor::new(text[..r.start].chars().count());
        let end = CCursor::new(text[..r.end].chars().count());
        let rect = output
            .galley
            .pos_from_cursor(start)
            .union(output.galley.pos_from_cursor(end))
            .translate(output.galley_pos.to_vec2());
        ui.scroll_to_rect(rect, Some(Align::Center));
    }
}

/// The text cut where the quote and the temporal expressions start and
/// end: (part, in the quote, in an expression).
fn segments<'t>(
    text: &'t str,
    quote: Option<&std::ops::Range<usize>>,
    spans: &[std::ops::Range<usize>],
) -> Vec<(&'t str, bool, bool)> {
    let mut cuts: Vec<usize> = vec![0, text.len()];
    cuts.extend(quote.iter().flat_map(|r| [r.start, r.end]));
    cuts.extend(spans.iter().flat_map(|r| [r.start, r.end]));
    cuts.retain(|&c| c <= text.len() && text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    let mut next_span = 0;
    cuts.windows(2)
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            while spans.get(next_span).is_some_and(|s| s.end <= a) {
                next_span += 1;
            }
            let quoted = quote.is_some_and(|q| q.start <= a && b <= q.end);
            let dated = spans
                .get(next_span)
                .is_some_and(|s| s.start <= a && b <= s.end);
            (&text[a..b], quoted, dated)
        })
        .collect()
}

/// Over an underlined expression, what it was read as and against what.
fn hover_reading(ui: &Ui, output: &egui::text_edit::TextEditOutput, view: &TextView<'_>) {
    let (Some(timexes), Some(pointer)) = (&view.timexes, output.response.hover_pos()) else {
        return;
    };
    let cursor = output.galley.cursor_from_pos(pointer - output.galley_pos);
    let at = byte_of(view.text, cursor.index.0);
    let Some(timex) = timexes
        .iter()
        .find(|t| t.span.start <= at && at < t.span.end)
    else {
        return;
    };
    let written = view.text.get(timex.span.clone()).unwrap_or_default();
    let mut reading = format!("“{written}” reads as {}", timex.describe());
    if let Some(anchor) = super::drafts_panel::anchor_words(timex) {
        reading = format!("{reading}\n{anchor}");
    }
    let _ = ui;
    let response: egui::Response = (*output.response).clone();
    let _ = response.on_hover_text_at_pointer(reading);
}

/// The text's context menu: the selected passage made an event, or added
/// as a quote of the selected event.
fn passage_menu(response: &egui::Response, view: &TextView<'_>, out: &mut Vec<Command>) {
    response.context_menu(|ui| {
        let enabled = view.passage.is_some();
        if ui
            .add_enabled(
                enabled,
                egui::Button::new("New event from selection").shortcut_text("Ctrl+E"),
            )
            .clicked()
        {
            out.push(Command::NewEventFromSelection);
            ui.close();
        }
        if ui
            .add_enabled(
                enabled && view.event_selected,
                egui::Button::new("Add as a quote of the selected event"),
            )
            .clicked()
        {
            out.push(Command::AddQuote);
            ui.close();
        }
    });
}

/// The buttons by the selected passage: make an event of it, or add it as
/// a quote of the selected event.
fn selection_button(
    ui: &Ui,
    output: &egui::text_edit::TextEditOutput,
    text: &str,
    passage: &Passage,
    event_selected: bool,
    out: &mut Vec<Command>,
) {
    let end = CCursor::new(text[..passage.range.end.min(text.len())].chars().count());
    let at = output
        .galley
        .pos_from_cursor(end)
        .translate(output.galley_pos.to_vec2());
    if !ui.clip_rect().contains(at.left_bottom()) {
        return;
    }
    egui::Area::new(ui.scope_id().with("selection_button"))
        .order(egui::Order::Foreground)
        .fixed_pos(at.left_bottom() + egui::vec2(0.0, 4.0))
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    if ui
                        .button("New event from selection")
                        .on_hover_text("Ctrl+E: an event whose evidence is this passage")
                        .clicked()
                    {
                        out.push(Command::NewEventFromSelection);
                    }
                    if event_selected && ui.button("Add as a quote").clicked() {
                        out.push(Command::AddQuote);
                    }
                });
            });
        });
}

/// The byte offset of character `chars` of `text` (its end past the last).
fn byte_of(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(b, _)| b)
}

/// The name column of a details grid: never wrapped, so values wrap instead.
fn field_name(ui: &mut Ui, name: &str) {
    ui.add(egui::Label::new(RichText::new(name).weak()).extend());
}
