//! Drafting events from a source's dates, as a user does: the article
//! added to a new chronology, its publication date typed, Draft events;
//! the proposals on the timeline in their own lane and in the list;
//! accepted (undoable), edited, rejected; never saved unless accepted.

// Test helpers unwrap too: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use chronoscope::app::drafts::LANE;
use chronoscope::app::timeline::event_label;
use chronoscope::app::{ChronoscopeApp, Command, StartOptions};
use chronoscope::model::{Date, Source};
use egui::accesskit::Role;
use egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

fn app() -> Harness<'static, ChronoscopeApp> {
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1400.0, 860.0))
        .with_max_steps(12)
        .build_eframe(|cc| ChronoscopeApp::new(cc, StartOptions::default()));
    harness.run();
    harness
}

fn push(harness: &mut Harness<'_, ChronoscopeApp>, command: Command) {
    harness.state_mut().push(command);
    harness.run();
    for _ in 0..3000 {
        if harness.state().jobs.saves.is_empty() && !harness.state().is_loading() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    harness.run();
}

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

/// The article as a source of a new chronology, published on 16 October
/// 2024 (typed in its form as a user would, here as the command the form
/// gives).
fn article_app() -> Harness<'static, ChronoscopeApp> {
    let mut harness = app();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    let article = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/nk-troops-article.txt");
    push(&mut harness, Command::AddSource(article));
    let source = harness.state().doc().unwrap().sources[0].clone();
    push(
        &mut harness,
        Command::EditSource(
            0,
            Box::new(Source {
                published: Some(date("2024-10-16")),
                ..source
            }),
        ),
    );
    harness
}

/// The drafts proposed: (their expression as written, start, end).
fn proposed(harness: &Harness<'_, ChronoscopeApp>) -> Vec<(String, Date, Option<Date>)> {
    let app = harness.state();
    let drafts = app.layers.drafts.as_ref().unwrap();
    let text = &app.layers.files[drafts.layer].doc.sources[drafts.source].text;
    drafts
        .proposals
        .iter()
        .map(|p| {
            (
                text[p.timex.span.clone()].to_owned(),
                p.start.clone(),
                p.end.clone(),
            )
        })
        .collect()
}

#[test]
fn drafting_the_article_finds_its_relative_dates_resolved_against_the_publication_date() {
    let mut harness = article_app();
    harness.get_by_label("Draft events").click();
    harness.run();
    let found = proposed(&harness);
    let has = |written: &str, start: &str| {
        found.iter().any(|(w, s, _)| {
            // The day it starts (an approximate start counts).
            let day = date(start);
            w.eq_ignore_ascii_case(written)
                && (s.year, s.month, s.day) == (day.year, day.month, day.day)
        })
    };
    assert!(has("Wednesday", "2024-10-16"), "{found:#?}");
    assert!(has("last week", "2024-10-07"), "{found:#?}");
    assert!(has("earlier this month", "2024-10-01"), "{found:#?}");
    assert!(
        found
            .iter()
            .any(|(w, s, _)| w.contains("June") && s.year == 2024 && s.month == 6),
        "{found:#?}"
    );
    // Last week is the week of Monday 7 October: a span to the Sunday.
    let week = found.iter().find(|(w, _, _)| w == "last week").unwrap();
    assert_eq!(week.2, Some(date("2024-10-13")));

    // On the timeline: their own lane, events drawn from the drafts.
    let doc = harness.state().doc().cloned().unwrap();
    assert!(doc.lanes().iter().any(|l| l == LANE), "{:?}", doc.lanes());
    assert_eq!(doc.event_count(), found.len());
    // In the list, with their actions.
    harness.get_by_label(&format!("Drafts: {} proposed", found.len()));
    harness.get_by_label("Accept all");
    harness.get_by_label(&format!("0 events · 1 source · {} drafts", found.len()));

    // A draft clicked on the timeline shows what it was read from.
    let wednesday = doc
        .iter_events()
        .find(|e| e.start == date("2024-10-16"))
        .map(|e| (*e).clone())
        .unwrap();
    harness
        .get_by_role_and_label(Role::Button, &event_label(&wednesday))
        .click();
    harness.run();
    harness.get_by_label("Draft event");
    harness.get_by_label_contains("“Wednesday” reads as Wed 16 October 2024");
    harness.get_by_label_contains("resolved against the publication date");
    // Delete rejects it.
    harness.key_press(Key::Delete);
    harness.run();
    assert_eq!(proposed(&harness).len(), found.len() - 1);
}

