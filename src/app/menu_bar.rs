//! The menu bar: File, Edit, View and Help. It reads the app and pushes
//! [`Command`]s; the shortcut shown beside an item comes from the one
//! table of shortcuts ([`super::shortcuts`]).

use egui::{Button, Ui};

use super::shortcuts::text_for;
use super::timeline::KEY_ZOOM;
use super::{ChronoscopeApp, Command, Theme};
use crate::facets::Facet;
use crate::model::Zone;

/// A menu item giving `command`, with its shortcut beside it.
fn item(text: &str, command: &Command) -> Button<'static> {
    Button::new(text.to_owned()).shortcut_text(text_for(command))
}

/// Draws the menu bar at the top of the window.
pub fn show(ui: &mut Ui, app: &ChronoscopeApp, out: &mut Vec<Command>) {
    egui::Panel::top("menu_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| file_menu(ui, app, out));
            ui.menu_button("Edit", |ui| edit_menu(ui, app, out));
            ui.menu_button("View", |ui| view_menu(ui, app, out));
            ui.menu_button("Help", |ui| {
                if ui.button("Keyboard shortcuts").clicked() {
                    out.push(Command::ShowShortcuts(true));
                }
                if ui.button("About Chronoscope").clicked() {
                    out.push(Command::ShowAbout(true));
                }
            });
        });
    });
}

fn file_menu(ui: &mut Ui, app: &ChronoscopeApp, out: &mut Vec<Command>) {
    if ui
        .add(item("New chronology", &Command::NewChronology))
        .clicked()
    {
        out.push(Command::NewChronology);
    }
    if ui.add(item("Open…", &Command::OpenDialog)).clicked() {
        out.push(Command::OpenDialog);
    }
    let recent = &app.settings.recent;
    ui.add_enabled_ui(!recent.is_empty(), |ui| {
        ui.menu_button("Open recent", |ui| {
            for path in recent {
                if ui.button(path.display().to_string()).clicked() {
                    out.push(Command::Open(path.clone()));
                }
            }
            ui.separator();
            if ui.button("Clear recent files").clicked() {
                out.push(Command::ClearRecent);
            }
        });
    });
    if ui
        .button("Add source…")
        .on_hover_text("A text (.txt, .md) or a page saved from a browser (.html), to make events of its passages")
        .clicked()
    {
        out.push(Command::AddSourceDialog);
    }
    ui.separator();
    let dirty = !app.dirty_layers().is_empty();
    if ui
        .add_enabled(
            !app.layers.files.is_empty(),
            item(if dirty { "Save •" } else { "Save" }, &Command::Save),
        )
        .on_hover_text(
            "Save the chronology; a file of another format is saved under a new .json name",
        )
        .clicked()
    {
        out.push(Command::Save);
    }
    let can_save = app.doc().is_some_and(|d| d.event_count() > 0);
    if ui
        .add_enabled(can_save, item("Save as…", &Command::SaveAsDialog))
        .on_hover_text("Save what is shown as a Chronoscope event file")
        .clicked()
    {
        out.push(Command::SaveAsDialog);
    }
    ui.add_enabled_ui(can_save, |ui| {
        ui.menu_button("Export", |ui| {
            export_menu(ui, app.panels.map.is_some(), out);
        });
    });
    let can_reload = app.layers.files.iter().any(|l| l.doc.path.is_some());
    if ui
        .add_enabled(can_reload, item("Reload", &Command::Reload))
        .clicked()
    {
        out.push(Command::Reload);
    }
    if ui.button("Open the example").clicked() {
        out.push(Command::OpenExample);
    }
    ui.separator();
    if ui.add(item("Quit", &Command::Quit)).clicked() {
        out.push(Command::Quit);
    }
}

/// File > Export: the events shown as a table, the timeline as a picture
/// or a drawing (the view or the whole span); all follow the filters and
/// the lanes.
fn export_menu(ui: &mut Ui, map: bool, out: &mut Vec<Command>) {
    if ui
        .button("Events as CSV…")
        .on_hover_text(
            "The events shown as a table: dates as written, sources, quotes and every other field",
        )
        .clicked()
    {
        out.push(Command::ExportCsvDialog);
    }
    if ui
        .button("Events as Chronoscope JSON…")
        .on_hover_text("The events shown as a native file, as File > Save as… writes them")
        .clicked()
    {
        out.push(Command::SaveAsDialog);
    }
    ui.separator();
    for (label, whole, png, hover) in [
        (
            "View as PNG…",
            false,
            true,
            "The part of the timeline in view as a picture, two pixels per point",
        ),
        (
            "View as SVG…",
            false,
            false,
            "The part of the timeline in view as an SVG drawing, text as text",
        ),
        (
            "Whole timeline as PNG…",
            true,
            true,
            "Every event's span as a picture, two pixels per point",
        ),
        (
            "Whole timeline as SVG…",
            true,
            false,
            "Every event's span as an SVG drawing, text as text",
        ),
    ] {
        if ui.button(label).on_hover_text(hover).clicked() {
            out.push(Command::ExportPictureDialog { whole, png });
        }
    }
    ui.separator();

    for (label, png, hover) in [
        (
            "Map as PNG…",
            true,
            "The map as shown, a picture two pixels per point",
        ),
        (
            "Map as SVG…",
            false,
            "The map as shown, an SVG drawing, text as text",
        ),
    ] {
        if ui
            .add_enabled(map, egui::Button::new(label))
            .on_hover_text(hover)
            .on_disabled_hover_text("Open the map first (View > Map)")
            .clicked()
        {
            out.push(Command::ExportMapDialog(png));
        }
    }
}

