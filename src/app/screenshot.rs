//! `--screenshot`: render the first settled frame to a PNG and exit.
//!
//! The window must have drawn a few frames (fonts loaded, layout settled, the
//! view fitted) before the picture is taken, so the job counts frames, then
//! asks eframe for a screenshot, saves it, and closes the window.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Frames to draw before taking the picture.
const SETTLE_FRAMES: u32 = 5;

/// The outcome of a screenshot, shared with `main` for the exit code.
pub type Outcome = Arc<Mutex<Option<Result<PathBuf, String>>>>;

/// A screenshot waiting for its frame.
pub struct Screenshot {
    path: PathBuf,
    frames: u32,
    requested: bool,
    outcome: Outcome,
}

impl Screenshot {
    pub fn new(path: PathBuf, outcome: Outcome) -> Self {
        Self {
            path,
            frames: 0,
            requested: false,
            outcome,
        }
    }

    /// Advances the job by one frame; while files are still loading
    /// (`busy`) the frames do not count.
    pub fn step(&mut self, ctx: &egui::Context, busy: bool) {
        if busy {
            self.frames = 0;
            ctx.request_repaint_after(std::time::Duration::from_millis(250));
            return;
        }
        self.frames += 1;
        let done = self.outcome.lock().map_or(true, |o| o.is_some());
        if done {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        ctx.request_repaint();
        if self.frames < SETTLE_FRAMES || self.requested {
            return;
        }
        self.requested = true;
        let path = self.path.clone();
        let outcome = Arc::clone(&self.outcome);
        let repaint = ctx.clone();
        ctx.request_screenshot(move |image| {
            let result = save_png(&image, &path).map(|()| path.clone());
            if let Ok(mut o) = outcome.lock() {
                *o = Some(result);
            }
            repaint.request_repaint();
        });
    }
}

fn save_png(image: &egui::ColorImage, path: &std::path::Path) -> Result<(), String> {
    let [w, h] = image.size;
    let bytes: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(egui::Color32::to_array)
        .collect();
    let buffer = image::RgbaImage::from_raw(w as u32, h as u32, bytes)
        .ok_or_else(|| "the screenshot has an unexpected size".to_owned())?;
    buffer
        .save_with_format(path, image::ImageFormat::Png)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}
