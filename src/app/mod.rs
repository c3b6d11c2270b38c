//! The desktop application: its state, the commands the UI emits, and the one
//! place ([`ChronoscopeApp::apply`]) where commands change that state.
//!
//! The UI modules (`timeline`, `source_panel`, `chrome`) only draw and push
//! [`Command`]s; this module owns the document, the view and the selection.

mod chrome;
pub mod event_list;
pub mod facet_cache;
pub mod filters;
pub mod headless;
pub mod import_dialog;
pub mod loading;
pub mod overview;
pub mod screenshot;
pub mod search_bar;
mod source_panel;
pub mod timeline;
mod watch;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::{Key, KeyboardShortcut, Modifiers};
use serde::{Deserialize, Serialize};

use crate::facets::Facet;
use crate::formats::{self, ImportOptions};
use crate::model::Document;
use crate::time_axis::TimeAxis;

/// Everything a user can ask for. UI code emits these; [`ChronoscopeApp::apply`] applies them.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Show the file dialog and open what the user picks.
    OpenDialog,
    Open(PathBuf),
    /// Reread every open file from disk, keeping the view and selection.
    Reload,
    /// Reread one layer (its file changed on disk).
    ReloadLayer(usize),
    /// Stop loading file `n` of [`ChronoscopeApp::loads`]; nothing changes.
    CancelLoad(usize),
    OpenExample,
    /// Show the save dialog and save what is shown as a native file.
    SaveAsDialog,
    SaveAs(PathBuf),
    /// Show the save dialog and export what is shown as a CSV table.
    ExportCsvDialog,
    ExportCsv(PathBuf),
    /// Show the save dialog and draw the timeline as a PNG picture (`png`)
    /// or an SVG drawing: the whole span (`whole`) or the window in view.
    ExportPictureDialog {
        whole: bool,
        png: bool,
    },
    /// Draw `[t0, t1]`, `width` points wide, to the file: a PNG picture
    /// when its name ends in `.png`, else an SVG drawing.
    ExportPicture {
        path: PathBuf,
        t0: f64,
        t1: f64,
        width: f32,
    },
    CloseLayer(usize),
    SetLayerVisible(usize, bool),
    /// Import the spreadsheet in the import dialog with the choices made there.
    ConfirmImport,
    CancelImport,
    /// Select an event by index, or clear the selection.
    Select(Option<usize>),
    /// Select the next (+1) or previous (-1) event in time.
    SelectStep(i32),
    /// Select the first or last event in time and show it.
    SelectFirst,
    SelectLast,
    /// Replace the view (pan and zoom from the timeline).
    SetView(TimeAxis),
    FitAll,
    /// Zoom around the centre of the timeline; above 1 zooms in.
    Zoom(f64),
    /// Show the time range `[t0, t1]` (e.g. clicking a cluster).
    ZoomToRange(f64, f64),
    SetTheme(Theme),
    ShowShortcuts(bool),
    ShowAbout(bool),
    DismissError(usize),
    /// Put the selected event's citation (the evidence shown) on the clipboard.
    CopyCitation,
    /// Show or hide the event list.
    ToggleEventList,
    /// Show or hide the filter panel.
    ToggleFilters,
    /// Show (`true`) or hide a category's events.
    ShowCategory(String, bool),
    /// Show (`true`) or hide the events with these values of a facet (tags,
    /// sources).
    ShowValues(Facet, Vec<String>, bool),
    /// Group the events into lanes by this field.
    GroupBy(Facet),
    /// Collapse an expanded lane (by name), or expand a collapsed one.
    ToggleLane(String),
    /// Collapse (`true`) or expand every lane.
    CollapseAllLanes(bool),
    /// Show times of day in this zone.
    SetZone(crate::model::Zone),
    /// Show only events overlapping these dates (as typed; blank: no limit).
    SetDateFilter(String, String),
    ClearFilters,
    /// Sort the event list by a column (again: the other way round).
    SortList(event_list::SortBy),
    /// Open the search bar and put the keyboard focus in it.
    OpenSearch,
    /// Search for this text (as it is typed).
    SetSearch(String),
    /// Select the next (+1) or previous (-1) event found.
    SearchStep(i32),
    CloseSearch,
    Quit,
}

/// The colour theme the user chose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    Light,
    Dark,
    #[default]
    System,
}

impl Theme {
    fn preference(self) -> egui::ThemePreference {
        match self {
            Self::Light => egui::ThemePreference::Light,
            Self::Dark => egui::ThemePreference::Dark,
            Self::System => egui::ThemePreference::System,
        }
    }
}

/// What persists across runs (window size is persisted by eframe itself).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Recently opened files, most recent first.
    pub recent: Vec<PathBuf>,
    pub theme: Theme,
    /// The zone times of day are shown in.
    pub zone: crate::model::Zone,
}

/// Most lanes a grouping by a field makes; the least common values share
/// the last, "Other".
pub const MAX_LANES: usize = 24;

/// How many recent files the File menu remembers.
const MAX_RECENT: usize = 10;

/// How the app was started.
#[derive(Clone, Debug, Default)]
pub struct StartOptions {
    /// Files to open; none opens the bundled example.
    pub files: Vec<PathBuf>,
    /// Save a screenshot of the first fitted frame to this PNG and exit.
    pub screenshot: Option<(PathBuf, screenshot::Outcome)>,
    /// A window size asked for on the command line, applied over the restored one.
    pub size: Option<egui::Vec2>,
    /// Import choices from the command line; with them, spreadsheets open
    /// without the import dialog.
    pub import: Option<ImportOptions>,
}

/// What a file dialog was opened for.
#[derive(Clone, Copy, Debug, PartialEq)]
enum DialogKind {
    Open,
    Save,
    ExportCsv,
    /// The time range and width to draw.
    ExportPicture(f64, f64, f32),
}

