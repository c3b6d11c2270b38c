//! The whole app drawn for one frame without a window: what the frame
//! benchmark times and what the scale tests count. It runs exactly the code
//! a window runs (`logic_pass`, `ui_pass`) on an egui context of a fixed
//! size, then tessellates the shapes the way eframe would before handing
//! them to the GPU.

use std::time::{Duration, Instant};

use super::{ChronoscopeApp, Settings, StartOptions};
use crate::formats::ImportOptions;
use crate::model::Document;

/// What one frame cost and produced.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct FrameStats {
    /// CPU time of the app's code, egui's pass and tessellation.
    pub cpu: Duration,
    /// Shapes egui was asked to paint.
    pub shapes: usize,
    /// Triangle vertices and indices after tessellation.
    pub vertices: usize,
    pub indices: usize,
    /// Whether the app asked for another frame at once.
    pub repaint: bool,
}

/// An app on a windowless egui context.
pub struct Headless {
    pub ctx: egui::Context,
    pub app: ChronoscopeApp,
    size: egui::Vec2,
    time: f64,
}

impl Headless {
    /// The app showing `doc`, in a window of `size` points.
    #[must_use]
    pub fn new(doc: Document, size: egui::Vec2) -> Self {
        let ctx = egui::Context::default();
        let mut app =
            ChronoscopeApp::with_settings(&ctx, Settings::default(), StartOptions::default());
        app.add_document(doc);
        let mut headless = Self {
            ctx,
            app,
            size,
            time: 0.0,
        };
        // Fonts, the fitted view and the side panel settle in a few frames.
        for _ in 0..3 {
            headless.frame(Vec::new());
        }
        headless
    }

    /// The app opening `files` as the command line would, spreadsheets
    /// with `import` (no dialog), in a window of `size` points; nothing is
    /// loaded until frames run.
    #[must_use]
    pub fn opening(
        files: Vec<std::path::PathBuf>,
        import: ImportOptions,
        size: egui::Vec2,
    ) -> Self {
        let ctx = egui::Context::default();
        let app = ChronoscopeApp::with_settings(
            &ctx,
            Settings::default(),
            StartOptions {
                files,
                import: Some(import),
                ..StartOptions::default()
            },
        );
        Self {
            ctx,
            app,
            size,
            time: 0.0,
        }
    }

    /// Runs one frame with `events` as its input.
    pub fn frame(&mut self, events: Vec<egui::Event>) -> FrameStats {
        self.time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, self.size)),
            time: Some(self.time),
            events,
            ..egui::RawInput::default()
        };
        let start = Instant::now();
        let app = &mut self.app;
        let ctx = self.ctx.clone();
        let mut output = self.ctx.run_ui(input, |ui| {
            app.logic_pass(&ctx);
            app.ui_pass(ui);
        });
        // No GPU takes the font atlas: its updates are dropped.
        output.textures_delta.clear();
        let shapes = output.shapes.len();
        let repaint = output
            .viewport_output
            .values()
            .any(|v| v.repaint_delay.is_zero());
        let primitives = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        let cpu = start.elapsed();
        let (mut vertices, mut indices) = (0, 0);
        for p in &primitives {
            if let egui::epaint::Primitive::Mesh(mesh) = &p.primitive {
                vertices += mesh.vertices.len();
                indices += mesh.indices.len();
            }
        }
        FrameStats {
            cpu,
            shapes,
            vertices,
            indices,
            repaint,
        }
    }
}
