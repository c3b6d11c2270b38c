//! Menus, the status bar, load errors and the small windows (shortcuts, about).

use egui::{Button, RichText, Ui};

use super::{ChronoscopeApp, Command, SHORTCUTS, Theme};
use crate::calendar;
use crate::facets::Facet;
pub use crate::formats::common::plural;
use crate::model::Zone;
use crate::time_axis::TimeAxis;

pub fn menu_bar(ui: &mut Ui, app: &mut ChronoscopeApp) {
    egui::Panel::top("menu_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui
                    .add(Button::new("Open…").shortcut_text("Ctrl+O"))
                    .clicked()
                {
                    app.push(Command::OpenDialog);
                }
                let recent = app.settings.recent.clone();
                ui.add_enabled_ui(!recent.is_empty(), |ui| {
                    ui.menu_button("Open recent", |ui| {
                        for path in recent {
                            if ui.button(path.display().to_string()).clicked() {
                                app.push(Command::Open(path));
                            }
                        }
                        ui.separator();
                        if ui.button("Clear recent files").clicked() {
                            app.settings.recent.clear();
                        }
                    });
                });
                let can_save = app.doc.as_ref().is_some_and(|d| d.event_count() > 0);
                if ui
                    .add_enabled(
                        can_save,
                        Button::new("Save as…").shortcut_text("Ctrl+Shift+S"),
                    )
                    .on_hover_text("Save what is shown as a Chronoscope event file")
                    .clicked()
                {
                    app.push(Command::SaveAsDialog);
                }
                ui.add_enabled_ui(can_save, |ui| {
                    ui.menu_button("Export", |ui| export_menu(ui, app));
                });
                let can_reload = app.layers.iter().any(|l| l.doc.path.is_some());
                if ui
                    .add_enabled(can_reload, Button::new("Reload").shortcut_text("Ctrl+R"))
                    .clicked()
                {
                    app.push(Command::Reload);
                }
                if ui.button("Open the example").clicked() {
                    app.push(Command::OpenExample);
                }
                ui.separator();
                if ui
                    .add(Button::new("Quit").shortcut_text("Ctrl+Q"))
                    .clicked()
                {
                    app.push(Command::Quit);
                }
            });
            ui.menu_button("Edit", |ui| {
                let selected = app.selected.is_some();
                if ui
                    .add_enabled(
                        selected,
                        Button::new("Copy citation").shortcut_text("Ctrl+Shift+C"),
                    )
                    .on_hover_text(
                        "Copy the selected event's title, date, source and quote as plain text",
                    )
                    .on_disabled_hover_text("Select an event first")
                    .clicked()
                {
                    app.push(Command::CopyCitation);
                }
            });
            ui.menu_button("View", |ui| {
                if ui
                    .add(
                        Button::selectable(app.event_list.is_some(), "Event list")
                            .shortcut_text("Ctrl+L"),
                    )
                    .clicked()
                {
                    app.push(Command::ToggleEventList);
                }
                if ui
                    .add(
                        Button::selectable(app.filters_open, "Filters")
                            .shortcut_text("Ctrl+Shift+F"),
                    )
                    .clicked()
                {
                    app.push(Command::ToggleFilters);
                }
                ui.menu_button("Lanes by", |ui| lanes_menu(ui, app));
                let has_lanes = app.doc.as_ref().is_some_and(|d| !d.lanes.is_empty());
                if ui
                    .add_enabled(has_lanes, Button::new("Collapse all lanes"))
                    .clicked()
                {
                    app.push(Command::CollapseAllLanes(true));
                }
                if ui
                    .add_enabled(!app.collapsed.is_empty(), Button::new("Expand all lanes"))
                    .clicked()
                {
                    app.push(Command::CollapseAllLanes(false));
                }
                ui.separator();
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
                    let name = zone.name();
                    if ui
                        .radio(app.settings.zone == zone, name)
                        .on_hover_text(format!("{hover}. Dates without a time never move."))
                        .clicked()
                    {
                        app.push(Command::SetZone(zone));
                    }
                }
                ui.separator();
                if ui.add(Button::new("Fit all").shortcut_text("F")).clicked() {
                    app.push(Command::FitAll);
                }
                if ui.add(Button::new("Zoom in").shortcut_text("+")).clicked() {
                    app.push(Command::Zoom(super::timeline::KEY_ZOOM));
                }
                if ui.add(Button::new("Zoom out").shortcut_text("-")).clicked() {
                    app.push(Command::Zoom(1.0 / super::timeline::KEY_ZOOM));
                }
                ui.separator();
                ui.label("Theme");
                for (theme, name) in [
                    (Theme::Light, "Light"),
                    (Theme::Dark, "Dark"),
                    (Theme::System, "Follow the system"),
                ] {
                    if ui.radio(app.settings.theme == theme, name).clicked() {
                        app.push(Command::SetTheme(theme));
                    }
                }
            });
            ui.menu_button("Help", |ui| {
                if ui.button("Keyboard shortcuts").clicked() {
                    app.push(Command::ShowShortcuts(true));
                }
                if ui.button("About Chronoscope").clicked() {
                    app.push(Command::ShowAbout(true));
                }
            });
        });
    });
}

