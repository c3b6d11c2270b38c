//! The drafts in the side panel: the list of proposed events with Accept,
//! Edit and Reject for each and for all, and one draft when it is selected
//! on the timeline, with its sentence highlighted in its source.

use egui::{RichText, Ui};

use super::Command;
use super::drafts::Drafts;
use super::source_panel::{TextView, source_text};

/// Accept, Edit and Reject for proposal `n`.
fn actions(ui: &mut Ui, n: usize, out: &mut Vec<Command>) {
    if ui
        .small_button("Accept")
        .on_hover_text("Make it an event of the chronology (Ctrl+Z undoes it)")
        .clicked()
    {
        out.push(Command::AcceptDrafts(vec![n], false));
    }
    if ui
        .small_button("Edit")
        .on_hover_text("Accept it and open the editor on it")
        .clicked()
    {
        out.push(Command::AcceptDrafts(vec![n], true));
    }
    if ui.small_button("Reject").clicked() {
        out.push(Command::RejectDrafts(vec![n]));
    }
}

/// The proposals, each with its date and actions.
pub fn list(ui: &mut Ui, drafts: &Drafts, out: &mut Vec<Command>) {
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.strong(format!("Drafts: {} proposed", drafts.proposals.len()));
        if ui.small_button("Accept all").clicked() {
            out.push(Command::AcceptDrafts(Vec::new(), false));
        }
        if ui.small_button("Reject all").clicked() {
            out.push(Command::RejectDrafts(Vec::new()));
        }
    });
    ui.weak("Drafts are not saved: accept those you keep.");
    egui::ScrollArea::vertical()
        .id_salt("drafts_list")
        .max_height(220.0)
        .show(ui, |ui| {
            for (n, p) in drafts.proposals.iter().enumerate() {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(p.timex.describe()).weak());
                    ui.label(&p.title);
                    actions(ui, n, out);
                });
            }
        });
}

/// Proposal `n`, selected on the timeline: its date, what it was resolved
/// against, its actions, and its sentence in the source `text`.
pub fn selected(ui: &mut Ui, drafts: &Drafts, n: usize, text: &str, out: &mut Vec<Command>) {
    let Some(p) = drafts.proposals.get(n) else {
        return;
    };
    ui.label(RichText::new("Draft event").weak());
    ui.heading(&p.title);
    let written = text.get(p.timex.span.clone()).unwrap_or_default();
    ui.label(format!("“{written}” reads as {}", p.timex.describe()));
    if let Some(anchor) = anchor_words(&p.timex) {
        ui.weak(anchor);
    }
    ui.horizontal(|ui| actions(ui, n, out));
    ui.separator();
    // Scrolled to its sentence once, when it is selected.
    let scrolled = egui::Id::unique("draft_scrolled_to");
    let scroll = ui.data(|d| d.get_temp::<usize>(scrolled)) != Some(n);
    ui.data_mut(|d| d.insert_temp(scrolled, n));
    let view = TextView {
        source: usize::MAX,
        text,
        quote: Some(p.sentence.clone()),
        passage: None,
        scroll,
        event_selected: false,
        id: (usize::MAX - 2, n),
        timexes: None,
    };
    source_text(ui, &view, out);
}

/// "resolved against the publication date, Wed 16 October 2024".
#[must_use]
pub fn anchor_words(timex: &crate::timex::Timex) -> Option<String> {
    match timex.anchor.as_ref()? {
        crate::timex::Anchor::Published(d) => Some(format!(
            "resolved against the publication date, {}",
            d.human()
        )),
        crate::timex::Anchor::Mentioned(_, d) => Some(format!(
            "resolved against the date mentioned before it, {}",
            d.human()
        )),
    }
}
