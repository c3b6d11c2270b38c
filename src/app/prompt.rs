//! "Save changes?": what would lose unsaved edits (closing the window or
//! a file, a new chronology, reading a file again, a file changed on disk)
//! asks first. Save writes the edits and then goes on; Discard goes on
//! without them; Cancel does nothing.

use egui::{Align2, RichText};

use super::{ChronoscopeApp, Command};

/// What was asked for, done once the answer allows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum After {
    Quit,
    NewChronology,
    CloseLayer(usize),
    ReloadLayer(usize),
    ReloadAll,
}

/// The answer to "Save changes?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    Save,
    Discard,
    Cancel,
    /// The edits were saved: go on with this.
    Continue(After),
}

/// The question shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prompt {
    pub after: After,
    /// The files whose edits would be lost.
    pub layers: Vec<usize>,
    /// The files changed on disk (for a reload asked by the watcher).
    pub changed_on_disk: bool,
}

impl ChronoscopeApp {
    /// Does `after` at once when it loses no unsaved edits, else asks.
    pub(super) fn guard(&mut self, ctx: &egui::Context, after: After, changed_on_disk: bool) {
        let layers: Vec<usize> = match after {
            After::Quit | After::NewChronology | After::ReloadAll => self.dirty_layers(),
            After::CloseLayer(i) | After::ReloadLayer(i) => self
                .dirty_layers()
                .into_iter()
                .filter(|&l| l == i)
                .collect(),
        };
        if layers.is_empty() {
            self.proceed(ctx, after);
        } else {
            self.panels.prompt = Some(Prompt {
                after,
                layers,
                changed_on_disk,
            });
        }
    }

    /// Applies the answer to the prompt.
    pub(super) fn answer(&mut self, ctx: &egui::Context, answer: Answer) {
        match answer {
            Answer::Cancel => self.panels.prompt = None,
            Answer::Discard => {
                if let Some(prompt) = self.panels.prompt.take() {
                    self.proceed(ctx, prompt.after);
                }
            }
            Answer::Save => {
                let Some(prompt) = self.panels.prompt.take() else {
                    return;
                };
                self.after_save = Some(prompt.after);
                for layer in prompt.layers {
                    self.save_layer(layer);
                }
            }
            Answer::Continue(after) => {
                // Saved: go on if nothing is left unsaved (a name not given
                // in a dialog leaves the edits, and asks again).
                self.guard(ctx, after, false);
            }
        }
    }

    /// Does `after`, unsaved edits or not.
    fn proceed(&mut self, ctx: &egui::Context, after: After) {
        match after {
            After::Quit => {
                self.session.closing = true;
                self.autosave_clear();
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            After::NewChronology => self.apply_edit(ctx, Command::NewChronology),
            After::CloseLayer(i) => {
                if self.layers.close(i) {
                    self.history.forget_layer(i, true);
                    self.rebuild();
                    self.jobs.autosave_due();
                }
            }
            After::ReloadLayer(i) => self.reload_layer(i),
            After::ReloadAll => self.reload_all(),
        }
    }

    /// Keeps the window open when closing it would lose unsaved edits, and
    /// asks instead.
    pub(super) fn check_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.session.closing
            && !self.dirty_layers().is_empty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.guard(ctx, After::Quit, false);
        }
    }
}

/// The "Save changes?" window.
pub fn show(ctx: &egui::Context, prompt: &Prompt, names: &[String], out: &mut Vec<Command>) {
    let files: Vec<&str> = prompt
        .layers
        .iter()
        .filter_map(|&l| names.get(l).map(String::as_str))
        .collect();
    let what = match prompt.after {
        After::Quit => "before closing",
        After::NewChronology => "before starting a new chronology",
        After::CloseLayer(_) => "before closing the file",
        After::ReloadLayer(_) | After::ReloadAll if prompt.changed_on_disk => {
            "before reading the file again: it changed on disk"
        }
        After::ReloadLayer(_) | After::ReloadAll => "before reading the file again",
    };
    egui::Window::new("Save changes?")
        .collapsible(false)
        .resizable(false)
        .anchor(Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            ui.label(
                RichText::new(format!("Save the changes to {} {what}?", files.join(", "))).strong(),
            );
            ui.label("Your changes will be lost if you don't save them.");
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    out.push(Command::Answer(Answer::Save));
                }
                if ui.button("Discard").clicked() {
                    out.push(Command::Answer(Answer::Discard));
                }
                if ui.button("Cancel").clicked() {
                    out.push(Command::Answer(Answer::Cancel));
                }
            });
        });
}
