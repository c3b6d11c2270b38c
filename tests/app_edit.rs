//! Building a chronology in the app as a user does: a new chronology, the
//! article added as a source, a passage selected by dragging over its
//! text, an event made of it and dated, undone and redone, edited, saved,
//! read back; unsaved edits asked about before closing, kept in an
//! autosave and offered back; an imported table saved under a new name
//! with the original untouched.

// Test helpers unwrap too: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chronoscope::app::timeline::event_label;
use chronoscope::app::{ChronoscopeApp, Command, StartOptions};
use chronoscope::model::{Date, Event as ModelEvent};
use egui::accesskit::Role;
use egui::{Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

fn app_with(options: StartOptions) -> Harness<'static, ChronoscopeApp> {
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1400.0, 860.0))
        .with_max_steps(12)
        .build_eframe(move |cc| ChronoscopeApp::new(cc, options));
    settle(&mut harness);
    harness
}

/// Steps the app until nothing is read or written in the background.
fn settle(harness: &mut Harness<'_, ChronoscopeApp>) {
    harness.step();
    for _ in 0..3000 {
        let app = harness.state();
        if !app.is_loading() && app.jobs.saves.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    assert!(!harness.state().is_loading(), "still busy after 30 s");
    harness.run();
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("chronoscope-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn article() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/nk-troops-article.txt")
}

/// A file dropped on the window.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn press(harness: &mut Harness<'_, ChronoscopeApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

fn push(harness: &mut Harness<'_, ChronoscopeApp>, command: Command) {
    harness.state_mut().push(command);
    harness.run();
    settle(harness);
}

/// Drags the pointer over the source text, from near its top left corner
/// across two lines: a passage selected as a user selects one.
fn select_by_dragging(harness: &mut Harness<'_, ChronoscopeApp>) {
    let text = harness.get_by_role(Role::MultilineTextInput).rect();
    let from = Pos2::new(text.left() + 2.0, text.top() + 60.0);
    let to = Pos2::new(text.left() + 250.0, text.top() + 100.0);
    harness.drag_at(from);
    harness.run();
    harness.hover_at(to);
    harness.run();
    harness.drop_at(to);
    harness.run();
}

/// Drags the selected event with Alt held by `days` days' worth of
/// points; the event after the drag.
fn alt_drag_by_days(harness: &mut Harness<'_, ChronoscopeApp>, days: f64) -> ModelEvent {
    let index = harness.state().selection.index.unwrap();
    let event = (*harness.state().doc().unwrap().event(index).unwrap()).clone();
    let view = harness.state().view.axis.unwrap();
    let item = harness
        .get_by_role_and_label(Role::Button, &event_label(&event))
        .rect();
    let from = Pos2::new(
        view.x_of(f64::midpoint(event.t0(), event.t1())) as f32,
        item.center().y,
    );
    let by = Vec2::new((days * 86_400.0 / view.secs_per_px()) as f32, 0.0);
    harness.event(egui::Event::ModifiersChanged(Modifiers::ALT));
    harness.hover_at(from);
    harness.drag_at(from);
    harness.hover_at(from + by * 0.5);
    harness.hover_at(from + by);
    harness.step();
    harness.drop_at(from + by);
    harness.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    harness.run();
    let doc = harness.state().doc().cloned().unwrap();
    doc.iter_events()
        .find(|e| e.id == event.id)
        .map(|e| (*e).clone())
        .unwrap()
}

fn title(harness: &Harness<'_, ChronoscopeApp>) -> String {
    harness.state().window_title()
}

#[test]
fn a_chronology_is_built_from_a_passage_of_the_article_undone_redone_saved_and_read_back() {
    let mut harness = app_with(StartOptions::default());
    // File > New chronology.
    press(&mut harness, Modifiers::COMMAND, Key::N);
    assert_eq!(harness.state().doc().unwrap().event_count(), 0);
    assert_eq!(title(&harness), "Untitled chronology — Chronoscope");

    // The article dropped on the window becomes its source.
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(article())));
    settle(&mut harness);
    let doc = harness.state().doc().cloned().unwrap();
    assert_eq!(doc.sources.len(), 1);
    assert!(doc.sources[0].text.contains("SEOUL: South Korea"));
    assert_eq!(harness.state().selection.source, Some(0));
    assert!(title(&harness).starts_with("• "), "{}", title(&harness));

    // A passage selected by dragging over the text, then Ctrl+E.
    select_by_dragging(&mut harness);
    let passage = harness
        .state()
        .selection
        .passage
        .clone()
        .expect("a passage is selected");
    assert!(passage.range.len() > 10, "{passage:?}");
    let quote = doc.sources[0].text[passage.range.clone()].to_owned();
    press(&mut harness, Modifiers::COMMAND, Key::E);

    // No date in the passage: the editor asks for one before placing it.
    let pending = harness.state().panels.pending.clone();
    if pending.is_some() {
        assert_eq!(
            harness.state().doc().unwrap().event_count(),
            0,
            "not placed"
        );
        harness.get_by_label_contains("No date was found");
        harness.get_by_label("Start").click();
        harness.run();
        harness.get_by_label("Start").type_text("2024-10-16");
        harness.run();
        harness.get_by_label_contains("Wed 16 October 2024 — a day");
        press(&mut harness, Modifiers::NONE, Key::Enter);
    }
    let doc = harness.state().doc().cloned().unwrap();
    assert_eq!(doc.event_count(), 1);
    let event = (*doc.event(0).unwrap()).clone();
    assert_eq!(event.evidence.len(), 1);
    assert_eq!(
        event.evidence[0].quote, quote,
        "the evidence is exactly the passage"
    );
    assert_eq!(event.evidence[0].location, Some(passage.range.clone()));
    assert!(!event.title.is_empty());
    assert!(harness.state().panels.editor, "the editor is open");

    // Undo, redo: the title field has the focus, untouched, so Ctrl+Z
    // undoes the last step (after typing in it, it would undo the typing).
    assert!(harness.state().panels.editor, "the editor is open");
    assert!(
        harness.get_by_label("Title").is_focused(),
        "the title has the focus"
    );
    assert!(
        harness
            .state()
            .history
            .undo_label()
            .unwrap()
            .starts_with("new event")
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().doc().unwrap().event_count(), 0);
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(harness.state().doc().unwrap().event_count(), 1);
    let index = 0;
    harness.state_mut().push(Command::Select(Some(index)));
    harness.run();

    // Moved by dragging it with Alt held, fitted in view (F): two days and
    // a bit are two days.
    press(&mut harness, Modifiers::NONE, Key::Escape);
    press(&mut harness, Modifiers::NONE, Key::F);
    harness.state_mut().push(Command::Select(Some(index)));
    harness.run();
    let moved = alt_drag_by_days(&mut harness, 2.2);
    assert_eq!(moved.start, Date::parse("2024-10-18").unwrap());
    assert!(
        harness
            .state()
            .history
            .undo_label()
            .unwrap()
            .starts_with("move of '"),
        "{:?}",
        harness.state().history.undo_label()
    );

    // The title typed in the editor.
    press(&mut harness, Modifiers::NONE, Key::Enter);
    harness.get_by_label("Title").click();
    harness.run();
    press(&mut harness, Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("Title")
        .type_text("Ministry watches for troops");
    harness.run();
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let doc = harness.state().doc().cloned().unwrap();
    assert_eq!(doc.event(0).unwrap().title, "Ministry watches for troops");
    assert_eq!(
        harness.state().history.undo_label(),
        Some("edit of 'Ministry watches for troops'")
    );

    // Saved to a new file (what the save dialog gives), then read back.
    let dir = scratch("build");
    let path = dir.join("chronology.json");
    push(&mut harness, Command::SaveLayerAs(0, path.clone()));
    assert!(path.exists());
    assert!(
        !title(&harness).starts_with("• "),
        "saved: {}",
        title(&harness)
    );
    assert_eq!(
        harness.state().history.undo_label(),
        Some("edit of 'Ministry watches for troops'"),
        "history survives saving"
    );
    let read = chronoscope::formats::load_file(&path).unwrap();
    let back = read.event(0).unwrap();
    // Every field comes back as it was in the app.
    let shown = harness.state().doc().cloned().unwrap();
    assert_eq!(*back, *shown.event(0).unwrap());
    assert_eq!(read.sources.len(), 1);
    let (a, b) = (&read.sources[0], &shown.sources[0]);
    assert_eq!(
        (
            &a.id,
            &a.title,
            &a.author,
            &a.publisher,
            &a.url,
            &a.published,
            &a.text
        ),
        (
            &b.id,
            &b.title,
            &b.author,
            &b.publisher,
            &b.url,
            &b.published,
            &b.text
        )
    );
    assert_eq!(back.title, "Ministry watches for troops");
    assert_eq!(back.start, moved.start);
    assert_eq!(back.evidence[0].quote, quote);
    assert_eq!(back.evidence[0].location, Some(passage.range));
    assert_eq!(read.sources[0].text, doc.sources[0].text);

    // Another edit, then closing asks first.
    assert_eq!(
        harness.state().selection.index,
        Some(0),
        "still selected after saving"
    );
    push(&mut harness, Command::DuplicateSelected);
    assert_eq!(harness.state().doc().unwrap().event_count(), 2);
    assert!(title(&harness).starts_with("• "));
    push(&mut harness, Command::Quit);
    harness.get_by_label_contains("Save the changes to chronology.json before closing?");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.state().panels.prompt.is_none());
    assert_eq!(
        harness.state().doc().unwrap().event_count(),
        2,
        "nothing lost"
    );
    // Save from the prompt: written in place, the old version kept beside it.
    push(&mut harness, Command::Quit);
    harness.get_by_label("Save").click();
    harness.run();
    settle(&mut harness);
    let read = chronoscope::formats::load_file(&path).unwrap();
    assert_eq!(read.event_count(), 2);
    assert!(dir.join("chronology.json~").exists());
}

