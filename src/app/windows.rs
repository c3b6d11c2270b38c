//! The small windows of the Help menu: the keyboard shortcuts (read from
//! the one table the input handling uses) and About.

use super::Command;
use super::panels::Panels;
use super::shortcuts::{GESTURES, SHORTCUTS};

/// Draws the windows that are open; closing one pushes its command.
pub fn show(ctx: &egui::Context, panels: &Panels, out: &mut Vec<Command>) {
    let mut open = panels.shortcuts;
    egui::Window::new("Keyboard shortcuts")
        .open(&mut open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                for shortcut in SHORTCUTS {
                    ui.strong(shortcut.keys_text());
                    ui.label(shortcut.description);
                    ui.end_row();
                }
                for (gesture, what) in GESTURES {
                    ui.strong(*gesture);
                    ui.label(*what);
                    ui.end_row();
                }
            });
        });
    if open != panels.shortcuts {
        out.push(Command::ShowShortcuts(open));
    }
    let mut open = panels.about;
    egui::Window::new("About Chronoscope")
        .open(&mut open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.heading(format!("Chronoscope {}", env!("CARGO_PKG_VERSION")));
            ui.label(env!("CARGO_PKG_DESCRIPTION"));
            ui.label("Dates keep the precision they were given; every event keeps the quote it rests on.");
            ui.weak(format!("Licence: {}", env!("CARGO_PKG_LICENSE")));
        });
    if open != panels.about {
        out.push(Command::ShowAbout(open));
    }
}