/// File > Export: the events shown as a table, the timeline as a picture
/// or a drawing (the view or the whole span); all follow the filters and
/// the lanes.
fn export_menu(ui: &mut Ui, app: &mut ChronoscopeApp) {
    if ui
        .button("Events as CSV…")
        .on_hover_text(
            "The events shown as a table: dates as written, sources, quotes and every other field",
        )
        .clicked()
    {
        app.push(Command::ExportCsvDialog);
    }
    if ui
        .button("Events as Chronoscope JSON…")
        .on_hover_text("The events shown as a native file, as File > Save as… writes them")
        .clicked()
    {
        app.push(Command::SaveAsDialog);
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
            app.push(Command::ExportPictureDialog { whole, png });
        }
    }
}

/// View > Lanes by: category, tag, source, file, or any other field of
/// the events (an imported column).
fn lanes_menu(ui: &mut Ui, app: &mut ChronoscopeApp) {
    for facet in [Facet::Category, Facet::Tag, Facet::Source, Facet::File] {
        if ui.radio(app.group_by == facet, facet.label()).clicked() {
            app.push(Command::GroupBy(facet));
        }
    }
    let fields = app.facets.fields().to_vec();
    if !fields.is_empty() {
        ui.separator();
        ui.weak("Other fields");
        egui::ScrollArea::vertical()
            .max_height(360.0)
            .show(ui, |ui| {
                for name in fields {
                    let facet = Facet::Field(name);
                    if ui.radio(app.group_by == facet, facet.label()).clicked() {
                        app.push(Command::GroupBy(facet));
                    }
                }
            });
    }
}

pub fn status_bar(ui: &mut Ui, app: &mut ChronoscopeApp) {
    egui::Panel::bottom("status_bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            let Some(doc) = &app.doc else {
                ui.weak("No file open");
                return;
            };
            let mut clear = false;
            ui.label(RichText::new(&doc.name).strong());
            ui.separator();
            match app.unfiltered.as_ref().filter(|_| app.filters.active()) {
                // Filtered: how many of all pass.
                Some(full) => {
                    ui.label(format!(
                        "{} of {}",
                        crate::calendar::group_thousands(
                            i64::try_from(doc.event_count()).unwrap_or(i64::MAX)
                        ),
                        plural(full.event_count(), "event", "events"),
                    ));
                    clear = !app.filters_open
                        && ui
                            .small_button("Clear filters")
                            .on_hover_text("Show every event again")
                            .clicked();
                }
                None => {
                    ui.label(format!(
                        "{} · {}",
                        plural(doc.event_count(), "event", "events"),
                        plural(doc.source_count(), "source", "sources")
                    ));
                }
            }
            if app.group_by != Facet::Category {
                ui.separator();
                match app.facets.progress(&app.group_by) {
                    Some(done) => ui.label(format!(
                        "Lanes by {}: reading… {:.0}%",
                        app.group_by.label(),
                        done * 100.0
                    )),
                    None => ui.label(format!("Lanes by {}", app.group_by.label())),
                };
            }
            let zone = app.settings.zone;
            if zone != Zone::Utc {
                ui.separator();
                match app.zones.progress(zone) {
                    Some(done) => ui.label(format!(
                        "Times: {}, reading… {:.0}%",
                        zone.name(),
                        done * 100.0
                    )),
                    None => ui.label(format!("Times: {}", zone.name())),
                };
            }
            if let Some(view) = app.view {
                ui.separator();
                ui.label(format!("Showing {}", visible_range_text(&view)));
            }
            if !doc.warnings.is_empty() {
                ui.separator();
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    plural(doc.warnings.len(), "warning", "warnings"),
                )
                .on_hover_text("Select nothing (Esc) to list them in the side panel.");
            }
            if clear {
                app.push(Command::ClearFilters);
            }
        });
    });
}

/// The visible range at a resolution that suits its span: `2022 – 2025`,
/// `Jun 2024 – Nov 2024`, `3 Oct 2024 – 17 Oct 2024`, `16 Oct 2024 14:05 – 14:35`.
#[must_use]
pub fn visible_range_text(view: &TimeAxis) -> String {
    let (from, to) = (view.start(), view.end());
    let span = to - from;
    let parts = |t: f64| {
        let days = (t / 86_400.0).floor();
        let (y, m, d) = calendar::civil_from_days(days as i64);
        let secs = (t - days * 86_400.0).max(0.0);
        (
            y,
            m,
            d,
            (secs / 3600.0) as u32,
            ((secs % 3600.0) / 60.0) as u32,
        )
    };
    let (ya, ma, da, ha, min_a) = parts(from);
    let (yb, mb, db, hb, min_b) = parts(to);
    let month = |m: u32| &calendar::MONTH_NAMES[(m.clamp(1, 12) - 1) as usize][..3];
    if span > 3.0 * calendar::SECS_PER_YEAR {
        format!(
            "{} – {}",
            calendar::year_label(ya),
            calendar::year_label(yb)
        )
    } else if span > 60.0 * 86_400.0 {
        format!(
            "{} {} – {} {}",
            month(ma),
            calendar::year_label(ya),
            month(mb),
            calendar::year_label(yb)
        )
    } else if span > 2.0 * 86_400.0 {
        format!(
            "{da} {} {} – {db} {} {}",
            month(ma),
            calendar::year_label(ya),
            month(mb),
            calendar::year_label(yb)
        )
    } else {
        format!(
            "{da} {} {} {ha:02}:{min_a:02} – {db} {} {hb:02}:{min_b:02}",
            month(ma),
            calendar::year_label(ya),
            month(mb)
        )
    }
}

