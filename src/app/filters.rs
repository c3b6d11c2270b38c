//! The filter panel (View > Filters, Ctrl+Shift+F): which categories to show,
//! each with its number of events, and a date range typed as dates. What it
//! leaves out is left out of the timeline, the event list, the search and
//! the exports: the app shows [`crate::model::Document::filtered`] of what
//! is open. The panel only draws and pushes [`Command`]s.

use std::collections::BTreeSet;

use egui::Ui;

use super::Command;
use crate::formats::common::plural;
use crate::model::{Date, Document};

/// What the user filters by.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    /// Lanes (categories) not shown, by name.
    pub hidden: BTreeSet<String>,
    /// The date range as typed (EDTF); blank for no limit.
    pub from: String,
    pub to: String,
}

impl Filters {
    /// The range's limits in axis seconds: from the start of `from` to the
    /// end of `to`; an error names a date that cannot be read.
    ///
    /// # Errors
    /// When `from` or `to` is not a date.
    pub fn range(&self) -> Result<(Option<f64>, Option<f64>), String> {
        let read = |text: &str, what: &str| -> Result<Option<Date>, String> {
            let text = text.trim();
            if text.is_empty() {
                return Ok(None);
            }
            Date::parse(text)
                .map(Some)
                .map_err(|e| format!("{what}: cannot read {text:?} as a date ({e})"))
        };
        Ok((
            read(&self.from, "From")?.map(|d| d.start_seconds()),
            read(&self.to, "To")?.map(|d| d.end_seconds()),
        ))
    }

    /// Whether anything is filtered out.
    #[must_use]
    pub fn active(&self) -> bool {
        !self.hidden.is_empty() || matches!(self.range(), Ok((Some(_), _) | (_, Some(_))))
    }

    /// Whether event `i` of `doc` passes: its lane is shown and its time
    /// overlaps the range.
    #[must_use]
    pub fn keeps(&self, doc: &Document, range: (Option<f64>, Option<f64>), i: usize) -> bool {
        let lane = doc
            .event_lane
            .get(i)
            .and_then(|&l| doc.lanes.get(l))
            .is_some_and(|name| !self.hidden.contains(name));
        let (t0, t1) = doc.event_times.get(i).copied().unwrap_or_default();
        lane && range.0.is_none_or(|from| t1 > from) && range.1.is_none_or(|to| t0 < to)
    }
}

/// Draws the panel for `full` (everything open, before filtering), whose
/// lane `l` holds `lane_counts[l]` events; `shown` events pass.
pub fn show(
    ui: &mut Ui,
    filters: &Filters,
    full: &Document,
    lane_counts: &[usize],
    shown: usize,
    out: &mut Vec<Command>,
) {
    ui.add_space(6.0);
    ui.strong("Filters");
    ui.weak(format!(
        "{} of {}",
        crate::calendar::group_thousands(i64::try_from(shown).unwrap_or(i64::MAX)),
        plural(full.event_count(), "event", "events")
    ));
    ui.add_space(6.0);
    ui.label("Categories");
    for (lane, name) in full.lanes.iter().enumerate() {
        let mut visible = !filters.hidden.contains(name);
        ui.horizontal(|ui| {
            if ui.checkbox(&mut visible, name).changed() {
                out.push(Command::ShowCategory(name.clone(), visible));
            }
            ui.weak(crate::calendar::group_thousands(
                i64::try_from(lane_counts.get(lane).copied().unwrap_or(0)).unwrap_or(0),
            ));
        });
    }
    ui.horizontal(|ui| {
        if ui.small_button("All").clicked() {
            for name in &filters.hidden {
                out.push(Command::ShowCategory(name.clone(), true));
            }
        }
        if ui.small_button("None").clicked() {
            for name in full.lanes.iter().filter(|n| !filters.hidden.contains(*n)) {
                out.push(Command::ShowCategory(name.clone(), false));
            }
        }
    });
    ui.add_space(8.0);
    ui.label("Dates");
    // What is typed is kept between frames until the field is left.
    let draft_id = ui.make_persistent_id("filter_date_drafts");
    let (mut from, mut to) = ui
        .data(|d| d.get_temp::<(String, String)>(draft_id))
        .unwrap_or_else(|| (filters.from.clone(), filters.to.clone()));
    let (mut left, mut editing) = (false, false);
    egui::Grid::new("filter_dates")
        .num_columns(2)
        .show(ui, |ui| {
            for (name, text) in [("From", &mut from), ("To", &mut to)] {
                let label = ui.label(name);
                let field = ui
                    .add(
                        egui::TextEdit::singleline(text)
                            .hint_text("2024-06")
                            .desired_width(110.0),
                    )
                    .labelled_by(label.id);
                left |= field.lost_focus();
                editing |= field.has_focus();
                ui.end_row();
            }
        });
    if left && (from != filters.from || to != filters.to) {
        out.push(Command::SetDateFilter(from.clone(), to.clone()));
    }
    if editing {
        ui.data_mut(|d| d.insert_temp(draft_id, (from, to)));
    } else {
        ui.data_mut(|d| d.remove::<(String, String)>(draft_id));
    }
    if let Err(message) = filters.range() {
        ui.colored_label(ui.visuals().warn_fg_color, message);
    }
    ui.add_space(8.0);
    if ui
        .add_enabled(filters.active(), egui::Button::new("Clear filters"))
        .clicked()
    {
        out.push(Command::ClearFilters);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_categories_decide_what_passes() {
        let doc = crate::example::load().unwrap();
        let mut filters = Filters::default();
        assert!(!filters.active());
        let all = |f: &Filters| {
            let range = f.range().unwrap();
            (0..doc.event_count())
                .filter(|&i| f.keeps(&doc, range, i))
                .count()
        };
        assert_eq!(all(&filters), 7);
        filters.hidden.insert("military".into());
        assert_eq!(all(&filters), 4);
        filters.hidden.clear();
        filters.from = "2024-10".into();
        // The arms accusation runs from 2022 to October 2024: it overlaps.
        assert_eq!(all(&filters), 6);
        filters.to = "2024-10-08".into();
        assert_eq!(all(&filters), 3);
        filters.to = "June".into();
        assert!(
            filters
                .range()
                .unwrap_err()
                .contains("To: cannot read \"June\"")
        );
    }
}
