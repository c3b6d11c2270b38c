//! The filter panel (View > Filters, Ctrl+Shift+F): which categories,
//! files, tags and sources to show, each with its number of events, and a
//! date range typed as dates. What it leaves out is left out of the
//! timeline, the event list, the search and the exports: the app shows
//! [`crate::model::Document::filtered`] of what is open. The panel only
//! draws and pushes [`Command`]s.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use egui::Ui;

use super::Command;
use super::facet_cache::FacetCache;
use crate::facets::{Facet, FacetValues};
use crate::formats::common::plural;
use crate::model::{Date, Document};
use crate::places::{Area, PlaceIndex};

/// What the user filters by.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    /// Lanes (categories) not shown, by name.
    pub hidden: BTreeSet<String>,
    /// Values of other facets (tags, sources) not shown, by name; an event
    /// is shown when one of its values is (or, having none, when the
    /// facet's none value is).
    pub hidden_values: BTreeMap<Facet, BTreeSet<String>>,
    /// The date range as typed (EDTF); blank for no limit.
    pub from: String,
    pub to: String,
    /// The box drawn on the map (Shift+drag): only events placed inside.
    pub area: Option<Area>,
}

/// One facet's part of the filters, ready to test events quickly.
pub struct ValueFilter {
    values: Arc<FacetValues>,
    /// By value number: whether it is shown.
    shown: Vec<bool>,
    none_shown: bool,
}

impl ValueFilter {
    /// Shows the values of `values` (of `facet`) that `hidden` does not name.
    #[must_use]
    pub fn new(facet: &Facet, values: &Arc<FacetValues>, hidden: &BTreeSet<String>) -> Self {
        Self {
            shown: values.names.iter().map(|n| !hidden.contains(n)).collect(),
            none_shown: !hidden.contains(&facet.none_label()),
            values: Arc::clone(values),
        }
    }

    /// Whether event `i` passes.
    #[must_use]
    pub fn keeps(&self, i: usize) -> bool {
        let of = self.values.of(i);
        if of.is_empty() {
            self.none_shown
        } else {
            of.iter()
                .any(|&v| self.shown.get(v as usize).copied().unwrap_or(true))
        }
    }
}

impl Filters {
    /// Shows (`true`) or hides the category (lane) `name`.
    pub fn show_category(&mut self, name: String, shown: bool) {
        if shown {
            self.hidden.remove(&name);
        } else {
            self.hidden.insert(name);
        }
    }

    /// Shows (`true`) or hides the events with these values of `facet`.
    pub fn show_values(&mut self, facet: Facet, names: Vec<String>, shown: bool) {
        let hidden = self.hidden_values.entry(facet).or_default();
        for name in names {
            if shown {
                hidden.remove(&name);
            } else {
                hidden.insert(name);
            }
        }
    }

    /// Shows only the events overlapping these dates (as typed; blank: no limit).
    pub fn set_dates(&mut self, from: String, to: String) {
        self.from = from;
        self.to = to;
    }

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
        !self.hidden.is_empty()
            || self.hidden_values.values().any(|h| !h.is_empty())
            || matches!(self.range(), Ok((Some(_), _) | (_, Some(_))))
            || self.area.is_some()
    }

    /// The facets whose values the filters hide some of.
    pub fn value_facets(&self) -> impl Iterator<Item = (&Facet, &BTreeSet<String>)> {
        self.hidden_values.iter().filter(|(_, h)| !h.is_empty())
    }

    /// Whether event `i` of `doc` passes: its lane is shown, its time
    /// overlaps the range, it passes each of `values`, and it is placed in
    /// the area when there is one (`places`: the places of `doc`; until they
    /// are read, the area keeps everything).
    #[must_use]
    pub fn keeps(
        &self,
        doc: &Document,
        (range, places): ((Option<f64>, Option<f64>), Option<&PlaceIndex>),
        values: &[ValueFilter],
        i: usize,
    ) -> bool {
        if !values.iter().all(|v| v.keeps(i)) {
            return false;
        }
        if let (Some(area), Some(places)) = (&self.area, places)
            && !places.point(i).is_some_and(|p| area.contains_mercator(p))
        {
            return false;
        }
        let lane = doc
            .event_lanes()
            .get(i)
            .and_then(|&l| doc.lanes().get(l))
            .is_some_and(|name| !self.hidden.contains(name));
        let (t0, t1) = doc.event_times().get(i).copied().unwrap_or_default();
        lane && range.0.is_none_or(|from| t1 > from) && range.1.is_none_or(|to| t0 < to)
    }
}

