//! The status bar: what is shown (how many events, of how many when
//! filtered), what the lanes are by and the zone, with the progress of
//! reading them, the dates in view, and the warnings.

use egui::{RichText, Ui};

use super::{ChronoscopeApp, Command};
use crate::calendar;
use crate::facets::Facet;
use crate::formats::common::plural;
use crate::model::Zone;
use crate::time_axis::TimeAxis;

/// Draws the status bar at the bottom of the window.
pub fn show(ui: &mut Ui, app: &ChronoscopeApp, out: &mut Vec<Command>) {
    egui::Panel::bottom("status_bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            let Some(doc) = app.doc() else {
                ui.weak("No file open");
                return;
            };
            ui.label(RichText::new(&doc.name).strong());
            ui.separator();
            counts(ui, app, doc, out);
            reading(ui, app);
            if let Some(view) = app.view.axis {
                ui.separator();
                ui.label(format!("Showing {}", visible_range_text(&view)));
            }
            if app.panels.map.is_some()
                && let Some(Some((lon, lat))) = ui
                    .ctx()
                    .data(|d| d.get_temp::<Option<(f64, f64)>>(super::map_view::pointer_id()))
            {
                ui.separator();
                let ns = if lat < 0.0 { 'S' } else { 'N' };
                let ew = if lon < 0.0 { 'W' } else { 'E' };
                ui.label(format!("{:.4}° {ns}, {:.4}° {ew}", lat.abs(), lon.abs()));
            }
            if !doc.warnings.is_empty() {
                ui.separator();
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    plural(doc.warnings.len(), "warning", "warnings"),
                )
                .on_hover_text("Select nothing (Esc) to list them in the side panel.");
            }
        });
    });
}

/// How many events are shown: of how many when filtered; the sources, and
/// the drafts apart (they are not the chronology's events).
fn counts(ui: &mut Ui, app: &ChronoscopeApp, doc: &crate::model::Document, out: &mut Vec<Command>) {
    let layers = &app.layers;
    if let Some(full) = layers
        .unfiltered
        .as_ref()
        .filter(|_| layers.filters.active())
    {
        ui.label(format!(
            "{} of {}",
            calendar::group_thousands(i64::try_from(doc.event_count()).unwrap_or(i64::MAX)),
            plural(full.event_count(), "event", "events"),
        ));
        if !app.panels.filters
            && ui
                .small_button("Clear filters")
                .on_hover_text("Show every event again")
                .clicked()
        {
            out.push(Command::ClearFilters);
        }
        return;
    }
    let drafts = layers.drafts.as_ref().map_or(0, |d| d.proposals.len());
    let mut text = format!(
        "{} · {}",
        plural(doc.event_count().saturating_sub(drafts), "event", "events"),
        plural(doc.source_count(), "source", "sources")
    );
    if drafts > 0 {
        text = format!("{text} · {}", plural(drafts, "draft", "drafts"));
    }
    ui.label(text);
}

/// What the lanes are by and the zone times are shown in, when not the
/// usual, with how far reading them has got.
fn reading(ui: &mut Ui, app: &ChronoscopeApp) {
    let by = &app.view.group_by;
    if *by != Facet::Category {
        ui.separator();
        match app.jobs.facets.progress(by) {
            Some(done) => ui.label(format!(
                "Lanes by {}: reading… {:.0}%",
                by.label(),
                done * 100.0
            )),
            None => ui.label(format!("Lanes by {}", by.label())),
        };
    }
    let zone = app.settings.zone;
    if zone != Zone::Utc {
        ui.separator();
        match app.jobs.zones.progress(zone) {
            Some(done) => ui.label(format!(
                "Times: {}, reading… {:.0}%",
                zone.name(),
                done * 100.0
            )),
            None => ui.label(format!("Times: {}", zone.name())),
        };
    }
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