/// A failed load, as the user sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadFailure {
    pub path: PathBuf,
    pub message: String,
    /// Whether it was writing the file that failed, not reading it.
    pub saving: bool,
}

/// Keyboard shortcuts, listed in Help > Keyboard shortcuts.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Ctrl+O", "Open a file"),
    ("Ctrl+R or F5", "Reload the files from disk"),
    ("Ctrl+Shift+S", "Save what is shown as a Chronoscope file"),
    ("Ctrl+L", "Show or hide the event list"),
    (
        "Ctrl+Shift+F",
        "Show or hide the filters: categories, files, tags, sources and dates",
    ),
    (
        "Ctrl+F",
        "Search titles, texts, tags and quotes; Enter / Shift+Enter: next / previous found",
    ),
    (
        "Ctrl+Shift+C",
        "Copy the selected event's citation: title, date, source and quote",
    ),
    ("Mouse wheel, Ctrl+wheel, pinch", "Zoom around the pointer"),
    ("Shift+wheel, drag", "Pan"),
    (
        "Drag along the ruler",
        "Show only the events of those dates",
    ),
    ("Click a lane's name", "Collapse or expand the lane"),
    ("+ / -", "Zoom in / out"),
    ("F, double-click on empty space", "Fit all events"),
    ("Home / End", "Jump to the first / last event"),
    ("Left / Right arrow", "Select the previous / next event"),
    ("Esc", "Clear the selection"),
    (
        "Page Up / Page Down",
        "Scroll the lanes, when there are more than fit",
    ),
    ("Ctrl+Q", "Quit"),
];

/// One open file: a layer of the shared timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    /// Shared with [`ChronoscopeApp::doc`] when it is the only visible layer,
    /// so a large file is never copied.
    pub doc: Arc<Document>,
    pub visible: bool,
    /// Index into the timeline palette.
    pub color: usize,
    /// The bundled example, which a file the user opens replaces.
    pub is_example: bool,
    /// How the file was imported (column mapping, date order), for reloads.
    pub options: ImportOptions,
}

// Its flags are independent switches of the window (panels and windows
// shown), not the states of one machine.
#[allow(clippy::struct_excessive_bools)]
pub struct ChronoscopeApp {
    /// The open files, in the order they were opened.
    pub layers: Vec<Layer>,
    /// What the timeline shows: the visible layers merged into one document
    /// (see [`Document::merged`]), or the one visible layer itself; `None`
    /// when no file is open.
    pub doc: Option<Arc<Document>>,
    /// The layer `doc` is, when it is one layer shown as it is.
    single_layer: Option<usize>,
    /// The current view; `None` means "fit all" on the next frame.
    pub view: Option<TimeAxis>,
    /// Index of the selected event in `doc.events`.
    pub selected: Option<usize>,
    /// Loads that failed, newest last, until dismissed.
    pub failures: Vec<LoadFailure>,
    pub settings: Settings,
    /// Horizontal extent of the timeline in the last frame: (left, width).
    timeline_span: Option<(f64, f64)>,
    show_shortcuts: bool,
    show_about: bool,
    /// Set when the selection changes, so the source panel scrolls to the quote once.
    scroll_to_quote: bool,
    /// Which evidence item of the selected event the source panel shows.
    evidence_tab: usize,
    screenshot: Option<screenshot::Job>,
    /// A window size to apply on the first frame.
    initial_size: Option<egui::Vec2>,
    /// The answer of a file dialog, while it is shown.
    dialog: Option<(DialogKind, std::sync::mpsc::Receiver<Vec<PathBuf>>)>,
    commands: Vec<Command>,
    /// The window title last sent, so it is sent only when it changes.
    title_sent: String,
    /// Reports open files that changed on disk.
    watcher: Option<watch::Watcher>,
    /// The spreadsheet being imported, and the files waiting for the dialog.
    pub import: Option<import_dialog::ImportDialog>,
    /// What is filtered out of what is open.
    pub filters: filters::Filters,
    /// Whether the filter panel is shown (Ctrl+Shift+F).
    pub filters_open: bool,
    /// Everything open before filtering (what `doc` shows when nothing is
    /// filtered), and the number of events in each of its lanes.
    pub unfiltered: Option<Arc<Document>>,
    pub lane_counts: Vec<usize>,
    /// What the lanes group events by (View > Lanes by).
    pub group_by: Facet,
    /// Lanes collapsed to their title, by name.
    pub collapsed: std::collections::BTreeSet<String>,
    /// The facets of `unfiltered`, for lanes by a field and the filters.
    pub facets: facet_cache::FacetCache,
    /// The events of `unfiltered` that move in the zone shown.
    pub zones: facet_cache::ZoneCache,
    /// The event list under the timeline, while shown (Ctrl+L).
    pub event_list: Option<event_list::EventList>,
    /// The search bar, while open (Ctrl+F).
    pub search: Option<search_bar::Search>,
    /// For work that finishes on other threads (search, sorting) to wake the window.
    wake: egui::Context,
    pending_imports: std::collections::VecDeque<(PathBuf, String)>,
    /// Files loading on background threads.
    pub loads: Vec<loading::Job>,
    /// Files being saved on background threads, and their outcomes.
    pub saving: Vec<PathBuf>,
    saves_tx: std::sync::mpsc::Sender<(PathBuf, Result<(), String>)>,
    saves_rx: std::sync::mpsc::Receiver<(PathBuf, Result<(), String>)>,
    /// Import choices given on the command line.
    cli_import: Option<ImportOptions>,
}

impl ChronoscopeApp {
    /// Creates the app, restoring settings from `cc` and opening `options.files`
    /// (or the bundled example).
    #[must_use]
    pub fn new(cc: &eframe::CreationContext<'_>, options: StartOptions) -> Self {
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        Self::with_settings(&cc.egui_ctx, settings, options)
    }