/// Errors from files that failed to load, above the timeline.
/// The files loading in the background: what each is doing, how far it
/// got, and a button to stop it.
pub fn loads(ui: &mut Ui, app: &mut ChronoscopeApp) {
    let mut cancel = None;
    for (i, job) in app.loads.iter().enumerate().filter(|(_, j)| j.visible()) {
        egui::Frame::new()
            .fill(ui.visuals().faint_bg_color)
            .inner_margin(6.0)
            .corner_radius(4.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    if ui.button("Cancel loading").clicked() {
                        cancel = Some(i);
                    }
                    let verb = match job.purpose {
                        super::loading::Purpose::Open(_) => "Opening",
                        super::loading::Purpose::Reload(_) => "Reloading",
                    };
                    ui.strong(format!("{verb} {}", job.name()));
                    ui.add(
                        egui::ProgressBar::new(job.progress.fraction())
                            .text(job.status())
                            .animate(true),
                    );
                });
            });
        ui.add_space(4.0);
    }
    for path in &app.saving {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(format!("Saving {}", path.display()));
        });
    }
    if let Some(i) = cancel {
        app.push(Command::CancelLoad(i));
    }
}

pub fn failures(ui: &mut Ui, app: &mut ChronoscopeApp) {
    let mut dismiss = None;
    for (i, failure) in app.failures.iter().enumerate() {
        egui::Frame::new()
            .fill(ui.visuals().error_fg_color.gamma_multiply(0.15))
            .inner_margin(6.0)
            .corner_radius(4.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    if ui.button("Dismiss").clicked() {
                        dismiss = Some(i);
                    }
                    let what = if failure.saving {
                        "Could not save the file:"
                    } else {
                        "Could not open the file:"
                    };
                    ui.colored_label(ui.visuals().error_fg_color, what);
                    ui.add(egui::Label::new(&failure.message).wrap());
                });
            });
        ui.add_space(4.0);
    }
    if let Some(i) = dismiss {
        app.push(Command::DismissError(i));
    }
}

pub fn windows(ctx: &egui::Context, app: &mut ChronoscopeApp) {
    let mut open = app.show_shortcuts;
    egui::Window::new("Keyboard shortcuts")
        .open(&mut open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                for (keys, what) in SHORTCUTS {
                    ui.strong(*keys);
                    ui.label(*what);
                    ui.end_row();
                }
            });
        });
    if open != app.show_shortcuts {
        app.push(Command::ShowShortcuts(open));
    }
    let mut open = app.show_about;
    egui::Window::new("About Chronoscope")
        .open(&mut open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.heading(format!("Chronoscope {}", env!("CARGO_PKG_VERSION")));
            ui.label(env!("CARGO_PKG_DESCRIPTION"));
            ui.label("Dates keep the precision they were given; every event keeps the quote it rests on.");
            ui.weak(format!("Licence: {}", env!("CARGO_PKG_LICENSE")));
        });
    if open != app.show_about {
        app.push(Command::ShowAbout(open));
    }
}

/// The open files, when there are several: colour, visibility, event count,
/// close button.
pub fn layers_panel(ui: &mut Ui, app: &mut ChronoscopeApp) {
    if app.layers.len() < 2 {
        return;
    }
    egui::Panel::left("layers_panel")
        .resizable(true)
        .default_size(220.0)
        .show(ui, |ui| {
            ui.add_space(6.0);
            ui.strong("Files");
            ui.add_space(4.0);
            let mut commands = Vec::new();
            for (i, layer) in app.layers.iter().enumerate() {
                ui.horizontal(|ui| {
                    let (swatch, _) =
                        ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                    ui.painter()
                        .rect_filled(swatch, 3.0, super::timeline::lane_color(layer.color));
                    let mut visible = layer.visible;
                    let name = &layer.doc.name;
                    if ui
                        .checkbox(&mut visible, name)
                        .on_hover_text("Show or hide this file's events")
                        .changed()
                    {
                        commands.push(Command::SetLayerVisible(i, visible));
                    }
                    ui.weak(plural(layer.doc.event_count(), "event", "events"));
                    let close = ui.small_button("×").on_hover_text("Close this file");
                    let label = format!("Close {name}");
                    close.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::Button, true, &label)
                    });
                    if close.clicked() {
                        commands.push(Command::CloseLayer(i));
                    }
                });
            }
            for c in commands {
                app.push(c);
            }
        });
}