#[test]
fn a_draft_accepted_is_an_event_undone_with_ctrl_z_and_drafts_are_never_saved() {
    let mut harness = article_app();
    push(&mut harness, Command::DraftEvents(0));
    let before = proposed(&harness).len();
    assert!(before >= 4);
    let layer_events =
        |h: &Harness<'_, ChronoscopeApp>| h.state().layers.files[0].doc.event_count();
    assert_eq!(
        layer_events(&harness),
        0,
        "drafts are not the file's events"
    );

    // Accept the first from the list.
    harness.get_all_by_label("Accept").next().unwrap().click();
    harness.run();
    assert_eq!(layer_events(&harness), 1);
    assert_eq!(proposed(&harness).len(), before - 1);
    let accepted = (*harness.state().layers.files[0].doc.event(0).unwrap()).clone();
    assert_eq!(accepted.evidence.len(), 1, "its sentence is its evidence");
    assert!(
        harness
            .state()
            .history
            .undo_label()
            .unwrap()
            .starts_with("acceptance of draft"),
        "{:?}",
        harness.state().history.undo_label()
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(layer_events(&harness), 0, "undone");

    // Edit: accepted, and the editor opens on it.
    push(&mut harness, Command::AcceptDrafts(vec![0], true));
    assert_eq!(layer_events(&harness), 1);
    assert!(harness.state().panels.editor);

    // Saved: only the accepted event; the drafts stay drafts.
    let dir = std::env::temp_dir().join(format!("chronoscope-drafts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("drafted.json");
    push(&mut harness, Command::SaveLayerAs(0, path.clone()));
    let read = chronoscope::formats::load_file(&path).unwrap();
    assert_eq!(read.event_count(), 1);
    assert!(read.iter_events().all(|e| !e.id.starts_with("draft-")));

    // Reject all (in the list, once the editor is closed): the lane goes.
    push(&mut harness, Command::OpenEditor(false));
    push(&mut harness, Command::Select(None));
    harness.get_by_label("Reject all").click();
    harness.run();
    assert!(harness.state().layers.drafts.is_none());
    let doc = harness.state().doc().cloned().unwrap();
    assert!(doc.lanes().iter().all(|l| l != LANE));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_new_event_from_a_selection_takes_its_resolved_date() {
    let mut harness = article_app();
    let text = harness.state().doc().unwrap().sources[0].text.clone();
    let start = text.find("last week").unwrap();
    let end = start + "last week".len();
    push(
        &mut harness,
        Command::SelectPassage(Some(chronoscope::app::editing::Passage {
            source: 0,
            range: start..end,
        })),
    );
    push(&mut harness, Command::NewEventFromSelection);
    let doc = harness.state().layers.files[0].doc.clone();
    assert_eq!(doc.event_count(), 1, "placed: its date resolves");
    let event = doc.event(0).unwrap();
    assert_eq!(event.start, date("2024-10-07"));
    assert_eq!(event.end, Some(date("2024-10-13")));
}

#[test]
fn with_drafting_turned_on_a_source_added_is_drafted_at_once_without_guessing() {
    let mut harness = app();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    push(&mut harness, Command::SetDraftNewSources(true));
    let text = "Kim met Putin on 19 June 2024 in Pyongyang. Troops moved last week.";
    push(&mut harness, Command::AddSourceText(text.to_owned()));
    let found = proposed(&harness);
    // The absolute date is drafted; "last week" has no publication date to
    // be read against, and is not guessed.
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].1, date("2024-06-19"));
    assert!(harness.state().settings.draft_new_sources);
}
