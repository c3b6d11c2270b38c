//! The desktop application: its state, the commands the UI emits, and the one
//! place ([`ChronoscopeApp::apply`]) where commands change that state.
//!
//! The UI modules (`timeline`, `source_panel`, `chrome`) only draw and push
//! [`Command`]s; this module owns the document, the view and the selection.

mod chrome;
pub mod screenshot;
mod source_panel;
pub mod timeline;

use std::path::{Path, PathBuf};

use egui::{Key, KeyboardShortcut, Modifiers};
use serde::{Deserialize, Serialize};

use crate::formats;
use crate::model::Document;
use crate::time_axis::TimeAxis;

/// Everything a user can ask for. UI code emits these; [`ChronoscopeApp::apply`] applies them.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Show the file dialog and open what the user picks.
    OpenDialog,
    Open(PathBuf),
    Reload,
    OpenExample,
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
}

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
}

/// A failed load, as the user sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadFailure {
    pub path: PathBuf,
    pub message: String,
}

/// Keyboard shortcuts, listed in Help > Keyboard shortcuts.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Ctrl+O", "Open a file"),
    ("Ctrl+R or F5", "Reload the file from disk"),
    ("Mouse wheel, Ctrl+wheel, pinch", "Zoom around the pointer"),
    ("Shift+wheel, drag", "Pan"),
    ("+ / -", "Zoom in / out"),
    ("F, double-click on empty space", "Fit all events"),
    ("Home / End", "Jump to the first / last event"),
    ("Left / Right arrow", "Select the previous / next event"),
    ("Esc", "Clear the selection"),
    ("Ctrl+Q", "Quit"),
];

pub struct ChronoscopeApp {
    /// The open document; `None` only when even the example failed.
    pub doc: Option<Document>,
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
    /// The answer of an open file dialog, while it is shown.
    dialog: Option<std::sync::mpsc::Receiver<Option<PathBuf>>>,
    commands: Vec<Command>,
    /// The window title last sent, so it is sent only when it changes.
    title_sent: String,
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
        cc.egui_ctx.set_theme(settings.theme.preference());
        let mut app = Self {
            doc: None,
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
        };
        if options.files.is_empty() {
            app.apply(&cc.egui_ctx, Command::OpenExample);
        }
        for file in options.files {
            app.apply(&cc.egui_ctx, Command::Open(file));
        }
        app
    }

    /// Queues a command to be applied at the end of this frame.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// The selected event, if any.
    #[must_use]
    pub fn selected_event(&self) -> Option<&crate::model::Event> {
        self.doc.as_ref()?.events.get(self.selected?)
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
                // The dialog blocks its thread; the window keeps drawing meanwhile.
                let (tx, rx) = std::sync::mpsc::channel();
                let repaint = ctx.clone();
                std::thread::spawn(move || {
                    let picked = dialog.pick_file();
                    // The app may have quit meanwhile; then nobody needs the answer.
                    let _ = tx.send(picked);
                    repaint.request_repaint();
                });
                self.dialog = Some(rx);
            }
            Command::Open(path) => self.open(&path, false),
            Command::Reload => {
                if let Some(path) = self.doc.as_ref().and_then(|d| d.path.clone()) {
                    self.open(&path, true);
                }
            }
            Command::OpenExample => match crate::example::load() {
                Ok(doc) => self.replace_document(doc, false),
                Err(e) => self.failures.push(LoadFailure {
                    path: PathBuf::from(crate::example::NAME),
                    message: e.to_string(),
                }),
            },
            Command::Select(index) => self.select(index),
            Command::SelectStep(step) => {
                let Some(doc) = &self.doc else { return };
                let count = doc.events.len();
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
                    .and_then(|d| d.events.len().checked_sub(1));
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
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
        ctx.request_repaint();
    }

    fn select(&mut self, index: Option<usize>) {
        let index = index.filter(|&i| self.doc.as_ref().is_some_and(|d| i < d.events.len()));
        if index != self.selected {
            self.scroll_to_quote = index.is_some();
            self.evidence_tab = 0;
        }
        self.selected = index;
        // Keep the selection in view.
        if let (Some(event), Some(view)) = (self.selected_event(), self.view) {
            let margin = timeline::FIT_MARGIN;
            self.view = Some(view.ensure_visible(event.t0(), event.t1(), margin));
        }
    }

    /// Loads `path`; on failure records the error and leaves everything as it was.
    fn open(&mut self, path: &Path, reload: bool) {
        match formats::load_file(path) {
            Ok(doc) => {
                self.failures.retain(|f| f.path != path);
                self.remember_recent(path);
                self.replace_document(doc, reload);
            }
            Err(e) => self.failures.push(LoadFailure {
                path: path.to_path_buf(),
                message: e.to_string(),
            }),
        }
    }

    fn replace_document(&mut self, doc: Document, keep_view: bool) {
        let selected_id = self.selected_event().map(|e| e.id.clone());
        let selected = if keep_view {
            selected_id.and_then(|id| doc.event_by_id(&id))
        } else {
            None
        };
        self.doc = Some(doc);
        self.selected = selected;
        self.evidence_tab = 0;
        self.scroll_to_quote = selected.is_some();
        if !keep_view {
            self.view = None;
        }
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

impl eframe::App for ChronoscopeApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.read_input(ctx);
        if let Some(size) = self.initial_size.take() {
            ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(size));
        }
        if let Some(rx) = &self.dialog {
            match rx.try_recv() {
                Ok(picked) => {
                    self.dialog = None;
                    if let Some(path) = picked {
                        self.commands.push(Command::Open(path));
                    }
                }
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.dialog = None,
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
            }
        }
        if let Some(job) = &mut self.screenshot {
            job.step(ctx);
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        chrome::menu_bar(ui, self);
        chrome::status_bar(ui, self);
        source_panel::show(ui, self);
        egui::CentralPanel::default().show(ui, |ui| {
            chrome::failures(ui, self);
            if let Some(doc) = &self.doc {
                let mut commands = Vec::new();
                let axis = timeline::show(ui, doc, self.view, self.selected, &mut commands);
                if self.view.is_none() {
                    self.view = Some(axis);
                }
                self.timeline_span = Some((axis.x_left(), axis.width()));
                self.commands.extend(commands);
            } else {
                ui.centered_and_justified(|ui| {
                    ui.label("No file is open. Use File > Open… (Ctrl+O).");
                });
            }
        });
        chrome::windows(&ctx, self);
        let title = self.window_title();
        if title != self.title_sent {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
        for command in std::mem::take(&mut self.commands) {
            self.apply(&ctx, command);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.screenshot.is_some() {
            return; // a scripted run must not change the user's recent files
        }
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}
