//! The desktop application. Its state is grouped by concern, each a struct
//! in its own module: the open files and the shown document
//! ([`layers`]), the view ([`view`]), the selection ([`selection`]), the
//! panels and windows ([`panels`]), the background work ([`jobs`]), the
//! settings that persist ([`settings`]) and this run's own ([`session`]).
//!
//! Each frame, [`ChronoscopeApp::logic_pass`] turns keyboard shortcuts and
//! dropped files into [`Command`]s and takes what finished in the
//! background; [`ChronoscopeApp::ui_pass`] draws every panel from a
//! read-only borrow of the state, collecting the commands they push, then
//! applies them. `apply.rs` (commands, and finished background work) is
//! the one place the state changes.

// Functions of the app stay short (clippy.toml sets the limit): the
// workspace allows long ones for the core's parsers.
#![warn(clippy::too_many_lines)]

mod apply;
pub mod autosave;
pub mod command;
pub mod dialog;
pub mod drafts;
mod drafts_panel;
mod draw;
pub mod editing;
mod editor;
pub mod event_list;
pub mod facet_cache;
mod files;
pub mod filters;
pub mod headless;
pub mod history;
pub mod import_dialog;
pub mod job;
pub mod jobs;
pub mod layers;
mod layers_panel;
pub mod loading;
pub mod map_view;
mod menu_bar;
mod notices;
pub mod overview;
pub mod panels;
pub mod place_cache;
pub mod prompt;
mod rebuild;
mod save_edits;
pub mod saving;
pub mod screenshot;
pub mod search_bar;
pub mod selection;
pub mod session;
pub mod settings;
pub mod shortcuts;
pub mod source_form;
pub mod source_panel;
mod status_bar;
pub mod timeline;
mod timeline_drag;
pub mod view;
mod watch;
mod windows;

use std::sync::Arc;

pub use command::Command;
pub use layers::{Layer, Layers};
pub use panels::{LoadFailure, Panels};
pub use selection::Selection;
pub use session::StartOptions;
pub use settings::{Settings, Theme};
pub use view::View;

use crate::model::{Document, EventRef};
use jobs::Jobs;
use session::Session;

/// Most lanes a grouping by a field makes; the least common values share
/// the last, "Other".
pub const MAX_LANES: usize = 24;

/// The app: its state by concern, and the commands of the frame.
pub struct ChronoscopeApp {
    /// What persists across runs: recent files, theme, zone.
    pub settings: Settings,
    /// The open files, the filters, and the document shown.
    pub layers: Layers,
    /// The time axis, collapsed lanes, lanes by a field.
    pub view: View,
    /// The selected event and how it is shown.
    pub selection: Selection,
    /// Which panels and windows are open and what they hold.
    pub panels: Panels,
    /// Everything running in the background.
    pub jobs: Jobs,
    /// The edits that can be undone and redone.
    pub history: history::History,
    /// What to do once the files being saved are written ("Save changes?"
    /// answered Save).
    after_save: Option<prompt::After>,
    /// The selection to find again at the next rebuild, remembered before
    /// the shown document was let go for an edit.
    kept: Option<selection::Kept>,
    /// How this run was started.
    session: Session,
    /// Commands waiting to be applied at the end of the frame.
    commands: Vec<Command>,
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
        let mut app = Self {
            settings,
            layers: Layers::default(),
            view: View::default(),
            selection: Selection::default(),
            panels: Panels::default(),
            jobs: Jobs::new(ctx),
            history: history::History::default(),
            after_save: None,
            kept: None,
            session: Session::new(&options),
            commands: Vec::new(),
        };
        if let Some(root) = &options.autosave {
            let kept = autosave::left_over(root);
            if !kept.is_empty() {
                app.panels.recovery = Some(kept);
            }
        }
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

    /// What the timeline shows; `None` when no file is open.
    #[must_use]
    pub fn doc(&self) -> Option<&Arc<Document>> {
        self.layers.doc.as_ref()
    }