#[test]
fn an_imported_table_is_saved_under_a_new_name_and_never_written_over() {
    let dir = scratch("imported");
    let csv = dir.join("events.csv");
    std::fs::write(
        &csv,
        "date,title\n2024-06-19,Treaty signed\n2024-10-16,Statement\n",
    )
    .unwrap();
    let before = std::fs::read(&csv).unwrap();
    let mut harness = app_with(StartOptions {
        files: vec![csv.clone()],
        import: Some(chronoscope::formats::ImportOptions::default()),
        ..StartOptions::default()
    });
    let doc = harness.state().doc().cloned().unwrap();
    let mut event = (*doc.event(0).unwrap()).clone();
    event.title = "Treaty signed in Pyongyang".into();
    push(
        &mut harness,
        Command::EditEvent {
            index: 0,
            event: Box::new(event),
            label: "edit of",
        },
    );
    assert!(title(&harness).starts_with("• "));
    // Saving over the table it was read from is refused.
    push(&mut harness, Command::SaveLayerAs(0, csv.clone()));
    harness.get_by_label_contains("never written over");
    assert_eq!(std::fs::read(&csv).unwrap(), before);
    // A new name: written, and the layer is that file from now on.
    let json = dir.join("events.json");
    push(&mut harness, Command::SaveLayerAs(0, json.clone()));
    assert_eq!(
        std::fs::read(&csv).unwrap(),
        before,
        "the table is untouched"
    );
    let read = chronoscope::formats::load_file(&json).unwrap();
    assert_eq!(read.event(0).unwrap().title, "Treaty signed in Pyongyang");
    let layer = &harness.state().layers.files[0];
    assert_eq!(layer.doc.path.as_deref(), Some(json.as_path()));
    assert!(layer.saves_in_place());
    assert!(!title(&harness).starts_with("• "));
}