    /// Creates the app on `ctx` with `settings`, without a window: what
    /// [`Self::new`] does after reading the stored settings. Benchmarks and
    /// tests drive it with [`Self::logic_pass`] and [`Self::ui_pass`].
    #[must_use]
    pub fn with_settings(ctx: &egui::Context, settings: Settings, options: StartOptions) -> Self {
        ctx.set_theme(settings.theme.preference());
        let (saves_tx, saves_rx) = std::sync::mpsc::channel();
        let mut app = Self {
            layers: Vec::new(),
            doc: None,
            single_layer: None,
            view: None,
            selected: None,
            failures: Vec::new(),
            settings,
            timeline_span: None,
            show_shortcuts: false,
            show_about: false,
            scroll_to_quote: false,
            evidence_tab: 0,
            screenshot: options
                .screenshot
                .map(|(path, outcome)| screenshot::Job::new(path, outcome)),
            initial_size: options.size,
            dialog: None,
            commands: Vec::new(),
            title_sent: String::new(),
            watcher: watch::Watcher::new(ctx),
            wake: ctx.clone(),
            import: None,
            search: None,
            event_list: None,
            filters: filters::Filters::default(),
            filters_open: false,
            unfiltered: None,
            lane_counts: Vec::new(),
            group_by: Facet::Category,
            collapsed: std::collections::BTreeSet::new(),
            facets: facet_cache::FacetCache::default(),
            zones: facet_cache::ZoneCache::default(),
            pending_imports: std::collections::VecDeque::new(),
            loads: Vec::new(),
            saving: Vec::new(),
            saves_tx,
            saves_rx,
            cli_import: options.import,
        };
        if options.files.is_empty() {
            app.apply(ctx, Command::OpenExample);
        }
        for file in options.files {
            app.apply(ctx, Command::Open(file));
        }
        app
    }

