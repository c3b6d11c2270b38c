//! The one place the app's state changes: [`ChronoscopeApp::apply`]
//! dispatches each [`Command`] to a small function of the concern it
//! changes, and [`ChronoscopeApp::finish`] takes in the work that finished
//! in the background. The file commands (open, reload, save, export,
//! import) are in `files.rs`, the rebuild of the shown document in
//! `rebuild.rs`.

use super::event_list::{EventList, SortBy};
use super::jobs::Done;
use super::prompt::After;
use super::search_bar::{self, Search};
use super::{ChronoscopeApp, Command, Theme};
use crate::facets::Facet;
use crate::formats;
use crate::model::Zone;

impl ChronoscopeApp {
    /// Applies one command.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::OpenDialog => self.open_dialog(),
            Command::Open(path) => self.open(&path),
            Command::Reload => self.guard(ctx, After::ReloadAll, false),
            Command::ReloadLayer(i) => self.guard(ctx, After::ReloadLayer(i), false),
            Command::CancelLoad(i) => self.jobs.cancel_load(i),
            Command::OpenExample => self.open_example(),
            Command::SaveAsDialog => self.save_as_dialog(),
            Command::SaveAs(path) => self.save(path, formats::native::write::save),
            Command::ExportCsvDialog => self.export_csv_dialog(),
            Command::ExportCsv(path) => self.save(path, formats::csv_write::save),
            Command::ExportPictureDialog { whole, png } => self.export_picture_dialog(whole, png),
            Command::ExportPicture {
                path,
                t0,
                t1,
                width,
            } => self.export_picture(path, (t0, t1), width),
            Command::CloseLayer(i) => self.guard(ctx, After::CloseLayer(i), false),
            Command::SetLayerVisible(i, shown) => {
                self.rebuild_if(|app| app.layers.set_visible(i, shown));
            }
            command @ (Command::SetImportColumn { .. }
            | Command::SetImportDateOrder(_)
            | Command::SetImportSheet(_)) => self.change_import(command),
            Command::ConfirmImport => self.confirm_import(),
            Command::CancelImport => drop(self.panels.close_import()),
            Command::Select(index) => self.select(index),
            Command::SelectStep(step) => self.select_step(step),
            Command::SelectFirst => self.select(Some(0)),
            Command::SelectLast => self.select_last(),
            Command::ShowEvidence(tab) => self.selection.show_evidence(tab),
            Command::CopyCitation => self.copy_citation(ctx),
            Command::SetView(axis) => self.view.set(axis),
            Command::FitAll => self.view.fit_all(),
            Command::Zoom(factor) => self.view.zoom(factor),
            Command::ZoomToRange(t0, t1) => self.view.zoom_to_range(t0, t1),
            Command::ToggleLane(name) => self.view.toggle_lane(name),
            Command::CollapseAllLanes(collapse) => self.collapse_all(collapse),
            Command::GroupBy(facet) => self.rebuild_if(|app| app.view.group_by(facet)),
            Command::SetZone(zone) => self.set_zone(zone),
            Command::SetTheme(theme) => self.set_theme(ctx, theme),
            Command::ClearRecent => self.settings.recent.clear(),
            Command::ShowShortcuts(show) => self.panels.shortcuts = show,
            Command::ShowAbout(show) => self.panels.about = show,
            Command::DismissError(i) => self.panels.dismiss(i),
            Command::ToggleEventList => self.toggle_event_list(),
            map if map.is_map() => self.apply_map(&map),
            Command::SortList(by) => self.sort_list(by),
            Command::ToggleFilters => self.toggle_filters(),
            Command::ShowCategory(name, shown) => {
                self.layers.filters.show_category(name, shown);
                self.rebuild();
            }
            Command::ShowValues(facet, names, shown) => {
                self.layers.filters.show_values(facet, names, shown);
                self.rebuild();
            }
            Command::SetDateFilter(from, to) => {
                self.layers.filters.set_dates(from, to);
                self.rebuild();
            }
            Command::ClearFilters => {
                self.layers.filters = super::filters::Filters::default();
                self.rebuild();
            }
            Command::OpenSearch => self.open_search(ctx),
            Command::SetSearch(text) => self.set_search(text),
            Command::SearchStep(step) => self.search_step(step),
            Command::CloseSearch => self.close_search(),
            Command::Quit => self.guard(ctx, After::Quit, false),
            Command::NewChronology => self.guard(ctx, After::NewChronology, false),
            Command::Save => self.save_edits(),
            Command::SaveLayerAs(layer, path) => self.write_layer(layer, path),
            Command::Answer(answer) => self.answer(ctx, answer),
            command => self.apply_edit(ctx, command),
        }
        ctx.request_repaint();
    }

    /// Applies what finished in the background.
    pub(super) fn finish(&mut self, done: Vec<Done>) {
        for done in done {
            match done {
                Done::Loaded(load) => self.finish_load(load),
                Done::Saved(path, Err(message)) => self.panels.fail(&path, message, true),
                Done::Saved(_, Ok(())) => {}
                Done::SavedLayer {
                    path,
                    layer,
                    state,
                    result,
                } => self.finish_layer_save(&path, layer, state, result),
                Done::Picked(commands) => self.commands.extend(commands),
                Done::Found(text, matches) => {
                    if let Some(search) = &mut self.panels.search {
                        search.found(text, matches);
                    }
                }
                Done::Sorted(order) => {
                    if let (Some(list), Some(order)) = (&mut self.panels.event_list, order) {
                        list.set_order(order);
                    }
                }
                Done::Read {
                    facets,
                    zones,
                    places,
                } => self.finish_read(&facets, zones || places),
                Done::Changed(files) => self.changed_on_disk(&files),
            }
        }
    }

    /// Reads again the files changed on disk, except the app's own saves;
    /// a file with unsaved edits asks first.
    fn changed_on_disk(&mut self, files: &[std::path::PathBuf]) {
        for i in self.layers.reading(files) {
            let layer = &self.layers.files[i];
            let own = layer.written.is_some()
                && layer.doc.path.as_deref().and_then(super::watch::modified) == layer.written;
            if own {
                continue;
            }
            if self.is_dirty(i) {
                if self.panels.prompt.is_none() {
                    self.panels.prompt = Some(super::prompt::Prompt {
                        after: After::ReloadLayer(i),
                        layers: vec![i],
                        changed_on_disk: true,
                    });
                }
            } else {
                self.reload_layer(i);
            }
        }
    }

    /// Rebuilds when the lanes, the filters or the zone waited for what
    /// was read (not for the filter panel's lists alone: a rebuild
    /// searches and sorts the list again).
    fn finish_read(&mut self, facets: &[Facet], zones: bool) {
        let needed = facets.iter().any(|f| {
            *f == self.view.group_by
                || self
                    .layers
                    .filters
                    .value_facets()
                    .any(|(hidden, _)| hidden == f)
        });
        if needed || zones {
            self.rebuild();
        }
    }

    /// Rebuilds the shown document when `change` changed anything.
    fn rebuild_if(&mut self, change: impl FnOnce(&mut Self) -> bool) {
        if change(self) {
            self.rebuild();
        }
    }

    /// Selects event `index` of the shown document (or nothing), and shows
    /// it: a collapsed lane opens, and the timeline scrolls to its place.
    /// The map's commands: shown or not, its view, Play.
    fn apply_map(&mut self, command: &Command) {
        match command {
            Command::FilterArea(area) => {
                self.layers.filters.area = *area;
                self.rebuild();
                return;
            }
            Command::ExportMapDialog(png) => return self.export_map_dialog(*png),
            Command::ExportMap(path, drawing) => {
                return self.save(path.clone(), super::saving::map_picture(*drawing));
            }
            _ => {}
        }
        if matches!(command, Command::ToggleMap) {
            self.panels.map = match self.panels.map.take() {
                Some(_) => None,
                None => Some(super::map_view::MapPanel::default()),
            };
            return;
        }
        let Some(map) = &mut self.panels.map else {
            return;
        };
        match *command {
            Command::MapView(view) => map.view = Some(view),
            Command::MapFit => map.view = None,
            Command::MapPlay(on) => map.playing = on,
            Command::MapSpeed(speed) => map.speed = speed,
            _ => {}
        }
    }

    fn select(&mut self, index: Option<usize>) {
        let doc = self.layers.doc.as_ref();
        let index = index.filter(|&i| doc.is_some_and(|d| i < d.event_count()));
        self.selection.set(index);
        let (Some(i), Some(doc)) = (index, doc) else {
            return;
        };
        if let Some(lane) = doc.event_lanes().get(i).and_then(|&l| doc.lanes().get(l)) {
            self.view.collapsed.remove(lane);
        }
        if let Some(&times) = doc.event_times().get(i) {
            self.view.ensure_visible(times);
        }
    }

    /// Selects the event `step` events after (before) the selected one.
    fn select_step(&mut self, step: i32) {
        let count = self.layers.doc.as_ref().map_or(0, |d| d.event_count());
        self.select(self.selection.stepped(count, step));
    }

    /// Selects the last event in time.
    fn select_last(&mut self) {
        let last = self.layers.doc.as_ref();
        self.select(last.and_then(|d| d.event_count().checked_sub(1)));
    }

    /// Puts the selected event's citation (the evidence shown) on the clipboard.
    fn copy_citation(&self, ctx: &egui::Context) {
        if let (Some(doc), Some(event)) = (self.doc(), self.selected_event()) {
            let tab = self.selection.evidence_tab;
            ctx.copy_text(crate::citation::citation(
                doc,
                &event,
                tab,
                self.settings.zone,
            ));
        }
    }

    /// Collapses every lane shown, or expands them all.
    fn collapse_all(&mut self, collapse: bool) {
        let lanes = self.layers.doc.as_ref().filter(|_| collapse);
        self.view.collapse_all(lanes.map(|d| d.lanes()));
    }

    fn set_zone(&mut self, zone: Zone) {
        if zone != self.settings.zone {
            self.settings.zone = zone;
            self.rebuild();
        }
    }

    fn set_theme(&mut self, ctx: &egui::Context, theme: Theme) {
        self.settings.theme = theme;
        ctx.set_theme(theme.preference());
    }

    /// Shows the event list (in time order), or hides it.
    fn toggle_event_list(&mut self) {
        if self.panels.event_list.take().is_some() {
            self.jobs.sort = None;
            return;
        }
        let mut list = EventList::default();
        self.jobs.sort = list.resort(self.jobs.wake(), self.layers.doc.as_ref());
        self.panels.event_list = Some(list);
    }

    /// Sorts the event list by a column (again: the other way round).
    fn sort_list(&mut self, by: SortBy) {
        if let Some(list) = &mut self.panels.event_list
            && list.sort_by(by)
        {
            self.jobs.sort = list.resort(self.jobs.wake(), self.layers.doc.as_ref());
        }
    }

    /// Shows or hides the filter panel, which lists the tags and sources.
    fn toggle_filters(&mut self) {
        self.panels.filters = !self.panels.filters;
        if self.panels.filters {
            for facet in [Facet::Tag, Facet::Source] {
                self.jobs.request_facet(&facet);
            }
        }
    }

    /// Opens the search bar and puts the keyboard focus in its field.
    fn open_search(&mut self, ctx: &egui::Context) {
        self.panels.search.get_or_insert_with(Search::default);
        ctx.memory_mut(|m| m.request_focus(search_bar::field_id()));
    }

    /// Searches the shown document for `text` (as it is typed).
    fn set_search(&mut self, text: String) {
        if let Some(search) = &mut self.panels.search {
            self.jobs.search = search.start(self.jobs.wake(), self.layers.doc.as_ref(), text);
        }
    }

    /// Selects the next (+1) or previous (-1) event found.
    fn search_step(&mut self, step: i32) {
        let next = self
            .panels
            .search
            .as_ref()
            .and_then(|s| s.step_from(self.selection.index, step));
        if next.is_some() {
            self.select(next);
        }
    }

    fn close_search(&mut self) {
        self.panels.search = None;
        self.jobs.search = None;
    }
}
