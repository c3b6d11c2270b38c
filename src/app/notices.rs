//! The notices above the timeline: the files loading in the background
//! (what each is doing, how far it got, a button to stop it), the files
//! being written, and the loads and saves that failed until dismissed.

use egui::Ui;

use super::Command;
use super::jobs::Jobs;
use super::panels::LoadFailure;

/// The files loading and being written.
pub fn loads(ui: &mut Ui, jobs: &Jobs, out: &mut Vec<Command>) {
    for (i, load) in jobs.loads.iter().enumerate().filter(|(_, l)| l.visible()) {
        egui::Frame::new()
            .fill(ui.visuals().faint_bg_color)
            .inner_margin(6.0)
            .corner_radius(4.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    if ui.button("Cancel loading").clicked() {
                        out.push(Command::CancelLoad(i));
                    }
                    ui.strong(load.label());
                    ui.add(
                        egui::ProgressBar::new(load.fraction())
                            .text(load.status())
                            .animate(true),
                    );
                });
            });
        ui.add_space(4.0);
    }
    for save in &jobs.saves {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(save.label());
        });
    }
}

/// The loads and saves that failed.
pub fn failures(ui: &mut Ui, failures: &[LoadFailure], out: &mut Vec<Command>) {
    for (i, failure) in failures.iter().enumerate() {
        egui::Frame::new()
            .fill(ui.visuals().error_fg_color.gamma_multiply(0.15))
            .inner_margin(6.0)
            .corner_radius(4.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    if ui.button("Dismiss").clicked() {
                        out.push(Command::DismissError(i));
                    }
                    let what = if failure.saving {
                        "Could not save the file:"
                    } else {
                        "Could not open the file:"
                    };
                    ui.colored_label(ui.visuals().error_fg_color, what);
                    ui.add(egui::Label::new(&failure.message).wrap());
                });
            });
        ui.add_space(4.0);
    }
}
