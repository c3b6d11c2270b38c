//! How this run was started and what the window was told: the command
//! line's window size, import choices and screenshot, and the window
//! title last sent. None of it is the user's work or persists.

use std::path::PathBuf;

use super::screenshot::{self, Screenshot};
use crate::formats::ImportOptions;

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
    /// The folder unsaved edits are kept in (the platform's data folder in
    /// the app; none: not kept).
    pub autosave: Option<PathBuf>,
}

/// This run's own state.
pub struct Session {
    /// A window size to apply on the first frame.
    size: Option<egui::Vec2>,
    /// The screenshot to take, when the command line asked for one.
    pub screenshot: Option<Screenshot>,
    /// Import choices given on the command line.
    pub import: Option<ImportOptions>,
    /// The window title last sent, so it is sent only when it changes.
    title_sent: String,
    /// This run's folder of unsaved edits, when kept.
    pub autosave: Option<PathBuf>,
    /// The user chose to close the window (after saving or discarding).
    pub closing: bool,
}

impl Session {
    /// The session `options` start.
    #[must_use]
    pub fn new(options: &StartOptions) -> Self {
        Self {
            size: options.size,
            screenshot: options
                .screenshot
                .clone()
                .map(|(path, outcome)| Screenshot::new(path, outcome)),
            import: options.import.clone(),
            title_sent: String::new(),
            autosave: options
                .autosave
                .as_ref()
                .map(|dir| dir.join(std::process::id().to_string())),
            closing: false,
        }
    }

    /// Tells the window what the command line asked of it, once; and the
    /// screenshot that the frame is drawn (`busy`: files are still read).
    pub fn frame(&mut self, ctx: &egui::Context, busy: bool) {
        if let Some(size) = self.size.take() {
            ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(size));
        }
        if let Some(screenshot) = &mut self.screenshot {
            screenshot.step(ctx, busy);
        }
    }

    /// Sets the window's title to `title` when it is new.
    pub fn title(&mut self, ctx: &egui::Context, title: String) {
        if title != self.title_sent {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
    }
}