/// An open file as the panel lists it.
pub struct FileRow {
    pub name: String,
    pub visible: bool,
    pub events: usize,
}

/// What the panel shows besides the filters.
pub struct Panel<'a> {
    /// Everything open, before filtering.
    pub full: &'a Document,
    /// Events in each lane of `full`.
    pub lane_counts: &'a [usize],
    /// Events that pass.
    pub shown: usize,
    /// The open files; listed when there are several.
    pub files: Vec<FileRow>,
    pub facets: &'a FacetCache,
}

/// Rows of value lists past which the list scrolls.
const LIST_ROWS: usize = 10;

/// Room kept for a row's count, in points.
const COUNT_WIDTH: f32 = 64.0;

/// A checkbox named `name`, cut short (whole on hover) to leave room for its
/// number of events after it; the new state when it was clicked.
fn check_row(ui: &mut Ui, visible: bool, name: &str, count: usize) -> Option<bool> {
    let mut visible = visible;
    let changed = ui
        .horizontal(|ui| {
            let room = (ui.available_width() - COUNT_WIDTH).max(40.0);
            let height = ui.spacing().interact_size.y;
            let clicked = ui
                .allocate_ui(egui::vec2(room, height), |ui| {
                    ui.checkbox(&mut visible, name)
                })
                .inner
                .on_hover_text(name)
                .changed();
            ui.weak(crate::calendar::group_thousands(
                i64::try_from(count).unwrap_or(i64::MAX),
            ));
            clicked
        })
        .inner;
    changed.then_some(visible)
}

/// A checkbox and count per value of `facet`, with All and None.
fn value_list(
    ui: &mut Ui,
    facet: &Facet,
    values: &FacetValues,
    hidden: Option<&BTreeSet<String>>,
    out: &mut Vec<Command>,
) {
    let none = facet.none_label();
    // Row `i`: a value and its count, then the events without one. Made
    // for the rows in sight only: a field may have a million values.
    let n = values.names.len() + usize::from(values.none > 0);
    let nth = |i: usize| -> (&str, usize) {
        match (values.names.get(i), values.counts.get(i)) {
            (Some(name), Some(&count)) => (name.as_str(), count),
            _ => (none.as_str(), values.none),
        }
    };
    let is_hidden = |name: &str| hidden.is_some_and(|h| h.contains(name));
    let row = |ui: &mut Ui, (name, count): (&str, usize), out: &mut Vec<Command>| {
        if let Some(visible) = check_row(ui, !is_hidden(name), name, count) {
            out.push(Command::ShowValues(
                facet.clone(),
                vec![name.to_owned()],
                visible,
            ));
        }
    };
    if n <= LIST_ROWS {
        for i in 0..n {
            row(ui, nth(i), out);
        }
    } else {
        let height = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
        egui::ScrollArea::vertical()
            .id_salt(("filter_values", facet.label()))
            .max_height(height * LIST_ROWS as f32)
            .auto_shrink([false, true])
            .show_rows(ui, height, n, |ui, range| {
                for i in range {
                    row(ui, nth(i), out);
                }
            });
    }
    // All and None, named for screen readers by what they show.
    let (one, many) = match facet {
        Facet::Tag => ("tag", "tags"),
        Facet::Source => ("source", "sources"),
        _ => ("value", "values"),
    };
    ui.horizontal(|ui| {
        let all = ui.small_button("All");
        all.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Show every {one}"))
        });
        if all.clicked() {
            let names = hidden
                .map(|h| h.iter().cloned().collect())
                .unwrap_or_default();
            out.push(Command::ShowValues(facet.clone(), names, true));
        }
        let none = ui.small_button("None");
        none.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Show no {many}"))
        });
        if none.clicked() {
            let names = (0..n).map(|i| nth(i).0.to_owned()).collect();
            out.push(Command::ShowValues(facet.clone(), names, false));
        }
    });
}

