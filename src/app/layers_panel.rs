//! The open files, when there are several, in a panel on the left: each
//! with its colour, a checkbox to show or hide it, its number of events
//! and a button to close it.

use egui::Ui;

use super::Command;
use super::layers::Layers;
use crate::formats::common::plural;

/// Draws the panel when more than one file is open.
pub fn show(ui: &mut Ui, layers: &Layers, out: &mut Vec<Command>) {
    if layers.files.len() < 2 {
        return;
    }
    egui::Panel::left("layers_panel")
        .resizable(true)
        .default_size(220.0)
        .show(ui, |ui| {
            ui.add_space(6.0);
            ui.strong("Files");
            ui.add_space(4.0);
            for (i, layer) in layers.files.iter().enumerate() {
                ui.horizontal(|ui| {
                    let (swatch, _) =
                        ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                    ui.painter()
                        .rect_filled(swatch, 3.0, super::timeline::lane_color(layer.color));
                    let mut visible = layer.visible;
                    let name = &layer.doc.name;
                    if ui
                        .checkbox(&mut visible, name)
                        .on_hover_text("Show or hide this file's events")
                        .changed()
                    {
                        out.push(Command::SetLayerVisible(i, visible));
                    }
                    ui.weak(plural(layer.doc.event_count(), "event", "events"));
                    let close = ui.small_button("×").on_hover_text("Close this file");
                    let label = format!("Close {name}");
                    close.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::Button, true, &label)
                    });
                    if close.clicked() {
                        out.push(Command::CloseLayer(i));
                    }
                });
            }
        });
}