fn edit_menu(ui: &mut Ui, app: &ChronoscopeApp, out: &mut Vec<Command>) {
    let selected = app.selection.index.is_some();
    let undo = app.history.undo_label();
    let text = undo.map_or_else(|| "Undo".to_owned(), |l| format!("Undo {l}"));
    if ui
        .add_enabled(undo.is_some(), item(&text, &Command::Undo))
        .clicked()
    {
        out.push(Command::Undo);
    }
    let redo = app.history.redo_label();
    let text = redo.map_or_else(|| "Redo".to_owned(), |l| format!("Redo {l}"));
    if ui
        .add_enabled(redo.is_some(), item(&text, &Command::Redo))
        .clicked()
    {
        out.push(Command::Redo);
    }
    ui.separator();
    let passage = app.selection.passage.is_some();
    if ui
        .add_enabled(
            passage,
            item("New event from selection", &Command::NewEventFromSelection),
        )
        .on_disabled_hover_text("Select a passage in a source's text first")
        .clicked()
    {
        out.push(Command::NewEventFromSelection);
    }
    if ui
        .button("New event at the pointer's date")
        .on_hover_text("An event without a source, on the day under the pointer on the timeline")
        .clicked()
    {
        let t = super::timeline::pointer_time(ui.ctx()).unwrap_or_else(|| {
            app.view
                .axis
                .map_or_else(now_seconds, |a| f64::midpoint(a.start(), a.end()))
        });
        out.push(Command::NewEventAt(t));
    }
    if ui.button("Paste as new source").clicked() {
        out.push(Command::PasteSource);
    }
    ui.separator();
    for (name, command) in [
        ("Edit event", Command::OpenEditor(true)),
        ("Duplicate event", Command::DuplicateSelected),
        ("Delete event", Command::DeleteSelected),
    ] {
        if ui.add_enabled(selected, item(name, &command)).clicked() {
            out.push(command);
        }
    }
    ui.separator();
    if ui
        .add_enabled(selected, item("Copy citation", &Command::CopyCitation))
        .on_hover_text("Copy the selected event's title, date, source and quote as plain text")
        .on_disabled_hover_text("Select an event first")
        .clicked()
    {
        out.push(Command::CopyCitation);
    }
}

fn view_menu(ui: &mut Ui, app: &ChronoscopeApp, out: &mut Vec<Command>) {
    let panels = [
        (
            app.panels.event_list.is_some(),
            "Event list",
            Command::ToggleEventList,
        ),
        (app.panels.filters, "Filters", Command::ToggleFilters),
        (app.panels.map.is_some(), "Map", Command::ToggleMap),
    ];
    for (open, name, command) in panels {
        let shortcut = text_for(&command);
        if ui
            .add(Button::selectable(open, name).shortcut_text(shortcut))
            .clicked()
        {
            out.push(command);
        }
    }
    ui.menu_button("Lanes by", |ui| lanes_menu(ui, app, out));
    let has_lanes = app.doc().is_some_and(|d| !d.lanes().is_empty());
    if ui
        .add_enabled(has_lanes, Button::new("Collapse all lanes"))
        .clicked()
    {
        out.push(Command::CollapseAllLanes(true));
    }
    let collapsed = !app.view.collapsed.is_empty();
    if ui
        .add_enabled(collapsed, Button::new("Expand all lanes"))
        .clicked()
    {
        out.push(Command::CollapseAllLanes(false));
    }
    ui.separator();
    zone_items(ui, app.settings.zone, out);
    ui.separator();
    for (name, command) in [
        ("Fit all", Command::FitAll),
        ("Zoom in", Command::Zoom(KEY_ZOOM)),
        ("Zoom out", Command::Zoom(1.0 / KEY_ZOOM)),
    ] {
        if ui.add(item(name, &command)).clicked() {
            out.push(command);
        }
    }
    ui.separator();
    ui.label("Theme");
    for (theme, name) in [
        (Theme::Light, "Light"),
        (Theme::Dark, "Dark"),
        (Theme::System, "Follow the system"),
    ] {
        if ui.radio(app.settings.theme == theme, name).clicked() {
            out.push(Command::SetTheme(theme));
        }
    }
}

/// View > Times of day: the zone times are shown in.
fn zone_items(ui: &mut Ui, shown: Zone, out: &mut Vec<Command>) {
    ui.label("Times of day");
    for (zone, hover) in [
        (Zone::Utc, "Every time converted to UTC, in its true order"),
        (
            Zone::Local,
            "Every time converted to this computer's time zone",
        ),
        (
            Zone::AsWritten,
            "Each time at the clock time its source wrote, in the source's own offset",
        ),
    ] {
        if ui
            .radio(shown == zone, zone.name())
            .on_hover_text(format!("{hover}. Dates without a time never move."))
            .clicked()
        {
            out.push(Command::SetZone(zone));
        }
    }
}

/// View > Lanes by: category, tag, source, file, or any other field of
/// the events (an imported column).
fn lanes_menu(ui: &mut Ui, app: &ChronoscopeApp, out: &mut Vec<Command>) {
    let by = &app.view.group_by;
    for facet in [Facet::Category, Facet::Tag, Facet::Source, Facet::File] {
        if ui.radio(*by == facet, facet.label()).clicked() {
            out.push(Command::GroupBy(facet));
        }
    }
    let fields = app.jobs.facets.fields();
    if !fields.is_empty() {
        ui.separator();
        ui.weak("Other fields");
        egui::ScrollArea::vertical()
            .max_height(360.0)
            .show(ui, |ui| {
                for name in fields {
                    let facet = Facet::Field(name.clone());
                    if ui.radio(*by == facet, facet.label()).clicked() {
                        out.push(Command::GroupBy(facet));
                    }
                }
            });
    }
}

/// Now, in axis seconds.
fn now_seconds() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}