/// Draws the panel.
pub fn show(ui: &mut Ui, filters: &Filters, panel: &Panel<'_>, out: &mut Vec<Command>) {
    let Panel { full, shown, .. } = *panel;
    // The rows cut their names to the panel's width: claiming that width
    // keeps the panel from shrinking to what they took, frame after frame.
    ui.set_min_width(ui.available_width());
    ui.add_space(6.0);
    ui.strong("Filters");
    ui.weak(format!(
        "{} of {}",
        crate::calendar::group_thousands(i64::try_from(shown).unwrap_or(i64::MAX)),
        plural(full.event_count(), "event", "events")
    ));
    ui.add_space(6.0);
    categories(ui, filters, panel, out);
    if panel.files.len() > 1 {
        ui.add_space(8.0);
        ui.label("Files");
        for (layer, file) in panel.files.iter().enumerate() {
            if let Some(visible) = check_row(ui, file.visible, &file.name, file.events) {
                out.push(Command::SetLayerVisible(layer, visible));
            }
        }
    }
    for (facet, title, none) in [
        (Facet::Tag, "Tags", "No event has tags."),
        (Facet::Source, "Sources", "No event names a source."),
    ] {
        ui.add_space(8.0);
        ui.label(title);
        match (panel.facets.get(&facet), panel.facets.progress(&facet)) {
            (Some(values), _) if values.names.is_empty() => {
                ui.weak(none);
            }
            (Some(values), _) => {
                value_list(ui, &facet, values, filters.hidden_values.get(&facet), out);
            }
            (None, Some(done)) => {
                ui.add(
                    egui::ProgressBar::new(done)
                        .desired_width(140.0)
                        .text(format!("reading {}…", title.to_lowercase())),
                );
            }
            (None, None) => {
                ui.weak("…");
            }
        }
    }
    ui.add_space(8.0);
    dates(ui, filters, out);
    if let Some(area) = &filters.area {
        ui.add_space(8.0);
        ui.label("Area on the map");
        ui.horizontal(|ui| {
            ui.weak(area.describe());
            if ui
                .small_button("Clear area")
                .on_hover_text("Show the events of every place again")
                .clicked()
            {
                out.push(Command::FilterArea(None));
            }
        });
    }
    ui.add_space(8.0);
    if ui
        .add_enabled(filters.active(), egui::Button::new("Clear filters"))
        .clicked()
    {
        out.push(Command::ClearFilters);
    }
}

/// A checkbox and count per category (lane), with All and None.
fn categories(ui: &mut Ui, filters: &Filters, panel: &Panel<'_>, out: &mut Vec<Command>) {
    let full = panel.full;
    ui.label("Categories");
    for (lane, name) in full.lanes().iter().enumerate() {
        let count = panel.lane_counts.get(lane).copied().unwrap_or(0);
        if let Some(visible) = check_row(ui, !filters.hidden.contains(name), name, count) {
            out.push(Command::ShowCategory(name.clone(), visible));
        }
    }
    ui.horizontal(|ui| {
        if ui.small_button("All").clicked() {
            for name in &filters.hidden {
                out.push(Command::ShowCategory(name.clone(), true));
            }
        }
        if ui.small_button("None").clicked() {
            for name in full.lanes().iter().filter(|n| !filters.hidden.contains(*n)) {
                out.push(Command::ShowCategory(name.clone(), false));
            }
        }
    });
}

/// The date range, typed; applied when a field is left. What is typed is
/// kept between frames (in egui's memory) until then.
fn dates(ui: &mut Ui, filters: &Filters, out: &mut Vec<Command>) {
    ui.label("Dates");
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
                            .hint_text("e.g. 2024-06")
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
                .filter(|&i| f.keeps(&doc, (range, None), &[], i))
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