#[test]
fn unsaved_edits_are_kept_and_offered_back_after_a_crash() {
    let root = scratch("autosave");
    let mut harness = app_with(StartOptions {
        autosave: Some(root.clone()),
        ..StartOptions::default()
    });
    press(&mut harness, Modifiers::COMMAND, Key::N);
    push(
        &mut harness,
        Command::AddSourceText("Kim met Putin on 19 June 2024.".into()),
    );
    push(&mut harness, Command::NewEventAt(1_718_755_200.0));
    // Written a few seconds after the last edit.
    let mine = root
        .join(std::process::id().to_string())
        .join("manifest.json");
    for _ in 0..1000 {
        if mine.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    assert!(mine.exists(), "autosaved");
    // The app ends without saving (a crash): its folder is left.
    drop(harness);
    let crashed = root.join("4000000000");
    std::fs::rename(root.join(std::process::id().to_string()), &crashed).unwrap();
    // Mend the manifest's paths to the renamed folder.
    let manifest = std::fs::read_to_string(crashed.join("manifest.json")).unwrap();
    let mended = manifest.replace(&format!("/{}/", std::process::id()), "/4000000000/");
    std::fs::write(crashed.join("manifest.json"), mended).unwrap();

    let mut harness = app_with(StartOptions {
        autosave: Some(root.clone()),
        ..StartOptions::default()
    });
    harness.get_by_label_contains("closed without saving changes to Untitled chronology");
    harness.get_by_label("Restore").click();
    harness.run();
    settle(&mut harness);
    let app = harness.state();
    let layer = app
        .layers
        .files
        .iter()
        .position(|l| l.doc.name == "Untitled chronology")
        .unwrap();
    assert_eq!(app.layers.files[layer].doc.event_count(), 1);
    assert_eq!(app.layers.files[layer].doc.sources.len(), 1);
    assert!(app.is_dirty(layer), "restored edits are unsaved");
    assert!(!crashed.exists(), "taken back");
}

#[test]
fn a_passage_with_a_date_becomes_an_event_at_that_date_and_a_source_date_is_edited() {
    let mut harness = app_with(StartOptions::default());
    press(&mut harness, Modifiers::COMMAND, Key::N);
    let text = "Seoul said on Wednesday that troops were moving. On 3 October 2024 the ministry confirmed the strike near Donetsk. Nothing else was said.";
    push(&mut harness, Command::AddSourceText(text.to_owned()));
    // The source's publication date, typed in its form.
    harness.get_by_label("Published").click();
    harness.run();
    harness.get_by_label("Published").type_text("2024-10-16");
    harness.run();
    harness.get_by_label_contains("Wed 16 October 2024: relative dates refer to it");
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let published = harness.state().doc().unwrap().sources[0].published.clone();
    assert_eq!(published, Some(Date::parse("2024-10-16").unwrap()));
    assert!(
        harness
            .state()
            .history
            .undo_label()
            .unwrap()
            .starts_with("change of source")
    );

    // The second sentence selected (from the keyboard: the text is a
    // field that can be selected, not edited), then the context menu.
    let start = text.find("On 3 October").unwrap();
    let end = text.find(" Nothing").unwrap();
    harness.state_mut().push(Command::SelectPassage(Some(
        chronoscope::app::editing::Passage {
            source: 0,
            range: start..end,
        },
    )));
    harness.run();
    harness.get_by_label("New event from selection").click();
    harness.run();
    let doc = harness.state().doc().cloned().unwrap();
    assert_eq!(
        doc.event_count(),
        1,
        "placed at once: its date is in the passage"
    );
    let event = doc.event(0).unwrap();
    assert_eq!(event.start, Date::parse("2024-10-03").unwrap());
    assert_eq!(
        event.title,
        "On 3 October 2024 the ministry confirmed the strike near Donetsk"
    );
    assert_eq!(event.evidence[0].quote, &text[start..end]);
    assert!(harness.state().panels.pending.is_none());

    // Undo twice: the event, then the source's date.
    press(&mut harness, Modifiers::NONE, Key::Escape);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    let doc = harness.state().doc().cloned().unwrap();
    assert_eq!(doc.event_count(), 0);
    assert_eq!(doc.sources[0].published, None);
    // Redo (Ctrl+Y) brings the date back.
    press(&mut harness, Modifiers::COMMAND, Key::Y);
    assert!(
        harness.state().doc().unwrap().sources[0]
            .published
            .is_some()
    );
}

/// Steps the app until `done` holds (files are watched and read on other
/// threads), for at most 20 s.
fn run_until(
    harness: &mut Harness<'_, ChronoscopeApp>,
    done: impl Fn(&ChronoscopeApp) -> bool,
) -> bool {
    for _ in 0..2000 {
        harness.step();
        if done(harness.state()) {
            harness.run();
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    false
}

fn open_copy(name: &str) -> (PathBuf, Harness<'static, ChronoscopeApp>) {
    let dir = scratch(name);
    let path = dir.join("events.json");
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    std::fs::copy(data.join("siege.json"), &path).unwrap();
    std::fs::copy(
        data.join("siege-chronicle.txt"),
        dir.join("siege-chronicle.txt"),
    )
    .unwrap();
    let harness = app_with(StartOptions {
        files: vec![path.clone()],
        ..StartOptions::default()
    });
    (path, harness)
}

fn retitle_first(harness: &mut Harness<'_, ChronoscopeApp>, title: &str) {
    let doc = harness.state().doc().cloned().unwrap();
    let mut event = (*doc.event(0).unwrap()).clone();
    title.clone_into(&mut event.title);
    push(
        harness,
        Command::EditEvent {
            index: 0,
            event: Box::new(event),
            label: "edit of",
        },
    );
}

#[test]
fn a_file_changed_on_disk_while_it_has_unsaved_edits_asks_instead_of_reloading() {
    let (path, mut harness) = open_copy("changed-on-disk");
    retitle_first(&mut harness, "Edited here");
    let on_disk = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, on_disk.replacen("\"title\"", "\"title\" ", 1)).unwrap();
    assert!(
        run_until(&mut harness, |app| app.panels.prompt.is_some()),
        "the change on disk is told"
    );
    harness.get_by_label_contains("it changed on disk");
    assert_eq!(
        harness.state().doc().unwrap().event(0).unwrap().title,
        "Edited here"
    );
    // Cancel keeps the edits; the file is not read again.
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(
        harness.state().doc().unwrap().event(0).unwrap().title,
        "Edited here"
    );
    // Closing the file asks too; Discard closes it.
    push(&mut harness, Command::CloseLayer(0));
    harness.get_by_label_contains("before closing the file?");
    harness.get_by_label("Discard").click();
    harness.run();
    assert!(harness.state().layers.files.is_empty());
}

#[test]
fn a_saved_file_is_not_read_again_as_a_change_on_disk_and_keeps_its_history() {
    let (path, mut harness) = open_copy("own-save");
    retitle_first(&mut harness, "Edited here");
    press(&mut harness, Modifiers::COMMAND, Key::S);
    settle(&mut harness);
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains("Edited here"));
    // A while later: no reload, no question; undo still knows the edit.
    for _ in 0..100 {
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(harness.state().panels.prompt.is_none());
    assert_eq!(
        harness.state().history.undo_label(),
        Some("edit of 'Edited here'")
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_ne!(
        harness.state().doc().unwrap().event(0).unwrap().title,
        "Edited here"
    );
    assert!(title(&harness).starts_with("• "), "unsaved again");
}