    /// The selected event, if any.
    #[must_use]
    pub fn selected_event(&self) -> Option<EventRef<'_>> {
        self.doc()?.event(self.selection.index?)
    }

    /// Whether any file is still being read or written.
    #[must_use]
    pub fn is_loading(&self) -> bool {
        self.jobs.is_loading()
    }

    /// The work of a frame that draws nothing: keyboard shortcuts, dropped
    /// files, and what finished in the background. [`eframe::App::logic`]
    /// calls it.
    pub fn logic_pass(&mut self, ctx: &egui::Context) {
        self.check_close(ctx);
        self.read_input(ctx);
        let done = self.jobs.poll();
        self.finish(done);
        if self.panels.map.is_some() {
            self.jobs.places.describe(self.layers.doc.as_ref());
            // A filtered view of what is open, whose places the area filter
            // read: the map reads them through it rather than again.
            let base = match (&self.layers.doc, &self.layers.unfiltered) {
                (Some(shown), Some(all)) if !Arc::ptr_eq(shown, all) => {
                    self.jobs.all_places.get().cloned()
                }
                _ => None,
            };
            self.jobs.places.request(ctx, base);
        }
        self.play(ctx);
        self.autosave_tick(ctx);
        let busy = self.jobs.busy();
        self.session.frame(ctx, busy);
    }

    /// Draws the whole window into `ui` and applies the commands of the
    /// frame. [`eframe::App::ui`] calls it.
    pub fn ui_pass(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let mut commands = std::mem::take(&mut self.commands);
        self.draw(ui, &mut commands);
        self.session.title(&ctx, self.window_title());
        for command in commands {
            self.apply(&ctx, command);
        }
    }

    /// Turns keyboard shortcuts and dropped files into commands.
    fn read_input(&mut self, ctx: &egui::Context) {
        // What the editor's fields said of themselves last frame.
        let unchanged = ctx.data_mut(|d| d.remove_temp::<bool>(editor::unchanged_id()));
        let typing = match (ctx.egui_wants_keyboard_input(), unchanged) {
            (false, _) => shortcuts::Typing::No,
            (true, Some(true)) => shortcuts::Typing::Unchanged,
            (true, _) => shortcuts::Typing::Yes,
        };
        // Esc pressed during a drag (egui ends it, the button still down)
        // cancels the drag alone: it does not clear the selection too.
        let ends_drag = ctx.drag_stopped_id().is_some() && ctx.input(|i| i.pointer.any_down());
        let commands = ctx.input_mut(|i| {
            if ends_drag {
                i.consume_key(egui::Modifiers::NONE, egui::Key::Escape);
            }
            let mut commands = shortcuts::read(i, typing);
            for file in &i.raw.dropped_files {
                let path = file.path();
                if !path.as_os_str().is_empty() {
                    commands.push(dropped(path));
                }
            }
            commands
        });
        self.commands.extend(commands);
    }

    /// Play: the timeline's window moved forward by the time since the
    /// last frame, until it passes the last event.
    fn play(&mut self, ctx: &egui::Context) {
        let Some(map) = &mut self.panels.map else {
            return;
        };
        let (true, Some(axis)) = (map.playing, self.view.axis) else {
            return;
        };
        let end = self
            .layers
            .doc
            .as_ref()
            .and_then(|d| d.time_range())
            .map(|r| r.1);
        if end.is_none_or(|end| axis.start() >= end) {
            map.playing = false;
            return;
        }
        let dt = f64::from(ctx.input(|i| i.stable_dt).min(0.1));
        self.view.set(map_view::played(&axis, dt, map.speed));
        ctx.request_repaint();
    }

    /// "name — Chronoscope", with • before the name when there are
    /// unsaved edits.
    #[must_use]
    pub fn window_title(&self) -> String {
        let dirty = if self.dirty_layers().is_empty() {
            ""
        } else {
            "• "
        };
        let name = match self.layers.files.as_slice() {
            [] => return "Chronoscope".to_owned(),
            [one] => one.doc.name.clone(),
            _ => self.doc().map_or_else(String::new, |d| d.name.clone()),
        };
        format!("{dirty}{name} — Chronoscope")
    }
}

/// What dropping `path` on the window does: a text or page is added as a
/// source, anything else is opened.
fn dropped(path: &std::path::Path) -> Command {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "txt" | "text" | "md" | "markdown" | "html" | "htm" | "xhtml" => {
            Command::AddSource(path.to_path_buf())
        }
        _ => Command::Open(path.to_path_buf()),
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
        if self.session.screenshot.is_some() {
            return; // a scripted run must not change the user's recent files
        }
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}