    /// Queues a command to be applied at the end of this frame.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// The selected event, if any.
    #[must_use]
    pub fn selected_event(&self) -> Option<crate::model::EventRef<'_>> {
        self.doc.as_ref()?.event(self.selected?)
    }

    /// Applies one command. The only place where app state changes.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::OpenDialog => {
                if self.dialog.is_some() {
                    return; // one dialog at a time
                }
                let mut dialog = rfd::FileDialog::new()
                    .set_title("Open an event file")
                    .add_filter("Chronoscope event files", &["json"])
                    .add_filter("All files", &["*"]);
                if let Some(dir) = self
                    .doc
                    .as_ref()
                    .and_then(|d| d.path.as_deref())
                    .and_then(Path::parent)
                {
                    dialog = dialog.set_directory(dir);
                }
                self.spawn_dialog(ctx, DialogKind::Open, move || {
                    dialog.pick_files().unwrap_or_default()
                });
            }
            Command::Open(path) => self.open(ctx, &path),
            Command::Reload => {
                for i in 0..self.layers.len() {
                    self.reload_layer(ctx, i);
                }
            }
            Command::ReloadLayer(i) => self.reload_layer(ctx, i),
            Command::CancelLoad(i) => {
                if i < self.loads.len() {
                    self.loads.remove(i).cancel();
                }
            }
            Command::OpenExample => match crate::example::load() {
                Ok(doc) => self.add_layer(doc, true),
                Err(e) => self.failures.push(LoadFailure {
                    path: PathBuf::from(crate::example::NAME),
                    message: e.to_string(),
                    saving: false,
                }),
            },
            Command::SaveAsDialog => self.save_dialog(
                ctx,
                DialogKind::Save,
                "Save as a Chronoscope event file",
                &[("Chronoscope event files", "json")],
                ".chronoscope.json",
            ),
            Command::SaveAs(path) => {
                self.write_in_background(ctx, path, formats::native::write::save);
            }
            Command::ExportCsvDialog => self.save_dialog(
                ctx,
                DialogKind::ExportCsv,
                "Export the events as a CSV table",
                &[("CSV tables", "csv"), ("Tab-separated tables", "tsv")],
                ".events.csv",
            ),
            Command::ExportPictureDialog { whole, png } => {
                let Some(doc) = &self.doc else { return };
                let width = self.timeline_span.map_or(1400.0, |(_, w)| w as f32);
                let range = if whole {
                    doc.time_range()
                        .map(|(t0, t1)| crate::svg::with_margin(t0, t1))
                } else {
                    self.view.map(|v| (v.start(), v.end()))
                };
                let Some((t0, t1)) = range else { return };
                let kind = DialogKind::ExportPicture(t0, t1, width);
                if png {
                    let title = "Export the timeline as a PNG picture";
                    let filters = [("PNG pictures", "png")];
                    self.save_dialog(ctx, kind, title, &filters, ".timeline.png");
                } else {
                    let title = "Export the timeline as an SVG drawing";
                    let filters = [("SVG drawings", "svg")];
                    self.save_dialog(ctx, kind, title, &filters, ".timeline.svg");
                }
            }
            Command::ExportPicture {
                path,
                t0,
                t1,
                width,
            } => {
                // Collapsed lanes are drawn collapsed, as in the window.
                let collapsed: Vec<bool> = self.doc.as_ref().map_or_else(Vec::new, |d| {
                    d.lanes.iter().map(|l| self.collapsed.contains(l)).collect()
                });
                let png = path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("png"));
                self.write_in_background(ctx, path, move |doc, path| {
                    let svg = crate::svg::render(doc, t0, t1, width, &collapsed);
                    let bytes = if png {
                        crate::png::from_svg(&svg, crate::png::SCALE).map_err(|e| {
                            formats::native::write::SaveError {
                                path: path.to_path_buf(),
                                source: std::io::Error::other(e),
                            }
                        })?
                    } else {
                        svg.into_bytes()
                    };
                    formats::native::write::write_atomically(path, |f| {
                        std::io::Write::write_all(f, &bytes)
                    })
                });
            }
            Command::ExportCsv(path) => {
                self.write_in_background(ctx, path, formats::csv_write::save);
            }
            Command::CloseLayer(i) => {
                if i < self.layers.len() {
                    self.layers.remove(i);
                    self.rebuild();
                }
            }
            Command::ConfirmImport => {
                if let Some(dialog) = self.import.take() {
                    self.loads.push(loading::Job::import(
                        ctx,
                        &dialog.path,
                        dialog.shared_text(),
                        dialog.options.clone(),
                    ));
                }
                self.next_import();
            }
            Command::CancelImport => {
                self.import = None;
                self.next_import();
            }
            Command::SetLayerVisible(i, visible) => {
                if let Some(layer) = self.layers.get_mut(i) {
                    layer.visible = visible;
                    self.rebuild();
                }
            }
            Command::Select(index) => self.select(index),
            Command::SelectStep(step) => {
                let Some(doc) = &self.doc else { return };
                let count = doc.event_count();
                let next = match self.selected {
                    None if step >= 0 => Some(0),
                    None => count.checked_sub(1),
                    Some(i) => {
                        let j = i as i64 + i64::from(step);
                        usize::try_from(j).ok().filter(|&j| j < count).or(Some(i))
                    }
                };
                self.select(next);
            }
            Command::SelectFirst => self.select(Some(0)),
            Command::SelectLast => {
                let last = self
                    .doc
                    .as_ref()
                    .and_then(|d| d.event_count().checked_sub(1));
                self.select(last);
            }
            Command::SetView(axis) => self.view = Some(axis),
            Command::FitAll => self.view = None,
            Command::Zoom(factor) => {
                if let Some(view) = self.view {
                    let centre = view.x_left() + view.width() / 2.0;
                    self.view = Some(view.zoom_at(centre, factor));
                }
            }
            Command::ZoomToRange(t0, t1) => {
                if let Some((left, width)) = self.timeline_span {
                    self.view = Some(TimeAxis::fit(left, width, t0, t1, timeline::FIT_MARGIN));
                }
            }
            Command::SetTheme(theme) => {
                self.settings.theme = theme;
                ctx.set_theme(theme.preference());
            }
            Command::ShowShortcuts(show) => self.show_shortcuts = show,
            Command::ShowAbout(show) => self.show_about = show,
            Command::DismissError(i) => {
                if i < self.failures.len() {
                    self.failures.remove(i);
                }
            }
            Command::ToggleEventList => {
                if self.event_list.take().is_none() {
                    let mut list = event_list::EventList::default();
                    list.resort(ctx, self.doc.as_ref());
                    self.event_list = Some(list);
                }
            }
            Command::ToggleFilters => self.filters_open = !self.filters_open,
            Command::ShowCategory(name, shown) => {
                if shown {
                    self.filters.hidden.remove(&name);
                } else {
                    self.filters.hidden.insert(name);
                }
                self.rebuild();
            }
            Command::ShowValues(facet, names, shown) => {
                let hidden = self.filters.hidden_values.entry(facet).or_default();
                for name in names {
                    if shown {
                        hidden.remove(&name);
                    } else {
                        hidden.insert(name);
                    }
                }
                self.rebuild();
            }
            Command::GroupBy(facet) => {
                if facet != self.group_by {
                    self.group_by = facet;
                    self.collapsed.clear();
                    self.rebuild();
                }
            }
            Command::SetZone(zone) => {
                if zone != self.settings.zone {
                    self.settings.zone = zone;
                    self.rebuild();
                }
            }
            Command::ToggleLane(name) => {
                if !self.collapsed.remove(&name) {
                    self.collapsed.insert(name);
                }
            }
            Command::CollapseAllLanes(collapse) => {
                self.collapsed.clear();
                if collapse && let Some(doc) = &self.doc {
                    self.collapsed.extend(doc.lanes.iter().cloned());
                }
            }
            Command::SetDateFilter(from, to) => {
                self.filters.from = from;
                self.filters.to = to;
                self.rebuild();
            }
            Command::ClearFilters => {
                self.filters = filters::Filters::default();
                self.rebuild();
            }
            Command::SortList(by) => {
                if let Some(list) = &mut self.event_list {
                    list.sort_by(ctx, self.doc.as_ref(), by);
                }
            }
            Command::OpenSearch => {
                self.search
                    .get_or_insert_with(search_bar::Search::default)
                    .focus = true;
            }
            Command::SetSearch(text) => {
                if let Some(search) = &mut self.search {
                    search.start(ctx, self.doc.as_ref(), text);
                }
            }
            Command::SearchStep(step) => {
                let next = self
                    .search
                    .as_ref()
                    .and_then(|s| s.step_from(self.selected, step));
                if next.is_some() {
                    self.select(next);
                }
            }
            Command::CloseSearch => self.search = None,
            Command::CopyCitation => {
                if let (Some(doc), Some(event)) = (self.doc.as_ref(), self.selected_event()) {
                    ctx.copy_text(crate::citation::citation(
                        doc,
                        &event,
                        self.evidence_tab,
                        self.settings.zone,
                    ));
                }
            }
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
        ctx.request_repaint();
    }

    fn select(&mut self, index: Option<usize>) {
        let index = index.filter(|&i| self.doc.as_ref().is_some_and(|d| i < d.event_count()));
        if index != self.selected {
            self.scroll_to_quote = index.is_some();
            self.evidence_tab = 0;
        }
        self.selected = index;
        // Keep the selection in view.
        // A collapsed lane opens to show the event selected in it.
        if let Some(lane) = self.selected.and_then(|i| {
            let doc = self.doc.as_ref()?;
            doc.lanes.get(*doc.event_lane.get(i)?)
        }) {
            self.collapsed.remove(lane);
        }
        // Its place on the timeline (in the zone shown).
        let times = self
            .selected
            .and_then(|i| self.doc.as_ref()?.event_times.get(i).copied());
        if let (Some((t0, t1)), Some(view)) = (times, self.view) {
            let margin = timeline::FIT_MARGIN;
            self.view = Some(view.ensure_visible(t0, t1, margin));
        }
    }

    /// Shows a file dialog on its own thread (it blocks); the window keeps
    /// drawing, and [`Self::poll_dialog`] picks up the answer.
    fn spawn_dialog<F>(&mut self, ctx: &egui::Context, kind: DialogKind, show: F)
    where
        F: FnOnce() -> Vec<PathBuf> + Send + 'static,
    {
        let (tx, rx) = std::sync::mpsc::channel();
        let repaint = ctx.clone();
        std::thread::spawn(move || {
            // The app may have quit meanwhile; then nobody needs the answer.
            let _ = tx.send(show());
            repaint.request_repaint();
        });
        self.dialog = Some((kind, rx));
    }

    fn poll_dialog(&mut self) {
        let Some((kind, rx)) = &self.dialog else {
            return;
        };
        let kind = *kind;
        match rx.try_recv() {
            Ok(paths) => {
                self.dialog = None;
                for path in paths {
                    self.commands.push(match kind {
                        DialogKind::Open => Command::Open(path),
                        DialogKind::Save => Command::SaveAs(path),
                        DialogKind::ExportCsv => Command::ExportCsv(path),
                        DialogKind::ExportPicture(t0, t1, width) => Command::ExportPicture {
                            path,
                            t0,
                            t1,
                            width,
                        },
                    });
                }
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => self.dialog = None,
            Err(std::sync::mpsc::TryRecvError::Empty) => {}
        }
    }

    /// Starts loading `path` as a new layer (or rereading it if it is open
    /// already). Nothing changes until the load has finished; on failure the
    /// error is recorded and everything stays as it was.
    fn open(&mut self, ctx: &egui::Context, path: &Path) {
        if let Some(i) = self
            .layers
            .iter()
            .position(|l| l.doc.path.as_deref() == Some(path))
        {
            self.reload_layer(ctx, i);
            return;
        }
        if self.loads.iter().any(|j| j.path == path) {
            return; // already on its way
        }
        let purpose = loading::Purpose::Open(self.cli_import.clone());
        self.loads.push(loading::Job::start(ctx, path, purpose));
    }

    /// Shows a save dialog for `kind` (when none is open and something is
    /// shown), offering `filters` as (name, extension) and the shown file's
    /// name followed by `suffix`.
    fn save_dialog(
        &mut self,
        ctx: &egui::Context,
        kind: DialogKind,
        title: &str,
        filters: &[(&str, &str)],
        suffix: &str,
    ) {
        let (Some(doc), None) = (&self.doc, &self.dialog) else {
            return;
        };
        let name = doc
            .path
            .as_deref()
            .and_then(Path::file_stem)
            .and_then(|s| s.to_str())
            .unwrap_or("chronology");
        let mut dialog = rfd::FileDialog::new()
            .set_title(title)
            .set_file_name(format!("{name}{suffix}"));
        for (filter, extension) in filters {
            dialog = dialog.add_filter(*filter, &[*extension]);
        }
        self.spawn_dialog(ctx, kind, move || dialog.save_file().into_iter().collect());
    }

    /// Writes what is shown to `path` with `write` on its own thread (a large
    /// file takes seconds); a failure is shown like a failed load.
    fn write_in_background(
        &mut self,
        ctx: &egui::Context,
        path: PathBuf,
        write: impl FnOnce(&Document, &Path) -> Result<(), formats::native::write::SaveError>
        + Send
        + 'static,
    ) {
        if let Some(doc) = &self.doc {
            let (doc, tx) = (Arc::clone(doc), self.saves_tx.clone());
            let repaint = ctx.clone();
            self.saving.push(path.clone());
            std::thread::spawn(move || {
                let result = write(&doc, &path).map_err(|e| e.to_string());
                let _ = tx.send((path, result));
                repaint.request_repaint();
            });
        }
    }

    /// Applies the loads that finished since the last frame.
    fn poll_loads(&mut self) {
        let mut i = 0;
        let mut open_waiting = false;
        while i < self.loads.len() {
            let done = self.loads[i].poll();
            let is_open = matches!(self.loads[i].purpose, loading::Purpose::Open(_));
            // Files opened together become layers in the order they were asked for.
            if !done || (is_open && open_waiting) {
                open_waiting |= is_open;
                i += 1;
                continue;
            }
            let mut job = self.loads.remove(i);
            let Some(outcome) = job.outcome.take() else {
                continue;
            };
            match (outcome, job.purpose) {
                (loading::Outcome::Failed(formats::LoadError::Cancelled { .. }), _) => {}
                (loading::Outcome::Failed(e), _) => self.fail(&job.path, &e),
                (loading::Outcome::NeedsImport(text), _) => {
                    if self.import.is_some() {
                        self.pending_imports.push_back((job.path, text));
                    } else {
                        self.import = Some(import_dialog::ImportDialog::new(
                            job.path,
                            text,
                            ImportOptions::default(),
                        ));
                    }
                }
                (loading::Outcome::Loaded(doc), loading::Purpose::Open(options)) => {
                    self.finish_open(&job.path, Ok(*doc), options.unwrap_or_default());
                }
                (loading::Outcome::Loaded(doc), loading::Purpose::Reload(_)) => {
                    let layer = self
                        .layers
                        .iter()
                        .position(|l| l.doc.path.as_deref() == Some(&job.path));
                    if let Some(layer) = layer {
                        self.failures.retain(|f| f.path != job.path);
                        self.layers[layer].doc = Arc::new(*doc);
                        self.rebuild();
                    }
                }
            }
        }
    }

    /// Whether any file is still loading.
    #[must_use]
    pub fn is_loading(&self) -> bool {
        !self.loads.is_empty() || !self.saving.is_empty()
    }

    /// Adds a loaded file as a layer, or shows why it failed.
    fn finish_open(
        &mut self,
        path: &Path,
        result: Result<Document, formats::LoadError>,
        options: ImportOptions,
    ) {
        match result {
            Ok(mut doc) => {
                doc.path = Some(path.to_path_buf());
                self.failures.retain(|f| f.path != path);
                self.remember_recent(path);
                self.add_layer(doc, false);
                if let Some(layer) = self.layers.last_mut() {
                    layer.options = options;
                }
            }
            Err(e) => self.fail(path, &e),
        }
    }

    /// Opens the import dialog for the next spreadsheet waiting for it.
    fn next_import(&mut self) {
        if self.import.is_none()
            && let Some((path, text)) = self.pending_imports.pop_front()
        {
            self.import = Some(import_dialog::ImportDialog::new(
                path,
                text,
                ImportOptions::default(),
            ));
        }
    }

    fn fail(&mut self, path: &Path, e: &dyn std::fmt::Display) {
        self.failures.retain(|f| f.path != path);
        self.failures.push(LoadFailure {
            path: path.to_path_buf(),
            message: e.to_string(),
            saving: false,
        });
    }

    /// Starts rereading layer `i` from its file; when done, the view and the
    /// selection are kept.
    fn reload_layer(&mut self, ctx: &egui::Context, i: usize) {
        let Some((path, options)) = self
            .layers
            .get(i)
            .and_then(|l| Some((l.doc.path.clone()?, l.options.clone())))
        else {
            return;
        };
        // A newer change supersedes a reload still under way.
        if let Some(j) = self.loads.iter().position(|j| j.path == path) {
            self.loads.remove(j).cancel();
        }
        let purpose = loading::Purpose::Reload(options);
        self.loads.push(loading::Job::start(ctx, &path, purpose));
    }

    fn add_layer(&mut self, doc: Document, is_example: bool) {
        // A file the user opens replaces the bundled example.
        if !is_example && self.layers.len() == 1 && self.layers[0].is_example {
            self.layers.clear();
        }
        // The first colour no open layer uses (of len + 1 candidates, one is free).
        let color = (0..=self.layers.len())
            .find(|c| !self.layers.iter().any(|l| l.color == *c))
            .unwrap_or(0);
        self.layers.push(Layer {
            doc: Arc::new(doc),
            visible: true,
            color,
            is_example,
            options: ImportOptions::default(),
        });
        self.rebuild();
        self.view = None; // fit, so the new file's events are in view
    }

    /// Rebuilds the shown document from the visible layers, keeping the
    /// selected event (by file and id) when it is still there.
    fn rebuild(&mut self) {
        // The selected event, with its times now and in the zone shown
        // (which a change of zone moves it to).
        let selected = self.selected.and_then(|i| {
            let doc = self.doc.as_ref()?;
            let event = doc.event(i)?;
            Some((
                Self::layer_of(doc, self.single_layer, i),
                event.id.clone(),
                [
                    doc.event_times.get(i).copied()?,
                    event.times_in(self.settings.zone),
                ],
            ))
        });
        let parts: Vec<(usize, Arc<Document>)> = self
            .layers
            .iter()
            .enumerate()
            .filter(|(_, l)| l.visible)
            .map(|(i, l)| (i, Arc::clone(&l.doc)))
            .collect();
        let single = match parts.as_slice() {
            [(i, _)] => Some(*i),
            _ => None,
        };
        let merged = match single {
            _ if self.layers.is_empty() => None,
            // One file: shown as it is, not copied.
            Some(i) => self.layers.get(i).map(|l| Arc::clone(&l.doc)),
            // Several: read from theirs, not copied.
            None => Some(Arc::new(Document::layered(&parts))),
        };
        // What passes the filters, read from what is open without a copy.
        self.lane_counts = merged.as_ref().map_or_else(Vec::new, |d| {
            let mut counts = vec![0; d.lanes.len()];
            for &lane in &d.event_lane {
                if let Some(c) = counts.get_mut(lane) {
                    *c += 1;
                }
            }
            counts
        });
        self.unfiltered.clone_from(&merged);
        // The facets lanes and filters need: read now, or on a thread (the
        // app is rebuilt again when they are ready; meanwhile it shows
        // the lanes by category and what the other filters pass).
        let files = self.layers.iter().map(|l| l.doc.name.clone()).collect();
        self.facets
            .describe(merged.as_ref(), files, single.unwrap_or(0));
        // Lanes by a field the files now open do not have: by category.
        if let Facet::Field(name) = &self.group_by
            && merged.is_some()
            && !self.facets.fields().contains(name)
        {
            self.group_by = Facet::Category;
            self.collapsed.clear();
        }
        let mut wanted: Vec<Facet> = self
            .filters
            .value_facets()
            .map(|(f, _)| f.clone())
            .collect();
        if self.group_by != Facet::Category {
            wanted.push(self.group_by.clone());
        }
        for facet in &wanted {
            self.facets.request(&self.wake, facet);
        }
        // Times written with an offset, in the zone shown (none move in
        // UTC; until they are found, they are shown there).
        self.zones.describe(merged.as_ref());
        self.zones.request(&self.wake, self.settings.zone);
        let moved = self.zones.moved(self.settings.zone).unwrap_or_default();
        let values: Vec<filters::ValueFilter> = self
            .filters
            .value_facets()
            .filter_map(|(facet, hidden)| {
                let values = self.facets.get(facet)?;
                Some(filters::ValueFilter::new(facet, values, hidden))
            })
            .collect();
        let grouping = (self.group_by != Facet::Category)
            .then(|| self.facets.get(&self.group_by))
            .flatten()
            .map(|v| v.grouping(&self.group_by, MAX_LANES));
        let range = self.filters.range();
        let filtering = self.filters.active() && range.is_ok();
        self.doc = match (&merged, range) {
            (Some(full), Ok(range)) if filtering || grouping.is_some() || !moved.is_empty() => {
                let filters = &self.filters;
                let keep = |i| !filtering || filters.keeps(full, range, &values, i);
                let mut shown = Document::filtered(full, &keep, grouping.as_ref(), moved);
                // Each category keeps its colour when others are hidden.
                if grouping.is_none() {
                    for (lane, name) in full.lanes.iter().enumerate() {
                        shown.category_colors.entry(name.clone()).or_insert(
                            crate::layout::LANE_RGB[lane % crate::layout::LANE_RGB.len()],
                        );
                    }
                }
                Some(Arc::new(shown))
            }
            _ => merged,
        };
        self.single_layer = single;
        let before = self.selected;
        self.selected = selected.and_then(|(layer, id, times)| {
            let doc = self.doc.as_ref()?;
            let is_it = |j: usize| {
                doc.event(j).is_some_and(|e| e.id == id) && Self::layer_of(doc, single, j) == layer
            };
            // Where it was, as when the same file is shown again; else among
            // the events at its time (events may be rows, read one by one);
            // else, its dates changed, through all of them.
            before
                .filter(|&j| is_it(j))
                .or_else(|| {
                    times
                        .iter()
                        .find_map(|&t| doc.events_at(t).find(|&j| is_it(j)))
                })
                .or_else(|| {
                    doc.iter_events()
                        .enumerate()
                        .position(|(j, e)| e.id == id && Self::layer_of(doc, single, j) == layer)
                })
        });
        if self.selected.is_none() {
            self.evidence_tab = 0;
        }
        self.scroll_to_quote = self.selected.is_some();
        // The list's order and the found events are indices into the
        // document: make them again for the new one.
        if let Some(list) = &mut self.event_list {
            list.resort(&self.wake, self.doc.as_ref());
        }
        if let Some(search) = &mut self.search {
            let text = std::mem::take(&mut search.text);
            search.start(&self.wake, self.doc.as_ref(), text);
        }
        if self.layers.is_empty() {
            self.view = None;
        }
        if let Some(watcher) = &mut self.watcher {
            let files: Vec<PathBuf> = self.layers.iter().flat_map(Self::layer_files).collect();
            watcher.watch(&files);
        }
    }

    /// The layer event `i` of `doc` comes from; `single` is the layer `doc`
    /// is when it is one layer shown as it is.
    fn layer_of(doc: &Document, single: Option<usize>, i: usize) -> Option<usize> {
        doc.event_layer.get(i).copied().or(single)
    }

    /// The files each layer was read from: its event file and source text files.
    fn layer_files(layer: &Layer) -> Vec<PathBuf> {
        let Some(path) = &layer.doc.path else {
            return Vec::new();
        };
        let dir = path.parent().unwrap_or(Path::new(""));
        std::iter::once(path.clone())
            .chain(
                layer
                    .doc
                    .sources
                    .iter()
                    .filter_map(|s| s.text_file.as_ref().map(|f| dir.join(f))),
            )
            .collect()
    }

    /// Reloads the layers whose files changed on disk.
    fn poll_watcher(&mut self) {
        let Some(watcher) = &self.watcher else { return };
        let changed = watcher.changed();
        if changed.is_empty() {
            return;
        }
        for (i, layer) in self.layers.iter().enumerate() {
            let files: Vec<PathBuf> = Self::layer_files(layer)
                .iter()
                .map(|f| watch::canonical(f))
                .collect();
            if files.iter().any(|f| changed.contains(f)) {
                self.commands.push(Command::ReloadLayer(i));
            }
        }
    }

    /// Palette index of each layer, for colouring events by file.
    #[must_use]
    pub fn layer_colors(&self) -> Vec<usize> {
        self.layers.iter().map(|l| l.color).collect()
    }

    fn remember_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.settings.recent.retain(|p| *p != path);
        self.settings.recent.insert(0, path);
        self.settings.recent.truncate(MAX_RECENT);
    }

    /// Turns global keyboard shortcuts and dropped files into commands.
    fn read_input(&mut self, ctx: &egui::Context) {
        let typing = ctx.egui_wants_keyboard_input();
        let mut commands = Vec::new();
        ctx.input_mut(|i| {
            let ctrl = |key| KeyboardShortcut::new(Modifiers::COMMAND, key);
            if i.consume_shortcut(&ctrl(Key::O)) {
                commands.push(Command::OpenDialog);
            }
            if i.consume_shortcut(&ctrl(Key::R)) || i.consume_key(Modifiers::NONE, Key::F5) {
                commands.push(Command::Reload);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::S,
            )) {
                commands.push(Command::SaveAsDialog);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::C,
            )) {
                commands.push(Command::CopyCitation);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::F,
            )) {
                commands.push(Command::ToggleFilters);
            }
            // After Ctrl+Shift+F, which Ctrl+F would also take.
            if i.consume_shortcut(&ctrl(Key::F)) {
                commands.push(Command::OpenSearch);
            }
            if i.consume_shortcut(&ctrl(Key::L)) {
                commands.push(Command::ToggleEventList);
            }

            if i.consume_shortcut(&ctrl(Key::Q)) {
                commands.push(Command::Quit);
            }
            for file in &i.raw.dropped_files {
                let path = file.path();
                if !path.as_os_str().is_empty() {
                    commands.push(Command::Open(path.to_path_buf()));
                }
            }
            if typing {
                return;
            }
            let plain = [
                (Key::ArrowRight, Command::SelectStep(1)),
                (Key::ArrowLeft, Command::SelectStep(-1)),
                (Key::Home, Command::SelectFirst),
                (Key::End, Command::SelectLast),
                (Key::Escape, Command::Select(None)),
                (Key::F, Command::FitAll),
                (Key::Plus, Command::Zoom(timeline::KEY_ZOOM)),
                (Key::Equals, Command::Zoom(timeline::KEY_ZOOM)),
                (Key::Minus, Command::Zoom(1.0 / timeline::KEY_ZOOM)),
            ];
            for (key, command) in plain {
                if i.consume_key(Modifiers::NONE, key) || i.consume_key(Modifiers::SHIFT, key) {
                    commands.push(command);
                }
            }
        });
        self.commands.extend(commands);
    }

    fn window_title(&self) -> String {
        match &self.doc {
            Some(doc) => format!("{} — Chronoscope", doc.name),
            None => "Chronoscope".to_owned(),
        }
    }
}

