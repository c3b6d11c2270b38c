//! Drawing the whole window from a read-only borrow of the app: each panel
//! gets the state it shows and pushes the [`Command`]s of what the user
//! did, which [`ChronoscopeApp::ui_pass`] then applies.

use super::event_list::{self, EventList};
use super::{
    ChronoscopeApp, Command, filters, layers_panel, map_view, menu_bar, notices, search_bar,
    source_panel, status_bar, timeline, windows,
};
use crate::facets::Facet;
use crate::model::Document;

impl ChronoscopeApp {
    /// Draws every panel and window into `ui`; what the user did goes to `out`.
    pub(super) fn draw(&self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
        map_view::next_frame(ui.ctx());
        menu_bar::show(ui, self, out);
        status_bar::show(ui, self, out);
        layers_panel::show(ui, &self.layers, out);
        source_panel::show(ui, self, out);
        self.map_panel(ui, out);
        self.filters_panel(ui, out);
        if let (Some(list), Some(doc)) = (&self.panels.event_list, self.doc()) {
            self.event_list_panel(ui, list, doc, out);
        }
        egui::CentralPanel::default().show(ui, |ui| self.central(ui, out));
        windows::show(ui.ctx(), &self.panels, out);
        if let Some(prompt) = &self.panels.prompt {
            super::prompt::show(ui.ctx(), prompt, &self.layers.names(), out);
        }
        if let Some(dialog) = &self.panels.import
            && let Some(command) = dialog.show(ui.ctx())
        {
            out.push(command);
        }
    }

    /// The map beside the timeline, while open.
    fn map_panel(&self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
        let (Some(map), Some(doc)) = (&self.panels.map, self.doc()) else {
            return;
        };
        let places = self.jobs.places.get();
        let shown = map_view::Shown {
            doc,
            places,
            reading: self.jobs.places.progress(),
            window: self.view.axis.map(|a| (a.start(), a.end())),
            selected: self.selection.index,
            area: self.layers.filters.area,
        };
        egui::Panel::right("map_panel")
            .resizable(true)
            .default_size(480.0)
            .size_range(240.0..=1200.0)
            .show(ui, |ui| map_view::show(ui, map, &shown, out));
    }

    /// The filter panel on the left, while open.
    fn filters_panel(&self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
        let (true, Some(full)) = (self.panels.filters, &self.layers.unfiltered) else {
            return;
        };
        let panel = filters::Panel {
            full,
            lane_counts: &self.layers.lane_counts,
            shown: self.doc().map_or(0, |d| d.event_count()),
            files: self
                .layers
                .files
                .iter()
                .map(|l| filters::FileRow {
                    name: l.doc.name.clone(),
                    visible: l.visible,
                    events: l.doc.event_count(),
                })
                .collect(),
            facets: &self.jobs.facets,
        };
        egui::Panel::left("filters_panel")
            .resizable(true)
            .default_size(240.0)
            .size_range(200.0..=360.0)
            .show(ui, |ui| {
                // Long names (a source's title) are cut short, whole on
                // hover, rather than widening the panel over the timeline.
                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                filters::show(ui, &self.layers.filters, &panel, out);
            });
    }

    /// The event list under the timeline.
    fn event_list_panel(
        &self,
        ui: &mut egui::Ui,
        list: &EventList,
        doc: &Document,
        out: &mut Vec<Command>,
    ) {
        // Until a field's values are read, the lanes are by category.
        let lanes_by = match self.jobs.facets.get(&self.view.group_by) {
            Some(_) => self.view.group_by.label(),
            None => Facet::Category.label(),
        };
        let shown = event_list::Shown {
            selected: self.selection.index,
            lanes_by,
            sorting: self.jobs.sorting(),
        };
        egui::Panel::bottom("event_list_panel")
            .resizable(true)
            .default_size(240.0)
            .min_size(120.0)
            .show(ui, |ui| event_list::show(ui, list, doc, shown, out));
    }

    /// The middle of the window: loads and failures, the search bar, and
    /// the timeline.
    fn central(&self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
        if let Some(kept) = &self.panels.recovery {
            super::autosave::banner(ui, kept, out);
        }
        notices::loads(ui, &self.jobs, out);
        notices::failures(ui, &self.panels.failures, out);
        if let Some(search) = &self.panels.search {
            let state = (self.selection.index, self.jobs.searching());
            search_bar::show(ui, search, state, out);
        }
        if let Some(doc) = self.doc() {
            let colors = self.layers.colors();
            let coloring = timeline::Coloring {
                layers: (self.layers.visible_count() > 1).then_some(colors.as_slice()),
                matches: self
                    .panels
                    .search
                    .as_ref()
                    .map_or(&[], |s| s.matches.as_slice()),
                zone: self.settings.zone,
                drafts: self.layers.drafts_layer(),
            };
            let collapsed = self.view.collapsed_lanes(doc);
            let shown = timeline::Shown {
                view: self.view.axis,
                selected: self.selection.index,
                coloring,
                collapsed: &collapsed,
            };
            timeline::show(ui, doc, shown, out);
        } else if !self.is_loading() {
            ui.centered_and_justified(|ui| {
                ui.label("No file is open. Use File > Open… (Ctrl+O).");
            });
        }
    }
}