impl ChronoscopeApp {
    /// Adds `doc` as a new layer, as if a file had finished loading.
    pub fn add_document(&mut self, doc: Document) {
        self.add_layer(doc, false);
    }

    /// The work of a frame that draws nothing: input, dialogs, file
    /// watching, finished loads. [`eframe::App::logic`] calls it.
    pub fn logic_pass(&mut self, ctx: &egui::Context) {
        self.read_input(ctx);
        if let Some(size) = self.initial_size.take() {
            ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(size));
        }
        self.poll_dialog();
        self.poll_watcher();
        self.poll_loads();
        while let Ok((path, result)) = self.saves_rx.try_recv() {
            self.saving.retain(|p| *p != path);
            if let Err(message) = result {
                self.failures.push(LoadFailure {
                    path,
                    message,
                    saving: true,
                });
            }
        }
        if let Some(list) = &mut self.event_list
            && list.poll()
        {
            ctx.request_repaint_after(std::time::Duration::from_millis(250));
        }
        if let Some(search) = &mut self.search
            && search.poll()
        {
            // The "searching… N%" moves without input.
            ctx.request_repaint_after(std::time::Duration::from_millis(250));
        }
        // Rebuilt when the lanes, the filters or the zone waited for what
        // was read (not for the filter panel's lists alone: a rebuild
        // searches and sorts the list again).
        let read = self.facets.poll();
        let needed = read.iter().any(|f| {
            *f == self.group_by || self.filters.value_facets().any(|(hidden, _)| hidden == f)
        });
        if needed | self.zones.poll() {
            self.rebuild();
        }
        if self.filters_open {
            for facet in [Facet::Tag, Facet::Source] {
                self.facets.request(ctx, &facet);
            }
        }
        if self.is_loading() || self.facets.busy() || self.zones.busy() {
            // Progress moves without input; a finished load repaints at once.
            ctx.request_repaint_after(std::time::Duration::from_millis(250));
        }
        let busy = self.is_loading() || self.facets.busy() || self.zones.busy();
        if let Some(job) = &mut self.screenshot {
            job.step(ctx, busy);
        }
    }

    /// Draws the whole window into `ui` and applies the commands of the
    /// frame. [`eframe::App::ui`] calls it.
    pub fn ui_pass(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        chrome::menu_bar(ui, self);
        chrome::status_bar(ui, self);
        chrome::layers_panel(ui, self);
        source_panel::show(ui, self);
        if let (true, Some(full)) = (self.filters_open, &self.unfiltered) {
            let shown = self.doc.as_ref().map_or(0, |d| d.event_count());
            egui::Panel::left("filters_panel")
                .resizable(true)
                .default_size(240.0)
                .size_range(200.0..=360.0)
                .show(ui, |ui| {
                    // Long names (a source's title) are cut short, whole on
                    // hover, rather than widening the panel over the timeline.
                    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                    let panel = filters::Panel {
                        full,
                        lane_counts: &self.lane_counts,
                        shown,
                        files: self
                            .layers
                            .iter()
                            .map(|l| filters::FileRow {
                                name: l.doc.name.clone(),
                                visible: l.visible,
                                events: l.doc.event_count(),
                            })
                            .collect(),
                        facets: &self.facets,
                    };
                    filters::show(ui, &self.filters, &panel, &mut self.commands);
                });
        }
        if let (Some(list), Some(doc)) = (&mut self.event_list, &self.doc) {
            egui::Panel::bottom("event_list_panel")
                .resizable(true)
                .default_size(240.0)
                .min_size(120.0)
                .show(ui, |ui| {
                    // Until a field's values are read, the lanes are by category.
                    let by = match self.facets.get(&self.group_by) {
                        Some(_) => self.group_by.label(),
                        None => Facet::Category.label(),
                    };
                    let lanes_by = (self.selected, by);
                    event_list::show(ui, list, doc, lanes_by, &mut self.commands);
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            chrome::loads(ui, self);
            chrome::failures(ui, self);
            if let Some(search) = &mut self.search {
                search_bar::show(ui, search, self.selected, &mut self.commands);
            }
            if let Some(doc) = &self.doc {
                let mut commands = Vec::new();
                let colors = self.layer_colors();
                let several = self.layers.iter().filter(|l| l.visible).count() > 1;
                let coloring = timeline::Coloring {
                    layers: several.then_some(colors.as_slice()),
                    matches: self.search.as_ref().map_or(&[], |s| s.matches.as_slice()),
                    zone: self.settings.zone,
                };
                let collapsed: Vec<bool> = doc
                    .lanes
                    .iter()
                    .map(|l| self.collapsed.contains(l))
                    .collect();
                let axis = timeline::show(
                    ui,
                    doc,
                    self.view,
                    self.selected,
                    coloring,
                    &collapsed,
                    &mut commands,
                );
                if self.view.is_none() {
                    self.view = Some(axis);
                }
                self.timeline_span = Some((axis.x_left(), axis.width()));
                self.commands.extend(commands);
            } else if !self.is_loading() {
                ui.centered_and_justified(|ui| {
                    ui.label("No file is open. Use File > Open… (Ctrl+O).");
                });
            }
        });
        chrome::windows(&ctx, self);
        if let Some(dialog) = &mut self.import
            && let Some(command) = dialog.show(&ctx)
        {
            self.commands.push(command);
        }
        let title = self.window_title();
        if title != self.title_sent {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
        for command in std::mem::take(&mut self.commands) {
            self.apply(&ctx, command);
        }
    }
}

impl eframe::App for ChronoscopeApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.logic_pass(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.ui_pass(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.screenshot.is_some() {
            return; // a scripted run must not change the user's recent files
        }
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}
